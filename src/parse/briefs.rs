//! Columns of briefs (简讯). A label over a column of short items names
//! each of them: every titled brief under it carries it as its column, as
//! a reader of the column takes it (an untitled brief carries it only as
//! the first). A brief is a short article closed by its own bracketed
//! byline (`…。（张三 李四）`).

use newsconv_core::{Article, ArticleKind, Diagnostic};

/// Most characters of a brief's text.
const BRIEF: usize = 1200;

/// Is this article a brief: short, closed by a bracketed byline after its text?
fn brief(a: &Article) -> bool {
    a.kind == ArticleKind::Article
        && a.byline.as_ref().is_some_and(|b| {
            b.after_body() && b.text.trim_start().starts_with(['（', '('])
        })
        && a.blocks.iter().map(|b| b.text.chars().count()).sum::<usize>() <= BRIEF
}

/// Carry a column label from a brief to the titled briefs that follow it
/// in reading order, up to the first article that is not a brief or has a
/// label of its own.
pub fn carry_labels(arts: &mut [Article]) {
    let mut label: Option<String> = None;
    for a in arts.iter_mut() {
        if !brief(a) || a.kicker.is_some() {
            label = None;
            continue;
        }
        match (&a.column, &label) {
            (Some(c), _) => label = Some(c.clone()),
            (None, Some(l)) if a.headline.is_some() => {
                a.column = Some(l.clone());
                // Said, so that a reader (and the check that no text is
                // lost) knows the label was printed once, over the run.
                a.diagnostics.push(Diagnostic::info(
                    "label-carried",
                    format!("the column label `{l}` printed over the brief before is carried to this one"),
                    a.source.map(|s| s.start),
                ));
            }
            _ => {}
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use newsconv_core::{Block, Byline, BylinePosition};

    fn brief_by(head: Option<&str>, col: Option<&str>, by: &str) -> Article {
        Article {
            headline: head.map(Into::into),
            column: col.map(Into::into),
            blocks: vec![Block::paragraph("本报讯 近日，某县开展活动。")],
            byline: Some(Byline {
                text: by.into(),
                position: Some(BylinePosition::AfterBody),
                ..Default::default()
            }),
            ..Default::default()
        }
    }

    #[test]
    fn a_label_names_every_titled_brief_under_it() {
        let mut arts = vec![
            brief_by(Some("甲"), Some("◇简讯◇"), "（陈金州）"),
            brief_by(Some("乙"), None, "（贝如兰）"),
            brief_by(None, None, "（张三）"),
            brief_by(Some("丙"), None, "记者 李四"),
            brief_by(Some("丁"), None, "（王五）"),
        ];
        carry_labels(&mut arts);
        let cols: Vec<Option<&str>> = arts.iter().map(|a| a.column.as_deref()).collect();
        assert_eq!(cols, [Some("◇简讯◇"), Some("◇简讯◇"), None, None, None]);
    }
}
