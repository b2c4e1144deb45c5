//! Splitting: share one run of body items among the headline groups that
//! claim it, by content similarity and hard boundaries.

use super::build::build_article;
use super::group::apply_group;
use super::grouping::Item;
use super::Owner;
use crate::parse::inline::{han_bigrams, BigramMap, BigramSet};
use crate::parse::notes;
use newsconv_core::{Article, ArticleKind, Diagnostic, Span};

/// Split one run of body items among its owners (in order; `None` is an
/// untitled part) and build the articles.
pub(super) fn split_run(
    items: Vec<Item>,
    owners: Vec<Option<Owner>>,
    page_diags: &mut Vec<Diagnostic>,
) -> Vec<Article> {
    if items.is_empty() {
        return owners
            .into_iter()
            .flatten()
            .map(|o| {
                headline_only(
                    &o,
                    50,
                    Diagnostic::info(
                        "headline-only",
                        "a headline with no body text next to it",
                        Some(o.group.first),
                    ),
                )
            })
            .collect();
    }
    let hard = hard_breaks(&items);
    let best = best_assignment(&items, &owners, &hard);
    let feasible = best.is_some();
    let assign = best.unwrap_or_else(|| fallback_assignment(&items, &owners, &hard, page_diags));
    let (mut out, used) = build_segments(&items, &owners, &assign, &hard, feasible);
    for (j, o) in owners.iter().enumerate() {
        if let (false, Some(o)) = (used[j], o) {
            out.push(headline_only(
                o,
                40,
                Diagnostic::warning(
                    "headline-only",
                    "no body text could be given to this headline",
                    Some(o.group.first),
                ),
            ));
        }
    }
    out
}

/// An article of a headline group alone (an ear, or a headline whose body
/// went elsewhere), with how sure the parser is and why.
fn headline_only(o: &Owner, confidence: u8, why: Diagnostic) -> Article {
    let mut a = Article {
        kind: ArticleKind::Ear,
        ..Default::default()
    };
    apply_group(&mut a, &o.group);
    a.source = Some(Span {
        start: o.group.first,
        end: o.group.last,
    });
    a.confidence = Some(confidence);
    a.diagnostics.push(why);
    a
}

/// Hard boundaries: a new article must start at item i (a dateline or a
/// continued-from line opens one; a jump line, an end note or a byline
/// closes the one before).
fn hard_breaks(items: &[Item]) -> Vec<bool> {
    (0..items.len())
        .map(|i| {
            i > 0
                && (matches!(&items[i], Item::Para(p) if p.dateline.is_some() || p.jump_from.is_some())
                    || matches!(&items[i - 1], Item::Para(p) if p.jump_to.is_some() || notes::is_note(&p.text))
                    || matches!(&items[i - 1], Item::Byline(..)))
        })
        .collect()
}

/// How well each item fits each owner: shared Han bigrams with the owner's
/// display text, weighted by how rare each bigram is in the run.
struct Fit {
    item_bg: Vec<Vec<(char, char)>>,
    df: BigramMap<u32>,
    owner_bg: Vec<BigramSet>,
    titled: Vec<usize>,
    untitled: Vec<bool>,
}

impl Fit {
    fn new(items: &[Item], owners: &[Option<Owner>]) -> Fit {
        let item_bg: Vec<Vec<(char, char)>> =
            items.iter().map(|it| han_bigrams(it.text())).collect();
        let mut df: BigramMap<u32> = BigramMap::default();
        for b in &item_bg {
            for g in b {
                *df.entry(*g).or_insert(0) += 1;
            }
        }
        let owner_bg: Vec<BigramSet> = owners
            .iter()
            .map(|o| {
                o.as_ref()
                    .map(|o| han_bigrams(&o.group.all_text()).into_iter().collect())
                    .unwrap_or_default()
            })
            .collect();
        let titled: Vec<usize> = (0..owners.len())
            .filter(|&j| !owner_bg[j].is_empty())
            .collect();
        Fit {
            item_bg,
            df,
            owner_bg,
            titled,
            untitled: owners.iter().map(Option::is_none).collect(),
        }
    }

    fn raw(&self, i: usize, j: usize) -> f64 {
        self.item_bg[i]
            .iter()
            .filter(|b| self.owner_bg[j].contains(b))
            .map(|b| 1.0 / self.df[b] as f64)
            .sum()
    }

    fn score(&self, i: usize, j: usize) -> f64 {
        if self.untitled[j] {
            return 0.0;
        }
        // An owner with no display text (a byline whose headline was
        // extracted elsewhere) cannot be matched by wording: it keeps the
        // text under it unless a break or another owner's wording, by a
        // clear margin, claims it.
        if self.owner_bg[j].is_empty() && !self.titled.is_empty() {
            return self
                .titled
                .iter()
                .map(|&k| self.raw(i, k))
                .fold(0.0, f64::max)
                + 0.25;
        }
        self.raw(i, j) + 0.001
    }
}

/// What it costs or gains to start the next owner's part at item `i`: a
/// paragraph that opens a run invites it, a heading or a paragraph cut
/// mid-sentence before it resists it.
fn advance_bonus(items: &[Item], i: usize) -> f64 {
    let mut b = 0.0;
    if let Item::Para(p) = &items[i] {
        if p.run_start {
            b += 0.2;
        }
    }
    if let Item::Heading(..) = &items[i] {
        b -= 0.5;
    }
    match &items[i - 1] {
        Item::Para(p) if !p.ends() => b -= 0.5,
        _ => {}
    }
    b
}

