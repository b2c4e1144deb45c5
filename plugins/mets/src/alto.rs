//! One page as ALTO 4.4: the page's text blocks (one per element: a
//! headline, a paragraph, a caption …) with their lines and words, each
//! block tagged with its role. Positions come from the page's text layer
//! (PDF input) in 1/1200 inch (`inch1200`, whole numbers: a point is
//! 50/3 units); text input has no layout, so its blocks carry text only.
//!
//! Every box is worked out from the line boxes as written (whole units):
//! a block's box is the union of its lines', a word's box a share of its
//! line's, so a reader who takes the lines back gets the same numbers
//! (`src/front/mets` rebuilds a page's layout from them). A `TextLine`'s
//! ID names its input line (`P1_L42`: the number spans and diagnostics use).

use crate::xml::Xml;
use newsconv_core::{Element, LayoutLine, Page, Rect, Role};

/// The roles a block can be tagged with, as `Tags/StructureTag`s.
const ROLES: [Role; 12] = [
    Role::Kicker,
    Role::Column,
    Role::Headline,
    Role::Subheadline,
    Role::Byline,
    Role::Dateline,
    Role::Paragraph,
    Role::Heading,
    Role::Note,
    Role::Caption,
    Role::Furniture,
    Role::Unassigned,
];

/// Points to ALTO's `inch1200` unit.
fn u(pt: f32) -> i64 {
    (f64::from(pt) * 50.0 / 3.0).round().max(0.0) as i64
}

/// A box in whole `inch1200` units: left, top, width, height.
#[derive(Clone, Copy)]
struct Units(i64, i64, i64, i64);

