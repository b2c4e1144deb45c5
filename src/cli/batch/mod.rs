//! Many issues at once: `batch` (every issue found in a tree, into an
//! output tree that mirrors it) and `convert` with several inputs. Issues
//! are converted in parallel, a bad input is reported and the run goes on,
//! and Ctrl-C stops it cleanly.
//!
//! - [`mod@discover`]: finding the issues in a tree;
//! - [`mod@run`]: converting them on a worker pool;
//! - [`progress`]: what the user sees while it runs;
//! - [`shard`]: `--shard K/N` and `--files-from`, for runs across machines;
//! - [`manifest`]: `--manifest`, one JSON line per issue.

pub mod discover;
pub mod manifest;
pub mod progress;
pub mod run;
pub mod shard;

use super::args::{BatchArgs, LayoutArg, RunArgs};
use super::convert::{output_stem, ConvertOptions, Failure, Job};
use super::options::{parse_formats, settings};
use anyhow::{bail, Context, Result};
use clap::ArgMatches;
use discover::{discover, DiscoverOptions, Layout};
use manifest::Manifest;
use progress::{ProgressMode, Reporter};
use shard::{jobs_from_list, relative, Shard};
use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

/// The exit code of a run that went through but did not fully succeed (its
/// summary is printed already, so nothing more is said).
#[derive(Debug)]
pub(crate) struct BatchExit(pub(crate) u8);

impl std::fmt::Display for BatchExit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "batch exit code {}", self.0)
    }
}

impl std::error::Error for BatchExit {}

/// Raised by Ctrl-C (or SIGTERM): no new issue starts, in-flight writes are abandoned.
static CANCEL: AtomicBool = AtomicBool::new(false);

fn install_interrupt_handler() {
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::SeqCst) {
            eprintln!("newsconv: interrupted again: exiting now (temporary .newsconv-*.tmp files may be left)");
            std::process::exit(130);
        }
        eprintln!("newsconv: interrupted: stopping, no partial files are kept (Ctrl-C again to exit at once)");
    });
}

/// `convert` with several inputs: converted in parallel, outputs side by side
/// in the output folder, a bad input reported and skipped. Two inputs that
/// would write one name, or an output that is another input, are refused
/// before anything is written.
pub(crate) fn convert_many(inputs: &[PathBuf], opts: ConvertOptions, run: &RunArgs) -> Result<()> {
    let outdir = &opts.out_root;
    let mut stems: BTreeMap<String, &Path> = BTreeMap::new();
    let mut jobs = Vec::new();
    for input in inputs {
        let stem = output_stem(input);
        if let Some(other) = stems.insert(stem.clone(), input) {
            bail!("{} and {} would both write {}/{stem}.*: convert them separately or use `newsconv batch`", other.display(), input.display(), outdir.display());
        }
        let job = Job {
            input: input.clone(),
            out_dir: PathBuf::new(),
            stem,
        };
        for e in &opts.formats {
            let path = job.output(outdir, e);
            if let Some(clash) = inputs.iter().find(|i| super::convert::same_file(&path, i)) {
                bail!(
                    "{}: refusing to overwrite the input {} with {} output",
                    path.display(),
                    clash.display(),
                    e.name
                );
            }
        }
        jobs.push(job);
    }
    let total = jobs.len() as u64;
    run_jobs(jobs.into_iter().map(Ok), Some(total), &opts, run, None)
}

