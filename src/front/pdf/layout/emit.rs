//! The page's lines handed to the parser passes, in region order, with
//! geometry, role and paragraph hints.

use super::paras::para_hints;
use super::{Region, TBlock};
use crate::parse::{Geom, LineRole};

/// Emit the page's lines: a blank line between blocks and before each
/// indented first line of a paragraph, with the paragraph signal of
/// [`para_hints`]. `line` is the running line number.
pub fn emit(
    blocks: &[TBlock],
    regions: &[Region],
    fonts: &[String],
    line: &mut u32,
) -> Vec<crate::parse::SourceLine> {
    use crate::parse::SourceLine;
    let hints = para_hints(blocks);
    let mut out = Vec::new();
    let blank = |out: &mut Vec<SourceLine>, line: &mut u32, region: u32| {
        if out.last().is_some_and(|l: &SourceLine| !l.text.is_empty()) {
            *line += 1;
            out.push(SourceLine {
                text: String::new(),
                line: *line,
                region: Some(region),
                ..Default::default()
            });
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
                    geom: Some(Geom {
                        x0: l.x0,
                        y0: l.y0,
                        x1: l.x1,
                        y1: l.y1,
                        size: l.size,
                        font: fonts.get(l.font as usize).cloned().unwrap_or_default(),
                    }),
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
