//! Untitled fragments back into their stories. When the extractor
//! scatters a story's columns over the page, the columns that do not follow
//! the headline come out as untitled articles; every story on a page has a
//! headline (a brief under a column label aside), so such a fragment is
//! part of one of them. Which one is read off the wording: each story's
//! text is a weighted bag of character pairs (pairs common to every story
//! on the page weigh little, pairs of one story much), and a fragment goes
//! to the story whose bag is nearest, when it is clearly nearer than the
//! next (pages of one subject share much wording: a near tie stays apart).
//!
//! A fragment that reads as a piece of its own stays: one under a column
//! label, one opening with a dateline, one closed by its own byline
//! and short (a brief), one following a brief.

use super::repair::{at_line, widen};
use crate::parse::inline::{bigrams, ends_sentence, BigramMap};
use newsconv_core::{Article, ArticleKind, Block, BlockKind, Diagnostic, Unassigned};

/// Pages with more articles than this are not looked at: no real page
/// comes near, and the pass compares each fragment with every story.
const MAX_ARTICLES: usize = 200;

/// Least cosine between a fragment and its story.
const LEAST: f64 = 0.06;

/// How much nearer the story must be than the next.
const MARGIN: f64 = 1.5;

/// Most characters of a brief: a piece this short closed by its own byline
/// is one.
const BRIEF: usize = 400;

/// A weighted bag of character pairs.
type Bag = BigramMap<f64>;

fn counts(texts: impl Iterator<Item = String>) -> Bag {
    let mut bag = Bag::default();
    for t in texts {
        for p in bigrams(&t) {
            *bag.entry(p).or_default() += 1.0;
        }
    }
    bag
}

fn story_text(a: &Article) -> impl Iterator<Item = String> + '_ {
    a.headline
        .iter()
        .cloned()
        .chain(a.blocks.iter().map(|b| b.text.clone()))
}

/// Weigh each pair by how few stories hold it, and scale to length one.
fn weigh(mut bag: Bag, df: &BigramMap<f64>, n: f64) -> Bag {
    for (p, v) in bag.iter_mut() {
        *v *= ((n + 1.0) / (df.get(p).copied().unwrap_or(0.0) + 0.5)).ln();
    }
    let norm = bag.values().map(|v| v * v).sum::<f64>().sqrt();
    if norm > 0.0 {
        bag.values_mut().for_each(|v| *v /= norm);
    }
    bag
}

fn cosine(a: &Bag, b: &Bag) -> f64 {
    let (small, big) = if a.len() <= b.len() { (a, b) } else { (b, a) };
    small
        .iter()
        .map(|(p, v)| v * big.get(p).copied().unwrap_or(0.0))
        .sum()
}

/// Is article `i` a fragment of some story (not a piece of its own)?
fn fragment(arts: &[Article], i: usize) -> bool {
    let a = &arts[i];
    let brief = |a: &Article| {
        a.column.is_some()
            || a.byline.as_ref().is_some_and(|b| b.after_body())
                && a.blocks.iter().map(|b| b.text.chars().count()).sum::<usize>() <= BRIEF
    };
    a.kind == ArticleKind::Article
        && a.headline.is_none()
        && a.column.is_none()
        && a.kicker.is_none()
        && a.dateline.is_none()
        && a.continued_from.is_none()
        && a.continued_to.is_none()
        && !a.blocks.is_empty()
        && !brief(a)
        && !(i > 0 && brief(&arts[i - 1]))
}

