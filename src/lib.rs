//! newsconv: the input side (text and PDF front ends, the parser passes) and
//! the command line (`cli`). The model and the exporters live in `plugins/`.

pub mod cli;
pub mod front;
pub mod parse;

/// Make sure every plugin crate is linked into the binary, so that its
/// `inventory::submit!` registrations are not dropped by the linker.
/// Call this once at start-up; it does nothing else.
pub fn link_plugins() {
    newsconv_json::link();
    newsconv_newsml::link();
    newsconv_epub::link();
    newsconv_pdf::link();
    newsconv_mets::link();
}
