//! Body lines in bands of two balanced columns. The plan is chosen by
//! cost: a widow, a heading left at a column foot, or two columns a text
//! extractor would read out of order (pdftotext follows Breuel's rules)
//! cost more than a row of space, so the columns read as they are meant.

use super::{ColLine, Composer};
use std::ops::Range;

impl Composer<'_> {
    /// Flow body lines into two columns from the current position, across
    /// pages; the last part is balanced (see [`plan`]). Returns where the
    /// lines `want` (or the first line set after each) went: output page
    /// and top of its row.
    pub(super) fn flow(&mut self, lines: Vec<ColLine>, want: &[usize]) -> Vec<(usize, f32)> {
        let lead = self.g.lead;
        let cap = ((self.g.bottom - self.y) / lead + 0.001).floor().max(0.0) as usize;
        let page_cap = ((self.g.bottom - self.g.top) / lead + 0.001)
            .floor()
            .max(0.0) as usize;
        let mut at = vec![(self.pages.len().saturating_sub(1), self.y); want.len()];
        for band in plan(&lines, cap, page_cap) {
            if band.new_page {
                self.new_page();
            }
            for (k, &w) in want.iter().enumerate() {
                let w = skip(&lines, w);
                for c in [&band.c1, &band.c2] {
                    if c.contains(&w) {
                        at[k] = (self.pages.len() - 1, self.y + (w - c.start) as f32 * lead);
                    }
                }
            }
            self.column(&lines[band.c1.clone()], 0);
            self.column(&lines[band.c2.clone()], 1);
            self.y += band.height as f32 * lead;
        }
        at
    }

    fn column(&mut self, lines: &[ColLine], col: usize) {
        let x0 = self.g.left + col as f32 * (self.g.col + self.g.gap);
        let mut y = self.y;
        for l in lines {
            if l.rule {
                let ry = y + 0.5 * self.g.lead;
                self.rule(x0, ry, x0 + self.g.col, ry, 0.4);
            }
            if !l.spacer {
                let size = l.glyphs.first().map(|g| g.size).unwrap_or(self.g.size);
                let base = y + (self.g.lead - size) / 2.0 + 0.88 * size;
                let avail = self.g.col - l.indent;
                let (tc, sp) = justify(l, avail);
                self.push_text(x0 + l.indent, base, l.glyphs.clone(), tc, sp);
            }
            y += self.g.lead;
        }
    }
}

/// Character and space stretch that fill `avail` (a little squeeze allowed).
fn justify(l: &ColLine, avail: f32) -> (f32, f32) {
    let n = l.glyphs.len();
    if n < 2 {
        return (0.0, 0.0);
    }
    let extra = avail - l.natural;
    if extra < 0.0 {
        return (extra / (n - 1) as f32, 0.0);
    }
    if !l.justify || l.center {
        return (0.0, 0.0);
    }
    let size = l.glyphs[0].size;
    // pdftotext reads a gap of 0.1 em or more as a word space: stay well
    // below between characters; spaces may widen up to half an em. What is
    // left (rare: a long unbreakable word follows) stays ragged.
    let tc = (extra / (n - 1) as f32).min(0.07 * size);
    let rest = extra - tc * (n - 1) as f32;
    let spaces = l.glyphs.iter().filter(|g| g.ch == ' ').count();
    let sp = if spaces > 0 && rest > 0.01 {
        (rest / spaces as f32).min(0.5 * size)
    } else {
        0.0
    };
    (tc, sp)
}

/// First index at or after `i` that is not a spacer.
fn skip(lines: &[ColLine], mut i: usize) -> usize {
    while lines.get(i).is_some_and(|l| l.spacer) {
        i += 1;
    }
    i
}

/// Two columns side by side on one page: line ranges of the flowed lines,
/// whether a new page starts before them, and the rows they take.
#[derive(Debug, Clone, PartialEq)]
struct Band {
    new_page: bool,
    c1: Range<usize>,
    c2: Range<usize>,
    height: usize,
}

/// Cost of an arrangement a reader (or a text extractor) would misread, or
/// that breaks a hard rule: never taken when anything else fits.
const BAD: u32 = 1000;

