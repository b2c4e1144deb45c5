//! Checks shared by the fuzz targets. Each panics (a fuzz finding) when the
//! property does not hold.

use newsconv_core::{exporters, importers, Issue, RenderContext, Settings};
use std::collections::BTreeMap;

/// Every character the model holds as printed text (the parser's own list:
/// `newsconv::parse::conserve::model_texts`), one piece a line.
pub fn model_text(issue: &Issue) -> String {
    newsconv::parse::conserve::model_texts(issue).join("\n")
}

fn counts(s: &str) -> BTreeMap<char, i64> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Text conservation: the non-whitespace characters of the input and of the
/// model are the same multiset. Returns a description of the difference.
pub fn conservation_diff(input: &str, issue: &Issue) -> Option<String> {
    let (a, b) = (counts(input), counts(&model_text(issue)));
    // Decorations the parser strips on purpose (src/parse/conserve.rs).
    let droppable = |c: char| matches!(c, '●' | '■' | '□' | '◆' | '▲' | '★' | '◎' | '○' | '▌' | '（' | '）' | '(' | ')' | '—' | '-' | '―');
    let lost_bad = a.iter().any(|(c, n)| b.get(c).copied().unwrap_or(0) < *n && !droppable(*c));
    let added_any = b.iter().any(|(c, m)| a.get(c).copied().unwrap_or(0) < *m);
    if !lost_bad && !added_any {
        return None;
    }
    let mut lost = String::new();
    let mut added = String::new();
    for (c, n) in &a {
        let m = b.get(c).copied().unwrap_or(0);
        if m < *n {
            lost.push_str(&format!("{c:?}x{} ", n - m));
        }
    }
    for (c, m) in &b {
        let n = a.get(c).copied().unwrap_or(0);
        if *m > n {
            added.push_str(&format!("{c:?}x{} ", m - n));
        }
    }
    Some(format!("lost: [{lost}] added: [{added}]"))
}

/// Render the issue to every registered format twice, checking that no
/// exporter panics, that output is deterministic, that XML outputs carry no
/// character XML forbids and that JSON reads back to the same model.
pub fn render_all(issue: &Issue) {
    let settings = Settings::new();
    let ctx = RenderContext { issue, settings: &settings };
    for e in exporters() {
        let mut first = Vec::new();
        let r = (e.render)(&ctx, &mut first);
        let mut second = Vec::new();
        let r2 = (e.render)(&ctx, &mut second);
        assert_eq!(r.is_ok(), r2.is_ok(), "{}: render result differs between runs", e.name);
        if r.is_err() {
            continue;
        }
        assert!(first == second, "{}: output differs between two renders of the same issue", e.name);
        if e.extension.ends_with("xml") {
            let text = std::str::from_utf8(&first).unwrap_or_else(|err| panic!("{}: output is not UTF-8: {err}", e.name));
            if let Some(c) = text.chars().find(|&c| !newsconv_core::text::is_xml_char(c)) {
                panic!("{}: output holds XML-illegal character {c:?}", e.name);
            }
        }
        if e.name == "json" {
            let back = newsconv_json::read(&first).unwrap_or_else(|err| panic!("json: own output does not read back: {err}"));
            let mut want = issue.clone();
            want.format = newsconv_core::FORMAT_NAME.into();
            want.version = newsconv_core::FORMAT_VERSION;
            assert!(back == want, "json: read(write(issue)) != issue");
        }
        if let Some(imp) = importers().into_iter().find(|i| i.name == e.name) {
            assert!((imp.sniff)(&first), "{}: the importer does not recognise the exporter's output", e.name);
            if let Err(err) = (imp.read)(&first) {
                panic!("{}: the importer refuses the exporter's own output: {err}", e.name);
            }
        }
    }
}
