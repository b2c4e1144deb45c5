//! Page furniture understood (issue #18): on every dev page, read from its
//! PDF and from its text, the date printed on the page is the issue's date
//! in JSON, NewsML and EPUB without any flag, marked as read off the page;
//! the page number and section are the printed ones (checked against the
//! gold files, which were read off the printed page); editor credits name
//! their people. A page that prints no date gets none; a flag wins over the
//! page with a diagnostic; a folder's pages go in printed order.

use crate::common::*;
use newsconv_core::{FurnitureKind, Issue, IssueField};
use std::path::Path;

fn gold(name: &str) -> serde_json::Value {
    let text = std::fs::read_to_string(shared_pages().join(format!("gold/{name}.json"))).unwrap();
    serde_json::from_str(&text).unwrap()
}

fn read_json(path: &Path) -> Issue {
    serde_json::from_str(&std::fs::read_to_string(path).unwrap()).unwrap()
}

/// Of an unzipped member, the text.
fn unzip(epub: &Path, member: &str) -> String {
    require("unzip");
    let o = std::process::Command::new("unzip")
        .arg("-p")
        .arg(epub)
        .arg(member)
        .output()
        .unwrap();
    String::from_utf8(o.stdout).unwrap()
}

#[test]
fn every_dev_page_gives_its_printed_date_number_and_section_without_flags() {
    for name in page_names() {
        let g = gold(&name);
        let date = g["date"].as_str().unwrap();
        // The printed page number: the last number of the gold's page (`A07（版号 7）`, `第7版`).
        let number: u32 = g["page"]
            .as_str()
            .unwrap()
            .split(|c: char| !c.is_ascii_digit())
            .filter(|t| !t.is_empty())
            .last()
            .unwrap()
            .parse()
            .unwrap();
        for ext in ["pdf", "txt"] {
            let input = shared_pages().join(format!("{name}.{ext}"));
            let out = convert(&input, "json,newsml,epub");
            let issue = read_json(&out.path().join(format!("{name}.json")));
            let what = format!("{name}.{ext}");
            assert_eq!(
                issue.date.map(|d| d.to_string()).as_deref(),
                Some(date),
                "{what}: date"
            );
            assert_eq!(
                issue.from_page,
                [IssueField::Date],
                "{what}: the date is marked as read off the page"
            );
            let page = &issue.pages[0];
            assert_eq!(page.number, number, "{what}: page number");
            assert_eq!(
                page.section.as_deref(),
                g["page_section"].as_str(),
                "{what}: section"
            );
            let xml =
                std::fs::read_to_string(out.path().join(format!("{name}.newsml.xml"))).unwrap();
            assert!(
                xml.contains(&format!("<nc:date from=\"page\">{date}</nc:date>")),
                "{what}: NewsML marks the date as read off the page"
            );
            let opf = unzip(
                &out.path().join(format!("{name}.epub")),
                "OEBPS/content.opf",
            );
            assert!(
                opf.contains(&format!("<dc:date>{date}</dc:date>")),
                "{what}: EPUB dc:date"
            );
        }
    }
}

#[test]
fn editor_credits_name_their_people_on_both_paths() {
    // (page, role, name) printed in each page's credits.
    let expected = [
        ("fzwb_20240419_A07", "美编", "季春"),
        ("gzmzb_20230706_A03", "政审", "林文君"),
        ("lswb_20210323_A05", "编辑", "白琳"),
    ];
    for (name, role, person) in expected {
        for ext in ["pdf", "txt"] {
            let out = convert(&shared_pages().join(format!("{name}.{ext}")), "json");
            let issue = read_json(&out.path().join(format!("{name}.json")));
            let credits: Vec<_> = issue.pages[0]
                .furniture
                .iter()
                .filter(|f| f.kind == FurnitureKind::Credit)
                .flat_map(|f| &f.people)
                .collect();
            assert!(
                credits
                    .iter()
                    .any(|p| p.name == person && p.role.as_deref() == Some(role)),
                "{name}.{ext}: {role} {person} not in {credits:?}"
            );
        }
    }
}

