//! HTML extraction (crosscheck_extract) on any string, with and without a URL.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    let html = String::from_utf8_lossy(data);
    // With a URL, relative links and the date in the path are resolved too.
    let url = "https://www.velmora-gazette.example/2025/05/15/ferry-strike";
    let page = common::EXTRACTOR.extract(&html, Some(url));
    let _ = (page, common::EXTRACTOR.extract(&html, None));
});
