//! RSS, Atom and JSON Feed: the feed reader and its per-item work.
#![no_main]

use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

fuzz_target!(|data: &[u8]| {
    // The first byte picks the extension a user might give the file; the
    // content decides the format, so both XML and JSON feeds are reached.
    let (name, rest) = match data.split_first() {
        Some((b, rest)) if b % 2 == 0 => ("feed.xml", rest),
        Some((_, rest)) => ("feed.json", rest),
        None => ("feed.xml", data),
    };
    common::read_all(name, rest.to_vec());
});
