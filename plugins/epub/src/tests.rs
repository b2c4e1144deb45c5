use super::*;
use crate::meta::identifier;
use chrono::DateTime;
use newsconv_core::{Article, Block, Byline, Caption, Jump, Page, Unassigned};
use std::collections::HashSet;
use std::io::Read;

/// The book's bytes and warnings, through the one entry point.
fn to_bytes(i: &Issue, o: &EpubOptions) -> Result<(Vec<u8>, Vec<Diagnostic>), ExportError> {
    let mut v = Vec::new();
    let w = write(i, o, &mut v)?;
    Ok((v, w))
}

fn art(id: &str, headline: Option<&str>, paras: &[&str]) -> Article {
    Article {
        id: id.into(),
        headline: headline.map(Into::into),
        blocks: paras.iter().map(|p| Block::paragraph(*p)).collect(),
        ..Default::default()
    }
}

/// A small issue with every feature: jumps, an untitled article, captions,
/// a dateline, an end byline, unassigned text, an empty page.
fn issue() -> Issue {
    let mut i = Issue::new();
    i.title = Some("测试日报".into());
    i.publisher = Some("测试日报社".into());
    i.date = "2024-04-19".parse().ok();
    i.edition = Some("城市版".into());
    let mut a1 = art("p1-a1", Some("头条新闻"), &["第一段。", "第二段。"]);
    a1.kicker = Some("引题".into());
    a1.subheadline = Some("副题".into());
    a1.dateline = Some("本报讯".into());
    a1.byline = Some(Byline {
        text: "本报记者 张三".into(),
        ..Default::default()
    });
    a1.continued_to = Some(Jump {
        page: Some(3),
        label: Some("（下转第三版）".into()),
        article: Some("p3-a1".into()),
    });
    let mut a2 = art(
        "p1-a2",
        None,
        &["没有标题的文章，开头的文字做标题，要足够长才会被截断。"],
    );
    a2.captions = vec![Caption {
        text: "图为现场。".into(),
        credit: Some("李四 摄".into()),
    }];
    let mut a3 = art("p3-a1", Some("头条新闻"), &["接续的段落。"]);
    a3.continued_from = Some(Jump {
        page: Some(1),
        label: Some("（上接第一版）".into()),
        article: Some("p1-a1".into()),
    });
    a3.byline = Some(Byline {
        text: "（完）".into(),
        position: Some(newsconv_core::BylinePosition::AfterBody),
        ..Default::default()
    });
    let mut a4 = art("p3-a2", Some("转到别处"), &["这篇转到本书没有的版面。"]);
    a4.blocks.insert(0, Block::heading("小标题"));
    a4.continued_to = Some(Jump {
        page: Some(9),
        label: None,
        article: None,
    });
    i.pages = vec![
        Page {
            number: 1,
            section: Some("要闻".into()),
            articles: vec![a1, a2],
            ..Default::default()
        },
        Page {
            number: 2,
            ..Default::default()
        },
        Page {
            number: 3,
            label: Some("A03".into()),
            articles: vec![a3, a4],
            unassigned: vec![Unassigned {
                text: "散落的文字".into(),
                line: Some(9),
            }],
            ..Default::default()
        },
    ];
    i
}

fn epub(i: &Issue) -> Vec<u8> {
    to_bytes(i, &EpubOptions::default()).unwrap().0
}

fn entries(bytes: &[u8]) -> Vec<(String, Vec<u8>, zip::DateTime, zip::CompressionMethod)> {
    let mut z = zip::ZipArchive::new(std::io::Cursor::new(bytes)).unwrap();
    (0..z.len())
        .map(|k| {
            let mut f = z.by_index(k).unwrap();
            let mut v = Vec::new();
            f.read_to_end(&mut v).unwrap();
            (
                f.name().to_string(),
                v,
                f.last_modified().unwrap(),
                f.compression(),
            )
        })
        .collect()
}

