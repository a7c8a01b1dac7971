//! Measures ingest throughput into a store and search latency on a generated archive.
//!
//! ```text
//! cargo run --release -p crosscheck-store --example store_bench -- [ARTICLES] [STORE] [TEMPLATES]
//! ```
//! ARTICLES defaults to 20000; STORE defaults to a fresh SQLite file in a temporary
//! directory (give a `postgres://…` URL to measure PostgreSQL; use an empty database).
//!
//! Analysing a million articles would measure the pipeline, not the store, and take
//! hours on two cores. So the first TEMPLATES (default 2000, at most ARTICLES)
//! generated articles go through the real `add` (pipeline included: that figure is
//! the end-to-end one); the rest of the archive is made of variants of those analysed
//! docs, written with `commit_batch` in batches of 256 like `add` writes them. Each
//! variant gets its own id, outlet, date and headline, and a third of its words
//! replaced by pseudo-words of the same length (offsets stay valid), so the search
//! index grows a realistic vocabulary instead of repeating the templates.

use std::time::{Duration, Instant};

use crosscheck_core::{ArticleId, Doc, Published};
use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_store::{
    AddOptions, ArticleStore, Batch, BatchArticle, Page, SearchQuery, Store, add_with,
};
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
        .filter(|s| s != "-")
        .unwrap_or_else(|| dir.path().join("archive.sqlite").display().to_string());
    let templates: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(2000)
        .min(articles);

    let corpus = dir.path().join("corpus.jsonl");
    let bytes = CorpusWriter::new(OutputForm::JsonLines).write(
        Corpus::new(CorpusConfig {
            seed: 42,
            articles: templates,
            ..CorpusConfig::default()
        }),
        &corpus,
    )?;
    let mut store = Store::open(&spec)?;
    let pipeline = Pipeline::new(PipelineConfig::default())?;

    let started = Instant::now();
    let cpu = cpu_seconds();
    let report = add_with(
        store.as_mut(),
        &pipeline,
        std::slice::from_ref(&corpus),
        &AddOptions::default(),
        &mut |_| {},
    )?;
    let took = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu;
    println!(
        "add (end to end: read, analyse, store, stories): {} articles ({:.1} MB) in {:.1} s = {:.0} articles/s wall; {cpu:.1} CPU-s = {:.0} articles/CPU-s ({} new, {} failed, {} stories)",
        report.read,
        bytes as f64 / 1e6,
        took,
        report.read as f64 / took,
        report.read as f64 / cpu,
        report.new,
        report.failed,
        report.stories.updated
    );
    let started = Instant::now();
    let again = add_with(
        store.as_mut(),
        &pipeline,
        std::slice::from_ref(&corpus),
        &AddOptions::default(),
        &mut |_| {},
    )?;
    println!(
        "add again: {} new, {} already stored in {:.2} s",
        again.new,
        again.already_stored,
        started.elapsed().as_secs_f64()
    );

    // Sizes at which the archive is measured on the way to ARTICLES, so a long run
    // gives figures before it ends.
    let mut checkpoints: Vec<usize> = [10_000, 100_000, 250_000, 500_000]
        .into_iter()
        .filter(|&c| c > templates && c < articles)
        .collect();
    checkpoints.push(articles);
    let mut templates_docs = Vec::new();
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut have = templates;
    for checkpoint in checkpoints {
        if checkpoint > have {
            fill(
                store.as_mut(),
                &mut templates_docs,
                have,
                checkpoint - have,
                &mut rng,
            )?;
            have = checkpoint;
        }
        measure(store.as_mut(), &spec, checkpoint == articles)?;
    }
    Ok(())
}

/// CPU seconds this process has used (user + system), from /proc: on a shared
/// machine wall time says more about the neighbours than about the store.
fn cpu_seconds() -> f64 {
    let Ok(stat) = std::fs::read_to_string("/proc/self/stat") else {
        return f64::NAN;
    };
    // Fields after the command name (which is in parentheses and may hold spaces).
    let fields: Vec<&str> = stat
        .rsplit_once(')')
        .map_or(Vec::new(), |(_, rest)| rest.split_whitespace().collect());
    let ticks = |i: usize| {
        fields
            .get(i)
            .and_then(|f| f.parse::<f64>().ok())
            .unwrap_or(0.0)
    };
    // utime and stime are fields 14 and 15 of stat, 12 and 13 after the name; 100 ticks/s.
    (ticks(11) + ticks(12)) / 100.0
}

