//! The front ends' folder reading: a page given twice, as `p1.txt` and
//! `p1.pdf`, is one page, read from the PDF, with a `page-file-twice`
//! diagnostic naming both files.

use crate::common::{convert, shared_pages};
use newsconv::front::{self, Limits, PageTwice};

const PAGE: &str = "fzwb_20240419_A07";

/// A temp folder holding `p1.txt` and `p1.pdf` of the same page.
fn twin_folder() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    for ext in ["txt", "pdf"] {
        std::fs::copy(
            shared_pages().join(format!("{PAGE}.{ext}")),
            dir.path().join(format!("p1.{ext}")),
        )
        .unwrap();
    }
    dir
}

#[test]
fn page_files_keeps_the_pdf_of_a_page_given_twice() {
    let dir = twin_folder();
    std::fs::copy(
        shared_pages().join(format!("{PAGE}.txt")),
        dir.path().join("p2.txt"),
    )
    .unwrap();
    let found = front::page_files(dir.path()).unwrap();
    assert_eq!(
        found.files,
        vec![dir.path().join("p1.pdf"), dir.path().join("p2.txt")]
    );
    assert_eq!(
        found.twice,
        vec![PageTwice {
            text: dir.path().join("p1.txt"),
            pdf: dir.path().join("p1.pdf")
        }]
    );
}

#[test]
fn page_given_as_text_and_pdf_is_read_once_from_the_pdf() {
    let dir = twin_folder();
    let issue = front::load(dir.path(), &Limits::default()).unwrap();
    assert_eq!(issue.pages.len(), 1);
    let alone = front::load(&dir.path().join("p1.pdf"), &Limits::default()).unwrap();
    assert_eq!(
        issue.pages[0].articles, alone.pages[0].articles,
        "the page is the PDF's"
    );
    let d = issue.pages[0]
        .diagnostics
        .iter()
        .find(|d| d.code == front::PAGE_FILE_TWICE)
        .expect("page-file-twice diagnostic");
    assert!(
        d.message.contains("p1.txt") && d.message.contains("p1.pdf"),
        "{}",
        d.message
    );
}

#[test]
fn cli_converts_a_page_given_twice_into_one_page() {
    let dir = twin_folder();
    let out = convert(dir.path(), "json");
    let json = std::fs::read_dir(out.path())
        .unwrap()
        .map(|e| e.unwrap().path())
        .find(|p| p.extension().is_some_and(|e| e == "json"))
        .expect("json output");
    let v: serde_json::Value =
        serde_json::from_str(&std::fs::read_to_string(&json).unwrap()).unwrap();
    let pages = v["pages"].as_array().expect("pages");
    assert_eq!(pages.len(), 1, "{}", json.display());
    assert!(pages[0]["diagnostics"]
        .as_array()
        .unwrap()
        .iter()
        .any(|d| d["code"] == "page-file-twice"));
}
