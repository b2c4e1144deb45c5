//! Pass 4, articles: gather title blocks, subheadlines, bylines and captions
//! into headline groups; tell in-body section headings from headlines; decide
//! for each group whether it heads the body after it (the usual reading
//! order) or closes the body before it (pdftotext often emits a story's
//! headline after its text); split each run of body paragraphs among the
//! groups that claim it, by content similarity and hard boundaries (jump
//! lines, datelines, after-body bylines); and build the articles.

use super::blocks::{Para, Unit};
use super::inline::{bigrams, clean_spaces, han_bigrams, is_han, BigramMap, BigramSet};
use super::markers::{self, BylineShape};
use newsconv_core::{Article, ArticleKind, Block, BlockKind, Byline, BylinePosition, Caption, Diagnostic, Furniture, Jump, Span, Unassigned};
use std::collections::HashSet;

/// A headline group: the display lines of one story.
#[derive(Debug, Clone, Default)]
pub struct Group {
    /// Captions standing right above the headline.
    pub captions: Vec<(Caption, u32)>,
    /// Title blocks in order: (joined text, first line, came after a byline).
    pub titles: Vec<(Vec<(String, u32)>, bool)>,
    /// Subheadlines.
    pub subs: Vec<(String, u32)>,
    /// Bylines.
    pub bylines: Vec<(String, u32, BylineShape)>,
    /// True when every title line is well inside the column.
    pub narrow: bool,
    /// Lines.
    pub first: u32,
    /// Last line.
    pub last: u32,
}

/// The display fields of a group.
#[derive(Debug, Clone, Default)]
pub struct Heads {
    /// Headline.
    pub headline: Option<String>,
    /// Kicker.
    pub kicker: Option<String>,
    /// Column label.
    pub column: Option<String>,
    /// Subheadline.
    pub sub: Option<String>,
    /// Byline text (marker removed).
    pub byline: Option<String>,
}

fn title_text(parts: &[(String, u32)], spaced: bool) -> String {
    let v: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    super::lines::join_title(&v, spaced)
}

fn looks_like_column(t: &str) -> bool {
    let n = t.chars().filter(|c| !c.is_whitespace()).count();
    n <= 6 || t.contains('·') || t.contains('◇') || t.contains('【') || t.contains('|') || t.contains('｜')
}

/// Strip a byline's marker (●■□) and surrounding space.
pub fn byline_text(raw: &str) -> String {
    let t = raw.trim().trim_start_matches(markers::is_byline_marker).trim();
    let t = if (t.starts_with('（') && t.ends_with('）')) || (t.starts_with('(') && t.ends_with(')')) {
        let n = t.chars().count();
        t.chars().skip(1).take(n - 2).collect::<String>()
    } else {
        t.to_string()
    };
    t.split_whitespace().collect::<Vec<_>>().join(" ")
}

impl Group {
    /// Work out which title is the headline, which the kicker, column label
    /// and subheadline.
    pub fn heads(&self) -> Heads {
        let mut h = Heads::default();
        if self.titles.is_empty() {
            if !self.bylines.is_empty() {
                h.byline = Some(self.bylines.iter().map(|b| byline_text(&b.0)).collect::<Vec<_>>().join(" "));
            }
            if !self.subs.is_empty() {
                h.sub = Some(self.subs.iter().map(|s| s.0.trim_start_matches(['—', '-', '―']).trim()).collect::<Vec<_>>().join(" "));
            }
            return h;
        }
        // The headline: the last title before the first subheadline or
        // byline; else the last title.
        let first_mark = self.subs.iter().map(|s| s.1).chain(self.bylines.iter().map(|b| b.1)).min();
        let hi = match first_mark {
            Some(m) => self.titles.iter().rposition(|t| t.0[0].1 < m).unwrap_or(0),
            None => self.titles.iter().rposition(|t| !t.1).unwrap_or(self.titles.len() - 1),
        };
        h.headline = Some(title_text(&self.titles[hi].0, true));
        let mut before: Vec<String> = self.titles[..hi].iter().map(|t| title_text(&t.0, false)).collect();
        let after: Vec<String> = self.titles[hi + 1..].iter().map(|t| title_text(&t.0, false)).collect();
        if let Some(last) = before.pop() {
            if looks_like_column(&last) && before.is_empty() {
                h.column = Some(last);
            } else {
                h.kicker = Some(last);
                if !before.is_empty() {
                    h.column = Some(before.join(" "));
                }
            }
        }
        if !after.is_empty() {
            // Titles after the byline are column labels.
            let col = after.join(" ");
            h.column = Some(match h.column.take() {
                Some(c) => format!("{c} {col}"),
                None => col,
            });
        }
        if !self.subs.is_empty() {
            h.sub = Some(self.subs.iter().map(|s| s.0.trim_start_matches(['—', '-', '―']).trim()).collect::<Vec<_>>().join(" "));
        }
        h.byline = if self.bylines.is_empty() { None } else { Some(self.bylines.iter().map(|b| byline_text(&b.0)).collect::<Vec<_>>().join(" ")) };
        h
    }

