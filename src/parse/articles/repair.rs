//! Repairs over a page's built articles: headlines far from their text,
//! openings printed after the closing byline, name pieces set apart.

use super::grouping::similarity;
use crate::parse::inline::{bigrams, clean_spaces, han_bigrams, BigramSet};
use crate::parse::markers;
use newsconv_core::{
    Article, ArticleKind, Block, Byline, BylinePosition, Diagnostic, Span, Unassigned,
};
use std::collections::HashSet;

/// The character bigrams of an article's display text (headline, kicker,
/// subheadline).
fn display_bigrams(a: &Article) -> Vec<(char, char)> {
    han_bigrams(&format!(
        "{}{}{}",
        a.headline.as_deref().unwrap_or(""),
        a.kicker.as_deref().unwrap_or(""),
        a.subheadline.as_deref().unwrap_or("")
    ))
}

/// The character bigrams of an article's blocks.
fn body_bigrams(a: &Article) -> BigramSet {
    a.blocks.iter().flat_map(|b| bigrams(&b.text)).collect()
}

/// Is the article closed by a byline printed after its body?
fn closed_by_byline(a: &Article) -> bool {
    a.byline.as_ref().is_some_and(|b| b.after_body())
}

/// Widen an article's input span to cover another's.
pub(super) fn widen(a: &mut Article, other: Option<Span>) {
    if let (Some(x), Some(y)) = (a.source.as_mut(), other) {
        x.start = x.start.min(y.start);
        x.end = x.end.max(y.end);
    }
}

/// Share of a headline's wording that untitled text after its closing
/// byline must hold to be taken as the story's opening: a quarter, between
/// the fifth below which a headline counts as weak over its own text and the
/// half that moves a headline to far text.
const OPENING_SHARE: f64 = 0.25;

/// An article closed by its byline after the body, followed by untitled
/// text that shares its headline's wording: pdftotext emitted the story's
/// last column (with the closing byline) right under the headline and its
/// opening columns after it. The untitled text is the article's opening.
pub(super) fn join_openings(arts: &mut Vec<Article>) {
    let mut out: Vec<Article> = Vec::with_capacity(arts.len());
    // An article takes one opening at most.
    let mut opened = false;
    for u in std::mem::take(arts) {
        let untitled = u.kind == ArticleKind::Article
            && u.headline.is_none()
            && u.kicker.is_none()
            && u.column.is_none()
            && u.subheadline.is_none()
            && u.byline.is_none()
            && u.dateline.is_none()
            && u.continued_from.is_none()
            && u.continued_to.is_none()
            && !u.blocks.is_empty();
        let share = match out.last() {
            Some(t)
                if untitled
                    && !opened
                    && closed_by_byline(t)
                    && t.headline.is_some()
                    && t.continued_to.is_none() =>
            {
                similarity(&display_bigrams(t), &body_bigrams(&u))
            }
            _ => 0.0,
        };
        let Some(t) = out.last_mut().filter(|_| share >= OPENING_SHARE) else {
            out.push(u);
            opened = false;
            continue;
        };
        opened = true;
        let line = u.source.map(|s| s.start);
        t.blocks.splice(0..0, u.blocks);
        t.captions.splice(0..0, u.captions);
        t.diagnostics.extend(
            u.diagnostics
                .into_iter()
                .filter(|d| d.code != "no-headline"),
        );
        t.diagnostics.push(Diagnostic::warning(
            "opening-after-close",
            format!("untitled text{} shares the headline's wording ({share:.2}) and follows the byline closing this article: taken as its opening", at_line(line)),
            line,
        ));
        widen(t, u.source);
        t.confidence = t.confidence.map(|c| c.min(60));
    }
    *arts = out;
}

/// Most blocks of text under a label (a series banner over a page's
/// stories, `认真学习宣传贯彻党的十九大精神`) that is the next story's
/// opening.
const LABEL_TEXT: usize = 2;

