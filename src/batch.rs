//! Batch conversion: find every issue in a tree, convert the issues in
//! parallel into an output tree that mirrors the input tree, keep going past
//! bad inputs, and stop cleanly when asked to.
//!
//! - [`discover`] walks a tree lazily (one folder at a time, in sorted order)
//!   and yields a [`Job`] per issue: a text file, a JSON/NewsML file written
//!   by newsconv (recognised by content), a page PDF without a text file of
//!   the same name beside it, or a folder of page files (see [`Layout`]).
//! - [`run`] converts jobs on a rayon pool of `jobs` threads. Jobs are pulled
//!   from the iterator as threads become free, so at most `jobs` issues are in
//!   memory at once, whatever the size of the tree. Every output goes through
//!   [`crate::output::write_atomic_with`] (flushed to the disk file by file,
//!   or all at once when the batch ends: [`BatchOptions::durability`]);
//!   when the cancel flag is raised no new
//!   job starts and in-flight writes fail at their next write, which removes
//!   their temporary files, so an interrupted batch leaves only complete
//!   outputs. `skip_existing` then resumes it.
//! - [`Reporter`] shows progress: an indicatif bar on a terminal, plain log
//!   lines otherwise, nothing but failures when quiet.

use crate::input::{self, Metadata};
use crate::output::{Durability, FsSync};
use crate::parse::ParseOptions;
use newsconv_core::{importers, Exporter, Level, RenderContext, Settings};
use rayon::prelude::*;
use std::collections::VecDeque;
use std::io::{Read, Write};
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::Mutex;
use std::time::{Duration, Instant};

/// One issue to convert.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Job {
    /// The input file or folder of page files.
    pub input: PathBuf,
    /// Folder of the outputs, relative to the output root.
    pub out_dir: PathBuf,
    /// File stem of the outputs (`<stem>.<extension>`).
    pub stem: String,
}

impl Job {
    /// The output path for one format under `out_root`.
    pub fn output(&self, out_root: &Path, e: &Exporter) -> PathBuf {
        out_root.join(&self.out_dir).join(format!("{}.{}", self.stem, e.extension))
    }
}

/// An input that could not be converted, with the reason. `message` names
/// the input (and the line, for parse problems).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Failure {
    /// The input file or folder.
    pub input: PathBuf,
    /// What went wrong, naming the input.
    pub message: String,
}

/// How [`discover`] decides whether a folder is one issue made of page files.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub enum Layout {
    /// A folder without subfolders is one issue when it holds two or more
    /// page files (`.txt`, or `.pdf` without `.txt`) whose names differ only
    /// in a trailing page designator: `A01.txt A02.txt B01.txt`,
    /// `page-1.txt page-2.txt`, `fzwb_20240419_A07.txt fzwb_20240419_A08.txt`.
    /// Names that differ elsewhere (`rmrb_20180102_p07`, `rmrb_20180105_p07`)
    /// or end in a date (`2024-04-19.txt`) are separate issues.
    #[default]
    Auto,
    /// Every file is an issue; folders are only walked.
    Files,
    /// Every folder without subfolders that holds page files is one issue.
    Folders,
}

/// Options for [`discover`].
#[derive(Debug, Clone)]
pub struct DiscoverOptions {
    /// How folders of page files are recognised.
    pub layout: Layout,
    /// A folder not to walk (the output folder, when it is inside the tree).
    pub exclude: Option<PathBuf>,
    /// The output file stem for an input path.
    pub stem: fn(&Path) -> String,
}

impl Default for DiscoverOptions {
    fn default() -> Self {
        DiscoverOptions { layout: Layout::Auto, exclude: None, stem: output_stem }
    }
}

