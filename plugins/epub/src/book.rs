//! The book being built, in pipeline order: the parts of the issue's
//! stories placed (a story that jumps pages is read whole where it
//! starts), then metadata, the documents (rendered before the fonts, which
//! are subset to every character the documents hold), stylesheet and
//! fonts, the spine, and the deterministic container.

use crate::docs::{page_file, PageDoc};
use crate::meta::{check_lang, identifier, modified, zip_time};
use crate::words::{Word, Words};
use crate::xhtml::{escape, Cleaner};
use crate::{a11y, archive, css, fonts, images, EpubOptions};
use chrono::{DateTime, Utc};
use epub_builder::{EpubBuilder, EpubContent, EpubVersion, ReferenceType, TocElement, ZipLibrary};
use newsconv_core::{Article, Diagnostic, ExportError, Issue, Page};
use std::collections::HashMap;

/// Path of the front page's picture in the book.
pub(crate) const COVER_HREF: &str = "images/cover.jpg";

/// Position of an article: (page index, article index).
pub(crate) type Pos = (usize, usize);

pub(crate) struct Book<'a> {
    pub(crate) issue: &'a Issue,
    options: &'a EpubOptions,
    pub(crate) lang: String,
    pub(crate) words: Words,
    pub(crate) clean: Cleaner,
    warnings: Vec<Diagnostic>,
    /// Later parts of each story that jumps pages, in reading order, keyed by its first part.
    pub(crate) chains: HashMap<Pos, Vec<Pos>>,
    /// Later parts of stories (rendered with their first part), mapped to that part.
    pub(crate) merged: HashMap<Pos, Pos>,
    /// The photos the book shows, by image id, in reading order.
    pub(crate) images: Vec<(String, images::BookImage<'a>)>,
}

fn build_err(e: epub_builder::Error) -> ExportError {
    ExportError::Render(format!("epub: {e}"))
}

impl<'a> Book<'a> {
    pub(crate) fn new(issue: &'a Issue, options: &'a EpubOptions) -> Self {
        let mut warnings = Vec::new();
        let lang = match check_lang(issue.lang().trim()) {
            Some(l) => l,
            None => {
                warnings.push(Diagnostic::warning("epub-bad-language", format!("language {:?} is not a language tag; using zh-CN", issue.lang()), None));
                "zh-CN".to_string()
            }
        };
        let words = Words { zh: lang.to_ascii_lowercase().starts_with("zh") };
        let (mut chains, mut merged) = (HashMap::new(), HashMap::new());
        for story in issue.stories() {
            let head = (story.head().page_index, story.head().index);
            let rest: Vec<Pos> = story.parts[1..].iter().map(|p| (p.page_index, p.index)).collect();
            for &part in &rest {
                merged.insert(part, head);
            }
            if !rest.is_empty() {
                chains.insert(head, rest);
            }
        }
        let mut book = Book { issue, options, lang, words, clean: Cleaner::default(), warnings, chains, merged, images: Vec::new() };
        for img in book.photos() {
            match images::prepare(img) {
                Ok(b) => book.images.push((img.id.clone(), b)),
                Err(why) => book.warnings.push(Diagnostic::warning("epub-photo-left-out", format!("photo left out: {why}"), None)),
            }
        }
        book
    }

    /// Build the book: its bytes and the warnings.
    pub(crate) fn build(mut self) -> Result<(Vec<u8>, Vec<Diagnostic>), ExportError> {
        let modified = modified(self.issue);
        let mut b = EpubBuilder::new(ZipLibrary::new().map_err(build_err)?).map_err(build_err)?;
        b.epub_version(EpubVersion::V30);
        let (title, paper, opf_metadata) = self.metadata(&mut b, modified);
        let (cover, cover_text) = self.cover(&title, &paper);
        let contents = self.contents();
        let pages: Vec<PageDoc> = (0..self.issue.pages.len()).map(|pi| self.page(pi)).collect();
        let texts: Vec<&str> = [cover_text.as_str(), contents.as_str()].into_iter().chain(pages.iter().map(|p| p.body.as_str())).collect();
        self.style(&mut b, &texts)?;
        // Empty here, their bytes stored by the rewrite (see `archive`).
        for (_, img) in &self.images {
            b.add_resource(&img.href, &[][..], img.media).map_err(build_err)?;
        }
        let mut files: Vec<(String, &[u8])> = self.images.iter().map(|(_, img)| (format!("OEBPS/{}", img.href), &*img.data)).collect();
        if let Some(pic) = self.cover_picture() {
            // The manifest's cover-image (and the EPUB 2 `cover` meta).
            b.add_cover_image(COVER_HREF, &[][..], "image/jpeg").map_err(build_err)?;
            files.push((format!("OEBPS/{COVER_HREF}"), &*pic.jpeg));
        }
        self.spine(&mut b, &cover, &contents, pages)?;
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
        let out = archive::rewrite(&raw, &archive::Patch { time: zip_time(modified), lang: &self.lang, opf_metadata: &opf_metadata, landmarks_label: self.words.get(Word::Landmarks), files: &files })
            .map_err(|e| ExportError::Render(format!("epub: {e}")))?;
        Ok((out, self.warnings))
    }

