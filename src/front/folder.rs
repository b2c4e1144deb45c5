//! A folder of page files: which files are its pages, in which order, and
//! reading them into one issue.

use super::{check_pages, check_size, read_bytes, read_pdf, text, InputError, Limits};
use crate::parse;
use newsconv_core::{Diagnostic, Issue, Page};
use std::path::{Path, PathBuf};

/// Code of the diagnostic for a page given both as text and as PDF.
pub const PAGE_FILE_TWICE: &str = "page-file-twice";

/// The page files of a folder, as [`page_files`] finds them.
#[derive(Debug, Clone, Default)]
pub struct PageFiles {
    /// The files to read, one page file each, in natural order of their names.
    pub files: Vec<PathBuf>,
    /// Pages given twice, as text and as PDF, in the order of `files`.
    pub twice: Vec<PageTwice>,
}

/// One page given both as `NAME.txt` and as `NAME.pdf`.
#[derive(Debug, Clone, PartialEq)]
pub struct PageTwice {
    /// The text file, left out.
    pub text: PathBuf,
    /// The PDF, read in its place.
    pub pdf: PathBuf,
}

impl PageTwice {
    /// The page-level diagnostic that says so (code `page-file-twice`).
    pub fn diagnostic(&self) -> Diagnostic {
        let message = format!(
            "page given twice, as {} and {}: read once, from the PDF",
            self.text.display(),
            self.pdf.display()
        );
        Diagnostic::warning(PAGE_FILE_TWICE, message, None)
    }
}

/// The page files of a folder (`*.txt`, `*.pdf`), in natural order of their
/// names. A page given twice, as `NAME.txt` and `NAME.pdf`, is one page: the
/// PDF is kept (it holds the geometry the text lost) and the text file is
/// left out and listed in [`PageFiles::twice`].
pub fn page_files(dir: &Path) -> std::io::Result<PageFiles> {
    let mut files: Vec<PathBuf> = std::fs::read_dir(dir)?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.is_file() && (has_ext(p, "txt") || has_ext(p, "pdf")))
        .collect();
    files.sort_by(|a, b| natural_cmp(&a.to_string_lossy(), &b.to_string_lossy()));
    let pdf_of = |t: &Path| {
        files
            .iter()
            .find(|q| has_ext(q, "pdf") && q.file_stem() == t.file_stem())
            .cloned()
    };
    let twice: Vec<PageTwice> = files
        .iter()
        .filter(|p| has_ext(p, "txt"))
        .filter_map(|t| {
            Some(PageTwice {
                text: t.clone(),
                pdf: pdf_of(t)?,
            })
        })
        .collect();
    files.retain(|p| !twice.iter().any(|t| t.text == *p));
    Ok(PageFiles { files, twice })
}

fn has_ext(p: &Path, ext: &str) -> bool {
    p.extension().is_some_and(|e| e.eq_ignore_ascii_case(ext))
}

/// Read a folder of page files ([`page_files`]) into one issue.
pub fn load_dir(path: &Path, opts: &Limits) -> Result<Issue, InputError> {
    let PageFiles { files, twice } = page_files(path).map_err(|error| InputError::Io {
        path: path.into(),
        error,
    })?;
    if files.is_empty() {
        return Err(InputError::Other {
            path: path.into(),
            message: "folder holds no page files (*.txt, *.pdf)".into(),
        });
    }
    let mut pages = Vec::new();
    // Index of the first page each file gave, to hang its diagnostics on.
    let mut first_page = Vec::with_capacity(files.len());
    let mut offset = 0u32;
    let mut total = 0u64;
    for f in &files {
        check_size(f, opts)?;
        let bytes = read_bytes(f)?;
        total += bytes.len() as u64;
        if total > opts.max_input_bytes {
            return Err(InputError::Other {
                path: path.into(),
                message: format!(
                    "page files hold over {} bytes, the input limit (raise it with --max-input-mb)",
                    opts.max_input_bytes
                ),
            });
        }
        first_page.push(pages.len());
        if bytes.starts_with(b"%PDF-") {
            let ps = read_pdf(f, &bytes, &mut offset, &opts.pdf)?;
            offset += 1;
            pages.extend(ps);
            check_pages(path, pages.len(), opts)?;
            continue;
        }
        let text = text::decode_text(f, &bytes)?;
        let mut ps = text::scan_text(&text);
        for p in &mut ps {
            for l in &mut p.lines {
                l.line += offset;
            }
        }
        offset += text.matches('\n').count() as u32 + 1;
        pages.extend(ps);
        check_pages(path, pages.len(), opts)?;
    }
    let mut pages = parse::read_pages(pages);
    for t in &twice {
        let at = files
            .iter()
            .position(|f| *f == t.pdf)
            .map(|k| first_page[k]);
        if let Some(page) = at.and_then(|k| pages.get_mut(k)) {
            page.diagnostics.push(t.diagnostic());
        }
    }
    if files.len() == pages.len() {
        order_by_print(&mut pages);
    }
    Ok(parse::into_issue(pages))
}

