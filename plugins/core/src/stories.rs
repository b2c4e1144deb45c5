//! Stories: an article printed in parts across pages (`（下转四版）` …
//! `（上接第一版）`) is one story. The links are resolved here, once, so
//! every exporter reads a jumping article the same way.

use crate::model::{Article, Issue, Page};
use std::collections::HashMap;

/// Where one part of a story is printed.
#[derive(Debug, Clone, Copy)]
pub struct Part<'a> {
    /// Index of the page in [`Issue::pages`].
    pub page_index: usize,
    /// Index of the article in that page's `articles`.
    pub index: usize,
    /// The page.
    pub page: &'a Page,
    /// The article part.
    pub article: &'a Article,
}

/// One story: its parts in reading order, the first printed first.
#[derive(Debug, Clone)]
pub struct Story<'a> {
    /// The parts; never empty.
    pub parts: Vec<Part<'a>>,
}

impl<'a> Story<'a> {
    /// The part printed first (it carries the headline).
    pub fn head(&self) -> &Part<'a> {
        &self.parts[0]
    }
    /// True when the story is printed in more than one part.
    pub fn jumps(&self) -> bool {
        self.parts.len() > 1
    }
}

impl Issue {
    /// Every article grouped into stories, in reading order of their first
    /// parts. A part joins the story of the article before it that names it
    /// (by that article's `continued_to.article`, or by its own
    /// `continued_from.article`); a link that does not resolve, points at
    /// the article itself or points backwards is ignored, and each part has
    /// at most one part after it (the first link found wins), so every
    /// article is in exactly one story.
    pub fn stories(&self) -> Vec<Story<'_>> {
        let positions: Vec<(usize, usize)> = self
            .pages
            .iter()
            .enumerate()
            .flat_map(|(p, page)| (0..page.articles.len()).map(move |a| (p, a)))
            .collect();
        let mut by_id: HashMap<&str, (usize, usize)> = HashMap::new();
        for &(p, a) in &positions {
            let id = self.pages[p].articles[a].id.as_str();
            if !id.is_empty() {
                by_id.entry(id).or_insert((p, a));
            }
        }
        let linked = |j: Option<&crate::model::Jump>| {
            j.and_then(|j| j.article.as_deref())
                .and_then(|id| by_id.get(id))
                .copied()
        };
        let mut next: HashMap<(usize, usize), (usize, usize)> = HashMap::new();
        let mut has_prev: HashMap<(usize, usize), ()> = HashMap::new();
        for &me in &positions {
            let a = &self.pages[me.0].articles[me.1];
            if let Some(t) = linked(a.continued_to.as_ref()).filter(|&t| t > me) {
                if !next.contains_key(&me) && !has_prev.contains_key(&t) {
                    next.insert(me, t);
                    has_prev.insert(t, ());
                }
            }
            if let Some(s) = linked(a.continued_from.as_ref()).filter(|&s| s < me) {
                if !next.contains_key(&s) && !has_prev.contains_key(&me) {
                    next.insert(s, me);
                    has_prev.insert(me, ());
                }
            }
        }
        let part = |(p, a): (usize, usize)| Part {
            page_index: p,
            index: a,
            page: &self.pages[p],
            article: &self.pages[p].articles[a],
        };
        positions
            .iter()
            .filter(|k| !has_prev.contains_key(k))
            .map(|&head| {
                let mut parts = vec![part(head)];
                let mut cur = head;
                while let Some(&n) = next.get(&cur) {
                    parts.push(part(n));
                    cur = n;
                }
                Story { parts }
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use crate::model::{Article, Issue, Jump, Page};

    fn art(id: &str, to: Option<&str>, from: Option<&str>) -> Article {
        let jump = |t: Option<&str>| {
            t.map(|t| Jump {
                article: Some(t.into()),
                ..Default::default()
            })
        };
        Article {
            id: id.into(),
            continued_to: jump(to),
            continued_from: jump(from),
            ..Default::default()
        }
    }

    fn issue(pages: Vec<Vec<Article>>) -> Issue {
        let mut i = Issue::new();
        i.pages = pages
            .into_iter()
            .enumerate()
            .map(|(n, articles)| Page {
                number: n as u32 + 1,
                articles,
                ..Default::default()
            })
            .collect();
        i
    }

    fn ids(i: &Issue) -> Vec<Vec<String>> {
        i.stories()
            .iter()
            .map(|s| s.parts.iter().map(|p| p.article.id.clone()).collect())
            .collect()
    }

    #[test]
    fn a_jump_joins_the_parts_either_way_it_is_linked() {
        let i = issue(vec![
            vec![art("a", Some("c"), None), art("b", None, None)],
            vec![art("c", None, None)],
        ]);
        assert_eq!(ids(&i), vec![vec!["a", "c"], vec!["b"]]);
        let i = issue(vec![
            vec![art("a", None, None), art("b", None, None)],
            vec![art("c", None, Some("b"))],
        ]);
        assert_eq!(ids(&i), vec![vec!["a"], vec!["b", "c"]]);
    }

    #[test]
    fn broken_backward_and_self_links_are_ignored() {
        let i = issue(vec![
            vec![art("a", Some("zz"), None), art("b", Some("b"), None)],
            vec![art("c", Some("a"), None)],
        ]);
        assert_eq!(ids(&i), vec![vec!["a"], vec!["b"], vec!["c"]]);
    }

    #[test]
    fn chains_of_three_and_two_claims_on_one_part() {
        let i = issue(vec![
            vec![art("a", Some("b2"), None), art("x", Some("b2"), None)],
            vec![art("b2", Some("c3"), None)],
            vec![art("c3", None, None)],
        ]);
        assert_eq!(ids(&i), vec![vec!["a", "b2", "c3"], vec!["x"]]);
    }
}
