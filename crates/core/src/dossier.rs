//! The dossier: crosscheck's output, `crosscheck.dossier/1`.
//!
//! Field names are part of crosscheck's interface (documented in the README): add
//! fields, never rename or remove them within a schema version.

use serde::{Deserialize, Serialize};

use crate::{Doc, Flag, Published, PublishedSource, SegmentKind};

/// The schema name and version written into every dossier.
pub const SCHEMA: &str = "crosscheck.dossier/1";

/// Everything crosscheck found in a set of reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Dossier {
    /// Always [`SCHEMA`].
    pub schema: String,
    /// The reports, in input order.
    pub articles: Vec<DossierArticle>,
    /// Reports grouped into events, with what they say.
    pub stories: Vec<DossierStory>,
}

impl Dossier {
    /// A dossier of analysed docs, with no stories yet.
    pub fn from_docs<'d>(docs: impl IntoIterator<Item = &'d Doc>) -> Self {
        Dossier {
            schema: SCHEMA.to_string(),
            articles: docs.into_iter().map(DossierArticle::from_doc).collect(),
            stories: Vec::new(),
        }
    }
}

/// One report in the dossier.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DossierArticle {
    /// Stable article id.
    pub id: String,
    /// Where it was read from.
    pub path: DossierPath,
    /// The outlet.
    pub source: String,
    /// The URL, when known.
    pub url: Option<String>,
    /// The headline, when known.
    pub title: Option<String>,
    /// Publication date or instant, when known.
    pub published: Option<Published>,
    /// Where the publication date came from (`field`, `meta`, `json_ld`,
    /// `time_element`, `url`, `inferred`).
    pub published_source: Option<PublishedSource>,
    /// True when `published` was inferred rather than stated by the input.
    pub published_inferred: bool,
    /// ISO 639-1 language code, when detected.
    pub language: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// Id of the article this one reprints, when it is a copy.
    pub duplicate_of: Option<String>,
    /// Source-quality flags.
    pub flags: Vec<Flag>,
    /// The body as labelled segments.
    pub segments: Vec<DossierSegment>,
    /// Number of sentences in the body.
    pub sentences: usize,
}

impl DossierArticle {
    /// The dossier entry for an analysed doc.
    pub fn from_doc(doc: &Doc) -> Self {
        let article = &doc.article;
        DossierArticle {
            id: article.id.to_string(),
            path: DossierPath {
                file: article.origin.file.clone(),
                record: article.origin.record,
            },
            source: article.source.clone(),
            url: article.url.clone(),
            title: article.title.clone(),
            published: article.published.clone(),
            published_source: article.published_source,
            published_inferred: article.published_source == Some(PublishedSource::Inferred),
            language: article.language.clone(),
            authors: article.authors.clone(),
            duplicate_of: None,
            flags: doc.flags.clone(),
            segments: doc
                .segments
                .iter()
                .map(|segment| DossierSegment {
                    kind: segment.kind,
                    text: doc.text(segment.span).to_string(),
                    start: segment.span.start,
                    end: segment.span.end,
                })
                .collect(),
            sentences: doc.sentences.len(),
        }
    }
}

/// Where an article was read from.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierPath {
    /// The file.
    pub file: String,
    /// The record inside a many-article file (line, item or WARC record number).
    pub record: Option<u64>,
}

/// A labelled stretch of an article's body.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct DossierSegment {
    /// `body`, `heading`, `caption`, `credit`, `byline`, `dateline` or `boilerplate`.
    pub kind: SegmentKind,
    /// The segment's text.
    pub text: String,
    /// Byte offset of its start in the cleaned body.
    pub start: u32,
    /// Byte offset of its end in the cleaned body.
    pub end: u32,
}

/// A group of reports about one event. Later stages fill the lists.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DossierStory {
    /// Stable story id.
    pub id: String,
    /// A title for the story.
    pub title: String,
    /// Ids of its articles.
    pub articles: Vec<String>,
    /// Who and what the story is about.
    pub entities: Vec<serde_json::Value>,
    /// What happened when.
    pub timeline: Vec<serde_json::Value>,
    /// Who said what.
    pub quotes: Vec<serde_json::Value>,
    /// What the reports claim, with their sources.
    pub claims: Vec<serde_json::Value>,
    /// Where reports disagree.
    pub conflicts: Vec<serde_json::Value>,
}
