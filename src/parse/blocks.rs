//! Pass 3, blocks: turn classified lines into units — paragraphs (wrapped
//! lines joined, column breaks healed, touching paragraphs split), title
//! blocks, subheadlines, bylines, captions — in input order.

use super::inline::{ends_sentence, join_into};
use super::lines::{Kind, Line};
use super::markers::{self, BylineShape, Dateline, JumpMark};

/// A body paragraph.
#[derive(Debug, Clone, Default)]
pub struct Para {
    /// The text, lines joined.
    pub text: String,
    /// First input line.
    pub first: u32,
    /// Last input line.
    pub last: u32,
    /// True when it starts a pdftotext block (after a blank line).
    pub run_start: bool,
    /// Jump marker ending it (`（下转四版）`) and the marker as printed.
    pub jump_to: Option<(JumpMark, String)>,
    /// Jump marker before it (`（上接第一版）`).
    pub jump_from: Option<(JumpMark, String)>,
    /// Dateline opening it.
    pub dateline: Option<Dateline>,
    /// Input lines healed across a blank line (column breaks).
    pub healed: Vec<u32>,
}

impl Para {
    /// True when the paragraph ends a sentence (or a jump line ends it).
    pub fn ends(&self) -> bool {
        self.jump_to.is_some() || ends_sentence(&self.text) || super::notes::is_note(&self.text)
    }
}

/// One unit of a page.
#[derive(Debug, Clone)]
pub enum Unit {
    /// Body paragraph.
    Para(Para),
    /// Consecutive title lines of one block: (text, line) per line; `narrow`
    /// when every line is well inside the column.
    Title {
        parts: Vec<(String, u32)>,
        narrow: bool,
        wide: bool,
        heading: bool,
    },
    /// Subheadline.
    Sub { text: String, line: u32 },
    /// Byline line.
    Byline {
        text: String,
        line: u32,
        shape: BylineShape,
        run_start: bool,
    },
    /// Caption text with its credit.
    Caption {
        text: String,
        credit: Option<String>,
        line: u32,
    },
    /// Page furniture.
    Furniture {
        kind: newsconv_core::FurnitureKind,
        text: String,
        line: u32,
    },
    /// A name standing alone inside running text (the text before and after
    /// it is body): a piece of a byline set vertically or letter-spaced that
    /// the extractor dropped into a column. The paragraph goes on across it.
    NamePiece { text: String, line: u32 },
}

impl Unit {
    /// First input line of the unit.
    pub fn line(&self) -> u32 {
        match self {
            Unit::Para(p) => p.first,
            Unit::Title { parts, .. } => parts[0].1,
            Unit::Sub { line, .. }
            | Unit::Byline { line, .. }
            | Unit::Caption { line, .. }
            | Unit::Furniture { line, .. }
            | Unit::NamePiece { line, .. } => *line,
        }
    }
}

/// A paragraph of one line holding one word of two to four characters and
/// a full stop (`经常性。`, `历史性。`): the bold run-in head of the paragraph
/// under it.
fn run_in_head(p: &Para) -> bool {
    p.first == p.last
        && p.jump_from.is_none()
        && p.dateline.is_none()
        && p.text.strip_suffix('。').is_some_and(|w| {
            (2..=4).contains(&w.chars().count()) && w.chars().all(super::inline::is_han)
        })
}

/// Are lines `a` and `b` two pieces of one printed line? An extractor
/// starts a new line where an opening mark squeezed against the glyph
/// before it overlaps that glyph (`台。”` / `“一带一路”贯穿欧亚大陆，东`), so a
/// sentence seems to end a short line. The pieces together fill about one
/// line of the column, and either the second is narrower than a paragraph's
/// indented first line or the first was stretched to the measure
/// (letter-spaced), which a paragraph's last line never is.
fn split_print_line(a: &Line, b: &Line) -> bool {
    pieces_of_one_line(a, b)
        && !super::notes::is_note(&b.clean)
        && (b.w + 4 < b.full || letter_spaced(&a.raw))
}

