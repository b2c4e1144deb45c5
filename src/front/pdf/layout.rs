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

/// The whole analysis of one page: glyphs → lines → blocks with roles, in
/// reading order.
pub fn analyse(page: &PdfPage) -> Vec<TBlock> {
    let glyphs = dedup(&page.glyphs);
    let lines = join_pieces(lines(&glyphs));
    let mut blocks = blocks(lines);
    classify(&mut blocks, page);
    reading_order(blocks)
}

/// A page region: one article's blocks (headline group first, then its
/// body in reading order), or a run of blocks no headline claims.
#[derive(Debug, Clone)]
pub struct Region {
    /// Block indices in reading order.
    pub blocks: Vec<usize>,
    /// Has a headline group.
    pub titled: bool,
}

fn overlap_x(a: (f32, f32), b: (f32, f32)) -> f32 {
    a.1.min(b.1) - a.0.max(b.0)
}

fn is_vertical(b: &TBlock) -> bool {
    b.lines.iter().all(|l| l.vertical)
}

/// The type size of the running text around a block: the size of the
/// nearest block of three lines or more above or below it in its column.
fn local_body(blocks: &[TBlock], i: usize, page_body: f32) -> f32 {
    let b = &blocks[i];
    (0..blocks.len())
        .filter(|&k| k != i && blocks[k].lines.len() >= 3 && blocks[k].role.is_none() && overlap_x((b.x0, b.x1), (blocks[k].x0, blocks[k].x1)) > 0.0)
        .min_by(|&x, &y| {
            let d = |k: usize| (blocks[k].y0 - b.y1).max(b.y0 - blocks[k].y1).max(0.0);
            d(x).total_cmp(&d(y))
        })
        .map(|k| blocks[k].size)
        .unwrap_or(page_body)
}

/// Section headings inside an article's columns: a display line, not much
/// wider than the column, with running text of the same column right above
/// and right below it.
fn mark_headings(blocks: &mut [TBlock]) {
    let body = body_size(blocks);
    let mut found = Vec::new();
    for i in 0..blocks.len() {
        let d = &blocks[i];
        if !matches!(d.role, Some(LineRole::Headline | LineRole::Kicker | LineRole::Subheadline)) || is_vertical(d) || d.lines.len() > 4 {
            continue;
        }
        let local = local_body(blocks, i, body);
        if d.size > local * 2.0 {
            continue;
        }
        let w = d.x1 - d.x0;
        let near = |o: &TBlock, above: bool| {
            o.role.is_none()
                && (o.lines.len() >= 2 || !above)
                && overlap_x((o.x0, o.x1), (d.x0, d.x1)) > w * 0.6
                && w <= (o.x1 - o.x0) * 1.15
                && if above { d.y0 >= o.y1 - 1.0 && d.y0 - o.y1 < local * 3.0 } else { o.y0 >= d.y1 - 1.0 && o.y0 - d.y1 < local * 3.0 }
        };
        let above = blocks.iter().any(|o| near(o, true));
        let below = blocks.iter().find(|o| near(o, false));
        // A dateline or byline below opens a new story, not a section.
        let opens_story = below.is_some_and(|o| {
            let t = o.lines[0].text.as_str();
            crate::parse::markers::find_dateline(&crate::parse::inline::clean_spaces(t)).is_some() || crate::parse::markers::byline_kind(t).is_some()
        });
        // Or: well inside the columns under a much larger headline, with
        // running text right below and no rule or other headline between.
        let under_head = below.is_some()
            && blocks.iter().enumerate().any(|(k, h)| {
                k != i
                    && h.role == Some(LineRole::Headline)
                    && !is_vertical(h)
                    && h.size >= d.size * 1.5
                    && h.y1 <= d.y0 + 1.0
                    && overlap_x((h.x0, h.x1), (d.x0, d.x1)) >= w * 0.8
                    && !blocks.iter().enumerate().any(|(m, o)| {
                        m != i && m != k && o.role == Some(LineRole::Headline) && o.size >= d.size * 0.95 && o.y0 >= h.y1 - 1.0 && o.y1 <= d.y0 + 1.0 && overlap_x((o.x0, o.x1), (d.x0, d.x1)) > 0.0
                    })
            });
        if (above || under_head) && below.is_some() && !opens_story {
            found.push(i);
        }
    }
    for i in found {
        blocks[i].role = Some(LineRole::Heading);
    }
}