/// The fzwb text page with its printed date line written in the other
/// forms papers print: Chinese numerals (mastheads), full-width digits,
/// hyphens. Each gives the same issue date; a date without its year gives
/// none.
#[test]
fn every_printed_form_of_the_date_gives_the_issue_date() {
    let page = std::fs::read_to_string(shared_pages().join("fzwb_20240419_A07.txt")).unwrap();
    assert!(page.contains("2024 年 4 月 19 日\n"));
    let work = tempfile::tempdir().unwrap();
    for (k, (form, want)) in [
        ("二〇二四年四月十九日", Some("2024-04-19")),
        ("２０２４年４月１９日", Some("2024-04-19")),
        ("2024-04-19", Some("2024-04-19")),
        ("4月19日", None),
    ]
    .into_iter()
    .enumerate()
    {
        let input = work.path().join(format!("form{k}.txt"));
        std::fs::write(&input, page.replacen("2024 年 4 月 19 日\n", &format!("{form}\n"), 1)).unwrap();
        let out = convert(&input, "json");
        let issue = read_json(&out.path().join(format!("form{k}.json")));
        assert_eq!(issue.date.map(|d| d.to_string()).as_deref(), want, "{form}");
        assert_eq!(issue.from_page.contains(&IssueField::Date), want.is_some(), "{form}");
    }
}

#[test]
fn a_page_without_a_printed_date_gets_none() {
    let out = convert(&sample(), "json,newsml");
    let issue = read_json(&out.path().join("000_bf1f693cbe2b0d89.json"));
    assert_eq!((issue.date, issue.from_page.len()), (None, 0));
}

#[test]
fn a_flag_wins_over_the_page_and_their_disagreement_is_a_diagnostic() {
    let name = "fzwb_20240419_A07";
    let dir = tempfile::tempdir().unwrap();
    let input = shared_pages().join(format!("{name}.pdf"));
    run_ok(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        dir.path().to_str().unwrap(),
        "--date",
        "2024-04-20",
    ]);
    let issue = read_json(&dir.path().join(format!("{name}.json")));
    assert_eq!(
        issue.date.map(|d| d.to_string()).as_deref(),
        Some("2024-04-20")
    );
    assert!(issue.from_page.is_empty(), "the date came from the flag");
    let d = issue.pages[0]
        .diagnostics
        .iter()
        .find(|d| d.code == "flag-disagrees-with-page")
        .expect("a diagnostic");
    assert!(
        d.message.contains("2024-04-20") && d.message.contains("2024-04-19"),
        "{}",
        d.message
    );
    // The same date as printed: no diagnostic.
    let same = dir.path().join("same");
    run_ok(&[
        "convert",
        input.to_str().unwrap(),
        "--to",
        "json",
        "-o",
        same.to_str().unwrap(),
        "--date",
        "2024-04-19",
    ]);
    let issue = read_json(&same.join(format!("{name}.json")));
    assert!(issue.pages[0]
        .diagnostics
        .iter()
        .all(|d| d.code != "flag-disagrees-with-page"));
}

