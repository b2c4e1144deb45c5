//! The news message: a header, the package item for the issue (one group
//! per page) and one news item per article.

use crate::names::*;
use crate::plan::{self, Item};
use crate::xhtml;
use crate::xml::XmlOut;
use crate::NewsmlOptions;
use newsconv_core::{Article, Diagnostic, Issue, Jump, Level, Page};

/// Placeholder for the required date-times when the issue date is unknown:
/// the Unix epoch, which no real issue carries. The model keeps the date
/// unset (the reader restores it from the extension, not from here).
pub const UNKNOWN_DATETIME: &str = "1970-01-01T00:00:00Z";
/// Provider literal when the publisher is unknown.
pub const UNKNOWN_PROVIDER: &str = "unknown";

struct Ctx<'a> {
    issue: &'a Issue,
    items: Vec<Item>,
    lang: String,
    datetime: String,
    notes: Vec<Diagnostic>,
    prefix: String,
}

/// Render the whole document; returns its bytes and the diagnostics.
pub fn render(issue: &Issue, opts: &NewsmlOptions) -> (Vec<u8>, Vec<Diagnostic>) {
    let mut notes = Vec::new();
    let lang = if plan::valid_lang(issue.lang()) {
        issue.lang().to_string()
    } else {
        notes.push(Diagnostic::warning(
            "newsml-language",
            format!(
                "language {:?} is not a language tag; xml:lang says `und`",
                issue.lang()
            ),
            None,
        ));
        "und".to_string()
    };
    let datetime = match issue.date {
        Some(d) => format!("{d}T00:00:00"),
        None => {
            notes.push(Diagnostic::info("newsml-date", format!("issue date unknown (give --date); versionCreated uses the placeholder {UNKNOWN_DATETIME}"), None));
            UNKNOWN_DATETIME.to_string()
        }
    };
    let prefix = plan::guid_prefix(issue, opts.guid_prefix.as_deref());
    let items = plan::items(issue, &prefix);
    let mut c = Ctx {
        issue,
        items,
        lang,
        datetime,
        notes,
        prefix: prefix.clone(),
    };
    let mut x = XmlOut::new();
    x.start(
        "newsMessage",
        &[("xmlns", NAR), (&format!("xmlns:{NC_PREFIX}"), NC)],
    );
    x.start("header", &[]);
    x.text_elem("sent", &[], &c.datetime);
    x.end("header");
    x.start("itemSet", &[]);
    let mut seen: std::collections::BTreeSet<String> =
        c.items.iter().map(|i| i.guid.clone()).collect();
    let package_guid = plan::unique(&mut seen, format!("{prefix}issue"));
    package(&mut x, &c, &package_guid);
    for i in 0..c.items.len() {
        news_item(&mut x, &c, &c.items[i]);
    }
    for (img, href) in pictures(issue) {
        picture_item(&mut x, &c, img, &href);
    }
    x.end("itemSet");
    x.end("newsMessage");
    let (bytes, mut diags) = x.finish();
    c.notes.append(&mut diags);
    (bytes, c.notes)
}

/// The photos that become picture items: those with a file beside the
/// outputs, with its path, in page order.
fn pictures(issue: &Issue) -> Vec<(&newsconv_core::Image, String)> {
    issue
        .pages
        .iter()
        .flat_map(|p| p.images.iter())
        .filter(|i| i.is_photo())
        .filter_map(|i| Some((i, issue.image_path(i)?)))
        .collect()
}

/// A reference from a page group to a picture item, when the photo has one.
fn picture_ref(x: &mut XmlOut, c: &Ctx<'_>, id: &str) {
    let Some(img) = c
        .issue
        .image(id)
        .filter(|i| i.is_photo() && c.issue.image_path(i).is_some())
    else {
        return;
    };
    let guid = format!("{}{}", c.prefix, img.id);
    x.start(
        "itemRef",
        &[("residref", &guid), ("contenttype", NEWSITEM_TYPE)],
    );
    x.empty("itemClass", &[("qcode", "ninat:picture")]);
    x.end("itemRef");
}

