//! EPUB 3 exporter: an issue as an e-book.
//!
//! The book is built with epub-builder (EPUB 3 with an NCX for older
//! readers) and written by our own deterministic container writer
//! ([`archive`]): the same issue always gives the same bytes.
//!
//! Layout: a generated cover page (paper, date, edition, the front page's
//! headlines), a contents page, then one document per printed page with its
//! articles in reading order. The navigation nests page → article. An
//! article that jumps pages is rendered once, whole, where it starts, with a
//! small note where the print edition jumped; its later part leaves a
//! pointer on its own page.
//!
//! Metadata (all deterministic):
//! - `dc:identifier`: `urn:uuid:` + a name-based (v5) UUID of publisher (or
//!   paper name), date and edition; without a date, of the issue's text.
//! - `dc:date`: the issue date, only when the issue has one.
//! - `dcterms:modified` (required by EPUB 3): the issue date at 00:00:00Z;
//!   without a date, `SOURCE_DATE_EPOCH` when set, else the fixed
//!   2000-01-01T00:00:00Z. Never the time of conversion. Zip entries carry
//!   the same time.

pub mod archive;
mod css;
mod fonts;
mod xhtml;

use chrono::{DateTime, Datelike, NaiveDate, Utc};
use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ReferenceType, TocElement, ZipLibrary};
use newsconv_core::{Article, ArticleKind, BlockKind, Diagnostic, ExportError, Exporter, ExporterOptions, Issue, OptionSpec, Page, RenderContext};
use std::collections::HashMap;
use std::fmt::Write as _;
use std::io::Write;
use xhtml::{escape, Cleaner};

/// Modified date used when the issue has no date and `SOURCE_DATE_EPOCH` is unset.
pub const FALLBACK_MODIFIED: &str = "2000-01-01T00:00:00Z";

/// Marker put before a title made from an article's opening words (Chinese books).
pub const MADE_UP_MARK_ZH: &str = "［无题］";
/// Marker put before a title made from an article's opening words (other languages).
pub const MADE_UP_MARK_EN: &str = "[untitled] ";

/// Options for [`write`].
#[derive(Debug, Clone, Default)]
pub struct EpubOptions {
    /// Embed the bundled CJK faces, subset to the book's characters.
    pub embed_fonts: bool,
}

impl ExporterOptions for EpubOptions {
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "embed_fonts" => self.embed_fonts = newsconv_core::parse_switch(key, value)?,
            _ => return Err(format!("epub takes no option `{key}` (known: embed_fonts)")),
        }
        Ok(())
    }
}

const OPTIONS: &[OptionSpec] = &[OptionSpec { key: "embed_fonts", flag: Some("embed-fonts"), switch: true, help: "Embed subset fonts in the EPUB" }];

/// Render `issue` as an EPUB 3 file into `out`. Returns warnings about
/// anything lossy (dropped characters, unusable metadata, fonts that could not be embedded).
pub fn write(issue: &Issue, options: &EpubOptions, out: &mut dyn Write) -> Result<Vec<Diagnostic>, ExportError> {
    let (bytes, warnings) = to_bytes(issue, options)?;
    out.write_all(&bytes)?;
    Ok(warnings)
}

/// Build the EPUB in memory: the bytes and the warnings.
pub fn to_bytes(issue: &Issue, options: &EpubOptions) -> Result<(Vec<u8>, Vec<Diagnostic>), ExportError> {
    Book::new(issue, options).build()
}

fn render(ctx: &RenderContext<'_>, out: &mut dyn Write) -> Result<Vec<Diagnostic>, ExportError> {
    write(ctx.issue, &EpubOptions::from_settings(ctx.settings)?, out)
}

inventory::submit! {
    Exporter {
        name: "epub",
        extension: "epub",
        media_type: "application/epub+zip",
        description: "EPUB 3 e-book: cover, contents, articles by page (epubcheck-clean)",
        options: OPTIONS,
        check: |s| EpubOptions::from_settings(s).map(drop),
        render,
    }
}

