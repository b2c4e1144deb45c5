//! The stylesheet, made for Chinese newspaper text.
//!
//! - Every font stack names CJK faces first and ends in a generic family, so
//!   no Latin-only face decides how Chinese text looks.
//! - Sizes are in `em` and the headline levels differ in size, weight,
//!   family *and* spacing/rules, so the hierarchy survives a reader that
//!   overrides the font family or the base size.
//! - Body text is justified with a 2em first-line indent, comfortable line
//!   height, strict CJK line breaking (no 。，at a line start).
//!
//! The rules are in `style.css` (plain CSS, so it reads and diffs as CSS);
//! this file fills in the font stacks: `@FACES@`, `@SERIF@`, `@SANS@`, `@KAI@`.

/// Font families of the embedded faces (used with `--embed-fonts`).
pub const EMBED_SERIF: &str = "newsconv Serif";
/// Font family of the embedded headline face.
pub const EMBED_SANS: &str = "newsconv Sans";

const SERIF: &str = "\"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Source Han Serif CN\", \"Songti SC\", \"STSong\", \"SimSun\", \"AR PL UMing CN\", serif";
const SANS: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Source Han Sans CN\", \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", sans-serif";
const KAI: &str = "\"Kaiti SC\", \"STKaiti\", \"KaiTi\", \"AR PL UKai CN\"";

/// Rules for photos, added only to books that show some (so a text-only
/// book's stylesheet stays as it was).
const PHOTOS: &str = "\nfigure.photo {\n  margin: 1em 0;\n  text-indent: 0;\n}\nfigure.photo img {\n  display: block;\n  max-width: 100%;\n  height: auto;\n  margin: 0 auto;\n}\nfigure.photo figcaption {\n  font-size: 0.85em;\n  line-height: 1.5;\n  margin-top: 0.4em;\n  text-align: justify;\n}\nfigure.photo .credit {\n  margin-left: 1em;\n}\n";

/// The stylesheet; with `embedded` the embedded faces come first, with
/// `photos` the rules for photos follow.
pub fn stylesheet(embedded: Option<(&str, &str)>, photos: bool) -> String {
    let (serif, sans, faces) = match embedded {
        Some((serif_file, sans_file)) => (
            format!("\"{EMBED_SERIF}\", {SERIF}"),
            format!("\"{EMBED_SANS}\", {SANS}"),
            format!(
                "@font-face {{\n  font-family: \"{EMBED_SERIF}\";\n  font-weight: normal;\n  font-style: normal;\n  src: url(\"{serif_file}\");\n}}\n\
                 @font-face {{\n  font-family: \"{EMBED_SANS}\";\n  font-weight: bold;\n  font-style: normal;\n  src: url(\"{sans_file}\");\n}}\n\n"
            ),
        ),
        None => (SERIF.to_string(), SANS.to_string(), String::new()),
    };
    let kai = format!("{KAI}, {serif}");
    let mut css = include_str!("style.css")
        .replace("@FACES@", &faces)
        .replace("@SERIF@", &serif)
        .replace("@SANS@", &sans)
        .replace("@KAI@", &kai);
    if photos {
        css.push_str(PHOTOS);
    }
    css
}
