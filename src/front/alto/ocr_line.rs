//! The glyphs of one line of OCR output. An OCR engine boxes each word's
//! ink tightly, and its line boxes follow the ink too, so neither says the
//! type size the way a PDF does; the layout analysis ranks lines by type
//! size, so a line's size is estimated from what is steadiest on a page of
//! Chinese: the pitch of its full-width characters (one em each in set
//! text), bounded by the line's height. Each character then gets the em
//! box a PDF glyph would have, spread evenly over its run of words.

use crate::front::pdf::extract::Glyph;
use crate::parse::inline::is_wide;
use newsconv_core::Rect;

/// One word as the OCR engine gives it.
#[derive(Debug, Clone)]
pub(super) struct Word {
    /// Its text.
    pub text: String,
    /// Its box (the engine's; the width is rough).
    pub rect: Rect,
    /// The engine's confidence, 0–1.
    pub wc: f32,
}

/// The punctuation of a line of Chinese as it was printed. Tesseract's
/// Chinese model often gives ASCII marks for full-width ones (`,` for `，`,
/// `"` for `“` or `”`); the passes read `，` and `。` as sentence evidence
/// (a line with inner commas is no headline) and readers expect the
/// full-width forms, so a mark next to a Han character is set full-width,
/// and straight double quotes alternate open and close along the line.
pub(super) fn cjk_punctuation(words: &mut [Word]) {
    let han = |c: Option<&char>| c.is_some_and(|c| crate::parse::inline::is_han(*c));
    if !words
        .iter()
        .any(|w| w.text.chars().any(crate::parse::inline::is_han))
    {
        return;
    }
    // A dash opening a line (a subheadline's `——`) read as `一一`.
    let mut cs = words.iter().flat_map(|w| w.text.chars());
    if let (Some('一'), Some('一'), Some(c)) = (cs.next(), cs.next(), cs.next()) {
        if matches!(c, '《' | '“' | '"') || c.is_ascii_digit() {
            // The two strokes may be one word or two.
            let mut left = 2;
            for w in words.iter_mut().take(2) {
                let n = w.text.chars().take_while(|&c| c == '一').count().min(left);
                w.text = "—".repeat(n) + &w.text['一'.len_utf8() * n..];
                left -= n;
            }
        }
    }
    let mut open = false;
    for w in words.iter_mut() {
        let cs: Vec<char> = w.text.chars().collect();
        let mut out = String::with_capacity(w.text.len());
        for (k, &c) in cs.iter().enumerate() {
            let (prev, next) = (k.checked_sub(1).and_then(|j| cs.get(j)), cs.get(k + 1));
            let beside_han = han(prev) || han(next);
            let mapped = match c {
                '“' => {
                    open = true;
                    c
                }
                '”' => {
                    open = false;
                    c
                }
                '"' => {
                    open = !open;
                    if open {
                        '“'
                    } else {
                        '”'
                    }
                }
                ',' if beside_han => '，',
                ';' if beside_han => '；',
                ':' if beside_han => '：',
                '?' if han(prev) => '？',
                '!' if han(prev) => '！',
                '(' if han(next) => '（',
                ')' if han(prev) => '）',
                _ => c,
            };
            out.push(mapped);
        }
        w.text = out;
    }
}

/// Width of a character in ems: full-width one, others half.
fn units(c: char) -> f32 {
    if is_wide(c) {
        1.0
    } else {
        0.5
    }
}

/// Each word's box cut back to where the next word starts, to the line,
/// and to 1.3 line heights a character: Tesseract sometimes reports a word
/// of Chinese several times its real width, running over the words after
/// it and into the next column, while the left edges it gives stay in order.
fn extents(line: &Rect, words: &[Word]) -> Vec<Word> {
    let h = line.height().max(0.1);
    let mut out: Vec<Word> = Vec::with_capacity(words.len());
    for (k, w) in words.iter().enumerate() {
        let r = w.rect;
        let next = words[k + 1..]
            .iter()
            .map(|o| o.rect.x0)
            .find(|&x| x > r.x0)
            .unwrap_or(f32::MAX);
        let em: f32 = w.text.chars().map(units).sum();
        let x1 =
            r.x1.min(next)
                .min(line.x1.max(r.x0))
                .min(r.x0 + em.max(0.5) * h * 1.3);
        out.push(Word {
            rect: Rect::new(r.x0, r.y0, x1.max(r.x0), r.y1),
            ..w.clone()
        });
    }
    out
}