fn file(bytes: &[u8], name: &str) -> String {
    let e = entries(bytes);
    let (_, v, _, _) = e
        .iter()
        .find(|(n, ..)| n == name)
        .unwrap_or_else(|| panic!("{name} missing"));
    String::from_utf8(v.clone()).unwrap()
}

#[test]
fn two_runs_are_byte_identical() {
    let i = issue();
    assert_eq!(epub(&i), epub(&i));
}

#[test]
fn container_is_deterministic_and_well_formed() {
    let e = entries(&epub(&issue()));
    assert_eq!(e[0].0, "mimetype");
    assert_eq!(e[0].1, b"application/epub+zip");
    assert_eq!(e[0].3, zip::CompressionMethod::Stored);
    for (name, _, t, _) in &e {
        assert_eq!(
            (t.year(), t.month(), t.day(), t.hour(), t.minute()),
            (2024, 4, 19, 0, 0),
            "{name} timestamp"
        );
    }
    let names: Vec<&str> = e.iter().map(|x| x.0.as_str()).collect();
    for want in [
        "META-INF/container.xml",
        "OEBPS/content.opf",
        "OEBPS/nav.xhtml",
        "OEBPS/toc.ncx",
        "OEBPS/stylesheet.css",
        "OEBPS/cover.xhtml",
        "OEBPS/contents.xhtml",
        "OEBPS/page-001.xhtml",
        "OEBPS/page-003.xhtml",
    ] {
        assert!(names.contains(&want), "{want} missing from {names:?}");
    }
}

/// epub-builder 0.8.3 writes `id="epub-creator-0"` twice when an author and
/// a language are both set (epubcheck RSC-005). Our books always set both
/// when a publisher is known: every id in the package document must be unique.
#[test]
fn opf_ids_are_unique() {
    let opf = file(&epub(&issue()), "OEBPS/content.opf");
    assert!(
        opf.contains("<dc:creator") && opf.contains("<dc:language>zh-CN</dc:language>"),
        "test must set author and language:\n{opf}"
    );
    let mut seen = HashSet::new();
    for part in opf.split(" id=\"").skip(1) {
        let id = &part[..part.find('"').unwrap()];
        assert!(
            seen.insert(id.to_string()),
            "duplicate id {id:?} in content.opf:\n{opf}"
        );
    }
    assert!(seen.len() > 5);
}

#[test]
fn package_is_epub3_with_deterministic_metadata() {
    let opf = file(&epub(&issue()), "OEBPS/content.opf");
    assert!(opf.contains("<package version=\"3.0\""), "{opf}");
    assert!(
        opf.contains("<meta property=\"dcterms:modified\">2024-04-19T00:00:00Z</meta>"),
        "{opf}"
    );
    assert!(opf.contains("<dc:date>2024-04-19</dc:date>"), "{opf}");
    assert!(
        opf.contains("<dc:publisher>测试日报社</dc:publisher>"),
        "{opf}"
    );
    assert!(
        opf.contains("<dc:title>测试日报 2024年4月19日</dc:title>"),
        "{opf}"
    );
    let id = identifier(&issue());
    assert!(opf.contains(&format!("urn:uuid:{id}")), "{opf}");
    // The identifier follows publisher and date, not the content.
    let mut other = issue();
    other.pages.pop();
    assert_eq!(identifier(&other), id);
    other.date = "2024-04-20".parse().ok();
    assert_ne!(identifier(&other), id);
}

#[test]
fn undated_issue_has_no_dc_date_and_a_fixed_modified() {
    let mut i = issue();
    i.date = None;
    let opf = file(&epub(&i), "OEBPS/content.opf");
    assert!(!opf.contains("<dc:date"), "{opf}");
    let want = match std::env::var("SOURCE_DATE_EPOCH")
        .ok()
        .and_then(|s| s.parse::<i64>().ok())
    {
        Some(s) => DateTime::from_timestamp(s, 0)
            .unwrap()
            .format("%Y-%m-%dT%H:%M:%SZ")
            .to_string(),
        None => FALLBACK_MODIFIED.to_string(),
    };
    assert!(
        opf.contains(&format!(
            "<meta property=\"dcterms:modified\">{want}</meta>"
        )),
        "{opf}"
    );
    // Different undated issues get different identifiers.
    let mut j = i.clone();
    j.pages[0].articles[0].blocks[0].text.push('！');
    assert_ne!(identifier(&i), identifier(&j));
}

