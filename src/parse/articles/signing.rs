//! Names set apart back to unsigned stories. A byline printed beside a
//! vertical headline, or between two stories, comes out of the extractor
//! away from its story: as a name left unplaced, or as the byline of an
//! untitled piece (a stray paragraph or an author's note). On a page whose
//! stories are signed, a titled story without a byline lacks one of those
//! names: each goes to the unsigned story nearest it in the input, the
//! closest pairs first, one name a story.

use super::repair::at_line;
use crate::parse::lines::names_only;
use crate::parse::markers;
use newsconv_core::{
    Article, ArticleKind, BlockKind, Byline, BylinePosition, Diagnostic, Unassigned,
};

/// Pages with more names or stories than this are left as they are: no
/// real page comes near, and every name is paired with every story.
const MOST: usize = 64;

/// A name looking for its story: its text, its input line, and where it
/// came from.
struct Name {
    text: String,
    line: u32,
    from: From,
}

enum From {
    /// The page's unplaced text, at this index.
    Unplaced(usize),
    /// The byline of this untitled article.
    Untitled(usize),
}

fn titled(a: &Article) -> bool {
    a.kind == ArticleKind::Article && a.headline.is_some()
}

/// Is `text` one bare name (or a letter-spaced one): no role, no brackets?
fn bare(text: &str) -> bool {
    names_only(text) && markers::people(text).len() == 1
}

fn names(arts: &[Article], unassigned: &[Unassigned]) -> Vec<Name> {
    let mut v: Vec<Name> = unassigned
        .iter()
        .enumerate()
        .filter(|(_, u)| bare(&u.text))
        .filter_map(|(i, u)| {
            Some(Name {
                text: u.text.clone(),
                line: u.line?,
                from: From::Unplaced(i),
            })
        })
        .collect();
    for (k, a) in arts.iter().enumerate() {
        if a.kind != ArticleKind::Article || a.headline.is_some() {
            continue;
        }
        if let (Some(b), Some(s)) = (&a.byline, a.source) {
            if bare(&b.text) {
                // A name under an author's note stands at the piece's end.
                let notes = a.blocks.iter().all(|b| b.kind == BlockKind::Note);
                let line = if b.after_body() || notes {
                    s.end
                } else {
                    s.start
                };
                v.push(Name {
                    text: b.text.clone(),
                    line,
                    from: From::Untitled(k),
                });
            }
        }
    }
    v
}

/// How far input line `line` lies from article `a`'s lines (0 inside).
fn distance(a: &Article, line: u32) -> u32 {
    match a.source {
        Some(s) if line < s.start => s.start - line,
        Some(s) => line.saturating_sub(s.end),
        None => u32::MAX,
    }
}

/// Give the names set apart to the unsigned stories of a signed page.
pub(super) fn sign_unsigned(arts: &mut [Article], unassigned: &mut Vec<Unassigned>) {
    let stories = arts.iter().filter(|a| titled(a)).count();
    let signed = arts
        .iter()
        .filter(|a| titled(a) && a.byline.is_some())
        .count();
    let unsigned: Vec<usize> = (0..arts.len())
        .filter(|&k| titled(&arts[k]) && arts[k].byline.is_none())
        .collect();
    // A page of signed stories: most are (and at least two).
    if unsigned.is_empty() || signed < 2 || signed * 2 < stories {
        return;
    }
    let names = names(arts, unassigned);
    if names.is_empty() || names.len() > MOST || unsigned.len() > MOST {
        return;
    }
    let mut pairs: Vec<(u32, usize, usize)> = Vec::new();
    for (n, name) in names.iter().enumerate() {
        for &k in &unsigned {
            pairs.push((distance(&arts[k], name.line), n, k));
        }
    }
    pairs.sort_unstable();
    let (mut used, mut taken) = (vec![false; names.len()], vec![false; arts.len()]);
    let mut gone = Vec::new();
    for (_, n, k) in pairs {
        if used[n] || taken[k] {
            continue;
        }
        (used[n], taken[k]) = (true, true);
        let name = &names[n];
        match name.from {
            From::Unplaced(i) => gone.push(i),
            From::Untitled(j) => arts[j].byline = None,
        }
        let a = &mut arts[k];
        a.byline = Some(Byline {
            text: name.text.clone(),
            people: markers::people(&name.text),
            position: Some(BylinePosition::BeforeBody),
        });
        a.diagnostics.push(Diagnostic::warning(
            "byline-set-apart",
            format!("the name{} stood apart from any story in the input; this story had no byline and is the nearest unsigned one", at_line(Some(name.line))),
            Some(name.line),
        ));
        a.confidence = a.confidence.map(|c| c.min(60));
    }
    gone.sort_unstable();
    for i in gone.into_iter().rev() {
        unassigned.remove(i);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsconv_core::{Block, Span};

    fn story(head: Option<&str>, by: Option<&str>, start: u32, end: u32) -> Article {
        Article {
            headline: head.map(Into::into),
            byline: by.map(|t| Byline {
                text: t.into(),
                people: markers::people(t),
                position: Some(BylinePosition::BeforeBody),
            }),
            blocks: vec![Block::paragraph("正文。")],
            source: Some(Span { start, end }),
            ..Default::default()
        }
    }

    #[test]
    fn a_name_set_apart_signs_the_nearest_unsigned_story() {
        let mut arts = vec![
            story(Some("健全监督体系"), Some("肖 培"), 1, 100),
            story(Some("增强思想自觉"), None, 120, 200),
            story(Some("心中有戒"), None, 260, 300),
            Article {
                blocks: vec![Block::note("（作者单位：某中心）")],
                ..story(None, Some("邵景均"), 202, 258)
            },
            story(Some("应对技术挑战"), Some("吴汉东"), 310, 400),
        ];
        let mut un = vec![Unassigned {
            text: "梁玉春".into(),
            line: Some(110),
        }];
        sign_unsigned(&mut arts, &mut un);
        assert!(un.is_empty());
        assert_eq!(arts[1].byline.as_ref().unwrap().text, "梁玉春");
        assert_eq!(arts[2].byline.as_ref().unwrap().text, "邵景均");
        assert!(arts[3].byline.is_none());
    }

    #[test]
    fn an_unsigned_page_or_a_role_stays_as_it_is() {
        // Most stories unsigned: no convention to follow.
        let mut arts = vec![
            story(Some("甲"), Some("张三"), 1, 10),
            story(Some("乙"), None, 20, 30),
            story(Some("丙"), None, 40, 50),
        ];
        let mut un = vec![Unassigned {
            text: "李四".into(),
            line: Some(15),
        }];
        sign_unsigned(&mut arts, &mut un);
        assert_eq!(un.len(), 1);
        // A line with a role is no name set apart.
        let mut arts = vec![
            story(Some("甲"), Some("张三"), 1, 10),
            story(Some("乙"), Some("王五"), 20, 30),
            story(Some("丙"), None, 40, 50),
        ];
        let mut un = vec![Unassigned {
            text: "本报记者 李四".into(),
            line: Some(35),
        }];
        sign_unsigned(&mut arts, &mut un);
        assert_eq!(un.len(), 1);
        assert!(arts[2].byline.is_none());
    }
}