/// White between two words' ink, in line heights, that may part runs.
const INK_GAP: f32 = 0.8;

/// A run of words set close together (no gap of a line height between
/// them): its span on the line and its characters.
struct Run {
    x0: f32,
    x1: f32,
    /// Each character with its word's confidence.
    text: Vec<(char, f32)>,
}

impl Run {
    /// The width one em takes in this run.
    fn pitch(&self) -> f32 {
        let em: f32 = self.text.iter().map(|t| units(t.0)).sum();
        (self.x1 - self.x0) / em.max(0.5)
    }
}

/// The line's words joined into runs, split where the next word starts
/// more than a line height after the previous word would end at about an
/// em a character (two halves of a headline, a column gap), and its ink
/// starts [`INK_GAP`] line heights or more after the previous word's ink
/// ends. Word starts are what Tesseract gives most reliably, but in a line
/// of Chinese it puts some a character late (`党` at 115 px, `的` at 191,
/// `十` at 228 in a line of 37 px pitch); the white between the words' ink
/// is then still narrow.
fn runs(line: &Rect, words: &[Word]) -> Vec<Run> {
    let h = line.height().max(0.1);
    let mut out: Vec<Run> = Vec::new();
    let mut last_start = f32::MIN;
    let mut last_em = 0.0;
    // Where the previous word's ink ends: as reported, up to two ems a character.
    let mut ink_end = f32::MIN;
    for (w, raw) in extents(line, words).into_iter().zip(words) {
        let (r, em): (Rect, f32) = (w.rect, w.text.chars().map(units).sum());
        let chars = w.text.chars().map(|c| (c, w.wc));
        let joins = r.x0 - last_start <= last_em * h * 1.15 + h || r.x0 - ink_end < h * INK_GAP;
        ink_end = raw.rect.x1.min(r.x0 + em.max(0.5) * h * 1.8);
        match out.last_mut() {
            Some(run) if joins => {
                run.x1 = run.x1.max(r.x1);
                run.text.extend(chars);
            }
            _ => out.push(Run {
                x0: r.x0,
                x1: r.x1,
                text: chars.collect(),
            }),
        }
        (last_start, last_em) = (r.x0, em);
    }
    out
}

/// The type size of a line: the median pitch of its runs of two or more
/// full-width characters (one em each in set Chinese), kept within
/// 0.75–1.4 × the line's ink height; that height when it has none.
fn size_of_runs(line: &Rect, runs: &[Run]) -> f32 {
    let h = line.height().max(0.1);
    let mut pitches: Vec<f32> = runs
        .iter()
        .filter(|r| r.text.iter().filter(|c| is_wide(c.0)).count() >= 2)
        .map(Run::pitch)
        .filter(|p| p.is_finite() && *p > 0.0)
        .collect();
    if pitches.is_empty() {
        return h;
    }
    pitches.sort_by(f32::total_cmp);
    pitches[pitches.len() / 2].clamp(0.75 * h, 1.4 * h)
}

/// The median pitch of the line's runs of two or more full-width
/// characters, unbounded by its ink (the evidence [`super::levels`] weighs
/// against the ink's height).
pub(super) fn pitch(line: &Rect, words: &[Word]) -> Option<f32> {
    let mut p: Vec<f32> = runs(line, words)
        .iter()
        .filter(|r| r.text.iter().filter(|c| is_wide(c.0)).count() >= 2)
        .map(Run::pitch)
        .filter(|p| p.is_finite() && *p > 0.0)
        .collect();
    p.sort_by(f32::total_cmp);
    p.get(p.len() / 2).copied()
}

