//! What goes where before anything is written: the news items (one per
//! story of the model: an article that jumps pages is one item), the guids,
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

/// One item per story ([`Issue::stories`]: parts joined by their jump
/// links, in reading order of their first parts), each with its guid.
pub fn items(issue: &Issue, prefix: &str) -> Vec<Item> {
    let mut seen = std::collections::BTreeSet::new();
    issue
        .stories()
        .into_iter()
        .map(|story| {
            let head = story.head();
            let guid = unique(
                &mut seen,
                format!("{prefix}p{}-a{}", head.page.number, head.index + 1),
            );
            Item {
                parts: story
                    .parts
                    .iter()
                    .map(|p| (p.page_index, p.index))
                    .collect(),
                guid,
            }
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
    let date = issue
        .date
        .map(|d| d.compact())
        .unwrap_or_else(|| "undated".into());
    let edition = issue
        .edition
        .as_deref()
        .map(slug)
        .filter(|s| !s.is_empty())
        .map(|e| format!("{e}."))
        .unwrap_or_default();
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
    let mut t = match page
        .label
        .as_deref()
        .map(str::trim)
        .filter(|l| !l.is_empty())
    {
        Some(l) if l.ends_with('版') => l.to_string(),
        Some(l) if l.chars().all(|c| c.is_ascii_digit()) => format!("第{l}版"),
        Some(l) => format!("{l}版"),
        None => format!("第{}版", page.number),
    };
    if let Some(s) = page
        .section
        .as_deref()
        .map(str::trim)
        .filter(|s| !s.is_empty())
    {
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
            continued_to: to.map(|t| Jump {
                article: Some(t.into()),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn items_are_the_stories_and_loops_cannot_form() {
        let mut issue = Issue::new();
        issue.pages.push(Page {
            number: 1,
            articles: vec![art("a", Some("c")), art("b", None)],
            ..Default::default()
        });
        // x and y name each other: only the forward link (x → y) joins them,
        // so a loop of links still gives one item, read once.
        issue.pages.push(Page {
            number: 4,
            articles: vec![art("c", None), art("x", Some("y")), art("y", Some("x"))],
            ..Default::default()
        });
        let it = items(&issue, "g:");
        let parts: Vec<_> = it.iter().map(|i| i.parts.clone()).collect();
        assert_eq!(
            parts,
            vec![vec![(0, 0), (1, 0)], vec![(0, 1)], vec![(1, 1), (1, 2)]]
        );
        assert_eq!(it[0].guid, "g:p1-a1");
        assert_eq!(it[2].guid, "g:p4-a2");
        // A link back to an earlier part starts no item of its own: c → a is ignored.
        issue.pages[1].articles[0] = art("c", Some("a"));
        let again: Vec<_> = items(&issue, "g:").into_iter().map(|i| i.parts).collect();
        assert_eq!(again, parts);
    }

    #[test]
    fn duplicate_guids_get_suffixes() {
        let mut issue = Issue::new();
        for _ in 0..2 {
            issue.pages.push(Page {
                number: 1,
                articles: vec![art("", None)],
                ..Default::default()
            });
        }
        let g: Vec<_> = items(&issue, "").into_iter().map(|i| i.guid).collect();
        assert_eq!(g, vec!["p1-a1", "p1-a1-2"]);
    }

    #[test]
    fn languages_are_checked() {
        assert!(
            valid_lang("zh-CN")
                && valid_lang("zh-Hans-CN")
                && !valid_lang("zh CN")
                && !valid_lang("")
                && !valid_lang("中文")
        );
    }

    #[test]
    fn default_prefix_names_publisher_and_date() {
        let mut issue = Issue::new();
        assert_eq!(guid_prefix(&issue, None), "urn:newsml:unknown:undated:");
        issue.publisher = Some("人民日报社".into());
        issue.date = "2018-01-02".parse().ok();
        issue.edition = Some("A 1".into());
        assert_eq!(
            guid_prefix(&issue, None),
            "urn:newsml:人民日报社:20180102:A%201."
        );
        assert_eq!(guid_prefix(&issue, Some("x:")), "x:");
    }
}