    fn all_text(&self) -> String {
        let mut s = String::new();
        for t in &self.titles {
            for p in &t.0 {
                s.push_str(&p.0);
            }
        }
        for x in &self.subs {
            s.push_str(&x.0);
        }
        s
    }
}

/// A body item: what a run of body text is made of.
#[derive(Debug, Clone)]
enum Item {
    Para(Para),
    Heading(String, u32),
    Caption(Caption, u32),
    /// A byline standing after a body.
    Byline(String, u32),
}

impl Item {
    fn first(&self) -> u32 {
        match self {
            Item::Para(p) => p.first,
            Item::Heading(_, l) | Item::Caption(_, l) | Item::Byline(_, l) => *l,
        }
    }
    fn last(&self) -> u32 {
        match self {
            Item::Para(p) => p.last,
            _ => self.first(),
        }
    }
    fn text(&self) -> &str {
        match self {
            Item::Para(p) => &p.text,
            Item::Heading(t, _) => t,
            Item::Caption(c, _) => &c.text,
            Item::Byline(..) => "",
        }
    }
}

enum Elem {
    Body(Item),
    Group(Group),
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

/// Gather groups and body items from the units of a page.
fn elements(units: Vec<Unit>, furniture: &mut Vec<Furniture>, pieces: &mut Vec<(String, u32)>) -> Vec<Elem> {
    let mut out: Vec<Elem> = Vec::new();
    let mut cluster: Vec<Unit> = Vec::new();
    let n = units.len();
    let units: Vec<Unit> = units;
    let next_is_title = |k: usize, units: &[Unit]| units[k + 1..].iter().find(|u| !matches!(u, Unit::Furniture { .. })).is_some_and(|u| matches!(u, Unit::Title { .. }));
    for k in 0..n {
        let u = &units[k];
        match u {
            Unit::Furniture { kind, text, line } => furniture.push(Furniture { kind: *kind, text: text.clone(), line: Some(*line) }),
            Unit::NamePiece { text, line } => pieces.push((text.clone(), *line)),
            Unit::Para(p) => {
                flush(&mut cluster, &mut out);
                out.push(Elem::Body(Item::Para(p.clone())));
            }
            // The front end saw a section heading inside the columns.
            Unit::Title { parts, heading: true, .. } => {
                flush(&mut cluster, &mut out);
                out.push(Elem::Body(Item::Heading(title_text(parts, false), parts[0].1)));
            }
            Unit::Byline { text, line, shape, run_start }
                if cluster.is_empty() && matches!(out.last(), Some(Elem::Body(Item::Para(p))) if p.ends()) && (!next_is_title(k, &units) || !run_start)
                    || (cluster.is_empty() && *shape == BylineShape::Bracketed) =>
            {
                out.push(Elem::Body(Item::Byline(text.clone(), *line)));
            }
            Unit::Caption { text, credit, line } if cluster.is_empty() && !next_is_title(k, &units) => {
                out.push(Elem::Body(Item::Caption(Caption { text: text.clone(), credit: credit.clone() }, *line)));
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
            let prev_ok = matches!(res.last(), Some(Elem::Body(Item::Para(p))) if (p.ends() || (e == i && family[i])) && p.jump_to.is_none() && !markers::is_note(&p.text));
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

/// Section heads set in parallel: bare title groups (no subheadline, byline
/// or caption) of which three or more open with the same three characters
/// (`新时代的价值追求`, `新时代的战略安排`, `新时代的历史使命`) or end with the same
/// four (`从时间维度把握…永远在路上`, `从标准要求把握…永远在路上`).
fn parallel_heads(out: &[Elem]) -> Vec<bool> {
    let texts: Vec<Option<Vec<char>>> = out
        .iter()
        .map(|e| match e {
            Elem::Group(g) if !g.titles.is_empty() && g.titles.len() <= 3 && g.subs.is_empty() && g.bylines.is_empty() && g.captions.is_empty() => {
                let t: Vec<char> = g.titles.iter().map(|t| title_text(&t.0, false)).collect::<String>().chars().filter(|c| !c.is_whitespace()).collect();
                (6..=30).contains(&t.len()).then_some(t)
            }
            _ => None,
        })
        .collect();
    // Count each opening and ending once per head: a page holds few heads,
    // but a hostile page may hold many, so no pairwise comparison.
    let mut opens: std::collections::HashMap<&[char], usize> = std::collections::HashMap::new();
    let mut ends: std::collections::HashMap<&[char], usize> = std::collections::HashMap::new();
    for t in texts.iter().flatten() {
        *opens.entry(&t[..3]).or_insert(0) += 1;
        *ends.entry(&t[t.len() - 4..]).or_insert(0) += 1;
    }
    texts.iter().map(|t| t.as_ref().is_some_and(|t| opens[&t[..3]] >= 3 || ends[&t[t.len() - 4..]] >= 3)).collect()
}

fn flush(cluster: &mut Vec<Unit>, out: &mut Vec<Elem>) {
    if cluster.is_empty() {
        return;
    }
    let units = std::mem::take(cluster);
    let mut g = Group { first: u32::MAX, ..Default::default() };
    let is_head_after = |k: usize| -> bool {
        // Is the title at k followed (within the cluster) by a subheadline or byline?
        units[k + 1..].iter().find(|u| !matches!(u, Unit::Title { .. })).is_some_and(|u| matches!(u, Unit::Sub { .. } | Unit::Byline { .. }))
    
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
                g.captions.push((Caption { text: text.clone(), credit: credit.clone() }, line));
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
fn similarity(group: &[(char, char)], body: &BigramSet) -> f64 {
    if group.is_empty() {
        return 0.0;
    }
    group.iter().filter(|b| body.contains(b)).count() as f64 / group.len() as f64
}

fn bigram_set<'a>(items: impl Iterator<Item = &'a Item>) -> BigramSet {
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
fn strip_repeats(units: &mut [Unit], parts: &mut PageParts) {
    for u in units.iter_mut() {
        let Unit::Title { parts: tp, .. } = u else { continue };
        if tp.len() < 2 {
            continue;
        }
        let first: String = clean_spaces(&tp[0].0).trim_end_matches(['：', ':']).chars().filter(|c| !c.is_whitespace()).collect();
        let rest: String = tp[1..].iter().flat_map(|p| p.0.chars()).filter(|c| !c.is_whitespace()).collect();
        if first.chars().count() >= 2 && rest.starts_with(&first) {
            let (text, line) = tp.remove(0);
            parts.diagnostics.push(Diagnostic::info("repeated-title-line", format!("title line {line} repeats the words after it (overprinted text); kept apart"), Some(line)));
            parts.unassigned.push(Unassigned { text, line: Some(line) });
        }
    }
}

/// Build the articles of one page from its units.
pub fn assemble(units: Vec<Unit>) -> PageParts {
    let mut parts = PageParts::default();
    let mut units = units;
    strip_repeats(&mut units, &mut parts);
    let mut pieces = Vec::new();
    let elems = elements(units, &mut parts.furniture, &mut pieces);
    // Split into runs of body items and stacks of groups.
    let mut runs: Vec<Vec<Item>> = vec![Vec::new()];
    let mut stacks: Vec<Vec<Group>> = Vec::new(); // stacks[j] sits between runs[j] and runs[j+1]
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
    // Direction of each group: true = heads the body after it.
    let run_sets: Vec<BigramSet> = runs.iter().map(|r| bigram_set(r.iter())).collect();
    let mut owners: Vec<Vec<Option<(Group, bool, f64)>>> = vec![Vec::new(); runs.len()]; // per run: owners in order
    let mut ears: Vec<Vec<Group>> = vec![Vec::new(); runs.len()]; // headline-only boxes, by the run they stand before
    for (j, stack) in stacks.into_iter().enumerate() {
        let (before, after) = (&runs[j], &runs[j + 1]);
        let n = stack.len();
        let sims: Vec<(f64, f64)> = stack
            .iter()
            .map(|g| {
                let b = han_bigrams(&g.all_text());
                (similarity(&b, &run_sets[j]), similarity(&b, &run_sets[j + 1]))
            })
            .collect();
        // Each group either closes the run before it (its headline was
        // extracted after its text) or heads the run after it: the one whose
        // wording it shares more; heading the next run when in doubt.
        // A run closed by its own after-body byline is complete: only a headline
        // that shares most of its wording closes it.
        let signed = matches!(before.last(), Some(Item::Byline(..)));
        let closes = |i: usize| {
            let fits = !signed || sims[i].0 >= 0.5;
            (after.is_empty() && fits) || (!before.is_empty() && fits && sims[i].0 > sims[i].1 + 1e-9)
        };
        let mut heads_after: Vec<(Group, f64)> = Vec::new();
        for (i, g) in stack.into_iter().enumerate() {
            if closes(i) && n > 0 {
                let margin = sims[i].0 - sims[i].1;
                owners[j].push(Some((g, false, margin)));
            } else {
                heads_after.push((g, sims[i].1 - sims[i].0));
            }
        }
        let _ = n;
        // Several groups heading the same body: titles alone are its kicker
        // or column label; a group with its own byline is a headline-only box.
        if let Some((mut last, margin)) = heads_after.pop() {
            let mut extra_titles = Vec::new();
            // Only the title right above is a kicker; titles further up join
            // only when they look like a column label, else they are
            // headlines of their own.
            let k = heads_after.len();
            let mut joined = true;
            let mut merged = Vec::new();
            for (idx, (g, _)) in heads_after.into_iter().enumerate().rev() {
                // A byline standing alone right above the head (a vertical
                // byline) belongs to the text under that head.
                if idx + 1 == k && g.titles.is_empty() && g.subs.is_empty() && !g.bylines.is_empty() && last.bylines.is_empty() {
                    last.bylines = g.bylines.clone();
                    last.captions.splice(0..0, g.captions.iter().cloned());
                    last.first = last.first.min(g.first);
                    continue;
                }
                let label = g.titles.iter().all(|t| looks_like_column(&title_text(&t.0, false)));
                joined &= (idx + 1 == k || label) && g.bylines.is_empty() && g.subs.is_empty() && last.titles.iter().all(|t| !t.1);
                if joined {
                    merged.push(g);
                } else {
                    ears[j + 1].push(g);
                }
            }
            for g in merged.into_iter().rev() {
                extra_titles.extend(g.titles.iter().cloned());
                last.captions.splice(0..0, g.captions.iter().cloned());
                last.first = last.first.min(g.first);
            }
            last.titles.splice(0..0, extra_titles);
            owners[j + 1].insert(0, Some((last, true, margin)));
        }
    }
    let mut arts: Vec<(u32, Article)> = Vec::new();
    for (j, run) in runs.into_iter().enumerate() {
        let mut own = std::mem::take(&mut owners[j]);
        if !matches!(own.first(), Some(Some((_, true, _)))) {
            own.insert(0, None);
        }
        for a in split_run(run, own, &mut parts.diagnostics) {
            arts.push((a.source.map(|s| s.start).unwrap_or(0), a));
        }
        for g in &ears[j] {
            let mut a = Article { kind: ArticleKind::Ear, ..Default::default() };
            apply_group(&mut a, g);
            a.source = Some(Span { start: g.first, end: g.last });
            a.confidence = Some(50);
            a.diagnostics.push(Diagnostic::info("headline-only", "a headline with no body text of its own (报眼 or a story whose text was not found)", Some(g.first)));
            arts.push((g.first, a));
        }
    }
    arts.sort_by_key(|a| a.0);
    let mut articles: Vec<Article> = arts.into_iter().map(|a| a.1).collect();
    pair_far_headlines(&mut articles);
    join_openings(&mut articles);
    attach_name_pieces(&mut articles, pieces, &mut parts.unassigned, &mut parts.diagnostics);
    parts.articles = articles;
    parts
}

/// The character bigrams of an article's display text (headline, kicker,
/// subheadline).
fn display_bigrams(a: &Article) -> Vec<(char, char)> {
    han_bigrams(&format!("{}{}{}", a.headline.as_deref().unwrap_or(""), a.kicker.as_deref().unwrap_or(""), a.subheadline.as_deref().unwrap_or("")))
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
fn widen(a: &mut Article, other: Option<Span>) {
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
fn join_openings(arts: &mut Vec<Article>) {
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
            Some(t) if untitled && !opened && closed_by_byline(t) && t.headline.is_some() && t.continued_to.is_none() => similarity(&display_bigrams(t), &body_bigrams(&u)),
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
        t.diagnostics.extend(u.diagnostics.into_iter().filter(|d| d.code != "no-headline"));
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

/// Is the last name of this byline one character (the first half of a
/// letter-spaced two-character name whose other half was set apart)?
fn half_name(b: &Byline) -> bool {
    b.text.split_whitespace().last().is_some_and(super::inline::one_han)
}

/// Give each name piece found inside running text to a byline. Two
/// one-character pieces close together are one letter-spaced name. A
/// one-character piece completes the nearest byline that ends in half a
/// name; alone, it is no name of its own and stays unplaced. Any other piece
/// joins the byline of the article whose text holds it (or the nearest).
/// On a hostile page of many pieces and articles only the articles
/// starting nearest to a piece are looked at, so the work stays linear.
fn attach_name_pieces(arts: &mut [Article], pieces: Vec<(String, u32)>, parts_unassigned: &mut Vec<Unassigned>, page_diags: &mut Vec<Diagnostic>) {
    let single = super::inline::one_han;
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
    let dist = |a: &Article, line: u32| a.source.map(|s| if line < s.start { s.start - line } else { line.saturating_sub(s.end) }).unwrap_or(u32::MAX);
    let mut order: Vec<(u32, usize)> = arts.iter().enumerate().filter_map(|(k, a)| a.source.map(|s| (s.start, k))).collect();
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
            pairs.extend(near(*l).iter().filter(|x| arts[x.1].byline.as_ref().is_some_and(half_name)).map(|x| (dist(&arts[x.1], *l), p, x.1)));
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
            None => near(line).iter().map(|x| x.1).filter(|&k| arts[k].kind != ArticleKind::Ear).min_by_key(|&k| (dist(&arts[k], line), k)),
        };
        let Some(k) = target else {
            let why = if single(&text) { "stands alone inside running text and completes no byline" } else { "stands inside running text with no article near it" };
            page_diags.push(Diagnostic::info("name-piece-unplaced", format!("the name piece {text} at line {line} {why}; kept apart"), Some(line)));
            parts_unassigned.push(Unassigned { text, line: Some(line) });
            continue;
        };
        let a = &mut arts[k];
        match a.byline.as_mut() {
            Some(b) => {
                b.text = format!("{} {text}", b.text);
                b.people = markers::people(&b.text);
            }
            None => a.byline = Some(Byline { people: markers::people(&text), text: text.clone(), position: Some(BylinePosition::BeforeBody) }),
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
fn pair_far_headlines(arts: &mut Vec<Article>) {
    if !arts.iter().any(|a| a.kind == ArticleKind::Article && a.headline.is_none() && !a.blocks.is_empty()) && !arts.iter().any(|a| a.kind == ArticleKind::Ear) {
        return;
    }
    // Headlines whose body shares almost none of their wording (the body
    // next to them in the input is another story's, or a section of one).
    let weak: Vec<bool> = arts
        .iter()
        .map(|a| a.kind == ArticleKind::Article && a.headline.is_some() && !a.blocks.is_empty() && a.dateline.is_none() && similarity(&display_bigrams(a), &body_bigrams(a)) < 0.2)
        .collect();
    // Givers: headlines with no body, and weak ones. Takers: untitled text, and text under a weak headline.
    let ears: Vec<usize> = (0..arts.len()).filter(|&i| arts[i].headline.is_some() && (arts[i].kind == ArticleKind::Ear || weak[i])).collect();
    let untitled: Vec<usize> = (0..arts.len()).filter(|&i| (arts[i].kind == ArticleKind::Article && arts[i].headline.is_none() && !arts[i].blocks.is_empty()) || weak[i]).collect();
    if ears.is_empty() || untitled.is_empty() {
        return;
    }
    let bodies: Vec<BigramSet> = untitled.iter().map(|&u| body_bigrams(&arts[u])).collect();
    let mut pairs = Vec::new();
    for &e in &ears {
        let bg = display_bigrams(&arts[e]);
        // Every untitled text while the pairs are few (any real page);
        // beyond that the ones nearest the headline in page order, so that
        // a hostile page of thousands of stories stays linear.
        let window = if ears.len() * untitled.len() <= FULL_SCAN { 0..untitled.len() } else {
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
    pairs.sort_by(|x, y| y.0.partial_cmp(&x.0).unwrap_or(std::cmp::Ordering::Equal).then(x.1.cmp(&y.1)).then(x.2.cmp(&y.2)));
    let mut done_e = HashSet::new();
    let mut done_u = HashSet::new();
    let mut remove = Vec::new();
    for (s, e, u) in pairs {
        // A text that took a headline keeps it.
        if done_e.contains(&e) || done_u.contains(&u) || done_u.contains(&e) {
            continue;
        }
        done_e.insert(e);
        done_u.insert(u);
        let mut ear = arts[e].clone();
        let head_line = ear.source.map(|s| s.start);
        if !ear.blocks.is_empty() {
            // The headline leaves its wrong body behind, untitled, with the byline and captions.
            let a = &mut arts[e];
            a.headline = None;
            a.kicker = None;
            a.column = None;
            a.subheadline = None;
            a.confidence = Some(40);
            a.diagnostics.push(Diagnostic::warning("no-headline", "the headline next to this text shares none of its wording; it was given to other text", a.source.map(|s| s.start)));
            ear.byline = None;
            ear.captions.clear();
            ear.source = None;
        }
        let t = &mut arts[u];
        // A weak headline over the text stays as an in-body heading.
        if t.headline.is_some() {
            let old: Vec<Block> = [t.column.take(), t.kicker.take(), t.headline.take(), t.subheadline.take()].into_iter().flatten().map(Block::heading).collect();
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
        // The text the headline left stands right before the text that
        // took it and is closed by its byline: it is that story's ending,
        // emitted between its headline and its opening.
        if u == e + 1 && closed_by_byline(&arts[e]) && arts[e].continued_from.is_none() && arts[u].byline.is_none() && arts[u].continued_to.is_none() && !arts[e].blocks.is_empty() {
            // The emptied giver takes part in no later pair.
            done_u.insert(e);
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
        if arts[e].blocks.is_empty() {
            remove.push(e);
        }
    }
    remove.sort_unstable();
    for e in remove.into_iter().rev() {
        arts.remove(e);
    }
}

/// ` at line N`, or nothing when the line is not known.
fn at_line(line: Option<u32>) -> String {
    line.map(|l| format!(" at line {l}")).unwrap_or_default()
}

fn apply_group(a: &mut Article, g: &Group) {
    let h = g.heads();
    a.headline = h.headline;
    a.kicker = h.kicker;
    a.column = h.column;
    a.subheadline = h.sub;
    if let Some(b) = h.byline {
        a.byline = Some(Byline { people: markers::people(&b), text: b, position: Some(BylinePosition::BeforeBody) });
    }
    a.captions.extend(g.captions.iter().map(|c| c.0.clone()));
}

/// Split one run of body items among its owners (in order; `None` is an
/// untitled part) and build the articles.
fn split_run(items: Vec<Item>, owners: Vec<Option<(Group, bool, f64)>>, page_diags: &mut Vec<Diagnostic>) -> Vec<Article> {
    let n = items.len();
    let m = owners.len();
    let mut out = Vec::new();
    if n == 0 {
        for o in owners.into_iter().flatten() {
            let mut a = Article { kind: ArticleKind::Ear, ..Default::default() };
            apply_group(&mut a, &o.0);
            a.source = Some(Span { start: o.0.first, end: o.0.last });
            a.confidence = Some(50);
            a.diagnostics.push(Diagnostic::info("headline-only", "a headline with no body text next to it", Some(o.0.first)));
            out.push(a);
        }
        return out;
    }
    // Hard boundaries: a new article must start at item i.
    let hard: Vec<bool> = (0..n)
        .map(|i| {
            i > 0
                && (matches!(&items[i], Item::Para(p) if p.dateline.is_some() || p.jump_from.is_some())
                    || matches!(&items[i - 1], Item::Para(p) if p.jump_to.is_some() || markers::is_note(&p.text))
                    || matches!(&items[i - 1], Item::Byline(..)))
        })
        .collect();
    // Similarity of each item to each owner, weighted by how rare each bigram is in the run.
    let item_bg: Vec<Vec<(char, char)>> = items.iter().map(|it| han_bigrams(it.text())).collect();
    let mut df: BigramMap<u32> = BigramMap::default();
    for b in &item_bg {
        for g in b {
            *df.entry(*g).or_insert(0) += 1;
        }
    }
    let owner_bg: Vec<BigramSet> = owners.iter().map(|o| o.as_ref().map(|o| han_bigrams(&o.0.all_text()).into_iter().collect()).unwrap_or_default()).collect();
    let raw = |i: usize, j: usize| -> f64 { item_bg[i].iter().filter(|b| owner_bg[j].contains(b)).map(|b| 1.0 / df[b] as f64).sum() };
    let titled: Vec<usize> = (0..m).filter(|&j| !owner_bg[j].is_empty()).collect();
    let score = |i: usize, j: usize| -> f64 {
        if owners[j].is_none() {
            return 0.0;
        }
        // An owner with no display text (a byline whose headline was
        // extracted elsewhere) cannot be matched by wording: it keeps the
        // text under it unless a break or another owner's wording, by a
        // clear margin, claims it.
        if owner_bg[j].is_empty() && !titled.is_empty() {
            return titled.iter().map(|&k| raw(i, k)).fold(0.0, f64::max) + 0.25;
        }
        raw(i, j) + 0.001
    };
    let bonus = |i: usize| -> f64 {
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
    };
    // dp[i][j]: best score with item i in owner j.
    let neg = f64::NEG_INFINITY;
    let mut dp = vec![vec![neg; m]; n];
    let mut from = vec![vec![0usize; m]; n];
    dp[0][0] = score(0, 0);
    if m > 1 && owners[0].is_none() {
        dp[0][1] = score(0, 1);
    }
    for i in 1..n {
        for j in 0..m {
            let stay = if hard[i] { neg } else { dp[i - 1][j] };
            let adv = if j > 0 { dp[i - 1][j - 1] + bonus(i) } else { neg };
            let (best, f) = if adv > stay { (adv, j - 1) } else { (stay, j) };
            if best > neg {
                dp[i][j] = best + score(i, j);
                from[i][j] = f;
            }
        }
    }
    let mut assign = vec![0usize; n];
    let feasible = dp[n - 1][m - 1] > neg;
    if feasible {
        let mut j = m - 1;
        for i in (0..n).rev() {
            assign[i] = j;
            j = from[i][j];
        }
    } else {
        // More hard boundaries than owners, or fewer items than owners:
        // cut at the hard boundaries; the last pieces go to the owners that
        // close the run, the first to the owner heading it.
        let mut piece = 0;
        let mut pieces = vec![0usize; n];
        for i in 0..n {
            if hard[i] {
                piece += 1;
            }
            pieces[i] = piece;
        }
        let np = piece + 1;
        let real: Vec<usize> = (0..m).filter(|&j| owners[j].is_some()).collect();
        // map piece -> owner index (or usize::MAX for untitled)
        let mut pmap = vec![usize::MAX; np];
        let head = owners[0].as_ref().is_some_and(|o| o.1);
        let tail: Vec<usize> = real.iter().copied().filter(|&j| !(head && j == 0)).collect();
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
        // A piece opening with a dateline right after a titled piece that has
        // none is that article's lead, printed apart (`…讯` paragraphs).
        // First item and "holds a dateline" of each piece, in one pass (a
        // search per piece was quadratic on runs cut into many pieces).
        let mut first_of = vec![usize::MAX; np];
        let mut has_dl = vec![false; np];
        for (i, &pc) in pieces.iter().enumerate() {
            first_of[pc] = first_of[pc].min(i);
            has_dl[pc] |= matches!(&items[i], Item::Para(q) if q.dateline.is_some());
        }
        for p in 1..np {
            let first = first_of[p];
            let prev_has_dl = has_dl[p - 1];
            if pmap[p] == usize::MAX && pmap[p - 1] != usize::MAX && !prev_has_dl && matches!(&items[first], Item::Para(q) if q.dateline.is_some()) {
                pmap[p] = pmap[p - 1];
            }
        }
        for i in 0..n {
            assign[i] = pmap[pieces[i]];
        }
        let (first, last) = item_span(&items);
        page_diags.push(Diagnostic::warning(
            "split-fallback",
            format!("body lines {first}-{last}: {} hard breaks for {} headlines; pieces without a headline kept as untitled articles", np - 1, real.len()),
            Some(first),
        ));
    }
    // Build the articles segment by segment.
    let mut i = 0;
    let mut used = vec![false; m];
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
    for (j, o) in owners.iter().enumerate() {
        if let (false, Some(o)) = (used[j], o) {
            let mut a = Article { kind: ArticleKind::Ear, ..Default::default() };
            apply_group(&mut a, &o.0);
            a.source = Some(Span { start: o.0.first, end: o.0.last });
            a.confidence = Some(40);
            a.diagnostics.push(Diagnostic::warning("headline-only", "no body text could be given to this headline", Some(o.0.first)));
            out.push(a);
        }
    }
    out
}

/// First and last input line of some body items, whatever their order
/// (a credit may be emitted before the paragraph it interrupts, a lead put
/// first).
fn item_span(items: &[Item]) -> (u32, u32) {
    let first = items.iter().map(Item::first).min().unwrap_or(0);
    (first, items.iter().map(Item::last).max().unwrap_or(first))
}

fn build_article(items: &[Item], owner: Option<&(Group, bool, f64)>, split_ok: bool) -> Article {
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
    if let Some((g, heads, margin)) = owner {
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
    let _ = is_han;
    a.source = Some(Span { start, end });
    a.confidence = Some(conf.clamp(5, 100) as u8);
    a
}
