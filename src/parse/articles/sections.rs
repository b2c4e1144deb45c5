//! Section heads set apart from their story. A long article's 小标题 are
//! in-body headings; but when the extractor emits a section before its
//! story's headline (a column read first, the headline printed across the
//! top and extracted last), the section head opens a run of text of its own
//! and is taken for a headline: the story comes out split in two. Two kinds
//! of evidence tell such a head from a headline, both from text alone:
//!
//! - it is set in parallel with the in-body headings of another story on
//!   the page (`新时代的鲜明主题` beside `新时代的价值追求`, `从覆盖范围把握…`
//!   beside `从标准要求把握…`): it joins that story;
//! - it is wrapped over lines and runs straight into its text with no break
//!   (the way this page sets its section heads, not its headlines), on a
//!   page that sets section heads at all: it joins the story whose headline
//!   shares most of its text's wording, when one shares half of it.
//!
//! The section goes in before the story's first in-body heading (its
//! sections read in order after the opening), or after its text when it has
//! none.

use super::grouping::similarity;
use super::repair::widen;
use crate::parse::inline::{bigrams, ends_continuing, ends_sentence, han_bigrams, BigramSet};
use newsconv_core::{Article, ArticleKind, Block, BlockKind, Diagnostic};
use std::collections::HashSet;

/// Pages with more articles than this are not looked at: no real page
/// comes near, and the pass compares articles pairwise.
const MAX_ARTICLES: usize = 200;

/// Pages with more section heads than this are not looked at (no real
/// page comes near): heads are compared pairwise and with each paragraph.
const MAX_HEADS: usize = 64;

/// Share of two heads' character pairs they must have in common (Dice) to
/// be set in parallel.
const PARALLEL: f64 = 0.4;

/// Share of a headline's wording a section's text must hold to be that
/// story's.
const SHARED: f64 = 0.5;

/// A head as compared: its character pairs, and where a colon splits it
/// (`贯彻新思想：用…`), counted in characters with spaces removed.
#[derive(Debug, Clone)]
struct Head {
    pairs: Vec<(char, char)>,
    colon: Option<usize>,
}

impl Head {
    fn of(s: &str) -> Head {
        let solid: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        let colon = solid.iter().position(|c| matches!(c, '：' | ':'));
        // A label of a few characters before the colon, and more after it.
        let colon = colon.filter(|&k| (3..=8).contains(&k) && solid.len() >= k + 4);
        Head {
            pairs: han_bigrams(s),
            colon,
        }
    }
}

/// Two heads set in parallel: of like length, sharing a good part of their
/// wording; or both a label of the same length and a colon opening them
/// (`明确新目标：…`, `贯彻新思想：…`).
fn parallel(a: &Head, b: &Head) -> bool {
    (a.colon.is_some() && a.colon == b.colon) || same_wording(a, b)
}

/// Two heads sharing a good part of their wording, of like length.
fn same_wording(a: &Head, b: &Head) -> bool {
    let (a, b) = (&a.pairs, &b.pairs);
    let (x, y) = (a.len(), b.len());
    if x < 3 || y < 3 || x.min(y) * 5 < x.max(y) * 3 {
        return false;
    }
    let common = a.iter().filter(|p| b.binary_search(p).is_ok()).count();
    (2 * common) as f64 >= PARALLEL * (x + y) as f64
}

/// Could article `a` be a section taken for a story: a plain headline
/// (no kicker, column label or dateline) over text.
fn plain(a: &Article) -> bool {
    a.kind == ArticleKind::Article
        && a.headline.is_some()
        && a.kicker.is_none()
        && a.column.is_none()
        && a.dateline.is_none()
        && a.continued_from.is_none()
        && !a.blocks.is_empty()
}

/// The in-body headings of an article, as character pairs.
fn headings(a: &Article) -> Vec<Head> {
    a.blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Heading)
        .map(|b| Head::of(&b.text))
        .collect()
}

