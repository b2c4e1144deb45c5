//! ALTO pages as input: what libraries already hold (from OCR, or from our
//! own METS/ALTO packages). Positioned text becomes glyphs for the PDF
//! front end's layout analysis, so an ALTO page goes through the same
//! passes as a page PDF: each `String` is spread over its box a character
//! at a time, with the type size of its style (or its line's height). ALTO
//! without positions (written from text input) is read as text: a line
//! per `TextLine`, a blank line between blocks.

use super::pdf::extract::{Dir, Glyph, PdfPage};
use crate::parse::{PageLines, SourceLine};
use newsconv_core::Rect;
use quick_xml::events::{BytesStart, Event};
use quick_xml::Reader;
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// Why an ALTO file could not be read. Names the file and the byte offset.
#[derive(Debug, Error)]
#[error("{path}: not readable ALTO at byte {offset}: {message}")]
pub struct AltoError {
    /// The input.
    pub path: PathBuf,
    /// Where in the file.
    pub offset: u64,
    /// What is wrong.
    pub message: String,
}

/// Does this look like an ALTO document (its root element in the first KiB)?
pub fn is_alto(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    head.contains("<alto") && head.contains("loc.gov/standards/alto/")
}

/// One page being read.
#[derive(Default)]
struct PageRead {
    width: f32,
    height: f32,
    glyphs: Vec<Glyph>,
    fonts: Vec<String>,
    /// Text of positionless lines, a `None` between blocks.
    plain: Vec<Option<String>>,
}

/// What the reader keeps between elements.
#[derive(Default)]
struct State {
    unit: String,
    unit_text: bool,
    styles: HashMap<String, (String, f32)>,
    pages: Vec<PageRead>,
    /// The current line's box (points) and style, if positioned.
    line: Option<(Rect, Option<String>)>,
    /// The current positionless line's words.
    words: Vec<String>,
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes().flatten().find(|a| a.key.as_ref() == name).and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

impl State {
    /// A length in the file's unit, in points (pixels are taken at 300 dpi).
    fn pt(&self, v: Option<String>) -> Option<f32> {
        let v: f32 = v?.trim().parse().ok().filter(|v: &f32| v.is_finite())?;
        let k = match self.unit.as_str() {
            "inch1200" => 72.0 / 1200.0,
            "mm10" => 72.0 / 254.0,
            _ => 72.0 / 300.0,
        };
        Some((v * k).clamp(-1e6, 1e6))
    }

    fn page(&mut self) -> &mut PageRead {
        if self.pages.is_empty() {
            self.pages.push(PageRead::default());
        }
        self.pages.last_mut().expect("a page")
    }

    fn start(&mut self, e: &BytesStart<'_>) {
        match e.local_name().as_ref() {
            b"MeasurementUnit" => self.unit_text = true,
            b"TextStyle" => {
                let size = attr(e, b"FONTSIZE").and_then(|s| s.parse::<f32>().ok()).filter(|s| s.is_finite() && *s > 0.0).unwrap_or(0.0);
                if let Some(id) = attr(e, b"ID") {
                    self.styles.insert(id, (attr(e, b"FONTFAMILY").unwrap_or_default(), size));
                }
            }
            b"Page" => {
                let (w, h) = (self.pt(attr(e, b"WIDTH")).unwrap_or(0.0), self.pt(attr(e, b"HEIGHT")).unwrap_or(0.0));
                self.pages.push(PageRead { width: w, height: h, ..Default::default() });
            }
            b"TextBlock" => self.page().plain.push(None),
            b"TextLine" => {
                let b = [b"HPOS".as_slice(), b"VPOS", b"WIDTH", b"HEIGHT"].map(|k| self.pt(attr(e, k)));
                self.line = match b {
                    [Some(x), Some(y), Some(w), Some(h)] => Some((Rect::new(x, y, x + w, y + h), attr(e, b"STYLEREFS"))),
                    _ => None,
                };
                self.words.clear();
            }
            b"String" => self.string(e),
            _ => {}
        }
    }

    /// A word: glyphs over its box, or a word of a positionless line.
    fn string(&mut self, e: &BytesStart<'_>) {
        let content = attr(e, b"CONTENT").unwrap_or_default();
        let Some((line, style)) = self.line.clone() else {
            self.words.push(content);
            return;
        };
        let b = [b"HPOS".as_slice(), b"VPOS", b"WIDTH", b"HEIGHT"].map(|k| self.pt(attr(e, k)));
        let r = match b {
            [Some(x), Some(y), Some(w), Some(h)] => Rect::new(x, y, x + w, y + h),
            _ => line,
        };
        let (family, size) = style.as_deref().and_then(|s| s.split_whitespace().find_map(|id| self.styles.get(id))).cloned().unwrap_or_default();
        let size = if size > 0.0 { size } else { line.height() };
        let page = self.page();
        let font = match page.fonts.iter().position(|f| *f == family) {
            Some(k) => k,
            None => {
                page.fonts.push(family);
                page.fonts.len() - 1
            }
        } as u16;
        let n = content.chars().count().max(1) as f32;
        let w = r.width() / n;
        for (k, c) in content.chars().enumerate() {
            let x0 = r.x0 + w * k as f32;
            let bbox = Rect::new(x0, r.y0, x0 + w.max(size * 0.5), r.y1);
            page.glyphs.push(Glyph { text: c.to_string(), bbox, size, font, vertical: false, dir: Dir::Up, stroke: false, invisible: false, light: false });
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"MeasurementUnit" => self.unit_text = false,
            b"TextLine" if self.line.is_none() => {
                let text = self.words.join(" ");
                self.page().plain.push(Some(text));
            }
            _ => {}
        }
    }
}

/// Read an ALTO document into page lines for the parser passes;
/// `first_line` is the running line number to continue from.
pub fn read(path: &Path, bytes: &[u8], first_line: &mut u32) -> Result<Vec<PageLines>, AltoError> {
    let mut r = Reader::from_reader(bytes);
    let mut st = State::default();
    let mut buf = Vec::new();
    loop {
        let ev = r.read_event_into(&mut buf).map_err(|e| AltoError { path: path.into(), offset: r.buffer_position(), message: e.to_string() })?;
        match ev {
            Event::Start(e) => st.start(&e),
            Event::Empty(e) => {
                st.start(&e);
                st.end(e.local_name().as_ref());
            }
            Event::End(e) => st.end(e.local_name().as_ref()),
            Event::Text(t) if st.unit_text => st.unit = t.unescape().map(|s| s.trim().to_string()).unwrap_or_default(),
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    if st.pages.iter().all(|p| p.glyphs.is_empty() && p.plain.iter().flatten().all(|t| t.trim().is_empty())) {
        return Err(AltoError { path: path.into(), offset: 0, message: "no text (no String with CONTENT)".into() });
    }
    Ok(st.pages.into_iter().map(|p| page_lines(p, first_line)).collect())
}

fn page_lines(p: PageRead, first_line: &mut u32) -> PageLines {
    if !p.glyphs.is_empty() {
        let page = PdfPage { width: p.width, height: p.height, glyphs: p.glyphs, fonts: p.fonts, unmapped: 0, rules: Vec::new(), over_budget: None };
        return super::pdf::page_lines(&page, first_line);
    }
    let mut lines = Vec::new();
    for t in p.plain {
        *first_line += 1;
        lines.push(SourceLine { text: t.unwrap_or_default(), line: *first_line, ..Default::default() });
    }
    PageLines { lines, ..Default::default() }
}
