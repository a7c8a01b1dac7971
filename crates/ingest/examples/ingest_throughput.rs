//! Reads the given files and directories on one thread, turns every record into
//! an article, and prints counts and throughput.
//!
//! `cargo run --release -p crosscheck-ingest --example ingest_throughput -- [--records-only] PATH...`
//!
//! `--records-only` stops after framing (no extraction, metadata or language),
//! to see the cost of the reading half alone.

use std::collections::BTreeMap;
use std::time::Instant;

use crosscheck_extract::Extractor;
use crosscheck_ingest::InputReader;

fn main() {
    let mut args: Vec<std::ffi::OsString> = std::env::args_os().skip(1).collect();
    let records_only = args.first().is_some_and(|a| a == "--records-only");
    if records_only {
        args.remove(0);
    }
    let paths: Vec<std::path::PathBuf> = args.into_iter().map(Into::into).collect();
    if paths.is_empty() {
        eprintln!("usage: ingest_throughput PATH...");
        std::process::exit(2);
    }
    let extractor = Extractor::default();
    let start = Instant::now();
    let (mut records, mut articles, mut errors, mut bytes) = (0u64, 0u64, 0u64, 0u64);
    let mut languages: BTreeMap<String, u64> = BTreeMap::new();
    let mut first_errors = Vec::new();
    for item in InputReader::open(paths) {
        let result = item.and_then(|record| {
            records += 1;
            bytes += record.content.len() as u64;
            if records_only {
                return Ok(None);
            }
            record.into_article(&extractor).map(Some)
        });
        match result {
            Ok(None) => {}
            Ok(Some(article)) => {
                articles += 1;
                let lang = article.language.unwrap_or_else(|| "?".into());
                *languages.entry(lang).or_default() += 1;
            }
            Err(e) => {
                errors += 1;
                if first_errors.len() < 5 {
                    first_errors.push(e.to_string());
                }
            }
        }
    }
    let secs = start.elapsed().as_secs_f64();
    println!(
        "{records} records, {articles} articles, {errors} errors in {secs:.3} s: {:.0} articles/s, {:.1} MB/s of content",
        articles as f64 / secs,
        bytes as f64 / secs / 1e6
    );
    println!("languages: {languages:?}");
    for e in first_errors {
        println!("error: {e}");
    }
}
