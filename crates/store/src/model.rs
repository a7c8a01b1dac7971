//! The values that go in and out of a store.

use crosscheck_core::{ArticleId, Doc, Published};
use serde::{Deserialize, Serialize};

/// A window over a listing: `limit` items after skipping `offset`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Page {
    /// Items to skip.
    pub offset: u64,
    /// Items to return, at most [`Page::MAX_LIMIT`].
    pub limit: u32,
}

impl Page {
    /// The most items one page returns, whatever is asked.
    pub const MAX_LIMIT: u32 = 1000;

    /// The first `limit` items.
    pub fn first(limit: u32) -> Self {
        Page { offset: 0, limit }
    }

    /// The limit, capped at [`Page::MAX_LIMIT`].
    pub fn capped_limit(&self) -> u32 {
        self.limit.min(Self::MAX_LIMIT)
    }

    /// The offset as SQL wants it (both backends take a signed 64-bit integer).
    pub(crate) fn sql_offset(&self) -> i64 {
        i64::try_from(self.offset).unwrap_or(i64::MAX)
    }
}

impl Default for Page {
    fn default() -> Self {
        Page::first(50)
    }
}

/// One page of a listing.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Paged<T> {
    /// The items.
    pub items: Vec<T>,
    /// How many items the whole listing has.
    pub total: u64,
    /// The page asked for (with the limit capped).
    pub page: Page,
}

/// What a listing or search shows of an article, without its analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ArticleSummary {
    /// The article id.
    pub id: ArticleId,
    /// The outlet.
    pub source: String,
    /// The URL, when known.
    pub url: Option<String>,
    /// The headline, when known.
    pub title: Option<String>,
    /// ISO 639-1 language, when detected.
    pub language: Option<String>,
    /// Publication date or instant, when known.
    pub published: Option<Published>,
    /// The file it was read from.
    pub file: String,
    /// The record inside the file, for many-article files.
    pub record: Option<u64>,
    /// When it was stored (RFC 3339, UTC).
    pub added_at: String,
}

/// A named entity as the archive knows it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntitySummary {
    /// The name as first written (matching ignores case and spacing).
    pub name: String,
    /// `PER`, `ORG`, `LOC` or `MISC`.
    pub kind: String,
    /// Articles that name it.
    pub articles: u64,
}

/// One article of a [`Batch`].
#[derive(Debug, Clone, Copy)]
pub struct BatchArticle<'a> {
    /// The analysed article.
    pub doc: &'a Doc,
    /// The key of the input it came from ([`crate::input_key`]), remembered so a
    /// later run skips that input without analysing it again.
    pub input_key: Option<&'a str>,
}

/// What one transaction writes: see [`crate::ArticleStore::commit_batch`].
#[derive(Debug, Clone, Copy)]
pub struct Batch<'a> {
    /// The run it belongs to, whose counters it adds to.
    pub run: Option<i64>,
    /// Inputs read for this batch (articles, skipped inputs and problems).
    pub read: u64,
    /// Articles to store.
    pub articles: &'a [BatchArticle<'a>],
    /// Inputs skipped because their key was already stored (counted as already stored).
    pub skipped: u64,
    /// Inputs that could not be read or analysed.
    pub problems: &'a [Problem],
}

/// Which articles of a batch were new.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct BatchOutcome {
    /// Stored by this batch.
    pub new: Vec<ArticleId>,
    /// Already stored before (or earlier in the same batch).
    pub already: Vec<ArticleId>,
}

/// An input that was skipped: the file, the record in it, the reason.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Problem {
    /// The file.
    pub file: String,
    /// The record inside it, when the problem is with one record.
    pub record: Option<u64>,
    /// What went wrong.
    pub reason: String,
}

impl std::fmt::Display for Problem {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        match self.record {
            Some(record) => write!(f, "{} record {}: {}", self.file, record, self.reason),
            None => write!(f, "{}: {}", self.file, self.reason),
        }
    }
}

/// A story as stored: what the story index decided, with its dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryRecord {
    /// Stable story id, chosen by the story index.
    pub id: String,
    /// A title for lists.
    pub title: String,
    /// The story's articles.
    pub article_ids: Vec<ArticleId>,
    /// The story's dossier (a `DossierStory` or whole `Dossier`, as JSON), stored
    /// as given so the stories crate can grow it without a migration here.
    pub dossier: serde_json::Value,
    /// When it was last stored (RFC 3339, UTC); set by the store.
    #[serde(default)]
    pub updated_at: String,
}

/// What a story list shows.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StorySummary {
    /// The story id.
    pub id: String,
    /// Its title.
    pub title: String,
    /// Number of articles.
    pub articles: u64,
    /// Independent sources: its articles that are not copies of each other (the
    /// dossier's `origins`).
    pub origins: u64,
    /// Disagreements between its reports that no later report settles (the
    /// dossier's `conflicts`; updates, where a later report supersedes a plan, are
    /// not counted).
    pub open_conflicts: u64,
    /// The publication day of its newest article (`YYYY-MM-DD`), when any is dated.
    pub latest: Option<String>,
    /// When it was last stored.
    pub updated_at: String,
}

