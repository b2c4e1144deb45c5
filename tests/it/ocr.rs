//! The OCR front end (issue #19): a page whose text layer cannot be decoded
//! and a scanned page (both made from the sample's own print PDF, one page,
//! to keep the suite fast; the dev pages run in `tests/benches/ocr.sh`)
//! convert through Tesseract with the default flags, say so in the model,
//! the diagnostics and every export, and recover the page's Han
//! characters; `--ocr never` keeps the clear error; a missing engine is a
//! clear error naming the Debian packages.

use crate::common::*;
use newsconv_testkit::ocr_pages::{han_recall_precision, scanned, without_to_unicode};
use std::path::{Path, PathBuf};
use std::process::Command;

/// The sample's print PDF, written into `dir`.
fn sample_pdf(dir: &Path) -> PathBuf {
    let txt = sample().with_extension("txt");
    run_ok(&[
        "convert",
        txt.to_str().unwrap(),
        "--to",
        "pdf",
        "-o",
        dir.to_str().unwrap(),
    ]);
    dir.join(txt.with_extension("pdf").file_name().unwrap())
}

/// The text layer of page 1 of `pdf`, by pdftotext.
fn page_one_text(pdf: &Path) -> String {
    require("pdftotext");
    let o = Command::new("pdftotext")
        .args(["-f", "1", "-l", "1"])
        .arg(pdf)
        .arg("-")
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

fn xmllint(schema: &Path, file: &Path) {
    require("xmllint");
    let o = Command::new("xmllint")
        .args(["--nonet", "--noout", "--schema"])
        .arg(schema)
        .arg(file)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{} does not validate: {}",
        file.display(),
        String::from_utf8_lossy(&o.stderr)
    );
}

/// Convert `input` with the defaults to every format and check what OCR
/// must leave in each; returns the recognised text layer.
fn check_recognised(input: &Path, reason: &str) -> String {
    require("tesseract");
    let out = convert(input, "json,newsml,epub,mets");
    let stem = input.file_stem().unwrap().to_string_lossy().into_owned();
    let json: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(out.path().join(format!("{stem}.json"))).unwrap(),
    )
    .unwrap();
    let page = &json["pages"][0];
    assert_eq!(page["ocr"]["reason"], reason, "{}", page["ocr"]);
    assert!(
        page["ocr"]["engine"]
            .as_str()
            .unwrap()
            .starts_with("tesseract"),
        "{}",
        page["ocr"]
    );
    let conf = page["ocr"]["confidence"].as_f64().unwrap();
    assert!((0.5..=1.0).contains(&conf), "confidence {conf}");
    assert!(
        page["diagnostics"]
            .as_array()
            .unwrap()
            .iter()
            .any(|d| d["code"] == "page-ocr"),
        "no page-ocr diagnostic"
    );
    assert!(
        !page["articles"].as_array().unwrap().is_empty(),
        "no article read"
    );
    // NewsML: valid, and each story says its text was recognised.
    let newsml = out.path().join(format!("{stem}.newsml.xml"));
    xmllint(
        &shared_pages().join("../newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd"),
        &newsml,
    );
    assert!(std::fs::read_to_string(&newsml)
        .unwrap()
        .contains("recognised from its image by OCR"));
    // ALTO: valid, every word with the engine's confidence.
    let alto = out.path().join(format!("{stem}.mets/alto/0001.xml"));
    xmllint(&shared_pages().join("../mets-alto/alto-4-4.xsd"), &alto);
    let alto = std::fs::read_to_string(&alto).unwrap();
    let strings = alto.matches("<String ").count();
    assert!(
        strings > 0 && alto.matches(" WC=\"").count() == strings,
        "{strings} Strings, not all with WC"
    );
    assert!(alto.contains("<softwareName>tesseract</softwareName>"));
    // The package reads back with the page still marked as recognised, and
    // writes again byte for byte.
    let pkg = out.path().join(format!("{stem}.mets"));
    let again = convert(&pkg.join("mets.xml"), "mets,json");
    let back: serde_json::Value = serde_json::from_str(
        &std::fs::read_to_string(again.path().join(format!("{stem}.json"))).unwrap(),
    )
    .unwrap();
    assert_eq!(back["pages"][0]["ocr"], page["ocr"]);
    for rel in files_below(&pkg) {
        assert_eq!(
            std::fs::read(pkg.join(&rel)).unwrap(),
            std::fs::read(again.path().join(format!("{stem}.mets")).join(&rel)).unwrap(),
            "{} differs when written again",
            rel.display()
        );
    }
    // EPUB: the page says so before its text.
    assert!(
        unzip_contains(
            &out.path().join(format!("{stem}.epub")),
            "class=\"ocr-note\""
        ),
        "the EPUB does not say the page was recognised"
    );
    page["layout"]["lines"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["text"].as_str().unwrap())
        .collect()
}

fn unzip_contains(epub: &Path, needle: &str) -> bool {
    require("unzip");
    let o = Command::new("unzip").arg("-p").arg(epub).output().unwrap();
    String::from_utf8_lossy(&o.stdout).contains(needle)
}

fn assert_recovers(reference: &str, got: &str, floor: f64) {
    let (r, p) = han_recall_precision(reference, got);
    eprintln!("Han recall {r:.4}, precision {p:.4}");
    assert!(
        r >= floor && p >= floor,
        "Han recall {r:.4}, precision {p:.4}: under {floor}"
    );
}