/// The file stem for outputs: the input's file name without extensions we
/// recognise, with anything that could leave the output folder replaced.
pub fn output_stem(input: &Path) -> String {
    let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "issue".into());
    let mut stem = name.as_str();
    for ext in [".newsml.xml", ".json", ".txt", ".xml", ".pdf"] {
        if stem.len() > ext.len() && stem.to_ascii_lowercase().ends_with(ext) {
            stem = &stem[..stem.len() - ext.len()];
            break;
        }
    }
    let s: String = stem.chars().map(|c| if c == '/' || c == '\\' || c.is_control() { '_' } else { c }).collect();
    let mut s = s.trim_start_matches('.').to_string();
    // Leave room for the longest extension within the usual 255-byte name limit.
    while s.len() > 200 {
        s.pop();
    }
    if s.is_empty() {
        "issue".into()
    } else {
        s
    }
}

/// Walk `root` lazily and yield one job per issue found, in a stable order
/// (folders and files sorted by name, naturally). A folder that cannot be
/// read yields a [`Failure`] and the walk goes on.
pub fn discover(root: &Path, opts: DiscoverOptions) -> Discovery {
    let exclude = opts.exclude.as_ref().and_then(|p| std::fs::canonicalize(p).ok());
    Discovery { opts, exclude, root: root.to_path_buf(), started: false, stack: Vec::new(), pending: VecDeque::new(), ignored: 0 }
}

/// The iterator [`discover`] returns.
pub struct Discovery {
    opts: DiscoverOptions,
    exclude: Option<PathBuf>,
    root: PathBuf,
    started: bool,
    /// Folders still to read, relative to the root; the next is on top.
    stack: Vec<PathBuf>,
    pending: VecDeque<Result<Job, Failure>>,
    ignored: u64,
}

impl Discovery {
    /// Files seen and left out so far (other extensions, JSON/XML that is not ours).
    pub fn ignored(&self) -> u64 {
        self.ignored
    }

    fn start(&mut self) {
        self.started = true;
        match std::fs::metadata(&self.root) {
            Err(e) => self.pending.push_back(Err(Failure { input: self.root.clone(), message: format!("{}: {e}", self.root.display()) })),
            Ok(m) if !m.is_dir() => {
                let job = Job { input: self.root.clone(), out_dir: PathBuf::new(), stem: (self.opts.stem)(&self.root) };
                self.pending.push_back(Ok(job));
            }
            Ok(_) => self.stack.push(PathBuf::new()),
        }
    }

    /// Read one folder (relative to the root) and queue what it holds.
    fn visit(&mut self, rel: PathBuf) {
        let dir = self.root.join(&rel);
        let listing = match list_dir(&dir) {
            Ok(l) => l,
            Err(e) => {
                self.pending.push_back(Err(Failure { input: dir.clone(), message: format!("{}: {e}", dir.display()) }));
                return;
            }
        };
        let (mut dirs, mut files) = (Vec::new(), Vec::new());
        for (name, is_dir) in listing {
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            let path = dir.join(&name);
            if is_dir {
                let excluded = self.exclude.as_ref().is_some_and(|x| std::fs::canonicalize(&path).is_ok_and(|c| &c == x));
                if !excluded {
                    dirs.push(name);
                }
            } else {
                files.push(name);
            }
        }
        let by_name = |a: &std::ffi::OsString, b: &std::ffi::OsString| input::natural_cmp(&a.to_string_lossy(), &b.to_string_lossy());
        dirs.sort_by(by_name);
        files.sort_by(by_name);

        if dirs.is_empty() && is_page_folder(&files, self.opts.layout) {
            let job = if rel.as_os_str().is_empty() {
                Job { input: dir.clone(), out_dir: PathBuf::new(), stem: (self.opts.stem)(&self.root) }
            } else {
                Job { input: dir.clone(), out_dir: rel.parent().map(Path::to_path_buf).unwrap_or_default(), stem: (self.opts.stem)(&dir) }
            };
            self.pending.push_back(Ok(job));
            self.ignored += files.iter().filter(|f| page_kind(f).is_none()).count() as u64;
            return;
        }

        let has_text = |stem: &str| files.iter().any(|f| ext_of(f).as_deref() == Some("txt") && file_stem(f) == stem);
        for f in &files {
            let path = dir.join(f);
            let wanted = match ext_of(f).as_deref() {
                Some("txt") => true,
                Some("pdf") => !has_text(&file_stem(f)),
                Some("json") | Some("xml") => is_ours(&path),
                _ => false,
            };
            if wanted {
                self.pending.push_back(Ok(Job { input: path.clone(), out_dir: rel.clone(), stem: (self.opts.stem)(&path) }));
            } else {
                self.ignored += 1;
            }
        }
        for d in dirs.into_iter().rev() {
            self.stack.push(rel.join(d));
        }
    }
}

