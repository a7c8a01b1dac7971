//! Readers for every input format a user has.
//!
//! STUB: the helper working on ingest replaces this. The seams:
//! [`InputReader::open`] streams [`Record`]s (cheap: I/O, decompression, framing),
//! and [`Record::into_article`] does the per-article work (HTML extraction,
//! metadata, language) so callers can run it in parallel.
#![deny(missing_docs)]

use std::path::PathBuf;

use crosscheck_core::{Article, Origin};
use crosscheck_extract::Extractor;

/// One input that could not be read: the file, the record inside it, the reason.
#[derive(Debug, thiserror::Error)]
#[error("{file}{}: {reason}", record.map(|r| format!(" record {r}")).unwrap_or_default())]
pub struct IngestError {
    /// The file.
    pub file: String,
    /// The record inside a many-article file, when the problem is with one record.
    pub record: Option<u64>,
    /// What went wrong.
    pub reason: String,
}

/// The kind of content a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// Plain text (possibly with leftover markup).
    Text,
    /// An HTML page.
    Html,
}

/// One article's worth of input, framed but not yet parsed.
#[derive(Debug, Clone)]
pub struct Record {
    /// Where it came from.
    pub origin: Origin,
    /// What `content` is.
    pub kind: ContentKind,
    /// The text or HTML.
    pub content: String,
}

impl Record {
    /// Parses the record into an article.
    pub fn into_article(self, _extractor: &Extractor) -> Result<Article, IngestError> {
        Ok(Article::new(self.origin, self.content))
    }
}

/// Streams records from files and directories.
pub struct InputReader {
    paths: std::vec::IntoIter<PathBuf>,
}

impl InputReader {
    /// Reads these paths in order (directories recursively).
    pub fn open(paths: Vec<PathBuf>) -> Self {
        InputReader {
            paths: paths.into_iter(),
        }
    }
}

impl Iterator for InputReader {
    type Item = Result<Record, IngestError>;

    fn next(&mut self) -> Option<Self::Item> {
        let path = self.paths.next()?;
        let file = path.display().to_string();
        Some(match std::fs::read_to_string(&path) {
            Ok(content) => Ok(Record {
                origin: Origin::file(file),
                kind: ContentKind::Text,
                content,
            }),
            Err(e) => Err(IngestError {
                file,
                record: None,
                reason: e.to_string(),
            }),
        })
    }
}
