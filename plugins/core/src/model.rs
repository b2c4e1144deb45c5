//! The document model: an issue is pages, a page is articles, an article is
//! blocks plus its display fields. Field names are the JSON contract.

use crate::date::IssueDate;
use crate::ocr::PageOcr;
use serde::{Deserialize, Serialize};

/// One newspaper issue.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Issue {
    /// Always [`crate::FORMAT_NAME`].
    #[serde(default = "format_name")]
    pub format: String,
    /// Always [`crate::FORMAT_VERSION`] when written by this version.
    pub version: u32,
    /// Paper name (from `--title` or the page furniture), if known.
    pub title: Option<String>,
    /// Issue date (`YYYY-MM-DD` in JSON), if known; always a real day.
    pub date: Option<IssueDate>,
    /// Publisher, if known.
    pub publisher: Option<String>,
    /// Edition (e.g. `A`, `城市版`), if known.
    pub edition: Option<String>,
    /// BCP 47 language tag; `zh-CN` when unknown.
    pub language: Option<String>,
    /// Name of the input the issue was read from (file or folder name, no directories).
    pub source: Option<String>,
    /// The fields above that were read off the page furniture rather than
    /// given on the command line, so nobody takes them for the publisher's
    /// metadata (`["date"]`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub from_page: Vec<IssueField>,
    /// The folder beside the outputs that holds the image bytes
    /// (`NAME.assets`), set when the outputs are written; an image's path
    /// relative to the outputs is [`Issue::image_path`].
    pub assets: Option<String>,
    /// The pages in order.
    pub pages: Vec<Page>,
}

/// An issue field the parser can read off the page furniture.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum IssueField {
    /// [`Issue::title`], from a masthead or running head.
    Title,
    /// [`Issue::date`], from a printed date.
    Date,
    /// [`Issue::edition`], from an edition line (`城市版`).
    Edition,
}

impl IssueField {
    /// The name used in JSON (`date` …).
    pub fn as_str(self) -> &'static str {
        match self {
            IssueField::Title => "title",
            IssueField::Date => "date",
            IssueField::Edition => "edition",
        }
    }
}

fn format_name() -> String {
    crate::FORMAT_NAME.to_string()
}

impl Issue {
    /// An empty issue carrying the current format name and version.
    pub fn new() -> Self {
        Issue {
            format: crate::FORMAT_NAME.into(),
            version: crate::FORMAT_VERSION,
            ..Default::default()
        }
    }

    /// The language tag to use in outputs (`zh-CN` when unset).
    pub fn lang(&self) -> &str {
        self.language
            .as_deref()
            .filter(|l| !l.is_empty())
            .unwrap_or("zh-CN")
    }

    /// Where an image's bytes are, relative to the outputs
    /// (`NAME.assets/p1-i3.jpg`), when it has bytes and the issue an
    /// assets folder.
    pub fn image_path(&self, image: &crate::Image) -> Option<String> {
        Some(format!(
            "{}/{}",
            self.assets.as_deref()?,
            image.file.as_deref()?
        ))
    }

    /// The image with this id, anywhere in the issue.
    pub fn image(&self, id: &str) -> Option<&crate::Image> {
        self.pages
            .iter()
            .flat_map(|p| p.images.iter())
            .find(|i| i.id == id)
    }

    /// Iterate over every article with the page it is printed on.
    pub fn articles(&self) -> impl Iterator<Item = (&Page, &Article)> {
        self.pages
            .iter()
            .flat_map(|p| p.articles.iter().map(move |a| (p, a)))
    }
}

