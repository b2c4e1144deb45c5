//! Hostile and broken input: the bad-input catalogue (each case with its
//! expected clear error or clean output), bounded work on huge inputs, output
//! safety (paths, atomic writes, inputs never overwritten) and determinism.
//! Checks of a format run for whichever exporters are registered.

use crate::common::*;
use newsconv::front::load_bytes;
use newsconv::front::Limits;
use newsconv_core::Issue;
use newsconv_testkit::files_below as tree;
use newsconv_testkit::{assert_conserved, model_text, shapes};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

// ---------------------------------------------------------------- helpers

/// Registered formats as (name, extension) from `newsconv formats`.
pub fn formats() -> Vec<(String, String)> {
    run_ok(&["formats"])
        .lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some((
                it.next()?.to_string(),
                it.next()?.trim_start_matches('.').to_string(),
            ))
        })
        .collect()
}

/// Parse bytes as the CLI does, in process.
fn load(name: &str, bytes: &[u8], opts: &Limits) -> Result<Issue, String> {
    newsconv::link_plugins();
    load_bytes(Path::new(name), bytes, opts).map_err(|e| e.to_string())
}

/// Run newsconv, require failure with one line on stderr naming `needle`; returns stderr.
fn fails_naming(args: &[&str], needle: &str) -> String {
    let o = run(args);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        !o.status.success(),
        "newsconv {args:?} should fail; stderr: {err}"
    );
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(err.contains(needle), "error does not name {needle}: {err}");
    assert_eq!(
        err.trim().lines().count(),
        1,
        "error should be one line: {err}"
    );
    err
}

fn no_temp_files(dir: &Path) {
    let left: Vec<_> = tree(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".newsconv-"))
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

/// XML text check: only characters XML allows; well-formed by xmllint.
fn check_xml(label: &str, bytes: &[u8]) -> String {
    let text =
        String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{label}: not UTF-8: {e}"));
    if let Some(c) = text.chars().find(|&c| !newsconv_core::text::is_xml_char(c)) {
        panic!("{label}: holds XML-illegal character {c:?}");
    }
    require("xmllint");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.xml");
    std::fs::write(&p, bytes).unwrap();
    let o = Command::new("xmllint")
        .args(["--noout", "--nonet"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{label}: not well-formed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    text
}

/// The readable text of one output file, after checking the file is sound for
/// its format; `None` when the format's text cannot be read here.
fn output_text(path: &Path) -> Option<(String, bool)> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    if path.is_dir() {
        // A package: its XML files (the copied source files are the input).
        let mut all = String::new();
        for f in tree(path)
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "xml"))
        {
            let bytes = std::fs::read(path.join(&f)).unwrap();
            all += &check_xml(&format!("{name}/{}", f.display()), &bytes);
        }
        return Some((all, true));
    }
    let bytes = std::fs::read(path).unwrap();
    assert!(!bytes.is_empty(), "{name}: empty output");
    if name.ends_with(".json") {
        let _: serde_json::Value =
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: bad JSON: {e}"));
        return Some((String::from_utf8(bytes).unwrap(), false));
    }
    if name.ends_with(".xml") || name.ends_with(".xhtml") || name.ends_with(".html") {
        return Some((check_xml(&name, &bytes), true));
    }
    if name.ends_with(".epub") {
        assert!(bytes.starts_with(b"PK\x03\x04"), "{name}: not a zip");
        require("unzip");
        let list = Command::new("unzip").arg("-Z1").arg(path).output().unwrap();
        assert!(list.status.success(), "{name}: unzip cannot list it");
        let mut all = String::new();
        for entry in String::from_utf8_lossy(&list.stdout).lines() {
            if [".xhtml", ".html", ".opf", ".ncx", ".xml"]
                .iter()
                .any(|e| entry.ends_with(e))
            {
                let o = Command::new("unzip")
                    .arg("-p")
                    .arg(path)
                    .arg(entry)
                    .output()
                    .unwrap();
                all += &check_xml(&format!("{name}!{entry}"), &o.stdout);
            }
        }
        return Some((all, true));
    }
    if name.ends_with(".pdf") {
        assert!(bytes.starts_with(b"%PDF-"), "{name}: not a PDF");
        require("pdftotext");
        let o = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(path)
            .arg("-")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{name}: pdftotext fails: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        return Some((String::from_utf8_lossy(&o.stdout).into_owned(), false));
    }
    None
}

