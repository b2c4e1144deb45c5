//! How the cost of reading grows with the input: each hostile shape of
//! `tests/it/hostile.rs` (one 10 MB line, blank lines, a huge headline, a
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
        ("one long line", Box::new(|n| "新闻正文，没有换行的超长一行。".repeat(n / 45 + 1)), 256 << 10),
        (
            "blank lines",
            Box::new(|n| format!("标题\n{}正文。\n{}结尾。\n", "\n".repeat(n / 2), " \t\n".repeat(n / 2))),
            50_000,
        ),
        (
            "huge headline",
            Box::new(|n| format!("{}\n\n本报记者 张三\n\n正文第一段。\n", "超长标题".repeat(n / 12 + 1))),
            256 << 10,
        ),
        ("punctuation", Box::new(punctuation), 100_000),
        (
            "form-feed pages",
            Box::new(|n| (0..n).map(|i| format!("标题{i}\n\n正文{i}。\n\x0c")).collect()),
            2_500,
        ),
    ];
    let stories: [(&str, &str); 4] = [
        ("closed stories", "夜市小摊起火 消防员十分钟扑灭\n目前，起火原因正在调查中。\n本报记者 孙立平\n\n昨晚九点多，城南夜市一处小摊突然起火。\n\n"),
        ("name pieces", "乡 村 文 化 是 中 华 文 化 的 根 基 ，也\n\n周\n\n来，各地在保护传统村落、传承非\n本报记者 张\n"),
        ("headlines and boxes", "推动乡村文化振兴的几点思考\n\n乡村文化\n\n"),
        ("jump lines", "推动乡村文化振兴\n（下转第二版）\n本报讯（记者 李明）近日，\n（上接第一版）\n"),
    ];
    for (name, story) in stories {
        v.push((name, Box::new(move |n| story.repeat(n)), 2_000));
    }
    let pages = dev_pages();
    if !pages.is_empty() {
        v.push(("dev pages, repeated", Box::new(move |n| pages.repeat(n)), 2));
    }
    v
}

/// A page of punctuation of every kind, `n` characters.
fn punctuation(n: usize) -> String {
    let chars: Vec<char> = "。，、；：？！“”‘’（）《》【】—…·.,;:?!\"'()[]{}<>-_/\\|@#$%^&*~`+="
        .chars()
        .collect();
    let mut s = String::new();
    for i in 0..n {
        s.push(chars[i * 7 % chars.len()]);
        if i % 37 == 36 {
            s.push('\n');
        }
        if i % 401 == 400 {
            s.push('\n');
        }
    }
    s
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
    println!("{:<22} {:>10} {:>10} {:>7}", "shape", "n (s)", "4n (s)", "growth");
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
