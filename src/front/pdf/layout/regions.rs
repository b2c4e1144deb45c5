//! The page cut into regions, one per headline group, with the blocks
//! each headline claims; section headings inside an article's columns.

use super::blocks::order_of;
use super::{body_size, is_vertical, local_body, overlap_x, solid_len, Region, TBlock};
use crate::parse::LineRole;

/// Section headings inside an article's columns: a display line, not much
/// wider than the column, with running text of the same column right above
/// and right below it.
fn mark_headings(blocks: &mut [TBlock]) {
    let body = body_size(blocks);
    let mut found = Vec::new();
    for i in 0..blocks.len() {
        let d = &blocks[i];
        if !matches!(
            d.role,
            Some(LineRole::Headline | LineRole::Kicker | LineRole::Subheadline)
        ) || is_vertical(d)
            || d.lines.len() > 4
        {
            continue;
        }
        let local = local_body(blocks, i, body);
        if !crate::parse::heads::heading_size(d.size, local) {
            continue;
        }
        let w = d.x1 - d.x0;
        // A heading's second line read in another size (OCR sizes lines
        // from their ink) is a display block right under it, of nearly its
        // size, over the same column, not a subheadline's dash.
        let tail = blocks.iter().position(|o| {
            matches!(o.role, Some(LineRole::Headline | LineRole::Kicker | LineRole::Subheadline))
                && !is_vertical(o)
                && o.lines.len() <= 2
                && o.size >= d.size * 0.75
                && o.size <= d.size * 1.25
                && o.y0 >= d.y1 - 1.0
                && o.y0 - d.y1 < local * 1.5
                && overlap_x((o.x0, o.x1), (d.x0, d.x1)) > w.min(o.x1 - o.x0) * 0.5
                && !crate::parse::lines::is_sub(o.lines[0].text.trim_start())
        });
        let low = tail.map_or(d.y1, |t| blocks[t].y1);
        let near = |o: &TBlock, above: bool| {
            o.role.is_none()
                && (o.lines.len() >= 2 || !above)
                && overlap_x((o.x0, o.x1), (d.x0, d.x1)) > w * 0.6
                && w <= (o.x1 - o.x0) * 1.15
                && if above {
                    d.y0 >= o.y1 - 1.0 && d.y0 - o.y1 < local * 3.0
                } else {
                    o.y0 >= low - 1.0 && o.y0 - low < local * 3.0
                }
        };
        let above = blocks.iter().any(|o| near(o, true));
        let below = blocks.iter().find(|o| near(o, false));
        // A dateline or byline below opens a new story, not a section.
        let opens_story = below.is_some_and(|o| {
            let t = o.lines[0].text.as_str();
            crate::parse::markers::find_dateline(&crate::parse::inline::clean_spaces(t)).is_some()
                || crate::parse::markers::byline_kind(t).is_some()
        });
        // Or: well inside the columns under a much larger headline, with
        // running text right below and no rule or other headline between.
        let under_head = below.is_some()
            && blocks.iter().enumerate().any(|(k, h)| {
                k != i
                    && h.role == Some(LineRole::Headline)
                    && !is_vertical(h)
                    && h.size >= d.size * 1.5
                    && h.y1 <= d.y0 + 1.0
                    && overlap_x((h.x0, h.x1), (d.x0, d.x1)) >= w * 0.8
                    && !blocks.iter().enumerate().any(|(m, o)| {
                        m != i
                            && m != k
                            && o.role == Some(LineRole::Headline)
                            && o.size >= d.size * 0.95
                            && o.y0 >= h.y1 - 1.0
                            && o.y1 <= d.y0 + 1.0
                            && overlap_x((o.x0, o.x1), (d.x0, d.x1)) > 0.0
                    })
            });
        if (above || under_head) && below.is_some() && !opens_story {
            found.push(i);
            found.extend(tail);
        }
    }
    for i in found {
        blocks[i].role = Some(LineRole::Heading);
    }
}

