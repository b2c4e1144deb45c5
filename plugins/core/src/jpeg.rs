//! Writing pixels as a baseline JPEG, for every place that makes one (the
//! front end's converted photos and page picture, the EPUB's scaled
//! photos, the print PDF's re-encoded ones): one encoder, one set of
//! settings. `jpeg-encoder` built without its SIMD feature: safe code
//! only, and the same pixels give the same bytes on every machine. It is
//! several times faster than the `image` crate's encoder, which was a
//! sixth of a page's conversion (the cover picture alone).

/// Why pixels could not be written.
#[derive(Debug, thiserror::Error)]
pub enum JpegError {
    /// Wider or taller than a JPEG can say (65535 pixels).
    #[error("{0}×{1} pixels: too large for a JPEG")]
    TooLarge(u32, u32),
    /// The encoder refused the pixels.
    #[error("JPEG: {0}")]
    Encode(String),
}

/// `pixels` (8-bit gray when `gray`, else 8-bit RGB, rows top to bottom)
/// as a baseline JPEG at `quality` (1–100), colour subsampled 2×2 (4:2:0,
/// as cameras and most JPEGs store it: half the work of full colour, and
/// nothing a reader sees at print or screen sizes).
pub fn encode_jpeg(
    pixels: &[u8],
    width: u32,
    height: u32,
    gray: bool,
    quality: u8,
) -> Result<Vec<u8>, JpegError> {
    let (Ok(w), Ok(h)) = (u16::try_from(width), u16::try_from(height)) else {
        return Err(JpegError::TooLarge(width, height));
    };
    let mut out = Vec::with_capacity(pixels.len() / 8);
    let color = if gray {
        jpeg_encoder::ColorType::Luma
    } else {
        jpeg_encoder::ColorType::Rgb
    };
    let mut enc = jpeg_encoder::Encoder::new(&mut out, quality);
    enc.set_sampling_factor(jpeg_encoder::SamplingFactor::F_2_2);
    enc.encode(pixels, w, h, color)
        .map_err(|e| JpegError::Encode(e.to_string()))?;
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn writes_a_jpeg_of_the_size_asked_and_the_same_bytes_twice() {
        let px: Vec<u8> = (0..40 * 30 * 3).map(|i| (i * 7 % 251) as u8).collect();
        let a = encode_jpeg(&px, 40, 30, false, 85).expect("encodes");
        let f = crate::jpeg_frame(&a).expect("a frame header");
        assert_eq!((f.width, f.height, f.components), (40, 30, 3));
        assert_eq!(a, encode_jpeg(&px, 40, 30, false, 85).expect("encodes"));
        let g = encode_jpeg(&px[..40 * 30], 40, 30, true, 92).expect("encodes");
        assert_eq!(crate::jpeg_frame(&g).map(|f| f.components), Some(1));
        assert!(encode_jpeg(&px, 70000, 1, false, 85).is_err());
    }
}
