//! Property tests (proptest) of the fuzz targets' properties, so that every
//! test run (and CI) exercises them without cargo-fuzz: no panic on any input,
//! errors name the file, text conservation, deterministic output in every
//! registered format, JSON round trip, own importers accept own output.
//! `PROPTEST_CASES=N` runs more cases.

use crate::hostile::assert_conserved;
use newsconv::input::load_bytes;
use newsconv::parse::ParseOptions;
use newsconv_core::{exporters, importers, Issue, RenderContext, RenderOptions};
use proptest::prelude::*;
use std::path::Path;

/// Characters a scanner workflow produces, and the ones that hurt.
fn newspaper_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::sample::select("新闻本报记者北京讯日电第一版要闻标题正文中国人民政府经济社会发展".chars().collect::<Vec<_>>()),
        4 => prop::sample::select("。，、；：？！“”‘’（）《》【】—…·".chars().collect::<Vec<_>>()),
        4 => prop::sample::select("\n\n\n \u{3000}\t\r".chars().collect::<Vec<_>>()),
        3 => prop::char::range('!', '~'),
        1 => Just('\u{c}'),
        1 => prop::sample::select("上接下转版（）第一二三四0123456789A".chars().collect::<Vec<_>>()),
        1 => prop::sample::select(vec!['\u{1}', '\u{1b}', '\u{7f}', '\u{b}', '\u{fffe}', '\u{ffff}', '\u{ad}', '\u{200b}', '\u{202e}', '\u{feff}']),
        1 => prop::sample::select("😀👨‍👩‍👧𠀀𠮷𪚥عالمשלום<>&\"'".chars().collect::<Vec<_>>()),
        1 => any::<char>(),
    ]
}

fn newspaper_text() -> impl Strategy<Value = String> {
    prop::collection::vec(newspaper_char(), 0..600).prop_map(|v| v.into_iter().collect())
}

fn render_all(issue: &Issue) {
    let options = RenderOptions::default();
    let ctx = RenderContext { issue, options: &options };
    for e in exporters() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let ra = (e.render)(&ctx, &mut a);
        let rb = (e.render)(&ctx, &mut b);
        assert_eq!(ra.is_ok(), rb.is_ok(), "{}: render result differs between runs", e.name);
        if let Err(err) = ra {
            panic!("{}: render failed on a parsed issue: {err}", e.name);
        }
        assert!(a == b, "{}: two renders of one issue differ", e.name);
        if e.extension.ends_with("xml") {
            let s = std::str::from_utf8(&a).expect("XML output is UTF-8");
            assert!(s.chars().all(newsconv_core::text::is_xml_char), "{}: XML-illegal character in output", e.name);
        }
        if let Some(imp) = importers().into_iter().find(|i| i.name == e.name) {
            assert!((imp.sniff)(&a), "{}: importer does not recognise own output", e.name);
            let back = (imp.read)(&a).unwrap_or_else(|err| panic!("{}: importer refuses own output: {err}", e.name));
            if e.name == "json" {
                assert_eq!(&back, issue, "json round trip");
            }
        }
    }
}

/// 48 cases per property, or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES").ok().and_then(|s| s.parse().ok()).unwrap_or(48)
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn any_text_parses_conserved_and_renders_everywhere(text in newspaper_text()) {
        newsconv::link_plugins();
        match load_bytes(Path::new("prop.txt"), text.as_bytes(), &ParseOptions::default()) {
            Ok(issue) => {
                // A leading U+FEFF is the byte order mark: encoding, not text.
                assert_conserved(text.strip_prefix('\u{feff}').unwrap_or(&text), &issue, "proptest text");
                let lines = text.split('\n').count() as u32;
                for (_, a) in issue.articles() {
                    if let Some(s) = a.source {
                        prop_assert!(1 <= s.start && s.start <= s.end && s.end <= lines, "span {:?} outside 1..={}", s, lines);
                    }
                }
                render_all(&issue);
            }
            Err(e) => prop_assert!(e.to_string().starts_with("prop.txt"), "error does not name the file: {}", e),
        }
    }

    #[test]
    fn any_bytes_give_an_issue_or_an_error_naming_the_file(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        newsconv::link_plugins();
        if let Err(e) = load_bytes(Path::new("bytes.txt"), &bytes, &ParseOptions::default()) {
            prop_assert!(e.to_string().starts_with("bytes.txt"), "error does not name the file: {}", e);
        }
    }

    #[test]
    fn mutated_json_never_panics_and_errors_say_where(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)) {
        newsconv::link_plugins();
        let mut bytes = std::fs::read(crate::common::repo("seeds/000_bf1f693cbe2b0d89.expected.json")).unwrap();
        for (at, b, op) in edits {
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = b,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, b),
            }
        }
        match newsconv_json::read(&bytes) {
            Ok(issue) => {
                // Whatever reads, writes and reads back unchanged.
                let again = newsconv_json::read(newsconv_json::to_string(&issue).as_bytes()).unwrap();
                prop_assert_eq!(again, issue);
            }
            Err(e) => {
                let s = e.to_string();
                prop_assert!(s.starts_with('$') || s.starts_with("line ") || s.contains("version"), "error says not where: {}", s);
            }
        }
    }
}
