//! Helpers shared by the test modules.

#![allow(dead_code)]

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

/// The repository root.
pub fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

/// A file under the repository root.
pub fn repo(p: &str) -> PathBuf {
    root().join(p)
}

/// `../shared/pages` beside the repository (the real pages with gold files).
pub fn shared_pages() -> PathBuf {
    root().join("../shared/pages")
}

/// The sample issue.
pub fn sample() -> PathBuf {
    repo("seeds/000_bf1f693cbe2b0d89.txt")
}

/// Names (stems) of the real pages in `../shared/pages`, sorted. Panics when
/// the folder is missing: the tests are meant to run beside it.
pub fn page_names() -> Vec<String> {
    let dir = shared_pages();
    let mut v: Vec<String> = std::fs::read_dir(&dir)
        .unwrap_or_else(|e| panic!("{}: {e} (the tests need ../shared/pages)", dir.display()))
        .filter_map(|e| e.ok())
        .map(|e| e.path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no pages in {}", dir.display());
    v
}

/// Run the newsconv binary with these arguments.
pub fn run(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_newsconv")).args(args).output().expect("run newsconv")
}

/// Run newsconv and require success; returns stdout.
pub fn run_ok(args: &[&str]) -> String {
    let o = run(args);
    assert!(o.status.success(), "newsconv {args:?} failed: {}", String::from_utf8_lossy(&o.stderr));
    String::from_utf8(o.stdout).expect("utf-8 stdout")
}

/// Convert `input` to `formats` into a fresh temp folder; returns the folder.
pub fn convert(input: &Path, formats: &str) -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    run_ok(&["convert", input.to_str().unwrap(), "--to", formats, "-o", dir.path().to_str().unwrap()]);
    dir
}

/// Compare `actual` with the golden file `tests/golden/<name>`, or rewrite it
/// when `NEWSCONV_UPDATE_GOLDEN` is set.
pub fn golden(name: &str, actual: &str) {
    let path = repo("tests/golden").join(name);
    if std::env::var_os("NEWSCONV_UPDATE_GOLDEN").is_some() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(&path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{}: {e} (NEWSCONV_UPDATE_GOLDEN=1 writes it)", path.display()));
    if expected != actual {
        let diff = line_diff(&expected, actual);
        panic!("{} differs from the output (NEWSCONV_UPDATE_GOLDEN=1 rewrites it):\n{diff}", path.display());
    }
}

/// A short readable diff: the first differing lines with context.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e.iter().zip(&a).position(|(x, y)| x != y).unwrap_or(e.len().min(a.len()));
    let mut s = String::new();
    for i in first.saturating_sub(3)..(first + 8).min(e.len().max(a.len())) {
        match (e.get(i), a.get(i)) {
            (Some(x), Some(y)) if x == y => s += &format!("  {x}\n"),
            (x, y) => {
                if let Some(x) = x {
                    s += &format!("- {x}\n");
                }
                if let Some(y) = y {
                    s += &format!("+ {y}\n");
                }
            }
        }
    }
    s
}

/// True when a program is on PATH.
pub fn have(program: &str) -> bool {
    Command::new("sh").arg("-c").arg(format!("command -v {program}")).output().map(|o| o.status.success()).unwrap_or(false)
}
