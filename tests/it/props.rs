//! Property tests (proptest) of the fuzz targets' properties, so that every
//! test run (and CI) exercises them without cargo-fuzz: no panic on any input,
//! errors name the file, text conservation, deterministic output in every
//! registered format, JSON round trip, own importers accept own output.
//! `PROPTEST_CASES=N` runs more cases.

use newsconv::front::load_bytes;
use newsconv::front::Limits;
use newsconv_core::{exporters, importers, Issue, RenderContext, Settings};
use newsconv_testkit::assert_conserved;
use proptest::prelude::*;
use std::path::Path;

/// Characters a scanner workflow produces, and the ones that hurt.
fn newspaper_char() -> impl Strategy<Value = char> {
    prop_oneof![
        8 => prop::sample::select("新闻本报记者北京讯日电第一版要闻标题正文中国人民政府经济社会发展".chars().collect::<Vec<_>>()),
        4 => prop::sample::select("。，、；：？！“”‘’（）《》【】—…·".chars().collect::<Vec<_>>()),
        4 => prop::sample::select("\n\n\n \u{3000}\t\r".chars().collect::<Vec<_>>()),
        3 => prop::char::range('!', '~'),
        1 => Just('\u{c}'),
        1 => prop::sample::select("上接下转版（）第一二三四0123456789A".chars().collect::<Vec<_>>()),
        1 => prop::sample::select(vec!['\u{1}', '\u{1b}', '\u{7f}', '\u{b}', '\u{fffe}', '\u{ffff}', '\u{ad}', '\u{200b}', '\u{202e}', '\u{feff}']),
        1 => prop::sample::select("😀👨‍👩‍👧𠀀𠮷𪚥عالمשלום<>&\"'".chars().collect::<Vec<_>>()),
        1 => any::<char>(),
    ]
}

fn newspaper_text() -> impl Strategy<Value = String> {
    prop::collection::vec(newspaper_char(), 0..600).prop_map(|v| v.into_iter().collect())
}

fn render_all(issue: &Issue) {
    let settings = Settings::new();
    let ctx = RenderContext {
        issue,
        settings: &settings,
        input: None,
    };
    for e in exporters() {
        let (mut a, mut b) = (Vec::new(), Vec::new());
        let ra = (e.render)(&ctx, &mut a);
        let rb = (e.render)(&ctx, &mut b);
        assert_eq!(
            ra.is_ok(),
            rb.is_ok(),
            "{}: render result differs between runs",
            e.name
        );
        if let Err(err) = ra {
            panic!("{}: render failed on a parsed issue: {err}", e.name);
        }
        assert!(a == b, "{}: two renders of one issue differ", e.name);
        if e.extension.ends_with("xml") {
            let s = std::str::from_utf8(&a).expect("XML output is UTF-8");
            assert!(
                s.chars().all(newsconv_core::text::is_xml_char),
                "{}: XML-illegal character in output",
                e.name
            );
        }
        if let Some(imp) = importers().into_iter().find(|i| i.name == e.name) {
            assert!(
                (imp.sniff)(&a),
                "{}: importer does not recognise own output",
                e.name
            );
            let back = (imp.read)(&a)
                .unwrap_or_else(|err| panic!("{}: importer refuses own output: {err}", e.name));
            if e.name == "json" {
                assert_eq!(&back, issue, "json round trip");
            }
        }
    }
}

/// 48 cases per property, or `PROPTEST_CASES`.
fn cases() -> u32 {
    std::env::var("PROPTEST_CASES")
        .ok()
        .and_then(|s| s.parse().ok())
        .unwrap_or(48)
}

/// Runs of glyphs as a page lays them out: (x, y, size, vertical, text).
fn glyph_runs() -> impl Strategy<Value = Vec<(f32, f32, f32, bool, String)>> {
    let text = prop::collection::vec(
        prop::sample::select(vec![
            '中', '国', '新', '闻', '报', '讯', '记', '者', '，', '。', '“', '”', '（', '）', '1',
            'A', '●', '—', '：', '摄',
        ]),
        1..24,
    )
    .prop_map(|v| v.into_iter().collect::<String>());
    let run = (
        0f32..600.0,
        0f32..900.0,
        prop::sample::select(vec![8.3f32, 9.7, 12.9, 16.6, 33.1, 44.2]),
        prop::bool::weighted(0.1),
        text,
    );
    prop::collection::vec(run, 0..60)
}

