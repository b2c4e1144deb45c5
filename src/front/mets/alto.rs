//! One ALTO page of a package, as the read-back needs it: its blocks by ID
//! (role tag, lines with their boxes, type and text) and its size. Boxes
//! are taken back from `inch1200` to points, to the hundredth (the layout's
//! precision), so that writing them again gives the same whole units.

use newsconv_core::{LayoutLine, Rect};
use newsconv_newsml::dom::Elem;
use std::collections::HashMap;

/// One text block.
#[derive(Debug, Default)]
pub struct BlockRead {
    /// Its lines in order; a positionless line has no box.
    pub lines: Vec<LineRead>,
}

/// One `TextLine`.
#[derive(Debug)]
pub struct LineRead {
    /// The line with box, type and text (box and type only when positioned).
    pub line: LayoutLine,
    /// True when it has a box.
    pub positioned: bool,
}

/// A page's ALTO, read.
#[derive(Debug, Default)]
pub struct AltoRead {
    /// Page width and height in points, when given.
    pub size: Option<(f32, f32)>,
    /// Blocks by ID.
    pub blocks: HashMap<String, BlockRead>,
    /// Block IDs in document order.
    pub order: Vec<String>,
}

/// A length in `inch1200` as points, to the hundredth.
fn pt(v: Option<&str>) -> Option<f32> {
    let v: f64 = v?.trim().parse().ok().filter(|v: &f64| v.is_finite())?;
    Some(((v * 3.0 / 50.0 * 100.0).round() / 100.0) as f32)
}

fn walk<'a>(e: &'a Elem, name: &'a str, out: &mut Vec<&'a Elem>) {
    for c in e.elems() {
        if c.name == name {
            out.push(c);
        } else {
            walk(c, name, out);
        }
    }
}

/// Every element named `name` below `e` (not inside another such).
pub fn below<'a>(e: &'a Elem, name: &'a str) -> Vec<&'a Elem> {
    let mut out = Vec::new();
    walk(e, name, &mut out);
    out
}

/// Read a parsed ALTO document; `Err` says what is wrong with it.
pub fn read(root: &Elem) -> Result<AltoRead, String> {
    if root.name != "alto" {
        return Err(format!("not ALTO: the root element is <{}>", root.name));
    }
    let unit = below(root, "MeasurementUnit")
        .first()
        .map(|u| u.text().trim().to_string())
        .unwrap_or_default();
    let page = below(root, "Page");
    let [page] = page.as_slice() else {
        return Err(format!("{} Page elements, one expected", page.len()));
    };
    let size = pt(page.attr("WIDTH")).zip(pt(page.attr("HEIGHT")));
    if size.is_some() && unit != "inch1200" {
        return Err(format!(
            "measurement unit {unit:?}: a package's ALTO is in inch1200"
        ));
    }
    let styles: HashMap<&str, (&str, f32)> = below(root, "TextStyle")
        .into_iter()
        .filter_map(|s| {
            Some((
                s.attr("ID")?,
                (
                    s.attr("FONTFAMILY").unwrap_or(""),
                    s.attr("FONTSIZE")
                        .and_then(|f| f.parse().ok())
                        .unwrap_or(0.0),
                ),
            ))
        })
        .collect();
    let mut out = AltoRead {
        size,
        ..Default::default()
    };
    for b in below(page, "TextBlock") {
        let id = b
            .attr("ID")
            .ok_or_else(|| format!("line {}: a TextBlock without an ID", b.line))?
            .to_string();
        let lines = below(b, "TextLine")
            .into_iter()
            .map(|l| line(l, &styles))
            .collect();
        if out.blocks.insert(id.clone(), BlockRead { lines }).is_some() {
            return Err(format!("line {}: two TextBlocks with the ID {id}", b.line));
        }
        out.order.push(id);
    }
    Ok(out)
}

fn line(l: &Elem, styles: &HashMap<&str, (&str, f32)>) -> LineRead {
    let words: Vec<&str> = below(l, "String")
        .into_iter()
        .filter_map(|s| s.attr("CONTENT"))
        .collect();
    let b = ["HPOS", "VPOS", "WIDTH", "HEIGHT"].map(|k| l.attr(k));
    let rect = match b.map(pt) {
        [Some(x), Some(y), Some(_), Some(_)] => {
            let (r, d) = (pt(Some(&sum(b[0], b[2]))), pt(Some(&sum(b[1], b[3]))));
            Some(Rect::new(x, y, r.unwrap_or(x), d.unwrap_or(y)))
        }
        _ => None,
    };
    let (font, size) = l
        .attr("STYLEREFS")
        .and_then(|s| s.split_whitespace().find_map(|id| styles.get(id)))
        .copied()
        .unwrap_or(("", 0.0));
    let number = l
        .attr("ID")
        .and_then(|id| id.rsplit_once("_L"))
        .and_then(|(_, n)| n.parse::<u32>().ok());
    let line = LayoutLine {
        line: number.unwrap_or(0),
        rect: rect.unwrap_or_default(),
        size,
        font: font.to_string(),
        text: words.join(" "),
    };
    LineRead {
        line,
        positioned: rect.is_some(),
    }
}

/// Two whole numbers added (a box's far edge from its position and extent).
fn sum(a: Option<&str>, b: Option<&str>) -> String {
    let n = |v: Option<&str>| v.and_then(|v| v.trim().parse::<i64>().ok()).unwrap_or(0);
    (n(a) + n(b)).to_string()
}
