//! End matter in brackets: the author's affiliation, a source note, a
//! funding line (`（作者单位：…）`, `（作者为…教授）`). Two rules with one
//! home: [`is_note`] while the article passes run (it ends a story, so it
//! must be short and sure), and [`mark_end_notes`] on built articles (their
//! closing paragraphs, wholly in brackets, become notes).

use super::inline::is_han;
use newsconv_core::{Article, BlockKind};

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
