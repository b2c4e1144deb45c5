//! Pass 2, lines: measure every line (display width, the column width around
//! it, sentence ends) and classify it by shape: furniture, byline,
//! subheadline, title, caption, credit or body. A front end's role hint
//! (PDF input) wins over the shape rules.

use super::inline::{self, clean_spaces, ends_continuing, ends_sentence, has_inner_punct, is_han, is_space, width};
use super::markers::{self, BylineShape, JumpMark};
use super::{LineRole, SourceLine};

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Empty line: a block break.
    Blank,
    /// Page furniture of the given kind (`page`, `date`, `credit`, `contact`, `section`, `masthead`).
    Furniture(&'static str),
    /// Part of a display title: headline, kicker, column label or section heading.
    Title,
    /// A subheadline line (`——…`).
    Sub,
    /// A byline line.
    Byline(BylineShape),
    /// Photo caption text.
    Caption,
    /// A photo credit alone on its line (`警方供图`).
    Credit,
    /// A line that is only a jump marker (`（下转第二版）`).
    Jump,
    /// Body text.
    Body,
}

/// One measured, classified line.
#[derive(Debug, Clone)]
pub struct Line {
    /// Input line number.
    pub no: u32,
    /// The text, trimmed.
    pub raw: String,
    /// The text with extractor spaces removed.
    pub clean: String,
    /// Display width of `clean`.
    pub w: u32,
    /// Width of the text column around the line.
    pub col: u32,
    /// True for the first line after a blank line (or the page start).
    pub run_start: bool,
    /// The classification.
    pub kind: Kind,
    /// A jump marker ending the line.
    pub jump: Option<JumpMark>,
    /// The front end's hint.
    pub role: Option<LineRole>,
    /// The front end's paragraph signal (see [`SourceLine::para`]).
    pub para: Option<bool>,
}

impl Line {
    /// True when the line is noticeably shorter than its column.
    pub fn is_short(&self) -> bool {
        self.w + 4 <= self.col
    }
}

fn names_only(t: &str) -> bool {
    let toks: Vec<&str> = t.split_whitespace().collect();
    let han: usize = t.chars().filter(|c| is_han(*c)).count();
    let max = if toks.len() == 1 { 4 } else { 3 };
    !toks.is_empty() && toks.len() <= 6 && (2..=12).contains(&han) && toks.iter().all(|x| x.chars().all(is_han) && x.chars().count() <= max)
}

/// A visual gap between two words of a display line (`海葬有补贴 树葬等减千元购墓费用`):
/// a space between two runs of two or more CJK letters (not letter spacing,
/// not the space an extractor puts beside a digit).
fn visual_gap(raw: &str) -> bool {
    let toks: Vec<&str> = raw.split_whitespace().collect();
    toks.windows(2).any(|w| {
        w[0].chars().count() >= 2 && w[1].chars().count() >= 2 && w[0].chars().last().is_some_and(|c| is_han(c) || inline::is_cjk_punct(c)) && w[1].chars().next().is_some_and(is_han)
    })
}

/// Measure and classify the lines of one page.
pub fn classify(src: &[SourceLine]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::with_capacity(src.len());
    let mut after_blank = true;
    for s in src {
        let raw = s.text.trim().to_string();
        if raw.is_empty() {
            lines.push(Line { no: s.line, raw, clean: String::new(), w: 0, col: 0, run_start: false, kind: Kind::Blank, jump: None, role: s.role, para: None });
            after_blank = true;
            continue;
        }
        let clean = clean_spaces(&raw);
        let w = width(&clean);
        lines.push(Line { no: s.line, jump: markers::find_jump(&raw), raw, clean, w, col: 0, run_start: after_blank, kind: Kind::Body, role: s.role, para: s.para });
        after_blank = false;
    }
    measure_columns(&mut lines);
    assign_kinds(&mut lines);
    lines
}

/// The column width around each line: the (second) widest line of its
/// block when the block has four lines or more, else the last such block
/// before it, else the next one.
fn measure_columns(lines: &mut [Line]) {
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
        Some(if ws.len() >= 5 { ws[ws.len() - 2] } else { ws[ws.len() - 1] })
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
        for l in &mut lines[s..e] {
            l.col = c;
        }
        if cols[k].is_some() {
            prev = cols[k];
        }
    }
}

