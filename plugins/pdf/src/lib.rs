//! Print PDF exporter: a newspaper reprint set in Noto Serif CJK (body) and
//! Noto Sans CJK Bold (headlines), both embedded as per-document subsets,
//! with a nested outline, `/Lang` and metadata from the issue.
//!
//! Layout and line breaking are our own ([`layout`], [`linebreak`]); printpdf
//! turns the drawing operations into a PDF document, and lopdf (printpdf's
//! document type) adds what printpdf does not write: the nested outline,
//! `/Lang`, the document information and a content-derived file id. The
//! fonts are subset here with allsorts (a printpdf dependency), so printpdf's
//! heavy `text_layout` feature is not needed.

mod deflate;
mod fonts;
mod layout;
mod linebreak;
mod photo;

use fonts::Face;
use layout::{Composer, Draw, Geometry, Mark};
use lopdf::{Dictionary, Object, ObjectId, StringFormat};
use newsconv_core::{Diagnostic, ExportError, ExporterOptions, Issue, IssueDate, OptionSpec};
use std::path::PathBuf;
use printpdf::{
    Color, FontId, Line, LinePoint, Mm, Op, ParsedFont, PdfDocument, PdfFont, PdfFontHandle, PdfPage, PdfSaveOptions, Point, Pt, Rgb,
    TextItem, TextMatrix,
};
use std::borrow::Cow;
use std::collections::BTreeSet;
use std::io::Write;
use std::sync::OnceLock;

/// The two bundled faces, parsed once per process.
fn bundled() -> Result<&'static (Face, Face), ExportError> {
    static B: OnceLock<Result<(Face, Face), String>> = OnceLock::new();
    B.get_or_init(|| {
        let song = Face::load(Cow::Borrowed(fonts::SONG), 0, "Noto Serif CJK SC", "NotoSerifCJKsc-Regular")?;
        let hei = Face::load(Cow::Borrowed(fonts::HEI), 0, "Noto Sans CJK SC Bold", "NotoSansCJKsc-Bold")?;
        Ok((song, hei))
    })
    .as_ref()
    .map_err(|e| ExportError::Render(e.clone()))
}

/// Options for [`write`].
#[derive(Debug, Clone, Default)]
pub struct PdfOptions {
    /// Paper size name: `a4` (the default), `a3`, `letter`.
    pub paper: Option<String>,
    /// Body font file to use before the bundled Song face.
    pub font_body: Option<PathBuf>,
    /// Headline font file to use before the bundled Hei face.
    pub font_headline: Option<PathBuf>,
}

impl ExporterOptions for PdfOptions {
    fn set(&mut self, key: &str, value: &str) -> Result<(), String> {
        match key {
            "paper" if Geometry::for_paper(value).is_some() => self.paper = Some(value.to_string()),
            "paper" => return Err(format!("unknown paper size `{value}` (known: a4, a3, letter)")),
            "font_body" => self.font_body = Some(PathBuf::from(value)),
            "font_headline" => self.font_headline = Some(PathBuf::from(value)),
            _ => return Err(format!("pdf takes no option `{key}` (known: paper, font_body, font_headline)")),
        }
        Ok(())
    }
}

const OPTIONS: &[OptionSpec] = &[
    OptionSpec { key: "paper", flag: Some("paper"), switch: false, help: "Paper size for the PDF: a4, a3, letter" },
    OptionSpec { key: "font_body", flag: Some("font-body"), switch: false, help: "Body font file for the PDF (instead of the bundled Song face)" },
    OptionSpec { key: "font_headline", flag: Some("font-headline"), switch: false, help: "Headline font file for the PDF (instead of the bundled Hei face)" },
];

/// Write the issue as a print PDF into `out`; returns warnings (characters no font has).
pub fn write(issue: &Issue, opts: &PdfOptions, out: &mut dyn Write) -> Result<Vec<Diagnostic>, ExportError> {
    let (bytes, warnings) = to_bytes(issue, opts)?;
    out.write_all(&bytes)?;
    Ok(warnings)
}

