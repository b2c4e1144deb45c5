//! Criterion benchmarks of the PDF front end: each page PDF of
//! `../shared/pages` to the model (extraction, layout, passes), and the
//! layout of synthetic pages of 2,000 to 50,000 glyphs scattered at random
//! (a hostile layout: cost must stay near linear, not quadratic).
//!
//! `cargo bench --bench pdf_input`.

use criterion::{criterion_group, criterion_main, BenchmarkId, Criterion, Throughput};
use newsconv::front::pdf::extract::{Glyph, PdfPage};
use std::hint::black_box;
use std::path::{Path, PathBuf};

fn pdfs() -> Vec<PathBuf> {
    let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../shared/pages");
    let mut v: Vec<PathBuf> = std::fs::read_dir(dir)
        .map(|rd| {
            rd.filter_map(|e| e.ok().map(|e| e.path()))
                .filter(|p| p.extension().is_some_and(|e| e == "pdf"))
                .collect()
        })
        .unwrap_or_default();
    v.sort();
    v
}

/// A page of `n` glyphs at pseudo-random places (fixed seed), one in ten large.
fn scattered(n: usize) -> PdfPage {
    let mut seed: u64 = 12345;
    let mut rnd = || {
        seed = seed
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((seed >> 33) as f32) / (1u64 << 31) as f32
    };
    let glyphs = (0..n)
        .map(|_| {
            let (x, y) = (rnd() * 1000.0, rnd() * 1400.0);
            let size = if rnd() < 0.9 { 8.3 } else { 30.0 };
            Glyph::plain("中", newsconv_core::Rect::new(x, y, x + size, y + size), size)
        })
        .collect();
    PdfPage {
        width: 1017.0,
        height: 1438.0,
        glyphs,
        fonts: vec!["F".into()],
        unmapped: 0,
        rules: Vec::new(),
        ..Default::default()
    }
}

fn pages(c: &mut Criterion) {
    let mut g = c.benchmark_group("pdf_page_to_model");
    for p in pdfs() {
        let bytes = std::fs::read(&p).unwrap();
        let name = p.file_stem().unwrap().to_string_lossy().into_owned();
        g.bench_function(&name, |b| {
            b.iter(|| {
                let mut line = 0;
                let pages =
                    newsconv::front::pdf::read(&p, bytes.clone(), &mut line, &Default::default())
                        .unwrap();
                black_box(newsconv::parse::parse_pages(pages))
            })
        });
    }
    g.finish();
}

fn scatter(c: &mut Criterion) {
    let mut g = c.benchmark_group("pdf_layout_scattered");
    g.sample_size(10);
    for n in [2_000usize, 8_000, 20_000, 50_000] {
        let page = scattered(n);
        g.throughput(Throughput::Elements(n as u64));
        g.bench_with_input(BenchmarkId::from_parameter(n), &page, |b, page| {
            b.iter(|| {
                let mut line = 0;
                black_box(newsconv::front::pdf::page_lines(page, &mut line))
            })
        });
    }
    g.finish();
}

criterion_group!(benches, pages, scatter);
criterion_main!(benches);
