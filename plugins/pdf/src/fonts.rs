//! Font faces: the two bundled Noto CJK subsets (compiled into the binary
//! once, by `newsconv-fonts`) and fonts given on the command line;
//! character lookup, advances, and per-document subsetting with allsorts
//! (printpdf's own dependency).

use allsorts::binary::read::ReadScope;
use allsorts::font_data::FontData;
use allsorts::subset::{subset, CmapTarget, SubsetProfile};
use allsorts::tables::cmap::Cmap;
use allsorts::tables::{FontTableProvider, HeadTable, HheaTable, HmtxTable, MaxpTable};
use allsorts::tag;
use std::borrow::Cow;
use std::collections::{BTreeSet, HashMap};

/// Noto Serif CJK SC Regular (body) and Noto Sans CJK SC Bold (headlines),
/// pre-subset (see `fonts/README.md`); one copy in the binary, shared with
/// the EPUB exporter.
pub use newsconv_fonts::{SANS as HEI, SERIF as SONG};

/// One font face ready for layout.
pub struct Face {
    /// What to call the face in messages (family name or file path).
    pub label: String,
    /// PostScript-style name used for `/BaseFont` (without subset tag).
    pub ps_name: String,
    data: Cow<'static, [u8]>,
    index: usize,
    /// Glyph of each Basic Multilingual Plane character (0: none), indexed
    /// by code point: a lookup per character set, and built in one pass.
    bmp: Vec<u16>,
    /// Glyphs of characters beyond the BMP.
    astral: HashMap<u32, u16>,
    adv: Vec<u16>,
    upm: f32,
    /// Ascender minus descender (hhea, what the PDF's font descriptor
    /// says) as a fraction of the em: the height a text extractor gives a line.
    pub height: f32,
}

fn parse_err(label: &str, what: impl std::fmt::Display) -> String {
    format!("{label}: cannot read font: {what}")
}

impl Face {
    /// Parse a face from sfnt bytes (TrueType, OpenType/CFF, or face `index` of a collection).
    pub fn load(data: Cow<'static, [u8]>, index: usize, label: &str, ps_name: &str) -> Result<Face, String> {
        let (bmp, astral, adv, upm, height) = {
            let file = ReadScope::new(&data).read::<FontData<'_>>().map_err(|e| parse_err(label, e))?;
            let provider = file.table_provider(index).map_err(|e| parse_err(label, e))?;
            let head = provider
                .read_table_data(tag::HEAD)
                .ok()
                .and_then(|d| ReadScope::new(&d).read::<HeadTable>().ok())
                .ok_or_else(|| parse_err(label, "no head table"))?;
            let maxp = provider
                .read_table_data(tag::MAXP)
                .ok()
                .and_then(|d| ReadScope::new(&d).read::<MaxpTable>().ok())
                .ok_or_else(|| parse_err(label, "no maxp table"))?;
            let hhea = provider
                .read_table_data(tag::HHEA)
                .ok()
                .and_then(|d| ReadScope::new(&d).read::<HheaTable>().ok())
                .ok_or_else(|| parse_err(label, "no hhea table"))?;
            let cmap_data = provider.read_table_data(tag::CMAP).map_err(|e| parse_err(label, e))?;
            let mut bmp = vec![0u16; 0x10000];
            let mut astral = HashMap::new();
            let sub = ReadScope::new(&cmap_data)
                .read::<Cmap<'_>>()
                .ok()
                .and_then(|c| allsorts::font::read_cmap_subtable(&c).ok().flatten())
                .ok_or_else(|| parse_err(label, "no Unicode cmap"))?;
            sub.1
                .mappings_fn(|cp, gid| {
                    if gid != 0 {
                        match bmp.get_mut(cp as usize) {
                            Some(slot) => *slot = gid,
                            None => {
                                astral.insert(cp, gid);
                            }
                        }
                    }
                })
                .map_err(|e| parse_err(label, e))?;
            let hmtx_data = provider.read_table_data(tag::HMTX).map_err(|e| parse_err(label, e))?;
            let hmtx = ReadScope::new(&hmtx_data)
                .read_dep::<HmtxTable<'_>>((usize::from(maxp.num_glyphs), usize::from(hhea.num_h_metrics)))
                .map_err(|e| parse_err(label, e))?;
            let adv: Vec<u16> = (0..maxp.num_glyphs).map(|g| hmtx.horizontal_advance(g).unwrap_or(0)).collect();
            let upm = f32::from(head.units_per_em.max(1));
            (bmp, astral, adv, upm, (f32::from(hhea.ascender) - f32::from(hhea.descender)) / upm)
        };
        Ok(Face { label: label.to_string(), ps_name: ps_name.to_string(), data, index, bmp, astral, adv, upm, height })
    }

    /// Load a font file given on the command line.
    pub fn from_file(path: &std::path::Path) -> Result<Face, String> {
        let bytes = std::fs::read(path).map_err(|e| format!("{}: cannot read font: {e}", path.display()))?;
        let stem = path.file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default();
        let ps: String = stem.chars().filter(|c| c.is_ascii_alphanumeric() || *c == '-').collect();
        let ps = if ps.is_empty() { "UserFont".to_string() } else { ps };
        Face::load(Cow::Owned(bytes), 0, &path.display().to_string(), &ps)
    }

    /// Glyph for a character, if the face has one.
    pub fn glyph(&self, c: char) -> Option<u16> {
        match self.bmp.get(c as usize) {
            Some(&gid) => (gid != 0).then_some(gid),
            None => self.astral.get(&(c as u32)).copied(),
        }
    }

    /// Advance of a glyph as a fraction of the em.
    pub fn advance(&self, gid: u16) -> f32 {
        f32::from(self.adv.get(gid as usize).copied().unwrap_or(0)) / self.upm
    }

    /// A subset holding only `used` glyphs (plus `.notdef`), as sfnt bytes.
    pub fn subset(&self, used: &BTreeSet<u16>) -> Result<Vec<u8>, String> {
        let file = ReadScope::new(&self.data).read::<FontData<'_>>().map_err(|e| parse_err(&self.label, e))?;
        let provider = file.table_provider(self.index).map_err(|e| parse_err(&self.label, e))?;
        let mut gids: Vec<u16> = vec![0];
        gids.extend(used.iter().copied().filter(|&g| g != 0));
        subset(&provider, &gids, &SubsetProfile::Minimal, CmapTarget::Unicode)
            .map_err(|e| format!("{}: cannot subset font: {e:?}", self.label))
    }
}
