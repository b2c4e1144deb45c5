//! The photos as the book carries them: a JPEG of at most 1600 px on its
//! long side passes as extracted (the front end gives gray or sRGB JPEGs:
//! a CMYK one was converted once, as it was read); anything larger, or a
//! PNG (a lossless original), is scaled to fit and written as an sRGB
//! baseline JPEG, so every reading system shows it and no book carries
//! print-resolution images.

use crate::scale;
use newsconv_core::{Image, ImageEncoding};
use std::borrow::Cow;

/// Longest side, in pixels, of a photo in the book.
pub(crate) const MAX_SIDE: u32 = 1600;
/// JPEG quality of converted photos.
const QUALITY: u8 = 85;

/// One photo ready for the book.
pub(crate) struct BookImage<'a> {
    /// Path in the book (`images/p1-i3.jpg`), relative to the documents.
    pub(crate) href: String,
    /// The bytes.
    pub(crate) data: Cow<'a, [u8]>,
    /// Media type.
    pub(crate) media: &'static str,
    /// Pixel size as stored in the book.
    pub(crate) width: u32,
    pub(crate) height: u32,
}

/// The photo as the book carries it, or why it cannot.
pub(crate) fn prepare(img: &Image) -> Result<BookImage<'_>, String> {
    let (Some(data), Some(enc), Some(file)) =
        (img.data.as_deref(), img.encoding, img.file.as_deref())
    else {
        return Err(format!("{}: no image bytes", img.id));
    };
    if enc == ImageEncoding::Jpeg && img.width.max(img.height) <= MAX_SIDE {
        return Ok(BookImage {
            href: format!("images/{file}"),
            data: Cow::Borrowed(data),
            media: "image/jpeg",
            width: img.width,
            height: img.height,
        });
    }
    let format = match enc {
        ImageEncoding::Jpeg => image::ImageFormat::Jpeg,
        ImageEncoding::Png => image::ImageFormat::Png,
    };
    let mut reader = image::ImageReader::with_format(std::io::Cursor::new(data), format);
    // The extraction bounded the pixels; this bounds the decoder again.
    let mut limits = image::Limits::default();
    limits.max_alloc = Some(512 << 20);
    reader.limits(limits);
    let decoded = reader.decode().map_err(|e| format!("{}: {e}", img.id))?;
    let rgb = decoded.into_rgb8();
    let (w, h) = (rgb.width(), rgb.height());
    let (nw, nh) = scale::fit(w, h, MAX_SIDE);
    let pixels = if (nw, nh) == (w, h) { rgb.into_raw() } else { scale::down(rgb.as_raw(), 3, w, h, nw, nh) };
    let out = newsconv_core::encode_jpeg(&pixels, nw, nh, false, QUALITY)
        .map_err(|e| format!("{}: {e}", img.id))?;
    Ok(BookImage {
        href: format!("images/{}.jpg", img.id),
        data: Cow::Owned(out),
        media: "image/jpeg",
        width: nw,
        height: nh,
    })
}
