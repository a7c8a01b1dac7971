//! Measures ingest throughput into a store and search latency on a generated archive.
//!
//! ```text
//! cargo run --release -p crosscheck-store --example store_bench -- [ARTICLES] [STORE] [TEMPLATES]
//! cargo run --release -p crosscheck-store --example store_bench -- measure STORE [RUNS]
//! ```
//! ARTICLES defaults to 20000; STORE defaults to a fresh SQLite file in a temporary
//! directory (give a `postgres://…` URL to measure PostgreSQL; use an empty database).
//! `measure` only runs the searches on an archive an earlier run left (keep it by
//! naming STORE), so a change to search can be measured before and after on the
//! same million articles.
//!
//! How the archive is made. Analysing a million articles would measure the
//! pipeline, not the store, and take hours on two cores. So the first TEMPLATES
//! (default 2000, at most ARTICLES) generated articles go through the real `add`
//! (reading, analysis, store, stories: that figure is the end-to-end one, the rate
//! `crosscheck add` runs at); the rest of the archive is made of variants of those
//! analysed docs, written with `commit_batch` in batches of 256 as `add` writes
//! them. Each variant gets its own id, outlet (one of 400), date (one of 3650
//! days) and headline (a pseudo-word added), and a third of its body words
//! replaced by pseudo-words of the same length drawn from a skewed vocabulary
//! (offsets, and so every layer of the analysis, stay valid), so the search index
//! grows a realistic vocabulary and no two articles are the same text.
//!
//! What is reported. "store ingest" is the time spent inside `commit_batch` only
//! (serialising and compressing the analysis, the rows, the search index, the
//! entity rows, the commit): the store's own cost per already-analysed article.
//! Making the variants is timed apart. The full `crosscheck add` rate is bounded
//! by the pipeline: 1 / (1/pipeline rate + 1/store rate) per core. At each
//! checkpoint (10k, 100k, 300k, then ARTICLES) the store's size and the latency
//! (p50, p99) of each kind of query are printed, so a long run leaves figures
//! before it ends. Query words: "rare" is a pseudo-word of a random stored
//! article; "common" is one of the 40 words most templates hold (at 1M each is
//! in hundreds of thousands of articles); "word" is a headline word.

use std::time::{Duration, Instant};

use crosscheck_core::{ArticleId, Doc, Published};
use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_store::{
    AddOptions, ArticleStore, Batch, BatchArticle, Page, SearchQuery, Store, add_with,
};
use crosscheck_synth::{Corpus, CorpusConfig, CorpusWriter, OutputForm};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1).peekable();
    if args.peek().map(String::as_str) == Some("measure") {
        let spec = args.nth(1).ok_or("measure needs a STORE")?;
        let runs: usize = args.next().map(|a| a.parse()).transpose()?.unwrap_or(200);
        let mut store = Store::open(&spec)?;
        let mut templates = Vec::new();
        load_templates(store.as_mut(), &mut templates)?;
        return measure(store.as_mut(), &spec, &templates, runs);
    }
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
    let mut checkpoints: Vec<usize> = [10_000, 100_000, 300_000]
        .into_iter()
        .filter(|&c| c > templates && c < articles)
        .collect();
    checkpoints.push(articles);
    let mut templates_docs = Vec::new();
    load_templates(store.as_mut(), &mut templates_docs)?;
    let mut rng = 0x2545_f491_4f6c_dd1du64;
    let mut have = templates;
    for checkpoint in checkpoints {
        if checkpoint > have {
            fill(
                store.as_mut(),
                &templates_docs,
                have,
                checkpoint - have,
                &mut rng,
            )?;
            have = checkpoint;
        }
        let runs = if checkpoint == articles { 200 } else { 100 };
        measure(store.as_mut(), &spec, &templates_docs, runs)?;
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
    templates: &[Doc],
    runs: usize,
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
    searches(store, templates, runs)
}

/// The docs `add` stored (the templates), in the order stored.
fn load_templates(
    store: &mut dyn ArticleStore,
    templates: &mut Vec<Doc>,
) -> Result<(), Box<dyn std::error::Error>> {
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
            // Variants come after the templates.
            if summary.id.0.starts_with("bench-") {
                return Ok(());
            }
            if let Some(doc) = store.get(&summary.id)? {
                templates.push(doc);
            }
        }
    }
    Ok(())
}

