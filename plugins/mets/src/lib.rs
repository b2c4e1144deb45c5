//! The library archive package: METS with one ALTO file per page, the
//! format national libraries ingest (Chronicling America, Europeana
//! Newspapers). `newsconv convert IN --to mets -o DIR` writes the folder
//! `DIR/NAME.mets/` holding `mets.xml`, `alto/0001.xml` … (one per page)
//! and, under `source/`, the page files the issue was read from, so the
//! package stands alone.
//!
//! Layout: [`alto`] (a page's blocks, lines and words, tagged by role,
//! positioned in 1/1200 inch from the PDF's text layer), [`mets`] (the
//! MODS record, files with SHA-256, physical and logical maps),
//! [`extension`] (what the model holds that METS, MODS and ALTO have no
//! place for), [`xml`].
//!
//! A package reads back into the same issue (`src/front/mets`): the
//! articles from the logical map, their text from the ALTO blocks its
//! areas point at (a division whose text is not its blocks' text joined by
//! [`block_text`] carries it as `LABEL`), each page's layout from the ALTO
//! lines, the rest from the MODS record and its extension.
//! The blocks and what they hold come from `Page::elements` in the model:
//! this crate derives nothing itself. Deterministic: the same issue gives
//! the same bytes (METS `CREATEDATE` is the issue date, or 2000-01-01).

mod alto;
mod extension;
mod mets;
mod xml;

pub use alto::line_id;
pub use extension::NC;

use mets::{PackageFile, PageBlocks};
use newsconv_core::{Diagnostic, ExportError, Exporter, Issue, RenderContext};
use sha2::{Digest, Sha256};
use std::io::Write;
use std::path::Path;

/// Does nothing; see `newsconv::link_plugins`.
pub fn link() {}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}

fn file(id: String, href: String, mime: &'static str, bytes: &[u8]) -> PackageFile {
    PackageFile {
        id,
        href,
        mime,
        size: bytes.len(),
        sha256: hex(&Sha256::digest(bytes)),
    }
}

/// A file name safe in a package on any system: letters (any script),
/// digits, `.`, `-` and `_` kept, anything else `_`, no leading dot.
fn safe_name(name: &str) -> String {
    let s: String = name
        .chars()
        .map(|c| {
            if c.is_alphanumeric() || matches!(c, '.' | '-' | '_') {
                c
            } else {
                '_'
            }
        })
        .collect();
    let s = s.trim_start_matches('.');
    if s.is_empty() {
        "source".into()
    } else {
        s.to_string()
    }
}

/// The text of a block's lines as a reader takes it: the lines (words one
/// space apart, as ALTO writes them) joined like wrapped lines: nothing
/// between CJK, a space between Latin words.
pub fn block_text(lines: &[&str]) -> String {
    let mut out = String::new();
    for l in lines {
        let l = l.split_whitespace().collect::<Vec<_>>().join(" ");
        if let (Some(a), Some(b)) = (out.chars().last(), l.chars().next()) {
            if (a.is_ascii_alphanumeric() || matches!(a, ',' | '.' | ';' | ':' | '!' | '?'))
                && b.is_ascii_alphanumeric()
            {
                out.push(' ');
            }
        }
        out.push_str(&l);
    }
    out
}

/// A caption's text from its division's text and its credit: the model
/// prints them as one element, text then credit.
pub fn caption_text(element: &str, credit: Option<&str>) -> String {
    match credit.and_then(|c| element.strip_suffix(c)) {
        Some(t) => t.trim_end().to_string(),
        None => element.to_string(),
    }
}

/// The page files of a package being read back (`NAME.mets/mets.xml`, or
/// its folder): its `source/` files in the order its METS lists them.
fn package_sources(input: &Path) -> Option<Vec<(String, Vec<u8>)>> {
    let mets = if input.is_dir() {
        input.join("mets.xml")
    } else {
        input.to_path_buf()
    };
    let text = std::fs::read_to_string(&mets)
        .ok()
        .filter(|t| t.contains("http://www.loc.gov/METS/"))?;
    let dir = mets.parent()?;
    let hrefs = text
        .split("xlink:href=\"source/")
        .skip(1)
        .filter_map(|r| r.split('"').next());
    Some(
        hrefs
            .filter_map(|h| {
                std::fs::read(dir.join("source").join(h))
                    .ok()
                    .map(|b| (h.to_string(), b))
            })
            .collect(),
    )
}