impl Iterator for Discovery {
    type Item = Result<Job, Failure>;

    fn next(&mut self) -> Option<Self::Item> {
        if !self.started {
            self.start();
        }
        loop {
            if let Some(x) = self.pending.pop_front() {
                return Some(x);
            }
            let rel = self.stack.pop()?;
            self.visit(rel);
        }
    }
}

/// Names in a folder with whether each is a folder (symbolic links followed;
/// a link to a folder is not walked, to stay out of loops).
fn list_dir(dir: &Path) -> std::io::Result<Vec<(std::ffi::OsString, bool)>> {
    let mut out = Vec::new();
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let ft = entry.file_type()?;
        if ft.is_symlink() {
            match std::fs::metadata(entry.path()) {
                Ok(m) if m.is_file() => out.push((entry.file_name(), false)),
                _ => {} // dangling, or a folder: not followed
            }
        } else if ft.is_dir() {
            out.push((entry.file_name(), true));
        } else if ft.is_file() {
            out.push((entry.file_name(), false));
        }
    }
    Ok(out)
}

fn ext_of(name: &std::ffi::OsStr) -> Option<String> {
    Path::new(name).extension().map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn file_stem(name: &std::ffi::OsStr) -> String {
    Path::new(name).file_stem().map(|s| s.to_string_lossy().into_owned()).unwrap_or_default()
}

/// `Some("txt")` or `Some("pdf")` for page files.
fn page_kind(name: &std::ffi::OsStr) -> Option<&'static str> {
    match ext_of(name).as_deref() {
        Some("txt") => Some("txt"),
        Some("pdf") => Some("pdf"),
        _ => None,
    }
}

/// Does this folder (without subfolders) hold one issue's page files?
fn is_page_folder(files: &[std::ffi::OsString], layout: Layout) -> bool {
    let txt: Vec<&std::ffi::OsString> = files.iter().filter(|f| page_kind(f) == Some("txt")).collect();
    let pages = if txt.is_empty() { files.iter().filter(|f| page_kind(f) == Some("pdf")).collect() } else { txt };
    match layout {
        Layout::Files => false,
        Layout::Folders => !pages.is_empty(),
        Layout::Auto => {
            if pages.len() < 2 || files.iter().any(|f| matches!(ext_of(f).as_deref(), Some("json") | Some("xml"))) {
                return false;
            }
            let mut keys = pages.iter().map(|f| page_key(&file_stem(f)));
            let first = keys.next().flatten();
            first.is_some() && keys.all(|k| k == first)
        }
    }
}

