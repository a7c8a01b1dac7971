//! Hostile input at the reader level, and the regressions the fuzz targets
//! (fuzz/) find. The gzip bomb itself (a 1 GB one, which the ratio check
//! stops after one 128 MiB window) is in crates/cli/tests/hostile.rs.

mod common;

use std::io;

use crosscheck_ingest::{ReaderConfig, RecordStream};

/// Best compression, so a run of one byte reaches deflate's ~1000:1.
fn gzip_best(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::best());
    enc.write_all(data).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}

fn small() -> ReaderConfig {
    ReaderConfig {
        max_record_bytes: 64 * 1024,
    }
}

#[test]
fn repetitive_but_real_gzip_is_not_a_bomb() {
    // Varied lines compress far below the bomb ratio, whatever the file's size.
    let mut jsonl = String::new();
    for i in 0..20_000 {
        jsonl.push_str(&format!(
            "{{\"url\":\"https://harbour-post.example/{i}\",\"text\":\"Dockworkers in Port Calder voted {} to {} on day {i}.\"}}\n",
            i * 7 % 1000,
            i * 13 % 997
        ));
    }
    let items: Vec<_> = RecordStream::with_config(
        "many.jsonl.gz",
        io::Cursor::new(gzip_best(jsonl.as_bytes())),
        small(),
    )
    .collect();
    assert_eq!(items.len(), 20_000);
    assert!(items.iter().all(Result::is_ok));
}
