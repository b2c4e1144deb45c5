//! Golden files under `tests/golden`: compared, or rewritten when
//! `NEWSCONV_UPDATE_GOLDEN` is set (the repository's convention).

use crate::paths::repo;

/// True when golden files are to be rewritten rather than compared.
pub fn updating() -> bool {
    std::env::var_os("NEWSCONV_UPDATE_GOLDEN").is_some()
}

/// Compare `actual` with the golden file `tests/golden/<name>`, or rewrite it
/// when `NEWSCONV_UPDATE_GOLDEN` is set.
pub fn golden(name: &str, actual: &str) {
    golden_at(&repo("tests/golden").join(name), actual);
}

/// [`golden`] for a golden file elsewhere (a fixture's expected `.out`).
pub fn golden_at(path: &std::path::Path, actual: &str) {
    if updating() {
        std::fs::create_dir_all(path.parent().unwrap()).unwrap();
        std::fs::write(path, actual).unwrap();
        return;
    }
    let expected = std::fs::read_to_string(path).unwrap_or_else(|e| {
        panic!(
            "{}: {e} (NEWSCONV_UPDATE_GOLDEN=1 writes it)",
            path.display()
        )
    });
    if expected != actual {
        let diff = line_diff(&expected, actual);
        panic!(
            "{} differs from the output (NEWSCONV_UPDATE_GOLDEN=1 rewrites it):\n{diff}",
            path.display()
        );
    }
}

/// A short readable diff: the first differing lines with context.
pub fn line_diff(expected: &str, actual: &str) -> String {
    let e: Vec<&str> = expected.lines().collect();
    let a: Vec<&str> = actual.lines().collect();
    let first = e
        .iter()
        .zip(&a)
        .position(|(x, y)| x != y)
        .unwrap_or(e.len().min(a.len()));
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
