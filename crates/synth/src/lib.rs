//! Synthetic news, deterministic from a seed, so benchmarks and scale tests need no
//! downloaded data.
//!
//! A corpus is a sequence of stories (an invented event: a summit, a strike, a
//! flood…), each reported by several invented outlets. Reports share names, places
//! and dates, carry quotes, photo captions and credits, and some are lightly edited
//! reprints of a wire story, as real news is. Each report can be written as plain
//! text, an HTML page with boilerplate around it, a JSON Lines record or a WARC
//! response record.
//!
//! ```
//! use crosscheck_synth::{CorpusConfig, Corpus};
//!
//! let articles: Vec<_> = Corpus::new(CorpusConfig { seed: 7, articles: 20, ..Default::default() }).collect();
//! assert_eq!(articles.len(), 20);
//! let again: Vec<_> = Corpus::new(CorpusConfig { seed: 7, articles: 20, ..Default::default() }).collect();
//! assert_eq!(articles[3].text(), again[3].text());
//! ```
#![deny(missing_docs)]

mod corpus;
mod random;
mod words;
mod write;

pub use corpus::{Corpus, CorpusConfig, SyntheticArticle};
pub use write::{CorpusWriter, OutputForm};
