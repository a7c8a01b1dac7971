//! WARC, uncompressed: framing, headers, HTTP responses, chunking, content encoding.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::read_all("crawl.warc", data.to_vec());
});
