//! Prints the tagger's mentions per segment for each file given.
use crosscheck_core::{Article, Origin};
use crosscheck_text::{TextAnalyzer, TextConfig};
fn main() {
    let model = crosscheck_ner::NerModel::shared().unwrap();
    let an = TextAnalyzer::new(TextConfig::default());
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path).unwrap();
        let mut doc = an.analyze(Article::new(Origin::file(&path), text));
        model.annotate(&mut doc);
        println!("== {path}");
        for seg in &doc.segments {
            if seg.kind != crosscheck_core::SegmentKind::Body {
                println!("  [{}] {}", seg.kind.as_str(), doc.text(seg.span));
            }
        }
        for m in &doc.entities {
            let seg = doc
                .segments
                .iter()
                .find(|s| s.span.contains(m.span))
                .map(|s| s.kind.as_str())
                .unwrap_or("?");
            println!("  {:?} {:?} {}", m.kind, doc.text(m.span), seg);
        }
    }
}