/// The page files of the input: the file itself, or a folder's `.pdf` and
/// `.txt` files in name order; for a package, its own page files.
/// Unreadable inputs give none.
fn sources(input: Option<&Path>) -> Vec<(String, Vec<u8>)> {
    let Some(input) = input else {
        return Vec::new();
    };
    if let Some(s) = package_sources(input) {
        return s;
    }
    let name = |p: &Path| {
        safe_name(
            &p.file_name()
                .map(|n| n.to_string_lossy().into_owned())
                .unwrap_or_default(),
        )
    };
    if input.is_file() {
        return std::fs::read(input)
            .map(|b| vec![(name(input), b)])
            .unwrap_or_default();
    }
    let mut files: Vec<std::path::PathBuf> = std::fs::read_dir(input)
        .map(|d| {
            d.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| {
                    p.is_file()
                        && p.extension().is_some_and(|e| {
                            e.eq_ignore_ascii_case("pdf") || e.eq_ignore_ascii_case("txt")
                        })
                })
                .collect()
        })
        .unwrap_or_default();
    files.sort();
    files
        .iter()
        .filter_map(|p| std::fs::read(p).ok().map(|b| (name(p), b)))
        .collect()
}

/// Write the package of `issue` as a ZIP stream (stored entries, fixed
/// times) of its files.
pub fn write(
    issue: &Issue,
    input: Option<&Path>,
    out: &mut dyn Write,
) -> Result<Vec<Diagnostic>, ExportError> {
    let srcs = sources(input);
    let mut files: Vec<PackageFile> = Vec::new();
    let mut entries: Vec<(String, Vec<u8>)> = Vec::new();
    let mut pages = Vec::new();
    let mut dropped = 0;
    let one_source = srcs.first().map(|s| s.0.clone());
    for (k, page) in issue.pages.iter().enumerate() {
        let els = page.elements();
        let src = if srcs.len() == issue.pages.len() {
            srcs.get(k).map(|s| s.0.clone())
        } else {
            one_source.clone()
        };
        let a = alto::page(page, k + 1, &els, src.as_deref());
        dropped += a.dropped;
        let href = format!("alto/{:04}.xml", k + 1);
        let id = format!("ALTO{:04}", k + 1);
        files.push(file(id.clone(), href.clone(), "text/xml", a.xml.as_bytes()));
        let written = a.blocks.iter().flatten().cloned().collect();
        let blocks = els
            .iter()
            .zip(a.blocks)
            .zip(a.read)
            .map(|((e, ids), read)| mets::Block {
                role: e.role,
                article: e.article,
                ids,
                label: (read.as_deref() != Some(e.text.as_str())).then(|| e.text.clone()),
            })
            .collect();
        pages.push(PageBlocks {
            alto: id,
            blocks,
            written,
        });
        entries.push((href, a.xml.into_bytes()));
    }
    let mut hrefs = Vec::new();
    for (k, (name, bytes)) in srcs.into_iter().enumerate() {
        let href = format!("source/{name}");
        let mime = if name.to_ascii_lowercase().ends_with(".pdf") {
            "application/pdf"
        } else {
            "text/plain"
        };
        files.push(file(format!("SRC{}", k + 1), href.clone(), mime, &bytes));
        hrefs.push(href.clone());
        entries.push((href, bytes));
    }
    let mets = mets::write(issue, &files, &hrefs, &pages)?;
    entries.insert(0, ("mets.xml".into(), mets.into_bytes()));
    zip_entries(&entries, out)?;
    let mut notes = Vec::new();
    if dropped > 0 {
        notes.push(Diagnostic::warning(
            "mets-dropped-chars",
            format!("dropped {dropped} character(s) XML cannot carry"),
            None,
        ));
    }
    Ok(notes)
}

fn zip_entries(entries: &[(String, Vec<u8>)], out: &mut dyn Write) -> Result<(), ExportError> {
    let err = |e: zip::result::ZipError| ExportError::Render(format!("mets: packing: {e}"));
    let mut w = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let opts = zip::write::SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Stored)
        .last_modified_time(zip::DateTime::default())
        .unix_permissions(0o644);
    for (name, bytes) in entries {
        w.start_file(name.as_str(), opts).map_err(err)?;
        w.write_all(bytes)?;
    }
    let buf = w.finish().map_err(err)?.into_inner();
    out.write_all(&buf)?;
    Ok(())
}

fn render(ctx: &RenderContext<'_>, out: &mut dyn Write) -> Result<Vec<Diagnostic>, ExportError> {
    write(ctx.issue, ctx.input, out)
}

newsconv_core::inventory::submit! {
    Exporter {
        name: "mets",
        extension: "mets",
        media_type: "application/zip",
        description: "METS 1.12.1 package with one ALTO 4.4 file per page and the source page files (a folder NAME.mets/)",
        options: &[],
        check: |_| Ok(()),
        render,
        folder: true,
        assets: false,
        cover: false,
    }
}
