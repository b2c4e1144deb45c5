//! The PDF front end: characters against pdftotext, conversion of every
//! real page PDF, errors for PDFs without a decodable text layer, text
//! conservation against the PDF's own text, folders of page PDFs.

use crate::common::{convert, page_names, run, shared_pages};
use newsconv::front::Limits;
use newsconv_testkit::conserve::{assert_conserved_bounded, char_counts};
use std::path::Path;

fn pdf_text(path: &Path) -> String {
    newsconv::front::pdf::page_texts(path, std::fs::read(path).unwrap(), true)
        .unwrap_or_else(|e| panic!("{e}"))
        .concat()
}

fn pdf_text_with_duplicates(path: &Path) -> String {
    newsconv::front::pdf::page_texts(path, std::fs::read(path).unwrap(), false)
        .unwrap_or_else(|e| panic!("{e}"))
        .concat()
}

#[test]
fn characters_match_pdftotext_on_every_page() {
    let mut report = Vec::new();
    let (mut all_ref, mut all_lost, mut all_extra, mut all_real_loss) =
        (0usize, 0usize, 0usize, 0usize);
    for name in page_names() {
        let pdf = shared_pages().join(format!("{name}.pdf"));
        let ours = char_counts(&pdf_text(&pdf));
        let theirs = char_counts(
            &std::fs::read_to_string(shared_pages().join(format!("{name}.txt"))).unwrap(),
        );
        let total: usize = theirs.values().sum();
        let lost: usize = theirs
            .iter()
            .map(|(c, n)| n.saturating_sub(ours.get(c).copied().unwrap_or(0)))
            .sum();
        // pdftotext keeps some glyphs drawn twice at the very same place
        // (fill pass plus stroke pass of a fake-bold headline) where its word
        // grouping differs between the passes; we drop those. Anything else
        // missing is a real loss.
        let raw = char_counts(&pdf_text_with_duplicates(&pdf));
        let real_loss: usize = theirs
            .iter()
            .map(|(c, n)| n.saturating_sub(raw.get(c).copied().unwrap_or(0)))
            .sum();
        let dup_excess: usize = theirs
            .iter()
            .map(|(c, n)| {
                n.saturating_sub(ours.get(c).copied().unwrap_or(0)).min(
                    raw.get(c)
                        .copied()
                        .unwrap_or(0)
                        .saturating_sub(ours.get(c).copied().unwrap_or(0)),
                )
            })
            .sum();
        assert_eq!(
            lost, dup_excess,
            "{name}: characters lost beyond dropped duplicates"
        );
        all_real_loss += real_loss;
        let extra: usize = ours
            .iter()
            .map(|(c, n)| n.saturating_sub(theirs.get(c).copied().unwrap_or(0)))
            .sum();
        let lost_chars: String = theirs
            .iter()
            .filter(|(c, n)| ours.get(c).copied().unwrap_or(0) < **n)
            .map(|(c, _)| *c)
            .take(20)
            .collect();
        let extra_chars: String = ours
            .iter()
            .filter(|(c, n)| theirs.get(c).copied().unwrap_or(0) < **n)
            .map(|(c, _)| *c)
            .take(20)
            .collect();
        report.push(format!("{name}: {total} chars, lost {lost} [{lost_chars}], extra {extra} [{extra_chars}], match {:.3}% (lost = exact duplicates pdftotext keeps)", 100.0 * (total - lost) as f64 / total as f64));
        all_ref += total;
        all_lost += lost;
        all_extra += extra;
    }
    let summary = format!(
        "{}\ntotal: {all_ref} chars, lost {all_lost}, extra {all_extra}",
        report.join("\n")
    );
    eprintln!("{summary}");
    assert_eq!(
        all_real_loss, 0,
        "characters pdftotext finds are missing:\n{summary}"
    );
    assert!(
        all_lost * 1000 <= all_ref,
        "too many duplicates dropped:\n{summary}"
    );
    assert!(
        all_extra * 1000 <= all_ref,
        "too many characters pdftotext does not have:\n{summary}"
    );
}

#[test]
fn every_page_pdf_converts_to_json_and_conserves_text() {
    for name in page_names() {
        let pdf = shared_pages().join(format!("{name}.pdf"));
        let out = convert(&pdf, "json");
        let json = std::fs::read_to_string(out.path().join(format!("{name}.json"))).unwrap();
        let v: serde_json::Value = serde_json::from_str(&json).unwrap();
        let arts = v["pages"][0]["articles"]
            .as_array()
            .map(|a| a.len())
            .unwrap_or(0);
        assert!(arts >= 2, "{name}: only {arts} articles from the PDF");
        let issue = newsconv::front::load(&pdf, &Limits::default()).unwrap();
        assert_conserved_bounded(
            &pdf_text(&pdf),
            &issue,
            &format!("{name} (against the PDF)"),
        );
    }
}

/// A one-page PDF whose content stream is `content`, with a correct xref
/// table (written by the test kit's PDF writer).
fn tiny_pdf(content: &str, font: &str) -> Vec<u8> {
    use newsconv_testkit::hostile_pdf::{pdf, stream};
    pdf(&[
        b"<< /Type /Catalog /Pages 2 0 R >>".to_vec(),
        b"<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_vec(),
        format!("<< /Type /Page /Parent 2 0 R /MediaBox [0 0 200 200] /Contents 4 0 R /Resources << {font} >> >>").into_bytes(),
        stream("", content.as_bytes()),
    ])
}

