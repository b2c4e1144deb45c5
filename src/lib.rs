//! newsconv: the input side (text and PDF front ends, the parser passes) and
//! the glue the CLI uses. The model and the exporters live in `plugins/`.

pub mod batch;
pub mod front;
pub mod output;
pub mod parse;
pub mod score;

pub use newsconv_core as core;

// Transition re-exports: the old paths of the front ends, until the CLI and
// the benches name `front` directly.
pub use front as input;
pub use front::pdf;

/// Make sure every plugin crate is linked into the binary, so that its
/// `inventory::submit!` registrations are not dropped by the linker.
/// Call this once at start-up; it does nothing else.
pub fn link_plugins() {
    newsconv_json::link();
    newsconv_newsml::link();
    newsconv_epub::link();
    newsconv_pdf::link();
}