#[test]
fn nav_nests_pages_and_articles_and_has_landmarks() {
    let b = epub(&issue());
    let nav = file(&b, "OEBPS/nav.xhtml");
    assert!(nav.contains("lang=\"zh-CN\" xml:lang=\"zh-CN\""), "{nav}");
    let land = &nav[nav
        .find("epub:type = \"landmarks\"")
        .expect("landmarks nav")..];
    assert!(land.contains("epub:type=\"bodymatter\""), "{land}");
    assert!(land.contains("epub:type=\"cover\""), "{land}");
    let toc = &nav[..nav.find("epub:type = \"landmarks\"").unwrap()];
    let p1 = toc
        .find("<a href=\"page-001.xhtml\">第1版 要闻</a>")
        .expect("page 1 entry");
    let a1 = toc
        .find("<a href=\"page-001.xhtml#a1-1\">头条新闻</a>")
        .expect("article entry");
    let a2 = toc
        .find("<a href=\"page-001.xhtml#a1-2\">［无题］没有标题的文章，开头的文字做标题…</a>")
        .expect("made-up title is marked");
    let p3 = toc
        .find("<a href=\"page-003.xhtml\">A03版</a>")
        .expect("page 3 entry");
    assert!(p1 < a1 && a1 < a2 && a2 < p3, "{toc}");
    // The continuation is read with its head, not listed again.
    assert!(!toc.contains("#a3-1\""), "{toc}");
    assert!(toc.contains("#a3-2\">转到别处</a>"), "{toc}");
    let ncx = file(&b, "OEBPS/toc.ncx");
    assert!(
        ncx.contains("<ncx version=\"2005-1\" xml:lang=\"zh-CN\""),
        "{ncx}"
    );
    assert!(ncx.contains("page-001.xhtml#a1-1"), "{ncx}");
}

#[test]
fn jumped_article_reads_as_one_piece() {
    let b = epub(&issue());
    let p1 = file(&b, "OEBPS/page-001.xhtml");
    let head = p1.find("第二段。").unwrap();
    let note = p1.find("（印刷版转A03版，以下接续）").expect("jump note");
    let rest = p1.find("接续的段落。").expect("continuation merged");
    assert!(head < note && note < rest, "{p1}");
    assert!(p1.contains("<p class=\"byline-end\">（完）</p>"));
    assert!(
        p1.contains("<p><span class=\"dateline\">本报讯</span>第一段。</p>"),
        "{p1}"
    );
    let p3 = file(&b, "OEBPS/page-003.xhtml");
    assert!(!p3.contains("接续的段落。"), "{p3}");
    assert!(
        p3.contains("<a href=\"page-001.xhtml#a1-1\">第1版</a>"),
        "{p3}"
    );
    assert!(p3.contains("（下转第9版）（该版未收入本书）"), "{p3}");
    assert!(p3.contains("<h3 class=\"heading\">小标题</h3>"), "{p3}");
    assert!(p3.contains("散落的文字"), "{p3}");
}

#[test]
fn every_document_has_language_and_stylesheet() {
    for (name, v, ..) in entries(&epub(&issue())) {
        if name.ends_with(".xhtml") {
            let s = String::from_utf8(v).unwrap();
            assert!(s.contains("lang=\"zh-CN\" xml:lang=\"zh-CN\""), "{name}");
            assert!(s.contains("href=\"stylesheet.css\""), "{name}");
        }
    }
    let css = file(&epub(&issue()), "OEBPS/stylesheet.css");
    assert!(
        css.contains("text-indent: 2em")
            && css.contains("text-align: justify")
            && css.contains("line-height: 1.8")
    );
    // No Latin-only font stack: every font-family names a CJK face first.
    for line in css
        .lines()
        .filter(|l| l.trim_start().starts_with("font-family:") && l.contains(','))
    {
        let first = line.split(':').nth(1).unwrap().split(',').next().unwrap();
        assert!(
            ["Noto", "Kaiti", "newsconv"]
                .iter()
                .any(|f| first.contains(f)),
            "{line}"
        );
    }
}

