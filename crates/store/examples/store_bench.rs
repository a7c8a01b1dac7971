//! Measures `add` throughput into a store and search latency on a generated archive.
//!
//! ```text
//! cargo run --release -p crosscheck-store --example store_bench -- [ARTICLES] [STORE]
//! ```
//! ARTICLES defaults to 20000; STORE defaults to a fresh SQLite file in a temporary
//! directory (give a `postgres://…` URL to measure PostgreSQL; use an empty database).

use std::time::{Duration, Instant};

use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_store::{AddOptions, Page, SearchQuery, Store, add_with};
use crosscheck_synth::{Corpus, CorpusConfig, CorpusWriter, OutputForm};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let articles: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(20_000);
    let dir = tempfile::tempdir()?;
    let spec = args
        .next()
        .unwrap_or_else(|| dir.path().join("archive.sqlite").display().to_string());

    let corpus = dir.path().join("corpus.jsonl");
    let bytes = CorpusWriter::new(OutputForm::JsonLines).write(
        Corpus::new(CorpusConfig {
            seed: 42,
            articles,
            ..CorpusConfig::default()
        }),
        &corpus,
    )?;
    let mut store = Store::open(&spec)?;
    let pipeline = Pipeline::new(PipelineConfig::default())?;

    let started = Instant::now();
    let report = add_with(
        store.as_mut(),
        &pipeline,
        std::slice::from_ref(&corpus),
        &AddOptions::default(),
        &mut |_| {},
    )?;
    let took = started.elapsed().as_secs_f64();
    println!(
        "add: {} articles ({:.1} MB) in {:.1} s = {:.0} articles/s, {:.1} MB/s ({} new, {} failed)",
        report.read,
        bytes as f64 / 1e6,
        took,
        report.read as f64 / took,
        bytes as f64 / 1e6 / took,
        report.new,
        report.failed
    );
    let started = Instant::now();
    let again = add_with(
        store.as_mut(),
        &pipeline,
        &[corpus],
        &AddOptions::default(),
        &mut |_| {},
    )?;
    println!(
        "add again: {} new, {} already stored in {:.1} s",
        again.new,
        again.already_stored,
        started.elapsed().as_secs_f64()
    );
    if let Ok(meta) = std::fs::metadata(&spec) {
        println!("store file: {:.1} MB", meta.len() as f64 / 1e6);
    }

    // Query words taken from stored headlines, so every query has answers.
    let titles: Vec<String> = store
        .list(Page::first(1000))?
        .items
        .into_iter()
        .filter_map(|a| a.title)
        .collect();
    let words: Vec<Vec<String>> = titles
        .iter()
        .map(|t| {
            t.split(|c: char| !c.is_alphanumeric())
                .filter(|w| w.len() > 3)
                .map(str::to_lowercase)
                .collect()
        })
        .filter(|w: &Vec<String>| w.len() >= 2)
        .collect();
    let sources: Vec<String> = store
        .list(Page::first(200))?
        .items
        .into_iter()
        .map(|a| a.source)
        .collect();
    let kinds: [(&str, &dyn Fn(usize) -> SearchQuery); 5] = [
        ("word", &|i| {
            SearchQuery::text(words[i % words.len()][0].clone())
        }),
        ("two words", &|i| {
            let w = &words[i % words.len()];
            SearchQuery::text(format!("{} {}", w[0], w[1]))
        }),
        ("prefix", &|i| {
            let w = &words[i % words.len()][0];
            SearchQuery::text(format!(
                "{}*",
                &w[..w.char_indices().nth(4).map_or(w.len(), |(b, _)| b)]
            ))
        }),
        ("phrase", &|i| {
            let w = &words[i % words.len()];
            SearchQuery::text(format!("\"{} {}\"", w[0], w[1]))
        }),
        ("word + source", &|i| SearchQuery {
            source: Some(sources[i % sources.len()].clone()),
            ..SearchQuery::text(words[i % words.len()][0].clone())
        }),
    ];
    for (name, make) in kinds {
        let mut times: Vec<Duration> = Vec::new();
        let mut hits = 0u64;
        for i in 0..200 {
            let query = make(i * 7 + 3);
            let started = Instant::now();
            let results = store.search(&query)?;
            times.push(started.elapsed());
            hits += results.total;
        }
        times.sort();
        println!(
            "search {name:>13}: p50 {:>7.2} ms, p99 {:>7.2} ms, mean total hits {:.0}",
            times[times.len() / 2].as_secs_f64() * 1e3,
            times[times.len() * 99 / 100].as_secs_f64() * 1e3,
            hits as f64 / times.len() as f64
        );
    }
    Ok(())
}
