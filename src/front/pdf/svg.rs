//! The pages as read, drawn as one SVG: each page rendered underneath
//! (an embedded PNG), the layout's regions dashed, each block outlined in
//! the colour of its role and labelled, each article outlined in a colour
//! of its own with its number, and a legend. Deterministic bytes: the same
//! views give the same file.

use super::view::PageView;
use crate::parse::LineRole;
use newsconv_core::Rect;
use std::fmt::Write as _;

/// Width of the legend column beside the pages, in points.
const LEGEND_W: f32 = 230.0;
/// Gap between stacked pages, in points.
const GAP: f32 = 20.0;
/// Article outline colours, in turn.
const ARTICLE_COLOURS: [&str; 8] = ["#e6194b", "#3cb44b", "#4363d8", "#f58231", "#911eb4", "#42d4f4", "#f032e6", "#9a6324"];
/// Every role drawn, with its colour (body text has no role of its own).
const ROLES: [(&str, &str); 10] = [
    ("headline", "#d00000"),
    ("kicker", "#ff8c00"),
    ("subheadline", "#c71585"),
    ("column", "#8b4513"),
    ("heading", "#b8860b"),
    ("byline", "#008000"),
    ("caption", "#008b8b"),
    ("furniture", "#808080"),
    ("body", "#1e90ff"),
    ("region", "#6a0dad"),
];

/// The name a block's role is drawn and labelled with.
pub fn role_name(r: Option<LineRole>) -> &'static str {
    match r {
        Some(LineRole::Headline) => "headline",
        Some(LineRole::Kicker) => "kicker",
        Some(LineRole::Subheadline) => "subheadline",
        Some(LineRole::Column) => "column",
        Some(LineRole::Heading) => "heading",
        Some(LineRole::Byline) => "byline",
        Some(LineRole::Caption) => "caption",
        Some(LineRole::Furniture) => "furniture",
        Some(LineRole::Body) | None => "body",
    }
}

fn colour(role: &str) -> &'static str {
    ROLES.iter().find(|(n, _)| *n == role).map_or("#000000", |e| e.1)
}

