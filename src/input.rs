//! Reading an input into the model: decide the kind by content (our JSON or
//! NewsML through the importer registry, a PDF, or extracted text), decode
//! text (UTF-8 with or without BOM, GB18030/GBK, CRLF), and read folders of
//! page files in natural order.

use crate::parse::{self, PageLines, ParseOptions};
use newsconv_core::{importers, Issue};
use std::path::{Path, PathBuf};
use thiserror::Error;

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
    /// Apply the given fields to the issue.
    pub fn apply(&self, issue: &mut Issue) {
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
pub fn load(path: &Path, opts: &ParseOptions) -> Result<Issue, InputError> {
    let meta = std::fs::metadata(path).map_err(|error| InputError::Io { path: path.into(), error })?;
    let mut issue = if meta.is_dir() { load_dir(path, opts)? } else { load_file(path, opts)? };
    if issue.source.is_none() {
        issue.source = path.file_name().map(|n| n.to_string_lossy().into_owned());
    }
    Ok(issue)
}

fn read_bytes(path: &Path) -> Result<Vec<u8>, InputError> {
    std::fs::read(path).map_err(|error| InputError::Io { path: path.into(), error })
}

/// Read one file: our JSON/NewsML, a PDF, or extracted text.
pub fn load_file(path: &Path, opts: &ParseOptions) -> Result<Issue, InputError> {
    check_size(path, opts)?;
    let bytes = read_bytes(path)?;
    load_bytes(path, &bytes, opts)
}

/// Refuse a file larger than `opts.max_input_bytes` before reading it.
fn check_size(path: &Path, opts: &ParseOptions) -> Result<(), InputError> {
    let len = std::fs::metadata(path).map_err(|error| InputError::Io { path: path.into(), error })?.len();
    if len > opts.max_input_bytes {
        return Err(InputError::Other {
            path: path.into(),
            message: format!("input is {len} bytes, over the limit of {} bytes (raise it with --max-input-mb)", opts.max_input_bytes),
        });
    }
    Ok(())
}

/// Read the bytes of one file (already in memory) as [`load_file`] does:
/// `path` is only used to name the input in errors.
pub fn load_bytes(path: &Path, bytes: &[u8], opts: &ParseOptions) -> Result<Issue, InputError> {
    if bytes.len() as u64 > opts.max_input_bytes {
        return Err(InputError::Other {
            path: path.into(),
            message: format!("input is {} bytes, over the limit of {} bytes (raise it with --max-input-mb)", bytes.len(), opts.max_input_bytes),
        });
    }
    if bytes.iter().all(|b| b.is_ascii_whitespace() || *b == 0x0c) || bytes == b"\xEF\xBB\xBF" {
        return Err(InputError::Empty { path: path.into() });
    }
    if bytes.starts_with(b"%PDF-") {
        let mut line = 0u32;
        let pages = read_pdf(path, bytes, &mut line)?;
        check_pages(path, pages.len(), opts)?;
        return Ok(parse::parse_pages(pages, opts));
    }
    for imp in importers() {
        if (imp.sniff)(&bytes) {
            return (imp.read)(bytes).map_err(|error| InputError::Import { path: path.into(), format: imp.name, error });
        }
    }
    let text = decode_text(path, bytes)?;
    let pages = scan_checked(path, &text)?;
    check_pages(path, pages.len(), opts)?;
    Ok(parse::parse_pages(pages, opts))
}

fn scan_checked(path: &Path, text: &str) -> Result<Vec<PageLines>, InputError> {
    if text.chars().all(|c| c.is_whitespace()) {
        return Err(InputError::Empty { path: path.into() });
    }
    Ok(parse::scan::scan_text(text))
}

/// Refuse more pages than `opts.max_pages`.
fn check_pages(path: &Path, pages: usize, opts: &ParseOptions) -> Result<(), InputError> {
    if pages > opts.max_pages {
        return Err(InputError::Other {
            path: path.into(),
            message: format!("input has {pages} pages, over the limit of {} (raise it with --max-pages)", opts.max_pages),
        });
    }
    Ok(())
}

/// Decode input text: UTF-8 (BOM stripped), else GB18030. Binary data and
/// text valid in neither encoding are refused with the line of the first bad byte.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(InputError::Decode { path: path.into(), line: 1, message: "UTF-16 text is not supported: save it as UTF-8 or GB18030".into() });
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::Decode { path: path.into(), line: line_of(bytes, pos), message: "NUL byte: this looks like binary data, not extracted text".into() });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(utf8_err) => match decode_gb18030(bytes) {
            Ok(s) => s,
            Err(gb_pos) => {
                // Report the bad byte of the encoding that got further: that is
                // most likely the one the file is in.
                let pos = gb_pos.max(utf8_err.valid_up_to()).min(bytes.len() - 1);
                return Err(InputError::Decode {
                    path: path.into(),
                    line: line_of(bytes, pos),
                    message: format!("invalid text: neither UTF-8 nor GB18030 (byte 0x{:02X} at offset {pos})", bytes[pos]),
                });
            }
        },
    };
    // Control characters other than tab, CR, LF and form feed mean binary data.
    let bad = text.chars().filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}')).count();
    if bad > 0 && bad * 20 > text.chars().count() {
        let pos = text.find(|c: char| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}')).unwrap_or(0);
        return Err(InputError::Decode { path: path.into(), line: text[..pos].matches('\n').count() + 1, message: "too many control characters: this looks like binary data, not extracted text".into() });
    }
    Ok(text)
}