/// An article stored but not yet grouped into stories (see
/// [`crate::ArticleStore::stories_pending`]).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct PendingArticle {
    /// The article.
    pub id: ArticleId,
    /// Its publication date or instant, for adding articles in time order.
    pub published: Option<Published>,
}

/// One step of story work, written in one transaction by
/// [`crate::ArticleStore::commit_stories`]: the story index's new state, the stories
/// it changed, the stories merged away, and the articles it now holds.
#[derive(Debug, Clone, Copy)]
pub struct StoryCommit<'a> {
    /// The key the index state is saved under.
    pub state_key: &'a str,
    /// The index state.
    pub state: &'a [u8],
    /// Stories to store (replacing any with the same id).
    pub put: &'a [StoryRecord],
    /// Stories to remove (merged into others).
    pub delete: &'a [String],
    /// Articles the index now holds: no longer pending.
    pub indexed: &'a [ArticleId],
}

/// Whether a run finished.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum RunStatus {
    /// Still running, or killed (its committed batches are kept).
    Running,
    /// Finished.
    Finished,
}

impl RunStatus {
    pub(crate) fn as_str(self) -> &'static str {
        match self {
            RunStatus::Running => "running",
            RunStatus::Finished => "finished",
        }
    }

    pub(crate) fn parse(text: &str) -> Self {
        if text == "finished" {
            RunStatus::Finished
        } else {
            RunStatus::Running
        }
    }
}

/// One run of `add`, as logged.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct RunRecord {
    /// Run id, increasing.
    pub id: i64,
    /// When it started (RFC 3339, UTC).
    pub started_at: String,
    /// When it finished.
    pub finished_at: Option<String>,
    /// Whether it finished.
    pub status: RunStatus,
    /// The paths it was given.
    pub paths: Vec<String>,
    /// Inputs read (in committed batches).
    pub read: u64,
    /// Articles it stored.
    pub new: u64,
    /// Inputs that were already stored.
    pub already_stored: u64,
    /// Inputs that failed.
    pub failed: u64,
}

/// A full-text search with filters.
///
/// The query language: words are all required (`peace talks`); `"a phrase"`
/// matches words in a row; `minist*` matches words starting with `minist`;
/// `-word` (or `-"a phrase"`) excludes; `OR` between groups of words matches
/// either. Matching ignores case (and, in SQLite, accents). An empty query with
/// filters lists the filtered articles, newest first.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct SearchQuery {
    /// The words to find.
    pub text: String,
    /// Only articles mentioning this entity (its name, case ignored).
    pub entity: Option<String>,
    /// Only articles from this outlet.
    pub source: Option<String>,
    /// Only articles in this language (ISO 639-1).
    pub language: Option<String>,
    /// Only articles published on or after this day.
    pub from: Option<jiff::civil::Date>,
    /// Only articles published on or before this day.
    pub to: Option<jiff::civil::Date>,
    /// Results to skip.
    pub offset: u64,
    /// Results to return (0 means the default, 20; at most [`Page::MAX_LIMIT`]).
    pub limit: u32,
}

impl SearchQuery {
    /// A query for these words, with no filters.
    pub fn text(text: impl Into<String>) -> Self {
        SearchQuery {
            text: text.into(),
            ..SearchQuery::default()
        }
    }

    pub(crate) fn page(&self) -> Page {
        Page {
            offset: self.offset,
            limit: if self.limit == 0 { 20 } else { self.limit },
        }
    }

    pub(crate) fn entity_key(&self) -> Option<String> {
        self.entity.as_deref().map(entity_key)
    }
}

/// How entity names are compared: case and spacing ignored.
pub(crate) fn entity_key(name: &str) -> String {
    name.split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase()
}

/// The results of a search.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchResults {
    /// How many articles match in all; a lower bound when
    /// [`SearchResults::total_is_lower_bound`] is set.
    pub total: u64,
    /// True when a broad query was ranked over its newest matches only (see
    /// [`crate::ArticleStore::search`]): at least `total` articles match, and
    /// older matches are not in the ranking.
    #[serde(default)]
    pub total_is_lower_bound: bool,
    /// This page of them, best first.
    pub hits: Vec<SearchHit>,
    /// The page returned.
    pub page: Page,
}

/// One article that matches.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct SearchHit {
    /// The article.
    pub article: ArticleSummary,
    /// Relevance, higher is better; comparable within one result list only.
    pub score: f64,
    /// A stretch of the text around the matches.
    pub snippet: Snippet,
}

/// A short stretch of an article's text with the matching words marked.
///
/// The text is plain (not HTML): a page must escape it, then wrap each highlight.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct Snippet {
    /// The text.
    pub text: String,
    /// Byte ranges of `text` that matched, in order.
    pub highlights: Vec<(usize, usize)>,
}

