//! Deflating the document's streams. lopdf's own `Stream::compress` works
//! at zlib's best level (9), which on the sample was a third of the whole
//! conversion's CPU time. Level 3 (zlib's fast matcher, without lazy
//! matching) deflates the font programs and the page content about twice
//! as fast, to within about 1.5% of level 9's size (the sample's print PDF:
//! 302 KB at level 9). Level 1 is zlib-rs's quick matcher: faster still,
//! but the font programs come out 16% larger.

use lopdf::Stream;
use std::io::Write;

/// The level every stream is deflated at.
pub(crate) const LEVEL: u32 = 3;

/// Deflate `s` as lopdf's `Stream::compress` would, at [`LEVEL`]: only a
/// stream without a filter yet, and only when that makes it smaller by
/// more than the filter's entry costs (lopdf's rule, kept).
pub(crate) fn deflate(s: &mut Stream) {
    if s.dict.get(b"Filter").is_ok() {
        return;
    }
    let mut enc = flate2::write::ZlibEncoder::new(Vec::with_capacity(s.content.len() / 2), flate2::Compression::new(LEVEL));
    // As lopdf: a stream that fails to compress stays as it is.
    let Ok(compressed) = enc.write_all(&s.content).and_then(|()| enc.finish()) else {
        return;
    };
    if compressed.len() + 19 < s.content.len() {
        s.dict.set("Filter", "FlateDecode");
        s.set_content(compressed);
    }
}
