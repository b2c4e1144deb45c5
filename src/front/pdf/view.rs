//! What the PDF front end read on each page, gathered for drawing
//! (`newsconv inspect PAGE.pdf --svg`): the page rendered by hayro, the
//! regions the layout cut, every block with its role, and each article's
//! outline from the issue the page converted to.

use super::{extract, layout, open_pdf, Budget, PdfError};
use crate::parse::LineRole;
use hayro::hayro_interpret::InterpreterSettings;
use hayro::{render, RenderCache, RenderSettings};
use newsconv_core::{Issue, Rect};
use std::path::Path;

/// Pixels per point of the page image under the drawing.
const SCALE: f32 = 1.5;

/// One page as read.
#[derive(Debug, Clone)]
pub struct PageView {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// The page rendered (PNG, `SCALE` pixels a point).
    pub png: Vec<u8>,
    /// Every block: its box and its role (`None`: body text, left to the passes).
    pub blocks: Vec<(Rect, Option<LineRole>)>,
    /// The regions the page was cut into: box, and whether a headline heads it.
    pub regions: Vec<(Rect, bool)>,
    /// Each article of the page: its id, title and the boxes of its lines
    /// (one per column run, so an L-shaped story is drawn as it stands).
    pub articles: Vec<(String, String, Vec<Rect>)>,
}

/// Why a page view could not be made.
#[derive(Debug, thiserror::Error)]
pub enum ViewError {
    /// The input is not a PDF we read.
    #[error(transparent)]
    Pdf(#[from] PdfError),
    /// The page image could not be encoded.
    #[error("{path}: page {page}: the page image could not be encoded: {message}")]
    Image {
        /// The input.
        path: std::path::PathBuf,
        /// 1-based page.
        page: usize,
        /// What the encoder said.
        message: String,
    },
}

/// `Ok` when `bytes` (read from `path`) open as a PDF: checked before
/// the file is converted, so input that is no PDF is refused as such.
pub fn ensure_pdf(path: &Path, bytes: &[u8]) -> Result<(), ViewError> {
    open_pdf(path, bytes.to_vec()).map(drop).map_err(ViewError::from)
}

/// Every page of the PDF `bytes` (read from `path`) as read, with the
/// articles of `issue` (the same file converted) outlined.
pub fn pages(path: &Path, bytes: Vec<u8>, issue: &Issue) -> Result<Vec<PageView>, ViewError> {
    let pdf = open_pdf(path, bytes)?;
    let read = extract::pages(&pdf, &Budget::default());
    let mut out = Vec::new();
    for (k, (page, p)) in pdf.pages().iter().zip(&read).enumerate() {
        let png = render_png(page).map_err(|message| ViewError::Image { path: path.into(), page: k + 1, message })?;
        let mut blocks = layout::analyse(p);
        let regions = layout::segment(&mut blocks);
        let boxes = |ix: &[usize]| ix.iter().map(|&i| block_box(&blocks[i])).reduce(|a, b| a.union(&b));
        out.push(PageView {
            width: p.width,
            height: p.height,
            png,
            blocks: blocks.iter().map(|b| (block_box(b), b.role)).collect(),
            regions: regions.iter().filter_map(|r| Some((boxes(&r.blocks)?, r.titled))).collect(),
            articles: issue.pages.get(k).map(article_boxes).unwrap_or_default(),
        });
    }
    Ok(out)
}

fn block_box(b: &layout::TBlock) -> Rect {
    Rect::new(b.x0, b.y0, b.x1, b.y1)
}

/// Each article's id, title and the boxes of the page lines its source spans.
fn article_boxes(page: &newsconv_core::Page) -> Vec<(String, String, Vec<Rect>)> {
    let Some(lay) = &page.layout else { return Vec::new() };
    page.articles
        .iter()
        .filter_map(|a| {
            let span = a.source?;
            let rects: Vec<Rect> = lay.lines.iter().filter(|l| (span.start..=span.end).contains(&l.line)).map(|l| l.rect).collect();
            (!rects.is_empty()).then(|| (a.id.clone(), a.title().0.to_string(), column_runs(rects)))
        })
        .collect()
}

/// Lines merged into boxes: a line joins a box it shares most of its
/// width with and lies within three of its own heights of.
fn column_runs(lines: Vec<Rect>) -> Vec<Rect> {
    let mut boxes: Vec<Rect> = Vec::new();
    for r in lines {
        let near = |b: &Rect| b.x_overlap(&r) > 0.5 * r.width().min(b.width()) && (r.y0 - b.y1).max(b.y0 - r.y1) < 3.0 * r.height().max(1.0);
        match boxes.iter_mut().find(|b| near(b)) {
            Some(b) => b.include(&r),
            None => boxes.push(r),
        }
    }
    boxes
}

/// The page rendered over white at `SCALE` pixels a point, as RGB PNG.
fn render_png(page: &hayro::hayro_syntax::page::Page<'_>) -> Result<Vec<u8>, String> {
    let cache = RenderCache::new();
    let settings = hayro::PixmapSettings { x_scale: SCALE, y_scale: SCALE, bg_color: hayro::vello_cpu::color::palette::css::WHITE };
    let pixmap = render(page, &cache, &InterpreterSettings::default(), &RenderSettings::default(), &settings);
    let (w, h) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // Premultiplied RGBA over white is opaque: keep the colour channels.
    let rgb: Vec<u8> = pixmap.data_as_u8_slice().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let mut buf = Vec::new();
    let mut enc = png::Encoder::new(&mut buf, w, h);
    enc.set_color(png::ColorType::Rgb);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Balanced);
    let mut wr = enc.write_header().map_err(|e| e.to_string())?;
    wr.write_image_data(&rgb).map_err(|e| e.to_string())?;
    wr.finish().map_err(|e| e.to_string())?;
    Ok(buf)
}
