//! The parser: one set of passes with two front ends.
//!
//! Front ends (plain text from a PDF text extractor, or the page PDF itself)
//! produce [`PageLines`]: each page's lines, in reading order, with their
//! input line numbers and, for the PDF front end, geometry. The passes then
//! turn lines into blocks, blocks into articles, and clean up inline text.

pub mod articles;
pub mod blocks;
pub mod briefs;
pub mod cells;
pub mod furniture;
pub mod heads;
pub mod inline;
pub mod labels;
pub use labels::ImageLabel;
pub mod lines;
pub mod markers;
pub mod measure;
pub mod nonnews;
pub mod notes;
pub mod photos;

use newsconv_core::{Diagnostic, Issue, Page};

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
    /// Paragraph signal from the front end: `Some(true)` when the line is
    /// indented as a paragraph's first line, `Some(false)` when it is set
    /// flush and so carries on the paragraph before it (across a column
    /// break too); `None` when unknown (plain text).
    pub para: Option<bool>,
    /// The page region (article) the front end placed the line in, from the
    /// geometry; `None` when unknown (plain text).
    pub region: Option<u32>,
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
    /// An in-body section heading (小标题) inside an article's columns.
    Heading,
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
    /// What the front end has to say about the page (a page over budget,
    /// left unread), kept with the page.
    pub diagnostics: Vec<Diagnostic>,
    /// Page width and height in points, when the front end knows them.
    pub size: Option<(f32, f32)>,
    /// Set when the lines were recognised by OCR.
    pub ocr: Option<newsconv_core::PageOcr>,
    /// The images drawn on the page (roles decided, ids not yet given).
    pub images: Vec<newsconv_core::Image>,
    /// Boxes the page draws around pieces of text (four rules), in the
    /// lines' coordinates, when the front end sees them.
    pub frames: Vec<newsconv_core::Rect>,
    /// The page drawn as a picture, when asked for.
    pub picture: Option<newsconv_core::PagePicture>,
    /// Column labels drawn as pictures, read by OCR.
    pub labels: Vec<ImageLabel>,
}

/// Run the passes over pages from any front end: lines → blocks →
/// articles, then page numbers from the furniture and jump links between
/// pages.
pub fn parse_pages(pages: Vec<PageLines>) -> Issue {
    into_issue(read_pages(pages))
}

/// Parse each page on its own (the first half of [`parse_pages`]), for a
/// front end that orders the pages before they become an issue.
pub fn read_pages(pages: Vec<PageLines>) -> Vec<Page> {
    pages
        .iter()
        .enumerate()
        .map(|(i, p)| parse_page(p, i as u32 + 1))
        .collect()
}

/// Parsed pages, in their final order, into an issue: its date, title and
/// edition from the furniture, and jump links between the pages.
pub fn into_issue(pages: Vec<Page>) -> Issue {
    let mut issue = Issue {
        pages,
        ..Issue::new()
    };
    photos::unique_ids(&mut issue.pages);
    furniture::issue_fields(&mut issue);
    link_jumps(&mut issue);
    issue
}

/// Parse one page; `position` is its 1-based place in the input.
pub fn parse_page(p: &PageLines, position: u32) -> Page {
    // The front end's regions (one article each, from the page geometry)
    // are parsed each on its own; plain text is one region.
    let mut parts = articles::PageParts::default();
    let mut diags = Vec::new();
    for chunk in p.lines.chunk_by(|a, b| a.region == b.region) {
        let lines = lines::classify(chunk);
        diags.extend(interleaving(&lines));
        let units = blocks::build(&lines);
        let mut pp = articles::assemble(units);
        parts.articles.append(&mut pp.articles);
        parts.furniture.append(&mut pp.furniture);
        parts.unassigned.append(&mut pp.unassigned);
        parts.diagnostics.append(&mut pp.diagnostics);
    }
    nonnews::set_apart(&mut parts, &p.lines, &p.frames);
    let mut page = Page {
        number: p.number_hint.unwrap_or(position),
        ..Default::default()
    };
    furniture::understand(&mut parts.furniture);
    page.furniture = parts.furniture;
    furniture::page_fields(&mut page, p.number_hint);
    page.unassigned = parts.unassigned;
    page.diagnostics = parts.diagnostics;
    page.diagnostics.extend(diags);
    page.diagnostics.extend(p.diagnostics.iter().cloned());
    page.layout = text_layer(p);
    page.ocr = p.ocr.clone();
    page.picture = p.picture.clone();
    page.articles = parts.articles;
    for a in page.articles.iter_mut() {
        notes::mark_end_notes(a);
        notes::split_trailing_byline(a);
    }
    labels::attach(&mut page.articles, &p.labels, &p.lines);
    briefs::carry_labels(&mut page.articles);
    place_diagnostics(&mut page, &p.lines);
    for (n, a) in page.articles.iter_mut().enumerate() {
        a.id = format!("p{}-a{}", page.number, n + 1);
    }
    photos::place(&mut page, p.images.clone());
    page
}

