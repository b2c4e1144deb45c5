//! The page's text layer as the front end read it: each line with its box,
//! type size and font, for outputs that say where text stands on the page
//! (ALTO for libraries) and for people checking what the parser read.
//! Only front ends that know positions (the page PDFs) fill it.

use crate::geom::Rect;
use crate::model::Page;
use serde::{Deserialize, Serialize};

/// The text layer of one page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct PageLayout {
    /// Page width in points.
    pub width: f32,
    /// Page height in points.
    pub height: f32,
    /// The lines in reading order.
    pub lines: Vec<LayoutLine>,
}

/// One line of the text layer.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct LayoutLine {
    /// Its input line number (the numbers diagnostics and spans use).
    pub line: u32,
    /// Its box in points, from the page's top left.
    pub rect: Rect,
    /// Dominant type size in points.
    pub size: f32,
    /// Dominant font (PostScript name without subset prefix).
    pub font: String,
    /// The text as read.
    pub text: String,
}

/// What a piece of a page is, for outputs that tag text by role.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Role {
    /// 引题.
    Kicker,
    /// 栏目.
    Column,
    /// The headline.
    Headline,
    /// 副题.
    Subheadline,
    /// The byline.
    Byline,
    /// The dateline.
    Dateline,
    /// A body paragraph.
    Paragraph,
    /// An in-body section heading.
    Heading,
    /// Bracketed end matter.
    Note,
    /// A photo caption.
    Caption,
    /// Page furniture.
    Furniture,
    /// Text placed in no article.
    Unassigned,
}

impl Role {
    /// A short lowercase name (`headline` …).
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Kicker => "kicker",
            Role::Column => "column",
            Role::Headline => "headline",
            Role::Subheadline => "subheadline",
            Role::Byline => "byline",
            Role::Dateline => "dateline",
            Role::Paragraph => "paragraph",
            Role::Heading => "heading",
            Role::Note => "note",
            Role::Caption => "caption",
            Role::Furniture => "furniture",
            Role::Unassigned => "unassigned",
        }
    }
}

/// One element of a page: a role, the article it belongs to (index into
/// `page.articles`, `None` for furniture and unplaced text), its text, and
/// the layout lines that print it (indices into `page.layout.lines`; empty
/// without a layout or when no line could be matched).
#[derive(Debug, Clone, PartialEq)]
pub struct Element {
    /// What it is.
    pub role: Role,
    /// The article, if any.
    pub article: Option<usize>,
    /// Its text.
    pub text: String,
    /// Its lines in the layout.
    pub lines: Vec<usize>,
}

/// The rest of a line after element `k` (its tail, maybe after a byline
/// that is an element of its own): the next element of the same article
/// that goes on with it reads on past it.
fn read_past(texts: &[String], rest: &mut [usize], els: &[Element], k: usize, tail: &str) {
    for j in (k + 1..els.len())
        .take(4)
        .filter(|&j| els[j].article == els[k].article)
    {
        let open = &texts[j][rest[j]..];
        if let Some((cut, _)) = tail
            .char_indices()
            .find(|(c, _)| !tail[*c..].is_empty() && open.starts_with(&tail[*c..]))
        {
            rest[j] += tail.len() - cut;
            return;
        }
    }
}

/// The letters and digits of a text: what line matching compares (the
/// parser normalises spaces and punctuation, so those may differ).
fn squeeze(s: &str) -> String {
    s.chars().filter(|c| c.is_alphanumeric()).collect()
}

impl Page {
    /// Every element of the page in reading order (articles' display type,
    /// body and captions, then furniture and unplaced text), each with the
    /// layout lines that print it. Lines are matched by text within the
    /// article's input span: a line belongs to the first element, from the
    /// current one on, whose text holds it; each line is used once. Lines
    /// no element takes are returned as unplaced elements of their own, so
    /// every line of the layout is in exactly one element.
    pub fn elements(&self) -> Vec<Element> {
        let mut out = Vec::new();
        for (ai, a) in self.articles.iter().enumerate() {
            let mut push = |role: Role, text: &Option<String>| {
                if let Some(t) = text.as_deref().filter(|t| !t.trim().is_empty()) {
                    out.push(Element {
                        role,
                        article: Some(ai),
                        text: t.to_string(),
                        lines: Vec::new(),
                    });
                }
            };
            push(Role::Column, &a.column);
            push(Role::Kicker, &a.kicker);
            push(Role::Headline, &a.headline);
            push(Role::Subheadline, &a.subheadline);
            push(Role::Byline, &a.byline.as_ref().map(|b| b.text.clone()));
            push(Role::Dateline, &a.dateline);
            for b in &a.blocks {
                let role = match b.kind {
                    crate::BlockKind::Paragraph => Role::Paragraph,
                    crate::BlockKind::Heading => Role::Heading,
                    crate::BlockKind::Note => Role::Note,
                };
                push(role, &Some(b.text.clone()));
            }
            for c in &a.captions {
                let text = [c.text.as_str(), c.credit.as_deref().unwrap_or("")].join(" ");
                push(Role::Caption, &Some(text.trim().to_string()));
            }
        }
        for f in &self.furniture {
            out.push(Element {
                role: Role::Furniture,
                article: None,
                text: f.text.clone(),
                lines: Vec::new(),
            });
        }
        for u in &self.unassigned {
            out.push(Element {
                role: Role::Unassigned,
                article: None,
                text: u.text.clone(),
                lines: Vec::new(),
            });
        }
        if let Some(layout) = &self.layout {
            self.match_lines(layout, &mut out);
        }
        out
    }

