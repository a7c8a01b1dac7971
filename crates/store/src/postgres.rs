//! The shared store: PostgreSQL, with a `tsvector` column and a GIN index for search.

use std::collections::{HashMap, HashSet};

use crosscheck_core::{ArticleId, Doc};
use postgres::{Client, NoTls, Row};

use crate::model::{
    self, ArticleSummary, Batch, BatchOutcome, EntitySummary, Page, Paged, PendingArticle, Problem,
    RunRecord, RunStatus, SearchHit, SearchQuery, SearchResults, Snippet, StoryCommit, StoryRecord,
    StorySummary,
};
use crate::query::{ParsedQuery, fold};
use crate::{ArticleStore, Result, SCHEMA_VERSION, StoreError};

/// Migrations, one per schema version, as for SQLite (same tables, same meaning).
const MIGRATIONS: &[&str] = &[
    // 1: articles with their analysis and search index, entities, inputs, runs,
    // stories and index state.
    "
    CREATE TABLE articles (
        seq BIGSERIAL PRIMARY KEY,
        id TEXT NOT NULL UNIQUE,
        source TEXT NOT NULL,
        url TEXT,
        title TEXT,
        language TEXT,
        published TEXT,
        published_day TEXT,
        origin_file TEXT NOT NULL,
        origin_record BIGINT,
        run_id BIGINT,
        added_at TEXT NOT NULL,
        doc_format INTEGER NOT NULL,
        body TEXT NOT NULL,
        doc BYTEA NOT NULL,
        -- 'simple': no stemming and no stop words, like SQLite's unicode61, so
        -- both backends find the same articles for the same query.
        tsv tsvector GENERATED ALWAYS AS (
            setweight(to_tsvector('simple', coalesce(title, '')), 'A')
            || setweight(to_tsvector('simple', body), 'B')
        ) STORED
    );
    CREATE INDEX articles_source ON articles(source);
    CREATE INDEX articles_language ON articles(language);
    CREATE INDEX articles_day ON articles(published_day);
    CREATE INDEX articles_tsv ON articles USING GIN (tsv);
    CREATE TABLE article_entities (
        article_seq BIGINT NOT NULL REFERENCES articles(seq) ON DELETE CASCADE,
        name_key TEXT NOT NULL,
        name TEXT NOT NULL,
        kind TEXT NOT NULL,
        mentions BIGINT NOT NULL,
        PRIMARY KEY (article_seq, name_key, kind)
    );
    CREATE INDEX article_entities_name ON article_entities(name_key);
    CREATE TABLE inputs (
        key TEXT PRIMARY KEY,
        article_id TEXT NOT NULL,
        run_id BIGINT
    );
    CREATE TABLE runs (
        id BIGSERIAL PRIMARY KEY,
        started_at TEXT NOT NULL,
        finished_at TEXT,
        status TEXT NOT NULL,
        paths TEXT NOT NULL,
        read BIGINT NOT NULL DEFAULT 0,
        new BIGINT NOT NULL DEFAULT 0,
        already BIGINT NOT NULL DEFAULT 0,
        failed BIGINT NOT NULL DEFAULT 0
    );
    CREATE TABLE run_problems (
        seq BIGSERIAL PRIMARY KEY,
        run_id BIGINT NOT NULL,
        file TEXT NOT NULL,
        record BIGINT,
        reason TEXT NOT NULL
    );
    CREATE INDEX run_problems_run ON run_problems(run_id);
    CREATE TABLE stories (
        id TEXT PRIMARY KEY,
        title TEXT NOT NULL,
        articles BIGINT NOT NULL,
        dossier TEXT NOT NULL,
        updated_at TEXT NOT NULL
    );
    CREATE INDEX stories_listing ON stories(updated_at DESC, articles DESC);
    CREATE TABLE story_articles (
        story_id TEXT NOT NULL REFERENCES stories(id) ON DELETE CASCADE,
        article_id TEXT NOT NULL,
        PRIMARY KEY (story_id, article_id)
    );
    CREATE INDEX story_articles_article ON story_articles(article_id);
    CREATE TABLE index_state (
        key TEXT PRIMARY KEY,
        value BYTEA NOT NULL,
        updated_at TEXT NOT NULL
    );
    ",
    // 2: which articles the story index holds, what story lists show (as for
    // SQLite), and search that ignores accents: the search vector is now made from
    // text folded in Rust (`fold`), as SQLite's tokenizer folds it, so both
    // backends find "Erdoğan" for "Erdogan". (The `unaccent` extension would need
    // rights to create extensions, and is not immutable, so it cannot feed a
    // generated column.) Existing rows are re-indexed by `PostgresStore::migrate`.
    "
    ALTER TABLE articles ADD COLUMN in_stories BOOLEAN NOT NULL DEFAULT false;
    CREATE INDEX articles_stories_pending ON articles(seq) WHERE NOT in_stories;
    ALTER TABLE stories ADD COLUMN origins BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN open_conflicts BIGINT NOT NULL DEFAULT 0;
    ALTER TABLE stories ADD COLUMN latest TEXT;
    DROP INDEX stories_listing;
    CREATE INDEX stories_listing ON stories(latest DESC NULLS LAST, articles DESC);
    ALTER TABLE articles ALTER COLUMN tsv DROP EXPRESSION;
    ",
    // 3: as for SQLite, an outlet's articles newest first straight from an index.
    "
    CREATE INDEX articles_source_day ON articles(source, published_day DESC NULLS LAST, seq DESC);
    DROP INDEX articles_source;
    ",
];