/// One printed page.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Page {
    /// Page number: 1-based position in the issue, or the number the furniture prints.
    pub number: u32,
    /// Page label as printed (`A07`, `第7版`), if the furniture gives one.
    pub label: Option<String>,
    /// Section name as printed (`理论`, `综合新闻`), if the furniture gives one.
    pub section: Option<String>,
    /// Articles in reading order.
    pub articles: Vec<Article>,
    /// Page furniture: masthead, date line, page/section line, editor credits.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub furniture: Vec<Furniture>,
    /// Text the parser could not place in any article, kept so nothing is lost.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub unassigned: Vec<Unassigned>,
    /// Page-level diagnostics (for example interleaved columns).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
    /// The text layer with positions, when the front end knows them (page PDFs).
    pub layout: Option<crate::layout::PageLayout>,
    /// Set when the page's text was recognised from its image (OCR), not
    /// taken from the publisher's text layer: outputs say so.
    pub ocr: Option<PageOcr>,
    /// Every image drawn on the page, in drawing order.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub images: Vec<crate::Image>,
    /// Ids of the photos on the page that belong to no article.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub standalone_photos: Vec<String>,
    /// The page drawn as a picture, when an output asked for one (see
    /// [`crate::Exporter::cover`]); in memory only.
    #[serde(skip)]
    pub picture: Option<crate::PagePicture>,
}

/// One article (or brief, ear box, photo item) on a page.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Article {
    /// Stable id within the issue, e.g. `p1-a3`.
    #[serde(default, skip_serializing_if = "String::is_empty")]
    pub id: String,
    /// What kind of item this is; plain `article` is the default.
    #[serde(default, skip_serializing_if = "ArticleKind::is_article")]
    pub kind: ArticleKind,
    /// 引题: the lead-in line above the headline.
    pub kicker: Option<String>,
    /// 栏目 / series label.
    pub column: Option<String>,
    /// The main headline.
    pub headline: Option<String>,
    /// 副题: the subheadline below the headline.
    pub subheadline: Option<String>,
    /// The byline as printed, with the people in it.
    pub byline: Option<Byline>,
    /// Dateline such as `本报讯` or `新华社北京6月22日电`.
    pub dateline: Option<String>,
    /// Body: paragraphs and in-body section headings, in order.
    pub blocks: Vec<Block>,
    /// Photo captions belonging to the article.
    #[serde(default)]
    pub captions: Vec<Caption>,
    /// Ids of the photos (page images) that belong to the article, in
    /// reading order; the first is the lead photo.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub photos: Vec<String>,
    /// Where the article continues (jump line such as `（下转四版）`).
    pub continued_to: Option<Jump>,
    /// Where this part continues from (`（上接第一版）`).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub continued_from: Option<Jump>,
    /// Input lines this article was built from.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub source: Option<Span>,
    /// How sure the parser was, 0–100.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub confidence: Option<u8>,
    /// Why the parser was unsure, with input positions.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub diagnostics: Vec<Diagnostic>,
}

impl Article {
    /// The headline, or failing that a title made from the opening words.
    /// The flag is true when the title was made up.
    pub fn title(&self) -> (String, bool) {
        if let Some(h) = self.headline.as_deref().filter(|h| !h.trim().is_empty()) {
            return (h.to_string(), false);
        }
        let first = self
            .blocks
            .iter()
            .map(|b| b.text.as_str())
            .chain(self.captions.iter().map(|c| c.text.as_str()))
            .find(|t| !t.trim().is_empty())
            .unwrap_or("");
        let mut t: String = first.chars().take(16).collect();
        if first.chars().count() > 16 {
            t.push('…');
        }
        if t.is_empty() {
            t.push_str("（无题）");
        }
        (t, true)
    }
}

/// What kind of item an article is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ArticleKind {
    /// An ordinary article with body text.
    #[default]
    Article,
    /// A headline-only box (报眼).
    Ear,
    /// Photo news (图片新闻): headline plus caption-like text.
    PhotoNews,
    /// A photo with caption that belongs to no article.
    Photo,
    /// A short item (本报讯…) in a column of briefs.
    Brief,
}

impl ArticleKind {
    /// Every kind.
    pub const ALL: [ArticleKind; 5] = [
        ArticleKind::Article,
        ArticleKind::Ear,
        ArticleKind::PhotoNews,
        ArticleKind::Photo,
        ArticleKind::Brief,
    ];

    fn is_article(&self) -> bool {
        *self == ArticleKind::Article
    }

