//! Column labels read from pictures (see `front::pdf::labels`), given to
//! the story they stand beside: the article whose lines come nearest the
//! label on the page, within a few label heights. The label becomes the
//! article's column; a column the article already had from its text (a
//! line of display type over the headline) becomes its kicker when it has
//! none. Each label given is noted on the article, since its text was read
//! by OCR and not taken from the page's text layer.

use super::SourceLine;
use newsconv_core::{Article, Diagnostic, Rect};

/// A label drawn as an image, and what OCR read in it.
#[derive(Debug, Clone, PartialEq)]
pub struct ImageLabel {
    /// Where it is drawn (the lines' coordinates).
    pub rect: Rect,
    /// The label's text.
    pub text: String,
}

/// How far from a story a label may stand, in label heights.
const REACH: f32 = 3.0;

/// The gap between two boxes (0 when they touch or overlap).
fn gap(a: &Rect, b: &Rect) -> f32 {
    let dx = (b.x0 - a.x1).max(a.x0 - b.x1).max(0.0);
    let dy = (b.y0 - a.y1).max(a.y0 - b.y1).max(0.0);
    dx.hypot(dy)
}

/// Give each label to the article nearest it.
pub fn attach(arts: &mut [Article], labels: &[ImageLabel], lines: &[SourceLine]) {
    if labels.is_empty() || arts.is_empty() {
        return;
    }
    // Each article's lines' boxes, by input line.
    let boxes: Vec<Vec<Rect>> = arts
        .iter()
        .map(|a| {
            let Some(span) = a.source else {
                return Vec::new();
            };
            let from = lines.partition_point(|l| l.line < span.start);
            lines[from..]
                .iter()
                .take_while(|l| l.line <= span.end)
                .filter_map(|l| l.geom.as_ref().map(|g| Rect::new(g.x0, g.y0, g.x1, g.y1)))
                .collect()
        })
        .collect();
    for label in labels {
        let reach = REACH * (label.rect.y1 - label.rect.y0);
        let best = boxes
            .iter()
            .enumerate()
            .filter_map(|(k, bs)| bs.iter().map(|b| gap(&label.rect, b)).min_by(f32::total_cmp).map(|d| (d, k)))
            .filter(|&(d, _)| d <= reach)
            .min_by(|a, b| a.0.total_cmp(&b.0).then(a.1.cmp(&b.1)));
        let Some((_, k)) = best else {
            continue;
        };
        let a = &mut arts[k];
        if a.column.as_deref() == Some(label.text.as_str()) {
            continue;
        }
        if let Some(old) = a.column.take() {
            if a.kicker.is_none() {
                a.kicker = Some(old);
            } else {
                a.column = Some(old);
                continue;
            }
        }
        a.column = Some(label.text.clone());
        a.diagnostics.push(Diagnostic::info(
            "label-ocr",
            format!("column label `{}` read by OCR from a picture beside this story (not from the text layer)", label.text),
            a.source.map(|s| s.start),
        ));
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Geom;
    use newsconv_core::Span;

    fn line(n: u32, x0: f32, y0: f32, x1: f32, y1: f32) -> SourceLine {
        SourceLine {
            text: "字".into(),
            line: n,
            geom: Some(Geom { x0, y0, x1, y1, size: 10.0, font: "F".into() }),
            ..Default::default()
        }
    }

    #[test]
    fn a_label_goes_to_the_story_beside_it() {
        let lines = vec![line(1, 100.0, 100.0, 400.0, 130.0), line(2, 100.0, 140.0, 400.0, 600.0), line(3, 500.0, 100.0, 800.0, 600.0)];
        let mut arts = vec![
            Article { headline: Some("甲".into()), source: Some(Span { start: 1, end: 2 }), ..Default::default() },
            Article { headline: Some("乙".into()), column: Some("新论".into()), source: Some(Span { start: 3, end: 3 }), ..Default::default() },
        ];
        let labels = vec![
            ImageLabel { rect: Rect::new(20.0, 100.0, 90.0, 125.0), text: "思想纵横".into() },
            ImageLabel { rect: Rect::new(500.0, 40.0, 600.0, 90.0), text: "新知新觉".into() },
            // Far from every story: given to none.
            ImageLabel { rect: Rect::new(100.0, 900.0, 200.0, 930.0), text: "大家手笔".into() },
        ];
        attach(&mut arts, &labels, &lines);
        assert_eq!(arts[0].column.as_deref(), Some("思想纵横"));
        assert_eq!(arts[1].column.as_deref(), Some("新知新觉"));
        assert_eq!(arts[1].kicker.as_deref(), Some("新论"));
    }
}
