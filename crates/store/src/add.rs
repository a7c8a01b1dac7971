//! `add`: ingest new inputs into a store, in committed batches.
//!
//! Each batch is read, analysed in parallel and written in one transaction with
//! the keys of the inputs it came from and the run's counters. A run killed at any
//! moment therefore leaves the store as it was after its last commit; the next run
//! skips the inputs already committed (by key, before analysing them) and does the
//! rest.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::path::PathBuf;

use crosscheck_core::{ArticleId, Doc};
use crosscheck_ingest::{IngestError, InputReader, Record};
use crosscheck_pipeline::Pipeline;
use rayon::iter::{IntoParallelIterator, ParallelIterator};
use serde::{Deserialize, Serialize};

use crate::model::{Batch, BatchArticle, Problem};
use crate::stories::{StoriesReport, update_stories};
use crate::{ArticleStore, Result};
use crosscheck_stories::StoriesConfig;

/// Settings for [`add_with`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct AddOptions {
    /// Inputs per transaction. Bigger batches commit less often (faster); a killed
    /// run redoes at most one batch.
    pub batch_size: usize,
    /// Articles added to the story index per transaction (see [`update_stories`]).
    /// Each step saves the whole index, so steps should not be tiny.
    pub story_step: usize,
    /// The story index's settings (normally the pipeline's).
    pub stories: StoriesConfig,
}

impl Default for AddOptions {
    fn default() -> Self {
        AddOptions {
            batch_size: 256,
            story_step: 2048,
            stories: StoriesConfig::default(),
        }
    }
}

/// What a run of [`add`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct AddReport {
    /// The run's id in the store's log.
    pub run: i64,
    /// Inputs read.
    pub read: u64,
    /// Articles stored by this run.
    pub new: u64,
    /// Inputs whose article was already stored.
    pub already_stored: u64,
    /// Inputs that could not be read or analysed.
    pub failed: u64,
    /// Each failure: file, record, reason.
    pub problems: Vec<Problem>,
    /// The story work: articles grouped (this run's, and any a killed run left
    /// pending), stories updated and removed.
    pub stories: StoriesReport,
}

/// One committed batch, as reported to the caller of [`add_with`] right after the
/// commit: everything in it is in the store.
#[derive(Debug, Clone, Copy)]
pub struct CommittedBatch<'a> {
    /// The run.
    pub run: i64,
    /// Articles this batch stored.
    pub new: &'a [ArticleId],
    /// Articles of this batch that were already stored (including inputs skipped
    /// because an earlier run stored them).
    pub already: &'a [ArticleId],
    /// Inputs of this batch that failed.
    pub problems: &'a [Problem],
}

/// Ingests and analyses every input under `paths` that is not stored yet; see
/// [`add_with`].
pub fn add(
    store: &mut dyn ArticleStore,
    pipeline: &Pipeline,
    paths: &[PathBuf],
) -> Result<AddReport> {
    add_with(store, pipeline, paths, &AddOptions::default(), &mut |_| {})
}

