//! Metamorphic page transforms (issue #15): the same printed page written
//! differently — fonts renamed, the page scaled, its text objects drawn in
//! another order, the page moved inside a larger media box or turned under
//! `/Rotate` — and one printed differently, without its rules and frames.
//! A reading that generalises gives the same articles for each.

use lopdf::content::{Content, Operation};
use lopdf::{Document, Object, ObjectId};
use std::collections::{BTreeMap, BTreeSet};

/// One way of rewriting a page that leaves its print unchanged (up to
/// scale and position on the sheet).
#[derive(Debug, Clone, Copy)]
pub enum Morph {
    /// Every font's BaseFont (and FontName) and every font resource name renamed.
    RenameFonts,
    /// The page scaled by this factor (content and page boxes).
    Scale(f32),
    /// Runs of text objects drawn in a shuffled order (seeded).
    Shuffle(u64),
    /// The page moved inside a media box this many points larger on every side.
    Margin(f32),
    /// The content drawn turned a quarter counter-clockwise on a sheet
    /// turned to match, with `/Rotate 90` so that a viewer shows it upright
    /// as before (how some producers write a page, and how a page scanned
    /// on its side is put right).
    Rotate,
    /// Every path the page's content draws left out (rules, frames, fills;
    /// not in forms): a page that separates its stories by space only.
    NoPaths,
}

/// `pdf` rewritten by `m`, and how many things it changed (fonts renamed,
/// pages scaled or moved, runs of text objects shuffled).
pub fn morph(pdf: &[u8], m: Morph) -> (Vec<u8>, usize) {
    let mut doc = Document::load_mem(pdf).expect("a PDF lopdf reads");
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    let changed = match m {
        Morph::RenameFonts => rename_fonts(&mut doc),
        Morph::Scale(s) => pages.iter().map(|&p| reframe(&mut doc, p, [s, 0.0, 0.0, s, 0.0, 0.0], false, |b| b.map(|v| v * s))).sum(),
        Morph::Margin(d) => pages.iter().map(|&p| reframe(&mut doc, p, [1.0, 0.0, 0.0, 1.0, d, d], true, |b| [b[0], b[1], b[2] + 2.0 * d, b[3] + 2.0 * d])).sum(),
        Morph::Shuffle(seed) => pages.iter().map(|&p| shuffle_page(&mut doc, p, seed)).sum(),
        Morph::Rotate => pages.iter().map(|&p| rotate(&mut doc, p)).sum(),
        Morph::NoPaths => pages.iter().map(|&p| drop_paths(&mut doc, p)).sum(),
    };
    let mut out = Vec::new();
    doc.save_to(&mut out).expect("lopdf writes the PDF");
    (out, changed)
}

fn num(o: &Object) -> f32 {
    o.as_float().or_else(|_| o.as_i64().map(|i| i as f32)).unwrap_or(0.0)
}

/// A page box, looked up through the page tree (boxes are inherited).
fn page_box(doc: &Document, page: ObjectId, key: &[u8]) -> Option<[f32; 4]> {
    let mut dict = doc.get_dictionary(page).ok()?;
    loop {
        if let Ok(v) = dict.get(key) {
            let arr = doc.dereference(v).ok()?.1.as_array().ok()?;
            let v: Vec<f32> = arr.iter().map(num).collect();
            return (v.len() == 4).then(|| [v[0].min(v[2]), v[1].min(v[3]), v[0].max(v[2]), v[1].max(v[3])]);
        }
        dict = doc.get_dictionary(dict.get(b"Parent").ok()?.as_reference().ok()?).ok()?;
    }
}