/// A page file's name with its page designator taken out: `fzwb_20240419_A07`
/// → `("fzwb_20240419_", "")`, `第3版` → `("第", "版")`. `None` when the name
/// carries no page designator (no digits, more than 3 digits at the end, or a
/// date-like `2024-04-19`).
fn page_key(stem: &str) -> Option<(String, String)> {
    let chars: Vec<char> = stem.chars().collect();
    let last_digit = chars.iter().rposition(|c| c.is_ascii_digit())?;
    let suffix: String = chars[last_digit + 1..].iter().collect();
    if suffix.chars().count() > 2 || suffix.chars().any(|c| c.is_ascii_alphanumeric()) {
        return None;
    }
    let mut start = last_digit;
    while start > 0 && chars[start - 1].is_ascii_digit() {
        start -= 1;
    }
    if last_digit + 1 - start > 3 {
        return None;
    }
    let mut letters = 0;
    while start > 0 && letters < 2 && chars[start - 1].is_ascii_alphabetic() {
        start -= 1;
        letters += 1;
    }
    // A bare number right after another number and a separator is a date or a serial, not a page.
    if letters == 0 && start >= 2 && matches!(chars[start - 1], '-' | '_' | '.') && chars[start - 2].is_ascii_digit() {
        return None;
    }
    // Letters that are the tail of a longer word ("page7" is fine, "issue" + digits is not a page letter).
    if letters > 0 && start > 0 && chars[start - 1].is_ascii_alphabetic() {
        let word_start = chars[..start].iter().rposition(|c| !c.is_ascii_alphabetic()).map(|i| i + 1).unwrap_or(0);
        start = word_start;
        let word: String = chars[word_start..last_digit + 1].iter().filter(|c| c.is_ascii_alphabetic()).collect();
        if !word.eq_ignore_ascii_case("page") {
            return None;
        }
    }
    Some((chars[..start].iter().collect(), suffix))
}

/// Is this JSON/XML file a document newsconv can read back? Only its head is read.
fn is_ours(path: &Path) -> bool {
    let mut head = Vec::with_capacity(64 * 1024);
    match std::fs::File::open(path) {
        Ok(f) => {
            if f.take(64 * 1024).read_to_end(&mut head).is_err() {
                return false;
            }
        }
        Err(_) => return false,
    }
    importers().iter().any(|imp| (imp.sniff)(&head))
}

/// Everything [`run`] needs besides the jobs.
#[derive(Clone)]
pub struct BatchOptions {
    /// The formats to write, in order.
    pub formats: Vec<&'static Exporter>,
    /// Each exporter's settings, by exporter name (none given: defaults).
    pub settings: std::collections::BTreeMap<&'static str, Settings>,
    /// Metadata from the command line, applied to every issue.
    pub meta: Metadata,
    /// Parser options.
    pub parse: ParseOptions,
    /// Root of the output tree.
    pub out_root: PathBuf,
    /// Leave an issue alone when all its outputs exist (outputs are written
    /// atomically, so an existing output is a complete one).
    pub skip_existing: bool,
    /// Worker threads; 0 means one per core.
    pub jobs: usize,
    /// When outputs are flushed to the disk: [`Durability::Deferred`] (one
    /// flush of the output file system when the batch ends, the default of
    /// the command line) or [`Durability::EachFile`] (`--durable`).
    pub durability: Durability,
}

/// What happened to one job, as [`run`] reports it while it goes.
pub enum Event<'a> {
    /// The issue was converted (`failed` formats, if any, are in `failures`).
    Done {
        /// The job.
        job: &'a Job,
        /// Pages in the issue.
        pages: usize,
        /// Files written.
        written: &'a [PathBuf],
        /// Warnings from the exporters, naming input and format.
        warnings: &'a [String],
        /// Failures of single formats (the other formats were written).
        failures: &'a [Failure],
    },
    /// All outputs existed (`skip_existing`).
    Skipped {
        /// The job.
        job: &'a Job,
    },
    /// The input could not be read or discovered.
    Failed {
        /// Why.
        failure: &'a Failure,
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
            let _ = writeln!(s, "newsconv: no partial files were left; run again with --skip-existing to resume");
        }
        s
    }
}

/// A writer that fails once the cancel flag is up, so that an exporter in
/// the middle of an issue stops and its temporary file is removed.
struct CancelWriter<'a> {
    inner: &'a mut dyn Write,
    cancel: &'a AtomicBool,
}

impl Write for CancelWriter<'_> {
    fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("interrupted"));
        }
        self.inner.write(buf)
    }
    fn flush(&mut self) -> std::io::Result<()> {
        if self.cancel.load(Ordering::Relaxed) {
            return Err(std::io::Error::other("interrupted"));
        }
        self.inner.flush()
    }
}

