//! EPUB: epubcheck-clean on the sample and every real page, navigation
//! finds every article, byte-identical runs.

use crate::common::*;
use serde_json::Value;
use std::path::{Path, PathBuf};
use std::process::Command;

const EPUBCHECK: &str = "/usr/share/java/epubcheck.jar";

/// Run epubcheck on the files; returns the failures with epubcheck's output.
/// epubcheck 4's command line checks one file per JVM (~5 s each, mostly
/// start-up), so the files are checked by `plugins/epub/tools/EpubCheckBatch.java`
/// (several per JVM, two JVMs in parallel); files it could not report on
/// (no Java compiler for the source launcher) are checked one by one.
fn epubcheck_all(files: &[PathBuf]) -> Vec<String> {
    newsconv_testkit::tools::require_file(EPUBCHECK);
    require("java");
    let batch = repo("plugins/epub/tools/EpubCheckBatch.java");
    let workers = 2;
    let chunks: Vec<Vec<PathBuf>> = (0..workers)
        .map(|w| files.iter().skip(w).step_by(workers).cloned().collect())
        .collect();
    let handles: Vec<_> = chunks
        .into_iter()
        .map(|chunk| {
            let batch = batch.clone();
            std::thread::spawn(move || {
                let mut bad = Vec::new();
                if chunk.is_empty() {
                    return bad;
                }
                let o = Command::new("java")
                    .args(["-Xss16m", "-cp", EPUBCHECK])
                    .arg(&batch)
                    .args(&chunk)
                    .output()
                    .expect("run java");
                let out = String::from_utf8_lossy(&o.stdout).into_owned();
                let err = String::from_utf8_lossy(&o.stderr).into_owned();
                for f in &chunk {
                    let tag = format!("epubcheck-batch: {}: ", f.display());
                    match out.lines().find_map(|l| l.strip_prefix(tag.as_str())) {
                        Some("0 fatals / 0 errors / 0 warnings") => {}
                        Some(summary) => bad.push(format!("{}: {summary}\n{err}", f.display())),
                        None => {
                            // Not reported by the batch runner: the plain command line.
                            let o = Command::new("java")
                                .args(["-Xss16m", "-jar", EPUBCHECK, "-q"])
                                .arg(f)
                                .output()
                                .expect("run java");
                            let text = format!(
                                "{}{}",
                                String::from_utf8_lossy(&o.stdout),
                                String::from_utf8_lossy(&o.stderr)
                            );
                            let flagged = text.lines().any(|l| {
                                l.starts_with("ERROR")
                                    || l.starts_with("WARNING")
                                    || l.starts_with("FATAL")
                            });
                            if !o.status.success() || flagged {
                                bad.push(format!("{}:\n{text}", f.display()));
                            }
                        }
                    }
                }
                bad
            })
        })
        .collect();
    handles
        .into_iter()
        .flat_map(|h| h.join().unwrap())
        .collect()
}

/// The checker must see problems: a book with an invalid document fails.
#[test]
fn epubcheck_runner_reports_errors() {
    let dir = tempfile::tempdir().unwrap();
    convert_with(&sample(), "epub", &[], dir.path());
    let good = dir.path().join("000_bf1f693cbe2b0d89.epub");
    // Same container with a broken stylesheet link target and a stray element.
    let unpacked = dir.path().join("x");
    std::fs::create_dir_all(&unpacked).unwrap();
    assert!(Command::new("unzip")
        .arg("-q")
        .arg(&good)
        .arg("-d")
        .arg(&unpacked)
        .status()
        .unwrap()
        .success());
    let cover = unpacked.join("OEBPS/cover.xhtml");
    let text = std::fs::read_to_string(&cover).unwrap().replace(
        "<section class=\"cover\"",
        "<bogus/><section class=\"cover\"",
    );
    std::fs::write(&cover, text).unwrap();
    let bad = dir.path().join("bad.epub");
    let zip = |args: &[&str]| {
        assert!(Command::new("zip")
            .current_dir(&unpacked)
            .args(args)
            .status()
            .expect("zip (bash tests/run.sh installs it)")
            .success())
    };
    zip(&["-X0q", bad.to_str().unwrap(), "mimetype"]);
    zip(&["-Xrq", bad.to_str().unwrap(), "META-INF", "OEBPS"]);
    let found = epubcheck_all(&[good, bad.clone()]);
    assert_eq!(found.len(), 1, "{found:?}");
    assert!(found[0].contains("bad.epub"), "{found:?}");
}

