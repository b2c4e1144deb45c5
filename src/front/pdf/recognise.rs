//! The pages of a PDF that need OCR, recognised in parallel (one engine
//! process per page), each replacing the page's unusable text layer. A page
//! that fails is an error of its own and the rest of the issue converts;
//! when no page is left with text, the first failure is the file's error.

use super::extract::PdfPage;
use super::{Options, PdfError};
use crate::front::ocr::{self, tesseract::Engine};
use hayro_interpret::hayro_syntax::Pdf;
use newsconv_core::{OcrReason, PageOcr};
use rayon::prelude::*;
use std::path::Path;

/// Per page: `None` (not recognised), the record of a recognised page, or
/// why it failed (a message naming the file and page).
pub(super) type Outcome = Option<Result<PageOcr, String>>;

/// Recognise the pages `reasons` marks, replacing them in `pages`.
pub(super) fn recognise_pages(
    path: &Path,
    pdf: &Pdf,
    pages: &mut [PdfPage],
    reasons: &[Option<OcrReason>],
    opts: &Options,
) -> Result<Vec<Outcome>, PdfError> {
    let engine = Engine::find(&opts.ocr.language).map_err(|e| e.to_string());
    let all = pdf.pages();
    let done: Vec<Outcome> = reasons
        .par_iter()
        .enumerate()
        .map(|(k, reason)| {
            let reason = (*reason)?;
            Some(
                one_page(&all[k], &pages[k], reason, opts, engine.as_ref())
                    .map_err(|m| format!("{}: page {}: {m}", path.display(), k + 1)),
            )
        })
        .collect::<Vec<_>>()
        .into_iter()
        .zip(pages.iter_mut())
        .map(|(o, page)| match o {
            Some(Ok(r)) => {
                *page = r.page;
                Some(Ok(r.ocr))
            }
            Some(Err(m)) => Some(Err(m)),
            None => None,
        })
        .collect();
    if pages.iter().all(|p| p.glyphs.is_empty()) {
        let (k, message) = match done.iter().enumerate().find_map(|(k, o)| {
            o.as_ref()
                .and_then(|r| r.as_ref().err())
                .map(|m| (k, m.clone()))
        }) {
            Some(failed) => failed,
            None => (
                0,
                format!(
                    "{}: the PDF has no text layer and OCR found no text in it",
                    path.display()
                ),
            ),
        };
        return Err(PdfError::Ocr {
            path: path.into(),
            page: k + 1,
            message,
        });
    }
    Ok(done)
}

/// Recognise one page, after checking its images against the budget.
fn one_page(
    page: &hayro_interpret::hayro_syntax::page::Page<'_>,
    read: &PdfPage,
    reason: OcrReason,
    opts: &Options,
    engine: Result<&Engine, &String>,
) -> Result<ocr::Recognised, String> {
    let engine = engine.map_err(|e| e.clone())?;
    let (_, largest) = read.images;
    if largest > opts.ocr.max_pixels {
        return Err(format!("not recognised: an image on it claims {largest} pixels, over the budget of {} (raise it with --max-image-mpx)", opts.ocr.max_pixels));
    }
    ocr::recognise(page, reason, &opts.ocr, engine).map_err(|e| e.to_string())
}