#[test]
fn hostile_text_is_escaped_or_dropped() {
    let mut i = issue();
    let nasty = "<script>alert(\"x\")</script> & &amp; ]]> \u{0}\u{1}\u{b}\u{1b}\u{fffe} tab\there";
    i.title = Some(nasty.into());
    i.publisher = Some(nasty.into());
    i.pages[0].section = Some(nasty.into());
    i.pages[0].articles[0].headline = Some(nasty.into());
    i.pages[0].articles[0].blocks.push(Block::paragraph(nasty));
    i.pages[0].articles[1].headline = Some("\u{1}\u{2}".into());
    i.pages[0].articles[1].blocks[0].text = "长".repeat(300_000);
    i.language = Some("中文<".into());
    let (b, warnings) = to_bytes(&i, &EpubOptions::default()).unwrap();
    assert!(
        warnings.iter().any(|w| w.code == "epub-dropped-chars"),
        "{warnings:?}"
    );
    assert!(
        warnings.iter().any(|w| w.code == "epub-bad-language"),
        "{warnings:?}"
    );
    for (name, v, ..) in entries(&b) {
        let s = String::from_utf8(v).unwrap();
        assert!(!s.contains("<script"), "{name} carries raw markup");
        assert!(
            !s.chars().any(|c| !newsconv_core::text::is_xml_char(c)),
            "{name} carries a control character"
        );
    }
    let p1 = file(&b, "OEBPS/page-001.xhtml");
    assert!(
        p1.contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; &amp;amp; ]]&gt;"),
        "{}",
        &p1[..2000]
    );
    assert!(p1.contains(&"长".repeat(300_000)));
}

#[test]
fn empty_issue_still_makes_a_book() {
    let i = Issue::new();
    let b = epub(&i);
    let opf = file(&b, "OEBPS/content.opf");
    assert!(opf.contains("<dc:title>报纸</dc:title>"), "{opf}");
}

#[test]
fn language_other_than_chinese_gets_english_furniture() {
    let mut i = issue();
    i.language = Some("en-GB".into());
    let b = epub(&i);
    let p1 = file(&b, "OEBPS/page-001.xhtml");
    assert!(p1.contains("lang=\"en-GB\""));
    assert!(p1.contains("(continued on A03 in print)"), "{p1}");
}

#[test]
fn embedded_fonts_are_subsets_with_the_used_characters() {
    let opts = EpubOptions { embed_fonts: true };
    let (b, warnings) = to_bytes(&issue(), &opts).unwrap();
    assert!(warnings.is_empty(), "{warnings:?}");
    let e = entries(&b);
    let body = e
        .iter()
        .find(|x| x.0 == "OEBPS/fonts/body.otf")
        .expect("body font");
    let head = e
        .iter()
        .find(|x| x.0 == "OEBPS/fonts/headline.otf")
        .expect("headline font");
    assert!(
        body.1.len() < 200_000 && body.1.len() > 1_000,
        "body subset is {} bytes",
        body.1.len()
    );
    assert!(
        head.1.len() < 200_000 && head.1.len() > 1_000,
        "headline subset is {} bytes",
        head.1.len()
    );
    assert_eq!(&body.1[..4], b"OTTO");
    let css = file(&b, "OEBPS/stylesheet.css");
    assert!(
        css.contains("@font-face") && css.contains("url(\"fonts/body.otf\")"),
        "{css}"
    );
    assert_eq!(
        b,
        to_bytes(&issue(), &opts).unwrap().0,
        "embedding must stay deterministic"
    );
}
