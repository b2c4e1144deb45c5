//! Work the PDF reader will need, started early on another core.
//!
//! hayro converts a DeviceCMYK colour to RGB through a colour transform it
//! builds once per process, on first use (a LUT from an ICC profile: about
//! 15 ms, a fifth of reading a dev page). Newspaper pages are printed in
//! CMYK, and the extraction device asks the colour of every filled path and
//! glyph run (`extract::is_light`), so the first page read waits for it.
//! [`cmyk_in_background`] builds it on a thread of its own while the page
//! is opened, decoded and interpreted up to its first CMYK colour; the
//! reader then finds it built, or waits only for the rest. Nothing read
//! changes: the same transform is built either way, once.

use hayro_interpret::font::GlyphRun;
use hayro_interpret::hayro_syntax::Pdf;
use hayro_interpret::kurbo::{Affine, BezPath, Rect};
use hayro_interpret::{
    interpret_page, BlendMode, ClipPath, Context, Device, DrawMode, DrawProps, Image, ImageDrawProps, InterpreterCache,
    InterpreterSettings, Paint, SoftMask,
};
use std::sync::Once;

/// Build hayro's CMYK transform on a thread of its own, once per process
/// (later calls do nothing).
pub fn cmyk_in_background() {
    static STARTED: Once = Once::new();
    STARTED.call_once(|| {
        // A thread that fails to start only leaves the work to the reader.
        let _ = std::thread::Builder::new().name("cmyk-warm".into()).spawn(cmyk);
    });
}

/// Interpret a one-page PDF that fills a square in DeviceCMYK and ask its
/// colour in RGB, as the extraction device does.
fn cmyk() {
    let Ok(pdf) = Pdf::new(tiny_cmyk_pdf()) else { return };
    let cache = InterpreterCache::new();
    for page in pdf.pages().iter() {
        let mut ctx = Context::new(Affine::IDENTITY, Rect::new(0.0, 0.0, 10.0, 10.0), &cache, pdf.xref(), InterpreterSettings::default());
        interpret_page(page, &mut ctx, &mut AskColour);
    }
}

/// A device that only converts the colour of what is filled.
struct AskColour;

impl Device<'_> for AskColour {
    fn draw_path(&mut self, _: &BezPath, props: DrawProps<'_>, _: &DrawMode) {
        if let Paint::Color(c) = &props.paint {
            let _ = c.to_rgba();
        }
    }
    fn push_clip_path(&mut self, _: &ClipPath) {}
    fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
    fn draw_glyph_run(&mut self, _: &GlyphRun<'_, '_>, _: DrawProps<'_>, _: &DrawMode) {}
    fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {}
    fn pop_clip(&mut self) {}
    fn pop_transparency_group(&mut self) {}
}

/// A well-formed one-page PDF (cross-reference offsets computed) whose
/// page fills a square in DeviceCMYK black.
fn tiny_cmyk_pdf() -> Vec<u8> {
    let content = "0 0 0 1 k 0 0 10 10 re f";
    let objects = [
        "<< /Type /Catalog /Pages 2 0 R >>".to_string(),
        "<< /Type /Pages /Kids [3 0 R] /Count 1 >>".to_string(),
        "<< /Type /Page /Parent 2 0 R /MediaBox [0 0 10 10] /Contents 4 0 R /Resources << >> >>".to_string(),
        format!("<< /Length {} >>\nstream\n{content}\nendstream", content.len()),
    ];
    let mut out = b"%PDF-1.4\n".to_vec();
    let mut offsets = Vec::new();
    for (k, o) in objects.iter().enumerate() {
        offsets.push(out.len());
        out.extend_from_slice(format!("{} 0 obj\n{o}\nendobj\n", k + 1).as_bytes());
    }
    let xref = out.len();
    out.extend_from_slice(format!("xref\n0 {}\n0000000000 65535 f \n", objects.len() + 1).as_bytes());
    for off in offsets {
        out.extend_from_slice(format!("{off:010} 00000 n \n").as_bytes());
    }
    out.extend_from_slice(format!("trailer\n<< /Size {} /Root 1 0 R >>\nstartxref\n{xref}\n%%EOF\n", objects.len() + 1).as_bytes());
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The square is filled in DeviceCMYK and its colour asked (what
    /// builds the transform), and the black comes back black.
    #[test]
    fn the_tiny_pdf_fills_a_cmyk_square() {
        struct Colours(Vec<[u8; 4]>);
        impl Device<'_> for Colours {
            fn draw_path(&mut self, _: &BezPath, props: DrawProps<'_>, _: &DrawMode) {
                if let Paint::Color(c) = &props.paint {
                    assert_eq!(c.components().len(), 4, "a CMYK colour");
                    self.0.push(c.to_rgba().to_rgba8());
                }
            }
            fn push_clip_path(&mut self, _: &ClipPath) {}
            fn push_transparency_group(&mut self, _: f32, _: Option<SoftMask<'_>>, _: BlendMode) {}
            fn draw_glyph_run(&mut self, _: &GlyphRun<'_, '_>, _: DrawProps<'_>, _: &DrawMode) {}
            fn draw_image(&mut self, _: Image<'_, '_>, _: ImageDrawProps<'_>) {}
            fn pop_clip(&mut self) {}
            fn pop_transparency_group(&mut self) {}
        }
        let pdf = Pdf::new(tiny_cmyk_pdf()).expect("a readable PDF");
        let cache = InterpreterCache::new();
        let mut dev = Colours(Vec::new());
        let pages = pdf.pages();
        assert_eq!(pages.len(), 1);
        for page in pages.iter() {
            let mut ctx = Context::new(Affine::IDENTITY, Rect::new(0.0, 0.0, 10.0, 10.0), &cache, pdf.xref(), InterpreterSettings::default());
            interpret_page(page, &mut ctx, &mut dev);
        }
        assert_eq!(dev.0.len(), 1, "one filled square");
        let [r, g, b, a] = dev.0[0];
        assert_eq!(a, 255);
        assert!(r < 80 && g < 80 && b < 80, "CMYK black is dark: {:?}", dev.0[0]);
    }
}
