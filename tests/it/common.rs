//! Helpers that run the binary under test; the rest (paths, golden files,
//! conservation, validators) is the test kit, `tests/kit`.

pub use newsconv_testkit::golden::line_diff;
pub use newsconv_testkit::tools::require;
pub use newsconv_testkit::{files_below, page_names, repo, root, sample, shared_pages};
use std::path::Path;
use std::process::{Command, Output};

/// Run the newsconv binary with these arguments.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsconv"))
        .args(args)
        .output()
        .expect("run newsconv")
}

/// Run newsconv and require success; returns stdout.
pub fn run_ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(
        o.status.success(),
        "newsconv {args:?} failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    String::from_utf8(o.stdout).expect("utf-8 stdout")
}

/// Convert `input` to `formats` into a fresh temp folder; returns the folder.
pub fn convert(input: &Path, formats: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    run_ok(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        formats,
        "-o",
        dir.path().to_str().unwrap(),
    ]);
    dir
}