/// The headline group nearest to block `i`: below a group and overlapping
/// it (distance down from the group), beside a vertical headline (distance
/// down from its top plus across to it), or a long column beside a
/// headline set narrower than its story (distance across).
fn nearest_group(blocks: &[TBlock], i: usize, heads: &[usize], bbox: &[(f32, f32, f32, f32)], body: f32) -> Option<(usize, f32)> {
    let b = &blocks[i];
    heads
        .iter()
        .enumerate()
        .filter_map(|(g, &h)| {
            let (gx0, gy0, gx1, gy1) = bbox[g];
            let (cx, cy) = ((b.x0 + b.x1) * 0.5, (b.y0 + b.y1) * 0.5);
            let d = if cx > gx0 && cx < gx1 && cy > gy0 && cy < gy1 {
                // Inside the area the headline group spans.
                0.0
            } else if is_vertical(&blocks[h]) {
                let o = &blocks[h];
                let beside = b.x0 < o.x0 && b.y0 <= o.y1 + body * 4.0 && b.y1 >= o.y0;
                let under = overlap_x((b.x0, b.x1), (o.x0, o.x1)) > 0.0 && b.y0 >= o.y1 - 1.0;
                // Distance down from the headline's top plus the distance across to it.
                if beside || under { (b.y0 - o.y0).max(0.0) + (o.x0 - b.x1).max(0.0) } else { return None }
            } else if overlap_x((b.x0, b.x1), (gx0, gx1)) > 0.0 && b.y0 >= gy1 - body * 0.5 {
                b.y0 - gy1
            } else if b.y0 >= gy0 - body * 4.0 && b.y0 < blocks[h].y1 && b.y1 > blocks[h].y1 + body * 3.0 && b.lines.len() >= 3 && overlap_x((b.x0, b.x1), (gx0, gx1)) <= 0.0 {
                // A column beside a headline set narrower than its story,
                // starting about level with it.
                (b.x0 - gx1).max(gx0 - b.x1) + body * 2.0
            } else {
                return None;
            };
            Some((g, d))
        })
        .min_by(|x, y| x.1.total_cmp(&y.1))
}

/// The font carrying most characters of body-size text.
fn body_font(blocks: &[TBlock]) -> u16 {
    let body = body_size(blocks);
    let mut fonts: Vec<(u16, usize)> = Vec::new();
    for l in blocks.iter().flat_map(|b| b.lines.iter()).filter(|l| (l.size - body).abs() < 0.3) {
        let n = l.text.chars().count();
        match fonts.iter_mut().find(|(f, _)| *f == l.font) {
            Some(e) => e.1 += n,
            None => fonts.push((l.font, n)),
        }
    }
    fonts.iter().max_by_key(|e| e.1).map(|e| e.0).unwrap_or(0)
}