/// A photo as a picture item: its caption as `description`, its credit as
/// `creditline`, the file beside the message as `remoteContent`.
fn picture_item(x: &mut XmlOut, c: &Ctx<'_>, img: &newsconv_core::Image, href: &str) {
    let issue = c.issue;
    x.set_context(format!("page {} image {}", img.page, img.id));
    item_start(x, c, "newsItem", &format!("{}{}", c.prefix, img.id));
    item_meta_head(x, c, "ninat:picture");
    x.end("itemMeta");
    let article = img
        .article
        .as_deref()
        .and_then(|id| issue.articles().map(|(_, a)| a).find(|a| a.id == id));
    let caption = article
        .zip(img.caption)
        .and_then(|(a, k)| a.captions.get(k));
    x.start("contentMeta", &[]);
    x.empty("language", &[("tag", &c.lang)]);
    if let Some(h) = article.and_then(|a| a.headline.as_deref()) {
        x.text_elem("headline", &[], h);
    }
    if let Some(cr) = caption.and_then(|c| c.credit.as_deref()) {
        x.text_elem("creditline", &[], cr);
    }
    if let Some(t) = caption
        .map(|c| c.text.as_str())
        .filter(|t| !t.trim().is_empty())
    {
        x.text_elem("description", &[], t);
    }
    x.end("contentMeta");
    x.start("contentSet", &[]);
    let (size, w, h) = (
        img.size.unwrap_or(0).to_string(),
        img.width.to_string(),
        img.height.to_string(),
    );
    let media = img.media_type().unwrap_or("application/octet-stream");
    x.empty(
        "remoteContent",
        &[
            ("href", href),
            ("size", &size),
            ("contenttype", media),
            ("width", &w),
            ("height", &h),
        ],
    );
    x.end("contentSet");
    x.end("newsItem");
}

fn item_start(x: &mut XmlOut, c: &Ctx<'_>, name: &str, guid: &str) {
    x.start(
        name,
        &[
            ("standard", "NewsML-G2"),
            ("standardversion", STANDARD_VERSION),
            ("conformance", "power"),
            ("guid", guid),
            ("version", "1"),
            ("xml:lang", &c.lang),
        ],
    );
    x.start("catalog", &[]);
    for (alias, uri, what) in SCHEMES {
        x.start("scheme", &[("alias", alias), ("uri", uri)]);
        x.text_elem("definition", &[], what);
        x.end("scheme");
    }
    x.end("catalog");
}

fn item_meta_head(x: &mut XmlOut, c: &Ctx<'_>, class: &str) {
    x.start("itemMeta", &[]);
    x.empty("itemClass", &[("qcode", class)]);
    match c.issue.publisher.as_deref() {
        Some(p) => {
            x.start("provider", &[]);
            x.text_elem("name", &[], &one_line(p));
            x.end("provider");
        }
        None => x.empty("provider", &[("literal", UNKNOWN_PROVIDER)]),
    }
    x.text_elem("versionCreated", &[], &c.datetime);
    x.empty("pubStatus", &[("qcode", "stat:usable")]);
}

/// `name` elements are `g2normalizedString`: no whitespace but spaces.
/// (The exact text is kept in the extension.)
fn one_line(s: &str) -> String {
    s.replace(['\t', '\n', '\r'], " ")
}

fn opt_attr<'a>(v: &mut Vec<(&'a str, &'a str)>, k: &'a str, val: &'a Option<String>) {
    if let Some(s) = val {
        v.push((k, s));
    }
}

fn diagnostics(x: &mut XmlOut, ds: &[Diagnostic]) {
    for d in ds {
        let level = match d.level {
            Level::Info => "info",
            Level::Warning => "warning",
            Level::Error => "error",
        };
        let line = d.line.map(|l| l.to_string());
        let mut a = vec![("level", level), ("code", d.code.as_str())];
        if let Some(l) = &line {
            a.push(("line", l));
        }
        x.text_elem("nc:diagnostic", &a, &d.message);
    }
}

