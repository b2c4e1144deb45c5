//! The METS document of a package: header, a MODS record of what the issue
//! knows, the files with sizes and SHA-256 checksums, the physical map
//! (issue → pages → files) and the logical map (issue → articles → their
//! headline, byline, body paragraphs, captions …), whose areas point at the
//! ALTO blocks by ID.

use crate::xml::Xml;
use newsconv_core::{ExportError, Issue, Role};
use std::collections::HashSet;

/// A file of the package, as the METS lists it.
pub struct PackageFile {
    /// `ALTO0001`, `SRC1` …
    pub id: String,
    /// Path inside the package (`alto/0001.xml`).
    pub href: String,
    /// Media type.
    pub mime: &'static str,
    /// Size in bytes.
    pub size: usize,
    /// SHA-256, lowercase hex.
    pub sha256: String,
}

/// One element of a page as the logical map lists it.
pub struct Block {
    /// What it is.
    pub role: Role,
    /// Its article, if any.
    pub article: Option<usize>,
    /// The ALTO blocks that hold it, in order.
    pub ids: Vec<String>,
    /// Its text, when a reader would not get it from its blocks (see
    /// [`crate::block_text`]): written as the division's `LABEL`.
    pub label: Option<String>,
}

/// One page's part of the logical map: its elements in reading order.
pub struct PageBlocks {
    /// The page's ALTO file ID.
    pub alto: String,
    /// The elements, in reading order.
    pub blocks: Vec<Block>,
    /// Every block ID the page's ALTO holds.
    pub written: HashSet<String>,
}

/// The logical division type of a role (`HEADLINE` …).
fn div_type(r: Role) -> &'static str {
    match r {
        Role::Kicker => "KICKER",
        Role::Column => "COLUMN",
        Role::Headline => "HEADLINE",
        Role::Subheadline => "SUBHEADLINE",
        Role::Byline => "BYLINE",
        Role::Dateline => "DATELINE",
        Role::Paragraph => "PARAGRAPH",
        Role::Heading => "HEADING",
        Role::Note => "NOTE",
        Role::Caption => "CAPTION",
        Role::Furniture => "FURNITURE",
        Role::Unassigned => "TEXT",
    }
}

/// Write the METS document; fails when an area would point at a block no
/// ALTO file holds (XSD validation cannot see that).
pub fn write(
    issue: &Issue,
    files: &[PackageFile],
    sources: &[String],
    pages: &[PageBlocks],
) -> Result<String, ExportError> {
    let mut x = Xml::new();
    x.start(
        "mets:mets",
        &[
            ("xmlns:mets", "http://www.loc.gov/METS/"),
            ("xmlns:mods", "http://www.loc.gov/mods/v3"),
            ("xmlns:xlink", "http://www.w3.org/1999/xlink"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.loc.gov/METS/ http://www.loc.gov/standards/mets/mets.xsd",
            ),
            ("TYPE", "Newspaper"),
        ],
    );
    // Pinned: the issue date, else a fixed day; never the clock.
    let created = issue
        .date
        .map(|d| format!("{d}T00:00:00"))
        .unwrap_or_else(|| "2000-01-01T00:00:00".into());
    x.start("mets:metsHdr", &[("CREATEDATE", &created)]);
    x.start(
        "mets:agent",
        &[
            ("ROLE", "CREATOR"),
            ("TYPE", "OTHER"),
            ("OTHERTYPE", "SOFTWARE"),
        ],
    );
    x.text(
        "mets:name",
        &[],
        &format!("newsconv {}", env!("CARGO_PKG_VERSION")),
    );
    x.end("mets:agent");
    x.end("mets:metsHdr");
    mods(&mut x, issue);
    file_sec(&mut x, files);
    physical(&mut x, issue, files, sources);
    logical(&mut x, issue, pages)?;
    x.end("mets:mets");
    Ok(x.finish())
}

fn mods(x: &mut Xml, issue: &Issue) {
    x.start("mets:dmdSec", &[("ID", "DMD1")]);
    x.start("mets:mdWrap", &[("MDTYPE", "MODS")]);
    x.start("mets:xmlData", &[]);
    x.start("mods:mods", &[]);
    if let Some(t) = &issue.title {
        x.start("mods:titleInfo", &[]);
        x.text("mods:title", &[], t);
        x.end("mods:titleInfo");
    }
    x.text("mods:typeOfResource", &[], "text");
    x.text("mods:genre", &[], "newspaper");
    if issue.date.is_some() || issue.edition.is_some() || issue.publisher.is_some() {
        x.start("mods:originInfo", &[]);
        if let Some(p) = &issue.publisher {
            x.text("mods:publisher", &[], p);
        }
        if let Some(d) = issue.date {
            // A date read off the page says so.
            let from_page = issue.from_page.contains(&newsconv_core::IssueField::Date);
            let q: &[(&str, &str)] = if from_page {
                &[("encoding", "w3cdtf"), ("qualifier", "inferred")]
            } else {
                &[("encoding", "w3cdtf")]
            };
            x.text("mods:dateIssued", q, &d.to_string());
        }
        if let Some(e) = &issue.edition {
            x.text("mods:edition", &[], e);
        }
        x.end("mods:originInfo");
    }
    if let Some(l) = &issue.language {
        x.start("mods:language", &[]);
        x.text(
            "mods:languageTerm",
            &[("type", "code"), ("authority", "rfc5646")],
            l,
        );
        x.end("mods:language");
    }
    x.start("mods:part", &[]);
    for p in &issue.pages {
        x.start("mods:detail", &[("type", "page")]);
        x.text(
            "mods:number",
            &[],
            &p.label.clone().unwrap_or_else(|| p.number.to_string()),
        );
        x.end("mods:detail");
    }
    x.end("mods:part");
    crate::extension::write(x, issue);
    x.end("mods:mods");
    x.end("mets:xmlData");
    x.end("mets:mdWrap");
    x.end("mets:dmdSec");
}

