//! The images drawn on a page as the model's [`Image`]s, each with a role
//! decided from its geometry relative to the page (never from one
//! sample's sizes or names): thin strips, specks and the page-header
//! artwork are furniture, small wide images are labels, large ones photos (or graphics, when the page
//! stores them losslessly: line art is rarely a JPEG).

use super::extract::{DrawnImage, PdfPage};
use newsconv_core::{Diagnostic, Image, ImageRole, Level};
use sha2::{Digest, Sha256};
use std::path::Path;
use std::sync::Arc;

/// Longer side over shorter side beyond which an image is a rule or strip.
const STRIP_ASPECT: f32 = 8.0;
/// Share of the printed area below which an image is a speck (bullet, ornament).
const SPECK_AREA: f32 = 0.004;
/// Share of the printed area below which a wide image is a label, not a photo.
const LABEL_AREA: f32 = 0.03;
/// Width over height from which a small image counts as wide.
const LABEL_ASPECT: f32 = 1.8;
/// Share of the printed area below which a not-wide image is an ornament, above
/// which a photo (small photos are portraits and product shots).
const PHOTO_AREA: f32 = 0.012;
/// Share of the printed area's height, from its top, of the page-header band:
/// images wholly inside it are header artwork.
const HEADER_BAND: f32 = 0.11;

/// The page's images for the model (ids and files are given by the
/// parser, which knows the page number), and an error diagnostic for each
/// image whose bytes could not be extracted.
pub fn images(path: &Path, k: usize, p: &PdfPage) -> (Vec<Image>, Vec<Diagnostic>) {
    let mut out = Vec::new();
    let mut diags = Vec::new();
    let area = p.printed_area();
    for (n, d) in p.drawn.iter().enumerate() {
        let mut img = Image {
            rect: round(d.rect),
            width: d.head.width,
            height: d.head.height,
            color: d.head.color,
            ..Default::default()
        };
        match &d.bytes {
            Some(Ok((enc, bytes))) => {
                img.encoding = Some(*enc);
                img.sha256 = Some(hex(&Sha256::digest(bytes)));
                img.size = Some(bytes.len() as u64);
                img.data = Some(Arc::from(bytes.as_slice()));
            }
            Some(Err(why)) => {
                let message = format!(
                    "{}: page {}: image {} ({}×{} px) not extracted: {why}",
                    path.display(),
                    k + 1,
                    n + 1,
                    d.head.width,
                    d.head.height
                );
                diags.push(Diagnostic {
                    level: Level::Error,
                    code: "image-not-extracted".into(),
                    message,
                    line: None,
                });
            }
            None => {}
        }
        img.role = role(d, &area);
        out.push(img);
    }
    (out, diags)
}

/// The role of one image from its box relative to the page's printed area.
fn role(d: &DrawnImage, printed: &newsconv_core::Rect) -> ImageRole {
    if d.head.masked || d.soft_mask {
        return ImageRole::Furniture;
    }
    let (w, h) = (d.rect.width().max(0.0), d.rect.height().max(0.0));
    let page = (printed.width() * printed.height()).max(1.0);
    let area = w * h / page;
    let aspect = w.max(h) / w.min(h).max(0.01);
    if aspect > STRIP_ASPECT || area < SPECK_AREA || d.rect.y1 <= printed.y0 + HEADER_BAND * printed.height() {
        return ImageRole::Furniture;
    }
    if area < LABEL_AREA && w / h.max(0.01) >= LABEL_ASPECT {
        return ImageRole::Label;
    }
    if area < PHOTO_AREA {
        return ImageRole::Furniture;
    }
    if d.head.photographic {
        ImageRole::Photo
    } else {
        ImageRole::Graphic
    }
}

/// Hundredths of a point, as the text layer keeps its boxes.
fn round(r: newsconv_core::Rect) -> newsconv_core::Rect {
    let f = |v: f32| (v * 100.0).round() / 100.0;
    newsconv_core::Rect::new(f(r.x0), f(r.y0), f(r.x1), f(r.y1))
}

fn hex(b: &[u8]) -> String {
    b.iter().map(|x| format!("{x:02x}")).collect()
}
