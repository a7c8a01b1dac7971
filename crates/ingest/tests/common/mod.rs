//! Helpers shared by the integration tests (included with `mod common;`).
#![allow(dead_code)]

use std::path::PathBuf;

use crosscheck_core::Article;
use crosscheck_extract::Extractor;
use crosscheck_ingest::{IngestError, InputReader, Record};

/// A fixture under testdata/ingest.
pub fn fixture(name: &str) -> PathBuf {
    PathBuf::from(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../testdata/ingest"
    ))
    .join(name)
}

/// Every item read from these paths.
pub fn read(paths: &[PathBuf]) -> Vec<Result<Record, IngestError>> {
    InputReader::open(paths.to_vec()).collect()
}

/// The records and errors of one fixture.
pub fn read_fixture(name: &str) -> (Vec<Record>, Vec<IngestError>) {
    split(read(&[fixture(name)]))
}

pub fn split(items: Vec<Result<Record, IngestError>>) -> (Vec<Record>, Vec<IngestError>) {
    let mut records = Vec::new();
    let mut errors = Vec::new();
    for item in items {
        match item {
            Ok(r) => records.push(r),
            Err(e) => errors.push(e),
        }
    }
    (records, errors)
}

/// The articles of records that all parse.
pub fn articles(records: Vec<Record>) -> Vec<Article> {
    let extractor = Extractor::default();
    records
        .into_iter()
        .map(|r| r.into_article(&extractor).expect("record parses"))
        .collect()
}

/// A fresh scratch directory for one test.
pub fn scratch(name: &str) -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_TARGET_TMPDIR"))
        .join("ingest-tests")
        .join(name);
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).expect("scratch dir");
    dir
}

/// gzip of `data` in one member.
pub fn gzip(data: &[u8]) -> Vec<u8> {
    use std::io::Write;
    let mut enc = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::fast());
    enc.write_all(data).expect("gzip in memory");
    enc.finish().expect("gzip in memory")
}
