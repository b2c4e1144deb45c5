//! "No text lost": every non-whitespace character of the input must end up
//! in exactly one place of the model — an article field, a caption, page
//! furniture or the page's `unassigned` list — and every paragraph must read
//! in input order. The only characters the parser may drop are the
//! decorations it strips on purpose: byline markers (●■□…), the brackets
//! around a byline, the dash opening a subheadline, and hyphens of words
//! rejoined across lines; at most a few per article.

use newsconv_core::Issue;
use std::collections::BTreeMap;

fn droppable(c: char) -> bool {
    super::markers::is_byline_marker(c) || matches!(c, '（' | '）' | '(' | ')' | '—' | '-' | '―')
}

/// Every piece of text the model holds, in model order.
pub fn model_texts(issue: &Issue) -> Vec<&str> {
    let mut v: Vec<&str> = Vec::new();
    for p in &issue.pages {
        v.extend(p.furniture.iter().map(|f| f.text.as_str()));
        v.extend(p.unassigned.iter().map(|u| u.text.as_str()));
        for a in &p.articles {
            for s in [&a.kicker, &a.column, &a.headline, &a.subheadline, &a.dateline].into_iter().flatten() {
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
            problems.push(format!("{c:?} appears {} more time(s) in the model than in the input", -n));
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
        problems.push(format!("{dropped} decoration characters dropped for {articles} articles"));
    }
    let flat: Vec<char> = input.chars().filter(|c| !c.is_whitespace()).collect();
    for (p, a) in issue.articles() {
        for b in &a.blocks {
            let mut it = flat.iter();
            let para: Vec<char> = b.text.chars().filter(|c| !c.is_whitespace()).collect();
            if !para.iter().all(|c| it.any(|x| x == c)) {
                problems.push(format!("page {} {}: paragraph out of input order: {}", p.number, a.id, b.text.chars().take(30).collect::<String>()));
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