impl Units {
    /// A line's box as written.
    fn of(r: &Rect) -> Units {
        Units(u(r.x0), u(r.y0), u(r.width()), u(r.height()))
    }
    fn right(&self) -> i64 {
        self.0 + self.2
    }
    fn union(&self, o: &Units) -> Units {
        let (l, t) = (self.0.min(o.0), self.1.min(o.1));
        Units(
            l,
            t,
            self.right().max(o.right()) - l,
            (self.1 + self.3).max(o.1 + o.3) - t,
        )
    }
    fn attrs(&self) -> [(&'static str, String); 4] {
        [
            ("HPOS", self.0.to_string()),
            ("VPOS", self.1.to_string()),
            ("WIDTH", self.2.to_string()),
            ("HEIGHT", self.3.to_string()),
        ]
    }
}

/// The ID of the `TextLine` printing input line `line` on page `page`.
pub fn line_id(page: usize, line: u32) -> String {
    format!("P{page}_L{line}")
}

/// The ID of block `k` of page `page` (1-based).
pub fn block_id(page: usize, k: usize) -> String {
    format!("P{page}_TB{k:04}")
}

/// One page written: the XML, and the block ID of each element (`None`
/// for an element with nothing to show, such as one whose lines the
/// layout did not give).
pub struct AltoPage {
    /// The ALTO document.
    pub xml: String,
    /// Per element (same order as given), its blocks' IDs: one per column
    /// it runs through; none for an element with nothing to show.
    pub blocks: Vec<Vec<String>>,
    /// Per element, its text as a reader takes it from its blocks
    /// ([`crate::block_text`]); `None` for an element without blocks.
    pub read: Vec<Option<String>>,
    /// Characters dropped because XML cannot carry them.
    pub dropped: usize,
}

/// Write page number `pno` (1-based) with its elements; `source` names
/// the page file.
pub fn page(page: &Page, pno: usize, els: &[Element], source: Option<&str>) -> AltoPage {
    let mut x = Xml::new();
    x.start(
        "alto",
        &[
            ("xmlns", "http://www.loc.gov/standards/alto/ns-v4#"),
            ("xmlns:xsi", "http://www.w3.org/2001/XMLSchema-instance"),
            (
                "xsi:schemaLocation",
                "http://www.loc.gov/standards/alto/ns-v4# http://www.loc.gov/alto/v4/alto-4-4.xsd",
            ),
            ("SCHEMAVERSION", "4.4"),
        ],
    );
    description(&mut x, source, page.ocr.as_ref());
    // OCR'd text carries the engine's confidence on every word.
    let wc = page.ocr.as_ref().map(|o| format!("{:.2}", o.confidence));
    let styles = styles(&mut x, page, els);
    x.start("Tags", &[]);
    for r in ROLES {
        x.empty(
            "StructureTag",
            &[
                ("ID", &tag(r)),
                ("TYPE", "structure"),
                ("LABEL", r.as_str()),
            ],
        );
    }
    x.end("Tags");
    x.start("Layout", &[]);
    let (w, h) = page
        .layout
        .as_ref()
        .map(|l| (u(l.width).to_string(), u(l.height).to_string()))
        .unzip();
    let id = format!("P{pno}");
    let nr = pno.to_string();
    let mut attrs = vec![("ID", id.as_str()), ("PHYSICAL_IMG_NR", nr.as_str())];
    let label = page
        .label
        .clone()
        .unwrap_or_else(|| page.number.to_string());
    attrs.push(("PRINTED_IMG_NR", label.as_str()));
    if let (Some(w), Some(h)) = (&w, &h) {
        attrs.push(("WIDTH", w));
        attrs.push(("HEIGHT", h));
    }
    x.start("Page", &attrs);
    let mut ps = vec![("ID", "PS1")];
    if let (Some(w), Some(h)) = (&w, &h) {
        ps.extend([
            ("HPOS", "0"),
            ("VPOS", "0"),
            ("WIDTH", w.as_str()),
            ("HEIGHT", h.as_str()),
        ]);
    }
    x.start("PrintSpace", &ps);
    let mut blocks = Vec::with_capacity(els.len());
    let mut read = Vec::with_capacity(els.len());
    let mut k = 0;
    for e in els {
        let lines: Vec<&LayoutLine> = match &page.layout {
            Some(l) => e.lines.iter().filter_map(|&i| l.lines.get(i)).collect(),
            None => Vec::new(),
        };
        if page.layout.is_some() && lines.is_empty() {
            // PDF input: this element's text is in the lines of others.
            blocks.push(Vec::new());
            read.push(None);
            continue;
        }
        let mut ids = Vec::new();
        for run in column_runs(&lines) {
            k += 1;
            let id = block_id(pno, k);
            text_block(&mut x, &id, pno, e, run, &styles, wc.as_deref());
            ids.push(id);
        }
        blocks.push(ids);
        let texts: Vec<&str> = if lines.is_empty() {
            vec![e.text.as_str()]
        } else {
            lines.iter().map(|l| l.text.as_str()).collect()
        };
        read.push(Some(crate::block_text(&texts)));
    }
    x.end("PrintSpace");
    x.end("Page");
    x.end("Layout");
    x.end("alto");
    let dropped = x.dropped;
    AltoPage {
        xml: x.finish(),
        blocks,
        read,
        dropped,
    }
}

/// An element's lines cut where the text moves to another column (the
/// next line does not overlap the last across), so each block is one
/// box on the page; text without positions is one run.
fn column_runs<'a, 'b>(lines: &'b [&'a LayoutLine]) -> Vec<&'b [&'a LayoutLine]> {
    if lines.is_empty() {
        return vec![lines];
    }
    let mut runs = Vec::new();
    let mut start = 0;
    for k in 1..lines.len() {
        let (a, b) = (Units::of(&lines[k - 1].rect), Units::of(&lines[k].rect));
        if a.right().min(b.right()) <= a.0.max(b.0) {
            runs.push(&lines[start..k]);
            start = k;
        }
    }
    runs.push(&lines[start..]);
    runs
}

fn tag(r: Role) -> String {
    format!("TAG_{}", r.as_str())
}

fn description(x: &mut Xml, source: Option<&str>, ocr: Option<&newsconv_core::PageOcr>) {
    x.start("Description", &[]);
    x.text("MeasurementUnit", &[], "inch1200");
    if let Some(s) = source {
        x.start("sourceImageInformation", &[]);
        x.text("fileName", &[], s);
        x.end("sourceImageInformation");
    }
    x.start("Processing", &[("ID", "PROC1")]);
    x.text("processingCategory", &[], "contentGeneration");
    x.start("processingSoftware", &[]);
    x.text("softwareName", &[], "newsconv");
    x.text("softwareVersion", &[], env!("CARGO_PKG_VERSION"));
    x.end("processingSoftware");
    x.end("Processing");
    if let Some(o) = ocr {
        // The text itself came from an OCR engine: a step of its own.
        x.start("Processing", &[("ID", "PROC2")]);
        x.text("processingCategory", &[], "contentGeneration");
        x.text("processingStepDescription", &[], &o.note());
        x.text(
            "processingStepSettings",
            &[],
            &format!(
                "language={}; dpi={}; reason={}",
                o.language,
                o.dpi,
                o.reason.as_str()
            ),
        );
        x.start("processingSoftware", &[]);
        x.text(
            "softwareName",
            &[],
            o.engine.split_whitespace().next().unwrap_or("OCR"),
        );
        x.text(
            "softwareVersion",
            &[],
            o.engine.split_whitespace().nth(1).unwrap_or(""),
        );
        x.end("processingSoftware");
        x.end("Processing");
    }
    x.end("Description");
}

