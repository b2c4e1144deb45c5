//! Table cells dropped among running text. An extractor reads a table
//! printed beside a story (a weather table: `今天` / `晴转多云` / `17~4` /
//! `沈阳`, city after city) cell by cell and interleaves the cells with the
//! story's lines, so they break its paragraphs and pass for headings. A
//! cell is told by what tables are made of, not by any one table's words:
//! a short line holding a range of numbers (`14~7`, `13~-2`, `75-105`), a
//! short line whose exact text recurs down the page (column heads and
//! repeated values) near such ranges, or a word between two cells. Cells
//! become table furniture, and the text around them reads on across them.

use super::lines::{Kind, Line};
use newsconv_core::FurnitureKind;
use std::collections::HashMap;

/// The longest cell, in characters.
const CELL_CHARS: usize = 8;
/// How often a short line must recur to be a table's repeated cell.
const RECURS: usize = 3;
/// The longest word between two cells that is a cell itself.
const ROW_WORD: usize = 4;
/// How many lines from a range of numbers a repeated cell may stand.
const NUMBERS_REACH: usize = 3;

/// Mark the table cells among the text lines of one page (lines a front
/// end gave a role keep it).
pub(super) fn mark_cells(lines: &mut [Line]) {
    let open = |l: &Line| l.role.is_none() && matches!(l.kind, Kind::Body | Kind::Title);
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for l in lines.iter().filter(|l| open(l) && short(&l.clean)) {
        *seen.entry(l.clean.as_str()).or_default() += 1;
    }
    let repeated: Vec<bool> = lines
        .iter()
        .map(|l| seen.get(l.clean.as_str()).is_some_and(|&n| n >= RECURS))
        .collect();
    let ranges: Vec<usize> = (0..lines.len())
        .filter(|&i| open(&lines[i]) && short(&lines[i].clean) && number_range(&lines[i].clean))
        .collect();
    // A repeated line is a cell only near numbers: parallel headings that
    // wrap alike (`握全面从严治党永` / `远在路上`, three times) are no table.
    // `ranges` is in line order: the first range at or after the reach's
    // start decides, so a page of many repeats costs a search each.
    let near_numbers = |i: usize| {
        let from = ranges.partition_point(|&r| r + NUMBERS_REACH < i);
        ranges.get(from).is_some_and(|&r| r <= i + NUMBERS_REACH)
    };
    for i in 0..lines.len() {
        let l = &lines[i];
        if open(l) && short(&l.clean) && (ranges.binary_search(&i).is_ok() || repeated[i] && near_numbers(i)) {
            lines[i].kind = Kind::Furniture(FurnitureKind::Table);
        }
    }
    // A short word between two cells is a cell of its row (`沈阳`, `大连`).
    let cell = |l: &Line| l.kind == Kind::Furniture(FurnitureKind::Table);
    for i in 1..lines.len().saturating_sub(1) {
        let l = &lines[i];
        if open(l) && l.clean.chars().count() <= ROW_WORD && short(&l.clean) && cell(&lines[i - 1]) && cell(&lines[i + 1]) {
            lines[i].kind = Kind::Furniture(FurnitureKind::Table);
        }
    }
}

/// A line short enough to be a cell, with no sentence punctuation.
fn short(t: &str) -> bool {
    let n = t.chars().count();
    (1..=CELL_CHARS).contains(&n) && !t.contains(|c| "。，、；：！？“”《》".contains(c))
}

/// Does the line end in a range of numbers (`14~7`, `晴转多云17~4`,
/// `13~-2`, `75-105`), with at most a few letters before it?
fn number_range(t: &str) -> bool {
    let Some(at) = t.find(|c: char| c.is_ascii_digit()) else {
        return false;
    };
    let (head, tail) = t.split_at(at);
    let mut parts = tail.splitn(2, ['~', '～', '-']);
    // Values, not years or dates (`2021-3`).
    let digits = |s: &str| (1..=3).contains(&s.len()) && s.chars().all(|c| c.is_ascii_digit());
    head.chars().count() <= 5
        && digits(parts.next().unwrap_or(""))
        && parts
            .next()
            .is_some_and(|r| digits(r.strip_prefix('-').unwrap_or(r)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn ranges_of_numbers_are_cells() {
        for t in ["14~7", "13~-2", "晴转多云17~4", "75-105"] {
            assert!(number_range(t), "{t}");
        }
        for t in ["2021-3", "17℃", "第3版", "1982年2月参加工作", "3~", "PM2.5"] {
            assert!(!number_range(t) || !short(t), "{t}");
        }
    }

    #[test]
    fn only_short_unpunctuated_lines_are_cells() {
        assert!(short("今天"));
        assert!(!short("据介绍，"));
        assert!(!short("他藏起来的肇事车辆。"));
    }
}
