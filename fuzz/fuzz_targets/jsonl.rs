//! JSON Lines (and the single pretty-printed JSON object).
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    common::read_all("wire.jsonl", data.to_vec());
});
