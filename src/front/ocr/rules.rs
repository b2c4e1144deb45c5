//! Page rules found in a scan. A page PDF draws its ruling lines as paths,
//! and the layout analysis leans on them: no line of type runs across a
//! column rule, and a box of four rules is an advertisement judged whole.
//! A scan has only pixels, so the rules are found there: runs of dark
//! pixels long against the page and thin against their length, merged
//! over the rows (or columns) they span. Everything is relative to the
//! page image: a rule is at least a twelfth of the page's shorter side
//! long and at most a three-hundredth of it thick, so a headline's stroke
//! (an em at most, and thick) and a dark panel or photo (thick) are not.

use super::super::pdf::extract::Rule;

/// A grey image: `w` × `h` pixels, one byte each, rows top to bottom.
pub struct Grey<'a> {
    /// Width in pixels.
    pub w: usize,
    /// Height in pixels.
    pub h: usize,
    /// The pixels.
    pub px: &'a [u8],
}

impl<'a> Grey<'a> {
    /// Read a binary PGM (P5, 8-bit), as [`super::render::grey`] writes it.
    pub fn from_pgm(pgm: &'a [u8]) -> Option<Grey<'a>> {
        let mut fields = Vec::new();
        let mut i = 0;
        while fields.len() < 4 {
            while i < pgm.len() && pgm[i].is_ascii_whitespace() {
                i += 1;
            }
            let start = i;
            while i < pgm.len() && !pgm[i].is_ascii_whitespace() {
                i += 1;
            }
            if start == i {
                return None;
            }
            fields.push(std::str::from_utf8(&pgm[start..i]).ok()?);
        }
        let (w, h): (usize, usize) = (fields[1].parse().ok()?, fields[2].parse().ok()?);
        let px = pgm.get(i + 1..i + 1 + w.checked_mul(h)?)?;
        (fields[0] == "P5" && fields[3] == "255").then_some(Grey { w, h, px })
    }

    /// Is the pixel at column `x`, row `y` ink?
    pub fn dark(&self, x: usize, y: usize) -> bool {
        self.px[y * self.w + x] < 128
    }
}

/// A rule being followed across rows: its extent along, first and last row.
#[derive(Debug, Clone, Copy)]
struct Open {
    a0: usize,
    a1: usize,
    first: usize,
    last: usize,
}

/// Dark runs at least `min_len` long in line `j` of `n_along` pixels, where
/// `dark(i, j)` reads pixel `i` along line `j`. Gaps of a pixel or two
/// (anti-aliasing, a worn scan) do not break a run.
fn runs(n_along: usize, j: usize, min_len: usize, dark: &impl Fn(usize, usize) -> bool) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut i = 0;
    while i < n_along {
        if !dark(i, j) {
            i += 1;
            continue;
        }
        let start = i;
        let mut end = i;
        let mut gap = 0;
        while i < n_along && gap <= 2 {
            if dark(i, j) {
                end = i;
                gap = 0;
            } else {
                gap += 1;
            }
            i += 1;
        }
        if end + 1 - start >= min_len {
            out.push((start, end + 1));
        }
    }
    out
}

/// Rules along one direction: `(along start, along end, first line, last
/// line)` in pixels, for lines `0..n_lines` of `n_along` pixels each.
fn scan(n_along: usize, n_lines: usize, min_len: usize, max_thick: usize, dark: impl Fn(usize, usize) -> bool) -> Vec<Open> {
    let mut open: Vec<Open> = Vec::new();
    let mut done = Vec::new();
    for j in 0..n_lines {
        let mut next = Vec::new();
        for (a0, a1) in runs(n_along, j, min_len, &dark) {
            // The same rule one line on covers nearly the same extent.
            let k = open.iter().position(|o| {
                let over = o.a1.min(a1).saturating_sub(o.a0.max(a0));
                over * 10 >= (o.a1 - o.a0).min(a1 - a0) * 9
            });
            match k {
                Some(k) => {
                    let o = open.swap_remove(k);
                    next.push(Open { a0: o.a0.min(a0), a1: o.a1.max(a1), last: j, ..o });
                }
                None => next.push(Open { a0, a1, first: j, last: j }),
            }
        }
        done.append(&mut open);
        open = next;
    }
    done.append(&mut open);
    done.retain(|o| o.last + 1 - o.first <= max_thick);
    done
}

