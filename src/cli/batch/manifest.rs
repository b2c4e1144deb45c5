//! The manifest of a batch (`--manifest FILE.jsonl`): one JSON line per
//! issue with its path (relative to the root), status, outputs (with byte
//! sizes and SHA-256), pages, articles, warnings and milliseconds. Lines
//! are sorted by path, so the manifests of the shards of a tree,
//! concatenated and sorted, are the manifest of one run over it (apart
//! from the milliseconds). Written whole to a temporary file and renamed
//! into place when the run ends.

use super::run::Event;
use super::shard::relative;
use serde::Serialize;
use sha2::{Digest, Sha256};
use std::path::{Path, PathBuf};
use std::sync::Mutex;

/// One output file of an issue.
#[derive(Debug, Clone, Serialize)]
pub struct Output {
    /// Path relative to the output root, `/` between parts.
    pub file: String,
    /// Size in bytes.
    pub bytes: u64,
    /// SHA-256 of the bytes, lowercase hex.
    pub sha256: String,
}

/// One issue's line.
#[derive(Debug, Clone, Serialize)]
pub struct Record {
    /// The path relative to the root (`.` for the root itself).
    pub path: String,
    /// `ok`, `failed` or `skipped` (outputs already there, `--skip-existing`).
    pub status: &'static str,
    /// The files written (or found, when skipped).
    pub outputs: Vec<Output>,
    /// Pages in the issue.
    pub pages: usize,
    /// Articles in the issue.
    pub articles: usize,
    /// Warnings the exporters gave.
    pub warnings: usize,
    /// Wall time of the issue in milliseconds.
    pub ms: u64,
    /// Why it failed.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub error: Option<String>,
}

/// Collects records from the batch's events (from any worker thread).
pub struct Manifest {
    root: PathBuf,
    out_root: PathBuf,
    records: Mutex<Vec<Record>>,
}

impl Manifest {
    /// An empty manifest of a run over `root` writing below `out_root`.
    pub fn new(root: &Path, out_root: &Path) -> Self {
        Manifest {
            root: root.to_path_buf(),
            out_root: out_root.to_path_buf(),
            records: Mutex::new(Vec::new()),
        }
    }

    fn output(&self, path: &Path) -> Option<Output> {
        let bytes = std::fs::read(path).ok()?;
        Some(Output {
            file: relative(&self.out_root, path),
            bytes: bytes.len() as u64,
            sha256: hex(&Sha256::digest(&bytes)),
        })
    }

    /// The files of one output: the file, or every file of a package folder.
    fn outputs(&self, path: &Path) -> Vec<Output> {
        if !path.is_dir() {
            return self.output(path).into_iter().collect();
        }
        let mut files = Vec::new();
        let mut stack = vec![path.to_path_buf()];
        while let Some(dir) = stack.pop() {
            for e in std::fs::read_dir(&dir).into_iter().flatten().flatten() {
                let p = e.path();
                if p.is_dir() {
                    stack.push(p)
                } else {
                    files.push(p)
                }
            }
        }
        files.sort();
        files.iter().filter_map(|f| self.output(f)).collect()
    }

    /// Record one event (a cancelled issue leaves no line).
    pub fn event(&self, e: &Event<'_>) {
        let record = match e {
            Event::Done {
                job,
                pages,
                articles,
                written,
                warnings,
                failures,
                ms,
            } => Record {
                path: relative(&self.root, &job.input),
                status: if failures.is_empty() { "ok" } else { "failed" },
                outputs: written.iter().flat_map(|p| self.outputs(p)).collect(),
                pages: *pages,
                articles: *articles,
                warnings: warnings.len(),
                ms: *ms,
                error: (!failures.is_empty()).then(|| {
                    failures
                        .iter()
                        .map(|f| f.message.as_str())
                        .collect::<Vec<_>>()
                        .join("; ")
                }),
            },
            Event::Skipped { job, outputs } => Record {
                path: relative(&self.root, &job.input),
                status: "skipped",
                outputs: outputs.iter().flat_map(|p| self.outputs(p)).collect(),
                pages: 0,
                articles: 0,
                warnings: 0,
                ms: 0,
                error: None,
            },
            Event::Failed { failure, ms } => Record {
                path: relative(&self.root, &failure.input),
                status: "failed",
                outputs: Vec::new(),
                pages: 0,
                articles: 0,
                warnings: 0,
                ms: *ms,
                error: Some(failure.message.clone()),
            },
            Event::Cancelled { .. } => return,
        };
        self.records
            .lock()
            .unwrap_or_else(|e| e.into_inner())
            .push(record);
    }

    /// Write the lines, sorted by path, to `file` (temporary file, then rename).
    pub fn write(self, file: &Path) -> std::io::Result<()> {
        let mut records = self.records.into_inner().unwrap_or_else(|e| e.into_inner());
        records.sort_by(|a, b| a.path.cmp(&b.path));
        let mut text = String::new();
        for r in &records {
            text.push_str(&serde_json::to_string(r).map_err(std::io::Error::other)?);
            text.push('\n');
        }
        let tmp = file.with_extension("jsonl.newsconv-tmp");
        std::fs::write(&tmp, text)?;
        std::fs::rename(&tmp, file)
    }
}

fn hex(bytes: &[u8]) -> String {
    bytes.iter().map(|b| format!("{b:02x}")).collect()
}
