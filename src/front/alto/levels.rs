//! The running text's type size on an OCR page, one level for all its
//! lines. A line's size is estimated from the pitch of its characters
//! ([`super::ocr_line`]), which Tesseract's word boxes make noisy: lines of
//! one column of body text come out anywhere from 0.85 to 1.25 times the
//! type, and the layout, which stacks only lines of one size into a block,
//! breaks the column into interleaved blocks. The ink height of a line of
//! Chinese is much steadier (a few pixels over a page), so the lines whose
//! ink is as high as the page's running text are set to one size: the
//! median of their estimates.

use crate::front::pdf::extract::Glyph;

/// One OCR line as read: its glyphs (a range of the page's), its ink
/// height, the size estimated for it, and its count of full-width
/// characters.
#[derive(Debug, Clone, Copy)]
pub(super) struct LineInfo {
    /// First glyph.
    pub start: usize,
    /// One past the last glyph.
    pub end: usize,
    /// The line box's height.
    pub ink: f32,
    /// The size given to its glyphs.
    pub size: f32,
    /// The pitch of its full-width characters (0 when unknown).
    pub pitch: f32,
    /// Full-width characters in it.
    pub wide: usize,
}

/// Lines of fewer full-width characters say little of the type.
const MIN_WIDE: usize = 4;
/// Ink heights within this share of each other count as one.
const SAME_INK: f32 = 0.04;
/// A line is running text when its ink is this many times the running
/// text's: marks standing above the Han (quotes) raise a line's ink by up
/// to a fifth.
const BODY_INK: (f32, f32) = (0.9, 1.2);
/// ... and its size estimate is within this many times the level's.
const BODY_SIZE: (f32, f32) = (0.75, 1.35);
/// A line of this many full-width characters set at the running text's
/// pitch (within [`BODY_PITCH`]) is running text whatever its ink: a line
/// of text is boxed with a mark or a stroke of the line above it, and it
/// is not display type, which sets fewer characters wider apart.
const LONG: usize = 8;
/// See [`LONG`].
const BODY_PITCH: (f32, f32) = (0.88, 1.15);

/// The ink height carrying the most full-width characters, each line
/// counting for those within [`SAME_INK`] of its own (sorted, two
/// pointers: n log n).
fn body_ink(lines: &[LineInfo]) -> Option<f32> {
    let mut v: Vec<(f32, usize)> = lines
        .iter()
        .filter(|l| l.wide >= MIN_WIDE && l.ink > 0.0)
        .map(|l| (l.ink, l.wide))
        .collect();
    v.sort_by(|a, b| a.0.total_cmp(&b.0));
    let (mut lo, mut hi, mut sum) = (0usize, 0usize, 0usize);
    let mut best: Option<(usize, f32)> = None;
    for k in 0..v.len() {
        let h = v[k].0;
        while hi < v.len() && v[hi].0 <= h * (1.0 + SAME_INK) {
            sum += v[hi].1;
            hi += 1;
        }
        while v[lo].0 < h * (1.0 - SAME_INK) {
            sum -= v[lo].1;
            lo += 1;
        }
        if best.is_none_or(|(s, _)| sum > s) {
            best = Some((sum, h));
        }
    }
    best.map(|b| b.1)
}

/// Set the glyphs of every line of running text to the running text's
/// size (see the module doc); other lines keep their own.
pub(super) fn snap_body(glyphs: &mut [Glyph], lines: &[LineInfo]) {
    let Some(ink) = body_ink(lines) else { return };
    let inked =
        |l: &LineInfo| l.wide >= 2 && l.ink >= ink * BODY_INK.0 && l.ink <= ink * BODY_INK.1;
    let mut sizes: Vec<f32> = lines
        .iter()
        .filter(|l| inked(l) && l.wide >= MIN_WIDE && (l.ink - ink).abs() <= ink * SAME_INK)
        .map(|l| l.size)
        .collect();
    if sizes.is_empty() {
        return;
    }
    sizes.sort_by(f32::total_cmp);
    let level = sizes[sizes.len() / 2];
    let mut pitches: Vec<f32> = lines
        .iter()
        .filter(|l| l.wide >= LONG && l.pitch > 0.0 && (l.ink - ink).abs() <= ink * SAME_INK)
        .map(|l| l.pitch)
        .collect();
    pitches.sort_by(f32::total_cmp);
    let body_pitch = pitches.get(pitches.len() / 2).copied();
    let pitched = |l: &LineInfo| {
        l.wide >= LONG
            && body_pitch
                .is_some_and(|p| l.pitch >= p * BODY_PITCH.0 && l.pitch <= p * BODY_PITCH.1)
    };
    for l in lines.iter().filter(|l| inked(l) || pitched(l)) {
        if !pitched(l) && (l.size < level * BODY_SIZE.0 || l.size > level * BODY_SIZE.1) {
            continue;
        }
        for g in glyphs.get_mut(l.start..l.end).unwrap_or_default() {
            resize(g, level);
        }
    }
}

