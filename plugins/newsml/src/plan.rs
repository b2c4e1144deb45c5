//! What goes where before anything is written: which article parts make
//! one news item (an article that jumps pages is one item), the guids,
//! page titles, and the checked date and language.

use newsconv_core::{Issue, Page};

/// One news item: the parts of one article as (page index, article index),
/// in reading order (the part printed first comes first).
#[derive(Debug, Clone, PartialEq)]
pub struct Item {
    /// The parts.
    pub parts: Vec<(usize, usize)>,
    /// The item's guid.
    pub guid: String,
}

/// Group the issue's articles into items by following `continued_to`
/// links (`continued_to.article` naming another article's id). An article
/// some other article continues into is not the start of an item; cycles
/// and broken links end a chain.
pub fn items(issue: &Issue, prefix: &str) -> Vec<Item> {
    let all: Vec<(usize, usize)> =
        issue.pages.iter().enumerate().flat_map(|(p, page)| (0..page.articles.len()).map(move |a| (p, a))).collect();
    let art = |(p, a): (usize, usize)| &issue.pages[p].articles[a];
    let by_id = |id: &str| all.iter().copied().find(|&k| !id.is_empty() && art(k).id == id);
    // The part each part continues into, when the link resolves.
    let next = |k: (usize, usize)| -> Option<(usize, usize)> {
        let target = art(k).continued_to.as_ref()?.article.as_deref()?;
        by_id(target).filter(|&t| t != k)
    };
    let mut claimed = std::collections::BTreeSet::new();
    for &k in &all {
        if let Some(t) = next(k) {
            claimed.insert(t);
        }
    }
    let mut used = std::collections::BTreeSet::new();
    let mut chains: Vec<Vec<(usize, usize)>> = Vec::new();
    // Chains from unclaimed heads first, then whatever a cycle left over.
    for pass in 0..2 {
        for &k in &all {
            if used.contains(&k) || (pass == 0 && claimed.contains(&k)) {
                continue;
            }
            let mut chain = vec![k];
            used.insert(k);
            let mut cur = k;
            while let Some(t) = next(cur) {
                if used.contains(&t) {
                    break;
                }
                used.insert(t);
                chain.push(t);
                cur = t;
            }
            chains.push(chain);
        }
    }
    chains.sort_by_key(|c| c[0]);
    let mut seen = std::collections::BTreeSet::new();
    chains
        .into_iter()
        .map(|parts| {
            let (p, a) = parts[0];
            let guid = unique(&mut seen, format!("{prefix}p{}-a{}", issue.pages[p].number, a + 1));
            Item { parts, guid }
        })
        .collect()
}

/// `s`, or `s-2`, `s-3`… when already taken.
pub fn unique(seen: &mut std::collections::BTreeSet<String>, s: String) -> String {
    let mut cand = s.clone();
    let mut n = 2;
    while seen.contains(&cand) {
        cand = format!("{s}-{n}");
        n += 1;
    }
    seen.insert(cand.clone());
    cand
}

/// The guid prefix: the option, or `urn:newsml:<publisher>:<date>:` (with
/// the edition when known), following IPTC's `urn:newsml` pattern.
pub fn guid_prefix(issue: &Issue, option: Option<&str>) -> String {
    if let Some(p) = option {
        return p.to_string();
    }
    let provider = issue
        .publisher
        .as_deref()
        .or(issue.title.as_deref())
        .map(slug)
        .filter(|s| !s.is_empty())
        .unwrap_or_else(|| "unknown".into());
    let date = issue.date.map(|d| d.compact()).unwrap_or_else(|| "undated".into());
    let edition = issue.edition.as_deref().map(slug).filter(|s| !s.is_empty()).map(|e| format!("{e}.")).unwrap_or_default();
    format!("urn:newsml:{provider}:{date}:{edition}")
}

/// Letters and digits kept (CJK included), `.`, `-`, `_` kept, anything
/// else percent-encoded as UTF-8.
fn slug(s: &str) -> String {
    let mut out = String::new();
    for c in s.trim().chars() {
        if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
            out.push(c);
        } else {
            let mut b = [0u8; 4];
            for byte in c.encode_utf8(&mut b).bytes() {
                out.push_str(&format!("%{byte:02X}"));
            }
        }
    }
    out
}

/// True when `s` is an `xs:language` value (and so usable in `xml:lang`).
pub fn valid_lang(s: &str) -> bool {
    let mut parts = s.split('-');
    let first = parts.next().unwrap_or("");
    (1..=8).contains(&first.len())
        && first.bytes().all(|c| c.is_ascii_alphabetic())
        && parts.all(|p| (1..=8).contains(&p.len()) && p.bytes().all(|c| c.is_ascii_alphanumeric()))
}

/// A page's title as printed in the package: `第7版 理论`, `A07版 要闻`.
pub fn page_title(page: &Page) -> String {
    let mut t = match page.label.as_deref().map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) if l.ends_with('版') => l.to_string(),
        Some(l) if l.chars().all(|c| c.is_ascii_digit()) => format!("第{l}版"),
        Some(l) => format!("{l}版"),
        None => format!("第{}版", page.number),
    };
    if let Some(s) = page.section.as_deref().map(str::trim).filter(|s| !s.is_empty()) {
        t.push(' ');
        t.push_str(s);
    }
    t
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsconv_core::{Article, Jump};

    fn art(id: &str, to: Option<&str>) -> Article {
        Article {
            id: id.into(),
            continued_to: to.map(|t| Jump { article: Some(t.into()), ..Default::default() }),
            ..Default::default()
        }
    }

    #[test]
    fn chains_follow_links_and_survive_cycles() {
        let mut issue = Issue::new();
        issue.pages.push(Page { number: 1, articles: vec![art("a", Some("c")), art("b", None)], ..Default::default() });
        issue.pages.push(Page { number: 4, articles: vec![art("c", None), art("x", Some("y")), art("y", Some("x"))], ..Default::default() });
        let it = items(&issue, "g:");
        let parts: Vec<_> = it.iter().map(|i| i.parts.clone()).collect();
        assert_eq!(parts, vec![vec![(0, 0), (1, 0)], vec![(0, 1)], vec![(1, 1), (1, 2)]]);
        assert_eq!(it[0].guid, "g:p1-a1");
        assert_eq!(it[2].guid, "g:p4-a2");
    }

    #[test]
    fn duplicate_guids_get_suffixes() {
        let mut issue = Issue::new();
        for _ in 0..2 {
            issue.pages.push(Page { number: 1, articles: vec![art("", None)], ..Default::default() });
        }
        let g: Vec<_> = items(&issue, "").into_iter().map(|i| i.guid).collect();
        assert_eq!(g, vec!["p1-a1", "p1-a1-2"]);
    }

    #[test]
    fn languages_are_checked() {
        assert!(valid_lang("zh-CN") && valid_lang("zh-Hans-CN") && !valid_lang("zh CN") && !valid_lang("") && !valid_lang("中文"));
    }

    #[test]
    fn default_prefix_names_publisher_and_date() {
        let mut issue = Issue::new();
        assert_eq!(guid_prefix(&issue, None), "urn:newsml:unknown:undated:");
        issue.publisher = Some("人民日报社".into());
        issue.date = "2018-01-02".parse().ok();
        issue.edition = Some("A 1".into());
        assert_eq!(guid_prefix(&issue, None), "urn:newsml:人民日报社:20180102:A%201.");
        assert_eq!(guid_prefix(&issue, Some("x:")), "x:");
    }
}