/// The rules of a page image rendered at `dpi`, in page points (origin
/// top left), horizontal ones first.
pub fn find(img: &Grey<'_>, dpi: u32) -> Vec<Rule> {
    let side = img.w.min(img.h);
    let min_len = (side / 12).max(8);
    let max_thick = (side / 300).max(2);
    let pt = 72.0 / dpi.max(1) as f32;
    let mut out = Vec::new();
    for o in scan(img.w, img.h, min_len, max_thick, |x, y| img.dark(x, y)) {
        out.push(Rule { x0: o.a0 as f32 * pt, y0: o.first as f32 * pt, x1: o.a1 as f32 * pt, y1: (o.last + 1) as f32 * pt });
    }
    for o in scan(img.h, img.w, min_len, max_thick, |y, x| img.dark(x, y)) {
        out.push(Rule { x0: o.first as f32 * pt, y0: o.a0 as f32 * pt, x1: (o.last + 1) as f32 * pt, y1: o.a1 as f32 * pt });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A white `w`×`h` PGM with the given boxes (x0, y0, x1, y1) inked.
    fn pgm(w: usize, h: usize, boxes: &[(usize, usize, usize, usize)]) -> Vec<u8> {
        let mut px = vec![255u8; w * h];
        for &(x0, y0, x1, y1) in boxes {
            for y in y0..y1 {
                for x in x0..x1 {
                    px[y * w + x] = 0;
                }
            }
        }
        let mut out = format!("P5\n{w} {h}\n255\n").into_bytes();
        out.extend(px);
        out
    }

    #[test]
    fn thin_long_lines_are_rules_and_panels_and_strokes_are_not() {
        // 720 × 720 px at 72 dpi: pixels are points. Shorter side 720: a
        // rule is at least 60 long and at most 2 thick.
        let img = pgm(
            720,
            720,
            &[
                (10, 100, 700, 102),  // horizontal rule
                (360, 150, 361, 600), // column rule
                (50, 300, 90, 302),   // a short stroke (a dash in a headline)
                (400, 400, 700, 500), // a dark panel
                (20, 650, 300, 660),  // a thick bar
            ],
        );
        let g = Grey::from_pgm(&img).unwrap();
        let rules = find(&g, 72);
        let got: Vec<(f32, f32, f32, f32)> = rules.iter().map(|r| (r.x0, r.y0, r.x1, r.y1)).collect();
        assert_eq!(got, vec![(10.0, 100.0, 700.0, 102.0), (360.0, 150.0, 361.0, 600.0)]);
        assert!(rules[0].horizontal() && !rules[1].horizontal());
    }

    #[test]
    fn a_gap_of_a_pixel_does_not_break_a_rule_but_a_wide_one_does() {
        let img = pgm(720, 720, &[(10, 100, 300, 101), (302, 100, 600, 101), (10, 200, 60, 201), (100, 200, 150, 201)]);
        let rules = find(&Grey::from_pgm(&img).unwrap(), 72);
        assert_eq!(rules.len(), 1, "{rules:?}");
        assert_eq!((rules[0].x0, rules[0].x1), (10.0, 600.0));
    }

    #[test]
    fn a_short_or_broken_pgm_is_refused() {
        assert!(Grey::from_pgm(b"P5\n10 10\n255\n").is_none());
        assert!(Grey::from_pgm(b"P6\n1 1\n255\nabc").is_none());
    }
}

/// Bullets: a solid square (`■`) is read by the engine as a character it
/// knows (国, 口), which costs a byline its marker. Where a recognised
/// glyph's ink, inside its box, is a square filled nearly solid (no
/// character's strokes fill nine tenths of their box), it is a bullet.
pub fn mark_bullets(img: &Grey<'_>, dpi: u32, glyphs: &mut [super::super::pdf::extract::Glyph]) {
    let px = dpi as f32 / 72.0;
    for g in glyphs.iter_mut().filter(|g| g.text.chars().count() == 1) {
        let clamp = |v: f32, n: usize| ((v * px).max(0.0) as usize).min(n);
        let (x0, x1) = (clamp(g.bbox.x0, img.w), clamp(g.bbox.x1, img.w));
        let (y0, y1) = (clamp(g.bbox.y0, img.h), clamp(g.bbox.y1, img.h));
        if let Some(true) = solid_square(img, (x0, y0, x1, y1)) {
            g.text = "■".into();
        }
    }
}

/// Is the ink through the middle of `(x0, y0, x1, y1)` one solid square at
/// least half the box high? The square is the dark run through the middle
/// row by the dark run through the middle column (the box is an even share
/// of its OCR line and may take in a neighbour's strokes). `None` when the
/// middle is not ink.
fn solid_square(img: &Grey<'_>, (x0, y0, x1, y1): (usize, usize, usize, usize)) -> Option<bool> {
    if x1 <= x0 + 4 || y1 <= y0 + 4 {
        return None;
    }
    let (cx, cy) = ((x0 + x1) / 2, (y0 + y1) / 2);
    if !img.dark(cx, cy) {
        return None;
    }
    let (mut ix0, mut ix1, mut iy0, mut iy1) = (cx, cx + 1, cy, cy + 1);
    while ix0 > x0 && img.dark(ix0 - 1, cy) {
        ix0 -= 1;
    }
    while ix1 < x1 && img.dark(ix1, cy) {
        ix1 += 1;
    }
    while iy0 > y0 && img.dark(cx, iy0 - 1) {
        iy0 -= 1;
    }
    while iy1 < y1 && img.dark(cx, iy1) {
        iy1 += 1;
    }
    let (w, h) = (ix1 - ix0, iy1 - iy0);
    let ink = (iy0..iy1).flat_map(|y| (ix0..ix1).map(move |x| (x, y))).filter(|&(x, y)| img.dark(x, y)).count();
    let square = w * 10 >= h * 7 && h * 10 >= w * 7 && h * 2 >= y1 - y0 && h >= 4;
    // A bullet stands clear: the ring two pixels outside it is white, where
    // a bold character's strokes run on out of any solid patch of it.
    let (rx0, ry0) = (ix0.saturating_sub(2), iy0.saturating_sub(2));
    let (rx1, ry1) = ((ix1 + 2).min(img.w), (iy1 + 2).min(img.h));
    let ring: Vec<(usize, usize)> = (rx0..rx1).flat_map(|x| [(x, ry0), (x, ry1 - 1)]).chain((ry0..ry1).flat_map(|y| [(rx0, y), (rx1 - 1, y)])).collect();
    let clear = ring.iter().filter(|&&(x, y)| !img.dark(x, y)).count() * 10 >= ring.len() * 9;
    Some(square && clear && ink * 10 >= w * h * 9)
}

#[cfg(test)]
mod bullet_tests {
    use super::*;
    use crate::front::pdf::extract::Glyph;

    #[test]
    fn a_solid_square_is_a_bullet_and_a_framed_character_is_not() {
        // Two 20-pt boxes at 72 dpi: a filled square, and a frame (国's outline).
        let (w, h) = (60, 30);
        let mut px = vec![255u8; w * h];
        for y in 5..21 {
            for x in 2..18 {
                px[y * w + x] = 0;
            }
            for x in 32..48 {
                if y < 7 || y > 18 || x < 34 || x > 45 {
                    px[y * w + x] = 0;
                }
            }
        }
        let img = Grey { w, h, px: &px };
        let glyph = |x0: f32, t: &str| Glyph { text: t.into(), bbox: newsconv_core::Rect { x0, y0: 3.0, x1: x0 + 20.0, y1: 23.0 }, size: 20.0, font: 0, vertical: false, dir: crate::front::pdf::extract::Dir::Up, stroke: false, invisible: false, light: false };
        let mut gs = vec![glyph(0.0, "国"), glyph(30.0, "国")];
        mark_bullets(&img, 72, &mut gs);
        assert_eq!(gs[0].text, "■");
        assert_eq!(gs[1].text, "国");
    }
}
