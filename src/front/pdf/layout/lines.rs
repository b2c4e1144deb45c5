//! Glyphs into lines: horizontal lines along their baselines, vertical
//! text as columns of upright glyphs, and the pieces of one widely spaced
//! display line joined.

use super::super::extract::{Dir, Glyph, Rule};
use super::{line_body_size, solid_len, TLine};
use foldhash::HashMap;

/// Punctuation whose ink sits in the left half of its em box.
fn ink_left(c: char) -> bool {
    matches!(
        c,
        '。' | '，'
            | '、'
            | '：'
            | '；'
            | '！'
            | '？'
            | '）'
            | '」'
            | '』'
            | '”'
            | '’'
            | '》'
            | '〉'
            | '】'
            | '〕'
    )
}

/// Punctuation whose ink sits in the right half of its em box.
pub(super) fn ink_right(c: char) -> bool {
    matches!(
        c,
        '“' | '‘' | '（' | '《' | '「' | '『' | '【' | '〈' | '〔'
    )
}

fn is_wordish(c: char) -> bool {
    c.is_ascii_alphanumeric()
}

/// Rules looked at between two glyphs at most (see [`Walls::between`]).
const MAX_WALLS_IN_GAP: usize = 64;

/// The vertical rules of a page, by position across: a story never runs
/// across a column rule, so neither does a line of type. Two short
/// headlines side by side over two stories sit closer than a word space of
/// their size; the rule between them is what keeps them apart.
#[derive(Debug, Clone, Default)]
pub struct Walls {
    /// (x, top, bottom) of each vertical rule, by x.
    walls: Vec<(f32, f32, f32)>,
}

impl Walls {
    /// The vertical rules among `rules`.
    pub fn new(rules: &[Rule]) -> Walls {
        let mut walls: Vec<(f32, f32, f32)> = rules.iter().filter(|r| !r.horizontal() && (r.x0 + r.x1).is_finite()).map(|r| ((r.x0 + r.x1) * 0.5, r.y0.min(r.y1), r.y0.max(r.y1))).collect();
        walls.sort_by(|a, b| a.0.total_cmp(&b.0));
        Walls { walls }
    }

    /// Is there a rule strictly between `xa` and `xb` across the band
    /// `ya..yb` (covering its middle)?
    pub fn between(&self, xa: f32, xb: f32, ya: f32, yb: f32) -> bool {
        if xb <= xa {
            return false;
        }
        let mid = (ya + yb) * 0.5;
        let from = self.walls.partition_point(|w| w.0 <= xa);
        // More rules in one word space than any page draws: a grid or a
        // hostile file; treat it as a wall rather than scan them all.
        let mut seen = 0;
        self.walls[from..].iter().take_while(|w| w.0 < xb).any(|w| {
            seen += 1;
            seen > MAX_WALLS_IN_GAP || w.1 <= mid && w.2 >= mid
        })
    }
}

/// Group glyphs into lines; no line crosses one of the `walls`.
pub fn lines(glyphs: &[Glyph], walls: &Walls) -> Vec<TLine> {
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
    let open = horizontal_lines(horiz, walls);
    // Single upright glyphs stacked in a column are vertical text set glyph by glyph.
    let (singles, multi): (Vec<Vec<&Glyph>>, Vec<Vec<&Glyph>>) = open
        .into_iter()
        .partition(|l| l.len() == 1 && l[0].size >= 10.0);
    let mut stack: Vec<&Glyph> = singles.iter().map(|l| l[0]).collect();
    for l in multi {
        out.push(make_line(&l, false));
    }
    stack.extend(vert);
    for mut l in vertical_lines(stack) {
        if l.iter().all(|g| g.dir == Dir::Ccw) {
            l.reverse();
        }
        out.push(make_line(&l, l.len() > 1));
    }
    out
}

/// Where a glyph sorts along its line: its left edge, a quarter em on for
/// punctuation inking the right half of its em (`“（《`). A squeezed `。“`
/// sets both marks in one em box: the closing mark reads first, whichever
/// way the two equal left edges happen to round.
fn sort_x(g: &Glyph) -> f32 {
    g.bbox.x0 + if g.text.chars().next().is_some_and(ink_right) { g.size * 0.25 } else { 0.0 }
}

