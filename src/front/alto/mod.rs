//! ALTO pages as input: what libraries already hold (from OCR, or from our
//! own METS/ALTO packages). Positioned text becomes glyphs for the PDF
//! front end's layout analysis, so an ALTO page goes through the same
//! passes as a page PDF: each `String` is spread over its box a character
//! at a time, with the type size of its style (or its line's height). ALTO
//! without positions (written from text input) is read as text: a line
//! per `TextLine`, a blank line between blocks.

mod levels;
mod ocr_line;

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
    /// The OCR lines read, for the size of running text ([`levels`]).
    ocr_lines: Vec<levels::LineInfo>,
}

/// What the reader keeps between elements.
#[derive(Default)]
struct State {
    /// Pixels per inch of a `pixel` file (ALTO does not say; OCR callers know).
    px_dpi: f32,
    /// Words the OCR engine was less sure of than this are left out.
    min_wc: f32,
    /// Confidence (`WC`) of the words read, weighted by characters: sum, count.
    conf: (f64, usize),
    unit: String,
    unit_text: bool,
    styles: HashMap<String, (String, f32)>,
    pages: Vec<PageRead>,
    /// The current line's box (points) and style, if positioned.
    line: Option<(Rect, Option<String>)>,
    /// The current positionless line's words.
    words: Vec<String>,
    /// The current OCR line's words with their ink boxes.
    ocr_words: Vec<ocr_line::Word>,
}

fn attr(e: &BytesStart<'_>, name: &[u8]) -> Option<String> {
    e.attributes()
        .flatten()
        .find(|a| a.key.as_ref() == name)
        .and_then(|a| a.unescape_value().ok().map(|v| v.into_owned()))
}

