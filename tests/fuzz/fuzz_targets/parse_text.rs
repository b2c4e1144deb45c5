//! The text parser on arbitrary text: no panic, pages and line spans sane,
//! and text conservation (every non-whitespace character ends up in the model).
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsconv::front::text::parse_text;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    let issue = parse_text(&text);
    let lines = text.split('\n').count() as u32;
    for p in &issue.pages {
        for a in &p.articles {
            if let Some(s) = a.source {
                assert!(1 <= s.start && s.start <= s.end && s.end <= lines, "span {s:?} outside 1..={lines}");
            }
        }
    }
    if let Some(d) = newsconv_fuzz::conservation_diff(&text, &issue) {
        panic!("text conservation: {d}");
    }
});