/// Code of the diagnostic for pages put in the order their labels print.
pub const PAGES_ORDERED_BY_PRINT: &str = "pages-ordered-by-print";

/// Put the pages of a folder (one page a file) in the order their printed
/// labels give (`A1` … `A10`, `B1`), when every page prints a label of
/// letters and a number, no two alike, and the file names sort otherwise:
/// file names are often not made to sort. The first page says so.
fn order_by_print(pages: &mut Vec<Page>) {
    let keys: Option<Vec<(String, u32)>> = pages
        .iter()
        .map(|p| p.label.as_deref().and_then(print_key))
        .collect();
    let Some(keys) = keys else { return };
    let mut order: Vec<usize> = (0..keys.len()).collect();
    order.sort_by(|&a, &b| keys[a].cmp(&keys[b]));
    if order.windows(2).any(|w| keys[w[0]] == keys[w[1]])
        || order.iter().enumerate().all(|(i, &k)| i == k)
    {
        return;
    }
    let names: Vec<String> = order
        .iter()
        .map(|&k| pages[k].label.clone().unwrap_or_default())
        .collect();
    let mut given: Vec<Option<Page>> = pages.drain(..).map(Some).collect();
    *pages = order.iter().filter_map(|&k| given[k].take()).collect();
    let message = format!(
        "the file names do not sort in page order: pages put in printed order ({})",
        names.join(", ")
    );
    pages[0]
        .diagnostics
        .push(Diagnostic::info(PAGES_ORDERED_BY_PRINT, message, None));
}

/// `A07` → (`A`, 7); `7` → (``, 7); anything else (`第7版`) → None.
fn print_key(label: &str) -> Option<(String, u32)> {
    let letters: String = label
        .chars()
        .take_while(|c| c.is_ascii_alphabetic())
        .collect();
    let digits = &label[letters.len()..];
    (!digits.is_empty() && digits.chars().all(|c| c.is_ascii_digit()))
        .then(|| (letters.to_ascii_uppercase(), digits.parse().ok()))
        .and_then(|(l, n)| Some((l, n?)))
}

/// Compare strings so that runs of digits compare by value (`p2` < `p10`).
pub fn natural_cmp(a: &str, b: &str) -> std::cmp::Ordering {
    let (mut x, mut y) = (a.chars().peekable(), b.chars().peekable());
    loop {
        match (x.peek().copied(), y.peek().copied()) {
            (None, None) => return std::cmp::Ordering::Equal,
            (None, _) => return std::cmp::Ordering::Less,
            (_, None) => return std::cmp::Ordering::Greater,
            (Some(c), Some(d)) if c.is_ascii_digit() && d.is_ascii_digit() => {
                let take = |it: &mut std::iter::Peekable<std::str::Chars>| {
                    let mut s = String::new();
                    while let Some(c) = it.peek().copied().filter(|c| c.is_ascii_digit()) {
                        s.push(c);
                        it.next();
                    }
                    s
                };
                let (n, m) = (take(&mut x), take(&mut y));
                let (nt, mt) = (n.trim_start_matches('0'), m.trim_start_matches('0'));
                let o = nt
                    .len()
                    .cmp(&mt.len())
                    .then(nt.cmp(mt))
                    .then(n.len().cmp(&m.len()));
                if o != std::cmp::Ordering::Equal {
                    return o;
                }
            }
            (Some(c), Some(d)) => {
                if c != d {
                    return c.cmp(&d);
                }
                x.next();
                y.next();
            }
        }
    }
}
