//! Sheets of one printed page. A print of a newspaper page on smaller
//! paper (our own print PDF sets one page over several A4 sheets) heads
//! every sheet with the same running head (`第1版`): a reader takes such
//! consecutive sheets for one page, and a story that runs over a sheet
//! break for one story. The sheets are stacked top to bottom into one page
//! (the geometry of sheet k moved down by the heights of the sheets before
//! it), and an untitled piece of text opening a sheet that carries on the
//! previous sheet's last story (its first line set flush, or that story
//! broken off mid-sentence) joins that story's region.

use crate::parse::markers::{find_jump, furniture_kind};
use crate::parse::{LineRole, PageLines, SourceLine};
use newsconv_core::{FurnitureKind, Rect};

/// Share of a sheet's height, from its top, where a running head stands.
const HEAD_BAND: f32 = 0.12;

/// Join each run of consecutive sheets that name the same printed page in
/// their running heads into one page; other pages pass through unchanged.
pub fn join(pages: Vec<PageLines>) -> Vec<PageLines> {
    let mut out: Vec<PageLines> = Vec::with_capacity(pages.len());
    let mut head_of_last: Option<String> = None;
    for p in pages {
        let head = running_page(&p);
        let same = head.is_some() && head == head_of_last;
        match out.last_mut() {
            Some(last) if same && same_paper(last, &p) => append(last, p),
            _ => out.push(p),
        }
        head_of_last = head;
    }
    out
}

/// The printed page a sheet's running head names (`第1版`, `A07`, `7 理论`),
/// spaces removed: the first furniture line in the top band that reads as
/// a page line. `None` for a sheet without one, or without geometry.
pub fn running_page(p: &PageLines) -> Option<String> {
    let (_, height) = p.size?;
    let band = height * HEAD_BAND;
    p.lines
        .iter()
        .filter(|l| !l.text.trim().is_empty())
        .take_while(|l| l.geom.as_ref().is_some_and(|g| g.y1 <= band))
        .filter(|l| l.role == Some(LineRole::Furniture))
        .find(|l| furniture_kind(&l.text) == Some(FurnitureKind::Page))
        .map(|l| l.text.split_whitespace().collect())
}

/// Sheets of one print: both read from the PDF's text (no OCR), the same width.
fn same_paper(a: &PageLines, b: &PageLines) -> bool {
    match (a.size, b.size) {
        (Some((wa, _)), Some((wb, _))) => {
            a.ocr.is_none() && b.ocr.is_none() && (wa - wb).abs() < 1.0
        }
        _ => false,
    }
}

/// Region of a line, `0` when the front end gave none.
fn region(l: &SourceLine) -> u32 {
    l.region.unwrap_or(0)
}

/// A line of the page's text, not furniture and not blank.
fn is_content(l: &SourceLine) -> bool {
    !l.text.trim().is_empty() && l.role != Some(LineRole::Furniture)
}

/// A region headed by a display line of its own.
fn titled(lines: &[SourceLine], r: u32) -> bool {
    lines.iter().any(|l| {
        region(l) == r
            && matches!(
                l.role,
                Some(
                    LineRole::Headline
                        | LineRole::Kicker
                        | LineRole::Subheadline
                        | LineRole::Column
                )
            )
    })
}

/// The text ends a sentence (`。`, `！`, `？`, `……`, maybe closed by a
/// quote or bracket).
fn ends_sentence(t: &str) -> bool {
    let t = t
        .trim_end()
        .trim_end_matches(['”', '’', '」', '』', '）', ')', '》']);
    t.ends_with(['。', '！', '？', '!', '?', '…'])
}

/// Sheet `b` stacked under `a`: its geometry moved down by `a`'s height,
/// its regions numbered after `a`'s, and an untitled region opening it
/// that carries on `a`'s last story given that story's region. The lines
/// between (the sheet break's furniture) go with it, so the story stays
/// one run of lines for the passes.
fn append(a: &mut PageLines, mut b: PageLines) {
    let (wa, ha) = a.size.unwrap_or_default();
    let (wb, hb) = b.size.unwrap_or_default();
    let dy = ha;
    let base = a.lines.iter().map(region).max().map_or(0, |r| r + 1);
    for l in b.lines.iter_mut() {
        if let Some(g) = l.geom.as_mut() {
            g.y0 += dy;
            g.y1 += dy;
        }
        if let Some(r) = l.region.as_mut() {
            *r += base;
        }
    }
    let shift = |r: &mut Rect| {
        r.y0 += dy;
        r.y1 += dy;
    };
    b.frames.iter_mut().for_each(shift);
    for img in b.images.iter_mut() {
        shift(&mut img.rect);
    }
    carry_on(&mut a.lines, &mut b.lines);
    a.lines.append(&mut b.lines);
    a.size = Some((wa.max(wb), ha + hb));
    a.frames.append(&mut b.frames);
    a.images.append(&mut b.images);
    a.diagnostics.append(&mut b.diagnostics);
}

