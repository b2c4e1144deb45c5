//! The article body: one XHTML document per news item, a `div.part` per
//! printed part with its display fields, paragraphs (`p`), in-body
//! headings (`h2`), captions, and jump markers where the text changes page.

use crate::names::{class, XHTML};
use crate::xml::XmlOut;
use newsconv_core::{Article, BlockKind, Jump, Page};

/// Write `<html>` for the parts of one article.
pub fn body(x: &mut XmlOut, lang: &str, title: &str, parts: &[(&Page, &Article)]) {
    x.start("html", &[("xmlns", XHTML), ("xml:lang", lang)]);
    x.start("head", &[]);
    x.text_elem("title", &[], title);
    x.end("head");
    x.start("body", &[]);
    for (_, a) in parts {
        part(x, a);
    }
    x.end("body");
    x.end("html");
}

fn p(x: &mut XmlOut, cls: &str, v: &Option<String>) {
    if let Some(v) = v {
        x.text_elem("p", &[("class", cls)], v);
    }
}

fn part(x: &mut XmlOut, a: &Article) {
    x.start("div", &[("class", class::PART)]);
    p(x, class::COLUMN, &a.column);
    p(x, class::KICKER, &a.kicker);
    if let Some(h) = &a.headline {
        x.text_elem("h1", &[("class", class::HEADLINE)], h);
    }
    p(x, class::SUBHEADLINE, &a.subheadline);
    let byline_after = a.byline.as_ref().is_some_and(|b| b.after_body());
    if !byline_after {
        p(x, class::BYLINE, &a.byline.as_ref().map(|b| b.text.clone()));
    }
    p(x, class::DATELINE, &a.dateline);
    if let Some(j) = &a.continued_from {
        jump(x, j, false);
    }
    for b in &a.blocks {
        match b.kind {
            BlockKind::Paragraph => x.text_elem("p", &[], &b.text),
            BlockKind::Heading => x.text_elem("h2", &[], &b.text),
            BlockKind::Note => x.text_elem("p", &[("class", class::NOTE)], &b.text),
        }
    }
    if byline_after {
        p(x, class::BYLINE, &a.byline.as_ref().map(|b| b.text.clone()));
    }
    for c in &a.captions {
        x.start("div", &[("class", class::CAPTION)]);
        x.text_elem("p", &[("class", class::CAPTION_TEXT)], &c.text);
        p(x, class::CREDIT, &c.credit);
        x.end("div");
    }
    if let Some(j) = &a.continued_to {
        jump(x, j, true);
    }
    x.end("div");
}

/// A jump marker: the line as printed, or one saying where the text goes.
fn jump(x: &mut XmlOut, j: &Jump, to: bool) {
    let text = match (&j.label, j.page) {
        (Some(l), _) if !l.trim().is_empty() => l.clone(),
        (_, Some(n)) if to => format!("（下转第{n}版）"),
        (_, Some(n)) => format!("（上接第{n}版）"),
        _ if to => "（下转）".to_string(),
        _ => "（上接）".to_string(),
    };
    let cls = if to {
        "jump continued-to"
    } else {
        "jump continued-from"
    };
    x.text_elem("p", &[("class", cls)], &text);
}
