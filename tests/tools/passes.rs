//! Show what one pass of the text parser makes of an input, for debugging
//! rules: the classified lines, the units, or the articles.
//!
//! ```text
//! cargo run --example passes -- lines PAGE.txt   (PASSES_WIDTHS=1: each line's width/full/column)
//! cargo run --example passes -- units PAGE.txt
//! cargo run --example passes -- articles PAGE.txt
//! ```

use newsconv::parse;
use newsconv_testkit::dump;
use std::process::ExitCode;

fn main() -> ExitCode {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let [pass, path] = args.as_slice() else {
        eprintln!("usage: passes lines|units|articles PAGE.txt");
        return ExitCode::from(2);
    };
    let text = match std::fs::read_to_string(path) {
        Ok(t) => t,
        Err(e) => {
            eprintln!("passes: {path}: {e}");
            return ExitCode::FAILURE;
        }
    };
    let pages = newsconv::front::text::scan_text(&text);
    let out: String = match pass.as_str() {
        "lines" => pages
            .iter()
            .map(|p| dump::lines(&parse::lines::classify(&p.lines)))
            .collect(),
        "units" => pages
            .iter()
            .map(|p| dump::units(&parse::blocks::build(&parse::lines::classify(&p.lines))))
            .collect(),
        "articles" => dump::issue(&newsconv::front::text::parse_text(&text)),
        other => {
            eprintln!("passes: unknown pass {other} (lines, units or articles)");
            return ExitCode::from(2);
        }
    };
    print!("{out}");
    ExitCode::SUCCESS
}
