//! `--embed-fonts`: the bundled Noto CJK faces (`fonts/`, also used by the
//! PDF exporter) subsetted to the characters the book uses, with a Unicode
//! cmap so reading systems can use them as web fonts. Our own code over
//! allsorts' subsetter (already in the workspace for the PDF exporter).

use allsorts::binary::read::ReadScope;
use allsorts::font::{Font, MatchingPresentation};
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use std::collections::BTreeSet;

use newsconv_fonts::{SANS, SERIF};

/// The subsetted faces and where they go in the book.
pub struct Faces {
    /// Path of the body face inside the book (relative to the package).
    pub serif_path: &'static str,
    /// Path of the headline face.
    pub sans_path: &'static str,
    /// Body face bytes.
    pub serif: Vec<u8>,
    /// Headline face bytes.
    pub sans: Vec<u8>,
}

/// Subset the bundled faces to the characters of `text` (the XHTML of every
/// document: markup characters are ASCII and cost next to nothing).
pub fn subset_fonts(text: &str) -> Result<Faces, String> {
    let chars: BTreeSet<char> = text.chars().filter(|c| !c.is_control()).collect();
    Ok(Faces {
        serif_path: "fonts/body.otf",
        sans_path: "fonts/headline.otf",
        serif: subset_face("Noto Serif CJK SC", SERIF, &chars)?,
        sans: subset_face("Noto Sans CJK SC Bold", SANS, &chars)?,
    })
}

fn subset_face(name: &str, data: &[u8], chars: &BTreeSet<char>) -> Result<Vec<u8>, String> {
    let err = |e: &dyn std::fmt::Display| format!("embedding {name}: {e}");
    let file = ReadScope::new(data)
        .read::<FontData<'_>>()
        .map_err(|e| err(&e))?;
    let provider = file.table_provider(0).map_err(|e| err(&e))?;
    let mut font = Font::new(provider).map_err(|e| err(&e))?;
    let mut glyphs: BTreeSet<u16> = BTreeSet::new();
    for &c in chars {
        let (gid, _) = font.lookup_glyph_index(c, MatchingPresentation::NotRequired, None);
        if gid != 0 {
            glyphs.insert(gid);
        }
    }
    // .notdef first, then the used glyphs in order: deterministic output.
    let ids: Vec<u16> = std::iter::once(0).chain(glyphs).collect();
    subset(
        &font.font_table_provider,
        &ids,
        &SubsetProfile::Minimal,
        CmapTarget::Unicode,
    )
    .map_err(|e| err(&e))
}
