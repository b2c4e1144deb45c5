//! Grouping: gather a page's units into headline groups and body items,
//! telling in-body section headings from headlines.

use super::group::title_text;
use super::{Group, PageParts};
use crate::parse::blocks::{Para, Unit};
use crate::parse::heads;
use crate::parse::inline::{bigrams, clean_spaces, BigramSet};
use crate::parse::markers::BylineShape;
use crate::parse::notes;
use newsconv_core::{Caption, Diagnostic, Furniture, Unassigned};

/// A body item: what a run of body text is made of.
#[derive(Debug, Clone)]
pub(super) enum Item {
    Para(Para),
    Heading(String, u32),
    Caption(Caption, u32),
    /// A byline standing after a body.
    Byline(String, u32),
}

impl Item {
    pub(super) fn first(&self) -> u32 {
        match self {
            Item::Para(p) => p.first,
            Item::Heading(_, l) | Item::Caption(_, l) | Item::Byline(_, l) => *l,
        }
    }
    pub(super) fn last(&self) -> u32 {
        match self {
            Item::Para(p) => p.last,
            _ => self.first(),
        }
    }
    pub(super) fn text(&self) -> &str {
        match self {
            Item::Para(p) => &p.text,
            Item::Heading(t, _) => t,
            Item::Caption(c, _) => &c.text,
            Item::Byline(..) => "",
        }
    }
}

pub(super) enum Elem {
    Body(Item),
    Group(Group),
}

/// Gather groups and body items from the units of a page.
pub(super) fn elements(
    units: Vec<Unit>,
    furniture: &mut Vec<Furniture>,
    pieces: &mut Vec<(String, u32)>,
) -> Vec<Elem> {
    let mut out: Vec<Elem> = Vec::new();
    let mut cluster: Vec<Unit> = Vec::new();
    let n = units.len();
    let units: Vec<Unit> = units;
    let next_is_title = |k: usize, units: &[Unit]| {
        units[k + 1..]
            .iter()
            .find(|u| !matches!(u, Unit::Furniture { .. }))
            .is_some_and(|u| matches!(u, Unit::Title { .. }))
    };
    for k in 0..n {
        let u = &units[k];
        match u {
            Unit::Furniture { kind, text, line } => furniture.push(Furniture {
                kind: *kind,
                text: text.clone(),
                line: Some(*line),
                ..Default::default()
            }),
            Unit::NamePiece { text, line } => pieces.push((text.clone(), *line)),
            Unit::Para(p) => {
                flush(&mut cluster, &mut out);
                out.push(Elem::Body(Item::Para(p.clone())));
            }
            // The front end saw a section heading inside the columns.
            Unit::Title {
                parts,
                heading: true,
                ..
            } => {
                flush(&mut cluster, &mut out);
                out.push(Elem::Body(Item::Heading(
                    title_text(parts, false),
                    parts[0].1,
                )));
            }
            Unit::Byline {
                text,
                line,
                shape,
                run_start,
            } if cluster.is_empty()
                && matches!(out.last(), Some(Elem::Body(Item::Para(p))) if p.ends())
                && (!next_is_title(k, &units) || !run_start)
                || (cluster.is_empty() && *shape == BylineShape::Bracketed) =>
            {
                out.push(Elem::Body(Item::Byline(text.clone(), *line)));
            }
            Unit::Caption { text, credit, line }
                if cluster.is_empty() && !next_is_title(k, &units) =>
            {
                out.push(Elem::Body(Item::Caption(
                    Caption {
                        text: text.clone(),
                        credit: credit.clone(),
                    },
                    *line,
                )));
            }
            _ => cluster.push(u.clone()),
        }
    }
    flush(&mut cluster, &mut out);
    // Narrow titles alone (no byline, no subheadline) between two
    // paragraphs of running text are section headings.
    let plain = |e: &Elem| matches!(e, Elem::Group(g) if g.titles.len() <= 3 && g.subs.is_empty() && g.bylines.is_empty() && g.captions.is_empty() && g.narrow);
    let family = parallel_heads(&out);
    let n = out.len();
    let mut out: Vec<Option<Elem>> = out.into_iter().map(Some).collect();
    let mut res: Vec<Elem> = Vec::with_capacity(n);
    let mut i = 0;
    while i < n {
        if out[i].as_ref().is_some_and(plain) {
            let mut e = i;
            while e + 1 < n && out[e + 1].as_ref().is_some_and(plain) && e - i < 1 {
                e += 1;
            }
            // One of a set of parallel heads may also stand where a column
            // break cut the paragraph before it.
            let prev_ok = matches!(res.last(), Some(Elem::Body(Item::Para(p))) if (p.ends() || (e == i && family[i])) && p.jump_to.is_none() && !notes::is_note(&p.text));
            let next_ok = matches!(out.get(e + 1), Some(Some(Elem::Body(Item::Para(p)))) if p.dateline.is_none() && p.jump_from.is_none());
            if prev_ok && next_ok {
                for slot in out.iter_mut().take(e + 1).skip(i) {
                    if let Some(Elem::Group(g)) = slot.take() {
                        for t in &g.titles {
                            res.push(Elem::Body(Item::Heading(title_text(&t.0, false), t.0[0].1)));
                        }
                    }
                }
                i = e + 1;
                continue;
            }
        }
        res.push(out[i].take().unwrap());
        i += 1;
    }
    res
}

