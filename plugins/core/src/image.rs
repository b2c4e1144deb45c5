//! Images drawn on a page (photos, graphics, labels, furniture): what the
//! page PDF says about each, where its bytes are, and which caption and
//! article it belongs to. Exporters read meaning from here and derive none.

use crate::geom::Rect;
use serde::{Deserialize, Serialize};
use std::sync::Arc;

/// One image as drawn on a page.
#[serde_with::skip_serializing_none]
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Default)]
pub struct Image {
    /// Stable id within the issue (`p1-i3`), what articles refer to.
    pub id: String,
    /// The page it is drawn on (its `Page::number`).
    pub page: u32,
    /// Where it is drawn, in points from the page's top left.
    pub rect: Rect,
    /// Width in pixels, as stored in the file.
    pub width: u32,
    /// Height in pixels.
    pub height: u32,
    /// The colour space the page PDF gives the pixels in.
    pub color: ColorSpace,
    /// How [`Image::file`] is encoded; `None` when the bytes could not be
    /// extracted (a page diagnostic says why).
    pub encoding: Option<ImageEncoding>,
    /// SHA-256 of the extracted bytes, lowercase hex.
    pub sha256: Option<String>,
    /// Size of the extracted bytes.
    pub size: Option<u64>,
    /// What the image is on the page.
    pub role: ImageRole,
    /// File name of the bytes inside the assets folder
    /// ([`crate::Issue::assets`]), e.g. `p1-i3.jpg`.
    pub file: Option<String>,
    /// The article the image belongs to, if any.
    pub article: Option<String>,
    /// Index of its caption in that article's `captions`, when one was
    /// linked by geometry.
    pub caption: Option<usize>,
    /// The bytes themselves, in memory only: the JSON names the file.
    #[serde(skip)]
    pub data: Option<Arc<[u8]>>,
}

impl Image {
    /// The media type of the bytes (`image/jpeg`, `image/png`).
    pub fn media_type(&self) -> Option<&'static str> {
        self.encoding.map(ImageEncoding::media_type)
    }

    /// True for an image that outputs show as a photo.
    pub fn is_photo(&self) -> bool {
        self.role == ImageRole::Photo && self.data.is_some()
    }
}

/// A page drawn as a picture (a book's cover is its front page, as
/// printed): a JPEG in memory only, never in the JSON.
#[derive(Debug, Clone, PartialEq)]
pub struct PagePicture {
    /// Pixel width and height.
    pub width: u32,
    pub height: u32,
    /// The JPEG bytes.
    pub jpeg: Arc<[u8]>,
}

/// What an image is on the page; decided from page-relative geometry.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ImageRole {
    /// A news photo or portrait: large on the page, shown in every output.
    Photo,
    /// An illustration, chart or map drawn as an image.
    Graphic,
    /// A column label or logo set as an image beside a headline; its text,
    /// when known, is the article's `column`.
    Label,
    /// Header strips, rules, decorations, masked or stencil images: kept in
    /// the model, dropped from outputs.
    #[default]
    Furniture,
}

impl ImageRole {
    /// The name used in JSON (`photo` …).
    pub fn as_str(self) -> &'static str {
        match self {
            ImageRole::Photo => "photo",
            ImageRole::Graphic => "graphic",
            ImageRole::Label => "label",
            ImageRole::Furniture => "furniture",
        }
    }
}

/// The colour space of an image's pixels in the page PDF.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum ColorSpace {
    /// DeviceGray.
    Gray,
    /// DeviceRGB.
    Rgb,
    /// DeviceCMYK (print colour: converted before it reaches a screen).
    Cmyk,
    /// Anything else (ICC-based, indexed, separation, a stencil mask).
    #[default]
    Other,
}

/// How the extracted bytes are encoded.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum ImageEncoding {
    /// The page's own JPEG stream, byte for byte.
    Jpeg,
    /// Decoded pixels written as PNG (8-bit gray or RGB).
    Png,
}

impl ImageEncoding {
    /// The media type (`image/jpeg`).
    pub fn media_type(self) -> &'static str {
        match self {
            ImageEncoding::Jpeg => "image/jpeg",
            ImageEncoding::Png => "image/png",
        }
    }
    /// The file extension without the dot.
    pub fn extension(self) -> &'static str {
        match self {
            ImageEncoding::Jpeg => "jpg",
            ImageEncoding::Png => "png",
        }
    }
}

/// What a JPEG's frame header (SOFn) says.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct JpegFrame {
    /// Pixel width and height.
    pub width: u32,
    pub height: u32,
    /// Colour components: 1 gray, 3 YCbCr or RGB, 4 CMYK or YCCK.
    pub components: u8,
}

/// The frame header of a JPEG, walking its marker segments; `None` when
/// the bytes are no JPEG or hold no frame header before they end.
pub fn jpeg_frame(b: &[u8]) -> Option<JpegFrame> {
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
            return Some(JpegFrame { width: u32::from(w), height: u32::from(h), components: *b.get(i + 9)? });
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
    use super::*;

    #[test]
    fn jpeg_frame_reads_size_and_components_and_refuses_junk() {
        // SOI, an APP0 segment of 4 bytes, SOF0 of 8×3 pixels, 1 component.
        let j = [0xFF, 0xD8, 0xFF, 0xE0, 0, 4, 1, 2, 0xFF, 0xC0, 0, 11, 8, 0, 3, 0, 8, 1, 1, 0x11, 0];
        assert_eq!(jpeg_frame(&j), Some(JpegFrame { width: 8, height: 3, components: 1 }));
        assert_eq!(jpeg_frame(&j[..16]), None, "cut inside the frame header");
        assert_eq!(jpeg_frame(&[0xFF, 0xD8, 0xFF, 0xE0, 0, 0]), None);
        assert_eq!(jpeg_frame(b"not a jpeg"), None);
    }
}