/// The headline group nearest to block `i`: below a group and overlapping
/// it (distance down from the group), beside a vertical headline (distance
/// down from its top plus across to it), or a long column beside a
/// headline set narrower than its story (distance across).
fn nearest_group(
    blocks: &[TBlock],
    i: usize,
    heads: &[usize],
    bbox: &[(f32, f32, f32, f32)],
    body: f32,
) -> Option<(usize, f32)> {
    let b = &blocks[i];
    heads
        .iter()
        .enumerate()
        .filter_map(|(g, &h)| {
            let (gx0, gy0, gx1, gy1) = bbox[g];
            let (cx, cy) = ((b.x0 + b.x1) * 0.5, (b.y0 + b.y1) * 0.5);
            let d = if cx > gx0 && cx < gx1 && cy > gy0 && cy < gy1 {
                // Inside the area the headline group spans.
                0.0
            } else if is_vertical(&blocks[h]) {
                let o = &blocks[h];
                let beside = b.x0 < o.x0 && b.y0 <= o.y1 + body * 4.0 && b.y1 >= o.y0;
                let under = overlap_x((b.x0, b.x1), (o.x0, o.x1)) > 0.0 && b.y0 >= o.y1 - 1.0;
                // Distance down from the headline's top plus the distance across to it.
                if beside || under {
                    (b.y0 - o.y0).max(0.0) + (o.x0 - b.x1).max(0.0)
                } else {
                    return None;
                }
            } else if overlap_x((b.x0, b.x1), (gx0, gx1)) > 0.0 && b.y0 >= gy1 - body * 0.5 {
                b.y0 - gy1
            } else if b.y0 >= gy0 - body * 4.0
                && b.y0 < blocks[h].y1
                && b.y1 > blocks[h].y1 + body * 3.0
                && b.lines.len() >= 3
                && overlap_x((b.x0, b.x1), (gx0, gx1)) <= 0.0
            {
                // A column beside a headline set narrower than its story,
                // starting about level with it.
                (b.x0 - gx1).max(gx0 - b.x1) + body * 2.0
            } else {
                return None;
            };
            Some((g, d))
        })
        .min_by(|x, y| x.1.total_cmp(&y.1))
}

/// The font carrying most characters of body-size text.
fn body_font(blocks: &[TBlock]) -> u16 {
    let body = body_size(blocks);
    let mut fonts: Vec<(u16, usize)> = Vec::new();
    for l in blocks
        .iter()
        .flat_map(|b| b.lines.iter())
        .filter(|l| (l.size - body).abs() < 0.3)
    {
        let n = l.text.chars().count();
        match fonts.iter_mut().find(|(f, _)| *f == l.font) {
            Some(e) => e.1 += n,
            None => fonts.push((l.font, n)),
        }
    }
    fonts.iter().max_by_key(|e| e.1).map(|e| e.0).unwrap_or(0)
}

/// Cut the page into regions, one per headline group: each block of text
/// goes to the nearest headline group above it in its column (or beside a
/// vertical headline); blocks no headline claims form untitled regions.
/// Regions come in the reading order of their first block. (Rules are not
/// used as barriers: on these pages they frame leads and decorate
/// headlines more often than they separate stories.)
pub fn segment(blocks: &mut [TBlock]) -> Vec<Region> {
    mark_headings(blocks);
    let n = blocks.len();
    let body = body_size(blocks);
    let heads: Vec<usize> = (0..n)
        .filter(|&i| blocks[i].role == Some(LineRole::Headline))
        .collect();
    let groups = Groups::find(blocks, heads, body);
    let mut owner = claim_blocks(blocks, &groups, body);
    claim_leads(blocks, &groups, body, &mut owner);
    claim_caption_rows(blocks, &groups, body, &mut owner);
    let global = order_of(blocks, &(0..n).collect::<Vec<_>>());
    let mut regions = regions_in_order(blocks, &global, &owner, &groups);
    labels_head_stories(blocks, &mut regions, &groups);
    regions
}

/// The headline groups: each headline with the kickers above it and the
/// subheadlines and bylines below it, and the box the group spans.
struct Groups {
    /// The headline of each group.
    heads: Vec<usize>,
    /// The group each block belongs to, if it is display type of one.
    group_of: Vec<Option<usize>>,
    /// Each group's box (x0, y0, x1, y1).
    bbox: Vec<(f32, f32, f32, f32)>,
}

