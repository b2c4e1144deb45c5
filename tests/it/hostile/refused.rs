//! Inputs refused with a clear error naming the file and the line: empty,
//! binary, broken encodings, JSON and NewsML that is not ours or not safe.

use super::*;

// ---------------------------------------------------------------- catalogue: refused inputs

#[test]
fn empty_and_whitespace_only_inputs_are_refused() {
    let dir = tempfile::tempdir().unwrap();
    let cases: &[(&str, &[u8])] = &[
        ("empty.txt", b""),
        ("spaces.txt", b"   \t  "),
        ("newlines.txt", b"\n\n\n\r\n\r\n"),
        ("formfeeds.txt", b"\x0c\x0c\n\x0c"),
        ("bom-space.txt", b"\xEF\xBB\xBF \n"),
        (
            "ideographic.txt",
            "\u{3000}\u{3000}\n\u{00A0}\u{2003}\n".as_bytes(),
        ),
        ("gb-ideographic.txt", b"\xA1\xA1\xA1\xA1\n"),
    ];
    for (name, bytes) in cases {
        let p = write(dir.path(), name, bytes);
        let out = dir.path().join("out");
        let err = fails_naming(
            &["convert", p.to_str().unwrap(), "-o", out.to_str().unwrap()],
            name,
        );
        assert!(err.contains("empty"), "{name}: {err}");
        assert!(
            !out.exists() || tree(&out).is_empty(),
            "{name}: something was written"
        );
    }
}

#[test]
fn binary_data_is_refused_naming_file_and_line() {
    let dir = tempfile::tempdir().unwrap();
    let png = [&b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR"[..], &[0u8; 64]].concat();
    let p = write(dir.path(), "photo.txt", &png);
    let err = fails_naming(
        &[
            "convert",
            p.to_str().unwrap(),
            "-o",
            dir.path().join("o").to_str().unwrap(),
        ],
        "photo.txt:3",
    );
    assert!(err.contains("binary"), "{err}");
    // Control characters without NUL, more than a few: binary too.
    let ctl: Vec<u8> = (0..400u32)
        .map(|i| [b'a', 0x01, 0x02, 0x1b, 0x7f][i as usize % 5])
        .collect();
    let p = write(dir.path(), "ctl.txt", &ctl);
    let err = fails_naming(
        &[
            "convert",
            p.to_str().unwrap(),
            "-o",
            dir.path().join("o").to_str().unwrap(),
        ],
        "ctl.txt:1",
    );
    assert!(err.contains("binary"), "{err}");
    // An ELF header.
    let p = write(
        dir.path(),
        "prog.txt",
        b"\x7fELF\x02\x01\x01\x00\x00\x00\x00\x00",
    );
    fails_naming(
        &[
            "convert",
            p.to_str().unwrap(),
            "-o",
            dir.path().join("o").to_str().unwrap(),
        ],
        "prog.txt:1",
    );
    assert!(!dir.path().join("o").exists() || tree(&dir.path().join("o")).is_empty());
}

#[test]
fn nul_bytes_are_refused_with_their_line() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(
        dir.path(),
        "nul.txt",
        "第一行\n第二行\n第三\u{0}行\n".as_bytes(),
    );
    let err = fails_naming(
        &["convert", p.to_str().unwrap(), "-o", "-", "--to", "json"],
        "nul.txt:3",
    );
    assert!(err.contains("NUL"), "{err}");
    // UTF-16 text is full of NULs: refused with a message that says what it is.
    let utf16: Vec<u8> = "\u{feff}中国新闻\n"
        .encode_utf16()
        .flat_map(|u| u.to_le_bytes())
        .collect();
    let p = write(dir.path(), "utf16.txt", utf16);
    let err = fails_naming(
        &["convert", p.to_str().unwrap(), "-o", "-", "--to", "json"],
        "utf16.txt:1",
    );
    assert!(err.contains("UTF-16"), "{err}");
}