/// Draw the page's content under the matrix `m` and set every page box
/// to `boxed` of what it was (when `moved`, the other boxes to the new
/// media box).
fn reframe(doc: &mut Document, page: ObjectId, m: [f32; 6], moved: bool, boxed: impl Fn([f32; 4]) -> [f32; 4]) -> usize {
    let content = doc.get_page_content(page);
    let mut wrapped = format!("q {} {} {} {} {} {} cm\n", m[0], m[1], m[2], m[3], m[4], m[5]).into_bytes();
    wrapped.extend_from_slice(&content);
    wrapped.extend_from_slice(b"\nQ\n");
    doc.change_page_content(page, wrapped).expect("page content replaced");
    let media = boxed(page_box(doc, page, b"MediaBox").unwrap_or([0.0, 0.0, 612.0, 792.0]));
    let boxes: Vec<(&[u8], [f32; 4])> =
        [b"CropBox".as_slice(), b"BleedBox", b"TrimBox", b"ArtBox"].into_iter().filter_map(|k| Some((k, boxed(page_box(doc, page, k)?)))).collect();
    let dict = doc.get_dictionary_mut(page).expect("page dictionary");
    dict.set("MediaBox", media.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>());
    for (k, b) in boxes {
        // Moved: the other boxes open to the whole new sheet.
        let b = if moved { media } else { b };
        dict.set(k, b.iter().map(|&v| Object::Real(v)).collect::<Vec<_>>());
    }
    1
}

/// Turn page `page`'s content a quarter counter-clockwise, its boxes with
/// it, and set `/Rotate 90` (shown a quarter clockwise): the page looks
/// as it did. A point (x, y) goes to (top - y, x), `top` the media box's.
fn rotate(doc: &mut Document, page: ObjectId) -> usize {
    let top = page_box(doc, page, b"MediaBox").map_or(792.0, |b| b[3]);
    reframe(doc, page, [0.0, 1.0, -1.0, 0.0, top, 0.0], false, |b| [top - b[3], b[0], top - b[1], b[2]]);
    let dict = doc.get_dictionary_mut(page).expect("page dictionary");
    dict.set("Rotate", Object::Integer(90));
    1
}

/// Rename every font: its BaseFont and FontName to `MorphedN` (N by the
/// sorted old names), every key of a font resource dictionary to `MF` +
/// the old key, and every `Tf` operand likewise in page and form content.
fn rename_fonts(doc: &mut Document) -> usize {
    let mut bases = BTreeSet::new();
    for o in doc.objects.values() {
        if let Ok(d) = o.as_dict() {
            for k in [b"BaseFont".as_slice(), b"FontName"] {
                if let Ok(n) = d.get(k).and_then(Object::as_name) {
                    bases.insert(n.to_vec());
                }
            }
        }
    }
    let new_base: BTreeMap<Vec<u8>, Vec<u8>> = bases.iter().enumerate().map(|(i, b)| (b.clone(), format!("Morphed{i}").into_bytes())).collect();
    let font_dicts = font_resource_dicts(doc);
    for o in doc.objects.values_mut() {
        if let Ok(d) = o.as_dict_mut() {
            for k in [b"BaseFont".as_slice(), b"FontName"] {
                if let Some(n) = d.get(k).ok().and_then(|v| v.as_name().ok()).and_then(|n| new_base.get(n)) {
                    d.set(k, Object::Name(n.clone()));
                }
            }
        }
    }
    for id in font_dicts {
        rename_keys(doc.objects.get_mut(&id).and_then(|o| o.as_dict_mut().ok()));
    }
    // Font resource dictionaries written inline in a resource dictionary.
    for o in doc.objects.values_mut() {
        if let Ok(d) = o.as_dict_mut() {
            if let Ok(Object::Dictionary(f)) = d.get_mut(b"Font") {
                rename_keys(Some(f));
            }
        }
        if let Ok(Object::Dictionary(r)) = o.as_dict_mut().and_then(|d| d.get_mut(b"Resources")) {
            if let Ok(Object::Dictionary(f)) = r.get_mut(b"Font") {
                rename_keys(Some(f));
            }
        }
    }
    rename_tf(doc);
    bases.len()
}

