//! Glyph extraction: run hayro's interpreter over each page with a device
//! that records every glyph (its Unicode text from the font's ToUnicode map,
//! its em box in page coordinates, type size, font, writing mode) and the
//! rules (thin lines and box edges) that separate articles.

use super::budget::{content_over, Budget, Cost, Measure, Over};
use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_cmap::{BfString, WritingMode};
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, Point, Rect, Shape};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image,
    ImageDrawProps, InterpreterCache, InterpreterSettings, SoftMask,
};
use newsconv_core::Rect as PageRect;

/// How the glyph's baseline runs on the page.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub enum Dir {
    /// Upright, baseline left to right (ordinary text and upright glyphs of vertical text).
    Up,
    /// Rotated 90° counter-clockwise (reads bottom to top).
    Ccw,
    /// Rotated 90° clockwise (reads top to bottom, glyphs lying on their side).
    Cw,
    /// Upside down.
    Flip,
}

/// One glyph as drawn.
#[derive(Debug, Clone)]
pub struct Glyph {
    /// Its Unicode text (usually one character; ligatures give more).
    pub text: String,
    /// Em box in page coordinates (points, origin top-left, y down).
    pub bbox: newsconv_core::Rect,
    /// Type size in points (em height on the page).
    pub size: f32,
    /// Index into [`PdfPage::fonts`].
    pub font: u16,
    /// The font is in vertical writing mode.
    pub vertical: bool,
    /// Direction of the baseline.
    pub dir: Dir,
    /// Drawn by stroking only (fake bold outline pass, outline text).
    pub stroke: bool,
    /// Invisible text (render mode 3, OCR layers, clip-only text).
    pub invisible: bool,
    /// Drawn in a light colour (reversed type on a dark panel).
    pub light: bool,
}

impl Glyph {
    /// A plain upright glyph in font 0: filled, visible, dark, horizontal
    /// writing (how OCR output and test pages place their characters).
    pub fn plain(text: impl Into<String>, bbox: newsconv_core::Rect, size: f32) -> Glyph {
        Glyph {
            text: text.into(),
            bbox,
            size,
            font: 0,
            vertical: false,
            dir: Dir::Up,
            stroke: false,
            invisible: false,
            light: false,
        }
    }

    /// Centre x.
    pub fn cx(&self) -> f32 {
        (self.bbox.x0 + self.bbox.x1) * 0.5
    }
    /// Centre y.
    pub fn cy(&self) -> f32 {
        (self.bbox.y0 + self.bbox.y1) * 0.5
    }
}

/// A horizontal or vertical rule (a thin filled or stroked line, or a box edge).
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Rule {
    /// Left.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
}

impl Rule {
    /// True for a horizontal rule.
    pub fn horizontal(&self) -> bool {
        self.x1 - self.x0 >= self.y1 - self.y0
    }
}

/// What one page holds.
#[derive(Debug, Clone, Default)]
pub struct PdfPage {
    /// Width in points.
    pub width: f32,
    /// Height in points.
    pub height: f32,
    /// Glyphs in content order (duplicates not yet removed).
    pub glyphs: Vec<Glyph>,
    /// Font names (PostScript names without subset prefix), indexed by `Glyph::font`.
    pub fonts: Vec<String>,
    /// Glyphs drawn without any Unicode mapping.
    pub unmapped: usize,
    /// Rules.
    pub rules: Vec<Rule>,
    /// Left unread (nothing recorded): it went over this budget.
    pub over_budget: Option<Over>,
    /// What reading it cost (counting stops past a budget).
    pub cost: Cost,
    /// Images drawn, and the most pixels one of them claims (its
    /// `/Width` × `/Height`, read without decoding it).
    pub images: (usize, u64),
    /// Paths drawn (filled or stroked).
    pub paths: usize,
    /// The images drawn, with their bytes when [`pages_with_images`]
    /// extracted them.
    pub drawn: Vec<DrawnImage>,
}

