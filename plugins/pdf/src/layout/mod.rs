//! Page composition: running header, section banners, article heads across
//! the measure, bodies in two balanced columns, page numbers.
//!
//! In pipeline order: [`issue`] sets the issue page by page and story by
//! story ([`newsconv_core::Issue::stories`]: a story that jumps pages is
//! read whole where it starts); [`article`] turns a story into head lines
//! across the measure and body lines for the columns; [`compose`] shapes
//! text into glyphs and lines and draws the page furniture; [`columns`]
//! arranges body lines in bands of two balanced columns that a reader (and
//! a text extractor) reads in order. This file holds what they share: the
//! geometry, the drawing the PDF writer receives, and the composer's state.

mod article;
mod columns;
mod compose;
mod issue;
mod photos;

use crate::fonts::Face;
use crate::linebreak::G;
use newsconv_core::Diagnostic;
use std::collections::BTreeSet;

/// Paper and type sizes.
#[derive(Debug, Clone, Copy)]
pub struct Geometry {
    /// Page width (pt).
    pub w: f32,
    /// Page height (pt).
    pub h: f32,
    /// Left margin (pt).
    pub left: f32,
    /// Column width (pt).
    pub col: f32,
    /// Gap between the columns (pt).
    pub gap: f32,
    /// Top of the text area (pt from the top).
    pub top: f32,
    /// Bottom of the text area (pt from the top).
    pub bottom: f32,
    /// Body size (pt).
    pub size: f32,
    /// Body line pitch (pt).
    pub lead: f32,
}

impl Geometry {
    /// Geometry for a paper name (`a4`, `a3`, `letter`).
    pub fn for_paper(name: &str) -> Option<Geometry> {
        let (w, h, size): (f32, f32, f32) = match name.to_ascii_lowercase().as_str() {
            "a4" => (595.28, 841.89, 10.0),
            "a3" => (841.89, 1190.55, 10.5),
            "letter" => (612.0, 792.0, 10.0),
            _ => return None,
        };
        let gap = 1.5 * size;
        let chars = ((w - 2.0 * 44.0 - gap) / 2.0 / size).floor();
        let col = chars * size;
        let left = (w - 2.0 * col - gap) / 2.0;
        Some(Geometry {
            w,
            h,
            left,
            col,
            gap,
            top: 66.0,
            bottom: h - 54.0,
            size,
            lead: (size * 1.45 * 2.0).round() / 2.0,
        })
    }
    /// Width of the full measure.
    pub fn measure(&self) -> f32 {
        2.0 * self.col + self.gap
    }
}

/// Something drawn on a page. Coordinates are from the top-left corner.
#[derive(Debug, Clone)]
pub enum Draw {
    /// A line of text: glyphs from `x` on `baseline`, with extra spacing
    /// `tc` after every glyph and `sp` after every space.
    Text {
        x: f32,
        baseline: f32,
        glyphs: Vec<G>,
        tc: f32,
        sp: f32,
    },
    /// A straight rule.
    Rule {
        x1: f32,
        y1: f32,
        x2: f32,
        y2: f32,
        width: f32,
    },
    /// A photo: its box (top-left corner, width, height) and its index in
    /// [`Composer::photos`].
    Image {
        x: f32,
        y: f32,
        w: f32,
        h: f32,
        index: usize,
    },
}

/// One output page.
#[derive(Debug, Default)]
pub struct OutPage {
    /// What is drawn.
    pub draws: Vec<Draw>,
}

/// An outline entry: title, page index, y from the top, children.
#[derive(Debug, Clone)]
pub struct Mark {
    /// Shown title.
    pub title: String,
    /// Output page index.
    pub page: usize,
    /// Position from the top of the page.
    pub y: f32,
    /// Nested entries.
    pub kids: Vec<Mark>,
}

/// Text styles.
#[derive(Debug, Clone, Copy, PartialEq)]
enum Role {
    Body,
    Head,
}

/// A line in a body column.
#[derive(Debug, Clone)]
struct ColLine {
    glyphs: Vec<G>,
    indent: f32,
    natural: f32,
    justify: bool,
    center: bool,
    para_first: bool,
    para_last: bool,
    keep_with_next: bool,
    spacer: bool,
    /// A spacer with a rule across the column (between stories run on in
    /// one flow, see [`Composer::issue`]).
    rule: bool,
}

impl ColLine {
    /// A text line, line `i` of `n` of its paragraph; not justified,
    /// centred or kept with what follows unless the caller says so.
    fn text(glyphs: Vec<G>, indent: f32, natural: f32, i: usize, n: usize) -> ColLine {
        ColLine {
            glyphs,
            indent,
            natural,
            justify: false,
            center: false,
            para_first: i == 0,
            para_last: i + 1 == n,
            keep_with_next: false,
            spacer: false,
            rule: false,
        }
    }

    /// An empty row.
    fn spacer() -> ColLine {
        ColLine {
            spacer: true,
            ..ColLine::text(Vec::new(), 0.0, 0.0, 0, 1)
        }
    }

    /// A spacer with a rule across the column.
    fn rule() -> ColLine {
        ColLine {
            rule: true,
            ..ColLine::spacer()
        }
    }
}

/// A display line across the measure: glyphs, x from the left margin, height.
type DisplayLine = (Vec<G>, f32, f32);

/// The composer.
pub struct Composer<'a> {
    g: Geometry,
    faces: &'a [&'a Face],
    /// Role (0 body, 1 headline) of each fallback face after the first two.
    pub fallback_roles: Vec<u8>,
    /// Glyphs used per face.
    pub used: Vec<BTreeSet<u16>>,
    /// Output pages.
    pub pages: Vec<OutPage>,
    /// Outline.
    pub marks: Vec<Mark>,
    /// Warnings.
    pub warnings: Vec<Diagnostic>,
    y: f32,
    header_left: String,
    header_right: String,
    missing_seen: BTreeSet<(char, String)>,
    context: String,
    /// Ids of the photos placed, in order (what [`Draw::Image`] indexes).
    pub photos: Vec<String>,
    /// Captions of the current story shown under its photos.
    shown_captions: Vec<usize>,
}
