//! Batch runs split across machines (issue #18): `--shard K/N` for K = 1…3
//! converts every issue of a tree exactly once, with outputs identical to
//! one plain run; manifests of the shards concatenate to the manifest of
//! the whole; `--files-from` takes the issues from a list (a file or
//! standard input).

use crate::common::*;
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};

/// A tree of issues from the dev pages: loose page files (text and PDF)
/// in a few folders, and a folder of page PDFs that is one issue.
pub(crate) fn issue_tree() -> tempfile::TempDir {
    let dir = tempfile::tempdir().unwrap();
    let names = page_names();
    for (k, name) in names.iter().enumerate() {
        let sub = dir.path().join(["2018", "2021", "2023/07"][k % 3]);
        std::fs::create_dir_all(&sub).unwrap();
        let ext = if k % 2 == 0 { "txt" } else { "pdf" };
        std::fs::copy(
            shared_pages().join(format!("{name}.{ext}")),
            sub.join(format!("{name}.{ext}")),
        )
        .unwrap();
    }
    let issue = dir.path().join("folder-issue");
    std::fs::create_dir_all(&issue).unwrap();
    for (k, name) in names.iter().take(3).enumerate() {
        std::fs::copy(
            shared_pages().join(format!("{name}.pdf")),
            issue.join(format!("A{}.pdf", k + 1)),
        )
        .unwrap();
    }
    dir
}

/// Every file below `dir`, by relative path, with its bytes.
pub(crate) fn tree_bytes(dir: &Path) -> BTreeMap<PathBuf, Vec<u8>> {
    files_below(dir)
        .into_iter()
        .map(|f| (f.clone(), std::fs::read(dir.join(&f)).unwrap()))
        .collect()
}

/// A manifest's lines without their milliseconds.
fn lines_without_ms(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap();
    text.lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).expect("a JSON line");
            v.as_object_mut().unwrap().remove("ms");
            v
        })
        .collect()
}

fn batch(root: &Path, out: &Path, extra: &[&str]) {
    let mut args = vec![
        "batch",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json,newsml",
        "-q",
    ];
    args.extend_from_slice(extra);
    run_ok(&args);
}

#[test]
fn three_shards_convert_every_issue_once_and_match_one_run() {
    let tree = issue_tree();
    let work = tempfile::tempdir().unwrap();
    let whole = work.path().join("whole");
    let whole_manifest = work.path().join("whole.jsonl");
    batch(
        tree.path(),
        &whole,
        &["--manifest", whole_manifest.to_str().unwrap()],
    );
    let sharded = work.path().join("sharded");
    let mut lines = Vec::new();
    for k in 1..=3 {
        let m = work.path().join(format!("shard{k}.jsonl"));
        batch(
            tree.path(),
            &sharded,
            &[
                "--shard",
                &format!("{k}/3"),
                "--manifest",
                m.to_str().unwrap(),
            ],
        );
        lines.extend(lines_without_ms(&m));
    }
    assert_eq!(
        tree_bytes(&sharded),
        tree_bytes(&whole),
        "the shards together wrote what one run wrote"
    );
    let mut paths: Vec<String> = lines
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    let n = paths.len();
    paths.sort();
    paths.dedup();
    assert_eq!(paths.len(), n, "an issue was converted by two shards");
    lines.sort_by(|a, b| a["path"].as_str().cmp(&b["path"].as_str()));
    let whole_lines = lines_without_ms(&whole_manifest);
    assert_eq!(
        whole_lines.len(),
        page_names().len() + 1,
        "every issue has a line"
    );
    assert_eq!(
        lines, whole_lines,
        "the shards' manifests are the whole run's"
    );
    // A line says what was written, with sizes and checksums that match.
    for l in &whole_lines {
        assert_eq!(l["status"], "ok", "{l}");
        for o in l["outputs"].as_array().unwrap() {
            let bytes = std::fs::read(whole.join(o["file"].as_str().unwrap())).unwrap();
            assert_eq!(o["bytes"].as_u64(), Some(bytes.len() as u64));
            assert_eq!(o["sha256"].as_str().unwrap().len(), 64);
        }
    }
    let folder = whole_lines
        .iter()
        .find(|l| l["path"] == "folder-issue")
        .expect("the folder issue");
    assert_eq!(folder["pages"], 3);
}

