//! The command line: the registry, bad inputs, output safety.

use crate::common::*;

#[test]
fn formats_lists_every_plugin_sorted() {
    let out = run_ok(&["formats"]);
    let names: Vec<&str> = out
        .lines()
        .filter_map(|l| l.split_whitespace().next())
        .collect();
    // Every plugin crate must be linked and registered.
    let expected = ["epub", "json", "newsml", "pdf"];
    for e in expected {
        assert!(
            names.contains(&e),
            "format {e} missing from `newsconv formats`:\n{out}"
        );
    }
    let mut sorted = names.clone();
    sorted.sort();
    assert_eq!(names, sorted, "formats not sorted by name");
}

fn fails_naming(args: &[&str], needle: &str) -> String {
    let o = run(args);
    assert!(!o.status.success(), "newsconv {args:?} should fail");
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(err.contains(needle), "error does not name {needle}: {err}");
    assert_eq!(
        err.trim().lines().count(),
        1,
        "error should be one line: {err}"
    );
    err
}

#[test]
fn unknown_format_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fails_naming(
        &[
            "convert",
            sample().to_str().unwrap(),
            "--to",
            "docx",
            "-o",
            dir.path().to_str().unwrap(),
        ],
        "docx",
    );
    assert_eq!(
        std::fs::read_dir(dir.path()).unwrap().count(),
        0,
        "nothing may be written"
    );
}

#[test]
fn missing_file_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    fails_naming(
        &[
            "convert",
            "/nonexistent/issue.txt",
            "-o",
            dir.path().to_str().unwrap(),
        ],
        "/nonexistent/issue.txt",
    );
}

#[test]
fn empty_and_whitespace_inputs_are_errors() {
    let dir = tempfile::tempdir().unwrap();
    for (name, bytes) in [
        ("empty.txt", &b""[..]),
        ("blank.txt", &b"  \n\n\t\n\x0c\n"[..]),
        ("bom.txt", &b"\xEF\xBB\xBF"[..]),
    ] {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = dir.path().join("out");
        fails_naming(
            &["convert", p.to_str().unwrap(), "-o", out.to_str().unwrap()],
            name,
        );
        assert!(!out.join(name.replace(".txt", ".json")).exists());
    }
}

#[test]
fn binary_input_is_an_error_with_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("bin.txt");
    std::fs::write(&p, b"line one\nline two\x00\x01\x02\xff").unwrap();
    let err = fails_naming(
        &[
            "convert",
            p.to_str().unwrap(),
            "-o",
            dir.path().to_str().unwrap(),
        ],
        "bin.txt:2",
    );
    assert!(err.contains("binary"), "{err}");
}

#[test]
fn unwritable_output_folder_is_an_error() {
    let dir = tempfile::tempdir().unwrap();
    let blocker = dir.path().join("file");
    std::fs::write(&blocker, "x").unwrap();
    let out = blocker.join("sub");
    fails_naming(
        &[
            "convert",
            sample().to_str().unwrap(),
            "--to",
            "json",
            "-o",
            out.to_str().unwrap(),
        ],
        "sub",
    );
}

#[test]
fn stdout_output_writes_one_format() {
    let out = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "json",
        "-o",
        "-",
    ]);
    assert!(
        out.starts_with("{\n  \"format\": \"newsconv\""),
        "{}",
        &out[..out.len().min(200)]
    );
}

#[test]
fn gb18030_crlf_and_bom_inputs_read_like_utf8() {
    let text = std::fs::read_to_string(sample()).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let reference = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "json",
        "-o",
        "-",
    ]);
    let (gb, _, bad) = encoding_rs::GB18030.encode(&text);
    assert!(!bad);
    let variants: Vec<(&str, Vec<u8>)> = vec![
        ("gb.txt", gb.into_owned()),
        ("crlf.txt", text.replace('\n', "\r\n").into_bytes()),
        ("bom.txt", [&b"\xEF\xBB\xBF"[..], text.as_bytes()].concat()),
    ];
    for (name, bytes) in variants {
        let p = dir.path().join(name);
        std::fs::write(&p, bytes).unwrap();
        let out = run_ok(&["convert", p.to_str().unwrap(), "--to", "json", "-o", "-"]);
        let strip = |s: &str| {
            s.lines()
                .filter(|l| !l.contains("\"source\""))
                .collect::<Vec<_>>()
                .join("\n")
        };
        assert_eq!(strip(&out), strip(&reference), "{name} parses differently");
    }
}
