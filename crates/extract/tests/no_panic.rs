//! Random bytes and truncated pages never make the extractor panic.

use crosscheck_extract::Extractor;
use proptest::prelude::*;

const PAGE: &str = include_str!("../../../testdata/extract/full_news_page.html");

proptest! {
    #![proptest_config(ProptestConfig::with_cases(64))]

    #[test]
    fn random_bytes_never_panic(bytes in proptest::collection::vec(any::<u8>(), 0..2048)) {
        let html = String::from_utf8_lossy(&bytes);
        let page = Extractor::default().extract(&html, Some("https://x.example/2025/01/02/a"));
        prop_assert!(page.text.len() <= html.len() * 4 + 16);
    }

    #[test]
    fn random_markup_never_panics(parts in proptest::collection::vec(
        prop_oneof![
            Just("<p>"), Just("</p>"), Just("<div class=\"share\">"), Just("</div>"),
            Just("<a href=x>"), Just("</a>"), Just("<script type=application/ld+json>{\"datePublished\":"),
            Just("</script>"), Just("<meta name=date content=\"2025-13-99\">"), Just("<time datetime=\"9\">"),
            Just("<html lang=\"--\">"), Just("word "), Just("Sentence with words. "), Just("<br>"),
            Just("<table><tr><td>"), Just("<!--"), Just("-->"), Just("&amp;"), Just("<figure>"),
        ],
        0..200,
    )) {
        let html: String = parts.concat();
        let _ = Extractor::default().extract(&html, None);
    }

    #[test]
    fn truncated_pages_never_panic(cut in 0usize..PAGE.len()) {
        let mut end = cut;
        while !PAGE.is_char_boundary(end) {
            end -= 1;
        }
        let page = Extractor::default().extract(&PAGE[..end], None);
        // Blocks are never empty, whatever the cut left.
        if !page.text.is_empty() {
            for block in page.text.split("\n\n") {
                prop_assert!(!block.trim().is_empty());
            }
        }
    }
}
