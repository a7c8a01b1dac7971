use std::path::PathBuf;
use std::sync::atomic::{AtomicU64, Ordering};

use crosscheck_core::Doc;
use crosscheck_core::dossier::Dossier;

use crate::corpus::CorpusView;
use crosscheck_claims::{ClaimExtractor, ClaimsConfig};
use crosscheck_extract::{ExtractConfig, Extractor};
use crosscheck_fuse::FuseConfig;
use crosscheck_ingest::{IngestError, InputReader, Record};
use crosscheck_ner::{NerModel, TagBuffers};
use crosscheck_quotes::{QuoteFinder, QuotesConfig};
use crosscheck_stories::{StoriesConfig, StoryIndex};
use crosscheck_text::{TextAnalyzer, TextConfig};
use crosscheck_time::{TimeConfig, TimeTagger};
use rayon::iter::{ParallelBridge, ParallelIterator};
use serde::{Deserialize, Serialize};

/// Records read ahead of the workers: enough to keep them busy, few enough that
/// a large archive never piles up in memory.
const READ_AHEAD: usize = 256;

/// Records a worker takes at once: enough to make the hand-off cheap, few enough
/// that the last chunks still spread over every worker.
const RECORD_CHUNK: usize = 16;

/// Settings for a [`Pipeline`]. The defaults suit most runs.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct PipelineConfig {
    /// Worker threads for the per-article stages; `None` uses every core.
    pub threads: Option<usize>,
    /// Time expressions.
    pub time: TimeConfig,
    /// Quotes and reported speech.
    pub quotes: QuotesConfig,
    /// Claims.
    pub claims: ClaimsConfig,
    /// Copies and stories.
    pub stories: StoriesConfig,
    /// Fusion inside a story.
    pub fuse: FuseConfig,
}

/// Why a pipeline could not be built.
#[derive(Debug, thiserror::Error)]
pub enum PipelineError {
    /// A model that ships with crosscheck could not be loaded.
    #[error("could not load the {model} model: {reason}")]
    Model {
        /// Which model.
        model: &'static str,
        /// What went wrong.
        reason: String,
    },
    /// A stage's settings are out of range.
    #[error("invalid {stage} settings: {reason}")]
    Config {
        /// Which stage.
        stage: &'static str,
        /// What is wrong.
        reason: String,
    },
    /// The worker pool could not be started.
    #[error("could not start {threads} worker threads: {reason}")]
    ThreadPool {
        /// Threads asked for.
        threads: usize,
        /// What the system said.
        reason: String,
    },
}

/// How far a run has got, reported after every record.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Progress {
    /// Records finished (analysed or failed).
    pub records: u64,
    /// Records that failed.
    pub failed: u64,
    /// Bytes of input text or HTML analysed so far.
    pub bytes: u64,
}

/// The outcome of a run: the analysed docs in input order, where the corpus
/// stage put them, and every input that could not be read.
#[derive(Debug, Default)]
pub struct Analysis {
    /// Analysed articles, in input order.
    pub docs: Vec<Doc>,
    /// Copies and stories among the docs.
    pub corpus: CorpusView,
    /// Inputs that were skipped, each with file, record and reason, in input order.
    pub problems: Vec<IngestError>,
    fuse: FuseConfig,
}

impl Analysis {
    /// The dossier of this analysis: articles, and stories with their fused claims,
    /// conflicts, updates, quotes and timeline.
    pub fn dossier(&self) -> Dossier {
        crate::corpus::dossier(&self.docs, &self.corpus, &self.fuse)
    }
}

/// The stages, built once and shared by every worker.
pub struct Pipeline {
    extractor: Extractor,
    text: TextAnalyzer,
    ner: &'static NerModel,
    time: TimeTagger,
    quotes: QuoteFinder,
    claims: ClaimExtractor,
    stories: StoriesConfig,
    fuse: FuseConfig,
    pool: rayon::ThreadPool,
}

thread_local! {
    /// Each worker reuses its tagging buffers from article to article.
    static TAG_BUFFERS: std::cell::RefCell<TagBuffers> = std::cell::RefCell::new(TagBuffers::default());
}

