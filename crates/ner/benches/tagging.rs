//! Tagging speed of the embedded model on an invented document.
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck_ner::{NerModel, TagBuffers};

fn bench(c: &mut Criterion) {
    let Ok(model) = NerModel::embedded() else {
        return;
    };
    let sentence: Vec<&str> = "Foreign Minister Ilse Varga of Veloria met officials of the Norvane Water Commission in Brenmoor on Tuesday , the ministry said ."
        .split(' ')
        .collect();
    let doc: Vec<Vec<&str>> = (0..40).map(|_| sentence.clone()).collect();
    let tokens: usize = doc.iter().map(Vec::len).sum();
    let mut group = c.benchmark_group("ner");
    group.throughput(Throughput::Elements(tokens as u64));
    let mut buf = TagBuffers::default();
    group.bench_function("tag_document", |b| {
        b.iter(|| model.tag_document_with(&doc, &mut buf))
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
