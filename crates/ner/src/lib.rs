//! crosscheck's named-entity recogniser: PER, ORG, LOC and MISC names in English news,
//! tagged IOB2 by a model trained here and shipped inside the crate.
//!
//! The model is a structured averaged perceptron with first-order Viterbi decoding over
//! hashed features: the word, its lowercase form, shape, affixes and casing; a ±2 word
//! window; transition features of (previous tag, word) and (previous tag, shape); how the
//! same word is capitalised elsewhere in the document; the contexts of its other
//! occurrences in the document; k-means clusters of all-MiniLM-L6-v2 token embeddings; a
//! gazetteer (GeoNames places, census first names and surnames); and a second pass that
//! sees the first pass's tags for the same word elsewhere in the document.
//!
//! Weights live in one hashed table per pass, quantised to i16 and stored sparsely in a
//! versioned, checksummed, compressed file (`models/ner/model.ccner`) that is embedded in
//! the crate. [`train`] rebuilds it from CoNLL-2003 data, deterministically.
//!
//! ```
//! use crosscheck_ner::NerModel;
//! let model = NerModel::embedded()?;
//! let doc = vec![vec!["Ilse", "Varga", "visited", "Brenmoor", "."]];
//! let tags = model.tag_document(&doc);
//! assert_eq!(tags[0].len(), 5);
//! # Ok::<(), crosscheck_ner::Error>(())
//! ```
#![deny(missing_docs)]

mod annotate;
pub mod conll;
mod error;
mod features;
mod hash;
mod lexicon;
mod model;
mod tag;
mod train;
mod viterbi;

pub use error::{Error, Result};
pub use features::FeatureSet;
pub use model::{FORMAT_VERSION, NerModel, TagBuffers};
pub use tag::{EntitySpan, EntityTag, EntityType, spans_from_tags, to_iob2};
pub use train::{SpanScore, TrainConfig, TrainReport, score_file, train};
