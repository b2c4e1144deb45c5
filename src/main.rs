//! The `newsconv` command line.

use anyhow::{anyhow, bail, Context, Result};
use clap::{Arg, ArgAction, ArgMatches, CommandFactory, FromArgMatches, Parser, Subcommand};
use newsconv::batch::output_stem;
use newsconv::input::{self, Metadata};
use newsconv::parse::ParseOptions;
use newsconv_core::{exporters, find_exporter, Exporter, Issue, IssueDate, Level, RenderContext, Settings};
use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::ExitCode;

#[derive(Parser)]
#[command(name = "newsconv", version, about = "Convert a newspaper issue to EPUB 3, print PDF, NewsML-G2 and JSON")]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Convert issues (text, a folder of page files, or our JSON/NewsML) to the chosen formats.
    Convert(ConvertArgs),
    /// Print an outline of an issue: pages, articles, warnings with input lines.
    Inspect {
        /// The input file or folder.
        input: PathBuf,
    },
    /// List the registered output formats.
    Formats {
        /// Also list each format's options (`--set FORMAT.KEY=VALUE`).
        #[arg(long)]
        options: bool,
    },
    /// Convert every issue found in a folder tree, in parallel, into an output tree that mirrors it.
    Batch(BatchArgs),
}

#[derive(clap::Args)]
struct ConvertArgs {
    /// Input files or folders of page files.
    #[arg(required = true)]
    inputs: Vec<PathBuf>,
    /// Output formats: a comma-separated list, or `all`.
    #[arg(long = "to", default_value = "all")]
    to: String,
    /// Output folder (`-` writes a single format to standard output).
    #[arg(short = 'o', long = "output", default_value = "out")]
    output: String,
    #[command(flatten)]
    meta: MetaArgs,
    #[command(flatten)]
    format_opts: FormatArgs,
    #[command(flatten)]
    limits: LimitArgs,
    #[command(flatten)]
    run: RunArgs,
}