/// Render the issue as PDF bytes plus warnings (characters no font has).
fn to_bytes(issue: &Issue, opts: &PdfOptions) -> Result<(Vec<u8>, Vec<Diagnostic>), ExportError> {
    let paper = opts.paper.as_deref().unwrap_or("a4");
    let g = Geometry::for_paper(paper)
        .ok_or_else(|| ExportError::Render(format!("unknown paper size `{paper}` (known: a4, a3, letter)")))?;
    let (song, hei) = bundled()?;
    let user_body = opts.font_body.as_deref().map(Face::from_file).transpose().map_err(ExportError::Render)?;
    let user_head = opts.font_headline.as_deref().map(Face::from_file).transpose().map_err(ExportError::Render)?;
    // Face 0 sets the body, face 1 the headlines; the rest are fallbacks.
    let mut faces: Vec<&Face> = vec![user_body.as_ref().unwrap_or(song), user_head.as_ref().unwrap_or(hei)];
    let mut roles = Vec::new();
    if user_body.is_some() {
        faces.push(song);
        roles.push(0);
    }
    if user_head.is_some() {
        faces.push(hei);
        roles.push(1);
    }
    let mut c = Composer::new(g, &faces);
    c.fallback_roles = roles;
    c.issue(issue);
    let bytes = write_pdf(issue, &g, &faces, &c)?;
    Ok((bytes, c.warnings))
}

fn fnv(seed: u64, data: &[u8]) -> u64 {
    let mut h = 0xcbf29ce484222325u64 ^ seed;
    for b in data {
        h ^= u64::from(*b);
        h = h.wrapping_mul(0x100000001b3);
    }
    h
}

fn pt(x: f32, y: f32, h: f32) -> LinePoint {
    LinePoint { p: Point { x: Pt(x), y: Pt(h - y) }, bezier: false }
}

/// printpdf operations for one page.
fn page_ops(draws: &[Draw], g: &Geometry, font_ids: &[Option<FontId>]) -> Vec<Op> {
    let h = g.h;
    let mut ops = Vec::new();
    let rules: Vec<&Draw> = draws.iter().filter(|d| matches!(d, Draw::Rule { .. })).collect();
    if !rules.is_empty() {
        ops.push(Op::SetOutlineColor { col: Color::Rgb(Rgb { r: 0.0, g: 0.0, b: 0.0, icc_profile: None }) });
        for d in rules {
            if let Draw::Rule { x1, y1, x2, y2, width } = d {
                ops.push(Op::SetOutlineThickness { pt: Pt(*width) });
                ops.push(Op::DrawLine { line: Line { points: vec![pt(*x1, *y1, h), pt(*x2, *y2, h)], is_closed: false } });
            }
        }
    }
    for d in draws {
        if let Draw::Image { x, y, w, h: ih, index } = d {
            ops.push(photo::place(*index, *x, *y, *w, *ih, h));
        }
    }
    ops.push(Op::StartTextSection);
    let mut cur_font: Option<(u8, u32)> = None;
    let mut cur_tc = 0.0f32;
    for d in draws {
        let Draw::Text { x, baseline, glyphs, tc, sp } = d else { continue };
        if (*tc - cur_tc).abs() > 1e-4 {
            ops.push(Op::SetCharacterSpacing { multiplier: round3(*tc) });
            cur_tc = *tc;
        }
        let mut pen = *x;
        let mut i = 0;
        while i < glyphs.len() {
            let f = glyphs[i].face;
            let size = glyphs[i].size;
            let mut j = i;
            while j < glyphs.len() && glyphs[j].face == f && glyphs[j].size == size {
                j += 1;
            }
            let key = (f, size.to_bits());
            if cur_font != Some(key) {
                if let Some(Some(id)) = font_ids.get(f as usize) {
                    ops.push(Op::SetFont { font: PdfFontHandle::External(id.clone()), size: Pt(size) });
                }
                cur_font = Some(key);
            }
            ops.push(Op::SetTextMatrix { matrix: TextMatrix::Translate(Pt(round3(pen)), Pt(round3(h - baseline))) });
            let mut items = Vec::new();
            let mut s = String::new();
            for gl in &glyphs[i..j] {
                s.push(gl.ch);
                pen += gl.adv + tc;
                if gl.ch == ' ' && *sp > 0.0 {
                    items.push(TextItem::Text(std::mem::take(&mut s)));
                    items.push(TextItem::Offset(round3(-sp / size * 1000.0)));
                    pen += sp;
                }
            }
            if !s.is_empty() {
                items.push(TextItem::Text(s));
            }
            ops.push(Op::ShowText { items });
            i = j;
        }
    }
    ops.push(Op::EndTextSection);
    ops
}

fn round3(v: f32) -> f32 {
    (v * 1000.0).round() / 1000.0
}

/// A PDF text string: ASCII as is, anything else UTF-16BE with a BOM.
fn text_string(s: &str) -> Object {
    if s.is_ascii() {
        return Object::String(s.as_bytes().to_vec(), StringFormat::Literal);
    }
    let mut b = vec![0xFE, 0xFF];
    for u in s.encode_utf16() {
        b.extend_from_slice(&u.to_be_bytes());
    }
    Object::String(b, StringFormat::Hexadecimal)
}