/// The glyphs of a line: its characters spread evenly over each run (an
/// OCR engine's word boxes are rougher than the spacing of set type), each
/// an em box of the line's size on the line's middle. A character of
/// confidence under `min_wc` is left out unless its run, read as a whole,
/// is confident (a mean of 0.6 over four or more characters): a doubtful
/// character among sure ones is most often a real one misread, and leaving
/// it out would open a gap that splits the line, while a run of doubtful
/// ones is usually a picture read as text. Returns the glyphs and the sum
/// and count of the confidences of the characters kept.
pub(super) fn glyphs(line: &Rect, words: &[Word], min_wc: f32) -> (Vec<Glyph>, (f64, usize)) {
    let runs = runs(line, words);
    let size = size_of_runs(line, &runs);
    let cy = (line.y0 + line.y1) * 0.5;
    let mut out = Vec::new();
    let mut conf = (0.0f64, 0usize);
    for run in runs {
        let pitch = run.pitch();
        let n = run.text.iter().filter(|t| !t.0.is_whitespace()).count();
        let mean = run
            .text
            .iter()
            .filter(|t| !t.0.is_whitespace())
            .map(|t| t.1)
            .sum::<f32>()
            / n.max(1) as f32;
        let sure_run = n >= 4 && mean >= 0.6;
        let mut x = run.x0;
        for (c, wc) in run.text {
            let w = pitch * units(c);
            if (wc < min_wc && !sure_run) || c.is_whitespace() {
                x += w;
                continue;
            }
            conf = (conf.0 + f64::from(wc), conf.1 + 1);
            let half = if is_wide(c) { size * 0.5 } else { w * 0.5 };
            let cx = x + w * 0.5;
            let bbox = Rect::new(cx - half, cy - size * 0.5, cx + half, cy + size * 0.5);
            out.push(Glyph::plain(c.to_string(), bbox, size));
            x += w;
        }
    }
    (out, conf)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn size(line: &Rect, words: &[Word]) -> f32 {
        size_of_runs(line, &runs(line, words))
    }

    fn word(t: &str, rect: Rect, wc: f32) -> Word {
        Word {
            text: t.into(),
            rect,
            wc,
        }
    }

    #[test]
    fn chinese_lines_get_full_width_punctuation_and_paired_quotes() {
        let r = Rect::new(0.0, 0.0, 100.0, 10.0);
        let mut ws = vec![
            word("坚持\"一国两制\",保持", r, 0.9),
            word("香港(澳门):好?", r, 0.9),
            word("v1.2,ok", r, 0.9),
        ];
        cjk_punctuation(&mut ws);
        let t: Vec<&str> = ws.iter().map(|w| w.text.as_str()).collect();
        assert_eq!(t, ["坚持“一国两制”，保持", "香港（澳门）：好？", "v1.2,ok"]);
        // A line opening with a dash read as `一一` before a mark or figure.
        let mut dash = vec![word("一一《三网融合》简评", r, 0.9)];
        cjk_punctuation(&mut dash);
        assert_eq!(dash[0].text, "——《三网融合》简评");
        let mut dash = vec![
            word("一", r, 0.9),
            word("一", r, 0.9),
            word("“第六届”", r, 0.9),
        ];
        cjk_punctuation(&mut dash);
        assert_eq!((dash[0].text.as_str(), dash[1].text.as_str()), ("—", "—"));
        let mut words = vec![word("一一对应", r, 0.9)];
        cjk_punctuation(&mut words);
        assert_eq!(words[0].text, "一一对应");
        // A line of Latin text is left as it is.
        let mut latin = vec![word("say \"hi\", then", r, 0.9)];
        cjk_punctuation(&mut latin);
        assert_eq!(latin[0].text, "say \"hi\", then");
    }

    #[test]
    fn a_doubtful_character_stays_among_sure_ones_only() {
        let line = Rect::new(0.0, 0.0, 200.0, 10.0);
        let sure: Vec<Word> = "海葬活动从每"
            .chars()
            .enumerate()
            .map(|(k, c)| {
                word(
                    &c.to_string(),
                    Rect::new(k as f32 * 10.0, 0.0, k as f32 * 10.0 + 9.0, 10.0),
                    if k == 2 { 0.1 } else { 0.9 },
                )
            })
            .collect();
        let (g, conf) = glyphs(&line, &sure, 0.3);
        assert_eq!(
            g.iter().map(|g| g.text.as_str()).collect::<String>(),
            "海葬活动从每"
        );
        assert_eq!(conf.1, 6);
        // A run of doubtful characters (a photo read as text) is left out, keeping the sure one's place.
        let doubtful: Vec<Word> = "木林森"
            .chars()
            .enumerate()
            .map(|(k, c)| {
                word(
                    &c.to_string(),
                    Rect::new(k as f32 * 10.0, 0.0, k as f32 * 10.0 + 9.0, 10.0),
                    if k == 2 { 0.9 } else { 0.1 },
                )
            })
            .collect();
        let (g, _) = glyphs(&line, &doubtful, 0.3);
        assert_eq!(g.len(), 1);
        assert_eq!(g[0].text, "森");
        assert!((g[0].cx() - 25.0).abs() < 1.0, "{}", g[0].cx());
    }

    #[test]
    fn size_is_the_pitch_of_wide_characters() {
        let line = Rect::new(0.0, 0.0, 120.0, 12.0);
        // Four words of 10-point Han characters; the line's ink is 12 high.
        let words: Vec<Word> = (0..4)
            .map(|k| {
                word(
                    "新时代",
                    Rect::new(k as f32 * 30.0, 1.0, k as f32 * 30.0 + 29.0, 11.0),
                    0.9,
                )
            })
            .collect();
        let s = size(&line, &words);
        assert!((s - 119.0 / 12.0).abs() < 0.01, "{s}");
        // No wide words: the line's height.
        assert_eq!(
            size(&line, &[word("2018", Rect::new(0.0, 0.0, 20.0, 12.0), 0.9)]),
            12.0
        );
        let (g, _) = glyphs(&line, &words, 0.3);
        assert_eq!(g.len(), 12);
        assert!(g
            .iter()
            .all(|g| (g.size - s).abs() < 1e-4 && (g.bbox.height() - s).abs() < 1e-3));
    }

    #[test]
    fn a_word_reported_too_wide_stops_where_the_next_begins() {
        let line = Rect::new(0.0, 0.0, 60.0, 10.0);
        // "户籍" said to be 100 wide, though "的" starts at 20.
        let words = vec![
            word("户籍", Rect::new(0.0, 0.0, 100.0, 10.0), 0.9),
            word("的", Rect::new(20.0, 0.0, 30.0, 10.0), 0.9),
        ];
        assert!((size(&line, &words) - 10.0).abs() < 1e-4);
        let (g, _) = glyphs(&line, &words, 0.3);
        let xs: Vec<f32> = g.iter().map(|g| g.cx()).collect();
        assert_eq!(xs, vec![5.0, 15.0, 25.0]);
    }

    #[test]
    fn words_placed_late_stay_one_run_while_their_ink_is_close() {
        // A line of 15 characters at 37 px (300 dpi); Tesseract puts `党`
        // 56 px wide and the words after it about a character late.
        let ws = [
            ("党", 115, 56),
            ("的", 191, 16),
            ("十", 228, 20),
            ("九", 247, 29),
            ("大", 275, 22),
            ("确立", 311, 79),
            ("习近平", 389, 119),
            ("新", 528, 17),
            ("时", 544, 33),
            ("代", 576, 21),
            ("中", 608, 24),
            ("国", 644, 27),
        ];
        let k = 0.24f32;
        let px = |x: i32| x as f32 * k;
        let words: Vec<Word> = ws
            .iter()
            .map(|&(t, x, w)| word(t, Rect::new(px(x), px(872), px(x + w), px(905)), 0.9))
            .collect();
        let line = Rect::new(px(115), px(872), px(671), px(905));
        let r = runs(&line, &words);
        assert_eq!(r.len(), 1);
        assert!((r[0].pitch() - px(556) / 15.0).abs() < 0.01);
        // A column gap (ink 2 line heights apart) still parts the runs.
        let apart = vec![
            word("党的", Rect::new(0.0, 0.0, 16.0, 8.0), 0.9),
            word("十九", Rect::new(32.0, 0.0, 48.0, 8.0), 0.9),
        ];
        assert_eq!(runs(&Rect::new(0.0, 0.0, 48.0, 8.0), &apart).len(), 2);
    }
}
