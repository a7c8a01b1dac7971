//! The embedded default: one SQLite file in WAL mode, FTS5 for search.

use std::collections::{HashMap, HashSet};
use std::path::Path;
use std::time::Duration;

use crosscheck_core::{ArticleId, Doc};
use rusqlite::{Connection, OptionalExtension, TransactionBehavior, params};

use crate::model::{
    self, ArticleSummary, Batch, BatchOutcome, EntitySummary, Page, Paged, PendingArticle, Problem,
    RunRecord, RunStatus, SearchHit, SearchQuery, SearchResults, Snippet, StoryCommit, StoryRecord,
    StorySummary,
};
use crate::query::ParsedQuery;
use crate::{ArticleStore, Result, SCHEMA_VERSION, StoreError};

/// Migrations, one per schema version: `MIGRATIONS[i]` takes the store from
/// version `i` to `i + 1`. Never edit a released one; add the next.
const MIGRATIONS: &[&str] = &[
    // 1: articles with their analysis and search index, entities, inputs, runs,
    // stories and index state.
    "
    CREATE TABLE articles (
        seq INTEGER PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        language TEXT,
        published TEXT,
        published_day TEXT,
        origin_file TEXT NOT NULL,
        origin_record INTEGER,
        run_id INTEGER,
        added_at TEXT NOT NULL,
        doc_format INTEGER NOT NULL,
        body TEXT NOT NULL,
        doc BLOB NOT NULL
    );
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_language ON articles(language);
    CREATE INDEX articles_day ON articles(published_day);
    -- External content: the index keeps only postings; snippets read articles.body.
    CREATE VIRTUAL TABLE articles_fts USING fts5(
        title, body, content='articles', content_rowid='seq',
        tokenize='unicode61 remove_diacritics 2'
    );
    CREATE TRIGGER articles_fts_insert AFTER INSERT ON articles BEGIN
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
    END;
    CREATE TRIGGER articles_fts_delete AFTER DELETE ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.seq, old.title, old.body);
    END;
    CREATE TRIGGER articles_fts_update AFTER UPDATE OF title, body ON articles BEGIN
        INSERT INTO articles_fts(articles_fts, rowid, title, body)
        VALUES ('delete', old.seq, old.title, old.body);
        INSERT INTO articles_fts(rowid, title, body) VALUES (new.seq, new.title, new.body);
    END;
    CREATE TABLE article_entities (
        article_seq INTEGER NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        name_key TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        mentions INTEGER NOT NULL,
        PRIMARY KEY (article_seq, name_key, kind)
    ) WITHOUT ROWID;
    CREATE INDEX article_entities_name ON article_entities(name_key);
    CREATE TABLE inputs (
        key TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        run_id INTEGER
    ) WITHOUT ROWID;
    CREATE TABLE runs (
        id INTEGER PRIMARY KEY AUTOINCREMENT,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        paths TEXT NOT NULL,
        read INTEGER NOT NULL DEFAULT 0,
        new INTEGER NOT NULL DEFAULT 0,
        already INTEGER NOT NULL DEFAULT 0,
        failed INTEGER NOT NULL DEFAULT 0
    );
    CREATE TABLE run_problems (
        seq INTEGER PRIMARY KEY,
        run_id INTEGER NOT NULL,
        file TEXT NOT NULL,
        record INTEGER,
        reason TEXT NOT NULL
    );
    CREATE INDEX run_problems_run ON run_problems(run_id);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        articles INTEGER NOT NULL,
        dossier TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_listing ON stories(updated_at DESC, articles DESC);
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        PRIMARY KEY (story_id, article_id)
    ) WITHOUT ROWID;
    CREATE INDEX story_articles_article ON story_articles(article_id);
    CREATE TABLE index_state (
        key TEXT PRIMARY KEY,
        value BLOB NOT NULL,
        updated_at TEXT NOT NULL
    );
    ",
    // 2: which articles the story index holds (so a killed run's story work is
    // finished by the next), and what story lists show: sources, open conflicts,
    // the newest article's day.
    "
    ALTER TABLE articles ADD COLUMN in_stories INTEGER NOT NULL DEFAULT 0;
    CREATE INDEX articles_stories_pending ON articles(seq) WHERE in_stories = 0;
    ALTER TABLE stories ADD COLUMN origins INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN open_conflicts INTEGER NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN latest TEXT;
    DROP INDEX stories_listing;
    CREATE INDEX stories_listing ON stories(latest DESC, articles DESC);
    ",
    // 3: an outlet's articles newest first straight from an index (a search by
    // source alone sorted all of them), and listings by day.
    "
    CREATE INDEX articles_source_day ON articles(source, published_day);
    DROP INDEX articles_source;
    ",
];

