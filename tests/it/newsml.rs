//! NewsML-G2: schema validity (xmllint against the official 2.35 schema),
//! id references, the round trip text → NewsML → model → JSON, hostile text
//! in both directions, and refusal of DTDs and non-NewsML input.

use crate::common::*;
use newsconv_core::*;
use std::path::{Path, PathBuf};

fn xsd() -> PathBuf {
    root().join("../shared/newsml-g2/NewsML-G2_2.35-spec-All-Power.xsd")
}

fn require_xmllint() {
    require("xmllint");
}

/// Validate files against the schema, offline.
fn validate(files: &[PathBuf]) {
    require_xmllint();
    let out = std::process::Command::new("xmllint")
        .args(["--nonet", "--noout", "--schema"])
        .arg(xsd())
        .args(files)
        .output()
        .expect("run xmllint");
    let err = String::from_utf8_lossy(&out.stderr);
    assert!(
        out.status.success(),
        "xmllint failed ({}):\n{}",
        out.status,
        err.chars().take(4000).collect::<String>()
    );
    assert_eq!(err.matches(" validates").count(), files.len(), "{err}");
}

/// An XPath 1.0 number from xmllint (parsed independently of our reader).
fn xpath_number(file: &Path, expr: &str) -> f64 {
    let out = std::process::Command::new("xmllint")
        .args(["--nonet", "--xpath", expr])
        .arg(file)
        .output()
        .expect("run xmllint");
    let s = String::from_utf8_lossy(&out.stdout);
    s.trim().parse().unwrap_or_else(|_| {
        panic!(
            "xmllint --xpath {expr}: {s} {}",
            String::from_utf8_lossy(&out.stderr)
        )
    })
}

fn el(name: &str) -> String {
    format!("//*[local-name()='{name}']")
}

/// Every id reference resolves, every item is referenced, guids are unique;
/// the package has one group per page plus the root and one itemRef per article.
fn check_refs(file: &Path, pages: usize, articles: usize) {
    require_xmllint();
    let (group, news) = (el("group"), el("newsItem"));
    let checks = [
        (
            format!("count({}[not(@root = {group}/@id)])", el("groupSet")),
            0.0,
            "groupSet/@root resolves",
        ),
        (
            format!("count({}[not(@idref = {group}/@id)])", el("groupRef")),
            0.0,
            "groupRef/@idref resolves",
        ),
        (
            format!("count({}[not(@residref = {news}/@guid)])", el("itemRef")),
            0.0,
            "itemRef/@residref resolves",
        ),
        (
            format!("count({news}[not(@guid = {}/@residref)])", el("itemRef")),
            0.0,
            "every newsItem is in a group",
        ),
        (
            format!("count({news}[@guid = preceding::*[local-name()='newsItem']/@guid])"),
            0.0,
            "guids are unique",
        ),
        (
            format!("count({group}[@id = preceding::*[local-name()='group']/@id])"),
            0.0,
            "group ids are unique",
        ),
        (format!("count({})", el("groupSet")), 1.0, "one groupSet"),
        (
            format!("count({group})"),
            pages as f64 + 1.0,
            "a group per page plus the root",
        ),
        (
            format!("count({})", el("itemRef")),
            articles as f64,
            "an itemRef per article part",
        ),
        (
            format!("count({})", el("packageItem")),
            1.0,
            "one packageItem",
        ),
    ];
    for (expr, want, what) in checks {
        assert_eq!(
            xpath_number(file, &expr),
            want,
            "{}: {what} ({expr})",
            file.display()
        );
    }
}

fn json_of(path: &Path) -> String {
    run_ok(&["convert", path.to_str().unwrap(), "--to", "json", "-o", "-"])
}

fn issue_of(json: &str) -> Issue {
    serde_json::from_str(json).expect("newsconv JSON")
}

