//! Scoring parser output against a gold annotation (the shape of
//! `../shared/pages/gold/*.json`, see its `SCHEMA.md`).
//!
//! Gold articles are matched to parsed articles by headline (whitespace
//! removed; exact, else the best character-bigram overlap ≥ 0.5, one to one).
//! Each gold article then gives [`CHECKS`] checks; an unmatched article fails
//! all of them. Text comparisons ignore whitespace, so pdftotext's letter
//! spacing does not matter; bylines also ignore the markers ■●□◆ and the
//! brackets around an after-body or inline byline; subheadlines ignore a
//! leading ——.

use newsconv_core::{Article, BlockKind, Issue};
use serde_json::Value;
use std::collections::BTreeMap;

/// The names of the per-article checks, in report order.
pub const CHECKS: [&str; 11] = [
    "found",
    "headline",
    "subheadline",
    "kicker",
    "column",
    "byline",
    "captions",
    "continuation",
    "paragraphs",
    "first_para",
    "last_para",
];

/// The result of one gold article.
#[derive(Debug, Clone, PartialEq)]
pub struct ArticleScore {
    /// The gold headline.
    pub headline: String,
    /// Id of the matched parsed article, if any.
    pub matched: Option<String>,
    /// One flag per entry of [`CHECKS`].
    pub pass: [bool; 11],
    /// Why checks failed (`check: expected … got …`).
    pub failures: Vec<String>,
}

/// The result of one page.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct PageScore {
    /// Page name (gold `page_id`).
    pub name: String,
    /// Per gold article.
    pub articles: Vec<ArticleScore>,
    /// Parsed articles no gold article matched.
    pub extra_articles: usize,
}

impl PageScore {
    /// Checks passed and checks made.
    pub fn totals(&self) -> (usize, usize) {
        let passed = self
            .articles
            .iter()
            .map(|a| a.pass.iter().filter(|&&p| p).count())
            .sum();
        (passed, self.articles.len() * CHECKS.len())
    }
    /// Passed / made per check name.
    pub fn by_check(&self) -> BTreeMap<&'static str, (usize, usize)> {
        let mut m = BTreeMap::new();
        for (i, name) in CHECKS.iter().enumerate() {
            let p = self.articles.iter().filter(|a| a.pass[i]).count();
            m.insert(*name, (p, self.articles.len()));
        }
        m
    }
}

/// Text with all whitespace removed.
pub fn squash(s: &str) -> String {
    s.chars().filter(|c| !c.is_whitespace()).collect()
}

fn norm_byline(s: &str) -> String {
    let s: String = squash(s)
        .chars()
        .filter(|c| !matches!(c, '■' | '●' | '□' | '◆' | '▲' | '★' | '◎'))
        .collect();
    let t = s
        .trim_start_matches(['（', '('])
        .trim_end_matches(['）', ')']);
    t.to_string()
}

fn norm_sub(s: &str) -> String {
    squash(s).trim_start_matches(['—', '-', '－']).to_string()
}

fn bigrams(s: &str) -> Vec<(char, char)> {
    let c: Vec<char> = squash(s).chars().collect();
    let mut v: Vec<(char, char)> = c.windows(2).map(|w| (w[0], w[1])).collect();
    v.sort();
    v.dedup();
    v
}

/// Similarity of two headlines: 1.0 when equal without whitespace, else the
/// Dice coefficient of their character bigrams.
pub fn headline_similarity(a: &str, b: &str) -> f64 {
    let (x, y) = (squash(a), squash(b));
    if x.is_empty() || y.is_empty() {
        return 0.0;
    }
    if x == y {
        return 1.0;
    }
    let (p, q) = (bigrams(&x), bigrams(&y));
    if p.is_empty() || q.is_empty() {
        return 0.0;
    }
    let common = p.iter().filter(|g| q.binary_search(g).is_ok()).count();
    2.0 * common as f64 / (p.len() + q.len()) as f64
}

fn gold_str<'a>(v: &'a Value, key: &str) -> Option<&'a str> {
    v.get(key)
        .and_then(|x| x.as_str())
        .filter(|s| !s.trim().is_empty())
}

fn opt_eq(gold: Option<&str>, ours: Option<&str>, norm: fn(&str) -> String) -> bool {
    match (
        gold.map(norm).filter(|s| !s.is_empty()),
        ours.map(norm).filter(|s| !s.is_empty()),
    ) {
        (None, None) => true,
        (Some(g), Some(o)) => g == o,
        _ => false,
    }
}

fn first12(s: &str) -> String {
    squash(s).chars().take(12).collect()
}