/// A headline sharing almost none of its short text's wording, right
/// before a story whose headline shares clearly more: a series banner or
/// label over the page's stories that the extractor emitted between the
/// next story's opening and the rest of it. The text is that story's
/// opening; the label stays, a headline with no text of its own.
pub(super) fn give_openings_forward(arts: &mut [Article]) {
    for e in 0..arts.len().saturating_sub(1) {
        let a = &arts[e];
        let n = &arts[e + 1];
        if a.kind != ArticleKind::Article
            || a.headline.is_none()
            || a.blocks.is_empty()
            || a.blocks.len() > LABEL_TEXT
            || a.byline.is_some()
            || a.dateline.is_some()
            || n.kind != ArticleKind::Article
            || n.headline.is_none()
            || n.continued_from.is_some()
        {
            continue;
        }
        let body = body_bigrams(a);
        let own = similarity(&display_bigrams(a), &body);
        let next = similarity(&display_bigrams(n), &body);
        if own >= WEAK || next < own + FORWARD_MARGIN || next < WEAK {
            continue;
        }
        let blocks = std::mem::take(&mut arts[e].blocks);
        let src = arts[e].source;
        let line = src.map(|s| s.start);
        arts[e].kind = ArticleKind::Ear;
        arts[e].diagnostics.push(Diagnostic::info("headline-only", "a label whose text, sharing none of its wording, is the next story's opening", line));
        let t = &mut arts[e + 1];
        t.blocks.splice(0..0, blocks);
        t.diagnostics.push(Diagnostic::warning(
            "opening-under-label",
            format!("the text{} under the label before this story shares this headline's wording ({next:.2}) and not the label's ({own:.2}): taken as its opening", at_line(line)),
            line,
        ));
        widen(t, src);
        t.confidence = t.confidence.map(|c| c.min(60));
    }
}

/// Share of its text's wording under which a headline is weak over it.
const WEAK: f64 = 0.15;

/// How much more of the text's wording the next headline must share.
const FORWARD_MARGIN: f64 = 0.1;

/// Is the last name of this byline one character (the first half of a
/// letter-spaced two-character name whose other half was set apart)?
fn half_name(b: &Byline) -> bool {
    b.text
        .split_whitespace()
        .last()
        .is_some_and(crate::parse::inline::one_han)
}

/// Give each name piece found inside running text to a byline. Two
/// one-character pieces close together are one letter-spaced name. A
/// one-character piece completes the nearest byline that ends in half a
/// name; alone, it is no name of its own and stays unplaced. Any other piece
/// joins the byline of the article whose text holds it (or the nearest).
/// On a hostile page of many pieces and articles only the articles
/// starting nearest to a piece are looked at, so the work stays linear.
pub(super) fn attach_name_pieces(
    arts: &mut [Article],
    pieces: Vec<(String, u32)>,
    parts_unassigned: &mut Vec<Unassigned>,
    page_diags: &mut Vec<Diagnostic>,
) {
    let single = crate::parse::inline::one_han;
    // Join pairs of one-character pieces a few lines apart.
    let mut names: Vec<(String, u32)> = Vec::new();
    for (t, l) in pieces {
        let t = clean_spaces(&t);
        match names.last_mut() {
            Some((pt, pl)) if single(pt) && single(&t) && l <= *pl + PAIR_REACH => {
                pt.push(' ');
                pt.push_str(&t);
            }
            _ => names.push((t, l)),
        }
    }
    let dist = |a: &Article, line: u32| {
        a.source
            .map(|s| {
                if line < s.start {
                    s.start - line
                } else {
                    line.saturating_sub(s.end)
                }
            })
            .unwrap_or(u32::MAX)
    };
    let mut order: Vec<(u32, usize)> = arts
        .iter()
        .enumerate()
        .filter_map(|(k, a)| a.source.map(|s| (s.start, k)))
        .collect();
    order.sort_unstable();
    let all = names.len() * order.len() <= FULL_SCAN;
    let near = |line: u32| -> &[(u32, usize)] {
        if all {
            return &order;
        }
        let p = order.partition_point(|x| x.0 <= line);
        &order[p.saturating_sub(NEAR_ARTICLES)..(p + NEAR_ARTICLES).min(order.len())]
    };
    // One-character pieces complete the bylines ending in half a name, one
    // each, the closest pairs first.
    let mut pairs: Vec<(u32, usize, usize)> = Vec::new();
    for (p, (t, l)) in names.iter().enumerate() {
        if single(t) {
            pairs.extend(
                near(*l)
                    .iter()
                    .filter(|x| arts[x.1].byline.as_ref().is_some_and(half_name))
                    .map(|x| (dist(&arts[x.1], *l), p, x.1)),
            );
        }
    }
    pairs.sort_unstable();
    let mut completes: Vec<Option<usize>> = vec![None; names.len()];
    let mut done = HashSet::new();
    for (_, p, k) in pairs {
        if completes[p].is_none() && done.insert(k) {
            completes[p] = Some(k);
        }
    }
    for ((text, line), half) in names.into_iter().zip(completes) {
        let target = match half {
            Some(k) => Some(k),
            None if single(&text) => None,
            None => near(line)
                .iter()
                .map(|x| x.1)
                .filter(|&k| arts[k].kind != ArticleKind::Ear)
                .min_by_key(|&k| (dist(&arts[k], line), k)),
        };
        let Some(k) = target else {
            let why = if single(&text) {
                "stands alone inside running text and completes no byline"
            } else {
                "stands inside running text with no article near it"
            };
            page_diags.push(Diagnostic::info(
                "name-piece-unplaced",
                format!("the name piece {text} at line {line} {why}; kept apart"),
                Some(line),
            ));
            parts_unassigned.push(Unassigned {
                text,
                line: Some(line),
            });
            continue;
        };
        let a = &mut arts[k];
        match a.byline.as_mut() {
            Some(b) => {
                b.text = format!("{} {text}", b.text);
                b.people = markers::people(&b.text);
            }
            None => {
                a.byline = Some(Byline {
                    people: markers::people(&text),
                    text: text.clone(),
                    position: Some(BylinePosition::BeforeBody),
                })
            }
        }
        a.diagnostics.push(Diagnostic::info("byline-piece", format!("the name {text} at line {line} stands inside running text (a byline set apart on the printed page); joined to this article's byline"), Some(line)));
    }
}

