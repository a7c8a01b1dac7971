//! Throughput of the text stage on a generated corpus of messy ~4 KB reports and on
//! the testdata/text fixtures. Run: `cargo bench -p crosscheck-text --bench analyze`.

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck_core::{Article, Origin};
use crosscheck_text::{TextAnalyzer, TextConfig};
use std::hint::black_box;

/// Invented sentences, some with the damage the stage repairs.
const SENTENCES: &[&str] = &[
    "Dock workers in Port Avel walked off the job on Tuesday, the union's leaders said.",
    "Mr. Ivo Strand, who heads the Norland Dockers Union, said the strike would last \u{201c}as long as it takes\u{201d}.",
    "The U.S. shipping line Bluefin & Co. said 1,200 containers were stuck at 9 a.m. Tuesday.",
    "\u{201c}We are ready to talk. We are not ready to give in,\u{201d} Mr. Strand told reporters.",
    "Talks with Gov. Hana Lind are set for Thursday, officials said.",
    "The long -awaited talks follow a large -scale automation plan announced in January.",
    "Officials from <a href=\"https://northwire.example/tags/ostra/\" target=\"_blank\" rel=\"\">Ostra</a> joined the talks.",
    "The union&#8217;s offer of a 4.5% rise was rejected&nbsp;on Friday.",
    "Minister Tomas Berg said the talks - which were called by the government - would start at 0930 GMT.",
    "Gen. Arvo Kask said ships had been redirected to ports in the U.S. and Canada.",
];

const BREAKS: &[&str] = &[
    "\nA local resident looks at the empty cranes in the port of Ostra, Norland on May 14, 2025.\nJon Bersk/NWP via Getty Images\n",
    "\n\nWhat Happens Next\n\n",
    "\nAP\n",
    "\n",
    "\n\n",
];

/// A deterministic corpus of `count` articles of about 4 KB each.
fn corpus(count: usize) -> Vec<String> {
    let mut state: u64 = 0x9e37_79b9_7f4a_7c15;
    let mut next = move |n: usize| {
        state = state
            .wrapping_mul(6_364_136_223_846_793_005)
            .wrapping_add(1_442_695_040_888_963_407);
        ((state >> 33) as usize) % n
    };
    (0..count)
        .map(|_| {
            let mut text = String::with_capacity(4200);
            while text.len() < 4000 {
                text.push_str(SENTENCES[next(SENTENCES.len())]);
                if next(4) == 0 {
                    text.push_str(BREAKS[next(BREAKS.len())]);
                } else {
                    text.push(' ');
                }
            }
            text
        })
        .collect()
}

fn bench(c: &mut Criterion) {
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let mut group = c.benchmark_group("text");

    let articles: Vec<Article> = corpus(100)
        .into_iter()
        .enumerate()
        .map(|(i, text)| Article::new(Origin::record("corpus", i as u64), text))
        .collect();
    let bytes: usize = articles.iter().map(|a| a.text.len()).sum();
    group.throughput(Throughput::Bytes(bytes as u64));
    group.bench_function("analyze_generated_100x4k", |b| {
        b.iter(|| {
            for article in &articles {
                black_box(analyzer.analyze(black_box(article.clone())));
            }
        })
    });

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/../../testdata/text");
    let mut fixtures: Vec<Article> = std::fs::read_dir(dir)
        .into_iter()
        .flatten()
        .flatten()
        .filter_map(|e| {
            let text = std::fs::read_to_string(e.path()).ok()?;
            Some(Article::new(
                Origin::file(e.path().display().to_string()),
                text,
            ))
        })
        .collect();
    fixtures.sort_by(|a, b| a.origin.file.cmp(&b.origin.file));
    let bytes: usize = fixtures.iter().map(|a| a.text.len()).sum();
    group.throughput(Throughput::Bytes(bytes.max(1) as u64));
    group.bench_function("analyze_fixtures", |b| {
        b.iter(|| {
            for article in &fixtures {
                black_box(analyzer.analyze(black_box(article.clone())));
            }
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
