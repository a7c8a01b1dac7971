//! Readers for every input format a user has: plain text, HTML, JSON Lines,
//! RSS/Atom/JSON Feed, WARC, gzip of any of them, and directories of them.
//!
//! Reading is split in two so the expensive half can run in parallel:
//! [`InputReader`] streams [`Record`]s in a deterministic order doing only cheap
//! work (I/O, decompression, framing, feed and JSON parsing) in bounded memory,
//! and [`Record::into_article`] turns one record into an [`Article`]: HTML
//! extraction, metadata (title, date, outlet, authors), language, id.
//!
//! Formats are chosen by content (magic bytes, first non-blank bytes); the file
//! extension only breaks ties (a `.txt` file starting with `<` stays text).
//! Every problem is an [`IngestError`] naming the file and the record; one bad
//! record never stops the rest.
//!
//! ```
//! use crosscheck_extract::Extractor;
//! use crosscheck_ingest::RecordStream;
//!
//! let jsonl = "{\"url\":\"https://www.velmora-gazette.example/2025/05/15/ferry\",\"text\":\"The ferry sailed on time.\"}\n";
//! let extractor = Extractor::default();
//! let articles: Vec<_> = RecordStream::new("wire.jsonl", std::io::Cursor::new(jsonl))
//!     .map(|record| record?.into_article(&extractor))
//!     .collect::<Result<_, _>>()
//!     .unwrap();
//! assert_eq!(articles[0].source, "velmora-gazette.example");
//! assert_eq!(articles[0].published.as_ref().unwrap().to_string(), "2025-05-15");
//! ```
#![deny(missing_docs)]

mod charset;
mod error;
mod feed;
mod fragment;
mod input;
mod jsonl;
mod language;
mod lines;
mod metadata;
mod record;
mod sniff;
mod warc;

pub use crosscheck_core::Article;
pub use error::{IngestError, Result};
pub use fragment::fragment_to_text;
pub use input::{InputReader, ReaderConfig, RecordStream};
pub use language::detect_language;
pub use metadata::{date_from_url, domain_from_url, parse_published};
pub use record::{ContentKind, Record};
