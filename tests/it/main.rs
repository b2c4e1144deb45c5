//! The integration test crate: one module per feature.
//! Golden files are rewritten with `NEWSCONV_UPDATE_GOLDEN=1 cargo test`.

mod common;

mod accessibility;
mod batch;
mod cli;
mod epub;
mod exporter_options;
mod front;
mod furniture;
mod hostile;
mod hostile_pdf;
mod identical;
mod images;
mod inspect_svg;
mod json;
mod metamorphic;
mod mets;
mod props;
mod recipes;
mod newsml;
mod ocr;
mod pdf;
mod pdf_input;
mod pages;
mod parse;
mod seed;
mod shards;
