//! WARC in gzip, as crawlers write it (`.warc.gz`, one member per record):
//! the fuzzer's bytes are the WARC, compressed here into members split at the
//! `WARC/` lines, so mutations reach the WARC reader through the gzip layer.
#![no_main]

use std::io::Write;

use flate2::Compression;
use flate2::write::GzEncoder;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fn member(out: &mut Vec<u8>, data: &[u8]) {
    let mut enc = GzEncoder::new(Vec::new(), Compression::fast());
    // Writing to a Vec cannot fail.
    let _ = enc.write_all(data);
    if let Ok(bytes) = enc.finish() {
        out.extend_from_slice(&bytes);
    }
}

fuzz_target!(|data: &[u8]| {
    let mut gz = Vec::new();
    let mut start = 0;
    let mut i = 1;
    while i + 5 <= data.len() {
        if &data[i..i + 5] == b"WARC/" {
            member(&mut gz, &data[start..i]);
            start = i;
        }
        i += 1;
    }
    member(&mut gz, &data[start..]);
    common::read_all("crawl.warc.gz", gz);
});
