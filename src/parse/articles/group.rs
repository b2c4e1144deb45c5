//! Headline groups: the display lines of one story, and which of them is
//! the headline, the kicker, the column label and the subheadline.

use crate::parse::markers::{self, BylineShape};
use newsconv_core::{Article, Byline, BylinePosition, Caption};

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

pub(super) fn title_text(parts: &[(String, u32)], spaced: bool) -> String {
    let v: Vec<&str> = parts.iter().map(|p| p.0.as_str()).collect();
    crate::parse::lines::join_title(&v, spaced)
}

pub(super) fn looks_like_column(t: &str) -> bool {
    let n = t.chars().filter(|c| !c.is_whitespace()).count();
    n <= 6
        || t.contains('·')
        || t.contains('◇')
        || t.contains('【')
        || t.contains('|')
        || t.contains('｜')
}

/// A label wholly in label brackets (`【民营经济一线观察】`, as a print
/// sets a column label) without them; any other text as it is.
fn unbracket(t: String) -> String {
    let s = t.trim();
    for (o, c) in [('【', '】'), ('〖', '〗')] {
        if let Some(inner) = s.strip_prefix(o).and_then(|r| r.strip_suffix(c)) {
            if !inner.contains([o, c]) && !inner.trim().is_empty() {
                return inner.trim().to_string();
            }
        }
    }
    t
}

/// Strip a byline's marker (●■□) and surrounding space.
pub fn byline_text(raw: &str) -> String {
    let t = raw
        .trim()
        .trim_start_matches(markers::is_byline_marker)
        .trim();
    let t = if (t.starts_with('（') && t.ends_with('）'))
        || (t.starts_with('(') && t.ends_with(')'))
    {
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
                h.byline = Some(
                    self.bylines
                        .iter()
                        .map(|b| byline_text(&b.0))
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            if !self.subs.is_empty() {
                h.sub = Some(
                    self.subs
                        .iter()
                        .map(|s| s.0.trim_start_matches(['—', '-', '―']).trim())
                        .collect::<Vec<_>>()
                        .join(" "),
                );
            }
            return h;
        }
        // The headline: the last title before the first subheadline or
        // byline; else the last title.
        let first_mark = self
            .subs
            .iter()
            .map(|s| s.1)
            .chain(self.bylines.iter().map(|b| b.1))
            .min();
        let hi = match first_mark {
            Some(m) => self.titles.iter().rposition(|t| t.0[0].1 < m).unwrap_or(0),
            None => self
                .titles
                .iter()
                .rposition(|t| !t.1)
                .unwrap_or(self.titles.len() - 1),
        };
        h.headline = Some(title_text(&self.titles[hi].0, true));
        let mut before: Vec<String> = self.titles[..hi]
            .iter()
            .map(|t| title_text(&t.0, false))
            .collect();
        let after: Vec<String> = self.titles[hi + 1..]
            .iter()
            .map(|t| title_text(&t.0, false))
            .collect();
        if let Some(last) = before.pop().map(unbracket) {
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
            h.sub = Some(
                self.subs
                    .iter()
                    .map(|s| s.0.trim_start_matches(['—', '-', '―']).trim())
                    .collect::<Vec<_>>()
                    .join(" "),
            );
        }
        h.byline = if self.bylines.is_empty() {
            None
        } else {
            Some(
                self.bylines
                    .iter()
                    .map(|b| byline_text(&b.0))
                    .collect::<Vec<_>>()
                    .join(" "),
            )
        };
        h
    }

    pub(super) fn all_text(&self) -> String {
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

pub(super) fn apply_group(a: &mut Article, g: &Group) {
    let h = g.heads();
    a.headline = h.headline;
    a.kicker = h.kicker;
    a.column = h.column;
    a.subheadline = h.sub;
    if let Some(b) = h.byline {
        a.byline = Some(Byline {
            people: markers::people(&b),
            text: b,
            position: Some(BylinePosition::BeforeBody),
        });
    }
    a.captions.extend(g.captions.iter().map(|c| c.0.clone()));
}