/// Writes `n` variants of the stored (analysed) docs, as `add` writes batches.
fn fill(
    store: &mut dyn ArticleStore,
    templates: &[Doc],
    first: usize,
    n: usize,
    rng: &mut u64,
) -> Result<(), Box<dyn std::error::Error>> {
    if templates.is_empty() {
        return Err("no template docs were stored".into());
    }
    let started = Instant::now();
    let cpu = cpu_seconds();
    // Time and CPU spent inside commit_batch: the store's own cost.
    let mut store_wall = 0f64;
    let mut store_cpu = 0f64;
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
        let (wall0, cpu0) = (Instant::now(), cpu_seconds());
        store.commit_batch(&Batch {
            run: None,
            read: size as u64,
            articles: &batch,
            skipped: 0,
            problems: &[],
        })?;
        store_wall += wall0.elapsed().as_secs_f64();
        store_cpu += cpu_seconds() - cpu0;
        written += size;
        if last_report.elapsed() > Duration::from_secs(120) {
            last_report = Instant::now();
            eprintln!(
                "  … {} articles, store ingest {:.0}/s wall, {:.0}/CPU-s",
                first + written,
                written as f64 / store_wall,
                written as f64 / store_cpu
            );
        }
    }
    let took = started.elapsed().as_secs_f64();
    let cpu = cpu_seconds() - cpu;
    println!(
        "store ingest (commit_batch of 256 analysed docs): {n} articles in {store_wall:.1} s = {:.0} articles/s wall; {store_cpu:.1} CPU-s = {:.0} articles/CPU-s",
        n as f64 / store_wall,
        n as f64 / store_cpu
    );
    println!(
        "  whole fill step including making the variants: {took:.1} s wall, {cpu:.1} CPU-s = {:.0} articles/s wall",
        n as f64 / took
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
    let text_is_body = doc.article.text == doc.body;
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
    // A plain-text input's text is its body: keep it so, as `add` would store it.
    // (Before this line, variants kept the template's text and were stored with
    // it: about 0.7 KB more per article than `add` stores.)
    if text_is_body {
        doc.article.text = doc.body.clone();
    }
    if let Some(title) = &doc.article.title {
        let extra = String::from_utf8(pseudo_word(7, rng)).unwrap_or_default();
        doc.article.title = Some(format!("{title} {extra}"));
    }
    doc
}

/// Lower-cased words of more than three letters.
fn words_of(text: &str) -> Vec<String> {
    text.split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 3 && w.chars().all(char::is_alphabetic))
        .map(str::to_lowercase)
        .collect()
}

