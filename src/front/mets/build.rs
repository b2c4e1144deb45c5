//! The issue rebuilt from a package: fields from the MODS record and its
//! extension, articles from the LOGICAL map with the text of their
//! divisions from the ALTO blocks, layouts from the ALTO lines.

use super::alto::{below, AltoRead};
use super::{struct_map, MetsError, PageFile, METS};
use newsconv_core::{
    Article, ArticleKind, Block, BlockKind, Byline, Caption, Diagnostic, Furniture, Issue,
    IssueField, Jump, Level, OcrReason, Page, PageLayout, PageOcr, Person, Span, Unassigned,
};
use newsconv_mets::{block_text, caption_text, NC};
use newsconv_newsml::dom::Elem;
use std::path::Path;

const MODS: &str = "http://www.loc.gov/mods/v3";

type Result<T> = std::result::Result<T, MetsError>;

fn err(path: &Path, message: String) -> MetsError {
    MetsError {
        path: path.to_path_buf(),
        message,
    }
}

/// The whole issue.
pub fn issue(path: &Path, root: &Elem, files: &[PageFile]) -> Result<Issue> {
    let mut issue = Issue::new();
    let mods = below(root, "mods")
        .into_iter()
        .find(|m| m.ns.as_deref() == Some(MODS));
    let ext = mods.and_then(|m| {
        below(m, "issue")
            .into_iter()
            .find(|e| e.ns.as_deref() == Some(NC))
    });
    if let Some(m) = mods {
        record(m, &mut issue);
    }
    let ext_pages: Vec<&Elem> = ext.map(|e| e.all(NC, "page").collect()).unwrap_or_default();
    if let Some(e) = ext {
        issue.source = e.attr("source").map(str::to_string);
        issue.from_page = e
            .attr("from_page")
            .unwrap_or("")
            .split_whitespace()
            .filter_map(field)
            .collect();
    }
    for (k, f) in files.iter().enumerate() {
        let mut page = Page {
            number: k as u32 + 1,
            layout: layout(&f.alto),
            ..Default::default()
        };
        if let Some(p) = ext_pages.get(k) {
            page_fields(path, p, &mut page)?;
        }
        issue.pages.push(page);
    }
    let logical =
        struct_map(root, "LOGICAL").ok_or_else(|| err(path, "no LOGICAL structMap".into()))?;
    let articles: Vec<&Elem> = below(logical, "div")
        .into_iter()
        .flat_map(|d| d.all(METS, "div"))
        .filter(|d| d.attr("TYPE") == Some("ARTICLE"))
        .collect();
    let mut next = articles.into_iter();
    for (k, f) in files.iter().enumerate() {
        let exts: Vec<&Elem> = ext_pages
            .get(k)
            .map(|p| p.all(NC, "article").collect())
            .unwrap_or_default();
        for x in exts {
            let div = next.next().ok_or_else(|| {
                err(
                    path,
                    format!(
                        "the extension lists more articles on page {} than the LOGICAL map",
                        k + 1
                    ),
                )
            })?;
            let a = article(path, div, x, f)?;
            issue.pages[k].articles.push(a);
        }
    }
    if let Some(div) = next.next() {
        return Err(err(path, format!("line {}: an ARTICLE division that newsconv's extension does not list (not a package newsconv wrote?)", div.line)));
    }
    Ok(issue)
}

fn field(s: &str) -> Option<IssueField> {
    [IssueField::Title, IssueField::Date, IssueField::Edition]
        .into_iter()
        .find(|f| f.as_str() == s)
}

/// Title, date, publisher, edition and language from the MODS record.
fn record(m: &Elem, issue: &mut Issue) {
    let text = |name: &str| {
        below(m, name)
            .into_iter()
            .find(|e| e.ns.as_deref() == Some(MODS))
            .map(|e| e.text())
    };
    issue.title = text("title");
    issue.publisher = text("publisher");
    issue.edition = text("edition");
    issue.language = text("languageTerm");
    issue.date = text("dateIssued").and_then(|d| d.trim().parse().ok());
}