#[test]
fn invalid_utf8_and_invalid_gb18030_are_refused_with_line_and_offset() {
    let dir = tempfile::tempdir().unwrap();
    // Valid UTF-8 lines, then a byte that is neither UTF-8 nor GB18030.
    let p = write(
        dir.path(),
        "bad.txt",
        [
            &"标题\n正文第一段\n"[..].as_bytes(),
            &b"\xff\xfe broken\n"[..],
        ]
        .concat(),
    );
    let err = fails_naming(
        &["convert", p.to_str().unwrap(), "-o", "-", "--to", "json"],
        "bad.txt:3",
    );
    assert!(
        err.contains("neither UTF-8 nor GB18030") && err.contains("0xFF"),
        "{err}"
    );
    // A truncated GB18030 four-byte sequence at the end.
    let (gb, _, _) = encoding_rs::GB18030.encode("新闻正文\n第二行");
    let mut bytes = gb.into_owned();
    bytes.extend_from_slice(b"\x81\x30");
    let p = write(dir.path(), "truncated-gb.txt", &bytes);
    let err = fails_naming(
        &["convert", p.to_str().unwrap(), "-o", "-", "--to", "json"],
        "truncated-gb.txt:2",
    );
    assert!(err.contains("GB18030"), "{err}");
    // A bad byte deep inside GB18030 text is reported where it is, not at the first GB byte.
    let (gb, _, _) = encoding_rs::GB18030.encode("新闻\n正文\n第三行");
    let mut bytes = gb.into_owned();
    bytes.extend_from_slice(b"\n\xff\n");
    let p = write(dir.path(), "gb-bad.txt", &bytes);
    fails_naming(
        &["convert", p.to_str().unwrap(), "-o", "-", "--to", "json"],
        "gb-bad.txt:4",
    );
}

#[test]
fn gb18030_four_byte_and_ext_b_text_reads_like_utf8() {
    // Characters outside GBK (four-byte GB18030): Ext-B 𠀀𪚥, emoji, Tibetan.
    let text = "𠀀𪚥字 😀 བོད 新闻\n\n第二段正文。\n";
    let (gb, _, bad) = encoding_rs::GB18030.encode(text);
    assert!(!bad);
    let a = load("u.txt", text.as_bytes(), &Limits::default()).unwrap();
    let b = load("g.txt", &gb, &Limits::default()).unwrap();
    assert_eq!(a, b, "GB18030 and UTF-8 give different models");
    assert_conserved(text, &b, "gb18030");
}

// ---------------------------------------------------------------- JSON input

fn json_error(body: &str) -> String {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "in.json", body);
    let o = run(&["convert", p.to_str().unwrap(), "--to", "json", "-o", "-"]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(!o.status.success(), "{body} should be refused");
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        err.contains("in.json"),
        "error does not name the file: {err}"
    );
    assert_eq!(err.trim().lines().count(), 1, "{err}");
    err
}