/// Cut the page into regions, one per headline group: each block of text
/// goes to the nearest headline group above it in its column (or beside a
/// vertical headline); blocks no headline claims form untitled regions.
/// Regions come in the reading order of their first block. (Rules are not
/// used as barriers: on these pages they frame leads and decorate
/// headlines more often than they separate stories.)
pub fn segment(blocks: &mut [TBlock]) -> Vec<Region> {
    mark_headings(blocks);
    let n = blocks.len();
    let body = body_size(blocks);
    let global = order_of(blocks, &(0..n).collect::<Vec<_>>());
    // Headline groups: each headline with the kickers above it and the
    // subheadlines and bylines below it.
    let heads: Vec<usize> = (0..n).filter(|&i| blocks[i].role == Some(LineRole::Headline)).collect();
    let mut group_of: Vec<Option<usize>> = vec![None; n];
    for (g, &h) in heads.iter().enumerate() {
        group_of[h] = Some(g);
    }
    for i in 0..n {
        let b = &blocks[i];
        let want_below = match b.role {
            Some(LineRole::Kicker | LineRole::Column) => true,
            Some(LineRole::Subheadline | LineRole::Byline) => false,
            _ => continue,
        };
        let best = heads
            .iter()
            .enumerate()
            .filter_map(|(g, &h)| {
                let o = &blocks[h];
                let d = if is_vertical(o) {
                    // Beside a vertical headline.
                    if b.y0 >= o.y0 - body && b.y0 <= o.y1 { (b.x0 - o.x1).max(o.x0 - b.x1).max(0.0) } else { return None }
                } else if overlap_x((b.x0, b.x1), (o.x0, o.x1)) > -body {
                    if want_below { o.y0 - b.y1 } else { b.y0 - o.y1 }
                } else {
                    return None;
                };
                (d > -body && d < body * 8.0).then_some((g, d))
            })
            .min_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((g, _)) = best {
            group_of[i] = Some(g);
        }
    }
    let mut bbox: Vec<(f32, f32, f32, f32)> = vec![(f32::MAX, f32::MAX, f32::MIN, f32::MIN); heads.len()];
    for i in 0..n {
        if let Some(g) = group_of[i] {
            let b = &blocks[i];
            let e = &mut bbox[g];
            *e = (e.0.min(b.x0), e.1.min(b.y0), e.2.max(b.x1), e.3.max(b.y1));
        }
    }
    // Every other block to the nearest group above (or beside a vertical headline).
    let mut owner: Vec<Option<usize>> = group_of.clone();
    for i in 0..n {
        if owner[i].is_some() || blocks[i].role == Some(LineRole::Furniture) {
            continue;
        }
        let best = nearest_group(blocks, i, &heads, &bbox, body);
        owner[i] = best.map(|(g, _)| g);
    }
    // Short blocks set side by side in a face other than the body's (one
    // caption under two photos) go together, to the group nearest to any.
    let body_font = body_font(blocks);
    let sib = |b: &TBlock| b.lines.len() <= 5 && b.role.is_none() && b.lines[0].font != body_font;
    for i in 0..n {
        if group_of[i].is_some() || !sib(&blocks[i]) {
            continue;
        }
        let b = &blocks[i];
        let row: Vec<usize> = (0..n)
            .filter(|&k| {
                let o = &blocks[k];
                group_of[k].is_none() && sib(o) && (o.y0 - b.y0).abs() < 1.0 && (o.size - b.size).abs() < 0.3 && o.lines[0].font == b.lines[0].font && (o.x0 - b.x1).max(b.x0 - o.x1) < b.size * 4.0
            })
            .collect();
        if row.len() < 2 {
            continue;
        }
        let best = row.iter().filter_map(|&k| nearest_group(blocks, k, &heads, &bbox, body)).min_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((g, _)) = best {
            for k in row {
                owner[k] = Some(g);
            }
        }
    }
    // Regions in reading order.
    let mut regions: Vec<Region> = Vec::new();
    let mut of_group: Vec<Option<usize>> = vec![None; heads.len()];
    let mut untitled_open: Option<usize> = None;
    for &i in &global {
        match owner[i] {
            Some(g) => {
                untitled_open = None;
                if of_group[g].is_none() {
                    of_group[g] = Some(regions.len());
                    regions.push(Region { blocks: Vec::new(), titled: true });
                }
                regions[of_group[g].unwrap()].blocks.push(i);
            }
            None => {
                let r = match untitled_open {
                    Some(r) => r,
                    None => {
                        regions.push(Region { blocks: Vec::new(), titled: false });
                        untitled_open = Some(regions.len() - 1);
                        regions.len() - 1
                    }
                };
                regions[r].blocks.push(i);
            }
        }
    }
    // Inside a titled region: the headline group top to bottom, then the rest in reading order.
    for r in regions.iter_mut().filter(|r| r.titled) {
        let (mut head, rest): (Vec<usize>, Vec<usize>) = r.blocks.iter().partition(|&&i| group_of[i].is_some());
        head.sort_by(|&a, &b| blocks[a].y0.total_cmp(&blocks[b].y0).then(blocks[a].x0.total_cmp(&blocks[b].x0)));
        let rest = order_of(blocks, &rest);
        r.blocks = head.into_iter().chain(rest).collect();
    }
    // A label alone (`◇简讯◇`, a series name) heads the stories below it:
    // it becomes the column label of the first of them.
    let label_like = |t: &str| {
        let n = solid_len(t);
        n <= 6 || t.contains(['◇', '◆', '【', '|', '｜', '·'])
    };
    let mut k = 0;
    while k < regions.len() {
        let r = &regions[k];
        let only_head = r.titled && r.blocks.iter().all(|&i| group_of[i].is_some()) && r.blocks.len() == 1;
        if only_head {
            let i = r.blocks[0];
            let l = &blocks[i];
            let text: String = l.lines.iter().map(|x| x.text.as_str()).collect();
            if label_like(&text) && !is_vertical(l) {
                // The nearest titled region whose headline group starts below it, overlapping it.
                let target = (0..regions.len())
                    .filter(|&j| j != k && regions[j].titled)
                    .filter_map(|j| {
                        let h = regions[j].blocks[0];
                        let o = &blocks[h];
                        (o.y0 >= l.y1 - 1.0 && overlap_x((o.x0, o.x1), (l.x0, l.x1)) > 0.0).then_some((j, o.y0 - l.y1))
                    })
                    .min_by(|a, b| a.1.total_cmp(&b.1))
                    .map(|t| t.0);
                if let Some(j) = target {
                    blocks[i].role = Some(LineRole::Column);
                    regions[j].blocks.insert(0, i);
                    regions.remove(k);
                    continue;
                }
            }
        }
        k += 1;
    }
    regions
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

/// Punctuation whose ink sits in the left half of its em box.
fn ink_left(c: char) -> bool {
    matches!(c, '。' | '，' | '、' | '：' | '；' | '！' | '？' | '）' | '」' | '』' | '”' | '’' | '》' | '〉' | '】' | '〕')
}

/// Punctuation whose ink sits in the right half of its em box.
fn ink_right(c: char) -> bool {
    matches!(c, '“' | '‘' | '（' | '《' | '「' | '『' | '【' | '〈' | '〔')
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
    // Open lines by the baseline of their last glyph, in bands of `BAND`
    // points, so a glyph is compared only with lines near its baseline.
    const BAND: f32 = 4.0;
    let band = |y: f32| (y / BAND).floor() as i64;
    let mut by_band: HashMap<i64, Vec<usize>> = HashMap::new();
    let mut near: Vec<usize> = Vec::new();
    for g in horiz {
        let mut best: Option<(usize, f32)> = None;
        near.clear();
        // A line joins only within 0.3 of the larger size, and sizes differ by at most 30%.
        let reach = g.size * 0.45;
        for k in band(g.y1 - reach)..=band(g.y1 + reach) {
            if let Some(v) = by_band.get(&k) {
                near.extend_from_slice(v);
            }
        }
        near.sort_unstable();
        for &i in near.iter() {
            let l = &open[i];
            let last = l[l.len() - 1];
            let s = last.size.max(g.size);
            if (last.size - g.size).abs() > s * 0.3 {
                continue;
            }
            let dy = (last.y1 - g.y1).abs();
            let gap = g.x0 - last.x1;
            // Punctuation set in half its em (`。“`, `：“`) may start where the glyph before it starts.
            let squeezed = last.text.chars().all(crate::parse::inline::is_cjk_punct) || g.text.chars().all(crate::parse::inline::is_cjk_punct);
            let forward = g.x0 > last.x0 + s * 0.05 || (squeezed && g.x0 >= last.x0 - s * 0.02 && g.text != last.text);
            // Full-width punctuation inks one half of its em: the gap the eye
            // sees after `。，：` or before `“（《` is half an em wider (a narrow
            // column gutter otherwise looks like a word space).
            let mut seen = gap;
            if gap > s * 0.1 {
                if last.text.chars().last().is_some_and(ink_left) {
                    seen += s * 0.5;
                }
                if g.text.chars().next().is_some_and(ink_right) {
                    seen += s * 0.5;
                }
            }
            if dy < s * 0.3 && forward && gap > -s * 1.05 && gap < s * 0.75 && seen < s * 0.9 {
                let score = dy + gap.abs() * 0.1;
                if best.is_none_or(|(_, b)| score < b) {
                    best = Some((i, score));
                }
            }
        }
        let (i, old) = match best {
            Some((i, _)) => {
                let old = band(open[i][open[i].len() - 1].y1);
                open[i].push(g);
                (i, Some(old))
            }
            None => {
                open.push(vec![g]);
                (open.len() - 1, None)
            }
        };
        let new = band(g.y1);
        if old != Some(new) {
            if let Some(v) = old.and_then(|o| by_band.get_mut(&o)) {
                v.retain(|&x| x != i);
            }
            by_band.entry(new).or_default().push(i);
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

/// The body type size of a page's lines: the size carrying most characters.
fn line_body_size(lines: &[TLine]) -> f32 {
    dominant_size(lines.iter())
}

/// The type size that carries the most characters (ties: the smaller).
fn dominant_size<'a>(lines: impl Iterator<Item = &'a TLine>) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for l in lines {
        let n = l.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (*s - l.size).abs() < 0.3) {
            Some(e) => e.1 += n,
            None => sizes.push((l.size, n)),
        }
    }
    sizes.iter().max_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0))).map(|e| e.0).unwrap_or(9.0)
}

