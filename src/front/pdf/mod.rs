//! The PDF front end: positioned glyphs from the page PDFs, grouped into
//! lines, blocks and columns, put in reading order from the geometry and
//! classified by type size and font, then handed to the same parser passes
//! as extracted text ([`crate::parse::parse_pages`]).

pub mod budget;
pub mod extract;
pub mod layout;

pub use budget::Budget;

use crate::parse::PageLines;
use newsconv_core::{Diagnostic, Level};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why a PDF gave no usable text. Every variant names the file.
#[derive(Debug, Error)]
pub enum PdfError {
    /// Not a PDF we can parse.
    #[error("{path}: not a readable PDF (damaged or unsupported structure)")]
    Invalid {
        /// The input.
        path: PathBuf,
    },
    /// Encrypted.
    #[error("{path}: the PDF is encrypted")]
    Encrypted {
        /// The input.
        path: PathBuf,
    },
    /// No text at all: a scan without a text layer.
    #[error("{path}: the PDF has no text layer (a scanned image?); run OCR first or give the extracted text")]
    NoText {
        /// The input.
        path: PathBuf,
    },
    /// Every page with text is over its budget.
    #[error("{path}: page {page}: its content streams decode to over {} MiB, the page budget (raise it with --max-page-content-mb)", limit >> 20)]
    OverBudget {
        /// The input.
        path: PathBuf,
        /// 1-based page.
        page: usize,
        /// The budget in bytes.
        limit: u64,
    },
    /// Text is drawn, but its fonts have no Unicode mapping.
    #[error("{path}: page {page}: the text layer cannot be decoded: {unmapped} of {total} glyphs have no Unicode mapping (no ToUnicode map)")]
    Undecodable {
        /// The input.
        path: PathBuf,
        /// 1-based page.
        page: usize,
        /// Glyphs without Unicode.
        unmapped: usize,
        /// All glyphs.
        total: usize,
    },
}

/// The text of each page in content order, after duplicate removal when
/// `dedup` (for checks against other extractors and the conservation test).
pub fn page_texts(path: &Path, bytes: Vec<u8>, dedup: bool) -> Result<Vec<String>, PdfError> {
    let pages = open(path, bytes, &Budget::default())?;
    Ok(pages
        .iter()
        .map(|p| if dedup { layout::dedup(&p.glyphs).iter().map(|g| g.text.as_str()).collect() } else { p.glyphs.iter().map(|g| g.text.as_str()).collect() })
        .collect())
}

fn open(path: &Path, bytes: Vec<u8>, budget: &Budget) -> Result<Vec<extract::PdfPage>, PdfError> {
    let pages = extract::extract(bytes, budget).map_err(|e| match e {
        extract::OpenError::Encrypted => PdfError::Encrypted { path: path.into() },
        extract::OpenError::Invalid => PdfError::Invalid { path: path.into() },
    })?;
    if pages.iter().all(|p| p.glyphs.is_empty() && p.unmapped == 0) {
        if let Some(k) = pages.iter().position(|p| p.over_budget.is_some()) {
            return Err(PdfError::OverBudget { path: path.into(), page: k + 1, limit: budget.content_bytes });
        }
        return Err(PdfError::NoText { path: path.into() });
    }
    for (i, p) in pages.iter().enumerate() {
        let total = p.glyphs.len() + p.unmapped;
        if p.unmapped > 0 && p.unmapped * 10 > total {
            return Err(PdfError::Undecodable { path: path.into(), page: i + 1, unmapped: p.unmapped, total });
        }
    }
    Ok(pages)
}

/// Read a PDF into page lines for the parser: one [`PageLines`] per page,
/// lines in reading order with geometry and role hints. `first_line` is
/// the running line number to continue from (for folders of page PDFs).
pub fn read(path: &Path, bytes: Vec<u8>, first_line: &mut u32, budget: &Budget) -> Result<Vec<PageLines>, PdfError> {
    let pages = open(path, bytes, budget)?;
    let mut out = Vec::with_capacity(pages.len());
    for (k, p) in pages.iter().enumerate() {
        let mut lines = page_lines(p, first_line);
        if let Some(bytes) = p.over_budget {
            let limit = budget.content_bytes >> 20;
            let message = format!("{}: page {}: left unread: its content streams decode to over {limit} MiB ({bytes} bytes counted), the page budget (raise it with --max-page-content-mb)", path.display(), k + 1);
            lines.diagnostics.push(Diagnostic { level: Level::Error, code: "page-over-budget".into(), message, line: None });
        }
        out.push(lines);
    }
    Ok(out)
}

/// The front end for one extracted page: layout analysis, regions, and the
/// lines handed to the parser passes.
pub fn page_lines(p: &extract::PdfPage, first_line: &mut u32) -> PageLines {
    let mut blocks = layout::analyse(p);
    let regions = layout::segment(&mut blocks);
    let lines = layout::emit(&blocks, &regions, &p.fonts, first_line);
    PageLines { lines, number_hint: None, diagnostics: Vec::new(), size: Some((p.width, p.height)) }
}

