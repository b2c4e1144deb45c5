//! The bytes of an image drawn on a page: a JPEG (DCT) stream in gray or
//! RGB passes through byte for byte; any other JPEG (CMYK, a `Decode`
//! array, a frame size the dictionary disagrees with) is decoded by hayro
//! to sRGB or gray and written once as a baseline JPEG; anything else
//! (Flate and the other lossless filters) is decoded and written as PNG.
//!
//! Why a converted JPEG stays a JPEG: a print photo is a CMYK JPEG, and as
//! a PNG its pixels take four times the bytes (gzmzb A03's 2362×1323
//! photo: 5.2 MB of PNG against 1.2 MB of JPEG at quality 92, its page's
//! own CMYK stream being 2.4 MB), cost most of a conversion's time to
//! compress (Balanced deflate), and had to be decoded again and
//! re-encoded as JPEG by the EPUB and the print PDF, which carry photos as
//! JPEG. Converted once here, every output takes the same JPEG: the print
//! PDF embeds it as it is, the EPUB as it is when small enough. The
//! pixels were lossy already; one more JPEG generation at high quality
//! costs nothing a reader can see, and the page's own stream is what
//! `pdfimages` gives for anyone who needs the print original.
//!
//! Every decode is bounded before anything is allocated
//! (declared pixels, the stream's raw bytes, what a Flate stream inflates
//! to, the pixel size a JPEG's own header claims), so a file that claims
//! a 100000×100000 image costs an error for that image, not the page.

use hayro_interpret::hayro_syntax::object::Name;
use hayro_interpret::hayro_syntax::Filter;
use hayro_interpret::{Image, ImageData};
use newsconv_core::{ColorSpace, ImageEncoding};

/// What the image's own dictionary says, read without decoding.
#[derive(Debug, Clone, Copy)]
pub struct Header {
    /// Declared pixel width and height.
    pub width: u32,
    pub height: u32,
    /// Its colour space.
    pub color: ColorSpace,
    /// A stencil mask, or an image with a soft mask or colour-key mask we
    /// do not apply: outputs would show it wrong, so it is furniture.
    pub masked: bool,
    /// Stored with a lossy photographic codec (JPEG, JPEG 2000): what
    /// tells a photo from line art, which is stored losslessly.
    pub photographic: bool,
}

/// Read the dictionary of `image`.
pub fn header(image: &Image<'_, '_>) -> Header {
    let (stream, stencil) = match image {
        Image::Stencil(s) => (s.stream(), true),
        Image::Raster(r) => (r.stream(), false),
    };
    let dict = stream.dict();
    let color = match dict.get::<Name<'_>>(b"ColorSpace").or_else(|| dict.get::<Name<'_>>(b"CS")) {
        Some(n) if &*n == b"DeviceGray" || &*n == b"G" => ColorSpace::Gray,
        Some(n) if &*n == b"DeviceRGB" || &*n == b"RGB" => ColorSpace::Rgb,
        Some(n) if &*n == b"DeviceCMYK" || &*n == b"CMYK" => ColorSpace::Cmyk,
        _ => ColorSpace::Other,
    };
    let masked = stencil || dict.contains_key(b"SMask") || dict.contains_key(b"Mask") || dict.contains_key(b"SMaskInData");
    let photographic = stream.filters().iter().any(|f| matches!(f, Filter::DctDecode | Filter::JpxDecode));
    Header { width: image.width(), height: image.height(), color, masked, photographic }
}

/// Why an image's bytes were not extracted.
pub type Refusal = String;

