//! The hostile-PDF catalogue (issue #19): every file of `../shared/hostile`
//! and of the test kit's catalogue (bombs, loops, lies, broken and
//! encrypted files) finishes, never panics, never leaves a partial output,
//! and either converts or is refused with the file named; encrypted pages
//! and a page with a wrong `startxref` convert to the same articles as the
//! plain page. Time and memory bounds (10 s, 512 MB in release) are
//! measured by `tests/benches/hostile.sh`, not here.

use crate::common::*;
use newsconv_testkit::hostile_pdf::{self, Expect, Hostile};
use std::path::Path;
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

/// A debug build on a loaded CI machine, far above the release bound: only
/// a file that never finishes should reach it.
const WATCHDOG: Duration = Duration::from_secs(120);

/// Run `convert FILE --to all -o OUT`; `None` when the watchdog killed it.
fn convert_watched(file: &Path, out: &Path) -> Option<(bool, String)> {
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsconv"))
        .args([
            "convert",
            file.to_str().unwrap(),
            "--to",
            "all",
            "-o",
            out.to_str().unwrap(),
        ])
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .spawn()
        .expect("run newsconv");
    let start = Instant::now();
    loop {
        if let Some(status) = child.try_wait().expect("wait") {
            let mut err = String::new();
            std::io::Read::read_to_string(child.stderr.as_mut().unwrap(), &mut err).ok();
            return Some((status.success(), err));
        }
        if start.elapsed() > WATCHDOG {
            child.kill().ok();
            child.wait().ok();
            return None;
        }
        std::thread::sleep(Duration::from_millis(50));
    }
}

/// The articles of a converted page, for comparing with the plain page.
fn articles(json: &Path) -> serde_json::Value {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    v["pages"]
        .as_array()
        .unwrap()
        .iter()
        .map(|p| p["articles"].clone())
        .collect()
}

/// Check one file; returns what went wrong, if anything.
fn check(h: &Hostile, dir: &Path, plain: &serde_json::Value) -> Option<String> {
    let file = dir.join(h.name);
    std::fs::write(&file, &h.bytes).unwrap();
    let out = dir.join(format!("{}.out", h.name));
    let Some((ok, err)) = convert_watched(&file, &out) else {
        return Some(format!("{}: still running after {WATCHDOG:?}", h.name));
    };
    if err.contains("panicked") || err.contains("RUST_BACKTRACE") {
        return Some(format!("{}: panicked: {err}", h.name));
    }
    let written: Vec<_> = std::fs::read_dir(&out)
        .map(|d| d.filter_map(|e| e.ok()).map(|e| e.file_name()).collect())
        .unwrap_or_default();
    match (ok, h.expect) {
        (false, Expect::SameAsPlain) => Some(format!("{}: refused, should convert: {err}", h.name)),
        (true, Expect::Refused) => Some(format!("{}: converted, should be refused", h.name)),
        (false, _) if !err.contains(h.name) => Some(format!(
            "{}: the error does not name the file: {err}",
            h.name
        )),
        (false, _) if !written.is_empty() => {
            Some(format!("{}: refused but left outputs {written:?}", h.name))
        }
        (true, Expect::SameAsPlain) => {
            let stem = h.name.trim_end_matches(".pdf");
            let got = articles(&out.join(format!("{stem}.json")));
            (got != *plain).then(|| format!("{}: articles differ from the plain page's", h.name))
        }
        _ => None,
    }
}

#[test]
fn every_hostile_pdf_finishes_cleanly_and_recoverable_ones_convert() {
    require("qpdf");
    let dir = tempfile::tempdir().unwrap();
    let page = shared_pages().join("fzwb_20240419_A07.pdf");
    let plain_out = dir.path().join("plain");
    run_ok(&[
        "convert",
        page.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        plain_out.to_str().unwrap(),
    ]);
    let plain = articles(&plain_out.join("fzwb_20240419_A07.json"));
    let mut files = hostile_pdf::synthetic();
    files.extend(hostile_pdf::from_page(&page, dir.path()));
    for entry in std::fs::read_dir(shared_pages().join("../hostile"))
        .unwrap()
        .filter_map(|e| e.ok())
    {
        let name = entry.file_name().to_string_lossy().into_owned();
        if name.ends_with(".pdf") {
            let name: &'static str = Box::leak(name.into_boxed_str());
            files.push(Hostile {
                name,
                bytes: std::fs::read(entry.path()).unwrap(),
                expect: Expect::Either,
            });
        }
    }
    let bad: Vec<String> = files
        .iter()
        .filter_map(|h| check(h, dir.path(), &plain))
        .collect();
    assert!(
        bad.is_empty(),
        "{} of {} hostile PDFs went wrong:\n{}",
        bad.len(),
        files.len(),
        bad.join("\n")
    );
}

