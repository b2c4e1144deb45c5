//! The newsconv document model and plugin interface.
//!
//! Like pandoc-types beside pandoc, this crate holds only plain data types
//! (issue → pages → articles → blocks), the exporter/importer interface and
//! its `inventory` registry. Every plugin crate and the `newsconv` binary
//! depend on it; it depends on nothing heavy.

#[doc(hidden)]
pub use inventory;

pub mod date;
pub mod error;
pub mod geom;
pub mod image;
pub mod jpeg;
pub mod layout;
pub mod model;
pub mod ocr;
pub mod plugin;
pub mod stories;
pub mod text;

pub use date::{DateError, IssueDate};
pub use error::{ExportError, ImportError};
pub use geom::Rect;
pub use jpeg::{encode_jpeg, JpegError};
pub use image::{jpeg_frame, ColorSpace, Image, ImageEncoding, ImageRole, JpegFrame, PagePicture};
pub use layout::{Element, LayoutLine, PageLayout, Role};
pub use model::*;
pub use ocr::{OcrReason, PageOcr};
pub use plugin::{
    exporters, find_exporter, importers, parse_switch, Exporter, ExporterOptions, Importer,
    OptionSpec, RenderContext, Settings,
};
pub use stories::{Part, Story};

/// Name written as `"format"` at the top of every JSON document.
pub const FORMAT_NAME: &str = "newsconv";
/// Major version of the JSON format. Readers refuse any other major version.
pub const FORMAT_VERSION: u32 = 1;
