//! Random text never panics the tagger, and every span falls on character boundaries.

use proptest::prelude::*;

proptest! {
    #[test]
    fn random_text_is_safe(text in "(\\PC|[0-9:\\-/.' ]|Thursday|May|a\\.m\\.|GMT|last|ago| ){0,60}") {
        let tagger = crosscheck_time::TimeTagger::default();
        let found = tagger.tag_text(&text, jiff::civil::date(2025, 3, 4));
        for f in found {
            let (start, end) = (f.span.start as usize, f.span.end as usize);
            prop_assert!(start < end && end <= text.len());
            prop_assert!(text.is_char_boundary(start) && text.is_char_boundary(end));
        }
    }
}