/// Convert text inputs to NewsML and JSON; validate; check references and
/// that NewsML → JSON equals text → JSON.
fn full_check(inputs: &[PathBuf], extra: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let mut args = vec!["convert".to_string()];
    args.extend(inputs.iter().map(|p| p.to_str().unwrap().to_string()));
    args.extend(["--to", "newsml,json", "-o", dir.path().to_str().unwrap()].map(String::from));
    args.extend(extra.iter().map(|s| s.to_string()));
    run_ok(&args.iter().map(String::as_str).collect::<Vec<_>>());
    let stems: Vec<String> = inputs
        .iter()
        .map(|p| p.file_stem().unwrap().to_string_lossy().into_owned())
        .collect();
    let xmls: Vec<PathBuf> = stems
        .iter()
        .map(|s| dir.path().join(format!("{s}.newsml.xml")))
        .collect();
    validate(&xmls);
    for (stem, xml) in stems.iter().zip(&xmls) {
        let direct = std::fs::read_to_string(dir.path().join(format!("{stem}.json"))).unwrap();
        let issue = issue_of(&direct);
        check_refs(xml, issue.pages.len(), issue.articles().count());
        let via = json_of(xml);
        assert!(
            via == direct,
            "{stem}: text → NewsML → JSON differs from text → JSON:\n{}",
            line_diff(&direct, &via)
        );
    }
}

#[test]
fn sample_validates_resolves_and_round_trips() {
    full_check(&[sample()], &[]);
}

#[test]
fn sample_with_metadata_validates_and_round_trips() {
    full_check(
        &[sample()],
        &[
            "--title",
            "示例日报 <&>",
            "--date",
            "2025-06-23",
            "--publisher",
            "示例日报社 \"A&B\"",
            "--edition",
            "A",
            "--language",
            "zh-Hans-CN",
        ],
    );
}

#[test]
fn every_shared_page_validates_resolves_and_round_trips() {
    let inputs: Vec<PathBuf> = page_names()
        .iter()
        .map(|n| shared_pages().join(format!("{n}.txt")))
        .collect();
    full_check(&inputs, &[]);
}