/// Where section `i` belongs: the story holding a heading set in parallel
/// with its head, else (for a head glued to its text) the story whose
/// headline its text shares most wording with.
fn host(arts: &[Article], heads: &[Vec<Head>], i: usize, glued: bool) -> Option<usize> {
    let me = Head::of(arts[i].headline.as_deref()?);
    // A headline that shares the wording of its own section heads heads
    // them: it names their theme (`全面从严治党永远在路上的新时代内涵` over
    // `从标准要求把握全面从严治党永远在路上`) without being one of them.
    let family = heads[i].iter().any(|h| same_wording(&me, h));
    // Of the stories with heads in parallel, the one with most such heads;
    // on a tie the nearest before it (a section goes on a story read
    // before it), else the nearest after it.
    let by_parallel = (0..arts.len())
        .filter(|&k| !family && k != i && plain_host(&arts[k]))
        .map(|k| (heads[k].iter().filter(|h| parallel(&me, h)).count(), k))
        .filter(|&(n, _)| n > 0)
        .max_by_key(|&(n, k)| (n, k < i, if k < i { k } else { usize::MAX - k }))
        .map(|(_, k)| k);
    if by_parallel.is_some() || !glued {
        return by_parallel;
    }
    let body: BigramSet = arts[i].blocks.iter().flat_map(|b| bigrams(&b.text)).collect();
    let mut best: Option<(f64, usize)> = None;
    for k in 0..arts.len() {
        if k == i || !plain_host(&arts[k]) {
            continue;
        }
        let s = similarity(&han_bigrams(arts[k].headline.as_deref().unwrap_or("")), &body);
        if s >= SHARED && best.is_none_or(|(b, _)| s > b) {
            best = Some((s, k));
        }
    }
    best.map(|b| b.1)
}

/// A story that may take a section: a titled article.
fn plain_host(a: &Article) -> bool {
    a.kind == ArticleKind::Article && a.headline.is_some()
}

/// Give section `i` (its head, text, subheadline, byline and captions) to
/// story `k`.
fn give(arts: &mut [Article], i: usize, k: usize) {
    let sec = std::mem::take(&mut arts[i]);
    let head = sec.headline.clone().unwrap_or_default();
    let line = sec.source.map(|s| s.start);
    let mut blocks = vec![Block::heading(head.clone())];
    blocks.extend(sec.blocks);
    // A byline the story has already stays; the section's goes to the
    // story printed next when that has none (a byline over the next
    // story's headline, extracted before the section), else to the story.
    let mut byline = sec.byline;
    if arts[k].byline.is_some() {
        if let Some(n) = (i + 1..arts.len()).find(|&n| n != k && !arts[n].blocks.is_empty()) {
            if arts[n].byline.is_none() && arts[n].headline.is_some() {
                arts[n].byline = byline.take();
            }
        }
    }
    let t = &mut arts[k];
    // Before the story's first section head (its sections follow its
    // opening); a story opening on a section head keeps that one first.
    let mut sections = t
        .blocks
        .iter()
        .enumerate()
        .filter(|(_, b)| b.kind == BlockKind::Heading)
        .map(|(k, _)| k);
    let first = sections.next();
    let trailing = t.blocks.iter().rev().take_while(|b| b.kind == BlockKind::Note).count();
    let at = match first {
        Some(0) => sections.next().unwrap_or(t.blocks.len() - trailing),
        Some(k) => k,
        None => t.blocks.len(),
    };
    // A note closing the section (`（作者为…）`) closes the story.
    let notes = blocks.iter().rev().take_while(|b| b.kind == BlockKind::Note).count();
    let ending = if at < t.blocks.len() && notes > 0 {
        blocks.split_off(blocks.len() - notes)
    } else {
        Vec::new()
    };
    t.blocks.splice(at..at, blocks);
    t.blocks.extend(ending);
    if t.subheadline.is_none() {
        t.subheadline = sec.subheadline;
    }
    if let Some(b) = byline {
        match t.byline.as_mut() {
            None => t.byline = Some(b),
            Some(tb) => {
                tb.text = format!("{} {}", tb.text, b.text);
                tb.people.extend(b.people);
            }
        }
    }
    t.captions.extend(sec.captions);
    t.photos.extend(sec.photos);
    if t.continued_to.is_none() {
        t.continued_to = sec.continued_to;
    }
    t.diagnostics.push(Diagnostic::warning(
        "section-rejoined",
        format!("`{head}` was read as a headline with text of its own; it is a section head of this story (set like its section heads, or its text shares this headline's wording) and its section is put back"),
        line,
    ));
    widen(t, sec.source);
}

