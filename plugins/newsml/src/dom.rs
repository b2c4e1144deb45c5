//! A small, safe XML tree reader over quick-xml: namespaces resolved,
//! whitespace kept, DTDs refused (so no external entities and no entity
//! expansion), only the predefined entities and character references
//! accepted, nesting depth bounded.

use newsconv_core::ImportError;
use quick_xml::events::{BytesDecl, BytesStart, Event};
use quick_xml::name::ResolveResult;
use quick_xml::NsReader;
use std::borrow::Cow;

/// Deepest element nesting accepted (our documents need about 10).
pub const MAX_DEPTH: usize = 64;

/// An element.
#[derive(Debug, Clone, Default)]
pub struct Elem {
    /// Namespace URI, if any.
    pub ns: Option<String>,
    /// Local name.
    pub name: String,
    /// Attributes (namespace declarations excluded).
    pub attrs: Vec<Attr>,
    /// Child nodes in order.
    pub children: Vec<Node>,
    /// 1-based input line of the start tag.
    pub line: usize,
}

/// An attribute.
#[derive(Debug, Clone)]
pub struct Attr {
    /// Namespace URI (none for unprefixed attributes).
    pub ns: Option<String>,
    /// Local name.
    pub name: String,
    /// Unescaped value.
    pub value: String,
}

/// A node.
#[derive(Debug, Clone)]
pub enum Node {
    /// An element.
    Elem(Elem),
    /// Character data.
    Text(String),
}

impl Elem {
    /// True when this is `{ns}name`.
    pub fn is(&self, ns: &str, name: &str) -> bool {
        self.ns.as_deref() == Some(ns) && self.name == name
    }
    /// Child elements.
    pub fn elems(&self) -> impl Iterator<Item = &Elem> {
        self.children
            .iter()
            .filter_map(|n| if let Node::Elem(e) = n { Some(e) } else { None })
    }
    /// Child elements `{ns}name`.
    pub fn all<'a>(&'a self, ns: &'a str, name: &'a str) -> impl Iterator<Item = &'a Elem> + 'a {
        self.elems().filter(move |e| e.is(ns, name))
    }
    /// The first child element `{ns}name`.
    pub fn child(&self, ns: &str, name: &str) -> Option<&Elem> {
        self.elems().find(|e| e.is(ns, name))
    }
    /// An unqualified attribute.
    pub fn attr(&self, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.is_none() && a.name == name)
            .map(|a| a.value.as_str())
    }
    /// A namespaced attribute.
    pub fn attr_ns(&self, ns: &str, name: &str) -> Option<&str> {
        self.attrs
            .iter()
            .find(|a| a.ns.as_deref() == Some(ns) && a.name == name)
            .map(|a| a.value.as_str())
    }
    /// The element's own character data, concatenated.
    pub fn text(&self) -> String {
        self.children
            .iter()
            .filter_map(|n| {
                if let Node::Text(t) = n {
                    Some(t.as_str())
                } else {
                    None
                }
            })
            .collect()
    }
}

fn line_of(bytes: &[u8], pos: usize) -> usize {
    bytes[..pos.min(bytes.len())]
        .iter()
        .filter(|&&b| b == b'\n')
        .count()
        + 1
}

fn err(bytes: &[u8], pos: u64, message: impl Into<String>) -> ImportError {
    ImportError::Malformed {
        path: format!("line {}", line_of(bytes, pos as usize)),
        message: message.into(),
    }
}

/// Parse a whole document into its root element.
pub fn parse(bytes: &[u8]) -> Result<Elem, ImportError> {
    let bytes = bytes.strip_prefix(b"\xEF\xBB\xBF").unwrap_or(bytes);
    let text = std::str::from_utf8(bytes)
        .map_err(|e| err(bytes, e.valid_up_to() as u64, "not UTF-8 text"))?;
    // End-of-line handling (XML 1.0 §2.11): CRLF and lone CR read as LF.
    // A CR written as `&#13;` is not affected.
    let text: Cow<str> = if text.contains('\r') {
        Cow::Owned(text.replace("\r\n", "\n").replace('\r', "\n"))
    } else {
        Cow::Borrowed(text)
    };
    let bytes = text.as_bytes();
    let mut r = NsReader::from_str(&text);
    r.config_mut().trim_text(false);
    r.config_mut().check_end_names = true;
    let mut stack: Vec<Elem> = Vec::new();
    let mut root: Option<Elem> = None;
    let mut lines = LineCounter { pos: 0, line: 1 };
    loop {
        let pos = r.buffer_position();
        let (ns, ev) = match r.read_resolved_event() {
            Ok((ns, ev)) => (resolved(bytes, pos, ns)?, ev),
            Err(e) => {
                let at = r.error_position();
                return Err(err(bytes, at, format!("not well-formed XML: {e}")));
            }
        };
        match ev {
            Event::DocType(_) => {
                return Err(err(
                    bytes,
                    pos,
                    "a DOCTYPE is not allowed (DTDs and entity declarations are refused)",
                ));
            }
            Event::Decl(d) => check_encoding(&d, bytes, pos)?,
            Event::Start(ref s) | Event::Empty(ref s) => {
                if root.is_some() {
                    return Err(err(bytes, pos, "content after the root element"));
                }
                if stack.len() >= MAX_DEPTH {
                    return Err(err(
                        bytes,
                        pos,
                        format!("elements nested deeper than {MAX_DEPTH}"),
                    ));
                }
                let el = Elem {
                    ns,
                    name: String::from_utf8_lossy(s.local_name().as_ref()).into_owned(),
                    line: lines.at(bytes, pos as usize),
                    attrs: attributes(&r, s, bytes, pos)?,
                    ..Default::default()
                };
                if matches!(ev, Event::Start(_)) {
                    stack.push(el);
                } else {
                    attach(&mut stack, &mut root, el);
                }
            }
            Event::End(_) => {
                let el = stack
                    .pop()
                    .ok_or_else(|| err(bytes, pos, "unexpected end tag"))?;
                attach(&mut stack, &mut root, el);
            }
            Event::Text(t) => {
                let s = t.unescape().map_err(|e| err(bytes, pos, format!("{e} (only the predefined entities and character references are allowed)")))?;
                match stack.last_mut() {
                    Some(top) => top.children.push(Node::Text(s.into_owned())),
                    None if s.trim().is_empty() => {}
                    None => return Err(err(bytes, pos, "text outside the root element")),
                }
            }
            Event::CData(c) => {
                let s = String::from_utf8_lossy(&c.into_inner()).into_owned();
                match stack.last_mut() {
                    Some(top) => top.children.push(Node::Text(s)),
                    None => return Err(err(bytes, pos, "CDATA outside the root element")),
                }
            }
            Event::Comment(_) | Event::PI(_) => {}
            Event::Eof => break,
        }
    }
    if !stack.is_empty() {
        return Err(err(
            bytes,
            bytes.len() as u64,
            format!(
                "document ends inside <{}>",
                stack.last().map(|e| e.name.as_str()).unwrap_or("")
            ),
        ));
    }
    root.ok_or_else(|| err(bytes, 0, "no root element"))
}

