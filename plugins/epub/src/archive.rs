//! A deterministic EPUB container.
//!
//! epub-builder's zip writer stamps every entry with the current time (and
//! its `Zip` trait is private, so it takes no other writer). [`rewrite`]
//! therefore rewrites the finished container: same entries in the same
//! order, `mimetype` first and stored, everything else deflated, all with
//! one fixed timestamp and fixed permissions. The same book always gives the
//! same bytes, whatever the clock says.
//!
//! Images are not compressed twice for nothing: the book adds each to
//! epub-builder empty (so that it is in the manifest) and [`Patch::files`]
//! gives the bytes, which are stored (JPEG and PNG do not deflate).
//!
//! On the way it patches what epub-builder's templates cannot express:
//! `lang`/`xml:lang` on the documents it generates (`nav.xhtml`, `toc.ncx`)
//! and its package document, ARIA roles and labels on the navigation
//! document, and extra `dc:` and accessibility `meta` elements in the
//! package document.

use std::borrow::Cow;
use std::io::{Cursor, Read, Write};
use zip::write::SimpleFileOptions;
use zip::{CompressionMethod, DateTime, ZipArchive, ZipWriter};

/// What to change while rewriting.
pub struct Patch<'a> {
    /// Timestamp of every entry.
    pub time: DateTime,
    /// Checked language tag (attribute-safe) for the generated documents.
    pub lang: &'a str,
    /// Escaped `dc:` and `meta` elements inserted before `<dc:language>` in the package document.
    pub opf_metadata: &'a str,
    /// Escaped label of the navigation document's landmarks list.
    pub landmarks_label: &'a str,
    /// Entries whose bytes are these, stored uncompressed (path in the
    /// container, bytes): the images, added to epub-builder empty.
    pub files: &'a [(String, &'a [u8])],
}

/// Rewrite the container `bytes` deterministically, applying `patch`.
pub fn rewrite(bytes: &[u8], patch: &Patch<'_>) -> Result<Vec<u8>, String> {
    let mut zin = ZipArchive::new(Cursor::new(bytes)).map_err(|e| format!("reading back the archive: {e}"))?;
    let mut w = ZipWriter::new(Cursor::new(Vec::with_capacity(bytes.len())));
    let base = SimpleFileOptions::default().last_modified_time(patch.time).unix_permissions(0o644);
    let stored = base.compression_method(CompressionMethod::Stored);
    let deflated = base.compression_method(CompressionMethod::Deflated).compression_level(Some(6));
    w.start_file("mimetype", stored).map_err(|e| format!("mimetype: {e}"))?;
    w.write_all(b"application/epub+zip").map_err(|e| e.to_string())?;
    let mut data = Vec::new();
    let mut replaced = 0;
    for k in 0..zin.len() {
        let mut f = zin.by_index(k).map_err(|e| format!("entry {k}: {e}"))?;
        let name = f.name().to_string();
        if name == "mimetype" {
            continue;
        }
        if let Some((_, bytes)) = patch.files.iter().find(|(n, _)| *n == name) {
            w.start_file(name.as_str(), stored).map_err(|e| format!("{name}: {e}"))?;
            w.write_all(bytes).map_err(|e| format!("{name}: {e}"))?;
            replaced += 1;
            continue;
        }
        data.clear();
        f.read_to_end(&mut data).map_err(|e| format!("{name}: {e}"))?;
        let patched = patch_entry(&name, &data, patch)?;
        w.start_file(name.as_str(), deflated).map_err(|e| format!("{name}: {e}"))?;
        w.write_all(&patched).map_err(|e| format!("{name}: {e}"))?;
    }
    if replaced != patch.files.len() {
        return Err(format!("{} of {} images found in the archive (epub-builder paths changed?)", replaced, patch.files.len()));
    }
    let out = w.finish().map_err(|e| format!("finishing the archive: {e}"))?;
    Ok(out.into_inner())
}

fn insert_after(name: &str, text: &str, needle: &str, what: &str) -> Result<String, String> {
    let at = text.find(needle).ok_or_else(|| format!("{name}: `{needle}` not found (epub-builder template changed?)"))? + needle.len();
    Ok(format!("{}{what}{}", &text[..at], &text[at..]))
}

fn insert_before(name: &str, text: &str, needle: &str, what: &str) -> Result<String, String> {
    let at = text.find(needle).ok_or_else(|| format!("{name}: `{needle}` not found (epub-builder template changed?)"))?;
    Ok(format!("{}{what}{}", &text[..at], &text[at..]))
}

/// The navigation document: its language, and ARIA roles and labels that
/// match its `epub:type`s (the table of contents is `doc-toc`, labelled by
/// its heading; the landmarks list gets a label of its own, so the two
/// navigation landmarks can be told apart).
fn nav(name: &str, text: &str, p: &Patch<'_>) -> Result<String, String> {
    let text = insert_after(name, text, "<html xmlns=\"http://www.w3.org/1999/xhtml\"", &format!(" lang=\"{0}\" xml:lang=\"{0}\"", p.lang))?;
    let text = insert_after(name, &text, "<nav epub:type = \"toc\" id=\"toc\"", " role=\"doc-toc\" aria-labelledby=\"toc-title\"")?;
    insert_after(name, &text, "<nav epub:type = \"landmarks\"", &format!(" aria-label=\"{}\"", p.landmarks_label))
}

fn patch_entry<'a>(name: &str, bytes: &'a [u8], p: &Patch<'_>) -> Result<Cow<'a, [u8]>, String> {
    let text = || std::str::from_utf8(bytes).map_err(|_| format!("{name} is not UTF-8"));
    let out = match name {
        "OEBPS/nav.xhtml" | "OEBPS/toc.xhtml" => nav(name, text()?, p)?,
        "OEBPS/toc.ncx" => insert_after(name, text()?, "<ncx version=\"2005-1\"", &format!(" xml:lang=\"{}\"", p.lang))?,
        "OEBPS/content.opf" => {
            let opf = insert_after(name, text()?, "<package version=\"3.0\"", &format!(" xml:lang=\"{}\"", p.lang))?;
            insert_before(name, &opf, "<dc:language>", &format!("{}\n    ", p.opf_metadata))?
        }
        _ => return Ok(Cow::Borrowed(bytes)),
    };
    Ok(Cow::Owned(out.into_bytes()))
}
