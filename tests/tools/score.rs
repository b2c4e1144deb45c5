//! Score parser output against gold annotations.
//!
//! ```text
//! cargo run --example score                      # every page of ../shared/pages (text path)
//! cargo run --example score -- --ext pdf         # the same pages, PDF front end
//! cargo run --example score -- -v                # list every failed check
//! cargo run --example score -- INPUT GOLD.json   # one input (.txt, .pdf or our .json)
//! cargo run --example score -- DIR GOLD_DIR      # DIR/NAME.* against GOLD_DIR/NAME.json
//! ```

use newsconv_testkit::score;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

fn main() -> ExitCode {
    newsconv::link_plugins();
    let mut verbose = false;
    let mut ext = "txt".to_string();
    let mut pos = Vec::new();
    let mut args = std::env::args().skip(1);
    while let Some(a) = args.next() {
        match a.as_str() {
            "-v" | "--verbose" => verbose = true,
            "--ext" => ext = args.next().unwrap_or_else(|| "txt".into()),
            "-h" | "--help" => {
                eprintln!(
                    "usage: score [-v] [--ext txt|pdf|json] [INPUT GOLD.json | DIR GOLD_DIR]"
                );
                return ExitCode::SUCCESS;
            }
            _ => pos.push(PathBuf::from(a)),
        }
    }
    let result = match pos.as_slice() {
        [] => score::score_folder(&newsconv_testkit::shared_pages(), &ext),
        [input, gold] if input.is_dir() && gold.is_dir() => pair_dirs(input, gold, &ext),
        [input, gold] => score::score_file(input, gold).map(|s| vec![s]),
        _ => Err("expected no arguments, or INPUT GOLD.json, or DIR GOLD_DIR".into()),
    };
    match result {
        Ok(pages) => {
            print!("{}", score::report(&pages, verbose));
            ExitCode::SUCCESS
        }
        Err(e) => {
            eprintln!("score: error: {e}");
            ExitCode::FAILURE
        }
    }
}

/// Every GOLD_DIR/NAME.json with a DIR/NAME.<ext> (or DIR/NAME.json).
fn pair_dirs(dir: &Path, gold: &Path, ext: &str) -> Result<Vec<score::PageScore>, String> {
    let mut names: Vec<PathBuf> = std::fs::read_dir(gold)
        .map_err(|e| format!("{}: {e}", gold.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.extension().is_some_and(|e| e == "json"))
        .collect();
    names.sort();
    let mut out = Vec::new();
    for g in names {
        let stem = g.file_stem().unwrap().to_string_lossy().into_owned();
        let input = [
            dir.join(format!("{stem}.{ext}")),
            dir.join(format!("{stem}.json")),
        ]
        .into_iter()
        .find(|p| p.exists());
        if let Some(input) = input {
            out.push(score::score_file(&input, &g)?);
        }
    }
    Ok(out)
}
