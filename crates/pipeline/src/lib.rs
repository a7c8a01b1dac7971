//! Runs crosscheck's stages over many inputs.
//!
//! Inputs are read as a stream of records (cheap, sequential); each record then goes
//! through the per-article stages (HTML extraction and metadata, cleaning,
//! segments, sentences) on a thread pool; corpus stages (copies, stories, fusion)
//! will run over the finished docs. The result keeps the input order, so the same
//! inputs always give the same dossier.
//!
//! ```no_run
//! use crosscheck_pipeline::{Pipeline, PipelineConfig};
//!
//! let pipeline = Pipeline::new(PipelineConfig::default()).unwrap();
//! let analysis = pipeline.analyze_paths(vec!["reports/".into()], &|_| {});
//! for problem in &analysis.problems {
//!     eprintln!("skipped {problem}");
//! }
//! let dossier = analysis.dossier();
//! assert_eq!(dossier.schema, "crosscheck.dossier/1");
//! ```
#![deny(missing_docs)]

mod corpus;
mod pipeline;

pub use corpus::CorpusView;
pub use pipeline::{Analysis, Pipeline, PipelineConfig, PipelineError, Progress};
