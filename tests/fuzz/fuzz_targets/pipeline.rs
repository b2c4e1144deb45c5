//! The whole pipeline on fuzzed text: decode, parse, check conservation, then
//! render to every registered format (deterministic, valid XML characters,
//! JSON round trip, own importers accept own output).
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsconv::front::load_bytes;
use newsconv::front::Limits;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    newsconv::link_plugins();
    // Only text: our own JSON/NewsML go through `import_any`.
    if newsconv_core::importers().iter().any(|i| (i.sniff)(data)) {
        return;
    }
    let Ok(text) = newsconv::front::decode_text(Path::new("f.txt"), data) else { return };
    let Ok(issue) = load_bytes(Path::new("f.txt"), data, &Limits::default()) else { return };
    if let Some(d) = newsconv_fuzz::conservation_diff(&text, &issue) {
        panic!("text conservation: {d}");
    }
    newsconv_fuzz::render_all(&issue);
});