    /// Title, language, identifier, dates and creator. Returns the book's
    /// title, the paper's name and the `dc:` elements epub-builder cannot
    /// write (added by `archive::rewrite`).
    fn metadata(&mut self, b: &mut EpubBuilder<ZipLibrary>, modified: DateTime<Utc>) -> (String, String, Vec<String>) {
        let issue = self.issue;
        let mut opf_metadata = Vec::new();
        let paper = self.paper();
        let title = match issue.date {
            Some(d) => format!("{paper} {}", self.words.short_date(d)),
            None => paper.clone(),
        };
        b.set_title(title.clone());
        b.set_lang(self.lang.clone());
        b.set_generator("newsconv");
        b.set_toc_name(self.words.get(Word::Contents));
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
        if let Some(d) = issue.date {
            opf_metadata.push(format!("<dc:date>{d}</dc:date>"));
        }
        opf_metadata.extend(a11y::metadata(&self.words, self.has_pictures()));
        (title, paper, opf_metadata)
    }

    /// The stylesheet and, with `embed_fonts`, the faces subset to the
    /// characters of `texts` (every document's visible text).
    fn style(&mut self, b: &mut EpubBuilder<ZipLibrary>, texts: &[&str]) -> Result<(), ExportError> {
        let embedded = if self.options.embed_fonts {
            match fonts::subset_fonts(&texts.concat()) {
                Ok(faces) => Some(faces),
                Err(msg) => {
                    self.warnings.push(Diagnostic::warning("epub-fonts", msg, None));
                    None
                }
            }
        } else {
            None
        };
        let css = css::stylesheet(embedded.as_ref().map(|f| (f.serif_path, f.sans_path)), self.has_pictures());
        b.stylesheet(css.as_bytes()).map_err(build_err)?;
        if let Some(f) = &embedded {
            b.add_resource(f.serif_path, f.serif.as_slice(), "font/otf").map_err(build_err)?;
            b.add_resource(f.sans_path, f.sans.as_slice(), "font/otf").map_err(build_err)?;
        }
        Ok(())
    }

    /// The front page as printed, when the front end drew it (page PDFs).
    pub(crate) fn cover_picture(&self) -> Option<&'a newsconv_core::PagePicture> {
        self.issue.pages.first()?.picture.as_ref()
    }

    /// The book shows pictures: photos or the front page.
    pub(crate) fn has_pictures(&self) -> bool {
        !self.images.is_empty() || self.cover_picture().is_some()
    }

    /// The photos the book shows: those of its articles and the page's
    /// standalone ones that have bytes, each once, in reading order.
    pub(crate) fn photos(&self) -> Vec<&'a newsconv_core::Image> {
        let issue = self.issue;
        let mut out: Vec<&newsconv_core::Image> = Vec::new();
        for page in &issue.pages {
            let ids = page.articles.iter().flat_map(|a| a.photos.iter()).chain(page.standalone_photos.iter());
            for img in ids.filter_map(|id| issue.image(id)).filter(|i| i.is_photo()) {
                if !out.iter().any(|o| o.id == img.id) {
                    out.push(img);
                }
            }
        }
        out
    }

    /// The spine: cover, contents, pages; the navigation nests page → article.
    fn spine(&self, b: &mut EpubBuilder<ZipLibrary>, cover: &str, contents: &str, pages: Vec<PageDoc>) -> Result<(), ExportError> {
        b.add_content(EpubContent::new("cover.xhtml", cover.as_bytes()).title(self.words.get(Word::Cover)).reftype(ReferenceType::Cover)).map_err(build_err)?;
        b.add_content(EpubContent::new("contents.xhtml", contents.as_bytes()).title(self.words.get(Word::Contents)).reftype(ReferenceType::Toc)).map_err(build_err)?;
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
        Ok(())
    }

    pub(crate) fn article(&self, p: Pos) -> &'a Article {
        &self.issue.pages[p.0].articles[p.1]
    }

    /// A page's name (`第7版`, `A07版`) and section, cleaned.
    pub(crate) fn page_title(&mut self, page: &Page) -> (String, Option<String>) {
        let label = page.label.as_deref().map(|l| self.clean.text(l)).filter(|l| !l.is_empty());
        let name = match label {
            Some(l) => self.words.page_label(&l),
            None => self.words.page(page.number),
        };
        let section = page.section.as_deref().map(|s| self.clean.text(s)).filter(|s| !s.is_empty());
        (name, section)
    }

    pub(crate) fn page_name(&mut self, pi: usize) -> String {
        let page = &self.issue.pages[pi];
        self.page_title(page).0
    }

    /// Name of a page by its printed number, for jump notes.
    pub(crate) fn page_by_number(&mut self, n: u32) -> (String, Option<usize>) {
        match self.issue.pages.iter().position(|p| p.number == n) {
            Some(pi) => (self.page_name(pi), Some(pi)),
            None => (self.words.page(n), None),
        }
    }

    /// Plain (cleaned, unescaped) title and whether it was made up.
    pub(crate) fn title(&mut self, a: &Article) -> (String, bool) {
        let (t, made) = a.title();
        let t = self.clean.text(&t);
        if t.is_empty() {
            (self.words.get(Word::Untitled).to_string(), true)
        } else {
            (t, made)
        }
    }

    pub(crate) fn nav_title(&mut self, a: &Article) -> String {
        let (t, made) = self.title(a);
        if made && t != self.words.get(Word::Untitled) {
            format!("{}{t}", self.words.get(Word::Mark))
        } else {
            t
        }
    }

    /// The paper's name: title, publisher, or the source file's stem.
    fn paper(&mut self) -> String {
        let i = self.issue;
        let name = i.title.as_deref().or(i.publisher.as_deref()).or(i.source.as_deref().map(|s| s.split('.').next().unwrap_or(s))).unwrap_or("");
        let name = self.clean.text(name);
        if name.is_empty() {
            self.words.get(Word::Paper).to_string()
        } else {
            name
        }
    }
}