/// Horizontal lines: glyphs by left edge (see [`sort_x`]); each joins the open line on its
/// baseline whose last glyph it follows closely.
fn horizontal_lines<'g>(mut horiz: Vec<&'g Glyph>, walls: &Walls) -> Vec<Vec<&'g Glyph>> {
    horiz.sort_by(|a, b| sort_x(a).total_cmp(&sort_x(b)).then(a.bbox.y0.total_cmp(&b.bbox.y0)));
    let mut open: Vec<Vec<&Glyph>> = Vec::new();
    // Open lines by the baseline of their last glyph, in bands of `BAND`
    // points, so a glyph is compared only with lines near its baseline.
    const BAND: f32 = 4.0;
    let band = |y: f32| (y / BAND).floor() as i64;
    let mut by_band: HashMap<i64, Vec<usize>> = HashMap::default();
    let mut near: Vec<usize> = Vec::new();
    for g in horiz {
        let mut best: Option<(usize, f32)> = None;
        near.clear();
        // A line joins only within 0.3 of the larger size, and sizes differ by at most 30%.
        let reach = g.size * 0.45;
        for k in band(g.bbox.y1 - reach)..=band(g.bbox.y1 + reach) {
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
            let dy = (last.bbox.y1 - g.bbox.y1).abs();
            let gap = g.bbox.x0 - last.bbox.x1;
            // Punctuation set in half its em (`。“`, `：“`) may start where the glyph before it starts.
            let squeezed = last.text.chars().all(crate::parse::inline::is_cjk_punct)
                || g.text.chars().all(crate::parse::inline::is_cjk_punct);
            let forward = g.bbox.x0 > last.bbox.x0 + s * 0.05
                || (squeezed && g.bbox.x0 >= last.bbox.x0 - s * 0.02 && g.text != last.text);
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
            if dy < s * 0.3 && forward && gap > -s * 1.05 && gap < s * 0.75 && seen < s * 0.9 && !walls.between(last.bbox.x1, g.bbox.x0, g.bbox.y0, g.bbox.y1) {
                let score = dy + gap.abs() * 0.1;
                if best.is_none_or(|(_, b)| score < b) {
                    best = Some((i, score));
                }
            }
        }
        let (i, old) = match best {
            Some((i, _)) => {
                let old = band(open[i][open[i].len() - 1].bbox.y1);
                open[i].push(g);
                (i, Some(old))
            }
            None => {
                open.push(vec![g]);
                (open.len() - 1, None)
            }
        };
        let new = band(g.bbox.y1);
        if old != Some(new) {
            if let Some(v) = old.and_then(|o| by_band.get_mut(&o)) {
                v.retain(|&x| x != i);
            }
            by_band.entry(new).or_default().push(i);
        }
    }
    open
}

/// Vertical lines: glyphs top to bottom, each joining the column whose
/// last glyph it stands under.
fn vertical_lines(mut stack: Vec<&Glyph>) -> Vec<Vec<&Glyph>> {
    stack.sort_by(|a, b| {
        a.bbox
            .y0
            .total_cmp(&b.bbox.y0)
            .then(a.bbox.x0.total_cmp(&b.bbox.x0))
    });
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
            let gap = g.bbox.y0 - last.bbox.y1;
            if dx < s * 0.3
                && g.bbox.y0 > last.bbox.y0 + s * 0.05
                && gap > -s * 0.9
                && gap < s * 1.2
            {
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
    vopen
}

fn make_line(gs: &[&Glyph], vertical: bool) -> TLine {
    let mut text = String::new();
    let (mut x0, mut y0, mut x1, mut y1) = (f32::MAX, f32::MAX, f32::MIN, f32::MIN);
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    let mut fonts: Vec<(u16, usize)> = Vec::new();
    let mut prev: Option<&Glyph> = None;
    for g in gs {
        if let Some(p) = prev {
            let gap = if vertical {
                g.bbox.y0 - p.bbox.y1
            } else {
                g.bbox.x0 - p.bbox.x1
            };
            let s = g.size.max(p.size);
            let pc = p.text.chars().last().unwrap_or(' ');
            let gc = g.text.chars().next().unwrap_or(' ');
            let latin = is_wordish(pc) && is_wordish(gc);
            if (latin && gap > s * 0.15) || gap > s * 0.3 {
                text.push(' ');
            }
        }
        text.push_str(&g.text);
        x0 = x0.min(g.bbox.x0);
        y0 = y0.min(g.bbox.y0);
        x1 = x1.max(g.bbox.x1);
        y1 = y1.max(g.bbox.y1);
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
    let size = sizes
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(a.0.total_cmp(&b.0)))
        .map(|e| e.0)
        .unwrap_or(0.0);
    let font = fonts.iter().max_by_key(|e| e.1).map(|e| e.0).unwrap_or(0);
    TLine {
        text,
        x0,
        y0,
        x1,
        y1,
        size,
        font,
        vertical,
    }
}

/// Join short pieces of one display line that the print spaces widely
/// apart: a kicker of four phrases (`防风险　严监管　活实体　促发展`), a
/// letter-spaced byline (`胡鞍钢　张　新`). Pieces of the same size and font on
/// one baseline, each short, at most 2.5 em apart, larger than body type;
/// the gap is kept as a space.
pub fn join_pieces(mut lines: Vec<TLine>, walls: &Walls) -> Vec<TLine> {
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
                && p.text
                    .split_whitespace()
                    .last()
                    .is_some_and(|w| solid_len(w) <= 8)
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
            .filter(|(_, p)| {
                !p.vertical && (p.y1 - l.y1).abs() < l.size * 0.3 && p.x1 <= l.x0 + l.size * 0.1
            })
            .max_by(|a, b| a.1.x1.total_cmp(&b.1.x1))
            .filter(|(_, p)| (joinable(p) || credit(p)) && !walls.between(p.x1, l.x0, l.y0, l.y1))
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