/// An untitled text holding one head after some paragraphs, with more
/// paragraphs under it: a text with no headline has no sections, so the
/// head is the headline of the text under it (a story whose headline the
/// extractor emitted inside the column before it), and the text above it
/// is a fragment of its own.
fn split_at_head(arts: &mut Vec<Article>) {
    let mut i = 0;
    while i < arts.len() {
        let a = &arts[i];
        let heads: Vec<usize> = a
            .blocks
            .iter()
            .enumerate()
            .filter(|(_, b)| b.kind == BlockKind::Heading)
            .map(|(k, _)| k)
            .collect();
        let paras_after = |k: usize| a.blocks[k + 1..].iter().filter(|b| b.kind == BlockKind::Paragraph).count();
        let split = (a.kind == ArticleKind::Article && a.headline.is_none() && a.column.is_none() && heads.len() == 1)
            .then(|| heads[0])
            .filter(|&k| k >= 1 && paras_after(k) >= 2);
        if let Some(k) = split {
            let mut rest = arts[i].blocks.split_off(k);
            let head = rest.remove(0).text;
            let line = arts[i].source.map(|s| s.start);
            let story = Article {
                headline: Some(head),
                blocks: rest,
                source: arts[i].source,
                confidence: Some(50),
                diagnostics: vec![Diagnostic::warning(
                    "head-in-untitled-text",
                    "this headline stood inside untitled text in the input; the text under it is taken as its story",
                    line,
                )],
                ..Default::default()
            };
            arts.insert(i + 1, story);
            i += 1;
        }
        i += 1;
    }
}

/// Give each untitled fragment to the story its wording is clearly
/// nearest; a byline the story has already goes to the page's unplaced
/// text. `flat` is the page's text in input order, without white space:
/// a fragment completes a broken paragraph only where it follows it there.
pub(super) fn rejoin_fragments(arts: &mut Vec<Article>, unassigned: &mut Vec<Unassigned>, flat: &[char]) {
    if arts.len() > MAX_ARTICLES {
        return;
    }
    split_at_head(arts);
    let stories: Vec<usize> = (0..arts.len())
        .filter(|&k| arts[k].kind == ArticleKind::Article && arts[k].headline.is_some() && !arts[k].blocks.is_empty())
        .collect();
    let frags: Vec<usize> = (0..arts.len()).filter(|&i| fragment(arts, i)).collect();
    if stories.len() < 2 || frags.is_empty() {
        return;
    }
    let raw: Vec<Bag> = stories.iter().map(|&k| counts(story_text(&arts[k]))).collect();
    let mut df = BigramMap::<f64>::default();
    for bag in &raw {
        for p in bag.keys() {
            *df.entry(*p).or_default() += 1.0;
        }
    }
    let n = stories.len() as f64;
    let bags: Vec<Bag> = raw.into_iter().map(|b| weigh(b, &df, n)).collect();
    let mut moves: Vec<(usize, usize, f64, bool)> = Vec::new();
    for &i in &frags {
        let bag = weigh(counts(arts[i].blocks.iter().map(|b| b.text.clone())), &df, n);
        let mut scores: Vec<(f64, usize)> = bags.iter().zip(&stories).map(|(b, &k)| (cosine(&bag, b), k)).collect();
        let echo = closes_on_headline(arts, &stories, i);
        scores.sort_by(|x, y| y.0.total_cmp(&x.0).then(x.1.cmp(&y.1)));
        if let Some((s, k)) = echo.and_then(|k| scores.iter().copied().find(|x| x.1 == k)) {
            if s >= LEAST {
                moves.push((i, k, s, true));
            }
        } else if scores[0].0 >= LEAST && scores[0].0 >= MARGIN * scores[1].0 {
            moves.push((i, scores[0].1, scores[0].0, false));
        }
    }
    // Fragments in page order, so that two joining one story keep it.
    let mut ahead = std::collections::HashMap::new();
    for &(i, k, s, ends) in &moves {
        let at = ahead.entry(k).or_insert(0);
        join(arts, (i, k), (s, ends), at, unassigned, flat);
    }
    let gone: std::collections::HashSet<usize> = moves.iter().map(|m| m.0).collect();
    let mut idx = 0;
    arts.retain(|_| {
        idx += 1;
        !gone.contains(&(idx - 1))
    });
}