/// A glyph's em box set to `size` about its centre (a half-width
/// character keeps its width).
fn resize(g: &mut Glyph, size: f32) {
    let (cx, cy) = (g.cx(), (g.bbox.y0 + g.bbox.y1) * 0.5);
    let half_w = if crate::parse::inline::is_wide(g.text.chars().next().unwrap_or(' ')) {
        size * 0.5
    } else {
        g.bbox.width() * 0.5
    };
    g.bbox = newsconv_core::Rect::new(cx - half_w, cy - size * 0.5, cx + half_w, cy + size * 0.5);
    g.size = size;
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsconv_core::Rect;

    fn glyph(size: f32) -> Glyph {
        Glyph::plain("字", Rect::new(0.0, 0.0, size, size), size)
    }

    #[test]
    fn lines_of_running_text_share_one_size_and_display_lines_keep_theirs() {
        // Ten body lines of steady ink (8) whose estimates wander 7–10, a
        // line with a quote mark standing higher (9.2), and a section head
        // (ink 12, size 13).
        let est = [7.2, 8.4, 10.3, 8.4, 8.3, 9.9, 8.4, 8.5, 7.8, 8.4, 8.6, 13.0];
        let ink = [8.0, 8.0, 8.1, 7.9, 8.0, 8.0, 8.0, 8.1, 8.0, 8.0, 9.2, 12.0];
        let mut glyphs: Vec<Glyph> = est.iter().map(|&s| glyph(s)).collect();
        let lines: Vec<LineInfo> = (0..est.len())
            .map(|k| LineInfo {
                start: k,
                end: k + 1,
                ink: ink[k],
                size: est[k],
                pitch: 0.0,
                wide: 16,
            })
            .collect();
        snap_body(&mut glyphs, &lines);
        let got: Vec<f32> = glyphs.iter().map(|g| g.size).collect();
        assert!(got[..11].iter().all(|&s| s == 8.4), "{got:?}");
        assert_eq!(got[11], 13.0);
        assert!((glyphs[0].bbox.height() - 8.4).abs() < 1e-4);
    }

    #[test]
    fn a_long_line_at_the_body_pitch_is_running_text_whatever_its_ink() {
        // Body lines: ink 8, pitch 9, size 8.5. A line of 16 characters at
        // that pitch boxed 12 high (a stroke of the line above) is body; a
        // head of 8 characters as high and wider spaced is not.
        let mut lines: Vec<LineInfo> = (0..6)
            .map(|k| LineInfo {
                start: k,
                end: k + 1,
                ink: 8.0,
                size: 8.5,
                pitch: 9.0,
                wide: 16,
            })
            .collect();
        lines.push(LineInfo {
            start: 6,
            end: 7,
            ink: 12.0,
            size: 12.5,
            pitch: 9.3,
            wide: 16,
        });
        lines.push(LineInfo {
            start: 7,
            end: 8,
            ink: 12.0,
            size: 13.0,
            pitch: 13.5,
            wide: 8,
        });
        let mut glyphs: Vec<Glyph> = lines.iter().map(|l| glyph(l.size)).collect();
        snap_body(&mut glyphs, &lines);
        assert_eq!(glyphs[6].size, 8.5);
        assert_eq!(glyphs[7].size, 13.0);
    }

    #[test]
    fn a_page_without_lines_of_text_is_left_alone() {
        let mut glyphs = vec![glyph(9.0)];
        snap_body(
            &mut glyphs,
            &[LineInfo {
                start: 0,
                end: 1,
                ink: 9.0,
                size: 9.0,
                pitch: 9.0,
                wide: 1,
            }],
        );
        assert_eq!(glyphs[0].size, 9.0);
        snap_body(
            &mut glyphs,
            &[LineInfo {
                start: 0,
                end: 5,
                ink: 9.0,
                size: 9.0,
                pitch: 9.0,
                wide: 9,
            }],
        );
    }
}