/// The outputs in a folder: one per format, a file or a package folder
/// (`NAME.mets/`).
fn outputs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| PathBuf::from(e.unwrap().file_name()))
        .collect();
    v.sort();
    v
}

/// Convert `input` to every format into a fresh folder with extra `args`;
/// returns the folder and stderr.
fn convert_all(input: &Path, args: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = vec![
        "convert",
        input.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ];
    a.extend_from_slice(args);
    let o = run(&a);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "newsconv {a:?} failed: {err}");
    assert!(!err.contains("panicked"), "{err}");
    (dir, err)
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}

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

// ---------------------------------------------------------------- catalogue: clean output

/// Convert text with awkward characters to every format: each output is sound
/// (valid JSON, XML without illegal characters, a zip, a PDF) and holds every
/// `must_keep` character, or the conversion warned about it (PDF glyphs); no
/// XML output (NewsML, EPUB) holds any of `not_in_markup`.
fn clean_everywhere(name: &str, text: &str, must_keep: &[char], not_in_markup: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), name, text);
    let issue = load(name, text.as_bytes(), &Limits::default()).unwrap();
    assert_conserved(text, &issue, name);
    let (out, stderr) = convert_all(&p, &["--title", "测试报", "--date", "2024-01-02"]);
    let files = outputs(out.path());
    assert_eq!(
        files.len(),
        formats().len(),
        "one output per format: {files:?}"
    );
    for f in files {
        let path = out.path().join(&f);
        let fname = f.to_string_lossy().into_owned();
        let Some((got, markup)) = output_text(&path) else {
            continue;
        };
        for c in must_keep {
            let warned =
                fname.ends_with(".pdf") && stderr.contains("warning") && stderr.contains(": pdf: ");
            assert!(
                got.contains(*c) || warned,
                "{name} → {fname}: {c:?} (U+{:04X}) lost without a warning",
                *c as u32
            );
        }
        if markup {
            for s in not_in_markup {
                assert!(!got.contains(s), "{name} → {fname}: {s:?} in the markup");
            }
        }
    }
}

#[test]
fn xml_illegal_control_characters_never_reach_xml() {
    // A few control characters in real text (under the binary threshold) and
    // Unicode non-characters XML forbids.
    let text = &("头版标题\n\n".to_string() + &"普通正文内容。".repeat(30) + "\n\n正文\u{1}有控制\u{1b}字符\u{7f}和\u{8}退格，\u{fffe}非字符\u{ffff}。\n第二段\u{b}垂直制表\u{c}第二版正文。\n");
    clean_everywhere(
        "ctl.txt",
        text,
        &['头', '控', '退', '垂', '二'],
        &["\u{1}", "\u{1b}", "\u{8}", "\u{fffe}", "\u{ffff}", "\u{b}"],
    );
}

#[test]
fn rtl_emoji_and_cjk_ext_b_come_out_clean() {
    let text = "国际版 عالم جديد\n\nשלום עולם 与 مرحبا 并列的段落。\n\n表情😀👨‍👩‍👧🇨🇳与扩展B区𠀀𠮷𪚥字。\n\n\u{202e}反向覆盖\u{202c}与\u{200f}RLM标记。\n";
    clean_everywhere(
        "rtl.txt",
        text,
        &['ع', 'ש', '😀', '🇨', '𠀀', '𠮷', '𪚥', '反'],
        &[],
    );
}