/// The one story whose headline fragment `i` closes on: its last
/// paragraph ends with the headline's words (`…以新状态新作为踏上新征程，
/// 走好新时代的长征路。` under `走好新时代的长征路`), as a commentary returns
/// to its title in its last sentence. Wording a near tie with another
/// story's is decided by it.
fn closes_on_headline(arts: &[Article], stories: &[usize], i: usize) -> Option<usize> {
    let squeeze = |t: &str| t.chars().filter(|c| !c.is_whitespace()).collect::<String>();
    let last = arts[i].blocks.iter().rev().find(|b| b.kind == BlockKind::Paragraph)?;
    let last = squeeze(&last.text);
    let last = last.trim_end_matches(|c: char| "。！？!?”".contains(c));
    let mut found = stories.iter().copied().filter(|&k| {
        let h = squeeze(arts[k].headline.as_deref().unwrap_or(""));
        h.chars().count() >= 4 && last.ends_with(&h) && last.chars().count() > h.chars().count()
    });
    let k = found.next()?;
    found.next().is_none().then_some(k)
}

/// Put fragment `i` into story `k`. A fragment closed by a note
/// (`（作者为…）`), or by the story's headline (`ends`), is the story's
/// end; one printed right before the story
/// in the input opens it (after the fragments put there before it,
/// `ahead` blocks); any other was printed apart from both ends, and is
/// most likely a middle column: it goes before the story's first section
/// head, or after its opening paragraph.
fn join(
    arts: &mut [Article],
    (i, k): (usize, usize),
    (s, ends): (f64, bool),
    ahead: &mut usize,
    unassigned: &mut Vec<Unassigned>,
    flat: &[char],
) {
    let frag = std::mem::take(&mut arts[i]);
    let line = frag.source.map(|s| s.start);
    let t = &mut arts[k];
    let closes = ends || frag.blocks.last().is_some_and(|b| b.kind == BlockKind::Note);
    let opens = match (frag.source, t.source) {
        (Some(f), Some(h)) => f.start < h.start && f.end + 2 >= h.start,
        _ => false,
    };
    let notes = t.blocks.iter().rev().take_while(|b| b.kind == BlockKind::Note).count();
    let at = if closes {
        // Before the story's own closing note, unless the fragment has one.
        t.blocks.len() - if frag.blocks.last().is_some_and(|b| b.kind == BlockKind::Note) { 0 } else { notes }
    } else if opens {
        *ahead
    } else {
        t.blocks
            .iter()
            .position(|b| b.kind == BlockKind::Heading)
            .unwrap_or(1)
            .min(t.blocks.len() - notes)
    };
    if opens && !closes {
        *ahead += frag.blocks.len();
    }
    let mut blocks = frag.blocks;
    if at > 0 && completes(&t.blocks[at - 1], blocks.first(), flat) {
        let rest = blocks.remove(0);
        t.blocks[at - 1].text.push_str(&rest.text);
        if opens && !closes {
            *ahead -= 1;
        }
    }
    t.blocks.splice(at..at, blocks);
    if t.subheadline.is_none() {
        t.subheadline = frag.subheadline;
    }
    match (t.byline.is_none(), frag.byline) {
        (true, b) => t.byline = b,
        (false, Some(b)) => unassigned.push(Unassigned {
            text: b.text,
            line,
        }),
        (false, None) => {}
    }
    t.captions.extend(frag.captions);
    t.photos.extend(frag.photos);
    t.diagnostics.push(Diagnostic::warning(
        "fragment-rejoined",
        if ends {
            format!("untitled text{} was printed apart from this story; it closes on this story's headline (similarity {s:.2}), so it is read as the story's end", at_line(line))
        } else {
            format!("untitled text{} was printed apart from this story; its wording is this story's (similarity {s:.2}, clearly above any other's), so it is read as part of it", at_line(line))
        },
        line,
    ));
    t.confidence = t.confidence.map(|c| c.min(60));
    widen(t, frag.source);
}

/// Does paragraph `next`, put right after `prev`, finish the sentence
/// `prev` stops in the middle of (`既要严肃查办党员领` / `导干部违纪…`)? Only
/// when the two read on in input order: a fragment printed before the
/// paragraph is another piece of text, however it ends.
fn completes(prev: &Block, next: Option<&Block>, flat: &[char]) -> bool {
    let Some(next) = next.filter(|b| b.kind == BlockKind::Paragraph) else {
        return false;
    };
    if prev.kind != BlockKind::Paragraph || ends_sentence(&prev.text) {
        return false;
    }
    let mut it = flat.iter();
    prev.text
        .chars()
        .chain(next.text.chars())
        .filter(|c| !c.is_whitespace())
        .all(|c| it.any(|&x| x == c))
}

