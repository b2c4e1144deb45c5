//! One home for "headline or not". Every place that must tell display type
//! from running text asks here: the line pass (a line's own shape and its
//! context), the article grouping (section heads set in parallel) and the
//! PDF layout (type size against the running text around a block). The
//! evidence differs by front end; the rules live together so they can be
//! read, tested and tuned in one place.

use super::inline::{ends_continuing, ends_sentence, has_inner_punct, is_han, one_han};
use super::lines::{is_sub, names_only, visual_gap, Kind, Line};
use super::markers;
use super::LineRole;

/// Text-shape evidence: what a line's own text says about being (part of)
/// a display title, whatever the front end.
#[derive(Debug, Clone, Copy)]
pub struct TextShape<'a> {
    /// The text with extractor spaces removed.
    pub text: &'a str,
    /// The line opens a block (first line after a break).
    pub opens_block: bool,
    /// The line ends in a jump marker (`（下转第二版）`).
    pub jump: bool,
}

/// Could this text be (part of) a display title, judging by its own shape?
/// Short, mostly Han, not bracketed, no full sentence, no dateline, not a
/// label with its figure.
pub fn shape_is_title(e: &TextShape<'_>) -> bool {
    // `新时代：` opening a block, over the rest of its headline: a colon may
    // end the first line of a title.
    let t = e
        .text
        .strip_suffix('：')
        .filter(|r| e.opens_block && r.chars().count() >= 2)
        .unwrap_or(e.text);
    let n = t.chars().count();
    let han = t.chars().filter(|c| is_han(*c)).count();
    // Bracketed text, or one half of it (a note in brackets wrapped over lines).
    let opens = t.chars().filter(|c| matches!(c, '（' | '(')).count();
    let closes = t.chars().filter(|c| matches!(c, '）' | ')')).count();
    let bracketed = t.starts_with(['（', '(']) || opens != closes;
    let solid = t.chars().filter(|c| !c.is_whitespace()).count();
    // `直销价：158元/克`, `电话：83770333`, `时间：5月1日上午9时`: a label and
    // its figure (a short value opening with a digit, to the end of the
    // line, of units and at most two other words' characters) are data, not
    // a title; `目标：2035年基本实现现代化` is a title.
    let data = t.rsplit_once(['：', ':']).is_some_and(|(_, v)| {
        let v = v.trim();
        v.starts_with(|c: char| c.is_ascii_digit() || ('０'..='９').contains(&c))
            && v.chars().count() <= 12
            && v.chars()
                .filter(|c| is_han(*c) && !"年月日时分秒元角号克斤吨米亿万千百".contains(*c))
                .count()
                <= 2
    });
    !data
        && n <= 40
        && han >= 2
        && han * 2 >= solid
        && !bracketed
        && !ends_sentence(t)
        && !ends_continuing(t)
        && !t.contains('。')
        && markers::find_dateline(t).is_none()
        && !e.jump
}

/// [`shape_is_title`] for a measured line.
pub(super) fn title_shape(l: &Line) -> bool {
    shape_is_title(&TextShape {
        text: &l.clean,
        opens_block: l.run_start,
        jump: l.jump.is_some(),
    })
}

/// A title's shape, narrow against its column, without inner punctuation.
fn short_title_shape(l: &Line) -> bool {
    title_shape(l) && l.w * 10 <= l.col * 7 && !has_inner_punct(&l.clean)
}

/// Lines under a title candidate that measure its local column: three
/// lines of text are a column; fewer (a title's own second line, a byline)
/// say nothing about it.
const UNDER_LINES: usize = 3;

