//! Photos as PDF image XObjects: a gray or RGB JPEG goes in as it was
//! extracted (a DCTDecode stream, byte for byte; the front end already
//! converted a CMYK JPEG to an sRGB one); a photo that comes as PNG (a
//! lossless original) is re-encoded as JPEG.

use newsconv_core::{jpeg_frame, Image, ImageEncoding};
use printpdf::{DictItem, ExternalStream, ExternalXObject, Op, Pt, Px, XObject, XObjectId, XObjectTransform};
use std::collections::BTreeMap;

/// JPEG quality of re-encoded photos.
const QUALITY: u8 = 90;

/// The resource name of the `k`th photo placed.
pub(crate) fn xobject_id(k: usize) -> XObjectId {
    XObjectId(format!("Im{}", k + 1))
}

/// The photo as an image XObject.
pub(crate) fn xobject(img: &Image) -> Result<XObject, String> {
    let data = img.data.as_deref().ok_or_else(|| format!("photo {} has no bytes", img.id))?;
    // A JPEG of one or three components is what DeviceGray and DeviceRGB
    // with DCTDecode take as it is; the frame header, not the page's
    // colour space, says which (a CMYK original was converted to RGB).
    let frame = jpeg_frame(data).filter(|f| img.encoding == Some(ImageEncoding::Jpeg) && matches!(f.components, 1 | 3));
    let (bytes, gray, w, h) = match frame {
        Some(f) => (data.to_vec(), f.components == 1, f.width, f.height),
        None => reencode(img, data)?,
    };
    let name = |n: &str| DictItem::Name(n.as_bytes().to_vec());
    let mut dict = BTreeMap::new();
    dict.insert("Type".to_string(), name("XObject"));
    dict.insert("Subtype".to_string(), name("Image"));
    dict.insert("Width".to_string(), DictItem::Int(i64::from(w)));
    dict.insert("Height".to_string(), DictItem::Int(i64::from(h)));
    dict.insert("ColorSpace".to_string(), name(if gray { "DeviceGray" } else { "DeviceRGB" }));
    dict.insert("BitsPerComponent".to_string(), DictItem::Int(8));
    dict.insert("Filter".to_string(), name("DCTDecode"));
    let stream = ExternalStream { dict, content: bytes, compress: false };
    Ok(XObject::External(ExternalXObject { stream, width: Some(Px(w as usize)), height: Some(Px(h as usize)), dpi: None }))
}

/// Decode the extracted PNG (or a JPEG in another colour space) and write
/// it as a baseline JPEG; returns (bytes, gray, width, height).
fn reencode(img: &Image, data: &[u8]) -> Result<(Vec<u8>, bool, u32, u32), String> {
    let format = match img.encoding {
        Some(ImageEncoding::Png) => image::ImageFormat::Png,
        _ => image::ImageFormat::Jpeg,
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(data), format);
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(512 << 20);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| format!("photo {}: {e}", img.id))?;
    let gray = !decoded.color().has_color();
    let (w, h) = (decoded.width(), decoded.height());
    let pixels = if gray { decoded.into_luma8().into_raw() } else { decoded.into_rgb8().into_raw() };
    let out = newsconv_core::encode_jpeg(&pixels, w, h, gray, QUALITY).map_err(|e| format!("photo {}: {e}", img.id))?;
    Ok((out, gray, w, h))
}

/// Draw the `k`th photo with its top-left corner at (`x`, `y`) from the
/// page's top left, `w` by `h` points, on a page `page_h` high.
pub(crate) fn place(k: usize, x: f32, y: f32, w: f32, h: f32, page_h: f32) -> Op {
    let r = |v: f32| (v * 1000.0).round() / 1000.0;
    let transform = XObjectTransform {
        translate_x: Some(Pt(r(x))),
        translate_y: Some(Pt(r(page_h - y - h))),
        scale_x: Some(r(w)),
        scale_y: Some(r(h)),
        no_auto_scale: true,
        ..Default::default()
    };
    Op::UseXobject { id: xobject_id(k), transform }
}
