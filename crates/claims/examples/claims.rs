//! Prints the claims of text files: `cargo run -p crosscheck-claims --example claims -- FILE...`.
use crosscheck_claims::{ClaimExtractor, ClaimsConfig};
use crosscheck_core::{Article, Origin};
use crosscheck_text::{TextAnalyzer, TextConfig};

fn main() {
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let ner = crosscheck_ner::NerModel::shared().ok();
    let extractor = ClaimExtractor::new(ClaimsConfig::default());
    for path in std::env::args().skip(1) {
        let Ok(text) = std::fs::read_to_string(&path) else {
            eprintln!("{path}: cannot read");
            continue;
        };
        let mut doc = analyzer.analyze(Article::new(Origin::file(&path), text));
        if let Some(ner) = ner {
            ner.annotate(&mut doc);
        }
        extractor.annotate(&mut doc);
        println!("== {path}: {} claims", doc.claims.len());
        for c in &doc.claims {
            let t = |s: crosscheck_core::Span| doc.text(s);
            println!(
                "[{}] key={} neg={} mod={} pass={} subj={:?} obj={:?} date={:?} place={:?} nums={:?} attr={:?}\n    {}",
                c.sentence,
                c.key,
                c.negated,
                c.modality.as_str(),
                c.passive,
                c.subject.as_ref().map(|a| t(a.span)),
                c.object.as_ref().map(|a| t(a.span)),
                c.date.as_ref().map(|d| (t(d.span), d.value.clone())),
                c.place.as_ref().map(|a| t(a.span)),
                c.numbers
                    .iter()
                    .map(|q| (t(q.span), q.value, q.unit.clone(), q.of.clone()))
                    .collect::<Vec<_>>(),
                c.attribution.map(|a| (a.source.map(t), a.direct)),
                t(c.evidence)
            );
        }
    }
}
