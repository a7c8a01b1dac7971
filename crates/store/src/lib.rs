//! crosscheck's archive: the store that grows with each run.
//!
//! Analysed articles ([`Doc`](crosscheck_core::Doc)s), the stories they form, the
//! story index's state and a log of every run are kept behind one trait,
//! [`ArticleStore`], with two implementations: [`SqliteStore`] (one file, the
//! embedded default) and [`PostgresStore`] (a shared server, for teams).
//! [`Store::open`] picks one from what the user typed (`--store archive.sqlite`,
//! `--store postgres://…`). [`add`] ingests new inputs into a store in committed
//! batches, so a run killed at any moment loses nothing that was reported stored and
//! the next run finishes the work; [`search`] is full-text search with filters.
//!
//! ```no_run
//! use crosscheck_pipeline::{Pipeline, PipelineConfig};
//! use crosscheck_store::{SearchQuery, Store, add, search};
//!
//! let mut store = Store::open("archive.sqlite").unwrap();
//! let pipeline = Pipeline::new(PipelineConfig::default()).unwrap();
//! let report = add(store.as_mut(), &pipeline, &["reports/".into()]).unwrap();
//! println!("{} new, {} already stored, {} failed", report.new, report.already_stored, report.failed);
//! let results = search(store.as_mut(), &SearchQuery::text("minist* \"peace talks\"")).unwrap();
//! for hit in results.hits {
//!     println!("{} {}", hit.article.id, hit.snippet.text);
//! }
//! ```
#![deny(missing_docs)]

mod add;
mod error;
mod model;
mod postgres;
mod query;
mod spec;
mod sqlite;
mod stories;

pub use add::{AddOptions, AddReport, CommittedBatch, add, add_with, input_key};
pub use error::{Result, StoreError};
pub use model::{
    ArticleSummary, Batch, BatchArticle, BatchOutcome, EntitySummary, Page, Paged, PendingArticle,
    Problem, RunRecord, RunStatus, SearchHit, SearchQuery, SearchResults, Snippet, StoryCommit,
    StoryRecord, StorySummary,
};
pub use postgres::PostgresStore;
pub use query::{ParsedQuery, QueryError};
pub use spec::{Store, StoreSpec, default_store_path};
pub use sqlite::SqliteStore;
pub use stories::{STORY_INDEX_KEY, StoriesReport, StoryChange, story_record, update_stories};

use std::collections::{HashMap, HashSet};

use crosscheck_core::{ArticleId, Doc};

/// The newest schema this build writes and understands. Stores are migrated up to
/// it when opened; a store with a newer schema is refused
/// ([`StoreError::SchemaTooNew`]) rather than misread.
pub const SCHEMA_VERSION: u32 = 3;

/// The format of the stored analysis (the `Doc` as deflated JSON, body left out),
/// kept per row: 1, the article's text stored; 2, the article's text left out
/// because it is the body (written when it is). Both are read. Bumped when a `Doc`
/// change means old rows must be re-analysed rather than read with serde defaults.
pub const DOC_FORMAT: u32 = 2;

/// Storage for the archive: articles with their analysis, stories, the story
/// index's state, and the log of runs.
///
/// Every method that writes does so in one transaction: it is all there or none of
/// it is. Methods take `&mut self` because both backends hold one connection; a
/// server shares a store behind a mutex or opens one per worker.
pub trait ArticleStore: Send {
    /// `"sqlite"` or `"postgres"`.
    fn backend(&self) -> &'static str;

    /// The schema version of the open store (always [`SCHEMA_VERSION`] once opened).
    fn schema_version(&mut self) -> Result<u32>;

