//! What one page may cost. Two measures are taken before the interpreter
//! runs: the bytes its content streams decode to (a 1 MB file can hold a
//! stream that inflates to gigabytes, and the interpreter decodes a stream
//! whole, so it is inflated into nothing first, stopping at the budget) and
//! the operators they hold. The rest (glyphs, path segments, images) are
//! counted by the extraction device as the interpreter reports them: past a
//! budget it records nothing more, so a page's memory stays bounded whatever
//! its form XObjects repeat.

use hayro_interpret::hayro_syntax::object::{Array, Stream};
use hayro_interpret::hayro_syntax::page::Page;
use hayro_interpret::hayro_syntax::Filter;
use std::io::Read;

/// The budgets of one page.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Budget {
    /// Bytes the page's content streams may decode to, together.
    pub content_bytes: u64,
    /// Operators in the page's content streams (form XObjects not included:
    /// what they draw is counted below).
    pub operators: u64,
    /// Glyphs drawn, with or without Unicode.
    pub glyphs: u64,
    /// Path segments drawn or clipped with.
    pub path_segments: u64,
    /// Images drawn.
    pub images: u64,
    /// Pixels one image may declare and decode to (bytes follow at four a
    /// pixel); a larger image is refused on its own, the page converts.
    pub image_pixels: u64,
}

impl Default for Budget {
    /// Far above any real page: the densest dev page decodes to under
    /// 1 MiB of content, with at most 50 000 operators, 12 000 glyphs,
    /// 6 400 path segments and 31 images (tests/it/hostile_pdf.rs checks
    /// every dev page stays under a tenth of each); the glyph budget keeps
    /// one page's glyphs within about 100 MB.
    fn default() -> Self {
        Budget {
            content_bytes: 64 << 20,
            operators: 4_000_000,
            glyphs: 1_000_000,
            path_segments: 2_000_000,
            images: 5_000,
            image_pixels: 100_000_000,
        }
    }
}

/// What a page cost as it was read, counted against its [`Budget`].
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct Cost {
    /// Content operators (top level).
    pub operators: u64,
    /// Glyphs drawn.
    pub glyphs: u64,
    /// Path segments drawn or clipped with.
    pub path_segments: u64,
    /// Images drawn.
    pub images: u64,
}

impl Cost {
    /// Add `n` to `measure`; the measure that is now over `budget`, if any.
    pub fn add(&mut self, measure: Measure, n: u64, budget: &Budget) -> Option<Over> {
        let slot = match measure {
            Measure::Operators => &mut self.operators,
            Measure::Glyphs => &mut self.glyphs,
            Measure::PathSegments => &mut self.path_segments,
            Measure::Images => &mut self.images,
            Measure::ContentBytes => return None,
        };
        *slot = slot.saturating_add(n);
        (*slot > measure.limit(budget)).then_some(Over {
            measure,
            counted: *slot,
        })
    }
}

/// What a page exceeded.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Measure {
    /// Decoded content bytes.
    ContentBytes,
    /// Content operators.
    Operators,
    /// Glyphs drawn.
    Glyphs,
    /// Path segments.
    PathSegments,
    /// Images drawn.
    Images,
}

impl Measure {
    /// The budget for this measure in `b`.
    pub fn limit(self, b: &Budget) -> u64 {
        match self {
            Measure::ContentBytes => b.content_bytes,
            Measure::Operators => b.operators,
            Measure::Glyphs => b.glyphs,
            Measure::PathSegments => b.path_segments,
            Measure::Images => b.images,
        }
    }

    /// The flag that raises it.
    pub fn flag(self) -> &'static str {
        match self {
            Measure::ContentBytes => "--max-page-content-mb",
            Measure::Operators => "--max-page-operators",
            Measure::Glyphs => "--max-page-glyphs",
            Measure::PathSegments => "--max-page-path-segments",
            Measure::Images => "--max-page-images",
        }
    }

    /// What was counted, for messages: `over 64 MiB of decoded content`.
    pub fn describe(self, limit: u64) -> String {
        match self {
            Measure::ContentBytes => {
                format!("its content streams decode to over {} MiB", limit >> 20)
            }
            Measure::Operators => format!("its content streams hold over {limit} operators"),
            Measure::Glyphs => format!("it draws over {limit} glyphs"),
            Measure::PathSegments => format!("it draws over {limit} path segments"),
            Measure::Images => format!("it draws over {limit} images"),
        }
    }
}

/// A page over one of its budgets: what, and how much was counted (at
/// least; counting stops past the limit).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Over {
    /// The measure exceeded.
    pub measure: Measure,
    /// The count reached.
    pub counted: u64,
}

impl Over {
    /// The sentence for an error: `its content streams hold over 4000000
    /// operators, the page budget (raise it with --max-page-operators)`.
    pub fn message(&self, budget: &Budget) -> String {
        let m = self.measure;
        format!(
            "{}, the page budget (raise it with {})",
            m.describe(m.limit(budget)),
            m.flag()
        )
    }
}

/// What the page's content costs before interpretation: `Some` when its
/// decoded bytes or its operators are over budget.
/// decoded bytes or its operators are over budget. Counts the operators
/// into `cost`.
pub fn content_over(page: &Page<'_>, budget: &Budget, cost: &mut Cost) -> Option<Over> {
    if let Some(bytes) = bytes_over(page, budget) {
        return Some(Over {
            measure: Measure::ContentBytes,
            counted: bytes,
        });
    }
    let (mut ops, mut it) = (0u64, page.operations());
    while ops <= budget.operators && it.next().is_some() {
        ops += 1;
    }
    cost.add(Measure::Operators, ops, budget)
}

/// The page's content streams, resolved.
fn content_streams<'a>(page: &Page<'a>) -> Vec<Stream<'a>> {
    let dict = page.raw();
    if let Some(s) = dict.get::<Stream<'_>>(b"Contents") {
        return vec![s];
    }
    dict.get::<Array<'_>>(b"Contents")
        .map(|a| a.iter::<Stream<'_>>().collect())
        .unwrap_or_default()
}

/// Bytes `data` inflates to, counted up to `limit + 1` (zlib, or raw
/// deflate when the zlib header is missing); `None` when it is not deflate
/// data (the interpreter then decides).
pub(super) fn inflated_len(data: &[u8], limit: u64) -> Option<u64> {
    let count = |r: &mut dyn Read| std::io::copy(&mut r.take(limit + 1), &mut std::io::sink()).ok();
    let zlib = count(&mut flate2::read::ZlibDecoder::new(data));
    zlib.filter(|n| *n > 0)
        .or_else(|| count(&mut flate2::read::DeflateDecoder::new(data)))
}

/// `Some(decoded bytes so far)` when the page's content streams decode to
/// more than the budget allows. Only Flate streams are measured (the
/// filter every bomb uses); other filters expand by small factors.
fn bytes_over(page: &Page<'_>, budget: &Budget) -> Option<u64> {
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