/// A page's text in input order without white space, for [`completes`].
pub(super) fn flat_text(units: &[crate::parse::blocks::Unit]) -> Vec<char> {
    use crate::parse::blocks::Unit;
    let mut out = Vec::new();
    for u in units {
        let mut push = |t: &str| out.extend(t.chars().filter(|c| !c.is_whitespace()));
        match u {
            Unit::Para(p) => push(&p.text),
            Unit::Title { parts, .. } => parts.iter().for_each(|(t, _)| push(t)),
            Unit::Sub { text, .. }
            | Unit::Byline { text, .. }
            | Unit::Furniture { text, .. }
            | Unit::NamePiece { text, .. } => push(text),
            Unit::Caption { text, credit, .. } => {
                push(text);
                if let Some(c) = credit {
                    push(c);
                }
            }
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsconv_core::Span;
    use newsconv_core::Block;

    fn art(head: Option<&str>, paras: &[&str], start: u32) -> Article {
        Article {
            headline: head.map(Into::into),
            blocks: paras.iter().map(|t| Block::paragraph(*t)).collect(),
            source: Some(Span { start, end: start + 5 }),
            ..Default::default()
        }
    }

    /// The pass over articles printed in the order they are given.
    fn rejoin(arts: &mut Vec<Article>, un: &mut Vec<Unassigned>) {
        let flat: Vec<char> = arts.iter().flat_map(|a| a.blocks.iter()).flat_map(|b| b.text.chars()).collect();
        rejoin_fragments(arts, un, &flat);
    }

    #[test]
    fn a_fragment_after_a_broken_paragraph_completes_it_when_printed_after() {
        let story = || art(Some("海洋强国"), &["海洋法律体系维护海权，既要严肃查办海洋违法的领"], 20);
        let other = || art(Some("法治与德治"), &["依法治国和以德治国相结合，道德与法律。"], 60);
        let frag = || art(None, &["导干部海洋法律案件。", "海权维护海洋法律。"], 90);
        // Printed after the paragraph: its first paragraph is the rest of it.
        let mut arts = vec![story(), other(), frag()];
        rejoin(&mut arts, &mut Vec::new());
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].blocks.len(), 2);
        assert_eq!(arts[0].blocks[0].text, "海洋法律体系维护海权，既要严肃查办海洋违法的领导干部海洋法律案件。");
        assert_eq!(arts[0].blocks[1].text, "海权维护海洋法律。");
        // Printed before it (the input reads fragment, story, other): it
        // joins the story, but as paragraphs of its own.
        let mut arts = vec![story(), other(), frag()];
        let flat: Vec<char> = [&arts[2], &arts[0], &arts[1]]
            .iter()
            .flat_map(|a| a.blocks.iter())
            .flat_map(|b| b.text.chars())
            .collect();
        rejoin_fragments(&mut arts, &mut Vec::new(), &flat);
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].blocks.len(), 3);
        assert!(arts[0].blocks[0].text.ends_with("的领"));
        assert_eq!(arts[0].blocks[1].text, "导干部海洋法律案件。");
    }

    #[test]
    fn a_fragment_joins_the_story_it_reads_like() {
        let mut arts = vec![
            art(Some("海洋强国"), &["海洋法律体系维护海权，海洋事业发展。"], 10),
            art(Some("法治与德治"), &["依法治国和以德治国相结合，道德与法律。"], 30),
            art(None, &["完善海洋法律，维护海权与海洋资源。"], 50),
        ];
        let mut un = Vec::new();
        rejoin(&mut arts, &mut un);
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].blocks.len(), 2);
        assert!(arts[0].blocks[1].text.starts_with("完善海洋法律"));
    }

    #[test]
    fn a_fragment_goes_where_it_was_printed() {
        let story = || art(Some("海洋强国"), &["海洋开篇。", "海洋法律体系维护海权。"], 20);
        let other = || art(Some("法治与德治"), &["依法治国和以德治国相结合，道德与法律。"], 60);
        // Right before the story: it opens it.
        let mut arts = vec![art(None, &["完善海洋法律，维护海权。"], 14), story(), other()];
        rejoin(&mut arts, &mut Vec::new());
        assert!(arts[0].blocks[0].text.starts_with("完善海洋法律"));
        // Apart from it: a middle column, after the opening paragraph.
        let mut arts = vec![story(), other(), art(None, &["完善海洋法律，维护海权。"], 90)];
        rejoin(&mut arts, &mut Vec::new());
        assert!(arts[0].blocks[1].text.starts_with("完善海洋法律"));
        // Closed by a note: the end.
        let mut end = art(None, &["完善海洋法律，维护海权。"], 90);
        end.blocks.push(Block::note("（作者单位：某大学）"));
        let mut arts = vec![story(), other(), end];
        rejoin(&mut arts, &mut Vec::new());
        assert_eq!(arts[0].blocks.len(), 4);
        assert!(arts[0].blocks[2].text.starts_with("完善海洋法律"));
    }

    #[test]
    fn a_fragment_closing_on_a_headline_ends_that_story() {
        let first = || {
            let mut a = art(Some("明确新目标"), &["海洋维护。"], 10);
            a.blocks.push(Block::note("（作者为某大学教授）"));
            a
        };
        let second = || art(Some("走好长征路"), &["长征路上。", "长征路远。"], 30);
        // A near tie on wording alone, but it ends on the second's headline.
        let frag = art(None, &["海洋维护海洋维护，走好长征路。"], 50);
        let mut arts = vec![first(), second(), frag];
        rejoin(&mut arts, &mut Vec::new());
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].blocks.len(), 2);
        assert_eq!(arts[1].blocks.len(), 3);
        assert!(arts[1].blocks[2].text.ends_with("走好长征路。"));
        // Which story a fragment closes on: the headline's words end its
        // last paragraph, and no other story's do.
        let arts = vec![first(), second(), art(None, &["海洋维护，走好长征路上。"], 50)];
        assert_eq!(closes_on_headline(&arts, &[0, 1], 2), None);
        let arts = vec![first(), second(), art(None, &["海洋维护，走好 长征路！"], 50)];
        assert_eq!(closes_on_headline(&arts, &[0, 1], 2), Some(1));
        let arts = vec![first(), second(), art(None, &["走好长征路。"], 50)];
        assert_eq!(closes_on_headline(&arts, &[0, 1], 2), None, "the headline alone is not a closing sentence");
    }

    #[test]
    fn a_near_tie_or_a_brief_stays_apart() {
        let mut arts = vec![
            art(Some("海洋强国"), &["海洋法律体系维护海权。"], 10),
            art(Some("海洋经济"), &["海洋经济体系发展海权。"], 30),
            art(None, &["海洋体系海权。"], 50),
        ];
        let mut un = Vec::new();
        rejoin(&mut arts, &mut un);
        assert_eq!(arts.len(), 3);
        let mut brief = art(None, &["海洋法律体系维护海权。"], 50);
        brief.column = Some("简讯".into());
        let mut arts = vec![
            art(Some("海洋强国"), &["海洋法律体系维护海权。"], 10),
            art(Some("法治与德治"), &["依法治国和以德治国相结合。"], 30),
            brief,
        ];
        rejoin(&mut arts, &mut un);
        assert_eq!(arts.len(), 3);
    }

    #[test]
    fn a_head_inside_untitled_text_heads_the_text_under_it() {
        let mut t = art(None, &["上一篇的结尾。"], 40);
        t.blocks.push(Block::heading("把握中国现代化的历史方位"));
        t.blocks.push(Block::paragraph("现代化的起点在西欧。"));
        t.blocks.push(Block::paragraph("中国现代化的成就具有重大意义。"));
        let mut arts = vec![t];
        split_at_head(&mut arts);
        assert_eq!(arts.len(), 2);
        assert_eq!(arts[0].blocks.len(), 1);
        assert_eq!(arts[1].headline.as_deref(), Some("把握中国现代化的历史方位"));
        assert_eq!(arts[1].blocks.len(), 2);
    }
}
