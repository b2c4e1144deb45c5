//! One story composed: the head of its first part (column, kicker,
//! headline, subheadline, byline) across the measure, and the body lines of
//! every part for the columns, with a note wherever the print edition
//! jumped to another page.

use super::{ColLine, Composer, DisplayLine, Role};
use newsconv_core::{Article, BlockKind, Issue, Story};

impl Composer<'_> {
    /// Compose one story: its head lines, its body lines and its outline title.
    pub(super) fn article(
        &mut self,
        story: &Story,
        issue: &Issue,
    ) -> (Vec<DisplayLine>, Vec<ColLine>, String) {
        let a = story.head().article;
        let (title, _) = a.title();
        self.context = format!(
            "article {} “{}”",
            if a.id.is_empty() { "?" } else { &a.id },
            title
        );
        let head = self.head(a);
        let s = self.g.size;
        let mut lines: Vec<ColLine> = Vec::new();
        if let Some(j) = a.continued_from.as_ref() {
            let note = match (&j.label, j.page) {
                (Some(l), _) => l.clone(),
                (None, Some(p)) => format!("（上接第{}版）", page_name(issue, p)),
                _ => "（上接）".to_string(),
            };
            self.short(&mut lines, &note, Role::Head, s * 0.9, false, true);
        }
        for (k, part) in story.parts.iter().enumerate() {
            if k > 0 {
                let note = format!("（以下原载第{}版）", page_name(issue, part.page.number));
                self.short(&mut lines, &note, Role::Head, s * 0.9, false, true);
            }
            // The first part's captions shown under its photos are not repeated.
            let skip = if k == 0 {
                self.shown_captions.clone()
            } else {
                Vec::new()
            };
            self.part_body(&mut lines, part.article, &skip);
        }
        let last = story.parts[story.parts.len() - 1].article;
        if let Some(j) = last.continued_to.as_ref() {
            if j.article.is_none() || !story.jumps() {
                let note = match (&j.label, j.page) {
                    (Some(l), _) => l.clone(),
                    (None, Some(p)) => format!("（下转第{}版）", page_name(issue, p)),
                    _ => "（下转）".to_string(),
                };
                self.short(&mut lines, &note, Role::Head, s * 0.9, false, false);
            }
        }

        (head, lines, title)
    }

    /// The head lines of an article, across the measure.
    fn head(&mut self, a: &Article) -> Vec<DisplayLine> {
        let s = self.g.size;
        let mut head: Vec<DisplayLine> = Vec::new();
        if let Some(c) = a.column.as_deref().filter(|t| !t.trim().is_empty()) {
            head.extend(self.display(&format!("【{}】", c.trim()), Role::Head, s, s * 1.8, false));
        }
        if let Some(k) = a.kicker.as_deref().filter(|t| !t.trim().is_empty()) {
            head.extend(self.display(k.trim(), Role::Body, s * 1.15, s * 1.9, true));
        }
        if let Some(h) = a.headline.as_deref().filter(|t| !t.trim().is_empty()) {
            let hs = if h.chars().count() > 30 {
                s * 1.7
            } else {
                s * 2.1
            };
            head.extend(self.display(h.trim(), Role::Head, hs, hs * 1.35, true));
        }
        if let Some(sh) = a.subheadline.as_deref().filter(|t| !t.trim().is_empty()) {
            head.extend(self.display(sh.trim(), Role::Body, s * 1.3, s * 2.0, true));
        }
        if let Some(b) = a.byline.as_ref().filter(|b| !b.text.trim().is_empty()) {
            if !b.after_body() {
                head.extend(self.display(b.text.trim(), Role::Body, s * 0.95, s * 1.9, true));
            }
        }
        head
    }

    /// Paragraphs (the first with the dateline run in), in-body headings,
    /// an end byline and captions of one part (but those in `skip`).
    fn part_body(&mut self, lines: &mut Vec<ColLine>, part: &Article, skip: &[usize]) {
        let s = self.g.size;
        let mut dateline = part.dateline.as_deref().filter(|d| !d.trim().is_empty());
        let mut any = false;
        for b in &part.blocks {
            match b.kind {
                BlockKind::Paragraph | BlockKind::Note => {
                    self.paragraph(lines, dateline.take(), &b.text, Role::Body, s);
                    any = true;
                }
                BlockKind::Heading => {
                    if any {
                        lines.push(ColLine::spacer());
                    }
                    self.short(lines, &b.text, Role::Head, s, true, true);
                }
            }
        }
        if let Some(d) = dateline {
            self.short(lines, d, Role::Head, s, false, false);
        }
        if let Some(b) = part
            .byline
            .as_ref()
            .filter(|b| b.after_body() && !b.text.trim().is_empty())
        {
            self.short(
                lines,
                &format!("（{}）", b.text.trim()),
                Role::Body,
                s,
                false,
                false,
            );
        }
        for (k, c) in part.captions.iter().enumerate() {
            if skip.contains(&k) {
                continue;
            }
            lines.push(ColLine::spacer());
            let mut t = format!("〔图〕{}", c.text.trim());
            if let Some(cr) = c.credit.as_deref().filter(|x| !x.trim().is_empty()) {
                t.push(' ');
                t.push_str(cr.trim());
            }
            let mut cl = Vec::new();
            self.paragraph(&mut cl, None, &t, Role::Head, s * 0.85);
            for mut l in cl {
                l.indent = 0.0;
                l.justify = false;
                lines.push(l);
            }
        }
    }
}

/// A page's name in jump notes: its label without `第`/`版`, else its number.
fn page_name(issue: &Issue, number: u32) -> String {
    issue
        .pages
        .iter()
        .find(|p| p.number == number)
        .and_then(|p| p.label.as_deref())
        .map(|l| {
            l.trim_start_matches('第')
                .trim_end_matches('版')
                .to_string()
        })
        .unwrap_or_else(|| number.to_string())
}