/// A paragraph that is no sentence (no closing punctuation, short) and is
/// set in parallel with a section head on the page is a section head too:
/// one standing alone between a story's byline and its text is read as a
/// paragraph.
fn heads_set_as_paragraphs(arts: &mut [Article]) {
    let all: Vec<Head> = arts.iter().flat_map(headings).collect();
    for a in arts.iter_mut() {
        for b in a.blocks.iter_mut().filter(|b| b.kind == BlockKind::Paragraph) {
            let n = b.text.chars().filter(|c| !c.is_whitespace()).count();
            if n <= 40 && !ends_sentence(&b.text) && !ends_continuing(&b.text) && !b.text.contains('。') {
                let me = Head::of(&b.text);
                if all.iter().any(|h| parallel(&me, h)) {
                    b.kind = BlockKind::Heading;
                }
            }
        }
    }
}

/// The first titled story other than `x` holding a section head set in
/// parallel with `head`.
fn parallel_host(arts: &[Article], x: usize, head: &Head) -> Option<usize> {
    (0..arts.len())
        .filter(|&y| y != x && plain_host(&arts[y]))
        .find(|&y| headings(&arts[y]).iter().any(|h| parallel(head, h)))
}

/// A section head inside a story, after its opening, set in parallel with
/// another story's section heads and with none of its own story's, is a
/// section of that other story run on after this one's text: it moves
/// there, with the text after it.
fn move_strays(arts: &mut [Article]) {
    for x in 0..arts.len() {
        let heads = headings(&arts[x]);
        let at: Vec<usize> = arts[x]
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Heading)
            .map(|(k, _)| k)
            .collect();
        for (n, &k) in at.iter().enumerate().rev() {
            if k == 0 || heads.iter().enumerate().any(|(m, h)| m != n && parallel(&heads[n], h)) {
                continue;
            }
            if let Some(y) = parallel_host(arts, x, &heads[n]) {
                let moved: Vec<Block> = arts[x].blocks.drain(k..).collect();
                let line = arts[x].source.map(|s| s.start);
                let t = &mut arts[y];
                t.diagnostics.push(Diagnostic::warning(
                    "section-rejoined",
                    format!("the section `{}` was read as part of another story; it is set like this story's section heads and is put back", moved[0].text),
                    line,
                ));
                // Ahead of the story's closing note, unless it brings one.
                let notes = t.blocks.iter().rev().take_while(|b| b.kind == BlockKind::Note).count();
                let end = if moved.last().is_some_and(|b| b.kind == BlockKind::Note) {
                    t.blocks.len()
                } else {
                    t.blocks.len() - notes
                };
                t.blocks.splice(end..end, moved);
            }
        }
    }
}

/// Put sections taken for stories back into their stories. `glued` holds
/// the first input line of each article whose head is wrapped over lines
/// and runs straight into its text.
pub(super) fn rejoin_sections(arts: &mut Vec<Article>, glued: &HashSet<u32>) {
    let heads = arts.iter().flat_map(|a| &a.blocks).filter(|b| b.kind == BlockKind::Heading).count();
    if arts.len() > MAX_ARTICLES || heads == 0 || heads > MAX_HEADS {
        return;
    }
    heads_set_as_paragraphs(arts);
    move_strays(arts);
    // Whether each article's head is glued, read before any moves (a story
    // that takes a section takes its lines too); a story that took a
    // section is a story, not a section.
    let mut glued: Vec<bool> = arts.iter().map(|a| a.source.is_some_and(|s| glued.contains(&s.start))).collect();
    let mut host_of: Vec<bool> = vec![false; arts.len()];
    let mut i = 0;
    while i < arts.len() {
        let heads: Vec<Vec<Head>> = arts.iter().map(headings).collect();
        match (plain(&arts[i]) && !host_of[i]).then(|| host(arts, &heads, i, glued[i])).flatten() {
            Some(k) => {
                give(arts, i, k);
                host_of[k] = true;
                arts.remove(i);
                glued.remove(i);
                host_of.remove(i);
            }
            None => i += 1,
        }
    }
    move_stray_openings(arts);
}

