//! Limits and bounded work on huge inputs, and the fuzz findings kept as
//! regression files.

use super::*;

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