/// Convert every job on a pool of `opts.jobs` threads, calling `on_event`
/// for each as it finishes (from the worker threads). Jobs are taken from
/// the iterator only as workers become free. Never fails as a whole: bad
/// inputs end up in the summary.
pub fn run<I>(jobs: I, opts: &BatchOptions, cancel: &AtomicBool, on_event: &(dyn Fn(Event<'_>) + Sync)) -> Summary
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
                on_event(Event::Failed { failure: &f });
                fail(f);
                return;
            }
        };
        match convert_one(&job, opts, cancel) {
            Outcome::Skipped => {
                skipped.fetch_add(1, Ordering::Relaxed);
                on_event(Event::Skipped { job: &job });
            }
            Outcome::Cancelled => on_event(Event::Cancelled { job: &job }),
            Outcome::Failed(f) => {
                on_event(Event::Failed { failure: &f });
                fail(f);
            }
            Outcome::Done { pages: n, written, warnings: ws, failures: fs } => {
                if fs.is_empty() {
                    converted.fetch_add(1, Ordering::Relaxed);
                }
                pages.fetch_add(n as u64, Ordering::Relaxed);
                files.fetch_add(written.len() as u64, Ordering::Relaxed);
                warnings.fetch_add(ws.len() as u64, Ordering::Relaxed);
                on_event(Event::Done { job: &job, pages: n, written: &written, warnings: &ws, failures: &fs });
                for f in fs {
                    fail(f);
                }
            }
        }
    };

    // Deferred outputs are flushed once at the end, errors since now included.
    let fs_sync = (opts.durability == Durability::Deferred && FsSync::AVAILABLE).then(|| FsSync::open(&opts.out_root));

    let jobs = jobs.take_while(|_| !cancel.load(Ordering::Relaxed));
    let pool = rayon::ThreadPoolBuilder::new().num_threads(opts.jobs).thread_name(|i| format!("newsconv-batch-{i}")).build();
    match pool {
        Ok(pool) if opts.jobs != 1 => pool.install(|| jobs.par_bridge().for_each(work)),
        // One thread, or no pool to be had: work on this thread, in order.
        _ => jobs.for_each(work),
    }

    // Also after an interrupt: what was written is complete and should stay.
    if let Some(s) = fs_sync.filter(|_| files.load(Ordering::Relaxed) > 0) {
        // (An output folder made by the first job could not be opened before it.)
        if let Err(e) = s.or_else(|_| FsSync::open(&opts.out_root)).and_then(|s| s.sync()) {
            fail(Failure { input: opts.out_root.clone(), message: format!("{}: cannot flush the outputs to disk: {e}", opts.out_root.display()) });
        }
    }

    let mut failures = failures.into_inner().unwrap_or_else(|e| e.into_inner());
    failures.sort_by(|a, b| a.input.cmp(&b.input).then_with(|| a.message.cmp(&b.message)));
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

enum Outcome {
    Skipped,
    Cancelled,
    Failed(Failure),
    Done { pages: usize, written: Vec<PathBuf>, warnings: Vec<String>, failures: Vec<Failure> },
}