/// The image's bytes, as they go into the outputs. `max_pixels` bounds
/// what a decode may allocate (pixels; bytes follow at 4 per pixel).
pub fn bytes(image: &Image<'_, '_>, head: &Header, max_pixels: u64) -> Result<(ImageEncoding, Vec<u8>), Refusal> {
    let Image::Raster(raster) = image else { return Err("a stencil mask (no colours of its own)".into()) };
    let pixels = u64::from(head.width) * u64::from(head.height);
    if pixels == 0 {
        return Err("no pixels".into());
    }
    if pixels > max_pixels {
        return Err(format!("{}×{} pixels, over the limit of {} megapixels (--max-image-mpx)", head.width, head.height, max_pixels / 1_000_000));
    }
    let stream = raster.stream();
    let filters = stream.filters();
    let raw = stream.raw_data();
    let byte_limit = max_pixels.saturating_mul(4);
    if raw.len() as u64 > byte_limit {
        return Err(format!("its stream holds {} bytes, over the limit", raw.len()));
    }
    let dct = filters.as_slice() == [Filter::DctDecode];
    if dct {
        let (w, h) = jpeg_size(&raw).ok_or("a JPEG stream without a readable frame header")?;
        if u64::from(w) * u64::from(h) > max_pixels {
            return Err(format!("its JPEG header claims {w}×{h} pixels, over the limit of {} megapixels", max_pixels / 1_000_000));
        }
        let plain = matches!(head.color, ColorSpace::Gray | ColorSpace::Rgb) && !stream.dict().contains_key(b"Decode");
        if plain && (w, h) == (head.width, head.height) {
            return Ok((ImageEncoding::Jpeg, raw.into_owned()));
        }
    } else if filters.as_slice() == [Filter::FlateDecode] {
        if super::budget::inflated_len(&raw, byte_limit).is_some_and(|n| n > byte_limit) {
            return Err("its Flate stream inflates past the limit".into());
        }
    } else if filters.iter().any(|f| matches!(f, Filter::Jbig2Decode | Filter::JpxDecode | Filter::Crypt | Filter::DctDecode)) {
        // Decoders whose output size the stream itself says, not the
        // dictionary: not run for extraction.
        return Err(format!("its filters {filters:?} are not extracted"));
    }
    decode(raster, if dct { ImageEncoding::Jpeg } else { ImageEncoding::Png })
}

/// JPEG quality of a photo converted from another colour space: high, as
/// its outputs scale it down or embed it as it is.
const JPEG_QUALITY: u8 = 92;

/// Decode through hayro (colour converted to sRGB or gray) and encode as
/// `to`.
fn decode(raster: &hayro_interpret::RasterImage<'_>, to: ImageEncoding) -> Result<(ImageEncoding, Vec<u8>), Refusal> {
    let mut out: Result<Vec<u8>, Refusal> = Err("the image did not decode".into());
    raster.with_rgba(
        |data, _alpha| {
            let (pixels, width, height, gray) = match &data {
                ImageData::Rgb(d) => (&d.data, d.width, d.height, false),
                ImageData::Luma(d) => (&d.data, d.width, d.height, true),
            };
            out = match to {
                ImageEncoding::Jpeg => encode_jpeg(pixels, width, height, gray),
                ImageEncoding::Png => encode_png(pixels, width, height, if gray { png::ColorType::Grayscale } else { png::ColorType::Rgb }),
            }
        },
        None,
    );
    out.map(|b| (to, b))
}

/// Baseline JPEG (the encoder is deterministic: same pixels, same bytes).
fn encode_jpeg(data: &[u8], width: u32, height: u32, gray: bool) -> Result<Vec<u8>, Refusal> {
    newsconv_core::encode_jpeg(data, width, height, gray, JPEG_QUALITY).map_err(|e| e.to_string())
}

/// 8-bit PNG with fixed settings, so the same pixels give the same bytes.
/// Fast compression: these are line art and masks, which compress well
/// at any setting, and Balanced cost several times the time.
fn encode_png(data: &[u8], width: u32, height: u32, color: png::ColorType) -> Result<Vec<u8>, Refusal> {
    let mut buf = Vec::new();
    let mut enc = png::Encoder::new(&mut buf, width, height);
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Fast);
    let mut w = enc.write_header().map_err(|e| format!("PNG: {e}"))?;
    w.write_image_data(data).map_err(|e| format!("PNG: {e}"))?;
    w.finish().map_err(|e| format!("PNG: {e}"))?;
    Ok(buf)
}

/// Width and height from a JPEG's frame header; `None` when there is none.
pub fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    newsconv_core::image::jpeg_frame(b).map(|f| (f.width, f.height))
}

#[cfg(test)]
mod tests {
    use super::jpeg_size;

    #[test]
    fn jpeg_size_reads_the_frame_header_and_refuses_junk() {
        // SOI, an APP0 segment of 4 bytes, SOF0 of 8×3 pixels.
        let j = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2, 0xFF, 0xC0, 0, 11, 8, 0, 3, 0, 8, 1, 1, 0x11, 0];
        assert_eq!(jpeg_size(&j), Some((8, 3)));
        assert_eq!(jpeg_size(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), None);
        assert_eq!(jpeg_size(b"not a jpeg"), None);
    }
}
