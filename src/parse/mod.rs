//! The parser: one set of passes with two front ends.
//!
//! Front ends (plain text from a PDF text extractor, or the page PDF itself)
//! produce [`PageLines`]: each page's lines, in reading order, with their
//! input line numbers and, for the PDF front end, geometry. The passes then
//! turn lines into blocks, blocks into articles, and clean up inline text.

pub mod scan;

use newsconv_core::{Article, Block, Issue, Page};

/// Geometry of a line, when the front end knows it (PDF input).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Geom {
    /// Left edge, in points from the page's left.
    pub x0: f32,
    /// Top edge, in points from the page's top.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
    /// Dominant type size in points.
    pub size: f32,
    /// Dominant font name (PostScript name, subset prefix removed).
    pub font: String,
}

/// One input line. An empty `text` is a blank line (a block break).
#[derive(Debug, Clone, PartialEq, Default)]
pub struct SourceLine {
    /// The text of the line, without its line end.
    pub text: String,
    /// 1-based line number in the input (for PDF input: a running line number).
    pub line: u32,
    /// Geometry, for front ends that have it.
    pub geom: Option<Geom>,
    /// What the front end already knows the line is (the PDF front end
    /// classifies by type size and font); `None` leaves it to the passes.
    pub role: Option<LineRole>,
}

/// A front end's classification of a line.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum LineRole {
    /// Main headline.
    Headline,
    /// 引题 above the headline.
    Kicker,
    /// 副题 below the headline.
    Subheadline,
    /// Column / series label.
    Column,
    /// Byline.
    Byline,
    /// Body text.
    Body,
    /// Photo caption.
    Caption,
    /// Page furniture (masthead, page/date line, editor credits).
    Furniture,
}

/// The lines of one page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageLines {
    /// Lines in reading order.
    pub lines: Vec<SourceLine>,
    /// Page number from the file name or position, when known.
    pub number_hint: Option<u32>,
}

/// Parser settings.
#[derive(Debug, Clone)]
pub struct ParseOptions {
    /// Refuse inputs with more pages than this.
    pub max_pages: usize,
    /// Refuse input files (or folders of page files) larger than this many bytes.
    /// Keeps memory bounded; line numbers are 32-bit, so keep it under 4 GiB.
    pub max_input_bytes: u64,
}

impl Default for ParseOptions {
    fn default() -> Self {
        ParseOptions { max_pages: 100_000, max_input_bytes: 256 << 20 }
    }
}

/// Parse plain text (one page, or pages separated by form feeds).
pub fn parse_text(text: &str, opts: &ParseOptions) -> Issue {
    parse_pages(scan::scan_text(text), opts)
}

/// Run the passes over pages from any front end.
pub fn parse_pages(pages: Vec<PageLines>, _opts: &ParseOptions) -> Issue {
    // First version: every run of non-blank lines is a paragraph of one article per page.
    let mut issue = Issue::new();
    for (i, p) in pages.into_iter().enumerate() {
        let mut page = Page { number: p.number_hint.unwrap_or(i as u32 + 1), ..Default::default() };
        let mut art = Article::default();
        let mut cur = String::new();
        for l in &p.lines {
            if l.text.trim().is_empty() {
                if !cur.is_empty() {
                    art.blocks.push(Block::paragraph(std::mem::take(&mut cur)));
                }
            } else {
                cur.push_str(l.text.trim());
            }
        }
        if !cur.is_empty() {
            art.blocks.push(Block::paragraph(cur));
        }
        if !art.blocks.is_empty() {
            art.id = format!("p{}-a1", page.number);
            page.articles.push(art);
        }
        issue.pages.push(page);
    }
    issue
}
