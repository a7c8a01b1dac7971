//! Claim extraction cost per article in on-CPU time (robust on a loaded machine):
//! `cargo run --release -p crosscheck-claims --example claims_speed [ARTICLES] [FILLER_PARAGRAPHS]`.
use crosscheck_claims::{ClaimExtractor, ClaimsConfig};
use crosscheck_core::{Article, Origin};
use crosscheck_quotes::{QuoteFinder, QuotesConfig};
use crosscheck_synth::{Corpus, CorpusConfig};
use crosscheck_text::{TextAnalyzer, TextConfig};
use crosscheck_time::TimeConfig;

/// This thread's on-CPU time in nanoseconds (Linux schedstat), so other
/// processes on a shared machine do not inflate the figure.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn main() {
    let n: usize = std::env::args()
        .nth(1)
        .and_then(|a| a.parse().ok())
        .unwrap_or(1000);
    // Paragraphs of filler per article: 14 gives articles of about 4 KB.
    let filler: usize = std::env::args()
        .nth(2)
        .and_then(|a| a.parse().ok())
        .unwrap_or(4);
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let ner = crosscheck_ner::NerModel::shared().ok();
    // Claims run after time and quotes in the pipeline and read their layers,
    // so the docs carry them (their cost is not timed here: see the `chain` example).
    let time = TimeConfig::default().build().ok();
    let quotes = QuoteFinder::new(QuotesConfig::default());
    let docs: Vec<_> = Corpus::new(CorpusConfig {
        articles: n,
        filler_paragraphs: (filler.saturating_sub(2), filler + 2),
        ..CorpusConfig::default()
    })
    .map(|a| {
        let mut doc = analyzer.analyze(Article::new(
            Origin::file(format!("s/{}", a.index)),
            a.text(),
        ));
        if let Some(ner) = ner {
            ner.annotate(&mut doc);
        }
        if let Some(time) = &time {
            time.tag_doc(&mut doc);
        }
        quotes.annotate(&mut doc);
        doc
    })
    .collect();
    // `CLAIMS_SAMPLE=3` prints the claims of the first articles, to judge them.
    let sample: usize = std::env::var("CLAIMS_SAMPLE")
        .ok()
        .and_then(|v| v.parse().ok())
        .unwrap_or(0);
    for d in docs.iter().take(sample) {
        println!("== {}", d.body.lines().next().unwrap_or(""));
        for c in ClaimExtractor::new(ClaimsConfig::default()).extract(d) {
            println!(
                "  {} | {:?} {} | date {:?} | place {:?} | {:?}\n    {}",
                c.key,
                c.modality,
                if c.negated { "NEG" } else { "" },
                c.date.as_ref().map(|x| d.text(x.span)),
                c.place.as_ref().map(|x| d.text(x.span)),
                c.numbers
                    .iter()
                    .map(|q| (q.value, q.unit.clone()))
                    .collect::<Vec<_>>(),
                d.text(c.evidence)
            );
        }
    }
    let bytes: usize = docs.iter().map(|d| d.body.len()).sum();
    let extractor = ClaimExtractor::new(ClaimsConfig::default());
    // The median of several rounds over all articles: one round disturbed by
    // another process on a shared machine does not move it.
    let rounds = 9;
    let mut claims = 0;
    let mut per_round: Vec<u64> = (0..rounds)
        .map(|_| {
            let start = cpu_ns();
            for d in &docs {
                claims += extractor.extract(d).len();
            }
            cpu_ns() - start
        })
        .collect();
    per_round.sort_unstable();
    let median = per_round.get(rounds / 2).copied().unwrap_or(0);
    let ns = median as f64 / docs.len().max(1) as f64;
    println!(
        "{} articles, {:.0} bytes each, {} claims/article: median of {rounds} rounds {:.1} µs CPU per article, {:.1} µs per 4 KB, {:.0} articles/s",
        docs.len(),
        bytes as f64 / docs.len() as f64,
        claims / rounds / docs.len().max(1),
        ns / 1000.0,
        ns / 1000.0 * 4096.0 / (bytes as f64 / docs.len() as f64),
        1e9 / ns
    );
}