fn solid_len(t: &str) -> usize {
    t.chars().filter(|c| !c.is_whitespace()).count()
}

/// Join short pieces of one display line that the print spaces widely
/// apart: a kicker of four phrases (`防风险　严监管　活实体　促发展`), a
/// letter-spaced byline (`胡鞍钢　张　新`). Pieces of the same size and font on
/// one baseline, each short, at most 2.5 em apart, larger than body type;
/// the gap is kept as a space.
pub fn join_pieces(mut lines: Vec<TLine>) -> Vec<TLine> {
    let body = line_body_size(&lines);
    lines.sort_by(|a, b| a.y1.total_cmp(&b.y1).then(a.x0.total_cmp(&b.x0)));
    let mut out: Vec<TLine> = Vec::with_capacity(lines.len());
    for l in lines {
        let joinable = |p: &TLine| {
            !p.vertical
                && !l.vertical
                && p.font == l.font
                && (p.size - l.size).abs() < l.size * 0.05
                && l.size > body * 1.05
                && (p.y1 - l.y1).abs() < l.size * 0.2
                && l.x0 > p.x1 - l.size * 0.1
                && l.x0 - p.x1 < l.size * 2.5
                && solid_len(&l.text) <= 8
                && p.text.split_whitespace().last().is_some_and(|w| solid_len(w) <= 8)
        };
        // A photo credit set apart on the caption's baseline (`…抓获。      警方供图`).
        let credit = |p: &TLine| {
            !p.vertical
                && !l.vertical
                && p.font == l.font
                && (p.size - l.size).abs() < l.size * 0.05
                && (p.y1 - l.y1).abs() < l.size * 0.2
                && l.x0 > p.x1
                && l.x0 - p.x1 < l.size * 10.0
                && solid_len(&l.text) <= 12
                && crate::parse::markers::find_credit(&l.text) == Some(0)
        };
        // The nearest line to the left on the same baseline, if it is a piece to join.
        let k = out
            .iter()
            .enumerate()
            .filter(|(_, p)| !p.vertical && (p.y1 - l.y1).abs() < l.size * 0.3 && p.x1 <= l.x0 + l.size * 0.1)
            .max_by(|a, b| a.1.x1.total_cmp(&b.1.x1))
            .filter(|(_, p)| joinable(p) || credit(p))
            .map(|(k, _)| k);
        match k {
            Some(k) => {
                let p = &mut out[k];
                p.text.push(' ');
                p.text.push_str(&l.text);
                p.x1 = l.x1;
                p.y0 = p.y0.min(l.y0);
                p.y1 = p.y1.max(l.y1);
            }
            None => out.push(l),
        }
    }
    out
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
                let gap = l.y0 - last.y1;
                // A change of face inside running text (a bold lead-in, a
                // line of figures) keeps the block when the lines are tight.
                let same_face = last.font == l.font || ((last.size - l.size).abs() < l.size * 0.05 && gap < l.size * 0.6);
                if last.vertical || (last.size - l.size).abs() > l.size.max(last.size) * 0.12 || !same_face {
                    continue;
                }
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
    dominant_size(blocks.iter().flat_map(|b| b.lines.iter()))
}

