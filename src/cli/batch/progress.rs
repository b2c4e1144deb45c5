//! Showing a run's progress on standard error: an indicatif bar on a
//! terminal, plain log lines otherwise, nothing but failures when quiet.

use super::run::Event;
use std::sync::atomic::{AtomicU64, Ordering};
use std::time::{Duration, Instant};

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
            let bar = indicatif::ProgressBar::with_draw_target(
                total,
                indicatif::ProgressDrawTarget::stderr_with_hz(8),
            );
            let style = indicatif::ProgressStyle::with_template(
                "{spinner} {elapsed_precise} [{wide_bar}] {pos}/{len} issues · {msg} · ETA {eta}",
            )
            .unwrap_or_else(|_| indicatif::ProgressStyle::default_bar())
            .progress_chars("=> ");
            bar.set_style(style);
            bar.set_message("0 pages");
            bar.enable_steady_tick(Duration::from_millis(250));
            bar
        });
        Reporter {
            mode,
            bar,
            total,
            done: AtomicU64::new(0),
            pages: AtomicU64::new(0),
            start: Instant::now(),
        }
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
            (Event::Failed { failure, .. }, _) => {
                self.println(&format!("newsconv: [{n}{of}] FAILED {}", failure.message))
            }
            (Event::Done { failures, .. }, _) if !failures.is_empty() => {
                for f in *failures {
                    self.println(&format!("newsconv: [{n}{of}] FAILED {}", f.message));
                }
            }
            (_, ProgressMode::Quiet) => {}
            (
                Event::Done {
                    job,
                    pages,
                    written,
                    warnings,
                    ..
                },
                mode,
            ) => {
                for w in *warnings {
                    self.println(&format!("newsconv: warning: {w}"));
                }
                if mode == ProgressMode::Lines {
                    eprintln!(
                        "newsconv: [{n}{of}] ok {} ({pages} pages, {} files)",
                        job.input.display(),
                        written.len()
                    );
                }
            }
            (Event::Skipped { job, .. }, ProgressMode::Lines) => eprintln!(
                "newsconv: [{n}{of}] skipped {} (outputs exist)",
                job.input.display()
            ),
            (Event::Cancelled { job }, ProgressMode::Lines) => {
                eprintln!("newsconv: [{n}{of}] interrupted {}", job.input.display())
            }
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
