use std::fmt;

use serde::{Deserialize, Serialize};

/// A stable article identifier: 16 hex digits of a BLAKE3 hash over where the article
/// came from (its URL, else its file and record) and what it says (its text).
///
/// Reading the same input twice gives the same id; two outlets' identical copies have
/// different origins and so stay two articles.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct ArticleId(pub String);

impl ArticleId {
    /// The id of an article with this origin key and text.
    pub fn derive(origin_key: &str, text: &str) -> Self {
        let mut hasher = blake3::Hasher::new();
        hasher.update(origin_key.as_bytes());
        hasher.update(&[0]);
        hasher.update(text.as_bytes());
        let hex = hasher.finalize().to_hex();
        ArticleId(hex[..16].to_string())
    }
}

impl fmt::Display for ArticleId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

/// Where an article was read from: a file, and for files that hold many articles
/// (JSON Lines, feeds, WARC) the record inside it.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
pub struct Origin {
    /// The file as the user named it (or as found under a directory they named).
    pub file: String,
    /// The record within the file: a 1-based line number for JSON Lines, an item
    /// number for feeds, a record number for WARC; `None` for one-article files.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub record: Option<u64>,
}

impl Origin {
    /// A one-article file.
    pub fn file(path: impl Into<String>) -> Self {
        Origin {
            file: path.into(),
            record: None,
        }
    }

    /// Record `record` of a many-article file.
    pub fn record(path: impl Into<String>, record: u64) -> Self {
        Origin {
            file: path.into(),
            record: Some(record),
        }
    }
}

impl fmt::Display for Origin {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self.record {
            Some(record) => write!(f, "{}#{}", self.file, record),
            None => f.write_str(&self.file),
        }
    }
}

/// When an article was published, as precisely as the input says.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(untagged)]
pub enum Published {
    /// A calendar day with no time of day (`2025-05-15`).
    Date(jiff::civil::Date),
    /// An instant (`2025-05-15T09:30:00Z`); inputs with an offset are converted to UTC.
    Instant(jiff::Timestamp),
}

impl Published {
    /// The calendar day (in UTC for instants).
    pub fn date(&self) -> jiff::civil::Date {
        match self {
            Published::Date(date) => *date,
            Published::Instant(ts) => ts.to_zoned(jiff::tz::TimeZone::UTC).date(),
        }
    }
}

impl fmt::Display for Published {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Published::Date(date) => write!(f, "{date}"),
            Published::Instant(ts) => write!(f, "{ts}"),
        }
    }
}

/// Which part of the input gave the publication date.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum PublishedSource {
    /// A field of a structured record (JSON Lines `published`, a feed item's date,
    /// a WARC record's `WARC-Date` is *not* used: it is the crawl time).
    Field,
    /// An HTML `<meta>` tag (`article:published_time`, Open Graph, `itemprop`, …).
    Meta,
    /// JSON-LD `datePublished`.
    JsonLd,
    /// An HTML `<time datetime>` element.
    TimeElement,
    /// A date in the URL path (`/2025/05/15/`).
    Url,
    /// Inferred by a later stage from the text or the other reports of the story.
    Inferred,
}

/// One report as it was read, before analysis.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Article {
    /// Stable id, see [`ArticleId`].
    pub id: ArticleId,
    /// Where it was read from.
    pub origin: Origin,
    /// The outlet: the domain of the URL (`www.` removed), else the file name.
    pub source: String,
    /// The article's URL, when the input gave one.
    pub url: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// Bylines, as given.
    pub authors: Vec<String>,
    /// Publication date or time, when the input states one.
    pub published: Option<Published>,
    /// Where `published` came from.
    pub published_source: Option<PublishedSource>,
    /// ISO 639-1 code of the detected language (`en`), when detection was confident.
    pub language: Option<String>,
    /// The HTML page the text was extracted from, when the input was HTML.
    #[serde(skip)]
    pub html: Option<String>,
    /// The article's text as read: the file's or field's text, or the main text
    /// extracted from `html` (paragraphs separated by blank lines). Cleaning maps
    /// every body offset back into this text.
    pub text: String,
}

impl Article {
    /// An article from a file with just a text; the id is derived from both.
    pub fn new(origin: Origin, text: String) -> Self {
        let source = source_from_path(&origin.file);
        let mut article = Article {
            id: ArticleId(String::new()),
            origin,
            source,
            url: None,
            title: None,
            authors: Vec::new(),
            published: None,
            published_source: None,
            language: None,
            html: None,
            text,
        };
        article.assign_id();
        article
    }

    /// The raw input: the HTML page when there was one, else the text.
    pub fn raw(&self) -> &str {
        self.html.as_deref().unwrap_or(&self.text)
    }

    /// (Re)derives the id from the URL (or the origin) and the text. Readers call it
    /// once all fields are set.
    pub fn assign_id(&mut self) {
        let key = match &self.url {
            Some(url) => url.clone(),
            None => self.origin.to_string(),
        };
        self.id = ArticleId::derive(&key, self.raw());
    }
}

/// The file name without directories or extensions, used as the outlet when no URL
/// names one (`reports/ap-wire.txt.gz` → `ap-wire`).
pub fn source_from_path(path: &str) -> String {
    let name = path.rsplit(['/', '\\']).next().unwrap_or(path);
    let stem = name.split('.').next().unwrap_or(name);
    if stem.is_empty() {
        name.to_string()
    } else {
        stem.to_string()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn same_text_from_two_outlets_stays_two_articles() {
        let a = Article::new(Origin::file("a/wire.txt"), "Same words.".into());
        let b = Article::new(Origin::file("b/wire.txt"), "Same words.".into());
        assert_ne!(a.id, b.id);
        assert_eq!(
            a.id,
            Article::new(Origin::file("a/wire.txt"), "Same words.".into()).id
        );
    }

    #[test]
    fn source_is_the_file_stem() {
        assert_eq!(source_from_path("reports/ap-wire.txt.gz"), "ap-wire");
        assert_eq!(source_from_path(".hidden"), ".hidden");
    }

    #[test]
    fn published_serialises_as_iso_text() {
        let date = Published::Date(jiff::civil::date(2025, 5, 15));
        assert_eq!(serde_json::to_string(&date).unwrap(), "\"2025-05-15\"");
        let ts: jiff::Timestamp = "2025-05-15T09:30:00Z".parse().unwrap();
        assert_eq!(Published::Instant(ts).to_string(), "2025-05-15T09:30:00Z");
    }
}
