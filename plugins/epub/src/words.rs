//! The book's own words (cover, contents, jump notes, dates), in Chinese
//! or English by the book's language: everything the book says that the
//! issue does not.

use crate::{MADE_UP_MARK_EN, MADE_UP_MARK_ZH};
use newsconv_core::IssueDate;

const WEEK_ZH: [&str; 7] = [
    "星期一",
    "星期二",
    "星期三",
    "星期四",
    "星期五",
    "星期六",
    "星期日",
];
const WEEK_EN: [&str; 7] = [
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
];
const MONTH_EN: [&str; 12] = [
    "January",
    "February",
    "March",
    "April",
    "May",
    "June",
    "July",
    "August",
    "September",
    "October",
    "November",
    "December",
];

/// A fixed word of the book, said in the book's language by [`Words::get`].
#[derive(Debug, Clone, Copy)]
pub(crate) enum Word {
    /// The cover page's title.
    Cover,
    /// The contents page's title.
    Contents,
    /// The cover's list of front-page headlines.
    FrontHeads,
    /// The mark before a title made from the opening words.
    Mark,
    /// What that mark means.
    MadeUpHint,
    /// An article with no title.
    Untitled,
    /// The paper, when its name is unknown.
    Paper,
    /// A jump to a page this book does not hold.
    NotInBook,
    /// The heading of text placed in no article.
    Unassigned,
    /// The label of the landmarks list, told apart from the contents.
    Landmarks,
    /// The label of a photo caption.
    Photo,
    /// The alt text of a photo without a caption, before the headline.
    PhotoAlt,
    /// The book's `schema:accessibilitySummary`.
    AccessibilitySummary,
    /// The summary of a book with photos.
    AccessibilitySummaryPhotos,
}

impl Word {
    /// (Chinese, English).
    fn both(self) -> (&'static str, &'static str) {
        match self {
            Word::Cover => ("封面", "Cover"),
            Word::Contents => ("目录", "Contents"),
            Word::FrontHeads => ("头版要闻", "On the front page"),
            Word::Mark => (MADE_UP_MARK_ZH, MADE_UP_MARK_EN),
            Word::MadeUpHint => ("标题取自正文开头", "title taken from the opening words"),
            Word::Untitled => ("（无题）", "(untitled)"),
            Word::Paper => ("报纸", "Newspaper"),
            Word::NotInBook => ("（该版未收入本书）", " (that page is not in this book)"),
            Word::Unassigned => ("未归入文章的文字", "Text not placed in an article"),
            Word::Landmarks => ("导航地标", "Landmarks"),
            Word::Photo => ("图片", "Photo"),
            Word::PhotoAlt => ("照片：", "Photo: "),
            Word::AccessibilitySummaryPhotos => ("本书为电子报：各版文章按阅读顺序排列，设有目录和标题导航；新闻照片附有图片说明或替代文字，无闪烁、动画或声音。", "A newspaper e-book: each page's articles in reading order, with a table of contents and headings to navigate by; news photos carry their captions or a text alternative; nothing flashes, moves or plays sound."),
            Word::AccessibilitySummary => ("本书为纯文本电子报：各版文章按阅读顺序排列，设有目录和标题导航，无闪烁、动画或声音。", "A text-only newspaper e-book: each page's articles in reading order, with a table of contents and headings to navigate by; nothing flashes, moves or plays sound."),
        }
    }
}

/// Words of the book's own furniture, in Chinese or English.
pub(crate) struct Words {
    pub(crate) zh: bool,
}

impl Words {
    /// One fixed word in the book's language.
    pub(crate) fn get(&self, w: Word) -> &'static str {
        let (zh, en) = w.both();
        if self.zh {
            zh
        } else {
            en
        }
    }
    pub(crate) fn page(&self, n: u32) -> String {
        if self.zh {
            format!("第{n}版")
        } else {
            format!("Page {n}")
        }
    }
    pub(crate) fn page_label(&self, label: &str) -> String {
        if !self.zh || label.starts_with('第') || label.ends_with('版') {
            label.to_string()
        } else {
            format!("{label}版")
        }
    }
    /// The alt text of the front page's picture on the cover.
    pub(crate) fn front_page_alt(&self, page: &str) -> String {
        if self.zh { format!("{page}版面（印刷版原样）") } else { format!("{page} as printed") }
    }
    pub(crate) fn jumped(&self, page: &str) -> String {
        if self.zh {
            format!("（印刷版转{page}，以下接续）")
        } else {
            format!("(continued on {page} in print)")
        }
    }
    pub(crate) fn continued_to(&self, page: &str) -> String {
        if self.zh {
            format!("（下转{page}）")
        } else {
            format!("(continued on {page})")
        }
    }
    pub(crate) fn continued_from(&self, page: &str) -> String {
        if self.zh {
            format!("（上接{page}）")
        } else {
            format!("(continued from {page})")
        }
    }
    pub(crate) fn merged_into(&self, title: &str, page: &str) -> (String, String) {
        if self.zh {
            (format!("《{title}》（上接{page}）全文见"), page.to_string())
        } else {
            (
                format!("“{title}” (continued from {page}): read it whole on "),
                page.to_string(),
            )
        }
    }
    /// The cover's date line: `2024年4月19日 星期五`, `Friday, 19 April 2024`.
    pub(crate) fn date(&self, d: IssueDate) -> String {
        let wd = d.weekday() as usize;
        if self.zh {
            format!("{} {}", d.chinese(), WEEK_ZH[wd])
        } else {
            format!("{}, {}", WEEK_EN[wd], self.short_date(d))
        }
    }
    /// The date in the book's title: `2024年4月19日`, `19 April 2024`.
    pub(crate) fn short_date(&self, d: IssueDate) -> String {
        if self.zh {
            d.chinese()
        } else {
            format!(
                "{} {} {:04}",
                d.day(),
                MONTH_EN[d.month() as usize - 1],
                d.year()
            )
        }
    }
}
