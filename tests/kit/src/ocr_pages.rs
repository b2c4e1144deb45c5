//! Test pages for the OCR path, made from pages we have (issue #19): a
//! page whose text layer cannot be decoded (its fonts' ToUnicode maps
//! removed, as on the Founder pages users bring), and a scan (the page
//! rendered grey and wrapped as an image-only PDF, as a scanner gives it),
//! plus the measure the issue reports: Han character recall and precision.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

/// A copy of the first `pages` pages of `pdf` with every font's
/// `/ToUnicode` map removed.
pub fn without_to_unicode(pdf: &[u8], pages: u32) -> Vec<u8> {
    let mut doc = lopdf::Document::load_mem(pdf).expect("a PDF lopdf reads");
    let beyond: Vec<u32> = (pages + 1..=doc.get_pages().len() as u32).collect();
    doc.delete_pages(&beyond);
    doc.prune_objects();
    let mut removed = 0;
    for obj in doc.objects.values_mut() {
        if let Ok(d) = obj.as_dict_mut() {
            if d.remove(b"ToUnicode").is_some() {
                removed += 1;
            }
        }
    }
    assert!(removed > 0, "the PDF has no ToUnicode map to remove");
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("lopdf writes the PDF");
    out
}

/// An image-only PDF of page `page` (1-based) of `pdf`: rendered grey at
/// `dpi` by pdftoppm and wrapped by img2pdf at that resolution (so the
/// page keeps its size), written into `work`.
pub fn scanned(pdf: &Path, page: u32, dpi: u32, work: &Path) -> PathBuf {
    crate::tools::require("pdftoppm");
    crate::tools::require("img2pdf");
    let stem = pdf.file_stem().unwrap().to_string_lossy().into_owned();
    let png = work.join(format!("{stem}-{page}.png"));
    let out = work.join(format!("{stem}-{page}_scan.pdf"));
    let p = page.to_string();
    let st = Command::new("pdftoppm")
        .args([
            "-gray",
            "-png",
            "-singlefile",
            "-r",
            &dpi.to_string(),
            "-f",
            &p,
            "-l",
            &p,
        ])
        .arg(pdf)
        .arg(png.with_extension(""))
        .status()
        .unwrap();
    assert!(st.success(), "pdftoppm failed on {}", pdf.display());
    let st = Command::new("img2pdf")
        .arg("--imgsize")
        .arg(format!("{dpi}dpi"))
        .arg(&png)
        .arg("-o")
        .arg(&out)
        .status()
        .unwrap();
    assert!(st.success(), "img2pdf failed on {}", png.display());
    out
}

fn han_counts(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| newsconv::parse::inline::is_han(*c)) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// Han character recall and precision of `got` against `reference`, as
/// bags of characters (each counted with its multiplicity).
pub fn han_recall_precision(reference: &str, got: &str) -> (f64, f64) {
    let (r, g) = (han_counts(reference), han_counts(got));
    let matched: usize = r
        .iter()
        .map(|(c, n)| (*n).min(g.get(c).copied().unwrap_or(0)))
        .sum();
    let total = |m: &BTreeMap<char, usize>| m.values().sum::<usize>().max(1) as f64;
    (matched as f64 / total(&r), matched as f64 / total(&g))
}

#[cfg(test)]
mod tests {
    #[test]
    fn recall_and_precision_count_characters_with_multiplicity() {
        let (r, p) = super::han_recall_precision("新时代新", "新时时 abc");
        assert_eq!((r, p), (0.5, 2.0 / 3.0));
    }
}
