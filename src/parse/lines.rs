//! Pass 2, lines: measure every line (display width, the column width around
//! it, sentence ends) and classify it by shape: furniture, byline,
//! subheadline, title, caption, credit or body. A front end's role hint
//! (PDF input) wins over the shape rules.

use super::heads::{is_title, title_shape};
use super::inline::{
    self, clean_spaces, ends_continuing, ends_sentence, has_inner_punct, is_han, one_han, width,
};
use super::markers::{self, BylineShape, JumpMark};
use super::{LineRole, SourceLine};
use newsconv_core::FurnitureKind;

/// What a line is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Kind {
    /// Empty line: a block break.
    Blank,
    /// Page furniture of the given kind (`page`, `date`, `credit`, `contact`, `section`, `masthead`).
    Furniture(FurnitureKind),
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
    /// Width of a typical full line of the block (the median line of a
    /// block of five lines or more, else `col`): a paragraph's indented first
    /// line is about two characters narrower.
    pub full: u32,
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

/// Does line `i` look like the indented first line of a paragraph? The
/// extractor drops the indent, but the line holds about two characters
/// fewer than a full line of its block, and the line after it is wider
/// (or it is the last line of its block, nearly full).
pub fn indented(lines: &[Line], i: usize) -> bool {
    let l = &lines[i];
    if l.kind != Kind::Body || l.full < 16 || l.w + 3 > l.full {
        return false;
    }
    match lines.get(i + 1).filter(|n| n.kind == Kind::Body) {
        Some(n) => n.w >= l.w + 3,
        None => l.w + 8 >= l.full,
    }
}

/// A line of names only: up to six names of one to three characters (a
/// lone token of four when it opens with a compound surname), each name of
/// two or more characters, and the first letter-spaced character, starting
/// with a common surname; no weather word (`雷阵雨`, `高温`).
pub(crate) fn names_only(t: &str) -> bool {
    let toks: Vec<&str> = t.split_whitespace().collect();
    let han: usize = t.chars().filter(|c| is_han(*c)).count();
    let fits = |x: &str| {
        let n = x.chars().count();
        if markers::NOT_NAMES.contains(&x) {
            return false;
        }
        n == 1
            || (n <= 3 && markers::surname_first(x))
            || (n == 4
                && toks.len() == 1
                && markers::COMPOUND_SURNAMES.iter().any(|s| x.starts_with(s)))
    };
    // A letter-spaced name (`王 普`) opens with its surname too.
    let opens = toks
        .first()
        .is_some_and(|x| x.chars().count() > 1 || markers::surname_first(x));
    opens
        && toks.len() <= 6
        && (2..=12).contains(&han)
        && toks.iter().all(|x| x.chars().all(is_han) && fits(x))
}

/// One name alone on its line (`欧阳辉`, `陈先达`).
fn one_name(t: &str) -> bool {
    names_only(t) && t.split_whitespace().count() == 1
}

/// A visual gap between two words of a display line (`海葬有补贴 树葬等减千元购墓费用`):
/// a space between two runs of two or more CJK letters (not letter spacing,
/// not the space an extractor puts beside a digit).
pub(super) fn visual_gap(raw: &str) -> bool {
    let toks: Vec<&str> = raw.split_whitespace().collect();
    toks.windows(2).any(|w| {
        w[0].chars().count() >= 2
            && w[1].chars().count() >= 2
            && w[0]
                .chars()
                .last()
                .is_some_and(|c| is_han(c) || inline::is_cjk_punct(c))
            && w[1].chars().next().is_some_and(is_han)
    })
}

