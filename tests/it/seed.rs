//! The sample front page must parse exactly to its expected structure.

use crate::common::*;
use serde_json::Value;

/// Every field of `expected` must be in `actual` with the same value;
/// `actual` may carry more fields. Returns the differences with their paths.
pub fn subset_diff(expected: &Value, actual: &Value, path: &str, out: &mut Vec<String>) {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                match a.get(k) {
                    Some(av) => subset_diff(ev, av, &format!("{path}.{k}"), out),
                    None => out.push(format!("{path}.{k}: missing (expected {})", short(ev))),
                }
            }
        }
        (Value::Array(e), Value::Array(a)) => {
            for (i, ev) in e.iter().enumerate() {
                match a.get(i) {
                    Some(av) => subset_diff(ev, av, &format!("{path}[{i}]"), out),
                    None => out.push(format!("{path}[{i}]: missing (expected {})", short(ev))),
                }
            }
            for (i, av) in a.iter().enumerate().skip(e.len()) {
                out.push(format!("{path}[{i}]: unexpected {}", short(av)));
            }
        }
        (e, a) if e != a => out.push(format!(
            "{path}:\n    expected {}\n    actual   {}",
            short(e),
            short(a)
        )),
        _ => {}
    }
}

fn short(v: &Value) -> String {
    let s = v.to_string();
    if s.chars().count() > 160 {
        format!("{}…", s.chars().take(160).collect::<String>())
    } else {
        s
    }
}

#[test]
fn sample_matches_expected_structure() {
    let out = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "json",
        "-o",
        "-",
    ]);
    let actual: Value = serde_json::from_str(&out).unwrap();
    let expected: Value = serde_json::from_str(
        &std::fs::read_to_string(repo("seeds/000_bf1f693cbe2b0d89.expected.json")).unwrap(),
    )
    .unwrap();
    let mut diffs = Vec::new();
    subset_diff(&expected, &actual, "$", &mut diffs);
    assert!(
        diffs.is_empty(),
        "{} differences from the expected structure:\n{}",
        diffs.len(),
        diffs
            .iter()
            .take(30)
            .cloned()
            .collect::<Vec<_>>()
            .join("\n")
    );
}

#[test]
fn sample_loses_no_text() {
    let text = std::fs::read_to_string(sample()).unwrap();
    let issue = newsconv::front::text::parse_text(&text);
    newsconv_testkit::conserve::check(&text, &issue).unwrap();
}
