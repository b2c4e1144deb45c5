//! The issue set page by page: a section banner, then each story that
//! starts on the page (its later parts, printed on other pages, are read
//! with it), a head across the measure over its body in two columns. Text
//! with no head of its own runs on in the columns above it. The page's
//! photos of no story come last, a column wide.

use super::{ColLine, Composer, DisplayLine, Mark, Role};
use newsconv_core::{Issue, Page, Story};

/// Body lines not yet set: the last flow of a page, which text with no head
/// of its own runs on in. `marks`: the first line of each story run on, with
/// the index of its outline entry among the page's.
#[derive(Default)]
struct Pending {
    lines: Vec<ColLine>,
    marks: Vec<(usize, usize)>,
}

impl Pending {
    /// Whether `lines` can run on here: there is text to run on after, and
    /// `lines` have text.
    fn takes(&self, lines: &[ColLine]) -> bool {
        self.lines.iter().any(|l| !l.spacer) && lines.iter().any(|l| !l.spacer)
    }

    /// Run `lines` on after a rule; `mark`: the story's outline entry index.
    fn run_on(&mut self, lines: Vec<ColLine>, mark: Option<usize>) {
        self.lines.push(ColLine::rule());
        if let Some(k) = mark {
            self.marks.push((self.lines.len(), k));
        }
        self.lines.extend(lines);
    }
}

impl Composer<'_> {
    /// Compose the issue: the running header names paper, date and
    /// edition; then each page with the stories that start on it.
    pub fn issue(&mut self, issue: &Issue) {
        let mut left = Vec::new();
        if let Some(t) = issue.title.as_deref().filter(|t| !t.trim().is_empty()) {
            left.push(t.trim().to_string());
        }
        if let Some(d) = issue.date {
            left.push(d.chinese());
        }
        if let Some(e) = issue.edition.as_deref().filter(|t| !t.trim().is_empty()) {
            left.push(e.trim().to_string());
        }
        self.header_left = left.join(" · ");

        let stories = issue.stories();
        let mut starting: Vec<Vec<&Story>> = vec![Vec::new(); issue.pages.len()];
        for s in &stories {
            starting[s.head().page_index].push(s);
        }
        for (page, stories) in issue.pages.iter().zip(starting) {
            self.page(issue, page, &stories);
        }
        if self.pages.is_empty() {
            self.new_page();
        }
    }

    /// One printed page: banner and rule, the stories, unplaced text; its
    /// outline entry holds one entry per story.
    fn page(&mut self, issue: &Issue, page: &Page, stories: &[&Story]) {
        let label = page_label(page.number, page.label.as_deref(), page.section.as_deref());
        self.header_right = label.clone();
        self.new_page();
        // Section banner.
        let mark_y = self.y;
        self.context = format!("page {} banner", page.number);
        let banner = self.display(&label, Role::Head, 15.0, 22.0, false);
        self.place_display(banner);
        self.y += 3.0;
        let y = self.y;
        self.rule(self.g.left, y, self.g.left + self.g.measure(), y, 1.4);
        self.y += 10.0;
        let mut page_mark = Mark { title: label.clone(), page: self.pages.len() - 1, y: mark_y, kids: Vec::new() };

        // The last flow of body lines is set only when the next head
        // comes (or the page ends): text with no head of its own runs on
        // in its columns, after a rule across the column. Set as a band
        // of its own right under another band, with no head across the
        // gutter between them, it made a grid with it that pdftotext
        // read as a table, row by row (the two blocks beside each other
        // at the top of the upper band, then the two tops of the lower
        // band, and only then the rest of the upper band's second
        // column: rmrb 2018-01-05 p7, whose stories the parser left
        // untitled).
        let mut pending = Pending::default();
        let mut first = true;
        for story in stories {
            let photos = self.story_photos(story, issue);
            let (head, lines, title) = self.article(story, issue);
            self.shown_captions.clear();
            if head.is_empty() && pending.takes(&lines) {
                pending.run_on(lines, Some(page_mark.kids.len()));
                page_mark.kids.push(Mark { title, page: self.pages.len() - 1, y: self.y, kids: Vec::new() });
                continue;
            }
            self.set_pending(&mut pending, &mut page_mark.kids);
            if !first {
                self.separator();
            }
            first = false;
            // The head stays on the page of its lead photo.
            let lead = photos.first().map_or(0.0, |p| self.photo_size(p, false).1 + 2.0 * self.g.lead);
            page_mark.kids.push(self.place_head(head, title, lines.len(), lead));
            self.place_photos(&photos, issue, false);
            pending.lines = lines;
        }
        if !page.unassigned.is_empty() {
            self.context = format!("page {} (unplaced text)", page.number);
            let mut lines = Vec::new();
            for u in &page.unassigned {
                self.paragraph(&mut lines, None, &u.text, Role::Body, self.g.size * 0.9);
            }
            if pending.takes(&lines) {
                pending.run_on(lines, None);
            } else {
                self.set_pending(&mut pending, &mut page_mark.kids);
                if !first {
                    self.separator();
                }
                pending.lines = lines;
            }
        }
        self.set_pending(&mut pending, &mut page_mark.kids);
        let standalone = self.standalone_photos(page, issue);
        if !standalone.is_empty() {
            if !first || !page.unassigned.is_empty() {
                self.separator();
            }
            self.place_photos(&standalone, issue, true);
        }
        self.marks.push(page_mark);
    }

    /// Set the pending flow and place the outline entries of the stories
    /// run on in it.
    fn set_pending(&mut self, pending: &mut Pending, kids: &mut [Mark]) {
        let p = std::mem::take(pending);
        let want: Vec<usize> = p.marks.iter().map(|m| m.0).collect();
        let at = self.flow(p.lines, &want);
        for ((_, k), (page, y)) in p.marks.iter().zip(at) {
            kids[*k].page = page;
            kids[*k].y = y;
        }
    }

    fn separator(&mut self) {
        if self.page_is_empty() {
            return;
        }
        if self.y + 3.0 * self.g.lead > self.g.bottom {
            self.new_page();
            return;
        }
        self.y += 0.5 * self.g.lead;
        let y = self.y;
        self.rule(self.g.left, y, self.g.left + self.g.measure(), y, 0.6);
        self.y += 0.6 * self.g.lead;
    }

    /// Place an article's head, kept with at least three of its `n` body
    /// lines and `extra` points (its lead photo); returns its outline entry.
    fn place_head(&mut self, head: Vec<DisplayLine>, title: String, n: usize, extra: f32) -> Mark {
        let head_h: f32 = head.iter().map(|l| l.2).sum::<f32>() + if head.is_empty() { 0.0 } else { 0.4 * self.g.lead };
        let need = head_h + extra + (n.min(3) as f32) * self.g.lead;
        if self.y + need > self.g.bottom && !self.page_is_empty() {
            self.new_page();
        }
        let mark = Mark { title, page: self.pages.len() - 1, y: self.y, kids: Vec::new() };
        self.place_display(head);
        if mark.y != self.y {
            self.y += 0.4 * self.g.lead;
        }
        mark
    }
}

