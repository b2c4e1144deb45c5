//! Show what the PDF front end sees on each page: blocks in reading order
//! with their box, type size, font and role, and the rules.
//!
//! ```text
//! cargo run --example pdflayout -- PAGE.pdf|OCR-ALTO.xml [--rules] [--lines]
//! ```

use newsconv::front::pdf::{extract, layout};

fn main() {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let rules = args.iter().any(|a| a == "--rules");
    let lines = args.iter().any(|a| a == "--lines");
    args.retain(|a| a != "--rules" && a != "--lines");
    let Some(path) = args.first() else {
        eprintln!("usage: pdflayout PAGE.pdf [--rules] [--lines]");
        std::process::exit(2);
    };
    let bytes = std::fs::read(path).unwrap_or_else(|e| {
        eprintln!("{path}: {e}");
        std::process::exit(1)
    });
    // An ALTO file from an OCR engine (`tesseract IMAGE out --dpi 300 alto`)
    // shows what the layout makes of recognised lines (300 dpi assumed).
    let pages = if path.ends_with(".xml") {
        newsconv::front::alto::read_ocr(std::path::Path::new(path), &bytes, 300, 0.3).map(|r| r.0).unwrap_or_else(|e| {
            eprintln!("{path}: {e:?}");
            std::process::exit(1)
        })
    } else {
        extract::extract(bytes, &Default::default()).unwrap_or_else(|e| {
            eprintln!("{path}: {e:?}");
            std::process::exit(1)
        })
    };
    for (pi, p) in pages.iter().enumerate() {
        println!(
            "== page {} ({:.0}x{:.0}), {} glyphs, {} rules",
            pi + 1,
            p.width,
            p.height,
            p.glyphs.len(),
            p.rules.len()
        );
        if rules {
            for r in &p.rules {
                println!(
                    "  rule {:6.1},{:6.1} - {:6.1},{:6.1}",
                    r.x0, r.y0, r.x1, r.y1
                );
            }
        }
        // NEWSCONV_GLYPHS="x0,y0,x1,y1": print the glyphs inside that box.
        if let Ok(b) = std::env::var("NEWSCONV_GLYPHS") {
            let v: Vec<f32> = b.split(',').filter_map(|x| x.trim().parse().ok()).collect();
            if let [x0, y0, x1, y1] = v[..] {
                for g in p.glyphs.iter().filter(|g| {
                    g.bbox.x0 >= x0 && g.bbox.x1 <= x1 && g.bbox.y0 >= y0 && g.bbox.y1 <= y1
                }) {
                    println!(
                        "glyph {:?} [{:6.1},{:6.1} {:6.1},{:6.1}] {:4.1}pt {:?} v={} stroke={}",
                        g.text,
                        g.bbox.x0,
                        g.bbox.y0,
                        g.bbox.x1,
                        g.bbox.y1,
                        g.size,
                        g.dir,
                        g.vertical,
                        g.stroke
                    );
                }
            }
        }
        let mut blocks = layout::analyse(p);
        let regions = layout::segment(&mut blocks);
        if lines {
            let mut no = 0;
            for l in layout::emit(&blocks, &regions, &p.fonts, &mut no) {
                let g = l
                    .geom
                    .as_ref()
                    .map(|g| format!("{:6.1},{:6.1} {:6.1} {:4.1}", g.x0, g.y0, g.x1, g.size))
                    .unwrap_or_default();
                let para = match l.para {
                    Some(true) => "¶",
                    Some(false) => "…",
                    None => " ",
                };
                println!(
                    "{:4} {:>2} {para} {:<11} {g:<28} {}",
                    l.line,
                    l.region.map(|r| r.to_string()).unwrap_or_default(),
                    l.role.map(|r| format!("{r:?}")).unwrap_or_default(),
                    l.text
                );
            }
            continue;
        }
        for (k, b) in blocks.iter().enumerate() {
            let text: String = b
                .lines
                .iter()
                .map(|l| l.text.as_str())
                .collect::<Vec<_>>()
                .join("⏎");
            let short: String = text.chars().take(60).collect();
            println!(
                "{k:3} [{:6.1},{:6.1} {:6.1},{:6.1}] {:5.1}pt {:<10} {:<12} {:2}L {short}",
                b.x0,
                b.y0,
                b.x1,
                b.y1,
                b.size,
                p.fonts
                    .get(b.lines[0].font as usize)
                    .map(|s| s.as_str())
                    .unwrap_or("?")
                    .chars()
                    .take(10)
                    .collect::<String>(),
                b.role.map(|r| format!("{r:?}")).unwrap_or_default(),
                b.lines.len()
            );
        }
    }
}
