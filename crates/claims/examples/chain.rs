//! Time, quotes and claims together, as the pipeline runs them:
//! `cargo run --release -p crosscheck-claims --example chain -- [FILE...]` prints the
//! claims of the files; with no files it measures on-CPU time per generated article.
use crosscheck_claims::{ClaimExtractor, ClaimsConfig};
use crosscheck_core::{Article, Doc, Origin};
use crosscheck_quotes::{QuoteFinder, QuotesConfig};
use crosscheck_synth::{Corpus, CorpusConfig};
use crosscheck_text::{TextAnalyzer, TextConfig};
use crosscheck_time::TimeConfig;

fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next().and_then(|n| n.parse().ok()))
        .unwrap_or(0)
}

fn main() {
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let ner = crosscheck_ner::NerModel::shared().ok();
    let Ok(time) = TimeConfig::default().build() else {
        eprintln!("time tagger failed to build");
        return;
    };
    let quotes = QuoteFinder::new(QuotesConfig::default());
    let claims = ClaimExtractor::new(ClaimsConfig::default());
    let prepare = |path: String, text: String| -> Doc {
        let mut doc = analyzer.analyze(Article::new(Origin::file(path), text));
        if let Some(ner) = ner {
            ner.annotate(&mut doc);
        }
        doc
    };
    let files: Vec<String> = std::env::args().skip(1).collect();
    if files.is_empty() {
        let mut docs: Vec<Doc> = Corpus::new(CorpusConfig {
            articles: 1000,
            ..CorpusConfig::default()
        })
        .map(|a| prepare(format!("s/{}", a.index), a.text()))
        .collect();
        let bytes: usize = docs.iter().map(|d| d.body.len()).sum();
        // Each stage overwrites its own layer, so the rounds can reuse the docs;
        // the median round is reported (robust to a disturbed round).
        let rounds = 5;
        let mut times: Vec<(u64, u64, u64)> = (0..rounds)
            .map(|_| {
                let (mut t_time, mut t_quotes, mut t_claims) = (0u64, 0u64, 0u64);
                for doc in &mut docs {
                    let a = cpu_ns();
                    time.tag_doc(doc);
                    let b = cpu_ns();
                    quotes.annotate(doc);
                    let c = cpu_ns();
                    claims.annotate(doc);
                    let d = cpu_ns();
                    t_time += b - a;
                    t_quotes += c - b;
                    t_claims += d - c;
                }
                (t_time, t_quotes, t_claims)
            })
            .collect();
        times.sort_unstable_by_key(|t| t.0 + t.1 + t.2);
        let (t_time, t_quotes, t_claims) = times.get(rounds / 2).copied().unwrap_or_default();
        let n = docs.len() as f64;
        let per = |t: u64| t as f64 / n / 1000.0;
        let total = per(t_time + t_quotes + t_claims);
        println!(
            "{} articles of {:.0} bytes: time {:.1} µs, quotes {:.1} µs, claims {:.1} µs, together {:.1} µs CPU per article = {:.0} articles/s ({:.0} per 4 KB article)",
            docs.len(),
            bytes as f64 / n,
            per(t_time),
            per(t_quotes),
            per(t_claims),
            total,
            1e6 / total,
            1e6 / (total * 4096.0 / (bytes as f64 / n))
        );
        return;
    }
    for path in files {
        let Ok(text) = std::fs::read_to_string(&path) else {
            continue;
        };
        let mut doc = prepare(path.clone(), text);
        time.tag_doc(&mut doc);
        quotes.annotate(&mut doc);
        claims.annotate(&mut doc);
        println!("== {path}: {} claims", doc.claims.len());
        for c in &doc.claims {
            let t = |s: crosscheck_core::Span| doc.text(s);
            println!(
                "  {} | {} {} | date {:?} | place {:?} | attr {:?}\n    {}",
                c.key,
                c.modality.as_str(),
                if c.negated { "NEG" } else { "" },
                c.date.as_ref().map(|d| (t(d.span), d.value.clone())),
                c.place.as_ref().map(|a| t(a.span)),
                c.attribution.map(|a| (a.source.map(t), a.direct)),
                t(c.evidence)
            );
        }
    }
}