/// `D:` date for the metadata: the issue date, else `SOURCE_DATE_EPOCH`, else none.
fn pdf_date(issue: &Issue) -> Option<String> {
    if let Some(d) = issue.date.filter(|d| d.year() > 1970) {
        return Some(format!("D:{}", d.compact()));
    }
    let epoch: i64 = std::env::var("SOURCE_DATE_EPOCH").ok()?.trim().parse().ok()?;
    if epoch < 366 * 86400 {
        return None;
    }
    let secs = epoch.rem_euclid(86400);
    let d = IssueDate::from_days_since_epoch(epoch.div_euclid(86400))?;
    Some(format!("D:{}{:02}{:02}{:02}Z", d.compact(), secs / 3600, secs / 60 % 60, secs % 60))
}

fn write_pdf(issue: &Issue, g: &Geometry, faces: &[&Face], c: &Composer<'_>) -> Result<Vec<u8>, ExportError> {
    let title = match (issue.title.as_deref().filter(|t| !t.trim().is_empty()), issue.date.map(|d| d.chinese())) {
        (Some(t), Some(d)) => Some(format!("{} {}", t.trim(), d)),
        (Some(t), None) => Some(t.trim().to_string()),
        (None, _) => issue.source.as_deref().filter(|s| !s.trim().is_empty()).map(|s| s.trim().to_string()),
    };
    let mut doc = PdfDocument::new(title.as_deref().unwrap_or(""));
    // Fonts: one per-document subset per face that is used, the faces
    // subset at once (one thread each beside this one).
    let subsets: Vec<Option<Result<Vec<u8>, String>>> = std::thread::scope(|s| {
        let subset = |(face, used): (&&Face, &BTreeSet<u16>)| (!used.is_empty()).then(|| face.subset(used));
        let others: Vec<_> = faces.iter().zip(&c.used).skip(1).map(|fu| s.spawn(move || subset(fu))).collect();
        let first = faces.iter().zip(&c.used).next().and_then(subset);
        std::iter::once(first).chain(others.into_iter().map(|h| h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))).collect()
    });
    let subsets: Vec<Option<Vec<u8>>> = subsets.into_iter().map(|s| s.transpose()).collect::<Result<_, _>>().map_err(ExportError::Render)?;
    let mut lo = std::thread::scope(|scope| {
        // Each font program is deflated as it will be in the file (see
        // deflate) while the document is put together; see take_compressed. The program printpdf embeds: the bare CFF table
        // of a CID-keyed CFF font (as the bundled faces are), else the font.
        let compressed: Vec<_> = subsets
            .iter()
            .map(|sub| {
                sub.as_ref().map(|bytes| {
                    scope.spawn(move || {
                        let program = printpdf::font::extract_cid_keyed_cff(bytes, 0).unwrap_or_else(|| bytes.clone());
                        let mut st = lopdf::Stream::new(Dictionary::new(), program.clone());
                        deflate::deflate(&mut st);
                        (program, st)
                    })
                })
            })
            .collect();
        let mut font_ids: Vec<Option<FontId>> = Vec::new();
        for ((i, face), sub) in faces.iter().enumerate().zip(&subsets) {
            let used: &BTreeSet<u16> = &c.used[i];
            let Some(sub) = sub else {
                font_ids.push(None);
                continue;
            };
            let mut w = Vec::new();
            let mut pf = ParsedFont::from_bytes(sub, 0, &mut w)
                .ok_or_else(|| ExportError::Render(format!("{}: the subset font could not be read back", face.label)))?;
            let mut key = face.ps_name.as_bytes().to_vec();
            for gid in used {
                key.extend_from_slice(&gid.to_be_bytes());
            }
            let hsh = fnv(0, &key);
            let tag: String = (0..6).map(|k| (b'A' + ((hsh >> (k * 5)) % 26) as u8) as char).collect();
            pf.font_name = Some(format!("{tag}+{}", face.ps_name));
            let id = FontId(format!("F{}", i + 1));
            doc.resources.fonts.map.insert(id.clone(), PdfFont::new(pf));
            font_ids.push(Some(id));
        }
        let wmm = Mm(g.w * 25.4 / 72.0);
        let hmm = Mm(g.h * 25.4 / 72.0);
        for (k, id) in c.photos.iter().enumerate() {
            let img = issue.image(id).ok_or_else(|| ExportError::Render(format!("photo {id} is not in the issue")))?;
            doc.resources.xobjects.map.insert(photo::xobject_id(k), photo::xobject(img).map_err(ExportError::Render)?);
        }
        doc.pages = c.pages.iter().map(|p| PdfPage::new(wmm, hmm, page_ops(&p.draws, g, &font_ids))).collect();

        let opts = PdfSaveOptions { optimize: true, subset_fonts: false, secure: true, image_optimization: None };
        let mut pw = Vec::new();
        let mut lo = printpdf::serialize::to_lopdf_doc(&doc, &opts, &mut pw);
        postprocess(&mut lo, issue, title.as_deref(), g, &c.marks).map_err(|e| ExportError::Render(format!("PDF assembly failed: {e}")))?;
        for st in compressed.into_iter().flatten() {
            let (program, st) = st.join().unwrap_or_else(|p| std::panic::resume_unwind(p));
            take_compressed(&mut lo, &program, st);
        }
        Ok::<_, ExportError>(lo)
    })?;
    compress(&mut lo);
    let mut buf = Vec::new();
    lo.save_to(&mut buf)?;
    // The file id is a digest of the file written with a placeholder id.
    let digest = format!("{:016x}{:016x}", fnv(1, &buf), fnv(2, &buf));
    let mut n = 0;
    let mut i = 0;
    while let Some(p) = find(&buf[i..], ID_PLACEHOLDER) {
        buf[i + p..i + p + ID_PLACEHOLDER.len()].copy_from_slice(digest.as_bytes());
        i += p + ID_PLACEHOLDER.len();
        n += 1;
    }
    debug_assert_eq!(n, 2);
    Ok(buf)
}