/// Columns of [`ArticleSummary`], in the order [`summary_from_row`] reads them.
const SUMMARY_COLUMNS: &str = "a.id, a.source, a.url, a.title, a.language, a.published, a.origin_file, a.origin_record, a.added_at";

/// A store in one SQLite file.
pub struct SqliteStore {
    conn: Connection,
    path: String,
}

impl SqliteStore {
    /// Opens (creating it and its directory if needed) and migrates the store at `path`.
    pub fn open(path: &Path) -> Result<Self> {
        if let Some(parent) = path.parent().filter(|p| !p.as_os_str().is_empty()) {
            std::fs::create_dir_all(parent).map_err(|source| StoreError::Io {
                path: parent.display().to_string(),
                source,
            })?;
        }
        let conn = Connection::open(path)?;
        Self::setup(conn, path.display().to_string())
    }

    /// A store in memory, gone when dropped (for tests and one-off runs).
    pub fn in_memory() -> Result<Self> {
        Self::setup(Connection::open_in_memory()?, ":memory:".into())
    }

    fn setup(conn: Connection, path: String) -> Result<Self> {
        // Another process (a second `add`, a server) may hold the write lock for a
        // batch; wait for it rather than fail.
        conn.busy_timeout(Duration::from_secs(60))?;
        // WAL: readers never block the writer, and a killed writer leaves the last
        // committed transaction intact. synchronous=FULL makes each commit durable
        // across power loss too; commits are per batch, so the fsync is cheap.
        conn.pragma_update(None, "journal_mode", "WAL")?;
        conn.pragma_update(None, "synchronous", "FULL")?;
        conn.pragma_update(None, "foreign_keys", "ON")?;
        // SQLite's default page cache is 2 MB: in a big archive every batch and every
        // search then reads the same search-index and b-tree pages again through
        // the kernel (a fifth of a 20k-article bench's time was those copies).
        conn.pragma_update(None, "cache_size", -65_536)?;
        let mut store = SqliteStore { conn, path };
        store.migrate()?;
        Ok(store)
    }

    /// The file the store is in.
    pub fn path(&self) -> &str {
        &self.path
    }

    /// The underlying connection, for maintenance and tests.
    pub fn connection(&self) -> &Connection {
        &self.conn
    }

