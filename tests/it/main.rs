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
mod newsml;
mod ocr;
mod pages;
mod parse;
mod pdf;
mod pdf_input;
mod props;
mod recipes;
mod seed;
mod shards;
