//! The crate's one error type.

use std::path::PathBuf;

/// Everything that can go wrong while loading, training or reading data.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A model file is not a crosscheck NER model, is of another version, or is damaged.
    #[error("model {origin}: {problem}")]
    Model {
        /// Where the model came from (a path, or "embedded").
        origin: String,
        /// What is wrong with it.
        problem: String,
    },
    /// A data file (CoNLL, cluster or gazetteer table) has a line we cannot read.
    #[error("{path}:{line}: {problem}")]
    Data {
        /// The file.
        path: PathBuf,
        /// 1-based line number.
        line: usize,
        /// What is wrong with it.
        problem: String,
    },
    /// Training was asked to do something impossible (no data, bad settings).
    #[error("training: {0}")]
    Training(String),
}

/// The crate's result alias.
pub type Result<T> = std::result::Result<T, Error>;

impl Error {
    pub(crate) fn io(path: impl Into<PathBuf>, source: std::io::Error) -> Self {
        Error::Io {
            path: path.into(),
            source,
        }
    }
}
