//! Layout analysis: duplicate removal, glyphs → lines → blocks, reading
//! order by recursive cuts along gutters, and block roles from type size.

use super::extract::{Dir, Glyph, PdfPage};
use crate::parse::{Geom, LineRole};
use std::collections::HashMap;

/// A line of text (horizontal, or one vertical column of upright glyphs).
#[derive(Debug, Clone)]
pub struct TLine {
    /// Text, with a space where the print shows a gap.
    pub text: String,
    /// Box.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
    /// Dominant size.
    pub size: f32,
    /// Dominant font index.
    pub font: u16,
    /// Runs top to bottom (vertical text or rotated text).
    pub vertical: bool,
}

/// A block: lines of one size and font, stacked closely in one column.
#[derive(Debug, Clone)]
pub struct TBlock {
    /// Lines in order.
    pub lines: Vec<TLine>,
    /// Box.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
    /// Size of its lines.
    pub size: f32,
    /// Role from type size and position.
    pub role: Option<LineRole>,
}

/// Drop glyphs drawn twice at (nearly) the same place: fake bold (a stroke
/// pass and a fill pass) and shadows. Keeps the first drawn of each.
pub fn dedup(glyphs: &[Glyph]) -> Vec<Glyph> {
    let cell = 6.0f32;
    let mut grid: HashMap<(i32, i32), Vec<usize>> = HashMap::new();
    let mut out: Vec<Glyph> = Vec::with_capacity(glyphs.len());
    for g in glyphs {
        let (cx, cy) = (g.cx(), g.cy());
        let (gx, gy) = ((cx / cell).floor() as i32, (cy / cell).floor() as i32);
        let tol = (g.size * 0.2).max(0.5);
        let reach = (tol / cell).ceil() as i32;
        let mut dup = false;
        'look: for dx in -reach..=reach {
            for dy in -reach..=reach {
                if let Some(v) = grid.get(&(gx + dx, gy + dy)) {
                    for &k in v {
                        let o = &out[k];
                        if o.text == g.text && (o.cx() - cx).abs() <= g.size * 0.1 && (o.cy() - cy).abs() <= g.size * 0.2 && (o.size - g.size).abs() <= g.size * 0.25 {
                            dup = true;
                            break 'look;
                        }
                    }
                }
            }
        }
        if !dup {
            grid.entry((gx, gy)).or_default().push(out.len());
            out.push(g.clone());
        }
    }
    out
}