#[derive(clap::Args)]
struct BatchArgs {
    /// The folder to convert: every issue in it and below (a text file, our JSON/NewsML, a folder of page files).
    root: PathBuf,
    /// Output formats: a comma-separated list, or `all`.
    #[arg(long = "to", default_value = "all")]
    to: String,
    /// Output folder; the input tree is mirrored below it.
    #[arg(short = 'o', long = "output", default_value = "out")]
    output: PathBuf,
    /// Which folders are one issue made of page files: auto (by file names), files (none), folders (every folder without subfolders).
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    layout: LayoutArg,
    #[command(flatten)]
    run: RunArgs,
    #[command(flatten)]
    meta: MetaArgs,
    #[command(flatten)]
    format_opts: FormatArgs,
    #[command(flatten)]
    limits: LimitArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
enum LayoutArg {
    Auto,
    Files,
    Folders,
}

/// How several issues are run (convert with several inputs, and batch).
#[derive(clap::Args)]
struct RunArgs {
    /// Issues converted at once (default: one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    jobs: usize,
    /// Leave an issue alone when all its outputs exist (resumes an interrupted run).
    #[arg(long)]
    skip_existing: bool,
    /// No progress; print only failures (and the summary when something failed).
    #[arg(short, long)]
    quiet: bool,
    /// Flush every output to disk before renaming it into place (one disk
    /// flush per file; slow on real disks). By default the outputs are
    /// flushed all at once when the run ends (Linux; elsewhere always per file).
    #[arg(long)]
    durable: bool,
}

impl RunArgs {
    fn durability(&self) -> newsconv::output::Durability {
        if self.durable {
            newsconv::output::Durability::EachFile
        } else {
            newsconv::output::Durability::Deferred
        }
    }
}

#[derive(clap::Args)]
struct LimitArgs {
    /// Refuse inputs with more pages than this.
    #[arg(long, default_value_t = ParseOptions::default().max_pages)]
    max_pages: usize,
    /// Refuse inputs larger than this many MiB (at most 4095).
    #[arg(long, default_value_t = ParseOptions::default().max_input_bytes >> 20, value_parser = clap::value_parser!(u64).range(1..=4095))]
    max_input_mb: u64,
}

impl LimitArgs {
    fn parse_options(&self) -> ParseOptions {
        ParseOptions { max_pages: self.max_pages, max_input_bytes: self.max_input_mb << 20, ..ParseOptions::default() }
    }
}

/// Exporter options: `--set NAME.KEY=VALUE`, plus the flags the exporters
/// declare (added at run time by [`command`]; read by [`settings`]).
#[derive(clap::Args)]
struct FormatArgs {
    /// An exporter's option, as FORMAT.KEY=VALUE (e.g. pdf.paper=a3); `newsconv formats --options` lists them.
    #[arg(long = "set", value_name = "FORMAT.KEY=VALUE")]
    set: Vec<String>,
}

#[derive(clap::Args)]
struct MetaArgs {
    /// Paper name.
    #[arg(long)]
    title: Option<String>,
    /// Issue date (YYYY-MM-DD, a real calendar day).
    #[arg(long, value_parser = parse_date)]
    date: Option<IssueDate>,
    /// Publisher.
    #[arg(long)]
    publisher: Option<String>,
    /// Edition.
    #[arg(long)]
    edition: Option<String>,
    /// Language tag (default zh-CN).
    #[arg(long)]
    language: Option<String>,
}

impl MetaArgs {
    fn metadata(&self) -> Metadata {
        Metadata {
            title: self.title.clone(),
            date: self.date,
            publisher: self.publisher.clone(),
            edition: self.edition.clone(),
            language: self.language.clone(),
        }
    }
}

fn parse_date(s: &str) -> Result<IssueDate, String> {
    s.parse().map_err(|e: newsconv_core::DateError| e.to_string())
}

/// The command line: the derived arguments plus every flag an exporter
/// declares, on `convert` and `batch`. Two exporters declaring one flag is
/// a build mistake, refused here rather than left to clap.
fn command() -> Result<clap::Command> {
    let mut flags: Vec<(&str, &str)> = Vec::new();
    for e in exporters() {
        for o in e.options.iter().filter_map(|o| o.flag.map(|f| (f, o))) {
            if let Some((_, other)) = flags.iter().find(|(f, _)| *f == o.0) {
                bail!("exporters {other} and {} both declare the flag --{}", e.name, o.0);
            }
            flags.push((o.0, e.name));
        }
    }
    let mut cmd = Cli::command();
    for sub in ["convert", "batch"] {
        cmd = cmd.mut_subcommand(sub, |mut c| {
            for e in exporters() {
                for o in e.options {
                    let Some(flag) = o.flag else { continue };
                    let arg = Arg::new(format!("{}.{}", e.name, o.key)).long(flag).help(o.help).help_heading("Format options");
                    c = c.arg(if o.switch { arg.action(ArgAction::SetTrue) } else { arg.value_name("VALUE").action(ArgAction::Set) });
                }
            }
            c
        });
    }
    Ok(cmd)
}

/// Each exporter's settings from `--set` and the exporters' own flags,
/// checked by the exporter before anything is converted.
fn settings(m: &ArgMatches, sets: &[String]) -> Result<BTreeMap<&'static str, Settings>> {
    let mut out: BTreeMap<&'static str, Settings> = BTreeMap::new();
    for e in exporters() {
        for o in e.options.iter().filter(|o| o.flag.is_some()) {
            let id = format!("{}.{}", e.name, o.key);
            let value = if o.switch { m.get_flag(&id).then(|| "true".to_string()) } else { m.get_one::<String>(&id).cloned() };
            if let Some(v) = value {
                out.entry(e.name).or_default().insert(o.key, v);
            }
        }
    }
    for s in sets {
        let (name, rest) = s.split_once('.').ok_or_else(|| anyhow!("--set {s}: expected FORMAT.KEY=VALUE"))?;
        let (key, value) = rest.split_once('=').ok_or_else(|| anyhow!("--set {s}: expected FORMAT.KEY=VALUE"))?;
        let e = find_exporter(name).ok_or_else(|| anyhow!("--set {s}: unknown format `{name}`"))?;
        if !e.options.iter().any(|o| o.key == key) {
            let known: Vec<_> = e.options.iter().map(|o| o.key).collect();
            bail!("--set {s}: {name} has no option `{key}` (known: {})", if known.is_empty() { "none".into() } else { known.join(", ") });
        }
        out.entry(e.name).or_default().insert(key, value);
    }
    for (name, s) in &out {
        let e = find_exporter(name).expect("settings are only made for registered exporters");
        (e.check)(s).map_err(|err| anyhow!("{name}: {err}"))?;
    }
    Ok(out)
}