#[test]
fn output_is_deterministic_and_guids_follow_metadata_and_prefix() {
    let a = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "newsml",
        "-o",
        "-",
        "--publisher",
        "人民日报社",
        "--date",
        "2018-01-02",
    ]);
    let b = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "newsml",
        "-o",
        "-",
        "--publisher",
        "人民日报社",
        "--date",
        "2018-01-02",
    ]);
    assert_eq!(a, b);
    assert!(
        a.contains(r#"guid="urn:newsml:人民日报社:20180102:p1-a1""#),
        "{}",
        &a[..2000.min(a.len())]
    );
    assert!(a.contains("<versionCreated>2018-01-02T00:00:00</versionCreated>"));
    assert!(a.contains("<title>第1版"), "page group title");
    let c = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "newsml",
        "-o",
        "-",
        "--guid-prefix",
        "urn:newsml:example.com:x:",
    ]);
    assert!(c.contains(r#"guid="urn:newsml:example.com:x:p1-a1""#));
    assert!(c.contains(r#"guid="urn:newsml:example.com:x:issue""#));
    // Unknown date and publisher: neutral placeholders, nothing invented.
    assert!(c.contains("<versionCreated>1970-01-01T00:00:00Z</versionCreated>"));
    assert!(c.contains(r#"<provider literal="unknown"/>"#));
}

/// Hostile strings: markup, quotes, entities-looking text, CDATA end,
/// whitespace, control characters, emoji, CJK Extension B, very long text.
fn hostile(i: usize) -> String {
    let long: String = "长".repeat(20_000) + &"<&>".repeat(3_000);
    let v = [
        "<b>&amp; \"quoted\" 'single'</b> & < > ]]> &lt; &#x41; &bogus;",
        "",
        "   ",
        "line\nbreak\r\nCRLF\ttab \r lone CR",
        "ctl\u{0}\u{1}\u{8}\u{B}\u{C}\u{1F}\u{7F}\u{FFFE}\u{FFFF}end",
        "emoji 📰👩🏽‍💻 and 𠀀𠀁𪚥 (Ext-B)",
        "<?xml version=\"1.0\"?><!DOCTYPE x [<!ENTITY e SYSTEM \"file:///etc/passwd\">]>&e;",
        &long,
        "xmlns:nc=\"evil\" nc:part=\"9\"",
        "（下转第四版）",
    ];
    v[i % v.len()].to_string()
}

fn hostile_issue() -> Issue {
    let h = hostile;
    let mut n = 0;
    let mut next = || {
        n += 1;
        h(n)
    };
    let mut issue = Issue::new();
    issue.title = Some(next());
    issue.date = "2024-02-29".parse().ok();
    issue.publisher = Some(next());
    issue.edition = Some(next());
    issue.source = Some(next());
    issue.from_page = vec![
        newsconv_core::IssueField::Title,
        newsconv_core::IssueField::Date,
    ];
    for (pi, pn) in [1u32, 4, 4].into_iter().enumerate() {
        let mut page = Page {
            number: pn,
            label: Some(next()),
            section: Some(next()),
            ..Default::default()
        };
        page.furniture.push(Furniture {
            kind: newsconv_core::FurnitureKind::Credit,
            text: next(),
            line: Some(3),
            people: vec![],
        });
        // A credit with its people, roles and names hostile too.
        let people = vec![
            Person {
                name: next(),
                role: Some(next()),
            },
            Person {
                name: next(),
                role: None,
            },
        ];
        page.furniture.push(Furniture {
            kind: newsconv_core::FurnitureKind::Credit,
            text: next(),
            line: None,
            people,
        });
        page.unassigned.push(Unassigned {
            text: next(),
            line: None,
        });
        page.diagnostics.push(Diagnostic {
            level: Level::Error,
            code: next(),
            message: next(),
            line: Some(u32::MAX),
        });
        for k in 0..3 {
            let id = format!("p{pi}-a{k}");
            page.articles.push(Article {
                id: if k == 2 { next() } else { id },
                kind: [
                    ArticleKind::Article,
                    ArticleKind::Brief,
                    ArticleKind::PhotoNews,
                ][k],
                kicker: Some(next()),
                column: if k == 1 { None } else { Some(next()) },
                headline: if k == 2 { None } else { Some(next()) },
                subheadline: Some(next()),
                byline: Some(Byline {
                    text: next(),
                    people: vec![
                        Person {
                            name: next(),
                            role: Some(next()),
                        },
                        Person {
                            name: next(),
                            role: None,
                        },
                    ],
                    position: if k == 0 {
                        Some(newsconv_core::BylinePosition::AfterBody)
                    } else {
                        None
                    },
                }),
                dateline: Some(next()),
                blocks: vec![
                    Block::paragraph(next()),
                    Block::heading(next()),
                    Block::paragraph(next()),
                ],
                captions: vec![
                    Caption {
                        text: next(),
                        credit: Some(next()),
                    },
                    Caption {
                        text: next(),
                        credit: None,
                    },
                ],
                // Photos are picture items beside the text, not read back.
                photos: Vec::new(),
                continued_to: None,
                continued_from: None,
                source: Some(Span { start: 1, end: 99 }),
                confidence: Some(k as u8 * 50),
                diagnostics: vec![Diagnostic::warning("w", next(), Some(7))],
            });
        }
        issue.pages.push(page);
    }
    // A jump: page 1's first article continues on page 4 (second page), and a
    // link cycle between the two pages numbered 4.
    issue.pages[0].articles[0].continued_to = Some(Jump {
        page: Some(4),
        label: Some(next()),
        article: Some("p1-a0".into()),
    });
    issue.pages[1].articles[0].continued_from = Some(Jump {
        page: Some(1),
        label: None,
        article: Some("p0-a0".into()),
    });
    issue.pages[1].articles[1].continued_to = Some(Jump {
        page: None,
        label: None,
        article: Some("p2-a1".into()),
    });
    issue.pages[2].articles[1].continued_to = Some(Jump {
        page: None,
        label: None,
        article: Some("p1-a1".into()),
    });
    issue
}

/// The issue as JSON with every string stripped of what XML cannot carry.
fn cleaned_json(issue: &Issue) -> String {
    fn clean(v: &mut serde_json::Value) {
        match v {
            serde_json::Value::String(s) => *s = text::xml_clean(s).0.into_owned(),
            serde_json::Value::Array(a) => a.iter_mut().for_each(clean),
            serde_json::Value::Object(o) => o.values_mut().for_each(clean),
            _ => {}
        }
    }
    let mut v: serde_json::Value = serde_json::from_str(&newsconv_json::to_string(issue)).unwrap();
    clean(&mut v);
    newsconv_json::to_string(&serde_json::from_value(v).unwrap())
}

#[test]
fn hostile_text_survives_both_directions() {
    let issue = hostile_issue();
    let mut xml = Vec::new();
    let diags =
        newsconv_newsml::write(&issue, &newsconv_newsml::NewsmlOptions::default(), &mut xml)
            .unwrap();
    assert!(
        diags
            .iter()
            .any(|d| d.code == "xml-char-dropped" && d.level == Level::Warning),
        "{diags:?}"
    );
    let text = String::from_utf8(xml.clone()).unwrap();
    assert!(!text.contains('\u{0}') && !text.contains('\u{1}') && !text.contains('\u{FFFE}'));
    assert!(
        !text.contains("<b>") && !text.contains("<!DOCTYPE") && !text.contains("&bogus;"),
        "markup must be escaped"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("hostile.newsml.xml");
    std::fs::write(&file, &xml).unwrap();
    validate(std::slice::from_ref(&file));
    let articles = issue.articles().count();
    check_refs(&file, issue.pages.len(), articles);
    // The jumping article is one item listed on both pages; the cycle too.
    assert_eq!(
        xpath_number(&file, &format!("count({})", el("newsItem"))),
        (articles - 2) as f64
    );
    assert!(
        text.matches("class=\"part\"").count() == articles,
        "a div.part per printed part"
    );
    assert!(text.contains("class=\"jump continued-to\""), "jump marker");
    // Model back, equal up to the dropped characters.
    let back = newsconv_newsml::read(&xml).unwrap();
    let (want, got) = (cleaned_json(&issue), newsconv_json::to_string(&back));
    assert!(
        want == got,
        "hostile round trip differs:\n{}",
        line_diff(&want, &got)
    );
    // Byte-identical when written again.
    let mut again = Vec::new();
    newsconv_newsml::write(&back, &Default::default(), &mut again).unwrap();
    assert!(
        again == xml,
        "writing the read-back model must give the same bytes"
    );
}

#[test]
fn hostile_issue_through_the_cli_json_to_newsml_to_json() {
    let mut issue = hostile_issue();
    // What survives JSON → NewsML → JSON exactly: no characters XML cannot carry.
    issue = serde_json::from_str(&cleaned_json(&issue)).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let json = dir.path().join("h.json");
    std::fs::write(&json, newsconv_json::to_string(&issue)).unwrap();
    let out = dir.path().join("o");
    run_ok(&[
        "convert",
        json.to_str().unwrap(),
        "--to",
        "newsml",
        "-o",
        out.to_str().unwrap(),
    ]);
    let xml = out.join("h.newsml.xml");
    validate(std::slice::from_ref(&xml));
    assert_eq!(json_of(&xml), newsconv_json::to_string(&issue));
}

#[test]
fn unusable_language_and_unknown_date_still_validate() {
    let mut issue = Issue::new();
    issue.language = Some("zh CN\n".into());
    issue.pages.push(Page {
        number: 1,
        ..Default::default()
    });
    issue.pages[0].articles.push(Article {
        headline: Some("h".into()),
        ..Default::default()
    });
    let mut xml = Vec::new();
    let opts = newsconv_newsml::NewsmlOptions {
        guid_prefix: Some("a\"<&\n\u{1}'b:".into()),
    };
    let diags = newsconv_newsml::write(&issue, &opts, &mut xml).unwrap();
    assert!(
        diags.iter().any(|d| d.code == "newsml-language"),
        "{diags:?}"
    );
    assert!(
        diags.iter().any(|d| d.code == "xml-char-dropped"),
        "{diags:?}"
    );
    assert!(String::from_utf8_lossy(&xml).contains(r#"guid="a&quot;&lt;&amp;&#10;&apos;b:p1-a1""#));
    assert!(
        diags
            .iter()
            .any(|d| d.code == "newsml-date" && d.level == Level::Info),
        "{diags:?}"
    );
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("odd.newsml.xml");
    std::fs::write(&file, &xml).unwrap();
    validate(std::slice::from_ref(&file));
    check_refs(&file, 1, 1);
    assert_eq!(newsconv_newsml::read(&xml).unwrap(), issue);
}

#[test]
fn empty_issue_validates_and_reads_back() {
    let issue = Issue::new();
    let mut xml = Vec::new();
    newsconv_newsml::write(&issue, &Default::default(), &mut xml).unwrap();
    let dir = tempfile::tempdir().unwrap();
    let file = dir.path().join("empty.newsml.xml");
    std::fs::write(&file, &xml).unwrap();
    validate(std::slice::from_ref(&file));
    check_refs(&file, 0, 0);
    assert_eq!(newsconv_newsml::read(&xml).unwrap(), issue);
}

fn fails_with(name: &str, bytes: &[u8], needles: &[&str]) {
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join(name);
    std::fs::write(&p, bytes).unwrap();
    let o = run(&["convert", p.to_str().unwrap(), "--to", "json", "-o", "-"]);
    let err = String::from_utf8_lossy(&o.stderr);
    assert!(!o.status.success(), "{name} should be refused");
    assert!(!err.contains("panicked"), "{err}");
    assert!(err.contains(name), "error must name the file: {err}");
    for n in needles {
        assert!(err.contains(n), "error for {name} should say {n:?}: {err}");
    }
}

#[test]
fn dtds_entities_and_foreign_xml_are_refused() {
    let valid = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "newsml",
        "-o",
        "-",
    ]);
    let body = valid.split_once("?>").unwrap().1;
    let xxe = format!("<?xml version=\"1.0\"?>\n<!DOCTYPE newsMessage [<!ENTITY x SYSTEM \"file:///etc/passwd\">]>{}", body.replacen("<sent>", "<sent>&x;", 1));
    fails_with("xxe.newsml.xml", xxe.as_bytes(), &["DOCTYPE"]);
    let bomb = "<?xml version=\"1.0\"?>\n<!DOCTYPE lolz [<!ENTITY lol \"lol\"><!ENTITY lol2 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">]>\n<lolz>&lol2;</lolz>";
    fails_with("bomb.xml", bomb.as_bytes(), &["DOCTYPE"]);
    let undefined = valid.replacen("<sent>", "<sent>&nbsp;", 1);
    fails_with("undefined.newsml.xml", undefined.as_bytes(), &["line 4"]);
    fails_with(
        "rss.xml",
        b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\"><channel/></rss>\n",
        &["rss", "not a NewsML-G2"],
    );
    let item = "<?xml version=\"1.0\"?>\n<newsItem xmlns=\"http://iptc.org/std/nar/2006-10-01/\" guid=\"x\"/>";
    fails_with(
        "item.xml",
        item.as_bytes(),
        &["newsItem", "not a NewsML-G2 <newsMessage>"],
    );
    let foreign = valid
        .replace("nc:issue", "x:issue")
        .replace("xmlns:nc=", "xmlns:x=\"urn:other\" xmlns:nc=");
    fails_with(
        "foreign.newsml.xml",
        foreign.as_bytes(),
        &["only NewsML-G2 written by newsconv"],
    );
    fails_with(
        "truncated.newsml.xml",
        &valid.as_bytes()[..valid.len() / 2],
        &["newsml"],
    );
    let deep = format!(
        "<?xml version=\"1.0\"?>\n{}{}",
        "<a>".repeat(100_000),
        "</a>".repeat(100_000)
    );
    fails_with("deep.xml", deep.as_bytes(), &["nested deeper"]);
    let dangling = valid.replacen("idref=\"g1\"", "idref=\"nowhere\"", 1);
    fails_with("dangling.newsml.xml", dangling.as_bytes(), &["nowhere"]);
    let (a, b) = (
        valid.find("<itemRef").unwrap(),
        valid.find("</itemRef>").unwrap() + "</itemRef>".len(),
    );
    let unlisted = format!("{}{}", &valid[..a], &valid[b..]);
    fails_with(
        "unlisted.newsml.xml",
        unlisted.as_bytes(),
        &["p1-a1", "listed in no page group"],
    );
}

#[test]
fn crlf_and_bom_copies_read_the_same() {
    let dir = tempfile::tempdir().unwrap();
    let xml = run_ok(&[
        "convert",
        sample().to_str().unwrap(),
        "--to",
        "newsml",
        "-o",
        "-",
    ]);
    let orig = dir.path().join("orig.newsml.xml");
    std::fs::write(&orig, &xml).unwrap();
    let crlf = dir.path().join("crlf.newsml.xml");
    std::fs::write(
        &crlf,
        [&b"\xEF\xBB\xBF"[..], xml.replace('\n', "\r\n").as_bytes()].concat(),
    )
    .unwrap();
    assert_eq!(json_of(&crlf), json_of(&orig));
}