/// Title test for line `i` in its context.
pub(super) fn is_title(
    lines: &[Line],
    i: usize,
    prev_end: bool,
    prev_kind: Kind,
    next: Option<&Line>,
) -> bool {
    let l = &lines[i];
    if wrapped_at_list_comma(l, next) {
        return true;
    }
    if !title_shape(l) || run_in_broken(l, next) {
        return false;
    }
    // Short against its column, and against the lines right under it in
    // its block: a block may hold columns of two widths, and the first line
    // of a paragraph on the narrow one is no title.
    let (count, widest) = lines[i + 1..]
        .iter()
        .take_while(|x| x.kind != Kind::Blank)
        .take(UNDER_LINES)
        .fold((0, 0), |(n, w), x| (n + 1, w.max(x.w)));
    let local = if count == UNDER_LINES {
        widest.min(l.col)
    } else {
        l.col
    };
    let short = l.w * 10 <= local * 7;
    let inner = has_inner_punct(&l.clean);
    let continues_title = prev_kind == Kind::Title;
    let next_marks = next.is_some_and(|nx| {
        markers::byline_kind(&nx.raw).is_some()
            || is_sub(&nx.clean)
            || nx.role == Some(LineRole::Byline)
    });
    // A line standing alone in its block (or with only a name under it): a
    // display line the extractor placed away from its text.
    let alone = l.run_start && !inner && l.clean.chars().count() >= 6 && {
        let mut k = i + 1;
        while k < lines.len() && lines[k].kind != Kind::Blank && k - i <= 2 {
            k += 1;
        }
        k - i == 1
            || (k - i == 2 && (names_only(&lines[i + 1].raw) || one_han(&lines[i + 1].clean)))
    };
    if !(prev_end
        || continues_title
        || alone
        || (l.run_start && ((l.w * 10 <= l.col * 6 && !inner) || next_marks)))
    {
        return false;
    }
    // Inside a block, a short piece over a full line of text is the first
    // line of a paragraph the extractor broke after a hanging quote
    // (`“一带一路”建` / `设是实现…`), not a heading: a heading is followed by
    // a paragraph's indented first line.
    let below = lines[i + 1..]
        .iter()
        .take(2)
        .find(|x| x.kind != Kind::Blank);
    if !l.run_start
        && !continues_title
        && !next_marks
        && below.is_some_and(|nx| {
            nx.full >= 16
                && nx.w + 2 >= nx.full
                && (nx.clean.contains(['，', '。', '、', '；', '：']) || !title_shape(nx))
        })
    {
        return false;
    }
    // A quotation opened and left open, closed by the line under it, which
    // reads as text (`“一国”是实行“两` / `制”的前提和基础，…`): the first
    // line of a paragraph, not a heading (a heading's quotation closes on
    // its own lines).
    if below.is_some_and(|nx| {
        closes_open_quote(&l.clean, &nx.clean)
            && (nx.clean.contains(['，', '。', '、', '；'])
                || !title_shape(nx)
                || nx.full >= 16 && nx.w + 2 >= nx.full)
    }) {
        return false;
    }
    // A visual gap between two words of a display line (`海葬有补贴 树葬等减千元购墓费用`).
    let gap = visual_gap(&l.raw);
    if continues_title && !l.run_start && !inner && (l.w * 10 <= l.col * 7 || gap) {
        return true;
    }
    let after_display = matches!(
        prev_kind,
        Kind::Byline(_) | Kind::Title | Kind::Sub | Kind::Blank
    ) || prev_end && l.run_start && matches!(prev_kind, Kind::Furniture(_));
    if !short && !inner && gap && after_display && l.clean.chars().count() >= 6 {
        return true;
    }
    let next_ok = match next {
        None => true,
        Some(nx) => {
            markers::byline_kind(&nx.raw).is_some()
                || is_sub(&nx.clean)
                || short_title_shape(nx)
                || nx.role == Some(LineRole::Byline)
                || markers::find_dateline(&nx.clean).is_some()
                || one_han(&nx.clean)
        }
    };
    if short {
        !inner || next_ok
    } else {
        !inner && (next_ok || (continues_title && gap))
    }
}

/// Is `l` the start of a bold run-in lead the extractor broke over lines
/// inside a paragraph (`把“四种形态”作` / `为强化监督的抓手。`): the short
/// line right under it ends the sentence it started, and a head never ends
/// with a full stop.
fn run_in_broken(l: &Line, next: Option<&Line>) -> bool {
    !l.run_start
        && next.is_some_and(|nx| {
            nx.clean.ends_with('。') && !has_inner_punct(&nx.clean) && nx.w * 10 <= nx.col * 7
        })
}

/// Is `l` the first line of a display head wrapped after a list comma
/// (`树葬、` / `草坪葬安葬骨灰` / `可减免购墓费用`)? A very short line opening
/// its block, ending with `、`, over a short line of display shape with no
/// punctuation at all: running text wrapped there would fill its line.
fn wrapped_at_list_comma(l: &Line, next: Option<&Line>) -> bool {
    let Some(head) = l.clean.strip_suffix('、') else {
        return false;
    };
    l.run_start
        && l.w * 2 <= l.col
        && !head.contains(|c: char| !is_han(c))
        && head.chars().count() >= 2
        && next.is_some_and(|nx| {
            short_title_shape(nx) && !nx.clean.contains(|c: char| !is_han(c) && !c.is_alphanumeric())
        })
}

/// Does `line` leave a quotation open (`“` or `《` without its closer) that
/// `next` closes before opening another?
fn closes_open_quote(line: &str, next: &str) -> bool {
    let pairs = [('“', '”'), ('《', '》'), ('‘', '’')];
    pairs.iter().any(|&(o, c)| {
        let open = line.chars().filter(|&x| x == o).count() > line.chars().filter(|&x| x == c).count();
        open && next.find(c).is_some_and(|at| next.find(o).is_none_or(|b| at < b))
    })
}

/// Section heads set in parallel: of the bare title groups' texts given
/// (`None` for anything else), those of which three or more open with the
/// same three characters (`新时代的价值追求`, `新时代的战略安排`, `新时代的历史使命`)
/// or end with the same four (`从时间维度把握…永远在路上`, `从标准要求把握…永远在路上`).
pub(crate) fn parallel_family(titles: &[Option<String>]) -> Vec<bool> {
    let texts: Vec<Option<Vec<char>>> = titles
        .iter()
        .map(|t| {
            let t: Vec<char> = t
                .as_deref()?
                .chars()
                .filter(|c| !c.is_whitespace())
                .collect();
            (6..=30).contains(&t.len()).then_some(t)
        })
        .collect();
    // Count each opening and ending once per head: a page holds few heads,
    // but a hostile page may hold many, so no pairwise comparison.
    let mut opens: std::collections::HashMap<&[char], usize> = std::collections::HashMap::new();
    let mut ends: std::collections::HashMap<&[char], usize> = std::collections::HashMap::new();
    for t in texts.iter().flatten() {
        *opens.entry(&t[..3]).or_insert(0) += 1;
        *ends.entry(&t[t.len() - 4..]).or_insert(0) += 1;
    }
    texts
        .iter()
        .map(|t| {
            t.as_ref()
                .is_some_and(|t| opens[&t[..3]] >= 3 || ends[&t[t.len() - 4..]] >= 3)
        })
        .collect()
}