/// The ways the opening of a paragraph may be written: as parsed, and with
/// the dateline (and an inline byline) that the parser moved out put back.
fn openings(a: &Article, text: &str, first: bool) -> Vec<String> {
    let mut v = vec![first12(text)];
    if first {
        if let Some(d) = a.dateline.as_deref() {
            v.push(first12(&format!("{d}{text}")));
            if let Some(b) = &a.byline {
                v.push(first12(&format!("{d}（{}）{text}", b.text)));
                v.push(first12(&format!("{d}{}{text}", b.text)));
            }
        }
    }
    v
}

fn show(s: Option<&str>) -> String {
    s.map(|s| format!("{s:?}")).unwrap_or_else(|| "null".into())
}

/// Score one gold article against one parsed article.
fn score_article(g: &Value, a: &Article) -> ([bool; 11], Vec<String>) {
    let mut pass = [false; 11];
    let mut fail = Vec::new();
    let mut check = |i: usize, ok: bool, why: String| {
        pass[i] = ok;
        if !ok {
            fail.push(format!("{}: {why}", CHECKS[i]));
        }
    };
    check(0, true, String::new());
    let gh = gold_str(g, "headline");
    check(
        1,
        opt_eq(gh, a.headline.as_deref(), squash),
        format!("expected {} got {}", show(gh), show(a.headline.as_deref())),
    );
    let gs = gold_str(g, "subheadline");
    check(
        2,
        opt_eq(gs, a.subheadline.as_deref(), norm_sub),
        format!(
            "expected {} got {}",
            show(gs),
            show(a.subheadline.as_deref())
        ),
    );
    let gk = gold_str(g, "kicker");
    check(
        3,
        opt_eq(gk, a.kicker.as_deref(), squash),
        format!("expected {} got {}", show(gk), show(a.kicker.as_deref())),
    );
    let gc = gold_str(g, "column_label");
    check(
        4,
        opt_eq(gc, a.column.as_deref(), squash),
        format!("expected {} got {}", show(gc), show(a.column.as_deref())),
    );
    let gb = gold_str(g, "byline");
    let ob = a.byline.as_ref().map(|b| b.text.as_str());
    check(
        5,
        opt_eq(gb, ob, norm_byline),
        format!("expected {} got {}", show(gb), show(ob)),
    );
    let mut gcap: Vec<String> = g
        .get("captions")
        .and_then(|c| c.as_array())
        .map(|c| c.iter().filter_map(|x| x.as_str()).map(squash).collect())
        .unwrap_or_default();
    let mut ocap: Vec<String> = a
        .captions
        .iter()
        .map(|c| squash(&format!("{}{}", c.text, c.credit.as_deref().unwrap_or(""))))
        .collect();
    gcap.sort();
    ocap.sort();
    check(6, gcap == ocap, format!("expected {gcap:?} got {ocap:?}"));
    let gj = gold_str(g, "continuation");
    let oj = a
        .continued_to
        .as_ref()
        .or(a.continued_from.as_ref())
        .and_then(|j| j.label.as_deref());
    check(
        7,
        opt_eq(gj, oj, squash),
        format!("expected {} got {}", show(gj), show(oj)),
    );
    let paras: Vec<&str> = a
        .blocks
        .iter()
        .filter(|b| b.kind == BlockKind::Paragraph)
        .map(|b| b.text.as_str())
        .collect();
    let gn = g.get("n_paragraphs").and_then(|n| n.as_u64()).unwrap_or(0) as usize;
    check(
        8,
        gn == paras.len(),
        format!("expected {gn} got {}", paras.len()),
    );
    for (i, key, idx) in [
        (9, "first_para_start", 0usize),
        (10, "last_para_start", usize::MAX),
    ] {
        let want = gold_str(g, key).map(first12);
        let text = if idx == 0 {
            paras.first()
        } else {
            paras.last()
        };
        let ok = match (&want, text) {
            // The first paragraph (also when it is the only one, and so the last) may open with the dateline.
            (Some(w), Some(t)) => openings(a, t, idx == 0 || paras.len() == 1)
                .iter()
                .any(|o| o == w),
            (None, None) => true,
            _ => false,
        };
        check(
            i,
            ok,
            format!(
                "expected {} got {}",
                show(want.as_deref()),
                show(text.map(|t| first12(t)).as_deref())
            ),
        );
    }
    (pass, fail)
}

