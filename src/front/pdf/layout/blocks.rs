//! Lines into blocks (one size and face, stacked closely in a column), and
//! blocks into reading order by recursive cuts along gutters.

use super::{TBlock, TLine};

/// Group lines into blocks: same size and font, stacked closely, overlapping horizontally.
pub fn blocks(mut lines: Vec<TLine>) -> Vec<TBlock> {
    lines.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut blocks: Vec<TBlock> = Vec::new();
    for l in lines {
        let mut best: Option<(usize, f32)> = None;
        if !l.vertical {
            for (i, b) in blocks.iter().enumerate() {
                let last = &b.lines[b.lines.len() - 1];
                let gap = l.y0 - last.y1;
                // A change of face inside running text (a bold lead-in, a
                // line of figures) keeps the block when the lines are tight.
                let same_face = last.font == l.font
                    || ((last.size - l.size).abs() < l.size * 0.05 && gap < l.size * 0.6);
                if last.vertical
                    || (last.size - l.size).abs() > l.size.max(last.size) * 0.12
                    || !same_face
                {
                    continue;
                }
                let ov = l.x1.min(b.x1) - l.x0.max(b.x0);
                let minw = (l.x1 - l.x0).min(b.x1 - b.x0);
                if gap > -l.size * 0.3
                    && gap < l.size * 0.9
                    && ov > minw * 0.5
                    && (l.x0 - b.x0).abs() < l.size * 4.0
                {
                    if best.is_none_or(|(_, g)| gap < g) {
                        best = Some((i, gap));
                    }
                }
            }
        }
        match best {
            Some((i, _)) => {
                let b = &mut blocks[i];
                b.x0 = b.x0.min(l.x0);
                b.y0 = b.y0.min(l.y0);
                b.x1 = b.x1.max(l.x1);
                b.y1 = b.y1.max(l.y1);
                b.lines.push(l);
            }
            None => blocks.push(TBlock {
                x0: l.x0,
                y0: l.y0,
                x1: l.x1,
                y1: l.y1,
                size: l.size,
                role: None,
                lines: vec![l],
            }),
        }
    }
    blocks
}

/// Put blocks in reading order: recursive cuts, trying a gutter that runs the
/// full height (columns, a side column of briefs) before a gap across the
/// full width (a headline over its columns, stacked articles).
pub fn reading_order(blocks: Vec<TBlock>) -> Vec<TBlock> {
    let order = order_of(&blocks, &(0..blocks.len()).collect::<Vec<_>>());
    let mut slots: Vec<Option<TBlock>> = blocks.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

/// The reading order of some of the blocks (indices into `blocks`).
pub fn order_of(blocks: &[TBlock], which: &[usize]) -> Vec<usize> {
    let mut idx = which.to_vec();
    let mut order = Vec::with_capacity(idx.len());
    cut(blocks, &mut idx, &mut order, 0);
    order
}

fn cut(b: &[TBlock], idx: &mut [usize], out: &mut Vec<usize>, depth: usize) {
    if idx.len() <= 1 || depth > 200 {
        idx.sort_by(|&x, &y| {
            b[x].y0
                .total_cmp(&b[y].y0)
                .then(b[x].x0.total_cmp(&b[y].x0))
        });
        out.extend_from_slice(idx);
        return;
    }
    // Vertical gutter.
    idx.sort_by(|&x, &y| b[x].x0.total_cmp(&b[y].x0));
    let mut reach = f32::MIN;
    let mut best: Option<(usize, f32)> = None;
    for k in 0..idx.len() {
        if k > 0 {
            let gap = b[idx[k]].x0 - reach;
            if gap > 1.0 && best.is_none_or(|(_, g)| gap > g) {
                best = Some((k, gap));
            }
        }
        reach = reach.max(b[idx[k]].x1);
    }
    if let Some((k, _)) = best {
        let (l, r) = idx.split_at_mut(k);
        cut(b, l, out, depth + 1);
        cut(b, r, out, depth + 1);
        return;
    }
    // Horizontal gap: the first one from the top.
    idx.sort_by(|&x, &y| b[x].y0.total_cmp(&b[y].y0));
    let mut reach = f32::MIN;
    for k in 0..idx.len() {
        if k > 0 && b[idx[k]].y0 - reach > 0.5 {
            let (t, r) = idx.split_at_mut(k);
            cut(b, t, out, depth + 1);
            cut(b, r, out, depth + 1);
            return;
        }
        reach = reach.max(b[idx[k]].y1);
    }
    idx.sort_by(|&x, &y| {
        b[x].y0
            .total_cmp(&b[y].y0)
            .then(b[x].x0.total_cmp(&b[y].x0))
    });
    out.extend_from_slice(idx);
}