impl PdfPage {
    /// The printed area: the box of what the page inks (visible glyphs,
    /// rules, images), clipped to the page; the whole page when nothing is
    /// inked. Position on the page (header band, footer) is judged against
    /// it, not the sheet, whose margins vary from paper to paper.
    pub fn printed_area(&self) -> PageRect {
        let sheet = PageRect::new(0.0, 0.0, self.width, self.height);
        let glyphs = self.glyphs.iter().filter(|g| !g.invisible).map(|g| g.bbox);
        let rules = self.rules.iter().map(|r| PageRect::new(r.x0, r.y0, r.x1, r.y1));
        let inked = glyphs.chain(rules).chain(self.drawn.iter().map(|d| d.rect));
        let clipped = inked.map(|r| PageRect::new(r.x0.max(0.0), r.y0.max(0.0), r.x1.min(self.width), r.y1.min(self.height))).filter(|r| r.x0 < r.x1 && r.y0 < r.y1);
        clipped.reduce(|a, b| a.union(&b)).unwrap_or(sheet)
    }
}

/// One image as drawn on the page.
#[derive(Debug, Clone)]
pub struct DrawnImage {
    /// Where it is drawn (points, from the top left).
    pub rect: newsconv_core::Rect,
    /// What its dictionary says.
    pub head: super::images::Header,
    /// Drawn under a soft mask from the graphics state (not applied).
    pub soft_mask: bool,
    /// Its bytes, or why they were not extracted; `None` when not asked for.
    pub bytes: Option<Result<(newsconv_core::ImageEncoding, Vec<u8>), super::images::Refusal>>,
}

/// Why a PDF could not be read.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum OpenError {
    /// Encrypted with a password we do not have.
    Encrypted,
    /// Not a PDF we can parse.
    Invalid,
}

/// Open a PDF and extract every page; a page over `budget` is left
/// unread, with [`PdfPage::over_budget`] saying so.
pub fn extract(bytes: Vec<u8>, budget: &Budget) -> Result<Vec<PdfPage>, OpenError> {
    Ok(pages(&open(bytes)?, budget))
}

/// Open a PDF (an empty user password opens an encrypted one).
pub fn open(bytes: Vec<u8>) -> Result<Pdf, OpenError> {
    Pdf::new(bytes).map_err(|e| match e {
        hayro_interpret::hayro_syntax::LoadPdfError::Decryption(_) => OpenError::Encrypted,
        _ => OpenError::Invalid,
    })
}

/// Extract every page of an open PDF, as [`extract`] does.
pub fn pages(pdf: &Pdf, budget: &Budget) -> Vec<PdfPage> {
    pages_with_images(pdf, budget, false)
}

/// Extract every page as [`pages`] does, and with `images` the bytes of
/// every image drawn (bounded by [`Budget::image_pixels`]).
pub fn pages_with_images(pdf: &Pdf, budget: &Budget, images: bool) -> Vec<PdfPage> {
    let cache = InterpreterCache::new();
    let mut out = Vec::new();
    for page in pdf.pages().iter() {
        let (w, h) = page.render_dimensions();
        let initial = Affine::new(page.initial_transform(true).as_coeffs());
        let settings = InterpreterSettings::default();
        let mut ctx = Context::new(
            initial,
            Rect::new(0.0, 0.0, w as f64, h as f64),
            &cache,
            pdf.xref(),
            settings,
        );
        let mut dev = Collector {
            page: PdfPage {
                width: w,
                height: h,
                ..Default::default()
            },
            font_ids: Vec::new(),
            budget: *budget,
            image_pixels: images.then_some(budget.image_pixels),
            masks: Vec::new(),
        };
        if let Some(over) = content_over(page, budget, &mut dev.page.cost) {
            dev.page.over_budget = Some(over);
            out.push(dev.page);
            continue;
        }
        interpret_page(page, &mut ctx, &mut dev);
        if dev.page.over_budget.is_some() {
            // Left unread as a whole: half a page would be read as a page.
            let PdfPage {
                width,
                height,
                over_budget,
                cost,
                ..
            } = dev.page;
            dev.page = PdfPage {
                width,
                height,
                over_budget,
                cost,
                ..Default::default()
            };
        }
        out.push(dev.page);
    }
    out
}

struct Collector {
    page: PdfPage,
    /// (postscript name) → index, small linear table.
    font_ids: Vec<String>,
    /// What the page may cost.
    budget: Budget,
    /// Extract image bytes, each decode bounded to this many pixels.
    image_pixels: Option<u64>,
    /// For each open transparency group: drawn under a soft mask.
    masks: Vec<bool>,
}