fn measure(
    store: &mut dyn ArticleStore,
    spec: &str,
    last: bool,
) -> Result<(), Box<dyn std::error::Error>> {
    let count = store.count()?;
    println!("--- {count} articles");
    if let Ok(meta) = std::fs::metadata(spec) {
        let wal = std::fs::metadata(format!("{spec}-wal")).map_or(0, |m| m.len());
        println!(
            "store file: {:.1} MB for {count} articles ({:.1} KB/article; WAL {:.1} MB)",
            meta.len() as f64 / 1e6,
            meta.len() as f64 / 1e3 / count.max(1) as f64,
            wal as f64 / 1e6
        );
    }
    if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
        let mut client = postgres::Client::connect(spec, postgres::NoTls)?;
        let size: i64 = client
            .query_one("SELECT pg_database_size(current_database())", &[])?
            .get(0);
        println!(
            "database size: {:.1} MB for {count} articles",
            size as f64 / 1e6
        );
    }
    searches(store, if last { 200 } else { 60 })
}

/// Writes `n` variants of the stored (analysed) docs, as `add` writes batches.
fn fill(
    store: &mut dyn ArticleStore,
    templates: &mut Vec<Doc>,
    first: usize,
    n: usize,
    rng: &mut u64,
) -> Result<(), Box<dyn std::error::Error>> {
    if templates.is_empty() {
        let mut offset = 0;
        loop {
            let page = store.list(Page {
                offset,
                limit: Page::MAX_LIMIT,
            })?;
            if page.items.is_empty() {
                break;
            }
            offset += page.items.len() as u64;
            for summary in page.items {
                if let Some(doc) = store.get(&summary.id)? {
                    templates.push(doc);
                }
            }
        }
    }
    if templates.is_empty() {
        return Err("no template docs were stored".into());
    }
    let started = Instant::now();
    let cpu = cpu_seconds();
    let mut written = 0usize;
    let mut last_report = Instant::now();
    while written < n {
        let size = 256.min(n - written);
        let docs: Vec<Doc> = (0..size)
            .map(|k| variant(templates, first + written + k, rng))
            .collect();
        let batch: Vec<BatchArticle<'_>> = docs
            .iter()
            .map(|doc| BatchArticle {
                doc,
                input_key: None,
            })
            .collect();
        store.commit_batch(&Batch {
            run: None,
            read: size as u64,
            articles: &batch,
            skipped: 0,
            problems: &[],
        })?;
        written += size;
        if last_report.elapsed() > Duration::from_secs(120) {
            last_report = Instant::now();
            eprintln!(
                "  … {} articles, {:.0}/s wall, {:.0}/CPU-s",
                first + written,
                written as f64 / started.elapsed().as_secs_f64(),
                written as f64 / (cpu_seconds() - cpu)
            );
        }
    }
    let took = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu;
    println!(
        "store writes (commit_batch of 256, no analysis): {n} articles in {took:.1} s = {:.0} articles/s wall; {cpu:.1} CPU-s = {:.0} articles/CPU-s (includes making the variants)",
        n as f64 / took,
        n as f64 / cpu
    );
    Ok(())
}

/// xorshift64*: deterministic and cheap.
fn next(state: &mut u64) -> u64 {
    *state ^= *state >> 12;
    *state ^= *state << 25;
    *state ^= *state >> 27;
    state.wrapping_mul(0x2545_f491_4f6c_dd1d)
}

/// A pseudo-word of `len` ASCII letters, drawn from a vocabulary of about 200k
/// words per length with a skew (low ranks much more common), as words are.
fn pseudo_word(len: usize, rng: &mut u64) -> Vec<u8> {
    const CONSONANTS: &[u8] = b"bcdfghklmnprstvz";
    const VOWELS: &[u8] = b"aeiou";
    let r = next(rng);
    // rank = 200000^u for u uniform: a log-uniform rank, roughly Zipfian.
    let u = (r >> 11) as f64 / (1u64 << 53) as f64;
    let mut rank = 200_000f64.powf(u) as u64 ^ (len as u64 * 0x9e37);
    let mut out = Vec::with_capacity(len);
    for i in 0..len {
        let pool = if i % 2 == 0 { CONSONANTS } else { VOWELS };
        out.push(pool[(rank % pool.len() as u64) as usize]);
        rank /= pool.len() as u64;
        rank = rank.wrapping_add(i as u64 * 7);
    }
    out
}