fn package(x: &mut XmlOut, c: &Ctx<'_>, guid: &str) {
    let issue = c.issue;
    x.set_context("issue");
    item_start(x, c, "packageItem", guid);
    item_meta_head(x, c, "ninat:composite");
    let date = issue.date.map(|d| d.to_string());
    let title: Vec<&str> = [&issue.title, &date, &issue.edition]
        .iter()
        .filter_map(|s| s.as_deref())
        .collect();
    if !title.is_empty() {
        x.text_elem("title", &[], &title.join(" "));
    }
    x.start("nc:issue", &[]);
    for (k, v) in [
        ("title", &issue.title),
        ("date", &date),
        ("publisher", &issue.publisher),
        ("edition", &issue.edition),
        ("language", &issue.language),
        ("source", &issue.source),
    ] {
        // A field read off the page furniture says so.
        let from_page = issue.from_page.iter().any(|f| f.as_str() == k);
        let a: &[(&str, &str)] = if from_page { &[("from", "page")] } else { &[] };
        if let Some(v) = v {
            x.text_elem(&format!("nc:{k}"), a, v);
        }
    }
    x.end("nc:issue");
    x.end("itemMeta");
    x.start("groupSet", &[("root", "root")]);
    x.start(
        "group",
        &[
            ("id", "root"),
            ("role", "ncgrp:issue"),
            ("mode", "pgrmod:seq"),
        ],
    );
    for i in 0..issue.pages.len() {
        x.empty("groupRef", &[("idref", &format!("g{}", i + 1))]);
    }
    x.end("group");
    for (pi, page) in issue.pages.iter().enumerate() {
        x.set_context(format!("page {}", page.number));
        x.start(
            "group",
            &[
                ("id", &format!("g{}", pi + 1)),
                ("role", "ncgrp:page"),
                ("mode", "pgrmod:seq"),
            ],
        );
        x.text_elem("title", &[], &plan::page_title(page));
        for ai in 0..page.articles.len() {
            let (item, part) = c
                .items
                .iter()
                .find_map(|it| {
                    it.parts
                        .iter()
                        .position(|&k| k == (pi, ai))
                        .map(|n| (it, n))
                })
                .expect("every article is in exactly one item");
            let part = part.to_string();
            x.start(
                "itemRef",
                &[
                    ("residref", &item.guid),
                    ("contenttype", NEWSITEM_TYPE),
                    ("nc:part", &part),
                ],
            );
            x.empty("itemClass", &[("qcode", "ninat:text")]);
            x.text_elem("title", &[], &page.articles[ai].title().0);
            x.end("itemRef");
            for id in &page.articles[ai].photos {
                picture_ref(x, c, id);
            }
        }
        for id in page
            .standalone_photos
            .iter()
            .filter(|id| !page.articles.iter().any(|a| a.photos.contains(id)))
        {
            picture_ref(x, c, id);
        }
        page_ext(x, page);
        x.end("group");
    }
    x.end("groupSet");
    x.end("packageItem");
}

fn page_ext(x: &mut XmlOut, page: &Page) {
    let number = page.number.to_string();
    let mut a = vec![("number", number.as_str())];
    opt_attr(&mut a, "label", &page.label);
    opt_attr(&mut a, "section", &page.section);
    x.start("nc:page", &a);
    for f in &page.furniture {
        let line = f.line.map(|l| l.to_string());
        let mut a = vec![("kind", f.kind.as_str())];
        if let Some(l) = &line {
            a.push(("line", l));
        }
        if f.people.is_empty() {
            x.text_elem("nc:furniture", &a, &f.text);
            continue;
        }
        // A credit's people as children, the printed text as an attribute.
        a.push(("text", &f.text));
        x.start("nc:furniture", &a);
        for p in &f.people {
            let a: Vec<(&str, &str)> = p.role.iter().map(|r| ("role", r.as_str())).collect();
            x.text_elem("nc:person", &a, &p.name);
        }
        x.end("nc:furniture");
    }
    for u in &page.unassigned {
        let line = u.line.map(|l| l.to_string());
        let a: Vec<(&str, &str)> = line.iter().map(|l| ("line", l.as_str())).collect();
        x.text_elem("nc:unassigned", &a, &u.text);
    }
    diagnostics(x, &page.diagnostics);
    x.end("nc:page");
}

/// The creator-role code for a role as printed.
pub fn creator_role(printed: &str) -> &'static str {
    if printed.contains('摄') {
        "ncrole:photographer"
    } else if printed.contains("通讯员") {
        "ncrole:correspondent"
    } else if printed.contains("记者") {
        "ncrole:reporter"
    } else if printed.contains("编辑") {
        "ncrole:editor"
    } else {
        "ncrole:author"
    }
}

