//! End matter in brackets: the author's affiliation, a source note, a
//! funding line (`（作者单位：…）`, `（作者为…教授）`). Two rules with one
//! home: [`is_note`] while the article passes run (it ends a story, so it
//! must be short and sure), and [`mark_end_notes`] on built articles (their
//! closing paragraphs, wholly in brackets, become notes).

use super::inline::is_han;
use newsconv_core::{Article, BlockKind, Byline, BylinePosition};

/// A paragraph that is one short note in brackets with no full stop
/// (`（作者为…）`, `（作者单位：…）`): it closes an article, so the article
/// passes cut a run of text after it and an article's last paragraph of
/// this shape is a note. Stricter than [`wholly_bracketed`] (at most 80
/// characters, no `。`): a cut taken on a long aside would split stories.
pub fn is_note(t: &str) -> bool {
    let t = t.trim();
    let n = t.chars().count();
    (t.starts_with('（') && t.ends_with('）') || t.starts_with('(') && t.ends_with(')'))
        && (6..=80).contains(&n)
        && !t.contains('。')
}

/// True when the whole text is one bracketed aside, however long and
/// whatever it holds (`（作者单位：…）`, `（本文系…课题成果。）`): the first
/// bracket closes only at the very end. Used once the articles are built,
/// on their closing paragraphs only, where a long aside cannot cut a story.
pub fn wholly_bracketed(t: &str) -> bool {
    let t = t.trim();
    if !(t.starts_with(['（', '(']) && t.ends_with(['）', ')']))
        || t.chars().filter(|c| is_han(*c)).count() < 2
        || t.chars().count() > 100
    {
        return false;
    }
    let mut depth = 0i32;
    let n = t.chars().count();
    for (i, c) in t.chars().enumerate() {
        match c {
            '（' | '(' => depth += 1,
            '）' | ')' => {
                depth -= 1;
                if depth == 0 && i + 1 < n {
                    return false;
                }
            }
            _ => {}
        }
    }
    depth == 0
}

/// End matter: paragraphs closing an article that are wholly in brackets
/// (the author's affiliation, a source note) are notes, not body text.
pub fn mark_end_notes(a: &mut Article) {
    let paras = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .count();
    let mut left = paras;
    for b in a.blocks.iter_mut().rev() {
        if b.kind != BlockKind::Paragraph || left <= 1 || !wholly_bracketed(&b.text) {
            break;
        }
        b.kind = BlockKind::Note;
        left -= 1;
    }
}

/// A byline run on at the end of the last paragraph: `…借阅图书。（张三 李四）`.
/// Briefs and short reports close with their writers' names in brackets on
/// the paragraph's last line rather than on a line of their own; when the
/// article has no byline yet, the bracket after a sentence end, holding
/// names only, is its byline (after the body), with its people.
pub fn split_trailing_byline(a: &mut Article) {
    if a.byline.is_some() {
        return;
    }
    let Some(last) = a.blocks.iter_mut().rev().find(|b| b.kind == BlockKind::Paragraph) else { return };
    let t = last.text.trim_end();
    let Some(open) = t.rfind(['（', '(']) else { return };
    let (body, bracket) = t.split_at(open);
    let body_end = body.trim_end().chars().last();
    if !matches!(body_end, Some('。' | '！' | '？' | '”' | '」' | '…')) || super::markers::byline_kind(bracket) != Some(super::markers::BylineShape::Bracketed) {
        return;
    }
    let byline = bracket.to_string();
    last.text = body.trim_end().to_string();
    // Run into the paragraph, names lose the space between them
    // (`（张三李四）`): where the people cannot be told apart, none are named.
    let people = super::markers::people(&byline);
    let people = if people.iter().all(|p| p.name.chars().count() <= 3) { people } else { Vec::new() };
    a.byline = Some(Byline { people, text: byline, position: Some(BylinePosition::AfterBody) });
}
