use serde::{Deserialize, Serialize};

use crate::layers::claim::Claim;
use crate::layers::entity::EntityMention;
use crate::layers::quote::Quote;
use crate::layers::time::TimeExpression;
use crate::{Article, OffsetMap, Span};

/// An analysed article: the cleaned body and the annotation layers over it.
///
/// Every layer is a `Vec` of items that point into `body` by byte offsets, in order.
/// Later stages add their own layers (entities, time expressions, quotes, claims).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Doc {
    /// The article as read.
    pub article: Article,
    /// The cleaned text: markup removed, Unicode normalised, spacing repaired.
    pub body: String,
    /// Maps `body` offsets back to offsets in `article.text`.
    pub body_map: OffsetMap,
    /// The body cut into labelled lines: report text, captions, credits, bylines…
    /// Together they cover every non-blank line of the body.
    pub segments: Vec<Segment>,
    /// Sentences, in order; each lies inside one segment.
    pub sentences: Vec<Sentence>,
    /// Word and punctuation tokens, in order.
    pub tokens: Vec<Token>,
    /// Signs that the source is damaged: markup residue, captions in the text…
    pub flags: Vec<Flag>,
    /// Named-entity mentions, in order.
    #[serde(default)]
    pub entities: Vec<EntityMention>,
    /// Time expressions, in order.
    #[serde(default)]
    pub times: Vec<TimeExpression>,
    /// Attributions (direct and reported speech), in order of their content.
    #[serde(default)]
    pub quotes: Vec<Quote>,
    /// Claims: what the report states, clause by clause, in order.
    #[serde(default)]
    pub claims: Vec<Claim>,
}

impl Doc {
    /// A doc whose body is the article's text unchanged, with no layers yet.
    pub fn unanalysed(article: Article) -> Self {
        Doc {
            body: article.text.clone(),
            article,
            body_map: OffsetMap::identity(),
            segments: Vec::new(),
            sentences: Vec::new(),
            tokens: Vec::new(),
            flags: Vec::new(),
            entities: Vec::new(),
            times: Vec::new(),
            quotes: Vec::new(),
            claims: Vec::new(),
        }
    }

    /// The text of a span of the body.
    pub fn text(&self, span: Span) -> &str {
        span.slice(&self.body)
    }

    /// Segments that carry the report itself, the only ones later stages take
    /// claims from.
    pub fn body_segments(&self) -> impl Iterator<Item = &Segment> {
        self.segments.iter().filter(|s| s.kind.is_report())
    }

    /// The tokens of a sentence.
    pub fn sentence_tokens(&self, sentence: &Sentence) -> &[Token] {
        let first = self
            .tokens
            .partition_point(|t| t.span.start < sentence.span.start);
        let last = self
            .tokens
            .partition_point(|t| t.span.end <= sentence.span.end);
        &self.tokens[first..last.max(first)]
    }
}

/// What a line of the body is.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum SegmentKind {
    /// The report itself.
    Body,
    /// The headline or a subheading inside the report.
    Heading,
    /// A photo or video caption.
    Caption,
    /// A photo credit (`NAME/AGENCY via Getty Images`, a lone `AP`).
    Credit,
    /// A byline (`By Jane Doe`).
    Byline,
    /// A dateline standing on its own line (`ISTANBUL, May 15 (Reuters) -`).
    Dateline,
    /// Newsletter sign-ups, "read more" links, share prompts, copyright lines.
    Boilerplate,
}

impl SegmentKind {
    /// True for segments that carry the report's own statements.
    pub fn is_report(self) -> bool {
        matches!(self, SegmentKind::Body)
    }

    /// The kind's name as written in the dossier.
    pub fn as_str(self) -> &'static str {
        match self {
            SegmentKind::Body => "body",
            SegmentKind::Heading => "heading",
            SegmentKind::Caption => "caption",
            SegmentKind::Credit => "credit",
            SegmentKind::Byline => "byline",
            SegmentKind::Dateline => "dateline",
            SegmentKind::Boilerplate => "boilerplate",
        }
    }
}

/// A labelled stretch of the body (usually one line or paragraph).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Segment {
    /// What the stretch is.
    pub kind: SegmentKind,
    /// Where it is in the body.
    pub span: Span,
}

/// A sentence of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Sentence {
    /// Where it is in the body.
    pub span: Span,
    /// Index of the segment that holds it.
    pub segment: u32,
}

/// What a token is made of.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum TokenKind {
    /// Letters, possibly with inner apostrophes, hyphens or periods (`U.S.`, `don't`).
    Word,
    /// Digits, possibly with separators (`1,200`, `3.5`, `0930`).
    Number,
    /// Punctuation and symbols, one token each.
    Punct,
}

/// A token of the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Token {
    /// Where it is in the body.
    pub span: Span,
    /// What it is made of.
    pub kind: TokenKind,
}

/// Something wrong with a source that a reader should know when weighing it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum FlagKind {
    /// HTML tags, links or entities were left inside the text.
    MarkupResidue,
    /// Photo captions or credits are mixed into the report's text.
    CaptionsInText,
    /// Spacing typical of machine translation or OCR (`face -to -face`).
    BrokenSpacing,
    /// Signs of machine translation.
    MachineTranslation,
    /// A name cut short (`Alexander F`).
    TruncatedName,
}

/// A source-quality flag with the number of places that raised it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Flag {
    /// What was seen.
    pub kind: FlagKind,
    /// How many times.
    pub count: u32,
}