#[test]
fn files_from_a_list_or_standard_input_converts_just_those() {
    let tree = issue_tree();
    let names = page_names();
    let work = tempfile::tempdir().unwrap();
    let list = format!(
        "2018/{}.txt\n\n{}\nmissing.txt\n",
        names[0],
        tree.path().join("folder-issue").display()
    );
    let list_file = work.path().join("list.txt");
    std::fs::write(&list_file, &list).unwrap();
    let from_file = work.path().join("from-file");
    let m = work.path().join("m.jsonl");
    let o = run(&[
        "batch",
        tree.path().to_str().unwrap(),
        "-o",
        from_file.to_str().unwrap(),
        "--to",
        "json",
        "-q",
        "--files-from",
        list_file.to_str().unwrap(),
        "--manifest",
        m.to_str().unwrap(),
    ]);
    assert!(!o.status.success(), "a missing listed issue fails the run");
    assert!(String::from_utf8_lossy(&o.stderr).contains("missing.txt"));
    let mut written: Vec<PathBuf> = files_below(&from_file);
    // The folder issue's page PDFs draw images: their bytes sit beside its JSON.
    let assets = written
        .iter()
        .filter(|p| p.starts_with("folder-issue.assets"))
        .count();
    assert!(
        assets > 0,
        "the folder issue's images are written beside it"
    );
    written.retain(|p| !p.starts_with("folder-issue.assets"));
    assert_eq!(
        written,
        vec![
            PathBuf::from(format!("2018/{}.json", names[0])),
            PathBuf::from("folder-issue.json")
        ]
    );
    let statuses: Vec<(String, String)> = lines_without_ms(&m)
        .iter()
        .map(|l| {
            (
                l["path"].as_str().unwrap().into(),
                l["status"].as_str().unwrap().into(),
            )
        })
        .collect();
    assert_eq!(
        statuses,
        [
            (format!("2018/{}.txt", names[0]), "ok".into()),
            ("folder-issue".into(), "ok".into()),
            ("missing.txt".into(), "failed".into())
        ]
    );
    // The same list on standard input.
    let from_stdin = work.path().join("from-stdin");
    let mut child = Command::new(env!("CARGO_BIN_EXE_newsconv"))
        .args([
            "batch",
            tree.path().to_str().unwrap(),
            "-o",
            from_stdin.to_str().unwrap(),
            "--to",
            "json",
            "-q",
            "--files-from",
            "-",
        ])
        .stdin(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    child
        .stdin
        .take()
        .unwrap()
        .write_all(list.as_bytes())
        .unwrap();
    child.wait().unwrap();
    assert_eq!(tree_bytes(&from_stdin), tree_bytes(&from_file));
}

#[test]
fn bad_shards_are_refused() {
    let tree = issue_tree();
    for bad in ["0/3", "4/3", "x", "1/0"] {
        let o = run(&[
            "batch",
            tree.path().to_str().unwrap(),
            "-o",
            "/nonexistent/never",
            "--shard",
            bad,
        ]);
        assert!(!o.status.success(), "{bad}");
        assert!(
            String::from_utf8_lossy(&o.stderr).contains("--shard"),
            "{bad}: {}",
            String::from_utf8_lossy(&o.stderr)
        );
    }
}

#[test]
fn a_loose_issue_given_as_text_and_pdf_is_converted_once_from_the_pdf() {
    let dir = tempfile::tempdir().unwrap();
    let name = "fzwb_20240419_A07";
    for ext in ["txt", "pdf"] {
        std::fs::copy(
            shared_pages().join(format!("{name}.{ext}")),
            dir.path().join(format!("{name}.{ext}")),
        )
        .unwrap();
    }
    let out = tempfile::tempdir().unwrap();
    let m = out.path().join("m.jsonl");
    batch(
        dir.path(),
        &out.path().join("o"),
        &["--manifest", m.to_str().unwrap()],
    );
    let paths: Vec<String> = lines_without_ms(&m)
        .iter()
        .map(|l| l["path"].as_str().unwrap().to_string())
        .collect();
    assert_eq!(paths, [format!("{name}.pdf")]);
}
