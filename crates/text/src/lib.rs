//! Clean text, labelled segments, sentences and tokens.
//!
//! STUB: the helper working on text replaces this. The seam is
//! [`TextAnalyzer::analyze`], the per-article stage that turns an `Article` into a
//! `Doc` with body, body map, segments, sentences, tokens and flags.
#![deny(missing_docs)]

use crosscheck_core::{Article, Doc, Segment, SegmentKind, Sentence, Span};

/// Settings for [`TextAnalyzer`].
#[derive(Debug, Clone, Default)]
pub struct TextConfig {}

/// The per-article text stage.
#[derive(Debug, Clone, Default)]
pub struct TextAnalyzer {
    #[allow(dead_code)]
    config: TextConfig,
}

impl TextAnalyzer {
    /// A text stage with these settings.
    pub fn new(config: TextConfig) -> Self {
        TextAnalyzer { config }
    }

    /// Cleans the article's text and annotates it.
    pub fn analyze(&self, article: Article) -> Doc {
        let mut doc = Doc::unanalysed(article);
        let mut start = 0;
        for line in doc.body.split_inclusive('\n') {
            let span = Span::new(start, start + line.trim_end().len());
            start += line.len();
            if span.is_empty() {
                continue;
            }
            let segment = doc.segments.len() as u32;
            doc.segments.push(Segment {
                kind: SegmentKind::Body,
                span,
            });
            doc.sentences.push(Sentence { span, segment });
        }
        doc
    }
}
