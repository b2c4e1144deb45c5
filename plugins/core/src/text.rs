//! Small text helpers every exporter needs.

/// True for characters XML 1.0 can carry.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
}

/// Escape XML-clean text for element content and attribute values alike:
/// the five markup characters, and CR as a character reference (a parser
/// would otherwise normalise it away).
pub fn xml_escape(s: &str) -> std::borrow::Cow<'_, str> {
    if !s.contains(['&', '<', '>', '"', '\'', '\r']) {
        return std::borrow::Cow::Borrowed(s);
    }
    let mut out = String::with_capacity(s.len() + 16);
    for c in s.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&apos;"),
            '\r' => out.push_str("&#13;"),
            c => out.push(c),
        }
    }
    std::borrow::Cow::Owned(out)
}

/// `s` without the characters XML cannot carry, and how many were dropped.
pub fn xml_clean(s: &str) -> (std::borrow::Cow<'_, str>, usize) {
    if s.chars().all(is_xml_char) {
        return (std::borrow::Cow::Borrowed(s), 0);
    }
    let mut dropped = 0;
    let out: String = s
        .chars()
        .filter(|&c| {
            let ok = is_xml_char(c);
            if !ok {
                dropped += 1;
            }
            ok
        })
        .collect();
    (std::borrow::Cow::Owned(out), dropped)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn escape_covers_markup_and_cr_and_borrows_plain_text() {
        assert_eq!(
            xml_escape("a<b>&\"c'\r"),
            "a&lt;b&gt;&amp;&quot;c&apos;&#13;"
        );
        assert!(matches!(
            xml_escape("本报讯 记者"),
            std::borrow::Cow::Borrowed(_)
        ));
        assert_eq!(
            xml_clean("a\u{1}b\u{FFFF}c"),
            (std::borrow::Cow::Owned::<str>("abc".into()), 2)
        );
    }
}
