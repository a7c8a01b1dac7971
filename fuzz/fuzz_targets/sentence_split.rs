//! The sentence splitter on any text, alone and inside the whole text stage.
#![no_main]

use crosscheck_core::{Article, Origin, Span};
use crosscheck_text::{SentenceSplitter, TextAnalyzer};
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data).into_owned();
    let mut sentences = Vec::new();
    SentenceSplitter::new().split(&text, Span::new(0, text.len()), 0, &mut sentences);
    let mut last_end = 0;
    for s in &sentences {
        // In order, not overlapping, on character boundaries.
        assert!(s.span.start <= s.span.end);
        assert!(s.span.start >= last_end);
        assert!(
            text.get(s.span.start as usize..s.span.end as usize)
                .is_some()
        );
        last_end = s.span.end;
    }
    let doc = TextAnalyzer::default().analyze(Article::new(Origin::file("fuzz.txt"), text));
    for s in &doc.sentences {
        assert!(
            doc.body
                .get(s.span.start as usize..s.span.end as usize)
                .is_some()
        );
    }
    for t in &doc.tokens {
        assert!(
            doc.body
                .get(t.span.start as usize..t.span.end as usize)
                .is_some()
        );
    }
});