/// Measure and classify the lines of one page.
pub fn classify(src: &[SourceLine]) -> Vec<Line> {
    let mut lines: Vec<Line> = Vec::with_capacity(src.len());
    let mut after_blank = true;
    for s in src {
        let raw = s.text.trim().to_string();
        if raw.is_empty() {
            lines.push(Line {
                no: s.line,
                raw,
                clean: String::new(),
                w: 0,
                col: 0,
                full: 0,
                run_start: false,
                kind: Kind::Blank,
                jump: None,
                role: s.role,
                para: None,
            });
            after_blank = true;
            continue;
        }
        let clean = clean_spaces(&raw);
        let w = width(&clean);
        lines.push(Line {
            no: s.line,
            jump: markers::find_jump(&raw),
            raw,
            clean,
            w,
            col: 0,
            full: 0,
            run_start: after_blank,
            kind: Kind::Body,
            role: s.role,
            para: s.para,
        });
        after_blank = false;
    }
    super::measure::measure_columns(&mut lines);
    assign_kinds(&mut lines);
    // Kinds come from the block's measure; paragraph ends from the local one.
    for block in lines.split_mut(|l| l.kind == Kind::Blank) {
        super::measure::narrow_measure(block);
    }
    lines
}

fn role_kind(r: LineRole) -> Kind {
    match r {
        LineRole::Headline | LineRole::Kicker | LineRole::Column | LineRole::Heading => Kind::Title,
        LineRole::Subheadline => Kind::Sub,
        LineRole::Byline => Kind::Byline(BylineShape::Marked),
        LineRole::Body => Kind::Body,
        LineRole::Caption => Kind::Caption,
        LineRole::Furniture => Kind::Furniture(FurnitureKind::Other),
    }
}

pub(crate) fn is_sub(t: &str) -> bool {
    t.starts_with("——") || t.starts_with("--") || t.starts_with("―")
}

fn assign_kinds(lines: &mut [Line]) {
    mark_furniture(lines);
    super::cells::mark_cells(lines);
    mark_kinds(lines);
    mark_captions(lines);
}

/// Furniture: anywhere by pattern; in the page head also short section
/// names and editor names under a credit's role. A front end's role wins.
fn mark_furniture(lines: &mut [Line]) {
    let n = lines.len();
    let mut in_head = true;
    for i in 0..n {
        if lines[i].kind == Kind::Blank {
            continue;
        }
        // A body hint keeps the textual cues (bylines, captions, furniture).
        if let Some(r) = lines[i].role.filter(|r| *r != LineRole::Body) {
            // Editor credits set large (`责任编辑 张三` in the headline face)
            // are credits whatever their size.
            let credit = r != LineRole::Furniture && markers::furniture_kind(&lines[i].raw) == Some(FurnitureKind::Credit);
            lines[i].kind = if credit { Kind::Furniture(FurnitureKind::Credit) } else { role_kind(r) };
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
            let prev_credit = i > 0
                && (0..i)
                    .rev()
                    .find(|&k| lines[k].kind != Kind::Blank)
                    .is_some_and(|k| {
                        matches!(lines[k].kind, Kind::Furniture(FurnitureKind::Credit))
                            && lines[k].clean.ends_with('：')
                    });
            if prev_credit && names_only(&lines[i].raw) {
                lines[i].kind = Kind::Furniture(FurnitureKind::Credit);
                continue;
            }
            if (2..=6).contains(&t.chars().count())
                && t.chars().all(is_han)
                && i + 1 < n
                && (i + 1..n.min(i + 4)).any(|k| lines[k].kind == Kind::Blank)
            {
                // Only when furniture was already seen above it, and the
                // page line did not already name the section.
                let named = (0..i).any(|k| {
                    matches!(lines[k].kind, Kind::Furniture(FurnitureKind::Page))
                        && lines[k]
                            .raw
                            .split_whitespace()
                            .any(|t| t.chars().count() >= 2 && t.chars().all(is_han))
                });
                if !named && (0..i).any(|k| matches!(lines[k].kind, Kind::Furniture(_))) {
                    lines[i].kind = Kind::Furniture(FurnitureKind::Section);
                    continue;
                }
            }
            in_head = false;
        }
    }
}

