//! Running many issues: [`run`] converts jobs on a rayon pool of `jobs`
//! threads. Jobs are pulled from the iterator as threads become free, so at
//! most `jobs` issues are in memory at once, whatever the size of the tree.
//! Every output goes through [`convert_one`] (flushed to the disk file by
//! file, or all at once when the run ends: [`ConvertOptions::durability`]);
//! when the cancel flag is raised no new job starts and in-flight writes
//! fail at their next write, which removes their temporary files, so an
//! interrupted run leaves only complete outputs. `skip_existing` then
//! resumes it.

use crate::cli::convert::{convert_one, ConvertOptions, Failure, Job, Outcome};
use crate::cli::output::{Durability, FsSync};
use rayon::prelude::*;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// What happened to one job, as [`run`] reports it while it goes.
pub enum Event<'a> {
    /// The issue was converted (`failed` formats, if any, are in `failures`).
    Done {
        /// The job.
        job: &'a Job,
        /// Pages in the issue.
        pages: usize,
        /// Articles in the issue.
        articles: usize,
        /// Files written.
        written: &'a [PathBuf],
        /// Warnings from the exporters, naming input and format.
        warnings: &'a [String],
        /// Failures of single formats (the other formats were written).
        failures: &'a [Failure],
        /// Wall time of the issue in milliseconds.
        ms: u64,
    },
    /// All outputs existed (`skip_existing`).
    Skipped {
        /// The job.
        job: &'a Job,
        /// Its outputs.
        outputs: &'a [PathBuf],
    },
    /// The input could not be read or discovered.
    Failed {
        /// Why.
        failure: &'a Failure,
        /// Time spent on it in milliseconds.
        ms: u64,
    },
    /// The job was stopped by the cancel flag; nothing of it was kept.
    Cancelled {
        /// The job.
        job: &'a Job,
    },
}

/// The outcome of a batch.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    /// Issues whose every output was written.
    pub converted: u64,
    /// Issues left alone because their outputs existed.
    pub skipped: u64,
    /// Pages in the converted issues.
    pub pages: u64,
    /// Output files written.
    pub files: u64,
    /// Warnings the exporters gave.
    pub warnings: u64,
    /// Inputs that failed (whole or in one format), sorted by input.
    pub failures: Vec<Failure>,
    /// True when the cancel flag stopped the batch before the end.
    pub interrupted: bool,
    /// Wall time.
    pub elapsed: Duration,
}

impl Summary {
    /// Inputs that failed, each once.
    pub fn failed_inputs(&self) -> usize {
        let mut v: Vec<&Path> = self.failures.iter().map(|f| f.input.as_path()).collect();
        v.dedup();
        v.len()
    }

    /// The closing report: counts, rate, then one line per failure.
    pub fn report(&self) -> String {
        use std::fmt::Write as _;
        let mut s = String::new();
        let secs = self.elapsed.as_secs_f64().max(1e-9);
        let _ = write!(
            s,
            "newsconv: batch {}: {} converted, {} skipped, {} failed; {} pages, {} files in {:.1} s ({:.0} pages/s)",
            if self.interrupted { "interrupted" } else { "done" },
            self.converted,
            self.skipped,
            self.failed_inputs(),
            self.pages,
            self.files,
            secs,
            self.pages as f64 / secs
        );
        if self.warnings > 0 {
            let _ = write!(s, "; {} warnings", self.warnings);
        }
        s.push('\n');
        if !self.failures.is_empty() {
            let _ = writeln!(s, "failed:");
            for f in &self.failures {
                let _ = writeln!(s, "  {}", f.message);
            }
        }
        if self.interrupted {
            let _ = writeln!(
                s,
                "newsconv: no partial files were left; run again with --skip-existing to resume"
            );
        }
        s
    }
}