/// Score the articles of `issue` (all its pages) against one gold page.
pub fn score_page(issue: &Issue, gold: &Value) -> PageScore {
    let ours: Vec<&Article> = issue.articles().map(|(_, a)| a).collect();
    let golds: Vec<&Value> = gold
        .get("articles")
        .and_then(|a| a.as_array())
        .map(|a| a.iter().collect())
        .unwrap_or_default();
    // Candidate pairs by similarity, best first; ties by position (deterministic).
    let mut pairs = Vec::new();
    for (gi, g) in golds.iter().enumerate() {
        let gh = gold_str(g, "headline").unwrap_or("");
        for (oi, a) in ours.iter().enumerate() {
            let s = headline_similarity(gh, a.headline.as_deref().unwrap_or(""));
            if s >= 0.5 {
                pairs.push((s, gi, oi));
            }
        }
    }
    pairs.sort_by(|x, y| {
        y.0.partial_cmp(&x.0)
            .unwrap_or(std::cmp::Ordering::Equal)
            .then(x.1.cmp(&y.1))
            .then(x.2.cmp(&y.2))
    });
    let mut g_to_o: Vec<Option<usize>> = vec![None; golds.len()];
    let mut used = vec![false; ours.len()];
    for (_, gi, oi) in pairs {
        if g_to_o[gi].is_none() && !used[oi] {
            g_to_o[gi] = Some(oi);
            used[oi] = true;
        }
    }
    let articles = golds
        .iter()
        .zip(&g_to_o)
        .map(|(g, m)| {
            let headline = gold_str(g, "headline").unwrap_or("").to_string();
            match m {
                Some(oi) => {
                    let (pass, failures) = score_article(g, ours[*oi]);
                    ArticleScore {
                        headline,
                        matched: Some(ours[*oi].id.clone()),
                        pass,
                        failures,
                    }
                }
                None => ArticleScore {
                    headline,
                    matched: None,
                    pass: [false; 11],
                    failures: vec!["found: no parsed article with this headline".into()],
                },
            }
        })
        .collect();
    let name = gold_str(gold, "page_id").unwrap_or("").to_string();
    PageScore {
        name,
        articles,
        extra_articles: used.iter().filter(|u| !**u).count(),
    }
}

/// A plain-text report of several pages: one line per page, then the totals
/// per check and overall. With `verbose`, every failed check is listed.
pub fn report(pages: &[PageScore], verbose: bool) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let (mut tp, mut tt, mut found, mut arts, mut extra) = (0, 0, 0, 0, 0);
    for p in pages {
        let (ps, pt) = p.totals();
        let f = p.articles.iter().filter(|a| a.matched.is_some()).count();
        let _ = writeln!(
            s,
            "{:<22} articles {:>2}/{:<2} (+{} extra)  checks {:>3}/{:<3} {:>5.1}%",
            p.name,
            f,
            p.articles.len(),
            p.extra_articles,
            ps,
            pt,
            pct(ps, pt)
        );
        if verbose {
            for a in &p.articles {
                for why in &a.failures {
                    let _ = writeln!(
                        s,
                        "    [{}] {}  {}",
                        a.matched.as_deref().unwrap_or("-"),
                        a.headline,
                        why
                    );
                }
            }
        }
        tp += ps;
        tt += pt;
        found += f;
        arts += p.articles.len();
        extra += p.extra_articles;
    }
    let _ = writeln!(s, "per check:");
    for (i, name) in CHECKS.iter().enumerate() {
        let p: usize = pages
            .iter()
            .map(|pg| pg.articles.iter().filter(|a| a.pass[i]).count())
            .sum();
        let _ = writeln!(
            s,
            "  {:<13} {:>3}/{:<3} {:>5.1}%",
            name,
            p,
            arts,
            pct(p, arts)
        );
    }
    let _ = writeln!(
        s,
        "TOTAL articles {found}/{arts} (+{extra} extra)  checks {tp}/{tt} {:.1}%",
        pct(tp, tt)
    );
    s
}

/// `part / whole` in percent (0 when `whole` is 0).
pub fn pct(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// Parse every `NAME.<ext>` of `pages_dir` that has a `gold/NAME.json` and
/// score it. Errors name the file.
pub fn score_folder(pages_dir: &std::path::Path, ext: &str) -> Result<Vec<PageScore>, String> {
    let gold_dir = pages_dir.join("gold");
    let mut names: Vec<String> = std::fs::read_dir(&gold_dir)
        .map_err(|e| format!("{}: {e}", gold_dir.display()))?
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .filter_map(|p| p.file_stem().map(|s| s.to_string_lossy().into_owned()))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for n in names {
        let input = pages_dir.join(format!("{n}.{ext}"));
        if !input.exists() {
            continue;
        }
        out.push(score_file(&input, &gold_dir.join(format!("{n}.json")))?);
    }
    Ok(out)
}

/// Load `input` (text, PDF when supported, or our JSON) and score it against `gold`.
pub fn score_file(input: &std::path::Path, gold: &std::path::Path) -> Result<PageScore, String> {
    let issue = newsconv::front::load(input, &newsconv::front::Limits::default())
        .map_err(|e| e.to_string())?;
    let g: Value = serde_json::from_str(
        &std::fs::read_to_string(gold).map_err(|e| format!("{}: {e}", gold.display()))?,
    )
    .map_err(|e| format!("{}: {e}", gold.display()))?;
    let mut s = score_page(&issue, &g);
    if s.name.is_empty() {
        s.name = gold
            .file_stem()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
    }
    Ok(s)
}