fn variant(templates: &[Doc], n: usize, rng: &mut u64) -> Doc {
    let mut doc = templates[n % templates.len()].clone();
    doc.article.id = ArticleId(format!("bench-{n:08}"));
    doc.article.source = format!("outlet-{}", n % 400);
    doc.article.url = Some(format!("https://outlet-{}.example/{n}", n % 400));
    // Dates over ten years.
    let day = jiff::civil::date(2016, 1, 1)
        .checked_add(jiff::Span::new().days((n % 3650) as i64))
        .unwrap_or(jiff::civil::date(2016, 1, 1));
    doc.article.published = Some(Published::Date(day));
    let mut body = std::mem::take(&mut doc.body).into_bytes();
    let mut start = None;
    let mut word = 0usize;
    for i in 0..=body.len() {
        let is_letter = body.get(i).is_some_and(|b| b.is_ascii_alphabetic());
        match (start, is_letter) {
            (None, true) => start = Some(i),
            (Some(s), false) => {
                word += 1;
                if i - s >= 4 && word.is_multiple_of(3) {
                    let fresh = pseudo_word(i - s, rng);
                    body[s..i].copy_from_slice(&fresh);
                }
                start = None;
            }
            _ => {}
        }
    }
    // Only ASCII letters were replaced by ASCII letters.
    doc.body = String::from_utf8(body).unwrap_or_default();
    if let Some(title) = &doc.article.title {
        let extra = String::from_utf8(pseudo_word(7, rng)).unwrap_or_default();
        doc.article.title = Some(format!("{title} {extra}"));
    }
    doc
}

fn searches(store: &mut dyn ArticleStore, runs: usize) -> Result<(), Box<dyn std::error::Error>> {
    // Query words taken from stored headlines and bodies, so queries have answers.
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
    if words.is_empty() {
        return Err("no headlines to take query words from".into());
    }
    let sources: Vec<String> = store
        .search(&SearchQuery {
            limit: 200,
            ..SearchQuery::default()
        })?
        .hits
        .into_iter()
        .map(|h| h.article.source)
        .collect();
    let entities: Vec<String> = store
        .list_entities(Page::first(200))?
        .items
        .into_iter()
        .map(|e| e.name)
        .collect();
    let pick = |list: &[String], i: usize| list.get(i % list.len().max(1)).cloned();
    let day = |i: usize| {
        jiff::civil::date(2016, 1, 1)
            .checked_add(jiff::Span::new().days((i * 37 % 3600) as i64))
            .ok()
    };
    type Make<'a> = &'a dyn Fn(usize) -> SearchQuery;
    let kinds: [(&str, Make<'_>); 9] = [
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
        ("OR, exclusion", &|i| {
            let w = &words[i % words.len()];
            let other = &words[(i + 1) % words.len()][0];
            SearchQuery::text(format!("{} OR {} -{}", w[0], other, w[1]))
        }),
        ("word + source", &|i| SearchQuery {
            source: pick(&sources, i),
            ..SearchQuery::text(words[i % words.len()][0].clone())
        }),
        ("word + 30 days", &|i| SearchQuery {
            from: day(i),
            to: day(i).and_then(|d| d.checked_add(jiff::Span::new().days(30)).ok()),
            ..SearchQuery::text(words[i % words.len()][0].clone())
        }),
        ("word + entity", &|i| SearchQuery {
            entity: pick(&entities, i),
            ..SearchQuery::text(words[i % words.len()][0].clone())
        }),
        ("source only", &|i| SearchQuery {
            source: pick(&sources, i),
            ..SearchQuery::default()
        }),
    ];
    let mut all: Vec<Duration> = Vec::new();
    for (name, make) in kinds {
        let mut times: Vec<Duration> = Vec::new();
        let mut hits = 0u64;
        for i in 0..runs {
            let query = make(i * 7 + 3);
            let started = Instant::now();
            let results = store.search(&query)?;
            times.push(started.elapsed());
            hits += results.total;
        }
        times.sort();
        all.extend(&times);
        println!(
            "search {name:>14}: p50 {:>8.2} ms, p99 {:>8.2} ms, mean total hits {:.0}",
            times[times.len() / 2].as_secs_f64() * 1e3,
            times[times.len() * 99 / 100].as_secs_f64() * 1e3,
            hits as f64 / times.len() as f64
        );
    }
    all.sort();
    println!(
        "search {:>14}: p50 {:>8.2} ms, p99 {:>8.2} ms ({} queries)",
        "all",
        all[all.len() / 2].as_secs_f64() * 1e3,
        all[all.len() * 99 / 100].as_secs_f64() * 1e3,
        all.len()
    );
    Ok(())
}