/// Does sentence-ending line `l` stop short of the measure, before `next`?
/// Widths count every glyph alike, but a print squeezes punctuation, so a
/// full line may measure a little under the column (`别行政区制度和体制得以确立。`)
/// and lines with squeezed marks over it. A line clearly short of a full
/// line ends its paragraph; one only a little short does when the line
/// after it is narrower than a full line too (indented); a line stretched
/// to the measure (letter-spaced) never does.
fn short_end(l: &Line, next_w: u32, next: &Line) -> bool {
    if !l.is_short() || (letter_spaced(&l.raw) && l.w + 6 >= l.col) {
        return false;
    }
    l.w + 4 <= l.full.min(l.col) || next_w + 3 <= next.full
}

/// The width of the printed line that line `i` opens: with the line after
/// it when the extractor split one printed line there (`比如，` /
/// `“一带一路”建设同俄罗斯提出`).
fn printed_width(lines: &[Line], i: usize) -> u32 {
    let l = &lines[i];
    match lines.get(i + 1) {
        Some(n) if n.kind == Kind::Body && pieces_of_one_line(l, n) => l.w + n.w,
        _ => l.w,
    }
}

/// Do lines `a` and `b` fill one printed line together, `b` opening with a
/// mark the extractor broke the line before?
fn pieces_of_one_line(a: &Line, b: &Line) -> bool {
    let sum = a.w + b.w;
    b.clean.starts_with(super::inline::is_opener) && sum <= a.col + 2 && sum + 2 >= a.full
}

/// Is the one-line paragraph `p` a run-in head set on a line of its own
/// (`突出政治监督，维护党中央权威。`), its text going on in line `next`? The
/// line under it is full, which a paragraph's indented first line is not.
fn head_over_full_line(p: &Para, next: &Line) -> bool {
    p.first == p.last && p.jump_from.is_none() && p.dateline.is_none() && next.w + 3 > next.full
}

/// Is the line set with a space between its glyphs (stretched to fill the
/// measure), as an extractor writes a justified line?
fn letter_spaced(raw: &str) -> bool {
    let toks = raw.split_whitespace().count();
    toks >= 2 && toks * 2 >= raw.chars().filter(|c| !c.is_whitespace()).count()
}

/// How far [`floating`] looks past blank lines and other name pieces.
const PIECE_REACH: usize = 8;

/// Is the name line `i` a piece set inside running text: body text before
/// it and after it, with only blank lines and other such names between, and
/// either the text before it stops mid-sentence or the piece is one
/// character (half a name, never a byline of its own)? A whole name after a
/// finished sentence is the byline opening the next story.
fn floating(lines: &[Line], i: usize) -> bool {
    let name_or_blank = |l: &Line| {
        l.kind == Kind::Blank || (l.kind == Kind::Byline(BylineShape::Name) && l.run_start)
    };
    // A few lines each way: enough for a name in pieces, and bounded work on
    // a page of nothing but names.
    let prev = lines[i.saturating_sub(PIECE_REACH)..i]
        .iter()
        .rev()
        .find(|l| !name_or_blank(l));
    let next = lines[i + 1..]
        .iter()
        .take(PIECE_REACH)
        .find(|l| !name_or_blank(l));
    let half = super::inline::one_han(&lines[i].clean);
    prev.is_some_and(|l| l.kind == Kind::Body && (half || !ends_sentence(&l.clean)))
        && next.is_some_and(|l| l.kind == Kind::Body)
}