impl Pipeline {
    /// Builds the stages and the worker pool.
    pub fn new(config: PipelineConfig) -> Result<Self, PipelineError> {
        let threads = config.threads.unwrap_or(0);
        let pool = rayon::ThreadPoolBuilder::new()
            .num_threads(threads)
            .thread_name(|i| format!("crosscheck-worker-{i}"))
            .build()
            .map_err(|e| PipelineError::ThreadPool {
                threads,
                reason: e.to_string(),
            })?;
        let ner = NerModel::shared().map_err(|e| PipelineError::Model {
            model: "named-entity",
            reason: e.to_string(),
        })?;
        let time = config.time.build().map_err(|e| PipelineError::Config {
            stage: "time",
            reason: e.to_string(),
        })?;
        // Build the story index once now, so bad settings fail before any reading.
        config
            .stories
            .clone()
            .build()
            .map_err(|e| PipelineError::Config {
                stage: "stories",
                reason: e.to_string(),
            })?;
        Ok(Pipeline {
            extractor: Extractor::new(ExtractConfig::default()),
            text: TextAnalyzer::new(TextConfig::default()),
            ner,
            time,
            quotes: QuoteFinder::new(config.quotes),
            claims: ClaimExtractor::new(config.claims),
            stories: config.stories,
            fuse: config.fuse,
            pool,
        })
    }

    /// Worker threads in the pool.
    pub fn threads(&self) -> usize {
        self.pool.current_num_threads()
    }

    /// Runs `work` inside the worker pool, so its parallel iterators use the
    /// pipeline's threads.
    pub fn install<R: Send>(&self, work: impl FnOnce() -> R + Send) -> R {
        self.pool.install(work)
    }

    /// Runs the per-article stages on one record.
    pub fn analyze_record(&self, record: Record) -> Result<Doc, IngestError> {
        let mut doc = self.read_record(record)?;
        self.tag_entities(&mut doc);
        self.annotate(&mut doc);
        Ok(doc)
    }

    /// The first per-article stages alone: extraction, metadata, language,
    /// cleaning, segments, sentences and tokens (benchmarks time stages apart).
    pub fn read_record(&self, record: Record) -> Result<Doc, IngestError> {
        let article = record.into_article(&self.extractor)?;
        Ok(self.text.analyze(article))
    }

    /// Named entities, on a doc from [`Pipeline::read_record`] in a language the
    /// model reads.
    pub fn tag_entities(&self, doc: &mut Doc) {
        if is_analysed_language(doc.article.language.as_deref()) {
            TAG_BUFFERS.with_borrow_mut(|buffers| self.ner.annotate_with(doc, buffers));
        }
    }

    /// Time expressions, quotes and claims, on a doc with its entities.
    pub fn annotate(&self, doc: &mut Doc) {
        if is_analysed_language(doc.article.language.as_deref()) {
            self.time.tag_doc(doc);
            self.quotes.annotate(doc);
            self.claims.annotate(doc);
        }
    }

    /// An empty story index with the pipeline's settings, for callers that
    /// stream docs into it one by one instead of holding them all.
    pub fn story_index(&self) -> Result<StoryIndex, PipelineError> {
        self.stories
            .clone()
            .build()
            .map_err(|e| PipelineError::Config {
                stage: "stories",
                reason: e.to_string(),
            })
    }

    /// Reads every path (files and directories) and analyses every article in them.
    /// Bad inputs are collected in [`Analysis::problems`]; they never stop the run.
    ///
    /// Reading (I/O, decompression, framing) runs on its own thread, a bounded
    /// queue ahead of the workers, so it overlaps with analysis and memory stays
    /// bounded however large the input.
    pub fn analyze_paths(
        &self,
        paths: Vec<PathBuf>,
        on_progress: &(dyn Fn(Progress) + Sync),
    ) -> Analysis {
        let (sender, receiver) = std::sync::mpsc::sync_channel(READ_AHEAD);
        std::thread::scope(|scope| {
            scope.spawn(move || {
                for record in InputReader::open(paths) {
                    // The receiver only goes away when analysis is over.
                    if sender.send(record).is_err() {
                        break;
                    }
                }
            });
            self.analyze_records(receiver.into_iter(), on_progress)
        })
    }