fn role_kind(r: LineRole) -> Kind {
    match r {
        LineRole::Headline | LineRole::Kicker | LineRole::Column | LineRole::Heading => Kind::Title,
        LineRole::Subheadline => Kind::Sub,
        LineRole::Byline => Kind::Byline(BylineShape::Marked),
        LineRole::Body => Kind::Body,
        LineRole::Caption => Kind::Caption,
        LineRole::Furniture => Kind::Furniture("other"),
    }
}

fn is_sub(t: &str) -> bool {
    t.starts_with("——") || t.starts_with("--") || t.starts_with("―")
}

/// Could this text be (part of) a display title, judging by its own shape?
fn title_shape(l: &Line) -> bool {
    let t = &l.clean;
    // The cheap tests of the expression below first (no counting; 40 characters are at most 160 bytes).
    if l.jump.is_some() || t.len() > 160 || t.contains('。') || ends_sentence(t) || ends_continuing(t) {
        return false;
    }
    let (mut n, mut han, mut solid) = (0usize, 0usize, 0usize);
    for c in t.chars() {
        n += 1;
        han += is_han(c) as usize;
        solid += !is_space(c) as usize;
    }
    let bracketed = (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')'));
    n <= 40 && han >= 2 && han * 2 >= solid && !bracketed && !ends_sentence(t) && !ends_continuing(t) && !t.contains('。') && markers::find_dateline(t).is_none() && l.jump.is_none()
}

fn short_title_shape(l: &Line) -> bool {
    title_shape(l) && l.w * 10 <= l.col * 7 && !has_inner_punct(&l.clean)
}

fn assign_kinds(lines: &mut [Line]) {
    let n = lines.len();
    // Furniture: anywhere by pattern; in the page head also short section names.
    let mut in_head = true;
    for i in 0..n {
        if lines[i].kind == Kind::Blank {
            continue;
        }
        if let Some(r) = lines[i].role {
            lines[i].kind = role_kind(r);
            if r != LineRole::Furniture {
                in_head = false;
            }
            continue;
        }
        if let Some(k) = markers::furniture_kind(&lines[i].raw) {
            lines[i].kind = Kind::Furniture(k);
            continue;
        }
        if in_head {
            let t = &lines[i].clean;
            // `生活服务` beside the page number; `一 审：` / `程丽清` editor credits split over lines.
            let prev_credit = i > 0 && (0..i).rev().find(|&k| lines[k].kind != Kind::Blank).is_some_and(|k| matches!(lines[k].kind, Kind::Furniture("credit")) && lines[k].clean.ends_with('：'));
            if prev_credit && names_only(&lines[i].raw) {
                lines[i].kind = Kind::Furniture("credit");
                continue;
            }
            if t.chars().count() <= 6 && t.chars().all(is_han) && i + 1 < n && (i + 1..n.min(i + 4)).any(|k| lines[k].kind == Kind::Blank) {
                // Only when furniture was already seen above it.
                if (0..i).any(|k| matches!(lines[k].kind, Kind::Furniture(_))) {
                    lines[i].kind = Kind::Furniture("section");
                    continue;
                }
            }
            in_head = false;
        }
    }
    // Everything else, top to bottom.
    let mut prev_end = true; // the previous text ended a unit
    let mut prev_kind = Kind::Blank; // kind of the previous non-blank, non-furniture line
    for i in 0..n {
        let k = lines[i].kind;
        if k == Kind::Blank || matches!(k, Kind::Furniture(_)) {
            if matches!(k, Kind::Furniture(_)) {
                prev_end = true;
            }
            continue;
        }
        if lines[i].role.is_some() {
            prev_end = k != Kind::Body || ends_sentence(&lines[i].clean);
            prev_kind = k;
            continue;
        }
        let l = &lines[i];
        let next = if i + 1 < n && lines[i + 1].kind != Kind::Blank { Some(&lines[i + 1]) } else { None };
        let kind = if let Some(j) = &l.jump {
            if l.raw[..j.start].trim().is_empty() {
                Kind::Jump
            } else {
                Kind::Body
            }
        } else if let Some(shape) = markers::byline_kind(&l.raw) {
            Kind::Byline(shape)
        } else if is_sub(&l.clean) && matches!(prev_kind, Kind::Title) && l.clean.chars().count() <= 60 {
            Kind::Sub
        } else if matches!(prev_kind, Kind::Title | Kind::Sub) && names_only(&l.raw) && l.clean.chars().count() <= 10 {
            Kind::Byline(BylineShape::Role)
        } else if prev_kind == Kind::Sub && !l.run_start && title_shape(l) && !has_inner_punct(&l.clean) && !is_sub(&l.clean) {
            Kind::Sub
        } else if markers::find_credit(&l.raw) == Some(0) && l.clean.chars().count() <= 12 {
            Kind::Credit
        } else if is_title(lines, i, prev_end, prev_kind, next) {
            Kind::Title
        } else {
            Kind::Body
        };
        lines[i].kind = kind;
        prev_end = match kind {
            Kind::Body => ends_sentence(&lines[i].clean) || lines[i].jump.is_some(),
            _ => true,
        };
        prev_kind = kind;
    }
    // Captions: a credit line takes the short sentence above it; a short
    // sentence standing alone right above a headline with a byline is a caption.
    for i in 0..n {
        if lines[i].kind == Kind::Credit && i > 0 && lines[i - 1].kind == Kind::Body && ends_sentence(&lines[i - 1].clean) {
            lines[i - 1].kind = Kind::Caption;
        }
        if lines[i].kind == Kind::Body && lines[i].role.is_none() {
            if let Some(c) = markers::find_credit(&lines[i].raw) {
                let fresh = lines[i].run_start || i == 0 || lines[i - 1].kind != Kind::Body || ends_sentence(&lines[i - 1].clean);
                if c > 0 && ends_sentence(lines[i].raw[..c].trim_end()) && lines[i].clean.chars().count() <= 80 && fresh {
                    lines[i].kind = Kind::Caption;
                }
            }
        }
        if lines[i].kind == Kind::Title && i > 0 && !lines[i].run_start {
            let p = &lines[i - 1];
            let headed = (i + 1..n).take_while(|&k| lines[k].kind == Kind::Title).last().unwrap_or(i) + 1;
            let followed = headed < n && matches!(lines[headed].kind, Kind::Byline(_) | Kind::Sub);
            if p.kind == Kind::Body && p.run_start && ends_sentence(&p.clean) && p.w * 10 <= p.col * 6 && followed {
                lines[i - 1].kind = Kind::Caption;
            }
        }
    }
}