/// The font program `program` deflated ahead (`st`, a stream of it that
/// [`deflate::deflate`] ran on) put into the document's stream of it: only on a stream that allows
/// compression and has no filter yet, and only where deflating made it
/// smaller (then `/Filter` and the new content and length, in lopdf's
/// order). A document without such a stream is left alone, for
/// `compress` to deal with: the bytes are the same either way.
fn take_compressed(lo: &mut lopdf::Document, program: &[u8], st: lopdf::Stream) {
    if st.dict.get(b"Filter").is_err() {
        return;
    }
    let target = lo.objects.values_mut().find_map(|o| match o {
        Object::Stream(s) if s.allows_compression && s.dict.get(b"Filter").is_err() && s.content == program => Some(s),
        _ => None,
    });
    if let Some(s) = target {
        s.dict.set("Filter", "FlateDecode");
        s.set_content(st.content);
    }
}

/// What `lopdf::Document::compress` does (each stream that allows it and
/// has no filter yet deflated, where that makes it smaller), at
/// [`deflate::LEVEL`] rather than lopdf's best level, with the streams
/// shared out among the cores: the largest first, each to the thread with
/// the least bytes so far.
fn compress(lo: &mut lopdf::Document) {
    let mut streams: Vec<&mut lopdf::Stream> = lo
        .objects
        .values_mut()
        .filter_map(|o| match o {
            Object::Stream(s) if s.allows_compression => Some(s),
            _ => None,
        })
        .collect();
    streams.sort_by_key(|s| std::cmp::Reverse(s.content.len()));
    let threads = std::thread::available_parallelism().map_or(1, |n| n.get()).clamp(1, streams.len().max(1));
    let mut shares: Vec<(usize, Vec<&mut lopdf::Stream>)> = (0..threads).map(|_| (0, Vec::new())).collect();
    for s in streams {
        let least = shares.iter_mut().min_by_key(|(bytes, _)| *bytes).expect("at least one share");
        least.0 += s.content.len();
        least.1.push(s);
    }
    let deflate = |share: Vec<&mut lopdf::Stream>| {
        for s in share {
            deflate::deflate(s);
        }
    };
    std::thread::scope(|scope| {
        let mut shares = shares.into_iter().map(|(_, share)| share);
        let mine = shares.next();
        for share in shares {
            scope.spawn(move || deflate(share));
        }
        if let Some(share) = mine {
            deflate(share);
        }
    });
}

