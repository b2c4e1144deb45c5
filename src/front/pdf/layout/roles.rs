//! Block roles from type size and position: headline, kicker,
//! subheadline, byline, furniture; body-size text is left to the passes.

use super::super::extract::PdfPage;
use super::{body_size, local_body, solid_len, TBlock};
use crate::parse::heads::{self, DisplayRank, TypeEvidence};
use crate::parse::LineRole;

/// Share of the printed area's height, from its top, of the header band
/// (the page header and folio line; a label just under it is not).
const HEADER_BAND: f32 = 0.055;
/// Share of the printed area's height below which small type is a footer.
const FOOTER_FROM: f32 = 0.96;

/// Shaped like a line of names: one to six tokens of one to four Han
/// characters, two to twelve in all (`胡鞍钢 张 新`, `刘 宾 胡瑞华`). A shape
/// test only, unlike the text parser's `names_only` (which also wants
/// surnames and refuses weather words): here the type size, between body
/// and display, and the nearness to a headline carry the rest of the
/// evidence.
fn name_shaped(t: &str) -> bool {
    let toks: Vec<&str> = t.split_whitespace().collect();
    let han: usize = toks.iter().map(|x| x.chars().count()).sum();
    !toks.is_empty()
        && toks.len() <= 6
        && (2..=12).contains(&han)
        && toks
            .iter()
            .all(|x| x.chars().count() <= 4 && x.chars().all(crate::parse::inline::is_han))
}

/// Roles from type size and position: display type is a headline, a
/// smaller display line just above a headline is its kicker and just below
/// it a subheadline; a line of names only, set apart in a type between body
/// and display size near a headline, is a byline; small type in the top
/// margin is furniture (top and foot of the printed area). Body-size text is left to the parser's textual cues
/// (bylines, captions, furniture patterns).
pub fn classify(blocks: &mut [TBlock], page: &PdfPage) {
    let body = body_size(blocks);
    let text_of = |b: &TBlock| -> String {
        b.lines
            .iter()
            .map(|l| l.text.as_str())
            .collect::<Vec<_>>()
            .join(" ")
    };
    // Position is judged against the printed area, not the sheet.
    let area = page.printed_area();
    // Headlines first: the other roles are judged by their distance to one.
    let top = area.y0 + area.height() * HEADER_BAND;
    // A head stands over the page's text: with no text below the band
    // (a page of one line over a picture) there is none.
    let headed = blocks.iter().any(|o| o.y0 >= top);
    let heads: Vec<usize> = (0..blocks.len())
        .filter(|&i| {
            heads::display_rank(&evidence(&blocks[i]), body) == Some(DisplayRank::Headline)
                && blocks[i].y1 >= top
        })
        .collect();
    // Is block b within `reach` below (or beside, for vertical headlines) a headline or subheadline?
    let near_head = |b: &TBlock, reach: f32| {
        heads.iter().any(|&h| {
            let o = &blocks[h];
            let vertical = o.lines.iter().all(|l| l.vertical);
            if vertical {
                b.y0 >= o.y0 - body
                    && b.y0 < o.y1
                    && (b.x1 <= o.x0 + body && o.x0 - b.x1 < reach
                        || b.x0 >= o.x1 - body && b.x0 - o.x1 < reach)
            } else {
                o.x1.min(b.x1) - o.x0.max(b.x0) > -body && b.y0 >= o.y1 - 1.0 && b.y0 - o.y1 < reach
            }
        })
    };
    let mut roles = vec![None; blocks.len()];
    for i in 0..blocks.len() {
        let b = &blocks[i];
        let ev = evidence(b);
        let t = text_of(b);
        // Sizes are judged against the running text around the block (a
        // page of small-type notices has news in larger type above them).
        let body = local_body(blocks, i, body);
        let rank = heads::display_rank(&ev, body);
        roles[i] = if headed && b.y1 < top && (!heads::headline_size(b.size, body) || ev.chars <= 8)
        {
            Some(LineRole::Furniture)
        } else if rank.is_some() && b.lines.len() == 1 && furniture_line(&t, b.y1 < top) {
            // A page label in display type (`第1版` over a page's first story),
            // or a dated header line in the top band that OCR boxed with the
            // larger section name beside it (`2018年1月2日星期二 7 理论`).
            Some(LineRole::Furniture)
        } else if b.lines.len() == 1
            && (b.size >= body * 1.02 || b.size <= body * 0.98)
            && !heads::headline_size(b.size, body)
            && name_shaped(&t)
            && near_head(b, body * 12.0)
        {
            Some(LineRole::Byline)
        } else if rank == Some(DisplayRank::Headline) {
            Some(LineRole::Headline)
        } else if rank == Some(DisplayRank::Secondary) {
            // Look for a headline directly below (kicker) or above (subheadline).
            let near = |o: &TBlock| {
                heads::headline_size(o.size, body) && o.x1.min(b.x1) - o.x0.max(b.x0) > 0.0
            };
            let below = blocks
                .iter()
                .any(|o| near(o) && o.y0 >= b.y1 - 1.0 && o.y0 - b.y1 < body * 3.0);
            let above = blocks
                .iter()
                .any(|o| near(o) && b.y0 >= o.y1 - 1.0 && b.y0 - o.y1 < body * 3.0);
            if below {
                Some(LineRole::Kicker)
            } else if above {
                Some(LineRole::Subheadline)
            } else {
                Some(LineRole::Headline)
            }
        } else if b.y0 > area.y0 + area.height() * FOOTER_FROM && b.size < body * 0.95 {
            // Small type at the foot of the page: a footer.
            Some(LineRole::Furniture)
        } else {
            None
        };
    }
    let stacked = stacked_display(blocks, &roles);
    for (b, r) in blocks.iter_mut().zip(stacked) {
        b.role = r;
    }
}

