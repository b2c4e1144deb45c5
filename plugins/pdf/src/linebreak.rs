//! Line breaking for Chinese with Latin runs: a break may fall between any
//! two CJK characters except where the line-start/line-end prohibition
//! rules (禁则) forbid it; Latin words and numbers are never split.

/// One positioned glyph of a paragraph.
#[derive(Debug, Clone, Copy)]
pub struct G {
    /// The character shown.
    pub ch: char,
    /// Index of the face in the document's face list.
    pub face: u8,
    /// Font size in points.
    pub size: f32,
    /// Advance in points.
    pub adv: f32,
}

/// A broken line: glyphs `start..end` (trailing spaces excluded).
#[derive(Debug, Clone, Copy)]
pub struct Line {
    /// First glyph.
    pub start: usize,
    /// One past the last glyph.
    pub end: usize,
    /// Sum of the advances.
    pub natural: f32,
    /// Left indent in points.
    pub indent: f32,
    /// Last line of the text (not justified).
    pub last: bool,
}

/// Characters that may not start a line.
pub fn no_start(c: char) -> bool {
    "。，、；：？！）》」』”’…】〕〉〗］｝％·．｡､‥〟ゝゞ々ー・！％），．：；？］｝,.;:?!)]}%"
        .contains(c)
}

/// Characters that may not end a line.
pub fn no_end(c: char) -> bool {
    "（《「『“‘【〔〈〖［｛〝([{".contains(c)
}

/// Wide (ideographic or fullwidth punctuation) characters, between which a
/// line may break.
pub fn wide(c: char) -> bool {
    matches!(c as u32,
        0x2010..=0x206F | 0x2100..=0x27FF | 0x2E80..=0x9FFF | 0xF900..=0xFAFF | 0xFE30..=0xFE4F | 0xFF00..=0xFFEF | 0x20000..=0x3FFFF)
}

/// May a line break between `a` and `b`?
pub fn can_break(a: char, b: char) -> bool {
    if b == ' ' {
        return false;
    }
    if a == ' ' {
        return !no_start(b);
    }
    if no_start(b) || no_end(a) {
        return false;
    }
    if a == b && matches!(a, '—' | '…' | '⋯' | '－' | '·') {
        return false;
    }
    wide(a) || wide(b)
}

/// May a line break before glyph `j`? Like [`can_break`], but a space
/// does not make a break legal after a character that may not end a line.
fn breakable(gs: &[G], j: usize) -> bool {
    if !can_break(gs[j - 1].ch, gs[j].ch) {
        return false;
    }
    if gs[j - 1].ch == ' ' {
        if let Some(p) = gs[..j].iter().rev().find(|g| g.ch != ' ') {
            return !no_end(p.ch);
        }
    }
    true
}

/// Break `gs` into lines of at most `measure` points (the first indented by
/// `indent`). A line-start-forbidden punctuation mark that overflows by at
/// most half its size is squeezed into the line instead of dragging the
/// previous character down.
pub fn break_lines(gs: &[G], indent: f32, measure: f32) -> Vec<Line> {
    let n = gs.len();
    let mut lines = Vec::new();
    let skip_spaces = |mut i: usize| {
        while i < n && gs[i].ch == ' ' {
            i += 1;
        }
        i
    };
    let mut i = skip_spaces(0);
    let mut first = true;
    while i < n {
        let ind = if first { indent } else { 0.0 };
        let avail = measure - ind;
        let mut w = 0.0f32;
        let mut j = i;
        let mut last_ok: Option<usize> = None;
        let end;
        loop {
            if j == n {
                end = n;
                break;
            }
            let nw = w + gs[j].adv;
            if nw > avail + 0.01 && j > i {
                let over = nw - avail;
                if no_start(gs[j].ch)
                    && over <= 0.5 * gs[j].size
                    && j - i >= 8
                    && (j + 1 == n || breakable(gs, j + 1))
                {
                    end = j + 1;
                } else if breakable(gs, j) {
                    end = j;
                } else if let Some(k) = last_ok {
                    end = k;
                } else {
                    end = j;
                }
                break;
            }
            w = nw;
            if j > i && breakable(gs, j) {
                last_ok = Some(j);
            }
            j += 1;
        }
        let mut e = end;
        while e > i && gs[e - 1].ch == ' ' {
            e -= 1;
        }
        let natural: f32 = gs[i..e].iter().map(|g| g.adv).sum();
        let next = skip_spaces(end);
        lines.push(Line {
            start: i,
            end: e,
            natural,
            indent: ind,
            last: next >= n,
        });
        i = next;
        first = false;
    }
    lines
}

#[cfg(test)]
mod tests {
    use super::*;

    fn gs(s: &str) -> Vec<G> {
        s.chars()
            .map(|ch| G {
                ch,
                face: 0,
                size: 10.0,
                adv: if wide(ch) { 10.0 } else { 5.0 },
            })
            .collect()
    }

    fn text(g: &[G], l: &Line) -> String {
        g[l.start..l.end].iter().map(|g| g.ch).collect()
    }

    /// The lines `s` breaks into at `width` (CJK characters 10 wide, others 5).
    fn broken(s: &str, width: f32) -> Vec<String> {
        let g = gs(s);
        break_lines(&g, 0.0, width)
            .iter()
            .map(|l| text(&g, l))
            .collect()
    }

    #[test]
    fn punctuation_never_starts_a_line() {
        for t in broken(
            "一二三四五六七八九十一二三四五六七八九，十一二三四五六七八九十。",
            100.0,
        ) {
            assert!(!no_start(t.chars().next().unwrap()), "{t}");
            assert!(!no_end(t.chars().last().unwrap()), "{t}");
        }
    }

    #[test]
    fn opening_bracket_never_ends_a_line() {
        assert_eq!(
            broken("一二三四五六七八九《十》一二三四五六七八九十", 100.0)[..2],
            ["一二三四五六七八九", "《十》一二三四五六七"]
        );
    }

    #[test]
    fn latin_words_and_numbers_are_not_split() {
        assert_eq!(
            broken("一二三四五六七2023年八九", 80.0)[..2],
            ["一二三四五六七", "2023年八九"]
        );
    }

    #[test]
    fn dashes_stay_together() {
        assert_eq!(broken("一二三四五六七八九——十", 100.0)[1], "——十");
    }
}
