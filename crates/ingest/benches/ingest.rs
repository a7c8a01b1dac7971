//! Throughput of the two halves of ingest on a generated corpus: framing records
//! (JSON Lines, multi-member `.warc.gz`) and turning text records into articles
//! (metadata, language, id).
//!
//! `cargo bench -p crosscheck-ingest --bench ingest`

use std::io::{Cursor, Write};

use criterion::{Criterion, Throughput, criterion_group, criterion_main};
use crosscheck_extract::Extractor;
use crosscheck_ingest::{Record, RecordStream};

const ARTICLES: usize = 500;

/// An invented article of about 3 KB.
fn body(i: usize) -> String {
    format!(
        "Ferry service between Velmora and Ostrel resumed on day {i} after a storm, the harbour authority said.\n\n{}",
        "Harbour master Ines Tarrow said all twelve crossings would run on schedule and that passengers with cancelled tickets would be rebooked free of charge. "
            .repeat(20)
    )
}

fn jsonl() -> Vec<u8> {
    (0..ARTICLES)
        .map(|i| {
            serde_json::json!({
                "url": format!("https://www.velmora-gazette.example/2025/05/15/story-{i}"),
                "title": format!("Story {i}"),
                "published": "2025-05-15T09:30:00Z",
                "authors": ["Ines Tarrow"],
                "text": body(i),
            })
            .to_string()
                + "\n"
        })
        .collect::<String>()
        .into_bytes()
}

fn warc_gz() -> Vec<u8> {
    let mut out = Vec::new();
    for i in 0..ARTICLES {
        let html = format!(
            "<html><head><title>Story {i}</title></head><body><p>{}</p></body></html>",
            body(i)
        );
        let http =
            format!("HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n{html}");
        let record = format!(
            "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: https://ostrel-times.example/story-{i}\r\nContent-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n{http}\r\n\r\n",
            http.len()
        );
        let mut gz = flate2::write::GzEncoder::new(Vec::new(), flate2::Compression::default());
        gz.write_all(record.as_bytes()).expect("gzip in memory");
        out.extend(gz.finish().expect("gzip in memory"));
    }
    out
}

fn records(name: &str, data: &[u8]) -> Vec<Record> {
    RecordStream::new(name, Cursor::new(data.to_vec()))
        .collect::<Result<_, _>>()
        .expect("generated input is valid")
}

fn bench(c: &mut Criterion) {
    let mut group = c.benchmark_group("ingest");
    group.throughput(Throughput::Elements(ARTICLES as u64));
    group.sample_size(20);
    let jsonl = jsonl();
    group.bench_function("jsonl_records", |b| {
        b.iter(|| records("bench.jsonl", &jsonl).len())
    });
    let warc = warc_gz();
    group.bench_function("warc_gz_records", |b| {
        b.iter(|| records("bench.warc.gz", &warc).len())
    });
    let text_records = records("bench.jsonl", &jsonl);
    let extractor = Extractor::default();
    group.bench_function("text_into_article", |b| {
        b.iter(|| {
            text_records
                .iter()
                .cloned()
                .map(|r| r.into_article(&extractor).map(|a| a.text.len()))
                .collect::<Result<Vec<_>, _>>()
        })
    });
    group.finish();
}

criterion_group!(benches, bench);
criterion_main!(benches);
