//! The plugin interface: an exporter is a name plus one `render` function
//! over a context (compare mdBook's `Renderer`); an importer is a sniffing
//! test plus a `read` function. Plugins register with `inventory::submit!`.

use crate::error::{ExportError, ImportError};
use crate::model::{Diagnostic, Issue};
use std::io::Write;
use std::path::PathBuf;

/// Options any exporter may read. Each exporter ignores what it does not use.
#[derive(Debug, Clone, Default)]
pub struct RenderOptions {
    /// Embed (subset) fonts where the format allows it (EPUB).
    pub embed_fonts: bool,
    /// Body font file to use instead of the bundled one (PDF).
    pub font_body: Option<PathBuf>,
    /// Headline font file to use instead of the bundled one (PDF).
    pub font_headline: Option<PathBuf>,
    /// Paper size name: `a4` (default), `a3`, `letter` (PDF).
    pub paper: Option<String>,
    /// Prefix for NewsML guids.
    pub guid_prefix: Option<String>,
}

/// What an exporter renders: the issue and the options.
pub struct RenderContext<'a> {
    /// The issue to render.
    pub issue: &'a Issue,
    /// Options from the command line.
    pub options: &'a RenderOptions,
}

/// An output format plugin.
pub struct Exporter {
    /// Format name used with `--to`, e.g. `epub`.
    pub name: &'static str,
    /// File extension without the leading dot, e.g. `newsml.xml`.
    pub extension: &'static str,
    /// Media type, e.g. `application/epub+zip`.
    pub media_type: &'static str,
    /// One-line description for `newsconv formats`.
    pub description: &'static str,
    /// Render the issue to `out`; returns warnings (lossy output and the like).
    pub render: fn(&RenderContext<'_>, &mut dyn Write) -> Result<Vec<Diagnostic>, ExportError>,
}

/// An input format plugin for documents newsconv wrote itself (JSON, NewsML).
pub struct Importer {
    /// Format name, e.g. `json`.
    pub name: &'static str,
    /// One-line description.
    pub description: &'static str,
    /// True when the bytes look like this format (checked on content, not file name).
    pub sniff: fn(&[u8]) -> bool,
    /// Rebuild the issue from the bytes.
    pub read: fn(&[u8]) -> Result<Issue, ImportError>,
}

inventory::collect!(Exporter);
inventory::collect!(Importer);

/// All registered exporters, sorted by name.
pub fn exporters() -> Vec<&'static Exporter> {
    let mut v: Vec<&'static Exporter> = inventory::iter::<Exporter>.into_iter().collect();
    v.sort_by_key(|e| e.name);
    v
}

/// All registered importers, sorted by name.
pub fn importers() -> Vec<&'static Importer> {
    let mut v: Vec<&'static Importer> = inventory::iter::<Importer>.into_iter().collect();
    v.sort_by_key(|e| e.name);
    v
}

/// The exporter with this name.
pub fn find_exporter(name: &str) -> Option<&'static Exporter> {
    inventory::iter::<Exporter>.into_iter().find(|e| e.name == name)
}
