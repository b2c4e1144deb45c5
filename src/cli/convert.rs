//! Converting one issue: read it, apply the command line's metadata, and
//! write each chosen format atomically beside the others. `convert` (one
//! input or several) and `batch` both go through [`convert_one`], so an
//! issue is written the same way whichever command asked for it.

use super::args::ConvertArgs;
use super::front::{self, Metadata};
use super::options::{parse_formats, settings};
use super::output::{self, AtomicError, Durability};
use crate::front::Limits;
use anyhow::{bail, Context, Result};
use clap::ArgMatches;
use newsconv_core::{Exporter, Issue, Level, RenderContext, Settings};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicBool, Ordering};

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

/// Everything a conversion needs besides the jobs.
#[derive(Clone)]
pub struct ConvertOptions {
    /// The formats to write, in order.
    pub formats: Vec<&'static Exporter>,
    /// Each exporter's settings, by exporter name (none given: defaults).
    pub settings: BTreeMap<&'static str, Settings>,
    /// Metadata from the command line, applied to every issue.
    pub meta: Metadata,
    /// Parser options.
    pub parse: Limits,
    /// Root of the output tree.
    pub out_root: PathBuf,
    /// Leave an issue alone when all its outputs exist (outputs are written
    /// atomically, so an existing output is a complete one).
    pub skip_existing: bool,
    /// Stop at the first format that fails (one `convert`) rather than
    /// write the others and report it (`batch`, several inputs).
    pub stop_at_failure: bool,
    /// Worker threads for several issues; 0 means one per core.
    pub jobs: usize,
    /// When outputs are flushed to the disk: [`Durability::Deferred`] (one
    /// flush of the output file system when the run ends) or
    /// [`Durability::EachFile`] (`--durable`, and a single `convert`).
    pub durability: Durability,
    /// Render an issue's formats at once, one thread each, and flush their
    /// files concurrently (one `convert` of one input: its formats are all
    /// the work there is). The files are still renamed into place in the
    /// order of `formats`, each after its flush, and a failure still keeps
    /// the formats after it from landing (`stop_at_failure`). A batch
    /// leaves this off: its workers already keep the cores busy.
    pub parallel_formats: bool,
}

/// What became of one issue.
pub enum Outcome {
    /// All its outputs existed (`skip_existing`).
    Skipped,
    /// The cancel flag stopped it; nothing of it was kept.
    Cancelled,
    /// The input could not be read, or its output folder made.
    Failed(Failure),
    /// Converted; `failures` holds the formats that could not be written.
    Done {
        /// Pages in the issue.
        pages: usize,
        /// Articles in the issue.
        articles: usize,
        /// Files written.
        written: Vec<PathBuf>,
        /// Warnings from the exporters, naming input and format.
        warnings: Vec<String>,
        /// Failures of single formats.
        failures: Vec<Failure>,
    },
}

