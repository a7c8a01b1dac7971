//! Random, truncated and corrupted bytes through every reader: never a panic, and
//! every item is a record or an error naming the file.

mod common;

use std::io::Cursor;

use common::{fixture, gzip};
use crosscheck_extract::Extractor;
use crosscheck_ingest::{ReaderConfig, RecordStream};
use proptest::prelude::*;

/// Valid inputs of every format, the seeds that are cut and corrupted.
const SEEDS: &[&str] = &[
    "plain-text.txt",
    "page.html",
    "page-windows-1252.html",
    "articles-with-bad-line.jsonl",
    "article-pretty-printed.json",
    "feed-rss2.xml",
    "feed-atom.xml",
    "feed-json.json",
    "crawl.warc",
    "crawl-multi-member.warc.gz",
    "lying-content-length.warc",
];

fn seed(i: usize) -> Vec<u8> {
    std::fs::read(fixture(SEEDS[i % SEEDS.len()])).expect("fixture")
}

/// Reads `data` to the end as file `name`, turning every record into an article,
/// and checks the contract.
fn check(name: &str, data: Vec<u8>) -> Result<(), TestCaseError> {
    let extractor = Extractor::default();
    // A small limit so that oversized-record paths are exercised too.
    let config = ReaderConfig {
        max_record_bytes: 4096,
    };
    let mut items = 0;
    for item in RecordStream::with_config(name, Cursor::new(data), config) {
        items += 1;
        prop_assert!(items < 100_000, "the stream must end");
        match item {
            Ok(record) => {
                prop_assert_eq!(&record.origin.file, name);
                if let Err(e) = record.into_article(&extractor) {
                    prop_assert_eq!(&e.file, name);
                    prop_assert!(!e.reason.is_empty());
                }
            }
            Err(e) => {
                prop_assert_eq!(&e.file, name);
                prop_assert!(!e.reason.is_empty());
                prop_assert!(!e.to_string().contains('\n'), "one line: {}", e);
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 256, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn random_bytes(data in prop::collection::vec(any::<u8>(), 0..2048)) {
        check("random.bin", data)?;
    }

    #[test]
    fn random_bytes_behind_every_format_prefix(
        prefix in prop::sample::select(vec![
            &b"WARC/1.0\r\n"[..], b"{", b"{\"text\":", b"<rss version=\"2.0\">", b"<feed>",
            b"<!DOCTYPE html>", b"\x1f\x8b", b"{\"version\":\"https://jsonfeed.org/version/1\"",
        ]),
        rest in prop::collection::vec(any::<u8>(), 0..2048),
    ) {
        let mut data = prefix.to_vec();
        data.extend(rest);
        check("prefixed.bin", data)?;
    }

    #[test]
    fn truncated_inputs(which in 0..SEEDS.len(), cut in 0.0..1.0f64, gz in any::<bool>()) {
        let mut data = seed(which);
        if gz {
            data = gzip(&data);
        }
        let keep = (data.len() as f64 * cut) as usize;
        data.truncate(keep);
        check(SEEDS[which], data)?;
    }

    #[test]
    fn corrupted_inputs(
        which in 0..SEEDS.len(),
        flips in prop::collection::vec((0.0..1.0f64, any::<u8>()), 1..8),
        gz in any::<bool>(),
    ) {
        let mut data = seed(which);
        if gz {
            data = gzip(&data);
        }
        for (at, byte) in flips {
            let i = ((data.len() as f64) * at) as usize;
            if let Some(b) = data.get_mut(i) {
                *b = byte;
            }
        }
        check(SEEDS[which], data)?;
    }
}
