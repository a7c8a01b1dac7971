//! Clean text, labelled segments, sentences and tokens: the first per-article stage.
//!
//! [`TextAnalyzer::analyze`] turns an [`Article`] into a [`Doc`]:
//! - [`Cleaner`] removes markup left in the text, decodes entities, normalises
//!   Unicode and spacing, and repairs hyphens broken by translation or OCR, keeping
//!   a map from every body offset back to the article's text;
//! - [`SegmentLabeler`] labels each line: report text, heading, caption, credit,
//!   byline, dateline or boilerplate (labelled, never deleted);
//! - [`SentenceSplitter`] splits segments into sentences, aware of abbreviations;
//! - [`Tokenizer`] cuts them into word, number and punctuation tokens;
//! - flags record markup residue, captions in the text and broken spacing.
//!
//! ```
//! use crosscheck_core::{Article, Origin, SegmentKind};
//! use crosscheck_text::{TextAnalyzer, TextConfig};
//!
//! let text = "Talks in <a href=\"https://x.test\">Port Avel</a> resumed.\n\
//!             A docker looks at the pier in Port Avel on May 3, 2025.\n\
//!             JANE DOE/AFP via Getty Images";
//! let doc = TextAnalyzer::new(TextConfig::default())
//!     .analyze(Article::new(Origin::file("a.txt"), text.into()));
//! assert!(doc.body.starts_with("Talks in Port Avel resumed."));
//! let kinds: Vec<_> = doc.segments.iter().map(|s| s.kind).collect();
//! assert_eq!(kinds, [SegmentKind::Body, SegmentKind::Caption, SegmentKind::Credit]);
//! ```
#![deny(missing_docs)]

mod clean;
mod entities;
mod markup;
mod runmap;
mod segment;
mod sentence;
mod token;
mod wordset;

pub use clean::{Cleaned, Cleaner};
pub use segment::SegmentLabeler;
pub use sentence::SentenceSplitter;
pub use token::Tokenizer;

use crosscheck_core::{Article, Doc, Flag, FlagKind, SegmentKind};
use serde::{Deserialize, Serialize};

/// Settings for [`TextAnalyzer`].
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct TextConfig {
    /// Repair spacing broken around hyphens (`face -to -face` → `face-to-face`).
    pub repair_spacing: bool,
    /// Label captions, credits, bylines and the like; when off, every line is body.
    pub label_segments: bool,
}

impl Default for TextConfig {
    fn default() -> Self {
        TextConfig {
            repair_spacing: true,
            label_segments: true,
        }
    }
}

/// The per-article text stage. Cheap to clone and share between threads.
#[derive(Debug, Clone, Default)]
pub struct TextAnalyzer {
    config: TextConfig,
    cleaner: Cleaner,
    labeler: SegmentLabeler,
    splitter: SentenceSplitter,
    tokenizer: Tokenizer,
}

/// Offsets are `u32`; longer texts are cut at the last character boundary below.
const MAX_TEXT: usize = u32::MAX as usize - 1;

impl TextAnalyzer {
    /// A text stage with these settings.
    pub fn new(config: TextConfig) -> Self {
        TextAnalyzer {
            cleaner: Cleaner::new(config.repair_spacing),
            labeler: SegmentLabeler::new(),
            splitter: SentenceSplitter::new(),
            tokenizer: Tokenizer::new(),
            config,
        }
    }

    /// Cleans the article's text and annotates it.
    pub fn analyze(&self, article: Article) -> Doc {
        let text = if article.text.len() > MAX_TEXT {
            let mut end = MAX_TEXT;
            while !article.text.is_char_boundary(end) {
                end -= 1;
            }
            article.text.get(..end).unwrap_or("")
        } else {
            &article.text
        };
        let cleaned = self.cleaner.clean(text);
        let mut segments =
            self.labeler
                .label(&cleaned.body, &article.authors, article.title.as_deref());
        if !self.config.label_segments {
            for segment in &mut segments {
                segment.kind = SegmentKind::Body;
            }
        }
        let mut sentences = Vec::with_capacity(cleaned.body.len() / 100);
        let mut tokens = Vec::with_capacity(cleaned.body.len() / 5);
        for (index, segment) in segments.iter().enumerate() {
            self.splitter
                .split(&cleaned.body, segment.span, index as u32, &mut sentences);
            self.tokenizer
                .tokenize(&cleaned.body, segment.span, &mut tokens);
        }
        let captions = segments
            .iter()
            .filter(|s| matches!(s.kind, SegmentKind::Caption | SegmentKind::Credit))
            .count() as u32;
        let mut flags = Vec::new();
        for (kind, count) in [
            (FlagKind::MarkupResidue, cleaned.markup_removed),
            (FlagKind::CaptionsInText, captions),
            (FlagKind::BrokenSpacing, cleaned.spacing_repairs),
        ] {
            if count > 0 {
                flags.push(Flag { kind, count });
            }
        }
        Doc {
            body: cleaned.body,
            body_map: cleaned.map,
            segments,
            sentences,
            tokens,
            flags,
            article,
            entities: Vec::new(),
            times: Vec::new(),
            quotes: Vec::new(),
            claims: Vec::new(),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn config_defaults_and_rejects_unknown_fields() {
        let config: TextConfig = serde_json::from_str("{}").expect("empty config");
        assert_eq!(config, TextConfig::default());
        assert!(serde_json::from_str::<TextConfig>(r#"{"repair_spacin": false}"#).is_err());
    }

    #[test]
    fn labels_can_be_turned_off() {
        let analyzer = TextAnalyzer::new(TextConfig {
            label_segments: false,
            ..TextConfig::default()
        });
        let doc = analyzer.analyze(Article::new(
            crosscheck_core::Origin::file("a.txt"),
            "FILE PHOTO: A pier.\nAP\nThe strike ended.".into(),
        ));
        assert!(doc.segments.iter().all(|s| s.kind == SegmentKind::Body));
        assert_eq!(doc.sentences.len(), 3);
    }

    #[test]
    fn empty_and_blank_articles_give_empty_layers() {
        for text in ["", "  \n\n \t", "<p></p>&nbsp;"] {
            let doc = TextAnalyzer::default().analyze(Article::new(
                crosscheck_core::Origin::file("a.txt"),
                text.into(),
            ));
            assert_eq!(doc.body, "");
            assert!(doc.segments.is_empty() && doc.sentences.is_empty() && doc.tokens.is_empty());
        }
    }
}
