//! Pass 4, articles: gather title blocks, subheadlines, bylines and captions
//! into headline groups; tell in-body section headings from headlines; decide
//! for each group whether it heads the body after it (the usual reading
//! order) or closes the body before it (pdftotext often emits a story's
//! headline after its text); split each run of body paragraphs among the
//! groups that claim it, by content similarity and hard boundaries (jump
//! lines, datelines, after-body bylines); and build the articles.

mod build;
mod fragments;
mod group;
mod grouping;
mod repair;
mod sections;
mod signing;
mod split;

pub use group::{byline_text, Group, Heads};

use super::blocks::Unit;
use super::inline::{han_bigrams, BigramSet};
use group::{apply_group, looks_like_column, title_text};
use grouping::{bigram_set, elements, similarity, strip_repeats, Elem, Item};
use newsconv_core::{Article, ArticleKind, Diagnostic, Furniture, Span, Unassigned};
use repair::{attach_name_pieces, give_openings_forward, join_openings, pair_far_headlines};
use fragments::rejoin_fragments;
use sections::rejoin_sections;
use split::split_run;
use std::collections::HashSet;

/// A headline group that claims a run of body text.
#[derive(Debug, Clone)]
pub(super) struct Owner {
    /// The group.
    pub group: Group,
    /// True when it heads the body after it (the usual reading order);
    /// false when it closes the body before it (its headline was extracted
    /// after its text).
    pub heads: bool,
    /// By how much its wording fits the run it claims better than the other.
    pub margin: f64,
}

/// The result of the articles pass for one page.
#[derive(Debug, Default)]
pub struct PageParts {
    /// Articles in reading order (ids not yet set).
    pub articles: Vec<Article>,
    /// Furniture.
    pub furniture: Vec<Furniture>,
    /// Unplaced text.
    pub unassigned: Vec<Unassigned>,
    /// Page-level notes.
    pub diagnostics: Vec<Diagnostic>,
}

/// Build the articles of one page from its units.
pub fn assemble(units: Vec<Unit>) -> PageParts {
    let mut parts = PageParts::default();
    let mut units = units;
    let flat = fragments::flat_text(&units);
    strip_repeats(&mut units, &mut parts);
    let mut pieces = Vec::new();
    let elems = elements(units, &mut parts.furniture, &mut pieces);
    let (runs, stacks) = runs_and_stacks(elems);
    // Per run: its owners in order, and the headline-only boxes standing before it.
    let mut owners: Vec<Vec<Option<Owner>>> = vec![Vec::new(); runs.len()];
    let mut ears: Vec<Vec<Group>> = vec![Vec::new(); runs.len()];
    let run_sets: Vec<BigramSet> = runs.iter().map(|r| bigram_set(r.iter())).collect();
    for (j, stack) in stacks.into_iter().enumerate() {
        let (closing, heads_after) = direct_stack(
            stack,
            &runs[j],
            &runs[j + 1],
            &run_sets[j],
            &run_sets[j + 1],
        );
        owners[j].extend(closing);
        if let Some(owner) = head_of_run(heads_after, &mut ears[j + 1]) {
            owners[j + 1].insert(0, Some(owner));
        }
    }
    let glued = glued_heads(&runs, &owners);
    let mut articles = build_runs(runs, owners, &ears, &mut parts.diagnostics);
    pair_far_headlines(&mut articles);
    join_openings(&mut articles);
    give_openings_forward(&mut articles);
    rejoin_sections(&mut articles, &glued);
    rejoin_fragments(&mut articles, &mut parts.unassigned, &flat);
    attach_name_pieces(
        &mut articles,
        pieces,
        &mut parts.unassigned,
        &mut parts.diagnostics,
    );
    signing::sign_unsigned(&mut articles, &mut parts.unassigned);
    parts.articles = articles;
    parts
}

/// The first lines of the groups whose last title is wrapped over lines
/// and runs straight into the text it heads, with no break: how a page
/// sets section heads rather than headlines (see [`sections`]).
fn glued_heads(runs: &[Vec<Item>], owners: &[Vec<Option<Owner>>]) -> HashSet<u32> {
    let mut out = HashSet::new();
    for (run, own) in runs.iter().zip(owners) {
        let (Some(Some(o)), Some(first)) = (own.first(), run.first()) else {
            continue;
        };
        let Some((lines, _)) = o.group.titles.last() else {
            continue;
        };
        if o.heads && lines.len() >= 2 && lines.last().is_some_and(|l| l.1 + 1 == first.first()) {
            out.insert(o.group.first);
        }
    }
    out
}

/// Split the page's elements into runs of body items and the stacks of
/// groups between them: `stacks[j]` sits between `runs[j]` and `runs[j+1]`.
fn runs_and_stacks(elems: Vec<Elem>) -> (Vec<Vec<Item>>, Vec<Vec<Group>>) {
    let mut runs: Vec<Vec<Item>> = vec![Vec::new()];
    let mut stacks: Vec<Vec<Group>> = Vec::new();
    for e in elems {
        match e {
            Elem::Body(it) => {
                if runs.len() == stacks.len() {
                    runs.push(Vec::new());
                }
                runs.last_mut().unwrap().push(it);
            }
            Elem::Group(g) => {
                if stacks.len() == runs.len() {
                    stacks.last_mut().unwrap().push(g);
                } else {
                    stacks.push(vec![g]);
                }
            }
        }
    }
    if runs.len() == stacks.len() {
        runs.push(Vec::new());
    }
    (runs, stacks)
}