/// Decode GB18030 strictly; on malformed input, the offset of the first bad byte.
fn decode_gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let cap = decoder.max_utf8_buffer_length_without_replacement(bytes.len()).unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => Err(read.saturating_sub(after as usize + bad as usize)),
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}

fn line_of(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1
}

/// Read a folder of page files (`.txt`), in natural order of their names.
pub fn load_dir(path: &Path, opts: &ParseOptions) -> Result<Issue, InputError> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(path)
        .map_err(|error| InputError::Io { path: path.into(), error })?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && p.extension().is_some_and(|e| e.eq_ignore_ascii_case("txt") || e.eq_ignore_ascii_case("pdf")))
        .collect();
    files.sort_by(|a, b| natural_cmp(&a.to_string_lossy(), &b.to_string_lossy()));
    if files.is_empty() {
        return Err(InputError::Other { path: path.into(), message: "folder holds no page files (*.txt, *.pdf)".into() });
    }
    let mut pages = Vec::new();
    let mut offset = 0u32;
    let mut total = 0u64;
    for f in &files {
        check_size(f, opts)?;
        let bytes = read_bytes(f)?;
        total += bytes.len() as u64;
        if total > opts.max_input_bytes {
            return Err(InputError::Other {
                path: path.into(),
                message: format!("page files hold over {} bytes, the input limit (raise it with --max-input-mb)", opts.max_input_bytes),
            });
        }
        if bytes.starts_with(b"%PDF-") {
            let ps = read_pdf(f, &bytes, &mut offset)?;
            offset += 1;
            pages.extend(ps);
            check_pages(path, pages.len(), opts)?;
            continue;
        }
        let text = decode_text(f, &bytes)?;
        let mut ps = parse::scan::scan_text(&text);
        for p in &mut ps {
            for l in &mut p.lines {
                l.line += offset;
            }
        }
        offset += text.matches('\n').count() as u32 + 1;
        pages.extend(ps);
        check_pages(path, pages.len(), opts)?;
    }
    Ok(parse::parse_pages(pages, opts))
}

/// Read a page PDF (or a multi-page issue PDF) through the PDF front end;
/// `line` is the running line number, advanced past the lines produced.
fn read_pdf(path: &Path, bytes: &[u8], line: &mut u32) -> Result<Vec<PageLines>, InputError> {
    crate::pdf::read(path, bytes.to_vec(), line).map_err(|e| {
        let full = e.to_string();
        let prefix = format!("{}: ", path.display());
        InputError::Other { path: path.into(), message: full.strip_prefix(&prefix).unwrap_or(&full).to_string() }
    })
}

/// Compare strings so that runs of digits compare by value (`p2` < `p10`).
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, _) => return std::cmp::Ordering::Less,
            (_, None) => return std::cmp::Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut s = String::new();
                    while let Some(c) = it.peek().copied().filter(|c| c.is_ascii_digit()) {
                        s.push(c);
                        it.next();
                    }
                    s
                };
                let (n, m) = (take(&mut x), take(&mut y));
                let (nt, mt) = (n.trim_start_matches('0'), m.trim_start_matches('0'));
                let o = nt.len().cmp(&mt.len()).then(nt.cmp(mt)).then(n.len().cmp(&m.len()));
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}