fn convert_one(job: &Job, opts: &BatchOptions, cancel: &AtomicBool) -> Outcome {
    if cancel.load(Ordering::Relaxed) {
        return Outcome::Cancelled;
    }
    let outputs: Vec<PathBuf> = opts.formats.iter().map(|e| job.output(&opts.out_root, e)).collect();
    if opts.skip_existing && outputs.iter().all(|p| is_output(p)) {
        return Outcome::Skipped;
    }
    let failed = |message: String| Outcome::Failed(Failure { input: job.input.clone(), message });
    let mut issue = match input::load(&job.input, &opts.parse) {
        Ok(i) => i,
        Err(e) => return failed(e.to_string()),
    };
    opts.meta.apply(&mut issue);
    let dir = opts.out_root.join(&job.out_dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return failed(format!("{}: cannot create output folder {}: {e}", job.input.display(), dir.display()));
    }
    let (mut written, mut warnings, mut failures) = (Vec::new(), Vec::new(), Vec::new());
    for (e, path) in opts.formats.iter().zip(&outputs) {
        if cancel.load(Ordering::Relaxed) {
            return Outcome::Cancelled;
        }
        if opts.skip_existing && is_output(path) {
            continue;
        }
        if same_file(path, &job.input) {
            failures.push(Failure { input: job.input.clone(), message: format!("{}: refusing to overwrite the input with {} output", job.input.display(), e.name) });
            continue;
        }
        let no_settings = Settings::new();
        let ctx = RenderContext { issue: &issue, settings: opts.settings.get(e.name).unwrap_or(&no_settings) };
        let mut ws = Vec::new();
        let res = crate::output::write_atomic_with(path, opts.durability, |w| {
            let mut cw = CancelWriter { inner: w, cancel };
            ws = (e.render)(&ctx, &mut cw)?;
            Ok::<(), newsconv_core::ExportError>(())
        });
        match res {
            Ok(()) => {
                written.push(path.clone());
                for w in ws.iter().filter(|w| w.level >= Level::Warning) {
                    warnings.push(format!("{}: {}: {}", job.input.display(), e.name, w.message));
                }
            }
            Err(_) if cancel.load(Ordering::Relaxed) => return Outcome::Cancelled,
            Err(crate::output::AtomicError::Io(io)) => {
                failures.push(Failure { input: job.input.clone(), message: format!("{}: {}: cannot write {}: {io}", job.input.display(), e.name, path.display()) })
            }
            Err(crate::output::AtomicError::Render(r)) => {
                failures.push(Failure { input: job.input.clone(), message: format!("{}: {} export failed: {r}", job.input.display(), e.name) })
            }
        }
    }
    Outcome::Done { pages: issue.pages.len(), written, warnings, failures }
}

/// An output `--skip-existing` can keep: a file that is not empty (no format
/// writes an empty file; a system crash before outputs were flushed can
/// leave one).
fn is_output(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| m.is_file() && m.len() > 0)
}

fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::canonicalize(a), std::fs::canonicalize(b)) {
        (Ok(x), Ok(y)) => x == y,
        _ => false,
    }
}

/// How progress is shown.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ProgressMode {
    /// An indicatif bar (for a terminal).
    Bar,
    /// One plain line per issue (for logs).
    Lines,
    /// Only failures.
    Quiet,
}

impl ProgressMode {
    /// `Bar` when standard error is a terminal, `Lines` otherwise, `Quiet` when asked.
    pub fn detect(quiet: bool) -> Self {
        use std::io::IsTerminal;
        if quiet {
            ProgressMode::Quiet
        } else if std::io::stderr().is_terminal() {
            ProgressMode::Bar
        } else {
            ProgressMode::Lines
        }
    }
}

/// Shows a batch's progress on standard error.
pub struct Reporter {
    mode: ProgressMode,
    bar: Option<indicatif::ProgressBar>,
    total: Option<u64>,
    done: AtomicU64,
    pages: AtomicU64,
    start: Instant,
}

