//! Properties of the text stage on arbitrary input: it never panics, and every layer
//! it builds is well-formed.

use crosscheck_core::{Article, Doc, Origin};
use crosscheck_text::{TextAnalyzer, TextConfig};
use proptest::prelude::*;

fn analyze(text: String) -> Doc {
    TextAnalyzer::new(TextConfig::default()).analyze(Article::new(Origin::file("p.txt"), text))
}

fn check(doc: &Doc) {
    let body = &doc.body;
    let on_boundaries = |s: crosscheck_core::Span| {
        s.start <= s.end
            && (s.end as usize) <= body.len()
            && body.is_char_boundary(s.start as usize)
            && body.is_char_boundary(s.end as usize)
    };
    let mut last_end = 0;
    for segment in &doc.segments {
        assert!(on_boundaries(segment.span), "segment {segment:?}");
        assert!(!segment.span.is_empty());
        assert!(segment.span.start >= last_end, "segments overlap");
        last_end = segment.span.end;
    }
    let mut last_end = 0;
    for sentence in &doc.sentences {
        assert!(on_boundaries(sentence.span), "sentence {sentence:?}");
        assert!(sentence.span.start >= last_end, "sentences out of order");
        last_end = sentence.span.end;
        let segment = doc
            .segments
            .get(sentence.segment as usize)
            .expect("segment index");
        assert!(
            segment.span.contains(sentence.span),
            "sentence outside its segment"
        );
    }
    let mut last_end = 0;
    for token in &doc.tokens {
        assert!(on_boundaries(token.span), "token {token:?}");
        assert!(!token.span.is_empty());
        assert!(token.span.start >= last_end, "tokens out of order");
        last_end = token.span.end;
        let original = doc.body_map.span_to_original(token.span);
        assert!(
            doc.article.text.get(original.range()).is_some(),
            "token {:?} maps to {original:?} off the text's boundaries",
            doc.text(token.span)
        );
    }
    let mut previous = 0;
    for offset in 0..=body.len() {
        let original = doc.body_map.to_original(offset);
        assert!(
            original >= previous,
            "map goes back at body offset {offset}"
        );
        assert!(
            original <= doc.article.text.len(),
            "map leaves the text at {offset}"
        );
        previous = original;
    }
}

/// Text made of the pieces that make news text hard: markup, entities, odd spaces,
/// abbreviations, quotes, hyphens, combining marks, captions and credits.
fn messy_text() -> impl Strategy<Value = String> {
    let piece = prop_oneof![
        Just("<a href=\"https://x.test/a\" target=\"_blank\">".to_string()),
        Just("</a>".to_string()),
        Just("<br>".to_string()),
        Just("<p>".to_string()),
        Just("<script>x<y</script>".to_string()),
        Just("<!-- c -->".to_string()),
        Just("target=\"_blank\">".to_string()),
        Just("&amp;".to_string()),
        Just("&#8217;".to_string()),
        Just("&nbsp;".to_string()),
        Just("&amp;#8220;".to_string()),
        Just("&bogus;".to_string()),
        Just("\u{a0}".to_string()),
        Just("\u{200b}".to_string()),
        Just("\u{ad}".to_string()),
        Just("e\u{301}".to_string()),
        Just("\u{301}".to_string()),
        Just("\r\n".to_string()),
        Just("\n\n".to_string()),
        Just("\n".to_string()),
        Just("   ".to_string()),
        Just(" -".to_string()),
        Just(" - ".to_string()),
        Just("- ".to_string()),
        Just("Mr. ".to_string()),
        Just("U.S. ".to_string()),
        Just("a.m. ".to_string()),
        Just("3.5 ".to_string()),
        Just("1,200".to_string()),
        Just("...".to_string()),
        Just("“".to_string()),
        Just("”".to_string()),
        Just("\" ".to_string()),
        Just(". ".to_string()),
        Just("? ".to_string()),
        Just("face".to_string()),
        Just("scale".to_string()),
        Just("to".to_string()),
        Just("The ".to_string()),
        Just("AP".to_string()),
        Just("JANE DOE/AFP via Getty Images".to_string()),
        Just("shows ".to_string()),
        Just("on May 14, 2025.".to_string()),
        Just("By ".to_string()),
        "[a-zA-Z]{1,8}",
        "[ -~]{1,6}",
        any::<char>().prop_map(String::from),
    ];
    proptest::collection::vec(piece, 0..60).prop_map(|pieces| pieces.concat())
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    #[test]
    fn random_strings_are_handled(text in any::<String>()) {
        check(&analyze(text));
    }

    #[test]
    fn random_bytes_are_handled(bytes in proptest::collection::vec(any::<u8>(), 0..1500)) {
        check(&analyze(String::from_utf8_lossy(&bytes).into_owned()));
    }

    #[test]
    fn messy_news_text_is_handled(text in messy_text()) {
        check(&analyze(text));
    }
}