/// Referenced by the binary so the linker keeps this crate's registrations.
pub fn link() {}

fn build_err(e: epub_builder::Error) -> ExportError {
    ExportError::Render(format!("epub: {e}"))
}

/// Words of the book's own furniture, in Chinese or English.
struct Words {
    zh: bool,
}

impl Words {
    fn cover(&self) -> &'static str {
        if self.zh { "封面" } else { "Cover" }
    }
    fn contents(&self) -> &'static str {
        if self.zh { "目录" } else { "Contents" }
    }
    fn front_heads(&self) -> &'static str {
        if self.zh { "头版要闻" } else { "On the front page" }
    }
    fn mark(&self) -> &'static str {
        if self.zh { MADE_UP_MARK_ZH } else { MADE_UP_MARK_EN }
    }
    fn made_up_hint(&self) -> &'static str {
        if self.zh { "标题取自正文开头" } else { "title taken from the opening words" }
    }
    fn untitled(&self) -> &'static str {
        if self.zh { "（无题）" } else { "(untitled)" }
    }
    fn paper(&self) -> &'static str {
        if self.zh { "报纸" } else { "Newspaper" }
    }
    fn page(&self, n: u32) -> String {
        if self.zh { format!("第{n}版") } else { format!("Page {n}") }
    }
    fn page_label(&self, label: &str) -> String {
        if !self.zh || label.starts_with('第') || label.ends_with('版') {
            label.to_string()
        } else {
            format!("{label}版")
        }
    }
    fn jumped(&self, page: &str) -> String {
        if self.zh { format!("（印刷版转{page}，以下接续）") } else { format!("(continued on {page} in print)") }
    }
    fn continued_to(&self, page: &str) -> String {
        if self.zh { format!("（下转{page}）") } else { format!("(continued on {page})") }
    }
    fn continued_from(&self, page: &str) -> String {
        if self.zh { format!("（上接{page}）") } else { format!("(continued from {page})") }
    }
    fn not_in_book(&self) -> &'static str {
        if self.zh { "（该版未收入本书）" } else { " (that page is not in this book)" }
    }
    fn merged_into(&self, title: &str, page: &str) -> (String, String) {
        if self.zh {
            (format!("《{title}》（上接{page}）全文见"), page.to_string())
        } else {
            (format!("“{title}” (continued from {page}): read it whole on "), page.to_string())
        }
    }
    fn unassigned(&self) -> &'static str {
        if self.zh { "未归入文章的文字" } else { "Text not placed in an article" }
    }
    fn photo(&self) -> &'static str {
        if self.zh { "图片" } else { "Photo" }
    }
    fn date(&self, d: NaiveDate) -> String {
        if self.zh {
            const WEEK: [&str; 7] = ["星期一", "星期二", "星期三", "星期四", "星期五", "星期六", "星期日"];
            format!("{}年{}月{}日 {}", d.year(), d.month(), d.day(), WEEK[d.weekday().num_days_from_monday() as usize])
        } else {
            d.format("%A, %-d %B %Y").to_string()
        }
    }
    fn short_date(&self, d: NaiveDate) -> String {
        if self.zh { format!("{}年{}月{}日", d.year(), d.month(), d.day()) } else { d.format("%-d %B %Y").to_string() }
    }
}

/// Position of an article: (page index, article index).
type Pos = (usize, usize);

struct Book<'a> {
    issue: &'a Issue,
    options: &'a EpubOptions,
    lang: String,
    words: Words,
    date: Option<NaiveDate>,
    clean: Cleaner,
    warnings: Vec<Diagnostic>,
    /// Later parts of each jumped article, in reading order, keyed by its first part.
    chains: HashMap<Pos, Vec<Pos>>,
    /// Parts rendered with an earlier article, mapped to that article.
    merged: HashMap<Pos, Pos>,
}

