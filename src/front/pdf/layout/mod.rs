//! Layout analysis: duplicate removal, glyphs → lines → blocks, reading
//! order by recursive cuts along gutters, and block roles from type size.

//!
//! One file per step, in pipeline order: [`dedup`] (glyphs drawn twice),
//! [`lines`] (glyphs → lines), [`blocks`] (lines → blocks, reading order),
//! [`roles`] (block roles from type size), [`regions`] (the page cut into
//! articles), [`paras`] (paragraph signals) and [`emit`] (the lines handed
//! to the passes).

mod blocks;
mod brackets;
mod dedup;
mod emit;
mod lines;
mod paras;
mod regions;
mod roles;
mod sections;

pub use blocks::{blocks, order_of, reading_order};
pub use dedup::dedup;
pub use emit::emit;
pub use lines::{join_pieces, lines, Walls};
pub use paras::para_hints;
pub use regions::segment;
pub use roles::classify;

use super::extract::PdfPage;
use crate::parse::LineRole;

/// A line of text (horizontal, or one vertical column of upright glyphs).
#[derive(Debug, Clone)]
pub struct TLine {
    /// Text, with a space where the print shows a gap.
    pub text: String,
    /// Box.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
    /// Dominant size.
    pub size: f32,
    /// Dominant font index.
    pub font: u16,
    /// Runs top to bottom (vertical text or rotated text).
    pub vertical: bool,
}

/// A block: lines of one size and font, stacked closely in one column.
#[derive(Debug, Clone)]
pub struct TBlock {
    /// Lines in order.
    pub lines: Vec<TLine>,
    /// Box.
    pub x0: f32,
    /// Top.
    pub y0: f32,
    /// Right.
    pub x1: f32,
    /// Bottom.
    pub y1: f32,
    /// Size of its lines.
    pub size: f32,
    /// Role from type size and position.
    pub role: Option<LineRole>,
}

/// The whole analysis of one page: glyphs → lines → blocks with roles, in
/// reading order.
pub fn analyse(page: &PdfPage) -> Vec<TBlock> {
    let glyphs = dedup(&page.glyphs);
    let walls = Walls::new(&page.rules);
    let lines = join_pieces(lines(&glyphs, &walls), &walls);
    let mut blocks = blocks(lines);
    classify(&mut blocks, page);
    reading_order(brackets::split_labels(sections::split_heads(blocks)))
}

/// A page region: one article's blocks (headline group first, then its
/// body in reading order), or a run of blocks no headline claims.
#[derive(Debug, Clone)]
pub struct Region {
    /// Block indices in reading order.
    pub blocks: Vec<usize>,
    /// Has a headline group.
    pub titled: bool,
}

fn overlap_x(a: (f32, f32), b: (f32, f32)) -> f32 {
    a.1.min(b.1) - a.0.max(b.0)
}

fn is_vertical(b: &TBlock) -> bool {
    b.lines.iter().all(|l| l.vertical)
}

/// The type size of the running text around a block: the size of the
/// nearest block of three lines or more above or below it in its column.
fn local_body(blocks: &[TBlock], i: usize, page_body: f32) -> f32 {
    let b = &blocks[i];
    (0..blocks.len())
        .filter(|&k| {
            k != i
                && blocks[k].lines.len() >= 3
                && blocks[k].role.is_none()
                && overlap_x((b.x0, b.x1), (blocks[k].x0, blocks[k].x1)) > 0.0
        })
        .min_by(|&x, &y| {
            let d = |k: usize| (blocks[k].y0 - b.y1).max(b.y0 - blocks[k].y1).max(0.0);
            d(x).total_cmp(&d(y))
        })
        .map(|k| blocks[k].size)
        .unwrap_or(page_body)
}

/// The body type size of a page's lines: the size carrying most characters.
fn line_body_size(lines: &[TLine]) -> f32 {
    dominant_size(lines.iter())
}

/// The type size that carries the most characters (ties: the smaller).
fn dominant_size<'a>(lines: impl Iterator<Item = &'a TLine>) -> f32 {
    let mut sizes: Vec<(f32, usize)> = Vec::new();
    for l in lines {
        let n = l.text.chars().count();
        match sizes.iter_mut().find(|(s, _)| (*s - l.size).abs() < 0.3) {
            Some(e) => e.1 += n,
            None => sizes.push((l.size, n)),
        }
    }
    sizes
        .iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.total_cmp(&a.0)))
        .map(|e| e.0)
        .unwrap_or(9.0)
}

fn solid_len(t: &str) -> usize {
    t.chars().filter(|c| !c.is_whitespace()).count()
}