impl Groups {
    fn find(blocks: &[TBlock], heads: Vec<usize>, body: f32) -> Groups {
        let n = blocks.len();
        let mut group_of: Vec<Option<usize>> = vec![None; n];
        for (g, &h) in heads.iter().enumerate() {
            group_of[h] = Some(g);
        }
        for i in 0..n {
            if let Some(g) = nearest_head(blocks, i, &heads, body) {
                group_of[i] = Some(g);
            }
        }
        let mut bbox: Vec<(f32, f32, f32, f32)> =
            vec![(f32::MAX, f32::MAX, f32::MIN, f32::MIN); heads.len()];
        for i in 0..n {
            if let Some(g) = group_of[i] {
                let b = &blocks[i];
                let e = &mut bbox[g];
                *e = (e.0.min(b.x0), e.1.min(b.y0), e.2.max(b.x1), e.3.max(b.y1));
            }
        }
        Groups {
            heads,
            group_of,
            bbox,
        }
    }

    /// The nearest group to block `i` (see [`nearest_group`]).
    fn nearest(&self, blocks: &[TBlock], i: usize, body: f32) -> Option<(usize, f32)> {
        nearest_group(blocks, i, &self.heads, &self.bbox, body)
    }
}

/// The headline a kicker or column label stands over, or a subheadline or
/// byline stands under (beside, for a vertical headline), within eight
/// lines of body type.
fn nearest_head(blocks: &[TBlock], i: usize, heads: &[usize], body: f32) -> Option<usize> {
    let b = &blocks[i];
    let want_below = match b.role {
        Some(LineRole::Kicker | LineRole::Column) => true,
        Some(LineRole::Subheadline | LineRole::Byline) => false,
        _ => return None,
    };
    heads
        .iter()
        .enumerate()
        .filter_map(|(g, &h)| {
            let o = &blocks[h];
            let d = if is_vertical(o) {
                // Beside a vertical headline.
                if b.y0 >= o.y0 - body && b.y0 <= o.y1 {
                    (b.x0 - o.x1).max(o.x0 - b.x1).max(0.0)
                } else {
                    return None;
                }
            } else if overlap_x((b.x0, b.x1), (o.x0, o.x1)) > -body {
                if want_below {
                    o.y0 - b.y1
                } else {
                    b.y0 - o.y1
                }
            } else {
                return None;
            };
            (d > -body && d < body * 8.0).then_some((g, d))
        })
        .min_by(|x, y| x.1.total_cmp(&y.1))
        .map(|(g, _)| g)
}

/// Every other block to the nearest group above (or beside a vertical
/// headline); furniture to none.
fn claim_blocks(blocks: &[TBlock], groups: &Groups, body: f32) -> Vec<Option<usize>> {
    let mut owner: Vec<Option<usize>> = groups.group_of.clone();
    for i in 0..blocks.len() {
        if owner[i].is_some() || blocks[i].role == Some(LineRole::Furniture) {
            continue;
        }
        owner[i] = groups.nearest(blocks, i, body).map(|(g, _)| g);
    }
    owner
}

/// A lead (导语) printed over its headline: sentences in a type larger
/// than the running text, right above a headline and spanning much of its
/// width, belong to that headline's story (they read first in its body),
/// not to the story above them, whose running text is in body type.
fn claim_leads(blocks: &[TBlock], groups: &Groups, body: f32, owner: &mut [Option<usize>]) {
    for (i, b) in blocks.iter().enumerate() {
        let sentences = b.lines.iter().any(|l| l.text.contains('。'));
        if b.role.is_some() || groups.group_of[i].is_some() || b.lines.len() < 2 || !sentences || b.size < body * 1.08 || is_vertical(b) {
            continue;
        }
        let w = b.x1 - b.x0;
        let under = groups.heads.iter().enumerate().filter(|(_, &h)| {
            let o = &blocks[h];
            !is_vertical(o) && o.y0 >= b.y1 - 1.0 && o.y0 - b.y1 < body * 2.5 && overlap_x((o.x0, o.x1), (b.x0, b.x1)) > w.min(o.x1 - o.x0) * 0.6
        });
        if let Some((g, _)) = under.min_by(|x, y| blocks[*x.1].y0.total_cmp(&blocks[*y.1].y0)) {
            owner[i] = Some(g);
        }
    }
}

