//! "No text lost": every non-whitespace character of the input must end up
//! in exactly one place of the model — an article field, a caption, page
//! furniture or the page's `unassigned` list — and every paragraph must read
//! in input order. The only characters the parser may drop are the
//! decorations it strips on purpose: byline markers (●■□…), the brackets
//! around a byline, the dash opening a subheadline, and hyphens of words
//! rejoined across lines; at most a few per article.

use newsconv_core::Issue;
use std::collections::BTreeMap;

/// A decoration the parser strips on purpose: byline markers, the brackets
/// around a byline, the dash opening a subheadline, hyphens of words
/// rejoined across lines (and box-drawing rules on the PDF path).
pub fn droppable(c: char) -> bool {
    newsconv::parse::markers::is_byline_marker(c)
        || matches!(c, '（' | '）' | '(' | ')' | '—' | '-' | '―' | '─')
}

/// Every piece of text the model holds, in model order.
pub fn model_texts(issue: &Issue) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    for p in &issue.pages {
        v.extend(p.furniture.iter().map(|f| f.text.as_str()));
        v.extend(p.unassigned.iter().map(|u| u.text.as_str()));
        for a in &p.articles {
            // A column label carried over a run of briefs is printed once
            // (the brief says so with a `label-carried` note); one read by
            // OCR from a picture is not the page's text layer (`label-ocr`).
            let carried = a.diagnostics.iter().any(|d| d.code == "label-carried" || d.code == "label-ocr");
            for s in [
                &a.kicker,
                if carried { &None } else { &a.column },
                &a.headline,
                &a.subheadline,
                &a.dateline,
            ]
            .into_iter()
            .flatten()
            {
                v.push(s);
            }
            if let Some(b) = &a.byline {
                v.push(&b.text);
            }
            v.extend(a.blocks.iter().map(|b| b.text.as_str()));
            for c in &a.captions {
                v.push(&c.text);
                if let Some(cr) = &c.credit {
                    v.push(cr);
                }
            }
            for j in [&a.continued_to, &a.continued_from].into_iter().flatten() {
                if let Some(l) = &j.label {
                    v.push(l);
                }
            }
        }
    }
    v
}

/// Check that `issue` (parsed from `input`) holds every non-whitespace
/// character of the input once, and each paragraph in input order.
/// Returns a readable explanation of the first problems found.
pub fn check(input: &str, issue: &Issue) -> Result<(), String> {
    let mut count: BTreeMap<char, i64> = BTreeMap::new();
    for c in input.chars().filter(|c| !c.is_whitespace()) {
        *count.entry(c).or_insert(0) += 1;
    }
    for t in model_texts(issue) {
        for c in t.chars().filter(|c| !c.is_whitespace()) {
            *count.entry(c).or_insert(0) -= 1;
        }
    }
    let mut problems = Vec::new();
    let mut dropped = 0i64;
    for (c, n) in &count {
        if *n < 0 {
            problems.push(format!(
                "{c:?} appears {} more time(s) in the model than in the input",
                -n
            ));
        } else if *n > 0 {
            if droppable(*c) {
                dropped += n;
            } else {
                problems.push(format!("{c:?} lost {n} time(s)"));
            }
        }
    }
    let articles = issue.articles().count() as i64;
    if dropped > 6 * articles + 2 {
        problems.push(format!(
            "{dropped} decoration characters dropped for {articles} articles"
        ));
    }
    let flat: Vec<char> = input.chars().filter(|c| !c.is_whitespace()).collect();
    for (p, a) in issue.articles() {
        for b in &a.blocks {
            let mut it = flat.iter();
            let para: Vec<char> = b.text.chars().filter(|c| !c.is_whitespace()).collect();
            if !para.iter().all(|c| it.any(|x| x == c)) {
                problems.push(format!(
                    "page {} {}: paragraph out of input order: {}",
                    p.number,
                    a.id,
                    b.text.chars().take(30).collect::<String>()
                ));
            }
        }
    }
    if problems.is_empty() {
        Ok(())
    } else {
        let n = problems.len();
        problems.truncate(12);
        Err(format!("{n} problems: {}", problems.join("; ")))
    }
}

/// Every piece of text the model holds, one piece a line.
pub fn model_text(issue: &Issue) -> String {
    model_texts(issue).join("\n")
}

/// How many times each non-whitespace character occurs.
pub fn char_counts(s: &str) -> BTreeMap<char, usize> {
    let mut m = BTreeMap::new();
    for c in s.chars().filter(|c| !c.is_whitespace()) {
        *m.entry(c).or_insert(0) += 1;
    }
    m
}

/// The characters an input and its model disagree on.
#[derive(Debug, Default)]
pub struct Diff {
    /// In the input more often than in the model, with how many times more.
    pub lost: Vec<(char, usize)>,
    /// In the model more often than in the input.
    pub added: Vec<(char, usize)>,
}

impl Diff {
    /// Compare the non-whitespace characters of `input` with the model's.
    pub fn of(input: &str, issue: &Issue) -> Diff {
        let (a, b) = (char_counts(input), char_counts(&model_text(issue)));
        let more = |x: &BTreeMap<char, usize>, y: &BTreeMap<char, usize>| -> Vec<(char, usize)> {
            x.iter()
                .filter_map(|(c, n)| {
                    n.checked_sub(y.get(c).copied().unwrap_or(0))
                        .filter(|d| *d > 0)
                        .map(|d| (*c, d))
                })
                .collect()
        };
        Diff {
            lost: more(&a, &b),
            added: more(&b, &a),
        }
    }

    /// Nothing added and only decorations lost.
    pub fn is_clean(&self) -> bool {
        self.added.is_empty() && self.lost.iter().all(|(c, _)| droppable(*c))
    }

    /// Decoration characters stripped.
    pub fn stripped(&self) -> usize {
        self.lost
            .iter()
            .filter(|(c, _)| droppable(*c))
            .map(|(_, n)| n)
            .sum()
    }
}

impl std::fmt::Display for Diff {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        let list = |v: &[(char, usize)]| {
            v.iter()
                .take(20)
                .map(|(c, n)| format!("{c:?}x{n}"))
                .collect::<Vec<_>>()
                .join(" ")
        };
        write!(
            f,
            "lost: [{}] added: [{}]",
            list(&self.lost),
            list(&self.added)
        )
    }
}

/// Text conservation as the fuzz targets check it: `None` when the input's
/// non-whitespace characters are exactly the model's save decorations
/// stripped on purpose, else what differs.
pub fn conservation_diff(input: &str, issue: &Issue) -> Option<String> {
    let d = Diff::of(input, issue);
    (!d.is_clean()).then(|| d.to_string())
}

/// Panic (naming `what`) unless the text is conserved: nothing added,
/// nothing lost but decorations.
pub fn assert_conserved(input: &str, issue: &Issue, what: &str) {
    if let Some(d) = conservation_diff(input, issue) {
        panic!("{what}: text not conserved; {d}");
    }
}

/// [`assert_conserved`], and at most a few decorations stripped per article
/// (three, and three more per issue).
pub fn assert_conserved_bounded(input: &str, issue: &Issue, what: &str) {
    let d = Diff::of(input, issue);
    let articles = issue.articles().count();
    assert!(
        d.is_clean() && d.stripped() <= 3 * articles + 3,
        "{what}: text not conserved: {d}"
    );
}