/// The body type size: the size that carries the most characters.
pub fn body_size(blocks: &[TBlock]) -> f32 {
    dominant_size(blocks.iter().flat_map(|b| b.lines.iter()))
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

    fn block(lines: Vec<TLine>, role: Option<LineRole>) -> TBlock {
        let (x0, y0) = (
            lines.iter().map(|l| l.x0).fold(f32::MAX, f32::min),
            lines.iter().map(|l| l.y0).fold(f32::MAX, f32::min),
        );
        let (x1, y1) = (
            lines.iter().map(|l| l.x1).fold(f32::MIN, f32::max),
            lines.iter().map(|l| l.y1).fold(f32::MIN, f32::max),
        );
        TBlock {
            size: lines[0].size,
            x0,
            y0,
            x1,
            y1,
            role,
            lines,
        }
    }

    fn column(x0: f32, y0: f32, n: usize, indent_at: &[usize]) -> TBlock {
        let lines = (0..n)
            .map(|k| {
                let x = if indent_at.contains(&k) {
                    x0 + 16.6
                } else {
                    x0
                };
                line(
                    "正文正文正文正文正文正文正文正文",
                    x,
                    y0 + k as f32 * 12.0,
                    x0 + 140.0,
                    8.3,
                )
            })
            .collect();
        block(lines, None)
    }

    #[test]
    fn pieces_of_one_display_line_are_joined_with_a_space() {
        let mut lines: Vec<TLine> = (0..20)
            .map(|k| {
                line(
                    "正文正文正文正文",
                    10.0,
                    200.0 + k as f32 * 12.0,
                    150.0,
                    8.3,
                )
            })
            .collect();
        lines.push(line("防风险", 180.0, 100.0, 230.0, 16.6));
        lines.push(line("严监管", 250.0, 100.0, 300.0, 16.6));
        lines.push(line("胡鞍钢", 278.0, 150.0, 309.0, 9.7));
        lines.push(line("张", 320.0, 150.0, 330.0, 9.7));
        let out = join_pieces(lines, &Walls::default());
        let texts: Vec<&str> = out.iter().map(|l| l.text.as_str()).collect();
        assert!(texts.contains(&"防风险 严监管"), "{texts:?}");
        assert!(texts.contains(&"胡鞍钢 张"), "{texts:?}");
        // Body lines are never joined across a gutter.
        assert_eq!(out.len(), 22);
    }

    #[test]
    fn a_column_rule_keeps_two_headlines_apart() {
        let mut lines: Vec<TLine> = (0..20).map(|k| line("正文正文正文正文", 10.0, 200.0 + k as f32 * 12.0, 150.0, 8.3)).collect();
        // Two short headlines side by side over two stories, a rule between them.
        lines.push(line("春耕正当时", 10.0, 100.0, 90.0, 16.6));
        lines.push(line("新桥通车", 110.0, 100.0, 175.0, 16.6));
        let walls = Walls::new(&[crate::front::pdf::extract::Rule { x0: 100.0, y0: 80.0, x1: 100.0, y1: 400.0 }]);
        let texts: Vec<String> = join_pieces(lines.clone(), &walls).into_iter().map(|l| l.text).collect();
        assert!(texts.contains(&"春耕正当时".to_string()) && texts.contains(&"新桥通车".to_string()), "{texts:?}");
        // Without the rule they read as one display line.
        let texts: Vec<String> = join_pieces(lines, &Walls::default()).into_iter().map(|l| l.text).collect();
        assert!(texts.contains(&"春耕正当时 新桥通车".to_string()), "{texts:?}");
    }

    #[test]
    fn indented_lines_start_paragraphs_and_flush_lines_carry_on() {
        let blocks = vec![column(10.0, 100.0, 6, &[0, 3])];
        let hints = para_hints(&blocks);
        assert_eq!(
            hints[0],
            vec![
                Some(true),
                Some(false),
                Some(false),
                Some(true),
                Some(false),
                Some(false)
            ]
        );
        // A one-line block borrows the edge of its column.
        let blocks = vec![
            column(10.0, 100.0, 6, &[0]),
            block(vec![line("续行", 10.0, 200.0, 150.0, 8.3)], None),
        ];
        assert_eq!(para_hints(&blocks)[1], vec![Some(false)]);
    }

    #[test]
    fn each_headline_claims_the_columns_below_it() {
        let mut blocks = vec![
            block(
                vec![line("左边的标题", 10.0, 50.0, 300.0, 30.0)],
                Some(LineRole::Headline),
            ),
            block(
                vec![line("右边的标题", 330.0, 50.0, 620.0, 30.0)],
                Some(LineRole::Headline),
            ),
            column(10.0, 100.0, 10, &[0]),
            column(160.0, 100.0, 10, &[]),
            column(330.0, 100.0, 10, &[0]),
            column(480.0, 100.0, 10, &[]),
        ];
        let regions = segment(&mut blocks);
        let titled: Vec<&Vec<usize>> = regions
            .iter()
            .filter(|r| r.titled)
            .map(|r| &r.blocks)
            .collect();
        assert_eq!(titled, vec![&vec![0, 2, 3], &vec![1, 4, 5]]);
    }

    #[test]
    fn a_lead_over_its_headline_reads_first_in_its_story() {
        // Story A: headline and two columns; then a lead in larger type
        // right above story B's headline, then B's columns.
        let lead = block(
            (0..3).map(|k| line("导语导语导语，导语导语导语导语。", 10.0, 240.0 + k as f32 * 14.0, 300.0, 11.0)).collect(),
            None,
        );
        let mut blocks = vec![
            block(vec![line("上面的标题", 10.0, 50.0, 300.0, 30.0)], Some(LineRole::Headline)),
            column(10.0, 100.0, 10, &[0]),
            column(160.0, 100.0, 10, &[]),
            lead,
            block(vec![line("下面的标题", 10.0, 290.0, 300.0, 30.0)], Some(LineRole::Headline)),
            column(10.0, 330.0, 10, &[0]),
            column(160.0, 330.0, 10, &[]),
        ];
        let regions = segment(&mut blocks);
        let titled: Vec<&Vec<usize>> = regions.iter().filter(|r| r.titled).map(|r| &r.blocks).collect();
        assert_eq!(titled, vec![&vec![0, 1, 2], &vec![4, 3, 5, 6]]);
    }
}
