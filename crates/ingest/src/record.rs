//! One article's worth of input, and the per-article work that turns it into an [`Article`].

use crosscheck_core::{Article, ArticleId, Origin, PublishedSource, source_from_path};
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
    /// parallel. Fails when no text is left, or when the text is longer than
    /// [`MAX_ARTICLE_TEXT_BYTES`].
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
                let depth = max_nesting(&content);
                if depth > MAX_HTML_NESTING {
                    // The HTML parser checks its stack of open elements at
                    // each tag: a page nested 100k deep takes it hours.
                    return Err(IngestError::new(
                        &origin.file,
                        origin.record,
                        format!(
                            "the page nests elements {depth} deep (over {MAX_HTML_NESTING}): not a news page; skipped"
                        ),
                    ));
                }
                let mut page = extractor.extract(&content, url.as_deref());
                (std::mem::take(&mut page.text), Some(content), page)
            }
            ContentKind::HtmlFragment => (
                fragment_to_text(&content),
                Some(content),
                HtmlPage::default(),
            ),
        };
        if text.len() > MAX_ARTICLE_TEXT_BYTES {
            // Analysis costs grow with the text (tokens, entities, claims): one
            // such record would hold the run for minutes and hundreds of MB.
            return Err(IngestError::new(
                &origin.file,
                origin.record,
                format!(
                    "the article's text is {} MiB, over the limit of {} MiB for one article; skipped",
                    text.len() >> 20,
                    MAX_ARTICLE_TEXT_BYTES >> 20
                ),
            ));
        }
        if text.trim().is_empty() {
            let what = match kind {
                ContentKind::Html => "the page has no article text",
                _ => "no article text",
            };
            return Err(IngestError::new(&origin.file, origin.record, what));
        }

        let url = non_empty(url).or_else(|| non_empty(page.canonical_url));
        let source = url
            .as_deref()
            .and_then(domain_from_url)
            .or_else(|| non_empty(source))
            .unwrap_or_else(|| source_from_path(&origin.file));
        // Built field by field rather than with `Article::new`, which would hash
        // the text once more before `assign_id` below.
        let mut article = Article {
            id: ArticleId(String::new()),
            origin,
            source,
            url,
            title: None,
            authors: Vec::new(),
            published: None,
            published_source: None,
            language: None,
            html,
            text,
        };
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

/// The longest article text accepted. Long-form news runs to a few hundred KB;
/// anything past this is a dump or an attack, not an article.
pub const MAX_ARTICLE_TEXT_BYTES: usize = 8 * 1024 * 1024;

/// The deepest element nesting a page may have. Real pages stay under a few
/// hundred; the parser's cost grows with depth times tags.
const MAX_HTML_NESTING: usize = 2048;

/// How deep a page's elements nest, counted the cheap way: start tags minus
/// end tags, leaving out void elements (`<br>`), self-closed ones and those
/// whose end tag is optional and which the parser closes itself (`<p>`, `<li>`),
/// so unclosed paragraphs in old markup do not count.
fn max_nesting(html: &str) -> usize {
    let bytes = html.as_bytes();
    let (mut depth, mut max) = (0usize, 0usize);
    let mut i = 0;
    while let Some(offset) = bytes
        .get(i..)
        .and_then(|rest| rest.iter().position(|&b| b == b'<'))
    {
        i += offset + 1;
        match bytes.get(i) {
            Some(b'/') => depth = depth.saturating_sub(1),
            Some(b) if b.is_ascii_alphabetic() => {
                let name: Vec<u8> = bytes
                    .get(i..)
                    .unwrap_or_default()
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric())
                    .take(16)
                    .map(u8::to_ascii_lowercase)
                    .collect();
                let end = bytes
                    .get(i..)
                    .and_then(|rest| rest.iter().position(|&b| b == b'>'))
                    .map(|p| i + p);
                let self_closed = end.is_some_and(|e| e > 0 && bytes.get(e - 1) == Some(&b'/'));
                if !self_closed && !AUTO_CLOSED.contains(&name.as_slice()) {
                    depth += 1;
                    max = max.max(depth);
                }
            }
            _ => {}
        }
    }
    max
}

/// Void elements and elements whose end tag may be left out.
const AUTO_CLOSED: &[&[u8]] = &[
    b"area", b"base", b"br", b"col", b"embed", b"hr", b"img", b"input", b"link", b"meta",
    b"source", b"track", b"wbr", b"p", b"li", b"dt", b"dd", b"tr", b"td", b"th", b"option",
    b"html", b"head", b"body",
];

fn non_empty(s: Option<String>) -> Option<String> {
    s.map(|s| s.trim().to_string()).filter(|s| !s.is_empty())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn nesting_counts_open_elements_not_auto_closed_ones() {
        assert_eq!(max_nesting("<div><span>a</span><b>c</b></div>"), 2);
        assert_eq!(max_nesting("<p>one<p>two<br><img src=x/><li>x"), 0);
        assert_eq!(max_nesting(&"<div>".repeat(5000)), 5000);
        assert_eq!(max_nesting("a < b and c<"), 0);
    }
}
