//! Rebuild the model from a news message written by [`crate::write`]:
//! pages from the package's groups, articles from the news items' XHTML
//! bodies plus the newsconv extension elements.

use crate::dom::{self, Elem};
use crate::names::{class, NAR, NC, XHTML};
use newsconv_core::*;
use std::collections::BTreeMap;

fn bad(path: &str, message: impl Into<String>) -> ImportError {
    ImportError::Malformed {
        path: path.to_string(),
        message: message.into(),
    }
}

fn need<'a>(parent: &'a Elem, ns: &str, name: &str, path: &str) -> Result<&'a Elem, ImportError> {
    parent
        .child(ns, name)
        .ok_or_else(|| bad(path, format!("missing <{name}> (line {})", parent.line)))
}

fn num<T: std::str::FromStr>(
    v: Option<&str>,
    path: &str,
    what: &str,
) -> Result<Option<T>, ImportError> {
    match v {
        None => Ok(None),
        Some(s) => s
            .parse()
            .map(Some)
            .map_err(|_| bad(path, format!("{what} {s:?} is not a whole number"))),
    }
}

fn owned(v: Option<&str>) -> Option<String> {
    v.map(str::to_string)
}

/// Read a news message written by newsconv.
pub fn read(bytes: &[u8]) -> Result<Issue, ImportError> {
    let root = dom::parse(bytes)?;
    if !root.is(NAR, "newsMessage") {
        let ns = root
            .ns
            .as_deref()
            .map(|n| format!(" in namespace {n}"))
            .unwrap_or_default();
        return Err(bad(
            "/",
            format!(
                "root element is <{}>{ns}, not a NewsML-G2 <newsMessage> (namespace {NAR})",
                root.name
            ),
        ));
    }
    let set = need(&root, NAR, "itemSet", "/newsMessage")?;
    let mut packages = set.all(NAR, "packageItem");
    let package = packages.next().ok_or_else(|| {
        bad(
            "/newsMessage/itemSet",
            "no packageItem: not an issue written by newsconv",
        )
    })?;
    if packages.next().is_some() {
        return Err(bad("/newsMessage/itemSet", "more than one packageItem"));
    }
    let items = items_by_guid(set)?;
    let pp = "/newsMessage/itemSet/packageItem";
    let mut issue = issue_fields(package, pp)?;

    let gp = format!("{pp}/groupSet");
    let gs = need(package, NAR, "groupSet", pp)?;
    let mut groups: BTreeMap<&str, &Elem> = BTreeMap::new();
    for g in gs.all(NAR, "group") {
        let id = g
            .attr("id")
            .ok_or_else(|| bad(&gp, format!("group at line {} has no id", g.line)))?;
        groups.insert(id, g);
    }
    let root_id = gs.attr("root").ok_or_else(|| bad(&gp, "missing @root"))?;
    let root_group = groups
        .get(root_id)
        .ok_or_else(|| bad(&gp, format!("@root {root_id:?} names no group")))?;
    let mut parts_cache: BTreeMap<&str, Vec<Option<Article>>> = BTreeMap::new();
    for r in root_group.all(NAR, "groupRef") {
        let idref = r.attr("idref").unwrap_or("");
        let g = groups.get(idref).ok_or_else(|| {
            bad(
                &gp,
                format!("groupRef @idref {idref:?} (line {}) names no group", r.line),
            )
        })?;
        let path = format!("{gp}/group[@id={idref:?}]");
        let ext = need(g, NC, "page", &path)?;
        let ep = format!("{path}/nc:page");
        let mut page = page_fields(ext, &ep)?;
        for iref in g.all(NAR, "itemRef").filter(|r| !is_picture(r)) {
            let guid = iref.attr("residref").unwrap_or("");
            let rp = format!("{path}/itemRef[@residref={guid:?}]");
            let item = items
                .get(guid)
                .ok_or_else(|| bad(&rp, "names no newsItem in this message"))?;
            let n: usize = num(iref.attr_ns(NC, "part"), &rp, "nc:part")?.unwrap_or(0);
            if !parts_cache.contains_key(guid) {
                parts_cache.insert(guid, news_item(item, guid)?.into_iter().map(Some).collect());
            }
            let parts = parts_cache.get_mut(guid).expect("just inserted");
            let slot = parts
                .get_mut(n)
                .ok_or_else(|| bad(&rp, format!("the item has no part {n}")))?;
            page.articles.push(
                slot.take()
                    .ok_or_else(|| bad(&rp, format!("part {n} is listed twice")))?,
            );
        }
        issue.pages.push(page);
    }
    all_placed(&items, &parts_cache)?;
    Ok(issue)
}

/// A picture item or a reference to one (`ninat:picture`): the photos are
/// files beside the message, not read back.
fn is_picture(e: &Elem) -> bool {
    e.child(NAR, "itemClass").and_then(|c| c.attr("qcode")) == Some("ninat:picture")
}

