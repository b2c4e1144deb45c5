//! Display lines read again on their own. Tesseract reads a page as
//! columns of running text; a headline, several times the body's line
//! height and often set apart from its neighbours, is where its page
//! segmentation goes wrong most (a line cut short, characters dropped or
//! misread). Each line of the page's ALTO that is much taller than the
//! page's running text (a rank among the page's own line heights, never a
//! size in points) is cropped from the page image and read again as one
//! line; the re-read replaces the line when it is surer of more characters.

use super::rules::Grey;
use super::tesseract::{Engine, EngineError};

/// A line must be this many times the page's median line height.
const TALL: f32 = 1.8;
/// And at least this many times as wide as high (a horizontal line).
const WIDE: f32 = 1.5;
/// At most this many lines are read again on a page (the tallest first).
const MAX_LINES: usize = 60;

/// A `TextLine` of the page's ALTO: its bytes and box, in pixels.
#[derive(Debug, Clone, PartialEq)]
struct Line {
    /// Byte span of `<TextLine …>…</TextLine>`.
    span: (usize, usize),
    hpos: f32,
    vpos: f32,
    width: f32,
    height: f32,
}

/// The value of attribute `name` in the tag text `tag`.
fn attr<'a>(tag: &'a str, name: &str) -> Option<&'a str> {
    let key = format!(" {name}=\"");
    let i = tag.find(&key)? + key.len();
    let j = tag[i..].find('"')? + i;
    Some(&tag[i..j])
}

fn num(tag: &str, name: &str) -> Option<f32> {
    attr(tag, name)?
        .parse()
        .ok()
        .filter(|v: &f32| v.is_finite())
}

/// The `TextLine`s of `alto`, in order.
fn lines(alto: &str) -> Vec<Line> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = alto[at..].find("<TextLine ").map(|i| i + at) {
        let Some(tag_end) = alto[i..].find('>').map(|j| i + j) else {
            break;
        };
        let Some(end) = alto[i..]
            .find("</TextLine>")
            .map(|j| i + j + "</TextLine>".len())
        else {
            break;
        };
        let tag = &alto[i..tag_end];
        if let (Some(hpos), Some(vpos), Some(width), Some(height)) = (
            num(tag, "HPOS"),
            num(tag, "VPOS"),
            num(tag, "WIDTH"),
            num(tag, "HEIGHT"),
        ) {
            out.push(Line {
                span: (i, end),
                hpos,
                vpos,
                width,
                height,
            });
        }
        at = end;
    }
    out
}

/// The words of an ALTO fragment: (tag text, confidence, characters).
fn words(alto: &str) -> Vec<(&str, f32, usize)> {
    let mut out = Vec::new();
    let mut at = 0;
    while let Some(i) = alto[at..].find("<String ").map(|i| i + at) {
        let Some(end) = alto[i..].find("/>").map(|j| i + j + 2) else {
            break;
        };
        let tag = &alto[i..end];
        let wc = num(tag, "WC").unwrap_or(0.0);
        let n = attr(tag, "CONTENT").map_or(0, |c| c.chars().count());
        out.push((tag, wc, n));
        at = end;
    }
    out
}

/// How sure a reading is: the characters read with at least `min_wc`, and
/// the mean confidence over characters.
fn sureness(alto: &str, min_wc: f32) -> (usize, f32) {
    let ws = words(alto);
    let sure = ws.iter().filter(|w| w.1 >= min_wc).map(|w| w.2).sum();
    let n: usize = ws.iter().map(|w| w.2).sum();
    let mean = if n == 0 {
        0.0
    } else {
        ws.iter().map(|w| w.1 * w.2 as f32).sum::<f32>() / n as f32
    };
    (sure, mean)
}

