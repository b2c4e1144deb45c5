//! Criterion benchmarks: parsing (the sample, and 1, 10 and 100 pages joined
//! with form feeds, to show how cost grows), each registered exporter on the
//! sample, the whole pipeline (read, parse, every format) on the sample,
//! and on a page PDF with a large photo.
//!
//! `cargo bench --bench pipeline` runs them; `cargo bench --bench pipeline -- parse`
//! runs one group. Under `cargo test --benches` each runs once, as a smoke test.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use newsconv::front::text::parse_text;
use newsconv::front::Limits;
use newsconv_core::{exporters, RenderContext, Settings};
use std::hint::black_box;
use std::path::PathBuf;

fn root() -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
}

fn sample_path() -> PathBuf {
    root().join("seeds/000_bf1f693cbe2b0d89.txt")
}

/// The sample page and the real pages in `../shared/pages` (when present), in a fixed order.
fn page_texts() -> Vec<String> {
    let mut v = vec![std::fs::read_to_string(sample_path()).expect("sample")];
    let dir = root().join("../shared/pages");
    if let Ok(rd) = std::fs::read_dir(&dir) {
        let mut names: Vec<PathBuf> = rd
            .filter_map(|e| e.ok().map(|e| e.path()))
            .filter(|p| p.extension().is_some_and(|e| e == "txt"))
            .collect();
        names.sort();
        v.extend(names.iter().filter_map(|p| std::fs::read_to_string(p).ok()));
    }
    v
}

/// `n` pages, cycling through the available pages, joined with form feeds.
fn pages(n: usize) -> String {
    let texts = page_texts();
    let mut s = String::new();
    for i in 0..n {
        if i > 0 {
            s.push('\u{c}');
        }
        s.push_str(&texts[i % texts.len()]);
    }
    s
}

fn parse(c: &mut Criterion) {
    let mut g = c.benchmark_group("parse");
    for n in [1usize, 10, 100] {
        let text = pages(n);
        g.throughput(Throughput::Bytes(text.len() as u64));
        if n == 100 {
            g.sample_size(20);
        }
        g.bench_with_input(BenchmarkId::new("pages", n), &text, |b, t| {
            b.iter(|| parse_text(black_box(t)))
        });
    }
    g.finish();
}

fn export(c: &mut Criterion) {
    newsconv::link_plugins();
    let issue = newsconv::front::load(&sample_path(), &Limits::default()).expect("sample parses");
    let settings = Settings::new();
    let mut g = c.benchmark_group("export");
    g.sample_size(20);
    for e in exporters() {
        let ctx = RenderContext {
            issue: &issue,
            settings: &settings,
            input: None,
        };
        g.bench_function(e.name, |b| {
            b.iter(|| {
                let mut out = Vec::with_capacity(1 << 20);
                (e.render)(&ctx, &mut out).expect("render");
                out
            })
        });
    }
    g.finish();
}

fn pipeline(c: &mut Criterion) {
    newsconv::link_plugins();
    let settings = Settings::new();
    let path = sample_path();
    let mut g = c.benchmark_group("pipeline");
    g.sample_size(20);
    g.bench_function("sample_all_formats", |b| {
        b.iter(|| {
            let issue = newsconv::front::load(&path, &Limits::default()).expect("sample parses");
            let ctx = RenderContext {
                issue: &issue,
                settings: &settings,
                input: None,
            };
            let mut total = 0;
            for e in exporters() {
                let mut out = Vec::with_capacity(1 << 20);
                (e.render)(&ctx, &mut out).expect("render");
                total += out.len();
            }
            total
        })
    });
    g.finish();
}

/// A dev page PDF to its METS/ALTO package (issue #17: well under a
/// second), read once; the package (with its source page) rendered each time.
fn page_to_mets(c: &mut Criterion) {
    newsconv::link_plugins();
    let page = root().join("../shared/pages/fzwb_20240419_A07.pdf");
    let Ok(issue) = newsconv::front::load(&page, &Limits::default()) else {
        eprintln!("page_to_mets: {} not found; skipped", page.display());
        return;
    };
    let settings = Settings::new();
    let mets = newsconv_core::find_exporter("mets").expect("mets is registered");
    let ctx = RenderContext {
        issue: &issue,
        settings: &settings,
        input: Some(&page),
    };
    let mut g = c.benchmark_group("mets");
    g.sample_size(20);
    g.bench_function("page_pdf_package", |b| {
        b.iter(|| {
            let mut out = Vec::with_capacity(4 << 20);
            (mets.render)(&ctx, &mut out).expect("render");
            out.len()
        })
    });
    g.finish();
}

/// A page PDF with a large CMYK photo (gzmzb A03: 2362×1323 px) read
/// (its front page drawn for the book's cover) and rendered to every
/// format, in process (issue #16: well under a
/// second). `tests/benches/photos.sh` times the same through the binary,
/// files and image folder written.
fn photo_page(c: &mut Criterion) {
    newsconv::link_plugins();
    let page = root().join("../shared/pages/gzmzb_20230706_A03.pdf");
    if !page.exists() {
        eprintln!("photo_page: {} not found; skipped", page.display());
        return;
    }
    let settings = Settings::new();
    // As the command line asks when EPUB is among the formats: with the
    // front page drawn for the book's cover.
    let mut limits = Limits::default();
    limits.pdf.cover = true;
    let mut g = c.benchmark_group("photo_page");
    g.sample_size(10);
    g.bench_function("gzmzb_A03_all_formats", |b| {
        b.iter(|| {
            let issue = newsconv::front::load(&page, &limits).expect("the page reads");
            let ctx = RenderContext { issue: &issue, settings: &settings, input: Some(&page) };
            let mut total = 0;
            for e in exporters() {
                let mut out = Vec::with_capacity(4 << 20);
                (e.render)(&ctx, &mut out).expect("render");
                total += out.len();
            }
            total
        })
    });
    g.finish();
}

criterion_group!(benches, parse, export, pipeline, page_to_mets, photo_page);
criterion_main!(benches);
