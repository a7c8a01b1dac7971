//! `crosscheck bench`: throughput and peak memory on a generated corpus.
//!
//! The corpus is written to a `.warc.gz` first (as real archives come), then each
//! stage is run `--runs` times over it, once per thread count, and the median is
//! printed. Stages: `read` (decompression, WARC framing, 1 thread), `ingest`
//! (+ HTML extraction, metadata, language), `text` (+ cleaning, segments,
//! sentences, tokens), `entities` (+ named entities), `articles` (every
//! per-article stage), `annotate` (time, quotes and claims alone, on one core, on
//! docs prepared untimed), `stories` (story assignment alone, one core, after
//! `--indexed` generated articles were put in the index), `pipeline` (everything
//! up to the dossier). Besides wall-clock rates, each line gives the CPU seconds
//! the process spent (`cpu_s`) and the rate per CPU second, which a busy shared
//! machine does not distort as much.
//!
//! `--scale 10000,100000,1000000` instead streams corpora of those sizes through
//! the per-article stages and the story index, dropping each doc once it is
//! assigned (fusion and the dossier need the docs and are left out), and prints
//! time and memory per size, so their growth can be read off.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use crosscheck_core::{Article, Doc, Origin, Published};
use crosscheck_extract::{ExtractConfig, Extractor};
use crosscheck_ingest::{InputReader, Record};
use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_synth::{Corpus, CorpusConfig, CorpusWriter, OutputForm};
use crosscheck_text::{TextAnalyzer, TextConfig};
use rayon::iter::{IntoParallelIterator, ParallelBridge, ParallelIterator};

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Articles in the generated corpus.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Worker threads, one count or several (`1,2`); default: 1 and every core.
    #[arg(long, value_delimiter = ',')]
    threads: Vec<usize>,
    /// Runs per stage; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Corpus seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Keep the generated corpus here instead of a temporary directory.
    #[arg(long)]
    corpus: Option<PathBuf>,
    /// Generated articles put in the story index before the `stories` stage is
    /// timed (text analysis only, no HTML or entities, so a million is affordable).
    #[arg(long, default_value_t = 0)]
    indexed: usize,
    /// Corpus sizes (`10000,100000,1000000`): stream each through the per-article
    /// stages and the story index and print time and memory per size.
    #[arg(long, value_delimiter = ',')]
    scale: Vec<usize>,
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
struct Measurement {
    articles: u64,
    bytes: u64,
    elapsed: Duration,
    cpu: Duration,
    peak_rss_mb: f64,
}

impl Measurement {
    fn articles_per_s(&self) -> f64 {
        self.articles as f64 / self.elapsed.as_secs_f64().max(1e-9)
    }

    fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64().max(1e-9)
    }

    fn articles_per_cpu_s(&self) -> f64 {
        self.articles as f64 / self.cpu.as_secs_f64().max(1e-9)
    }
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let temp = std::env::temp_dir().join(format!("crosscheck-bench-{}", std::process::id()));
    let dir = args.corpus.clone().unwrap_or(temp.clone());
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let threads = thread_counts(&args.threads);
    let outcome = if args.scale.is_empty() {
        run_stages(&args, &dir, &threads)
    } else {
        run_scale(&args, &dir, &threads)
    };
    if args.corpus.is_none() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    outcome
}

/// The thread counts asked for, or 1 and every core.
fn thread_counts(asked: &[usize]) -> Vec<usize> {
    let mut counts: Vec<usize> = if asked.is_empty() {
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        vec![1, cores]
    } else {
        asked.iter().map(|&t| t.max(1)).collect()
    };
    counts.dedup();
    counts
}

/// Writes the corpus of `articles` as WARC (once: an existing file is reused).
fn write_corpus(dir: &Path, articles: usize, seed: u64) -> anyhow::Result<(PathBuf, u64)> {
    let warc = dir.join(format!("synthetic-{articles}-{seed}.warc.gz"));
    let corpus = Corpus::new(CorpusConfig {
        seed,
        articles,
        ..CorpusConfig::default()
    });
    let html_bytes = CorpusWriter::new(OutputForm::Warc)
        .write(corpus, &warc)
        .with_context(|| format!("cannot write {}", warc.display()))?;
    Ok((warc, html_bytes))
}