/// Cost of ending a column before line `k` (`k == lines.len()`: nothing
/// follows): a widow (a paragraph's single last line at the top of the next
/// column) or a heading/spacer left at the bottom is [`BAD`]; an orphan (a
/// paragraph's single first line at the bottom) costs one row.
fn break_cost(lines: &[ColLine], k: usize) -> u32 {
    if k == 0 {
        return BAD;
    }
    let Some(next) = lines.get(skip(lines, k)) else {
        return 0;
    };
    let prev = &lines[k - 1];
    let mut cost = 0;
    if prev.keep_with_next || prev.spacer {
        cost += BAD;
    }
    if next.para_last && !next.para_first {
        cost += BAD;
    }
    if prev.para_first && !prev.para_last {
        cost += 2;
    }
    cost
}

/// Horizontal extent of a line within its column: justified lines fill it.
fn extent(l: &ColLine) -> (f32, f32) {
    if l.justify {
        (l.indent, f32::INFINITY)
    } else {
        (l.indent, l.indent + l.natural)
    }
}

/// The text blocks of a column as pdftotext builds them: a block grows
/// down by lines of the same size that overlap it horizontally, and ends at
/// a spacer. (A centred heading over a short line is a block of its own.)
/// Row ranges.
fn blocks(col: &[ColLine]) -> Vec<Range<usize>> {
    let mut out: Vec<Range<usize>> = Vec::new();
    let mut cur: Option<(Option<f32>, f32, f32)> = None;
    for (r, l) in col.iter().enumerate() {
        if l.spacer {
            cur = None;
            continue;
        }
        let size = l.glyphs.first().map(|g| g.size);
        let (x0, x1) = extent(l);
        match (cur.as_mut(), out.last_mut()) {
            (Some((sz, b0, b1)), Some(b)) if *sz == size && x0 <= *b1 && *b0 <= x1 => {
                b.end = r + 1;
                *b0 = b0.min(x0);
                *b1 = b1.max(x1);
            }
            _ => {
                out.push(r..r + 1);
                cur = Some((size, x0, x1));
            }
        }
    }
    out
}

/// Cost of two columns side by side that read in the wrong order (as
/// pdftotext reads them, which follows Breuel's rules for reading order):
///  - a block of the first column with no text of the second column beside
///    it (facing spacers, or below the end of the second column) counts as
///    spanning the measure, and the second column, being above it, is read
///    before it;
///  - a second column that starts with a narrow block (a heading, a short
///    line) beside the first: the Hei face reaches higher than the Song
///    face beside it, and pdftotext reads the narrow block first;
///  - blocks that line up in a grid (two blocks side by side, and the
///    blocks below each of them starting, ending or centred on the same row)
///    read as a table, row by row.
fn order_cost(c1: &[ColLine], c2: &[ColLine]) -> u32 {
    if c2.is_empty() {
        return 0;
    }
    let (b1, b2) = (blocks(c1), blocks(c2));
    let text2 = |r: usize| c2.get(r).is_some_and(|l| !l.spacer);
    let mut cost = b1.iter().filter(|b| !(*b).clone().any(&text2)).count() as u32 * BAD / 2;
    if b2
        .first()
        .is_some_and(|b| c2[b.clone()].iter().all(|l| !l.justify))
    {
        cost += BAD / 2;
    }
    let overlap = |a: &Range<usize>, b: &Range<usize>| a.start < b.end && b.start < a.end;
    // Rows a lower pair of blocks may be apart and still read as a row of
    // the grid, when both are short and end their columns (a story run on
    // after a rule at the foot of one column, a note at the foot of the
    // other: pdftotext read them as the grid's last row, rmrb 2018-01-02
    // p7 from its text).
    let last_short = |x: &Range<usize>, all: &[Range<usize>]| all.last() == Some(x) && x.len() <= GRID_SHORT;
    for w in b1.windows(2) {
        let (a, a_below) = (&w[0], &w[1]);
        // The block below-right of `a`: the first of the second column
        // that starts after `a` ends.
        let Some(b_below) = b2.iter().find(|b| b.start >= a.end) else {
            continue;
        };
        let feet = last_short(a_below, &b1) && last_short(b_below, &b2);
        let near = |x: usize, y: usize| x == y || feet && x.abs_diff(y) <= GRID_SLACK;
        let grid = b2
            .iter()
            .filter(|b| overlap(a, b) && b.end <= a_below.start.min(b_below.start))
            .any(|b| {
                overlap(a_below, b_below)
                    && ((a.start == b.start && near(a_below.start, b_below.start))
                        || (a.end == b.end && near(a_below.end, b_below.end))
                        || (a.start + a.end == b.start + b.end
                            && a_below.start + a_below.end == b_below.start + b_below.end))
            });
        if grid {
            cost += BAD / 2;
        }
    }
    cost
}