/// Build the units of one page.
pub fn build(lines: &[Line]) -> Vec<Unit> {
    let mut b = Builder::default();
    for (i, l) in lines.iter().enumerate() {
        match l.kind {
            Kind::Blank => b.blank_since = true,
            Kind::Furniture(k) => b.units.push(Unit::Furniture {
                kind: k,
                text: l.raw.clone(),
                line: l.no,
            }),
            Kind::Jump => b.jump(l),
            Kind::Title => b.title(lines, i),
            Kind::Sub => b.sub(lines, i),
            Kind::Byline(BylineShape::Name)
                if b.cur.is_some() && l.run_start && floating(lines, i) =>
            {
                b.units.push(Unit::NamePiece {
                    text: l.raw.clone(),
                    line: l.no,
                });
            }
            Kind::Byline(shape) => {
                b.close();
                b.units.push(Unit::Byline {
                    text: l.raw.clone(),
                    line: l.no,
                    shape,
                    run_start: l.run_start || b.blank_since,
                });
            }
            Kind::Caption => b.caption(l),
            Kind::Credit => b.credit(l),
            Kind::Body => b.body(lines, i),
        }
    }
    b.finish()
}

/// The units built so far and the paragraph being built.
#[derive(Default)]
struct Builder {
    units: Vec<Unit>,
    /// The open paragraph and the index of its last line.
    cur: Option<(Para, usize)>,
    /// A blank line since the open paragraph's last line.
    blank_since: bool,
    /// A `（上接…）` line waiting for the paragraph it opens, and its input line.
    pending_from: Option<(JumpMark, String)>,
    pending_line: u32,
}

impl Builder {
    /// Close the open paragraph.
    fn close(&mut self) {
        if let Some((p, _)) = self.cur.take() {
            self.units.push(Unit::Para(p));
        }
    }

    /// A paragraph holding nothing but a jump line, so its link and text are kept.
    fn stray_jump(
        first: u32,
        to: Option<(JumpMark, String)>,
        from: Option<(JumpMark, String)>,
    ) -> Unit {
        Unit::Para(Para {
            text: String::new(),
            first,
            last: first,
            run_start: true,
            jump_to: to,
            jump_from: from,
            ..Default::default()
        })
    }

    fn jump(&mut self, l: &Line) {
        let j = l.jump.clone().unwrap();
        let label = super::inline::clean_spaces(&l.raw[j.start..j.end]);
        if j.to {
            if let Some((p, _)) = self.cur.as_mut().filter(|(p, _)| p.jump_to.is_none()) {
                p.last = l.no;
                p.jump_to = Some((j, label));
            } else {
                // A jump line with no paragraph before it (or after a
                // paragraph that already jumps): keep it as a stray
                // paragraph of its own, after that paragraph.
                self.close();
                self.units
                    .push(Self::stray_jump(l.no, Some((j, label)), None));
            }
        } else {
            self.close();
            if let Some(old) = self.pending_from.take() {
                self.units
                    .push(Self::stray_jump(self.pending_line, None, Some(old)));
            }
            self.pending_from = Some((j, label));
            self.pending_line = l.no;
        }
    }

    /// A display line: a new title, or the next line of the one above.
    fn title(&mut self, lines: &[Line], i: usize) {
        let l = &lines[i];
        self.close();
        let narrow = l.w * 10 <= l.col * 7;
        let wide = l.w * 10 > l.col * 8;
        let heading = l.role == Some(super::LineRole::Heading);
        if let Some(Unit::Title {
            parts,
            narrow: nw,
            wide: wd,
            ..
        }) = self.units.last_mut().filter(|_| {
            !l.run_start && i > 0 && lines[i - 1].kind == Kind::Title && lines[i - 1].role == l.role
        }) {
            parts.push((l.raw.clone(), l.no));
            *nw &= narrow;
            *wd |= wide;
        } else {
            self.units.push(Unit::Title {
                parts: vec![(l.raw.clone(), l.no)],
                narrow,
                wide,
                heading,
            });
        }
    }

    fn sub(&mut self, lines: &[Line], i: usize) {
        let l = &lines[i];
        self.close();
        let t = super::inline::clean_title(&l.raw);
        if let Some(Unit::Sub { text, .. }) = self
            .units
            .last_mut()
            .filter(|_| !l.run_start && i > 0 && lines[i - 1].kind == Kind::Sub)
        {
            text.push_str(&t);
        } else {
            self.units.push(Unit::Sub {
                text: t,
                line: l.no,
            });
        }
    }