#[test]
fn pdf_without_text_layer_is_a_clear_error_naming_the_file() {
    let dir = tempfile::tempdir().unwrap();
    let scan = dir.path().join("scanned-page.pdf");
    std::fs::write(&scan, tiny_pdf("0 0 0 rg 10 10 100 100 re f", "")).unwrap();
    let o = run(&[
        "convert",
        scan.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("scanned-page.pdf") && err.contains("no text layer"),
        "{err}"
    );
    assert!(!err.contains("panicked"), "{err}");
    // A damaged PDF names the file too.
    let bad = dir.path().join("damaged.pdf");
    std::fs::write(&bad, b"%PDF-1.4\nthis is not a pdf\n").unwrap();
    let o = run(&[
        "convert",
        bad.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success());
    assert!(
        err.contains("damaged.pdf") && !err.contains("panicked"),
        "{err}"
    );
}

#[test]
fn text_drawn_with_a_standard_font_is_read() {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("hello.pdf");
    let font = "/Font << /F1 << /Type /Font /Subtype /Type1 /BaseFont /Helvetica >> >>";
    std::fs::write(
        &p,
        tiny_pdf("BT /F1 12 Tf 20 150 Td (Hello newsconv) Tj ET", font),
    )
    .unwrap();
    let t = pdf_text(&p);
    assert_eq!(t.replace(' ', ""), "Hellonewsconv");
}

#[test]
fn folder_of_page_pdfs_gives_one_page_each() {
    let dir = tempfile::tempdir().unwrap();
    let names = page_names();
    for (i, name) in names.iter().take(2).enumerate() {
        std::fs::copy(
            shared_pages().join(format!("{name}.pdf")),
            dir.path().join(format!("page{}.pdf", i + 1)),
        )
        .unwrap();
    }
    let issue = newsconv::front::load(dir.path(), &Limits::default()).unwrap();
    assert_eq!(issue.pages.len(), 2);
    let want = pdf_text(&dir.path().join("page1.pdf")) + &pdf_text(&dir.path().join("page2.pdf"));
    assert_conserved_bounded(&want, &issue, "folder (against the PDFs)");
}

/// Gold checks passed on the PDF path, in percent, at the last measure
/// (`cargo run --release --example score -- --ext pdf`: 95.3%), minus a margin.
const PDF_FLOOR_PERCENT: f64 = 93.0;

#[test]
fn pdf_path_scores_above_its_floor_and_finds_every_gold_article() {
    let pages = newsconv_testkit::score::score_folder(&shared_pages(), "pdf").unwrap();
    assert_eq!(
        pages.len(),
        page_names().len(),
        "every page needs a gold file"
    );
    let (passed, total) = pages
        .iter()
        .map(|p| p.totals())
        .fold((0, 0), |a, b| (a.0 + b.0, a.1 + b.1));
    let pct = newsconv_testkit::score::pct(passed, total);
    let report = newsconv_testkit::score::report(&pages, false);
    assert!(
        pct >= PDF_FLOOR_PERCENT,
        "PDF path: gold checks {pct:.1}% fell below the floor {PDF_FLOOR_PERCENT}%:\n{report}"
    );
    let missing: Vec<String> = pages
        .iter()
        .flat_map(|p| {
            p.articles
                .iter()
                .filter(|a| a.matched.is_none())
                .map(move |a| format!("{}: {}", p.name, a.headline))
        })
        .collect();
    assert!(
        missing.is_empty(),
        "gold articles the PDF path did not find: {missing:?}\n{report}"
    );
}

/// The shared scorer of record (`../shared/tools/score.py`) on the PDF
/// path, in percent: 95.4% (440/461) at the last measure, with ads,
/// notices and tables set apart; issue #15 asks for 95%.
const PDF_SHARED_FLOOR_PERCENT: f64 = 95.0;

#[test]
fn pdf_path_shared_scorer_of_record_floor() {
    let (passed, made) =
        newsconv_testkit::shared_score::score_folder(&shared_pages(), "pdf").unwrap();
    let pct = newsconv_testkit::score::pct(passed, made);
    assert!(pct >= PDF_SHARED_FLOOR_PERCENT, "score.py, PDF path: {passed}/{made} = {pct:.1}% fell below the floor {PDF_SHARED_FLOOR_PERCENT}%");
}

#[test]
fn inspect_of_a_pdf_names_page_coordinates_and_end_notes() {
    let pdf = shared_pages().join("rmrb_20180122_p07.pdf");
    let o = run(&["inspect", pdf.to_str().unwrap()]);
    assert!(o.status.success(), "{}", String::from_utf8_lossy(&o.stderr));
    let out = String::from_utf8(o.stdout).unwrap();
    // Every diagnostic that points at a line also says where it is on the printed page.
    let diag_lines: Vec<&str> = out
        .lines()
        .filter(|l| l.trim_start().starts_with("Info:") || l.trim_start().starts_with("Warning:"))
        .collect();
    assert!(!diag_lines.is_empty(), "{out}");
    for l in &diag_lines {
        if l.contains("(line ") {
            assert!(
                l.contains("pt from the top left]"),
                "no page position in {l:?}"
            );
        }
    }
    // The four stories of the page, each closing with its author's note.
    assert_eq!(out.matches(", 1 end note,").count(), 4, "{out}");
}