/// Each group of a stack either closes the run before it (its headline
/// was extracted after its text) or heads the run after it: the one whose
/// wording it shares more; heading the next run when in doubt. A run
/// closed by its own after-body byline is complete: only a headline that
/// shares most of its wording closes it. Returns the closing owners and
/// the heading groups with their margins.
fn direct_stack(
    stack: Vec<Group>,
    before: &[Item],
    after: &[Item],
    before_set: &BigramSet,
    after_set: &BigramSet,
) -> (Vec<Option<Owner>>, Vec<(Group, f64)>) {
    let n = stack.len();
    let sims: Vec<(f64, f64)> = stack
        .iter()
        .map(|g| {
            let b = han_bigrams(&g.all_text());
            (similarity(&b, before_set), similarity(&b, after_set))
        })
        .collect();
    let signed = matches!(before.last(), Some(Item::Byline(..)));
    let closes = |i: usize| {
        let fits = !signed || sims[i].0 >= 0.5;
        (after.is_empty() && fits) || (!before.is_empty() && fits && sims[i].0 > sims[i].1 + 1e-9)
    };
    let mut closing = Vec::new();
    let mut heads_after: Vec<(Group, f64)> = Vec::new();
    for (i, g) in stack.into_iter().enumerate() {
        if closes(i) && n > 0 {
            let margin = sims[i].0 - sims[i].1;
            closing.push(Some(Owner {
                group: g,
                heads: false,
                margin,
            }));
        } else {
            heads_after.push((g, sims[i].1 - sims[i].0));
        }
    }
    (closing, heads_after)
}

/// Several groups heading the same body: the last is its head; titles
/// alone right above it are its kicker (further up only when they look
/// like a column label); a byline alone right above it is its byline; any
/// other group is a headline-only box (`ears`).
fn head_of_run(mut heads_after: Vec<(Group, f64)>, ears: &mut Vec<Group>) -> Option<Owner> {
    let (mut last, margin) = heads_after.pop()?;
    let k = heads_after.len();
    let mut joined = true;
    let mut merged = Vec::new();
    for (idx, (g, _)) in heads_after.into_iter().enumerate().rev() {
        // A byline standing alone right above the head (a vertical
        // byline) belongs to the text under that head.
        if idx + 1 == k
            && g.titles.is_empty()
            && g.subs.is_empty()
            && !g.bylines.is_empty()
            && last.bylines.is_empty()
        {
            last.bylines = g.bylines.clone();
            last.captions.splice(0..0, g.captions.iter().cloned());
            last.first = last.first.min(g.first);
            continue;
        }
        let label = g
            .titles
            .iter()
            .all(|t| looks_like_column(&title_text(&t.0, false)));
        joined &= (idx + 1 == k || label)
            && g.bylines.is_empty()
            && g.subs.is_empty()
            && last.titles.iter().all(|t| !t.1);
        if joined {
            merged.push(g);
        } else {
            ears.push(g);
        }
    }
    let mut extra_titles = Vec::new();
    for g in merged.into_iter().rev() {
        extra_titles.extend(g.titles.iter().cloned());
        last.captions.splice(0..0, g.captions.iter().cloned());
        last.first = last.first.min(g.first);
    }
    last.titles.splice(0..0, extra_titles);
    Some(Owner {
        group: last,
        heads: true,
        margin,
    })
}

/// Split each run among its owners and add the headline-only boxes; the
/// articles in the order of their first input line.
fn build_runs(
    runs: Vec<Vec<Item>>,
    mut owners: Vec<Vec<Option<Owner>>>,
    ears: &[Vec<Group>],
    diagnostics: &mut Vec<Diagnostic>,
) -> Vec<Article> {
    let mut arts: Vec<(u32, Article)> = Vec::new();
    for (j, run) in runs.into_iter().enumerate() {
        let mut own = std::mem::take(&mut owners[j]);
        if !matches!(own.first(), Some(Some(Owner { heads: true, .. }))) {
            own.insert(0, None);
        }
        for a in split_run(run, own, diagnostics) {
            arts.push((a.source.map(|s| s.start).unwrap_or(0), a));
        }
        for g in &ears[j] {
            let mut a = Article {
                kind: ArticleKind::Ear,
                ..Default::default()
            };
            apply_group(&mut a, g);
            a.source = Some(Span {
                start: g.first,
                end: g.last,
            });
            a.confidence = Some(50);
            a.diagnostics.push(Diagnostic::info("headline-only", "a headline with no body text of its own (报眼 or a story whose text was not found)", Some(g.first)));
            arts.push((g.first, a));
        }
    }
    arts.sort_by_key(|a| a.0);
    arts.into_iter().map(|a| a.1).collect()
}