/// When `b` opens with untitled text that carries on the story `a` ends
/// with, give that text (and the sheet-break furniture around it) the
/// story's region.
fn carry_on(a: &mut [SourceLine], b: &mut [SourceLine]) {
    let Some(at) = a.iter().rposition(is_content) else {
        return;
    };
    let last = &a[at];
    let Some(first) = b.iter().position(is_content) else {
        return;
    };
    let (story, opening) = (region(last), region(&b[first]));
    let flush = b[first].para == Some(false);
    if titled(b, opening)
        || find_jump(&last.text).is_some()
        || last.role != Some(LineRole::Body) && last.role.is_some()
        || !(flush || !ends_sentence(&last.text))
    {
        return;
    }
    let end = b[first..]
        .iter()
        .position(|l| region(l) != opening)
        .map_or(b.len(), |k| first + k);
    for l in a[at..].iter_mut().chain(b[..end].iter_mut()) {
        l.region = Some(story);
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::parse::Geom;

    fn line(
        no: u32,
        text: &str,
        y0: f32,
        role: Option<LineRole>,
        para: Option<bool>,
        region: u32,
    ) -> SourceLine {
        SourceLine {
            text: text.into(),
            line: no,
            geom: Some(Geom {
                x0: 50.0,
                y0,
                x1: 290.0,
                y1: y0 + 10.0,
                size: 10.0,
                font: String::new(),
            }),
            role,
            para,
            region: Some(region),
        }
    }

    fn sheet(lines: Vec<SourceLine>) -> PageLines {
        PageLines {
            lines,
            size: Some((595.0, 842.0)),
            ..Default::default()
        }
    }

    const FURN: Option<LineRole> = Some(LineRole::Furniture);

    fn first() -> PageLines {
        sheet(vec![
            line(1, "第1版", 34.0, FURN, None, 0),
            line(
                2,
                "报告认为，中国与中亚成为好邻居。",
                100.0,
                None,
                Some(true),
                0,
            ),
            line(3, "绿色产业、数字经济、人工智", 115.0, None, Some(false), 0),
            line(4, "—1—", 810.0, FURN, None, 1),
        ])
    }

    #[test]
    fn sheets_of_one_printed_page_are_one_page_and_a_story_runs_on() {
        let second = sheet(vec![
            line(5, "第1版", 34.0, FURN, None, 0),
            line(
                6,
                "能、航空航天成为双方合作新的增长点。",
                68.0,
                None,
                Some(false),
                0,
            ),
            line(
                7,
                "洮北：花海织锦",
                300.0,
                Some(LineRole::Headline),
                None,
                1,
            ),
            line(
                8,
                "万朵鲜花，色彩斑斓。",
                330.0,
                Some(LineRole::Body),
                Some(true),
                1,
            ),
        ]);
        let out = join(vec![first(), second]);
        assert_eq!(out.len(), 1);
        let p = &out[0];
        assert_eq!(p.size, Some((595.0, 1684.0)));
        let region = |no: u32| p.lines.iter().find(|l| l.line == no).and_then(|l| l.region);
        // The opening of sheet 2 carries on the story sheet 1 ends with,
        // the sheet break's furniture between them too.
        assert_eq!(region(6), region(3));
        assert_eq!(region(4), region(3));
        assert_eq!(region(5), region(3));
        // The titled story is a region of its own, numbered after sheet 1's.
        assert_eq!(region(7), Some(3));
        let g = p
            .lines
            .iter()
            .find(|l| l.line == 6)
            .and_then(|l| l.geom.as_ref())
            .map(|g| g.y0);
        assert_eq!(g, Some(68.0 + 842.0));
    }

    #[test]
    fn a_sheet_opening_with_a_headline_or_a_new_paragraph_after_a_full_stop_starts_a_story() {
        let titled = sheet(vec![
            line(5, "第1版", 34.0, FURN, None, 0),
            line(
                6,
                "大安：就业帮扶车间",
                68.0,
                Some(LineRole::Headline),
                None,
                0,
            ),
            line(
                7,
                "近年来，大安市就业帮扶车间持续发展。",
                100.0,
                Some(LineRole::Body),
                Some(true),
                0,
            ),
        ]);
        let out = join(vec![first(), titled]);
        assert_eq!(out.len(), 1);
        assert_ne!(out[0].lines[5].region, out[0].lines[2].region);
        let mut ended = first();
        ended.lines[2].text = "绿色产业、数字经济蓬勃发展。".into();
        let fresh = sheet(vec![
            line(5, "第1版", 34.0, FURN, None, 0),
            line(6, "另一篇文章的开头。", 68.0, None, Some(true), 0),
        ]);
        let out = join(vec![ended, fresh]);
        let region = |no: u32| {
            out[0]
                .lines
                .iter()
                .find(|l| l.line == no)
                .and_then(|l| l.region)
        };
        assert_ne!(region(6), region(3));
    }

    #[test]
    fn pages_with_other_running_heads_stay_apart() {
        let other = sheet(vec![
            line(5, "第2版", 34.0, FURN, None, 0),
            line(
                6,
                "能、航空航天成为双方合作新的增长点。",
                68.0,
                None,
                Some(false),
                0,
            ),
        ]);
        assert_eq!(join(vec![first(), other]).len(), 2);
        let bare = sheet(vec![line(
            5,
            "能、航空航天成为双方合作新的增长点。",
            68.0,
            None,
            Some(false),
            0,
        )]);
        assert_eq!(join(vec![first(), bare]).len(), 2);
        assert_eq!(running_page(&first()).as_deref(), Some("第1版"));
    }
}