fn run_stages(args: &BenchArgs, dir: &Path, threads: &[usize]) -> anyhow::Result<ExitCode> {
    let (warc, html_bytes) = write_corpus(dir, args.articles, args.seed)?;
    println!(
        "corpus articles={} html_mb={:.1} warc_gz_mb={:.1} threads={:?} runs={}",
        args.articles,
        html_bytes as f64 / 1e6,
        std::fs::metadata(&warc).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        threads,
        args.runs
    );
    let runs = args.runs.max(1);
    print_stage("read", 1, median(runs, || measure_read(&warc)));
    let extractor = Extractor::new(ExtractConfig::default());
    let mut whole = None;
    let mut last_pipeline = None;
    for &t in threads {
        let pipeline = Pipeline::new(PipelineConfig {
            threads: Some(t),
            ..PipelineConfig::default()
        })?;
        let ingest = median(runs, || {
            measure_records(&warc, &pipeline, &|record| {
                record.into_article(&extractor).is_ok()
            })
        });
        print_stage("ingest", t, ingest);
        let text = median(runs, || {
            measure_records(&warc, &pipeline, &|record| {
                pipeline
                    .read_record(record)
                    .is_ok_and(|doc| !doc.sentences.is_empty())
            })
        });
        print_stage("text", t, text);
        let entities = median(runs, || {
            measure_records(&warc, &pipeline, &|record| {
                pipeline.read_record(record).is_ok_and(|mut doc| {
                    pipeline.tag_entities(&mut doc);
                    true
                })
            })
        });
        print_stage("entities", t, entities);
        let articles = median(runs, || {
            measure_records(&warc, &pipeline, &|record| {
                pipeline.analyze_record(record).is_ok()
            })
        });
        print_stage("articles", t, articles);
        let run = median(runs, || measure_pipeline(&warc, &pipeline));
        print_stage("pipeline", t, run);
        whole = Some(run);
        last_pipeline = Some(pipeline);
    }
    let Some(pipeline) = last_pipeline else {
        anyhow::bail!("no thread count to measure");
    };

    // Docs for the one-core stages, prepared untimed.
    let prepared: Vec<Doc> = pipeline.install(|| {
        InputReader::open(vec![warc.clone()])
            .flatten()
            .par_bridge()
            .filter_map(|record| {
                let mut doc = pipeline.read_record(record).ok()?;
                pipeline.tag_entities(&mut doc);
                Some(doc)
            })
            .collect()
    });
    let annotate = median(runs, || {
        let mut docs = prepared.clone();
        timed(|| {
            let mut bytes = 0;
            for doc in &mut docs {
                pipeline.annotate(doc);
                bytes += doc.article.raw().len() as u64;
            }
            (docs.len() as u64, bytes)
        })
    });
    print_stage("annotate", 1, annotate);
    let mut assigned: Vec<Doc> = prepared;
    pipeline.install(|| {
        assigned
            .as_mut_slice()
            .into_par_iter()
            .for_each(|doc| pipeline.annotate(doc))
    });
    // Articles arrive in publication order.
    assigned.sort_by_key(|d| d.article.published.as_ref().map(|p| p.date()));
    let stories = measure_stories(&pipeline, &assigned, args.indexed, args.seed)?;
    print_stage("stories", 1, stories.0);
    println!(
        "stories indexed_before={} stories_after={} index_mb={:.1}",
        args.indexed,
        stories.1,
        stories.2 as f64 / 1e6
    );
    if let Some(whole) = whole {
        println!(
            "pipeline articles_per_s={:.0} mb_per_s={:.2} peak_rss_mb={:.0}",
            whole.articles_per_s(),
            whole.mb_per_s(),
            whole.peak_rss_mb
        );
    }
    Ok(ExitCode::SUCCESS)
}