#[test]
fn json_of_wrong_version_or_format_is_refused() {
    let e = json_error(r#"{"format":"newsconv","version":0,"pages":[]}"#);
    assert!(e.contains("version 0"), "{e}");
    let e = json_error(r#"{"format":"newsconv","version":99,"pages":[]}"#);
    assert!(e.contains("version 99"), "{e}");
    let e = json_error(r#"{"format":"newsconv","version":"1","pages":[]}"#);
    assert!(e.contains("$.version"), "{e}");
    let e = json_error(r#"{"format":"newsconv","version":1.5,"pages":[]}"#);
    assert!(e.contains("$.version"), "{e}");
    let e = json_error(r#"{"format":"newsconv","pages":[]}"#);
    assert!(e.contains("$.version"), "{e}");
    let e = json_error(r#"{"format":"pandoc","version":1,"pages":[]}"#);
    assert!(e.contains("$.format"), "{e}");
}

#[test]
fn json_with_missing_or_wrong_fields_names_the_json_path() {
    let cases = [
        (r#"{"format":"newsconv","version":1}"#, "pages"),
        (
            r#"{"format":"newsconv","version":1,"pages":[{"articles":[]}]}"#,
            "$.pages[0]",
        ),
        (
            r#"{"format":"newsconv","version":1,"pages":[{"number":"one","articles":[]}]}"#,
            "$.pages[0].number",
        ),
        (
            r#"{"format":"newsconv","version":1,"pages":[{"number":99999999999,"articles":[]}]}"#,
            "$.pages[0].number",
        ),
        (
            r#"{"format":"newsconv","version":1,"pages":[{"number":-1,"articles":[]}]}"#,
            "$.pages[0].number",
        ),
        (
            r#"{"format":"newsconv","version":1,"pages":[{"number":1,"articles":[{"kicker":null,"column":null,"headline":null,"subheadline":null,"byline":null,"dateline":null,"continued_to":null,"blocks":[{"kind":"poem","text":"x"}]}]}]}"#,
            "$.pages[0].articles[0].blocks[0].kind",
        ),
        (
            r#"{"format":"newsconv","version":1,"pages":[{"number":1,"articles":[{"kicker":null,"column":null,"headline":null,"subheadline":null,"byline":null,"dateline":null,"continued_to":null,"blocks":[{"kind":"paragraph"}]}]}]}"#,
            "$.pages[0].articles[0].blocks[0]",
        ),
        (
            r#"{"format":"newsconv","version":1,"pages":[{"number":1,"articles":[],"diagnostics":[{"level":"fatal","code":"x","message":"y"}]}]}"#,
            "$.pages[0].diagnostics[0].level",
        ),
    ];
    for (body, path) in cases {
        let e = json_error(body);
        assert!(e.contains(path), "{body}: error does not name {path}: {e}");
    }
}

#[test]
fn truncated_and_deeply_nested_json_is_refused_cleanly() {
    let e = json_error("{\"format\":\"newsconv\",\"version\":1,\"pages\":[{\"number\":1,");
    assert!(e.contains("line 1"), "{e}");
    // Nesting far beyond any real document must not overflow the stack.
    let deep = format!(
        "{{\"format\":\"newsconv\",\"version\":1,\"pages\":{}{}}}",
        "[".repeat(100_000),
        "]".repeat(100_000)
    );
    json_error(&deep);
    let deep_obj = format!(
        "{{\"format\":\"newsconv\",\"version\":1,\"title\":{}1{}}}",
        "{\"a\":".repeat(50_000),
        "}".repeat(50_000)
    );
    json_error(&deep_obj);
}

// ---------------------------------------------------------------- NewsML input

#[test]
fn newsml_with_dtd_external_entities_or_bombs_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let ns = "http://iptc.org/std/nar/2006-10-01/";
    let cases = [
        ("bomb.xml", format!("<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"{}\"><!ENTITY lol3 \"{}\">]>\n<newsMessage xmlns=\"{ns}\"><header/><itemSet>&lol3;</itemSet></newsMessage>\n", "&lol;".repeat(10), "&lol2;".repeat(10))),
        ("xxe.xml", format!("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY xxe SYSTEM \"file:///etc/passwd\">]>\n<newsMessage xmlns=\"{ns}\"><header/><itemSet>&xxe;</itemSet></newsMessage>\n")),
        ("dtd.xml", format!("<?xml version=\"1.0\"?>\n<!DOCTYPE newsMessage SYSTEM \"http://example.com/evil.dtd\">\n<newsMessage xmlns=\"{ns}\"><header/></newsMessage>\n")),
        ("param.xml", format!("<?xml version=\"1.0\"?>\n<!DOCTYPE x [<!ENTITY % p SYSTEM \"file:///etc/passwd\"> %p;]>\n<newsMessage xmlns=\"{ns}\"/>\n")),
    ];
    for (name, body) in cases {
        let p = write(dir.path(), name, &body);
        let out = dir.path().join("out");
        let o = run(&[
            "convert",
            p.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            out.to_str().unwrap(),
        ]);
        let err = String::from_utf8_lossy(&o.stderr).into_owned();
        assert!(!o.status.success(), "{name} accepted");
        assert!(
            !err.contains("panicked") && err.contains(name),
            "{name}: {err}"
        );
        assert!(
            !err.contains("root:"),
            "{name}: file contents leaked: {err}"
        );
        assert!(tree(&out).is_empty(), "{name}: output written");
    }
}

#[test]
fn errors_say_their_cause_once() {
    let dir = tempfile::tempdir().unwrap();
    let missing = dir.path().join("missing.txt");
    let err = fails_naming(
        &[
            "convert",
            missing.to_str().unwrap(),
            "-o",
            "-",
            "--to",
            "json",
        ],
        "missing.txt",
    );
    assert_eq!(err.matches("No such file").count(), 1, "{err}");
    let p = write(
        dir.path(),
        "v9.json",
        r#"{"format":"newsconv","version":9,"pages":[]}"#,
    );
    let err = fails_naming(
        &["convert", p.to_str().unwrap(), "-o", "-", "--to", "json"],
        "v9.json",
    );
    assert_eq!(err.matches("version 9").count(), 1, "{err}");
}