impl Collector {
    /// Count `n` of `measure`; false (record nothing more) once the page
    /// is over any budget.
    fn spend(&mut self, measure: Measure, n: u64) -> bool {
        if self.page.over_budget.is_some() {
            return false;
        }
        self.page.over_budget = self.page.cost.add(measure, n, &self.budget);
        self.page.over_budget.is_none()
    }

    /// A glyph size worth reading: finite, at least half a point, at most
    /// twice the page's larger side (a number from the file is checked
    /// where it enters; absurd sizes once made the layout's searches
    /// unbounded).
    fn sane_size(&self, size: f32) -> bool {
        size.is_finite()
            && size >= 0.5
            && size <= 2.0 * self.page.width.max(self.page.height).max(1.0)
    }

    /// A coordinate worth reading: finite and within a few page sizes of
    /// the page (text far off the page is never printed).
    fn sane_position(&self, v: f64) -> bool {
        let span = 4.0 * f64::from(self.page.width.max(self.page.height).max(1.0));
        v.is_finite() && v.abs() <= span
    }

    fn font_index(&mut self, name: Option<String>) -> u16 {
        let name = name.unwrap_or_default();
        if let Some(i) = self.font_ids.iter().position(|n| *n == name) {
            return i as u16;
        }
        self.font_ids.push(name.clone());
        self.page.fonts.push(name);
        (self.font_ids.len() - 1) as u16
    }

    fn add_rule(&mut self, r: Rect) {
        let (w, h) = (r.width() as f32, r.height() as f32);
        let thin = 3.0;
        if (h <= thin && w >= 12.0) || (w <= thin && h >= 12.0) {
            self.page.rules.push(Rule {
                x0: r.x0 as f32,
                y0: r.y0 as f32,
                x1: r.x1 as f32,
                y1: r.y1 as f32,
            });
        }
    }
}

fn is_light(props: &DrawProps<'_>) -> bool {
    match &props.paint {
        hayro_interpret::Paint::Color(c) => {
            let [r, g, b, a] = c.to_rgba().to_rgba8();
            a > 0 && (r as u32 + g as u32 + b as u32) > 3 * 235
        }
        _ => false,
    }
}

impl<'a> Device<'a> for Collector {
    fn draw_path(&mut self, path: &BezPath, props: DrawProps<'a>, draw_mode: &DrawMode) {
        if !self.spend(Measure::PathSegments, path.elements().len() as u64) {
            return;
        }
        self.page.paths += 1;
        let t = props.transform;
        let p = t * path.clone();
        match draw_mode {
            DrawMode::Stroke(_) | DrawMode::FillAndStroke(..) => {
                // Each straight segment of a stroked path can be a rule.
                let mut last = Point::ZERO;
                let mut start = Point::ZERO;
                for el in p.elements() {
                    use hayro_interpret::kurbo::PathEl::*;
                    match *el {
                        MoveTo(q) => {
                            last = q;
                            start = q;
                        }
                        LineTo(q) => {
                            self.add_rule(Rect::from_points(last, q));
                            last = q;
                        }
                        ClosePath => {
                            self.add_rule(Rect::from_points(last, start));
                            last = start;
                        }
                        QuadTo(_, q) | CurveTo(_, _, q) => last = q,
                    }
                }
            }
            DrawMode::Fill(_) => {
                if !is_light(&props) {
                    self.add_rule(p.bounding_box());
                }
            }
            DrawMode::Invisible => {}
        }
    }

    fn push_clip_path(&mut self, clip: &ClipPath) {
        self.spend(Measure::PathSegments, clip.path.elements().len() as u64);
    }

    fn push_transparency_group(&mut self, _: f32, mask: Option<SoftMask<'a>>, _: BlendMode) {
        self.masks.push(mask.is_some());
    }