/// Story assignment alone on one thread: fills an index with `indexed` generated
/// articles (another seed, text analysis only, in parallel chunks so memory stays
/// bounded), then times adding `docs`. Returns the measurement, the stories and
/// the index's memory.
fn measure_stories(
    pipeline: &Pipeline,
    docs: &[Doc],
    indexed: usize,
    seed: u64,
) -> anyhow::Result<(Measurement, usize, usize)> {
    let mut index = pipeline.story_index()?;
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let mut filler = Corpus::new(CorpusConfig {
        seed: seed.wrapping_add(1_000_003),
        articles: indexed,
        ..CorpusConfig::default()
    });
    let started = Instant::now();
    loop {
        let chunk: Vec<_> = filler.by_ref().take(20_000).collect();
        if chunk.is_empty() {
            break;
        }
        let analysed: Vec<Doc> = pipeline.install(|| {
            chunk
                .into_par_iter()
                .map(|a| {
                    let mut article = Article::new(Origin::file(a.url.clone()), a.text());
                    article.title = Some(a.title.clone());
                    article.published = Some(Published::Date(a.published));
                    analyzer.analyze(article)
                })
                .collect()
        });
        for doc in &analysed {
            index.add(doc);
        }
    }
    if indexed > 0 {
        eprintln!(
            "filled the story index with {indexed} articles in {:.1} s",
            started.elapsed().as_secs_f64()
        );
    }
    let m = timed(|| {
        let mut bytes = 0;
        for doc in docs {
            index.add(doc);
            bytes += doc.article.raw().len() as u64;
        }
        (docs.len() as u64, bytes)
    });
    Ok((m, index.stories().count(), index.memory_bytes()))
}

/// Streams corpora of each size through the per-article stages and the story
/// index; docs are dropped once assigned.
fn run_scale(args: &BenchArgs, dir: &Path, threads: &[usize]) -> anyhow::Result<ExitCode> {
    for &size in &args.scale {
        let (warc, html_bytes) = write_corpus(dir, size, args.seed)?;
        for &t in threads {
            let pipeline = Pipeline::new(PipelineConfig {
                threads: Some(t),
                ..PipelineConfig::default()
            })?;
            let mut index = pipeline.story_index()?;
            let m = timed(|| {
                let (sender, receiver) = std::sync::mpsc::sync_channel::<Doc>(256);
                let mut bytes = 0;
                let mut articles = 0;
                std::thread::scope(|scope| {
                    let pipeline = &pipeline;
                    let warc = warc.clone();
                    scope.spawn(move || {
                        pipeline.install(|| {
                            chunked(InputReader::open(vec![warc]).flatten())
                                .par_bridge()
                                .flat_map_iter(|chunk| chunk.into_iter())
                                .for_each_with(sender, |sender, record| {
                                    if let Ok(doc) = pipeline.analyze_record(record) {
                                        // The receiver lives until every doc is in.
                                        let _ = sender.send(doc);
                                    }
                                })
                        })
                    });
                    for doc in receiver {
                        index.add(&doc);
                        articles += 1;
                        bytes += doc.article.raw().len() as u64;
                    }
                });
                (articles, bytes)
            });
            println!(
                "scale articles={size} threads={t} html_mb={:.0} seconds={:.1} cpu_s={:.1} articles_per_s={:.0} articles_per_cpu_s={:.0} peak_rss_mb={:.0} index_mb={:.0} stories={}",
                html_bytes as f64 / 1e6,
                m.elapsed.as_secs_f64(),
                m.cpu.as_secs_f64(),
                m.articles_per_s(),
                m.articles_per_cpu_s(),
                m.peak_rss_mb,
                index.memory_bytes() as f64 / 1e6,
                index.stories().count()
            );
        }
        if args.corpus.is_none() {
            let _ = std::fs::remove_file(&warc);
        }
    }
    Ok(ExitCode::SUCCESS)
}

fn print_stage(name: &str, threads: usize, m: Measurement) {
    println!(
        "stage {name:<8} threads={threads} articles_per_s={:.0} mb_per_s={:.2} peak_rss_mb={:.0} seconds={:.3} cpu_s={:.3} articles_per_cpu_s={:.0}",
        m.articles_per_s(),
        m.mb_per_s(),
        m.peak_rss_mb,
        m.elapsed.as_secs_f64(),
        m.cpu.as_secs_f64(),
        m.articles_per_cpu_s()
    );
}

