//! The PDF front end on arbitrary glyph layouts: every 6 bytes are one run of
//! glyphs (x, y, size, direction, length, character set). No panic, and the
//! lines handed to the passes carry exactly the glyphs' text.
#![no_main]
use libfuzzer_sys::fuzz_target;
use newsconv::front::pdf::extract::{Dir, Glyph, PdfPage};

const CHARS: [&str; 16] = ["中", "国", "报", "讯", "，", "。", "“", "”", "（", "）", "●", "—", "1", "A", "记", "者"];

fuzz_target!(|data: &[u8]| {
    let mut glyphs = Vec::new();
    for c in data.chunks_exact(6).take(150) {
        let (x, y) = (c[0] as f32 * 4.0, c[1] as f32 * 6.0);
        let size = [6.0f32, 8.3, 9.7, 12.9, 16.6, 33.1, 44.2, 0.0][(c[2] & 7) as usize];
        let dir = [Dir::Up, Dir::Up, Dir::Ccw, Dir::Cw][(c[3] & 3) as usize];
        let vertical = c[3] & 4 != 0;
        for k in 0..(c[4] % 24) as usize {
            let t = CHARS[((c[5] as usize) + k * 7) % CHARS.len()];
            let (gx, gy) = if vertical { (x, y + k as f32 * size) } else { (x + k as f32 * size, y) };
            glyphs.push(Glyph { text: t.into(), bbox: newsconv_core::Rect::new(gx, gy, gx + size, gy + size), size, font: (c[2] >> 3) as u16 % 3, vertical, dir, stroke: false, invisible: false, light: false });
        }
    }
    let page = PdfPage { width: 1024.0, height: 1536.0, glyphs, fonts: vec!["A".into(), "B".into(), "C".into()], unmapped: 0, rules: Vec::new(), over_budget: None, ..Default::default() };
    let kept: String = newsconv::front::pdf::layout::dedup(&page.glyphs).iter().map(|g| g.text.as_str()).collect();
    let mut line = 0;
    let lines = newsconv::front::pdf::page_lines(&page, &mut line);
    let emitted: String = lines.lines.iter().map(|l| l.text.as_str()).collect();
    let sorted = |s: &str| {
        let mut v: Vec<char> = s.chars().filter(|c| !c.is_whitespace()).collect();
        v.sort_unstable();
        v
    };
    assert_eq!(sorted(&kept), sorted(&emitted), "the layout stage changed the text");
    let _ = newsconv::parse::parse_pages(vec![lines]);
});