/// Convert every job on a pool of `opts.jobs` threads, calling `on_event`
/// for each as it finishes (from the worker threads). Jobs are taken from
/// the iterator only as workers become free. Never fails as a whole: bad
/// inputs end up in the summary.
pub fn run<I>(
    jobs: I,
    opts: &ConvertOptions,
    cancel: &AtomicBool,
    on_event: &(dyn Fn(Event<'_>) + Sync),
) -> Summary
where
    I: Iterator<Item = Result<Job, Failure>> + Send,
{
    let start = Instant::now();
    let converted = AtomicU64::new(0);
    let skipped = AtomicU64::new(0);
    let pages = AtomicU64::new(0);
    let files = AtomicU64::new(0);
    let warnings = AtomicU64::new(0);
    let failures = Mutex::new(Vec::new());
    let fail = |f: Failure| failures.lock().unwrap_or_else(|e| e.into_inner()).push(f);

    let work = |item: Result<Job, Failure>| {
        let job = match item {
            Ok(j) => j,
            Err(f) => {
                on_event(Event::Failed { failure: &f, ms: 0 });
                fail(f);
                return;
            }
        };
        let t0 = Instant::now();
        let outcome = convert_one(&job, opts, cancel, &|_, _| {});
        let ms = t0.elapsed().as_millis() as u64;
        match outcome {
            Outcome::Skipped => {
                skipped.fetch_add(1, Ordering::Relaxed);
                let outputs: Vec<PathBuf> = opts
                    .formats
                    .iter()
                    .map(|e| job.output(&opts.out_root, e))
                    .collect();
                on_event(Event::Skipped {
                    job: &job,
                    outputs: &outputs,
                });
            }
            Outcome::Cancelled => on_event(Event::Cancelled { job: &job }),
            Outcome::Failed(f) => {
                on_event(Event::Failed { failure: &f, ms });
                fail(f);
            }
            Outcome::Done {
                pages: n,
                articles,
                written,
                warnings: ws,
                failures: fs,
            } => {
                if fs.is_empty() {
                    converted.fetch_add(1, Ordering::Relaxed);
                }
                pages.fetch_add(n as u64, Ordering::Relaxed);
                files.fetch_add(written.len() as u64, Ordering::Relaxed);
                warnings.fetch_add(ws.len() as u64, Ordering::Relaxed);
                on_event(Event::Done {
                    job: &job,
                    pages: n,
                    articles,
                    written: &written,
                    warnings: &ws,
                    failures: &fs,
                    ms,
                });
                for f in fs {
                    fail(f);
                }
            }
        }
    };

    // Deferred outputs are flushed once at the end, errors since now included.
    let fs_sync = (opts.durability == Durability::Deferred && FsSync::AVAILABLE)
        .then(|| FsSync::open(&opts.out_root));

    let jobs = jobs.take_while(|_| !cancel.load(Ordering::Relaxed));
    let pool = rayon::ThreadPoolBuilder::new()
        .num_threads(opts.jobs)
        .thread_name(|i| format!("newsconv-batch-{i}"))
        .build();
    match pool {
        Ok(pool) if opts.jobs != 1 => pool.install(|| jobs.par_bridge().for_each(work)),
        // One thread, or no pool to be had: work on this thread, in order.
        _ => jobs.for_each(work),
    }

    // Also after an interrupt: what was written is complete and should stay.
    if let Some(f) = fs_sync
        .filter(|_| files.load(Ordering::Relaxed) > 0)
        .and_then(|s| flush(s, &opts.out_root))
    {
        fail(f);
    }

    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort_by(|a, b| {
        a.input
            .cmp(&b.input)
            .then_with(|| a.message.cmp(&b.message))
    });
    Summary {
        converted: converted.into_inner(),
        skipped: skipped.into_inner(),
        pages: pages.into_inner(),
        files: files.into_inner(),
        warnings: warnings.into_inner(),
        failures,
        interrupted: cancel.load(Ordering::Relaxed),
        elapsed: start.elapsed(),
    }
}

/// Flush the deferred outputs to disk; a failure names the output folder.
/// (An output folder made by the first job could not be opened before it.)
fn flush(s: std::io::Result<FsSync>, out_root: &Path) -> Option<Failure> {
    let e = s
        .or_else(|_| FsSync::open(out_root))
        .and_then(|s| s.sync())
        .err()?;
    Some(Failure {
        input: out_root.to_path_buf(),
        message: format!(
            "{}: cannot flush the outputs to disk: {e}",
            out_root.display()
        ),
    })
}