    fn migrate(&mut self) -> Result<()> {
        // IMMEDIATE takes the write lock first, so two processes opening a new
        // store do not both try to create it.
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute_batch(
            "CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY,
                applied_at TEXT NOT NULL
            )",
        )?;
        let found: u32 = tx.query_row(
            "SELECT coalesce(max(version), 0) FROM schema_version",
            [],
            |r| r.get(0),
        )?;
        if found > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                store: self.path.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.execute_batch(sql)?;
            tx.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES (?1, ?2)",
                params![index as u32 + 1, model::now()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

fn summary_from_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<ArticleSummary> {
    Ok(ArticleSummary {
        id: ArticleId(row.get(0)?),
        source: row.get(1)?,
        url: row.get(2)?,
        title: row.get(3)?,
        language: row.get(4)?,
        published: model::parse_published(row.get(5)?),
        file: row.get(6)?,
        record: row
            .get::<_, Option<i64>>(7)?
            .and_then(|r| u64::try_from(r).ok()),
        added_at: row.get(8)?,
    })
}

/// Stores a story inside the caller's transaction, replacing any with its id; the
/// listing columns come from its dossier and its articles.
fn write_story(tx: &Connection, story: &StoryRecord) -> Result<()> {
    tx.execute("DELETE FROM stories WHERE id = ?1", [&story.id])?;
    let ids: HashSet<&ArticleId> = story.article_ids.iter().collect();
    let (origins, open_conflicts) = model::story_counts(&story.dossier);
    tx.execute(
        "INSERT INTO stories (id, title, articles, origins, open_conflicts, dossier, updated_at)
         VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7)",
        params![
            story.id,
            story.title,
            ids.len() as i64,
            origins,
            open_conflicts,
            serde_json::to_string(&story.dossier)?,
            model::now()
        ],
    )?;
    let mut member = tx.prepare_cached(
        "INSERT OR IGNORE INTO story_articles (story_id, article_id) VALUES (?1, ?2)",
    )?;
    for id in &story.article_ids {
        member.execute(params![story.id, id.0])?;
    }
    tx.execute(
        "UPDATE stories SET latest = (SELECT max(a.published_day) FROM story_articles s
             JOIN articles a ON a.id = s.article_id WHERE s.story_id = ?1)
         WHERE id = ?1",
        [&story.id],
    )?;
    Ok(())
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

/// Matches a text query ranks at first: a query matching more is ranked over its
/// newest `RANK_WINDOW` matches (then 8 times more, and so on, while the page is
/// not full). Ranking 10 000 rows takes a few milliseconds.
const RANK_WINDOW: i64 = 10_000;

/// The smallest row id of the newest `window` matches of `fts`, or `None` when
/// fewer match (then every match is ranked). Reads the search index only.
fn window_start(conn: &Connection, fts: &str, window: i64) -> Result<Option<i64>> {
    Ok(conn
        .prepare_cached(
            "SELECT rowid FROM articles_fts WHERE articles_fts MATCH ?1
             ORDER BY rowid DESC LIMIT 1 OFFSET ?2",
        )?
        .query_row(params![fts, window - 1], |r| r.get(0))
        .optional()?)
}

/// A search's filters as SQL that names only the filters given, so SQLite can
/// drive a search from an index (`x IS NULL OR` forms hide every index).
struct Filters {
    /// Conditions on `a` (articles), joined with AND.
    sql: Vec<&'static str>,
    /// Conditions for an article row driven from the search index: the entity
    /// test probes per row instead of listing the entity's articles.
    fts_sql: Vec<&'static str>,
    values: Vec<(&'static str, String)>,
}

impl Filters {
    fn new(query: &SearchQuery) -> Self {
        let mut f = Filters {
            sql: Vec::new(),
            fts_sql: Vec::new(),
            values: Vec::new(),
        };
        let mut add = |sql: &'static str, fts_sql: &'static str, name, value: Option<String>| {
            if let Some(value) = value {
                f.sql.push(sql);
                f.fts_sql.push(fts_sql);
                f.values.push((name, value));
            }
        };
        add(
            "a.source = :source",
            "a.source = :source",
            ":source",
            query.source.clone(),
        );
        add(
            "a.language = :language",
            "a.language = :language",
            ":language",
            query.language.clone(),
        );
        add(
            "a.published_day >= :from",
            "a.published_day >= :from",
            ":from",
            query.from.map(|d| d.to_string()),
        );
        add(
            "a.published_day <= :to",
            "a.published_day <= :to",
            ":to",
            query.to.map(|d| d.to_string()),
        );
        add(
            "a.seq IN (SELECT e.article_seq FROM article_entities e WHERE e.name_key = :entity)",
            "EXISTS (SELECT 1 FROM article_entities e WHERE e.article_seq = a.seq AND e.name_key = :entity)",
            ":entity",
            query.entity_key(),
        );
        f
    }

    fn is_empty(&self) -> bool {
        self.sql.is_empty()
    }

    fn clause(parts: &[&str]) -> String {
        if parts.is_empty() {
            "1".to_string()
        } else {
            parts.join(" AND ")
        }
    }

    /// The named values, with any extra ones.
    fn params<'a>(
        &'a self,
        extra: &'a [(&'static str, &'a dyn rusqlite::ToSql)],
    ) -> Vec<(&'a str, &'a dyn rusqlite::ToSql)> {
        let mut all: Vec<(&str, &dyn rusqlite::ToSql)> = self
            .values
            .iter()
            .map(|(n, v)| (*n, v as &dyn rusqlite::ToSql))
            .collect();
        all.extend(extra.iter().copied());
        all
    }

