//! `crosscheck bench`: throughput and peak memory on a generated corpus.
//!
//! The corpus is written to a temporary `.warc.gz` first (as real archives come),
//! then each stage is run `--runs` times over it and the median is printed. Stages
//! are cumulative: `read` (decompression, WARC framing), `ingest` (+ HTML
//! extraction, metadata, language), `text` (+ cleaning, segments, sentences,
//! tokens), `pipeline` (everything up to the dossier, entities included). Peak
//! memory is the process's high-water mark (VmHWM), reset before every run.

use std::path::{Path, PathBuf};
use std::process::ExitCode;
use std::time::{Duration, Instant};

use anyhow::Context;
use clap::Args;
use crosscheck_extract::{ExtractConfig, Extractor};
use crosscheck_ingest::{InputReader, Record};
use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_synth::{Corpus, CorpusConfig, CorpusWriter, OutputForm};
use crosscheck_text::{TextAnalyzer, TextConfig};
use rayon::iter::{ParallelBridge, ParallelIterator};

#[derive(Debug, Args)]
pub struct BenchArgs {
    /// Articles in the generated corpus.
    #[arg(long, default_value_t = 10_000)]
    articles: usize,
    /// Worker threads (default: every core).
    #[arg(long)]
    threads: Option<usize>,
    /// Runs per stage; the median is reported.
    #[arg(long, default_value_t = 3)]
    runs: usize,
    /// Corpus seed.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Keep the generated corpus here instead of a temporary directory.
    #[arg(long)]
    corpus: Option<PathBuf>,
}

/// One measured run.
#[derive(Debug, Clone, Copy)]
struct Measurement {
    articles: u64,
    bytes: u64,
    elapsed: Duration,
    peak_rss_mb: f64,
}

impl Measurement {
    fn articles_per_s(&self) -> f64 {
        self.articles as f64 / self.elapsed.as_secs_f64()
    }

    fn mb_per_s(&self) -> f64 {
        self.bytes as f64 / 1e6 / self.elapsed.as_secs_f64()
    }
}

pub fn run(args: BenchArgs) -> anyhow::Result<ExitCode> {
    let temp = std::env::temp_dir().join(format!("crosscheck-bench-{}", std::process::id()));
    let dir = args.corpus.clone().unwrap_or(temp.clone());
    std::fs::create_dir_all(&dir).with_context(|| format!("cannot create {}", dir.display()))?;
    let warc = dir.join(format!("synthetic-{}-{}.warc.gz", args.articles, args.seed));
    let corpus = Corpus::new(CorpusConfig {
        seed: args.seed,
        articles: args.articles,
        ..CorpusConfig::default()
    });
    let html_bytes = CorpusWriter::new(OutputForm::Warc).write(corpus, &warc)?;
    let pipeline = Pipeline::new(PipelineConfig {
        threads: args.threads,
        ..PipelineConfig::default()
    })?;
    println!(
        "corpus articles={} html_mb={:.1} warc_gz_mb={:.1} threads={} runs={}",
        args.articles,
        html_bytes as f64 / 1e6,
        std::fs::metadata(&warc).map(|m| m.len()).unwrap_or(0) as f64 / 1e6,
        pipeline.threads(),
        args.runs
    );

    let runs = args.runs.max(1);
    let read = median(runs, || measure_read(&warc));
    print_stage("read", read);
    let extractor = Extractor::new(ExtractConfig::default());
    let ingest = median(runs, || {
        measure_ingest(&warc, &pipeline, &|record| {
            record.into_article(&extractor).is_ok()
        })
    });
    print_stage("ingest", ingest);
    let text = TextAnalyzer::new(TextConfig::default());
    let cleaned = median(runs, || {
        measure_ingest(&warc, &pipeline, &|record| {
            record
                .into_article(&extractor)
                .map(|article| !text.analyze(article).sentences.is_empty())
                .unwrap_or(false)
        })
    });
    print_stage("text", cleaned);
    let whole = median(runs, || measure_pipeline(&warc, &pipeline));
    print_stage("pipeline", whole);
    println!(
        "pipeline articles_per_s={:.0} mb_per_s={:.2} peak_rss_mb={:.0}",
        whole.articles_per_s(),
        whole.mb_per_s(),
        whole.peak_rss_mb
    );
    if args.corpus.is_none() {
        let _ = std::fs::remove_dir_all(&temp);
    }
    Ok(ExitCode::SUCCESS)
}

fn print_stage(name: &str, m: Measurement) {
    println!(
        "stage {name:<8} articles_per_s={:.0} mb_per_s={:.2} peak_rss_mb={:.0} seconds={:.3}",
        m.articles_per_s(),
        m.mb_per_s(),
        m.peak_rss_mb,
        m.elapsed.as_secs_f64()
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
fn measure_ingest(
    warc: &Path,
    pipeline: &Pipeline,
    stages: &(dyn Fn(Record) -> bool + Sync),
) -> Measurement {
    timed(|| {
        pipeline.install(|| {
            InputReader::open(vec![warc.to_path_buf()])
                .flatten()
                .par_bridge()
                .map(|record| {
                    let bytes = record.content.len() as u64;
                    (u64::from(stages(record)), bytes)
                })
                .reduce(|| (0, 0), |a, b| (a.0 + b.0, a.1 + b.1))
        })
    })
}

/// The whole pipeline up to the dossier, written to nowhere.
fn measure_pipeline(warc: &Path, pipeline: &Pipeline) -> Measurement {
    timed(|| {
        let analysis = pipeline.analyze_paths(vec![warc.to_path_buf()], &|_| {});
        let dossier = analysis.dossier();
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
    let start = Instant::now();
    let (articles, bytes) = work();
    Measurement {
        articles,
        bytes,
        elapsed: start.elapsed(),
        peak_rss_mb: peak_rss_mb(),
    }
}

fn median(runs: usize, mut measure: impl FnMut() -> Measurement) -> Measurement {
    let mut all: Vec<Measurement> = (0..runs).map(|_| measure()).collect();
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