/// Reading alone: decompression and WARC framing, one thread.
fn measure_read(warc: &Path) -> Measurement {
    timed(|| {
        let mut articles = 0;
        let mut bytes = 0;
        for record in InputReader::open(vec![warc.to_path_buf()]).flatten() {
            articles += 1;
            bytes += record.content.len() as u64;
        }
        (articles, bytes)
    })
}

/// Reading plus per-article work: `stages` takes a record as far as the stage
/// measured and says whether it came through.
fn measure_records(
    warc: &Path,
    pipeline: &Pipeline,
    stages: &(dyn Fn(Record) -> bool + Sync),
) -> Measurement {
    timed(|| {
        pipeline.install(|| {
            chunked(InputReader::open(vec![warc.to_path_buf()]).flatten())
                .par_bridge()
                .flat_map_iter(|chunk| chunk.into_iter())
                .map(|record| {
                    let bytes = record.content.len() as u64;
                    (u64::from(stages(record)), bytes)
                })
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        })
    })
}

/// Records in chunks of 16, as the pipeline hands them to its workers: `par_bridge`
/// locks its source once per item, so one record at a time costs a lock and a
/// hand-off per article.
fn chunked<T>(mut items: impl Iterator<Item = T>) -> impl Iterator<Item = Vec<T>> {
    std::iter::from_fn(move || {
        let chunk: Vec<T> = items.by_ref().take(16).collect();
        (!chunk.is_empty()).then_some(chunk)
    })
}

/// The whole pipeline up to the dossier, written to nowhere.
fn measure_pipeline(warc: &Path, pipeline: &Pipeline) -> Measurement {
    timed(|| {
        let analysis = pipeline.analyze_paths(vec![warc.to_path_buf()], &|_| {});
        let dossier = pipeline.install(|| analysis.dossier());
        let _ = crosscheck_report::render(
            &dossier,
            crosscheck_report::Format::Json,
            &mut std::io::sink(),
        );
        let bytes = analysis
            .docs
            .iter()
            .map(|d| d.article.raw().len() as u64)
            .sum();
        (analysis.docs.len() as u64, bytes)
    })
}

fn timed(work: impl FnOnce() -> (u64, u64)) -> Measurement {
    reset_peak_rss();
    let cpu_before = process_cpu();
    let start = Instant::now();
    let (articles, bytes) = work();
    let elapsed = start.elapsed();
    Measurement {
        articles,
        bytes,
        elapsed,
        cpu: process_cpu().saturating_sub(cpu_before),
        peak_rss_mb: peak_rss_mb(),
    }
}

fn median(runs: usize, mut measure: impl FnMut() -> Measurement) -> Measurement {
    let mut all: Vec<Measurement> = (0..runs.max(1)).map(|_| measure()).collect();
    all.sort_by_key(|m| m.elapsed);
    all[all.len() / 2]
}

/// Resets the kernel's peak-RSS counter for this process (Linux: writing 5 to
/// clear_refs), so each run reports its own peak.
fn reset_peak_rss() {
    let _ = std::fs::write("/proc/self/clear_refs", "5");
}

/// Peak resident memory in MB since the last reset (VmHWM), 0 where unknown.
fn peak_rss_mb() -> f64 {
    std::fs::read_to_string("/proc/self/status")
        .ok()
        .and_then(|status| {
            status
                .lines()
                .find(|l| l.starts_with("VmHWM:"))
                .and_then(|l| l.split_whitespace().nth(1))
                .and_then(|kb| kb.parse::<f64>().ok())
        })
        .map_or(0.0, |kb| kb / 1024.0)
}

/// CPU time (user + system) of the whole process so far, from /proc/self/stat
/// (Linux; zero elsewhere). Clock ticks are 1/100 s on Linux.
fn process_cpu() -> Duration {
    let ticks = std::fs::read_to_string("/proc/self/stat")
        .ok()
        .and_then(|stat| {
            // Fields after the parenthesised command name, which may hold spaces.
            let rest = stat.rsplit_once(')')?.1;
            let fields: Vec<&str> = rest.split_whitespace().collect();
            let user: u64 = fields.get(11)?.parse().ok()?;
            let system: u64 = fields.get(12)?.parse().ok()?;
            Some(user + system)
        })
        .unwrap_or(0);
    Duration::from_millis(ticks * 10)
}