/// Title test for line `i` in its context.
fn is_title(lines: &[Line], i: usize, prev_end: bool, prev_kind: Kind, next: Option<&Line>) -> bool {
    let l = &lines[i];
    if !title_shape(l) {
        return false;
    }
    let short = l.w * 10 <= l.col * 7;
    let inner = has_inner_punct(&l.clean);
    let continues_title = prev_kind == Kind::Title;
    let next_marks = next.is_some_and(|nx| markers::byline_kind(&nx.raw).is_some() || is_sub(&nx.clean) || nx.role == Some(LineRole::Byline));
    if !(prev_end || continues_title || (l.run_start && ((l.w * 10 <= l.col * 6 && !inner) || next_marks))) {
        return false;
    }
    // A visual gap between two words of a display line (`海葬有补贴 树葬等减千元购墓费用`).
    let gap = visual_gap(&l.raw);
    if continues_title && !l.run_start && !inner && (l.w * 10 <= l.col * 7 || gap) {
        return true;
    }
    let after_display = matches!(prev_kind, Kind::Byline(_) | Kind::Title | Kind::Sub | Kind::Blank) || prev_end && l.run_start && matches!(prev_kind, Kind::Furniture(_));
    if !short && !inner && gap && after_display && l.clean.chars().count() >= 6 {
        return true;
    }
    let next_ok = match next {
        None => true,
        Some(nx) => {
            markers::byline_kind(&nx.raw).is_some() || is_sub(&nx.clean) || short_title_shape(nx) || nx.role == Some(LineRole::Byline) || markers::find_dateline(&nx.clean).is_some()
        }
    };
    if short {
        !inner || next_ok
    } else {
        !inner && (next_ok || (continues_title && gap))
    }
}

/// Join the text of title lines: pieces of one heading join without a
/// space; lines of a display headline keep a space between them when both
/// are substantial.
pub fn join_title(parts: &[&str], spaced: bool) -> String {
    let mut out = String::new();
    for p in parts {
        let t = inline::clean_title(p);
        if t.is_empty() {
            continue;
        }
        if !out.is_empty() && spaced && out.chars().count() >= 4 && t.chars().count() >= 4 {
            out.push(' ');
        }
        out.push_str(&t);
    }
    out
}
