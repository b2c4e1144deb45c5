//! JSON: round trip and version checks.

use crate::common::*;

#[test]
fn text_json_model_json_is_byte_identical() {
    let a = convert(&sample(), "json");
    let first = a.path().join("000_bf1f693cbe2b0d89.json");
    let b = convert(&first, "json");
    let second = b.path().join("000_bf1f693cbe2b0d89.json");
    assert_eq!(
        std::fs::read(&first).unwrap(),
        std::fs::read(&second).unwrap()
    );
}

#[test]
fn other_major_version_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("v2.json");
    std::fs::write(&p, r#"{"format":"newsconv","version":2,"pages":[]}"#).unwrap();
    let o = run(&[
        "convert",
        p.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        dir.path().join("o").to_str().unwrap(),
    ]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("v2.json") && err.contains("version 2"),
        "{err}"
    );
}

#[test]
fn missing_field_error_names_the_json_path() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bad.json");
    std::fs::write(
        &p,
        r#"{"format":"newsconv","version":1,"pages":[{"number":1,"articles":[{"kicker":null}]}]}"#,
    )
    .unwrap();
    let o = run(&["convert", p.to_str().unwrap(), "--to", "json", "-o", "-"]);
    assert!(!o.status.success());
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(
        err.contains("bad.json") && err.contains("$.pages[0].articles[0]"),
        "{err}"
    );
}

#[test]
fn json_is_pretty_with_cjk_unescaped() {
    let out = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "json",
        "-o",
        "-",
    ]);
    assert!(out.contains("中国"), "CJK must not be escaped");
    assert!(!out.contains("\\u4e"), "CJK must not be escaped");
    assert!(out.contains("\n      \"number\": 1"), "pretty-printed");
}
