//! Speed of the quote stage on generated ~4 KB articles (text analysis done once,
//! outside the measurement).

use std::hint::black_box;

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck_core::{Article, Origin};
use crosscheck_quotes::text::{TextAnalyzer, TextConfig};
use crosscheck_quotes::{QuoteFinder, QuotesConfig};

/// Paragraph shapes an article is built from: every quote shape the finder reads,
/// and plain narrative.
const PARAGRAPHS: &[&str] = &[
    "“We will reopen the northern bridge by spring,” Mayor Ana Vell said on Tuesday.",
    "The council met for three hours in the old library, and members argued over the cost of the repairs and the timetable.",
    "Dario Mensk, the transport director, told reporters that the contractor had asked for more time.",
    "According to the city budget office, the work will cost 4.2 million crowns.",
    "\"Nobody wants another winter of detours,\" said Lena Oster, who runs a bakery near the river. \"We lost half our customers.\"",
    "The ministry spokeswoman said the plan was still under review and declined to give a date.",
    "Residents have complained about the noise for months, the local paper reported.",
    "“The engineers found cracks in two of the piers. We cannot take risks with public safety.",
    "“The inspection will be finished in March,” she added.",
    "Traffic was diverted through the eastern district while crews worked overnight to secure the site.",
];

fn article(seed: usize) -> String {
    let mut text = String::from("Bridge repairs delayed again\n\n");
    let mut i = seed;
    while text.len() < 4096 {
        text.push_str(PARAGRAPHS[i % PARAGRAPHS.len()]);
        text.push_str("\n\n");
        i = i.wrapping_mul(7).wrapping_add(3);
    }
    text
}

fn bench(c: &mut Criterion) {
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let docs: Vec<_> = (0..64)
        .map(|s| {
            analyzer.analyze(Article::new(
                Origin::file(format!("gen/{s}.txt")),
                article(s),
            ))
        })
        .collect();
    let bytes: usize = docs.iter().map(|d| d.body.len()).sum();
    let finder = QuoteFinder::new(QuotesConfig::default());
    let mut group = c.benchmark_group("quotes");
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("find_64_articles_4kb", |b| {
        b.iter(|| {
            for doc in &docs {
                black_box(finder.find(black_box(doc)));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
