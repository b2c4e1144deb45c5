//! Small text helpers every exporter needs.

/// True for characters XML 1.0 can carry.
pub fn is_xml_char(c: char) -> bool {
    matches!(c, '\u{9}' | '\u{A}' | '\u{D}' | '\u{20}'..='\u{D7FF}' | '\u{E000}'..='\u{FFFD}' | '\u{10000}'..='\u{10FFFF}')
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