/// A checked BCP 47-shaped language tag, or `None`.
pub fn check_lang(tag: &str) -> Option<String> {
    let mut parts = tag.split('-');
    let first = parts.next()?;
    if !(2..=8).contains(&first.len()) || !first.chars().all(|c| c.is_ascii_alphabetic()) {
        return None;
    }
    for p in parts {
        if !(1..=8).contains(&p.len()) || !p.chars().all(|c| c.is_ascii_alphanumeric()) {
            return None;
        }
    }
    Some(tag.to_string())
}

/// The issue date, when it is a real `YYYY-MM-DD` date.
fn issue_date(issue: &Issue) -> Option<NaiveDate> {
    let d = issue.date?;
    NaiveDate::from_ymd_opt(d.year() as i32, d.month(), d.day())
}

/// The `dcterms:modified` instant: issue date, else `SOURCE_DATE_EPOCH`, else the fixed fallback.
pub fn modified(issue: &Issue) -> DateTime<Utc> {
    if let Some(d) = issue_date(issue) {
        return d.and_hms_opt(0, 0, 0).expect("midnight exists").and_utc();
    }
    if let Some(t) = std::env::var("SOURCE_DATE_EPOCH").ok().and_then(|s| s.trim().parse::<i64>().ok()).and_then(|s| DateTime::from_timestamp(s, 0)) {
        return t;
    }
    DateTime::parse_from_rfc3339(FALLBACK_MODIFIED).expect("valid constant").with_timezone(&Utc)
}

/// The book's identifier: a name-based UUID of publisher (or paper), date and
/// edition; without a date, of the issue's text as well.
pub fn identifier(issue: &Issue) -> uuid::Uuid {
    let who = issue.publisher.as_deref().or(issue.title.as_deref()).unwrap_or("");
    let mut name = format!("newsconv-issue\n{who}\n");
    match issue_date(issue) {
        Some(d) => name.push_str(&d.format("%Y-%m-%d").to_string()),
        None => {
            let mut text = String::new();
            for (_, a) in issue.articles() {
                text.push_str(a.headline.as_deref().unwrap_or(""));
                text.push('\n');
                for b in &a.blocks {
                    text.push_str(&b.text);
                    text.push('\n');
                }
            }
            name.push_str(&uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_OID, text.as_bytes()).to_string());
        }
    }
    name.push('\n');
    name.push_str(issue.edition.as_deref().unwrap_or(""));
    uuid::Uuid::new_v5(&uuid::Uuid::NAMESPACE_URL, name.as_bytes())
}

fn page_file(pi: usize) -> String {
    format!("page-{:03}.xhtml", pi + 1)
}

fn art_id(p: Pos) -> String {
    format!("a{}-{}", p.0 + 1, p.1 + 1)
}

impl<'a> Book<'a> {
    fn new(issue: &'a Issue, options: &'a EpubOptions) -> Self {
        let mut warnings = Vec::new();
        let lang = match check_lang(issue.lang().trim()) {
            Some(l) => l,
            None => {
                warnings.push(Diagnostic::warning("epub-bad-language", format!("language {:?} is not a language tag; using zh-CN", issue.lang()), None));
                "zh-CN".to_string()
            }
        };
        let date = issue_date(issue);
        let words = Words { zh: lang.to_ascii_lowercase().starts_with("zh") };
        let mut book = Book { issue, options, lang, words, date, clean: Cleaner::default(), warnings, chains: HashMap::new(), merged: HashMap::new() };
        book.link_jumps();
        book
    }

