//! The stylesheet, made for Chinese newspaper text.
//!
//! - Every font stack names CJK faces first and ends in a generic family, so
//!   no Latin-only face decides how Chinese text looks.
//! - Sizes are in `em` and the headline levels differ in size, weight,
//!   family *and* spacing/rules, so the hierarchy survives a reader that
//!   overrides the font family or the base size.
//! - Body text is justified with a 2em first-line indent, comfortable line
//!   height, strict CJK line breaking (no 。，at a line start).

/// Font families of the embedded faces (used with `--embed-fonts`).
pub const EMBED_SERIF: &str = "newsconv Serif";
/// Font family of the embedded headline face.
pub const EMBED_SANS: &str = "newsconv Sans";

const SERIF: &str = "\"Noto Serif CJK SC\", \"Source Han Serif SC\", \"Source Han Serif CN\", \"Songti SC\", \"STSong\", \"SimSun\", \"AR PL UMing CN\", serif";
const SANS: &str = "\"Noto Sans CJK SC\", \"Source Han Sans SC\", \"Source Han Sans CN\", \"PingFang SC\", \"Hiragino Sans GB\", \"Microsoft YaHei\", \"WenQuanYi Micro Hei\", sans-serif";
const KAI: &str = "\"Kaiti SC\", \"STKaiti\", \"KaiTi\", \"AR PL UKai CN\"";

/// The stylesheet; with `embedded` the embedded faces come first.
pub fn stylesheet(embedded: Option<(&str, &str)>) -> String {
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
    format!(
        r#"/* newsconv EPUB stylesheet: Chinese newspaper text. */
{faces}body {{
  font-family: {serif};
  line-height: 1.8;
  text-align: justify;
  line-break: strict;
  overflow-wrap: break-word;
  margin: 0 0.5em;
}}

p {{
  margin: 0 0 0.25em 0;
  text-indent: 2em;
}}

h1, h2, h3, .kicker, .subheadline, .column, .dateline {{
  font-family: {sans};
}}

h1, h2, h3 {{
  font-weight: bold;
  text-indent: 0;
  line-height: 1.4;
  page-break-after: avoid;
  break-after: avoid;
}}

/* Page (版) titles: the top level. */
h1.page-title {{
  font-size: 1.25em;
  text-align: center;
  margin: 0.5em 0 1.5em 0;
  padding: 0.3em 0;
  border-top: 0.15em solid;
  border-bottom: 0.05em solid;
}}
h1.page-title .section {{
  font-weight: normal;
  margin-left: 0.5em;
}}

/* Articles. */
article {{
  margin: 0 0 2.5em 0;
}}
.article-head {{
  text-align: center;
  margin: 0 0 1em 0;
}}
.article-head p {{
  text-indent: 0;
  text-align: center;
}}
.column {{
  font-size: 0.85em;
  margin: 0 0 0.5em 0;
  padding: 0.1em 0.5em;
  border: 0.05em solid;
  display: inline-block;
}}
.kicker {{
  font-size: 1em;
  margin: 0;
}}
h2.headline {{
  font-size: 1.6em;
  text-align: center;
  margin: 0.2em 0 0.3em 0;
}}
h2.headline.made-up {{
  font-size: 1.1em;
  font-weight: normal;
  color: #555;
}}
h2.headline .mark {{
  font-size: 0.8em;
  margin-right: 0.3em;
}}
.brief h2.headline, .ear h2.headline {{
  font-size: 1.3em;
}}
.subheadline {{
  font-size: 1.1em;
  margin: 0 0 0.3em 0;
}}
.subheadline::before {{
  content: "——";
}}
.byline, .byline-end {{
  font-family: {kai};
  font-size: 0.95em;
  text-indent: 0;
}}
.byline-end {{
  text-align: right;
  margin-top: 0.5em;
}}
.dateline {{
  font-weight: bold;
  margin-right: 0.5em;
}}

/* A note after the text (the author's affiliation). */
p.note {{
  font-size: 0.9em;
}}

/* In-body section headings (小标题): the third level. */
h3.heading {{
  font-size: 1.1em;
  margin: 1.2em 0 0.5em 0;
  padding-left: 0.5em;
  border-left: 0.25em solid;
}}

.caption {{
  font-family: {kai};
  font-size: 0.9em;
  text-indent: 0;
  margin: 0.8em 0;
  padding: 0.3em 0.6em;
  border-left: 0.1em solid #999;
}}
.caption .label {{
  font-family: {sans};
  font-weight: bold;
  margin-right: 0.5em;
}}
.credit {{
  margin-left: 0.5em;
  white-space: nowrap;
}}

/* Where the print edition jumped pages. */
.jump-note {{
  font-size: 0.8em;
  text-indent: 0;
  text-align: center;
  color: #666;
  margin: 0.6em 0;
}}
.jump-stub {{
  text-indent: 0;
  font-size: 0.9em;
}}

.unassigned {{
  font-size: 0.85em;
  color: #555;
  border-top: 0.05em dashed;
  margin-top: 2em;
}}
.unassigned h2 {{
  font-size: 1em;
}}

/* Cover and contents. */
.cover {{
  text-align: center;
  padding-top: 15%;
}}
.cover p {{
  text-indent: 0;
}}
.cover h1.paper {{
  font-size: 2.6em;
  letter-spacing: 0.1em;
  margin: 0 0 0.3em 0;
  padding-bottom: 0.2em;
  border-bottom: 0.08em solid;
}}
.cover .date {{
  font-size: 1.2em;
}}
.cover .edition, .cover .publisher {{
  font-size: 1em;
}}
.cover h2 {{
  font-size: 1.1em;
  margin: 2em 0 0.5em 0;
}}
ul.front-heads {{
  list-style: none;
  padding: 0;
  margin: 0;
}}
ul.front-heads li {{
  font-family: {sans};
  font-weight: bold;
  margin: 0.4em 0;
}}
.contents h1 {{
  font-size: 1.4em;
  text-align: center;
}}
.contents ol {{
  list-style: none;
  padding-left: 0;
}}
.contents ol ol {{
  padding-left: 2em;
  margin-bottom: 0.8em;
}}
.contents li.page > a {{
  font-family: {sans};
  font-weight: bold;
}}
a {{
  color: inherit;
  text-decoration: none;
}}
"#
    )
}
