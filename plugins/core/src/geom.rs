//! One rectangle type for every box on a page (lines, blocks, rules,
//! images), so front ends, passes and exporters agree on what a box is.

use serde::{Deserialize, Serialize};

/// An axis-aligned box in PDF points, y growing down from the page's top
/// left (the PDF front end flips PDF's y axis once, where glyphs enter).
#[derive(Debug, Clone, Copy, PartialEq, Serialize, Deserialize, Default)]
pub struct Rect {
    /// Left edge.
    pub x0: f32,
    /// Top edge.
    pub y0: f32,
    /// Right edge.
    pub x1: f32,
    /// Bottom edge.
    pub y1: f32,
}

impl Rect {
    /// A box from its edges.
    pub const fn new(x0: f32, y0: f32, x1: f32, y1: f32) -> Self {
        Rect { x0, y0, x1, y1 }
    }
    /// Width (never negative).
    pub fn width(&self) -> f32 {
        (self.x1 - self.x0).max(0.0)
    }
    /// Height (never negative).
    pub fn height(&self) -> f32 {
        (self.y1 - self.y0).max(0.0)
    }
    /// The smallest box holding both.
    pub fn union(&self, o: &Rect) -> Rect {
        Rect {
            x0: self.x0.min(o.x0),
            y0: self.y0.min(o.y0),
            x1: self.x1.max(o.x1),
            y1: self.y1.max(o.y1),
        }
    }
    /// Grow this box to hold `o`.
    pub fn include(&mut self, o: &Rect) {
        *self = self.union(o);
    }
    /// Overlap of the horizontal extents (0 when apart).
    pub fn x_overlap(&self, o: &Rect) -> f32 {
        (self.x1.min(o.x1) - self.x0.max(o.x0)).max(0.0)
    }
    /// Overlap of the vertical extents (0 when apart).
    pub fn y_overlap(&self, o: &Rect) -> f32 {
        (self.y1.min(o.y1) - self.y0.max(o.y0)).max(0.0)
    }
    /// True when the point lies inside or on the edge.
    pub fn contains(&self, x: f32, y: f32) -> bool {
        x >= self.x0 && x <= self.x1 && y >= self.y0 && y <= self.y1
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn union_and_overlaps() {
        let a = Rect::new(0.0, 0.0, 10.0, 5.0);
        let b = Rect::new(8.0, 4.0, 20.0, 9.0);
        assert_eq!(a.union(&b), Rect::new(0.0, 0.0, 20.0, 9.0));
        assert_eq!(a.x_overlap(&b), 2.0);
        assert_eq!(a.y_overlap(&b), 1.0);
        assert_eq!(a.x_overlap(&Rect::new(30.0, 0.0, 40.0, 1.0)), 0.0);
        assert!(a.contains(10.0, 5.0) && !a.contains(10.1, 5.0));
        assert_eq!(Rect::new(5.0, 5.0, 1.0, 1.0).width(), 0.0);
    }
}