#[test]
fn markup_and_entities_in_text_are_escaped_everywhere() {
    let text = "<b>标题</b> & \"引号\" 'x' ]]> <!DOCTYPE x [<!ENTITY a \"b\">]> &amp; &a;\n\n正文 <script>alert(1)</script> </p></body>\n\n脚注\n";
    clean_everywhere(
        "markup.txt",
        text,
        &['<', '&', '>', '"', '标', '脚'],
        &["<b>标题", "<script>", "<!DOCTYPE x", "<!ENTITY"],
    );
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

// ---------------------------------------------------------------- limits and bounded work

/// Parse bytes in process and check the result: pages, conservation.
fn parse_checked(what: &str, text: &str, pages: usize) -> Issue {
    let issue =
        load(what, text.as_bytes(), &Limits::default()).unwrap_or_else(|e| panic!("{what}: {e}"));
    assert_eq!(issue.pages.len(), pages, "{what}: page count");
    assert_conserved(text, &issue, what);
    issue
}

// How the cost grows with these inputs (4x the input at most ~8x the
// time) is measured by `cargo bench --bench scaling`: a benchmark, not a
// timed test. Here each input must read whole, conserved, and convert.

#[test]
fn ten_mb_single_line_parses() {
    let line = shapes::long_line;
    let text = line(10 << 20);
    assert!(text.len() >= 10 << 20);
    let issue = parse_checked("10mb-line", &text, 1);
    assert!(issue.articles().count() >= 1);
}

#[test]
fn hundred_thousand_blank_lines_parse() {
    let blank = shapes::blank_lines;
    let issue = parse_checked("blank lines", &blank(100_000), 1);
    let text = model_text(&issue);
    assert!(text.contains("标题") && text.contains("结尾"), "{text}");
}

#[test]
fn one_mb_headline_and_full_issue_around_it() {
    let head = shapes::huge_headline;
    let text = head(1 << 20);
    parse_checked("1mb headline", &text, 1);
    // And it converts to every format (once) without trouble.
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "head.txt", head(64 << 10));
    let (out, _) = convert_all(&p, &[]);
    assert_eq!(outputs(out.path()).len(), formats().len());
}

#[test]
fn page_of_punctuation_parses_and_converts() {
    let punct = shapes::punctuation;
    parse_checked("punctuation", &punct(200_000), 1);
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "punct.txt", punct(5_000));
    let (out, _) = convert_all(&p, &[]);
    for f in tree(out.path()) {
        output_text(&out.path().join(f));
    }
}

#[test]
fn ten_thousand_pages_in_one_file_parse() {
    let pages = shapes::form_feed_pages;
    parse_checked("10000 pages", &pages(10_000), 10_000);
    // JSON of the whole issue reads back.
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "many.txt", pages(10_000));
    let out = run_ok(&["convert", p.to_str().unwrap(), "--to", "json", "-o", "-"]);
    let back = newsconv_json::read(out.as_bytes()).unwrap();
    assert_eq!(back.pages.len(), 10_000);
}

/// Page shapes whose article pass once cost the square of the page: stories
/// closed by their bylines (headline-only boxes looked up per run, far
/// headlines tried against every untitled text), name pieces (tried against
/// every byline) and jump lines (each tried against every continued part).
#[test]
fn pages_of_many_stories_pieces_and_jumps_parse() {
    for (what, story) in shapes::STORY_PIECES {
        let page = |n: usize| story.repeat(n);
        parse_checked(what, &page(2_000), 1);
    }
}

