//! Tools for testing newsconv, kept out of the product: where the test data
//! is ([`paths`]), golden files ([`mod@golden`]), "no text lost"
//! ([`conserve`]), plain-text dumps of the parser passes ([`dump`]),
//! scoring against the gold annotations ([`score`], and [`shared_score`]
//! for the shared scorer of record) and the external validators
//! ([`tools`]); test pages for the OCR path made from our own ([`ocr_pages`]);
//! the same pages rewritten without changing their print ([`morph`]);
//! hostile input shapes made to any size ([`shapes`]).

pub mod conserve;
pub mod dump;
pub mod golden;
pub mod hostile_pdf;
pub mod morph;
pub mod ocr_pages;
pub mod paths;
pub mod score;
pub mod shapes;
pub mod shared_score;
mod shuffle;
pub mod tools;

pub use conserve::{assert_conserved, model_text};
pub use golden::golden;
pub use paths::{files_below, page_names, repo, root, sample, shared_pages};