const ID_PLACEHOLDER: &[u8] = b"NEWSCONV-ID-PLACEHOLDER-00000000";

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn postprocess(lo: &mut lopdf::Document, issue: &Issue, title: Option<&str>, g: &Geometry, marks: &[Mark]) -> Result<(), lopdf::Error> {
    lo.version = "1.7".into();
    let pages: Vec<ObjectId> = lo.get_pages().values().copied().collect();
    let root = lo.trailer.get(b"Root")?.as_reference()?;

    // Outline: issue pages, then their articles, in reading order.
    let outlines_id = lo.new_object_id();
    let mut total = 0i64;
    let top_ids = write_marks(lo, marks, outlines_id, &pages, g, &mut total);
    let has_outline = !top_ids.is_empty();
    if has_outline {
        lo.objects.insert(
            outlines_id,
            Object::Dictionary(Dictionary::from_iter(vec![
                ("Type", Object::Name(b"Outlines".to_vec())),
                ("First", Object::Reference(top_ids[0])),
                ("Last", Object::Reference(*top_ids.last().unwrap())),
                ("Count", Object::Integer(total)),
            ])),
        );
    }

    // Info: only what the issue says; dates from the issue, never the clock.
    if let Ok(old) = lo.trailer.get(b"Info").and_then(|o| o.as_reference()) {
        lo.objects.remove(&old);
    }
    let mut info = Dictionary::new();
    if let Some(t) = title {
        info.set("Title", text_string(t));
    }
    if let Some(a) = issue.publisher.as_deref().or(issue.title.as_deref()).filter(|s| !s.trim().is_empty()) {
        info.set("Author", text_string(a.trim()));
    }
    info.set("Creator", text_string("newsconv"));
    info.set("Producer", text_string(concat!("newsconv ", env!("CARGO_PKG_VERSION"), " (printpdf)")));
    if let Some(d) = pdf_date(issue) {
        info.set("CreationDate", Object::String(d.clone().into_bytes(), StringFormat::Literal));
        info.set("ModDate", Object::String(d.into_bytes(), StringFormat::Literal));
    }
    let info_id = lo.add_object(Object::Dictionary(info));
    lo.trailer.set("Info", Object::Reference(info_id));
    let id = Object::String(ID_PLACEHOLDER.to_vec(), StringFormat::Literal);
    lo.trailer.set("ID", Object::Array(vec![id.clone(), id]));

    let cat = lo.get_object_mut(root)?.as_dict_mut()?;
    cat.set("Lang", Object::String(issue.lang().as_bytes().to_vec(), StringFormat::Literal));
    cat.remove(b"Metadata");
    cat.remove(b"OutputIntents");
    cat.remove(b"Outlines");
    cat.set("PageLayout", Object::Name(b"OneColumn".to_vec()));
    if has_outline {
        cat.set("Outlines", Object::Reference(outlines_id));
        cat.set("PageMode", Object::Name(b"UseOutlines".to_vec()));
    } else {
        cat.set("PageMode", Object::Name(b"UseNone".to_vec()));
    }
    if title.is_some() {
        cat.set("ViewerPreferences", Object::Dictionary(Dictionary::from_iter(vec![("DisplayDocTitle", Object::Boolean(true))])));
    }
    // Objects printpdf wrote that nothing references any more.
    lo.prune_objects();
    lo.renumber_objects();
    Ok(())
}

/// Write a level of the outline; returns the ids of its items. `count` gets
/// the number of visible descendants.
fn write_marks(lo: &mut lopdf::Document, marks: &[Mark], parent: ObjectId, pages: &[ObjectId], g: &Geometry, count: &mut i64) -> Vec<ObjectId> {
    let ids: Vec<ObjectId> = marks.iter().map(|_| lo.new_object_id()).collect();
    for (i, m) in marks.iter().enumerate() {
        *count += 1;
        let mut kid_count = 0i64;
        let kids = write_marks(lo, &m.kids, ids[i], pages, g, &mut kid_count);
        *count += kid_count;
        let page = pages.get(m.page).copied().unwrap_or(pages[0]);
        let top = (g.h - m.y + 4.0).clamp(0.0, g.h).round() as i64;
        let mut d = Dictionary::from_iter(vec![
            ("Title", text_string(&m.title)),
            ("Parent", Object::Reference(parent)),
            ("Dest", Object::Array(vec![Object::Reference(page), Object::Name(b"XYZ".to_vec()), Object::Null, Object::Integer(top), Object::Null])),
        ]);
        if i > 0 {
            d.set("Prev", Object::Reference(ids[i - 1]));
        }
        if i + 1 < ids.len() {
            d.set("Next", Object::Reference(ids[i + 1]));
        }
        if !kids.is_empty() {
            d.set("First", Object::Reference(kids[0]));
            d.set("Last", Object::Reference(*kids.last().unwrap()));
            d.set("Count", Object::Integer(kid_count));
        }
        lo.objects.insert(ids[i], Object::Dictionary(d));
    }
    ids
}

newsconv_core::register_exporter! {
    "pdf", "pdf", "application/pdf", PdfOptions, OPTIONS, write,
    "print PDF: two-column newspaper reprint, embedded subset CJK fonts, outline"
}

/// Referenced by the binary so the linker keeps this crate's registrations.
pub fn link() {}