#[test]
fn page_and_size_limits_are_configurable_with_clear_errors() {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), "pages.txt", "一\x0c二\x0c三\x0c四\n");
    let err = fails_naming(
        &[
            "convert",
            p.to_str().unwrap(),
            "--max-pages",
            "3",
            "--to",
            "json",
            "-o",
            "-",
        ],
        "pages.txt",
    );
    assert!(
        err.contains("4 pages") && err.contains("--max-pages"),
        "{err}"
    );
    run_ok(&[
        "convert",
        p.to_str().unwrap(),
        "--max-pages",
        "4",
        "--to",
        "json",
        "-o",
        "-",
    ]);
    let big = write(dir.path(), "big.txt", "字".repeat(400_000));
    let err = fails_naming(
        &[
            "convert",
            big.to_str().unwrap(),
            "--max-input-mb",
            "1",
            "--to",
            "json",
            "-o",
            "-",
        ],
        "big.txt",
    );
    assert!(err.contains("--max-input-mb"), "{err}");
    run_ok(&[
        "convert",
        big.to_str().unwrap(),
        "--max-input-mb",
        "2",
        "--to",
        "json",
        "-o",
        "-",
    ]);
    // A folder of page files counts the pages of all files and their total size.
    let folder = dir.path().join("issue");
    std::fs::create_dir(&folder).unwrap();
    for i in 1..=3 {
        write(&folder, &format!("p{i}.txt"), format!("第{i}版\n正文\n"));
    }
    let err = fails_naming(
        &[
            "convert",
            folder.to_str().unwrap(),
            "--max-pages",
            "2",
            "--to",
            "json",
            "-o",
            "-",
        ],
        "issue",
    );
    assert!(err.contains("--max-pages"), "{err}");
    // The library API enforces the same limits.
    let opts = Limits {
        max_pages: 1,
        ..Limits::default()
    };
    let e = load("two.txt", "一\x0c二".as_bytes(), &opts).unwrap_err();
    assert!(e.starts_with("two.txt") && e.contains("2 pages"), "{e}");
    let opts = Limits {
        max_input_bytes: 10,
        ..Limits::default()
    };
    let e = load("long.txt", "十一个字节以上".as_bytes(), &opts).unwrap_err();
    assert!(e.starts_with("long.txt") && e.contains("limit"), "{e}");
}

// ---------------------------------------------------------------- paths and nothing lost

