//! The OCR engine: the `tesseract` program, found at run time (on `PATH`,
//! or named by `NEWSCONV_TESSERACT`), given the page image on standard
//! input and asked for ALTO on standard output. A program rather than the
//! C library: nothing to link at build time, and a machine without it still
//! converts every page that has a text layer.

use std::io::Write;
use std::path::PathBuf;
use std::process::{Command, Stdio};
use thiserror::Error;

/// Why the engine gave no result.
#[derive(Debug, Error)]
pub enum EngineError {
    /// The program is not installed.
    #[error("OCR needs Tesseract, which is not installed: install the Debian packages tesseract-ocr and tesseract-ocr-{pkg} (or give the extracted text; --ocr never turns OCR off)")]
    Missing {
        /// The Debian name of the language package (`chi-sim`).
        pkg: String,
    },
    /// The language model is not installed.
    #[error("Tesseract has no language model {lang:?}: install the Debian package tesseract-ocr-{pkg} (installed: {installed})")]
    NoLanguage {
        /// The language asked for.
        lang: String,
        /// Its Debian package suffix.
        pkg: String,
        /// What is installed.
        installed: String,
    },
    /// The program ran and failed.
    #[error("Tesseract failed ({status}): {stderr}")]
    Failed {
        /// Exit status.
        status: String,
        /// The last lines it printed.
        stderr: String,
    },
}

/// The program to run.
fn program() -> PathBuf {
    std::env::var_os("NEWSCONV_TESSERACT")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("tesseract"))
}

/// Debian's package suffix for a Tesseract language (`chi_sim` → `chi-sim`).
fn debian_pkg(lang: &str) -> String {
    lang.split('+')
        .next()
        .unwrap_or(lang)
        .replace('_', "-")
        .to_ascii_lowercase()
}

/// The engine, checked once: its version and installed languages.
#[derive(Debug, Clone)]
pub struct Engine {
    /// `tesseract 5.3.0`.
    pub version: String,
    /// Installed language models.
    pub languages: Vec<String>,
}

impl Engine {
    /// Find the program and ask it what it has. Both questions are put at
    /// once: each answer is mostly the program's start-up (some 40 ms).
    pub fn find(lang: &str) -> Result<Engine, EngineError> {
        let missing = || EngineError::Missing {
            pkg: debian_pkg(lang),
        };
        let ask = |arg: &str| {
            Command::new(program())
                .arg(arg)
                .stdin(Stdio::null())
                .stdout(Stdio::piped())
                .stderr(Stdio::piped())
                .spawn()
        };
        let v = ask("--version").map_err(|_| missing())?;
        let l = ask("--list-langs").map_err(|_| missing())?;
        let v = v.wait_with_output().map_err(|_| missing())?;
        let l = l.wait_with_output().map_err(|_| missing())?;
        let text =
            String::from_utf8_lossy(&v.stdout).into_owned() + &String::from_utf8_lossy(&v.stderr);
        let version = text
            .lines()
            .next()
            .unwrap_or("tesseract")
            .trim()
            .to_string();
        let list = String::from_utf8_lossy(&l.stdout).into_owned();
        let languages = list
            .lines()
            .skip(1)
            .map(|s| s.trim().to_string())
            .filter(|s| !s.is_empty())
            .collect();
        Ok(Engine { version, languages })
    }

    /// The `-l` argument for `lang`: every model must be installed; for
    /// Chinese, Japanese and Korean the vertical model joins when present.
    pub fn models(&self, lang: &str) -> Result<String, EngineError> {
        for l in lang.split('+') {
            if !self.languages.iter().any(|x| x == l) {
                return Err(EngineError::NoLanguage {
                    lang: l.into(),
                    pkg: debian_pkg(l),
                    installed: self.languages.join(", "),
                });
            }
        }
        let vert = format!("{lang}_vert");
        let cjk = ["chi_sim", "chi_tra", "jpn", "kor"].contains(&lang);
        Ok(if cjk && self.languages.contains(&vert) {
            format!("{lang}+{vert}")
        } else {
            lang.to_string()
        })
    }

