//! The bytes of an image drawn on a page: a JPEG (DCT) stream in gray or
//! RGB passes through byte for byte; anything else is decoded by hayro and
//! written as PNG. Every decode is bounded before anything is allocated
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
    let color = match dict
        .get::<Name<'_>>(b"ColorSpace")
        .or_else(|| dict.get::<Name<'_>>(b"CS"))
    {
        Some(n) if &*n == b"DeviceGray" || &*n == b"G" => ColorSpace::Gray,
        Some(n) if &*n == b"DeviceRGB" || &*n == b"RGB" => ColorSpace::Rgb,
        Some(n) if &*n == b"DeviceCMYK" || &*n == b"CMYK" => ColorSpace::Cmyk,
        _ => ColorSpace::Other,
    };
    let masked = stencil
        || dict.contains_key(b"SMask")
        || dict.contains_key(b"Mask")
        || dict.contains_key(b"SMaskInData");
    let photographic = stream
        .filters()
        .iter()
        .any(|f| matches!(f, Filter::DctDecode | Filter::JpxDecode));
    Header {
        width: image.width(),
        height: image.height(),
        color,
        masked,
        photographic,
    }
}

/// Why an image's bytes were not extracted.
pub type Refusal = String;

/// The image's bytes, as they go into the outputs. `max_pixels` bounds
/// what a decode may allocate (pixels; bytes follow at 4 per pixel).
pub fn bytes(
    image: &Image<'_, '_>,
    head: &Header,
    max_pixels: u64,
) -> Result<(ImageEncoding, Vec<u8>), Refusal> {
    let Image::Raster(raster) = image else {
        return Err("a stencil mask (no colours of its own)".into());
    };
    let pixels = u64::from(head.width) * u64::from(head.height);
    if pixels == 0 {
        return Err("no pixels".into());
    }
    if pixels > max_pixels {
        return Err(format!(
            "{}×{} pixels, over the limit of {} megapixels (--max-image-mpx)",
            head.width,
            head.height,
            max_pixels / 1_000_000
        ));
    }
    let stream = raster.stream();
    let filters = stream.filters();
    let raw = stream.raw_data();
    let byte_limit = max_pixels.saturating_mul(4);
    if raw.len() as u64 > byte_limit {
        return Err(format!(
            "its stream holds {} bytes, over the limit",
            raw.len()
        ));
    }
    let dct = filters.as_slice() == [Filter::DctDecode];
    if dct {
        let (w, h) = jpeg_size(&raw).ok_or("a JPEG stream without a readable frame header")?;
        if u64::from(w) * u64::from(h) > max_pixels {
            return Err(format!(
                "its JPEG header claims {w}×{h} pixels, over the limit of {} megapixels",
                max_pixels / 1_000_000
            ));
        }
        let plain = matches!(head.color, ColorSpace::Gray | ColorSpace::Rgb)
            && !stream.dict().contains_key(b"Decode");
        if plain && (w, h) == (head.width, head.height) {
            return Ok((ImageEncoding::Jpeg, raw.into_owned()));
        }
    } else if filters.as_slice() == [Filter::FlateDecode] {
        if super::budget::inflated_len(&raw, byte_limit).is_some_and(|n| n > byte_limit) {
            return Err("its Flate stream inflates past the limit".into());
        }
    } else if filters.iter().any(|f| {
        matches!(
            f,
            Filter::Jbig2Decode | Filter::JpxDecode | Filter::Crypt | Filter::DctDecode
        )
    }) {
        // Decoders whose output size the stream itself says, not the
        // dictionary: not run for extraction.
        return Err(format!("its filters {filters:?} are not extracted"));
    }
    decode_png(raster)
}

/// Decode through hayro (colour converted to RGB or gray) and encode PNG.
fn decode_png(
    raster: &hayro_interpret::RasterImage<'_>,
) -> Result<(ImageEncoding, Vec<u8>), Refusal> {
    let mut out: Result<Vec<u8>, Refusal> = Err("the image did not decode".into());
    raster.with_rgba(
        |data, _alpha| {
            out = match data {
                ImageData::Rgb(d) => encode_png(&d.data, d.width, d.height, png::ColorType::Rgb),
                ImageData::Luma(d) => {
                    encode_png(&d.data, d.width, d.height, png::ColorType::Grayscale)
                }
            }
        },
        None,
    );
    out.map(|b| (ImageEncoding::Png, b))
}

/// 8-bit PNG with fixed settings, so the same pixels give the same bytes.
fn encode_png(
    data: &[u8],
    width: u32,
    height: u32,
    color: png::ColorType,
) -> Result<Vec<u8>, Refusal> {
    let mut buf = Vec::new();
    let mut enc = png::Encoder::new(&mut buf, width, height);
    enc.set_color(color);
    enc.set_depth(png::BitDepth::Eight);
    enc.set_compression(png::Compression::Balanced);
    let mut w = enc.write_header().map_err(|e| format!("PNG: {e}"))?;
    w.write_image_data(data).map_err(|e| format!("PNG: {e}"))?;
    w.finish().map_err(|e| format!("PNG: {e}"))?;
    Ok(buf)
}

/// Width and height from a JPEG's frame header (SOFn), walking the marker
/// segments; `None` when there is none.
pub fn jpeg_size(b: &[u8]) -> Option<(u32, u32)> {
    if b.get(..2)? != [0xFF, 0xD8] {
        return None;
    }
    let mut i = 2;
    while i + 4 <= b.len() {
        if b[i] != 0xFF {
            return None;
        }
        let marker = b[i + 1];
        if marker == 0xFF {
            i += 1;
            continue;
        }
        let len = usize::from(u16::from_be_bytes([b[i + 2], b[i + 3]]));
        let sof = (0xC0..=0xCF).contains(&marker) && !matches!(marker, 0xC4 | 0xC8 | 0xCC);
        if sof {
            let h = u16::from_be_bytes([*b.get(i + 5)?, *b.get(i + 6)?]);
            let w = u16::from_be_bytes([*b.get(i + 7)?, *b.get(i + 8)?]);
            return Some((u32::from(w), u32::from(h)));
        }
        if len < 2 {
            return None;
        }
        i += 2 + len;
    }
    None
}

#[cfg(test)]
mod tests {
    use super::jpeg_size;

    #[test]
    fn jpeg_size_reads_the_frame_header_and_refuses_junk() {
        // SOI, an APP0 segment of 4 bytes, SOF0 of 8×3 pixels.
        let j = [
            0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2, 0xFF, 0xC0, 0, 11, 8, 0, 3, 0, 8, 1, 1, 0x11, 0,
        ];
        assert_eq!(jpeg_size(&j), Some((8, 3)));
        assert_eq!(jpeg_size(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), None);
        assert_eq!(jpeg_size(b"not a jpeg"), None);
    }
}
