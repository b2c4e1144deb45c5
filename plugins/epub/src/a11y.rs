//! Accessibility metadata (EPUB Accessibility 1.1): what the book offers
//! and what it needs, so a reader's system (and the European Accessibility
//! Act's checkers, Ace by DAISY first) can tell before opening it.
//!
//! The book is text only: every page is reflowable text in reading order,
//! with a table of contents and headings to move by, and nothing flashes,
//! moves or plays sound. No `dcterms:conformsTo` is claimed: conformance to
//! WCAG needs an evaluation this converter cannot make by itself.

use crate::words::{Word, Words};
use crate::xhtml::escape;

/// `schema:` properties of the package document, escaped, one element each.
pub(crate) fn metadata(words: &Words) -> Vec<String> {
    let mut out = Vec::new();
    let mut meta = |property: &str, value: &str| out.push(format!("<meta property=\"schema:{property}\">{}</meta>", escape(value)));
    meta("accessMode", "textual");
    meta("accessModeSufficient", "textual");
    for feature in ["structuralNavigation", "tableOfContents", "readingOrder"] {
        meta("accessibilityFeature", feature);
    }
    meta("accessibilityHazard", "none");
    meta("accessibilitySummary", words.get(Word::AccessibilitySummary));
    out
}