    fn caption(&mut self, l: &Line) {
        // With a paragraph signal from the front end, the next body
        // line decides whether the paragraph goes on around the photo.
        if (self.blank_since || l.run_start) && l.para.is_none() {
            self.close();
        }
        let (text, credit) = match markers::find_credit(&l.raw) {
            Some(c) if c > 0 => (
                super::inline::clean_spaces(&l.raw[..c]),
                Some(l.raw[c..].trim().to_string()),
            ),
            _ => (l.clean.clone(), None),
        };
        // The picture mark a print sets before a caption is not its text.
        let text = markers::after_picture_mark(&text).map_or(text.clone(), str::to_string);
        self.units.push(Unit::Caption {
            text,
            credit,
            line: l.no,
        });
    }

    fn credit(&mut self, l: &Line) {
        if let Some(Unit::Caption { credit, .. }) = self
            .units
            .last_mut()
            .filter(|u| matches!(u, Unit::Caption { credit: None, .. }))
        {
            *credit = Some(l.raw.clone());
        } else {
            self.units.push(Unit::Caption {
                text: String::new(),
                credit: Some(l.raw.clone()),
                line: l.no,
            });
        }
    }

    /// Does body line `i` (its text `text`) open a new paragraph?
    fn breaks(&self, lines: &[Line], i: usize, text: &str) -> bool {
        let l = &lines[i];
        let Some((p, li)) = &self.cur else {
            return true;
        };
        let prev = &lines[*li];
        p.jump_to.is_some()
            || self.pending_from.is_some()
            || match l.para {
                // The front end saw the indent (or its absence).
                Some(starts) => starts,
                // A line may not start with closing punctuation (`】，自公告之日起`): it continues.
                None if text.starts_with(super::inline::no_start) => false,
                // A run-in head set on a line of its own (`经常性。` over
                // `“永远在路上”，意味着…`) opens the paragraph under it.
                None if run_in_head(p) => false,
                None if self.blank_since => p.ends(),
                None => {
                    ends_sentence(&prev.clean)
                        && {
                            let printed = printed_width(lines, i);
                            short_end(prev, printed, l)
                                || printed == l.w && super::lines::indented(lines, i)
                        }
                        && !split_print_line(prev, l)
                        && !head_over_full_line(p, l)
                }
            }
            || (l.para.is_none() && markers::find_dateline(text).is_some())
    }

    fn body(&mut self, lines: &[Line], i: usize) {
        let l = &lines[i];
        let (text, jump) = match &l.jump {
            Some(j) => (
                super::inline::clean_spaces(&l.raw[..j.start]),
                Some((
                    j.clone(),
                    super::inline::clean_spaces(&l.raw[j.start..j.end]),
                )),
            ),
            None => (l.clean.clone(), None),
        };
        if self.breaks(lines, i, &text) {
            self.close();
            let dateline = markers::find_dateline(&text);
            let jump_from = self.pending_from.take();
            self.cur = Some((
                Para {
                    text,
                    first: l.no,
                    last: l.no,
                    run_start: l.run_start,
                    jump_to: jump,
                    jump_from,
                    dateline,
                    healed: Vec::new(),
                },
                i,
            ));
        } else if let Some((p, li)) = self.cur.as_mut() {
            if self.blank_since {
                p.healed.push(l.no);
            }
            join_into(&mut p.text, &text);
            p.last = l.no;
            p.jump_to = jump;
            *li = i;
        }
        self.blank_since = false;
    }

    /// Close the last paragraph; a `（上接…）` line no paragraph took (a
    /// title followed it) is kept as a stray paragraph so the link and its
    /// text are not lost.
    fn finish(mut self) -> Vec<Unit> {
        self.close();
        if let Some(j) = self.pending_from.take() {
            self.units
                .push(Self::stray_jump(self.pending_line, None, Some(j)));
        }
        self.units
    }
}