/// Line numbers of positions that only grow, counted incrementally.
struct LineCounter {
    pos: usize,
    line: usize,
}

impl LineCounter {
    /// The line of `pos` (1-based).
    fn at(&mut self, bytes: &[u8], pos: usize) -> usize {
        let p = pos.min(bytes.len());
        self.line += bytes[self.pos.min(p)..p]
            .iter()
            .filter(|&&b| b == b'\n')
            .count();
        self.pos = self.pos.max(p);
        self.line
    }
}

/// Only UTF-8 is read (the declaration may name it or no encoding).
fn check_encoding(d: &BytesDecl<'_>, bytes: &[u8], pos: u64) -> Result<(), ImportError> {
    if let Some(Ok(enc)) = d.encoding() {
        let enc = String::from_utf8_lossy(&enc).to_ascii_lowercase();
        if enc != "utf-8" && enc != "utf8" {
            return Err(err(
                bytes,
                pos,
                format!("encoding {enc} is not supported (newsconv writes UTF-8)"),
            ));
        }
    }
    Ok(())
}

/// The attributes of a start tag with their namespaces resolved; namespace
/// declarations are left out.
fn attributes(
    r: &NsReader<&[u8]>,
    s: &BytesStart<'_>,
    bytes: &[u8],
    pos: u64,
) -> Result<Vec<Attr>, ImportError> {
    let mut attrs = Vec::new();
    for a in s.attributes().with_checks(true) {
        let a = a.map_err(|e| err(bytes, pos, format!("bad attribute: {e}")))?;
        let key = a.key.as_ref();
        if key == b"xmlns" || key.starts_with(b"xmlns:") {
            continue;
        }
        let (ans, local) = r.resolve_attribute(a.key);
        let ans = resolved(bytes, pos, ans)?;
        // Attribute-value normalisation (XML 1.0 §3.3.3): literal
        // whitespace characters read as spaces; references are kept.
        let raw = String::from_utf8_lossy(&a.value).replace(['\t', '\n'], " ");
        let value = quick_xml::escape::unescape(&raw)
            .map_err(|e| err(bytes, pos, format!("bad attribute value: {e}")))?
            .into_owned();
        attrs.push(Attr {
            ns: ans,
            name: String::from_utf8_lossy(local.as_ref()).into_owned(),
            value,
        });
    }
    Ok(attrs)
}

fn attach(stack: &mut [Elem], root: &mut Option<Elem>, el: Elem) {
    match stack.last_mut() {
        Some(parent) => parent.children.push(Node::Elem(el)),
        None => *root = Some(el),
    }
}

fn resolved(bytes: &[u8], pos: u64, r: ResolveResult<'_>) -> Result<Option<String>, ImportError> {
    match r {
        ResolveResult::Bound(ns) => Ok(Some(String::from_utf8_lossy(ns.as_ref()).into_owned())),
        ResolveResult::Unbound => Ok(None),
        ResolveResult::Unknown(p) => Err(err(
            bytes,
            pos,
            format!(
                "undeclared namespace prefix `{}`",
                String::from_utf8_lossy(&p)
            ),
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn line_ends_and_attribute_whitespace_are_normalised_references_kept() {
        let doc = "<?xml version=\"1.0\"?>\r\n<a x=\"1\t2\n3&#10;4\">l1\r\nl2\rl3&#13;<![CDATA[<&>]]></a>\r\n";
        let e = parse(doc.as_bytes()).unwrap();
        assert_eq!(e.attr("x"), Some("1 2 3\n4"));
        assert_eq!(e.text(), "l1\nl2\nl3\r<&>");
    }

    #[test]
    fn prefixes_resolve_and_unknown_ones_are_errors() {
        let e = parse(b"<g2:a xmlns:g2=\"urn:x\" g2:y='v'><g2:b/></g2:a>").unwrap();
        assert!(e.is("urn:x", "a") && e.child("urn:x", "b").is_some());
        assert_eq!(e.attr_ns("urn:x", "y"), Some("v"));
        assert!(parse(b"<p:a/>").is_err());
        assert!(parse(b"<a>&ext;</a>").is_err());
        assert!(parse(b"<a></b>").is_err());
        assert!(parse(b"<a/><b/>").is_err());
        assert!(parse(b"\xff<a/>").is_err());
    }
}
