//! Hostile and broken input: the bad-input catalogue (each case with its
//! expected clear error or clean output), bounded work on huge inputs, output
//! safety (paths, atomic writes, inputs never overwritten) and determinism.
//! Checks of a format run for whichever exporters are registered.

use crate::common::*;
use newsconv::front::load_bytes;
use newsconv::front::Limits;
use newsconv_core::Issue;
use newsconv_testkit::files_below as tree;
use newsconv_testkit::{assert_conserved, model_text, shapes};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::process::Command;

mod clean;
mod limits;
mod outputs;
mod refused;

// ---------------------------------------------------------------- helpers

/// Registered formats as (name, extension) from `newsconv formats`.
pub fn formats() -> Vec<(String, String)> {
    run_ok(&["formats"])
        .lines()
        .filter_map(|l| {
            let mut it = l.split_whitespace();
            Some((
                it.next()?.to_string(),
                it.next()?.trim_start_matches('.').to_string(),
            ))
        })
        .collect()
}

/// Parse bytes as the CLI does, in process.
pub(super) fn load(name: &str, bytes: &[u8], opts: &Limits) -> Result<Issue, String> {
    newsconv::link_plugins();
    load_bytes(Path::new(name), bytes, opts).map_err(|e| e.to_string())
}

/// Run newsconv, require failure with one line on stderr naming `needle`; returns stderr.
pub(super) fn fails_naming(args: &[&str], needle: &str) -> String {
    let o = run(args);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(
        !o.status.success(),
        "newsconv {args:?} should fail; stderr: {err}"
    );
    assert!(!err.contains("panicked"), "panic: {err}");
    assert!(err.contains(needle), "error does not name {needle}: {err}");
    assert_eq!(
        err.trim().lines().count(),
        1,
        "error should be one line: {err}"
    );
    err
}

pub(super) fn no_temp_files(dir: &Path) {
    let left: Vec<_> = tree(dir)
        .into_iter()
        .filter(|p| p.to_string_lossy().contains(".newsconv-"))
        .collect();
    assert!(left.is_empty(), "temporary files left behind: {left:?}");
}

/// XML text check: only characters XML allows; well-formed by xmllint.
pub(super) fn check_xml(label: &str, bytes: &[u8]) -> String {
    let text =
        String::from_utf8(bytes.to_vec()).unwrap_or_else(|e| panic!("{label}: not UTF-8: {e}"));
    if let Some(c) = text.chars().find(|&c| !newsconv_core::text::is_xml_char(c)) {
        panic!("{label}: holds XML-illegal character {c:?}");
    }
    require("xmllint");
    let dir = tempfile::tempdir().unwrap();
    let p = dir.path().join("doc.xml");
    std::fs::write(&p, bytes).unwrap();
    let o = Command::new("xmllint")
        .args(["--noout", "--nonet"])
        .arg(&p)
        .output()
        .unwrap();
    assert!(
        o.status.success(),
        "{label}: not well-formed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    text
}

/// The readable text of one output file, after checking the file is sound for
/// its format; `None` when the format's text cannot be read here.
pub(super) fn output_text(path: &Path) -> Option<(String, bool)> {
    let name = path.file_name().unwrap().to_string_lossy().into_owned();
    if path.is_dir() {
        // A package: its XML files (the copied source files are the input).
        let mut all = String::new();
        for f in tree(path)
            .into_iter()
            .filter(|f| f.extension().is_some_and(|e| e == "xml"))
        {
            let bytes = std::fs::read(path.join(&f)).unwrap();
            all += &check_xml(&format!("{name}/{}", f.display()), &bytes);
        }
        return Some((all, true));
    }
    let bytes = std::fs::read(path).unwrap();
    assert!(!bytes.is_empty(), "{name}: empty output");
    if name.ends_with(".json") {
        let _: serde_json::Value =
            serde_json::from_slice(&bytes).unwrap_or_else(|e| panic!("{name}: bad JSON: {e}"));
        return Some((String::from_utf8(bytes).unwrap(), false));
    }
    if name.ends_with(".xml") || name.ends_with(".xhtml") || name.ends_with(".html") {
        return Some((check_xml(&name, &bytes), true));
    }
    if name.ends_with(".epub") {
        assert!(bytes.starts_with(b"PK\x03\x04"), "{name}: not a zip");
        require("unzip");
        let list = Command::new("unzip").arg("-Z1").arg(path).output().unwrap();
        assert!(list.status.success(), "{name}: unzip cannot list it");
        let mut all = String::new();
        for entry in String::from_utf8_lossy(&list.stdout).lines() {
            if [".xhtml", ".html", ".opf", ".ncx", ".xml"]
                .iter()
                .any(|e| entry.ends_with(e))
            {
                let o = Command::new("unzip")
                    .arg("-p")
                    .arg(path)
                    .arg(entry)
                    .output()
                    .unwrap();
                all += &check_xml(&format!("{name}!{entry}"), &o.stdout);
            }
        }
        return Some((all, true));
    }
    if name.ends_with(".pdf") {
        assert!(bytes.starts_with(b"%PDF-"), "{name}: not a PDF");
        require("pdftotext");
        let o = Command::new("pdftotext")
            .args(["-enc", "UTF-8"])
            .arg(path)
            .arg("-")
            .output()
            .unwrap();
        assert!(
            o.status.success(),
            "{name}: pdftotext fails: {}",
            String::from_utf8_lossy(&o.stderr)
        );
        return Some((String::from_utf8_lossy(&o.stdout).into_owned(), false));
    }
    None
}

/// The outputs in a folder: one per format, a file or a package folder
/// (`NAME.mets/`).
pub(super) fn outputs(dir: &Path) -> Vec<PathBuf> {
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .unwrap()
        .map(|e| PathBuf::from(e.unwrap().file_name()))
        .collect();
    v.sort();
    v
}

/// Convert `input` to every format into a fresh folder with extra `args`;
/// returns the folder and stderr.
pub(super) fn convert_all(input: &Path, args: &[&str]) -> (tempfile::TempDir, String) {
    let dir = tempfile::tempdir().unwrap();
    let mut a = vec![
        "convert",
        input.to_str().unwrap(),
        "-o",
        dir.path().to_str().unwrap(),
    ];
    a.extend_from_slice(args);
    let o = run(&a);
    let err = String::from_utf8_lossy(&o.stderr).into_owned();
    assert!(o.status.success(), "newsconv {a:?} failed: {err}");
    assert!(!err.contains("panicked"), "{err}");
    (dir, err)
}

pub(super) fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) -> PathBuf {
    let p = dir.join(name);
    std::fs::write(&p, bytes).unwrap();
    p
}