/// The page's text layer, for front ends that know where lines stand.
fn text_layer(p: &PageLines) -> Option<newsconv_core::PageLayout> {
    let (width, height) = p.size?;
    let (width, height) = (
        (width * 100.0).round() / 100.0,
        (height * 100.0).round() / 100.0,
    );
    let lines = p
        .lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .filter_map(|l| {
            let g = l.geom.as_ref()?;
            // Hundredths of a point: finer than any printer, and short in JSON.
            let r = |v: f32| (v * 100.0).round() / 100.0;
            Some(newsconv_core::LayoutLine {
                line: l.line,
                rect: newsconv_core::Rect::new(r(g.x0), r(g.y0), r(g.x1), r(g.y1)),
                size: r(g.size),
                font: g.font.clone(),
                text: l.text.clone(),
            })
        })
        .collect();
    Some(newsconv_core::PageLayout {
        width,
        height,
        lines,
    })
}

/// For input with geometry (PDF pages), say where on the printed page each
/// diagnostic points: its line's top-left corner in points from the page's
/// top-left, so an archivist can find the spot.
fn place_diagnostics(page: &mut Page, lines: &[SourceLine]) {
    if lines.iter().all(|l| l.geom.is_none()) {
        return;
    }
    let number = page.number;
    let at = |line: u32| -> Option<String> {
        let k = lines.binary_search_by_key(&line, |l| l.line).ok()?;
        let g = lines[k].geom.as_ref()?;
        Some(format!(
            " [page {number}, x {:.0} pt, y {:.0} pt from the top left]",
            g.x0, g.y0
        ))
    };
    let fix = |d: &mut Diagnostic| {
        if let Some(s) = d.line.and_then(at) {
            d.message.push_str(&s);
        }
    };
    for d in page.diagnostics.iter_mut() {
        fix(d);
    }
    for a in page.articles.iter_mut() {
        for d in a.diagnostics.iter_mut() {
            fix(d);
        }
    }
}

/// Lines much wider than their column, holding two pieces of text side by
/// side, mean the extractor interleaved two columns.
fn interleaving(lines: &[lines::Line]) -> Vec<Diagnostic> {
    let hits: Vec<u32> = lines
        .iter()
        .filter(|l| {
            l.kind == lines::Kind::Body
                && l.w * 10 >= l.col * 14
                && l.raw.contains(' ')
                && l.w >= 30
        })
        .map(|l| l.no)
        .collect();
    if hits.len() >= 2 {
        let shown: Vec<String> = hits.iter().take(8).map(|n| n.to_string()).collect();
        vec![Diagnostic::warning(
            "columns-interleaved",
            format!("{} lines hold text of two columns side by side (lines {}{}); their paragraphs may be mixed up", hits.len(), shown.join(", "), if hits.len() > 8 { ", …" } else { "" }),
            Some(hits[0]),
        )]
    } else {
        Vec::new()
    }
}

/// Link the two parts of a jumped article: `continued_to` page P points at
/// the article on page P that is `continued_from` this page, and back.
fn link_jumps(issue: &mut Issue) {
    let mut froms: Vec<(u32, usize, usize, Option<u32>)> = Vec::new(); // (page number, page idx, art idx, from page)
    for (pi, p) in issue.pages.iter().enumerate() {
        for (ai, a) in p.articles.iter().enumerate() {
            if let Some(j) = &a.continued_from {
                froms.push((p.number, pi, ai, j.page));
            }
        }
    }
    let mut taken = vec![false; froms.len()];
    // The continued parts by the page they stand on, so each jump looks only
    // at the parts on the page it names.
    let mut on_page: std::collections::BTreeMap<u32, Vec<usize>> =
        std::collections::BTreeMap::new();
    for (k, f) in froms.iter().enumerate() {
        on_page.entry(f.0).or_default().push(k);
    }
    let mut links: Vec<((usize, usize), (usize, usize))> = Vec::new();
    for (pi, p) in issue.pages.iter().enumerate() {
        for (ai, a) in p.articles.iter().enumerate() {
            let Some(to) = a.continued_to.as_ref().and_then(|j| j.page) else {
                continue;
            };
            // Prefer a part that names this page and shares the headline; else one that names this page.
            let mut best: Option<(usize, f64)> = None;
            for &k in on_page.get(&to).map(Vec::as_slice).unwrap_or(&[]) {
                let f = &froms[k];
                if taken[k] || f.3.is_some_and(|x| x != p.number) {
                    continue;
                }
                let other = &issue.pages[f.1].articles[f.2];
                let s = match (&a.headline, &other.headline) {
                    (Some(x), Some(y)) => title_similarity(x, y),
                    _ => 0.0,
                };
                if best.is_none_or(|b| s > b.1) {
                    best = Some((k, s));
                }
            }
            if let Some((k, _)) = best {
                taken[k] = true;
                links.push(((pi, ai), (froms[k].1, froms[k].2)));
            }
        }
    }
    for ((pa, aa), (pb, ab)) in links {
        let id_b = issue.pages[pb].articles[ab].id.clone();
        let id_a = issue.pages[pa].articles[aa].id.clone();
        if let Some(j) = issue.pages[pa].articles[aa].continued_to.as_mut() {
            j.article = Some(id_b);
        }
        if let Some(j) = issue.pages[pb].articles[ab].continued_from.as_mut() {
            j.article = Some(id_a);
        }
    }
}

/// Share of common character bigrams of two titles (Dice coefficient).
fn title_similarity(a: &str, b: &str) -> f64 {
    let (x, y) = (inline::han_bigrams(a), inline::han_bigrams(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    let common = x.iter().filter(|g| y.binary_search(g).is_ok()).count();
    2.0 * common as f64 / (x.len() + y.len()) as f64
}