fn main() -> ExitCode {
    newsconv::link_plugins();
    let matches = match command() {
        Ok(c) => c.get_matches(),
        Err(e) => {
            eprintln!("newsconv: error: {e:#}");
            return ExitCode::FAILURE;
        }
    };
    let cli = Cli::from_arg_matches(&matches).unwrap_or_else(|e| e.exit());
    let sub = matches.subcommand().map(|(_, m)| m);
    let result = match cli.command {
        Command::Convert(args) => sub.ok_or_else(|| anyhow!("no subcommand")).and_then(|m| convert(args, m)),
        Command::Inspect { input } => inspect(&input),
        Command::Formats { options } => {
            formats(options);
            Ok(())
        }
        Command::Batch(args) => sub.ok_or_else(|| anyhow!("no subcommand")).and_then(|m| batch(args, m)),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(e) if e.is::<BatchExit>() => ExitCode::from(e.downcast_ref::<BatchExit>().map_or(1, |b| b.0)),
        Err(e) => {
            eprintln!("newsconv: error: {e:#}");
            ExitCode::FAILURE
        }
    }
}

fn formats(options: bool) {
    for e in exporters() {
        println!("{:<8} .{:<12} {:<24} {}", e.name, e.extension, e.media_type, e.description);
        for o in e.options.iter().filter(|_| options) {
            let flag = o.flag.map(|f| format!(" (--{f})")).unwrap_or_default();
            println!("{:<8}   --set {}.{}=…{flag}: {}", "", e.name, o.key, o.help);
        }
    }
}

fn parse_formats(to: &str) -> Result<Vec<&'static Exporter>> {
    if to.trim() == "all" {
        return Ok(exporters());
    }
    let mut out: Vec<&'static Exporter> = Vec::new();
    for name in to.split(',').map(str::trim).filter(|s| !s.is_empty()) {
        let e = find_exporter(name).ok_or_else(|| {
            let known: Vec<_> = exporters().iter().map(|e| e.name).collect();
            anyhow!("unknown format `{name}` (known: {})", known.join(", "))
        })?;
        if !out.iter().any(|x| x.name == e.name) {
            out.push(e);
        }
    }
    if out.is_empty() {
        bail!("no output format given");
    }
    Ok(out)
}

fn convert(args: ConvertArgs, m: &ArgMatches) -> Result<()> {
    let formats = parse_formats(&args.to)?;
    let meta = args.meta.metadata();
    let settings = settings(m, &args.format_opts.set)?;
    let no_settings = Settings::new();
    let to_stdout = args.output == "-";
    if to_stdout && (formats.len() != 1 || args.inputs.len() != 1) {
        bail!("`-o -` writes exactly one format of one input to standard output; choose one with --to");
    }
    let outdir = PathBuf::from(&args.output);
    if !to_stdout {
        std::fs::create_dir_all(&outdir).with_context(|| format!("{}: cannot create output folder", outdir.display()))?;
    }
    let parse_options = args.limits.parse_options();
    if args.inputs.len() > 1 {
        return convert_many(&args, formats, meta, settings, parse_options);
    }
    for input in &args.inputs {
        let mut issue = input::load(input, &parse_options)?;
        meta.apply(&mut issue);
        let stem = output_stem(input);
        for e in &formats {
            let ctx = RenderContext { issue: &issue, settings: settings.get(e.name).unwrap_or(&no_settings) };
            if to_stdout {
                let mut buf = Vec::new();
                let warnings = (e.render)(&ctx, &mut buf).with_context(|| format!("{}: {} export failed", input.display(), e.name))?;
                report(input, e.name, &warnings);
                std::io::stdout().write_all(&buf).context("writing to standard output")?;
                continue;
            }
            let path = outdir.join(format!("{stem}.{}", e.extension));
            if let Some(clash) = args.inputs.iter().find(|i| same_file(&path, i)) {
                bail!("{}: refusing to overwrite the input {} with {} output", path.display(), clash.display(), e.name);
            }
            let mut warnings = Vec::new();
            newsconv::output::write_atomic(&path, |w| (e.render)(&ctx, w).map(|ws| warnings = ws)).map_err(|err| match err {
                newsconv::output::AtomicError::Io(io) => anyhow!("{}: cannot write: {io}", path.display()),
                newsconv::output::AtomicError::Render(r) => anyhow!("{}: {} export failed: {r}", input.display(), e.name),
            })?;
            report(input, e.name, &warnings);
            eprintln!("wrote {}", path.display());
        }
    }
    Ok(())
}