    /// The name used in JSON and in the exporters' extensions (`photo_news` …).
    pub fn name(self) -> &'static str {
        match self {
            ArticleKind::Article => "article",
            ArticleKind::Ear => "ear",
            ArticleKind::PhotoNews => "photo_news",
            ArticleKind::Photo => "photo",
            ArticleKind::Brief => "brief",
        }
    }

    /// The kind of an [`ArticleKind::name`].
    pub fn from_name(name: &str) -> Option<ArticleKind> {
        ArticleKind::ALL.into_iter().find(|k| k.name() == name)
    }
}

/// A byline as printed plus the people named in it.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Byline {
    /// The byline text as printed (`本报记者 姜海月`).
    pub text: String,
    /// The people named, with their roles.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
    /// Where the byline stood.
    pub position: Option<BylinePosition>,
}

impl Byline {
    /// True when the byline was printed after the body (`（记者 张三）` at the end).
    pub fn after_body(&self) -> bool {
        self.position == Some(BylinePosition::AfterBody)
    }
}

/// Where a byline stood relative to the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BylinePosition {
    /// On its own line(s) between the display type and the body.
    BeforeBody,
    /// After the last paragraph, usually bracketed.
    AfterBody,
    /// Inside the lead paragraph (`本报讯（记者 张三）…`).
    InlineLead,
}

impl BylinePosition {
    /// The name used in JSON (`before_body` …).
    pub fn as_str(self) -> &'static str {
        match self {
            BylinePosition::BeforeBody => "before_body",
            BylinePosition::AfterBody => "after_body",
            BylinePosition::InlineLead => "inline_lead",
        }
    }
}

impl std::str::FromStr for BylinePosition {
    type Err = String;
    /// The position a name from [`BylinePosition::as_str`] stands for.
    fn from_str(s: &str) -> Result<Self, String> {
        [Self::BeforeBody, Self::AfterBody, Self::InlineLead]
            .into_iter()
            .find(|k| k.as_str() == s)
            .ok_or_else(|| format!("unknown byline position {s:?}"))
    }
}

/// A person named in a byline or caption credit.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Person {
    /// The name as printed.
    pub name: String,
    /// Role as printed (`本报记者`, `通讯员`, `新华社记者`, `摄`), if any.
    pub role: Option<String>,
}

/// One block of an article body.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Block {
    /// Paragraph or in-body heading.
    pub kind: BlockKind,
    /// The block's text with line breaks healed.
    pub text: String,
}

impl Block {
    /// A paragraph block.
    pub fn paragraph(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Paragraph,
            text: text.into(),
        }
    }
    /// A section-heading block.
    pub fn heading(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Heading,
            text: text.into(),
        }
    }
    /// An end-matter note.
    pub fn note(text: impl Into<String>) -> Self {
        Block {
            kind: BlockKind::Note,
            text: text.into(),
        }
    }
}

/// The kind of a body block.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum BlockKind {
    /// A body paragraph.
    Paragraph,
    /// An in-body section heading (小标题).
    Heading,
    /// End matter printed after the body in brackets: the author's
    /// affiliation (`（作者单位：…）`), a source or editor's note.
    Note,
}

/// A photo caption.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Caption {
    /// The caption text (without the credit).
    pub text: String,
    /// The photo credit as printed (`本报记者 刘梦涛 摄`), if any.
    pub credit: Option<String>,
}

/// A jump to or from another page.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Jump {
    /// Page number jumped to or from, when the marker names one.
    pub page: Option<u32>,
    /// The marker as printed (`（下转四版）`).
    pub label: Option<String>,
    /// Id of the linked article part, when the other part was found.
    pub article: Option<String>,
}

/// A piece of page furniture.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Furniture {
    /// What it is.
    pub kind: FurnitureKind,
    /// The text as printed.
    pub text: String,
    /// Input line.
    pub line: Option<u32>,
    /// The people an editor credit names, each with the role printed before
    /// the name (`责编`, `美编`, `一审`).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub people: Vec<Person>,
}

