//! Random text never panics the finder, and every span it returns is valid.

use crosscheck_core::{Article, Origin};
use crosscheck_quotes::text::{TextAnalyzer, TextConfig};
use crosscheck_quotes::{QuoteFinder, QuotesConfig};
use proptest::prelude::*;

/// Pieces that exercise quotation marks, cues and paragraph breaks.
fn piece() -> impl Strategy<Value = String> {
    prop_oneof![
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\"".to_string()),
        Just("''".to_string()),
        Just("«".to_string()),
        Just(" said ".to_string()),
        Just(" according to ".to_string()),
        Just(", saying ".to_string()),
        Just(": ".to_string()),
        Just(". ".to_string()),
        Just("\n\n".to_string()),
        Just(" he told reporters that ".to_string()),
        "[A-Za-zé ,.’']{0,12}",
        any::<String>(),
    ]
}

proptest! {
    #[test]
    fn random_text_never_panics_and_spans_are_valid(pieces in prop::collection::vec(piece(), 0..40)) {
        let text: String = pieces.concat();
        let mut doc = TextAnalyzer::new(TextConfig::default())
            .analyze(Article::new(Origin::file("p.txt"), text));
        QuoteFinder::new(QuotesConfig::default()).annotate(&mut doc);
        for q in &doc.quotes {
            for span in [Some(q.content), q.cue, q.source].into_iter().flatten() {
                prop_assert!(span.start <= span.end);
                prop_assert!((span.end as usize) <= doc.body.len());
                prop_assert!(doc.body.is_char_boundary(span.start as usize));
                prop_assert!(doc.body.is_char_boundary(span.end as usize));
            }
        }
    }
}
