#![allow(dead_code)] // each target uses only some of these helpers
//! What every reader target does with the records it gets: the checks that hold
//! for any input, whatever its format.

use std::io::Cursor;
use std::sync::LazyLock;

use crosscheck_extract::Extractor;
use crosscheck_ingest::{IngestError, ReaderConfig, Record, RecordStream};

/// Built once: the extractor is meant to be shared.
pub static EXTRACTOR: LazyLock<Extractor> = LazyLock::new(Extractor::default);

/// A small record limit, so a fuzzer input that inflates (gzip) stays cheap and
/// the "too large" paths are reached with small inputs.
pub fn config() -> ReaderConfig {
    ReaderConfig {
        max_record_bytes: 256 * 1024,
    }
}

/// An error must print as one line naming the file (what the CLI shows a user).
pub fn check_error(e: &IngestError, file: &str) {
    let line = e.to_string();
    assert!(!line.contains('\n'), "error on several lines: {line:?}");
    assert!(
        line.starts_with(file),
        "error does not name the file: {line:?}"
    );
}

/// Reads `bytes` as the file `name` and turns every record into an article.
pub fn read_all(name: &str, bytes: Vec<u8>) {
    let stream = RecordStream::with_config(name, Cursor::new(bytes), config());
    // Bounded so a reader that never ends shows up as a crash, not a hang.
    for item in stream.take(100_000) {
        match item {
            Ok(record) => article(record, name),
            Err(e) => check_error(&e, name),
        }
    }
}

/// Per-article work on one record.
pub fn article(record: Record, name: &str) {
    match record.into_article(&EXTRACTOR) {
        Ok(article) => assert!(!article.text.trim().is_empty()),
        Err(e) => check_error(&e, name),
    }
}