fn num<T: std::str::FromStr>(path: &Path, e: &Elem, name: &str) -> Result<Option<T>> {
    e.attr(name)
        .map(|v| {
            v.parse().map_err(|_| {
                err(
                    path,
                    format!("line {}: <{}> {name}={v:?} is not a number", e.line, e.name),
                )
            })
        })
        .transpose()
}

/// A page's number, label, section, furniture, unplaced text and
/// diagnostics from the extension.
fn page_fields(path: &Path, p: &Elem, page: &mut Page) -> Result<()> {
    page.number = num(path, p, "number")?.unwrap_or(page.number);
    page.label = p.attr("label").map(str::to_string);
    page.section = p.attr("section").map(str::to_string);
    for f in p.all(NC, "furniture") {
        let kind = f
            .attr("kind")
            .unwrap_or("other")
            .parse()
            .map_err(|e: String| err(path, format!("line {}: {e}", f.line)))?;
        page.furniture.push(Furniture {
            kind,
            text: f.attr("text").unwrap_or("").into(),
            line: num(path, f, "line")?,
            people: people(f),
        });
    }
    for u in p.all(NC, "unassigned") {
        page.unassigned.push(Unassigned {
            text: u.attr("text").unwrap_or("").into(),
            line: num(path, u, "line")?,
        });
    }
    if let Some(o) = p.all(NC, "ocr").next() {
        let reason = o
            .attr("reason")
            .and_then(OcrReason::from_name)
            .ok_or_else(|| err(path, format!("line {}: <ocr> has no known reason", o.line)))?;
        let (engine, language) = (
            o.attr("engine").unwrap_or("").into(),
            o.attr("language").unwrap_or("").into(),
        );
        page.ocr = Some(PageOcr {
            reason,
            engine,
            language,
            dpi: num(path, o, "dpi")?.unwrap_or(0),
            confidence: num(path, o, "confidence")?.unwrap_or(0.0),
        });
    }
    page.diagnostics = diagnostics(path, p)?;
    Ok(())
}

fn people(e: &Elem) -> Vec<Person> {
    e.all(NC, "person")
        .map(|p| Person {
            name: p.attr("name").unwrap_or("").into(),
            role: p.attr("role").map(str::to_string),
        })
        .collect()
}

fn diagnostics(path: &Path, e: &Elem) -> Result<Vec<Diagnostic>> {
    let level = |l: Option<&str>| match l {
        Some("warning") => Level::Warning,
        Some("error") => Level::Error,
        _ => Level::Info,
    };
    e.all(NC, "diagnostic")
        .map(|d| {
            Ok(Diagnostic {
                level: level(d.attr("level")),
                code: d.attr("code").unwrap_or("").into(),
                message: d.attr("message").unwrap_or("").into(),
                line: num(path, d, "line")?,
            })
        })
        .collect()
}

/// The page's layout from its ALTO lines, in input-line order (the
/// layout's reading order), when the ALTO gives the page's size.
fn layout(alto: &AltoRead) -> Option<PageLayout> {
    let (width, height) = alto.size?;
    let mut lines: Vec<_> = alto
        .order
        .iter()
        .flat_map(|id| &alto.blocks[id].lines)
        .filter(|l| l.positioned)
        .map(|l| l.line.clone())
        .collect();
    lines.sort_by_key(|l| l.line);
    Some(PageLayout {
        width,
        height,
        lines,
    })
}

/// The divisions of an article, the BODY's opened in place.
fn divisions(div: &Elem) -> Vec<&Elem> {
    div.all(METS, "div")
        .flat_map(|d| {
            if d.attr("TYPE") == Some("BODY") {
                d.all(METS, "div").collect()
            } else {
                vec![d]
            }
        })
        .collect()
}