/// The lines to read again: horizontal lines at least [`TALL`] times the
/// page's median line height, tallest first, at most [`MAX_LINES`].
fn tall_lines(all: &[Line]) -> Vec<Line> {
    let mut hs: Vec<f32> = all.iter().map(|l| l.height).collect();
    if hs.len() < 5 {
        return Vec::new();
    }
    hs.sort_by(f32::total_cmp);
    let median = hs[hs.len() / 2];
    let mut out: Vec<Line> = all
        .iter()
        .filter(|l| l.height >= TALL * median && l.width >= WIDE * l.height)
        .cloned()
        .collect();
    out.sort_by(|a, b| b.height.total_cmp(&a.height));
    out.truncate(MAX_LINES);
    out
}

/// How far a tall line may be widened, each side, in its own heights.
const REACH: f32 = 12.0;

/// `l` widened along its band up to the nearest line of text beside it
/// (a line overlapping the band by half its own height that is wide, at
/// least three of its heights, or at least half as tall as `l`: not a
/// speck read from a stroke), by at most [`REACH`] of its heights a side,
/// and not past the image. The page run sometimes keeps only part of a
/// headline and drops the rest as picture.
fn widened(l: &Line, all: &[Line], img_w: f32) -> Line {
    let mut left = (l.hpos - REACH * l.height).max(0.0);
    let mut right = (l.hpos + l.width + REACH * l.height).min(img_w);
    for o in all {
        if o.span == l.span {
            continue;
        }
        let overlap = (o.vpos + o.height).min(l.vpos + l.height) - o.vpos.max(l.vpos);
        let text = o.width >= 3.0 * o.height || o.height >= 0.5 * l.height;
        if overlap < 0.5 * o.height || !text {
            continue;
        }
        if o.hpos >= l.hpos + l.width {
            right = right.min(o.hpos);
        } else if o.hpos + o.width <= l.hpos {
            left = left.max(o.hpos + o.width);
        }
    }
    Line {
        hpos: left.min(l.hpos),
        width: right.max(l.hpos + l.width) - left.min(l.hpos),
        ..l.clone()
    }
}

/// The crop of `img` around `l`, with a margin of a quarter of its height,
/// as a PGM, and its top-left corner.
fn crop(img: &Grey<'_>, l: &Line) -> Option<(Vec<u8>, usize, usize)> {
    let m = l.height * 0.25;
    let x0 = (l.hpos - m).max(0.0) as usize;
    let y0 = (l.vpos - m).max(0.0) as usize;
    let x1 = ((l.hpos + l.width + m) as usize).min(img.w);
    let y1 = ((l.vpos + l.height + m) as usize).min(img.h);
    if x1 <= x0 + 4 || y1 <= y0 + 4 {
        return None;
    }
    let mut pgm = format!("P5\n{} {}\n255\n", x1 - x0, y1 - y0).into_bytes();
    for y in y0..y1 {
        pgm.extend_from_slice(&img.px[y * img.w + x0..y * img.w + x1]);
    }
    Some((pgm, x0, y0))
}

/// The words of a re-read crop moved to page pixels: `String` tags with
/// `HPOS`/`VPOS` shifted by the crop's corner.
fn shifted(alto: &str, dx: usize, dy: usize) -> String {
    let mut out = String::new();
    for (tag, _, _) in words(alto) {
        let mut t = tag.to_string();
        for (name, d) in [("HPOS", dx), ("VPOS", dy)] {
            if let Some(v) = num(tag, name) {
                let old = format!(" {name}=\"{}\"", attr(tag, name).unwrap_or_default());
                t = t.replacen(&old, &format!(" {name}=\"{}\"", v as usize + d), 1);
            }
        }
        out.push_str(&t);
        out.push('\n');
    }
    out
}

/// The words of a re-read that are of the line's own size: a word with a
/// letter or character in it at least `min_h` high (a character of body
/// type caught at the crop's edge, or one imagined in a speck, is not);
/// punctuation may be small.
fn display_words(alto: &str, min_h: f32) -> String {
    let mut out = String::new();
    for (tag, _, _) in words(alto) {
        let small = num(tag, "HEIGHT").is_some_and(|h| h < min_h);
        let letters = attr(tag, "CONTENT").is_some_and(|c| c.chars().any(char::is_alphanumeric));
        if !(small && letters) {
            out.push_str(tag);
            out.push('\n');
        }
    }
    out
}