/// Ingests and analyses every input under `paths` that is not stored yet, in
/// batches of `options.batch_size` inputs, each committed in one transaction;
/// `on_commit` hears about each batch after its commit.
///
/// The same article twice (in one run or across runs) is stored once. Bad inputs
/// are reported in [`AddReport::problems`] and in the run log, and skipped. Only a
/// store error stops the run; what was committed before it stays.
///
/// Once every input is stored, the new articles (and any a killed run left
/// ungrouped) join the saved story index and the stories they touch are stored
/// again ([`update_stories`]); a run with no new input still finishes that work.
pub fn add_with(
    store: &mut dyn ArticleStore,
    pipeline: &Pipeline,
    paths: &[PathBuf],
    options: &AddOptions,
    on_commit: &mut dyn FnMut(&CommittedBatch<'_>),
) -> Result<AddReport> {
    let names: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let run = store.begin_run(&names)?;
    let mut report = AddReport {
        run,
        ..AddReport::default()
    };
    let mut reader = InputReader::open(paths.to_vec());
    let batch_size = options.batch_size.max(1);
    loop {
        let mut read = 0u64;
        let mut records = Vec::new();
        let mut problems = Vec::new();
        for item in reader.by_ref().take(batch_size) {
            read += 1;
            match item {
                Ok(record) => records.push((input_key(&record), record)),
                Err(e) => problems.push(problem(e)),
            }
        }
        if read == 0 {
            break;
        }

        // Inputs committed by an earlier run are not analysed again. (An input named
        // twice in one batch is analysed twice and stored once, by article id.)
        let keys: Vec<String> = records.iter().map(|(k, _)| k.clone()).collect();
        let known = store.known_inputs(&keys)?;
        let mut skipped_ids = Vec::new();
        let todo: Vec<(String, Record)> = records
            .into_iter()
            .filter(|(key, _)| match known.get(key) {
                Some(id) => {
                    skipped_ids.push(id.clone());
                    false
                }
                None => true,
            })
            .collect();
        let skipped = skipped_ids.len() as u64;

        let analysed: Vec<(String, std::result::Result<Doc, IngestError>)> =
            pipeline.install(|| {
                todo.into_par_iter()
                    .map(|(key, record)| {
                        let (file, number) = (record.origin.file.clone(), record.origin.record);
                        // A stage that panics on one input must not cost the batch.
                        let outcome =
                            catch_unwind(AssertUnwindSafe(|| pipeline.analyze_record(record)))
                                .unwrap_or_else(|_| {
                                    Err(IngestError::new(
                                        file,
                                        number,
                                        "analysis failed (internal error)",
                                    ))
                                });
                        (key, outcome)
                    })
                    .collect()
            });
        let mut docs = Vec::with_capacity(analysed.len());
        for (key, outcome) in analysed {
            match outcome {
                Ok(doc) => docs.push((key, doc)),
                Err(e) => problems.push(problem(e)),
            }
        }
        let articles: Vec<BatchArticle<'_>> = docs
            .iter()
            .map(|(key, doc)| BatchArticle {
                doc,
                input_key: Some(key.as_str()),
            })
            .collect();
        let mut outcome = store.commit_batch(&Batch {
            run: Some(run),
            read,
            articles: &articles,
            skipped,
            problems: &problems,
        })?;
        outcome.already.extend(skipped_ids);
        on_commit(&CommittedBatch {
            run,
            new: &outcome.new,
            already: &outcome.already,
            problems: &problems,
        });
        report.read += read;
        report.new += outcome.new.len() as u64;
        report.already_stored += outcome.already.len() as u64;
        report.failed += problems.len() as u64;
        report.problems.extend(problems);
    }
    // Stories last: they need every article of the run, and articles a killed run
    // stored but did not group are still pending and are grouped here too.
    report.stories = update_stories(store, pipeline, &options.stories, options.story_step)?;
    store.finish_run(run)?;
    Ok(report)
}

/// The key of an input: a hash of where it was read from and all it holds, so an
/// input read again (unchanged) is recognised before it is analysed.
pub fn input_key(record: &Record) -> String {
    let mut hasher = blake3::Hasher::new();
    // Version tag: change it if the key's recipe changes.
    hasher.update(b"crosscheck.input/1\0");
    for part in [
        record.origin.to_string().as_str(),
        &format!("{:?}", record.kind),
        record.url.as_deref().unwrap_or(""),
        record.source.as_deref().unwrap_or(""),
        record.title.as_deref().unwrap_or(""),
        record.published.as_deref().unwrap_or(""),
        &record.authors.join("\u{1f}"),
        record.language.as_deref().unwrap_or(""),
        &record.content,
    ] {
        hasher.update(&(part.len() as u64).to_le_bytes());
        hasher.update(part.as_bytes());
    }
    hasher.finalize().to_hex()[..32].to_string()
}

fn problem(e: IngestError) -> Problem {
    Problem {
        file: e.file,
        record: e.record,
        reason: e.reason,
    }
}