/// Everything else, top to bottom: each line's kind from its own shape and
/// the kind of the line before it.
fn mark_kinds(lines: &mut [Line]) {
    let n = lines.len();
    let mut prev_end = true; // the previous text ended a unit
    let mut prev_kind = Kind::Blank; // kind of the previous non-blank, non-furniture line
    let mut prev_half_name = false; // that line was one character of a name
    for i in 0..n {
        let k = lines[i].kind;
        if k == Kind::Blank || matches!(k, Kind::Furniture(_)) {
            // Table cells among the text are passed over: the text reads on.
            if matches!(k, Kind::Furniture(f) if f != FurnitureKind::Table) {
                prev_end = true;
            }
            continue;
        }
        if lines[i].role.is_some_and(|r| r != LineRole::Body) {
            prev_end = k != Kind::Body || ends_sentence(&lines[i].clean);
            prev_kind = k;
            prev_half_name = false;
            continue;
        }
        let kind = kind_of(lines, i, prev_kind, prev_end, prev_half_name);
        // The front end already found every display line: a body line is no title.
        let kind =
            if lines[i].role == Some(LineRole::Body) && matches!(kind, Kind::Title | Kind::Sub) {
                Kind::Body
            } else {
                kind
            };
        lines[i].kind = kind;
        prev_half_name = kind == Kind::Byline(BylineShape::Name) && one_han(&lines[i].clean);
        prev_end = match kind {
            Kind::Body => ends_sentence(&lines[i].clean) || lines[i].jump.is_some(),
            _ => true,
        };
        prev_kind = kind;
    }
}

/// The kind of line `i` from its shape, the kind of the text line before it
/// (`prev_kind`), whether that text ended a unit (`prev_end`), and whether
/// it was one character of a name (`prev_half_name`).
fn kind_of(
    lines: &[Line],
    i: usize,
    prev_kind: Kind,
    prev_end: bool,
    prev_half_name: bool,
) -> Kind {
    let n = lines.len();
    let l = &lines[i];
    let next = if i + 1 < n && lines[i + 1].kind != Kind::Blank {
        Some(&lines[i + 1])
    } else {
        None
    };
    if let Some(j) = &l.jump {
        if l.raw[..j.start].trim().is_empty() {
            Kind::Jump
        } else {
            Kind::Body
        }
    } else if let Some(shape) = markers::byline_kind(&l.raw) {
        Kind::Byline(shape)
    } else if is_sub(&l.clean)
        && (matches!(prev_kind, Kind::Title)
            || (l.run_start
                && !ends_sentence(&l.clean)
                && !ends_continuing(&l.clean)
                && next.is_some_and(|nx| {
                    names_only(&nx.raw) || markers::byline_kind(&nx.raw).is_some()
                })))
        && l.clean.chars().count() <= 60
    {
        Kind::Sub
    } else if matches!(prev_kind, Kind::Title | Kind::Sub)
        && names_only(&l.raw)
        && l.clean.chars().count() <= 10
        && !next.is_some_and(|nx| nx.clean.starts_with(inline::no_start))
    {
        Kind::Byline(BylineShape::Name)
    } else if ((matches!(prev_kind, Kind::Title | Kind::Sub) && markers::surname_first(&l.clean))
        || prev_half_name)
        && one_han(&l.clean)
    {
        // A letter-spaced name the extractor split into one line per character.
        Kind::Byline(BylineShape::Name)
    } else if prev_kind == Kind::Sub
        && !l.run_start
        && title_shape(l)
        && !has_inner_punct(&l.clean)
        && !is_sub(&l.clean)
    {
        Kind::Sub
    } else if l.run_start
        && (one_name(&l.raw) || half_name_alone(lines, i, prev_kind))
        && !over_title(lines, i)
    {
        // A name (or one character of a letter-spaced name: a surname,
        // or a character inside running text) alone at the start of a
        // block, not over a title: a byline the extractor placed away
        // from its headline (vertical bylines).
        Kind::Byline(BylineShape::Name)
    } else if markers::find_credit(&l.raw) == Some(0) && l.clean.chars().count() <= 12 {
        Kind::Credit
    } else if is_title(lines, i, prev_end, prev_kind, next) {
        Kind::Title
    } else {
        Kind::Body
    }
}

