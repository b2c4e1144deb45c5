//! Every registered importer (JSON, NewsML, ...) on arbitrary bytes: sniff
//! and read never panic; an accepted document renders to every format.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    newsconv::link_plugins();
    for imp in newsconv_core::importers() {
        let _ = (imp.sniff)(data);
        if let Ok(issue) = (imp.read)(data) {
            newsconv_fuzz::render_all(&issue);
        }
    }
});
