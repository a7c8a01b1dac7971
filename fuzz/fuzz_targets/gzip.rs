//! gzip as it arrives: raw, possibly corrupt or truncated, single or multi-member.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // Always gzip magic first, so the fuzzer spends its time in the decoder
    // and what comes out of it rather than in the sniffer.
    let mut bytes = vec![0x1f, 0x8b];
    bytes.extend_from_slice(data);
    common::read_all("bundle.jsonl.gz", bytes);
});