impl State {
    /// A length in the file's unit, in points (pixels are taken at 300 dpi).
    fn pt(&self, v: Option<String>) -> Option<f32> {
        let v: f32 = v?.trim().parse().ok().filter(|v: &f32| v.is_finite())?;
        let k = match self.unit.as_str() {
            "inch1200" => 72.0 / 1200.0,
            "mm10" => 72.0 / 254.0,
            _ => {
                72.0 / if self.px_dpi > 0.0 {
                    self.px_dpi
                } else {
                    300.0
                }
            }
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
                let size = attr(e, b"FONTSIZE")
                    .and_then(|s| s.parse::<f32>().ok())
                    .filter(|s| s.is_finite() && *s > 0.0)
                    .unwrap_or(0.0);
                if let Some(id) = attr(e, b"ID") {
                    self.styles
                        .insert(id, (attr(e, b"FONTFAMILY").unwrap_or_default(), size));
                }
            }
            b"Page" => {
                let (w, h) = (
                    self.pt(attr(e, b"WIDTH")).unwrap_or(0.0),
                    self.pt(attr(e, b"HEIGHT")).unwrap_or(0.0),
                );
                self.pages.push(PageRead {
                    width: w,
                    height: h,
                    ..Default::default()
                });
            }
            b"TextBlock" => self.page().plain.push(None),
            b"TextLine" => {
                let b =
                    [b"HPOS".as_slice(), b"VPOS", b"WIDTH", b"HEIGHT"].map(|k| self.pt(attr(e, k)));
                self.line = match b {
                    [Some(x), Some(y), Some(w), Some(h)] => {
                        Some((Rect::new(x, y, x + w, y + h), attr(e, b"STYLEREFS")))
                    }
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
        let wc = attr(e, b"WC")
            .and_then(|w| w.trim().parse::<f32>().ok())
            .filter(|w| w.is_finite())
            .map(|w| w.clamp(0.0, 1.0));
        let Some((line, style)) = self.line.clone() else {
            self.words.push(content);
            return;
        };
        let b = [b"HPOS".as_slice(), b"VPOS", b"WIDTH", b"HEIGHT"].map(|k| self.pt(attr(e, k)));
        let r = match b {
            [Some(x), Some(y), Some(w), Some(h)] => Rect::new(x, y, x + w, y + h),
            _ => line,
        };
        // OCR output (pixel units) boxes each word's ink tightly: the
        // line's words are placed together when it ends ([`ocr_line`]).
        if self.unit == "pixel" {
            self.ocr_words.push(ocr_line::Word {
                text: content,
                rect: r,
                wc: wc.unwrap_or(1.0),
            });
            return;
        }
        if wc.is_some_and(|w| w < self.min_wc) {
            return;
        }
        let (family, size) = style
            .as_deref()
            .and_then(|s| s.split_whitespace().find_map(|id| self.styles.get(id)))
            .cloned()
            .unwrap_or_default();
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
            page.glyphs.push(Glyph {
                text: c.to_string(),
                bbox,
                size,
                font,
                vertical: false,
                dir: Dir::Up,
                stroke: false,
                invisible: false,
                light: false,
            });
        }
    }

    fn end(&mut self, name: &[u8]) {
        match name {
            b"MeasurementUnit" => self.unit_text = false,
            b"TextLine" if self.line.is_none() => {
                let text = self.words.join(" ");
                self.page().plain.push(Some(text));
            }
            b"TextLine" => {
                let mut words = std::mem::take(&mut self.ocr_words);
                ocr_line::cjk_punctuation(&mut words);
                if let Some((line, _)) = self.line.take() {
                    let (glyphs, conf) = ocr_line::glyphs(&line, &words, self.min_wc);
                    let pitch = ocr_line::pitch(&line, &words).unwrap_or(0.0);
                    self.conf = (self.conf.0 + conf.0, self.conf.1 + conf.1);
                    let page = self.page();
                    if page.fonts.is_empty() {
                        page.fonts.push(String::new());
                    }
                    let start = page.glyphs.len();
                    page.ocr_lines.push(levels::LineInfo {
                        start,
                        end: start + glyphs.len(),
                        ink: line.height(),
                        size: glyphs.first().map_or(0.0, |g| g.size),
                        pitch,
                        wide: glyphs
                            .iter()
                            .filter(|g| {
                                g.text
                                    .chars()
                                    .next()
                                    .is_some_and(crate::parse::inline::is_wide)
                            })
                            .count(),
                    });
                    page.glyphs.extend(glyphs);
                }
            }
            _ => {}
        }
    }
}

/// Read an ALTO document into page lines for the parser passes;
/// `first_line` is the running line number to continue from.
pub fn read(path: &Path, bytes: &[u8], first_line: &mut u32) -> Result<Vec<PageLines>, AltoError> {
    let st = parse(path, bytes, State::default())?;
    if st
        .pages
        .iter()
        .all(|p| p.glyphs.is_empty() && p.plain.iter().flatten().all(|t| t.trim().is_empty()))
    {
        return Err(AltoError {
            path: path.into(),
            offset: 0,
            message: "no text (no String with CONTENT)".into(),
        });
    }
    Ok(st
        .pages
        .into_iter()
        .map(|p| page_lines(p, first_line))
        .collect())
}

/// The positioned words of an OCR engine's ALTO, in `pixel` units at
/// `dpi`, as the glyphs of one page each, leaving out words of confidence
/// below `min_wc` unless they stand among confident words
/// ([`ocr_line::glyphs`]); with the mean confidence of the words kept (`None` when
/// the file gives none).
pub fn read_ocr(
    path: &Path,
    bytes: &[u8],
    dpi: u32,
    min_wc: f32,
) -> Result<(Vec<PdfPage>, Option<f32>), AltoError> {
    let st = parse(
        path,
        bytes,
        State {
            px_dpi: dpi as f32,
            min_wc,
            ..Default::default()
        },
    )?;
    let conf = (st.conf.1 > 0).then(|| (st.conf.0 / st.conf.1 as f64) as f32);
    let pages = st
        .pages
        .into_iter()
        .map(|mut p| {
            levels::snap_body(&mut p.glyphs, &p.ocr_lines);
            PdfPage {
                width: p.width,
                height: p.height,
                glyphs: p.glyphs,
                fonts: p.fonts,
                ..Default::default()
            }
        })
        .collect();
    Ok((pages, conf))
}

fn parse(path: &Path, bytes: &[u8], mut st: State) -> Result<State, AltoError> {
    let mut r = Reader::from_reader(bytes);
    let mut buf = Vec::new();
    loop {
        let ev = r.read_event_into(&mut buf).map_err(|e| AltoError {
            path: path.into(),
            offset: r.buffer_position(),
            message: e.to_string(),
        })?;
        match ev {
            Event::Start(e) => st.start(&e),
            Event::Empty(e) => {
                st.start(&e);
                st.end(e.local_name().as_ref());
            }
            Event::End(e) => st.end(e.local_name().as_ref()),
            Event::Text(t) if st.unit_text => {
                st.unit = t
                    .unescape()
                    .map(|s| s.trim().to_string())
                    .unwrap_or_default()
            }
            Event::Eof => break,
            _ => {}
        }
        buf.clear();
    }
    Ok(st)
}

fn page_lines(p: PageRead, first_line: &mut u32) -> PageLines {
    if !p.glyphs.is_empty() {
        let page = PdfPage {
            width: p.width,
            height: p.height,
            glyphs: p.glyphs,
            fonts: p.fonts,
            ..Default::default()
        };
        return super::pdf::page_lines(&page, first_line);
    }
    let mut lines = Vec::new();
    for t in p.plain {
        *first_line += 1;
        lines.push(SourceLine {
            text: t.unwrap_or_default(),
            line: *first_line,
            ..Default::default()
        });
    }
    PageLines {
        lines,
        ..Default::default()
    }
}
