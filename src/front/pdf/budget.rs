//! What one page may cost, checked before the interpreter decodes it: the
//! bytes its content streams decode to. A 1 MB file can hold a content
//! stream that inflates to gigabytes (a flate bomb); the interpreter
//! decodes a stream whole, so the size is measured first, by inflating
//! into nothing and stopping at the budget.

use hayro_interpret::hayro_syntax::object::{Array, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::hayro_syntax::Filter;
use std::io::Read;

/// The budgets of one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Bytes the page's content streams may decode to, together.
    pub content_bytes: u64,
    /// Pixels one image may declare and decode to (bytes follow at four a
    /// pixel); a larger image is refused on its own, the page converts.
    pub image_pixels: u64,
}

impl Default for Budget {
    /// 64 MiB of content: the densest dev page decodes to under 1 MiB.
    fn default() -> Self {
        Budget { content_bytes: 64 << 20, image_pixels: 100_000_000 }
    }
}

/// The page's content streams, resolved.
fn content_streams<'a>(page: &Page<'a>) -> Vec<Stream<'a>> {
    let dict = page.raw();
    if let Some(s) = dict.get::<Stream<'_>>(b"Contents") {
        return vec![s];
    }
    dict.get::<Array<'_>>(b"Contents").map(|a| a.iter::<Stream<'_>>().collect()).unwrap_or_default()
}

/// Bytes `data` inflates to, counted up to `limit + 1` (zlib, or raw
/// deflate when the zlib header is missing); `None` when it is not deflate
/// data (the interpreter then decides).
pub(super) fn inflated_len(data: &[u8], limit: u64) -> Option<u64> {
    let count = |r: &mut dyn Read| std::io::copy(&mut r.take(limit + 1), &mut std::io::sink()).ok();
    let zlib = count(&mut flate2::read::ZlibDecoder::new(data));
    zlib.filter(|n| *n > 0).or_else(|| count(&mut flate2::read::DeflateDecoder::new(data)))
}

/// `Some(decoded bytes so far)` when the page's content streams decode to
/// more than the budget allows. Only Flate streams are measured (the
/// filter every bomb uses); other filters expand by small factors.
pub fn content_over(page: &Page<'_>, budget: &Budget) -> Option<u64> {
    let mut total = 0u64;
    for s in content_streams(page) {
        let filters = s.filters();
        let size = if filters.as_slice() == [Filter::FlateDecode] {
            inflated_len(&s.raw_data(), budget.content_bytes).unwrap_or(0)
        } else {
            s.raw_data().len() as u64
        };
        total = total.saturating_add(size);
        if total > budget.content_bytes {
            return Some(total);
        }
    }
    None
}