    /// Analyses a stream of records. The stream is pulled by the workers as they
    /// free up, so a large archive is never held in memory as input, only as docs.
    pub fn analyze_records(
        &self,
        records: impl Iterator<Item = Result<Record, IngestError>> + Send,
        on_progress: &(dyn Fn(Progress) + Sync),
    ) -> Analysis {
        let counters = Counters::default();
        // Workers take records in chunks: `par_bridge` locks the source once per item
        // it hands out, so chunks cut the lock traffic and the hand-offs by RECORD_CHUNK.
        let mut numbered = records.enumerate();
        let chunks = std::iter::from_fn(move || {
            let chunk: Vec<_> = numbered.by_ref().take(RECORD_CHUNK).collect();
            (!chunk.is_empty()).then_some(chunk)
        });
        let mut outcomes: Vec<(usize, Result<Doc, IngestError>)> = self.pool.install(|| {
            chunks
                .par_bridge()
                .flat_map_iter(|chunk| chunk.into_iter())
                .map(|(index, record)| {
                    let bytes = record.as_ref().map_or(0, |r| r.content.len() as u64);
                    let outcome = record.and_then(|record| self.analyze_record(record));
                    on_progress(counters.record(bytes, outcome.is_err()));
                    (index, outcome)
                })
                .collect()
        });
        // Workers finish out of order; the dossier must not depend on scheduling.
        outcomes.sort_unstable_by_key(|(index, _)| *index);
        let mut analysis = Analysis {
            fuse: self.fuse.clone(),
            ..Analysis::default()
        };
        for (_, outcome) in outcomes {
            match outcome {
                Ok(doc) => analysis.docs.push(doc),
                Err(problem) => analysis.problems.push(problem),
            }
        }
        // The settings were checked when the pipeline was built.
        if let Ok(corpus) = crate::corpus::group(&analysis.docs, &self.stories) {
            analysis.corpus = corpus;
        }
        self.date_from_siblings(&mut analysis);
        analysis
    }
}

impl Pipeline {
    /// A report with no date of its own and none in its text takes the date most
    /// of its story's reports give (marked inferred, with the evidence); its time
    /// expressions and claims are then read again against that date, so "on
    /// Thursday" becomes a calendar day there too.
    fn date_from_siblings(&self, analysis: &mut Analysis) {
        for members in &analysis.corpus.stories {
            self.date_members(&mut analysis.docs, members);
        }
    }

    /// The same for the reports of one story given alone (the store builds a
    /// story's dossier from its stored reports, which were analysed one by one).
    pub fn date_story(&self, docs: &mut [Doc]) {
        let all: Vec<usize> = (0..docs.len()).collect();
        self.date_members(docs, &all);
    }

    fn date_members(&self, docs: &mut [Doc], members: &[usize]) {
        let inferred = {
            let story: Vec<&Doc> = members.iter().filter_map(|&i| docs.get(i)).collect();
            crosscheck_time::infer_published_story(&story)
        };
        for (&i, inferred) in members.iter().zip(inferred) {
            let (Some(inferred), Some(doc)) = (inferred, docs.get_mut(i)) else {
                continue;
            };
            inferred.apply(&mut doc.article);
            if is_analysed_language(doc.article.language.as_deref()) {
                self.time.tag_doc(doc);
                self.claims.annotate(doc);
            }
        }
    }
}

/// English is analysed; so is text whose language could not be told (short or
/// mixed), since most such input is English news. Other languages are read, marked
/// and passed through until models for them exist.
fn is_analysed_language(language: Option<&str>) -> bool {
    matches!(language, None | Some("en"))
}

#[derive(Default)]
struct Counters {
    records: AtomicU64,
    failed: AtomicU64,
    bytes: AtomicU64,
}

impl Counters {
    fn record(&self, bytes: u64, failed: bool) -> Progress {
        let failed =
            self.failed.fetch_add(u64::from(failed), Ordering::Relaxed) + u64::from(failed);
        Progress {
            records: self.records.fetch_add(1, Ordering::Relaxed) + 1,
            failed,
            bytes: self.bytes.fetch_add(bytes, Ordering::Relaxed) + bytes,
        }
    }
}
