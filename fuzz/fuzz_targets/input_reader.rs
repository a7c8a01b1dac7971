//! The whole InputReader on arbitrary bytes saved under every extension it knows:
//! open, sniff, decompress, frame, then per-record article work.
#![no_main]

use std::path::PathBuf;
use std::sync::LazyLock;

use crosscheck_ingest::InputReader;
use libfuzzer_sys::fuzz_target;

#[path = "common.rs"]
mod common;

const EXTENSIONS: &[&str] = &[
    "txt", "html", "htm", "xhtml", "xml", "rss", "atom", "json", "jsonl", "ndjson", "warc", "gz",
    "txt.gz", "html.gz", "jsonl.gz", "warc.gz", "bin", "",
];

static DIR: LazyLock<PathBuf> = LazyLock::new(|| {
    let dir = std::env::temp_dir().join(format!("crosscheck-fuzz-{}", std::process::id()));
    let _ = std::fs::create_dir_all(&dir);
    dir
});

fuzz_target!(|data: &[u8]| {
    let Some((&pick, content)) = data.split_first() else {
        return;
    };
    let ext = EXTENSIONS[pick as usize % EXTENSIONS.len()];
    let name = if ext.is_empty() {
        "input".to_string()
    } else {
        format!("input.{ext}")
    };
    // A directory holding the file, so the walk is exercised too.
    let sub = DIR.join("d");
    let _ = std::fs::create_dir_all(&sub);
    let path = sub.join(&name);
    if std::fs::write(&path, content).is_err() {
        return;
    }
    let file = path.display().to_string();
    for item in InputReader::with_config(vec![DIR.clone()], common::config()).take(100_000) {
        match item {
            Ok(record) => common::article(record, &file),
            Err(e) => common::check_error(&e, &file),
        }
    }
    let _ = std::fs::remove_file(&path);
});
