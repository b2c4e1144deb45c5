//! Pass 1, scan: split text into pages (form feeds) and numbered lines.

use crate::parse::{PageLines, SourceLine};

/// Split text into pages at form feeds and into lines. Line numbers count
/// from 1 across the whole input. A trailing form feed does not open a page.
pub fn scan_text(text: &str) -> Vec<PageLines> {
    let mut pages = vec![PageLines::default()];
    let mut line_no = 0u32;
    for raw in text.split('\n') {
        line_no += 1;
        let raw = raw.strip_suffix('\r').unwrap_or(raw);
        let mut parts = raw.split('\u{c}');
        let first = parts.next().unwrap_or("");
        push_line(pages.last_mut().unwrap(), first, line_no);
        for part in parts {
            pages.push(PageLines::default());
            push_line(pages.last_mut().unwrap(), part, line_no);
        }
    }
    // Drop empty trailing pages (the form feed pdftotext writes after the last page).
    while pages.len() > 1
        && pages
            .last()
            .is_some_and(|p| p.lines.iter().all(|l| l.text.trim().is_empty()))
    {
        pages.pop();
    }
    pages
}

fn push_line(page: &mut PageLines, text: &str, line: u32) {
    page.lines.push(SourceLine {
        text: text.to_string(),
        line,
        ..Default::default()
    });
}
