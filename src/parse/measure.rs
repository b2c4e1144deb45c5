//! Column measures for the lines pass: how wide a full line of text is
//! around each line, from the widths of the lines of its extractor block
//! (and, where a block runs from one measure into another, of a window
//! around the line). Short lines, indents and paragraph ends are all told
//! against it.

use super::lines::{Kind, Line};

/// The column width around each line: the (second) widest line of its
/// block when the block has four lines or more, else the last such block
/// before it, else the next one.
pub(super) fn measure_columns(lines: &mut [Line]) {
    let mut runs: Vec<(usize, usize)> = Vec::new();
    let mut i = 0;
    while i < lines.len() {
        if lines[i].kind == Kind::Blank {
            i += 1;
            continue;
        }
        let s = i;
        while i < lines.len() && lines[i].kind != Kind::Blank {
            i += 1;
        }
        runs.push((s, i));
    }
    let run_col = |s: usize, e: usize, lines: &[Line]| -> Option<u32> {
        if e - s < 4 {
            return None;
        }
        let mut ws: Vec<u32> = lines[s..e].iter().map(|l| l.w).collect();
        ws.sort_unstable();
        Some(if ws.len() >= 5 {
            ws[ws.len() - 2]
        } else {
            ws[ws.len() - 1]
        })
    };
    let cols: Vec<Option<u32>> = runs.iter().map(|&(s, e)| run_col(s, e, lines)).collect();
    let mut next_known: Vec<Option<u32>> = vec![None; runs.len()];
    let mut nk = None;
    for k in (0..runs.len()).rev() {
        if cols[k].is_some() {
            nk = cols[k];
        }
        next_known[k] = nk;
    }
    let mut prev = None;
    for (k, &(s, e)) in runs.iter().enumerate() {
        let c = cols[k].or(prev).or(next_known[k]).unwrap_or(40).max(8);
        let full = if e - s >= 5 {
            typical_full(lines[s..e].iter().map(|l| l.w), c)
        } else {
            c
        };
        for l in &mut lines[s..e] {
            l.col = c;
            l.full = full;
        }
        if cols[k].is_some() {
            prev = cols[k];
        }
    }
}

/// The typical full line among `widths` in a column `col` wide: the most
/// frequent width among the lines near the column width (short lines do not
/// count), when three lines or more share it; else the column.
fn typical_full(widths: impl Iterator<Item = u32>, col: u32) -> u32 {
    let mut ws: Vec<u32> = widths.filter(|&w| w * 10 >= col * 8).collect();
    ws.sort_unstable();
    let mut best = (0usize, col);
    let mut k = 0;
    while k < ws.len() {
        let mut j = k;
        while j < ws.len() && ws[j] == ws[k] {
            j += 1;
        }
        if j - k >= best.0 {
            best = (j - k, ws[k]);
        }
        k = j;
    }
    if best.0 >= 3 {
        best.1
    } else {
        col
    }
}

/// How many lines each side of a line [`narrow_measure`] looks at.
const MEASURE_REACH: usize = 6;

/// One extractor block may run on from a wide column into a narrow one
/// (a story set across two measures), so the block's measure is too wide
/// for the narrow part and every line there would look short. Where the
/// lines around a line (the second widest of a window, most of them near
/// it) are clearly narrower than the block's measure, the line takes the
/// window's measure
/// (after classification: it decides where paragraphs end).
pub(super) fn narrow_measure(block: &mut [Line]) {
    if block.len() < 3 * MEASURE_REACH {
        return;
    }
    let ws: Vec<u32> = block.iter().map(|l| l.w).collect();
    let local: Vec<Option<(u32, u32)>> = (0..block.len())
        .map(|i| {
            let lo = i.saturating_sub(MEASURE_REACH);
            let win = &ws[lo..(i + MEASURE_REACH + 1).min(ws.len())];
            let mut w = win.to_vec();
            w.sort_unstable();
            let c = w[w.len() - 2];
            // Only running text has a measure: most lines near full.
            let near = win.iter().filter(|&&x| x * 10 >= c * 8).count();
            (near * 3 >= win.len() * 2).then(|| (c, typical_full(win.iter().copied(), c)))
        })
        .collect();
    for (l, (c, full)) in block.iter_mut().zip(local).filter_map(|(l, m)| Some((l, m?))) {
        if c * 20 < l.col * 17 {
            l.col = c;
            l.full = full;
        }
    }
}