fn news_item(x: &mut XmlOut, c: &Ctx<'_>, item: &Item) {
    let issue = c.issue;
    let parts: Vec<(&Page, &Article)> = item
        .parts
        .iter()
        .map(|&(p, a)| (&issue.pages[p], &issue.pages[p].articles[a]))
        .collect();
    let (head_page, head) = parts[0];
    x.set_context(format!(
        "page {} article {}",
        head_page.number,
        if head.id.is_empty() {
            &item.guid
        } else {
            &head.id
        }
    ));
    item_start(x, c, "newsItem", &item.guid);
    item_meta_head(x, c, "ninat:text");
    x.text_elem("title", &[], &head.title().0);
    let mut pages: Vec<String> = Vec::new();
    for (p, _) in &parts {
        let t = plan::page_title(p);
        if !pages.contains(&t) {
            pages.push(t);
        }
    }
    x.text_elem("edNote", &[], &format!("版面：{}", pages.join("；")));
    // Text recognised by OCR is said to be so, page by page.
    let mut notes: Vec<String> = Vec::new();
    for (p, _) in &parts {
        if let Some(o) = &p.ocr {
            let note = format!("{}: {}", plan::page_title(p), o.note());
            if !notes.contains(&note) {
                notes.push(note);
            }
        }
    }
    for n in &notes {
        x.text_elem("edNote", &[], n);
    }
    x.end("itemMeta");

    x.start("contentMeta", &[]);
    let mut people: Vec<(&str, Option<&str>)> = Vec::new();
    for (_, a) in &parts {
        for p in a.byline.iter().flat_map(|b| &b.people) {
            let key = (p.name.as_str(), p.role.as_deref());
            if !people.contains(&key) {
                people.push(key);
            }
        }
    }
    for (name, role) in people {
        let a: Vec<(&str, &str)> = role
            .map(|r| ("role", creator_role(r)))
            .into_iter()
            .collect();
        x.start("creator", &a);
        x.text_elem("name", &[], &one_line(name));
        x.end("creator");
    }
    x.empty("language", &[("tag", &c.lang)]);
    for (role, v) in [
        (HL_COLUMN, &head.column),
        (HL_KICKER, &head.kicker),
        (HL_MAIN, &head.headline),
        (HL_SUBTITLE, &head.subheadline),
    ] {
        if let Some(v) = v {
            x.text_elem("headline", &[("role", role)], v);
        }
    }
    if let Some(d) = &head.dateline {
        x.text_elem("dateline", &[], d);
    }
    if let Some(b) = &head.byline {
        x.text_elem("by", &[], &b.text);
    }
    for (_, a) in &parts {
        part_ext(x, a);
    }
    x.end("contentMeta");

    x.start("contentSet", &[]);
    x.start("inlineXML", &[("contenttype", "application/xhtml+xml")]);
    xhtml::body(x, &c.lang, &head.title().0, &parts);
    x.end("inlineXML");
    x.end("contentSet");
    x.end("newsItem");
}

fn jump(x: &mut XmlOut, name: &str, j: &Option<Jump>) {
    if let Some(j) = j {
        let page = j.page.map(|p| p.to_string());
        let mut a: Vec<(&str, &str)> = page.iter().map(|p| ("page", p.as_str())).collect();
        opt_attr(&mut a, "label", &j.label);
        opt_attr(&mut a, "article", &j.article);
        x.empty(name, &a);
    }
}

fn part_ext(x: &mut XmlOut, a: &Article) {
    let (start, end) = (
        a.source.map(|s| s.start.to_string()),
        a.source.map(|s| s.end.to_string()),
    );
    let conf = a.confidence.map(|c| c.to_string());
    let mut at = vec![("id", a.id.as_str()), ("kind", a.kind.name())];
    if let (Some(s), Some(e)) = (&start, &end) {
        at.push(("start", s));
        at.push(("end", e));
    }
    if let Some(c) = &conf {
        at.push(("confidence", c));
    }
    x.start("nc:part", &at);
    if let Some(b) = &a.byline {
        let mut ba = Vec::new();
        if let Some(p) = b.position {
            ba.push(("position", p.as_str()));
        }
        x.start("nc:byline", &ba);
        for p in &b.people {
            let mut pa = vec![("name", p.name.as_str())];
            opt_attr(&mut pa, "role", &p.role);
            x.empty("nc:person", &pa);
        }
        x.end("nc:byline");
    }
    jump(x, "nc:continuedTo", &a.continued_to);
    jump(x, "nc:continuedFrom", &a.continued_from);
    diagnostics(x, &a.diagnostics);
    x.end("nc:part");
}