/// The search vector of an article, from its folded title and body (`$a`, `$b`).
fn tsv_sql(a: usize, b: usize) -> String {
    format!(
        "setweight(to_tsvector('simple', ${a}), 'A') || setweight(to_tsvector('simple', ${b}), 'B')"
    )
}

/// Key of the advisory lock that serialises migrations between processes.
const MIGRATION_LOCK: i64 = 0x6372_6f73_7363_6b31;

const SUMMARY_COLUMNS: &str = "a.id, a.source, a.url, a.title, a.language, a.published, a.origin_file, a.origin_record, a.added_at";

/// A store in a PostgreSQL database.
pub struct PostgresStore {
    client: Client,
    url: String,
}

impl PostgresStore {
    /// Connects to `url` (`postgres://user:password@host:port/database`) and
    /// migrates the schema in the connection's default search path.
    pub fn open(url: &str) -> Result<Self> {
        Self::open_in_schema(url, None)
    }

    /// Connects and keeps the store in its own PostgreSQL schema (created if
    /// missing), so several archives (or test runs) can share one database.
    pub fn open_in_schema(url: &str, schema: Option<&str>) -> Result<Self> {
        let mut client = Client::connect(url, NoTls)?;
        if let Some(schema) = schema {
            let quoted = format!("\"{}\"", schema.replace('"', "\"\""));
            client.batch_execute(&format!(
                "CREATE SCHEMA IF NOT EXISTS {quoted}; SET search_path TO {quoted}"
            ))?;
        }
        let mut store = PostgresStore {
            client,
            url: model::redact(url),
        };
        store.migrate()?;
        Ok(store)
    }

    /// The underlying client, for maintenance and tests.
    pub fn client(&mut self) -> &mut Client {
        &mut self.client
    }

    fn migrate(&mut self) -> Result<()> {
        let mut tx = self.client.transaction()?;
        // Two processes opening a new database must not both create the tables.
        tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])?;
        tx.batch_execute(
            "CREATE TABLE IF NOT EXISTS schema_version (
                version INTEGER PRIMARY KEY,
                applied_at TEXT NOT NULL
            )",
        )?;
        let found: i32 = tx
            .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])?
            .get(0);
        let found = u32::try_from(found).unwrap_or(0);
        if found > SCHEMA_VERSION {
            return Err(StoreError::SchemaTooNew {
                store: self.url.clone(),
                found,
                supported: SCHEMA_VERSION,
            });
        }
        for (index, sql) in MIGRATIONS.iter().enumerate().skip(found as usize) {
            tx.batch_execute(sql)?;
            if index + 1 == 2 {
                refold_search_vectors(&mut tx)?;
            }
            tx.execute(
                "INSERT INTO schema_version (version, applied_at) VALUES ($1, $2)",
                &[&(index as i32 + 1), &model::now()],
            )?;
        }
        tx.commit()?;
        Ok(())
    }
}