/// `--ocr never` keeps today's clear error: `input` is refused; its message.
fn refused_without_ocr(input: &Path, dir: &Path) -> String {
    let o = run(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "json",
        "--ocr",
        "never",
        "-o",
        dir.join("never").to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        !o.status.success(),
        "{} converted with --ocr never: {err}",
        input.display()
    );
    err
}

#[test]
fn an_undecodable_page_converts_through_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = sample_pdf(dir.path());
    let broken = dir.path().join("undecodable.pdf");
    std::fs::write(
        &broken,
        without_to_unicode(&std::fs::read(&pdf).unwrap(), 1),
    )
    .unwrap();
    let err = refused_without_ocr(&broken, dir.path());
    assert!(
        err.contains("undecodable.pdf") && err.contains("cannot be decoded"),
        "{err}"
    );
    let got = check_recognised(&broken, "undecodable");
    assert_recovers(&page_one_text(&pdf), &got, 0.95);
}

#[test]
fn a_scanned_page_converts_through_ocr() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = sample_pdf(dir.path());
    let scan = scanned(&pdf, 1, 200, dir.path());
    let err = refused_without_ocr(&scan, dir.path());
    assert!(err.contains("no text layer"), "{err}");
    let got = check_recognised(&scan, "no_text_layer");
    assert_recovers(&page_one_text(&pdf), &got, 0.95);
}

#[test]
fn a_missing_engine_is_a_clear_error() {
    let dir = tempfile::tempdir().unwrap();
    let pdf = sample_pdf(dir.path());
    let scan = scanned(&pdf, 1, 100, dir.path());
    let out = dir.path().join("out");
    let o = Command::new(env!("CARGO_BIN_EXE_newsconv"))
        .args([
            "convert",
            scan.to_str().unwrap(),
            "--to",
            "json",
            "-o",
            out.to_str().unwrap(),
        ])
        .env("NEWSCONV_TESSERACT", dir.path().join("no-such-tesseract"))
        .output()
        .unwrap();
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "converted without an engine");
    assert!(
        err.contains("_scan.pdf")
            && err.contains("page 1")
            && err.contains("tesseract-ocr-chi-sim"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    assert!(
        !out.exists() || std::fs::read_dir(&out).unwrap().next().is_none(),
        "an output was written"
    );
}

/// The headlines of page `k` (0-based) of a converted issue's JSON.
fn headlines(json: &Path, k: usize) -> Vec<String> {
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(json).unwrap()).unwrap();
    v["pages"][k]["articles"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|a| a["headline"].as_str().map(str::to_string))
        .collect()
}

/// Han characters two strings share, over those of the longer.
fn han_overlap(a: &str, b: &str) -> f64 {
    let han = |s: &str| {
        s.chars()
            .filter(|c| ('\u{4e00}'..='\u{9fff}').contains(c))
            .collect::<Vec<_>>()
    };
    let (a, mut b) = (han(a), han(b));
    let longer = a.len().max(b.len()).max(1);
    let shared = a
        .iter()
        .filter(|c| {
            b.iter()
                .position(|d| d == *c)
                .map(|k| b.swap_remove(k))
                .is_some()
        })
        .count();
    shared as f64 / longer as f64
}

/// The scanned page is read as articles, not only as text: most headlines
/// the PDF path finds on the page are found by the OCR path too, and few
/// others (OCR lines are placed as set type so the same layout analysis
/// applies).
#[test]
fn a_scanned_page_keeps_its_headlines() {
    require("tesseract");
    let dir = tempfile::tempdir().unwrap();
    let pdf = sample_pdf(dir.path());
    // Page 2: the first page of articles (page 1 is the title page).
    let scan = scanned(&pdf, 2, 300, dir.path());
    // The same sheet read from its text layer, alone: read whole, the
    // print's sheets of one printed page join into one page.
    let sheet = dir.path().join("sheet2.pdf");
    let q = std::process::Command::new("qpdf")
        .args([pdf.to_str().unwrap(), "--pages", pdf.to_str().unwrap(), "2", "--", sheet.to_str().unwrap()])
        .status()
        .expect("qpdf runs");
    assert!(q.success(), "qpdf could not cut sheet 2");
    let want = headlines(
        &convert(&sheet, "json")
            .path()
            .join(sheet.with_extension("json").file_name().unwrap()),
        0,
    );
    let got = headlines(
        &convert(&scan, "json")
            .path()
            .join(scan.with_extension("json").file_name().unwrap()),
        0,
    );
    let found = want
        .iter()
        .filter(|w| got.iter().any(|g| han_overlap(w, g) >= 0.8))
        .count();
    eprintln!(
        "headlines found {found} of {}: want {want:?}, got {got:?}",
        want.len()
    );
    assert!(want.len() >= 3, "the PDF path reads headlines: {want:?}");
    assert!(
        found * 10 >= want.len() * 6,
        "OCR found {found} of {} headlines: want {want:?}, got {got:?}",
        want.len()
    );
    // And body text does not come out as headlines (before OCR lines were
    // placed as set type, this page gave 10 headlines for 3).
    assert!(
        got.len() * 2 <= want.len() * 3,
        "{} headlines from OCR for {}: {got:?}",
        got.len(),
        want.len()
    );
}
