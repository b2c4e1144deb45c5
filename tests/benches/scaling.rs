//! How the cost of reading grows with the input: each hostile shape of
//! `tests/it/hostile/limits.rs` (one 10 MB line, blank lines, a huge headline, a
//! page of punctuation, thousands of pages, pages of stories, name pieces
//! and jump lines) and the dev pages of `../shared/pages`, read at size n
//! and 4n, best of three runs each. Issue #19 asks that no pass cost more
//! than about n log n: 4x the input may cost up to 8x (linear is 4x, a
//! quadratic pass 16x).
//!
//! `cargo bench --bench scaling` prints one line a shape and exits non-zero
//! when a shape grows worse than that. It is a benchmark, not a test: its
//! figures are times and vary with the machine's load.

use newsconv::front::{load_bytes, Limits};
use newsconv_testkit::shapes;
use std::path::Path;
use std::time::Instant;

/// Most growth allowed for 4x the input.
const MOST: f64 = 8.0;

/// Times below this are noise and are not compared (seconds).
const FLOOR: f64 = 0.25;

/// Least of three run times of reading `text`, in seconds.
fn best_of_3(name: &str, text: &str) -> f64 {
    let opts = Limits::default();
    (0..3)
        .map(|_| {
            let t = Instant::now();
            let _ = std::hint::black_box(load_bytes(Path::new(name), text.as_bytes(), &opts));
            t.elapsed().as_secs_f64()
        })
        .fold(f64::INFINITY, f64::min)
}

/// The input shapes: a name, how to make one of size n, and n.
type Shape = (&'static str, Box<dyn Fn(usize) -> String>, usize);

fn shapes() -> Vec<Shape> {
    let mut v: Vec<Shape> = vec![
        ("one long line", Box::new(shapes::long_line), 256 << 10),
        ("blank lines", Box::new(shapes::blank_lines), 50_000),
        ("huge headline", Box::new(shapes::huge_headline), 256 << 10),
        ("punctuation", Box::new(shapes::punctuation), 100_000),
        ("form-feed pages", Box::new(shapes::form_feed_pages), 2_500),
    ];
    for (name, story) in shapes::STORY_PIECES {
        v.push((name, Box::new(move |n| story.repeat(n)), 2_000));
    }
    let pages = dev_pages();
    if !pages.is_empty() {
        v.push(("dev pages, repeated", Box::new(move |n| pages.repeat(n)), 2));
    }
    v
}

/// The dev pages' texts joined with form feeds, or nothing without them.
fn dev_pages() -> String {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pages");
    let mut names: Vec<_> = std::fs::read_dir(&dir)
        .map(|rd| rd.filter_map(|e| e.ok().map(|e| e.path())).collect())
        .unwrap_or_default();
    names.retain(|p| p.extension().is_some_and(|e| e == "txt"));
    names.sort();
    names
        .iter()
        .filter_map(|p| std::fs::read_to_string(p).ok())
        .map(|t| t + "\x0c")
        .collect()
}

fn main() {
    // `cargo test --benches` passes test-harness flags; run once either way.
    newsconv::link_plugins();
    let mut worse = Vec::new();
    println!(
        "{:<22} {:>10} {:>10} {:>7}",
        "shape", "n (s)", "4n (s)", "growth"
    );
    for (name, make, n) in shapes() {
        let (t1, t4) = (best_of_3(name, &make(n)), best_of_3(name, &make(4 * n)));
        let growth = t4 / t1.max(1e-9);
        println!("{name:<22} {t1:>10.4} {t4:>10.4} {growth:>6.1}x");
        if t4 > FLOOR && t4 > MOST * t1 {
            worse.push(name);
        }
    }
    if !worse.is_empty() {
        eprintln!("worse than n log n (4x the input cost more than {MOST}x): {worse:?}");
        std::process::exit(1);
    }
}
