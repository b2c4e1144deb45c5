//! XHTML writing: escaping any text the model may hold, and the document frame.

use std::fmt::Write as _;

/// Counts characters that had to be dropped (XML cannot carry them).
#[derive(Default)]
pub struct Cleaner {
    /// Characters dropped so far.
    pub dropped: usize,
}

impl Cleaner {
    /// `s` as plain text safe for XML element content and attribute values:
    /// characters XML cannot carry are dropped, line breaks and tabs become
    /// spaces, runs of white space collapse, the ends are trimmed.
    pub fn text(&mut self, s: &str) -> String {
        let (clean, dropped) = newsconv_core::text::xml_clean(s);
        self.dropped += dropped;
        let mut out = String::with_capacity(clean.len());
        let mut space = false;
        for c in clean.chars() {
            if matches!(c, '\t' | '\n' | '\r' | ' ') {
                space = true;
                continue;
            }
            if space && !out.is_empty() {
                out.push(' ');
            }
            space = false;
            out.push(c);
        }
        out
    }
}

/// Escape markup characters (the text must already be XML-clean); see
/// [`newsconv_core::text::xml_escape`].
pub fn escape(s: &str) -> String {
    newsconv_core::text::xml_escape(s).into_owned()
}

/// A complete XHTML content document. `title` is escaped here; `body` is
/// markup already. `lang` must be a checked language tag.
pub fn document(lang: &str, title: &str, body_class: &str, body: &str) -> String {
    let mut s = String::with_capacity(body.len() + 512);
    s.push_str("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!DOCTYPE html>\n");
    let _ = write!(
        s,
        "<html xmlns=\"http://www.w3.org/1999/xhtml\" xmlns:epub=\"http://www.idpf.org/2007/ops\" lang=\"{lang}\" xml:lang=\"{lang}\">\n"
    );
    let _ = write!(
        s,
        "<head>\n<meta charset=\"utf-8\"/>\n<title>{}</title>\n<link rel=\"stylesheet\" type=\"text/css\" href=\"stylesheet.css\"/>\n</head>\n",
        escape(title)
    );
    let _ = write!(s, "<body class=\"{body_class}\">\n{body}</body>\n</html>\n");
    s
}