/// True when both paths exist and are the same file (also through hard or
/// symbolic links).
/// The exit code of a batch that ran but did not fully succeed (the summary is printed already).
#[derive(Debug)]
struct BatchExit(u8);

impl std::fmt::Display for BatchExit {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "batch exit code {}", self.0)
    }
}

impl std::error::Error for BatchExit {}

/// Raised by Ctrl-C (or SIGTERM): no new issue starts, in-flight writes are abandoned.
static CANCEL: std::sync::atomic::AtomicBool = std::sync::atomic::AtomicBool::new(false);

fn install_interrupt_handler() {
    use std::sync::atomic::Ordering;
    let _ = ctrlc::set_handler(|| {
        if CANCEL.swap(true, Ordering::SeqCst) {
            eprintln!("newsconv: interrupted again: exiting now (temporary .newsconv-*.tmp files may be left)");
            std::process::exit(130);
        }
        eprintln!("newsconv: interrupted: stopping, no partial files are kept (Ctrl-C again to exit at once)");
    });
}

/// `convert` with several inputs: converted in parallel, outputs side by side
/// in OUTDIR, a bad input reported and skipped.
fn convert_many(args: &ConvertArgs, formats: Vec<&'static Exporter>, meta: Metadata, settings: BTreeMap<&'static str, Settings>, parse: ParseOptions) -> Result<()> {
    let outdir = PathBuf::from(&args.output);
    let mut stems: std::collections::BTreeMap<String, &Path> = std::collections::BTreeMap::new();
    let mut jobs = Vec::new();
    for input in &args.inputs {
        let stem = output_stem(input);
        if let Some(other) = stems.insert(stem.clone(), input) {
            bail!("{} and {} would both write {}/{stem}.*: convert them separately or use `newsconv batch`", other.display(), input.display(), outdir.display());
        }
        for e in &formats {
            let path = outdir.join(format!("{stem}.{}", e.extension));
            if let Some(clash) = args.inputs.iter().find(|i| same_file(&path, i)) {
                bail!("{}: refusing to overwrite the input {} with {} output", path.display(), clash.display(), e.name);
            }
        }
        jobs.push(newsconv::batch::Job { input: input.clone(), out_dir: PathBuf::new(), stem });
    }
    let total = jobs.len() as u64;
    let opts = newsconv::batch::BatchOptions { formats, settings, meta, parse, out_root: outdir, skip_existing: args.run.skip_existing, jobs: args.run.jobs, durability: args.run.durability() };
    run_jobs(jobs.into_iter().map(Ok), Some(total), &opts, &args.run)
}

fn batch(args: BatchArgs, m: &ArgMatches) -> Result<()> {
    use newsconv::batch::{discover, DiscoverOptions, Layout};
    let formats = parse_formats(&args.to)?;
    let meta = args.meta.metadata();
    if meta.date.is_some() {
        bail!("--date names the date of one issue; `batch` converts many (give it to `convert`)");
    }
    std::fs::metadata(&args.root).with_context(|| format!("{}: cannot read", args.root.display()))?;
    std::fs::create_dir_all(&args.output).with_context(|| format!("{}: cannot create output folder", args.output.display()))?;
    let layout = match args.layout {
        LayoutArg::Auto => Layout::Auto,
        LayoutArg::Files => Layout::Files,
        LayoutArg::Folders => Layout::Folders,
    };
    let discover_opts = DiscoverOptions { layout, exclude: Some(args.output.clone()), stem: output_stem };
    // Counting first (names only) gives the progress bar its length and time left.
    let total = (!args.run.quiet).then(|| discover(&args.root, discover_opts.clone()).count() as u64);
    let opts = newsconv::batch::BatchOptions {
        formats,
        settings: settings(m, &args.format_opts.set)?,
        meta,
        parse: args.limits.parse_options(),
        out_root: args.output.clone(),
        skip_existing: args.run.skip_existing,
        jobs: args.run.jobs,
        durability: args.run.durability(),
    };
    run_jobs(discover(&args.root, discover_opts), total, &opts, &args.run)
}