    /// Writes one batch in one transaction: articles not stored yet (an article
    /// already stored under the same id is left as it is and counted as already
    /// stored), the input keys that produced them, the problems met, and the run's
    /// counters. Returns which articles were new.
    fn commit_batch(&mut self, batch: &Batch<'_>) -> Result<BatchOutcome>;

    /// Stores docs outside any run (no input keys, no log). Returns, for each doc,
    /// whether it was new.
    fn put_docs(&mut self, docs: &[Doc]) -> Result<Vec<bool>> {
        let articles: Vec<BatchArticle<'_>> = docs
            .iter()
            .map(|doc| BatchArticle {
                doc,
                input_key: None,
            })
            .collect();
        let outcome = self.commit_batch(&Batch {
            run: None,
            read: 0,
            articles: &articles,
            skipped: 0,
            problems: &[],
        })?;
        let new: HashSet<&ArticleId> = outcome.new.iter().collect();
        // A doc given twice is new only the first time.
        let mut seen = HashSet::new();
        Ok(docs
            .iter()
            .map(|d| new.contains(&d.article.id) && seen.insert(&d.article.id))
            .collect())
    }

    /// Which of these input keys (see [`input_key`]) have already been stored, with
    /// the article each one gave.
    fn known_inputs(&mut self, keys: &[String]) -> Result<HashMap<String, ArticleId>>;

    /// True when an article with this id is stored.
    fn exists(&mut self, id: &ArticleId) -> Result<bool>;

    /// The stored analysis of an article.
    fn get(&mut self, id: &ArticleId) -> Result<Option<Doc>>;

    /// Stored articles in the order they were stored.
    fn list(&mut self, page: Page) -> Result<Paged<ArticleSummary>>;

    /// Number of stored articles.
    fn count(&mut self) -> Result<u64>;

    /// Full-text search with filters; see [`SearchQuery`] for the query language.
    fn search(&mut self, query: &SearchQuery) -> Result<SearchResults>;

    /// Named entities across the archive with the number of articles naming each,
    /// most named first.
    fn list_entities(&mut self, page: Page) -> Result<Paged<EntitySummary>>;

    /// Stores a story, replacing any story with the same id (and its article list).
    fn put_story(&mut self, story: &StoryRecord) -> Result<()>;

    /// A story by id.
    fn get_story(&mut self, id: &str) -> Result<Option<StoryRecord>>;

    /// Removes a story (when the index merges or splits stories). True when it existed.
    fn delete_story(&mut self, id: &str) -> Result<bool>;

    /// Stories, newest first (by their latest article's day; undated ones last), then
    /// biggest first.
    fn list_stories(&mut self, page: Page) -> Result<Paged<StorySummary>>;

    /// Ids of the stories an article belongs to.
    fn stories_of(&mut self, article: &ArticleId) -> Result<Vec<String>>;

    /// Saves an opaque blob of index state (the story index's, under its own key).
    fn put_state(&mut self, key: &str, value: &[u8]) -> Result<()>;

    /// Reads a blob saved by [`ArticleStore::put_state`].
    fn get_state(&mut self, key: &str) -> Result<Option<Vec<u8>>>;

    /// Articles stored but not yet added to the story index, in the order stored.
    /// [`add`] empties this list at the end of every run, so after a run killed
    /// between storing articles and grouping them, the next run finishes the work.
    fn stories_pending(&mut self) -> Result<Vec<PendingArticle>>;

    /// Writes one step of story work in one transaction: the index state, the
    /// changed stories, the removal of merged ones, and the articles that are no
    /// longer pending. Stories and index state therefore always agree.
    fn commit_stories(&mut self, commit: &StoryCommit<'_>) -> Result<()>;

    /// Opens a run in the log; its counters grow with each committed batch.
    fn begin_run(&mut self, paths: &[String]) -> Result<i64>;

    /// Marks a run finished.
    fn finish_run(&mut self, run: i64) -> Result<()>;

    /// The latest runs, newest first. A run still `Running` that no process is
    /// running was killed; its committed batches are in the store.
    fn runs(&mut self, limit: u32) -> Result<Vec<RunRecord>>;

    /// The problems a run met, in the order met.
    fn run_problems(&mut self, run: i64) -> Result<Vec<Problem>>;

    /// Checks the store's consistency: the database's own check, the search
    /// index against the articles, and input keys against articles. Returns the
    /// problems found (empty when all is well). Reads everything: for tests and
    /// maintenance, not for every run.
    fn check(&mut self) -> Result<Vec<String>>;
}

/// Full-text search (see [`ArticleStore::search`]); a free function so callers
/// (CLI, server) need not name the trait.
pub fn search(store: &mut dyn ArticleStore, query: &SearchQuery) -> Result<SearchResults> {
    store.search(query)
}
