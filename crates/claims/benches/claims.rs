//! Claim extraction speed on generated news (crosscheck-synth), after the text
//! and entity stages have run (they are not timed here).
use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck_claims::{ClaimExtractor, ClaimsConfig};
use crosscheck_core::{Article, Doc, Origin};
use crosscheck_synth::{Corpus, CorpusConfig};
use crosscheck_text::{TextAnalyzer, TextConfig};

fn docs() -> Vec<Doc> {
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let ner = crosscheck_ner::NerModel::shared().ok();
    Corpus::new(CorpusConfig {
        articles: 200,
        ..CorpusConfig::default()
    })
    .map(|a| {
        let article = Article::new(Origin::file(format!("synth/{}.txt", a.index)), a.text());
        let mut doc = analyzer.analyze(article);
        if let Some(ner) = ner {
            ner.annotate(&mut doc);
        }
        doc
    })
    .collect()
}

fn bench(c: &mut Criterion) {
    let docs = docs();
    let bytes: usize = docs.iter().map(|d| d.body.len()).sum();
    let extractor = ClaimExtractor::new(ClaimsConfig::default());
    let mut group = c.benchmark_group("claims");
    group.throughput(Throughput::Elements(docs.len() as u64));
    group.bench_function(
        format!("extract_{}_articles_{}_bytes", docs.len(), bytes),
        |b| {
            b.iter(|| {
                docs.iter()
                    .map(|d| extractor.extract(d).len())
                    .sum::<usize>()
            })
        },
    );
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