/// The news items by guid; a guid missing or given twice is an error.
fn items_by_guid(set: &Elem) -> Result<BTreeMap<&str, &Elem>, ImportError> {
    let mut items: BTreeMap<&str, &Elem> = BTreeMap::new();
    for it in set
        .all(NAR, "newsItem")
        .filter(|it| !it.child(NAR, "itemMeta").is_some_and(is_picture))
    {
        let guid = it
            .attr("guid")
            .ok_or_else(|| bad(&format!("newsItem at line {}", it.line), "missing guid"))?;
        if items.insert(guid, it).is_some() {
            return Err(bad(&format!("newsItem[@guid={guid:?}]"), "duplicate guid"));
        }
    }
    Ok(items)
}

/// The issue's own fields, from the package's `<nc:issue>`.
fn issue_fields(package: &Elem, pp: &str) -> Result<Issue, ImportError> {
    let meta = need(package, NAR, "itemMeta", pp)?;
    let ext = meta.child(NC, "issue").ok_or_else(|| {
        bad(
            &format!("{pp}/itemMeta"),
            format!("no <nc:issue> ({NC}): only NewsML-G2 written by newsconv can be read"),
        )
    })?;
    let mut issue = Issue::new();
    let field = |k: &str| ext.child(NC, k).map(|e| e.text());
    issue.title = field("title");
    issue.date = match field("date") {
        Some(d) => Some(d.parse().map_err(|e: newsconv_core::DateError| {
            bad(&format!("{pp}/itemMeta/nc:issue/nc:date"), e.to_string())
        })?),
        None => None,
    };
    issue.publisher = field("publisher");
    issue.edition = field("edition");
    issue.language = field("language");
    issue.source = field("source");
    for f in [IssueField::Title, IssueField::Date, IssueField::Edition] {
        if ext
            .child(NC, f.as_str())
            .is_some_and(|e| e.attr("from") == Some("page"))
        {
            issue.from_page.push(f);
        }
    }
    Ok(issue)
}

/// A page's own fields (number, label, section, furniture, unplaced text,
/// diagnostics), from its group's `<nc:page>`.
fn page_fields(ext: &Elem, ep: &str) -> Result<Page, ImportError> {
    let mut page = Page {
        number: num(ext.attr("number"), ep, "page number")?
            .ok_or_else(|| bad(ep, "missing @number"))?,
        label: owned(ext.attr("label")),
        section: owned(ext.attr("section")),
        ..Default::default()
    };
    for f in ext.all(NC, "furniture") {
        let kind = f
            .attr("kind")
            .unwrap_or("")
            .parse()
            .map_err(|e: String| bad(&format!("{ep}/nc:furniture"), e))?;
        let people = f
            .all(NC, "person")
            .map(|p| Person {
                name: p.text(),
                role: owned(p.attr("role")),
            })
            .collect();
        let text = f
            .attr("text")
            .map(str::to_string)
            .unwrap_or_else(|| f.text());
        page.furniture.push(Furniture {
            kind,
            text,
            line: num(f.attr("line"), ep, "line")?,
            people,
        });
    }
    for u in ext.all(NC, "unassigned") {
        page.unassigned.push(Unassigned {
            text: u.text(),
            line: num(u.attr("line"), ep, "line")?,
        });
    }
    page.diagnostics = diagnostics(ext, ep)?;
    Ok(page)
}

/// Nothing may be lost: every part of every item is on some page.
fn all_placed(
    items: &BTreeMap<&str, &Elem>,
    parts_cache: &BTreeMap<&str, Vec<Option<Article>>>,
) -> Result<(), ImportError> {
    for (guid, item) in items {
        match parts_cache.get(guid) {
            None => {
                return Err(bad(
                    &format!("newsItem[@guid={guid:?}]"),
                    format!("listed in no page group (line {})", item.line),
                ))
            }
            Some(parts) => {
                if let Some(n) = parts.iter().position(Option::is_some) {
                    return Err(bad(
                        &format!("newsItem[@guid={guid:?}]"),
                        format!("part {n} is listed in no page group"),
                    ));
                }
            }
        }
    }
    Ok(())
}

fn diagnostics(parent: &Elem, path: &str) -> Result<Vec<Diagnostic>, ImportError> {
    parent
        .all(NC, "diagnostic")
        .map(|d| {
            let level = match d.attr("level") {
                Some("info") | None => Level::Info,
                Some("warning") => Level::Warning,
                Some("error") => Level::Error,
                Some(o) => return Err(bad(path, format!("unknown diagnostic level {o:?}"))),
            };
            Ok(Diagnostic {
                level,
                code: d.attr("code").unwrap_or("").into(),
                message: d.text(),
                line: num(d.attr("line"), path, "line")?,
            })
        })
        .collect()
}

