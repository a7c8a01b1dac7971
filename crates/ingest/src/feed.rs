//! RSS (0.9x, 1.0, 2.0), Atom and JSON Feed, through feed-rs: one record per item.

use crosscheck_core::Origin;
use feed_rs::model::{Entry, Feed, Text};

use crate::error::{IngestError, Result};
use crate::fragment::{fragment_to_text, looks_like_markup};
use crate::metadata::domain_from_url;
use crate::record::{ContentKind, Record};

/// The records of a whole feed document (feeds are small; the caller bounds the size).
pub(crate) fn feed_records(file: &str, bytes: &[u8]) -> Result<Vec<Result<Record>>> {
    // feed-rs is third-party code fed untrusted bytes: a panic in it must not
    // take the whole batch down, so it becomes this file's error.
    let parsed = std::panic::catch_unwind(|| feed_rs::parser::parse(bytes));
    let feed = match parsed {
        Ok(Ok(feed)) => feed,
        Ok(Err(e)) => {
            return Err(IngestError::new(
                file,
                None,
                format!("not a valid RSS, Atom or JSON feed: {e}"),
            ));
        }
        Err(_) => {
            return Err(IngestError::new(
                file,
                None,
                "not a valid RSS, Atom or JSON feed (the feed parser failed)",
            ));
        }
    };
    let site = feed_site(&feed);
    let language = feed.language.clone();
    Ok(feed
        .entries
        .into_iter()
        .enumerate()
        .map(|(i, entry)| {
            let n = i as u64 + 1;
            item_record(file, n, entry, site.as_deref(), language.as_deref())
        })
        .collect())
}

/// The outlet the feed belongs to: its site link's domain, else its title.
fn feed_site(feed: &Feed) -> Option<String> {
    feed.links
        .iter()
        .find_map(|l| domain_from_url(&l.href))
        .or_else(|| feed.title.as_ref().map(plain).filter(|t| !t.is_empty()))
}

fn item_record(
    file: &str,
    n: u64,
    entry: Entry,
    site: Option<&str>,
    language: Option<&str>,
) -> Result<Record> {
    // The full content when the item has it, else its summary: some feeds carry
    // only a teaser, which is still the outlet's own words about the event.
    let content = entry
        .content
        .as_ref()
        .and_then(|c| {
            let body = c.body.as_deref()?.trim();
            let html = c.content_type.to_string().contains("html") || looks_like_markup(body);
            (!body.is_empty()).then(|| (body.to_string(), html))
        })
        .or_else(|| {
            let s = entry.summary.as_ref()?;
            let body = s.content.trim();
            let html = s.content_type.to_string().contains("html") || looks_like_markup(body);
            (!body.is_empty()).then(|| (body.to_string(), html))
        });
    let Some((content, is_html)) = content else {
        return Err(IngestError::new(
            file,
            Some(n),
            "the feed item has neither content nor a summary (only a link): fetch the page and read it as HTML",
        ));
    };
    let kind = if is_html {
        ContentKind::HtmlFragment
    } else {
        ContentKind::Text
    };
    let mut rec = Record::new(Origin::record(file, n), kind, content);
    rec.url = entry
        .links
        .iter()
        .find(|l| l.rel.as_deref().is_none_or(|r| r == "alternate"))
        .or_else(|| entry.links.first())
        .map(|l| l.href.clone());
    rec.source = site.map(str::to_string);
    rec.title = entry.title.as_ref().map(plain).filter(|t| !t.is_empty());
    // An item's publication date, else its last update (Atom requires only that).
    rec.published = entry.published.or(entry.updated).map(|d| {
        jiff::Timestamp::new(d.timestamp(), 0).map_or_else(|_| d.to_rfc3339(), |ts| ts.to_string())
    });
    rec.authors = entry
        .authors
        .iter()
        .filter_map(|p| p.name.as_deref().map(str::trim).filter(|n| !n.is_empty()))
        .map(str::to_string)
        .collect();
    rec.language = entry
        .language
        .clone()
        .or_else(|| language.map(str::to_string));
    Ok(rec)
}

/// A feed text (title) as plain text, markup removed.
fn plain(text: &Text) -> String {
    if text.content_type.to_string().contains("html") || looks_like_markup(&text.content) {
        fragment_to_text(&text.content).replace("\n\n", " ")
    } else {
        text.content.trim().to_string()
    }
}
