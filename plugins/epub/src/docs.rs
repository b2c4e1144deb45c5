//! The book's documents, in reading order: the cover, the contents, and
//! one document per printed page with its articles. A story that jumps
//! pages is rendered once, whole, where it starts, with a note where the
//! print edition jumped; its later parts leave a pointer on their own page.

use crate::book::{Book, Pos};
use crate::words::Word;
use crate::xhtml::{self, escape};
use newsconv_core::{Article, ArticleKind, BlockKind};
use std::fmt::Write as _;

pub(crate) fn page_file(pi: usize) -> String {
    format!("page-{:03}.xhtml", pi + 1)
}

fn art_id(p: Pos) -> String {
    format!("a{}-{}", p.0 + 1, p.1 + 1)
}

impl Book<'_> {
    /// The cover document and its visible text.
    pub(crate) fn cover(&mut self, title: &str, paper: &str) -> (String, String) {
        let issue = self.issue;
        let mut s = String::new();
        s.push_str("<section class=\"cover\" epub:type=\"cover\">\n");
        if let Some(pic) = self.cover_picture() {
            let name = self.page_name(0);
            let alt = self.words.front_page_alt(&name);
            let _ = writeln!(
                s,
                "<figure class=\"photo front-page\"><img src=\"{}\" alt=\"{}\" width=\"{}\" height=\"{}\"/></figure>",
                crate::book::COVER_HREF,
                escape(&alt),
                pic.width,
                pic.height
            );
        }
        let _ = writeln!(s, "<h1 class=\"paper\">{}</h1>", escape(paper));
        if let Some(d) = issue.date {
            let _ = writeln!(s, "<p class=\"date\">{}</p>", escape(&self.words.date(d)));
        }
        if let Some(e) = issue
            .edition
            .as_deref()
            .map(|e| self.clean.text(e))
            .filter(|e| !e.is_empty())
        {
            let _ = writeln!(s, "<p class=\"edition\">{}</p>", escape(&e));
        }
        if let Some(p) = issue
            .publisher
            .as_deref()
            .map(|p| self.clean.text(p))
            .filter(|p| !p.is_empty() && p != paper)
        {
            let _ = writeln!(s, "<p class=\"publisher\">{}</p>", escape(&p));
        }
        if let Some(front) = issue.pages.first() {
            let mut heads: Vec<(Pos, String)> = Vec::new();
            for (ai, a) in front.articles.iter().enumerate() {
                let (t, made) = self.title(a);
                if !made {
                    heads.push(((0, ai), t));
                }
            }
            if !heads.is_empty() {
                let _ = writeln!(
                    s,
                    "<h2>{}</h2>\n<ul class=\"front-heads\">",
                    self.words.get(Word::FrontHeads)
                );
                for (p, t) in heads {
                    let _ = writeln!(
                        s,
                        "<li><a href=\"{}#{}\">{}</a></li>",
                        page_file(p.0),
                        art_id(p),
                        escape(&t)
                    );
                }
                s.push_str("</ul>\n");
            }
        }
        s.push_str("</section>\n");
        (xhtml::document(&self.lang, title, "cover-page", &s), s)
    }

    pub(crate) fn contents(&mut self) -> String {
        let issue = self.issue;
        let mut s = String::new();
        let _ = writeln!(
            s,
            "<section class=\"contents\">\n<h1>{}</h1>\n<ol>",
            self.words.get(Word::Contents)
        );
        for (pi, page) in issue.pages.iter().enumerate() {
            let (name, section) = self.page_title(page);
            let label = match section {
                Some(sec) => format!("{name} {sec}"),
                None => name,
            };
            let _ = write!(
                s,
                "<li class=\"page\"><a href=\"{}\">{}</a>",
                page_file(pi),
                escape(&label)
            );
            let mut items = String::new();
            for (ai, a) in page.articles.iter().enumerate() {
                if self.merged.contains_key(&(pi, ai)) {
                    continue;
                }
                let t = self.nav_title(a);
                let _ = writeln!(
                    items,
                    "<li><a href=\"{}#{}\">{}</a></li>",
                    page_file(pi),
                    art_id((pi, ai)),
                    escape(&t)
                );
            }
            if !items.is_empty() {
                let _ = write!(s, "\n<ol>\n{items}</ol>\n");
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ol>\n</section>\n");
        xhtml::document(
            &self.lang,
            self.words.get(Word::Contents),
            "contents-page",
            &s,
        )
    }

    pub(crate) fn page(&mut self, pi: usize) -> PageDoc {
        let page = &self.issue.pages[pi];
        let (name, section) = self.page_title(page);
        let title = match &section {
            Some(sec) => format!("{name} {sec}"),
            None => name.clone(),
        };
        let mut s = String::new();
        s.push_str("<section class=\"page\" epub:type=\"chapter\" role=\"doc-chapter\">\n");
        match &section {
            Some(sec) => {
                let _ = writeln!(
                    s,
                    "<h1 class=\"page-title\">{}<span class=\"section\">{}</span></h1>",
                    escape(&name),
                    escape(sec)
                );
            }
            None => {
                let _ = writeln!(s, "<h1 class=\"page-title\">{}</h1>", escape(&name));
            }
        }
        if let Some(o) = &page.ocr {
            // Recognised text is said to be so before any of it.
            let _ = writeln!(
                s,
                "<p class=\"ocr-note\" role=\"note\" lang=\"en\" xml:lang=\"en\">{}</p>",
                escape(&o.note())
            );
        }
        let mut toc = Vec::new();
        for ai in 0..page.articles.len() {
            let pos = (pi, ai);
            if let Some(&head) = self.merged.get(&pos) {
                self.stub(&mut s, pos, head);
                continue;
            }
            toc.push((art_id(pos), self.nav_title(self.article(pos))));
            self.article_html(&mut s, pos);
        }
        self.standalone_figures(&mut s, pi, &name);
        let unassigned: Vec<String> = page
            .unassigned
            .iter()
            .map(|u| self.clean.text(&u.text))
            .filter(|t| !t.is_empty())
            .collect();
        if !unassigned.is_empty() {
            let _ = writeln!(
                s,
                "<section class=\"unassigned\">\n<h2>{}</h2>",
                self.words.get(Word::Unassigned)
            );
            for t in unassigned {
                let _ = writeln!(s, "<p>{}</p>", escape(&t));
            }
            s.push_str("</section>\n");
        }
        s.push_str("</section>\n");
        PageDoc {
            body: xhtml::document(&self.lang, &title, "page", &s),
            title,
            toc,
        }
    }

    /// The pointer left where a merged part was printed.
    fn stub(&mut self, s: &mut String, pos: Pos, head: Pos) {
        let (t, _) = self.title(self.article(head));
        let head_page = self.page_name(head.0);
        let (text, link) = self.words.merged_into(&t, &head_page);
        let _ = writeln!(
            s,
            "<article class=\"article continuation\" id=\"{}\">\n<p class=\"jump-stub\">{}<a href=\"{}#{}\">{}</a></p>\n</article>",
            art_id(pos),
            escape(&text),
            page_file(head.0),
            art_id(head),
            escape(&link)
        );
    }

    fn article_html(&mut self, s: &mut String, pos: Pos) {
        let a = self.article(pos);
        let kind = match a.kind {
            ArticleKind::Article => "article",
            ArticleKind::Ear => "ear",
            ArticleKind::PhotoNews => "photo-news",
            ArticleKind::Photo => "photo",
            ArticleKind::Brief => "brief",
        };
        let _ = writeln!(
            s,
            "<article class=\"article {kind}\" id=\"{}\">",
            art_id(pos)
        );
        self.article_head(s, a);
        if let Some(n) = self.continued_from_note(a) {
            let _ = writeln!(s, "<p class=\"jump-note\">{}</p>", escape(&n));
        }
        let parts: Vec<Pos> = std::iter::once(pos)
            .chain(self.chains.get(&pos).cloned().unwrap_or_default())
            .collect();
        let last = parts.len() - 1;
        for (k, &part) in parts.iter().enumerate() {
            let pa = self.article(part);
            if k > 0 {
                let name = self.page_name(part.0);
                let _ = writeln!(
                    s,
                    "<p class=\"jump-note\" id=\"{}-part{}\">{}</p>",
                    art_id(pos),
                    k + 1,
                    escape(&self.words.jumped(&name))
                );
            }
            self.body(s, pa, k == 0);
            if k == last {
                if let Some(note) = self.continued_to_note(pa) {
                    let _ = writeln!(s, "<p class=\"jump-note\">{}</p>", escape(&note));
                }
            }
        }
        s.push_str("</article>\n");
    }

    /// Column, kicker, headline (marked when made up), subheadline and a
    /// byline printed before the body.
    fn article_head(&mut self, s: &mut String, a: &Article) {
        s.push_str("<header class=\"article-head\">\n");
        if let Some(c) = a
            .column
            .as_deref()
            .map(|c| self.clean.text(c))
            .filter(|c| !c.is_empty())
        {
            let _ = writeln!(s, "<p class=\"column\">{}</p>", escape(&c));
        }
        if let Some(k) = a
            .kicker
            .as_deref()
            .map(|k| self.clean.text(k))
            .filter(|k| !k.is_empty())
        {
            let _ = writeln!(s, "<p class=\"kicker\">{}</p>", escape(&k));
        }
        let (t, made) = self.title(a);
        if made {
            let _ = writeln!(
                s,
                "<h2 class=\"headline made-up\" title=\"{}\"><span class=\"mark\">{}</span>{}</h2>",
                self.words.get(Word::MadeUpHint),
                escape(self.words.get(Word::Mark).trim()),
                escape(&t)
            );
        } else {
            let _ = writeln!(s, "<h2 class=\"headline\">{}</h2>", escape(&t));
        }
        if let Some(sh) = a
            .subheadline
            .as_deref()
            .map(|x| self.clean.text(x))
            .filter(|x| !x.is_empty())
        {
            let _ = writeln!(s, "<p class=\"subheadline\">{}</p>", escape(&sh));
        }
        let byline_end = a.byline.as_ref().is_some_and(|b| b.after_body());
        if let Some(by) = a
            .byline
            .as_ref()
            .filter(|_| !byline_end)
            .map(|b| self.clean.text(&b.text))
            .filter(|x| !x.is_empty())
        {
            let _ = writeln!(s, "<p class=\"byline\">{}</p>", escape(&by));
        }
        s.push_str("</header>\n");
    }
    /// The note where a later part says where it came from: the printed
    /// label, else one naming the page.
    fn continued_from_note(&mut self, a: &Article) -> Option<String> {
        let j = a.continued_from.as_ref()?;
        match (
            j.label
                .as_deref()
                .map(|l| self.clean.text(l))
                .filter(|l| !l.is_empty()),
            j.page,
        ) {
            (Some(l), _) => Some(l),
            (None, Some(n)) => {
                let (name, _) = self.page_by_number(n);
                Some(self.words.continued_from(&name))
            }
            _ => None,
        }
    }

    /// The note after a story's last part when it still jumps on (to a
    /// part not found): the printed label, else one naming the page, with a
    /// word when that page is not in the book.
    fn continued_to_note(&mut self, a: &Article) -> Option<String> {
        let j = a.continued_to.as_ref()?;
        let label = j
            .label
            .as_deref()
            .map(|l| self.clean.text(l))
            .filter(|l| !l.is_empty());
        let (name, in_book) = match j.page {
            Some(n) => {
                let (name, pi) = self.page_by_number(n);
                (Some(name), pi.is_some())
            }
            None => (None, true),
        };
        let mut note = match (label, &name) {
            (Some(l), _) => l,
            (None, Some(nm)) => self.words.continued_to(nm),
            (None, None) => String::new(),
        };
        if note.is_empty() {
            return None;
        }
        if !in_book {
            note.push_str(self.words.get(Word::NotInBook));
        }
        Some(note)
    }

    /// Paragraphs, headings, captions and an end byline of one article part.
    fn body(&mut self, s: &mut String, a: &Article, first_part: bool) {
        let shown = self.figures(s, a);
        let mut dateline = if first_part {
            a.dateline
                .as_deref()
                .map(|d| self.clean.text(d))
                .filter(|d| !d.is_empty())
        } else {
            None
        };
        for b in &a.blocks {
            let text = self.clean.text(&b.text);
            if text.is_empty() {
                continue;
            }
            match b.kind {
                BlockKind::Heading => {
                    let _ = writeln!(s, "<h3 class=\"heading\">{}</h3>", escape(&text));
                }
                BlockKind::Note => {
                    let _ = writeln!(s, "<p class=\"note\">{}</p>", escape(&text));
                }
                BlockKind::Paragraph => match dateline.take() {
                    Some(d) => {
                        let _ = writeln!(
                            s,
                            "<p><span class=\"dateline\">{}</span>{}</p>",
                            escape(&d),
                            escape(&text)
                        );
                    }
                    None => {
                        let _ = writeln!(s, "<p>{}</p>", escape(&text));
                    }
                },
            }
        }
        if let Some(d) = dateline {
            let _ = writeln!(s, "<p><span class=\"dateline\">{}</span></p>", escape(&d));
        }
        for (k, c) in a.captions.iter().enumerate() {
            if shown.contains(&k) {
                continue;
            }
            let text = self.clean.text(&c.text);
            let credit = c
                .credit
                .as_deref()
                .map(|x| self.clean.text(x))
                .filter(|x| !x.is_empty());
            if text.is_empty() && credit.is_none() {
                continue;
            }
            let _ = write!(
                s,
                "<p class=\"caption\"><span class=\"label\">{}</span>{}",
                self.words.get(Word::Photo),
                escape(&text)
            );
            if let Some(cr) = credit {
                let _ = write!(s, "<span class=\"credit\">{}</span>", escape(&cr));
            }
            s.push_str("</p>\n");
        }
        if let Some(by) = a
            .byline
            .as_ref()
            .filter(|b| b.after_body())
            .map(|b| self.clean.text(&b.text))
            .filter(|x| !x.is_empty())
        {
            let _ = writeln!(s, "<p class=\"byline-end\">{}</p>", escape(&by));
        }
    }
}

impl Book<'_> {
    /// Photos of the page that belong to no article, after its articles,
    /// their alt text naming the page.
    fn standalone_figures(&mut self, s: &mut String, pi: usize, page_name: &str) {
        let page = &self.issue.pages[pi];
        for id in page
            .standalone_photos
            .iter()
            .filter(|id| !page.articles.iter().any(|a| a.photos.contains(id)))
        {
            let Some((href, w, h)) = self
                .images
                .iter()
                .find(|(i, _)| i == id)
                .map(|(_, b)| (b.href.clone(), b.width, b.height))
            else {
                continue;
            };
            let alt = format!("{}{page_name}", self.words.get(Word::PhotoAlt));
            let _ = writeln!(s, "<figure class=\"photo\"><img src=\"{}\" alt=\"{}\" width=\"{w}\" height=\"{h}\"/></figure>", escape(&href), escape(&alt));
        }
    }

    /// The article's photos before its body, each a `figure` with its
    /// caption and credit; returns the captions shown there (indices).
    fn figures(&mut self, s: &mut String, a: &Article) -> Vec<usize> {
        let issue = self.issue;
        let mut shown = Vec::new();
        for img in a.photos.iter().filter_map(|id| issue.image(id)) {
            let Some((href, w, h)) = self
                .images
                .iter()
                .find(|(id, _)| *id == img.id)
                .map(|(_, b)| (b.href.clone(), b.width, b.height))
            else {
                continue;
            };
            let cap = img
                .caption
                .filter(|_| img.article.as_deref() == Some(a.id.as_str()))
                .and_then(|k| Some((k, a.captions.get(k)?)));
            let text = cap
                .map(|(_, c)| self.clean.text(&c.text))
                .unwrap_or_default();
            let credit = cap
                .and_then(|(_, c)| c.credit.as_deref())
                .map(|x| self.clean.text(x))
                .filter(|x| !x.is_empty());
            let alt = if text.is_empty() {
                format!("{}{}", self.words.get(Word::PhotoAlt), self.title(a).0)
            } else {
                text.clone()
            };
            let _ = write!(
                s,
                "<figure class=\"photo\"><img src=\"{}\" alt=\"{}\" width=\"{w}\" height=\"{h}\"/>",
                escape(&href),
                escape(&alt)
            );
            if !text.is_empty() || credit.is_some() {
                let _ = write!(s, "<figcaption>{}", escape(&text));
                if let Some(cr) = credit {
                    let _ = write!(s, "<span class=\"credit\">{}</span>", escape(&cr));
                }
                s.push_str("</figcaption>");
            }
            s.push_str("</figure>\n");
            if let Some((k, _)) = cap {
                shown.push(k);
            }
        }
        shown
    }
}

/// One page document: its title, XHTML, and (id, title) of its articles for the navigation.
pub(crate) struct PageDoc {
    pub(crate) title: String,
    pub(crate) body: String,
    pub(crate) toc: Vec<(String, String)>,
}
