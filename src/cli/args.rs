//! The command line's arguments (clap derive). The exporters' own flags
//! are not here: [`super::options::command`] adds them at run time.

use super::front::Metadata;
use super::output::Durability;
use crate::front::ocr::{OcrMode, OcrOptions};
use crate::front::Limits;
use clap::{Parser, Subcommand};
use newsconv_core::IssueDate;
use std::path::PathBuf;

#[derive(Parser)]
#[command(
    name = "newsconv",
    version,
    about = "Convert a newspaper issue to EPUB 3, print PDF, NewsML-G2 and JSON"
)]
pub(crate) struct Cli {
    #[command(subcommand)]
    pub(crate) command: Command,
}

#[derive(Subcommand)]
pub(crate) enum Command {
    /// Convert issues (text, a folder of page files, or our JSON/NewsML) to the chosen formats.
    Convert(ConvertArgs),
    /// Print an outline of an issue: pages, articles, warnings with input lines.
    Inspect {
        /// The input file or folder.
        input: PathBuf,
        /// Draw what the layout read on a page PDF (regions, block roles,
        /// article outlines over the rendered page) into this SVG file.
        #[arg(long, value_name = "OUT.svg")]
        svg: Option<PathBuf>,
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
pub(crate) struct ConvertArgs {
    /// Input files or folders of page files.
    #[arg(required = true)]
    pub(crate) inputs: Vec<PathBuf>,
    /// Output folder (`-` writes a single format to standard output).
    #[arg(short = 'o', long = "output", default_value = "out")]
    pub(crate) output: String,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

#[derive(clap::Args)]
pub(crate) struct BatchArgs {
    /// The folder to convert: every issue in it and below (a text file, our JSON/NewsML, a folder of page files).
    pub(crate) root: PathBuf,
    /// Output folder; the input tree is mirrored below it.
    #[arg(short = 'o', long = "output", default_value = "out")]
    pub(crate) output: PathBuf,
    /// Which folders are one issue made of page files: auto (by file names), files (none), folders (every folder without subfolders).
    #[arg(long, value_enum, default_value_t = LayoutArg::Auto)]
    pub(crate) layout: LayoutArg,
    /// Convert only shard K of N (1-based): the issues whose stable hash (FNV-1a 64) of their path relative to ROOT falls in shard K, so N machines given K = 1…N cover every issue exactly once.
    #[arg(long, value_name = "K/N")]
    pub(crate) shard: Option<super::batch::shard::Shard>,
    /// Take the issue paths from this file (one a line, relative to ROOT or absolute; `-` for standard input) instead of walking ROOT.
    #[arg(long, value_name = "FILE")]
    pub(crate) files_from: Option<PathBuf>,
    /// Write one JSON line per issue (path, status, outputs with sizes and SHA-256, pages, articles, warnings, ms) to this file, sorted by path.
    #[arg(long, value_name = "FILE.jsonl")]
    pub(crate) manifest: Option<PathBuf>,
    /// Print the issues found below ROOT (in the shard, with --shard), one path relative to ROOT a line, and convert nothing: the list --files-from takes, for engines that distribute the work themselves.
    #[arg(long)]
    pub(crate) list_issues: bool,
    #[command(flatten)]
    pub(crate) common: CommonArgs,
}

/// What `convert` and `batch` share: the formats and their options, the
/// metadata, the input limits and how several issues are run.
#[derive(clap::Args)]
pub(crate) struct CommonArgs {
    /// Output formats: a comma-separated list, or `all`.
    #[arg(long = "to", default_value = "all")]
    pub(crate) to: String,
    #[command(flatten)]
    pub(crate) meta: MetaArgs,
    #[command(flatten)]
    pub(crate) format_opts: FormatArgs,
    #[command(flatten)]
    pub(crate) limits: LimitArgs,
    #[command(flatten)]
    pub(crate) run: RunArgs,
}

#[derive(Clone, Copy, clap::ValueEnum)]
pub(crate) enum LayoutArg {
    Auto,
    Files,
    Folders,
}

/// How several issues are run (convert with several inputs, and batch).
#[derive(clap::Args)]
pub(crate) struct RunArgs {
    /// Issues converted at once (default: one per core).
    #[arg(short = 'j', long, default_value_t = 0)]
    pub(crate) jobs: usize,
    /// Leave an issue alone when all its outputs exist (resumes an interrupted run).
    #[arg(long)]
    pub(crate) skip_existing: bool,
    /// No progress; print only failures (and the summary when something failed).
    #[arg(short, long)]
    pub(crate) quiet: bool,
    /// Flush every output to disk before renaming it into place (one disk
    /// flush per file; slow on real disks). By default the outputs are
    /// flushed all at once when the run ends (Linux; elsewhere always per file).
    #[arg(long)]
    pub(crate) durable: bool,
}

impl RunArgs {
    pub(crate) fn durability(&self) -> Durability {
        if self.durable {
            Durability::EachFile
        } else {
            Durability::Deferred
        }
    }
}

#[derive(clap::Args)]
pub(crate) struct LimitArgs {
    /// Refuse inputs with more pages than this.
    #[arg(long, default_value_t = Limits::default().max_pages)]
    pub(crate) max_pages: usize,
    /// Refuse inputs larger than this many MiB (at most 4095).
    #[arg(long, default_value_t = Limits::default().max_input_bytes >> 20, value_parser = clap::value_parser!(u64).range(1..=4095))]
    pub(crate) max_input_mb: u64,
    /// Leave a PDF page unread (with an error on that page) when its content streams decode to more MiB than this.
    #[arg(long, default_value_t = Limits::default().pdf.budget.content_bytes >> 20, value_parser = clap::value_parser!(u64).range(1..=65536))]
    pub(crate) max_page_content_mb: u64,
    /// Leave a PDF page unread (with an error on that page) when its content streams hold more operators than this.
    #[arg(long, default_value_t = Limits::default().pdf.budget.operators, value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_page_operators: u64,
    /// Leave a PDF page unread when it draws more glyphs than this.
    #[arg(long, default_value_t = Limits::default().pdf.budget.glyphs, value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_page_glyphs: u64,
    /// Leave a PDF page unread when it draws (or clips with) more path segments than this.
    #[arg(long, default_value_t = Limits::default().pdf.budget.path_segments, value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_page_path_segments: u64,
    /// Leave a PDF page unread when it draws more images than this.
    #[arg(long, default_value_t = Limits::default().pdf.budget.images, value_parser = clap::value_parser!(u64).range(1..))]
    pub(crate) max_page_images: u64,
    /// Recognise PDF pages by OCR (Tesseract): auto (pages without a usable text layer), always, never.
    #[arg(long, value_enum, default_value_t = OcrMode::Auto)]
    pub(crate) ocr: OcrMode,
    /// Resolution pages are rendered at for OCR.
    #[arg(long, default_value_t = OcrOptions::default().dpi, value_parser = clap::value_parser!(u32).range(50..=1200))]
    pub(crate) ocr_dpi: u32,
    /// Tesseract language models, `+`-joined (default: from --language, else chi_sim).
    #[arg(long, value_name = "MODELS")]
    pub(crate) ocr_language: Option<String>,
    /// Largest page image OCR renders or decodes, in megapixels (the resolution is lowered to fit; a larger image is refused).
    #[arg(long, default_value_t = OcrOptions::default().max_pixels / 1_000_000, value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub(crate) max_image_mpx: u64,
}

impl LimitArgs {
    /// The front ends' settings; `language` is the issue's BCP 47 tag, if given.
    pub(crate) fn parse_options(&self, language: Option<&str>) -> Limits {
        let budget = crate::front::pdf::Budget {
            content_bytes: self.max_page_content_mb << 20,
            operators: self.max_page_operators,
            glyphs: self.max_page_glyphs,
            path_segments: self.max_page_path_segments,
            images: self.max_page_images,
            image_pixels: self.max_image_mpx * 1_000_000,
        };
        let models = self.ocr_language.clone().unwrap_or_else(|| tesseract_models(language).into());
        let ocr = OcrOptions { mode: self.ocr, dpi: self.ocr_dpi, language: models, max_pixels: self.max_image_mpx * 1_000_000, ..Default::default() };
        Limits { max_pages: self.max_pages, max_input_bytes: self.max_input_mb << 20, pdf: crate::front::pdf::Options { budget, ocr, cover: false } }
    }
}

/// Tesseract's model for a BCP 47 language tag (Simplified Chinese when
/// none is given or the language is not one Tesseract names this way).
fn tesseract_models(tag: Option<&str>) -> &'static str {
    let tag = tag.unwrap_or("zh-CN").to_ascii_lowercase();
    let traditional = ["zh-tw", "zh-hk", "zh-mo", "zh-hant"]
        .iter()
        .any(|t| tag.starts_with(t));
    match tag.split('-').next().unwrap_or("") {
        "zh" if traditional => "chi_tra",
        "en" => "eng",
        "ja" => "jpn",
        "ko" => "kor",
        _ => "chi_sim",
    }
}

/// Exporter options: `--set NAME.KEY=VALUE`, plus the flags the exporters
/// declare (added at run time by [`super::options::command`]; read by [`super::options::settings`]).
#[derive(clap::Args)]
pub(crate) struct FormatArgs {
    /// An exporter's option, as FORMAT.KEY=VALUE (e.g. pdf.paper=a3); `newsconv formats --options` lists them.
    #[arg(long = "set", value_name = "FORMAT.KEY=VALUE")]
    pub(crate) set: Vec<String>,
}

#[derive(clap::Args)]
pub(crate) struct MetaArgs {
    /// Paper name.
    #[arg(long)]
    pub(crate) title: Option<String>,
    /// Issue date (YYYY-MM-DD, a real calendar day).
    #[arg(long, value_parser = parse_date)]
    pub(crate) date: Option<IssueDate>,
    /// Publisher.
    #[arg(long)]
    pub(crate) publisher: Option<String>,
    /// Edition.
    #[arg(long)]
    pub(crate) edition: Option<String>,
    /// Language tag (default zh-CN).
    #[arg(long)]
    pub(crate) language: Option<String>,
}

impl MetaArgs {
    pub(crate) fn metadata(&self) -> Metadata {
        Metadata {
            title: self.title.clone(),
            date: self.date,
            publisher: self.publisher.clone(),
            edition: self.edition.clone(),
            language: self.language.clone(),
        }
    }
}

/// A date the calendar has, or a one-line reason (`--date 2023-02-31`).
fn parse_date(s: &str) -> Result<IssueDate, String> {
    s.parse()
        .map_err(|e: newsconv_core::DateError| e.to_string())
}