/// Pairs (headline × untitled text, name piece × article) tried one by one
/// before only the nearest candidates are: far above any real page.
const FULL_SCAN: usize = 4096;

/// Untitled texts looked at on each side of a far headline, in page order,
/// on pages with more pairs than [`FULL_SCAN`].
const FAR_CANDIDATES: usize = 24;

/// One-character name pieces this many lines apart or less are one name.
const PAIR_REACH: u32 = 3;

/// Articles looked at on each side of a name piece, by where they start,
/// on pages with more pairs than [`FULL_SCAN`].
const NEAR_ARTICLES: usize = 8;

/// Headlines printed far from their text (the extractor put them elsewhere)
/// end up as headline-only boxes, their text as untitled articles: give each
/// such headline to the untitled text that shares most of its wording.
pub(super) fn pair_far_headlines(arts: &mut Vec<Article>) {
    if !arts
        .iter()
        .any(|a| a.kind == ArticleKind::Article && a.headline.is_none() && !a.blocks.is_empty())
        && !arts.iter().any(|a| a.kind == ArticleKind::Ear)
    {
        return;
    }
    let mut done_e = HashSet::new();
    let mut done_u = HashSet::new();
    let mut remove = Vec::new();
    for (s, e, u) in far_pairs(arts) {
        // A text that took a headline keeps it.
        if done_e.contains(&e) || done_u.contains(&u) || done_u.contains(&e) {
            continue;
        }
        done_e.insert(e);
        done_u.insert(u);
        give_headline(arts, e, u, s);
        // The text the headline left stands right before the text that
        // took it and is closed by its byline: it is that story's ending,
        // emitted between its headline and its opening.
        if u == e + 1
            && closed_by_byline(&arts[e])
            && arts[e].continued_from.is_none()
            && arts[u].byline.is_none()
            && arts[u].continued_to.is_none()
            && !arts[e].blocks.is_empty()
        {
            // The emptied giver takes part in no later pair.
            done_u.insert(e);
            take_ending(arts, e, u);
        }
        if arts[e].blocks.is_empty() {
            remove.push(e);
        }
    }
    remove.sort_unstable();
    for e in remove.into_iter().rev() {
        arts.remove(e);
    }
}