/// The font resource dictionaries held as objects of their own.
fn font_resource_dicts(doc: &Document) -> BTreeSet<ObjectId> {
    let mut out = BTreeSet::new();
    for o in doc.objects.values() {
        let Ok(d) = o.as_dict() else { continue };
        if let Ok(Object::Reference(id)) = d.get(b"Font") {
            out.insert(*id);
        }
        if let Ok(Object::Dictionary(r)) = d.get(b"Resources") {
            if let Ok(Object::Reference(id)) = r.get(b"Font") {
                out.insert(*id);
            }
        }
    }
    out
}

fn renamed(k: &[u8]) -> Vec<u8> {
    [b"MF".as_slice(), k].concat()
}

fn rename_keys(d: Option<&mut lopdf::Dictionary>) {
    let Some(d) = d else { return };
    // Only once per dictionary (an inline one may be reached twice).
    if d.iter().all(|(k, _)| k.starts_with(b"MF")) && !d.is_empty() {
        return;
    }
    let old: Vec<(Vec<u8>, Object)> = d.iter().map(|(k, v)| (k.clone(), v.clone())).collect();
    for (k, v) in old {
        d.remove(&k);
        d.set(renamed(&k), v);
    }
}

/// `Tf` operands renamed in every content stream (pages and forms).
fn rename_tf(doc: &mut Document) {
    let pages: Vec<ObjectId> = doc.page_iter().collect();
    let forms: Vec<ObjectId> = doc
        .objects
        .iter()
        .filter(|(_, o)| o.as_stream().is_ok_and(|s| s.dict.get(b"Subtype").and_then(Object::as_name).is_ok_and(|n| n == b"Form")))
        .map(|(id, _)| *id)
        .collect();
    let rename = |ops: &mut Vec<Operation>| {
        for op in ops.iter_mut().filter(|op| op.operator == "Tf") {
            if let Some(Object::Name(n)) = op.operands.first_mut() {
                *n = renamed(n);
            }
        }
    };
    for p in pages {
        let mut c = Content::decode(&doc.get_page_content(p)).expect("page content decodes");
        rename(&mut c.operations);
        doc.change_page_content(p, c.encode().unwrap()).unwrap();
    }
    for f in forms {
        let s = doc.get_object(f).unwrap().as_stream().unwrap();
        let mut c = Content::decode(&s.decompressed_content().unwrap_or_else(|_| s.content.clone())).expect("form content decodes");
        rename(&mut c.operations);
        doc.change_content_stream(f, c.encode().unwrap());
    }
}

/// Leave out every path of page `page`'s content: its construction and
/// painting operators (a clip keeps its path). Returns how many paths.
fn drop_paths(doc: &mut Document, page: ObjectId) -> usize {
    let c = Content::decode(&doc.get_page_content(page)).expect("page content decodes");
    let build = ["m", "l", "c", "v", "y", "h", "re"];
    let paint = ["S", "s", "f", "F", "f*", "B", "B*", "b", "b*", "n"];
    let (mut out, mut path, mut n) = (Vec::new(), Vec::new(), 0);
    for op in c.operations {
        let o = op.operator.as_str();
        if build.contains(&o) {
            path.push(op);
        } else if o == "W" || o == "W*" {
            // A clip: keep its path and the `n` ending it.
            out.append(&mut path);
            out.push(op);
        } else if paint.contains(&o) {
            if o == "n" && out.last().is_some_and(|l: &Operation| l.operator.starts_with('W')) {
                out.push(op);
            } else {
                n += 1;
            }
            path.clear();
        } else {
            out.append(&mut path);
            out.push(op);
        }
    }
    doc.change_page_content(page, Content { operations: out }.encode().unwrap()).unwrap();
    n
}

fn shuffle_page(doc: &mut Document, page: ObjectId, seed: u64) -> usize {
    let c = Content::decode(&doc.get_page_content(page)).expect("page content decodes");
    let (ops, runs) = crate::shuffle::shuffle(c.operations, seed);
    doc.change_page_content(page, Content { operations: ops }.encode().unwrap()).unwrap();
    runs
}
