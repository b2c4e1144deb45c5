//! The text front end: text from a PDF text extractor (pdftotext), decoded
//! (UTF-8 with or without BOM, GB18030/GBK, CRLF) and cut into pages at
//! form feeds and into numbered lines, the [`SourceLine`]s the parser passes
//! take. Plain text has no geometry, so every line leaves `geom`, `role`,
//! `para` and `region` unknown.
//!
//! [`SourceLine`]: crate::parse::SourceLine

mod scan;

pub use scan::scan_text;

use super::InputError;
use newsconv_core::Issue;
use std::path::Path;

/// Parse plain text (one page, or pages separated by form feeds) through
/// the parser passes.
pub fn parse_text(text: &str) -> Issue {
    crate::parse::parse_pages(scan_text(text))
}

/// Decode input text: UTF-8 (BOM stripped), else GB18030. Binary data and
/// text valid in neither encoding are refused with the line of the first bad byte.
pub fn decode_text(path: &Path, bytes: &[u8]) -> Result<String, InputError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    if bytes.starts_with(b"\xFF\xFE") || bytes.starts_with(b"\xFE\xFF") {
        return Err(InputError::Decode {
            path: path.into(),
            line: 1,
            message: "UTF-16 text is not supported: save it as UTF-8 or GB18030".into(),
        });
    }
    if let Some(pos) = bytes.iter().position(|&b| b == 0) {
        return Err(InputError::Decode {
            path: path.into(),
            line: line_of(bytes, pos),
            message: "NUL byte: this looks like binary data, not extracted text".into(),
        });
    }
    let text = match std::str::from_utf8(bytes) {
        Ok(s) => s.to_string(),
        Err(utf8_err) => {
            match decode_gb18030(bytes) {
                Ok(s) => s,
                Err(gb_pos) => {
                    // Report the bad byte of the encoding that got further: that is
                    // most likely the one the file is in.
                    let pos = gb_pos.max(utf8_err.valid_up_to()).min(bytes.len() - 1);
                    return Err(InputError::Decode {
                    path: path.into(),
                    line: line_of(bytes, pos),
                    message: format!("invalid text: neither UTF-8 nor GB18030 (byte 0x{:02X} at offset {pos})", bytes[pos]),
                });
                }
            }
        }
    };
    // Control characters other than tab, CR, LF and form feed mean binary data.
    let bad = text
        .chars()
        .filter(|c| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}'))
        .count();
    if bad > 0 && bad * 20 > text.chars().count() {
        let pos = text
            .find(|c: char| c.is_control() && !matches!(c, '\t' | '\r' | '\n' | '\u{c}'))
            .unwrap_or(0);
        return Err(InputError::Decode {
            path: path.into(),
            line: text[..pos].matches('\n').count() + 1,
            message: "too many control characters: this looks like binary data, not extracted text"
                .into(),
        });
    }
    Ok(text)
}

/// Decode GB18030 strictly; on malformed input, the offset of the first bad byte.
fn decode_gb18030(bytes: &[u8]) -> Result<String, usize> {
    let mut decoder = encoding_rs::GB18030.new_decoder_without_bom_handling();
    let cap = decoder
        .max_utf8_buffer_length_without_replacement(bytes.len())
        .unwrap_or(bytes.len().saturating_mul(3));
    let mut out = String::with_capacity(cap);
    let (result, read) = decoder.decode_to_string_without_replacement(bytes, &mut out, true);
    match result {
        encoding_rs::DecoderResult::InputEmpty => Ok(out),
        encoding_rs::DecoderResult::Malformed(bad, after) => {
            Err(read.saturating_sub(after as usize + bad as usize))
        }
        encoding_rs::DecoderResult::OutputFull => Err(read),
    }
}

fn line_of(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos].iter().filter(|&&b| b == b'\n').count() + 1
}
