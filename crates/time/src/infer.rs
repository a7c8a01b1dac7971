//! The report's date when the input gives none: from full dates in the text
//! (captions often say "created on May 12, 2025"), from dates in links, and last
//! from the dates of the other reports of the same story.

use crosscheck_core::{Article, ArticleId, Doc, Published, PublishedSource, Span};
use jiff::civil::Date;

use crate::grammar::{Day, Node, Parser};
use crate::lexicon;

/// A publication date inferred by this stage, with what it rests on.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct InferredDate {
    /// The inferred day.
    pub date: Date,
    /// What it rests on: the span's text, the link, or the sibling article.
    pub evidence: String,
    /// Where in the body the evidence is, when it is in the body.
    pub span: Option<Span>,
}

impl InferredDate {
    /// Records the date on the article as `published`, source `Inferred`.
    pub fn apply(&self, article: &mut Article) {
        article.published = Some(Published::Date(self.date));
        article.published_source = Some(PublishedSource::Inferred);
    }
}

/// Infers a doc's publication date from its own text and links: the latest full
/// date written in the body (a report is published on or after the last day it
/// names), else a date in a link (the article's URL, then links in the body).
pub fn infer_published(doc: &Doc) -> Option<InferredDate> {
    from_text(&doc.body)
        .or_else(|| doc.article.url.as_deref().and_then(from_link))
        .or_else(|| links_in(&doc.body).find_map(from_link))
}

/// A date every report of a story can share: the most common known date among
/// the sibling reports (the earliest on ties), with the sibling as evidence.
pub fn infer_from_siblings(known: &[(ArticleId, Date)]) -> Option<InferredDate> {
    let mut best: Option<(usize, Date, &ArticleId)> = None;
    for (id, date) in known {
        let count = known.iter().filter(|(_, d)| d == date).count();
        let better = match best {
            None => true,
            Some((c, d, _)) => count > c || (count == c && *date < d),
        };
        if better {
            best = Some((count, *date, id));
        }
    }
    best.map(|(count, date, id)| InferredDate {
        date,
        evidence: format!(
            "date of sibling report {id} ({count} of {} reports)",
            known.len()
        ),
        span: None,
    })
}

/// Story-level inference: each doc without a date gets one from its own text and
/// links, else from the dated reports of the story. Docs that have a date get `None`.
pub fn infer_published_story(docs: &[&Doc]) -> Vec<Option<InferredDate>> {
    let own: Vec<Option<InferredDate>> = docs
        .iter()
        .map(|d| {
            if d.article.published.is_some() {
                None
            } else {
                infer_published(d)
            }
        })
        .collect();
    let known: Vec<(ArticleId, Date)> = docs
        .iter()
        .zip(&own)
        .filter_map(|(d, inferred)| match (&d.article.published, inferred) {
            (Some(p), _) => Some((d.article.id.clone(), p.date())),
            _ => None,
        })
        .collect();
    docs.iter()
        .zip(own)
        .map(|(d, inferred)| {
            if d.article.published.is_some() {
                None
            } else {
                inferred.or_else(|| infer_from_siblings(&known))
            }
        })
        .collect()
}

/// The latest full date (day, month and year) written in `text`.
fn from_text(text: &str) -> Option<InferredDate> {
    let mut toks = Vec::new();
    lexicon::tokenize(text, &mut toks);
    let parser = Parser { toks: &toks, text };
    let mut best: Option<InferredDate> = None;
    let mut i = 0;
    while i < toks.len() {
        let Some(parsed) = parser.parse_at(i) else {
            i += 1;
            continue;
        };
        if let Node::Day(Day::Date(Some(year), month, day)) = parsed.node
            && let Ok(date) = Date::new(year as i16, month as i8, day as i8)
            && best.as_ref().is_none_or(|b| date > b.date)
            && let (Some(first), Some(last)) = (
                toks.get(parsed.first),
                toks.get(parsed.end.saturating_sub(1)),
            )
        {
            let span = Span::new(first.start, last.end);
            best = Some(InferredDate {
                date,
                evidence: format!("date in the text: \"{}\"", span.slice(text)),
                span: Some(span),
            });
        }
        i = parsed.end.max(i + 1);
    }
    best
}

/// A date in a link's path: `/2025/05/14/`, `/2025-05-14/`, `/20250514/`.
fn from_link(url: &str) -> Option<InferredDate> {
    let path = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = path.find('/').map_or("", |at| &path[at..]);
    let bytes = path.as_bytes();
    let digits_at = |at: usize, n: usize| -> Option<u32> {
        let s = path.get(at..at + n)?;
        if s.bytes().all(|b| b.is_ascii_digit()) {
            s.parse().ok()
        } else {
            None
        }
    };
    for at in 0..bytes.len() {
        if at > 0 && bytes[at - 1].is_ascii_digit() {
            continue;
        }
        let Some(year) = digits_at(at, 4) else {
            continue;
        };
        if !(1990..=2100).contains(&year) {
            continue;
        }
        let sep = bytes.get(at + 4).copied();
        let (month, day) = match sep {
            Some(b'/' | b'-' | b'_') => {
                let month = digits_at(at + 5, 2);
                let day = if bytes.get(at + 7).copied() == sep {
                    digits_at(at + 8, 2)
                } else {
                    None
                };
                (month, day)
            }
            Some(b) if b.is_ascii_digit() => (digits_at(at + 4, 2), digits_at(at + 6, 2)),
            _ => (None, None),
        };
        if let (Some(m), Some(d)) = (month, day)
            && let Ok(date) = Date::new(year as i16, m as i8, d as i8)
        {
            return Some(InferredDate {
                date,
                evidence: format!("date in link {url}"),
                span: None,
            });
        }
    }
    None
}

/// Links written in the body (`http://…` up to the next space).
fn links_in(body: &str) -> impl Iterator<Item = &str> {
    body.split(|c: char| c.is_whitespace() || c == '"' || c == '<' || c == '>')
        .filter(|w| w.starts_with("http://") || w.starts_with("https://"))
}