    /// Give each layout line to the element whose text holds it.
    fn match_lines(&self, layout: &PageLayout, els: &mut Vec<Element>) {
        let texts: Vec<String> = els.iter().map(|e| squeeze(&e.text)).collect();
        let mut taken = vec![false; layout.lines.len()];
        // Each element's unread rest: a line is taken from the front of it.
        let mut rest: Vec<usize> = vec![0; els.len()];
        for (li, l) in layout.lines.iter().enumerate() {
            let t = squeeze(&l.text);
            if t.is_empty() {
                taken[li] = true;
                continue;
            }
            let in_span = |e: &Element| match e.article.and_then(|a| self.articles[a].source) {
                Some(s) => (s.start..=s.end).contains(&l.line),
                None => true,
            };
            let hit = (0..els.len())
                .find(|&k| in_span(&els[k]) && texts[k][rest[k]..].starts_with(&t))
                .or_else(|| {
                    (0..els.len()).find(|&k| in_span(&els[k]) && texts[k][rest[k]..].contains(&t))
                });
            if let Some(k) = hit {
                let at = texts[k][rest[k]..].find(&t).unwrap_or(0);
                rest[k] += at + t.len();
                els[k].lines.push(li);
                taken[li] = true;
            } else if let Some(k) = (0..els.len()).find(|&k| {
                in_span(&els[k]) && rest[k] < texts[k].len() && t.starts_with(&texts[k][rest[k]..])
            }) {
                // A line that opens with a whole element and goes on into
                // the next (`福州晚报讯 记者…`: the dateline, then the lead):
                // it goes to the first, and the next reads on past it.
                let done = texts[k].len() - rest[k];
                rest[k] = texts[k].len();
                els[k].lines.push(li);
                taken[li] = true;
                read_past(&texts, &mut rest, els, k, &t[done..]);
            }
        }
        for (li, l) in layout
            .lines
            .iter()
            .enumerate()
            .filter(|(li, _)| !taken[*li])
        {
            els.push(Element {
                role: Role::Unassigned,
                article: None,
                text: l.text.clone(),
                lines: vec![li],
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::{Article, Block, Span};

    fn line(no: u32, text: &str) -> LayoutLine {
        LayoutLine {
            line: no,
            rect: Rect::new(0.0, no as f32 * 10.0, 100.0, no as f32 * 10.0 + 9.0),
            size: 9.0,
            font: "F".into(),
            text: text.into(),
        }
    }

    #[test]
    fn each_layout_line_goes_to_the_element_that_prints_it() {
        let article = Article {
            headline: Some("小区加装电梯".into()),
            dateline: Some("本报讯".into()),
            blocks: vec![
                Block::paragraph("近日，城东一小区的三部新电梯投入使用。".to_string()),
                Block::paragraph("老人出门不再发愁。".to_string()),
            ],
            source: Some(Span { start: 1, end: 4 }),
            ..Default::default()
        };
        let lines = vec![
            line(1, "小区加装电梯"),
            line(2, "本报讯 近日，城东一小区的"),
            line(3, "三部新电梯投入使用。"),
            line(4, "老人出门不再发愁。"),
            line(9, "广告"),
        ];
        let page = Page {
            articles: vec![article],
            layout: Some(PageLayout {
                width: 595.0,
                height: 842.0,
                lines,
            }),
            ..Default::default()
        };
        let got: Vec<(Role, Vec<usize>)> = page
            .elements()
            .into_iter()
            .map(|e| (e.role, e.lines))
            .collect();
        assert_eq!(
            got,
            [
                (Role::Headline, vec![0]),
                // The line holding the dateline and the lead's start goes to the dateline …
                (Role::Dateline, vec![1]),
                // … and the lead reads on past it.
                (Role::Paragraph, vec![2]),
                (Role::Paragraph, vec![3]),
                // No element prints the last line: it is unplaced, not lost.
                (Role::Unassigned, vec![4]),
            ]
        );
    }
}
