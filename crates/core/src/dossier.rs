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

/// A group of reports about one event.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct DossierStory {
    /// Stable story id.
    pub id: String,
    /// A title for the story.
    pub title: String,
    /// Ids of its articles.
    pub articles: Vec<String>,
    /// Independent sources: groups of articles that are not copies of each other.
    #[serde(default)]
    pub origins: usize,
    /// Who and what the story is about: one entity per person, organisation or
    /// place, with every name and title the reports use.
    pub entities: Vec<StoryEntity>,
    /// What happened when, from all reports.
    pub timeline: Vec<TimelineEntry>,
    /// Who said what, the same quote from several outlets merged.
    pub quotes: Vec<StoryQuote>,
    /// What the reports claim, aligned across reports, with their sources.
    pub claims: Vec<StoryClaim>,
    /// Where reports disagree.
    pub conflicts: Vec<Conflict>,
    /// Where a later report updates an earlier one (a plan that happened otherwise).
    #[serde(default)]
    pub updates: Vec<Update>,
}

impl DossierStory {
    /// Every evidence record the story's items rest on: claims, conflicts,
    /// updates, quotes and the timeline (a sentence may be cited by several).
    pub fn evidence(&self) -> impl Iterator<Item = &Evidence> {
        let claims = self.claims.iter().flat_map(|c| &c.evidence);
        let conflicts = self
            .conflicts
            .iter()
            .flat_map(|c| c.values.iter().flat_map(|v| &v.evidence));
        let updates = self
            .updates
            .iter()
            .flat_map(|u| u.planned.evidence.iter().chain(&u.actual.evidence));
        let quotes = self
            .quotes
            .iter()
            .flat_map(|q| q.variants.iter().flat_map(|v| &v.evidence));
        let timeline = self.timeline.iter().flat_map(|t| &t.evidence);
        claims
            .chain(conflicts)
            .chain(updates)
            .chain(quotes)
            .chain(timeline)
    }
}

/// The exact sentence (or clause) an item rests on, in one article.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Evidence {
    /// The article's id.
    pub article: String,
    /// The outlet.
    pub source: String,
    /// Byte offset of the evidence in the article's cleaned body.
    pub start: u32,
    /// Byte offset of its end.
    pub end: u32,
    /// The evidence text.
    pub text: String,
}

/// One claim as stated by one or more reports.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct StoryClaim {
    /// Id within the story (`c1`, `c2`, …).
    pub id: String,
    /// The claim in the words of its first report.
    pub text: String,
    /// The main verb's lemma (`sign`, `meet`).
    pub predicate: String,
    /// The alignment key (`sign|accord|varga`).
    pub key: String,
    /// `asserted`, `planned` or `hedged`, as most of its reports put it.
    pub modality: String,
    /// Number of independent sources (origins) stating it; reprints count once.
    pub origins: usize,
    /// Every report stating it, with the exact evidence.
    pub evidence: Vec<Evidence>,
    /// True when every report stating it carries a source-quality flag.
    pub only_flagged_sources: bool,
}

/// One value of a disputed slot and the reports that give it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ConflictValue {
    /// The value as normalised for comparison (`2026-03-03`, `brenmoor`, `40 percent`).
    pub value: String,
    /// The reports giving it, with the exact evidence.
    pub evidence: Vec<Evidence>,
    /// Independent sources giving it.
    pub origins: usize,
}

/// Reports disagreeing on one slot of one claim.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Conflict {
    /// Id within the story (`x1`, …).
    pub id: String,
    /// `date`, `place`, `number` or `polarity`.
    pub kind: String,
    /// The claim disputed (id in `claims`).
    pub claim: String,
    /// The competing values, the best supported first.
    pub values: Vec<ConflictValue>,
    /// One sentence saying what is disputed.
    pub explanation: String,
}

