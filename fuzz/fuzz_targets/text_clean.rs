//! The text cleaner (crosscheck_text): markup, layout, NFC, and its offset map.
#![no_main]

use crosscheck_text::Cleaner;
use libfuzzer_sys::fuzz_target;

fuzz_target!(|data: &[u8]| {
    let text = String::from_utf8_lossy(data);
    for repair in [true, false] {
        let cleaned = Cleaner::new(repair).clean(&text);
        // Every body offset maps back into the text it came from.
        let end = cleaned.map.to_original(cleaned.body.len());
        assert!(
            end <= text.len(),
            "body end maps to {end}, past {}",
            text.len()
        );
        for (i, _) in cleaned.body.char_indices() {
            assert!(cleaned.map.to_original(i) <= text.len());
        }
    }
});