    fn draw_glyph_run(
        &mut self,
        run: &GlyphRun<'_, 'a>,
        props: DrawProps<'a>,
        draw_mode: &DrawMode,
    ) {
        let glyphs = run.glyphs();
        let Some(first) = glyphs.first() else { return };
        if !self.spend(Measure::Glyphs, glyphs.len() as u64) {
            return;
        }
        let name = match &**first {
            hayro_interpret::font::Glyph::Outline(o) => {
                o.font_data().and_then(|d| d.postscript_name)
            }
            hayro_interpret::font::Glyph::Type3(_) => Some("Type3".to_string()),
        };
        let font = self.font_index(name);
        let vertical = run.writing_mode() == WritingMode::Vertical;
        let stroke = matches!(draw_mode, DrawMode::Stroke(_));
        let invisible = matches!(draw_mode, DrawMode::Invisible);
        let light = is_light(&props);
        for g in glyphs {
            let Some(u) = g.as_unicode() else {
                self.page.unmapped += 1;
                continue;
            };
            let text = match u {
                BfString::Char(c) => c.to_string(),
                BfString::String(s) => s,
            };
            let t = props.transform * g.transform();
            let adv = match &**g {
                hayro_interpret::font::Glyph::Outline(o) => o.advance_width(),
                hayro_interpret::font::Glyph::Type3(t3) => t3.advance_width().map(|a| a * 1000.0),
            };
            // Em box in glyph space (1000 units per em): the advance (or a
            // full em for vertical text and unknown widths) by descender to ascender.
            let w = match adv {
                Some(a) if a > 1.0 && !vertical => a as f64,
                _ => 1000.0,
            };
            let o = t * Point::new(0.0, 0.0);
            let bx = t * Point::new(w, 0.0) - o;
            let up = t * Point::new(0.0, 1000.0) - o;
            let size = up.hypot() as f32;
            if !self.sane_size(size) {
                continue;
            }
            let corners = [
                t * Point::new(0.0, -120.0),
                t * Point::new(w, -120.0),
                t * Point::new(0.0, 880.0),
                t * Point::new(w, 880.0),
            ];
            let (mut x0, mut y0, mut x1, mut y1) = (f64::MAX, f64::MAX, f64::MIN, f64::MIN);
            for c in corners {
                x0 = x0.min(c.x);
                y0 = y0.min(c.y);
                x1 = x1.max(c.x);
                y1 = y1.max(c.y);
            }
            if ![x0, y0, x1, y1].iter().all(|v| self.sane_position(*v)) {
                continue;
            }
            // Baseline direction on the page (y grows downward).
            let dir = if bx.x.abs() >= bx.y.abs() {
                if bx.x >= 0.0 {
                    Dir::Up
                } else {
                    Dir::Flip
                }
            } else if bx.y < 0.0 {
                Dir::Ccw
            } else {
                Dir::Cw
            };
            self.page.glyphs.push(Glyph {
                text,
                bbox: newsconv_core::Rect::new(x0 as f32, y0 as f32, x1 as f32, y1 as f32),
                size,
                font,
                vertical,
                dir,
                stroke,
                invisible,
                light,
            });
        }
    }

    fn draw_image(&mut self, image: Image<'a, '_>, props: ImageDrawProps<'a>) {
        if !self.spend(Measure::Images, 1) {
            return;
        }
        let pixels = u64::from(image.width()) * u64::from(image.height());
        self.page.images = (self.page.images.0 + 1, self.page.images.1.max(pixels));
        // Its pixel grid, where the image is drawn, on the page.
        let (w, h) = (f64::from(image.width()), f64::from(image.height()));
        let b = (props.transform * Rect::new(0.0, 0.0, w, h).to_path(0.1)).bounding_box();
        if ![b.x0, b.y0, b.x1, b.y1]
            .iter()
            .all(|v| self.sane_position(*v))
        {
            return;
        }
        let head = super::images::header(&image);
        let raster = matches!(image, Image::Raster(_));
        let bytes = self
            .image_pixels
            .filter(|_| raster)
            .map(|max| super::images::bytes(&image, &head, max));
        let rect = newsconv_core::Rect::new(b.x0 as f32, b.y0 as f32, b.x1 as f32, b.y1 as f32);
        self.page.drawn.push(DrawnImage {
            rect,
            head,
            soft_mask: props.soft_mask.is_some() || self.masks.iter().any(|m| *m),
            bytes,
        });
    }

    fn pop_clip(&mut self) {}

    fn pop_transparency_group(&mut self) {
        self.masks.pop();
    }
}