/// A page's banner and running head: `第7版 · 理论`, `A07版 · 要闻`.
fn page_label(number: u32, label: Option<&str>, section: Option<&str>) -> String {
    let mut s = match label.map(str::trim).filter(|l| !l.is_empty()) {
        Some(l) if l.starts_with('第') => l.to_string(),
        Some(l) => format!("{l}版"),
        None => format!("第{number}版"),
    };
    if let Some(sec) = section.map(str::trim).filter(|l| !l.is_empty()) {
        s.push_str(" · ");
        s.push_str(sec);
    }
    s
}

#[cfg(test)]
mod tests {
    use crate::layout::{Composer, Draw, Geometry};
    use newsconv_core::{Article, Issue};

    #[test]
    fn a_story_with_no_head_runs_on_in_the_columns_above_it() {
        // rmrb 2018-01-05 p7: stories the parser left untitled were set as
        // bands of their own under the band above, with nothing across the
        // gutter between them; pdftotext read the two bands as a table.
        use newsconv_core::{Block, Page};
        let (song, hei) = crate::bundled().unwrap();
        let faces = [song, hei];
        let para = |id: &str, i: usize| Block::paragraph(format!("{id}第{i}段。{}", "新时代的长征路，是党在新的时代条件下践行初心、为民造福的使命之路。".repeat(3)));
        let story = |id: &str, headline: Option<&str>, n: usize| Article {
            id: id.into(),
            headline: headline.map(str::to_string),
            blocks: (0..n).map(|i| para(id, i)).collect(),
            ..Default::default()
        };
        let mut issue = Issue::new();
        issue.pages.push(Page {
            number: 7,
            articles: vec![story("a1", Some("走好新时代的长征路"), 5), story("a2", None, 4), story("a3", None, 2), story("a4", Some("把握历史方位"), 3)],
            ..Default::default()
        });
        let g = Geometry::for_paper("a4").unwrap();
        let mut c = Composer::new(g, &faces);
        c.issue(&issue);
        assert_eq!(c.pages.len(), 1);
        let draws = &c.pages[0].draws;
        // Body lines: those at body size.
        let body: Vec<f32> = draws
            .iter()
            .filter_map(|d| match d {
                Draw::Text { baseline, glyphs, .. } if glyphs[0].size == g.size && *baseline < g.bottom => Some(*baseline),
                _ => None,
            })
            .collect();
        let rules: Vec<(f32, f32)> = draws
            .iter()
            .filter_map(|d| match d {
                Draw::Rule { x1, y1, x2, .. } => Some((*y1, x2 - x1)),
                _ => None,
            })
            .collect();
        let head4 = draws
            .iter()
            .find_map(|d| match d {
                Draw::Text { baseline, glyphs, .. } if glyphs.iter().map(|g| g.ch).collect::<String>() == "把握历史方位" => Some(*baseline),
                _ => None,
            })
            .unwrap();
        let first = body.iter().copied().fold(f32::INFINITY, f32::min);
        // Across the measure below the first body line: only the separator
        // above the next head; the untitled stories are set after rules
        // across the column.
        let across: Vec<f32> = rules.iter().filter(|r| (r.1 - g.measure()).abs() < 0.1 && r.0 > first).map(|r| r.0).collect();
        assert_eq!(across.len(), 1, "{rules:?}");
        assert!(across[0] < head4 && body.iter().filter(|&&b| b < head4).all(|&b| b < across[0]), "{rules:?}");
        let in_column = rules.iter().filter(|r| (r.1 - g.col).abs() < 0.1).count();
        assert_eq!(in_column, 2, "{rules:?}");
        // The outline entries of the untitled stories point at their first lines.
        let kids = &c.marks[0].kids;
        assert_eq!(kids.len(), 4);
        for (k, lead) in [(1, "a2第0段"), (2, "a3第0段")] {
            let m = &kids[k];
            let at = draws.iter().any(|d| match d {
                Draw::Text { baseline, glyphs, .. } => {
                    glyphs.iter().map(|g| g.ch).collect::<String>().starts_with(lead) && *baseline > m.y && *baseline < m.y + c.g.lead
                }
                _ => false,
            });
            assert!(at && m.page == 0, "story {k}: outline at {} on page {}", m.y, m.page);
        }
    }
}