/// The SVG of `pages`, stacked top to bottom, the legend on the right.
pub fn svg(pages: &[PageView]) -> String {
    let width = pages.iter().map(|p| p.width).fold(0.0, f32::max) + LEGEND_W;
    let height = pages.iter().map(|p| p.height + GAP).sum::<f32>().max(GAP) - GAP;
    let mut s = String::new();
    let _ = writeln!(s, r#"<?xml version="1.0" encoding="UTF-8"?>"#);
    let _ = writeln!(
        s,
        r#"<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="{width:.1}" height="{height:.1}" viewBox="0 0 {width:.1} {height:.1}" font-family="sans-serif">"#
    );
    let mut y = 0.0;
    let mut first_article = 1;
    for (k, p) in pages.iter().enumerate() {
        page(&mut s, p, k + 1, y, first_article);
        first_article += p.articles.len();
        y += p.height + GAP;
    }
    legend(&mut s, pages.iter().map(|p| p.width).fold(0.0, f32::max) + 10.0);
    s.push_str("</svg>\n");
    s
}

fn page(s: &mut String, p: &PageView, number: usize, y: f32, first_article: usize) {
    let _ = writeln!(s, r#"<g class="page" data-page="{number}" transform="translate(0 {y:.1})">"#);
    let _ = writeln!(s, r#"<image x="0" y="0" width="{:.1}" height="{:.1}" preserveAspectRatio="none" xlink:href="data:image/png;base64,{}"/>"#, p.width, p.height, base64(&p.png));
    let _ = writeln!(s, r##"<rect x="0" y="0" width="{:.1}" height="{:.1}" fill="none" stroke="#000000" stroke-width="0.5"/>"##, p.width, p.height);
    for (r, titled) in &p.regions {
        let dash = if *titled { "8 4" } else { "2 3" };
        let _ = writeln!(s, r#"<rect class="region" data-titled="{titled}" {} fill="none" stroke="{}" stroke-width="1.2" stroke-dasharray="{dash}"/>"#, rect_attrs(r, 3.0), colour("region"));
    }
    for (r, role) in &p.blocks {
        block(s, r, role_name(*role));
    }
    for (i, (id, title, boxes)) in p.articles.iter().enumerate() {
        article(s, first_article + i, id, title, boxes);
    }
    s.push_str("</g>\n");
}

fn rect_attrs(r: &Rect, pad: f32) -> String {
    format!(r#"x="{:.1}" y="{:.1}" width="{:.1}" height="{:.1}""#, r.x0 - pad, r.y0 - pad, r.width() + 2.0 * pad, r.height() + 2.0 * pad)
}

fn block(s: &mut String, r: &Rect, role: &str) {
    let c = colour(role);
    let _ = writeln!(s, r#"<rect class="block" data-role="{role}" {} fill="{c}" fill-opacity="0.08" stroke="{c}" stroke-width="0.8"/>"#, rect_attrs(r, 0.5));
    if role != "body" {
        let _ = writeln!(s, r#"<text class="role" x="{:.1}" y="{:.1}" font-size="7" fill="{c}">{role}</text>"#, r.x0, r.y0 - 1.5);
    }
}

fn article(s: &mut String, n: usize, id: &str, title: &str, boxes: &[Rect]) {
    let c = ARTICLE_COLOURS[(n - 1) % ARTICLE_COLOURS.len()];
    let _ = writeln!(s, r#"<g class="article" data-id="{}">"#, escape(id));
    let _ = writeln!(s, "<title>{n}. {}</title>", escape(title));
    for r in boxes {
        let _ = writeln!(s, r#"<rect {} fill="none" stroke="{c}" stroke-width="2.5" stroke-opacity="0.85"/>"#, rect_attrs(r, 4.0));
    }
    // The number at the top right corner of its first box (role labels
    // take the top left).
    let Some(r) = boxes.first() else { return s.push_str("</g>\n") };
    let (x, y) = (r.x1 + 4.0 - 22.0, r.y0 - 4.0);
    let _ = writeln!(s, r#"<rect x="{x:.1}" y="{:.1}" width="22" height="16" fill="{c}"/>"#, y - 16.0);
    let _ = writeln!(s, r##"<text x="{:.1}" y="{:.1}" font-size="12" font-weight="bold" fill="#ffffff">{n}</text>"##, x + 3.0, y - 4.0);
    s.push_str("</g>\n");
}

fn legend(s: &mut String, x: f32) {
    let _ = writeln!(s, r#"<g class="legend" transform="translate({x:.1} 10)">"#);
    let _ = writeln!(s, r#"<text x="0" y="12" font-size="13" font-weight="bold">Legend</text>"#);
    for (i, (role, c)) in ROLES.iter().enumerate() {
        let y = 26.0 + i as f32 * 18.0;
        let dash = if *role == "region" { r#" stroke-dasharray="8 4""# } else { "" };
        let _ = writeln!(s, r#"<rect x="0" y="{y:.1}" width="24" height="12" fill="{c}" fill-opacity="0.15" stroke="{c}"{dash}/>"#);
        let _ = writeln!(s, r#"<text x="32" y="{:.1}" font-size="11">{role}</text>"#, y + 10.0);
    }
    let y = 26.0 + ROLES.len() as f32 * 18.0;
    let _ = writeln!(s, r#"<rect x="0" y="{y:.1}" width="24" height="12" fill="none" stroke="{}" stroke-width="2.5"/>"#, ARTICLE_COLOURS[0]);
    let _ = writeln!(s, r#"<text x="32" y="{:.1}" font-size="11">article (numbered)</text>"#, y + 10.0);
    s.push_str("</g>\n");
}

fn escape(t: &str) -> String {
    t.replace('&', "&amp;").replace('<', "&lt;").replace('>', "&gt;").replace('"', "&quot;")
}

/// Standard base64 with padding (RFC 4648).
fn base64(bytes: &[u8]) -> String {
    const ABC: &[u8; 64] = b"ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
    let mut out = String::with_capacity(bytes.len().div_ceil(3) * 4);
    for c in bytes.chunks(3) {
        let n = (u32::from(c[0]) << 16) | (u32::from(*c.get(1).unwrap_or(&0)) << 8) | u32::from(*c.get(2).unwrap_or(&0));
        for (k, shift) in [18, 12, 6, 0].into_iter().enumerate() {
            out.push(if k <= c.len() { ABC[(n >> shift & 63) as usize] as char } else { '=' });
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::base64;

    #[test]
    fn base64_pads_like_rfc_4648() {
        assert_eq!(base64(b""), "");
        assert_eq!(base64(b"f"), "Zg==");
        assert_eq!(base64(b"fo"), "Zm8=");
        assert_eq!(base64(b"foo"), "Zm9v");
        assert_eq!(base64(b"foobar"), "Zm9vYmFy");
    }
}
