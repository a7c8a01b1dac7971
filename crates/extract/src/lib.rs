//! Main text and metadata out of an HTML news page.
//!
//! STUB: the helper working on extraction replaces this file's body. The seam is
//! [`Extractor::extract`], which the ingest crate calls once per HTML article.
#![deny(missing_docs)]

use crosscheck_core::{Published, PublishedSource};

/// Settings for [`Extractor`].
#[derive(Debug, Clone, Default)]
pub struct ExtractConfig {}

/// What one HTML page says: its main text and its metadata.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct HtmlPage {
    /// The headline.
    pub title: Option<String>,
    /// Publication date from meta tags, JSON-LD, `<time>` (in that order of trust).
    pub published: Option<(Published, PublishedSource)>,
    /// Bylines.
    pub authors: Vec<String>,
    /// The page's declared language (`<html lang>`), as an ISO 639-1 code.
    pub language: Option<String>,
    /// The canonical URL (`<link rel=canonical>`, `og:url`).
    pub canonical_url: Option<String>,
    /// The main text: one paragraph, heading or list item per block, blocks
    /// separated by a blank line; boilerplate, navigation, ads, related links and
    /// comments left out.
    pub text: String,
}

/// Extracts [`HtmlPage`]s; build once, use from many threads.
#[derive(Debug, Clone, Default)]
pub struct Extractor {
    #[allow(dead_code)]
    config: ExtractConfig,
}

impl Extractor {
    /// An extractor with these settings.
    pub fn new(config: ExtractConfig) -> Self {
        Extractor { config }
    }

    /// The main text and metadata of `html`; `url` helps resolve relative links and
    /// dates in the path. Never panics, whatever the input.
    pub fn extract(&self, html: &str, _url: Option<&str>) -> HtmlPage {
        HtmlPage {
            text: html.to_string(),
            ..HtmlPage::default()
        }
    }
}