/// The `batch` command.
pub(crate) fn batch(args: BatchArgs, m: &ArgMatches) -> Result<()> {
    let formats = parse_formats(&args.common.to)?;
    let meta = args.common.meta.metadata();
    if meta.date.is_some() {
        bail!("--date names the date of one issue; `batch` converts many (give it to `convert`)");
    }
    std::fs::metadata(&args.root)
        .with_context(|| format!("{}: cannot read", args.root.display()))?;
    std::fs::create_dir_all(&args.output)
        .with_context(|| format!("{}: cannot create output folder", args.output.display()))?;
    let layout = match args.layout {
        LayoutArg::Auto => Layout::Auto,
        LayoutArg::Files => Layout::Files,
        LayoutArg::Folders => Layout::Folders,
    };
    let discover_opts = DiscoverOptions {
        layout,
        exclude: Some(args.output.clone()),
        stem: output_stem,
    };
    if args.list_issues {
        return list_issues(
            in_shard(discover(&args.root, discover_opts), &args.root, args.shard),
            &args.root,
        );
    }
    let opts = ConvertOptions {
        formats,
        settings: settings(m, &args.common.format_opts.set)?,
        meta,
        parse: args
            .common
            .limits
            .parse_options(args.common.meta.language.as_deref()),
        out_root: args.output.clone(),
        skip_existing: args.common.run.skip_existing,
        stop_at_failure: false,
        jobs: args.common.run.jobs,
        durability: args.common.run.durability(),
        parallel_formats: false,
    };
    let manifest = args
        .manifest
        .as_ref()
        .map(|_| Manifest::new(&args.root, &args.output));
    let result = match &args.files_from {
        Some(list) => {
            let jobs = in_shard(
                jobs_from_list(&args.root, &read_list(list)?).into_iter(),
                &args.root,
                args.shard,
            );
            let jobs: Vec<_> = jobs.collect();
            let total = Some(jobs.len() as u64);
            run_jobs(
                jobs.into_iter(),
                total,
                &opts,
                &args.common.run,
                manifest.as_ref(),
            )
        }
        None => {
            // Counting first (names only) gives the progress bar its length and time left.
            let total = (!args.common.run.quiet).then(|| {
                in_shard(
                    discover(&args.root, discover_opts.clone()),
                    &args.root,
                    args.shard,
                )
                .count() as u64
            });
            run_jobs(
                in_shard(discover(&args.root, discover_opts), &args.root, args.shard),
                total,
                &opts,
                &args.common.run,
                manifest.as_ref(),
            )
        }
    };
    if let (Some(m), Some(file)) = (manifest, &args.manifest) {
        m.write(file)
            .with_context(|| format!("{}: cannot write the manifest", file.display()))?;
    }
    result
}

/// The jobs of shard `shard` (all of them without one), judged by each
/// issue's path relative to `root`.
fn in_shard<I>(
    jobs: I,
    root: &Path,
    shard: Option<Shard>,
) -> impl Iterator<Item = Result<Job, Failure>> + Send
where
    I: Iterator<Item = Result<Job, Failure>> + Send,
{
    let root = root.to_path_buf();
    jobs.filter(move |j| {
        let input = match j {
            Ok(job) => &job.input,
            Err(f) => &f.input,
        };
        shard.is_none_or(|s| s.takes(&relative(&root, input)))
    })
}

/// `--list-issues`: each issue's path relative to `root` on standard
/// output; a folder that cannot be read is said on standard error (exit 1).
fn list_issues(jobs: impl Iterator<Item = Result<Job, Failure>>, root: &Path) -> Result<()> {
    use std::io::Write;
    let mut out = std::io::stdout().lock();
    let mut failed = false;
    for j in jobs {
        match j {
            Ok(job) => {
                writeln!(out, "{}", relative(root, &job.input)).context("standard output")?
            }
            Err(f) => {
                eprintln!("newsconv: {}", f.message);
                failed = true;
            }
        }
    }
    if failed {
        return Err(BatchExit(1).into());
    }
    Ok(())
}

/// The text of `--files-from` (a file, or `-` for standard input).
fn read_list(list: &Path) -> Result<String> {
    if list == Path::new("-") {
        let mut s = String::new();
        std::io::Read::read_to_string(&mut std::io::stdin(), &mut s)
            .context("--files-from -: cannot read standard input")?;
        return Ok(s);
    }
    std::fs::read_to_string(list)
        .with_context(|| format!("{}: cannot read the --files-from list", list.display()))
}

/// Run the jobs with progress and the summary; a run with failures ends in
/// [`BatchExit`] 1, an interrupted one in 130.
fn run_jobs<I>(
    jobs: I,
    total: Option<u64>,
    opts: &ConvertOptions,
    run: &RunArgs,
    manifest: Option<&Manifest>,
) -> Result<()>
where
    I: Iterator<Item = Result<Job, Failure>> + Send,
{
    install_interrupt_handler();
    let reporter = Reporter::new(ProgressMode::detect(run.quiet), total);
    let summary = run::run(jobs, opts, &CANCEL, &|e| {
        if let Some(m) = manifest {
            m.event(&e);
        }
        reporter.event(e)
    });
    reporter.finish();
    let bad = !summary.failures.is_empty() || summary.interrupted;
    if !run.quiet || bad {
        eprint!("{}", summary.report());
    }
    if summary.interrupted {
        return Err(BatchExit(130).into());
    }
    if bad {
        return Err(BatchExit(1).into());
    }
    Ok(())
}