/// Rows by which the short last blocks of a grid may start or end apart.
const GRID_SLACK: usize = 2;

/// Most rows of a short block at the foot of a column.
const GRID_SHORT: usize = 3;

/// The last part of a flow in two balanced columns of at most `cap` rows:
/// `(cost, k, j)` with the first column `..k` and the second `j..`, or
/// `None` when it does not fit without breaking a hard rule.
fn balance(lines: &[ColLine], cap: usize) -> Option<(u32, usize, usize)> {
    let n = lines.len();
    let mut best: Option<(u32, usize, usize)> = None;
    for k in 1..=cap.min(n) {
        let j = skip(lines, k);
        let (c1, c2) = (&lines[..k], &lines[j..]);
        if c2.len() > cap {
            continue;
        }
        // Two half-rows per row of height; the second column longer than
        // the first costs half a row.
        let cost = break_cost(lines, k)
            + order_cost(c1, c2)
            + 2 * k.max(c2.len()) as u32
            + u32::from(c2.len() > k);
        if best.is_none_or(|(b, _, _)| cost <= b) {
            best = Some((cost, k, j));
        }
    }
    best.filter(|&(c, _, _)| c < BAD)
}

/// Fill both columns of `cap` rows from `lines` (which go on past them):
/// `(cost, k1, j, k2)` with the first column `..k1` and the second
/// `j..j + k2`. Up to `slack` rows per column are given up (each costs a
/// row) to avoid a widow, a stranded heading or columns that read out of
/// order.
fn fill(lines: &[ColLine], cap: usize, slack: usize) -> (u32, usize, usize, usize) {
    let n = lines.len();
    let mut best: Option<(u32, usize, usize, usize)> = None;
    for k1 in cap.saturating_sub(slack).max(1)..=cap.min(n) {
        let j = skip(lines, k1);
        let r = &lines[j..];
        let mut k2s: Vec<usize> = (cap.saturating_sub(slack).max(1)..=cap.min(r.len())).collect();
        if r.len() <= cap {
            k2s.push(r.len());
        }
        for k2 in k2s {
            let ends = k2 == r.len();
            let waste = (cap - k1) + if ends { 0 } else { cap - k2 };
            let cost = break_cost(lines, k1)
                + break_cost(r, k2)
                + order_cost(&lines[..k1], &r[..k2])
                + 2 * waste as u32;
            if best.is_none_or(|(b, _, _, _)| cost <= b) {
                best = Some((cost, k1, j, k2));
            }
        }
    }
    let k = cap.min(n).max(1);
    best.unwrap_or((BAD, k, k, 0))
}

