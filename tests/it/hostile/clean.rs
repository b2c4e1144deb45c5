//! Awkward characters come out clean in every format.

use super::*;

// ---------------------------------------------------------------- catalogue: clean output

/// Convert text with awkward characters to every format: each output is sound
/// (valid JSON, XML without illegal characters, a zip, a PDF) and holds every
/// `must_keep` character, or the conversion warned about it (PDF glyphs); no
/// XML output (NewsML, EPUB) holds any of `not_in_markup`.
fn clean_everywhere(name: &str, text: &str, must_keep: &[char], not_in_markup: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let p = write(dir.path(), name, text);
    let issue = load(name, text.as_bytes(), &Limits::default()).unwrap();
    assert_conserved(text, &issue, name);
    let (out, stderr) = convert_all(&p, &["--title", "测试报", "--date", "2024-01-02"]);
    let files = outputs(out.path());
    assert_eq!(
        files.len(),
        formats().len(),
        "one output per format: {files:?}"
    );
    for f in files {
        let path = out.path().join(&f);
        let fname = f.to_string_lossy().into_owned();
        let Some((got, markup)) = output_text(&path) else {
            continue;
        };
        for c in must_keep {
            let warned =
                fname.ends_with(".pdf") && stderr.contains("warning") && stderr.contains(": pdf: ");
            assert!(
                got.contains(*c) || warned,
                "{name} → {fname}: {c:?} (U+{:04X}) lost without a warning",
                *c as u32
            );
        }
        if markup {
            for s in not_in_markup {
                assert!(!got.contains(s), "{name} → {fname}: {s:?} in the markup");
            }
        }
    }
}

#[test]
fn xml_illegal_control_characters_never_reach_xml() {
    // A few control characters in real text (under the binary threshold) and
    // Unicode non-characters XML forbids.
    let text = &("头版标题\n\n".to_string() + &"普通正文内容。".repeat(30) + "\n\n正文\u{1}有控制\u{1b}字符\u{7f}和\u{8}退格，\u{fffe}非字符\u{ffff}。\n第二段\u{b}垂直制表\u{c}第二版正文。\n");
    clean_everywhere(
        "ctl.txt",
        text,
        &['头', '控', '退', '垂', '二'],
        &["\u{1}", "\u{1b}", "\u{8}", "\u{fffe}", "\u{ffff}", "\u{b}"],
    );
}

#[test]
fn rtl_emoji_and_cjk_ext_b_come_out_clean() {
    let text = "国际版 عالم جديد\n\nשלום עולם 与 مرحبا 并列的段落。\n\n表情😀👨‍👩‍👧🇨🇳与扩展B区𠀀𠮷𪚥字。\n\n\u{202e}反向覆盖\u{202c}与\u{200f}RLM标记。\n";
    clean_everywhere(
        "rtl.txt",
        text,
        &['ع', 'ש', '😀', '🇨', '𠀀', '𠮷', '𪚥', '反'],
        &[],
    );
}

#[test]
fn markup_and_entities_in_text_are_escaped_everywhere() {
    let text = "<b>标题</b> & \"引号\" 'x' ]]> <!DOCTYPE x [<!ENTITY a \"b\">]> &amp; &a;\n\n正文 <script>alert(1)</script> </p></body>\n\n脚注\n";
    clean_everywhere(
        "markup.txt",
        text,
        &['<', '&', '>', '"', '标', '脚'],
        &["<b>标题", "<script>", "<!DOCTYPE x", "<!ENTITY"],
    );
}