/// The owner of each item (owners in order, each taking a run of items,
/// none skipped past a hard break) that fits best, by dynamic programming;
/// `None` when no assignment respects the hard breaks.
fn best_assignment(items: &[Item], owners: &[Option<Owner>], hard: &[bool]) -> Option<Vec<usize>> {
    let (n, m) = (items.len(), owners.len());
    let fit = Fit::new(items, owners);
    // dp[i][j]: best score with item i in owner j.
    let neg = f64::NEG_INFINITY;
    let mut dp = vec![vec![neg; m]; n];
    let mut from = vec![vec![0usize; m]; n];
    dp[0][0] = fit.score(0, 0);
    if m > 1 && owners[0].is_none() {
        dp[0][1] = fit.score(0, 1);
    }
    for i in 1..n {
        for j in 0..m {
            let stay = if hard[i] { neg } else { dp[i - 1][j] };
            let adv = if j > 0 {
                dp[i - 1][j - 1] + advance_bonus(items, i)
            } else {
                neg
            };
            let (best, f) = if adv > stay { (adv, j - 1) } else { (stay, j) };
            if best > neg {
                dp[i][j] = best + fit.score(i, j);
                from[i][j] = f;
            }
        }
    }
    if dp[n - 1][m - 1] == neg {
        return None;
    }
    let mut assign = vec![0usize; n];
    let mut j = m - 1;
    for i in (0..n).rev() {
        assign[i] = j;
        j = from[i][j];
    }
    Some(assign)
}

/// More hard boundaries than owners, or fewer items than owners: cut at
/// the hard boundaries; the last pieces go to the owners that close the
/// run, the first to the owner heading it (`usize::MAX`: untitled).
fn fallback_assignment(
    items: &[Item],
    owners: &[Option<Owner>],
    hard: &[bool],
    page_diags: &mut Vec<Diagnostic>,
) -> Vec<usize> {
    let n = items.len();
    let mut piece = 0;
    let mut pieces = vec![0usize; n];
    for i in 0..n {
        if hard[i] {
            piece += 1;
        }
        pieces[i] = piece;
    }
    let np = piece + 1;
    let real: Vec<usize> = (0..owners.len()).filter(|&j| owners[j].is_some()).collect();
    let mut pmap = vec![usize::MAX; np];
    let head = owners[0].as_ref().is_some_and(|o| o.heads);
    let tail: Vec<usize> = real
        .iter()
        .copied()
        .filter(|&j| !(head && j == 0))
        .collect();
    if head {
        pmap[0] = 0;
    }
    let mut p = np;
    for &j in tail.iter().rev() {
        if p == 0 || (head && p == 1) {
            break;
        }
        p -= 1;
        pmap[p] = j;
    }
    leads_join_their_story(items, &pieces, &mut pmap);
    let (first, last) = item_span(items);
    page_diags.push(Diagnostic::warning(
        "split-fallback",
        format!("body lines {first}-{last}: {} hard breaks for {} headlines; pieces without a headline kept as untitled articles", np - 1, real.len()),
        Some(first),
    ));
    pieces.iter().map(|&pc| pmap[pc]).collect()
}

/// A piece opening with a dateline right after a titled piece that has
/// none is that article's lead, printed apart (`…讯` paragraphs). First
/// item and "holds a dateline" of each piece are found in one pass (a
/// search per piece was quadratic on runs cut into many pieces).
fn leads_join_their_story(items: &[Item], pieces: &[usize], pmap: &mut [usize]) {
    let np = pmap.len();
    let mut first_of = vec![usize::MAX; np];
    let mut has_dl = vec![false; np];
    for (i, &pc) in pieces.iter().enumerate() {
        first_of[pc] = first_of[pc].min(i);
        has_dl[pc] |= matches!(&items[i], Item::Para(q) if q.dateline.is_some());
    }
    for p in 1..np {
        let first = first_of[p];
        if pmap[p] == usize::MAX
            && pmap[p - 1] != usize::MAX
            && !has_dl[p - 1]
            && matches!(&items[first], Item::Para(q) if q.dateline.is_some())
        {
            pmap[p] = pmap[p - 1];
        }
    }
}

/// Build the articles segment by segment; returns them and which owners
/// got a segment.
fn build_segments(
    items: &[Item],
    owners: &[Option<Owner>],
    assign: &[usize],
    hard: &[bool],
    feasible: bool,
) -> (Vec<Article>, Vec<bool>) {
    let (n, m) = (items.len(), owners.len());
    let mut out = Vec::new();
    let mut used = vec![false; m];
    let mut i = 0;
    while i < n {
        let j = assign[i];
        let mut e = i;
        while e + 1 < n && assign[e + 1] == j && !(hard[e + 1] && (j == usize::MAX || feasible)) {
            e += 1;
        }
        let owner = if j < m { owners[j].as_ref() } else { None };
        if j < m {
            used[j] = true;
        }
        out.push(build_article(&items[i..=e], owner, feasible));
        i = e + 1;
    }
    (out, used)
}

/// First and last input line of some body items, whatever their order
/// (a credit may be emitted before the paragraph it interrupts, a lead put
/// first).
pub(super) fn item_span(items: &[Item]) -> (u32, u32) {
    let first = items.iter().map(Item::first).min().unwrap_or(0);
    (first, items.iter().map(Item::last).max().unwrap_or(first))
}