/// What a piece of page furniture is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum FurnitureKind {
    /// The paper's name as a masthead or running head.
    Masthead,
    /// The issue date (with its weekday, or a lunar date) as printed.
    Date,
    /// The weekday printed on a line of its own (`星期五`).
    Weekday,
    /// The page number or label, alone or with the section name.
    Page,
    /// The section name (`理论`, `生活服务`).
    Section,
    /// Editor credits (`责编 王杨林 美编 季春`).
    Credit,
    /// A banner or slogan across the page.
    Banner,
    /// Contact lines: hotlines, mail and web addresses.
    Contact,
    /// The edition (`城市版`, `海外版`).
    Edition,
    /// An advertisement: its marker (`（广告）`) or its text, set apart
    /// from the articles by what it is made of (prices, phone numbers).
    Ad,
    /// A legal or official notice (`公告`, court notices with case numbers).
    Notice,
    /// A table (weather, listings) printed among the stories.
    Table,
    /// Furniture of no kind above.
    #[default]
    Other,
}

impl FurnitureKind {
    /// The name used in JSON and in `inspect` (`date`, `page` …).
    pub fn as_str(self) -> &'static str {
        match self {
            FurnitureKind::Masthead => "masthead",
            FurnitureKind::Date => "date",
            FurnitureKind::Page => "page",
            FurnitureKind::Section => "section",
            FurnitureKind::Credit => "credit",
            FurnitureKind::Banner => "banner",
            FurnitureKind::Contact => "contact",
            FurnitureKind::Weekday => "weekday",
            FurnitureKind::Edition => "edition",
            FurnitureKind::Ad => "ad",
            FurnitureKind::Notice => "notice",
            FurnitureKind::Table => "table",
            FurnitureKind::Other => "other",
        }
    }
}

impl std::str::FromStr for FurnitureKind {
    type Err = String;
    /// The kind a name from [`FurnitureKind::as_str`] stands for.
    fn from_str(s: &str) -> Result<Self, String> {
        [
            Self::Masthead,
            Self::Date,
            Self::Weekday,
            Self::Page,
            Self::Section,
            Self::Credit,
            Self::Banner,
            Self::Contact,
            Self::Edition,
            Self::Ad,
            Self::Notice,
            Self::Table,
            Self::Other,
        ]
        .into_iter()
        .find(|k| k.as_str() == s)
        .ok_or_else(|| format!("unknown furniture kind {s:?}"))
    }
}

impl std::fmt::Display for FurnitureKind {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.pad(self.as_str())
    }
}

/// Text that was not placed in any article.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Unassigned {
    /// The text.
    pub text: String,
    /// Input line.
    pub line: Option<u32>,
}

/// A range of input lines (1-based, inclusive).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
pub struct Span {
    /// First line.
    pub start: u32,
    /// Last line.
    pub end: u32,
}

/// A note from the parser or an exporter about something uncertain or lossy.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Diagnostic {
    /// `info`, `warning` or `error`.
    pub level: Level,
    /// Short machine-readable code, e.g. `headline-by-similarity`.
    pub code: String,
    /// Human-readable explanation.
    pub message: String,
    /// Input line, when it points at one.
    pub line: Option<u32>,
}

impl Diagnostic {
    /// A warning with a code and message.
    pub fn warning(code: &str, message: impl Into<String>, line: Option<u32>) -> Self {
        Diagnostic {
            level: Level::Warning,
            code: code.into(),
            message: message.into(),
            line,
        }
    }
    /// An informational note.
    pub fn info(code: &str, message: impl Into<String>, line: Option<u32>) -> Self {
        Diagnostic {
            level: Level::Info,
            code: code.into(),
            message: message.into(),
            line,
        }
    }
}

/// Severity of a diagnostic.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default, PartialOrd, Ord)]
#[serde(rename_all = "snake_case")]
pub enum Level {
    /// Informational.
    #[default]
    Info,
    /// Something may be wrong.
    Warning,
    /// Something is wrong.
    Error,
}