/// Candidate (similarity, giver, taker) pairs, best first. Givers:
/// headlines with no body, and weak ones (whose body shares almost none of
/// their wording: the body next to them in the input is another story's,
/// or a section of one). Takers: untitled text, and text under a weak headline.
fn far_pairs(arts: &[Article]) -> Vec<(f64, usize, usize)> {
    let weak: Vec<bool> = arts
        .iter()
        .map(|a| {
            a.kind == ArticleKind::Article
                && a.headline.is_some()
                && !a.blocks.is_empty()
                && a.dateline.is_none()
                && similarity(&display_bigrams(a), &body_bigrams(a)) < 0.2
        })
        .collect();
    let ears: Vec<usize> = (0..arts.len())
        .filter(|&i| arts[i].headline.is_some() && (arts[i].kind == ArticleKind::Ear || weak[i]))
        .collect();
    let untitled: Vec<usize> = (0..arts.len())
        .filter(|&i| {
            (arts[i].kind == ArticleKind::Article
                && arts[i].headline.is_none()
                && !arts[i].blocks.is_empty())
                || weak[i]
        })
        .collect();
    if ears.is_empty() || untitled.is_empty() {
        return Vec::new();
    }
    let bodies: Vec<BigramSet> = untitled.iter().map(|&u| body_bigrams(&arts[u])).collect();
    let mut pairs = Vec::new();
    for &e in &ears {
        let bg = display_bigrams(&arts[e]);
        // Every untitled text while the pairs are few (any real page);
        // beyond that the ones nearest the headline in page order, so that
        // a hostile page of thousands of stories stays linear.
        let window = if ears.len() * untitled.len() <= FULL_SCAN {
            0..untitled.len()
        } else {
            let at = untitled.partition_point(|&u| u < e);
            at.saturating_sub(FAR_CANDIDATES)..(at + FAR_CANDIDATES).min(untitled.len())
        };
        for k in window {
            let u = untitled[k];
            let s = similarity(&bg, &bodies[k]);
            if s >= 0.5 && u != e {
                pairs.push((s, e, u));
            }
        }
    }
    pairs.sort_by(|x, y| {
        y.0.partial_cmp(&x.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
    });
    pairs
}

/// Give article `e`'s display type (headline, kicker, column label,
/// subheadline, byline, captions) to article `u`, with similarity `s`. A
/// weak headline leaves its wrong body behind, untitled; a weak headline
/// over the taker stays as an in-body heading.
fn give_headline(arts: &mut [Article], e: usize, u: usize, s: f64) {
    let mut ear = arts[e].clone();
    let head_line = ear.source.map(|s| s.start);
    if !ear.blocks.is_empty() {
        let a = &mut arts[e];
        a.headline = None;
        a.kicker = None;
        a.column = None;
        a.subheadline = None;
        a.confidence = Some(40);
        a.diagnostics.push(Diagnostic::warning(
            "no-headline",
            "the headline next to this text shares none of its wording; it was given to other text",
            a.source.map(|s| s.start),
        ));
        ear.byline = None;
        ear.captions.clear();
        ear.source = None;
    }
    let t = &mut arts[u];
    if t.headline.is_some() {
        let old: Vec<Block> = [
            t.column.take(),
            t.kicker.take(),
            t.headline.take(),
            t.subheadline.take(),
        ]
        .into_iter()
        .flatten()
        .map(Block::heading)
        .collect();
        t.blocks.splice(0..0, old);
    }
    t.headline = ear.headline;
    // Both may hold a piece (a subheadline line each): keep both, the headline's first.
    let both = |mine: Option<String>, theirs: Option<String>| match (theirs, mine) {
        (Some(a), Some(b)) => Some(format!("{a} {b}")),
        (a, b) => a.or(b),
    };
    t.kicker = both(t.kicker.take(), ear.kicker);
    t.column = both(t.column.take(), ear.column);
    t.subheadline = both(t.subheadline.take(), ear.subheadline);
    if let Some(b) = ear.byline {
        if t.byline.is_none() {
            t.byline = Some(b);
        } else if let Some(tb) = t.byline.as_mut() {
            tb.text = format!("{} {}", b.text, tb.text);
            let mut people = b.people;
            people.append(&mut tb.people);
            tb.people = people;
        }
    }
    t.captions.splice(0..0, ear.captions);
    t.diagnostics.retain(|d| d.code != "no-headline");
    t.diagnostics.push(Diagnostic::warning(
        "headline-by-similarity",
        format!("the headline{} stands far from this text in the input; given to it by content similarity ({s:.2})", at_line(head_line)),
        head_line,
    ));
    t.confidence = Some(55);
    widen(t, ear.source);
}

/// The text article `e` was left with is the end of article `u`: append it.
fn take_ending(arts: &mut [Article], e: usize, u: usize) {
    let giver = std::mem::take(&mut arts[e]);
    let line = giver.source.map(|s| s.start);
    let t = &mut arts[u];
    t.blocks.extend(giver.blocks);
    t.captions.extend(giver.captions);
    t.byline = giver.byline;
    t.continued_to = giver.continued_to;
    t.diagnostics.push(Diagnostic::warning(
        "ending-before-opening",
        format!("the text{} under this headline, closed by its byline, is taken as the end of this article (extracted before its opening)", at_line(line)),
        line,
    ));
    widen(t, giver.source);
}

/// ` at line N`, or nothing when the line is not known.
pub(super) fn at_line(line: Option<u32>) -> String {
    line.map(|l| format!(" at line {l}")).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn text_under_a_label_opens_the_next_story() {
        let label = Article {
            headline: Some("认真学习宣传贯彻党的十九大精神".into()),
            blocks: vec![Block::paragraph("坚持依法治国和以德治国相结合，是法治道路的一个鲜明特点。")],
            ..Default::default()
        };
        let story = Article {
            headline: Some("法治与德治何以相得益彰".into()),
            blocks: vec![Block::paragraph("在封建社会，非圣则非法。")],
            ..Default::default()
        };
        let mut arts = vec![label, story];
        give_openings_forward(&mut arts);
        assert_eq!(arts[0].kind, ArticleKind::Ear);
        assert!(arts[0].blocks.is_empty());
        assert_eq!(arts[1].blocks.len(), 2);
        assert!(arts[1].blocks[0].text.starts_with("坚持依法治国"));
    }
}
