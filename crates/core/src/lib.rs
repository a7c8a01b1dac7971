//! The document model that every crosscheck stage shares.
//!
//! An [`Article`] is one report as it was read: where it came from, its metadata,
//! and its text. Analysis turns it into a [`Doc`]: the cleaned body plus typed
//! annotation layers ([`Segment`]s, [`Sentence`]s, [`Token`]s, and later entities,
//! time expressions, quotes and claims), each pointing into the body by byte
//! offsets — never by copies of the text. The [`dossier`] module holds the
//! serialised shape of crosscheck's output (`crosscheck.dossier/1`).
//!
//! ```
//! use crosscheck_core::{Article, Origin, Span};
//!
//! let article = Article::new(Origin::file("reports/a.txt"), "Talks opened on Monday.".into());
//! assert_eq!(article.id, Article::new(Origin::file("reports/a.txt"), "Talks opened on Monday.".into()).id);
//! let span = Span::new(6, 12);
//! assert_eq!(span.slice(&article.text), "opened");
//! ```
#![deny(missing_docs)]

mod article;
mod doc;
pub mod dossier;
pub mod layers;
mod offsets;
mod span;

pub use article::{Article, ArticleId, Origin, Published, PublishedSource, source_from_path};
pub use doc::{Doc, Flag, FlagKind, Segment, SegmentKind, Sentence, Token, TokenKind};
pub use offsets::OffsetMap;
pub use span::Span;
