//! Duplicate removal: glyphs drawn twice at (nearly) the same place, by
//! fake bold (a stroke pass and a fill pass) and shadows.
//!
//! Two glyphs are one when they carry the same text, their centres are
//! within a tenth of the size across and a fifth down, and their sizes
//! differ by at most a quarter. The search is bounded whatever the sizes
//! say: glyphs are filed by size class (steps of a quarter), each class in
//! a grid whose cell is that class's largest tolerance, so a glyph looks at
//! four classes of 5 × 5 cells. (The grid used to be one for all sizes,
//! searched as far as the glyph's own tolerance reached: a glyph claiming a
//! size of 10^30 points kept the converter busy for hours.)

use super::super::extract::Glyph;
use foldhash::HashMap;

/// Size classes grow by this factor.
const STEP: f32 = 1.25;

/// The size class of a size (non-finite and non-positive sizes share one).
fn class(size: f32) -> i32 {
    if size.is_finite() && size > 0.0 {
        (size.ln() / STEP.ln()).floor().clamp(-200.0, 200.0) as i32
    } else {
        i32::MIN
    }
}

/// The grid cell of a class: the largest tolerance (a fifth of the size)
/// of any glyph in it.
fn cell(class: i32) -> f32 {
    if class == i32::MIN {
        1.0
    } else {
        (STEP.powi(class + 1) * 0.2).max(1e-6)
    }
}

/// A glyph's cell in the grid of `class`; far-off positions saturate.
fn key(class: i32, x: f32, y: f32) -> (i32, i32, i32) {
    let c = cell(class);
    (class, (x / c).floor() as i32, (y / c).floor() as i32)
}

/// Is `o` the same glyph as `g`, drawn again?
fn same(o: &Glyph, g: &Glyph) -> bool {
    o.text == g.text
        && (o.cx() - g.cx()).abs() <= g.size * 0.1
        && (o.cy() - g.cy()).abs() <= g.size * 0.2
        && (o.size - g.size).abs() <= g.size * 0.25
}

/// Drop glyphs drawn twice at (nearly) the same place. Keeps the first
/// drawn of each.
pub fn dedup(glyphs: &[Glyph]) -> Vec<Glyph> {
    let mut grid: HashMap<(i32, i32, i32), Vec<usize>> = HashMap::default();
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let (cx, cy) = (g.cx(), g.cy());
        let own = class(g.size);
        // A match is at most a quarter smaller or larger: two classes
        // down, one up; within two cells of the nearer classes' grids.
        // Across, the tolerance is half that down: under 0.8 of a cell
        // even two classes down, so one cell either side is enough.
        let (classes, reach_x): (&[i32], i32) = if own == i32::MIN {
            (&[i32::MIN], 2)
        } else {
            (&[own - 2, own - 1, own, own + 1], 1)
        };
        let dup = classes.iter().any(|&c| {
            let (_, kx, ky) = key(c, cx, cy);
            (-reach_x..=reach_x).any(|dx: i32| {
                (-2..=2).any(|dy: i32| {
                    grid.get(&(c, kx.saturating_add(dx), ky.saturating_add(dy)))
                        .is_some_and(|v| v.iter().any(|&k| same(&out[k], g)))
                })
            })
        });
        if !dup {
            grid.entry(key(own, cx, cy)).or_default().push(out.len());
            out.push(g.clone());
        }
    }
    out
}
