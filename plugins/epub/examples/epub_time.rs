//! Quick timing (no criterion): how long the EPUB exporter takes for one issue.
//!
//! ```sh
//! newsconv convert seeds/000_bf1f693cbe2b0d89.txt --to json -o /tmp/t --title T --date 2025-06-24
//! cargo run --release -p newsconv-epub --example epub_time -- /tmp/t/000_bf1f693cbe2b0d89.json
//! ```
use std::time::Instant;

fn main() {
    let path = std::env::args()
        .nth(1)
        .expect("usage: epub_time ISSUE.json");
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    let issue: newsconv_core::Issue =
        serde_json::from_str(&text).unwrap_or_else(|e| panic!("{path}: {e}"));
    let opts = newsconv_epub::EpubOptions::default();
    let mut times = Vec::new();
    let mut size = 0;
    for _ in 0..50 {
        let t = Instant::now();
        let mut bytes = Vec::new();
        newsconv_epub::write(&issue, &opts, &mut bytes).expect("render");
        times.push(t.elapsed().as_secs_f64() * 1000.0);
        size = bytes.len();
    }
    times.sort_by(|a, b| a.partial_cmp(b).unwrap());
    println!(
        "{path}: {size} bytes; median {:.2} ms, min {:.2} ms, max {:.2} ms over 50 runs",
        times[25], times[0], times[49]
    );
}