/// One `TextStyle` per font and size of the lines written (in layout
/// order); returns (font, size in tenths of a point, ID) for looking them up.
fn styles(x: &mut Xml, page: &Page, els: &[Element]) -> Vec<(String, i32, String)> {
    let mut out: Vec<(String, i32, String)> = Vec::new();
    if let Some(l) = &page.layout {
        let mut written: Vec<usize> = els.iter().flat_map(|e| e.lines.iter().copied()).collect();
        written.sort_unstable();
        for line in written.iter().filter_map(|&i| l.lines.get(i)) {
            let key = (line.font.clone(), (line.size * 10.0).round() as i32);
            if !out.iter().any(|s| s.0 == key.0 && s.1 == key.1) {
                let id = format!("TS{}", out.len() + 1);
                out.push((key.0, key.1, id));
            }
        }
    }
    if !out.is_empty() {
        x.start("Styles", &[]);
        for (font, size, id) in &out {
            let size = format!("{:.1}", *size as f32 / 10.0);
            x.empty(
                "TextStyle",
                &[("ID", id), ("FONTFAMILY", font), ("FONTSIZE", &size)],
            );
        }
        x.end("Styles");
    }
    out
}

fn text_block(
    x: &mut Xml,
    id: &str,
    pno: usize,
    e: &Element,
    lines: &[&LayoutLine],
    styles: &[(String, i32, String)],
    wc: Option<&str>,
) {
    let t = tag(e.role);
    let mut attrs: Vec<(&str, String)> = vec![("ID", id.to_string()), ("TAGREFS", t)];
    if let Some(first) = lines.first() {
        let r = lines.iter().fold(Units::of(&first.rect), |acc, l| {
            acc.union(&Units::of(&l.rect))
        });
        attrs.extend(r.attrs());
    }
    let a: Vec<(&str, &str)> = attrs.iter().map(|(k, v)| (*k, v.as_str())).collect();
    x.start("TextBlock", &a);
    if lines.is_empty() {
        x.start("TextLine", &[]);
        strings(x, &e.text, None, wc);
        x.end("TextLine");
    }
    for l in lines {
        let style = styles
            .iter()
            .find(|s| s.0 == l.font && s.1 == (l.size * 10.0).round() as i32)
            .map(|s| s.2.clone())
            .unwrap_or_default();
        let lid = line_id(pno, l.line);
        let b = Units::of(&l.rect);
        let p = b.attrs();
        let mut la: Vec<(&str, &str)> = vec![("ID", &lid)];
        la.extend(p.iter().map(|(k, v)| (*k, v.as_str())));
        if !style.is_empty() {
            la.push(("STYLEREFS", &style));
        }
        x.start("TextLine", &la);
        strings(x, &l.text, Some(b), wc);
        x.end("TextLine");
    }
    x.end("TextBlock");
}

/// The words of a line as `String`s with `SP` between them; with a box,
/// each word gets its share of the line's width by characters; `wc`: the
/// OCR confidence of the page's words.
fn strings(x: &mut Xml, text: &str, rect: Option<Units>, wc: Option<&str>) {
    let words: Vec<&str> = text.split_whitespace().collect();
    let total: usize =
        words.iter().map(|w| w.chars().count()).sum::<usize>() + words.len().saturating_sub(1);
    let mut at = 0usize;
    for (k, w) in words.iter().enumerate() {
        if k > 0 {
            x.empty("SP", &[]);
            at += 1;
        }
        let n = w.chars().count();
        match rect {
            Some(r) if total > 0 => {
                let edge = |k: usize| (r.2 as f64 * k as f64 / total as f64).round() as i64;
                let p = Units(r.0 + edge(at), r.1, edge(at + n) - edge(at), r.3).attrs();
                let mut a: Vec<(&str, &str)> = vec![("CONTENT", *w)];
                a.extend(p.iter().map(|(k, v)| (*k, v.as_str())));
                a.extend(wc.map(|c| ("WC", c)));
                x.empty("String", &a);
            }
            _ => x.empty(
                "String",
                &[("CONTENT", *w)]
                    .into_iter()
                    .chain(wc.map(|c| ("WC", c)))
                    .collect::<Vec<_>>(),
            ),
        }
        at += n;
    }
}
