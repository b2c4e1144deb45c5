//! Error types shared by the plugins.

use thiserror::Error;

/// Why an exporter failed.
#[derive(Debug, Error)]
pub enum ExportError {
    /// Writing the output failed.
    #[error("write failed: {0}")]
    Io(#[from] std::io::Error),
    /// The exporter could not represent the issue.
    #[error("{0}")]
    Render(String),
    /// An option was unknown or its value bad (the message names both).
    #[error("{0}")]
    Options(String),
}

/// Why an importer failed.
#[derive(Debug, Error)]
pub enum ImportError {
    /// The input is a newsconv document of another major version.
    #[error("unsupported newsconv JSON version {found} (this build reads version {expected})")]
    Version {
        /// Version found in the document.
        found: u64,
        /// Version this build reads.
        expected: u32,
    },
    /// The input is malformed; `path` is where (JSON path, XML element, or `line N`).
    #[error("{path}: {message}")]
    Malformed {
        /// Where in the input.
        path: String,
        /// What is wrong.
        message: String,
    },
    /// The input is not of this importer's format.
    #[error("not a {0} document")]
    NotThisFormat(&'static str),
    /// Reading failed.
    #[error("read failed: {0}")]
    Io(#[from] std::io::Error),
}