/// Captions: a credit line takes the short sentence above it; a short
/// sentence standing alone right above a headline with a byline is a
/// caption.
fn mark_captions(lines: &mut [Line]) {
    let n = lines.len();
    for i in 0..n {
        if lines[i].kind == Kind::Credit
            && i > 0
            && lines[i - 1].kind == Kind::Body
            && ends_sentence(&lines[i - 1].clean)
        {
            lines[i - 1].kind = Kind::Caption;
        }
        if lines[i].kind == Kind::Body && lines[i].role.is_none_or(|r| r == LineRole::Body) {
            if let Some(c) = markers::find_credit(&lines[i].raw) {
                let fresh = lines[i].run_start
                    || i == 0
                    || lines[i - 1].kind != Kind::Body
                    || ends_sentence(&lines[i - 1].clean);
                if c > 0
                    && ends_sentence(lines[i].raw[..c].trim_end())
                    && lines[i].clean.chars().count() <= 80
                    && fresh
                {
                    lines[i].kind = Kind::Caption;
                }
            }
        }
        // A short line of its own opening with a picture mark (`〔图〕…`).
        if lines[i].run_start
            && matches!(lines[i].kind, Kind::Body | Kind::Title)
            && lines[i].role.is_none_or(|r| r == LineRole::Body)
            && lines.get(i + 1).is_none_or(|nx| nx.kind == Kind::Blank)
            && lines[i].clean.chars().count() <= 80
            && markers::after_picture_mark(&lines[i].clean).is_some_and(ends_sentence)
        {
            lines[i].kind = Kind::Caption;
        }
        if lines[i].kind == Kind::Title && i > 0 && !lines[i].run_start {
            let p = &lines[i - 1];
            let headed = (i + 1..n)
                .take_while(|&k| lines[k].kind == Kind::Title)
                .last()
                .unwrap_or(i)
                + 1;
            let followed = headed < n && matches!(lines[headed].kind, Kind::Byline(_) | Kind::Sub);
            if p.kind == Kind::Body
                && p.run_start
                && ends_sentence(&p.clean)
                && p.w * 10 <= p.col * 6
                && followed
            {
                lines[i - 1].kind = Kind::Caption;
            }
        }
    }
}

/// Is line `i` one character that can be half of a letter-spaced name
/// standing alone: a surname, or a character inside running text (body
/// before it, and no bare title after it)?
fn half_name_alone(lines: &[Line], i: usize, prev_kind: Kind) -> bool {
    let l = &lines[i];
    one_han(&l.clean)
        && (markers::surname_first(&l.clean)
            || (prev_kind == Kind::Body
                && lines[i + 1..]
                    .iter()
                    .find(|x| x.kind != Kind::Blank)
                    .is_some_and(|nx| !title_shape(nx) || has_inner_punct(&nx.clean))))
}

/// Is line `i` the first line of a display block: the line under it has a
/// title's shape and is followed by a byline, subheadline or dateline (or
/// ends the block)?
fn over_title(lines: &[Line], i: usize) -> bool {
    let Some(nx) = lines.get(i + 1).filter(|l| l.kind != Kind::Blank) else {
        return false;
    };
    if !title_shape(nx) || has_inner_punct(&nx.clean) {
        return false;
    }
    match lines.get(i + 2).filter(|l| l.kind != Kind::Blank) {
        None => true,
        Some(n2) => {
            markers::byline_kind(&n2.raw).is_some()
                || is_sub(&n2.clean)
                || markers::find_dateline(&n2.clean).is_some()
                || n2.role == Some(LineRole::Byline)
        }
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
