//! The NewsML-G2 reader (the importer registered as `newsml`) on arbitrary
//! bytes: no panic, no entity expansion (bounded memory: libFuzzer's
//! -rss_limit_mb catches a bomb), and whatever it accepts renders to every
//! format and reads back through its own exporter.
#![no_main]
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    newsconv::link_plugins();
    let Some(imp) = newsconv_core::importers().into_iter().find(|i| i.name == "newsml") else { return };
    let _ = (imp.sniff)(data);
    if let Ok(issue) = (imp.read)(data) {
        newsconv_fuzz::render_all(&issue);
    }
});