/// Arrange flowed lines in bands of two columns: `first_cap` rows are left
/// on the current page, `page_cap` on a fresh one.
fn plan(lines: &[ColLine], first_cap: usize, page_cap: usize) -> Vec<Band> {
    let page_cap = page_cap.max(2);
    let mut bands = Vec::new();
    let mut i = skip(lines, 0);
    let mut cap = first_cap;
    let mut new_page = false;
    while i < lines.len() {
        if cap < 2 {
            new_page = true;
            cap = page_cap;
            continue;
        }
        let rest = &lines[i..];
        let balanced = balance(rest, cap);
        let end_here = |bands: &mut Vec<Band>, (_, k, j): (u32, usize, usize)| {
            bands.push(Band {
                new_page,
                c1: i..i + k,
                c2: i + j..lines.len(),
                height: k.max(rest.len() - j),
            });
        };
        if let Some(b) = balanced.filter(|b| b.0 < BAD / 2) {
            end_here(&mut bands, b);
            break;
        }
        // No ending here that reads in order: fill the columns and go on
        // on the next page, giving up as much as half the room if that is
        // what it takes to read in order.
        let mut f = fill(rest, cap, 3);
        if f.0 >= BAD / 2 {
            let wide = fill(rest, cap, cap / 2);
            if wide.0 < f.0 {
                f = wide;
            }
        }
        if let Some(b) = balanced.filter(|_| f.0 >= BAD / 2) {
            end_here(&mut bands, b);
            break;
        }
        let (_, k1, j, k2) = f;
        bands.push(Band {
            new_page,
            c1: i..i + k1,
            c2: i + j..i + j + k2,
            height: k1.max(k2),
        });
        i = skip(lines, i + j + k2);
        new_page = true;
        cap = page_cap;
    }
    bands
}

#[cfg(test)]
mod tests {
    use super::*;

    /// A paragraph of `n` body lines in a column 100 wide: the first
    /// indented 20, the last 30 long.
    fn para(n: usize) -> Vec<ColLine> {
        (0..n)
            .map(|i| {
                let indent = if i == 0 { 20.0 } else { 0.0 };
                let natural = if i + 1 == n {
                    30.0
                } else if i == 0 {
                    80.0
                } else {
                    100.0
                };
                ColLine {
                    justify: i + 1 < n,
                    ..ColLine::text(Vec::new(), indent, natural, i, n)
                }
            })
            .collect()
    }

    /// A one-line heading kept with what follows, centred (40 to 60).
    fn heading() -> Vec<ColLine> {
        let mut h = para(1);
        h[0].keep_with_next = true;
        h[0].center = true;
        h[0].indent = 40.0;
        h[0].natural = 20.0;
        h
    }

    fn cat(parts: &[Vec<ColLine>]) -> Vec<ColLine> {
        parts.concat()
    }

    /// The non-empty columns of a plan, in reading order.
    fn columns(bands: &[Band]) -> Vec<Range<usize>> {
        bands
            .iter()
            .flat_map(|b| [b.c1.clone(), b.c2.clone()])
            .filter(|c| !c.is_empty())
            .collect()
    }

    /// Every line placed exactly once, in order (spacers may be dropped at a column top).
    fn assert_complete(lines: &[ColLine], bands: &[Band]) {
        let mut next = 0;
        for c in columns(bands) {
            assert!(
                c.start >= next && lines[next..c.start].iter().all(|l| l.spacer),
                "{bands:?}"
            );
            next = c.end;
        }
        assert!(
            lines[next..].iter().all(|l| l.spacer),
            "lines left over: {bands:?}"
        );
    }

    fn widows(lines: &[ColLine], bands: &[Band]) -> Vec<usize> {
        columns(bands)
            .into_iter()
            .map(|c| c.start)
            .filter(|&i| lines[i].para_last && !lines[i].para_first)
            .collect()
    }

    #[test]
    fn a_last_line_never_lands_alone_at_the_top_of_a_column() {
        // An 11-line paragraph then a long one, 10 rows a column: filling
        // the first column would leave the paragraph's last line alone at
        // the top of the second; a line moves over so two lines are there.
        let lines = cat(&[para(11), para(15)]);
        let bands = plan(&lines, 10, 10);
        assert_complete(&lines, &bands);
        assert_eq!(widows(&lines, &bands), Vec::<usize>::new(), "{bands:?}");
        let col = columns(&bands)
            .into_iter()
            .find(|c| c.contains(&10))
            .unwrap();
        assert!(
            col.start <= 9,
            "the last line of the paragraph has {} line(s) of it at the column top: {bands:?}",
            11 - col.start
        );
        assert_eq!(bands[0].c1, 0..9);
        assert_eq!(bands[0].c2.start, 9);

        // The same at the end of a flow, balanced: a two-line paragraph is
        // not split one line a column, it stays whole in the first column.
        let lines = para(2);
        let bands = plan(&lines, 40, 60);
        assert_eq!(
            bands,
            vec![Band {
                new_page: false,
                c1: 0..2,
                c2: 2..2,
                height: 2
            }]
        );
    }

