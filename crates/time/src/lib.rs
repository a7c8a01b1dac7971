//! Time expressions in news text: found, typed and normalised to TIMEX3 values
//! relative to the report's date; and the report's date itself when the input
//! has none.
//!
//! A token-level lexicon (weekdays, months, numbers in words, units, modifiers)
//! feeds composable patterns (the grammar); the resolver turns what they read into
//! a value against the reference date, choosing past or future from tense cues
//! ("will meet on Thursday" → the coming Thursday, "said on Thursday" → the last).
//! Calendar arithmetic is jiff's.
//!
//! ```
//! use crosscheck_core::layers::time::TimexKind;
//! use crosscheck_time::TimeTagger;
//!
//! let tagger = TimeTagger::default();
//! let reference = jiff::civil::date(2025, 3, 4); // a Tuesday
//! let found = tagger.tag_text("The ministers will meet on Thursday.", reference);
//! assert_eq!(found[0].value, "2025-03-06");
//! assert_eq!(found[0].kind, TimexKind::Date);
//! ```
#![deny(missing_docs)]

mod grammar;
mod infer;
mod lexicon;
mod resolve;

use crosscheck_core::layers::time::{TimeExpression, TimexKind};
use crosscheck_core::{Doc, PublishedSource, Span};
use serde::{Deserialize, Serialize};

pub use infer::{InferredDate, infer_from_siblings, infer_published, infer_published_story};
/// The calendar date type used for reference dates (jiff's).
pub use jiff::civil::Date;

/// Errors of the time stage.
#[derive(Debug, thiserror::Error)]
pub enum Error {
    /// A configuration value is out of range.
    #[error("time config: {0}")]
    Config(String),
}

/// Result alias of this crate.
pub type Result<T> = std::result::Result<T, Error>;

/// Settings of the time stage. The defaults suit news.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TimeConfig {
    /// Tag vague present/past/future words (`now`, `recently`, `soon`) as
    /// `PRESENT_REF`/`PAST_REF`/`FUTURE_REF`. TimeML does; a timeline may not want them.
    pub references: bool,
    /// Tag recurring times (`daily`, `every week`).
    pub sets: bool,
    /// Infer the report's date from its text, links and sibling reports when the
    /// input gives none (see [`infer_published`]).
    pub infer_published: bool,
}

impl Default for TimeConfig {
    fn default() -> Self {
        TimeConfig {
            references: true,
            sets: true,
            infer_published: true,
        }
    }
}

impl TimeConfig {
    /// Builds the tagger.
    pub fn build(&self) -> Result<TimeTagger> {
        Ok(TimeTagger {
            config: self.clone(),
        })
    }
}

/// A time expression found in a plain text: byte offsets, type and value.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FoundTime {
    /// Byte range in the text.
    pub span: Span,
    /// TIMEX3 type.
    pub kind: TimexKind,
    /// TIMEX3 value.
    pub value: String,
}

/// Finds and normalises time expressions.
#[derive(Debug, Clone, Default)]
pub struct TimeTagger {
    config: TimeConfig,
}

/// Reusable buffers, so tagging many texts allocates only for its results.
#[derive(Debug, Default)]
pub struct Scratch {
    toks: Vec<lexicon::Tok>,
    value: String,
}

impl TimeTagger {
    /// Time expressions of `text`, in order, resolved against `reference` (the
    /// report's date).
    pub fn tag_text(&self, text: &str, reference: Date) -> Vec<FoundTime> {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        self.tag_into(text, reference, &mut scratch, &mut out);
        out
    }

    /// Like [`TimeTagger::tag_text`] with caller-owned buffers; appends to `out`.
    pub fn tag_into(
        &self,
        text: &str,
        reference: Date,
        scratch: &mut Scratch,
        out: &mut Vec<FoundTime>,
    ) {
        self.tag_anchored(text, reference, false, scratch, out);
    }

    /// Like [`TimeTagger::tag_text`] when `reference` is only a lower bound of the
    /// report's date (inferred from the dates its text names, or borrowed from the
    /// other reports of its story): a past weekday up to three days after the
    /// reference is taken as that coming day ("arrived on Friday" in a report
    /// whose latest written date is a Tuesday).
    pub fn tag_text_inferred(&self, text: &str, reference: Date) -> Vec<FoundTime> {
        let mut scratch = Scratch::default();
        let mut out = Vec::new();
        self.tag_anchored(text, reference, true, &mut scratch, &mut out);
        out
    }

    fn tag_anchored(
        &self,
        text: &str,
        reference: Date,
        uncertain: bool,
        scratch: &mut Scratch,
        out: &mut Vec<FoundTime>,
    ) {
        lexicon::tokenize(text, &mut scratch.toks);
        let toks = &scratch.toks;
        let parser = grammar::Parser { toks, text };
        let mut ctx = resolve::Context {
            reference,
            toks,
            text,
            last_quarter: None,
            last_year: None,
            last_day: None,
            uncertain,
        };
        let mut i = 0;
        while i < toks.len() {
            let Some(parsed) = parser.parse_at(i) else {
                i += 1;
                continue;
            };
            if parsed.end <= parsed.first || parsed.end > toks.len() {
                i += 1;
                continue;
            }
            let keep = match parsed.node {
                grammar::Node::Ref(_) => self.config.references,
                grammar::Node::Set { .. } | grammar::Node::SetWeekday(_) => self.config.sets,
                _ => true,
            };
            if keep
                && let Some(kind) = resolve::resolve(
                    parsed.node,
                    &mut ctx,
                    parsed.first,
                    parsed.end,
                    &mut scratch.value,
                )
            {
                let start = toks[parsed.first].start;
                let end = toks[parsed.end - 1].end;
                out.push(FoundTime {
                    span: Span::new(start, end),
                    kind,
                    value: scratch.value.clone(),
                });
            }
            i = parsed.end;
        }
    }

    /// Fills `doc.times` from the body. The reference date is the article's
    /// publication date; without one it is inferred (and recorded on the article)
    /// when the config allows, else relative values are left unanchored (`XXXX-XX-XX`).
    pub fn tag_doc(&self, doc: &mut Doc) {
        if doc.article.published.is_none()
            && self.config.infer_published
            && let Some(inferred) = infer_published(doc)
        {
            inferred.apply(&mut doc.article);
        }
        let reference = doc.article.published.as_ref().map(|p| p.date());
        let anchor = reference.unwrap_or(UNANCHORED);
        let found = if doc.article.published_source == Some(PublishedSource::Inferred) {
            self.tag_text_inferred(&doc.body, anchor)
        } else {
            self.tag_text(&doc.body, anchor)
        };
        doc.times = found
            .into_iter()
            .map(|f| TimeExpression {
                span: f.span,
                kind: f.kind,
                value: if reference.is_some() {
                    f.value
                } else {
                    unanchor(&f.value)
                },
            })
            .collect();
    }
}

/// A stand-in reference far from any news, so values computed from it can be
/// recognised and masked.
const UNANCHORED: Date = jiff::civil::date(1111, 1, 1);

/// Masks the digits that came from the stand-in reference: `1111-01-03` →
/// `XXXX-XX-XX`; explicit dates (`2022-03`) and durations pass through.
fn unanchor(value: &str) -> String {
    if value.starts_with("111") || value.starts_with("110") {
        value
            .chars()
            .map(|c| if c.is_ascii_digit() { 'X' } else { c })
            .collect()
    } else {
        value.to_string()
    }
}
