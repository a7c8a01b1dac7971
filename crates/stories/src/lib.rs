//! Copies and stories: the corpus stage that finds reprints and groups reports of
//! one event, incrementally.
//!
//! - [`CopyIndex`] signs each article's body with a MinHash [`Signature`] over word
//!   shingles and finds earlier near-identical articles through banded LSH: reprints
//!   and lightly edited wire copy point at their group's origin (`duplicate_of`), so
//!   corroboration can count origins, not articles.
//! - [`StoryIndex`] takes articles in time order and puts each in a story: it looks up
//!   candidate stories through an inverted index over each story's weightiest terms
//!   (sub-linear, capped), scores them by cosine similarity of TF-IDF vectors over
//!   words, names, numbers and dates (document frequencies kept up to date as articles
//!   arrive), gates them by publication date, and joins the best or starts a story.
//!   Stories that come to read as one event merge; the older id survives. Every
//!   creation, merge and freeze is logged ([`StoryEvent`]).
//!
//! ```
//! use crosscheck_core::{Article, Doc, Origin};
//! use crosscheck_stories::StoriesConfig;
//!
//! let mut index = StoriesConfig::default().build()?;
//! let doc = |file: &str, text: &str| Doc::unanalysed(Article::new(Origin::file(file), text.into()));
//! let a = index.add(&doc("a.txt", "A strong earthquake struck Velmora on Tuesday, killing 12 people in the old town."));
//! let b = index.add(&doc("b.txt", "Rescuers in Velmora searched the old town after Tuesday's earthquake killed 12 people."));
//! assert_eq!(a.story, b.story);
//! # Ok::<(), crosscheck_stories::Error>(())
//! ```
#![deny(missing_docs)]

mod config;
mod copies;
mod features;
mod hash;
mod index;
mod persist;

pub use config::StoriesConfig;
pub use copies::{CopiesConfig, CopyIndex, CopyMatch, SIGNATURE_LEN, Signature};
pub use features::{Features, TermKind, term_id};
pub use index::{StoryAssignment, StoryEvent, StoryId, StoryIndex};

/// What can go wrong in this crate.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A setting is out of range.
    #[error("stories config: {0}")]
    Config(String),
    /// A saved index was written by another version of this crate.
    #[error(
        "saved story index: format version {found}, this build reads version {expected}; rebuild the index from the stored articles"
    )]
    Version {
        /// The version byte in the blob.
        found: u8,
        /// The version this build writes and reads.
        expected: u8,
    },
    /// A saved index is damaged or is not a story index at all.
    #[error("saved story index: {0}")]
    Corrupt(String),
}

/// `Result` with [`Error`].
pub type Result<T> = std::result::Result<T, Error>;
