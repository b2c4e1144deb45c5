//! Building: one article from its owner and its body items.

use super::group::{apply_group, byline_text};
use super::grouping::Item;
use super::split::item_span;
use super::Owner;
use crate::parse::blocks::Para;
use crate::parse::inline::clean_spaces;
use crate::parse::markers;
use crate::parse::notes;
use newsconv_core::{
    Article, ArticleKind, Block, BlockKind, Byline, BylinePosition, Diagnostic, Jump, Span,
};

/// One article from its owner (headline group, or none) and its body
/// items; `split_ok` is false when the run had to be cut by the fallback.
pub(super) fn build_article(items: &[Item], owner: Option<&Owner>, split_ok: bool) -> Article {
    let mut a = Article::default();
    let rotated = dateline_first(items, &mut a);
    let items = rotated.as_deref().unwrap_or(items);
    let (first, last) = item_span(items);
    let mut conf = head_article(&mut a, owner, first, last);
    if !split_ok {
        conf -= 20;
    }
    let (mut start, mut end) = (first, last);
    if let Some(g) = owner.map(|o| &o.group) {
        start = start.min(g.first);
        end = end.max(g.last);
    }
    let mut first_para = true;
    for it in items {
        match it {
            Item::Para(p) => {
                add_paragraph(&mut a, p, first_para);
                first_para = false;
            }
            Item::Heading(t, _) => a.blocks.push(Block::heading(t.clone())),
            Item::Caption(c, _) => a.captions.push(c.clone()),
            Item::Byline(t, l) => add_byline(&mut a, t, *l),
        }
    }
    // A bracketed note closing the text (`（作者为…）`) is no body paragraph.
    if let Some(b) = a
        .blocks
        .last_mut()
        .filter(|b| b.kind == BlockKind::Paragraph && notes::is_note(&b.text))
    {
        b.kind = BlockKind::Note;
    }
    if a.blocks.is_empty() && !a.captions.is_empty() && a.headline.is_some() {
        a.kind = ArticleKind::PhotoNews;
    }
    a.source = Some(Span { start, end });
    a.confidence = Some(conf.clamp(5, 100) as u8);
    a
}

/// The dateline paragraph opens the article even when the extractor put
/// it later: the items rotated to start there, when they must be.
fn dateline_first(items: &[Item], a: &mut Article) -> Option<Vec<Item>> {
    let k = items
        .iter()
        .position(|it| matches!(it, Item::Para(p) if p.dateline.is_some()))
        .filter(|&k| k > 0)?;
    a.diagnostics.push(Diagnostic::info("lead-moved", "the paragraph opening with the dateline was printed after other text of the article; it is put first", Some(items[k].first())));
    Some(
        items[k..]
            .iter()
            .chain(items[..k].iter())
            .cloned()
            .collect(),
    )
}

/// Apply the owner's display type; returns the confidence so far, lowered
/// (with a diagnostic) for a headline after its body, a weak match, or no
/// headline at all.
fn head_article(a: &mut Article, owner: Option<&Owner>, first: u32, last: u32) -> i32 {
    let mut conf: i32 = 90;
    let Some(Owner {
        group: g,
        heads,
        margin,
    }) = owner
    else {
        a.diagnostics.push(Diagnostic::warning(
            "no-headline",
            "no headline was found for this text (it may be an image, or on another page)",
            Some(first),
        ));
        return conf - 30;
    };
    apply_group(a, g);
    if !heads {
        conf -= 10;
        a.diagnostics.push(Diagnostic::info(
            "headline-after-body",
            format!("headline at line {} comes after its body in the input; body lines {first}-{last} given to it by content similarity", g.first),
            Some(g.first),
        ));
    }
    if *margin < 0.15 {
        conf -= 15;
        a.diagnostics.push(Diagnostic::warning(
            "weak-similarity",
            format!(
                "the headline shares little wording with the body chosen for it (margin {:.2})",
                margin
            ),
            Some(g.first),
        ));
    }
    if a.headline.is_none() {
        conf -= 20;
    }
    conf
}

/// A body paragraph: the first one gives the dateline (and an inline
/// byline); jump markers give the article's jumps.
fn add_paragraph(a: &mut Article, p: &Para, first_para: bool) {
    let mut text = p.text.clone();
    if first_para {
        if let Some(d) = &p.dateline {
            text = take_dateline(a, d, text);
        }
    }
    // An article has one jump each way: a second marker stays in the
    // text, as a note after the paragraph it came with.
    let mut extra_jumps = Vec::new();
    if let Some((j, label)) = &p.jump_from {
        if a.continued_from.is_none() {
            a.continued_from = Some(Jump {
                page: j.page,
                label: Some(label.clone()),
                article: None,
            });
        } else {
            extra_jumps.push((label.clone(), p.first));
        }
    }
    if let Some((j, label)) = &p.jump_to {
        if a.continued_to.is_none() {
            a.continued_to = Some(Jump {
                page: j.page,
                label: Some(label.clone()),
                article: None,
            });
        } else {
            extra_jumps.push((label.clone(), p.last));
        }
    }
    for h in &p.healed {
        a.diagnostics.push(Diagnostic::info(
            "healed-break",
            "paragraph joined across a blank line (column or block break)",
            Some(*h),
        ));
    }
    if !text.trim().is_empty() {
        a.blocks.push(Block::paragraph(text));
    }
    for (label, line) in extra_jumps {
        a.diagnostics.push(Diagnostic::warning(
            "second-jump",
            format!("another jump marker {label} in this article's text; kept as a note"),
            Some(line),
        ));
        a.blocks.push(Block::note(label));
    }
}

/// The dateline (and an inline byline after it) out of the first
/// paragraph's text; returns the text left.
fn take_dateline(a: &mut Article, d: &markers::Dateline, text: String) -> String {
    // Read again on the whole paragraph: an inline byline may run past
    // the first line (`本报讯 记者闫柳报` / `道 昨日…`).
    let whole = markers::find_dateline(&text);
    let d = whole.as_ref().filter(|w| w.text == d.text).unwrap_or(d);
    a.dateline = Some(d.text.clone());
    if let Some(b) = &d.byline {
        if a.byline.is_none() {
            a.byline = Some(Byline {
                text: b.clone(),
                people: markers::people(b),
                position: Some(BylinePosition::InlineLead),
            });
        } else {
            // Keep it in the text: the article already has a byline.
            a.dateline = None;
        }
    }
    if a.dateline.is_some() {
        text[d.len.min(text.len())..].to_string()
    } else {
        text
    }
}

/// A byline after the body, as printed (`（王 普）` keeps its brackets: a
/// reader, and the archive, see them); the people are read inside them. A
/// second one stays in the text.
fn add_byline(a: &mut Article, t: &str, line: u32) {
    let inner = byline_text(t);
    let printed = t
        .trim()
        .trim_start_matches(markers::is_byline_marker)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if a.byline.is_none() {
        a.byline = Some(Byline {
            people: markers::people(&inner),
            text: printed,
            position: Some(BylinePosition::AfterBody),
        });
    } else {
        a.diagnostics.push(Diagnostic::info(
            "second-byline",
            format!("another byline after the body: {}", clean_spaces(t)),
            Some(line),
        ));
        a.blocks.push(Block::paragraph(clean_spaces(t)));
    }
}