/// A line in display type that is furniture: a page label anywhere, a
/// date line in the header band (`in_band`).
fn furniture_line(t: &str, in_band: bool) -> bool {
    use newsconv_core::FurnitureKind::{Date, Page};
    match crate::parse::markers::furniture_kind(t) {
        Some(Page) => true,
        Some(Date) => in_band,
        _ => false,
    }
}

/// Two display blocks stacked in one column: the larger is the headline,
/// a smaller one right above it its kicker, right below it its subheadline.
fn stacked_display(blocks: &[TBlock], roles: &[Option<LineRole>]) -> Vec<Option<LineRole>> {
    let mut stacked = roles.to_vec();
    let head_idx: Vec<usize> = (0..blocks.len())
        .filter(|&k| roles[k] == Some(LineRole::Headline))
        .collect();
    for i in 0..blocks.len() {
        if roles[i] != Some(LineRole::Headline) {
            continue;
        }
        let b = &blocks[i];
        let larger = |o: &TBlock, below: bool| {
            heads::secondary_size(o.size, b.size)
                && o.x1.min(b.x1) - o.x0.max(b.x0) > (b.x1 - b.x0).min(o.x1 - o.x0) * 0.85
                && if below {
                    o.y0 >= b.y1 - 1.0 && o.y0 - b.y1 < b.size * 1.2
                } else {
                    b.y0 >= o.y1 - 1.0 && b.y0 - o.y1 < b.size * 1.2
                }
        };
        if head_idx.iter().any(|&k| larger(&blocks[k], true)) {
            stacked[i] = Some(LineRole::Kicker);
        } else if head_idx.iter().any(|&k| larger(&blocks[k], false)) {
            stacked[i] = Some(LineRole::Subheadline);
        }
    }
    stacked
}

/// What a block's print says to [`heads`]: its size and how much text.
fn evidence(b: &TBlock) -> TypeEvidence {
    TypeEvidence {
        size: b.size,
        chars: b.lines.iter().map(|l| solid_len(&l.text)).sum(),
        lines: b.lines.len(),
        full_stop: b.lines.iter().any(|l| l.text.contains('。')),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_dated_header_line_in_display_type_is_furniture_in_the_band_only() {
        assert!(furniture_line("2018年1月16日星期二/7理论|", true));
        assert!(!furniture_line("2018年1月16日星期二/7理论|", false));
        assert!(furniture_line("第1版", false));
        assert!(!furniture_line("健全党和国家监督体系", true));
    }
}