impl Snippet {
    /// The first words of a body, for results of a filter-only search.
    pub(crate) fn lead(body: &str) -> Self {
        const WORDS: usize = 30;
        let words: Vec<&str> = body.split_whitespace().take(WORDS + 1).collect();
        let mut text = words
            .iter()
            .take(WORDS)
            .copied()
            .collect::<Vec<_>>()
            .join(" ");
        if words.len() > WORDS {
            text.push('…');
        }
        Snippet {
            text,
            highlights: Vec::new(),
        }
    }
}

/// Parses a stored `published` column back.
pub(crate) fn parse_published(text: Option<String>) -> Option<Published> {
    text.and_then(|t| serde_json::from_value(serde_json::Value::String(t)).ok())
}

/// The doc as stored, with its format ([`crate::DOC_FORMAT`]): its JSON with the
/// body taken out (it has its own column, which the search index reads) and the
/// article's text too when it is the body (format 2; plain-text inputs), deflated.
/// Token and sentence layers make the JSON about ten times the size of the text;
/// deflate takes it down 4-5 times.
pub(crate) fn doc_blob(doc: &Doc) -> Result<(Vec<u8>, u32), serde_json::Error> {
    use std::io::Write;
    // A copy without the text, serialised straight to bytes: going through a
    // `serde_json::Value` (a map per token) cost more than the deflate.
    let mut slim = doc.clone();
    slim.body = String::new();
    let format = if slim.article.text == doc.body {
        slim.article.text = String::new();
        crate::DOC_FORMAT
    } else {
        1
    };
    // One write of the whole JSON: the encoder compresses on every write, and
    // serde_json writes in tiny pieces (that made `add` several times slower).
    let json = serde_json::to_vec(&slim)?;
    let mut encoder = flate2::write::DeflateEncoder::new(
        Vec::with_capacity(json.len() / 4),
        flate2::Compression::fast(),
    );
    // Writing into a Vec cannot fail.
    encoder.write_all(&json).map_err(serde_json::Error::io)?;
    Ok((encoder.finish().map_err(serde_json::Error::io)?, format))
}

/// A doc read back from its stored blob, format and body column.
pub(crate) fn doc_from_blob(
    id: &str,
    blob: &[u8],
    format: i64,
    body: String,
) -> crate::Result<Doc> {
    use std::io::Read;
    let mut json = Vec::with_capacity(blob.len() * 5);
    let inflated = flate2::read::DeflateDecoder::new(blob).read_to_end(&mut json);
    let mut doc: Doc = inflated
        .map_err(serde_json::Error::io)
        .and_then(|_| serde_json::from_slice(&json))
        .map_err(|e| crate::StoreError::Corrupt {
            id: id.to_string(),
            reason: e.to_string(),
        })?;
    if format >= 2 {
        doc.article.text = body.clone();
    }
    doc.body = body;
    Ok(doc)
}

/// Distinct entity names of a doc with their kind and number of mentions.
pub(crate) fn doc_entities(doc: &Doc) -> Vec<(String, String, &'static str, i64)> {
    let mut found: Vec<(String, String, &'static str, i64)> = Vec::new();
    for mention in &doc.entities {
        let name = doc.text(mention.span).trim();
        if name.is_empty() {
            continue;
        }
        let key = entity_key(name);
        let kind = match mention.kind {
            crosscheck_core::layers::entity::EntityKind::Per => "PER",
            crosscheck_core::layers::entity::EntityKind::Org => "ORG",
            crosscheck_core::layers::entity::EntityKind::Loc => "LOC",
            crosscheck_core::layers::entity::EntityKind::Misc => "MISC",
        };
        match found
            .iter_mut()
            .find(|(k, _, c, _)| *k == key && *c == kind)
        {
            Some(entry) => entry.3 += 1,
            None => found.push((key, name.to_string(), kind, 1)),
        }
    }
    found
}

/// The listing counts of a story, read from its dossier JSON (a `DossierStory`):
/// independent sources and open conflicts.
pub(crate) fn story_counts(dossier: &serde_json::Value) -> (i64, i64) {
    let origins = dossier
        .get("origins")
        .and_then(serde_json::Value::as_i64)
        .unwrap_or(0);
    let conflicts = dossier
        .get("conflicts")
        .and_then(serde_json::Value::as_array)
        .map_or(0, |c| c.len() as i64);
    (origins, conflicts)
}

/// The current time as stored.
pub(crate) fn now() -> String {
    jiff::Timestamp::now().to_string()
}

/// A path or URL as shown in messages, without a password.
pub(crate) fn redact(spec: &str) -> String {
    match (spec.find("://"), spec.rfind('@')) {
        (Some(scheme), Some(at)) if at > scheme => {
            let creds = &spec[scheme + 3..at];
            match creds.find(':') {
                Some(colon) => format!(
                    "{}{}:***{}",
                    &spec[..scheme + 3],
                    &creds[..colon],
                    &spec[at..]
                ),
                None => spec.to_string(),
            }
        }
        _ => spec.to_string(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn passwords_are_not_shown() {
        assert_eq!(
            redact("postgres://ann:secret@db:5432/x"),
            "postgres://ann:***@db:5432/x"
        );
        assert_eq!(redact("archive.sqlite"), "archive.sqlite");
    }
}
