//! Column labels drawn as images. Many papers set a column's name
//! (`思想纵横`, `新书评介`) or a series banner as a small picture beside or
//! over the headline rather than as text, so the text layer does not hold
//! it. When Tesseract is at hand, the page's label-shaped images (small,
//! wide, much taller than the running text is not) are recognised, all of
//! a page's in one run, and what reads cleanly as a few Han characters
//! over most of the image's width is a label at the image's place; the
//! parser gives it to the story it stands nearest (`parse::labels`).

use super::extract::{DrawnImage, PdfPage};
use crate::front::ocr::tesseract::{Engine, Started};
use crate::parse::ImageLabel;
use newsconv_core::{ImageEncoding, Rect};
use quick_xml::events::Event;
use quick_xml::Reader;

/// Least share of the image's width the recognised characters span: a
/// label read only in part (`信息` of `信息快递`) is not read.
const LEAST_SPAN: f32 = 0.45;

/// Most label images read on one page: a page with more is a page of
/// pictures, not of labels.
const MAX_LABELS: usize = 8;

/// Least confidence (0–1) of every word of a label: one word read less
/// surely and the label is not read at all (a label half read is wrong).
const LEAST_CONFIDENCE: f32 = 0.65;

/// How far (a share of the label's character height) a word's height may
/// be from it and still be one of the label's characters.
const ORNAMENT: f32 = 0.3;

/// Fewest and most Han characters a label reads as.
const LABEL_CHARS: std::ops::RangeInclusive<usize> = 2..=16;

/// White rows between the images stacked for one run.
const GAP: u32 = 48;

/// The running text's type size: the median size of the page's glyphs.
fn body_size(p: &PdfPage) -> Option<f32> {
    let mut sizes: Vec<f32> = p.glyphs.iter().filter(|g| !g.invisible).map(|g| g.size).collect();
    if sizes.is_empty() {
        return None;
    }
    sizes.sort_by(f32::total_cmp);
    Some(sizes[sizes.len() / 2])
}

/// Is this image shaped like a label: wider than tall, no taller than a
/// lines of display type (two lines of a headline), narrower than a third of the page, and not
/// masked (a stencil is line art of another kind)?
fn label_shaped(d: &DrawnImage, body: f32, page_w: f32) -> bool {
    let (w, h) = (d.rect.x1 - d.rect.x0, d.rect.y1 - d.rect.y0);
    w > 0.0
        && h > body
        && w >= 1.5 * h
        && h <= 12.0 * body
        && w <= page_w / 3.0
        && !d.head.masked
        && d.head.width >= 32
        && d.head.height >= 16
        && d.head.width as u64 * d.head.height as u64 <= 4_000_000
}

/// The image's pixels in grey, when its bytes were extracted.
fn grey(d: &DrawnImage) -> Option<image::GrayImage> {
    let (enc, bytes) = d.bytes.as_ref()?.as_ref().ok()?;
    match enc {
        ImageEncoding::Jpeg => image::load_from_memory_with_format(bytes, image::ImageFormat::Jpeg)
            .ok()
            .map(|i| i.to_luma8()),
        ImageEncoding::Png => {
            let mut dec = png::Decoder::new(std::io::Cursor::new(bytes.as_slice()));
            dec.set_transformations(png::Transformations::EXPAND | png::Transformations::STRIP_16);
            let mut r = dec.read_info().ok()?;
            let mut buf = vec![0; r.output_buffer_size()?];
            let info = r.next_frame(&mut buf).ok()?;
            let px = &buf[..info.buffer_size()];
            let ch = info.color_type.samples();
            let grey: Vec<u8> = px
                .chunks(ch)
                .map(|c| match c.len() {
                    1 | 2 => c[0],
                    _ => ((c[0] as u32 * 30 + c[1] as u32 * 59 + c[2] as u32 * 11) / 100) as u8,
                })
                .collect();
            image::GrayImage::from_raw(info.width, info.height, grey)
        }
    }
}

/// Most pixel rows of a label image as recognised: a line or two of
/// characters some 50 pixels high, which is what the engine reads best;
/// larger images are scaled down (the work grows with the pixels).
const LABEL_ROWS: u32 = 128;

/// The image scaled down to at most [`LABEL_ROWS`] rows.
fn small(img: image::GrayImage) -> image::GrayImage {
    if img.height() <= LABEL_ROWS {
        return img;
    }
    let w = (img.width() as u64 * LABEL_ROWS as u64 / img.height() as u64).max(1) as u32;
    image::imageops::resize(&img, w, LABEL_ROWS, image::imageops::FilterType::Triangle)
}

