//! Extraction throughput on the invented fixtures in testdata/extract/.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck_extract::Extractor;

fn fixtures() -> Vec<(String, String)> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/extract");
    let mut pages: Vec<(String, String)> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter(|e| e.path().extension().is_some_and(|x| x == "html"))
        .filter_map(|e| {
            let name = e.file_name().to_string_lossy().into_owned();
            std::fs::read_to_string(e.path())
                .ok()
                .map(|html| (name, html))
        })
        .collect();
    pages.sort();
    pages
}

fn bench(c: &mut Criterion) {
    let pages = fixtures();
    let bytes: usize = pages.iter().map(|(_, html)| html.len()).sum();
    let extractor = Extractor::default();
    let mut group = c.benchmark_group("extract");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("all_fixtures", |b| {
        b.iter(|| {
            for (_, html) in &pages {
                std::hint::black_box(extractor.extract(html, None));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
