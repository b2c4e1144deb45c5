//! Where the test data lives: the repository and `../shared` beside it.

use std::path::{Path, PathBuf};

/// The repository root.
pub fn root() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
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

/// Every file below `dir`, relative to it, sorted.
pub fn files_below(dir: &Path) -> Vec<PathBuf> {
    fn walk(base: &Path, dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir)
            .unwrap_or_else(|e| panic!("{}: {e}", dir.display()))
            .flatten()
        {
            let p = e.path();
            if p.is_dir() {
                walk(base, &p, out);
            } else {
                out.push(p.strip_prefix(base).unwrap_or(&p).to_path_buf());
            }
        }
    }
    let mut v = Vec::new();
    walk(dir, dir, &mut v);
    v.sort();
    v
}