/// The images stacked into one grey picture (white between them), as
/// PGM, with each one's top row in it.
fn stack(imgs: &[image::GrayImage]) -> (Vec<u8>, Vec<u32>) {
    let w = imgs.iter().map(|i| i.width()).max().unwrap_or(1);
    let mut tops = Vec::new();
    let mut h = GAP;
    for i in imgs {
        tops.push(h);
        h += i.height() + GAP;
    }
    let mut px = vec![255u8; (w * h) as usize];
    for (i, &top) in imgs.iter().zip(&tops) {
        for (y, row) in i.rows().enumerate() {
            let at = ((top + y as u32) * w) as usize;
            for (x, p) in row.enumerate() {
                px[at + x] = p.0[0];
            }
        }
    }
    let mut pgm = format!("P5\n{w} {h}\n255\n").into_bytes();
    pgm.extend(px);
    (pgm, tops)
}

/// Tesseract as the labels use it: found, its models named, and its next
/// run started ahead, so that the program's start-up and model load (most
/// of a label run's time) overlap the reading of the page.
#[derive(Debug)]
pub struct LabelEngine {
    engine: Engine,
    models: String,
    next: Option<Started>,
}

impl LabelEngine {
    /// Find the program and start its first run; `None` without Tesseract
    /// or the language's models (the labels stay unread).
    pub fn start(language: &str) -> Option<LabelEngine> {
        let engine = Engine::find(language).ok()?;
        let models = engine.models(language).ok()?;
        let next = engine.start_block(72, &models).ok();
        Some(LabelEngine { engine, models, next })
    }

    /// The ALTO of one stacked picture, on the run started ahead if any.
    fn recognise(&mut self, pgm: &[u8]) -> Option<Vec<u8>> {
        let run = match self.next.take() {
            Some(run) => run,
            None => self.engine.start_block(72, &self.models).ok()?,
        };
        run.finish(pgm).ok()
    }
}

/// The label-shaped images of page `p` with their pixels (grey, scaled
/// down); none when the page has none or more than [`MAX_LABELS`].
pub fn candidates(p: &PdfPage) -> Vec<(Rect, image::GrayImage)> {
    let Some(body) = body_size(p) else {
        return Vec::new();
    };
    let picked: Vec<(Rect, image::GrayImage)> = p
        .drawn
        .iter()
        .filter(|d| label_shaped(d, body, p.width))
        .filter_map(|d| Some((d.rect, small(grey(d)?))))
        .take(MAX_LABELS + 1)
        .collect();
    if picked.len() > MAX_LABELS {
        return Vec::new();
    }
    picked
}

/// Recognise a page's label images (from [`candidates`]): the labels that
/// read cleanly, with where they are drawn.
pub fn read_labels(picked: &[(Rect, image::GrayImage)], engine: &mut LabelEngine) -> Vec<ImageLabel> {
    if picked.is_empty() {
        return Vec::new();
    }
    let imgs: Vec<image::GrayImage> = picked.iter().map(|x| x.1.clone()).collect();
    let (pgm, tops) = stack(&imgs);
    let Some(alto) = engine.recognise(&pgm) else {
        return Vec::new();
    };
    let words = words(&alto);
    picked
        .iter()
        .zip(&tops)
        .filter_map(|((rect, img), &top)| label_in(&words, *rect, img, top))
        .collect()
}

/// A word Tesseract read: its box in the stacked image, confidence, text.
#[derive(Debug, Clone, PartialEq)]
struct Word {
    x0: f32,
    y0: f32,
    x1: f32,
    y1: f32,
    conf: f32,
    text: String,
}

/// The words (`String` elements) of Tesseract's ALTO.
fn words(alto: &[u8]) -> Vec<Word> {
    let mut r = Reader::from_reader(alto);
    let mut out = Vec::new();
    let mut buf = Vec::new();
    loop {
        match r.read_event_into(&mut buf) {
            Ok(Event::Empty(e) | Event::Start(e)) if e.local_name().as_ref() == b"String" => {
                let mut w = Word { x0: 0.0, y0: 0.0, x1: 0.0, y1: 0.0, conf: 0.0, text: String::new() };
                let (mut wd, mut ht) = (0.0f32, 0.0f32);
                for a in e.attributes().flatten() {
                    let v = a.unescape_value().map(|v| v.into_owned()).unwrap_or_default();
                    let num = || v.parse::<f32>().ok().filter(|x| x.is_finite()).unwrap_or(0.0);
                    match a.key.local_name().as_ref() {
                        b"HPOS" => w.x0 = num(),
                        b"VPOS" => w.y0 = num(),
                        b"WIDTH" => wd = num(),
                        b"HEIGHT" => ht = num(),
                        b"WC" => w.conf = num(),
                        b"CONTENT" => w.text = v.clone(),
                        _ => {}
                    }
                }
                w.x1 = w.x0 + wd;
                w.y1 = w.y0 + ht;
                out.push(w);
            }
            Ok(Event::Eof) | Err(_) => break,
            _ => {}
        }
        buf.clear();
    }
    out
}

