//! The whole PDF front end on arbitrary bytes (issue #19): parsing the file,
//! interpreting each page's content, layout analysis and the passes. No
//! panic, whatever the bytes; a refused file is refused with an error.
//! Seeded with the dev page PDFs and the hostile catalogue.
#![no_main]
use libfuzzer_sys::fuzz_target;
use std::path::Path;

fuzz_target!(|data: &[u8]| {
    let mut line = 0;
    if let Ok(pages) = newsconv::front::pdf::read(Path::new("fuzz.pdf"), data.to_vec(), &mut line, &newsconv::front::pdf::Options { ocr: newsconv::front::ocr::OcrOptions::never(), ..Default::default() }) {
        let issue = newsconv::parse::parse_pages(pages);
        let _ = issue.pages.len();
    }
});
