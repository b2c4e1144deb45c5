//! METS/ALTO packages as input (issue #17: "read it back"): `NAME.mets/
//! mets.xml` (or the folder `NAME.mets/`) as our `mets` exporter writes it
//! rebuilds the issue it was written from, so an archive can re-export its
//! holdings years later without the PDFs. Nothing is analysed again: the
//! package states the structure. The articles come from the LOGICAL map
//! (ARTICLE → HEADLINE, BYLINE, BODY/PARAGRAPH, CAPTION …), each
//! division's text from the ALTO blocks its areas point at (or its `LABEL`
//! where the writer says the blocks do not give it), each page's layout
//! from its ALTO lines, the issue's fields from the MODS record and
//! newsconv's extension to it (`plugins/mets/src/extension.rs`).

mod alto;
mod build;

use super::Limits;
use newsconv_core::Issue;
use newsconv_newsml::dom::{self, Elem};
use std::collections::HashMap;
use std::path::{Path, PathBuf};
use thiserror::Error;

/// The METS namespace.
const METS: &str = "http://www.loc.gov/METS/";
/// The xlink namespace (file locations).
const XLINK: &str = "http://www.w3.org/1999/xlink";

/// Why a package could not be read back: names the file at fault (the
/// METS, or one of its ALTO files) and what is wrong with it.
#[derive(Debug, Error)]
#[error("{path}: {message}")]
pub struct MetsError {
    /// The file at fault.
    pub path: PathBuf,
    /// What is wrong (with the line, for XML that does not parse).
    pub message: String,
}

/// Does this look like a METS document (its root element `mets` in the
/// METS namespace, within the first 4 KiB)?
pub fn is_mets(bytes: &[u8]) -> bool {
    let head = String::from_utf8_lossy(&bytes[..bytes.len().min(4096)]);
    (head.contains("<mets:mets") || head.contains("<mets ")) && head.contains(METS)
}

/// The METS file of a package folder (`NAME.mets/` holding `mets.xml`).
pub fn package_file(dir: &Path) -> Option<PathBuf> {
    let f = dir.join("mets.xml");
    f.is_file().then_some(f)
}

/// One page of the package: its ALTO file's ID and path, read.
pub(crate) struct PageFile {
    /// The METS file ID (`ALTO0001`).
    pub id: String,
    /// Where the file is.
    pub path: PathBuf,
    /// Its content.
    pub alto: alto::AltoRead,
}

/// Read a package from its METS document (`bytes`, read from `path`).
pub fn read(path: &Path, bytes: &[u8], opts: &Limits) -> Result<Issue, MetsError> {
    let err = |p: &Path, message: String| MetsError {
        path: p.to_path_buf(),
        message,
    };
    let root = dom::parse(bytes).map_err(|e| err(path, e.to_string()))?;
    if !root.is(METS, "mets") {
        return Err(err(
            path,
            format!("not METS: the root element is <{}>", root.name),
        ));
    }
    let pages = pages(path, &root, opts)?;
    build::issue(path, &root, &pages)
}

/// The ALTO files of the physical map's pages, in order, each read.
fn pages(path: &Path, root: &Elem, opts: &Limits) -> Result<Vec<PageFile>, MetsError> {
    let err = |p: &Path, message: String| MetsError {
        path: p.to_path_buf(),
        message,
    };
    let mut hrefs: HashMap<&str, &str> = HashMap::new();
    for f in alto::below(root, "file")
        .into_iter()
        .filter(|f| f.ns.as_deref() == Some(METS))
    {
        let href = f
            .child(METS, "FLocat")
            .and_then(|l| l.attr_ns(XLINK, "href"));
        if let (Some(id), Some(href)) = (f.attr("ID"), href) {
            hrefs.insert(id, href);
        }
    }
    let physical =
        struct_map(root, "PHYSICAL").ok_or_else(|| err(path, "no PHYSICAL structMap".into()))?;
    let dir = path.parent().unwrap_or(Path::new("."));
    let mut out = Vec::new();
    let mut total = 0u64;
    for div in alto::below(physical, "div")
        .into_iter()
        .flat_map(|d| d.all(METS, "div"))
        .filter(|d| d.attr("TYPE") == Some("page"))
    {
        let alto_id = div
            .all(METS, "fptr")
            .filter_map(|f| f.attr("FILEID"))
            .find(|id| hrefs.get(id).is_some_and(|h| h.starts_with("alto/")));
        let Some(id) = alto_id else {
            return Err(err(
                path,
                format!("line {}: the page has no ALTO file", div.line),
            ));
        };
        let file = dir.join(hrefs[id]);
        let bytes = std::fs::read(&file).map_err(|e| {
            err(
                &file,
                format!(
                    "cannot read the page's ALTO file (listed in {}): {e}",
                    path.display()
                ),
            )
        })?;
        total += bytes.len() as u64;
        if total > opts.max_input_bytes {
            return Err(err(path, format!("its ALTO files hold over {} bytes, the input limit (raise it with --max-input-mb)", opts.max_input_bytes)));
        }
        let doc = dom::parse(&bytes).map_err(|e| err(&file, e.to_string()))?;
        let alto = alto::read(&doc).map_err(|m| err(&file, m))?;
        out.push(PageFile {
            id: id.to_string(),
            path: file,
            alto,
        });
        if out.len() > opts.max_pages {
            return Err(err(
                path,
                format!(
                    "over {} pages, the limit (raise it with --max-pages)",
                    opts.max_pages
                ),
            ));
        }
    }
    if out.is_empty() {
        return Err(err(path, "the PHYSICAL structMap lists no pages".into()));
    }
    Ok(out)
}

/// The structMap of a type.
fn struct_map<'a>(root: &'a Elem, ty: &str) -> Option<&'a Elem> {
    root.all(METS, "structMap")
        .find(|s| s.attr("TYPE") == Some(ty))
}