fn is_wordish(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Group glyphs into lines.
pub fn lines(glyphs: &[Glyph]) -> Vec<TLine> {
    let mut horiz: Vec<&Glyph> = Vec::new();
    let mut vert: Vec<&Glyph> = Vec::new();
    for g in glyphs {
        if g.text.trim().is_empty() {
            continue;
        }
        if g.vertical || g.dir == Dir::Cw || g.dir == Dir::Ccw {
            vert.push(g);
        } else {
            horiz.push(g);
        }
    }
    let mut out = Vec::new();
    // Horizontal lines: glyphs by left edge; each joins the open line on its baseline.
    horiz.sort_by(|a, b| a.x0.total_cmp(&b.x0).then(a.y0.total_cmp(&b.y0)));
    let mut open: Vec<Vec<&Glyph>> = Vec::new();
    for g in horiz {
        let mut best: Option<(usize, f32)> = None;
        for (i, l) in open.iter().enumerate() {
            let last = l[l.len() - 1];
            let s = last.size.max(g.size);
            if (last.size - g.size).abs() > s * 0.3 {
                continue;
            }
            let dy = (last.y1 - g.y1).abs();
            let gap = g.x0 - last.x1;
            if dy < s * 0.3 && g.x0 > last.x0 + s * 0.05 && gap > -s * 0.9 && gap < s * 0.75 {
                let score = dy + gap.abs() * 0.1;
                if best.is_none_or(|(_, b)| score < b) {
                    best = Some((i, score));
                }
            }
        }
        match best {
            Some((i, _)) => open[i].push(g),
            None => open.push(vec![g]),
        }
    }
    // Single upright glyphs stacked in a column are vertical text set glyph by glyph.
    let (singles, multi): (Vec<Vec<&Glyph>>, Vec<Vec<&Glyph>>) = open.into_iter().partition(|l| l.len() == 1 && l[0].size >= 10.0);
    let mut stack: Vec<&Glyph> = singles.iter().map(|l| l[0]).collect();
    for l in multi {
        out.push(make_line(&l, false));
    }
    stack.extend(vert);
    stack.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut vopen: Vec<Vec<&Glyph>> = Vec::new();
    for g in stack {
        let mut best: Option<(usize, f32)> = None;
        for (i, l) in vopen.iter().enumerate() {
            let last = l[l.len() - 1];
            let s = last.size.max(g.size);
            if (last.size - g.size).abs() > s * 0.3 {
                continue;
            }
            let dx = (last.cx() - g.cx()).abs();
            let gap = g.y0 - last.y1;
            if dx < s * 0.3 && g.y0 > last.y0 + s * 0.05 && gap > -s * 0.9 && gap < s * 1.2 {
                let score = dx + gap.abs() * 0.1;
                if best.is_none_or(|(_, b)| score < b) {
                    best = Some((i, score));
                }
            }
        }
        match best {
            Some((i, _)) => vopen[i].push(g),
            None => vopen.push(vec![g]),
        }
    }
    for mut l in vopen {
        if l.iter().all(|g| g.dir == Dir::Ccw) {
            l.reverse();
        }
        out.push(make_line(&l, l.len() > 1));
    }
    out
}

fn make_line(gs: &[&Glyph], vertical: bool) -> TLine {
    let mut text = String::new();
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    let mut fonts: Vec<(u16, usize)> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in gs {
        if let Some(p) = prev {
            let gap = if vertical { g.y0 - p.y1 } else { g.x0 - p.x1 };
            let s = g.size.max(p.size);
            let pc = p.text.chars().last().unwrap_or(' ');
            let gc = g.text.chars().next().unwrap_or(' ');
            let latin = is_wordish(pc) && is_wordish(gc);
            if (latin && gap > s * 0.15) || gap > s * 0.3 {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        x0 = x0.min(g.x0);
        y0 = y0.min(g.y0);
        x1 = x1.max(g.x1);
        y1 = y1.max(g.y1);
        let n = g.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (s - g.size).abs() < 0.3) {
            Some(e) => e.1 += n,
            None => sizes.push((g.size, n)),
        }
        match fonts.iter_mut().find(|(f, _)| *f == g.font) {
            Some(e) => e.1 += n,
            None => fonts.push((g.font, n)),
        }
        prev = Some(g);
    }
    let size = sizes.iter().max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0))).map(|e| e.0).unwrap_or(0.0);
    let font = fonts.iter().max_by_key(|e| e.1).map(|e| e.0).unwrap_or(0);
    TLine { text, x0, y0, x1, y1, size, font, vertical }
}

/// Group lines into blocks: same size and font, stacked closely, overlapping horizontally.
pub fn blocks(mut lines: Vec<TLine>) -> Vec<TBlock> {
    lines.sort_by(|a, b| a.y0.total_cmp(&b.y0).then(a.x0.total_cmp(&b.x0)));
    let mut blocks: Vec<TBlock> = Vec::new();
    for l in lines {
        let mut best: Option<(usize, f32)> = None;
        if !l.vertical {
            for (i, b) in blocks.iter().enumerate() {
                let last = &b.lines[b.lines.len() - 1];
                if last.vertical || (last.size - l.size).abs() > l.size.max(last.size) * 0.12 || last.font != l.font {
                    continue;
                }
                let gap = l.y0 - last.y1;
                let ov = l.x1.min(b.x1) - l.x0.max(b.x0);
                let minw = (l.x1 - l.x0).min(b.x1 - b.x0);
                if gap > -l.size * 0.3 && gap < l.size * 0.9 && ov > minw * 0.5 && (l.x0 - b.x0).abs() < l.size * 4.0 {
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
            None => blocks.push(TBlock { x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1, size: l.size, role: None, lines: vec![l] }),
        }
    }
    blocks
}

/// Put blocks in reading order: recursive cuts, trying a gutter that runs the
/// full height (columns, a side column of briefs) before a gap across the
/// full width (a headline over its columns, stacked articles).
pub fn reading_order(blocks: Vec<TBlock>) -> Vec<TBlock> {
    let mut idx: Vec<usize> = (0..blocks.len()).collect();
    let mut order = Vec::with_capacity(blocks.len());
    cut(&blocks, &mut idx, &mut order, 0);
    let mut slots: Vec<Option<TBlock>> = blocks.into_iter().map(Some).collect();
    order.into_iter().filter_map(|i| slots[i].take()).collect()
}

fn cut(b: &[TBlock], idx: &mut [usize], out: &mut Vec<usize>, depth: usize) {
    if idx.len() <= 1 || depth > 200 {
        idx.sort_by(|&x, &y| b[x].y0.total_cmp(&b[y].y0).then(b[x].x0.total_cmp(&b[y].x0)));
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
    idx.sort_by(|&x, &y| b[x].y0.total_cmp(&b[y].y0).then(b[x].x0.total_cmp(&b[y].x0)));
    out.extend_from_slice(idx);
}

/// The body type size: the size that carries the most characters.
pub fn body_size(blocks: &[TBlock]) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for b in blocks {
        for l in &b.lines {
            let n = l.text.chars().count();
            match sizes.iter_mut().find(|(s, _)| (*s - l.size).abs() < 0.3) {
                Some(e) => e.1 += n,
                None => sizes.push((l.size, n)),
            }
        }
    }
    sizes.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0))).map(|e| e.0).unwrap_or(9.0)
}