fn searches(
    store: &mut dyn ArticleStore,
    templates: &[Doc],
    runs: usize,
) -> Result<(), Box<dyn std::error::Error>> {
    let count = store.count()? as usize;
    // Headline word pairs (for "word", "two words" and phrases), from the templates.
    let titles: Vec<Vec<String>> = templates
        .iter()
        .filter_map(|d| d.article.title.as_deref())
        .map(words_of)
        .filter(|w| w.len() >= 2)
        .collect();
    // The words most templates hold: in most of the archive.
    let mut df: std::collections::HashMap<String, usize> = std::collections::HashMap::new();
    let mut vocabulary = std::collections::HashSet::new();
    for d in templates {
        let mut seen: Vec<String> = words_of(&d.body);
        if let Some(t) = &d.article.title {
            seen.extend(words_of(t));
        }
        seen.sort();
        seen.dedup();
        for w in seen {
            vocabulary.insert(w.clone());
            *df.entry(w).or_default() += 1;
        }
    }
    let mut common: Vec<(usize, String)> = df.into_iter().map(|(w, n)| (n, w)).collect();
    common.sort_by(|a, b| b.cmp(a));
    let common: Vec<String> = common.into_iter().take(40).map(|(_, w)| w).collect();
    if titles.is_empty() || common.is_empty() {
        return Err("no templates to take query words from".into());
    }
    // Rare words: pseudo-words (not in the templates) of random stored variants.
    let mut rng = 0x9e37_79b9_7f4a_7c15u64;
    // With the outlet of the article they come from, for "rare + source".
    let mut rare: Vec<String> = Vec::new();
    let mut rare_sources: Vec<String> = Vec::new();
    let variants = count.saturating_sub(templates.len());
    for _ in 0..runs.max(1) * 2 {
        if variants == 0 {
            break;
        }
        let n = templates.len() + (next(&mut rng) as usize % variants);
        if let Some(doc) = store.get(&ArticleId(format!("bench-{n:08}")))? {
            let mut own: Vec<String> = words_of(&doc.body)
                .into_iter()
                .filter(|w| !vocabulary.contains(w))
                .collect();
            // The longest are the rarest (the vocabulary is per length).
            own.sort_by_key(|w| std::cmp::Reverse(w.len()));
            if let Some(w) = own.into_iter().next() {
                rare.push(w);
                rare_sources.push(doc.article.source.clone());
            }
        }
    }
    if rare.is_empty() {
        rare.push(titles[0][0].clone());
    }
    let sources: Vec<String> = (0..400).map(|i| format!("outlet-{i}")).collect();
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
    let month = |q: SearchQuery, i: usize| SearchQuery {
        from: day(i),
        to: day(i).and_then(|d| d.checked_add(jiff::Span::new().days(30)).ok()),
        ..q
    };
    let rare_q = |i: usize| SearchQuery::text(rare[i % rare.len()].clone());
    let common_q = |i: usize| SearchQuery::text(common[i % common.len()].clone());
    let word_q = |i: usize| SearchQuery::text(titles[i % titles.len()][0].clone());
    type Make<'a> = Box<dyn Fn(usize) -> SearchQuery + 'a>;
    let kinds: Vec<(&str, Make<'_>)> = vec![
        ("rare word", Box::new(rare_q)),
        ("common word", Box::new(common_q)),
        ("word", Box::new(word_q)),
        (
            "two words",
            Box::new(|i| {
                let w = &titles[i % titles.len()];
                SearchQuery::text(format!("{} {}", w[0], w[1]))
            }),
        ),
        (
            "phrase",
            Box::new(|i| {
                let w = &titles[i % titles.len()];
                SearchQuery::text(format!("\"{} {}\"", w[0], w[1]))
            }),
        ),
        (
            "prefix",
            Box::new(|i| {
                let w = &titles[i % titles.len()][0];
                SearchQuery::text(format!(
                    "{}*",
                    &w[..w.char_indices().nth(4).map_or(w.len(), |(b, _)| b)]
                ))
            }),
        ),
        (
            "OR, exclusion",
            Box::new(|i| {
                let w = &titles[i % titles.len()];
                let other = &titles[(i + 1) % titles.len()][0];
                SearchQuery::text(format!("{} OR {} -{}", w[0], other, w[1]))
            }),
        ),
        (
            "rare + source",
            Box::new(|i| SearchQuery {
                source: pick(&rare_sources, i),
                ..rare_q(i)
            }),
        ),
        (
            "word + source",
            Box::new(|i| SearchQuery {
                source: pick(&sources, i),
                ..word_q(i)
            }),
        ),
        (
            "common + source",
            Box::new(|i| SearchQuery {
                source: pick(&sources, i),
                ..common_q(i)
            }),
        ),
        ("word + 30 days", Box::new(|i| month(word_q(i), i))),
        ("common + 30 days", Box::new(|i| month(common_q(i), i))),
        (
            "word + entity",
            Box::new(|i| SearchQuery {
                entity: pick(&entities, i),
                ..word_q(i)
            }),
        ),
        (
            "common + entity",
            Box::new(|i| SearchQuery {
                entity: pick(&entities, i),
                ..common_q(i)
            }),
        ),
        (
            "word + language",
            Box::new(|i| SearchQuery {
                language: Some("en".into()),
                ..word_q(i)
            }),
        ),
        (
            "source only",
            Box::new(|i| SearchQuery {
                source: pick(&sources, i),
                ..SearchQuery::default()
            }),
        ),
        (
            "entity only",
            Box::new(|i| SearchQuery {
                entity: pick(&entities, i),
                ..SearchQuery::default()
            }),
        ),
        (
            "30 days only",
            Box::new(|i| month(SearchQuery::default(), i)),
        ),
    ];
    let mut all: Vec<Duration> = Vec::new();
    let report = |name: &str, times: &mut Vec<Duration>, extra: String| {
        times.sort();
        let at = |q: usize| {
            times
                .get((times.len() * q / 100).min(times.len().saturating_sub(1)))
                .map_or(f64::NAN, |t| t.as_secs_f64() * 1e3)
        };
        println!(
            "{name:>22}: p50 {:>8.2} ms, p99 {:>8.2} ms ({} runs{extra})",
            at(50),
            at(99),
            times.len()
        );
    };
    for (name, make) in &kinds {
        let mut times: Vec<Duration> = Vec::new();
        let mut hits = 0u64;
        let mut bounded = 0usize;
        // At most `runs` queries or 20 s per kind, so a slow kind cannot stall a
        // checkpoint (fewer runs make the p99 a rougher figure: the count is shown).
        let kind_started = Instant::now();
        for i in 0..runs {
            if kind_started.elapsed() > Duration::from_secs(20) && i >= 10 {
                break;
            }
            let query = make(i * 7 + 3);
            let started = Instant::now();
            let results = store.search(&query)?;
            times.push(started.elapsed());
            hits += results.total;
            bounded += usize::from(results.total_is_lower_bound);
        }
        all.extend(&times);
        let n = times.len().max(1) as f64;
        report(
            &format!("search {name}"),
            &mut times,
            format!(
                ", mean total {:.0}{}",
                hits as f64 / n,
                if bounded > 0 {
                    format!(", {bounded} ranked over the newest matches")
                } else {
                    String::new()
                }
            ),
        );
    }
    report("search all", &mut all, String::new());
    // Story reads: the first page of the list, and stories by id.
    let mut times = Vec::new();
    let mut ids = Vec::new();
    for _ in 0..runs.min(50) {
        let started = Instant::now();
        let page = store.list_stories(Page::first(50))?;
        times.push(started.elapsed());
        ids = page.items.into_iter().map(|s| s.id).collect();
    }
    report("list_stories (50)", &mut times, String::new());
    let mut times = Vec::new();
    for id in ids.iter().cycle().take(runs.min(200)) {
        let started = Instant::now();
        let _story = store.get_story(id)?;
        times.push(started.elapsed());
    }
    report("get_story", &mut times, String::new());
    let mut times = Vec::new();
    for _ in 0..runs.min(200) {
        let n = next(&mut rng) as usize % count.max(1);
        let id = if n < templates.len() {
            templates[n].article.id.clone()
        } else {
            ArticleId(format!("bench-{n:08}"))
        };
        let started = Instant::now();
        let _doc = store.get(&id)?;
        times.push(started.elapsed());
    }
    report("get article (doc)", &mut times, String::new());
    Ok(())
}
