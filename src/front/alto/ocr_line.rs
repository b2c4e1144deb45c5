//! The glyphs of one line of OCR output. An OCR engine boxes each word's
//! ink tightly, and its line boxes follow the ink too, so neither says the
//! type size the way a PDF does; the layout analysis ranks lines by type
//! size, so a line's size is estimated from what is steadiest on a page of
//! Chinese: the pitch of its full-width characters (one em each in set
//! text), bounded by the line's height. Each character then gets the em
//! box a PDF glyph would have, centred on its share of the word.

use crate::front::pdf::extract::{Dir, Glyph};
use crate::parse::inline::is_wide;
use newsconv_core::Rect;

/// The type size of a line: the median pitch of its words of full-width
/// characters, kept within 0.7–1.4 × the line's height; the line's height
/// when it has none.
pub(super) fn size(line: &Rect, words: &[(String, Rect)]) -> f32 {
    let h = line.height().max(0.1);
    let mut pitches: Vec<f32> = words
        .iter()
        .filter(|(t, r)| r.width() > 0.0 && t.chars().count() >= 2 && t.chars().all(is_wide))
        .map(|(t, r)| r.width() / t.chars().count() as f32)
        .filter(|p| p.is_finite())
        .collect();
    if pitches.is_empty() {
        return h;
    }
    pitches.sort_by(f32::total_cmp);
    pitches[pitches.len() / 2].clamp(0.7 * h, 1.4 * h)
}

/// The glyphs of a line: each character an em box of the line's size,
/// centred on its share of its word and on the line's middle.
pub(super) fn glyphs(line: &Rect, words: &[(String, Rect)]) -> Vec<Glyph> {
    let size = size(line, words);
    let cy = (line.y0 + line.y1) * 0.5;
    let mut out = Vec::new();
    for (text, r) in words {
        let n = text.chars().count().max(1) as f32;
        let w = r.width() / n;
        for (k, c) in text.chars().enumerate() {
            let cx = r.x0 + w * (k as f32 + 0.5);
            let half = if is_wide(c) { size.max(w) * 0.5 } else { w * 0.5 };
            let bbox = Rect::new(cx - half, cy - size * 0.5, cx + half, cy + size * 0.5);
            out.push(Glyph { text: c.to_string(), bbox, size, font: 0, vertical: false, dir: Dir::Up, stroke: false, invisible: false, light: false });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn size_is_the_pitch_of_wide_characters() {
        let line = Rect::new(0.0, 0.0, 100.0, 12.0);
        // Four words of 10-point Han characters; the line's ink is 12 high.
        let words: Vec<(String, Rect)> = (0..4).map(|k| ("新时代".to_string(), Rect::new(k as f32 * 30.0, 1.0, k as f32 * 30.0 + 29.0, 11.0))).collect();
        let s = size(&line, &words);
        assert!((s - 29.0 / 3.0).abs() < 0.01, "{s}");
        // No wide words: the line's height.
        assert_eq!(size(&line, &[("2018".into(), Rect::new(0.0, 0.0, 20.0, 12.0))]), 12.0);
        let g = glyphs(&line, &words);
        assert_eq!(g.len(), 12);
        assert!(g.iter().all(|g| (g.size - s).abs() < 1e-4 && (g.bbox.height() - s).abs() < 1e-3));
    }
}