/// Read `job.input` and write every format of it under `opts.out_root`,
/// each atomically. `on_written` hears of each file as it lands, with the
/// exporter's warnings. Never panics on bad input: problems come back in the
/// [`Outcome`], each message naming the input.
pub fn convert_one(job: &Job, opts: &ConvertOptions, cancel: &AtomicBool, on_written: &dyn Fn(&Path, &[String])) -> Outcome {
    if cancel.load(Ordering::Relaxed) {
        return Outcome::Cancelled;
    }
    let outputs: Vec<PathBuf> = opts.formats.iter().map(|e| job.output(&opts.out_root, e)).collect();
    if opts.skip_existing && outputs.iter().all(|p| is_output(p)) {
        return Outcome::Skipped;
    }
    let failed = |message: String| Outcome::Failed(Failure { input: job.input.clone(), message });
    let mut issue = match front::load(&job.input, &limits(opts)) {
        Ok(i) => i,
        Err(e) => return failed(e.to_string()),
    };
    opts.meta.apply(&mut issue);
    let dir = opts.out_root.join(&job.out_dir);
    if let Err(e) = std::fs::create_dir_all(&dir) {
        return failed(format!("{}: cannot create output folder {}: {e}", job.input.display(), dir.display()));
    }
    // Only for an output that refers to the files (the others carry what they show).
    if opts.formats.iter().any(|e| e.assets) {
        if let Err(message) = write_assets(&mut issue, job, &dir) {
            return failed(message);
        }
    }
    let (mut written, mut warnings, mut failures) = (Vec::new(), Vec::new(), Vec::new());
    let todo: Vec<(&Exporter, &PathBuf)> = opts.formats.iter().copied().zip(&outputs).filter(|(_, p)| !(opts.skip_existing && is_output(p))).collect();
    // All formats rendered (and their files flushed) at once, then placed
    // in order below; else each is rendered when its turn comes.
    let mut rendered: Vec<Option<RenderResult>> = if opts.parallel_formats && todo.len() > 1 {
        let issue = &issue;
        std::thread::scope(|s| {
            let handles: Vec<_> = todo.iter().map(|&(e, path)| s.spawn(move || render_format(issue, e, path, &job.input, opts, cancel))).collect();
            handles.into_iter().map(|h| Some(h.join().unwrap_or_else(|p| std::panic::resume_unwind(p)))).collect()
        })
    } else {
        todo.iter().map(|_| None).collect()
    };
    for (k, &(e, path)) in todo.iter().enumerate() {
        if cancel.load(Ordering::Relaxed) {
            return Outcome::Cancelled;
        }
        let r = rendered[k].take().unwrap_or_else(|| render_format(&issue, e, path, &job.input, opts, cancel));
        match r.and_then(|(staged, ws)| place_format(staged, e, path, &job.input, cancel).map(|()| warning_lines(&job.input, e.name, &ws))) {
            Ok(ws) => {
                on_written(path, &ws);
                written.push(path.clone());
                warnings.extend(ws);
            }
            Err(None) => return Outcome::Cancelled,
            Err(Some(message)) => {
                failures.push(Failure { input: job.input.clone(), message });
                if opts.stop_at_failure {
                    break;
                }
            }
        }
    }
    Outcome::Done { pages: issue.pages.len(), articles: issue.pages.iter().map(|p| p.articles.len()).sum(), written, warnings, failures }
}

/// The parser's limits, asking the front end for the front page as a
/// picture when a format to write shows it.
fn limits(opts: &ConvertOptions) -> Limits {
    let mut l = opts.parse.clone();
    l.pdf.cover = opts.formats.iter().any(|e| e.cover);
    l
}

/// The image bytes of `issue` into `DIR/STEM.assets/` (whole or not at
/// all), before any output that names them, and the folder's name into
/// the issue so the outputs can point at the files. Nothing without images.
fn write_assets(issue: &mut Issue, job: &Job, dir: &Path) -> Result<(), String> {
    let files: Vec<(&str, &[u8])> = issue
        .pages
        .iter()
        .flat_map(|p| p.images.iter())
        .filter_map(|i| Some((i.file.as_deref()?, i.data.as_deref()?)))
        .collect();
    if files.is_empty() {
        return Ok(());
    }
    let name = format!("{}.assets", job.stem);
    let path = dir.join(&name);
    output::write_files_atomic(&path, &files).map_err(|e| format!("{}: cannot write {}: {e}", job.input.display(), path.display()))?;
    issue.assets = Some(name);
    Ok(())
}

/// One format rendered: its file written (and flushed, as `durability`
/// asks) under a temporary name, or a package's ZIP stream, with the
/// exporter's diagnostics; `Err(None)` means cancelled, `Err(Some(why))`
/// failed.
type RenderResult = Result<(Rendered, Vec<newsconv_core::Diagnostic>), Option<String>>;

/// A format rendered and not yet in place.
enum Rendered {
    /// A file beside its final name.
    File(output::Staged),
    /// A package's files as a ZIP stream, unpacked into place whole.
    Folder(Vec<u8>),
}

/// Render one format of `issue` for `path` (the input is never
/// overwritten: a `path` that is the input, also through a link, is
/// refused). [`place_format`] puts it in place.
fn render_format(issue: &Issue, e: &Exporter, path: &Path, input: &Path, opts: &ConvertOptions, cancel: &AtomicBool) -> RenderResult {
    // A package read back is inside the folder its package output replaces.
    let inside = e.folder && std::fs::canonicalize(input).ok().zip(std::fs::canonicalize(path).ok()).is_some_and(|(i, p)| i.starts_with(p));
    if same_file(path, input) || inside {
        return Err(Some(format!("{}: refusing to overwrite the input {} with {} output", path.display(), input.display(), e.name)));
    }
    let no_settings = Settings::new();
    let ctx = RenderContext { issue, settings: opts.settings.get(e.name).unwrap_or(&no_settings), input: Some(input) };
    let mut ws = Vec::new();
    let res = if e.folder {
        // A package: its files come as a ZIP stream, unpacked into place whole by place_format.
        let mut zip = Vec::new();
        let mut cw = CancelWriter { inner: &mut zip, cancel };
        match (e.render)(&ctx, &mut cw) {
            Ok(w) => {
                ws = w;
                Ok(Rendered::Folder(zip))
            }
            Err(r) => Err(AtomicError::Render(r)),
        }
    } else {
        output::stage_atomic(path, opts.durability, |w| {
            let mut cw = CancelWriter { inner: w, cancel };
            ws = (e.render)(&ctx, &mut cw)?;
            Ok::<(), newsconv_core::ExportError>(())
        })
        .map(Rendered::File)
    };
    res.map(|r| (r, ws)).map_err(|err| format_failure(err, e, path, input, cancel))
}

