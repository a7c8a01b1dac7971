//! One article's worth of input, and the per-article work that turns it into an [`Article`].

use crosscheck_core::{Article, Origin, PublishedSource, source_from_path};
use crosscheck_extract::{Extractor, HtmlPage};

use crate::error::{IngestError, Result};
use crate::fragment::fragment_to_text;
use crate::language::{detect_language, normalise_declared};
use crate::metadata::{date_from_url, domain_from_url, parse_published};

/// The kind of content a record holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ContentKind {
    /// Plain text.
    Text,
    /// A whole HTML page: its main text is found by the extractor.
    Html,
    /// A piece of HTML that is all article (a feed item's content): its tags are
    /// stripped, nothing is dropped as boilerplate.
    HtmlFragment,
}

/// One article's worth of input, framed but not yet parsed: the cheap part of
/// reading, done in order by [`crate::InputReader`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Record {
    /// Where it came from.
    pub origin: Origin,
    /// What `content` is.
    pub kind: ContentKind,
    /// The text or HTML.
    pub content: String,
    /// The article's URL (JSON Lines `url`, a feed item's link, `WARC-Target-URI`).
    pub url: Option<String>,
    /// The outlet, as the input names it (JSON Lines `source`, the feed's site).
    pub source: Option<String>,
    /// The headline.
    pub title: Option<String>,
    /// The publication date exactly as the input wrote it; parsed by
    /// [`Record::into_article`].
    pub published: Option<String>,
    /// Bylines.
    pub authors: Vec<String>,
    /// The language the input declares (JSON Lines `language`, the feed's language).
    pub language: Option<String>,
}

impl Record {
    /// A record with only a content; every other field empty.
    pub fn new(origin: Origin, kind: ContentKind, content: String) -> Self {
        Record {
            origin,
            kind,
            content,
            url: None,
            source: None,
            title: None,
            published: None,
            authors: Vec::new(),
            language: None,
        }
    }

    /// Parses the record into an article: extraction for HTML, metadata,
    /// language, id. Independent of every other record, so callers may run it in
    /// parallel. Fails when no text is left.
    pub fn into_article(self, extractor: &Extractor) -> Result<Article> {
        let Record {
            origin,
            kind,
            content,
            url,
            source,
            title,
            published,
            authors,
            language,
        } = self;
        let (text, html, page) = match kind {
            ContentKind::Text => (content, None, HtmlPage::default()),
            ContentKind::Html => {
                let page = extractor.extract(&content, url.as_deref());
                (page.text.clone(), Some(content), page)
            }
            ContentKind::HtmlFragment => (
                fragment_to_text(&content),
                Some(content),
                HtmlPage::default(),
            ),
        };
        if text.trim().is_empty() {
            let what = match kind {
                ContentKind::Html => "the page has no article text",
                _ => "no article text",
            };
            return Err(IngestError::new(&origin.file, origin.record, what));
        }

        let mut article = Article::new(origin, text);
        article.html = html;
        article.url = non_empty(url).or_else(|| non_empty(page.canonical_url));
        article.source = article
            .url
            .as_deref()
            .and_then(domain_from_url)
            .or_else(|| non_empty(source))
            .unwrap_or_else(|| source_from_path(&article.origin.file));
        article.title = non_empty(title).or_else(|| non_empty(page.title));
        article.authors = if authors.is_empty() {
            page.authors
        } else {
            authors
        };

        let from_url = || {
            let date = date_from_url(article.url.as_deref()?)?;
            Some((crosscheck_core::Published::Date(date), PublishedSource::Url))
        };
        let dated = published
            .as_deref()
            .and_then(parse_published)
            .map(|p| (p, PublishedSource::Field))
            .or(page.published)
            .or_else(from_url);
        if let Some((when, how)) = dated {
            article.published = Some(when);
            article.published_source = Some(how);
        }

        article.language = detect_language(&article.text)
            .map(str::to_string)
            .or_else(|| language.as_deref().and_then(normalise_declared))
            .or_else(|| page.language.as_deref().and_then(normalise_declared));
        article.assign_id();
        Ok(article)
    }
}

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}
