//! Write the hostile-PDF catalogue of the test kit to a folder, for
//! `tests/benches/hostile.sh` and for looking at the files by hand.
//!
//! ```text
//! cargo run --example hostile_pdfs -- OUT_DIR [PAGE.pdf]
//! ```
//! PAGE.pdf (default: the 福州晚报 dev page) is the page the truncated,
//! wrong-`startxref` and encrypted files are made from (`qpdf` needed).

use newsconv_testkit::hostile_pdf;
use std::path::PathBuf;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let Some(out) = args.first().map(PathBuf::from) else {
        eprintln!("usage: hostile_pdfs OUT_DIR [PAGE.pdf]");
        return ExitCode::from(2);
    };
    let page = args
        .get(1)
        .map(PathBuf::from)
        .unwrap_or_else(|| newsconv_testkit::shared_pages().join("fzwb_20240419_A07.pdf"));
    if let Err(e) = std::fs::create_dir_all(&out) {
        eprintln!("hostile_pdfs: {}: {e}", out.display());
        return ExitCode::FAILURE;
    }
    let mut files = hostile_pdf::synthetic();
    files.extend(hostile_pdf::from_page(&page, &out));
    for h in files {
        if let Err(e) = std::fs::write(out.join(h.name), &h.bytes) {
            eprintln!("hostile_pdfs: {}: {e}", h.name);
            return ExitCode::FAILURE;
        }
        println!("{}\t{}\t{:?}", h.name, h.bytes.len(), h.expect);
    }
    ExitCode::SUCCESS
}