fn jump(e: Option<&Elem>, path: &str) -> Result<Option<Jump>, ImportError> {
    e.map(|j| {
        Ok(Jump {
            page: num(j.attr("page"), path, "page")?,
            label: owned(j.attr("label")),
            article: owned(j.attr("article")),
        })
    })
    .transpose()
}

/// The parts of one news item, in order.
fn news_item(item: &Elem, guid: &str) -> Result<Vec<Article>, ImportError> {
    let ip = format!("newsItem[@guid={guid:?}]");
    let cm = need(item, NAR, "contentMeta", &ip)?;
    let exts: Vec<&Elem> = cm.all(NC, "part").collect();
    let html = need(item, NAR, "contentSet", &ip)
        .and_then(|cs| need(cs, NAR, "inlineXML", &format!("{ip}/contentSet")))
        .and_then(|ix| need(ix, XHTML, "html", &format!("{ip}/contentSet/inlineXML")))?;
    let body = need(html, XHTML, "body", &format!("{ip}/…/html"))?;
    let divs: Vec<&Elem> = body
        .all(XHTML, "div")
        .filter(|d| d.attr("class") == Some(class::PART))
        .collect();
    if divs.len() != exts.len() || divs.is_empty() {
        return Err(bad(
            &ip,
            format!(
                "{} <nc:part> records but {} XHTML div.part",
                exts.len(),
                divs.len()
            ),
        ));
    }
    exts.iter()
        .zip(&divs)
        .enumerate()
        .map(|(i, (ext, div))| part(ext, div, &format!("{ip}/part[{i}]")))
        .collect()
}

fn part(ext: &Elem, div: &Elem, path: &str) -> Result<Article, ImportError> {
    let name = ext.attr("kind").unwrap_or("article");
    let Some(kind) = ArticleKind::from_name(name) else {
        return Err(bad(path, format!("unknown article kind {name:?}")));
    };
    let source = match (
        num(ext.attr("start"), path, "start")?,
        num(ext.attr("end"), path, "end")?,
    ) {
        (Some(start), Some(end)) => Some(Span { start, end }),
        _ => None,
    };
    let mut a = Article {
        id: ext.attr("id").unwrap_or("").into(),
        kind,
        source,
        confidence: num(ext.attr("confidence"), path, "confidence")?,
        continued_to: jump(ext.child(NC, "continuedTo"), path)?,
        continued_from: jump(ext.child(NC, "continuedFrom"), path)?,
        diagnostics: diagnostics(ext, path)?,
        ..Default::default()
    };
    let mut byline_text = None;
    for e in div.elems() {
        if e.ns.as_deref() != Some(XHTML) {
            return Err(bad(
                path,
                format!(
                    "unexpected <{}> in the XHTML body (line {})",
                    e.name, e.line
                ),
            ));
        }
        let cls = e.attr("class");
        match (e.name.as_str(), cls) {
            ("p", None) => a.blocks.push(Block::paragraph(e.text())),
            ("h2", _) => a.blocks.push(Block::heading(e.text())),
            ("h1", _) => a.headline = Some(e.text()),
            ("p", Some(class::NOTE)) => a.blocks.push(Block::note(e.text())),
            ("p", Some(class::COLUMN)) => a.column = Some(e.text()),
            ("p", Some(class::KICKER)) => a.kicker = Some(e.text()),
            ("p", Some(class::SUBHEADLINE)) => a.subheadline = Some(e.text()),
            ("p", Some(class::BYLINE)) => byline_text = Some(e.text()),
            ("p", Some(class::DATELINE)) => a.dateline = Some(e.text()),
            ("p", Some(c)) if c.split(' ').next() == Some(class::JUMP) => {}
            ("div", Some(class::CAPTION)) => {
                let text = e
                    .elems()
                    .find(|p| p.attr("class") == Some(class::CAPTION_TEXT))
                    .map(|p| p.text())
                    .unwrap_or_default();
                let credit = e
                    .elems()
                    .find(|p| p.attr("class") == Some(class::CREDIT))
                    .map(|p| p.text());
                a.captions.push(Caption { text, credit });
            }
            (n, c) => {
                return Err(bad(
                    path,
                    format!(
                        "unexpected <{n}{}> in the XHTML body (line {})",
                        c.map(|c| format!(" class={c:?}")).unwrap_or_default(),
                        e.line
                    ),
                ))
            }
        }
    }
    if let Some(text) = byline_text {
        let b = ext.child(NC, "byline");
        let people = b
            .map(|b| {
                b.all(NC, "person")
                    .map(|p| Person {
                        name: p.attr("name").unwrap_or("").into(),
                        role: owned(p.attr("role")),
                    })
                    .collect()
            })
            .unwrap_or_default();
        let position = b
            .and_then(|b| b.attr("position"))
            .map(|p| p.parse().map_err(|e: String| bad(path, e)))
            .transpose()?;
        a.byline = Some(Byline {
            text,
            people,
            position,
        });
    }
    Ok(a)
}
