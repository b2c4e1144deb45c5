//! The PDF front end: positioned glyphs from the page PDFs, grouped into
//! lines, blocks and columns, put in reading order from the geometry and
//! classified by type size and font, then handed to the same parser passes
//! as extracted text ([`crate::parse::parse_pages`]).

pub mod budget;
mod cover;
pub mod extract;
pub mod figures;
pub mod frames;
pub mod images;
pub mod labels;
pub mod layout;
pub mod sheets;
pub mod svg;
pub mod view;

pub use budget::{Budget, Cost, Measure, Over};

mod recognise;
mod warm;

use super::ocr::{OcrMode, OcrOptions};
use crate::parse::PageLines;
use hayro_interpret::hayro_syntax::Pdf;
use newsconv_core::{Diagnostic, Level, OcrReason, PageOcr, PagePicture};
use recognise::recognise_pages;
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
    #[error("{path}: the PDF has no text layer (a scanned image?); --ocr auto recognises such pages, or give the extracted text")]
    NoText {
        /// The input.
        path: PathBuf,
    },
    /// Every page with text is over its budget.
    #[error("{path}: page {page}: {message}")]
    OverBudget {
        /// The input.
        path: PathBuf,
        /// 1-based page.
        page: usize,
        /// Which budget, and the flag that raises it.
        message: String,
    },
    /// A page needed OCR and could not be recognised, and no page has text.
    #[error("{message}")]
    Ocr {
        /// The input.
        path: PathBuf,
        /// 1-based page.
        page: usize,
        /// What went wrong, naming the file and page.
        message: String,
    },
    /// Text is drawn, but its fonts have no Unicode mapping.
    #[error("{path}: page {page}: the text layer cannot be decoded: {unmapped} of {total} glyphs have no Unicode mapping (no ToUnicode map; --ocr auto recognises such pages)")]
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

/// How the PDF front end reads: what a page may cost, and when pages are
/// recognised by OCR instead.
#[derive(Debug, Clone, Default)]
pub struct Options {
    /// What one page may cost.
    pub budget: Budget,
    /// When and how pages without a usable text layer are recognised.
    pub ocr: OcrOptions,
    /// Draw the first page as a picture ([`newsconv_core::Page::picture`]),
    /// for an output that shows it (a book's cover).
    pub cover: bool,
}

/// The text of each page in content order, after duplicate removal when
/// `dedup` (for checks against other extractors and the conservation test).
pub fn page_texts(path: &Path, bytes: Vec<u8>, dedup: bool) -> Result<Vec<String>, PdfError> {
    let pdf = open_pdf(path, bytes)?;
    let pages = extract::pages(&pdf, &Budget::default());
    check_text(path, &pages, &Budget::default())?;
    Ok(pages
        .iter()
        .map(|p| {
            if dedup {
                layout::dedup(&p.glyphs)
                    .iter()
                    .map(|g| g.text.as_str())
                    .collect()
            } else {
                p.glyphs.iter().map(|g| g.text.as_str()).collect()
            }
        })
        .collect())
}

fn open_pdf(path: &Path, bytes: Vec<u8>) -> Result<Pdf, PdfError> {
    extract::open(bytes).map_err(|e| match e {
        extract::OpenError::Encrypted => PdfError::Encrypted { path: path.into() },
        extract::OpenError::Invalid => PdfError::Invalid { path: path.into() },
    })
}

/// Today's refusals when no page is recognised: no text at all, every
/// page over budget, or a text layer that does not decode.
fn check_text(path: &Path, pages: &[extract::PdfPage], budget: &Budget) -> Result<(), PdfError> {
    if pages.iter().all(|p| p.glyphs.is_empty() && p.unmapped == 0) {
        if let Some((k, over)) = pages
            .iter()
            .enumerate()
            .find_map(|(k, p)| Some((k, p.over_budget?)))
        {
            return Err(PdfError::OverBudget {
                path: path.into(),
                page: k + 1,
                message: over.message(budget),
            });
        }
        return Err(PdfError::NoText { path: path.into() });
    }
    for (i, p) in pages.iter().enumerate() {
        if undecodable(p) {
            let total = p.glyphs.len() + p.unmapped;
            return Err(PdfError::Undecodable {
                path: path.into(),
                page: i + 1,
                unmapped: p.unmapped,
                total,
            });
        }
    }
    Ok(())
}

/// More than a tenth of the page's glyphs have no Unicode mapping.
fn undecodable(p: &extract::PdfPage) -> bool {
    p.unmapped > 0 && p.unmapped * 10 > p.glyphs.len() + p.unmapped
}

