//! EPUB 3 exporter: an issue as an e-book.
//!
//! The book is built with epub-builder (EPUB 3 with an NCX for older
//! readers) and written by our own deterministic container writer
//! ([`archive`]): the same issue always gives the same bytes.
//!
//! Layout: a generated cover page (paper, date, edition, the front page's
//! headlines), a contents page, then one document per printed page with its
//! articles in reading order. The navigation nests page → article. A
//! story that jumps pages ([`Issue::stories`]) is rendered once, whole,
//! where it starts, with a small note where the print edition jumped; its
//! later parts leave a pointer on their own page.
//!
//! Metadata (all deterministic):
//! - `dc:identifier`: `urn:uuid:` + a name-based (v5) UUID of publisher (or
//!   paper name), date and edition; without a date, of the issue's text.
//! - `dc:date`: the issue date, only when the issue has one.
//! - `dcterms:modified` (required by EPUB 3): the issue date at 00:00:00Z;
//!   without a date, `SOURCE_DATE_EPOCH` when set, else the fixed
//!   2000-01-01T00:00:00Z. Never the time of conversion. Zip entries carry
//!   the same time.

mod a11y;
mod archive;
mod book;
mod css;
mod docs;
mod fonts;
mod images;
mod meta;
mod scale;
mod words;
mod xhtml;

use newsconv_core::{Diagnostic, ExportError, ExporterOptions, Issue, OptionSpec};
use std::io::Write;

/// Modified date used when the issue has no date and `SOURCE_DATE_EPOCH` is unset.
pub const FALLBACK_MODIFIED: &str = "2000-01-01T00:00:00Z";

/// Marker put before a title made from an article's opening words (Chinese books).
pub const MADE_UP_MARK_ZH: &str = "［无题］";
/// Marker put before a title made from an article's opening words (other languages).
pub const MADE_UP_MARK_EN: &str = "[untitled] ";

/// Options for [`write`].
#[derive(Debug, Clone, Default)]
pub struct EpubOptions {
    /// Embed the bundled CJK faces, subset to the book's characters.
    pub embed_fonts: bool,
}

impl ExporterOptions for EpubOptions {
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "embed_fonts" => self.embed_fonts = newsconv_core::parse_switch(key, value)?,
            _ => return Err(format!("epub takes no option `{key}` (known: embed_fonts)")),
        }
        Ok(())
    }
}

const OPTIONS: &[OptionSpec] = &[OptionSpec {
    key: "embed_fonts",
    flag: Some("embed-fonts"),
    switch: true,
    help: "Embed subset fonts in the EPUB",
}];

/// Render `issue` as an EPUB 3 file into `out`. Returns warnings about
/// anything lossy (dropped characters, unusable metadata, fonts that could not be embedded).
pub fn write(
    issue: &Issue,
    options: &EpubOptions,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, ExportError> {
    let (bytes, warnings) = book::Book::new(issue, options).build()?;
    out.write_all(&bytes)?;
    Ok(warnings)
}

newsconv_core::register_exporter! {
    "epub", "epub", "application/epub+zip", EpubOptions, OPTIONS, write,
    "EPUB 3 e-book: cover, contents, articles by page (epubcheck-clean)",
    cover: true,
}

/// Referenced by the binary so the linker keeps this crate's registrations.
pub fn link() {}

#[cfg(test)]
mod tests;