    /// Find the parts of articles that jump pages. A part joins the first
    /// earlier article that points at it (by `continued_to` or its own
    /// `continued_from`); parts only ever join an article before them.
    fn link_jumps(&mut self) {
        let mut by_id: HashMap<&str, Pos> = HashMap::new();
        for (pi, p) in self.issue.pages.iter().enumerate() {
            for (ai, a) in p.articles.iter().enumerate() {
                if !a.id.is_empty() {
                    by_id.entry(a.id.as_str()).or_insert((pi, ai));
                }
            }
        }
        let mut next: HashMap<Pos, Pos> = HashMap::new();
        for (pi, p) in self.issue.pages.iter().enumerate() {
            for (ai, a) in p.articles.iter().enumerate() {
                let me = (pi, ai);
                if let Some(&t) = a.continued_to.as_ref().and_then(|j| j.article.as_deref()).and_then(|id| by_id.get(id)) {
                    if t > me {
                        next.entry(me).or_insert(t);
                    }
                }
                if let Some(&s) = a.continued_from.as_ref().and_then(|j| j.article.as_deref()).and_then(|id| by_id.get(id)) {
                    if s < me {
                        next.entry(s).or_insert(me);
                    }
                }
            }
        }
        for (pi, p) in self.issue.pages.iter().enumerate() {
            for ai in 0..p.articles.len() {
                let head = (pi, ai);
                if self.merged.contains_key(&head) {
                    continue;
                }
                let mut parts = Vec::new();
                let mut cur = head;
                while let Some(&n) = next.get(&cur) {
                    if self.merged.contains_key(&n) || n == head {
                        break;
                    }
                    self.merged.insert(n, head);
                    parts.push(n);
                    cur = n;
                }
                if !parts.is_empty() {
                    self.chains.insert(head, parts);
                }
            }
        }
    }