/// Type-size evidence of a block of print (PDF front end): its size and
/// how much text it holds.
#[derive(Debug, Clone, Copy)]
pub struct TypeEvidence {
    /// Dominant type size (points).
    pub size: f32,
    /// Characters, spaces not counted.
    pub chars: usize,
    /// Lines.
    pub lines: usize,
    /// Some line holds a full stop (`。`).
    pub full_stop: bool,
}

/// Headline type is at least this many times the running text's size.
const HEADLINE: f32 = 1.6;
/// Kickers and subheadlines: at least this many times the running text's
/// size (and a headline over a smaller display line by the same ratio).
const SECONDARY: f32 = 1.15;
/// A section heading inside the columns is at most this many times the
/// running text's size.
const HEADING_MAX: f32 = 2.0;

/// Display type is short and makes no full sentences (a caption set in
/// a larger face does).
pub fn is_display(e: &TypeEvidence) -> bool {
    e.chars >= 2 && e.chars <= 80 && e.lines <= 4 && !e.full_stop
}

/// Type of a headline's size against running text of size `body`.
pub fn headline_size(size: f32, body: f32) -> bool {
    size >= body * HEADLINE
}

/// Type of a kicker's or subheadline's size against running text of size
/// `body` (or a display line this much larger than another).
pub fn secondary_size(size: f32, body: f32) -> bool {
    size >= body * SECONDARY
}

/// Display type small enough to be a section heading inside columns of
/// running text of size `body`.
pub fn heading_size(size: f32, body: f32) -> bool {
    size <= body * HEADING_MAX
}

/// How display type ranks by size.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum DisplayRank {
    /// Headline size.
    Headline,
    /// Between body and headline size: a kicker, subheadline or smaller
    /// headline (the caller tells which from its neighbours).
    Secondary,
}

/// The rank type-size evidence gives a block against running text of
/// size `body`, or `None` when it is no display type (left to other cues).
pub fn display_rank(e: &TypeEvidence, body: f32) -> Option<DisplayRank> {
    if !is_display(e) {
        None
    } else if headline_size(e.size, body) {
        Some(DisplayRank::Headline)
    } else if secondary_size(e.size, body) {
        Some(DisplayRank::Secondary)
    } else {
        None
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn shape(t: &str) -> bool {
        shape_is_title(&TextShape {
            text: t,
            opens_block: true,
            jump: false,
        })
    }

    #[test]
    fn text_shape_tells_titles_from_sentences_and_data() {
        assert!(shape("新时代的价值追求"));
        assert!(shape("新时代："));
        assert!(!shape("记者今天从市政府获悉，全市已完成改造。"));
        assert!(!shape("电话：83770333"));
        assert!(!shape("（本报记者）"));
        assert!(!shape_is_title(&TextShape {
            text: "新时代的价值追求",
            opens_block: true,
            jump: true
        }));
    }

    #[test]
    fn type_size_ranks_display_type() {
        let e = |size, chars| TypeEvidence {
            size,
            chars,
            lines: 1,
            full_stop: false,
        };
        assert_eq!(display_rank(&e(16.6, 8), 8.3), Some(DisplayRank::Headline));
        assert_eq!(display_rank(&e(10.0, 8), 8.3), Some(DisplayRank::Secondary));
        assert_eq!(display_rank(&e(8.3, 8), 8.3), None);
        assert_eq!(display_rank(&e(16.6, 120), 8.3), None);
        assert!(heading_size(12.0, 8.3) && !heading_size(20.0, 8.3));
    }

    #[test]
    fn three_heads_opening_alike_are_a_parallel_family() {
        let t = |s: &str| Some(s.to_string());
        let fam = parallel_family(&[
            t("新时代的价值追求"),
            t("新时代的战略安排"),
            None,
            t("新时代的历史使命"),
            t("别的标题文字很长"),
        ]);
        assert_eq!(fam, vec![true, true, false, true, false]);
    }

    #[test]
    fn a_quotation_left_open_for_the_next_line_to_close() {
        assert!(closes_open_quote("“一国”是实行“两", "制”的前提和基础，“两制”从属"));
        assert!(closes_open_quote("“一带", "一路”建设与我国其他一系列外交布"));
        // Closed on its own line, or opened again before it closes: no.
        assert!(!closes_open_quote("充分认识“一国两制”", "的成功实践"));
        assert!(!closes_open_quote("读《资本论", "《序言》与后记》"));
    }
}
