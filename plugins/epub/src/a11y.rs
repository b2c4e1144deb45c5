//! Accessibility metadata (EPUB Accessibility 1.1): what the book offers
//! and what it needs, so a reader's system (and the European Accessibility
//! Act's checkers, Ace by DAISY first) can tell before opening it.
//!
//! The book is text (with photos, each with its caption or a text
//! alternative, when the pages had them): every page is reflowable text in reading order,
//! with a table of contents and headings to move by, and nothing flashes,
//! moves or plays sound. No `dcterms:conformsTo` is claimed: conformance to
//! WCAG needs an evaluation this converter cannot make by itself.

use crate::words::{Word, Words};
use crate::xhtml::escape;

/// `schema:` properties of the package document, escaped, one element each.
/// `photos`: the book shows photos (each with alt text), which adds the
/// visual access mode and says so in the summary; text alone still suffices.
pub(crate) fn metadata(words: &Words, photos: bool) -> Vec<String> {
    let mut out = Vec::new();
    let mut meta = |property: &str, value: &str| {
        out.push(format!(
            "<meta property=\"schema:{property}\">{}</meta>",
            escape(value)
        ))
    };
    meta("accessMode", "textual");
    if photos {
        meta("accessMode", "visual");
    }
    meta("accessModeSufficient", "textual");
    for feature in ["structuralNavigation", "tableOfContents", "readingOrder"] {
        meta("accessibilityFeature", feature);
    }
    if photos {
        meta("accessibilityFeature", "alternativeText");
    }
    meta("accessibilityHazard", "none");
    meta(
        "accessibilitySummary",
        words.get(if photos {
            Word::AccessibilitySummaryPhotos
        } else {
            Word::AccessibilitySummary
        }),
    );
    out
}