/// Roles from type size and position: display type is a headline, a
/// smaller display line just above a headline is its kicker and just below
/// it a subheadline; small type in the top or bottom margin is furniture.
/// Body-size text is left to the parser's textual cues (bylines, captions).
pub fn classify(blocks: &mut [TBlock], page: &PdfPage) {
    let body = body_size(blocks);
    let big = body * 1.6;
    let mid = body * 1.15;
    for i in 0..blocks.len() {
        let b = &blocks[i];
        let n: usize = b.lines.iter().map(|l| l.text.chars().filter(|c| !c.is_whitespace()).count()).sum();
        // Display type is short; a long block at a larger size is the body
        // of an article on a page whose most text is small (notices, tables).
        let display = n >= 2 && n <= 80 && b.lines.len() <= 4;
        let role = if b.y1 < page.height * 0.07 && (b.size < big || n <= 8) {
            Some(LineRole::Furniture)
        } else if b.size >= big && display {
            Some(LineRole::Headline)
        } else if b.size >= mid && display {
            // Look for a headline directly below (kicker) or above (subheadline).
            let near = |o: &TBlock| o.size >= big && o.x1.min(b.x1) - o.x0.max(b.x0) > 0.0;
            let below = blocks.iter().any(|o| near(o) && o.y0 >= b.y1 - 1.0 && o.y0 - b.y1 < body * 3.0);
            let above = blocks.iter().any(|o| near(o) && b.y0 >= o.y1 - 1.0 && b.y0 - o.y1 < body * 3.0);
            if below {
                Some(LineRole::Kicker)
            } else if above {
                Some(LineRole::Subheadline)
            } else {
                Some(LineRole::Headline)
            }
        } else if b.y1 < page.height * 0.07 || (b.y0 > page.height * 0.96 && b.size < big) {
            Some(LineRole::Furniture)
        } else {
            None
        };
        blocks[i].role = role;
    }
}

/// Emit the page's lines: a blank line between blocks and before each
/// indented first line of a paragraph. `line` is the running line number.
pub fn emit(blocks: &[TBlock], fonts: &[String], line: &mut u32) -> Vec<crate::parse::SourceLine> {
    use crate::parse::SourceLine;
    let mut out = Vec::new();
    let blank = |out: &mut Vec<SourceLine>, line: &mut u32| {
        if out.last().is_some_and(|l: &SourceLine| !l.text.is_empty()) {
            *line += 1;
            out.push(SourceLine { text: String::new(), line: *line, geom: None, role: None });
        }
    };
    let mut prev: Option<&TBlock> = None;
    for b in blocks {
        // A body block that goes on from the previous one (the paragraph
        // runs into the next column: the last line is full, the next block's
        // first line is not indented) continues without a break.
        let goes_on = prev.is_some_and(|p| {
            let last = &p.lines[p.lines.len() - 1];
            let first = &b.lines[0];
            p.role.is_none()
                && b.role.is_none()
                && !last.vertical
                && !first.vertical
                && (p.size - b.size).abs() < 0.3
                && p.x1 - last.x1 < last.size * 0.8
                && b.lines.len() > 1
                && first.x0 - b.x0 < first.size * 0.5
                && !last.text.ends_with(['。', '！', '？', '”', '）'])
        });
        if !goes_on {
            blank(&mut out, line);
        }
        prev = Some(b);
        for (k, l) in b.lines.iter().enumerate() {
            if k > 0 && b.role.is_none() && !l.vertical && l.x0 - b.x0 > l.size * 1.5 && l.x0 - b.x0 < l.size * 3.0 {
                blank(&mut out, line);
            }
            *line += 1;
            out.push(SourceLine {
                text: l.text.clone(),
                line: *line,
                geom: Some(Geom { x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1, size: l.size, font: fonts.get(l.font as usize).cloned().unwrap_or_default() }),
                role: b.role,
            });
        }
    }
    out
}