/// Only names: one to four tokens of one to four Han characters
/// (`胡鞍钢 张 新`, `刘 宾 胡瑞华`), two to twelve in all.
fn names_only(t: &str) -> bool {
    let toks: Vec<&str> = t.split_whitespace().collect();
    let han: usize = toks.iter().map(|x| x.chars().count()).sum();
    !toks.is_empty() && toks.len() <= 6 && (2..=12).contains(&han) && toks.iter().all(|x| x.chars().count() <= 4 && x.chars().all(crate::parse::inline::is_han))
}

/// Roles from type size and position: display type is a headline, a
/// smaller display line just above a headline is its kicker and just below
/// it a subheadline; a line of names only, set apart in a type between body
/// and display size near a headline, is a byline; small type in the top
/// margin is furniture. Body-size text is left to the parser's textual cues
/// (bylines, captions, furniture patterns).
pub fn classify(blocks: &mut [TBlock], page: &PdfPage) {
    let body = body_size(blocks);
    let big = body * 1.6;
    let n_of = |b: &TBlock| -> usize { b.lines.iter().map(|l| solid_len(&l.text)).sum() };
    let text_of = |b: &TBlock| -> String { b.lines.iter().map(|l| l.text.as_str()).collect::<Vec<_>>().join(" ") };
    // Headlines first: the other roles are judged by their distance to one.
    // Display type is short and makes no full sentences (a caption set in
    // a larger face does).
    let display = |b: &TBlock| {
        let n = n_of(b);
        n >= 2 && n <= 80 && b.lines.len() <= 4 && !b.lines.iter().any(|l| l.text.contains('。'))
    };
    let top = page.height * 0.07;
    let heads: Vec<usize> = (0..blocks.len()).filter(|&i| blocks[i].size >= big && display(&blocks[i]) && blocks[i].y1 >= top).collect();
    // Is block b within `reach` below (or beside, for vertical headlines) a headline or subheadline?
    let near_head = |b: &TBlock, reach: f32| {
        heads.iter().any(|&h| {
            let o = &blocks[h];
            let vertical = o.lines.iter().all(|l| l.vertical);
            if vertical {
                b.y0 >= o.y0 - body && b.y0 < o.y1 && (b.x1 <= o.x0 + body && o.x0 - b.x1 < reach || b.x0 >= o.x1 - body && b.x0 - o.x1 < reach)
            } else {
                o.x1.min(b.x1) - o.x0.max(b.x0) > -body && b.y0 >= o.y1 - 1.0 && b.y0 - o.y1 < reach
            }
        })
    };
    let mut roles = vec![None; blocks.len()];
    for i in 0..blocks.len() {
        let b = &blocks[i];
        let n = n_of(b);
        let t = text_of(b);
        // Sizes are judged against the running text around the block (a
        // page of small-type notices has news in larger type above them).
        let body = local_body(blocks, i, body);
        let big = body * 1.6;
        let mid = body * 1.15;
        roles[i] = if b.y1 < top && (b.size < big || n <= 8) {
            Some(LineRole::Furniture)
        } else if b.lines.len() == 1 && b.size >= body * 1.02 && b.size < big && names_only(&t) && near_head(b, body * 12.0) {
            Some(LineRole::Byline)
        } else if b.size >= big && display(b) {
            Some(LineRole::Headline)
        } else if b.size >= mid && display(b) {
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
        } else if b.y0 > page.height * 0.96 && b.size < body * 0.95 {
            // Small type at the foot of the page: a footer.
            Some(LineRole::Furniture)
        } else {
            None
        };
    }
    // Two display blocks stacked in one column: the larger is the headline,
    // a smaller one right above it its kicker, right below it its subheadline.
    let mut stacked = roles.clone();
    let head_idx: Vec<usize> = (0..blocks.len()).filter(|&k| roles[k] == Some(LineRole::Headline)).collect();
    for i in 0..blocks.len() {
        if roles[i] != Some(LineRole::Headline) {
            continue;
        }
        let b = &blocks[i];
        let larger = |o: &TBlock, below: bool| {
            o.size >= b.size * 1.15
                && o.x1.min(b.x1) - o.x0.max(b.x0) > (b.x1 - b.x0).min(o.x1 - o.x0) * 0.85
                && if below { o.y0 >= b.y1 - 1.0 && o.y0 - b.y1 < b.size * 1.2 } else { b.y0 >= o.y1 - 1.0 && b.y0 - o.y1 < b.size * 1.2 }
        };
        if head_idx.iter().any(|&k| larger(&blocks[k], true)) {
            stacked[i] = Some(LineRole::Kicker);
        } else if head_idx.iter().any(|&k| larger(&blocks[k], false)) {
            stacked[i] = Some(LineRole::Subheadline);
        }
    }
    for (b, r) in blocks.iter_mut().zip(stacked) {
        b.role = r;
    }
}

