//! The bundled Noto CJK faces (`fonts/`, see its README), compiled into the
//! binary once: the PDF exporter sets text in them and the EPUB exporter
//! embeds subsets of them (`--embed-fonts`). Each exporter including the
//! files itself put two copies of the 12 MB in the binary.

/// Noto Serif CJK SC Regular (Song/Ming, body text), pre-subset.
pub static SERIF: &[u8] = include_bytes!("../../../fonts/NotoSerifCJKsc-Regular.subset.otf");

/// Noto Sans CJK SC Bold (Hei, headlines), pre-subset.
pub static SANS: &[u8] = include_bytes!("../../../fonts/NotoSansCJKsc-Bold.subset.otf");

#[cfg(test)]
mod tests {
    use std::path::{Path, PathBuf};

    fn rust_files(dir: &Path, out: &mut Vec<PathBuf>) {
        for e in std::fs::read_dir(dir).unwrap().flatten() {
            let p = e.path();
            if p.is_dir() {
                rust_files(&p, out);
            } else if p.extension().is_some_and(|x| x == "rs") {
                out.push(p);
            }
        }
    }

    /// Every other crate takes the faces from here: a second
    /// `include_bytes!` of a font puts another copy of it in the binary.
    #[test]
    fn only_this_crate_includes_the_font_files() {
        let here = Path::new(env!("CARGO_MANIFEST_DIR"));
        let root = here.join("../..");
        let mut files = Vec::new();
        for dir in ["src", "plugins"] {
            rust_files(&root.join(dir), &mut files);
        }
        assert!(files.len() > 10, "{files:?}");
        let mine = here.join("src/lib.rs").canonicalize().unwrap();
        let bad: Vec<_> = files
            .iter()
            .filter(|f| f.canonicalize().unwrap() != mine)
            .filter(|f| {
                std::fs::read_to_string(f)
                    .unwrap()
                    .lines()
                    .any(|l| l.contains("include_bytes!") && l.contains(".otf"))
            })
            .collect();
        assert!(
            bad.is_empty(),
            "font files included outside newsconv-fonts: {bad:?}"
        );
        assert_eq!(super::SERIF.get(..4), Some(&b"OTTO"[..]));
        assert_eq!(super::SANS.get(..4), Some(&b"OTTO"[..]));
    }
}