/// The page's ALTO with its tall lines read again where the re-read is
/// surer: more characters at or over `min_wc`, and no lower mean
/// confidence. `read` reads one line image (PGM) and gives its ALTO; a
/// failed re-read keeps the page's reading.
pub fn reread_tall(
    alto: &[u8],
    img: &Grey<'_>,
    min_wc: f32,
    mut read: impl FnMut(&[u8]) -> Result<Vec<u8>, EngineError>,
) -> Vec<u8> {
    let Ok(text) = std::str::from_utf8(alto) else {
        return alto.to_vec();
    };
    let all = lines(text);
    let mut swaps: Vec<((usize, usize), String)> = Vec::new();
    for l in tall_lines(&all) {
        let old = &text[l.span.0..l.span.1];
        let (mut best_sure, old_mean) = sureness(old, min_wc);
        let mut best = None;
        // The line as the page run boxed it, and widened along its band.
        let wide = widened(&l, &all, img.w as f32);
        let mut boxes = vec![l.clone()];
        if wide.width > l.width + l.height {
            boxes.push(wide);
        }
        for b in &boxes {
            let Some((pgm, x0, y0)) = crop(img, b) else {
                continue;
            };
            let Ok(again) = read(&pgm) else { continue };
            let Ok(again) = String::from_utf8(again) else {
                continue;
            };
            let again = display_words(&again, 0.4 * l.height);
            let (sure, mean) = sureness(&again, min_wc);
            if sure > best_sure && mean >= old_mean {
                best_sure = sure;
                best = Some(shifted(&again, x0, y0));
            }
        }
        if let Some(words) = best {
            let head_end = old.find('>').map_or(0, |i| i + 1);
            swaps.push((
                l.span,
                format!("{}\n{}</TextLine>", &old[..head_end], words),
            ));
        }
    }
    if swaps.is_empty() {
        return alto.to_vec();
    }
    swaps.sort_by_key(|s| s.0 .0);
    let mut out = String::with_capacity(text.len());
    let mut at = 0;
    for ((a, b), line) in swaps {
        out.push_str(&text[at..a]);
        out.push_str(&line);
        at = b;
    }
    out.push_str(&text[at..]);
    out.into_bytes()
}