fn sample_meta() -> Vec<&'static str> {
    vec![
        "--title",
        "洮南日报",
        "--date",
        "2025-06-24",
        "--publisher",
        "洮南日报社",
        "--edition",
        "城市版",
    ]
}

fn convert_with(input: &Path, formats: &str, extra: &[&str], out: &Path) {
    let mut args = vec![
        "convert",
        input.to_str().unwrap(),
        "--to",
        formats,
        "-o",
        out.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run_ok(&args);
}

/// An issue (as newsconv JSON) holding text no XHTML may carry raw.
fn hostile_json(dir: &Path) -> PathBuf {
    let long = "很长的段落。".repeat(40_000);
    let nasty = "<b>粗</b> & &amp; ]]> \"引\" 'x' \u{0001}\u{000b}\u{001b}\u{fffe}\t制表";
    let v = serde_json::json!({
        "format": "newsconv", "version": 1,
        "title": nasty, "publisher": nasty, "edition": nasty, "language": "zh-CN",
        "pages": [
            {"number": 1, "section": nasty, "label": nasty, "articles": [
                {"id": "x", "kicker": nasty, "column": nasty, "headline": nasty, "subheadline": nasty,
                 "byline": {"text": nasty}, "dateline": nasty,
                 "blocks": [{"kind": "paragraph", "text": nasty}, {"kind": "heading", "text": nasty}, {"kind": "paragraph", "text": long}],
                 "captions": [{"text": nasty, "credit": nasty}],
                 "continued_to": {"page": 2, "label": nasty, "article": "x"}},
                {"id": "x", "kicker": null, "column": null, "headline": "\u{0001}", "subheadline": null, "byline": null, "dateline": null,
                 "blocks": [], "captions": [], "continued_to": null}
            ], "unassigned": [{"text": nasty}]},
            {"number": 1, "articles": []}
        ]
    });
    let p = dir.join("hostile.json");
    std::fs::write(&p, serde_json::to_string(&v).unwrap()).unwrap();
    p
}

#[test]
fn epubcheck_passes_sample_pages_and_hostile_text() {
    let dir = tempfile::tempdir().unwrap();
    let mut files = Vec::new();
    // The sample with full metadata, and without (no dc:date, fallback modified date).
    let dated = dir.path().join("dated");
    convert_with(&sample(), "epub", &sample_meta(), &dated);
    files.push(dated.join("000_bf1f693cbe2b0d89.epub"));
    // With subset fonts embedded.
    let fonts = dir.path().join("fonts");
    let mut with_fonts = sample_meta();
    with_fonts.push("--embed-fonts");
    convert_with(&sample(), "epub", &with_fonts, &fonts);
    files.push(fonts.join("000_bf1f693cbe2b0d89.epub"));
    let bare = dir.path().join("bare");
    convert_with(&sample(), "epub", &[], &bare);
    files.push(bare.join("000_bf1f693cbe2b0d89.epub"));
    // Every real page.
    let pages = dir.path().join("pages");
    for name in page_names() {
        convert_with(
            &shared_pages().join(format!("{name}.txt")),
            "epub",
            &[],
            &pages,
        );
        files.push(pages.join(format!("{name}.epub")));
    }
    // Every page PDF, with its photos (issue #16).
    let pdfs = dir.path().join("pdfs");
    for name in page_names() {
        convert_with(
            &shared_pages().join(format!("{name}.pdf")),
            "epub",
            &[],
            &pdfs,
        );
        files.push(pdfs.join(format!("{name}.epub")));
    }
    // The whole folder of pages as one issue.
    // Markup and control characters, a very long paragraph, duplicate ids, a self-jump.
    let hostile = hostile_json(dir.path());
    convert_with(&hostile, "epub", &[], &dir.path().join("hostile"));
    files.push(dir.path().join("hostile/hostile.epub"));
    for f in &files {
        assert!(f.exists(), "{} not written", f.display());
    }
    let bad = epubcheck_all(&files);
    assert!(
        bad.is_empty(),
        "epubcheck found problems in {} of {} books:\n{}",
        bad.len(),
        files.len(),
        bad.join("\n")
    );
}

fn unzip(epub: &Path, member: &str) -> String {
    let o = Command::new("unzip")
        .args(["-p"])
        .arg(epub)
        .arg(member)
        .output()
        .expect("run unzip (bash tests/run.sh installs it)");
    assert!(
        o.status.success(),
        "unzip {} {member}: {}",
        epub.display(),
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).unwrap()
}

/// The `<a href=…>text</a>` entries of the navigation document's toc, with their depth.
fn nav_entries(nav: &str) -> Vec<(usize, String, String)> {
    let start = nav
        .find("epub:type = \"toc\"")
        .or_else(|| nav.find("epub:type=\"toc\""))
        .expect("toc nav");
    let end = nav[start..]
        .find("</nav>")
        .map(|e| start + e)
        .expect("toc nav end");
    let toc = &nav[start..end];
    let mut out = Vec::new();
    let mut depth = 0usize;
    let mut rest = toc;
    while let Some(i) = rest.find('<') {
        rest = &rest[i..];
        if rest.starts_with("<ol") {
            depth += 1;
        } else if rest.starts_with("</ol") {
            depth -= 1;
        } else if let Some(r) = rest.strip_prefix("<a href=\"") {
            let href = &r[..r.find('"').unwrap()];
            let text_start = r.find('>').unwrap() + 1;
            let text = &r[text_start..text_start + r[text_start..].find("</a>").unwrap()];
            out.push((depth, href.to_string(), unescape(text.trim())));
        }
        rest = &rest[1..];
    }
    out
}

fn squeeze(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn unescape(s: &str) -> String {
    s.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&amp;", "&")
}

/// Reads the navigation back and finds every article of the issue (as the
/// JSON output describes it) under its page, in order, with its title.
fn check_nav_finds_every_article(input: &Path, extra: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    convert_with(input, "epub,json", extra, dir.path());
    let stem = input.file_stem().unwrap().to_str().unwrap();
    let issue: Value = serde_json::from_str(
        &std::fs::read_to_string(dir.path().join(format!("{stem}.json"))).unwrap(),
    )
    .unwrap();
    let epub = dir.path().join(format!("{stem}.epub"));
    let nav = unzip(&epub, "OEBPS/nav.xhtml");
    let entries = nav_entries(&nav);
    let pages = issue["pages"].as_array().unwrap();
    let ids: Vec<&str> = pages
        .iter()
        .flat_map(|p| p["articles"].as_array().unwrap())
        .filter_map(|a| a["id"].as_str())
        .collect();
    let mut cursor = 0;
    let mut found = 0;
    let mut expected = 0;
    for (pi, p) in pages.iter().enumerate() {
        let file = format!("page-{:03}.xhtml", pi + 1);
        let page_at = entries
            .iter()
            .position(|e| e.1 == file && e.0 == 1)
            .unwrap_or_else(|| panic!("{stem}: page {file} not in nav:\n{nav}"));
        assert!(page_at >= cursor, "{stem}: page {file} out of order");
        cursor = page_at;
        let xhtml = unzip(&epub, &format!("OEBPS/{file}"));
        for (ai, a) in p["articles"].as_array().unwrap().iter().enumerate() {
            let merged = a["continued_from"]["article"]
                .as_str()
                .is_some_and(|id| ids.contains(&id));
            let href = format!("{file}#a{}-{}", pi + 1, ai + 1);
            let entry = entries.iter().position(|e| e.1 == href);
            if merged && entry.is_none() {
                continue; // read with the part it continues
            }
            expected += 1;
            let at = entry
                .unwrap_or_else(|| panic!("{stem}: article {href} ({}) not in nav", a["headline"]));
            assert!(at > cursor, "{stem}: {href} out of order");
            assert_eq!(entries[at].0, 2, "{stem}: {href} not nested under its page");
            cursor = at;
            let title = &entries[at].2;
            match a["headline"]
                .as_str()
                .map(str::trim)
                .filter(|h| !h.is_empty())
            {
                Some(h) => assert_eq!(squeeze(title), squeeze(h), "{stem}: {href}"),
                None => assert!(
                    title.starts_with("［无题］") || title == "（无题）",
                    "{stem}: {href} made-up title not marked: {title}"
                ),
            }
            assert!(
                xhtml.contains(&format!("id=\"a{}-{}\"", pi + 1, ai + 1)),
                "{stem}: {href} target missing"
            );
            if let Some(first) = a["blocks"]
                .as_array()
                .and_then(|b| b.first())
                .and_then(|b| b["text"].as_str())
            {
                let probe: String = first
                    .chars()
                    .filter(|c| !c.is_whitespace() && !"<>&\"".contains(*c))
                    .take(8)
                    .collect();
                let body: String = xhtml.chars().filter(|c| !c.is_whitespace()).collect();
                assert!(
                    body.contains(&probe),
                    "{stem}: {href} text {probe:?} missing from {file}"
                );
            }
            found += 1;
        }
    }
    assert_eq!(found, expected);
    assert!(found > 0, "{stem}: no articles");
}

#[test]
fn nav_finds_every_article_of_the_sample() {
    check_nav_finds_every_article(&sample(), &sample_meta());
}

#[test]
fn nav_finds_every_article_of_every_page() {
    for name in page_names() {
        check_nav_finds_every_article(&shared_pages().join(format!("{name}.txt")), &[]);
    }
}

#[test]
fn two_runs_are_byte_identical() {
    let a = tempfile::tempdir().unwrap();
    let b = tempfile::tempdir().unwrap();
    convert_with(&sample(), "epub", &sample_meta(), a.path());
    // A different SOURCE_DATE_EPOCH must not matter when the issue has a date.
    let input = sample();
    let mut args = vec![
        "convert",
        input.to_str().unwrap(),
        "--to",
        "epub",
        "-o",
        b.path().to_str().unwrap(),
    ];
    args.extend(sample_meta());
    let o = Command::new(env!("CARGO_BIN_EXE_newsconv"))
        .args(&args)
        .env("SOURCE_DATE_EPOCH", "1700000000")
        .output()
        .unwrap();
    assert!(o.status.success());
    let name = "000_bf1f693cbe2b0d89.epub";
    let x = std::fs::read(a.path().join(name)).unwrap();
    let y = std::fs::read(b.path().join(name)).unwrap();
    assert!(x == y, "two conversions of the sample differ");
    // Undated: the same bytes again on a second run.
    let c = tempfile::tempdir().unwrap();
    let d = tempfile::tempdir().unwrap();
    convert_with(&sample(), "epub", &[], c.path());
    convert_with(&sample(), "epub", &[], d.path());
    assert!(
        std::fs::read(c.path().join(name)).unwrap() == std::fs::read(d.path().join(name)).unwrap(),
        "undated conversions differ"
    );
}

#[test]
fn metadata_comes_from_the_issue() {
    let dir = tempfile::tempdir().unwrap();
    convert_with(&sample(), "epub", &sample_meta(), dir.path());
    let opf = unzip(
        &dir.path().join("000_bf1f693cbe2b0d89.epub"),
        "OEBPS/content.opf",
    );
    assert!(
        opf.contains("<dc:title>洮南日报 2025年6月24日</dc:title>"),
        "{opf}"
    );
    assert!(opf.contains("<dc:date>2025-06-24</dc:date>"), "{opf}");
    assert!(opf.contains("<dc:language>zh-CN</dc:language>"), "{opf}");
    assert!(
        opf.contains("<dc:publisher>洮南日报社</dc:publisher>"),
        "{opf}"
    );
    assert!(
        opf.contains("<meta property=\"dcterms:modified\">2025-06-24T00:00:00Z</meta>"),
        "{opf}"
    );
    let cover = unzip(
        &dir.path().join("000_bf1f693cbe2b0d89.epub"),
        "OEBPS/cover.xhtml",
    );
    assert!(
        cover.contains("2025年6月24日 星期二") && cover.contains("城市版"),
        "{cover}"
    );
    // The sample names no date: none is invented.
    let bare = tempfile::tempdir().unwrap();
    convert_with(&sample(), "epub", &[], bare.path());
    let opf = unzip(
        &bare.path().join("000_bf1f693cbe2b0d89.epub"),
        "OEBPS/content.opf",
    );
    assert!(!opf.contains("<dc:date"), "{opf}");
}