/// A division's text: its `LABEL`, else its blocks' lines joined.
fn text(path: &Path, d: &Elem, f: &PageFile) -> Result<String> {
    if let Some(l) = d.attr("LABEL") {
        return Ok(l.to_string());
    }
    let mut lines = Vec::new();
    for a in below(d, "area") {
        let (file, begin) = (
            a.attr("FILEID").unwrap_or(""),
            a.attr("BEGIN").unwrap_or(""),
        );
        let block = f.alto.blocks.get(begin).filter(|_| file == f.id);
        let Some(b) = block else {
            return Err(err(path, format!("line {}: dangling area: FILEID {file:?} BEGIN {begin:?} is no block of this page's ALTO, {}", a.line, f.path.display())));
        };
        lines.extend(b.lines.iter().map(|l| l.line.text.as_str()));
    }
    Ok(block_text(&lines))
}

fn jump(e: Option<&Elem>, path: &Path) -> Result<Option<Jump>> {
    let Some(e) = e else { return Ok(None) };
    Ok(Some(Jump {
        page: num(path, e, "page")?,
        label: e.attr("label").map(str::to_string),
        article: e.attr("article").map(str::to_string),
    }))
}

/// One article: its divisions' texts in their fields, the rest from its
/// entry in the extension.
fn article(path: &Path, div: &Elem, x: &Elem, f: &PageFile) -> Result<Article> {
    let mut a = Article {
        id: x.attr("id").unwrap_or("").into(),
        ..Default::default()
    };
    a.kind = x
        .attr("kind")
        .and_then(ArticleKind::from_name)
        .unwrap_or_default();
    if let (Some(start), Some(end)) = (num(path, x, "first")?, num(path, x, "last")?) {
        a.source = Some(Span { start, end });
    }
    a.confidence = num(path, x, "confidence")?;
    let mut captions = x.all(NC, "caption").filter(|c| {
        !(c.attr("text").is_some_and(|t| t.trim().is_empty())
            && c.attr("credit").is_none_or(|c| c.trim().is_empty()))
    });
    for d in divisions(div) {
        let t = text(path, d, f)?;
        match d.attr("TYPE").unwrap_or("") {
            "KICKER" => a.kicker = Some(t),
            "COLUMN" => a.column = Some(t),
            "HEADLINE" => a.headline = Some(t),
            "SUBHEADLINE" => a.subheadline = Some(t),
            "DATELINE" => a.dateline = Some(t),
            "BYLINE" => {
                let position = x
                    .attr("byline_position")
                    .map(|p| {
                        p.parse()
                            .map_err(|e: String| err(path, format!("line {}: {e}", x.line)))
                    })
                    .transpose()?;
                a.byline = Some(Byline {
                    text: t,
                    people: people(x),
                    position,
                });
            }
            "PARAGRAPH" => a.blocks.push(Block {
                kind: BlockKind::Paragraph,
                text: t,
            }),
            "HEADING" => a.blocks.push(Block {
                kind: BlockKind::Heading,
                text: t,
            }),
            "NOTE" => a.blocks.push(Block {
                kind: BlockKind::Note,
                text: t,
            }),
            "CAPTION" => {
                let c = captions.next();
                let credit = c.and_then(|c| c.attr("credit")).map(str::to_string);
                let text = c
                    .and_then(|c| c.attr("text"))
                    .map(str::to_string)
                    .unwrap_or_else(|| caption_text(&t, credit.as_deref()));
                a.captions.push(Caption { text, credit });
            }
            o => {
                return Err(err(
                    path,
                    format!("line {}: a division of TYPE {o:?} in an ARTICLE", d.line),
                ))
            }
        }
    }
    // Captions with no text at all have no division.
    for c in x.all(NC, "caption").skip(a.captions.len()) {
        a.captions.push(Caption {
            text: c.attr("text").unwrap_or("").into(),
            credit: c.attr("credit").map(str::to_string),
        });
    }
    a.continued_to = jump(x.child(NC, "continued_to"), path)?;
    a.continued_from = jump(x.child(NC, "continued_from"), path)?;
    a.diagnostics = diagnostics(path, x)?;
    Ok(a)
}