/// Section heads set in parallel (see [`heads::parallel_family`]): asked
/// of the bare title groups (no subheadline, byline or caption, at most
/// three title lines).
fn parallel_heads(out: &[Elem]) -> Vec<bool> {
    let titles: Vec<Option<String>> = out
        .iter()
        .map(|e| match e {
            Elem::Group(g)
                if !g.titles.is_empty()
                    && g.titles.len() <= 3
                    && g.subs.is_empty()
                    && g.bylines.is_empty()
                    && g.captions.is_empty() =>
            {
                Some(g.titles.iter().map(|t| title_text(&t.0, false)).collect())
            }
            _ => None,
        })
        .collect();
    heads::parallel_family(&titles)
}

fn flush(cluster: &mut Vec<Unit>, out: &mut Vec<Elem>) {
    if cluster.is_empty() {
        return;
    }
    let units = std::mem::take(cluster);
    let mut g = Group {
        first: u32::MAX,
        ..Default::default()
    };
    let is_head_after = |k: usize| -> bool {
        // Is the title at k followed (within the cluster) by a subheadline or byline?
        units[k + 1..]
            .iter()
            .find(|u| !matches!(u, Unit::Title { .. }))
            .is_some_and(|u| matches!(u, Unit::Sub { .. } | Unit::Byline { .. }))
    };
    let push = |g: &mut Group, out: &mut Vec<Elem>| {
        if g.first != u32::MAX {
            out.push(Elem::Group(std::mem::take(g)));
        }
        g.first = u32::MAX;
    };
    for (k, u) in units.iter().enumerate() {
        let line = u.line();
        match u {
            Unit::Caption { text, credit, .. } => {
                if !g.titles.is_empty() || !g.bylines.is_empty() {
                    push(&mut g, out);
                }
                g.captions.push((
                    Caption {
                        text: text.clone(),
                        credit: credit.clone(),
                    },
                    line,
                ));
            }
            Unit::Title { parts, narrow, .. } => {
                let after_byline = !g.bylines.is_empty();
                let mut start_new = false;
                if after_byline && is_head_after(k) {
                    start_new = true;
                }
                if !g.subs.is_empty() && !after_byline && is_head_after(k) {
                    start_new = true;
                }
                // Title blocks apart (a blank line between) with no byline yet: separate groups.
                if !g.titles.is_empty() && g.bylines.is_empty() && g.subs.is_empty() {
                    start_new = true;
                }
                // A byline with no title above it stands on its own (the
                // extractor put a vertical byline away from its headline).
                if g.titles.is_empty() && g.subs.is_empty() && !g.bylines.is_empty() {
                    start_new = true;
                }
                if start_new {
                    push(&mut g, out);
                }
                g.narrow = (g.titles.is_empty() || g.narrow) && *narrow;
                let after = !g.bylines.is_empty();
                g.titles.push((parts.clone(), after));
            }
            Unit::Sub { text, .. } => g.subs.push((text.clone(), line)),
            Unit::Byline { text, shape, .. } => {
                // A second byline after a complete group starts a new one only if titles follow it.
                g.bylines.push((text.clone(), line, *shape));
            }
            _ => {}
        }
        if g.first == u32::MAX {
            g.first = line;
        }
        g.first = g.first.min(line);
        g.last = g.last.max(line);
    }
    push(&mut g, out);
}

/// Similarity of a group's display text with a body text: the share of the
/// group's character bigrams found in the body.
pub(super) fn similarity(group: &[(char, char)], body: &BigramSet) -> f64 {
    if group.is_empty() {
        return 0.0;
    }
    group.iter().filter(|b| body.contains(b)).count() as f64 / group.len() as f64
}

pub(super) fn bigram_set<'a>(items: impl Iterator<Item = &'a Item>) -> BigramSet {
    let mut s = BigramSet::default();
    for it in items {
        s.extend(bigrams(it.text()));
    }
    s
}

/// A title line the extractor printed twice (text over a picture band:
/// `新时代：` / `新时代` / `：发展新方位…`): the first copy, when the title
/// lines after it start with the same words, goes to the page's unplaced
/// text.
pub(super) fn strip_repeats(units: &mut [Unit], parts: &mut PageParts) {
    for u in units.iter_mut() {
        let Unit::Title { parts: tp, .. } = u else {
            continue;
        };
        if tp.len() < 2 {
            continue;
        }
        let first: String = clean_spaces(&tp[0].0)
            .trim_end_matches(['：', ':'])
            .chars()
            .filter(|c| !c.is_whitespace())
            .collect();
        let rest: String = tp[1..]
            .iter()
            .flat_map(|p| p.0.chars())
            .filter(|c| !c.is_whitespace())
            .collect();
        if first.chars().count() >= 2 && rest.starts_with(&first) {
            let (text, line) = tp.remove(0);
            parts.diagnostics.push(Diagnostic::info(
                "repeated-title-line",
                format!(
                    "title line {line} repeats the words after it (overprinted text); kept apart"
                ),
                Some(line),
            ));
            parts.unassigned.push(Unassigned {
                text,
                line: Some(line),
            });
        }
    }
}
