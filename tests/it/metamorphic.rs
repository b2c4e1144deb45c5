//! Metamorphic tests (issue #15): each dev page rewritten without changing
//! its print — fonts renamed, the page scaled, its text objects drawn in
//! another order, the page moved inside a larger sheet — must read to the
//! same articles as the page itself; a reading tuned to one paper's sizes,
//! names or margins would not. And our own print PDF of the sample must
//! read back to the sample's articles.
//!
//! `NEWSCONV_KEEP_MORPHS=DIR` keeps the rewritten pages in DIR/VARIANT/.

use crate::common::*;
use newsconv_testkit::morph::{morph, Morph};
use newsconv_testkit::shared_score::score_json;
use serde_json::{json, Value};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::OnceLock;

/// What a page's articles say, without where they are on the page:
/// every text field of every article, in order.
fn articles(json: &Value) -> Vec<Value> {
    let pages = json["pages"].as_array().expect("pages");
    pages
        .iter()
        .flat_map(|p| p["articles"].as_array().expect("articles"))
        .map(|a| {
            let captions: Vec<Value> = a["captions"].as_array().into_iter().flatten().map(|c| json!([c["text"], c["credit"]])).collect();
            json!({
                "kicker": a["kicker"], "column": a["column"], "headline": a["headline"], "subheadline": a["subheadline"],
                "byline": a["byline"]["text"], "dateline": a["dateline"], "blocks": a["blocks"], "captions": captions,
                "continued_to": a["continued_to"],
            })
        })
        .collect()
}

/// The articles of a PDF as the CLI reads it.
fn read_articles(pdf: &Path) -> Vec<Value> {
    let dir = convert(pdf, "json");
    let stem = pdf.file_stem().unwrap().to_string_lossy();
    let text = std::fs::read_to_string(dir.path().join(format!("{stem}.json"))).expect("the JSON export");
    articles(&serde_json::from_str(&text).expect("JSON"))
}

/// The dev pages' own articles, read once for every variant.
fn originals() -> &'static BTreeMap<String, Vec<Value>> {
    static ORIG: OnceLock<BTreeMap<String, Vec<Value>>> = OnceLock::new();
    ORIG.get_or_init(|| page_names().into_iter().map(|n| (n.clone(), read_articles(&page_pdf(&n)))).collect())
}

fn page_pdf(name: &str) -> PathBuf {
    shared_pages().join(format!("{name}.pdf"))
}

/// Where two article lists first part, in a line.
fn first_difference(want: &[Value], got: &[Value]) -> String {
    let head = |a: &Value| a["headline"].as_str().unwrap_or("(untitled)").to_string();
    for (i, (w, g)) in want.iter().zip(got).enumerate() {
        if w != g {
            let field = w.as_object().unwrap().keys().find(|k| w[k.as_str()] != g[k.as_str()]).cloned().unwrap_or_default();
            let cut = |v: &Value| v.to_string().chars().take(80).collect::<String>();
            return format!("article {i} ({}): {field}: want {} got {}", head(w), cut(&w[field.as_str()]), cut(&g[field.as_str()]));
        }
    }
    format!("{} articles, want {}", got.len(), want.len())
}

/// Rewrite every dev page by `m` and compare its articles with the
/// original's. Pages in `known` are known to read differently: they are
/// reported, the others must match.
fn check(variant: &str, m: Morph, known: &[&str]) {
    let work = tempfile::tempdir().unwrap();
    let keep = std::env::var_os("NEWSCONV_KEEP_MORPHS").map(|d| PathBuf::from(d).join(variant));
    let mut failing = Vec::new();
    for (name, want) in originals() {
        let (bytes, changed) = morph(&std::fs::read(page_pdf(name)).unwrap(), m);
        assert!(changed > 0, "{variant}: nothing to change on {name}");
        let dir = keep.clone().unwrap_or_else(|| work.path().to_path_buf());
        std::fs::create_dir_all(&dir).unwrap();
        let path = dir.join(format!("{name}.pdf"));
        std::fs::write(&path, bytes).unwrap();
        let got = read_articles(&path);
        if &got != want {
            failing.push((name.clone(), first_difference(want, &got)));
        }
    }
    for (name, why) in &failing {
        eprintln!("{variant}: {name} reads differently{}: {why}", if known.contains(&name.as_str()) { " (known)" } else { "" });
    }
    for name in known.iter().filter(|k| !failing.iter().any(|(n, _)| n == *k)) {
        eprintln!("{variant}: {name} is listed as a known failure but now reads the same: take it off the list");
    }
    let unexpected: Vec<&(String, String)> = failing.iter().filter(|(n, _)| !known.contains(&n.as_str())).collect();
    assert!(unexpected.is_empty(), "{variant}: {} pages read differently:\n{:#?}", unexpected.len(), unexpected);
}

#[test]
fn fonts_renamed_read_the_same() {
    check("fonts", Morph::RenameFonts, &[]);
}

#[test]
fn page_scaled_down_reads_the_same() {
    check("scale0.8", Morph::Scale(0.8), &[]);
}

#[test]
fn page_scaled_up_reads_the_same() {
    check("scale1.25", Morph::Scale(1.25), &[]);
}

#[test]
fn text_objects_shuffled_read_the_same() {
    check("shuffle", Morph::Shuffle(0x15), &[]);
}

#[test]
fn page_turned_with_rotate_reads_the_same() {
    check("rotate", Morph::Rotate, &[]);
}

/// Rules and frames left out: the stories must not depend on them where
/// space alone sets them apart, and an advertisement whose box is not seen
/// must still be told from the stories (fzwb A07: its pieces, a product's
/// price line and a shop's hotline, are unsigned text next to its prices
/// on a page of signed reports).
#[test]
fn page_without_paths_reads_the_same() {
    check("nopaths", Morph::NoPaths, &[]);
}

#[test]
fn page_on_a_larger_sheet_reads_the_same() {
    check("margin", Morph::Margin(100.0), &[]);
}

/// Our print PDF of the sample, read back through the PDF path, scored
/// against the sample's expected articles with the shared scorer.
#[test]
fn own_print_pdf_reads_back_to_the_sample() {
    let out = convert(&sample(), "pdf");
    let stem = sample().file_stem().unwrap().to_string_lossy().into_owned();
    let back = convert(&out.path().join(format!("{stem}.pdf")), "json");
    let (passed, made) = score_json(&back.path().join(format!("{stem}.json")), &repo(&format!("seeds/{stem}.expected.json"))).unwrap();
    eprintln!("own print PDF read back: {passed}/{made} (target 95%)");
    // Issue #15's target. Our print sets one newspaper page on several A4
    // sheets, each headed with the page label: read back, the sheets of one
    // label join into one page again.
    assert!(
        passed * 100 >= made * 95,
        "own print PDF read back scores {passed}/{made}, under 95%"
    );
}