/// Put a rendered format in place at `path`: a file renamed, a package unpacked.
fn place_format(r: Rendered, e: &Exporter, path: &Path, input: &Path, cancel: &AtomicBool) -> Result<(), Option<String>> {
    let res = match r {
        Rendered::File(staged) => staged.persist(path),
        Rendered::Folder(zip) => output::write_folder_atomic(path, &zip),
    };
    res.map_err(|io| format_failure(AtomicError::<newsconv_core::ExportError>::Io(io), e, path, input, cancel))
}

fn format_failure(err: AtomicError<newsconv_core::ExportError>, e: &Exporter, path: &Path, input: &Path, cancel: &AtomicBool) -> Option<String> {
    match err {
        _ if cancel.load(Ordering::Relaxed) => None,
        AtomicError::Io(io) => Some(format!("{}: {}: cannot write {}: {io}", input.display(), e.name, path.display())),
        AtomicError::Render(r) => Some(format!("{}: {} export failed: {r}", input.display(), e.name)),
    }
}

/// An exporter's warnings (not its notes) as `input: format: message` lines.
pub fn warning_lines(input: &Path, format: &str, diagnostics: &[newsconv_core::Diagnostic]) -> Vec<String> {
    diagnostics.iter().filter(|w| w.level >= Level::Warning).map(|w| format!("{}: {format}: {}", input.display(), w.message)).collect()
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

/// An output `--skip-existing` can keep: a file that is not empty (no format
/// writes an empty file; a system crash before outputs were flushed can
/// leave one).
fn is_output(p: &Path) -> bool {
    std::fs::metadata(p).is_ok_and(|m| (m.is_file() && m.len() > 0) || m.is_dir())
}

/// True when both paths exist and are the same file, also through hard or
/// symbolic links (same device and inode; elsewhere than Unix, the same
/// canonical path, which misses hard links).
pub fn same_file(a: &Path, b: &Path) -> bool {
    match (std::fs::metadata(a), std::fs::metadata(b)) {
        #[cfg(unix)]
        (Ok(x), Ok(y)) => {
            use std::os::unix::fs::MetadataExt;
            x.dev() == y.dev() && x.ino() == y.ino()
        }
        #[cfg(not(unix))]
        (Ok(_), Ok(_)) => matches!((std::fs::canonicalize(a), std::fs::canonicalize(b)), (Ok(x), Ok(y)) if x == y),
        _ => false,
    }
}

/// The file stem for outputs: the input's file name without extensions we
/// recognise, with anything that could leave the output folder replaced.
/// A package's `NAME.mets/mets.xml` (or its folder) gives `NAME`.
pub fn output_stem(input: &Path) -> String {
    let package = input.parent().filter(|_| input.file_name().is_some_and(|n| n == "mets.xml"));
    let input = package.filter(|p| p.extension().is_some_and(|e| e == "mets")).unwrap_or(input);
    let name = input.file_name().map(|n| n.to_string_lossy().into_owned()).unwrap_or_else(|| "issue".into());
    let mut stem = name.as_str();
    for ext in [".newsml.xml", ".json", ".txt", ".xml", ".pdf", ".mets"] {
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

/// The `convert` command: one input written beside itself in the output
/// folder (or one format to standard output), several inputs converted in
/// parallel as a batch of their own.
pub(crate) fn convert(args: ConvertArgs, m: &ArgMatches) -> Result<()> {
    let formats = parse_formats(&args.common.to)?;
    let settings = settings(m, &args.common.format_opts.set)?;
    let to_stdout = args.output == "-";
    if to_stdout && (formats.len() != 1 || args.inputs.len() != 1) {
        bail!("`-o -` writes exactly one format of one input to standard output; choose one with --to");
    }
    let out_root = PathBuf::from(&args.output);
    if !to_stdout {
        std::fs::create_dir_all(&out_root).with_context(|| format!("{}: cannot create output folder", out_root.display()))?;
    }
    let opts = ConvertOptions {
        formats,
        settings,
        meta: args.common.meta.metadata(),
        parse: args.common.limits.parse_options(args.common.meta.language.as_deref()),
        out_root,
        skip_existing: args.common.run.skip_existing,
        stop_at_failure: false,
        jobs: args.common.run.jobs,
        durability: args.common.run.durability(),
        parallel_formats: false,
    };
    match args.inputs.as_slice() {
        [input] if to_stdout => to_standard_output(input, &opts),
        // One input: every file flushed before it is renamed, the first failure ends the run.
        [input] => convert_single(input, ConvertOptions { skip_existing: false, stop_at_failure: true, durability: Durability::EachFile, parallel_formats: true, ..opts }),
        inputs => super::batch::convert_many(inputs, opts, &args.common.run),
    }
}

/// One input into the output folder, saying what it wrote.
fn convert_single(input: &Path, opts: ConvertOptions) -> Result<()> {
    let job = Job { input: input.to_path_buf(), out_dir: PathBuf::new(), stem: output_stem(input) };
    let on_written = |path: &Path, warnings: &[String]| {
        for w in warnings {
            eprintln!("newsconv: warning: {w}");
        }
        eprintln!("wrote {}", path.display());
    };
    match convert_one(&job, &opts, &AtomicBool::new(false), &on_written) {
        Outcome::Failed(f) => bail!(f.message),
        Outcome::Done { failures, .. } => match failures.into_iter().next() {
            Some(f) => bail!(f.message),
            None => Ok(()),
        },
        Outcome::Skipped | Outcome::Cancelled => Ok(()),
    }
}

/// `-o -`: the one format of the one input, rendered whole before any of
/// it reaches standard output.
fn to_standard_output(input: &Path, opts: &ConvertOptions) -> Result<()> {
    let mut issue = front::load(input, &limits(opts))?;
    opts.meta.apply(&mut issue);
    let no_settings = Settings::new();
    for e in &opts.formats {
        let ctx = RenderContext { issue: &issue, settings: opts.settings.get(e.name).unwrap_or(&no_settings), input: None };
        let mut buf = Vec::new();
        let warnings = (e.render)(&ctx, &mut buf).with_context(|| format!("{}: {} export failed", input.display(), e.name))?;
        for w in warning_lines(input, e.name, &warnings) {
            eprintln!("newsconv: warning: {w}");
        }
        std::io::stdout().write_all(&buf).context("writing to standard output")?;
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_file_sees_through_hard_and_symbolic_links() {
        let dir = tempfile::tempdir().unwrap();
        let a = dir.path().join("a.json");
        std::fs::write(&a, "x").unwrap();
        let hard = dir.path().join("hard.json");
        std::fs::hard_link(&a, &hard).unwrap();
        assert!(same_file(&a, &hard), "a hard link is the same file");
        #[cfg(unix)]
        {
            let soft = dir.path().join("soft.json");
            std::os::unix::fs::symlink(&a, &soft).unwrap();
            assert!(same_file(&soft, &a), "a symbolic link is the same file");
        }
        let other = dir.path().join("b.json");
        std::fs::write(&other, "x").unwrap();
        assert!(!same_file(&a, &other));
        assert!(!same_file(&a, &dir.path().join("missing.json")), "a path that does not exist is no file");
    }

    #[test]
    fn output_stems_stay_in_the_output_folder() {
        assert_eq!(output_stem(Path::new("/x/rmrb_20180102_p07.txt")), "rmrb_20180102_p07");
        assert_eq!(output_stem(Path::new("issue.newsml.xml")), "issue");
        assert_eq!(output_stem(Path::new("/x/rmrb_20180102_p07.mets/mets.xml")), "rmrb_20180102_p07");
        assert_eq!(output_stem(Path::new("/x/rmrb_20180102_p07.mets")), "rmrb_20180102_p07");
        assert_eq!(output_stem(Path::new("/x/mets.xml")), "mets");
        assert_eq!(output_stem(Path::new(".hidden.txt")), "hidden");
        assert_eq!(output_stem(Path::new("/")), "issue");
        assert!(output_stem(Path::new(&"长".repeat(100))).len() <= 200);
    }
}