fn run_jobs<I>(jobs: I, total: Option<u64>, opts: &newsconv::batch::BatchOptions, run: &RunArgs) -> Result<()>
where
    I: Iterator<Item = Result<newsconv::batch::Job, newsconv::batch::Failure>> + Send,
{
    use newsconv::batch::{ProgressMode, Reporter};
    install_interrupt_handler();
    let reporter = Reporter::new(ProgressMode::detect(run.quiet), total);
    let summary = newsconv::batch::run(jobs, opts, &CANCEL, &|e| reporter.event(e));
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

fn same_file(a: &Path, b: &Path) -> bool {
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

fn report(input: &Path, format: &str, warnings: &[newsconv_core::Diagnostic]) {
    for w in warnings.iter().filter(|w| w.level >= Level::Warning) {
        eprintln!("newsconv: warning: {}: {format}: {}", input.display(), w.message);
    }
}

fn inspect(input: &Path) -> Result<()> {
    let issue = input::load(input, &ParseOptions::default())?;
    print!("{}", outline(&issue));
    Ok(())
}

fn outline(issue: &Issue) -> String {
    use std::fmt::Write as _;
    let mut s = String::new();
    let _ = writeln!(s, "issue: {} pages, {} articles", issue.pages.len(), issue.articles().count());
    for p in &issue.pages {
        let _ = writeln!(s, "page {}{}{}", p.number, p.label.as_deref().map(|l| format!(" [{l}]")).unwrap_or_default(), p.section.as_deref().map(|l| format!(" {l}")).unwrap_or_default());
        for f in &p.furniture {
            let _ = writeln!(s, "  furniture {:<8} {}{}", f.kind, f.text, f.line.map(|l| format!("  (line {l})")).unwrap_or_default());
        }
        for a in &p.articles {
            let (title, made) = a.title();
            let lines = a.source.map(|s| format!(" lines {}-{}", s.start, s.end)).unwrap_or_default();
            let _ = writeln!(s, "  {} {}{}{}", a.id, if made { "(untitled) " } else { "" }, title, lines);
            if let Some(k) = &a.kicker {
                let _ = writeln!(s, "      kicker: {k}");
            }
            if let Some(c) = &a.column {
                let _ = writeln!(s, "      column: {c}");
            }
            if let Some(sh) = &a.subheadline {
                let _ = writeln!(s, "      subheadline: {sh}");
            }
            if let Some(b) = &a.byline {
                let _ = writeln!(s, "      byline: {}", b.text);
            }
            let count = |k: newsconv_core::BlockKind| a.blocks.iter().filter(|b| b.kind == k).count();
            let (paras, heads) = (count(newsconv_core::BlockKind::Paragraph), count(newsconv_core::BlockKind::Heading));
            let notes = match count(newsconv_core::BlockKind::Note) {
                0 => String::new(),
                n => format!(", {n} end note{}", if n == 1 { "" } else { "s" }),
            };
            let _ = writeln!(s, "      {paras} paragraphs, {heads} headings{notes}, {} captions{}", a.captions.len(), a.confidence.map(|c| format!(", confidence {c}%")).unwrap_or_default());
            if let Some(j) = &a.continued_to {
                let _ = writeln!(s, "      continued to page {}", j.page.map(|p| p.to_string()).unwrap_or_else(|| "?".into()));
            }
            if let Some(j) = &a.continued_from {
                let _ = writeln!(s, "      continued from page {}", j.page.map(|p| p.to_string()).unwrap_or_else(|| "?".into()));
            }
            for d in &a.diagnostics {
                let _ = writeln!(s, "      {:?}: {}{}", d.level, d.message, d.line.map(|l| format!(" (line {l})")).unwrap_or_default());
            }
        }
        for u in &p.unassigned {
            let _ = writeln!(s, "  unassigned: {}{}", u.text, u.line.map(|l| format!(" (line {l})")).unwrap_or_default());
        }
        for d in &p.diagnostics {
            let _ = writeln!(s, "  {:?}: {}{}", d.level, d.message, d.line.map(|l| format!(" (line {l})")).unwrap_or_default());
        }
    }
    s
}