    /// Recognise one grey image (PGM) rendered at `dpi`; the result is ALTO.
    pub fn recognise(&self, pgm: &[u8], dpi: u32, models: &str) -> Result<Vec<u8>, EngineError> {
        self.run(pgm, dpi, models, "3")
    }

    /// Recognise a grey image (PGM) holding a few blocks of text (labels
    /// stacked one under another) rather than a page: read as one block,
    /// not laid out into columns first. The result is ALTO.
    pub fn recognise_block(&self, pgm: &[u8], dpi: u32, models: &str) -> Result<Vec<u8>, EngineError> {
        self.run(pgm, dpi, models, "6")
    }

    /// Run the program with page segmentation mode `psm`.
    pub(super) fn run_psm(&self, pgm: &[u8], dpi: u32, models: &str, psm: &str) -> Result<Vec<u8>, EngineError> {
        self.run(pgm, dpi, models, psm)
    }

    /// Run the program with page segmentation mode `psm`.
    fn run(&self, pgm: &[u8], dpi: u32, models: &str, psm: &str) -> Result<Vec<u8>, EngineError> {
        self.start(dpi, models, psm)?.finish(pgm)
    }

    /// Start a run of [`Engine::recognise_block`] before its image is
    /// known: the program loads its models (some 150 ms for `chi_sim`)
    /// before it reads its input, so that load overlaps whatever the caller
    /// does until it has the image.
    pub fn start_block(&self, dpi: u32, models: &str) -> Result<Started, EngineError> {
        self.start(dpi, models, "6")
    }

    fn start(&self, dpi: u32, models: &str, psm: &str) -> Result<Started, EngineError> {
        let child = Command::new(program())
            .args([
                "stdin",
                "stdout",
                "-l",
                models,
                "--dpi",
                &dpi.to_string(),
                "--psm",
                psm,
                "alto",
            ])
            // One thread per page: pages run in parallel under `batch`, and
            // Tesseract's own threads gain little on a page.
            .env("OMP_THREAD_LIMIT", "1")
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .map_err(|_| EngineError::Missing {
                pkg: debian_pkg(models),
            })?;
        Ok(Started { child: Some(child) })
    }
}

/// A run of the program waiting for its image. Dropped unfinished, the
/// program is stopped (and reaped).
#[derive(Debug)]
pub struct Started {
    child: Option<std::process::Child>,
}

impl Started {
    /// Give the program its image (PGM) and wait for its ALTO.
    pub fn finish(mut self, pgm: &[u8]) -> Result<Vec<u8>, EngineError> {
        let mut child = self.child.take().expect("a run is finished once");
        let mut stdin = child.stdin.take().expect("piped stdin");
        let out = std::thread::scope(|s| {
            s.spawn(move || {
                // A write error shows up as the program's own failure below.
                let _ = stdin.write_all(pgm);
            });
            child.wait_with_output()
        });
        let out = out.map_err(|e| EngineError::Failed {
            status: "not run".into(),
            stderr: e.to_string(),
        })?;
        if !out.status.success() || out.stdout.is_empty() {
            let err = String::from_utf8_lossy(&out.stderr);
            let tail: Vec<&str> = err.lines().rev().take(3).collect();
            return Err(EngineError::Failed {
                status: out.status.to_string(),
                stderr: tail.into_iter().rev().collect::<Vec<_>>().join(" / "),
            });
        }
        Ok(out.stdout)
    }
}

impl Drop for Started {
    fn drop(&mut self) {
        if let Some(mut child) = self.child.take() {
            let _ = child.kill();
            let _ = child.wait();
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn models_need_every_language_and_take_the_vertical_one() {
        let e = Engine {
            version: "tesseract 5".into(),
            languages: vec!["chi_sim".into(), "chi_sim_vert".into(), "eng".into()],
        };
        assert_eq!(e.models("chi_sim").unwrap(), "chi_sim+chi_sim_vert");
        assert_eq!(e.models("eng").unwrap(), "eng");
        let err = e.models("chi_tra").unwrap_err().to_string();
        assert!(err.contains("tesseract-ocr-chi-tra"), "{err}");
    }
}