/// Read a PDF into page lines for the parser: one [`PageLines`] per page,
/// lines in reading order with geometry and role hints. `first_line` is
/// the running line number to continue from (for folders of page PDFs).
/// Pages without a usable text layer are recognised by OCR as `opts` says.
pub fn read(path: &Path, bytes: Vec<u8>, first_line: &mut u32, opts: &Options) -> Result<Vec<PageLines>, PdfError> {
    warm::cmyk_in_background();
    // Tesseract, for labels drawn as pictures, is found and its first run
    // started while the pages are read: its start-up and model load were
    // most of a label run, and the whole of it came after the reading.
    let language = opts.ocr.language.clone();
    let label_engine = (opts.ocr.mode != OcrMode::Never).then(|| std::thread::spawn(move || labels::LabelEngine::start(&language)));
    let pdf = open_pdf(path, bytes)?;
    let mut pages = extract::pages_with_images(&pdf, &opts.budget, true);
    let reasons: Vec<Option<OcrReason>> =
        pages.iter().map(|p| ocr_reason(p, opts.ocr.mode)).collect();
    let mut ocr: Vec<Option<Result<PageOcr, String>>> = vec![None; pages.len()];
    if reasons.iter().all(Option::is_none) {
        check_text(path, &pages, &opts.budget)?;
    } else {
        ocr = recognise_pages(path, &pdf, &mut pages, &reasons, opts)?;
    }
    // Labels drawn as pictures are recognised while the pages' text is
    // laid out, and handed to each page's lines at the end.
    let (labels, mut out) = std::thread::scope(|s| {
        let labels = s.spawn(|| {
            let candidates = label_candidates(&pages, &reasons);
            read_label_images(&candidates, label_engine.and_then(|h| h.join().ok().flatten()))
        });
        // The cover picture is drawn while the first page is laid out.
        let mut cover = (opts.cover && pages.first().is_some_and(|p| p.over_budget.is_none()))
            .then(|| s.spawn(|| pdf.pages().first().map(cover::picture)));
        let out: Vec<PageLines> = pages
            .iter()
            .enumerate()
            .map(|(k, p)| one_page_lines(path, (k, p), reasons[k].is_some(), ocr[k].take(), cover.take(), opts, first_line))
            .collect();
        (labels.join().unwrap_or_default(), out)
    });
    for (lines, l) in out.iter_mut().zip(labels) {
        lines.labels = l;
    }
    Ok(sheets::join(out))
}

/// The lines of page `k` for the parser, with its images, its picture (for
/// the cover), and what its reading and recognition had to say.
fn one_page_lines(
    path: &Path,
    (k, p): (usize, &extract::PdfPage),
    recognised: bool,
    ocr: Option<Result<PageOcr, String>>,
    cover: Option<std::thread::ScopedJoinHandle<'_, Option<Result<PagePicture, String>>>>,
    opts: &Options,
    first_line: &mut u32,
) -> PageLines {
    let mut lines = page_lines(p, first_line);
    // A page recognised by OCR is its own image: nothing to extract.
    if !recognised {
        let (images, diags) = figures::images(path, k, p);
        lines.images = images;
        lines.diagnostics.extend(diags);
    }
    // Only the first page is given the cover's drawing (see `read`).
    let drawn = cover.map(|h| h.join().unwrap_or_else(|_| Some(Err("the drawing failed".into()))));
    match drawn.flatten() {
        Some(Ok(pic)) => lines.picture = Some(pic),
        Some(Err(why)) => lines.diagnostics.push(Diagnostic::warning("page-picture", format!("{}: page 1 not drawn as a picture: {why}", path.display()), None)),
        None => {}
    }
    if let Some(over) = p.over_budget {
        let message = format!("{}: page {}: left unread: {}", path.display(), k + 1, over.message(&opts.budget));
        lines.diagnostics.push(Diagnostic {
            level: Level::Error,
            code: "page-over-budget".into(),
            message,
            line: None,
        });
    }
    match ocr {
        Some(Ok(o)) => {
            lines.diagnostics.push(Diagnostic::warning("page-ocr", format!("{}: page {}: {}", path.display(), k + 1, o.note()), None));
            lines.ocr = Some(o);
        }
        Some(Err(message)) => lines.diagnostics.push(Diagnostic {
            level: Level::Error,
            code: "page-ocr-failed".into(),
            message,
            line: None,
        }),
        None => {}
    }
    lines
}

/// Per page, its label-shaped images (see [`labels`]), on the pages read
/// from their text layer.
fn label_candidates(pages: &[extract::PdfPage], reasons: &[Option<OcrReason>]) -> Vec<Vec<(newsconv_core::Rect, image::GrayImage)>> {
    pages
        .iter()
        .zip(reasons)
        .map(|(p, r)| {
            if r.is_some() || p.over_budget.is_some() || p.drawn.is_empty() {
                Vec::new()
            } else {
                labels::candidates(p)
            }
        })
        .collect()
}

/// Column labels drawn as images: only when OCR is allowed and Tesseract
/// is installed (without it the pages convert as before, the labels
/// unread). Returns per page the labels read. An engine whose run was
/// started ahead and finds no label is dropped, which stops the run.
fn read_label_images(candidates: &[Vec<(newsconv_core::Rect, image::GrayImage)>], engine: Option<labels::LabelEngine>) -> Vec<Vec<crate::parse::ImageLabel>> {
    let Some(mut engine) = engine else {
        return vec![Vec::new(); candidates.len()];
    };
    candidates.iter().map(|c| labels::read_labels(c, &mut engine)).collect()
}

/// Why `p` should be recognised under `mode`, if it should. A page over
/// budget is never rendered; a blank page (nothing drawn) is not either.
fn ocr_reason(p: &extract::PdfPage, mode: OcrMode) -> Option<OcrReason> {
    if p.over_budget.is_some() {
        return None;
    }
    match mode {
        OcrMode::Never => None,
        OcrMode::Always => Some(OcrReason::Requested),
        OcrMode::Auto if undecodable(p) => Some(OcrReason::Undecodable),
        OcrMode::Auto
            if p.glyphs.is_empty() && p.unmapped == 0 && (p.images.0 > 0 || p.paths > 0) =>
        {
            Some(OcrReason::NoTextLayer)
        }
        OcrMode::Auto => None,
    }
}

/// The front end for one extracted page: layout analysis, regions, and the
/// lines handed to the parser passes.
pub fn page_lines(p: &extract::PdfPage, first_line: &mut u32) -> PageLines {
    let mut blocks = layout::analyse(p);
    let regions = layout::segment(&mut blocks);
    let lines = layout::emit(&blocks, &regions, &p.fonts, first_line);
    PageLines {
        lines,
        size: Some((p.width, p.height)),
        frames: frames::frames(&p.rules),
        ..Default::default()
    }
}