fn page_of(runs: &[(f32, f32, f32, bool, String)]) -> newsconv::front::pdf::extract::PdfPage {
    use newsconv::front::pdf::extract::{Dir, Glyph, PdfPage};
    let mut glyphs = Vec::new();
    for (x, y, size, vertical, text) in runs {
        for (k, c) in text.chars().enumerate() {
            let (gx, gy) = if *vertical {
                (*x, y + k as f32 * size)
            } else {
                (x + k as f32 * size, *y)
            };
            glyphs.push(Glyph {
                text: c.to_string(),
                bbox: newsconv_core::Rect::new(gx, gy, gx + size, gy + size),
                size: *size,
                font: (*size as u16) % 3,
                vertical: *vertical,
                dir: Dir::Up,
                stroke: false,
                invisible: false,
                light: false,
            });
        }
    }
    PdfPage {
        width: 700.0,
        height: 1000.0,
        glyphs,
        fonts: vec!["F0".into(), "F1".into(), "F2".into()],
        ..Default::default()
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: cases(), failure_persistence: None, ..ProptestConfig::default() })]

    /// The PDF front end (lines, blocks, roles, regions, paragraph signals)
    /// loses and invents no text, whatever the layout.
    #[test]
    fn any_glyph_layout_keeps_its_text(runs in glyph_runs()) {
        newsconv::link_plugins();
        let page = page_of(&runs);
        let kept: String = newsconv::front::pdf::layout::dedup(&page.glyphs).iter().map(|g| g.text.as_str()).collect();
        let mut line = 0;
        let lines = newsconv::front::pdf::page_lines(&page, &mut line);
        let emitted: String = lines.lines.iter().map(|l| l.text.as_str()).collect();
        let count = |s: &str| { let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect(); v.sort_unstable(); v };
        prop_assert_eq!(count(&kept), count(&emitted), "the layout stage changed the text");
        let issue = newsconv::parse::parse_pages(vec![lines]);
        // The parser may strip decorations (byline markers, brackets, dashes), nothing else, and adds nothing.
        let d = newsconv_testkit::conserve::Diff::of(&kept, &issue);
        prop_assert!(d.added.is_empty(), "the model holds {:?} the page does not", d.added);
        prop_assert!(d.lost.iter().all(|(c, _)| matches!(c, '●' | '（' | '）' | '—')), "lost {:?}", d.lost);
        render_all(&issue);
    }

    /// Pages built from whole lines of the shapes the article pass acts on
    /// (headlines, subheadlines, bylines, bare names and name pieces, body
    /// lines that do or do not end a sentence, end notes, blank lines):
    /// every character is kept, wherever the rules move it.
    #[test]
    fn pages_of_display_lines_and_name_pieces_keep_their_text(lines in prop::collection::vec(prop::sample::select(vec![
        "", "", "", "推动乡村文化振兴的几点思考", "——一位基层干部的调查", "周", "江", "张济坤", "吴 桂", "●本报记者 陈晨",
        "乡 村 文 化 是 中 华 文 化 的 根 基 ，也", "来，各地在保护传统村落、传承非", "等方面做了大量工作，取得了明显成效。",
        "（作者单位：某大学文学院）", "本报讯（记者 李明）近日，", "直销价：158元/克", "经常性。", "（下转第二版）",
        "（上接第一版）", "本报记者 孙立平", "（宗何）", "图为村民在晾晒玉米。 本报记者 刘梦涛 摄", "警方供图", "7 理论", "2019 年 3 月 5 日 星期二",
        "新时代：", "坚持问题导向和目标导向相结", "合，是做好基层工作的一条重要",
    ]), 0..40)) {
        let text = lines.join("\n");
        let issue = newsconv::front::text::parse_text(&text);
        assert_conserved(&text, &issue, "display-line page");
    }

    #[test]
    fn any_text_parses_conserved_and_renders_everywhere(text in newspaper_text()) {
        newsconv::link_plugins();
        match load_bytes(Path::new("prop.txt"), text.as_bytes(), &Limits::default()) {
            Ok(issue) => {
                // A leading U+FEFF is the byte order mark: encoding, not text.
                assert_conserved(text.strip_prefix('\u{feff}').unwrap_or(&text), &issue, "proptest text");
                let lines = text.split('\n').count() as u32;
                for (_, a) in issue.articles() {
                    if let Some(s) = a.source {
                        prop_assert!(1 <= s.start && s.start <= s.end && s.end <= lines, "span {:?} outside 1..={}", s, lines);
                    }
                }
                render_all(&issue);
            }
            Err(e) => prop_assert!(e.to_string().starts_with("prop.txt"), "error does not name the file: {}", e),
        }
    }

    #[test]
    fn any_bytes_give_an_issue_or_an_error_naming_the_file(bytes in prop::collection::vec(any::<u8>(), 0..2000)) {
        newsconv::link_plugins();
        if let Err(e) = load_bytes(Path::new("bytes.txt"), &bytes, &Limits::default()) {
            prop_assert!(e.to_string().starts_with("bytes.txt"), "error does not name the file: {}", e);
        }
    }

    #[test]
    fn mutated_json_never_panics_and_errors_say_where(edits in prop::collection::vec((any::<prop::sample::Index>(), any::<u8>(), 0u8..3), 1..8)) {
        newsconv::link_plugins();
        let mut bytes = std::fs::read(crate::common::repo("seeds/000_bf1f693cbe2b0d89.expected.json")).unwrap();
        for (at, b, op) in edits {
            let i = at.index(bytes.len());
            match op {
                0 => bytes[i] = b,
                1 => { bytes.remove(i); }
                _ => bytes.insert(i, b),
            }
        }
        match newsconv_json::read(&bytes) {
            Ok(issue) => {
                // Whatever reads, writes and reads back unchanged.
                let again = newsconv_json::read(newsconv_json::to_string(&issue).as_bytes()).unwrap();
                prop_assert_eq!(again, issue);
            }
            Err(e) => {
                let s = e.to_string();
                prop_assert!(s.starts_with('$') || s.starts_with("line ") || s.contains("version"), "error says not where: {}", s);
            }
        }
    }
}

