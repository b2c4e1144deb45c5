//! newsconv's own fields in the MODS record (`mods:extension`, namespace
//! [`NC`]): what the model holds that METS, MODS and ALTO have no place
//! for, so that a package reads back into the same issue. Per page its
//! number, label and section; per article (in the logical map's order) its
//! id, kind, input span, confidence, byline people and position, caption
//! credits and jumps; the page furniture and unplaced text (not in the
//! logical map); the parser's diagnostics. Text the ALTO and the logical
//! map hold is not repeated here.

use crate::xml::Xml;
use newsconv_core::{Article, Diagnostic, Issue, Jump, Level, Page, Person};

/// The namespace of newsconv's fields.
pub const NC: &str = "urn:newsconv:ns:mets:1";

/// Write the extension.
pub fn write(x: &mut Xml, issue: &Issue) {
    x.start("mods:extension", &[]);
    let from: Vec<&str> = issue.from_page.iter().map(|f| f.as_str()).collect();
    let from = from.join(" ");
    let mut a = vec![("xmlns:nc", NC)];
    if let Some(s) = &issue.source {
        a.push(("source", s));
    }
    if !from.is_empty() {
        a.push(("from_page", &from));
    }
    x.start("nc:issue", &a);
    for p in &issue.pages {
        page(x, p);
    }
    x.end("nc:issue");
    x.end("mods:extension");
}

/// `<name attrs/>`, or with children when `children` writes any.
fn node(
    x: &mut Xml,
    name: &str,
    attrs: &[(&str, &str)],
    has_children: bool,
    children: impl FnOnce(&mut Xml),
) {
    if has_children {
        x.start(name, attrs);
        children(x);
        x.end(name);
    } else {
        x.empty(name, attrs);
    }
}

fn page(x: &mut Xml, p: &Page) {
    let number = p.number.to_string();
    let mut a = vec![("number", number.as_str())];
    if let Some(l) = &p.label {
        a.push(("label", l));
    }
    if let Some(s) = &p.section {
        a.push(("section", s));
    }
    x.start("nc:page", &a);
    for art in &p.articles {
        article(x, art);
    }
    for f in &p.furniture {
        let line = f.line.map(|l| l.to_string());
        let mut a = vec![("kind", f.kind.as_str()), ("text", f.text.as_str())];
        if let Some(l) = &line {
            a.push(("line", l));
        }
        node(x, "nc:furniture", &a, !f.people.is_empty(), |x| {
            people(x, &f.people)
        });
    }
    for u in &p.unassigned {
        let line = u.line.map(|l| l.to_string());
        let mut a = vec![("text", u.text.as_str())];
        if let Some(l) = &line {
            a.push(("line", l));
        }
        x.empty("nc:unassigned", &a);
    }
    if let Some(o) = &p.ocr {
        let (dpi, conf) = (o.dpi.to_string(), format!("{:.2}", o.confidence));
        x.empty(
            "nc:ocr",
            &[
                ("reason", o.reason.name()),
                ("engine", &o.engine),
                ("language", &o.language),
                ("dpi", &dpi),
                ("confidence", &conf),
            ],
        );
    }
    diagnostics(x, &p.diagnostics);
    x.end("nc:page");
}

fn article(x: &mut Xml, a: &Article) {
    let (first, last) = a
        .source
        .map(|s| (s.start.to_string(), s.end.to_string()))
        .unzip();
    let confidence = a.confidence.map(|c| c.to_string());
    let mut at = vec![("id", a.id.as_str()), ("kind", a.kind.name())];
    let optional = [
        ("first", &first),
        ("last", &last),
        ("confidence", &confidence),
    ];
    at.extend(
        optional
            .iter()
            .filter_map(|(k, v)| v.as_deref().map(|v| (*k, v))),
    );
    if let Some(p) = a.byline.as_ref().and_then(|b| b.position) {
        at.push(("byline_position", p.as_str()));
    }
    let byline_people: &[Person] = a
        .byline
        .as_ref()
        .map(|b| b.people.as_slice())
        .unwrap_or(&[]);
    let busy = !byline_people.is_empty()
        || !a.captions.is_empty()
        || a.continued_to.is_some()
        || a.continued_from.is_some()
        || !a.diagnostics.is_empty();
    node(x, "nc:article", &at, busy, |x| {
        people(x, byline_people);
        for c in &a.captions {
            // The division holds text and credit as one; the credit splits them.
            let element = [c.text.as_str(), c.credit.as_deref().unwrap_or("")]
                .join(" ")
                .trim()
                .to_string();
            let mut ca = Vec::new();
            if let Some(cr) = &c.credit {
                ca.push(("credit", cr.as_str()));
            }
            if element.is_empty() || crate::caption_text(&element, c.credit.as_deref()) != c.text {
                ca.push(("text", c.text.as_str()));
            }
            x.empty("nc:caption", &ca);
        }
        jump(x, "nc:continued_to", &a.continued_to);
        jump(x, "nc:continued_from", &a.continued_from);
        diagnostics(x, &a.diagnostics);
    });
}

fn people(x: &mut Xml, people: &[Person]) {
    for p in people {
        let mut a = vec![("name", p.name.as_str())];
        if let Some(r) = &p.role {
            a.push(("role", r));
        }
        x.empty("nc:person", &a);
    }
}

fn jump(x: &mut Xml, name: &str, j: &Option<Jump>) {
    let Some(j) = j else { return };
    let page = j.page.map(|p| p.to_string());
    let fields = [
        ("page", page.as_deref()),
        ("label", j.label.as_deref()),
        ("article", j.article.as_deref()),
    ];
    let a: Vec<(&str, &str)> = fields
        .iter()
        .filter_map(|(k, v)| v.map(|v| (*k, v)))
        .collect();
    x.empty(name, &a);
}

/// The name of a level (as in JSON).
pub fn level_name(l: Level) -> &'static str {
    match l {
        Level::Info => "info",
        Level::Warning => "warning",
        Level::Error => "error",
    }
}

fn diagnostics(x: &mut Xml, ds: &[Diagnostic]) {
    for d in ds {
        let line = d.line.map(|l| l.to_string());
        let mut a = vec![
            ("level", level_name(d.level)),
            ("code", d.code.as_str()),
            ("message", d.message.as_str()),
        ];
        if let Some(l) = &line {
            a.push(("line", l));
        }
        x.empty("nc:diagnostic", &a);
    }
}
