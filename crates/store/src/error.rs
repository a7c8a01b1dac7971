//! The one error type of the crate.

/// Why a store operation failed.
#[derive(Debug, thiserror::Error)]
pub enum StoreError {
    /// SQLite said no.
    #[error("SQLite store: {0}")]
    Sqlite(#[from] rusqlite::Error),
    /// PostgreSQL said no (or could not be reached).
    #[error("PostgreSQL store: {0}")]
    Postgres(#[from] postgres::Error),
    /// The store was written by a newer crosscheck.
    #[error(
        "the store {store} has schema version {found}, newer than this crosscheck understands \
         (up to {supported}): upgrade crosscheck to open it"
    )]
    SchemaTooNew {
        /// The store, as the user named it (passwords removed).
        store: String,
        /// Its schema version.
        found: u32,
        /// The newest this build knows.
        supported: u32,
    },
    /// A stored row could not be read back.
    #[error("stored article {id} could not be read: {reason}")]
    Corrupt {
        /// The article.
        id: String,
        /// What was wrong.
        reason: String,
    },
    /// The search query cannot be run.
    #[error("search query: {0}")]
    Query(#[from] crate::query::QueryError),
    /// A file or directory of the store could not be created or opened.
    #[error("{path}: {source}")]
    Io {
        /// The path.
        path: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// No store was named and there is no default data directory.
    #[error("no store named and no data directory (set XDG_DATA_HOME or HOME, or pass --store)")]
    NoDataDir,
    /// The saved story index could not be loaded (or its settings are invalid).
    #[error("story index: {0}")]
    Stories(#[from] crosscheck_stories::Error),
    /// A value could not be serialised for storage.
    #[error("serialising for the store: {0}")]
    Json(#[from] serde_json::Error),
}

/// The crate's result type.
pub type Result<T, E = StoreError> = std::result::Result<T, E>;
