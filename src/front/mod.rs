//! The front ends: each turns one kind of input into the same positioned
//! lines ([`SourceLine`], grouped by page in [`PageLines`]) for the shared
//! parser passes in [`crate::parse`]. One folder per input kind:
//!
//! - [`text`]: extracted text (pdftotext), decoded and cut into pages;
//! - [`pdf`]: the page PDFs themselves, through layout analysis;
//! - [`alto`]: ALTO pages (what libraries hold), through the PDF path's layout analysis;
//! - [`mets`]: a METS/ALTO package newsconv wrote, read back as it states
//!   the issue (no analysis);
//! - [`ocr`]: scans and undecodable text layers, rendered and recognised
//!   by Tesseract, whose ALTO takes the same road.
//!
//! This module decides the kind of a file by its content (our JSON or
//! NewsML through the importer registry, a PDF, METS, ALTO, or text; a
//! folder holding `mets.xml` is a package), reads folders of
//! page files in natural order ([`page_files`]), and holds the input
//! limits ([`Limits`]) and the metadata given on the command line.

pub mod alto;
mod folder;
pub mod mets;
pub mod ocr;
pub mod pdf;
pub mod text;

pub use folder::{load_dir, natural_cmp, page_files, PageFiles, PageTwice, PAGE_FILE_TWICE};
pub use text::decode_text;

use crate::parse::{self, PageLines};
use newsconv_core::{importers, Diagnostic, Issue, IssueField};
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Limits on what a front end accepts, so hostile input cannot exhaust
/// memory.
#[derive(Debug, Clone)]
pub struct Limits {
    /// Refuse inputs with more pages than this.
    pub max_pages: usize,
    /// Refuse input files (or folders of page files) larger than this many bytes.
    /// Keeps memory bounded; line numbers are 32-bit, so keep it under 4 GiB.
    pub max_input_bytes: u64,
    /// How PDF pages are read: what one may cost ([`pdf::Budget`]), and
    /// when pages without a usable text layer are recognised by OCR.
    pub pdf: pdf::Options,
}

impl Default for Limits {
    fn default() -> Self {
        Limits {
            max_pages: 100_000,
            max_input_bytes: 256 << 20,
            pdf: pdf::Options::default(),
        }
    }
}

/// Why an input could not be read. Every variant names the file.
#[derive(Debug, Error)]
pub enum InputError {
    /// The file or folder could not be read.
    // The inner errors are part of the message and deliberately not `source`s:
    // `{:#}` (anyhow) would print them twice.
    #[error("{path}: {error}")]
    Io {
        /// The input.
        path: PathBuf,
        /// The OS error.
        error: std::io::Error,
    },
    /// The input holds no text.
    #[error("{path}: input is empty")]
    Empty {
        /// The input.
        path: PathBuf,
    },
    /// The input is not text in a supported encoding.
    #[error("{path}:{line}: {message}")]
    Decode {
        /// The input.
        path: PathBuf,
        /// 1-based line of the first bad byte.
        line: usize,
        /// What is wrong.
        message: String,
    },
    /// One of our own formats failed to read.
    #[error("{path}: {format}: {error}")]
    Import {
        /// The input.
        path: PathBuf,
        /// Which importer.
        format: &'static str,
        /// Its error.
        error: newsconv_core::ImportError,
    },
    /// Anything else about the input.
    #[error("{path}: {message}")]
    Other {
        /// The input.
        path: PathBuf,
        /// What is wrong.
        message: String,
    },
}

/// Metadata from the command line; it overrides what the input states.
#[derive(Debug, Clone, Default)]
pub struct Metadata {
    /// Paper name.
    pub title: Option<String>,
    /// Issue date (checked where it was given).
    pub date: Option<newsconv_core::IssueDate>,
    /// Publisher.
    pub publisher: Option<String>,
    /// Edition.
    pub edition: Option<String>,
    /// Language tag.
    pub language: Option<String>,
}

impl Metadata {
    /// Apply the given fields to the issue. A flag wins over what the page
    /// furniture printed; where the two disagree, the first page says so.
    pub fn apply(&self, issue: &mut Issue) {
        let given = [
            (IssueField::Title, self.title.clone(), issue.title.clone()),
            (
                IssueField::Date,
                self.date.map(|d| d.to_string()),
                issue.date.map(|d| d.to_string()),
            ),
            (
                IssueField::Edition,
                self.edition.clone(),
                issue.edition.clone(),
            ),
        ];
        for (field, flag, printed) in given {
            let Some(flag) = flag.filter(|_| issue.from_page.contains(&field)) else {
                continue;
            };
            issue.from_page.retain(|f| *f != field);
            if let (Some(printed), Some(first)) =
                (printed.filter(|p| *p != flag), issue.pages.first_mut())
            {
                let name = field.as_str();
                let message = format!("--{name} {flag:?} differs from the {name} printed on the page, {printed:?}; using --{name}");
                first.diagnostics.push(Diagnostic::warning(
                    "flag-disagrees-with-page",
                    message,
                    None,
                ));
            }
        }
        let set = |dst: &mut Option<String>, src: &Option<String>| {
            if let Some(v) = src {
                *dst = Some(v.clone());
            }
        };
        set(&mut issue.title, &self.title);
        if let Some(d) = self.date {
            issue.date = Some(d);
        }
        set(&mut issue.publisher, &self.publisher);
        set(&mut issue.edition, &self.edition);
        set(&mut issue.language, &self.language);
    }
}