#[test]
fn a_page_over_its_budget_is_left_unread_and_the_rest_converts() {
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("bomb_then_text.pdf");
    std::fs::write(&file, hostile_pdf::bomb_then_text()).unwrap();
    let issue = newsconv::front::load(&file, &newsconv::front::Limits::default()).unwrap();
    assert_eq!(issue.pages.len(), 2);
    let d = issue.pages[0]
        .diagnostics
        .iter()
        .find(|d| d.code == "page-over-budget")
        .expect("page 1 says it was left unread");
    assert!(
        d.message.contains("bomb_then_text.pdf")
            && d.message.contains("page 1")
            && d.message.contains("64 MiB"),
        "{}",
        d.message
    );
    let text: String = issue.pages[1]
        .articles
        .iter()
        .flat_map(|a| {
            a.blocks
                .iter()
                .map(|b| b.text.clone())
                .chain(a.headline.clone())
        })
        .collect();
    assert!(text.contains("Hostile page"), "page 2 converts: {text:?}");
    // A budget raised by the flag reads the bomb page too (128 MiB of spaces, no text).
    let out = dir.path().join("out");
    run_ok(&[
        "convert",
        file.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        out.to_str().unwrap(),
        "--max-page-content-mb",
        "512",
    ]);
    let json = std::fs::read_to_string(out.join("bomb_then_text.json")).unwrap();
    assert!(!json.contains("page-over-budget"));
}

/// The default budgets are far above real pages: every dev page costs
/// under a tenth of each, so no real page comes near them.
#[test]
fn every_dev_page_stays_far_under_each_budget() {
    use newsconv::front::pdf::{extract, Budget};
    let budget = Budget::default();
    let mut most = newsconv::front::pdf::Cost::default();
    for f in dev_pdfs() {
        for p in extract::extract(std::fs::read(&f).unwrap(), &budget).unwrap() {
            assert!(p.over_budget.is_none(), "{}", f.display());
            let c = p.cost;
            most = newsconv::front::pdf::Cost {
                operators: most.operators.max(c.operators),
                glyphs: most.glyphs.max(c.glyphs),
                path_segments: most.path_segments.max(c.path_segments),
                images: most.images.max(c.images),
            };
        }
    }
    eprintln!("most a dev page costs: {most:?}");
    assert!(
        most.glyphs > 1000 && most.operators > most.glyphs / 10,
        "the counts count: {most:?}"
    );
    assert!(most.operators * 10 < budget.operators, "{most:?}");
    assert!(most.glyphs * 10 < budget.glyphs, "{most:?}");
    assert!(most.path_segments * 10 < budget.path_segments, "{most:?}");
    assert!(most.images * 10 < budget.images, "{most:?}");
}

/// Each budget, lowered under what a page costs, leaves that page unread
/// with an error naming the file, the page and the flag, and converts the
/// rest; the page's output holds none of its text.
#[test]
fn each_budget_leaves_a_page_over_it_unread() {
    let dir = tempfile::tempdir().unwrap();
    let page = dev_pdfs().into_iter().next().expect("a dev page");
    for (flag, n, says) in [
        ("--max-page-operators", "100", "operators"),
        ("--max-page-glyphs", "100", "glyphs"),
        ("--max-page-path-segments", "10", "path segments"),
        ("--max-page-images", "1", "images"),
    ] {
        let out = dir.path().join(flag.trim_start_matches('-'));
        let o = run(&[
            "convert",
            page.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            out.to_str().unwrap(),
            flag,
            n,
        ]);
        let err = String::from_utf8_lossy(&o.stderr);
        assert!(
            !o.status.success(),
            "{flag} {n}: a one-page issue with its page unread is refused"
        );
        let name = page.file_name().unwrap().to_str().unwrap();
        assert!(
            err.contains(name)
                && err.contains("page 1")
                && err.contains(says)
                && err.contains(flag),
            "{flag}: {err}"
        );
        assert!(
            !out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(),
            "{flag}: no output written"
        );
    }
}

/// The dev page PDFs of `../shared/pages`.
fn dev_pdfs() -> Vec<std::path::PathBuf> {
    let dir = newsconv_testkit::paths::shared_pages();
    newsconv_testkit::paths::page_names()
        .iter()
        .map(|n| dir.join(format!("{n}.pdf")))
        .collect()
}
