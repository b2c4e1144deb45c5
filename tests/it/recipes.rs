//! The README's recipes for running over many machines, run here on one
//! (issue #18): GNU parallel (`tests/recipes/parallel.sh`, shards as
//! parallel jobs) and Apache Spark in local mode
//! (`tests/recipes/spark_local.py`, issue paths distributed to
//! partitions) write byte for byte what one plain `batch` writes, and
//! their joined manifests are the plain run's.

use crate::common::*;
use crate::shards::{issue_tree, tree_bytes};
use newsconv_testkit::tools;
use std::path::Path;
use std::process::Command;

/// A manifest's lines as values, without their milliseconds.
fn manifest(path: &Path) -> Vec<serde_json::Value> {
    let text = std::fs::read_to_string(path).unwrap_or_else(|e| panic!("{}: {e}", path.display()));
    text.lines()
        .map(|l| {
            let mut v: serde_json::Value = serde_json::from_str(l).unwrap();
            v.as_object_mut().unwrap().remove("ms");
            v
        })
        .collect()
}

/// One plain batch run: its output tree and manifest.
fn plain(root: &Path, work: &Path) -> (std::path::PathBuf, Vec<serde_json::Value>) {
    let out = work.join("plain");
    let m = work.join("plain.jsonl");
    run_ok(&[
        "batch",
        root.to_str().unwrap(),
        "-o",
        out.to_str().unwrap(),
        "--to",
        "json,newsml",
        "-q",
        "--manifest",
        m.to_str().unwrap(),
    ]);
    (out, manifest(&m))
}

#[test]
fn gnu_parallel_recipe_matches_one_run() {
    require("parallel");
    let tree = issue_tree();
    let work = tempfile::tempdir().unwrap();
    let (plain_out, plain_manifest) = plain(tree.path(), work.path());
    let out = work.path().join("parallel");
    let status = Command::new("bash")
        .arg(repo("tests/recipes/parallel.sh"))
        .args([
            tree.path().to_str().unwrap(),
            out.to_str().unwrap(),
            "3",
            "--",
            "--to",
            "json,newsml",
        ])
        .env("NEWSCONV", env!("CARGO_BIN_EXE_newsconv"))
        .status()
        .expect("run the recipe");
    assert!(status.success(), "the GNU parallel recipe failed");
    assert_eq!(tree_bytes(&out), tree_bytes(&plain_out));
    assert_eq!(
        manifest(&work.path().join("parallel.manifest.jsonl")),
        plain_manifest
    );
}

#[test]
fn spark_local_recipe_matches_one_run() {
    let python = tools::spark_python();
    require("java");
    let tree = issue_tree();
    let work = tempfile::tempdir().unwrap();
    let (plain_out, plain_manifest) = plain(tree.path(), work.path());
    let out = work.path().join("spark");
    let o = Command::new(python)
        .arg(repo("tests/recipes/spark_local.py"))
        .args([
            tree.path().to_str().unwrap(),
            out.to_str().unwrap(),
            "--master",
            "local[2]",
            "--newsconv",
            env!("CARGO_BIN_EXE_newsconv"),
            "--",
            "--to",
            "json,newsml",
        ])
        .output()
        .expect("run the recipe");
    assert!(
        o.status.success(),
        "the Spark recipe failed: {}",
        String::from_utf8_lossy(&o.stderr)
    );
    assert_eq!(tree_bytes(&out), tree_bytes(&plain_out));
    assert_eq!(
        manifest(&work.path().join("spark.manifest.jsonl")),
        plain_manifest
    );
}