fn file_sec(x: &mut Xml, files: &[PackageFile]) {
    x.start("mets:fileSec", &[]);
    for (group, prefix) in [("ALTO", "ALTO"), ("SOURCE", "SRC")] {
        let members: Vec<&PackageFile> =
            files.iter().filter(|f| f.id.starts_with(prefix)).collect();
        if members.is_empty() {
            continue;
        }
        x.start("mets:fileGrp", &[("USE", group)]);
        for f in members {
            let size = f.size.to_string();
            x.start(
                "mets:file",
                &[
                    ("ID", &f.id),
                    ("MIMETYPE", f.mime),
                    ("SIZE", &size),
                    ("CHECKSUM", &f.sha256),
                    ("CHECKSUMTYPE", "SHA-256"),
                ],
            );
            x.empty(
                "mets:FLocat",
                &[("LOCTYPE", "URL"), ("xlink:href", &f.href)],
            );
            x.end("mets:file");
        }
        x.end("mets:fileGrp");
    }
    x.end("mets:fileSec");
}

fn physical(x: &mut Xml, issue: &Issue, files: &[PackageFile], sources: &[String]) {
    x.start("mets:structMap", &[("TYPE", "PHYSICAL")]);
    x.start("mets:div", &[("TYPE", "issue"), ("ID", "PHYS_ISSUE")]);
    for (k, p) in issue.pages.iter().enumerate() {
        let id = format!("PHYS_{}", k + 1);
        let order = (k + 1).to_string();
        let label = p.label.clone().unwrap_or_else(|| p.number.to_string());
        x.start(
            "mets:div",
            &[
                ("TYPE", "page"),
                ("ID", &id),
                ("ORDER", &order),
                ("ORDERLABEL", &label),
            ],
        );
        x.empty("mets:fptr", &[("FILEID", &format!("ALTO{:04}", k + 1))]);
        // The page's source file: its own, or the one file of the issue.
        let src = sources.get(k).or_else(|| sources.first());
        if let Some(f) = src.and_then(|s| files.iter().find(|f| &f.href == s)) {
            x.empty("mets:fptr", &[("FILEID", &f.id)]);
        }
        x.end("mets:div");
    }
    x.end("mets:div");
    x.end("mets:structMap");
}

fn logical(x: &mut Xml, issue: &Issue, pages: &[PageBlocks]) -> Result<(), ExportError> {
    x.start("mets:structMap", &[("TYPE", "LOGICAL")]);
    x.start(
        "mets:div",
        &[("TYPE", "ISSUE"), ("ID", "LOG_ISSUE"), ("DMDID", "DMD1")],
    );
    for (pi, (page, pb)) in issue.pages.iter().zip(pages).enumerate() {
        for (ai, a) in page.articles.iter().enumerate() {
            let id = format!("LOG_{}_{}", pi + 1, ai + 1);
            let label = a.title().0;
            x.start(
                "mets:div",
                &[("TYPE", "ARTICLE"), ("ID", &id), ("LABEL", &label)],
            );
            let mut in_body = false;
            for b in pb.blocks.iter().filter(|b| b.article == Some(ai)) {
                let body = matches!(b.role, Role::Paragraph | Role::Heading | Role::Note);
                if body && !in_body {
                    x.start("mets:div", &[("TYPE", "BODY")]);
                } else if !body && in_body {
                    x.end("mets:div");
                }
                in_body = body;
                area(x, div_type(b.role), &pb.alto, b, &pb.written)?;
            }
            if in_body {
                x.end("mets:div");
            }
            x.end("mets:div");
        }
    }
    x.end("mets:div");
    x.end("mets:structMap");
    Ok(())
}

/// A division for one element, pointing at its ALTO blocks (in order,
/// one per column it runs through), with its text as `LABEL` where the
/// blocks do not give it.
fn area(
    x: &mut Xml,
    ty: &str,
    alto: &str,
    block: &Block,
    written: &HashSet<String>,
) -> Result<(), ExportError> {
    let blocks = &block.ids;
    let mut attrs = vec![("TYPE", ty)];
    if let Some(l) = &block.label {
        attrs.push(("LABEL", l));
    }
    if blocks.is_empty() {
        x.empty("mets:div", &attrs);
        return Ok(());
    }
    if let Some(b) = blocks.iter().find(|b| !written.contains(*b)) {
        return Err(ExportError::Render(format!(
            "mets: the logical map points at block {b}, which {alto} does not hold"
        )));
    }
    x.start("mets:div", &attrs);
    x.start("mets:fptr", &[]);
    if blocks.len() > 1 {
        x.start("mets:seq", &[]);
    }
    for b in blocks {
        x.empty(
            "mets:area",
            &[("FILEID", alto), ("BEGIN", b), ("BETYPE", "IDREF")],
        );
    }
    if blocks.len() > 1 {
        x.end("mets:seq");
    }
    x.end("mets:fptr");
    x.end("mets:div");
    Ok(())
}