impl Engine {
    /// Recognise a grey image (PGM) holding one line of text; ALTO.
    pub fn recognise_line(
        &self,
        pgm: &[u8],
        dpi: u32,
        models: &str,
    ) -> Result<Vec<u8>, EngineError> {
        self.run_psm(pgm, dpi, models, "7")
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn line(id: usize, x: u32, y: u32, w: u32, h: u32, words: &[(&str, f32)]) -> String {
        let mut s = format!(
            "<TextLine ID=\"line_{id}\" HPOS=\"{x}\" VPOS=\"{y}\" WIDTH=\"{w}\" HEIGHT=\"{h}\">\n"
        );
        for (i, (c, wc)) in words.iter().enumerate() {
            s += &format!(
                "<String ID=\"s{id}_{i}\" HPOS=\"{}\" VPOS=\"{y}\" WIDTH=\"{h}\" HEIGHT=\"{h}\" WC=\"{wc}\" CONTENT=\"{c}\"/>\n",
                x + i as u32 * h
            );
        }
        s + "</TextLine>\n"
    }

    fn page() -> String {
        let mut s = String::from("<alto><Layout><Page>\n");
        for i in 0..6 {
            s += &line(i, 10, 200 + 40 * i as u32, 300, 30, &[("正文", 0.9)]);
        }
        // A headline three times the body, read short and unsure.
        s += &line(9, 10, 20, 600, 90, &[("健全", 0.5), ("党和", 0.2)]);
        s + "</Page></Layout></alto>\n"
    }

    #[test]
    fn only_lines_far_taller_than_the_body_are_read_again() {
        let p = page();
        let tall = tall_lines(&lines(&p));
        assert_eq!(tall.len(), 1);
        assert_eq!(
            (tall[0].hpos, tall[0].vpos, tall[0].height),
            (10.0, 20.0, 90.0)
        );
    }

    #[test]
    fn a_surer_reread_replaces_the_line_in_page_pixels_and_a_worse_one_does_not() {
        let p = page();
        let px = vec![255u8; 700 * 500];
        let img = Grey {
            w: 700,
            h: 500,
            px: &px,
        };
        let mut crops = Vec::new();
        let out = reread_tall(p.as_bytes(), &img, 0.3, |pgm| {
            crops.push(Grey::from_pgm(pgm).map(|g| (g.w, g.h)));
            Ok(line(0, 5, 3, 580, 80, &[("健全党和国家监督体系", 0.8)]).into_bytes())
        });
        // The crop holds the line and a quarter of its height around it.
        assert_eq!(crops, vec![Some((632, 132)), Some((700, 132))]);
        let out = String::from_utf8(out).unwrap();
        assert!(out.contains("CONTENT=\"健全党和国家监督体系\""), "{out}");
        assert!(!out.contains("CONTENT=\"党和\""));
        // Moved by the crop's corner (0, 0 here: the margins meet the edges).
        assert!(out.contains("HPOS=\"5\" VPOS=\"3\""), "{out}");
        // The body lines are untouched.
        assert_eq!(out.matches("CONTENT=\"正文\"").count(), 6);

        let worse = reread_tall(p.as_bytes(), &img, 0.3, |_| {
            Ok(line(0, 5, 3, 580, 80, &[("健", 0.1)]).into_bytes())
        });
        assert_eq!(worse, p.as_bytes());
        let failed = reread_tall(p.as_bytes(), &img, 0.3, |_| {
            Err(EngineError::Failed {
                status: "1".into(),
                stderr: String::new(),
            })
        });
        assert_eq!(failed, p.as_bytes());
    }

    #[test]
    fn a_tall_line_widens_to_the_next_line_of_text_but_not_to_a_speck() {
        let mut p = page();
        // Beside the headline: a speck read from a stroke, then a column
        // of body text.
        p = p.replace(
            "</Page>",
            &(line(20, 700, 60, 40, 35, &[("一", 0.9)])
                + &line(21, 900, 40, 300, 30, &[("正文", 0.9)])
                + "</Page>"),
        );
        let all = lines(&p);
        let head = all.iter().find(|l| l.height == 90.0).unwrap();
        let w = widened(head, &all, 5000.0);
        // Left: the page edge; right: the body line, not the speck.
        assert_eq!((w.hpos, w.hpos + w.width), (0.0, 900.0));
        // Without neighbours it reaches at most twelve heights a side.
        let alone = widened(head, &all[6..7], 5000.0);
        assert_eq!(alone.hpos + alone.width, 610.0 + 12.0 * 90.0);
    }

    #[test]
    fn body_sized_characters_are_dropped_from_a_reread_but_small_punctuation_stays() {
        let a = line(0, 5, 3, 100, 80, &[("国家", 0.9)])
            + &line(1, 5, 3, 100, 20, &[("和", 0.9)])
            + &line(2, 5, 3, 100, 20, &[("、", 0.9)]);
        let kept = display_words(&a, 32.0);
        assert!(kept.contains("国家") && kept.contains("、"), "{kept}");
        assert!(!kept.contains("和"), "{kept}");
    }

    #[test]
    fn shifted_words_keep_their_text_and_move_by_the_corner() {
        let a = line(0, 5, 3, 100, 20, &[("闽A", 0.9)]);
        let s = shifted(&a, 100, 1000);
        assert!(s.contains("HPOS=\"105\" VPOS=\"1003\""), "{s}");
        assert!(s.contains("CONTENT=\"闽A\""));
    }
}