/// A titled story opening with a section head, before any of its text, set
/// in parallel with another story's section heads and with none of its own:
/// the head was printed apart from its section, and the text under it is
/// the story's own. The head alone moves, ahead of the other story's first
/// section head (sections read in order after the opening). Run after the
/// sections taken for stories are back in theirs, so that a story's own
/// first head is seen beside its siblings.
fn move_stray_openings(arts: &mut [Article]) {
    for x in 0..arts.len() {
        if arts[x].headline.is_none() || arts[x].blocks.first().is_none_or(|b| b.kind != BlockKind::Heading) {
            continue;
        }
        let heads = headings(&arts[x]);
        if heads[1..].iter().any(|h| parallel(&heads[0], h)) {
            continue;
        }
        let Some(y) = parallel_host(arts, x, &heads[0]) else { continue };
        let head = arts[x].blocks.remove(0);
        let line = arts[x].source.map(|s| s.start);
        let t = &mut arts[y];
        t.diagnostics.push(Diagnostic::warning(
            "section-head-rejoined",
            format!("the section head `{}` opened another story's text; it is set like this story's section heads and is put back before them", head.text),
            line,
        ));
        let at = t.blocks.iter().position(|b| b.kind == BlockKind::Heading).unwrap_or(t.blocks.len());
        t.blocks.insert(at, head);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsconv_core::Span;

    fn art(head: &str, blocks: &[(&str, bool)], start: u32) -> Article {
        Article {
            headline: Some(head.into()),
            blocks: blocks
                .iter()
                .map(|(t, h)| if *h { Block::heading(*t) } else { Block::paragraph(*t) })
                .collect(),
            source: Some(Span { start, end: start + 10 }),
            ..Default::default()
        }
    }

    #[test]
    fn a_head_opening_another_storys_text_goes_before_its_sections() {
        let mut arts = vec![
            art(
                "全面从严治党永远在路上的新时代内涵",
                &[("开篇。", false), ("从标准要求把握全面从严治党永远在路上", true), ("正文。", false), ("从时间维度把握全面从严治党永远在路上", true)],
                1,
            ),
            art("政党是构建人类命运共同体的重要力量", &[("从覆盖范围把握全面从严治党永远在路上", true), ("政党的正文。", false)], 40),
        ];
        rejoin_sections(&mut arts, &HashSet::new());
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[1].blocks.len(), 1);
        let heads: Vec<_> = arts[0].blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| b.text.chars().take(3).collect::<String>()).collect();
        assert_eq!(heads, ["从覆盖", "从标准", "从时间"]);
        // A story's own first head, in parallel with its other heads, stays.
        let mut arts = vec![
            art("新征程：明确新目标", &[("明确新目标：分两步走", true), ("正文。", false), ("贯彻新思想：用新思想武装", true)], 1),
            art("另一篇", &[("正文。", false), ("探索新治理：提高治理水平", true), ("正文。", false)], 40),
        ];
        rejoin_sections(&mut arts, &HashSet::new());
        assert_eq!(arts[0].blocks[0].text, "明确新目标：分两步走");
    }

    #[test]
    fn a_head_in_parallel_with_a_storys_sections_joins_it() {
        let mut arts = vec![
            art("新时代：发展新方位", &[("开篇。", false), ("新时代的价值追求", true), ("正文。", false)], 1),
            art("新时代的鲜明主题", &[("鲜明主题的正文。", false)], 40),
        ];
        rejoin_sections(&mut arts, &HashSet::new());
        assert_eq!(arts.len(), 1);
        let kinds: Vec<_> = arts[0].blocks.iter().map(|b| (b.kind, b.text.as_str())).collect();
        assert_eq!(
            kinds,
            [
                (BlockKind::Paragraph, "开篇。"),
                (BlockKind::Heading, "新时代的鲜明主题"),
                (BlockKind::Paragraph, "鲜明主题的正文。"),
                (BlockKind::Heading, "新时代的价值追求"),
                (BlockKind::Paragraph, "正文。"),
            ]
        );
    }

    #[test]
    fn a_glued_head_joins_the_story_whose_headline_its_text_echoes() {
        let mut arts = vec![
            art("充分认识一国两制的成功实践", &[("一国两制是保持香港澳门繁荣稳定的最佳制度，实践证明。", false)], 5),
            art("法治与德治何以相得益彰", &[("法治。", false), ("德治之辨", true), ("德治。", false)], 100),
            art("一国两制是保持香港澳门长期繁荣稳定的最佳制度", &[("导语。", false)], 200),
        ];
        rejoin_sections(&mut arts, &[5].into_iter().collect());
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[1].blocks[1].text, "充分认识一国两制的成功实践");
        assert_eq!(arts[1].blocks[1].kind, BlockKind::Heading);
    }

    #[test]
    fn a_headline_over_sections_of_its_own_is_no_section() {
        let mut arts = vec![
            art("政党是重要力量", &[("政党。", false), ("从覆盖范围把握全面从严治党永远在路上", true), ("正文。", false)], 1),
            art("全面从严治党永远在路上的新时代内涵", &[("开篇。", false), ("从标准要求把握全面从严治党永远在路上", true), ("正文。", false)], 50),
        ];
        rejoin_sections(&mut arts, &HashSet::new());
        assert_eq!(arts.len(), 2);
    }

    #[test]
    fn a_headline_neither_glued_nor_parallel_stays() {
        let mut arts = vec![
            art("法治与德治何以相得益彰", &[("法治。", false), ("德治之辨", true), ("德治。", false)], 1),
            art("建设海洋强国需完善法律体系", &[("海洋。", false)], 50),
        ];
        rejoin_sections(&mut arts, &HashSet::new());
        assert_eq!(arts.len(), 2);
        // Not glued: even text echoing a headline stays its own story.
        let mut arts = vec![
            art("一国两制的成功实践", &[("一国两制是最佳制度。", false)], 5),
            art("一国两制是最佳制度", &[("导语。", false), ("小标题", true)], 200),
        ];
        rejoin_sections(&mut arts, &HashSet::new());
        assert_eq!(arts.len(), 2);
    }

    #[test]
    fn heads_of_one_form_are_read_as_a_family() {
        // `明确新目标：…` stood alone as a paragraph; `贯彻新思想：…` opened a
        // run of its own; `探索新治理：…` ran on in the next story.
        let mut arts = vec![
            art("新征程：谱写新篇章", &[("明确新目标：分两步走全面建设", false), ("第一节正文。", false)], 5),
            art("贯彻新思想：用新思想武装头脑", &[("第二节正文。", false)], 14),
            art("走好长征路", &[("长征正文。", false), ("探索新治理：发挥领导优势", true), ("第四节正文。", false)], 96),
        ];
        rejoin_sections(&mut arts, &[14].into_iter().collect());
        assert_eq!(arts.len(), 2);
        let heads: Vec<&str> = arts[0].blocks.iter().filter(|b| b.kind == BlockKind::Heading).map(|b| b.text.as_str()).collect();
        assert_eq!(heads, ["明确新目标：分两步走全面建设", "贯彻新思想：用新思想武装头脑", "探索新治理：发挥领导优势"]);
        assert_eq!(arts[1].blocks.len(), 1);
    }
}
