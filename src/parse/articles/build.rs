//! Building: one article from its owner and its body items.

use super::group::{apply_group, byline_text};
use super::grouping::Item;
use super::split::item_span;
use super::Owner;
use crate::parse::inline::clean_spaces;
use crate::parse::markers;
use newsconv_core::{Article, ArticleKind, Block, BlockKind, Byline, BylinePosition, Diagnostic, Jump, Span};

pub(super) fn build_article(items: &[Item], owner: Option<&Owner>, split_ok: bool) -> Article {
    let mut a = Article::default();
    // The dateline paragraph opens the article even when the extractor put it later.
    let rotated: Vec<Item>;
    let items = match items.iter().position(|it| matches!(it, Item::Para(p) if p.dateline.is_some())) {
        Some(k) if k > 0 => {
            rotated = items[k..].iter().chain(items[..k].iter()).cloned().collect();
            a.diagnostics.push(Diagnostic::info("lead-moved", "the paragraph opening with the dateline was printed after other text of the article; it is put first", Some(items[k].first())));
            &rotated[..]
        }
        _ => items,
    };
    let mut conf: i32 = 90;
    let (first, last) = item_span(items);
    let (mut start, mut end) = (first, last);
    if let Some(Owner { group: g, heads, margin }) = owner {
        apply_group(&mut a, g);
        start = start.min(g.first);
        end = end.max(g.last);
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
            a.diagnostics.push(Diagnostic::warning("weak-similarity", format!("the headline shares little wording with the body chosen for it (margin {:.2})", margin), Some(g.first)));
        }
        if a.headline.is_none() {
            conf -= 20;
        }
    } else {
        conf -= 30;
        a.diagnostics.push(Diagnostic::warning("no-headline", "no headline was found for this text (it may be an image, or on another page)", Some(first)));
    }
    if !split_ok {
        conf -= 20;
    }
    let mut first_para = true;
    for it in items {
        match it {
            Item::Para(p) => {
                let mut text = p.text.clone();
                if first_para {
                    if let Some(d) = &p.dateline {
                        // Read again on the whole paragraph: an inline byline
                        // may run past the first line (`本报讯 记者闫柳报` / `道 昨日…`).
                        let whole = markers::find_dateline(&text);
                        let d = whole.as_ref().filter(|w| w.text == d.text).unwrap_or(d);
                        a.dateline = Some(d.text.clone());
                        if let Some(b) = &d.byline {
                            if a.byline.is_none() {
                                a.byline = Some(Byline { text: b.clone(), people: markers::people(b), position: Some(BylinePosition::InlineLead) });
                            } else {
                                // Keep it in the text: the article already has a byline.
                                a.dateline = None;
                            }
                        }
                        if a.dateline.is_some() {
                            text = text[d.len.min(text.len())..].to_string();
                        }
                    }
                }
                // An article has one jump each way: a second marker stays
                // in the text, as a note after the paragraph it came with.
                let mut extra_jumps = Vec::new();
                if let Some((j, label)) = &p.jump_from {
                    if a.continued_from.is_none() {
                        a.continued_from = Some(Jump { page: j.page, label: Some(label.clone()), article: None });
                    } else {
                        extra_jumps.push((label.clone(), p.first));
                    }
                }
                if let Some((j, label)) = &p.jump_to {
                    if a.continued_to.is_none() {
                        a.continued_to = Some(Jump { page: j.page, label: Some(label.clone()), article: None });
                    } else {
                        extra_jumps.push((label.clone(), p.last));
                    }
                }
                for h in &p.healed {
                    a.diagnostics.push(Diagnostic::info("healed-break", "paragraph joined across a blank line (column or block break)", Some(*h)));
                }
                if !text.trim().is_empty() {
                    a.blocks.push(Block::paragraph(text));
                }
                for (label, line) in extra_jumps {
                    a.diagnostics.push(Diagnostic::warning("second-jump", format!("another jump marker {label} in this article's text; kept as a note"), Some(line)));
                    a.blocks.push(Block::note(label));
                }
                first_para = false;
            }
            Item::Heading(t, _) => a.blocks.push(Block::heading(t.clone())),
            Item::Caption(c, _) => a.captions.push(c.clone()),
            Item::Byline(t, l) => {
                let text = byline_text(t);
                if a.byline.is_none() {
                    a.byline = Some(Byline { people: markers::people(&text), text, position: Some(BylinePosition::AfterBody) });
                } else {
                    a.diagnostics.push(Diagnostic::info("second-byline", format!("another byline after the body: {}", clean_spaces(t)), Some(*l)));
                    a.blocks.push(Block::paragraph(clean_spaces(t)));
                }
            }
        }
    }
    // A bracketed note closing the text (`（作者为…）`) is no body paragraph.
    if let Some(b) = a.blocks.last_mut().filter(|b| b.kind == BlockKind::Paragraph && markers::is_note(&b.text)) {
        b.kind = BlockKind::Note;
    }
    if a.blocks.is_empty() && !a.captions.is_empty() && a.headline.is_some() {
        a.kind = ArticleKind::PhotoNews;
    }
    a.source = Some(Span { start, end });
    a.confidence = Some(conf.clamp(5, 100) as u8);
    a
}

