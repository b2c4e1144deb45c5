//! Reading a file's bytes as newsconv does (sniffing, JSON/NewsML importers,
//! decoding UTF-8/GB18030, scanning, parsing): an error or an issue, never a
//! panic; errors name the input file.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsconv::front::load_bytes;
use newsconv::front::Limits;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    newsconv::link_plugins();
    let path = Path::new("fuzz-input.txt");
    match load_bytes(path, data, &Limits::default()) {
        Ok(_) => {}
        Err(e) => assert!(e.to_string().starts_with("fuzz-input.txt"), "error does not name the file: {e}"),
    }
});