/// A plan or expectation in an earlier report that a later report states otherwise.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Update {
    /// Id within the story (`u1`, …).
    pub id: String,
    /// `date`, `place`, `number` or `polarity`.
    pub kind: String,
    /// The claim updated (id in `claims`).
    pub claim: String,
    /// What was planned or expected, and where.
    pub planned: ConflictValue,
    /// What later reports state, and where.
    pub actual: ConflictValue,
    /// One sentence saying what changed.
    pub explanation: String,
}

/// One event on the story's timeline.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimelineEntry {
    /// The day or time (TIMEX3 value, `2026-03-03`).
    pub date: String,
    /// `reported`, `planned`, `cancelled` or `updated`.
    pub status: String,
    /// What happened, in the words of its first report.
    pub text: String,
    /// The claim it comes from (id in `claims`).
    pub claim: String,
    /// Independent sources.
    pub origins: usize,
    /// The reports giving this date.
    pub evidence: Vec<Evidence>,
}

/// A quote, merged across the outlets that carry it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryQuote {
    /// Id within the story (`q1`, …).
    pub id: String,
    /// The speaker as named (the fullest form seen), when known.
    pub speaker: Option<String>,
    /// The wording as each outlet gives it (translations differ).
    pub variants: Vec<QuoteVariant>,
    /// Independent sources carrying it.
    pub origins: usize,
}

/// One wording of a quote and the reports that use it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct QuoteVariant {
    /// The quoted words.
    pub text: String,
    /// Where each report has it.
    pub evidence: Vec<Evidence>,
}

/// Why two names were judged one entity.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum MergeRule {
    /// The same name, written the same way.
    SameName,
    /// The same name in another case (`Nato`/`NATO`).
    Case,
    /// The same name with other punctuation or spacing (`U.S.`/`US`).
    Punctuation,
    /// The same name with or without diacritics (`Erdoğan`/`Erdogan`).
    Diacritics,
    /// Romanisations of one name (`Zelenskyy`/`Zelensky`, `Andrii`/`Andriy`).
    Transliteration,
    /// One letter apart in a long word.
    Spelling,
    /// A place known under an old or second name (`Kiev`/`Kyiv`).
    RenamedPlace,
    /// A full name with and without a middle name.
    MiddleName,
    /// A bare surname, or a titled or honorific form, of the one full name that has it.
    Surname,
    /// A bare first name of the one person in the same report who has it.
    FirstName,
    /// A name cut short to an initial (`Alexander F`) of the one full name that fits.
    TruncatedName,
    /// An acronym of the one multi-word name whose initials it spells.
    Acronym,
}

/// A title or role, with the articles that state it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct EntityTitle {
    /// As written (a plural head shared over a list made singular).
    pub title: String,
    /// Ids of the articles that give it.
    pub articles: Vec<String>,
}

/// One merge and what supports it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct MergeEvidence {
    /// The rule applied.
    pub rule: MergeRule,
    /// A sentence a reader can check.
    pub evidence: String,
    /// The names joined.
    pub aliases: Vec<String>,
    /// The articles they come from.
    pub articles: Vec<String>,
}

/// A person, organisation, place or other named thing of one story.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryEntity {
    /// Stable within the story: type and folded name (`per:vladimir-putin`).
    pub id: String,
    /// The canonical name: the fullest, commonest form.
    pub name: String,
    /// The type (majority over all mentions).
    pub kind: crate::layers::entity::EntityKind,
    /// Every name form seen, canonical first.
    pub aliases: Vec<String>,
    /// Titles and roles, each with the articles that state it.
    pub titles: Vec<EntityTitle>,
    /// Ids of the articles that name it.
    pub articles: Vec<String>,
    /// Mentions in report bodies.
    pub mentions: u32,
    /// Mentions in captions and headings, counted apart: they are not the report's
    /// own account.
    pub other_mentions: u32,
    /// False when named only in captions or headings: pictured, not acting.
    pub actor: bool,
    /// How its names were joined.
    pub merges: Vec<MergeEvidence>,
    /// For a bare name left unmerged: the ids of the entities it could be.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub ambiguous_with: Vec<String>,
}
