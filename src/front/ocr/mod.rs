//! The OCR front end: pages that hold only an image (scans) or whose text
//! layer cannot be decoded are rendered ([`render`]) and recognised by
//! Tesseract ([`tesseract`]); its ALTO is read by the ALTO front end into
//! positioned glyphs, which then take the PDF path's layout analysis, with
//! line height standing in for type size. The page records that it was
//! recognised and how sure the engine was ([`newsconv_core::PageOcr`]).

pub mod render;
pub mod reread;
pub mod rules;
pub mod tesseract;

use super::pdf::extract::PdfPage;
use hayro::hayro_syntax::page::Page;
use newsconv_core::{OcrReason, PageOcr};
use std::path::Path;
use tesseract::{Engine, EngineError};
use thiserror::Error;

/// When pages are recognised.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, clap::ValueEnum)]
pub enum OcrMode {
    /// Pages without a usable text layer only.
    #[default]
    Auto,
    /// Every page, ignoring its text layer.
    Always,
    /// Never: a page without a usable text layer is an error.
    Never,
}

/// The OCR settings.
#[derive(Debug, Clone, PartialEq)]
pub struct OcrOptions {
    /// When to recognise.
    pub mode: OcrMode,
    /// Resolution to render at.
    pub dpi: u32,
    /// Tesseract language models, `+`-joined (`chi_sim`).
    pub language: String,
    /// Words the engine is less sure of than this (0–1) are left out: on
    /// the dev pages they are mostly noise read from photos and rules.
    pub min_confidence: f32,
    /// Largest page image, in pixels (the resolution is lowered to fit):
    /// bounds memory whatever size the page claims.
    pub max_pixels: u64,
}

impl Default for OcrOptions {
    /// 300 dpi, Simplified Chinese; 40 Mpx is a 23 × 30 inch page at 300 dpi.
    fn default() -> Self {
        OcrOptions {
            mode: OcrMode::Auto,
            dpi: 300,
            language: "chi_sim".into(),
            min_confidence: 0.3,
            max_pixels: 40_000_000,
        }
    }
}

impl OcrOptions {
    /// Settings that never recognise (fuzzing, tests of the text layer).
    pub fn never() -> Self {
        OcrOptions {
            mode: OcrMode::Never,
            ..Default::default()
        }
    }
}

/// Why a page could not be recognised.
#[derive(Debug, Error)]
pub enum OcrError {
    /// The engine is missing or failed.
    #[error(transparent)]
    Engine(#[from] EngineError),
    /// Its output could not be read.
    #[error("the OCR engine's ALTO: {0}")]
    Output(String),
}

/// A recognised page: glyphs for the layout analysis, and the record of how.
pub struct Recognised {
    /// The page's glyphs, in page points.
    pub page: PdfPage,
    /// What the model keeps about it.
    pub ocr: PageOcr,
}

/// Recognise one page with `engine`.
pub fn recognise(
    page: &Page<'_>,
    reason: OcrReason,
    opts: &OcrOptions,
    engine: &Engine,
) -> Result<Recognised, OcrError> {
    let models = engine.models(&opts.language)?;
    let img = render::grey(page, opts.dpi, opts.max_pixels);
    let alto = engine.recognise(&img.pgm, img.dpi, &models)?;
    // Display lines read again on their own, at the page's resolution.
    let alto = match rules::Grey::from_pgm(&img.pgm) {
        Some(grey) => reread::reread_tall(&alto, &grey, opts.min_confidence, |pgm| {
            engine.recognise_line(pgm, img.dpi, &opts.language)
        }),
        None => alto,
    };
    let (pages, conf) =
        super::alto::read_ocr(Path::new("ocr.xml"), &alto, img.dpi, opts.min_confidence)
            .map_err(|e| OcrError::Output(e.message))?;
    let (w, h) = page.render_dimensions();
    let mut out = pages.into_iter().next().unwrap_or_default();
    // The page's own size, not the image's rounded one.
    out.width = w;
    out.height = h;
    // The page's ruling lines, which a PDF would draw as paths.
    if let Some(grey) = rules::Grey::from_pgm(&img.pgm) {
        out.rules = rules::find(&grey, img.dpi);
        rules::mark_bullets(&grey, img.dpi, &mut out.glyphs);
    }
    let ocr = PageOcr {
        reason,
        engine: engine.version.clone(),
        language: models,
        dpi: img.dpi,
        confidence: (conf.unwrap_or(0.0) * 100.0).round() / 100.0,
    };
    Ok(Recognised { page: out, ocr })
}
