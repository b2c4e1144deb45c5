//! Column labels set in brackets over a headline (`【民营经济一线观察】`):
//! a short line wholly in 【】 (or 〖〗, ［］) right above a headline, in
//! any type size. Set in the running text's size it is stacked with the
//! text above it (the end of the story before) or left alone as body
//! text; it is the headline's column label, so it is split off as a block
//! of its own with the role `Column`, which the regions give to the
//! headline's group.

use super::{solid_len, TBlock, TLine};
use crate::parse::LineRole;

/// A label is at most this many characters, brackets included.
const MAX_CHARS: usize = 32;

/// Wholly in label brackets, short, no sentence.
pub fn bracketed(t: &str) -> bool {
    let t = t.trim();
    let pairs = [('【', '】'), ('〖', '〗'), ('［', '］')];
    pairs.iter().any(|&(o, c)| {
        t.starts_with(o)
            && t.ends_with(c)
            && t.chars().filter(|&x| x == o).count() == 1
            && t.chars().filter(|&x| x == c).count() == 1
    }) && (4..=MAX_CHARS).contains(&solid_len(t))
        && !t.contains('。')
}

/// Is `l` right above a headline block (within three of its own type
/// sizes, overlapping it across)?
fn over_headline(l: &TLine, blocks: &[TBlock]) -> bool {
    blocks.iter().any(|h| {
        h.role == Some(LineRole::Headline)
            && !h.lines.iter().any(|x| x.vertical)
            && h.y0 >= l.y1 - 1.0
            && h.y0 - l.y1 < l.size * 3.0
            && h.x0.max(l.x0) < h.x1.min(l.x1) + l.size
    })
}

/// Give each bracketed label right above a headline the role `Column`,
/// splitting it off the end of a body block that holds it.
pub fn split_labels(blocks: Vec<TBlock>) -> Vec<TBlock> {
    let found: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            let b = &blocks[i];
            b.role.is_none()
                && b.lines
                    .last()
                    .is_some_and(|l| !l.vertical && bracketed(&l.text) && over_headline(l, &blocks))
        })
        .collect();
    if found.is_empty() {
        return blocks;
    }
    let mut out = Vec::with_capacity(blocks.len() + found.len());
    for (i, mut b) in blocks.into_iter().enumerate() {
        if !found.contains(&i) {
            out.push(b);
            continue;
        }
        let label = b.lines.split_off(b.lines.len() - 1);
        if !b.lines.is_empty() {
            out.push(super::sections::bounded(b.lines));
        }
        out.push(TBlock {
            role: Some(LineRole::Column),
            ..super::sections::bounded(label)
        });
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(text: &str, x0: f32, y0: f32, x1: f32, size: f32) -> TLine {
        TLine {
            text: text.into(),
            x0,
            y0,
            x1,
            y1: y0 + size,
            size,
            font: 0,
            vertical: false,
        }
    }

    #[test]
    fn labels_are_wholly_bracketed_and_short() {
        assert!(bracketed("【民营经济高质量发展一线观察·企业家风采】"));
        assert!(bracketed("〖锲而不舍〗"));
        assert!(!bracketed("【图】朵朵鲜花"));
        assert!(!bracketed("【一】【二】"));
        assert!(!bracketed("【】"));
    }

    #[test]
    fn a_label_at_the_foot_of_a_block_over_a_headline_is_split_off() {
        let text = line(
            "就业帮扶车间是促进农村劳动力就业的重要举措。",
            50.0,
            237.0,
            290.0,
            10.0,
        );
        let label = line("【锲而不舍落实中央八项规定精神】", 50.0, 269.0, 210.0, 10.0);
        let body = super::super::sections::bounded(vec![text, label]);
        let head = TBlock {
            role: Some(LineRole::Headline),
            ..super::super::sections::bounded(vec![line(
                "风成于上，俗化于下",
                203.0,
                287.0,
                392.0,
                21.0,
            )])
        };
        let out = split_labels(vec![body, head]);
        assert_eq!(out.len(), 3);
        assert_eq!(out[0].lines.len(), 1);
        assert_eq!(out[1].role, Some(LineRole::Column));
        assert_eq!(out[2].role, Some(LineRole::Headline));
    }

    #[test]
    fn a_label_far_from_any_headline_stays_text() {
        let label = line("【锲而不舍落实中央八项规定精神】", 50.0, 269.0, 210.0, 10.0);
        let body = super::super::sections::bounded(vec![label]);
        let out = split_labels(vec![body]);
        assert_eq!(out[0].role, None);
    }
}
