//! Plain-text dumps of each pass's output, for fixture tests and debugging:
//! one line per input line (lines pass), per unit (blocks pass) or per
//! article field (articles pass).

use newsconv::parse::blocks::Unit;
use newsconv::parse::lines::{Kind, Line};
use newsconv_core::{BlockKind, Issue};
use std::fmt::Write as _;

/// `line kind width/col text` for every non-blank line.
pub fn lines(ls: &[Line]) -> String {
    let mut s = String::new();
    for l in ls.iter().filter(|l| l.kind != Kind::Blank) {
        let k = match l.kind {
            Kind::Blank => "blank".to_string(),
            Kind::Furniture(f) => format!("furniture:{f}"),
            Kind::Byline(b) => format!("byline:{b:?}").to_lowercase(),
            k => format!("{k:?}").to_lowercase(),
        };
        let _ = if std::env::var_os("PASSES_WIDTHS").is_some() {
            writeln!(
                s,
                "{:>3} {:<18} {}/{}/{} {}",
                l.no, k, l.w, l.full, l.col, l.clean
            )
        } else {
            writeln!(s, "{:>3} {:<18} {}", l.no, k, l.clean)
        };
    }
    s
}

/// One line per unit.
pub fn units(us: &[Unit]) -> String {
    let mut s = String::new();
    for u in us {
        let _ = match u {
            Unit::Para(p) => writeln!(
                s,
                "para {}-{}{}{}{} {}",
                p.first,
                p.last,
                p.dateline
                    .as_ref()
                    .map(|d| format!(" dateline={}", d.text))
                    .unwrap_or_default(),
                p.jump_to
                    .as_ref()
                    .map(|j| format!(" to={}", j.1))
                    .unwrap_or_default(),
                p.jump_from
                    .as_ref()
                    .map(|j| format!(" from={}", j.1))
                    .unwrap_or_default(),
                p.text
            ),
            Unit::Title { parts, .. } => writeln!(
                s,
                "title {} {}",
                parts[0].1,
                parts
                    .iter()
                    .map(|p| p.0.as_str())
                    .collect::<Vec<_>>()
                    .join(" / ")
            ),
            Unit::Sub { text, line } => writeln!(s, "sub {line} {text}"),
            Unit::Byline { text, line, .. } => writeln!(s, "byline {line} {text}"),
            Unit::NamePiece { text, line } => writeln!(s, "name-piece {line} {text}"),
            Unit::Caption { text, credit, line } => writeln!(
                s,
                "caption {line} {text}{}",
                credit
                    .as_ref()
                    .map(|c| format!(" | {c}"))
                    .unwrap_or_default()
            ),
            Unit::Furniture { kind, text, line } => writeln!(s, "furniture {line} {kind} {text}"),
        };
    }
    s
}

/// The structure of an issue, field by field.
pub fn issue(issue: &Issue) -> String {
    let mut s = String::new();
    for p in &issue.pages {
        let _ = writeln!(
            s,
            "page {} label={:?} section={:?}",
            p.number, p.label, p.section
        );
        for f in &p.furniture {
            let _ = writeln!(s, "  furniture {} {}", f.kind, f.text);
        }
        for a in &p.articles {
            let _ = writeln!(s, "  article {} kind={:?}", a.id, a.kind);
            for (k, v) in [
                ("kicker", &a.kicker),
                ("column", &a.column),
                ("headline", &a.headline),
                ("subheadline", &a.subheadline),
                ("dateline", &a.dateline),
            ] {
                if let Some(v) = v {
                    let _ = writeln!(s, "    {k}: {v}");
                }
            }
            if let Some(b) = &a.byline {
                let people: Vec<String> = b
                    .people
                    .iter()
                    .map(|p| format!("{}({})", p.name, p.role.as_deref().unwrap_or("-")))
                    .collect();
                let _ = writeln!(
                    s,
                    "    byline: {} [{}] {}",
                    b.text,
                    b.position.map_or("-", |p| p.as_str()),
                    people.join(" ")
                );
            }
            for b in &a.blocks {
                let _ = writeln!(
                    s,
                    "    {}: {}",
                    match b.kind {
                        BlockKind::Heading => "heading",
                        BlockKind::Note => "note",
                        BlockKind::Paragraph => "para",
                    },
                    b.text
                );
            }
            for c in &a.captions {
                let _ = writeln!(
                    s,
                    "    caption: {}{}",
                    c.text,
                    c.credit
                        .as_ref()
                        .map(|c| format!(" | {c}"))
                        .unwrap_or_default()
                );
            }
            for (k, j) in [
                ("continued_to", &a.continued_to),
                ("continued_from", &a.continued_from),
            ] {
                if let Some(j) = j {
                    let _ = writeln!(
                        s,
                        "    {k}: page={:?} label={:?} article={:?}",
                        j.page, j.label, j.article
                    );
                }
            }
        }
        for u in &p.unassigned {
            let _ = writeln!(s, "  unassigned: {}", u.text);
        }
    }
    s
}