    #[test]
    fn no_widow_for_any_mix_of_paragraphs_and_room() {
        for a in 1..=7 {
            for b in 1..=7 {
                for c in [1, 2, 5, 13] {
                    let lines = cat(&[para(a), para(b), para(c), para(a + b)]);
                    for first in 0..=12 {
                        for page in 2..=9 {
                            let bands = plan(&lines, first, page);
                            assert_complete(&lines, &bands);
                            assert_eq!(
                                widows(&lines, &bands),
                                Vec::<usize>::new(),
                                "{a} {b} {c} caps {first}/{page}: {bands:?}"
                            );
                            for band in &bands {
                                let cap = if band.new_page { page } else { first };
                                assert!(
                                    band.c1.len() <= cap
                                        && band.c2.len() <= cap
                                        && band.height <= cap,
                                    "overflow: {bands:?}"
                                );
                            }
                        }
                    }
                }
            }
        }
    }

    /// What makes two columns read out of order: a block of the first
    /// column starting below the end of the second (it reads as spanning
    /// the measure, after the second column), or the second blocks of both
    /// columns starting on one row (the four blocks read as a table, row by
    /// row), or a second column that starts with a narrow block.
    fn misreads(lines: &[ColLine], b: &Band) -> Vec<String> {
        let (c1, c2) = (&lines[b.c1.clone()], &lines[b.c2.clone()]);
        if c2.is_empty() {
            return Vec::new();
        }
        let (b1, b2) = (blocks(c1), blocks(c2));
        let text2 = |r: usize| c2.get(r).is_some_and(|l| !l.spacer);
        let mut out: Vec<String> = b1
            .iter()
            .filter(|x| !(*x).clone().any(&text2))
            .map(|x| format!("block {x:?} with nothing beside it in the second column"))
            .collect();
        if c2[b2[0].clone()].iter().all(|l| !l.justify) {
            out.push(format!(
                "the second column starts with a narrow block {:?}",
                b2[0]
            ));
        }
        if b1.len() > 1 && b2.len() > 1 && b1[1].start == b2[1].start {
            out.push(format!("grid: {b1:?} beside {b2:?}"));
        }
        out
    }