impl Reporter {
    /// A reporter for `total` issues (when known).
    pub fn new(mode: ProgressMode, total: Option<u64>) -> Self {
        let bar = (mode == ProgressMode::Bar).then(|| {
            let bar = indicatif::ProgressBar::with_draw_target(total, indicatif::ProgressDrawTarget::stderr_with_hz(8));
            let style = indicatif::ProgressStyle::with_template("{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} issues · {msg} · ETA {eta}")
                .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
                .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message("0 pages");
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Reporter { mode, bar, total, done: AtomicU64::new(0), pages: AtomicU64::new(0), start: Instant::now() }
    }

    /// Print a line without tearing the bar.
    pub fn println(&self, line: &str) {
        match &self.bar {
            Some(b) => b.println(line),
            None => eprintln!("{line}"),
        }
    }

    /// Record one event.
    pub fn event(&self, e: Event<'_>) {
        let n = self.done.fetch_add(1, Ordering::Relaxed) + 1;
        let of = self.total.map(|t| format!("/{t}")).unwrap_or_default();
        if let Event::Done { pages, .. } = e {
            self.pages.fetch_add(pages as u64, Ordering::Relaxed);
        }
        let pages = self.pages.load(Ordering::Relaxed);
        match (&e, self.mode) {
            (Event::Failed { failure }, _) => self.println(&format!("newsconv: [{n}{of}] FAILED {}", failure.message)),
            (Event::Done { failures, .. }, _) if !failures.is_empty() => {
                for f in *failures {
                    self.println(&format!("newsconv: [{n}{of}] FAILED {}", f.message));
                }
            }
            (_, ProgressMode::Quiet) => {}
            (Event::Done { job, pages, written, warnings, .. }, mode) => {
                for w in *warnings {
                    self.println(&format!("newsconv: warning: {w}"));
                }
                if mode == ProgressMode::Lines {
                    eprintln!("newsconv: [{n}{of}] ok {} ({pages} pages, {} files)", job.input.display(), written.len());
                }
            }
            (Event::Skipped { job }, ProgressMode::Lines) => eprintln!("newsconv: [{n}{of}] skipped {} (outputs exist)", job.input.display()),
            (Event::Cancelled { job }, ProgressMode::Lines) => eprintln!("newsconv: [{n}{of}] interrupted {}", job.input.display()),
            _ => {}
        }
        if let Some(b) = &self.bar {
            let secs = self.start.elapsed().as_secs_f64().max(1e-3);
            b.set_position(n);
            b.set_message(format!("{pages} pages, {:.0} pages/s", pages as f64 / secs));
        }
    }

    /// Remove the bar.
    pub fn finish(&self) {
        if let Some(b) = &self.bar {
            b.finish_and_clear();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_keys() {
        let k = |s: &str| page_key(s);
        assert_eq!(k("A07"), Some(("".into(), "".into())));
        assert_eq!(k("fzwb_20240419_A07"), Some(("fzwb_20240419_".into(), "".into())));
        assert_eq!(k("page-1"), Some(("page-".into(), "".into())));
        assert_eq!(k("page12"), Some(("".into(), "".into())));
        assert_eq!(k("第3版"), Some(("第".into(), "版".into())));
        assert_eq!(k("01"), Some(("".into(), "".into())));
        assert_eq!(k("2024-04-19"), None);
        assert_eq!(k("20240419"), None);
        assert_eq!(k("front"), None);
        assert_eq!(k("issue7"), None);
        assert_ne!(k("rmrb_20180102_p07"), k("rmrb_20180105_p07"));
    }

    #[test]
    fn page_folders() {
        let names = |v: &[&str]| v.iter().map(std::ffi::OsString::from).collect::<Vec<_>>();
        assert!(is_page_folder(&names(&["A01.txt", "A02.txt", "B01.txt"]), Layout::Auto));
        assert!(!is_page_folder(&names(&["A01.txt"]), Layout::Auto));
        assert!(is_page_folder(&names(&["A01.txt"]), Layout::Folders));
        assert!(!is_page_folder(&names(&["A01.txt", "A02.txt"]), Layout::Files));
        assert!(!is_page_folder(&names(&["rmrb_20180102_p07.txt", "rmrb_20180105_p07.txt"]), Layout::Auto));
        assert!(!is_page_folder(&names(&["2024-04-19.txt", "2024-04-20.txt"]), Layout::Auto));
        assert!(!is_page_folder(&names(&["A01.txt", "A02.txt", "issue.json"]), Layout::Auto));
    }
}
