//! `newsconv inspect PAGE.pdf --svg OUT.svg`: what the layout read, drawn
//! over the rendered page. Well-formed XML, one outline per article of the
//! page's JSON, the role labels, the page image, the same bytes twice; a
//! clear error for input that is no PDF.

use crate::common::*;
use serde_json::Value;
use std::process::Command;

fn draw(pdf: &std::path::Path, out: &std::path::Path) -> String {
    run_ok(&["inspect", pdf.to_str().unwrap(), "--svg", out.to_str().unwrap()]);
    std::fs::read_to_string(out).expect("the SVG is written")
}

fn article_count(pdf: &std::path::Path) -> usize {
    let dir = convert(pdf, "json");
    let stem = pdf.file_stem().unwrap().to_string_lossy();
    let v: Value = serde_json::from_str(&std::fs::read_to_string(dir.path().join(format!("{stem}.json"))).unwrap()).unwrap();
    v["pages"].as_array().unwrap().iter().map(|p| p["articles"].as_array().map_or(0, Vec::len)).sum()
}

#[test]
fn page_drawing_outlines_every_article_and_labels_roles() {
    require("xmllint");
    let work = tempfile::tempdir().unwrap();
    // The roles the layout gives on each page (bylines in body type are
    // the passes' to find, so lswb has no byline block).
    let pages = [("lswb_20210323_A05", &["headline", "kicker", "heading", "furniture", "body"][..]), ("rmrb_20180129_p07", &["headline", "subheadline", "byline", "furniture", "body"][..])];
    for (name, roles) in pages {
        let pdf = shared_pages().join(format!("{name}.pdf"));
        let out = work.path().join(format!("{name}.svg"));
        let svg = draw(&pdf, &out);
        let st = Command::new("xmllint").arg("--noout").arg(&out).status().unwrap();
        assert!(st.success(), "{name}: the SVG is not well-formed XML");
        let articles = article_count(&pdf);
        assert!(articles > 0, "{name}: no articles to outline");
        assert_eq!(svg.matches(r#"<g class="article""#).count(), articles, "{name}: one outline per article of the JSON");
        for n in 1..=articles {
            assert!(svg.contains(&format!("<title>{n}. ")), "{name}: article {n} is not numbered");
        }
        for role in roles {
            assert!(svg.contains(&format!(r#"data-role="{role}""#)), "{name}: no block drawn as {role}");
            assert!(svg.contains(&format!(">{role}</text>")), "{name}: {role} missing from the labels or the legend");
        }
        assert!(svg.contains(r#"class="region""#), "{name}: no region drawn");
        assert!(svg.contains("data:image/png;base64,iVBORw0KGgo"), "{name}: the page is not drawn underneath");
        let again = draw(&pdf, &work.path().join("again.svg"));
        assert!(again == svg, "{name}: two drawings differ");
    }
}

#[test]
fn drawing_input_that_is_no_pdf_names_the_file() {
    let work = tempfile::tempdir().unwrap();
    let out = work.path().join("x.svg");
    let o = run(&["inspect", sample().to_str().unwrap(), "--svg", out.to_str().unwrap()]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "inspect --svg of a text file succeeded");
    assert!(err.contains(sample().file_name().unwrap().to_str().unwrap()) && err.contains("not a readable PDF"), "unclear error: {err}");
    assert!(!err.contains("panicked"), "{err}");
    assert!(!out.exists(), "an SVG was written for a text file");
}