    /// Filtered articles, newest first: the total and one page of row ids.
    fn list(&self, conn: &Connection, limit: u32, offset: i64) -> Result<(i64, Vec<i64>)> {
        let clause = Self::clause(&self.sql);
        let total: i64 = conn
            .prepare_cached(&format!("SELECT count(*) FROM articles a WHERE {clause}"))?
            .query_row(self.params(&[]).as_slice(), |r| r.get(0))?;
        let extra: [(&str, &dyn rusqlite::ToSql); 2] = [(":limit", &limit), (":offset", &offset)];
        let seqs = conn
            .prepare_cached(&format!(
                "SELECT a.seq FROM articles a WHERE {clause}
                 ORDER BY a.published_day DESC, a.seq DESC LIMIT :limit OFFSET :offset"
            ))?
            .query_map(self.params(&extra).as_slice(), |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<i64>>>()?;
        Ok((total, seqs))
    }

    /// Every match of `fts` (from row id `cutoff` on) that passes the filters, with
    /// its bm25 rank, in one pass: the number of them is the total, so no second
    /// pass counts them.
    fn scored(&self, conn: &Connection, fts: &str, cutoff: Option<i64>) -> Result<Vec<(i64, f64)>> {
        let cutoff = cutoff.unwrap_or(i64::MIN);
        let extra: [(&str, &dyn rusqlite::ToSql); 2] = [(":fts", &fts), (":cutoff", &cutoff)];
        let sql = if self.is_empty() {
            // The search index alone: no article row is read.
            "SELECT rowid, bm25(articles_fts, 4.0, 1.0) FROM articles_fts
             WHERE articles_fts MATCH :fts AND articles_fts.rowid >= :cutoff"
                .to_string()
        } else {
            // CROSS JOIN keeps the search index first: with the outlet's index
            // first, SQLite runs one full-text query per candidate, and bm25
            // recounts the term's matches in each (0.5 s instead of 0.05 s for a
            // common word and an outlet at 370k articles).
            format!(
                "SELECT a.seq, bm25(articles_fts, 4.0, 1.0)
                 FROM articles_fts CROSS JOIN articles a ON a.seq = articles_fts.rowid
                 WHERE articles_fts MATCH :fts AND articles_fts.rowid >= :cutoff AND {}",
                Self::clause(&self.fts_sql)
            )
        };
        Ok(conn
            .prepare_cached(&sql)?
            .query_map(self.params(&extra).as_slice(), |r| {
                Ok((r.get(0)?, r.get(1)?))
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }
}

impl ArticleStore for SqliteStore {
    fn backend(&self) -> &'static str {
        "sqlite"
    }

    fn schema_version(&mut self) -> Result<u32> {
        Ok(self.conn.query_row(
            "SELECT coalesce(max(version), 0) FROM schema_version",
            [],
            |r| r.get(0),
        )?)
    }

    fn commit_batch(&mut self, batch: &Batch<'_>) -> Result<BatchOutcome> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        let mut outcome = BatchOutcome::default();
        {
            let now = model::now();
            let mut insert = tx.prepare_cached(
                "INSERT INTO articles (id, source, url, title, language, published, published_day,
                    origin_file, origin_record, run_id, added_at, doc_format, body, doc)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14)
                 ON CONFLICT (id) DO NOTHING",
            )?;
            let mut entity = tx.prepare_cached(
                "INSERT OR IGNORE INTO article_entities (article_seq, name_key, name, kind, mentions)
                 VALUES (?1, ?2, ?3, ?4, ?5)",
            )?;
            let mut input = tx.prepare_cached(
                "INSERT OR IGNORE INTO inputs (key, article_id, run_id) VALUES (?1, ?2, ?3)",
            )?;
            for item in batch.articles {
                let doc = item.doc;
                let a = &doc.article;
                let (blob, format) = model::doc_blob(doc)?;
                let inserted = insert.execute(params![
                    a.id.0,
                    a.source,
                    a.url,
                    a.title,
                    a.language,
                    a.published.as_ref().map(|p| p.to_string()),
                    a.published.as_ref().map(|p| p.date().to_string()),
                    a.origin.file,
                    a.origin.record.map(to_i64),
                    batch.run,
                    now,
                    format,
                    doc.body,
                    blob,
                ])?;
                if inserted == 1 {
                    let seq = tx.last_insert_rowid();
                    for (key, name, kind, mentions) in model::doc_entities(doc) {
                        entity.execute(params![seq, key, name, kind, mentions])?;
                    }
                    outcome.new.push(a.id.clone());
                } else {
                    outcome.already.push(a.id.clone());
                }
                if let Some(key) = item.input_key {
                    input.execute(params![key, a.id.0, batch.run])?;
                }
            }
            if let Some(run) = batch.run {
                let mut problem = tx.prepare_cached(
                    "INSERT INTO run_problems (run_id, file, record, reason) VALUES (?1, ?2, ?3, ?4)",
                )?;
                for p in batch.problems {
                    problem.execute(params![run, p.file, p.record.map(to_i64), p.reason])?;
                }
                tx.execute(
                    "UPDATE runs SET read = read + ?2, new = new + ?3, already = already + ?4,
                        failed = failed + ?5 WHERE id = ?1",
                    params![
                        run,
                        to_i64(batch.read),
                        outcome.new.len() as i64,
                        outcome.already.len() as i64 + to_i64(batch.skipped),
                        batch.problems.len() as i64
                    ],
                )?;
            }
        }
        tx.commit()?;
        Ok(outcome)
    }

    fn known_inputs(&mut self, keys: &[String]) -> Result<HashMap<String, ArticleId>> {
        let mut found = HashMap::new();
        let mut stmt = self
            .conn
            .prepare_cached("SELECT article_id FROM inputs WHERE key = ?1")?;
        for key in keys {
            let id: Option<String> = stmt.query_row([key], |r| r.get(0)).optional()?;
            if let Some(id) = id {
                found.insert(key.clone(), ArticleId(id));
            }
        }
        Ok(found)
    }

    fn exists(&mut self, id: &ArticleId) -> Result<bool> {
        Ok(self
            .conn
            .prepare_cached("SELECT 1 FROM articles WHERE id = ?1")?
            .exists([&id.0])?)
    }

    fn get(&mut self, id: &ArticleId) -> Result<Option<Doc>> {
        let row: Option<(Vec<u8>, i64, String)> = self
            .conn
            .prepare_cached("SELECT doc, doc_format, body FROM articles WHERE id = ?1")?
            .query_row([&id.0], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        row.map(|(blob, format, body)| model::doc_from_blob(&id.0, &blob, format, body))
            .transpose()
    }

    fn list(&mut self, page: Page) -> Result<Paged<ArticleSummary>> {
        let limit = page.capped_limit();
        let items = self
            .conn
            .prepare_cached(&format!(
                "SELECT {SUMMARY_COLUMNS} FROM articles a ORDER BY a.seq LIMIT ?1 OFFSET ?2"
            ))?
            .query_map(params![limit, page.sql_offset()], summary_from_row)?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Paged {
            items,
            total: self.count()?,
            page: Page {
                offset: page.offset,
                limit,
            },
        })
    }

    fn count(&mut self) -> Result<u64> {
        let n: i64 = self
            .conn
            .query_row("SELECT count(*) FROM articles", [], |r| r.get(0))?;
        Ok(to_u64(n))
    }

    fn search(&mut self, query: &SearchQuery) -> Result<SearchResults> {
        let parsed = ParsedQuery::parse(&query.text)?;
        let page = query.page();
        let limit = page.capped_limit();
        let filters = Filters::new(query);
        let (total, lower_bound, ranked) = if parsed.is_empty() {
            let (total, seqs) = filters.list(&self.conn, limit, page.sql_offset())?;
            let ranked: Vec<(i64, f64)> = seqs.into_iter().map(|seq| (seq, 0.0)).collect();
            (total, false, ranked)
        } else {
            let fts = parsed.to_fts5();
            let needed = page.sql_offset().saturating_add(i64::from(limit));
            // Broad queries are ranked over their newest matches only, in windows
            // that widen until the page is full: bm25 has to score every row it
            // ranks, so ranking all of a common word's matches in a big archive
            // takes seconds.
            let mut window = RANK_WINDOW;
            loop {
                let cutoff = window_start(&self.conn, &fts, window)?;
                let mut scored = filters.scored(&self.conn, &fts, cutoff)?;
                let total = scored.len() as i64;
                if cutoff.is_none() || total >= needed {
                    // Best first (bm25 is lower for better matches), then oldest.
                    scored.sort_by(|a, b| a.1.total_cmp(&b.1).then(a.0.cmp(&b.0)));
                    let ranked: Vec<(i64, f64)> = scored
                        .into_iter()
                        .skip(usize::try_from(page.sql_offset()).unwrap_or(usize::MAX))
                        .take(limit as usize)
                        .collect();
                    break (total, cutoff.is_some(), ranked);
                }
                window = window.saturating_mul(8);
            }
        };
        // Summaries and snippets for the page only.
        let mut hits = Vec::with_capacity(ranked.len());
        let mut row = self.conn.prepare_cached(&format!(
            "SELECT {SUMMARY_COLUMNS}, a.body FROM articles a WHERE a.seq = ?1"
        ))?;
        for (seq, rank) in ranked {
            let found = row
                .query_row([seq], |r| {
                    Ok((summary_from_row(r)?, r.get::<_, String>(9)?))
                })
                .optional()?;
            if let Some((article, body)) = found {
                hits.push(SearchHit {
                    article,
                    // bm25() is lower for better matches.
                    score: -rank,
                    snippet: if parsed.is_empty() {
                        Snippet::lead(&body)
                    } else {
                        parsed.snippet(&body)
                    },
                });
            }
        }
        Ok(SearchResults {
            total: to_u64(total),
            total_is_lower_bound: lower_bound,
            hits,
            page: Page {
                offset: page.offset,
                limit,
            },
        })
    }

    fn list_entities(&mut self, page: Page) -> Result<Paged<EntitySummary>> {
        let limit = page.capped_limit();
        let items = self
            .conn
            .prepare_cached(
                "SELECT min(name), kind, count(*) AS n FROM article_entities
                 GROUP BY name_key, kind ORDER BY n DESC, name_key, kind LIMIT ?1 OFFSET ?2",
            )?
            .query_map(params![limit, page.sql_offset()], |r| {
                Ok(EntitySummary {
                    name: r.get(0)?,
                    kind: r.get(1)?,
                    articles: to_u64(r.get(2)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total: i64 = self.conn.query_row(
            "SELECT count(*) FROM (SELECT 1 FROM article_entities GROUP BY name_key, kind)",
            [],
            |r| r.get(0),
        )?;
        Ok(Paged {
            items,
            total: to_u64(total),
            page: Page {
                offset: page.offset,
                limit,
            },
        })
    }

    fn put_story(&mut self, story: &StoryRecord) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        write_story(&tx, story)?;
        tx.commit()?;
        Ok(())
    }

    fn get_story(&mut self, id: &str) -> Result<Option<StoryRecord>> {
        let row: Option<(String, String, String)> = self
            .conn
            .prepare_cached("SELECT title, dossier, updated_at FROM stories WHERE id = ?1")?
            .query_row([id], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
            .optional()?;
        let Some((title, dossier, updated_at)) = row else {
            return Ok(None);
        };
        let article_ids = self
            .conn
            .prepare_cached(
                "SELECT article_id FROM story_articles WHERE story_id = ?1 ORDER BY article_id",
            )?
            .query_map([id], |r| Ok(ArticleId(r.get(0)?)))?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(Some(StoryRecord {
            id: id.to_string(),
            title,
            article_ids,
            dossier: serde_json::from_str(&dossier)?,
            updated_at,
        }))
    }

    fn delete_story(&mut self, id: &str) -> Result<bool> {
        Ok(self
            .conn
            .execute("DELETE FROM stories WHERE id = ?1", [id])?
            > 0)
    }

    fn list_stories(&mut self, page: Page) -> Result<Paged<StorySummary>> {
        let limit = page.capped_limit();
        let items = self
            .conn
            .prepare_cached(
                "SELECT id, title, articles, origins, open_conflicts, latest, updated_at
                 FROM stories
                 ORDER BY latest IS NULL, latest DESC, articles DESC, id LIMIT ?1 OFFSET ?2",
            )?
            .query_map(params![limit, page.sql_offset()], |r| {
                Ok(StorySummary {
                    id: r.get(0)?,
                    title: r.get(1)?,
                    articles: to_u64(r.get(2)?),
                    origins: to_u64(r.get(3)?),
                    open_conflicts: to_u64(r.get(4)?),
                    latest: r.get(5)?,
                    updated_at: r.get(6)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        let total: i64 = self
            .conn
            .query_row("SELECT count(*) FROM stories", [], |r| r.get(0))?;
        Ok(Paged {
            items,
            total: to_u64(total),
            page: Page {
                offset: page.offset,
                limit,
            },
        })
    }

    fn stories_of(&mut self, article: &ArticleId) -> Result<Vec<String>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT story_id FROM story_articles WHERE article_id = ?1 ORDER BY story_id",
            )?
            .query_map([&article.0], |r| r.get(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn put_state(&mut self, key: &str, value: &[u8]) -> Result<()> {
        self.conn.execute(
            "INSERT INTO index_state (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![key, value, model::now()],
        )?;
        Ok(())
    }

    fn get_state(&mut self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .conn
            .prepare_cached("SELECT value FROM index_state WHERE key = ?1")?
            .query_row([key], |r| r.get(0))
            .optional()?)
    }

    fn stories_pending(&mut self) -> Result<Vec<PendingArticle>> {
        Ok(self
            .conn
            .prepare_cached("SELECT id, published FROM articles WHERE in_stories = 0 ORDER BY seq")?
            .query_map([], |r| {
                Ok(PendingArticle {
                    id: ArticleId(r.get(0)?),
                    published: model::parse_published(r.get(1)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn commit_stories(&mut self, commit: &StoryCommit<'_>) -> Result<()> {
        let tx = self
            .conn
            .transaction_with_behavior(TransactionBehavior::Immediate)?;
        tx.execute(
            "INSERT INTO index_state (key, value, updated_at) VALUES (?1, ?2, ?3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            params![commit.state_key, commit.state, model::now()],
        )?;
        for id in commit.delete {
            tx.execute("DELETE FROM stories WHERE id = ?1", [id])?;
        }
        for story in commit.put {
            write_story(&tx, story)?;
        }
        {
            let mut mark = tx.prepare_cached("UPDATE articles SET in_stories = 1 WHERE id = ?1")?;
            for id in commit.indexed {
                mark.execute([&id.0])?;
            }
        }
        tx.commit()?;
        Ok(())
    }

    fn begin_run(&mut self, paths: &[String]) -> Result<i64> {
        self.conn.execute(
            "INSERT INTO runs (started_at, status, paths) VALUES (?1, ?2, ?3)",
            params![
                model::now(),
                RunStatus::Running.as_str(),
                serde_json::to_string(paths)?
            ],
        )?;
        Ok(self.conn.last_insert_rowid())
    }

    fn finish_run(&mut self, run: i64) -> Result<()> {
        self.conn.execute(
            "UPDATE runs SET status = ?2, finished_at = ?3 WHERE id = ?1",
            params![run, RunStatus::Finished.as_str(), model::now()],
        )?;
        Ok(())
    }

    fn runs(&mut self, limit: u32) -> Result<Vec<RunRecord>> {
        let rows = self
            .conn
            .prepare_cached(
                "SELECT id, started_at, finished_at, status, paths, read, new, already, failed
                 FROM runs ORDER BY id DESC LIMIT ?1",
            )?
            .query_map([limit.min(Page::MAX_LIMIT)], |r| {
                Ok(RunRecord {
                    id: r.get(0)?,
                    started_at: r.get(1)?,
                    finished_at: r.get(2)?,
                    status: RunStatus::parse(&r.get::<_, String>(3)?),
                    paths: serde_json::from_str(&r.get::<_, String>(4)?).unwrap_or_default(),
                    read: to_u64(r.get(5)?),
                    new: to_u64(r.get(6)?),
                    already_stored: to_u64(r.get(7)?),
                    failed: to_u64(r.get(8)?),
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?;
        Ok(rows)
    }

    fn run_problems(&mut self, run: i64) -> Result<Vec<Problem>> {
        Ok(self
            .conn
            .prepare_cached(
                "SELECT file, record, reason FROM run_problems WHERE run_id = ?1 ORDER BY seq",
            )?
            .query_map([run], |r| {
                Ok(Problem {
                    file: r.get(0)?,
                    record: r
                        .get::<_, Option<i64>>(1)?
                        .and_then(|n| u64::try_from(n).ok()),
                    reason: r.get(2)?,
                })
            })?
            .collect::<rusqlite::Result<Vec<_>>>()?)
    }

    fn check(&mut self) -> Result<Vec<String>> {
        let mut problems: Vec<String> = self
            .conn
            .prepare("PRAGMA integrity_check")?
            .query_map([], |r| r.get::<_, String>(0))?
            .collect::<rusqlite::Result<Vec<_>>>()?
            .into_iter()
            .filter(|line| line != "ok")
            .collect();
        // FTS5's own check compares the index with the articles table.
        if let Err(e) = self.conn.execute(
            "INSERT INTO articles_fts(articles_fts, rank) VALUES ('integrity-check', 1)",
            [],
        ) {
            problems.push(format!("search index: {e}"));
        }
        let orphans: i64 = self.conn.query_row(
            "SELECT count(*) FROM inputs i WHERE NOT EXISTS (SELECT 1 FROM articles a WHERE a.id = i.article_id)",
            [],
            |r| r.get(0),
        )?;
        if orphans > 0 {
            problems.push(format!(
                "{orphans} inputs point at articles that are not stored"
            ));
        }
        let strays: i64 = self.conn.query_row(
            "SELECT count(*) FROM story_articles s WHERE NOT EXISTS
             (SELECT 1 FROM articles a WHERE a.id = s.article_id)",
            [],
            |r| r.get(0),
        )?;
        if strays > 0 {
            problems.push(format!("{strays} story members are not stored articles"));
        }
        let bad_docs: i64 = self.conn.query_row(
            "SELECT count(*) FROM articles WHERE typeof(doc) != 'blob' OR length(doc) = 0",
            [],
            |r| r.get(0),
        )?;
        if bad_docs > 0 {
            problems.push(format!("{bad_docs} articles hold an unreadable analysis"));
        }
        Ok(problems)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_core::{Article, Origin, Published};

    fn doc(n: usize, source: &str, day: &str, text: &str) -> Doc {
        let mut article = Article::new(
            Origin {
                file: format!("wire/{n}.txt"),
                record: None,
            },
            text.to_string(),
        );
        article.source = source.to_string();
        article.published = day.parse().ok().map(Published::Date);
        Doc::unanalysed(article)
    }

    #[test]
    fn broad_query_ranks_newest_matches_and_widens_for_filters() {
        let mut store = SqliteStore::in_memory().unwrap();
        // One old article from a rare outlet, then more than a ranking window of
        // newer ones holding the same word.
        let mut docs = vec![doc(0, "rare.example", "2001-01-01", "harbour crane report")];
        for n in 1..=(RANK_WINDOW as usize + 500) {
            docs.push(doc(n, "wire.example", "2020-01-01", "harbour pilot report"));
        }
        for chunk in docs.chunks(2000) {
            store.put_docs(chunk).unwrap();
        }
        let broad = store.search(&SearchQuery::text("harbour")).unwrap();
        assert!(broad.total_is_lower_bound);
        assert_eq!(broad.total, RANK_WINDOW as u64);
        assert_eq!(broad.hits.len(), 20);
        // The only match from that outlet is older than the first window: the
        // window widens until it is found, and then the count is exact.
        let filtered = store
            .search(&SearchQuery {
                source: Some("rare.example".into()),
                ..SearchQuery::text("harbour")
            })
            .unwrap();
        assert_eq!(filtered.total, 1);
        assert!(!filtered.total_is_lower_bound);
        assert_eq!(filtered.hits[0].article.id, docs[0].article.id);
        // Fewer matches than a window: exact, as before.
        let narrow = store.search(&SearchQuery::text("crane")).unwrap();
        assert_eq!((narrow.total, narrow.total_is_lower_bound), (1, false));
    }

    #[test]
    fn version_2_store_with_text_stored_upgrades_and_reads_back() {
        let path =
            std::env::temp_dir().join(format!("crosscheck-store-v2-{}.sqlite", std::process::id()));
        let _ = std::fs::remove_file(&path);
        let original = doc(
            1,
            "old.example",
            "2024-03-01",
            "The quay reopened on Monday.",
        );
        {
            // A store as version 2 wrote it: the article's text inside the blob
            // (format 1).
            let conn = Connection::open(&path).unwrap();
            conn.execute_batch(
                "CREATE TABLE schema_version (version INTEGER PRIMARY KEY, applied_at TEXT NOT NULL)",
            )
            .unwrap();
            for (i, sql) in MIGRATIONS.iter().take(2).enumerate() {
                conn.execute_batch(sql).unwrap();
                conn.execute(
                    "INSERT INTO schema_version VALUES (?1, 'then')",
                    [i as i64 + 1],
                )
                .unwrap();
            }
            let mut slim = original.clone();
            slim.body = String::new();
            let json = serde_json::to_vec(&slim).unwrap();
            let mut blob = Vec::new();
            std::io::Write::write_all(
                &mut flate2::write::DeflateEncoder::new(&mut blob, flate2::Compression::fast()),
                &json,
            )
            .unwrap();
            conn.execute(
                "INSERT INTO articles (id, source, published_day, origin_file, added_at,
                    doc_format, body, doc)
                 VALUES (?1, 'old.example', '2024-03-01', 'wire/1.txt', 'then', 1, ?2, ?3)",
                params![original.article.id.0, original.body, blob],
            )
            .unwrap();
        }
        let mut store = SqliteStore::open(&path).unwrap();
        assert_eq!(store.schema_version().unwrap(), SCHEMA_VERSION);
        assert_eq!(
            store.get(&original.article.id).unwrap(),
            Some(original.clone())
        );
        // New rows leave the text out when it is the body, and read back the same.
        let fresh = doc(2, "new.example", "2024-03-02", "The quay closed again.");
        store.put_docs(std::slice::from_ref(&fresh)).unwrap();
        let format: i64 = store
            .connection()
            .query_row(
                "SELECT doc_format FROM articles WHERE id = ?1",
                [&fresh.article.id.0],
                |r| r.get(0),
            )
            .unwrap();
        assert_eq!(format, 2);
        assert_eq!(store.get(&fresh.article.id).unwrap(), Some(fresh));
        // An outlet's listing comes from the new index.
        let plan: String = store
            .connection()
            .query_row(
                "EXPLAIN QUERY PLAN SELECT a.seq FROM articles a WHERE a.source = 'x'
                 ORDER BY a.published_day DESC, a.seq DESC",
                [],
                |r| r.get(3),
            )
            .unwrap();
        assert!(plan.contains("articles_source_day"), "{plan}");
        drop(store);
        let _ = std::fs::remove_file(&path);
    }
}