/// Short blocks set side by side in a face other than the body's (one
/// caption under two photos) go together, to the group nearest to any.
fn claim_caption_rows(blocks: &[TBlock], groups: &Groups, body: f32, owner: &mut [Option<usize>]) {
    let n = blocks.len();
    let body_font = body_font(blocks);
    let sib = |b: &TBlock| b.lines.len() <= 5 && b.role.is_none() && b.lines[0].font != body_font;
    for i in 0..n {
        if groups.group_of[i].is_some() || !sib(&blocks[i]) {
            continue;
        }
        let b = &blocks[i];
        let row: Vec<usize> = (0..n)
            .filter(|&k| {
                let o = &blocks[k];
                groups.group_of[k].is_none()
                    && sib(o)
                    && (o.y0 - b.y0).abs() < 1.0
                    && (o.size - b.size).abs() < 0.3
                    && o.lines[0].font == b.lines[0].font
                    && (o.x0 - b.x1).max(b.x0 - o.x1) < b.size * 4.0
            })
            .collect();
        if row.len() < 2 {
            continue;
        }
        let best = row
            .iter()
            .filter_map(|&k| groups.nearest(blocks, k, body))
            .min_by(|x, y| x.1.total_cmp(&y.1));
        if let Some((g, _)) = best {
            for k in row {
                owner[k] = Some(g);
            }
        }
    }
}

/// Regions in the reading order of their first block (`global`): a titled
/// region per group, untitled runs between them. Inside a titled region:
/// the headline group top to bottom, then the rest in reading order.
fn regions_in_order(
    blocks: &[TBlock],
    global: &[usize],
    owner: &[Option<usize>],
    groups: &Groups,
) -> Vec<Region> {
    let mut regions: Vec<Region> = Vec::new();
    let mut of_group: Vec<Option<usize>> = vec![None; groups.heads.len()];
    let mut untitled_open: Option<usize> = None;
    for &i in global {
        let r = match owner[i] {
            Some(g) => {
                untitled_open = None;
                *of_group[g].get_or_insert_with(|| {
                    regions.push(Region {
                        blocks: Vec::new(),
                        titled: true,
                    });
                    regions.len() - 1
                })
            }
            None => *untitled_open.get_or_insert_with(|| {
                regions.push(Region {
                    blocks: Vec::new(),
                    titled: false,
                });
                regions.len() - 1
            }),
        };
        regions[r].blocks.push(i);
    }
    for r in regions.iter_mut().filter(|r| r.titled) {
        let (mut head, rest): (Vec<usize>, Vec<usize>) = r
            .blocks
            .iter()
            .partition(|&&i| groups.group_of[i].is_some());
        head.sort_by(|&a, &b| {
            blocks[a]
                .y0
                .total_cmp(&blocks[b].y0)
                .then(blocks[a].x0.total_cmp(&blocks[b].x0))
        });
        let rest = order_of(blocks, &rest);
        r.blocks = head.into_iter().chain(rest).collect();
    }
    regions
}

/// A label alone (`◇简讯◇`, a series name) heads the stories below it: it
/// becomes the column label of the first of them, the nearest titled
/// region whose headline group starts below it, overlapping it.
fn labels_head_stories(blocks: &mut [TBlock], regions: &mut Vec<Region>, groups: &Groups) {
    let label_like = |t: &str| {
        let n = solid_len(t);
        n <= 6 || t.contains(['◇', '◆', '【', '|', '｜', '·'])
    };
    let mut k = 0;
    while k < regions.len() {
        let r = &regions[k];
        let only_head = r.titled
            && r.blocks.iter().all(|&i| groups.group_of[i].is_some())
            && r.blocks.len() == 1;
        let i = r.blocks[0];
        let l = &blocks[i];
        let text: String = l.lines.iter().map(|x| x.text.as_str()).collect();
        if !only_head || !label_like(&text) || is_vertical(l) {
            k += 1;
            continue;
        }
        let target = (0..regions.len())
            .filter(|&j| j != k && regions[j].titled)
            .filter_map(|j| {
                let o = &blocks[regions[j].blocks[0]];
                (o.y0 >= l.y1 - 1.0 && overlap_x((o.x0, o.x1), (l.x0, l.x1)) > 0.0)
                    .then_some((j, o.y0 - l.y1))
            })
            .min_by(|a, b| a.1.total_cmp(&b.1))
            .map(|t| t.0);
        match target {
            Some(j) => {
                blocks[i].role = Some(LineRole::Column);
                regions[j].blocks.insert(0, i);
                regions.remove(k);
            }
            None => k += 1,
        }
    }
}