/// Rebuilds every article's search vector from folded text (schema 2).
fn refold_search_vectors(tx: &mut postgres::Transaction<'_>) -> Result<()> {
    let update = tx.prepare(&format!(
        "UPDATE articles SET tsv = {} WHERE seq = $1",
        tsv_sql(2, 3)
    ))?;
    let mut after = 0i64;
    loop {
        // In slices, so a large archive is never all in memory.
        let rows = tx.query(
            "SELECT seq, coalesce(title, ''), body FROM articles WHERE seq > $1 ORDER BY seq LIMIT 1000",
            &[&after],
        )?;
        let Some(last) = rows.last() else { break };
        after = last.get(0);
        for row in &rows {
            let seq: i64 = row.get(0);
            let title = fold(row.get(1));
            let body = fold(row.get(2));
            tx.execute(&update, &[&seq, &title, &body])?;
        }
    }
    Ok(())
}

fn summary_from_row(row: &Row) -> ArticleSummary {
    ArticleSummary {
        id: ArticleId(row.get(0)),
        source: row.get(1),
        url: row.get(2),
        title: row.get(3),
        language: row.get(4),
        published: model::parse_published(row.get(5)),
        file: row.get(6),
        record: row
            .get::<_, Option<i64>>(7)
            .and_then(|r| u64::try_from(r).ok()),
        added_at: row.get(8),
    }
}

/// Stores a story inside the caller's transaction, replacing any with its id; the
/// listing columns come from its dossier and its articles.
fn write_story(tx: &mut postgres::Transaction<'_>, story: &StoryRecord) -> Result<()> {
    tx.execute("DELETE FROM stories WHERE id = $1", &[&story.id])?;
    let ids: HashSet<&ArticleId> = story.article_ids.iter().collect();
    let (origins, open_conflicts) = model::story_counts(&story.dossier);
    tx.execute(
        "INSERT INTO stories (id, title, articles, origins, open_conflicts, dossier, updated_at)
         VALUES ($1, $2, $3, $4, $5, $6, $7)",
        &[
            &story.id,
            &story.title,
            &(ids.len() as i64),
            &origins,
            &open_conflicts,
            &serde_json::to_string(&story.dossier)?,
            &model::now(),
        ],
    )?;
    let members: Vec<&str> = story.article_ids.iter().map(|id| id.0.as_str()).collect();
    tx.execute(
        "INSERT INTO story_articles (story_id, article_id)
         SELECT $1, m FROM unnest($2::text[]) m ON CONFLICT DO NOTHING",
        &[&story.id, &members],
    )?;
    tx.execute(
        "UPDATE stories SET latest = (SELECT max(a.published_day) FROM story_articles s
             JOIN articles a ON a.id = s.article_id WHERE s.story_id = $1)
         WHERE id = $1",
        &[&story.id],
    )?;
    Ok(())
}

fn to_i64(n: u64) -> i64 {
    i64::try_from(n).unwrap_or(i64::MAX)
}

fn to_u64(n: i64) -> u64 {
    u64::try_from(n).unwrap_or(0)
}

