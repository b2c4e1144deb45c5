//! A page rendered to a grey image for the OCR engine, by hayro's renderer
//! (the same pinned crate family that reads the page). The image is a
//! binary PGM: the simplest format every OCR engine reads, written without
//! an image library.

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::page::Page;
use hayro::{render, RenderCache, RenderSettings};

/// A rendered page.
pub struct Rendered {
    /// Binary PGM (P5), 8-bit grey.
    pub pgm: Vec<u8>,
    /// Resolution actually used (lower than asked when the page is huge).
    pub dpi: u32,
}

/// The resolution to render a `w`×`h`-point page at: `dpi`, lowered so the
/// image has at most `max_pixels` pixels and each side fits the renderer's
/// 16-bit limit.
pub fn fit_dpi(w: f32, h: f32, dpi: u32, max_pixels: u64) -> u32 {
    let (w, h) = (f64::from(w.max(1.0)), f64::from(h.max(1.0)));
    let mut d = f64::from(dpi.max(1));
    let px = |d: f64| (w * d / 72.0) * (h * d / 72.0);
    if px(d) > max_pixels as f64 {
        d *= (max_pixels as f64 / px(d)).sqrt();
    }
    let side = w.max(h) * d / 72.0;
    if side > 65_000.0 {
        d *= 65_000.0 / side;
    }
    d.floor().max(1.0) as u32
}

/// Render `page` at (about) `dpi`, white background, as grey PGM.
pub fn grey(page: &Page<'_>, dpi: u32, max_pixels: u64) -> Rendered {
    let (w, h) = page.render_dimensions();
    let dpi = fit_dpi(w, h, dpi, max_pixels);
    let scale = dpi as f32 / 72.0;
    let cache = RenderCache::new();
    let pixmap_settings = hayro::PixmapSettings {
        x_scale: scale,
        y_scale: scale,
        bg_color: hayro::vello_cpu::color::palette::css::WHITE,
    };
    let pixmap = render(
        page,
        &cache,
        &InterpreterSettings::default(),
        &RenderSettings::default(),
        &pixmap_settings,
    );
    let (pw, ph) = (pixmap.width() as usize, pixmap.height() as usize);
    let mut pgm = format!("P5\n{pw} {ph}\n255\n").into_bytes();
    pgm.reserve(pw * ph);
    // Premultiplied RGBA over white is opaque: luma of the colour channels.
    pgm.extend(pixmap.data_as_u8_slice().chunks_exact(4).map(|p| {
        ((u32::from(p[0]) * 299 + u32::from(p[1]) * 587 + u32::from(p[2]) * 114) / 1000) as u8
    }));
    Rendered { pgm, dpi }
}

#[cfg(test)]
mod tests {
    use super::fit_dpi;

    #[test]
    fn dpi_is_lowered_for_huge_pages_only() {
        // A broadsheet page (842 × 1191 pt) at 300 dpi is about 17.4 Mpx.
        assert_eq!(fit_dpi(842.0, 1191.0, 300, 40_000_000), 300);
        assert!(fit_dpi(842.0, 1191.0, 300, 4_000_000) < 150);
        // A page 14 400 pt (200 inches) wide cannot be 300 dpi in 16 bits.
        assert!(fit_dpi(14_400.0, 100.0, 300, u64::MAX) * 200 <= 65_000);
        assert!(fit_dpi(f32::NAN, 100.0, 300, 1000) >= 1);
    }
}
