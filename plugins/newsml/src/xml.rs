//! A small layer over quick-xml's writer: every string goes through
//! [`XmlOut::clean`], which drops what XML 1.0 cannot carry (and records a
//! diagnostic) and escapes markup characters, so no input can make the
//! output ill-formed.

use newsconv_core::text::xml_clean;
use newsconv_core::Diagnostic;
use quick_xml::events::attributes::Attribute;
use quick_xml::events::{BytesDecl, BytesEnd, BytesStart, BytesText, Event};
use quick_xml::Writer;

/// An XML document being written to memory.
pub struct XmlOut {
    w: Writer<Vec<u8>>,
    /// A start tag not yet written: closed at once, it becomes `<x/>`.
    pending: Option<BytesStart<'static>>,
    /// What is being written (`article p1-a3`), named in diagnostics.
    context: String,
    /// Characters dropped, per context, in the order first seen.
    dropped: Vec<(String, usize)>,
}

/// Escape for element content and attribute values alike
/// ([`newsconv_core::text::xml_escape`]; TAB and LF in attributes are
/// handled by `escape_attr`).
pub fn escape(s: &str) -> String {
    newsconv_core::text::xml_escape(s).into_owned()
}

fn escape_attr(s: &str) -> String {
    escape(s).replace('\t', "&#9;").replace('\n', "&#10;")
}

impl XmlOut {
    /// A new document, indented, starting with the XML declaration.
    pub fn new() -> Self {
        let mut w = Writer::new_with_indent(Vec::new(), b' ', 1);
        w.write_event(Event::Decl(BytesDecl::new("1.0", Some("UTF-8"), None)))
            .expect("writing to a Vec cannot fail");
        XmlOut {
            w,
            pending: None,
            context: String::new(),
            dropped: Vec::new(),
        }
    }

    /// Name what is written next, for diagnostics.
    pub fn set_context(&mut self, c: impl Into<String>) {
        self.context = c.into();
    }

    /// `s` without characters XML cannot carry; records what was dropped.
    pub fn clean<'a>(&mut self, s: &'a str) -> std::borrow::Cow<'a, str> {
        let (cow, n) = xml_clean(s);
        if n > 0 {
            match self.dropped.iter_mut().find(|(c, _)| *c == self.context) {
                Some((_, k)) => *k += n,
                None => self.dropped.push((self.context.clone(), n)),
            }
        }
        cow
    }

    fn tag(&mut self, name: &str, attrs: &[(&str, &str)]) -> BytesStart<'static> {
        let mut t = BytesStart::new(name.to_string());
        for (k, v) in attrs {
            let v = escape_attr(&self.clean(v));
            t.push_attribute(Attribute::from((k.as_bytes(), v.as_bytes())));
        }
        t.into_owned()
    }

    fn put(&mut self, e: Event<'_>) {
        if let Some(t) = self.pending.take() {
            self.w
                .write_event(Event::Start(t))
                .expect("writing to a Vec cannot fail");
        }
        self.w.write_event(e).expect("writing to a Vec cannot fail");
    }

    /// `<name attrs>` (written as `<name attrs/>` if nothing follows before its end).
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let t = self.tag(name, attrs);
        if let Some(p) = self.pending.replace(t) {
            self.w
                .write_event(Event::Start(p))
                .expect("writing to a Vec cannot fail");
        }
    }

    /// `</name>`.
    pub fn end(&mut self, name: &str) {
        match self.pending.take() {
            Some(t) => self
                .w
                .write_event(Event::Empty(t))
                .expect("writing to a Vec cannot fail"),
            None => self.put(Event::End(BytesEnd::new(name))),
        }
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        let t = self.tag(name, attrs);
        self.put(Event::Empty(t));
    }

    /// `<name attrs>text</name>`; an empty text gives `<name attrs/>` so
    /// that indentation never adds whitespace to the content.
    pub fn text_elem(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        let text = escape(&self.clean(text));
        if text.is_empty() {
            self.empty(name, attrs);
            return;
        }
        self.start(name, attrs);
        self.put(Event::Text(BytesText::from_escaped(text)));
        self.end(name);
    }

    /// The document bytes (with a final newline) and the diagnostics.
    pub fn finish(self) -> (Vec<u8>, Vec<Diagnostic>) {
        let mut bytes = self.w.into_inner();
        bytes.push(b'\n');
        let diags = self
            .dropped
            .into_iter()
            .map(|(c, n)| {
                Diagnostic::warning("xml-char-dropped", format!("{c}: dropped {n} character(s) that XML cannot carry (control characters or non-characters)"), None)
            })
            .collect();
        (bytes, diags)
    }
}
