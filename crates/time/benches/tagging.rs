//! Tagging speed on a generated news-like corpus: `cargo bench -p crosscheck-time`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck_time::{Scratch, TimeTagger};

/// About 4 KB of invented report text, dense in time expressions.
fn article(seed: usize) -> String {
    let days = [
        "Monday",
        "Tuesday",
        "Wednesday",
        "Thursday",
        "Friday",
        "Saturday",
        "Sunday",
    ];
    let mut text = String::new();
    let mut k = seed;
    while text.len() < 4096 {
        let day = days[k % days.len()];
        text.push_str(&format!(
            "Officials of the Veltara port authority said on {day} that the talks, which began \
             three years ago, would resume at 0930 GMT early next week. The minister, Ilse Marrow, \
             told reporters late {day} that the agreement signed on May 12, 2025 had held for two \
             hours before fighting resumed, and that the council meets every week. Earlier this \
             year the fourth quarter results of the company rose by {k} percent compared with a \
             year earlier. \n\n",
        ));
        k += 1;
    }
    text
}

fn bench(c: &mut Criterion) {
    let tagger = TimeTagger::default();
    let corpus: Vec<String> = (0..64).map(article).collect();
    let bytes: usize = corpus.iter().map(String::len).sum();
    let reference = jiff::civil::date(2025, 3, 4);
    let mut group = c.benchmark_group("time");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("tag 64 articles", |b| {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        b.iter(|| {
            for text in &corpus {
                out.clear();
                tagger.tag_into(text, reference, &mut scratch, &mut out);
            }
            out.len()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
