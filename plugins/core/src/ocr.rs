//! How a page's text was recognised: the record every export carries for a
//! page read by OCR (the engine, its language models, the resolution, the
//! mean confidence and why the page went through OCR), so nobody mistakes
//! OCR text for the publisher's.

use serde::{Deserialize, Serialize};

/// How a page's text was recognised, so nobody mistakes OCR text for the
/// publisher's.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PageOcr {
    /// Why the page was recognised rather than read.
    pub reason: OcrReason,
    /// The engine and its version as it reports them (`tesseract 5.3.0`).
    pub engine: String,
    /// The engine's language models (`chi_sim`).
    pub language: String,
    /// Resolution the page was rendered at, in dots per inch.
    pub dpi: u32,
    /// Mean confidence of the recognised words, 0 to 1 (two decimals),
    /// each word weighted by its characters.
    pub confidence: f32,
}

impl PageOcr {
    /// One sentence for readers: what was done and how sure the engine was.
    pub fn note(&self) -> String {
        format!(
            "The text of this page was recognised from its image by OCR ({}, {}, {} dpi; {}); mean confidence {:.0}%. It may differ from the printed page.",
            self.engine,
            self.language,
            self.dpi,
            self.reason.as_str(),
            self.confidence * 100.0
        )
    }
}

/// Why a page went through OCR.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum OcrReason {
    /// The page draws no text, only images (a scan).
    #[default]
    NoTextLayer,
    /// The page draws text whose fonts have no Unicode mapping.
    Undecodable,
    /// The user asked for OCR of every page (`--ocr always`).
    Requested,
}

impl OcrReason {
    /// Every reason.
    pub const ALL: [OcrReason; 3] = [
        OcrReason::NoTextLayer,
        OcrReason::Undecodable,
        OcrReason::Requested,
    ];

    /// The name used in JSON (`no_text_layer` …).
    pub fn name(self) -> &'static str {
        match self {
            OcrReason::NoTextLayer => "no_text_layer",
            OcrReason::Undecodable => "undecodable",
            OcrReason::Requested => "requested",
        }
    }

    /// The reason of a [`OcrReason::name`].
    pub fn from_name(name: &str) -> Option<OcrReason> {
        OcrReason::ALL.into_iter().find(|r| r.name() == name)
    }

    /// The reason in words (`no text layer` …).
    pub fn as_str(self) -> &'static str {
        match self {
            OcrReason::NoTextLayer => "no text layer",
            OcrReason::Undecodable => "text layer not decodable",
            OcrReason::Requested => "requested",
        }
    }
}
