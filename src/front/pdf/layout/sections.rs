//! Section heads (小标题) set in the running text's size: a short line
//! centred over its column in another face than the text under it (bold,
//! or sans over serif), with a paragraph's indented first line right under
//! it. Set at the top of a column it is stacked with the text into one
//! block; it is split off as a block of its own with the role `Heading`,
//! so a head at the top of a column (or of a sheet) is not read as a
//! story's headline or as the first words of a paragraph.

use super::{solid_len, TBlock, TLine};
use crate::parse::LineRole;

/// A section head is at most this many characters.
const MAX_CHARS: usize = 30;

/// Split a section head off the top of each body block that opens with
/// one, and mark a line standing alone over the text it heads.
pub fn split_heads(mut blocks: Vec<TBlock>) -> Vec<TBlock> {
    let alone: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            let b = &blocks[i];
            b.role.is_none()
                && b.lines.len() == 1
                && blocks.iter().any(|o| {
                    o.role.is_none()
                        && o.lines.len() >= 2
                        && o.x0.max(b.x0) < o.x1.min(b.x1)
                        && o.y0 >= b.y1 - 1.0
                        && o.y0 - b.y1 < b.size * 3.0
                        && is_head(&b.lines[0], &o.lines)
                })
        })
        .collect();
    for i in alone {
        blocks[i].role = Some(LineRole::Heading);
    }
    let mut out = Vec::with_capacity(blocks.len());
    for mut b in blocks {
        if b.role.is_none() && opens_with_head(&b) {
            let rest = b.lines.split_off(1);
            let head = TBlock {
                role: Some(LineRole::Heading),
                ..bounded(b.lines)
            };
            out.push(head);
            out.push(bounded(rest));
        } else {
            out.push(b);
        }
    }
    out
}

/// A block around `lines`, its size the first line's (the lines of a
/// block share one size).
pub(super) fn bounded(lines: Vec<TLine>) -> TBlock {
    let f = |g: fn(&TLine) -> f32, pick: fn(f32, f32) -> f32, init: f32| {
        lines.iter().map(g).fold(init, pick)
    };
    TBlock {
        x0: f(|l| l.x0, f32::min, f32::MAX),
        y0: f(|l| l.y0, f32::min, f32::MAX),
        x1: f(|l| l.x1, f32::max, f32::MIN),
        y1: f(|l| l.y1, f32::max, f32::MIN),
        size: lines.first().map_or(0.0, |l| l.size),
        role: None,
        lines,
    }
}

/// The block's first line is a section head over at least two lines of
/// text: in the text's size but another face, centred between the column's
/// edges (set by the lines under it, within an em), short, no sentence;
/// the line under it is indented as a paragraph's first line.
fn opens_with_head(b: &TBlock) -> bool {
    match b.lines.as_slice() {
        [head, rest @ ..] => is_head(head, rest),
        [] => false,
    }
}

/// `head` is a section head over the lines `rest` (see [`opens_with_head`]).
fn is_head(head: &TLine, rest: &[TLine]) -> bool {
    if rest.len() < 2 || head.vertical || rest.iter().any(|l| l.vertical) {
        return false;
    }
    let size = rest[0].size.max(1.0);
    let left = rest.iter().map(|l| l.x0).fold(f32::MAX, f32::min);
    let right = rest.iter().map(|l| l.x1).fold(f32::MIN, f32::max);
    let (ind, short) = ((head.x0 - left) / size, (right - head.x1) / size);
    let text = head.text.trim();
    let n = solid_len(text);
    let face = rest.iter().all(|l| l.font != head.font);
    face && (head.size - size).abs() < size * 0.1
        && short >= 0.9
        && (ind - short).abs() < 1.0
        && (4..=MAX_CHARS).contains(&n)
        && !text.contains(['。', '！', '？'])
        && (0.9..4.2).contains(&((rest[0].x0 - left) / size))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, y0: f32, x1: f32, font: u16) -> TLine {
        TLine {
            text: text.into(),
            x0,
            y0,
            x1,
            y1: y0 + 10.0,
            size: 10.0,
            font,
            vertical: false,
        }
    }

    fn column(head: TLine) -> TBlock {
        bounded(vec![
            head,
            line("报告提出，中国与中亚国家应弘扬精", 120.0, 115.0, 340.0, 0),
            line("神，锚定命运共同体目标，以更加进取", 100.0, 130.0, 340.0, 0),
            line("的姿态和更加务实的举措加强合作。", 100.0, 145.0, 320.0, 0),
        ])
    }

    #[test]
    fn a_centred_head_in_another_face_is_split_off() {
        let b = column(line("弘扬精神推进共同现代化", 165.0, 100.0, 275.0, 1));
        let out = split_heads(vec![b]);
        assert_eq!(out.len(), 2);
        assert_eq!(out[0].role, Some(LineRole::Heading));
        assert_eq!(out[0].lines[0].text, "弘扬精神推进共同现代化");
        assert_eq!(out[1].lines.len(), 3);
        assert_eq!(out[1].role, None);
    }

    #[test]
    fn a_first_line_in_the_text_face_or_set_flush_stays() {
        // Same face: an indented first line, however short.
        let same = column(line("弘扬精神推进共同现代化", 165.0, 100.0, 275.0, 0));
        assert_eq!(split_heads(vec![same]).len(), 1);
        // Another face but flush left: a lead-in, not a centred head.
        let flush = column(line("弘扬精神推进共同现代化", 100.0, 100.0, 210.0, 1));
        assert_eq!(split_heads(vec![flush]).len(), 1);
        // A sentence is no head.
        let sentence = column(line("弘扬精神，推进现代化。", 165.0, 100.0, 275.0, 1));
        assert_eq!(split_heads(vec![sentence]).len(), 1);
    }
}
