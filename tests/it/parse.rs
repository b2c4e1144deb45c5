//! The parser passes, each on its own fixtures: `tests/fixtures/parse/<pass>/NAME.txt`
//! is the input and `NAME.out` the expected dump of that pass
//! (`NEWSCONV_UPDATE_GOLDEN=1` rewrites the `.out` files).

use crate::common::*;
use newsconv::parse::{self, inline, markers};
use newsconv_testkit::{conserve, dump, golden::golden_at};
use std::path::PathBuf;

fn fixtures(pass: &str) -> Vec<PathBuf> {
    let dir = repo("tests/fixtures/parse").join(pass);
    let mut v: Vec<PathBuf> = std::fs::read_dir(&dir)
        .unwrap()
        .map(|e| e.unwrap().path())
        .filter(|p| p.extension().is_some_and(|e| e == "txt"))
        .collect();
    v.sort();
    assert!(!v.is_empty(), "no fixtures in {}", dir.display());
    v
}

fn check(input: &PathBuf, actual: &str) {
    golden_at(&input.with_extension("out"), actual);
}

fn read(p: &PathBuf) -> String {
    std::fs::read_to_string(p).unwrap()
}

#[test]
fn lines_pass_classifies_by_shape() {
    for f in fixtures("lines") {
        let out: String = newsconv::front::text::scan_text(&read(&f))
            .iter()
            .map(|p| dump::lines(&parse::lines::classify(&p.lines)))
            .collect();
        check(&f, &out);
    }
}

#[test]
fn blocks_pass_builds_paragraphs_and_titles() {
    for f in fixtures("blocks") {
        let out: String = newsconv::front::text::scan_text(&read(&f))
            .iter()
            .map(|p| dump::units(&parse::blocks::build(&parse::lines::classify(&p.lines))))
            .collect();
        check(&f, &out);
    }
}

#[test]
fn articles_pass_assigns_headlines_and_links_jumps() {
    for f in fixtures("articles") {
        let text = read(&f);
        let issue = newsconv::front::text::parse_text(&text);
        check(&f, &dump::issue(&issue));
        conserve::check(&text, &issue).unwrap_or_else(|e| panic!("{}: {e}", f.display()));
    }
}

#[test]
fn inline_pass_undoes_extractor_spacing() {
    assert_eq!(inline::clean_spaces("2024 年 4 月 19 日"), "2024年4月19日");
    assert_eq!(
        inline::clean_spaces("“ 一 国 两 制 ”是 30 多 年 前"),
        "“一国两制”是30多年前"
    );
    assert_eq!(inline::clean_spaces("新的 ERP 系统"), "新的 ERP 系统");
    let mut s = String::from("plan-");
    inline::join_into(&mut s, "ning");
    assert_eq!(s, "planning");
    assert!(inline::ends_sentence("他说：“好。”"));
    assert!(!inline::ends_sentence("农业产业创新园，"));
}

#[test]
fn bylines_give_people_and_roles() {
    let roles = |b: &str| {
        markers::people(b)
            .into_iter()
            .map(|p| format!("{}:{}", p.name, p.role.unwrap_or_default()))
            .collect::<Vec<_>>()
            .join(" ")
    };
    assert_eq!(roles("●本报记者 姜海月"), "姜海月:本报记者");
    assert_eq!(
        roles("■记者 李晖 通讯员 余建 李明"),
        "李晖:记者 余建:通讯员 李明:通讯员"
    );
    assert_eq!(roles("孙爽 文/摄"), "孙爽:文/摄");
    assert_eq!(roles("辽沈晚报记者闫柳"), "闫柳:辽沈晚报记者");
    assert_eq!(roles("肖 培"), "肖培:");
    let d = markers::find_dateline("本报讯（记者 徐昕联 通讯员 田明）近日").unwrap();
    assert_eq!(
        (d.text.as_str(), d.byline.as_deref()),
        ("本报讯", Some("记者 徐昕联 通讯员 田明"))
    );
}

#[test]
fn form_feeds_and_crlf_make_pages() {
    let issue = newsconv::front::text::parse_text(
        "1 要闻\r\n\r\n第一页的内容到这里结束。\r\n\u{c}2 综合\r\n\r\n第二页的内容。\r\n\u{c}",
    );
    assert_eq!(issue.pages.len(), 2);
    assert_eq!(issue.pages[1].number, 2);
    assert_eq!(issue.pages[1].section.as_deref(), Some("综合"));
    assert_eq!(issue.pages[1].articles[0].blocks[0].text, "第二页的内容。");
    assert_eq!(issue.pages[1].articles[0].id, "p2-a1");
}

/// Issue #15, item 1: a front end that reads an editor credit set in
/// display type as a headline (by its size) does not make it one: the
/// credit's wording wins, and it stays with the page's furniture.
#[test]
fn editor_credits_in_display_type_are_furniture_not_headlines() {
    use newsconv::parse::{parse_pages, LineRole, PageLines, SourceLine};
    let line = |n: u32, text: &str, role: LineRole| SourceLine { text: text.into(), line: n, role: Some(role), region: Some(0), ..Default::default() };
    let page = PageLines {
        lines: vec![
            line(1, "沿江步道全线贯通", LineRole::Headline),
            line(2, "本报讯 昨日，沿江步道最后一段完工，市民可沿江一路步行到新区。", LineRole::Body),
            line(3, "责任编辑：王小明", LineRole::Headline),
        ],
        ..Default::default()
    };
    let issue = parse_pages(vec![page]);
    let p = &issue.pages[0];
    assert_eq!(p.articles.len(), 1, "{:?}", p.articles);
    assert_eq!(p.articles[0].headline.as_deref(), Some("沿江步道全线贯通"));
    assert!(p.furniture.iter().any(|f| f.kind == newsconv_core::FurnitureKind::Credit && f.text.contains("王小明")), "{:?}", p.furniture);
}

/// Issue #15, item 6: each brief keeps its own bracketed byline, also when
/// the names close the paragraph's last line (`…借阅图书。（张三 李四）`); a
/// bracket that is not names (`（草案）`) stays in the text.
#[test]
fn briefs_keep_the_byline_that_closes_their_paragraph() {
    let text = "本报讯 市图书馆昨日起延长开放时间，每晚开放到九点，方便上班族借阅图书。（王五）\n\n本报讯 城东新建的三座公园本周末向市民开放，园内设有儿童游乐区和健身步道。（赵六 钱七）\n\n本报讯 市政府昨日公布了城市更新条例的修改决定（草案）\n";
    let issue = newsconv::front::text::parse_text(text);
    let arts = &issue.pages[0].articles;
    assert_eq!(arts.len(), 3, "{arts:?}");
    let by = |k: usize| arts[k].byline.as_ref().map(|b| b.text.clone());
    assert_eq!(by(0).as_deref(), Some("（王五）"));
    assert_eq!(arts[0].byline.as_ref().unwrap().people.iter().map(|p| p.name.as_str()).collect::<Vec<_>>(), ["王五"]);
    assert!(arts[0].blocks[0].text.ends_with("借阅图书。"), "{:?}", arts[0].blocks);
    assert!(by(1).is_some_and(|b| b.contains("赵六") && b.contains("钱七")), "{:?}", by(1));
    assert_eq!(by(2), None);
    assert!(arts[2].blocks[0].text.ends_with("（草案）"));
}
