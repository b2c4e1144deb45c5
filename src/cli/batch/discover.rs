//! Finding the issues in a tree: [`discover`] walks it lazily (one folder
//! at a time, in sorted order) and yields a [`Job`] per issue: a text file,
//! a JSON/NewsML file written by newsconv (recognised by content), a page
//! PDF without a text file of the same name beside it, or a folder of page
//! files (see [`Layout`]).

use crate::cli::convert::{output_stem, Failure, Job};
use crate::cli::front;
use newsconv_core::importers;
use std::collections::VecDeque;
use std::io::Read;
use std::path::{Path, PathBuf};

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
        DiscoverOptions {
            layout: Layout::Auto,
            exclude: None,
            stem: output_stem,
        }
    }
}

/// Walk `root` lazily and yield one job per issue found, in a stable order
/// (folders and files sorted by name, naturally). A folder that cannot be
/// read yields a [`Failure`] and the walk goes on.
pub fn discover(root: &Path, opts: DiscoverOptions) -> Discovery {
    let exclude = opts
        .exclude
        .as_ref()
        .and_then(|p| std::fs::canonicalize(p).ok());
    Discovery {
        opts,
        exclude,
        root: root.to_path_buf(),
        started: false,
        stack: Vec::new(),
        pending: VecDeque::new(),
        ignored: 0,
    }
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
            Err(e) => self.pending.push_back(Err(Failure {
                input: self.root.clone(),
                message: format!("{}: {e}", self.root.display()),
            })),
            Ok(m) if !m.is_dir() => {
                let job = Job {
                    input: self.root.clone(),
                    out_dir: PathBuf::new(),
                    stem: (self.opts.stem)(&self.root),
                };
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
                self.pending.push_back(Err(Failure {
                    input: dir.clone(),
                    message: format!("{}: {e}", dir.display()),
                }));
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
                let excluded = self
                    .exclude
                    .as_ref()
                    .is_some_and(|x| std::fs::canonicalize(&path).is_ok_and(|c| &c == x));
                if !excluded {
                    dirs.push(name);
                }
            } else {
                files.push(name);
            }
        }
        let by_name = |a: &std::ffi::OsString, b: &std::ffi::OsString| {
            front::natural_cmp(&a.to_string_lossy(), &b.to_string_lossy())
        };
        dirs.sort_by(by_name);
        files.sort_by(by_name);

        if dirs.is_empty() && is_page_folder(&files, self.opts.layout) {
            let job = if rel.as_os_str().is_empty() {
                Job {
                    input: dir.clone(),
                    out_dir: PathBuf::new(),
                    stem: (self.opts.stem)(&self.root),
                }
            } else {
                Job {
                    input: dir.clone(),
                    out_dir: rel.parent().map(Path::to_path_buf).unwrap_or_default(),
                    stem: (self.opts.stem)(&dir),
                }
            };
            self.pending.push_back(Ok(job));
            self.ignored += files.iter().filter(|f| page_kind(f).is_none()).count() as u64;
            return;
        }

        // An issue given both as `NAME.pdf` and as its extracted `NAME.txt` is
        // converted once, from the PDF (which holds the geometry the text
        // lost), as `convert` reads a page given twice (`front::page_files`).
        let has_pdf = |stem: &str| {
            files
                .iter()
                .any(|f| ext_of(f).as_deref() == Some("pdf") && file_stem(f) == stem)
        };
        for f in &files {
            let path = dir.join(f);
            let wanted = match ext_of(f).as_deref() {
                Some("txt") => !has_pdf(&file_stem(f)),
                Some("pdf") => true,
                Some("json") | Some("xml") => is_ours(&path),
                _ => false,
            };
            if wanted {
                self.pending.push_back(Ok(Job {
                    input: path.clone(),
                    out_dir: rel.clone(),
                    stem: (self.opts.stem)(&path),
                }));
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
    Path::new(name)
        .extension()
        .map(|e| e.to_string_lossy().to_ascii_lowercase())
}

fn file_stem(name: &std::ffi::OsStr) -> String {
    Path::new(name)
        .file_stem()
        .map(|s| s.to_string_lossy().into_owned())
        .unwrap_or_default()
}

/// `Some("txt")` or `Some("pdf")` for page files.
fn page_kind(name: &std::ffi::OsStr) -> Option<&'static str> {
    match ext_of(name).as_deref() {
        Some("txt") => Some("txt"),
        Some("pdf") => Some("pdf"),
        _ => None,
    }
}

/// Does this folder (without subfolders) hold one issue's page files? The
/// pages are counted as the folder is read (`load_dir`): one per name, a
/// page given as both `.txt` and `.pdf` once.
fn is_page_folder(files: &[std::ffi::OsString], layout: Layout) -> bool {
    let mut pages: Vec<String> = files
        .iter()
        .filter(|f| page_kind(f).is_some())
        .map(|f| file_stem(f))
        .collect();
    pages.sort();
    pages.dedup();
    match layout {
        Layout::Files => false,
        Layout::Folders => !pages.is_empty(),
        Layout::Auto => {
            if pages.len() < 2
                || files
                    .iter()
                    .any(|f| matches!(ext_of(f).as_deref(), Some("json") | Some("xml")))
            {
                return false;
            }
            let mut keys = pages.iter().map(|stem| page_key(stem));
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
    if letters == 0
        && start >= 2
        && matches!(chars[start - 1], '-' | '_' | '.')
        && chars[start - 2].is_ascii_digit()
    {
        return None;
    }
    // Letters that are the tail of a longer word ("page7" is fine, "issue" + digits is not a page letter).
    if letters > 0 && start > 0 && chars[start - 1].is_ascii_alphabetic() {
        let word_start = chars[..start]
            .iter()
            .rposition(|c| !c.is_ascii_alphabetic())
            .map(|i| i + 1)
            .unwrap_or(0);
        start = word_start;
        let word: String = chars[word_start..last_digit + 1]
            .iter()
            .filter(|c| c.is_ascii_alphabetic())
            .collect();
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

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn page_keys() {
        let k = |s: &str| page_key(s);
        assert_eq!(k("A07"), Some(("".into(), "".into())));
        assert_eq!(
            k("fzwb_20240419_A07"),
            Some(("fzwb_20240419_".into(), "".into()))
        );
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
        assert!(is_page_folder(
            &names(&["A01.txt", "A02.txt", "B01.txt"]),
            Layout::Auto
        ));
        assert!(!is_page_folder(&names(&["A01.txt"]), Layout::Auto));
        assert!(is_page_folder(&names(&["A01.txt"]), Layout::Folders));
        assert!(!is_page_folder(
            &names(&["A01.txt", "A02.txt"]),
            Layout::Files
        ));
        assert!(!is_page_folder(
            &names(&["rmrb_20180102_p07.txt", "rmrb_20180105_p07.txt"]),
            Layout::Auto
        ));
        assert!(!is_page_folder(
            &names(&["2024-04-19.txt", "2024-04-20.txt"]),
            Layout::Auto
        ));
        assert!(!is_page_folder(
            &names(&["A01.txt", "A02.txt", "issue.json"]),
            Layout::Auto
        ));
        // A page as both text and PDF is one page: two names are not two pages.
        assert!(!is_page_folder(
            &names(&["A01.pdf", "A01.txt"]),
            Layout::Auto
        ));
        assert!(is_page_folder(
            &names(&["A01.pdf", "A01.txt", "A02.pdf"]),
            Layout::Auto
        ));
    }
}