/// The left edge of a block's text column: the x where most of its lines
/// start (at least two of them), or `None`.
fn left_edge(b: &TBlock) -> Option<f32> {
    let mut bins: Vec<(f32, usize)> = Vec::new();
    for l in b.lines.iter().filter(|l| !l.vertical) {
        match bins.iter_mut().find(|(x, _)| (*x - l.x0).abs() < l.size * 0.25) {
            Some(e) => e.1 += 1,
            None => bins.push((l.x0, 1)),
        }
    }
    // The most lines; among equals, the leftmost (indents are to the right).
    let mode = bins.iter().filter(|e| e.1 >= 2).max_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0))).map(|e| e.0)?;
    // Short paragraphs (a lead of one- and two-line paragraphs) make the
    // indent the commonest start: a line an indent further left is the edge.
    let size = b.size.max(1.0);
    let left = b.lines.iter().filter(|l| !l.vertical).map(|l| l.x0).filter(|&x| (0.9..4.2).contains(&((mode - x) / size))).fold(f32::MAX, f32::min);
    Some(if left < f32::MAX { left } else { mode })
}

/// Paragraph signal of each line of each body block, from its indent
/// against the column's left edge: an indent of one to four ems is a
/// paragraph's first line, a flush line carries on the paragraph before it.
/// A block too short to show its own edge takes the edge of the nearest
/// block of the same column.
pub fn para_hints(blocks: &[TBlock]) -> Vec<Vec<Option<bool>>> {
    let own: Vec<Option<f32>> = blocks.iter().map(|b| if b.role.is_none() { left_edge(b) } else { None }).collect();
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
                    .filter(|&k| k != i && own[k].is_some() && (blocks[k].size - b.size).abs() < b.size * 0.1)
                    .filter(|&k| {
                        let o = &blocks[k];
                        let ov = o.x1.min(b.x1) - o.x0.max(b.x0);
                        ov > (b.x1 - b.x0).min(o.x1 - o.x0) * 0.5
                    })
                    .min_by(|&x, &y| {
                        let d = |k: usize| (blocks[k].y0 - b.y1).abs().min((b.y0 - blocks[k].y1).abs());
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
                    let hangs = l.text.chars().next().is_some_and(ink_right) && (-0.75..0.0).contains(&ind);
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

/// Emit the page's lines: a blank line between blocks and before each
/// indented first line of a paragraph, with the paragraph signal of
/// [`para_hints`]. `line` is the running line number.
pub fn emit(blocks: &[TBlock], regions: &[Region], fonts: &[String], line: &mut u32) -> Vec<crate::parse::SourceLine> {
    use crate::parse::SourceLine;
    let hints = para_hints(blocks);
    let mut out = Vec::new();
    let blank = |out: &mut Vec<SourceLine>, line: &mut u32, region: u32| {
        if out.last().is_some_and(|l: &SourceLine| !l.text.is_empty()) {
            *line += 1;
            out.push(SourceLine { text: String::new(), line: *line, region: Some(region), ..Default::default() });
        }
    };
    for (ri, r) in regions.iter().enumerate() {
        let region = ri as u32;
        for &bi in &r.blocks {
            let b = &blocks[bi];
            blank(&mut out, line, region);
            for (k, l) in b.lines.iter().enumerate() {
                let para = hints[bi][k];
                if k > 0 && para == Some(true) {
                    blank(&mut out, line, region);
                }
                *line += 1;
                out.push(SourceLine {
                    text: l.text.clone(),
                    line: *line,
                    geom: Some(Geom { x0: l.x0, y0: l.y0, x1: l.x1, y1: l.y1, size: l.size, font: fonts.get(l.font as usize).cloned().unwrap_or_default() }),
                    // In a titled region every display line is known: the rest is body.
                    role: b.role.or(r.titled.then_some(LineRole::Body)),
                    para,
                    region: Some(region),
                });
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, y0: f32, x1: f32, size: f32) -> TLine {
        TLine { text: text.into(), x0, y0, x1, y1: y0 + size, size, font: 0, vertical: false }
    }

    fn block(lines: Vec<TLine>, role: Option<LineRole>) -> TBlock {
        let (x0, y0) = (lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min), lines.iter().map(|l| l.y0).fold(f32::MAX, f32::min));
        let (x1, y1) = (lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max), lines.iter().map(|l| l.y1).fold(f32::MIN, f32::max));
        TBlock { size: lines[0].size, x0, y0, x1, y1, role, lines }
    }

    fn column(x0: f32, y0: f32, n: usize, indent_at: &[usize]) -> TBlock {
        let lines = (0..n)
            .map(|k| {
                let x = if indent_at.contains(&k) { x0 + 16.6 } else { x0 };
                line("正文正文正文正文正文正文正文正文", x, y0 + k as f32 * 12.0, x0 + 140.0, 8.3)
            })
            .collect();
        block(lines, None)
    }

    #[test]
    fn pieces_of_one_display_line_are_joined_with_a_space() {
        let mut lines: Vec<TLine> = (0..20).map(|k| line("正文正文正文正文", 10.0, 200.0 + k as f32 * 12.0, 150.0, 8.3)).collect();
        lines.push(line("防风险", 180.0, 100.0, 230.0, 16.6));
        lines.push(line("严监管", 250.0, 100.0, 300.0, 16.6));
        lines.push(line("胡鞍钢", 278.0, 150.0, 309.0, 9.7));
        lines.push(line("张", 320.0, 150.0, 330.0, 9.7));
        let out = join_pieces(lines);
        let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"防风险 严监管"), "{texts:?}");
        assert!(texts.contains(&"胡鞍钢 张"), "{texts:?}");
        // Body lines are never joined across a gutter.
        assert_eq!(out.len(), 22);
    }

    #[test]
    fn indented_lines_start_paragraphs_and_flush_lines_carry_on() {
        let blocks = vec![column(10.0, 100.0, 6, &[0, 3])];
        let hints = para_hints(&blocks);
        assert_eq!(hints[0], vec![Some(true), Some(false), Some(false), Some(true), Some(false), Some(false)]);
        // A one-line block borrows the edge of its column.
        let blocks = vec![column(10.0, 100.0, 6, &[0]), block(vec![line("续行", 10.0, 200.0, 150.0, 8.3)], None)];
        assert_eq!(para_hints(&blocks)[1], vec![Some(false)]);
    }

    #[test]
    fn each_headline_claims_the_columns_below_it() {
        let mut blocks = vec![
            block(vec![line("左边的标题", 10.0, 50.0, 300.0, 30.0)], Some(LineRole::Headline)),
            block(vec![line("右边的标题", 330.0, 50.0, 620.0, 30.0)], Some(LineRole::Headline)),
            column(10.0, 100.0, 10, &[0]),
            column(160.0, 100.0, 10, &[]),
            column(330.0, 100.0, 10, &[0]),
            column(480.0, 100.0, 10, &[]),
        ];
        let regions = segment(&mut blocks);
        let titled: Vec<&Vec<usize>> = regions.iter().filter(|r| r.titled).map(|r| &r.blocks).collect();
        assert_eq!(titled, vec![&vec![0, 2, 3], &vec![1, 4, 5]]);
    }
}