    #[test]
    fn two_columns_read_in_order() {
        // rmrb 2018-01-29 p7: a paragraph, then heading + paragraph three
        // times, a spacer before each heading. The most even split put a
        // spacer on one row in both columns: four blocks in a grid, which
        // pdftotext read row by row.
        let sp = || vec![ColLine::spacer()];
        let lines = cat(&[
            para(3),
            sp(),
            heading(),
            para(7),
            sp(),
            heading(),
            para(2),
            sp(),
            heading(),
            para(12),
        ]);
        let bands = plan(&lines, 20, 60);
        assert_eq!(bands.len(), 1, "{bands:?}");
        assert_complete(&lines, &bands);
        assert_eq!(
            misreads(&lines, &bands[0]),
            Vec::<String>::new(),
            "{bands:?}"
        );
        // Both even splits misread (the other puts the third block of the
        // first column below the end of the second), and the only other
        // line-for-line even splits leave a widow or a heading at the
        // bottom: the first column is the shorter one here.
        let b = &bands[0];
        assert!(
            !lines[b.c1.end - 1].keep_with_next,
            "heading at the bottom of a column: {bands:?}"
        );
        assert_eq!(widows(&lines, &bands), Vec::<usize>::new(), "{bands:?}");

        // The sample, page 2: the first column ended with a heading and two
        // lines below the end of the second column; that block was read
        // after the whole second column.
        let lines = cat(&[
            para(7),
            para(6),
            sp(),
            heading(),
            para(4),
            para(8),
            para(4),
            heading(),
        ]);
        let bands = plan(&lines, 60, 60);
        assert_complete(&lines, &bands);
        assert_eq!(
            misreads(&lines, &bands[0]),
            Vec::<String>::new(),
            "{bands:?}"
        );

        // rmrb 2018-01-29 p7 on A3: a byline (set as a heading) alone at the
        // top of the second column was read before the first column.
        let lines = cat(&[para(4), sp(), heading()]);
        let bands = plan(&lines, 60, 60);
        assert_complete(&lines, &bands);
        assert_eq!(
            misreads(&lines, &bands[0]),
            Vec::<String>::new(),
            "{bands:?}"
        );

        // The same near the foot of a page (16 rows left): neither even
        // split reads in order and the first column cannot be the shorter;
        // the columns are filled as far as they read in order and the
        // rest goes to the next page.
        let lines = cat(&[
            para(3),
            sp(),
            heading(),
            para(7),
            sp(),
            heading(),
            para(2),
            sp(),
            heading(),
            para(12),
        ]);
        let bands = plan(&lines, 16, 60);
        assert_complete(&lines, &bands);
        assert_eq!(widows(&lines, &bands), Vec::<usize>::new(), "{bands:?}");
        for b in &bands {
            assert_eq!(misreads(&lines, b), Vec::<String>::new(), "{bands:?}");
            assert!(b.height <= if b.new_page { 60 } else { 16 }, "{bands:?}");
        }

        // lswb 2021-03-23 p5 on A3: a heading over a one-line paragraph
        // that it does not overlap is a block of its own; it faced the
        // spacer of the second column, had nothing beside it, and was read
        // after the second column's first block.
        let mut wide = heading();
        wide[0].indent = 55.0;
        wide[0].natural = 30.0;
        let lines = cat(&[
            para(6),
            sp(),
            wide.clone(),
            para(1),
            para(2),
            sp(),
            heading(),
            heading(),
            para(3),
            para(2),
            sp(),
            heading(),
            para(3),
        ]);
        assert_eq!(blocks(&lines[..11]), vec![0..6, 7..8, 8..11]);
        let bands = plan(&lines, 60, 60);
        assert_complete(&lines, &bands);
        assert_eq!(
            misreads(&lines, &bands[0]),
            Vec::<String>::new(),
            "{bands:?}"
        );

        for a in 1..=6 {
            for b in 1..=6 {
                for c in 1..=6 {
                    for d in 1..=8 {
                        let lines = cat(&[
                            para(a),
                            sp(),
                            heading(),
                            para(b),
                            sp(),
                            heading(),
                            para(c),
                            para(d),
                        ]);
                        let bands = plan(&lines, 60, 60);
                        assert_complete(&lines, &bands);
                        assert_eq!(
                            widows(&lines, &bands),
                            Vec::<usize>::new(),
                            "{a} {b} {c} {d}: {bands:?}"
                        );
                        assert_eq!(
                            misreads(&lines, &bands[0]),
                            Vec::<String>::new(),
                            "{a} {b} {c} {d}: {bands:?}"
                        );
                        assert!(
                            !lines[bands[0].c1.end - 1].keep_with_next,
                            "{a} {b} {c} {d}: {bands:?}"
                        );
                    }
                }
            }
        }
    }

    #[test]
    fn short_feet_of_both_columns_read_as_a_grid_row() {
        // rmrb 2018-01-02 p7 from its text: a story run on after a rule at
        // the foot of the first column, a line of unplaced text after a
        // rule at the foot of the second, a row apart: pdftotext read the
        // two tops, then the two feet.
        let sp = || vec![ColLine::spacer()];
        let c1 = cat(&[para(30), sp(), para(2)]);
        let c2 = cat(&[para(31), sp(), para(1)]);
        assert!(order_cost(&c1, &c2) >= BAD / 2);
        // Long lower blocks a row apart are not a grid.
        let c1 = cat(&[para(10), sp(), para(12)]);
        let c2 = cat(&[para(11), sp(), para(11)]);
        assert_eq!(order_cost(&c1, &c2), 0);
    }
}