#[test]
fn a_folder_is_ordered_by_printed_page_and_pages_of_other_dates_are_flagged() {
    let dir = tempfile::tempdir().unwrap();
    // Printed 7, 5 and A3; named so that the names sort 7, 5, A3.
    for (file, page) in [
        ("x.pdf", "fzwb_20240419_A07"),
        ("y.pdf", "lswb_20210323_A05"),
        ("z.pdf", "gzmzb_20230706_A03"),
    ] {
        std::fs::copy(
            shared_pages().join(format!("{page}.pdf")),
            dir.path().join(file),
        )
        .unwrap();
    }
    let issue = newsconv::front::load(dir.path(), &newsconv::front::Limits::default()).unwrap();
    let labels: Vec<&str> = issue
        .pages
        .iter()
        .map(|p| p.label.as_deref().unwrap_or(""))
        .collect();
    assert_eq!(labels, ["05", "7", "A3"]);
    assert!(issue.pages[0]
        .diagnostics
        .iter()
        .any(|d| d.code == "pages-ordered-by-print"));
    // The issue's date is the first page's; the others print other dates.
    assert_eq!(
        issue.date.map(|d| d.to_string()).as_deref(),
        Some("2021-03-23")
    );
    for p in &issue.pages[1..] {
        assert!(
            p.diagnostics.iter().any(|d| d.code == "page-date-differs"),
            "page {} is of another date",
            p.number
        );
    }
}

/// Advertisements, notices and tables printed among the stories are set
/// apart as furniture of their kind (issue #15, item 10), on both paths,
/// with every character kept; the stories beside them stay articles.
#[test]
fn ads_notices_and_tables_are_set_apart_from_the_stories() {
    // (page, path, kind, text set apart, story that must stay an article)
    let cases = [
        (
            "fzwb_20240419_A07",
            "pdf",
            FurnitureKind::Ad,
            "直销价",
            "全球旅行商（福建）大会举行",
        ),
        (
            "fzwb_20240419_A07",
            "txt",
            FurnitureKind::Ad,
            "直销价",
            "武夷山主景区全年免门票",
        ),
        (
            "gzmzb_20230706_A03",
            "pdf",
            FurnitureKind::Notice,
            "人民法院公告",
            "产区变景区 田园变公园",
        ),
        (
            "gzmzb_20230706_A03",
            "txt",
            FurnitureKind::Notice,
            "人民法院公告",
            "产区变景区 田园变公园",
        ),
        (
            "lswb_20210323_A05",
            "pdf",
            FurnitureKind::Table,
            "空气质量",
            "本周气温一路回升 周末辽宁小范围降雨",
        ),
    ];
    for (name, ext, kind, text, story) in cases {
        let out = convert(&shared_pages().join(format!("{name}.{ext}")), "json");
        let issue = read_json(&out.path().join(format!("{name}.json")));
        let what = format!("{name}.{ext}");
        let page = &issue.pages[0];
        assert!(
            page.furniture
                .iter()
                .any(|f| f.kind == kind && f.text.contains(text)),
            "{what}: {text} set apart as {kind}"
        );
        for a in &page.articles {
            let body: String = a
                .blocks
                .iter()
                .map(|b| b.text.as_str())
                .chain(a.headline.as_deref())
                .collect();
            assert!(
                !body.contains(text),
                "{what}: {text} left in article {:?}",
                a.headline
            );
        }
        assert!(
            page.articles
                .iter()
                .any(|a| a.headline.as_deref() == Some(story)),
            "{what}: the story {story} stays an article"
        );
        assert!(
            page.diagnostics.iter().any(|d| d.code == "set-apart"),
            "{what}: a note says what decided"
        );
        // The shared conservation check: no Han character of the page lost.
        let conserve = shared_pages().join("../tools/conserve.py");
        let o = std::process::Command::new("python3")
            .arg(&conserve)
            .arg(shared_pages().join(format!("{name}.txt")))
            .arg(out.path().join(format!("{name}.json")))
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{what}: {}",
            String::from_utf8_lossy(&o.stdout)
        );
    }
}

#[test]
fn a_page_label_alone_is_page_furniture() {
    use newsconv::parse::markers::furniture_kind;
    use newsconv_core::FurnitureKind;
    for t in ["第1版", "第A3版", "第七版"] {
        assert_eq!(furniture_kind(t), Some(FurnitureKind::Page), "{t}");
    }
    for t in ["第一版面", "第1版）", "（下转第二版）", "第1234版"] {
        assert_ne!(furniture_kind(t), Some(FurnitureKind::Page), "{t}");
    }
}