/// The text the model holds after the PDF front end and the passes.
fn held_text(runs: &[(f32, f32, f32, bool, String)]) -> String {
    let mut line = 0;
    let lines = newsconv::front::pdf::page_lines(&page_of(runs), &mut line);
    let issue = newsconv::parse::parse_pages(vec![lines]);
    newsconv_testkit::conserve::model_texts(&issue).concat()
}

/// A layout the property once failed on: `）“` set tight in a display line
/// split the line in two subheadline pieces, and the second was lost.
#[test]
fn heading_inside_body_text_keeps_its_text() {
    let runs: Vec<(f32, f32, f32, bool, String)> = vec![
        (
            204.57338,
            655.96185,
            12.9,
            false,
            "中）““中“中中中中中".into(),
        ),
        (0.0, 0.0, 8.3, false, "中".into()),
        (0.0, 0.0, 9.7, false, "，中中中中中中中中中中中".into()),
        (0.0, 410.90112, 8.3, false, "中".into()),
        (0.0, 605.7831, 33.1, false, "中中中中中。中".into()),
        (0.0, 0.0, 8.3, false, "中".into()),
    ];
    let held = held_text(&runs);
    assert_eq!(held.matches('“').count(), 3, "{held}");
}

/// A layout the property once failed on: two subheadline lines under one
/// headline; the group kept only the first.
#[test]
fn two_subheadline_lines_keep_their_text() {
    let runs: Vec<(f32, f32, f32, bool, String)> = vec![
        (146.7225, 346.67627, 12.9, false, "中中中中中中中中".into()),
        (0.0, 0.0, 8.3, false, "中".into()),
        (0.0, 0.0, 8.3, false, "国新国（摄讯摄者A●者摄A报。”“".into()),
        (299.43408, 352.2638, 12.9, false, "—”1（“，中“摄新".into()),
        (246.87546, 289.69965, 44.2, false, "：。记摄闻1“".into()),
    ];
    let held = held_text(&runs);
    for c in ['摄', '新', '1', '，'] {
        assert_eq!(
            held.matches(c).count(),
            runs.iter().map(|r| r.4.matches(c).count()).sum::<usize>(),
            "{c} in {held}"
        );
    }
}

/// A layout the property once failed on: a kicker-sized line between two
/// headlines was lost.
#[test]
fn display_line_between_headlines_keeps_its_text() {
    let runs: Vec<(f32, f32, f32, bool, String)> = vec![
        (0.0, 171.50932, 44.2, false, "中中中".into()),
        (0.0, 239.05362, 16.6, false, "国新A中中".into()),
        (
            0.0,
            104.2776,
            33.1,
            false,
            "“中新者国中者新报者记记中".into(),
        ),
        (
            70.79287,
            528.5941,
            16.6,
            false,
            "新报者国中中中中中中中。中中中".into(),
        ),
        (0.0, 102.99829, 8.3, false, "中".into()),
        (436.23056, 0.0, 8.3, false, "中".into()),
        (0.0, 0.0, 9.7, false, "中".into()),
        (0.0, 0.0, 12.9, false, "，中".into()),
        (
            0.0,
            0.0,
            12.9,
            false,
            "中国中中中中中中中中中中中中中中中中中".into(),
        ),
        (0.0, 411.3591, 12.9, false, "中中中中中中".into()),
        (0.0, 0.0, 12.9, false, "国新中国国国中国中国".into()),
        (306.3747, 205.50974, 8.3, false, "中中中中中国A记".into()),
        (0.0, 163.77165, 16.6, false, "，中".into()),
        (0.0, 139.99341, 8.3, false, "，".into()),
    ];
    let page = page_of(&runs);
    let mut line = 0;
    let lines = newsconv::front::pdf::page_lines(&page, &mut line);
    let dump: Vec<String> = lines
        .lines
        .iter()
        .map(|l| format!("{:?} {:?} {:?} {}", l.region, l.role, l.para, l.text))
        .collect();
    let issue = newsconv::parse::parse_pages(vec![lines]);
    let held: String = newsconv_testkit::conserve::model_texts(&issue).concat();
    assert_eq!(
        held.matches('A').count(),
        2,
        "{held}\n{}\n{}",
        dump.join("\n"),
        serde_json::to_string_pretty(&issue).unwrap()
    );
}
