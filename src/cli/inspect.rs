//! `inspect`: an outline of an issue for a person reading it: pages,
//! furniture, articles with their fields and line ranges, and every
//! diagnostic with the input line it points at; with `--svg`, a drawing
//! of what the layout read on a page PDF ([`crate::front::pdf::svg`]).

use super::front;
use crate::front::Limits;
use anyhow::{Context, Result};
use newsconv_core::{BlockKind, Issue};
use std::fmt::Write as _;
use std::path::Path;

/// Print the outline of `input` on standard output, or with `svg` draw
/// the page PDF `input` as read into that file.
pub fn inspect(input: &Path, svg: Option<&Path>) -> Result<()> {
    let Some(out) = svg else {
        print!("{}", outline(&front::load(input, &Limits::default())?));
        return Ok(());
    };
    let bytes = std::fs::read(input).with_context(|| format!("{}: cannot read", input.display()))?;
    crate::front::pdf::view::ensure_pdf(input, &bytes)?;
    let issue = front::load(input, &Limits::default())?;
    let pages = crate::front::pdf::view::pages(input, bytes, &issue)?;
    std::fs::write(out, crate::front::pdf::svg::svg(&pages)).with_context(|| format!("{}: cannot write", out.display()))?;
    Ok(())
}

/// The outline as text, one line per item.
pub fn outline(issue: &Issue) -> String {
    let mut s = String::new();
    let _ = writeln!(
        s,
        "issue: {} pages, {} articles",
        issue.pages.len(),
        issue.articles().count()
    );
    for p in &issue.pages {
        let _ = writeln!(
            s,
            "page {}{}{}",
            p.number,
            p.label
                .as_deref()
                .map(|l| format!(" [{l}]"))
                .unwrap_or_default(),
            p.section
                .as_deref()
                .map(|l| format!(" {l}"))
                .unwrap_or_default()
        );
        for f in &p.furniture {
            let _ = writeln!(
                s,
                "  furniture {:<8} {}{}",
                f.kind,
                f.text,
                f.line.map(|l| format!("  (line {l})")).unwrap_or_default()
            );
        }
        for a in &p.articles {
            let (title, made) = a.title();
            let lines = a
                .source
                .map(|s| format!(" lines {}-{}", s.start, s.end))
                .unwrap_or_default();
            let _ = writeln!(
                s,
                "  {} {}{}{}",
                a.id,
                if made { "(untitled) " } else { "" },
                title,
                lines
            );
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
            let count = |k: BlockKind| a.blocks.iter().filter(|b| b.kind == k).count();
            let (paras, heads) = (count(BlockKind::Paragraph), count(BlockKind::Heading));
            let notes = match count(BlockKind::Note) {
                0 => String::new(),
                n => format!(", {n} end note{}", if n == 1 { "" } else { "s" }),
            };
            let _ = writeln!(
                s,
                "      {paras} paragraphs, {heads} headings{notes}, {} captions{}",
                a.captions.len(),
                a.confidence
                    .map(|c| format!(", confidence {c}%"))
                    .unwrap_or_default()
            );
            if let Some(j) = &a.continued_to {
                let _ = writeln!(
                    s,
                    "      continued to page {}",
                    j.page.map(|p| p.to_string()).unwrap_or_else(|| "?".into())
                );
            }
            if let Some(j) = &a.continued_from {
                let _ = writeln!(
                    s,
                    "      continued from page {}",
                    j.page.map(|p| p.to_string()).unwrap_or_else(|| "?".into())
                );
            }
            for d in &a.diagnostics {
                let _ = writeln!(
                    s,
                    "      {:?}: {}{}",
                    d.level,
                    d.message,
                    d.line.map(|l| format!(" (line {l})")).unwrap_or_default()
                );
            }
        }
        for u in &p.unassigned {
            let _ = writeln!(
                s,
                "  unassigned: {}{}",
                u.text,
                u.line.map(|l| format!(" (line {l})")).unwrap_or_default()
            );
        }
        for d in &p.diagnostics {
            let _ = writeln!(
                s,
                "  {:?}: {}{}",
                d.level,
                d.message,
                d.line.map(|l| format!(" (line {l})")).unwrap_or_default()
            );
        }
    }
    s
}