/// Read one input (file or folder of page files) into an issue.
pub fn load(path: &Path, opts: &Limits) -> Result<Issue, InputError> {
    let meta = std::fs::metadata(path).map_err(|error| InputError::Io {
        path: path.into(),
        error,
    })?;
    let mut issue = match mets::package_file(path).filter(|_| meta.is_dir()) {
        Some(f) => load_file(&f, opts)?,
        None if meta.is_dir() => load_dir(path, opts)?,
        None => load_file(path, opts)?,
    };
    if issue.source.is_none() {
        issue.source = path.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    Ok(issue)
}

pub(crate) fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    std::fs::read(path).map_err(|error| InputError::Io {
        path: path.into(),
        error,
    })
}

/// Read one file: our JSON/NewsML, a PDF, or extracted text.
pub fn load_file(path: &Path, opts: &Limits) -> Result<Issue, InputError> {
    check_size(path, opts)?;
    let bytes = read_bytes(path)?;
    load_bytes(path, &bytes, opts)
}

/// Refuse a file larger than `opts.max_input_bytes` before reading it.
pub(crate) fn check_size(path: &Path, opts: &Limits) -> Result<(), InputError> {
    let len = std::fs::metadata(path)
        .map_err(|error| InputError::Io {
            path: path.into(),
            error,
        })?
        .len();
    if len > opts.max_input_bytes {
        return Err(InputError::Other {
            path: path.into(),
            message: format!(
                "input is {len} bytes, over the limit of {} bytes (raise it with --max-input-mb)",
                opts.max_input_bytes
            ),
        });
    }
    Ok(())
}

/// Read the bytes of one file (already in memory) as [`load_file`] does:
/// `path` is only used to name the input in errors.
pub fn load_bytes(path: &Path, bytes: &[u8], opts: &Limits) -> Result<Issue, InputError> {
    if bytes.len() as u64 > opts.max_input_bytes {
        return Err(InputError::Other {
            path: path.into(),
            message: format!(
                "input is {} bytes, over the limit of {} bytes (raise it with --max-input-mb)",
                bytes.len(),
                opts.max_input_bytes
            ),
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0x0c) || bytes == b"\xEF\xBB\xBF" {
        return Err(InputError::Empty { path: path.into() });
    }
    if bytes.starts_with(b"%PDF-") {
        let mut line = 0u32;
        let pages = read_pdf(path, bytes, &mut line, &opts.pdf)?;
        check_pages(path, pages.len(), opts)?;
        return Ok(parse::parse_pages(pages));
    }
    if mets::is_mets(bytes) {
        return mets::read(path, bytes, opts).map_err(|e| InputError::Other {
            path: e.path,
            message: e.message,
        });
    }
    if alto::is_alto(bytes) {
        let mut line = 0u32;
        let pages = alto::read(path, bytes, &mut line).map_err(|e| InputError::Other {
            path: path.into(),
            message: e
                .to_string()
                .trim_start_matches(&format!("{}: ", path.display()))
                .to_string(),
        })?;
        check_pages(path, pages.len(), opts)?;
        return Ok(parse::parse_pages(pages));
    }
    for imp in importers() {
        if (imp.sniff)(&bytes) {
            return (imp.read)(bytes).map_err(|error| InputError::Import {
                path: path.into(),
                format: imp.name,
                error,
            });
        }
    }
    let text = text::decode_text(path, bytes)?;
    let pages = scan_checked(path, &text)?;
    check_pages(path, pages.len(), opts)?;
    Ok(parse::parse_pages(pages))
}

fn scan_checked(path: &Path, text: &str) -> Result<Vec<PageLines>, InputError> {
    if text.chars().all(|c| c.is_whitespace()) {
        return Err(InputError::Empty { path: path.into() });
    }
    Ok(text::scan_text(text))
}

/// Refuse more pages than `opts.max_pages`.
pub(crate) fn check_pages(path: &Path, pages: usize, opts: &Limits) -> Result<(), InputError> {
    if pages > opts.max_pages {
        return Err(InputError::Other {
            path: path.into(),
            message: format!(
                "input has {pages} pages, over the limit of {} (raise it with --max-pages)",
                opts.max_pages
            ),
        });
    }
    Ok(())
}

/// Read a page PDF (or a multi-page issue PDF) through the PDF front end;
/// `line` is the running line number, advanced past the lines produced.
pub(crate) fn read_pdf(
    path: &Path,
    bytes: &[u8],
    line: &mut u32,
    opts: &pdf::Options,
) -> Result<Vec<PageLines>, InputError> {
    pdf::read(path, bytes.to_vec(), line, opts).map_err(|e| {
        let full = e.to_string();
        let prefix = format!("{}: ", path.display());
        InputError::Other {
            path: path.into(),
            message: full.strip_prefix(&prefix).unwrap_or(&full).to_string(),
        }
    })
}
