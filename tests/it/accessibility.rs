//! Accessibility: Ace by DAISY, the reference checker of EPUB Accessibility
//! (and of the European Accessibility Act's e-book requirements), finds no
//! violation in our books: the sample in Chinese and in English, a dev page
//! read from its PDF. A book stripped of its accessibility metadata fails,
//! so the check can fail.

use crate::common::*;
use newsconv_testkit::tools;
use std::path::{Path, PathBuf};
use std::process::Command;

/// Ace's violations of one book, as `rule (impact) in document: what`;
/// empty when the book passes.
fn ace_violations(book: &Path) -> Vec<String> {
    let report_dir = tempfile::tempdir().unwrap();
    let o = tools::ace()
        .arg("-o")
        .arg(report_dir.path())
        .arg(book)
        .output()
        .expect("run ace");
    assert!(
        o.status.success(),
        "ace failed on {}: {}{}",
        book.display(),
        String::from_utf8_lossy(&o.stdout),
        String::from_utf8_lossy(&o.stderr)
    );
    let report = std::fs::read_to_string(report_dir.path().join("report.json"))
        .expect("ace wrote report.json");
    let report: serde_json::Value = serde_json::from_str(&report).expect("ace's report is JSON");
    let mut out = Vec::new();
    for doc in report["assertions"].as_array().into_iter().flatten() {
        let url = doc["earl:testSubject"]["url"].as_str().unwrap_or("?");
        for a in doc["assertions"].as_array().into_iter().flatten() {
            if a["earl:result"]["earl:outcome"] != "pass" {
                let test = &a["earl:test"];
                out.push(format!(
                    "{} ({}) in {url}: {}",
                    test["dct:title"], test["earl:impact"], a["earl:result"]["dct:description"]
                ));
            }
        }
    }
    if out.is_empty() {
        assert_eq!(
            report["earl:result"]["earl:outcome"],
            "pass",
            "{} fails Ace with no assertion listed",
            book.display()
        );
    }
    out
}

fn book(input: &Path, extra: &[&str], dir: &Path) -> PathBuf {
    let name = input.file_stem().unwrap().to_string_lossy().into_owned();
    let mut args = vec![
        "convert",
        input.to_str().unwrap(),
        "--to",
        "epub",
        "-o",
        dir.to_str().unwrap(),
    ];
    args.extend_from_slice(extra);
    run_ok(&args);
    dir.join(format!("{name}.epub"))
}

#[test]
fn ace_finds_no_violation_in_our_books() {
    let dir = tempfile::tempdir().unwrap();
    let books = [
        book(
            &sample(),
            &["--date", "2024-04-19", "--title", "测试报"],
            &dir.path().join("zh"),
        ),
        book(&sample(), &["--language", "en"], &dir.path().join("en")),
        book(
            &shared_pages().join("fzwb_20240419_A07.pdf"),
            &[],
            &dir.path().join("pdf"),
        ),
        // Photos with alt text and a caption in a figcaption (issue #16).
        book(
            &shared_pages().join("lswb_20210323_A05.pdf"),
            &[],
            &dir.path().join("photos"),
        ),
    ];
    let mut bad = Vec::new();
    for b in &books {
        bad.extend(
            ace_violations(b)
                .into_iter()
                .map(|v| format!("{}: {v}", b.display())),
        );
    }
    assert!(
        bad.is_empty(),
        "Ace by DAISY found violations:\n{}",
        bad.join("\n")
    );
}

#[test]
fn ace_reports_a_book_without_accessibility_metadata() {
    tools::require("zip");
    tools::require("unzip");
    let dir = tempfile::tempdir().unwrap();
    let good = book(&sample(), &[], dir.path());
    let bad = dir.path().join("stripped.epub");
    std::fs::copy(&good, &bad).unwrap();
    let opf = Command::new("unzip")
        .arg("-p")
        .arg(&bad)
        .arg("OEBPS/content.opf")
        .output()
        .unwrap();
    let opf = String::from_utf8(opf.stdout).unwrap();
    assert!(
        opf.contains("schema:accessMode"),
        "the book declares its access modes:\n{opf}"
    );
    let stripped: String = opf
        .lines()
        .filter(|l| !l.contains("property=\"schema:"))
        .map(|l| format!("{l}\n"))
        .collect();
    let work = dir.path().join("work/OEBPS");
    std::fs::create_dir_all(&work).unwrap();
    std::fs::write(work.join("content.opf"), stripped).unwrap();
    let z = Command::new("zip")
        .current_dir(dir.path().join("work"))
        .arg("-q")
        .arg(&bad)
        .arg("OEBPS/content.opf")
        .status()
        .unwrap();
    assert!(z.success());
    let found = ace_violations(&bad);
    assert!(
        found.iter().any(|v| v.contains("metadata-accessmode")),
        "Ace missed the stripped metadata: {found:?}"
    );
}