    fn article(&self, p: Pos) -> &'a Article {
        &self.issue.pages[p.0].articles[p.1]
    }

    fn page_title(&mut self, page: &Page) -> (String, Option<String>) {
        let label = page.label.as_deref().map(|l| self.clean.text(l)).filter(|l| !l.is_empty());
        let name = match label {
            Some(l) => self.words.page_label(&l),
            None => self.words.page(page.number),
        };
        let section = page.section.as_deref().map(|s| self.clean.text(s)).filter(|s| !s.is_empty());
        (name, section)
    }

    fn page_name(&mut self, pi: usize) -> String {
        let page = &self.issue.pages[pi];
        self.page_title(page).0
    }

    /// Name of a page by its printed number, for jump notes.
    fn page_by_number(&mut self, n: u32) -> (String, Option<usize>) {
        match self.issue.pages.iter().position(|p| p.number == n) {
            Some(pi) => (self.page_name(pi), Some(pi)),
            None => (self.words.page(n), None),
        }
    }

    /// Plain (cleaned, unescaped) title and whether it was made up.
    fn title(&mut self, a: &Article) -> (String, bool) {
        let (t, made) = a.title();
        let t = self.clean.text(&t);
        if t.is_empty() {
            (self.words.untitled().to_string(), true)
        } else {
            (t, made)
        }
    }

    fn nav_title(&mut self, a: &Article) -> String {
        let (t, made) = self.title(a);
        if made && t != self.words.untitled() {
            format!("{}{t}", self.words.mark())
        } else {
            t
        }
    }

    fn paper(&mut self) -> String {
        let i = self.issue;
        let name = i.title.as_deref().or(i.publisher.as_deref()).or(i.source.as_deref().map(|s| s.split('.').next().unwrap_or(s))).unwrap_or("");
        let name = self.clean.text(name);
        if name.is_empty() {
            self.words.paper().to_string()
        } else {
            name
        }
    }

    fn build(mut self) -> Result<(Vec<u8>, Vec<Diagnostic>), ExportError> {
        let issue = self.issue;
        let modified = modified(issue);
        let zip_time = zip::DateTime::from_date_and_time(
            modified.year().clamp(1980, 2107) as u16,
            modified.month() as u8,
            modified.day() as u8,
            modified.hour() as u8,
            modified.minute() as u8,
            modified.second().min(58) as u8,
        )
        .unwrap_or_default();
        let lang = self.lang.clone();
        let zip = ZipLibrary::new().map_err(build_err)?;
        let mut b = EpubBuilder::new(zip).map_err(build_err)?;
        // `dc:` elements epub-builder cannot write; added by `archive::rewrite`.
        let mut opf_metadata = Vec::new();
        b.epub_version(EpubVersion::V30);

        // Metadata.
        let paper = self.paper();
        let title = match self.date {
            Some(d) => format!("{paper} {}", self.words.short_date(d)),
            None => paper.clone(),
        };
        b.set_title(title.clone());
        b.set_lang(lang.clone());
        b.set_generator("newsconv");
        b.set_toc_name(self.words.contents());
        b.set_uuid(identifier(issue));
        b.set_modified_date(modified);
        if let Some(p) = issue.publisher.as_deref().map(|p| self.clean.text(p)).filter(|p| !p.is_empty()) {
            // The paper is the book's creator; this also exercises the
            // creator + language combination that 0.8.3 breaks.
            b.add_author(p.clone());
            opf_metadata.push(format!("<dc:publisher>{}</dc:publisher>", escape(&p)));
        } else if issue.title.is_some() {
            b.add_author(paper.clone());
        }
        if let Some(d) = self.date {
            opf_metadata.push(format!("<dc:date>{}</dc:date>", d.format("%Y-%m-%d")));
        }

        // Fonts and stylesheet (needs every character of the book: render the documents first).
        let cover = self.cover(&title, &paper);
        let contents = self.contents();
        let mut pages = Vec::new();
        for pi in 0..issue.pages.len() {
            pages.push(self.page(pi));
        }

        let embedded = if self.options.embed_fonts {
            let mut used = String::new();
            used.push_str(&cover.1);
            used.push_str(&contents);
            for p in &pages {
                used.push_str(&p.body);
            }
            match fonts::subset_fonts(&used) {
                Ok(faces) => Some(faces),
                Err(msg) => {
                    self.warnings.push(Diagnostic::warning("epub-fonts", msg, None));
                    None
                }
            }
        } else {
            None
        };
        let css = css::stylesheet(embedded.as_ref().map(|f| (f.serif_path, f.sans_path)));
        b.stylesheet(css.as_bytes()).map_err(build_err)?;
        if let Some(f) = &embedded {
            b.add_resource(f.serif_path, f.serif.as_slice(), "font/otf").map_err(build_err)?;
            b.add_resource(f.sans_path, f.sans.as_slice(), "font/otf").map_err(build_err)?;
        }

        // Spine: cover, contents, pages.
        b.add_content(EpubContent::new("cover.xhtml", cover.0.as_bytes()).title(self.words.cover()).reftype(ReferenceType::Cover)).map_err(build_err)?;
        b.add_content(EpubContent::new("contents.xhtml", contents.as_bytes()).title(self.words.contents()).reftype(ReferenceType::Toc)).map_err(build_err)?;
        for (pi, p) in pages.into_iter().enumerate() {
            let mut c = EpubContent::new(page_file(pi), p.body.as_bytes()).title(p.title);
            if pi == 0 {
                c = c.reftype(ReferenceType::Text);
            }
            for (id, t) in p.toc {
                c = c.child(TocElement::new(format!("{}#{id}", page_file(pi)), t));
            }
            b.add_content(c).map_err(build_err)?;
        }

        if self.clean.dropped > 0 {
            self.warnings.push(Diagnostic::warning(
                "epub-dropped-chars",
                format!("dropped {} character(s) XML cannot carry (control characters)", self.clean.dropped),
                None,
            ));
        }
        let mut raw = Vec::new();
        b.generate(&mut raw).map_err(build_err)?;
        let opf_metadata = opf_metadata.join("\n    ");
        let out = archive::rewrite(&raw, &archive::Patch { time: zip_time, lang: &lang, opf_metadata: &opf_metadata })
            .map_err(|e| ExportError::Render(format!("epub: {e}")))?;
        Ok((out, self.warnings))
    }

    /// The cover document and its visible text.
    fn cover(&mut self, title: &str, paper: &str) -> (String, String) {
        let issue = self.issue;
        let mut s = String::new();
        s.push_str("<section class=\"cover\" epub:type=\"cover\">\n");
        let _ = writeln!(s, "<h1 class=\"paper\">{}</h1>", escape(paper));
        if let Some(d) = self.date {
            let _ = writeln!(s, "<p class=\"date\">{}</p>", escape(&self.words.date(d)));
        }
        if let Some(e) = issue.edition.as_deref().map(|e| self.clean.text(e)).filter(|e| !e.is_empty()) {
            let _ = writeln!(s, "<p class=\"edition\">{}</p>", escape(&e));
        }
        if let Some(p) = issue.publisher.as_deref().map(|p| self.clean.text(p)).filter(|p| !p.is_empty() && p != paper) {
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
                let _ = writeln!(s, "<h2>{}</h2>\n<ul class=\"front-heads\">", self.words.front_heads());
                for (p, t) in heads {
                    let _ = writeln!(s, "<li><a href=\"{}#{}\">{}</a></li>", page_file(p.0), art_id(p), escape(&t));
                }
                s.push_str("</ul>\n");
            }
        }
        s.push_str("</section>\n");
        (xhtml::document(&self.lang, title, "cover-page", &s), s)
    }

    fn contents(&mut self) -> String {
        let issue = self.issue;
        let mut s = String::new();
        let _ = writeln!(s, "<section class=\"contents\">\n<h1>{}</h1>\n<ol>", self.words.contents());
        for (pi, page) in issue.pages.iter().enumerate() {
            let (name, section) = self.page_title(page);
            let label = match section {
                Some(sec) => format!("{name} {sec}"),
                None => name,
            };
            let _ = write!(s, "<li class=\"page\"><a href=\"{}\">{}</a>", page_file(pi), escape(&label));
            let mut items = String::new();
            for (ai, a) in page.articles.iter().enumerate() {
                if self.merged.contains_key(&(pi, ai)) {
                    continue;
                }
                let t = self.nav_title(a);
                let _ = writeln!(items, "<li><a href=\"{}#{}\">{}</a></li>", page_file(pi), art_id((pi, ai)), escape(&t));
            }
            if !items.is_empty() {
                let _ = write!(s, "\n<ol>\n{items}</ol>\n");
            }
            s.push_str("</li>\n");
        }
        s.push_str("</ol>\n</section>\n");
        xhtml::document(&self.lang, self.words.contents(), "contents-page", &s)
    }

    fn page(&mut self, pi: usize) -> PageDoc {
        let page = &self.issue.pages[pi];
        let (name, section) = self.page_title(page);
        let title = match &section {
            Some(sec) => format!("{name} {sec}"),
            None => name.clone(),
        };
        let mut s = String::new();
        s.push_str("<section class=\"page\" epub:type=\"chapter\">\n");
        match &section {
            Some(sec) => {
                let _ = writeln!(s, "<h1 class=\"page-title\">{}<span class=\"section\">{}</span></h1>", escape(&name), escape(sec));
            }
            None => {
                let _ = writeln!(s, "<h1 class=\"page-title\">{}</h1>", escape(&name));
            }
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
        let unassigned: Vec<String> = page.unassigned.iter().map(|u| self.clean.text(&u.text)).filter(|t| !t.is_empty()).collect();
        if !unassigned.is_empty() {
            let _ = writeln!(s, "<section class=\"unassigned\">\n<h2>{}</h2>", self.words.unassigned());
            for t in unassigned {
                let _ = writeln!(s, "<p>{}</p>", escape(&t));
            }
            s.push_str("</section>\n");
        }
        s.push_str("</section>\n");
        PageDoc { body: xhtml::document(&self.lang, &title, "page", &s), title, toc }
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
        let _ = writeln!(s, "<article class=\"article {kind}\" id=\"{}\">", art_id(pos));
        s.push_str("<header class=\"article-head\">\n");
        if let Some(c) = a.column.as_deref().map(|c| self.clean.text(c)).filter(|c| !c.is_empty()) {
            let _ = writeln!(s, "<p class=\"column\">{}</p>", escape(&c));
        }
        if let Some(k) = a.kicker.as_deref().map(|k| self.clean.text(k)).filter(|k| !k.is_empty()) {
            let _ = writeln!(s, "<p class=\"kicker\">{}</p>", escape(&k));
        }
        let (t, made) = self.title(a);
        if made {
            let _ = writeln!(
                s,
                "<h2 class=\"headline made-up\" title=\"{}\"><span class=\"mark\">{}</span>{}</h2>",
                self.words.made_up_hint(),
                escape(self.words.mark().trim()),
                escape(&t)
            );
        } else {
            let _ = writeln!(s, "<h2 class=\"headline\">{}</h2>", escape(&t));
        }
        if let Some(sh) = a.subheadline.as_deref().map(|x| self.clean.text(x)).filter(|x| !x.is_empty()) {
            let _ = writeln!(s, "<p class=\"subheadline\">{}</p>", escape(&sh));
        }
        let byline_end = a.byline.as_ref().is_some_and(|b| b.after_body());
        if let Some(by) = a.byline.as_ref().filter(|_| !byline_end).map(|b| self.clean.text(&b.text)).filter(|x| !x.is_empty()) {
            let _ = writeln!(s, "<p class=\"byline\">{}</p>", escape(&by));
        }
        s.push_str("</header>\n");
        if let Some(j) = &a.continued_from {
            let note = match (j.label.as_deref().map(|l| self.clean.text(l)).filter(|l| !l.is_empty()), j.page) {
                (Some(l), _) => Some(l),
                (None, Some(n)) => {
                    let (name, _) = self.page_by_number(n);
                    Some(self.words.continued_from(&name))
                }
                _ => None,
            };
            if let Some(n) = note {
                let _ = writeln!(s, "<p class=\"jump-note\">{}</p>", escape(&n));
            }
        }
        let parts: Vec<Pos> = std::iter::once(pos).chain(self.chains.get(&pos).cloned().unwrap_or_default()).collect();
        let last = parts.len() - 1;
        for (k, &part) in parts.iter().enumerate() {
            let pa = self.article(part);
            if k > 0 {
                let name = self.page_name(part.0);
                let _ = writeln!(s, "<p class=\"jump-note\" id=\"{}-part{}\">{}</p>", art_id(pos), k + 1, escape(&self.words.jumped(&name)));
            }
            self.body(s, pa, k == 0);
            if k == last {
                if let Some(j) = &pa.continued_to {
                    let label = j.label.as_deref().map(|l| self.clean.text(l)).filter(|l| !l.is_empty());
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
                    if !note.is_empty() {
                        if !in_book {
                            note.push_str(self.words.not_in_book());
                        }
                        let _ = writeln!(s, "<p class=\"jump-note\">{}</p>", escape(&note));
                    }
                }
            }
        }
        s.push_str("</article>\n");
    }

    /// Paragraphs, headings, captions and an end byline of one article part.
    fn body(&mut self, s: &mut String, a: &Article, first_part: bool) {
        let mut dateline = if first_part { a.dateline.as_deref().map(|d| self.clean.text(d)).filter(|d| !d.is_empty()) } else { None };
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
                        let _ = writeln!(s, "<p><span class=\"dateline\">{}</span>{}</p>", escape(&d), escape(&text));
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
        for c in &a.captions {
            let text = self.clean.text(&c.text);
            let credit = c.credit.as_deref().map(|x| self.clean.text(x)).filter(|x| !x.is_empty());
            if text.is_empty() && credit.is_none() {
                continue;
            }
            let _ = write!(s, "<p class=\"caption\"><span class=\"label\">{}</span>{}", self.words.photo(), escape(&text));
            if let Some(cr) = credit {
                let _ = write!(s, "<span class=\"credit\">{}</span>", escape(&cr));
            }
            s.push_str("</p>\n");
        }
        if let Some(by) = a.byline.as_ref().filter(|b| b.after_body()).map(|b| self.clean.text(&b.text)).filter(|x| !x.is_empty()) {
            let _ = writeln!(s, "<p class=\"byline-end\">{}</p>", escape(&by));
        }
    }
}

/// One page document: its title, XHTML, and (id, title) of its articles for the navigation.
struct PageDoc {
    title: String,
    body: String,
    toc: Vec<(String, String)>,
}

use chrono::Timelike as _;

#[cfg(test)]
mod tests;