#[test]
fn hostile_titles_and_stems_stay_inside_the_output_folder() {
    let base = tempfile::tempdir().unwrap();
    let src = base.path().join("src");
    std::fs::create_dir(&src).unwrap();
    let names = [
        "..txt",
        "...txt",
        ".hidden.txt",
        "a\\..\\..\\b.txt",
        "-o.txt",
        "line\nbreak.txt",
        "..\\evil.json.txt",
        "新闻 2024.txt",
    ];
    let out = base.path().join("out");
    for name in names {
        let p = write(&src, name, "标题\n\n正文。\n");
        let o = run(&[
            "convert",
            p.to_str().unwrap(),
            "--title",
            "../../escape/../../x",
            "--edition",
            "/etc/passwd",
            "--to",
            "all",
            "-o",
            out.to_str().unwrap(),
        ]);
        assert!(
            o.status.success(),
            "{name:?}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
    // Nothing outside `out` and `src`.
    let mut top: Vec<_> = std::fs::read_dir(base.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    top.sort();
    assert_eq!(
        top,
        ["out", "src"],
        "files written outside the output folder"
    );
    assert_eq!(tree(&src).len(), names.len(), "the input folder changed");
    for f in tree(&out) {
        // One level, or inside a package folder (`NAME.mets/alto/0001.xml`).
        let package = f
            .components()
            .next()
            .is_some_and(|c| c.as_os_str().to_string_lossy().ends_with(".mets"));
        assert!(
            f.components().count() == 1 || package,
            "output in a subfolder: {f:?}"
        );
        let s = f.to_string_lossy();
        assert!(
            !s.starts_with('.') && !s.contains('\n') && !s.contains('\\'),
            "unsafe output name {s:?}"
        );
    }
    // A very long input name still gives a writable output name.
    let long = format!("{}.txt", "长".repeat(83));
    let p = write(&src, &long, "标题\n\n正文。\n");
    run_ok(&[
        "convert",
        p.to_str().unwrap(),
        "--to",
        "all",
        "-o",
        out.to_str().unwrap(),
    ]);
}

#[test]
fn input_is_never_overwritten_even_when_output_folder_is_input_folder() {
    let dir = tempfile::tempdir().unwrap();
    // Our JSON converted to JSON into its own folder: refused, input intact.
    let text = write(dir.path(), "issue.txt", "标题\n\n正文。\n");
    run_ok(&[
        "convert",
        text.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let renamed = dir.path().join("issue.json");
    let before = std::fs::read(&renamed).unwrap();
    let err = fails_naming(
        &[
            "convert",
            renamed.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            dir.path().to_str().unwrap(),
        ],
        "issue.json",
    );
    assert!(err.contains("overwrite"), "{err}");
    assert_eq!(std::fs::read(&renamed).unwrap(), before, "input changed");
    // Two inputs where one's output would be the other input.
    let err = fails_naming(
        &[
            "convert",
            text.to_str().unwrap(),
            renamed.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            dir.path().to_str().unwrap(),
        ],
        "issue.json",
    );
    assert!(err.contains("overwrite"), "{err}");
    assert_eq!(
        std::fs::read(&renamed).unwrap(),
        before,
        "second input overwritten by the first's output"
    );
    // The output path is a hard link to the input.
    let other = tempfile::tempdir().unwrap();
    let inp = write(other.path(), "a.json", &before);
    let outdir = other.path().join("o");
    std::fs::create_dir(&outdir).unwrap();
    std::fs::hard_link(&inp, outdir.join("a.json")).unwrap();
    let err = fails_naming(
        &[
            "convert",
            inp.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            outdir.to_str().unwrap(),
        ],
        "a.json",
    );
    assert!(err.contains("overwrite"), "{err}");
    assert_eq!(std::fs::read(&inp).unwrap(), before);
    no_temp_files(dir.path());
    no_temp_files(other.path());
}

#[test]
fn failed_write_leaves_no_partial_file() {
    // The producer fails after writing half: neither the target nor a temp file remains.
    let dir = tempfile::tempdir().unwrap();
    let target = dir.path().join("out.json");
    let r = newsconv::cli::output::write_atomic(&target, |w| {
        w.write_all(&[b'x'; 100_000]).unwrap();
        Err::<(), _>("render failed")
    });
    assert!(matches!(
        r,
        Err(newsconv::cli::output::AtomicError::Render("render failed"))
    ));
    assert!(!target.exists(), "partial output left");
    no_temp_files(dir.path());
    // An existing output is left untouched by a failed rewrite.
    std::fs::write(&target, "old").unwrap();
    let r = newsconv::cli::output::write_atomic(&target, |w| {
        w.write_all(b"new, half").unwrap();
        Err::<(), _>("boom")
    });
    assert!(r.is_err());
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "old");
    no_temp_files(dir.path());
    // A successful write replaces it whole.
    newsconv::cli::output::write_atomic(&target, |w| w.write_all(b"new")).unwrap();
    assert_eq!(std::fs::read_to_string(&target).unwrap(), "new");
    // A new output gets ordinary permissions (tempfile's own are 0600).
    std::fs::remove_file(&target).unwrap();
    newsconv::cli::output::write_atomic(&target, |w| w.write_all(b"fresh")).unwrap();
    #[cfg(unix)]
    {
        use std::os::unix::fs::PermissionsExt;
        let mode = std::fs::metadata(&target).unwrap().permissions().mode() & 0o777;
        assert_eq!(
            mode, 0o644,
            "outputs must be readable like any file, not 0600"
        );
    }
    // Through the CLI: the output name is taken by a folder, so the rename fails.
    let src = write(dir.path(), "x.txt", "标题\n\n正文。\n");
    let out = dir.path().join("out");
    std::fs::create_dir_all(out.join("x.json")).unwrap();
    fails_naming(
        &[
            "convert",
            src.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            out.to_str().unwrap(),
        ],
        "x.json",
    );
    assert_eq!(tree(&out), Vec::<PathBuf>::new(), "partial output left");
    no_temp_files(&out);
}

// ---------------------------------------------------------------- determinism

/// Run newsconv to every format with an environment; returns every output file's bytes.
fn outputs_with_env(
    input: &Path,
    env: &[(&str, &str)],
    wrapper: Option<&[&str]>,
) -> BTreeMap<String, Vec<u8>> {
    let dir = tempfile::tempdir().unwrap();
    let bin = env!("CARGO_BIN_EXE_newsconv");
    let args = [
        "convert",
        input.to_str().unwrap(),
        "--to",
        "all",
        "-o",
        dir.path().to_str().unwrap(),
    ];
    let mut cmd = match wrapper {
        Some(w) => {
            let mut c = Command::new(w[0]);
            c.args(&w[1..]).arg(bin);
            c
        }
        None => Command::new(bin),
    };
    cmd.args(args).env_remove("SOURCE_DATE_EPOCH");
    for (k, v) in env {
        cmd.env(k, v);
    }
    let o = cmd.output().unwrap();
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    tree(dir.path())
        .into_iter()
        .map(|f| {
            (
                f.to_string_lossy().into_owned(),
                std::fs::read(dir.path().join(&f)).unwrap(),
            )
        })
        .collect()
}

fn assert_same(a: &BTreeMap<String, Vec<u8>>, b: &BTreeMap<String, Vec<u8>>, what: &str) {
    assert_eq!(
        a.keys().collect::<Vec<_>>(),
        b.keys().collect::<Vec<_>>(),
        "{what}: different files"
    );
    for (k, v) in a {
        assert!(v == &b[k], "{what}: {k} differs between runs");
    }
}

#[test]
fn outputs_are_byte_identical_across_runs_and_days() {
    let input = sample();
    let epoch = [("SOURCE_DATE_EPOCH", "1700000000")];
    let first = outputs_with_env(&input, &epoch, None);
    let packages = first.keys().filter(|k| k.contains(".mets/")).count();
    assert_eq!(
        first.len() - packages + usize::from(packages > 0),
        formats().len()
    );
    let second = outputs_with_env(&input, &epoch, None);
    assert_same(&first, &second, "same SOURCE_DATE_EPOCH");
    // Without SOURCE_DATE_EPOCH, two runs agree too (no current time is used).
    let a = outputs_with_env(&input, &[], None);
    let b = outputs_with_env(&input, &[], None);
    assert_same(&a, &b, "no SOURCE_DATE_EPOCH");
    // With the clock moved years forward: still identical.
    require("faketime");
    for day in ["2031-07-01 12:00:00", "1999-12-31 23:59:59"] {
        let faked = outputs_with_env(
            &input,
            &epoch,
            Some(&["faketime", "-f", &format!("@{day}")]),
        );
        assert_same(&first, &faked, &format!("faked date {day}"));
        let faked = outputs_with_env(&input, &[], Some(&["faketime", "-f", &format!("@{day}")]));
        assert_same(
            &a,
            &faked,
            &format!("faked date {day} without SOURCE_DATE_EPOCH"),
        );
    }
    // The issue date given, JSON does not depend on SOURCE_DATE_EPOCH at all.
    let j1 = run_ok(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "json",
        "--date",
        "2024-06-22",
        "-o",
        "-",
    ]);
    let o = Command::new(env!("CARGO_BIN_EXE_newsconv"))
        .args([
            "convert",
            input.to_str().unwrap(),
            "--to",
            "json",
            "--date",
            "2024-06-22",
            "-o",
            "-",
        ])
        .env("SOURCE_DATE_EPOCH", "0")
        .output()
        .unwrap();
    assert_eq!(j1.as_bytes(), &o.stdout[..]);
}

#[test]
fn epub_zip_entries_have_fixed_timestamps_and_order() {
    require("unzip");
    if !formats().iter().any(|(n, _)| n == "epub") {
        return;
    }
    let out = outputs_with_env(&sample(), &[], None);
    let (name, bytes) = out.iter().find(|(k, _)| k.ends_with(".epub")).unwrap();
    // The first entry is an uncompressed `mimetype`.
    assert_eq!(
        &bytes[30..38],
        b"mimetype",
        "{name}: mimetype is not the first entry"
    );
    assert_eq!(
        u16::from_le_bytes([bytes[8], bytes[9]]),
        0,
        "{name}: mimetype is compressed"
    );
    // Every local header's DOS time/date is the same fixed value.
    let mut stamps = std::collections::BTreeSet::new();
    let mut i = 0;
    while i + 30 <= bytes.len() {
        if bytes[i..i + 4] == *b"PK\x03\x04" {
            stamps.insert((
                u16::from_le_bytes([bytes[i + 10], bytes[i + 11]]),
                u16::from_le_bytes([bytes[i + 12], bytes[i + 13]]),
            ));
        }
        i += 1;
    }
    assert_eq!(
        stamps.len(),
        1,
        "{name}: zip entries carry different timestamps {stamps:?}"
    );
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

/// cargo-fuzz finding (parse_text, CI smoke run): two copies of a page with
/// a jump line, a caption with its credit and an editor credit, the second
/// copy cut by invalid UTF-8. Text must be conserved as the fuzz target
/// checks it (`tests/fuzz/src/lib.rs::conservation_diff`).
#[test]
fn fuzz_finding_repeated_page_with_jump_lines_is_conserved() {
    let bytes = std::fs::read(crate::common::repo(
        "tests/fixtures/hostile/fuzz-parse_text-1b7f6c5a.bin",
    ))
    .unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let issue = newsconv::front::text::parse_text(&text);
    if let Err(e) = newsconv_testkit::conserve::check(&text, &issue) {
        panic!("{e}\n{}", serde_json::to_string_pretty(&issue).unwrap());
    }
    assert_conserved(&text, &issue, "fuzz finding");
}

/// Parse a cargo-fuzz finding kept in `tests/fixtures/hostile`: every
/// article's span runs forwards inside the input, and no text is lost.
fn check_fuzz_finding(file: &str, what: &str) {
    let bytes = std::fs::read(crate::common::repo(&format!("tests/fixtures/hostile/{file}"))).unwrap();
    let text = String::from_utf8_lossy(&bytes);
    let issue = newsconv::front::text::parse_text(&text);
    let lines = text.split('\n').count() as u32;
    for (_, a) in issue.articles() {
        let s = a.source.expect("every article has a span");
        assert!(
            1 <= s.start && s.start <= s.end && s.end <= lines,
            "{what}: span {s:?} outside 1..={lines}"
        );
    }
    assert_conserved(&text, &issue, what);
}

/// cargo-fuzz finding (parse_text): a photo credit line after a paragraph
/// was emitted before that paragraph, and the article's span ran backwards
/// (lines 3-1). Every span must run forwards inside the input.
#[test]
fn fuzz_finding_credit_before_its_paragraph_keeps_the_span_forward() {
    check_fuzz_finding("fuzz-parse_text-1e290bab.bin", "fuzz finding 1e290bab");
}

/// cargo-fuzz finding (parse_text, 2026-12-04): a page holding two runs of
/// briefs under the same column label (the second run's label was taken
/// for one carried over from the first, and counted as lost).
#[test]
fn fuzz_finding_dc67d10f_is_conserved() {
    check_fuzz_finding("fuzz-parse_text-dc67d10f.bin", "fuzz finding dc67d10f");
}
