//! Paragraph signals from indents against a column's left edge.

use super::lines::ink_right;
use super::TBlock;

/// The left edge of a block's text column: the x where most of its lines
/// start (at least two of them), or `None`.
fn left_edge(b: &TBlock) -> Option<f32> {
    let mut bins: Vec<(f32, usize)> = Vec::new();
    for l in b.lines.iter().filter(|l| !l.vertical) {
        match bins
            .iter_mut()
            .find(|(x, _)| (*x - l.x0).abs() < l.size * 0.25)
        {
            Some(e) => e.1 += 1,
            None => bins.push((l.x0, 1)),
        }
    }
    // The most lines; among equals, the leftmost (indents are to the right).
    let mode = bins
        .iter()
        .filter(|e| e.1 >= 2)
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)))
        .map(|e| e.0)?;
    // Short paragraphs (a lead of one- and two-line paragraphs) make the
    // indent the commonest start: a line an indent further left is the edge.
    let size = b.size.max(1.0);
    let left = b
        .lines
        .iter()
        .filter(|l| !l.vertical)
        .map(|l| l.x0)
        .filter(|&x| (0.9..4.2).contains(&((mode - x) / size)))
        .fold(f32::MAX, f32::min);
    Some(if left < f32::MAX { left } else { mode })
}

/// Paragraph signal of each line of each body block, from its indent
/// against the column's left edge: an indent of one to four ems is a
/// paragraph's first line, a flush line carries on the paragraph before it.
/// A block too short to show its own edge takes the edge of the nearest
/// block of the same column.
pub fn para_hints(blocks: &[TBlock]) -> Vec<Vec<Option<bool>>> {
    let own: Vec<Option<f32>> = blocks
        .iter()
        .map(|b| if b.role.is_none() { left_edge(b) } else { None })
        .collect();
    blocks
        .iter()
        .enumerate()
        .map(|(i, b)| {
            if b.role.is_some() {
                return vec![None; b.lines.len()];
            }
            let edge = own[i].or_else(|| {
                // Nearest body block of the same column (overlapping, similar size) with an edge of its own.
                (0..blocks.len())
                    .filter(|&k| {
                        k != i && own[k].is_some() && (blocks[k].size - b.size).abs() < b.size * 0.1
                    })
                    .filter(|&k| {
                        let o = &blocks[k];
                        let ov = o.x1.min(b.x1) - o.x0.max(b.x0);
                        ov > (b.x1 - b.x0).min(o.x1 - o.x0) * 0.5
                    })
                    .min_by(|&x, &y| {
                        let d =
                            |k: usize| (blocks[k].y0 - b.y1).abs().min((b.y0 - blocks[k].y1).abs());
                        d(x).total_cmp(&d(y))
                    })
                    .and_then(|k| own[k])
            });
            b.lines
                .iter()
                .map(|l| {
                    let e = edge?;
                    if l.vertical {
                        return None;
                    }
                    let ind = (l.x0 - e) / l.size;
                    // An opening quote or bracket may hang half an em into the margin.
                    let hangs =
                        l.text.chars().next().is_some_and(ink_right) && (-0.75..0.0).contains(&ind);
                    if (0.9..4.2).contains(&ind) {
                        Some(true)
                    } else if ind.abs() < 0.45 || hangs {
                        Some(false)
                    } else {
                        None
                    }
                })
                .collect()
        })
        .collect()
}