impl ArticleStore for PostgresStore {
    fn backend(&self) -> &'static str {
        "postgres"
    }

    fn schema_version(&mut self) -> Result<u32> {
        let v: i32 = self
            .client
            .query_one("SELECT coalesce(max(version), 0) FROM schema_version", &[])?
            .get(0);
        Ok(u32::try_from(v).unwrap_or(0))
    }

    fn commit_batch(&mut self, batch: &Batch<'_>) -> Result<BatchOutcome> {
        let mut tx = self.client.transaction()?;
        let mut outcome = BatchOutcome::default();
        let now = model::now();
        let insert = tx.prepare(&format!(
            "INSERT INTO articles (id, source, url, title, language, published, published_day,
                    origin_file, origin_record, run_id, added_at, doc_format, body, doc, tsv)
                 VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10, $11, $12, $13, $14, {})
                 ON CONFLICT (id) DO NOTHING RETURNING seq",
            tsv_sql(15, 16)
        ))?;
        let entity = tx.prepare(
            "INSERT INTO article_entities (article_seq, name_key, name, kind, mentions)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
        )?;
        let input = tx.prepare(
            "INSERT INTO inputs (key, article_id, run_id) VALUES ($1, $2, $3) ON CONFLICT DO NOTHING",
        )?;
        for item in batch.articles {
            let doc = item.doc;
            let a = &doc.article;
            let (blob, format) = model::doc_blob(doc)?;
            let folded_title = fold(a.title.as_deref().unwrap_or(""));
            let folded_body = fold(&doc.body);
            let rows = tx.query(
                &insert,
                &[
                    &a.id.0,
                    &a.source,
                    &a.url,
                    &a.title,
                    &a.language,
                    &a.published.as_ref().map(|p| p.to_string()),
                    &a.published.as_ref().map(|p| p.date().to_string()),
                    &a.origin.file,
                    &a.origin.record.map(to_i64),
                    &batch.run,
                    &now,
                    &(format as i32),
                    &doc.body,
                    &blob,
                    &folded_title,
                    &folded_body,
                ],
            )?;
            if let Some(row) = rows.first() {
                let seq: i64 = row.get(0);
                for (key, name, kind, mentions) in model::doc_entities(doc) {
                    tx.execute(&entity, &[&seq, &key, &name, &kind, &mentions])?;
                }
                outcome.new.push(a.id.clone());
            } else {
                outcome.already.push(a.id.clone());
            }
            if let Some(key) = item.input_key {
                tx.execute(&input, &[&key, &a.id.0, &batch.run])?;
            }
        }
        if let Some(run) = batch.run {
            for p in batch.problems {
                tx.execute(
                    "INSERT INTO run_problems (run_id, file, record, reason) VALUES ($1, $2, $3, $4)",
                    &[&run, &p.file, &p.record.map(to_i64), &p.reason],
                )?;
            }
            tx.execute(
                "UPDATE runs SET read = read + $2, new = new + $3, already = already + $4,
                    failed = failed + $5 WHERE id = $1",
                &[
                    &run,
                    &to_i64(batch.read),
                    &(outcome.new.len() as i64),
                    &(outcome.already.len() as i64 + to_i64(batch.skipped)),
                    &(batch.problems.len() as i64),
                ],
            )?;
        }
        tx.commit()?;
        Ok(outcome)
    }

    fn known_inputs(&mut self, keys: &[String]) -> Result<HashMap<String, ArticleId>> {
        let rows = self.client.query(
            "SELECT key, article_id FROM inputs WHERE key = ANY($1)",
            &[&keys],
        )?;
        Ok(rows
            .iter()
            .map(|r| (r.get(0), ArticleId(r.get(1))))
            .collect())
    }

    fn exists(&mut self, id: &ArticleId) -> Result<bool> {
        Ok(!self
            .client
            .query("SELECT 1 FROM articles WHERE id = $1", &[&id.0])?
            .is_empty())
    }

    fn get(&mut self, id: &ArticleId) -> Result<Option<Doc>> {
        let row = self.client.query_opt(
            "SELECT doc, doc_format, body FROM articles WHERE id = $1",
            &[&id.0],
        )?;
        row.map(|r| {
            let format: i32 = r.get(1);
            model::doc_from_blob(&id.0, r.get(0), i64::from(format), r.get(2))
        })
        .transpose()
    }

    fn list(&mut self, page: Page) -> Result<Paged<ArticleSummary>> {
        let limit = page.capped_limit();
        let rows = self.client.query(
            &format!("SELECT {SUMMARY_COLUMNS} FROM articles a ORDER BY a.seq LIMIT $1 OFFSET $2"),
            &[&i64::from(limit), &page.sql_offset()],
        )?;
        Ok(Paged {
            items: rows.iter().map(summary_from_row).collect(),
            total: self.count()?,
            page: Page {
                offset: page.offset,
                limit,
            },
        })
    }

    fn count(&mut self) -> Result<u64> {
        let n: i64 = self
            .client
            .query_one("SELECT count(*) FROM articles", &[])?
            .get(0);
        Ok(to_u64(n))
    }

    fn search(&mut self, query: &SearchQuery) -> Result<SearchResults> {
        let parsed = ParsedQuery::parse(&query.text)?;
        let page = query.page();
        let limit = page.capped_limit();
        let from = query.from.map(|d| d.to_string());
        let to = query.to.map(|d| d.to_string());
        let entity = query.entity_key();
        let filters = "($1::text IS NULL OR a.source = $1)
            AND ($2::text IS NULL OR a.language = $2)
            AND ($3::text IS NULL OR a.published_day >= $3)
            AND ($4::text IS NULL OR a.published_day <= $4)
            AND ($5::text IS NULL OR EXISTS (SELECT 1 FROM article_entities e
                 WHERE e.article_seq = a.seq AND e.name_key = $5))";
        let (tsquery, values) = parsed.to_tsquery_sql(8);
        let limit_param = i64::from(limit);
        let offset_param = page.sql_offset();
        let mut params: Vec<&(dyn postgres::types::ToSql + Sync)> = vec![
            &query.source,
            &query.language,
            &from,
            &to,
            &entity,
            &limit_param,
            &offset_param,
        ];
        let (total, hits) = if parsed.is_empty() {
            let total: i64 = self
                .client
                .query_one(
                    &format!("SELECT count(*) FROM articles a WHERE {filters}"),
                    params.get(..5).unwrap_or(&[]),
                )?
                .get(0);
            let rows = self.client.query(
                &format!(
                    "SELECT {SUMMARY_COLUMNS}, a.body FROM articles a WHERE {filters}
                     ORDER BY a.published_day DESC NULLS LAST, a.seq DESC LIMIT $6 OFFSET $7"
                ),
                &params,
            )?;
            let hits = rows
                .iter()
                .map(|r| SearchHit {
                    article: summary_from_row(r),
                    score: 0.0,
                    snippet: Snippet::lead(r.get(9)),
                })
                .collect();
            (total, hits)
        } else {
            for v in &values {
                params.push(v);
            }
            let total: i64 = self
                .client
                .query_one(
                    &format!(
                        "SELECT count(*) FROM articles a WHERE a.tsv @@ ({tsquery}) AND {filters}
                         AND $6::bigint IS NOT NULL AND $7::bigint IS NOT NULL"
                    ),
                    &params,
                )?
                .get(0);
            // Snippets are made here rather than by ts_headline, which would see the
            // accented body and miss words the folded index matched.
            let rows = self.client.query(
                &format!(
                    "SELECT {}, p.score, a.body
                     FROM (SELECT a.seq, ts_rank_cd(a.tsv, q.q) AS score
                           FROM articles a, (SELECT ({tsquery}) AS q) q
                           WHERE a.tsv @@ q.q AND {filters}
                           ORDER BY score DESC, a.seq LIMIT $6 OFFSET $7) p
                     JOIN articles a ON a.seq = p.seq
                     ORDER BY p.score DESC, a.seq",
                    SUMMARY_COLUMNS
                ),
                &params,
            )?;
            let hits = rows
                .iter()
                .map(|r| SearchHit {
                    article: summary_from_row(r),
                    score: f64::from(r.get::<_, f32>(9)),
                    snippet: parsed.snippet(r.get(10)),
                })
                .collect();
            (total, hits)
        };
        Ok(SearchResults {
            total_is_lower_bound: false,
            total: to_u64(total),
            hits,
            page: Page {
                offset: page.offset,
                limit,
            },
        })
    }

    fn list_entities(&mut self, page: Page) -> Result<Paged<EntitySummary>> {
        let limit = page.capped_limit();
        let rows = self.client.query(
            "SELECT min(name), kind, count(*) AS n FROM article_entities
             GROUP BY name_key, kind ORDER BY n DESC, name_key, kind LIMIT $1 OFFSET $2",
            &[&i64::from(limit), &page.sql_offset()],
        )?;
        let total: i64 = self
            .client
            .query_one(
                "SELECT count(*) FROM (SELECT 1 FROM article_entities GROUP BY name_key, kind) e",
                &[],
            )?
            .get(0);
        Ok(Paged {
            items: rows
                .iter()
                .map(|r| EntitySummary {
                    name: r.get(0),
                    kind: r.get(1),
                    articles: to_u64(r.get(2)),
                })
                .collect(),
            total: to_u64(total),
            page: Page {
                offset: page.offset,
                limit,
            },
        })
    }

    fn put_story(&mut self, story: &StoryRecord) -> Result<()> {
        let mut tx = self.client.transaction()?;
        write_story(&mut tx, story)?;
        tx.commit()?;
        Ok(())
    }

    fn get_story(&mut self, id: &str) -> Result<Option<StoryRecord>> {
        let Some(row) = self.client.query_opt(
            "SELECT title, dossier, updated_at FROM stories WHERE id = $1",
            &[&id],
        )?
        else {
            return Ok(None);
        };
        let article_ids = self
            .client
            .query(
                "SELECT article_id FROM story_articles WHERE story_id = $1 ORDER BY article_id",
                &[&id],
            )?
            .iter()
            .map(|r| ArticleId(r.get(0)))
            .collect();
        Ok(Some(StoryRecord {
            id: id.to_string(),
            title: row.get(0),
            article_ids,
            dossier: serde_json::from_str(row.get(1))?,
            updated_at: row.get(2),
        }))
    }

    fn delete_story(&mut self, id: &str) -> Result<bool> {
        Ok(self
            .client
            .execute("DELETE FROM stories WHERE id = $1", &[&id])?
            > 0)
    }

    fn list_stories(&mut self, page: Page) -> Result<Paged<StorySummary>> {
        let limit = page.capped_limit();
        let rows = self.client.query(
            "SELECT id, title, articles, origins, open_conflicts, latest, updated_at FROM stories
             ORDER BY latest DESC NULLS LAST, articles DESC, id LIMIT $1 OFFSET $2",
            &[&i64::from(limit), &page.sql_offset()],
        )?;
        let total: i64 = self
            .client
            .query_one("SELECT count(*) FROM stories", &[])?
            .get(0);
        Ok(Paged {
            items: rows
                .iter()
                .map(|r| StorySummary {
                    id: r.get(0),
                    title: r.get(1),
                    articles: to_u64(r.get(2)),
                    origins: to_u64(r.get(3)),
                    open_conflicts: to_u64(r.get(4)),
                    latest: r.get(5),
                    updated_at: r.get(6),
                })
                .collect(),
            total: to_u64(total),
            page: Page {
                offset: page.offset,
                limit,
            },
        })
    }

    fn stories_of(&mut self, article: &ArticleId) -> Result<Vec<String>> {
        Ok(self
            .client
            .query(
                "SELECT story_id FROM story_articles WHERE article_id = $1 ORDER BY story_id",
                &[&article.0],
            )?
            .iter()
            .map(|r| r.get(0))
            .collect())
    }

    fn put_state(&mut self, key: &str, value: &[u8]) -> Result<()> {
        self.client.execute(
            "INSERT INTO index_state (key, value, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            &[&key, &value, &model::now()],
        )?;
        Ok(())
    }

    fn get_state(&mut self, key: &str) -> Result<Option<Vec<u8>>> {
        Ok(self
            .client
            .query_opt("SELECT value FROM index_state WHERE key = $1", &[&key])?
            .map(|r| r.get(0)))
    }

    fn stories_pending(&mut self) -> Result<Vec<PendingArticle>> {
        Ok(self
            .client
            .query(
                "SELECT id, published FROM articles WHERE NOT in_stories ORDER BY seq",
                &[],
            )?
            .iter()
            .map(|r| PendingArticle {
                id: ArticleId(r.get(0)),
                published: model::parse_published(r.get(1)),
            })
            .collect())
    }

    fn commit_stories(&mut self, commit: &StoryCommit<'_>) -> Result<()> {
        let mut tx = self.client.transaction()?;
        tx.execute(
            "INSERT INTO index_state (key, value, updated_at) VALUES ($1, $2, $3)
             ON CONFLICT (key) DO UPDATE SET value = excluded.value, updated_at = excluded.updated_at",
            &[&commit.state_key, &commit.state, &model::now()],
        )?;
        for id in commit.delete {
            tx.execute("DELETE FROM stories WHERE id = $1", &[id])?;
        }
        for story in commit.put {
            write_story(&mut tx, story)?;
        }
        let ids: Vec<&str> = commit.indexed.iter().map(|id| id.0.as_str()).collect();
        tx.execute(
            "UPDATE articles SET in_stories = true WHERE id = ANY($1)",
            &[&ids],
        )?;
        tx.commit()?;
        Ok(())
    }

    fn begin_run(&mut self, paths: &[String]) -> Result<i64> {
        Ok(self
            .client
            .query_one(
                "INSERT INTO runs (started_at, status, paths) VALUES ($1, $2, $3) RETURNING id",
                &[
                    &model::now(),
                    &RunStatus::Running.as_str(),
                    &serde_json::to_string(paths)?,
                ],
            )?
            .get(0))
    }

    fn finish_run(&mut self, run: i64) -> Result<()> {
        self.client.execute(
            "UPDATE runs SET status = $2, finished_at = $3 WHERE id = $1",
            &[&run, &RunStatus::Finished.as_str(), &model::now()],
        )?;
        Ok(())
    }

    fn runs(&mut self, limit: u32) -> Result<Vec<RunRecord>> {
        let rows = self.client.query(
            "SELECT id, started_at, finished_at, status, paths, read, new, already, failed
             FROM runs ORDER BY id DESC LIMIT $1",
            &[&i64::from(limit.min(Page::MAX_LIMIT))],
        )?;
        Ok(rows
            .iter()
            .map(|r| RunRecord {
                id: r.get(0),
                started_at: r.get(1),
                finished_at: r.get(2),
                status: RunStatus::parse(r.get(3)),
                paths: serde_json::from_str(r.get(4)).unwrap_or_default(),
                read: to_u64(r.get(5)),
                new: to_u64(r.get(6)),
                already_stored: to_u64(r.get(7)),
                failed: to_u64(r.get(8)),
            })
            .collect())
    }

    fn run_problems(&mut self, run: i64) -> Result<Vec<Problem>> {
        Ok(self
            .client
            .query(
                "SELECT file, record, reason FROM run_problems WHERE run_id = $1 ORDER BY seq",
                &[&run],
            )?
            .iter()
            .map(|r| Problem {
                file: r.get(0),
                record: r
                    .get::<_, Option<i64>>(1)
                    .and_then(|n| u64::try_from(n).ok()),
                reason: r.get(2),
            })
            .collect())
    }

    fn check(&mut self) -> Result<Vec<String>> {
        let mut problems = Vec::new();
        let orphans: i64 = self
            .client
            .query_one(
                "SELECT count(*) FROM inputs i WHERE NOT EXISTS
                 (SELECT 1 FROM articles a WHERE a.id = i.article_id)",
                &[],
            )?
            .get(0);
        if orphans > 0 {
            problems.push(format!(
                "{orphans} inputs point at articles that are not stored"
            ));
        }
        let strays: i64 = self
            .client
            .query_one(
                "SELECT count(*) FROM story_articles s WHERE NOT EXISTS
                 (SELECT 1 FROM articles a WHERE a.id = s.article_id)",
                &[],
            )?
            .get(0);
        if strays > 0 {
            problems.push(format!("{strays} story members are not stored articles"));
        }
        let bad_docs: i64 = self
            .client
            .query_one(
                "SELECT count(*) FROM articles WHERE octet_length(doc) = 0",
                &[],
            )?
            .get(0);
        if bad_docs > 0 {
            problems.push(format!("{bad_docs} articles hold an unreadable analysis"));
        }
        Ok(problems)
    }
}
