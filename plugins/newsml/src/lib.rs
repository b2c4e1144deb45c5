//! NewsML-G2 exporter and importer.
//!
//! [`write`] renders an issue as one IPTC NewsML-G2 2.35 `newsMessage`
//! (valid against the official All-Power schema): a `packageItem` for the
//! issue whose `groupSet` has one group per page (titled `第1版 要闻`)
//! referring to that page's articles in reading order, and one `newsItem`
//! per story. A story that jumps pages ([`Issue::stories`]: parts linked by
//! their jump lines) is one news item holding every part, listed in the
//! group of each page it appears on.
//!
//! Each news item has a deterministic guid (default
//! `urn:newsml:<publisher>:<YYYYMMDD>:p<page>-a<n>`, prefix configurable),
//! `itemMeta` (itemClass `ninat:text`, provider, versionCreated, pubStatus,
//! title, an edNote naming the pages), `contentMeta` (a `creator` per
//! byline person with a role code, language, headlines with roles from the
//! `nchl` scheme declared in the item's catalog, dateline, `by`) and the
//! body as one XHTML document in `contentSet/inlineXML`.
//!
//! What the model holds and NewsML-G2 has no property for (input lines,
//! parser confidence and diagnostics, furniture, printed roles, jump
//! targets) is kept in elements of the `urn:newsconv:ns:newsml:1`
//! namespace at the schema's extension points, so [`read`] rebuilds the
//! model exactly.
//!
//! Facts the input does not give are not invented: without a publisher the
//! required provider is `literal="unknown"`; without a date the required
//! `sent`/`versionCreated` carry the placeholder `1970-01-01T00:00:00Z`
//! (and the guid says `undated`). With a date they carry local midnight of
//! that date, without a time zone. Characters XML 1.0 cannot carry are
//! dropped with a warning.

/// The XML tree reader, public so the METS front end reads with the same
/// safe reader (no DTDs, bounded depth, errors with their line).
pub mod dom;
mod export;
mod import;
pub mod names;
mod plan;
mod xhtml;
mod xml;

use newsconv_core::{
    Diagnostic, ExportError, ExporterOptions, ImportError, Importer, Issue, OptionSpec,
};
use std::io::Write;

pub use export::{UNKNOWN_DATETIME, UNKNOWN_PROVIDER};

/// Options for [`write`].
#[derive(Debug, Clone, Default)]
pub struct NewsmlOptions {
    /// Prefix for every guid (the item's own part, `p1-a3` or `issue`, is
    /// appended). Default: `urn:newsml:<publisher>:<YYYYMMDD>:`.
    pub guid_prefix: Option<String>,
}

impl ExporterOptions for NewsmlOptions {
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "guid_prefix" => self.guid_prefix = Some(value.to_string()),
            _ => {
                return Err(format!(
                    "newsml takes no option `{key}` (known: guid_prefix)"
                ))
            }
        }
        Ok(())
    }
}

const OPTIONS: &[OptionSpec] = &[OptionSpec {
    key: "guid_prefix",
    flag: Some("guid-prefix"),
    switch: false,
    help: "Prefix for NewsML guids",
}];

/// Write the issue as a NewsML-G2 news message; returns warnings about
/// what could not be carried (dropped characters, unusable date or language).
pub fn write(
    issue: &Issue,
    opts: &NewsmlOptions,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, ExportError> {
    let (bytes, diags) = export::render(issue, opts);
    out.write_all(&bytes)?;
    Ok(diags)
}

/// Read a news message written by [`write`] back into the model. DTDs
/// (and so external and custom entities) are refused; a document that is
/// not a NewsML-G2 news message written by newsconv is an error saying so.
pub fn read(bytes: &[u8]) -> Result<Issue, ImportError> {
    import::read(bytes)
}

/// True for XML that is, or claims to be, NewsML-G2 (any XML document with
/// a declaration is claimed, so that other XML gets a clear error instead
/// of being parsed as newspaper text).
fn sniff(bytes: &[u8]) -> bool {
    let b = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let start = match b.iter().position(|c| !c.is_ascii_whitespace()) {
        Some(i) => &b[i..],
        None => return false,
    };
    let head = &start[..start.len().min(4096)];
    let has = |needle: &[u8]| head.windows(needle.len()).any(|w| w == needle);
    start.starts_with(b"<?xml")
        || (start.starts_with(b"<") && (has(names::NAR.as_bytes()) || has(b"newsMessage")))
}

newsconv_core::register_exporter! {
    "newsml", "newsml.xml", names::MEDIA_TYPE, NewsmlOptions, OPTIONS, write,
    "IPTC NewsML-G2 2.35 news message: a package per issue, a news item per article (reads back)",
    assets: true,
}

inventory::submit! {
    Importer { name: "newsml", description: "NewsML-G2 news messages written by this tool", sniff, read }
}

/// Referenced by the binary so the linker keeps this crate's registrations.
pub fn link() {}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sniff_claims_xml_and_newsml_only() {
        assert!(sniff(b"\xEF\xBB\xBF <?xml version=\"1.0\"?><x/>"));
        assert!(sniff(
            b"<newsMessage xmlns=\"http://iptc.org/std/nar/2006-10-01/\">"
        ));
        assert!(!sniff(b"<<\xE4\xBA\xBA>> text"));
        assert!(!sniff(b"{\"format\":\"newsconv\"}"));
        assert!(!sniff(b""));
    }
}
