//! Frames: the boxes a page draws with four rules. Papers box what is not
//! a story of the running columns (an advertisement, a notice, a panel of
//! figures, a boxed lead), so a frame tells the passes which pieces of
//! text belong together whatever they say. Only closed boxes count: a lone
//! rule under a headline or between columns encloses nothing.

use super::extract::Rule;
use newsconv_core::Rect;
use std::collections::HashMap;

/// Edges closer than this share a grid cell (points): the four rules of a
/// box are drawn from one rectangle or from strokes that meet within a
/// hair's breadth.
const SNAP: f32 = 2.0;

/// A frame is at least this long on each side (points): smaller boxes are
/// check boxes, bullets and table cells.
const MIN_SIDE: f32 = 36.0;

/// The closed boxes among the page's rules: two horizontal rules of the
/// same extent, one above the other, whose ends are joined by vertical
/// rules. Each horizontal rule pairs only with the next one of its extent
/// below it, so the work stays near-linear in the rules however many a
/// page holds.
pub fn frames(rules: &[Rule]) -> Vec<Rect> {
    let cell = |v: f32| (v / SNAP).round() as i64;
    let mut rows: HashMap<(i64, i64), Vec<&Rule>> = HashMap::new();
    let mut cols: HashMap<i64, Vec<&Rule>> = HashMap::new();
    for r in rules
        .iter()
        .filter(|r| r.x0.is_finite() && r.y0.is_finite() && r.x1.is_finite() && r.y1.is_finite())
    {
        if r.horizontal() {
            if r.x1 - r.x0 >= MIN_SIDE {
                rows.entry((cell(r.x0), cell(r.x1))).or_default().push(r);
            }
        } else if r.y1 - r.y0 >= MIN_SIDE {
            cols.entry(cell((r.x0 + r.x1) * 0.5)).or_default().push(r);
        }
    }
    // Each cell's vertical rules by top edge, with the lowest bottom edge
    // reached so far: whether a rule spans y0..y1 is one halving search,
    // however many rules a hostile page stacks in one place.
    let reach: HashMap<i64, Vec<(f32, f32)>> = cols
        .into_iter()
        .map(|(k, mut v)| {
            v.sort_by(|a, b| a.y0.total_cmp(&b.y0));
            let mut low = f32::MIN;
            (k, v.iter().map(|r| { low = low.max(r.y1); (r.y0, low) }).collect())
        })
        .collect();
    // A vertical rule at x spanning y0..y1 (any rule in the neighbouring cells).
    let side = |x: f32, y0: f32, y1: f32| {
        let c = cell(x);
        (c - 1..=c + 1).any(|k| {
            reach.get(&k).is_some_and(|v| {
                let n = v.partition_point(|e| e.0 <= y0 + SNAP);
                n > 0 && v[n - 1].1 >= y1 - SNAP
            })
        })
    };
    let mut keys: Vec<&(i64, i64)> = rows.keys().collect();
    keys.sort();
    let mut out = Vec::new();
    for key in keys {
        let mut row = rows[key].clone();
        row.sort_by(|a, b| a.y0.total_cmp(&b.y0));
        for pair in row.windows(2) {
            let (top, bottom) = (pair[0], pair[1]);
            let (x0, x1) = (top.x0.min(bottom.x0), top.x1.max(bottom.x1));
            let (y0, y1) = (top.y0.min(top.y1), bottom.y0.max(bottom.y1));
            if y1 - y0 >= MIN_SIDE && side(x0, y0, y1) && side(x1, y0, y1) {
                out.push(Rect::new(x0, y0, x1, y1));
            }
        }
    }
    out.sort_by(|a, b| {
        (a.y0, a.x0, a.y1, a.x1)
            .partial_cmp(&(b.y0, b.x0, b.y1, b.x1))
            .unwrap_or(std::cmp::Ordering::Equal)
    });
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn r(x0: f32, y0: f32, x1: f32, y1: f32) -> Rule {
        Rule { x0, y0, x1, y1 }
    }

    #[test]
    fn four_rules_make_a_frame_and_loose_rules_do_not() {
        let rules = [
            // A box drawn as four strokes, its corners a point apart.
            r(340.6, 542.2, 680.8, 542.2),
            r(340.6, 1024.1, 680.8, 1024.1),
            r(340.6, 542.2, 340.6, 1024.1),
            r(681.5, 543.0, 681.5, 1023.5),
            // A rule under a headline and one between columns.
            r(2.5, 164.7, 150.6, 164.7),
            r(160.0, 170.0, 160.0, 700.0),
        ];
        assert_eq!(frames(&rules), vec![Rect::new(340.6, 542.2, 680.8, 1024.1)]);
    }

    #[test]
    fn many_stacked_rules_cost_a_search_each() {
        // 40000 boxes' worth of rules in one place: finishes at once.
        let mut rules = Vec::new();
        for k in 0..20000 {
            let y = k as f32 * 40.0;
            rules.push(r(0.0, y, 300.0, y));
            rules.push(r(0.0, y, 0.0, y + 40.0));
            rules.push(r(300.0, y, 300.0, y + 40.0));
        }
        let t = std::time::Instant::now();
        assert_eq!(frames(&rules).len(), 19999);
        assert!(t.elapsed().as_secs_f32() < 5.0);
    }

    #[test]
    fn two_rules_without_sides_are_no_frame() {
        assert!(frames(&[r(0.0, 10.0, 300.0, 10.0), r(0.0, 400.0, 300.0, 400.0)]).is_empty());
    }
}
