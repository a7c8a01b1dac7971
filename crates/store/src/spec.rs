//! Which store the user named, and where the default one lives.

use std::path::{Path, PathBuf};

use crate::{ArticleStore, PostgresStore, Result, SqliteStore, StoreError};

/// A store as the user names it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StoreSpec {
    /// A SQLite file.
    Sqlite(PathBuf),
    /// A PostgreSQL connection URL.
    Postgres(String),
}

impl StoreSpec {
    /// `postgres://…` or `postgresql://…` is PostgreSQL; `sqlite:PATH` or any other
    /// text is a SQLite file; an empty spec is the default file
    /// ([`default_store_path`]).
    pub fn parse(spec: &str) -> Result<Self> {
        let spec = spec.trim();
        if spec.starts_with("postgres://") || spec.starts_with("postgresql://") {
            return Ok(StoreSpec::Postgres(spec.to_string()));
        }
        let path = spec.strip_prefix("sqlite:").unwrap_or(spec);
        if path.is_empty() {
            return Ok(StoreSpec::Sqlite(default_store_path()?));
        }
        Ok(StoreSpec::Sqlite(PathBuf::from(path)))
    }

    /// Opens (creating and migrating as needed) the store.
    pub fn open(&self) -> Result<Box<dyn ArticleStore>> {
        Ok(match self {
            StoreSpec::Sqlite(path) => Box::new(SqliteStore::open(path)?),
            StoreSpec::Postgres(url) => Box::new(PostgresStore::open(url)?),
        })
    }
}

/// Opens stores by name.
pub struct Store;

impl Store {
    /// Opens the store `spec` names (see [`StoreSpec::parse`]): a SQLite file, or a
    /// PostgreSQL URL. The store is created and migrated as needed.
    pub fn open(spec: &str) -> Result<Box<dyn ArticleStore>> {
        StoreSpec::parse(spec)?.open()
    }
}

/// `$XDG_DATA_HOME/crosscheck/archive.sqlite`, else
/// `$HOME/.local/share/crosscheck/archive.sqlite` (the XDG default).
pub fn default_store_path() -> Result<PathBuf> {
    let from_env = |name: &str| {
        std::env::var_os(name)
            .map(PathBuf::from)
            .filter(|p| p.is_absolute())
    };
    let data = from_env("XDG_DATA_HOME")
        .or_else(|| from_env("HOME").map(|home| home.join(".local").join("share")))
        .ok_or(StoreError::NoDataDir)?;
    Ok(data.join("crosscheck").join(Path::new("archive.sqlite")))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn specs_pick_the_backend() {
        assert_eq!(
            StoreSpec::parse("postgres://u:p@h/db").unwrap(),
            StoreSpec::Postgres("postgres://u:p@h/db".into())
        );
        assert_eq!(
            StoreSpec::parse("sqlite:a/b.sqlite").unwrap(),
            StoreSpec::Sqlite("a/b.sqlite".into())
        );
        assert_eq!(
            StoreSpec::parse("archive.db").unwrap(),
            StoreSpec::Sqlite("archive.db".into())
        );
    }
}