/// The label read in the band of the stack where one image stands: its
/// Han words, every one read with confidence, spanning most of its width.
/// Words of other scripts are the picture's strokes read as letters.
fn label_in(words: &[Word], rect: Rect, img: &image::GrayImage, top: u32) -> Option<ImageLabel> {
    let (iw, ih) = (img.width() as f32, img.height() as f32);
    let inside: Vec<&Word> = words
        .iter()
        .filter(|w| {
            let cy = (w.y0 + w.y1) / 2.0;
            cy >= top as f32 && cy < top as f32 + ih && !w.text.is_empty() && w.text.chars().all(is_han)
        })
        .collect();
    // Characters of another height than the label's are its ornaments
    // (squares and brush strokes read as `国`).
    let mut heights: Vec<f32> = inside.iter().map(|w| w.y1 - w.y0).collect();
    heights.sort_by(f32::total_cmp);
    let median = heights.get(heights.len() / 2).copied().unwrap_or(0.0);
    let inside: Vec<&Word> = inside
        .into_iter()
        .filter(|w| ((w.y1 - w.y0) - median).abs() <= ORNAMENT * median)
        .collect();
    if inside.iter().any(|w| w.conf < LEAST_CONFIDENCE) {
        return None;
    }
    let text: String = inside.iter().map(|w| w.text.as_str()).collect();
    let x0 = inside.iter().map(|w| w.x0).fold(f32::INFINITY, f32::min);
    let x1 = inside.iter().map(|w| w.x1).fold(f32::NEG_INFINITY, f32::max);
    (LABEL_CHARS.contains(&text.chars().count()) && x1 - x0 >= LEAST_SPAN * iw).then_some(ImageLabel { rect, text })
}

fn is_han(c: char) -> bool {
    ('\u{4e00}'..='\u{9fff}').contains(&c) || ('\u{3400}'..='\u{4dbf}').contains(&c)
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::front::pdf::images::Header;
    use newsconv_core::ColorSpace;

    fn drawn(x0: f32, y0: f32, x1: f32, y1: f32, w: u32, h: u32) -> DrawnImage {
        DrawnImage {
            rect: Rect::new(x0, y0, x1, y1),
            head: Header {
                width: w,
                height: h,
                color: ColorSpace::Gray,
                masked: false,
                photographic: true,
            },
            soft_mask: false,
            bytes: None,
        }
    }

    #[test]
    fn labels_are_small_wide_pictures_against_the_running_text() {
        // Body type 10 pt on an 842 pt wide page.
        assert!(label_shaped(&drawn(100.0, 100.0, 254.0, 152.0, 321, 108), 10.0, 842.0));
        // A photo: too tall.
        assert!(!label_shaped(&drawn(100.0, 100.0, 380.0, 300.0, 900, 640), 10.0, 842.0));
        // The page's header strip: too wide.
        assert!(!label_shaped(&drawn(40.0, 20.0, 800.0, 48.0, 2081, 77), 10.0, 842.0));
        // No taller than a line of text: a rule drawn as an image.
        assert!(!label_shaped(&drawn(40.0, 20.0, 200.0, 28.0, 400, 20), 10.0, 842.0));
    }

    #[test]
    fn stacked_images_keep_their_rows() {
        let a = image::GrayImage::from_pixel(4, 2, image::Luma([0]));
        let b = image::GrayImage::from_pixel(2, 3, image::Luma([100]));
        let (pgm, tops) = stack(&[a, b]);
        assert_eq!(tops, [GAP, GAP + 2 + GAP]);
        let head = format!("P5\n4 {}\n255\n", GAP * 3 + 5);
        assert!(pgm.starts_with(head.as_bytes()));
        let px = &pgm[head.len()..];
        assert_eq!(px[(GAP * 4) as usize], 0);
        assert_eq!(px[((GAP + 2 + GAP) * 4) as usize], 100);
        assert_eq!(px[((GAP + 2 + GAP) * 4 + 3) as usize], 255);
    }

    #[test]
    fn a_label_reads_only_when_every_word_is_sure() {
        let alto = r#"<alto><Layout><Page><PrintSpace><TextBlock><TextLine>
            <String HPOS="6" VPOS="59" WIDTH="62" HEIGHT="32" WC="0.20" CONTENT="Sn"/>
            <String HPOS="102" VPOS="83" WIDTH="86" HEIGHT="55" WC="0.96" CONTENT="思想"/>
            <String HPOS="210" VPOS="84" WIDTH="76" HEIGHT="54" WC="0.86" CONTENT="纵横"/>
            <String HPOS="5" VPOS="210" WIDTH="195" HEIGHT="77" WC="0.39" CONTENT="新书"/>
            <String HPOS="138" VPOS="206" WIDTH="67" HEIGHT="88" WC="0.94" CONTENT="评介"/>
        </TextLine></TextBlock></PrintSpace></Page></Layout></alto>"#;
        let w = words(alto.as_bytes());
        assert_eq!(w.len(), 5);
        let img = image::GrayImage::new(321, 108);
        let r = Rect::new(0.0, 0.0, 100.0, 30.0);
        assert_eq!(label_in(&w, r, &img, 48).map(|l| l.text), Some("思想纵横".into()));
        assert_eq!(label_in(&w, r, &img, 48 + 108 + 48), None);
    }
}
