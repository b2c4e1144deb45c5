//! The front page drawn as a picture, for an output that shows the page
//! as printed (a book's cover): hayro's renderer, the same pinned family
//! that reads the page, about 1000 px tall, as a baseline JPEG. Drawn only
//! when an output asks for it ([`super::Options::cover`]).

use hayro::hayro_interpret::InterpreterSettings;
use hayro::hayro_syntax::page::Page;
use hayro::{render, RenderCache, RenderSettings};
use newsconv_core::PagePicture;
use std::sync::Arc;

/// Height of the picture in pixels (a reading system's screen, not print).
const HEIGHT: f32 = 1000.0;
/// Width at most, for pages wider than tall.
const MAX_WIDTH: f32 = 1400.0;
/// JPEG quality.
const QUALITY: u8 = 82;

/// `page` drawn over white, about [`HEIGHT`] pixels tall.
pub fn picture(page: &Page<'_>) -> Result<PagePicture, String> {
    let (w, h) = page.render_dimensions();
    if !(w.is_finite() && h.is_finite() && w >= 1.0 && h >= 1.0) {
        return Err(format!("a page of {w}×{h} points"));
    }
    let scale = (HEIGHT / h).min(MAX_WIDTH / w);
    let cache = RenderCache::new();
    let settings = hayro::PixmapSettings { x_scale: scale, y_scale: scale, bg_color: hayro::vello_cpu::color::palette::css::WHITE };
    // Unhinted: a picture of the page, not text to read at that size, and
    // hinting was a fifth of the time.
    let render_settings = RenderSettings { hinting: false, ..RenderSettings::default() };
    let pixmap = render(page, &cache, &InterpreterSettings::default(), &render_settings, &settings);
    let (pw, ph) = (u32::from(pixmap.width()), u32::from(pixmap.height()));
    // Premultiplied RGBA over an opaque white background: the colour channels.
    let rgb: Vec<u8> = pixmap.data_as_u8_slice().chunks_exact(4).flat_map(|p| [p[0], p[1], p[2]]).collect();
    let jpeg = newsconv_core::encode_jpeg(&rgb, pw, ph, false, QUALITY).map_err(|e| e.to_string())?;
    Ok(PagePicture { width: pw, height: ph, jpeg: Arc::from(jpeg) })
}
