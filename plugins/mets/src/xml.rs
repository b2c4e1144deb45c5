//! A small XML writer: elements with attributes, text escaped and cleaned
//! of characters XML cannot carry, two-space indentation.

use newsconv_core::text::{xml_clean, xml_escape};

/// An XML document being written.
pub struct Xml {
    out: String,
    depth: usize,
    /// Characters dropped because XML cannot carry them.
    pub dropped: usize,
}

impl Xml {
    /// A document with its XML declaration.
    pub fn new() -> Self {
        Xml {
            out: String::from("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n"),
            depth: 0,
            dropped: 0,
        }
    }

    fn clean(&mut self, s: &str) -> String {
        let (c, n) = xml_clean(s);
        self.dropped += n;
        xml_escape(&c).into_owned()
    }

    fn open_tag(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.out.push_str(&"  ".repeat(self.depth));
        self.out.push('<');
        self.out.push_str(name);
        for (k, v) in attrs {
            // Line breaks and tabs as references: a reader would read them as spaces.
            let v = self.clean(v).replace('\n', "&#10;").replace('\t', "&#9;");
            self.out.push_str(&format!(" {k}=\"{v}\""));
        }
    }

    /// `<name attrs>`, children follow.
    pub fn start(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open_tag(name, attrs);
        self.out.push_str(">\n");
        self.depth += 1;
    }

    /// `</name>`.
    pub fn end(&mut self, name: &str) {
        self.depth -= 1;
        self.out.push_str(&"  ".repeat(self.depth));
        self.out.push_str(&format!("</{name}>\n"));
    }

    /// `<name attrs/>`.
    pub fn empty(&mut self, name: &str, attrs: &[(&str, &str)]) {
        self.open_tag(name, attrs);
        self.out.push_str("/>\n");
    }

    /// `<name attrs>text</name>`.
    pub fn text(&mut self, name: &str, attrs: &[(&str, &str)], text: &str) {
        self.open_tag(name, attrs);
        let t = self.clean(text);
        self.out.push_str(&format!(">{t}</{name}>\n"));
    }

    /// The document.
    pub fn finish(self) -> String {
        self.out
    }
}
