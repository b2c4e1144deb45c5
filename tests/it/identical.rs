//! Byte identity: every output of the sample (plain, and with all the
//! metadata flags), of every dev page in `../shared/pages` (PDF and text)
//! and of every parse fixture, in all four formats, has the SHA-256 that
//! `tests/golden/outputs.sha256` records. The manifest was made with the
//! binary of 0ee6d9f, before the re-cut of issue #20, so this proves the
//! re-cut changed no byte; `NEWSCONV_UPDATE_GOLDEN=1` rewrites it when an
//! output is meant to change.

use crate::common::*;
use newsconv_testkit::golden;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};

/// The metadata flags of the dated sample.
const DATED: [&str; 8] = [
    "--date",
    "2024-04-19",
    "--title",
    "测试报",
    "--publisher",
    "测试报社",
    "--edition",
    "A",
];

/// (group folder, input, extra arguments) for every conversion.
fn conversions() -> Vec<(String, PathBuf, &'static [&'static str])> {
    let mut v: Vec<(String, PathBuf, &'static [&'static str])> = vec![
        ("sample".into(), sample(), &[]),
        ("sample-dated".into(), sample(), &DATED),
    ];
    for name in page_names() {
        for ext in ["pdf", "txt"] {
            v.push((
                "pages".into(),
                shared_pages().join(format!("{name}.{ext}")),
                &[],
            ));
        }
    }
    let fixtures = repo("tests/fixtures/parse");
    for f in files_below(&fixtures)
        .into_iter()
        .filter(|f| f.extension().is_some_and(|e| e == "txt"))
    {
        let group = Path::new("fixtures").join(f.parent().unwrap_or(Path::new("")));
        v.push((group.to_string_lossy().into_owned(), fixtures.join(f), &[]));
    }
    v
}

#[test]
fn every_output_is_byte_identical_to_the_manifest() {
    let out = tempfile::tempdir().unwrap();
    for (group, input, extra) in conversions() {
        let name = input.file_name().unwrap().to_string_lossy().into_owned();
        let dir = out.path().join(group).join(name);
        let mut args = vec![
            "convert",
            input.to_str().unwrap(),
            "--to",
            "all",
            "-o",
            dir.to_str().unwrap(),
        ];
        args.extend_from_slice(extra);
        run_ok(&args);
    }
    // `sha256sum` lines, sorted by name byte for byte (as `LC_ALL=C sort`).
    let mut lines: Vec<(String, String)> = files_below(out.path())
        .into_iter()
        .map(|f| {
            let digest = Sha256::digest(std::fs::read(out.path().join(&f)).unwrap());
            (
                f.to_string_lossy().into_owned(),
                digest.iter().map(|b| format!("{b:02x}")).collect(),
            )
        })
        .collect();
    lines.sort();
    let manifest: String = lines
        .iter()
        .map(|(name, hex)| format!("{hex}  {name}\n"))
        .collect();
    golden("outputs.sha256", &manifest);
}
