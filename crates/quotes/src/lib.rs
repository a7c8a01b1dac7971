//! Who said what: finds direct quotes and reported speech in an analysed article,
//! with the reporting cue (`said`, `told`, `according to`) and the source as written
//! (a name, a title phrase such as "the ministry spokeswoman", or a pronoun).
//!
//! The stage reads only report text (`body` segments), so captions and credits yield
//! nothing. It works on the tokens and sentences that `crosscheck-text` produced and
//! needs no entity layer: sources are the noun phrases next to a cue.
//!
//! ```
//! use crosscheck_core::{Article, Origin};
//! use crosscheck_quotes::{QuoteFinder, QuotesConfig};
//! use crosscheck_text::{TextAnalyzer, TextConfig};
//!
//! let text = "The mayor spoke on Friday.\n\n“The bridge will open in May,” Ana Vell said.\n";
//! let article = Article::new(Origin::file("a.txt"), text.into());
//! let mut doc = TextAnalyzer::new(TextConfig::default()).analyze(article);
//! QuoteFinder::new(QuotesConfig::default()).annotate(&mut doc);
//! let quote = doc.quotes[0];
//! assert_eq!(doc.text(quote.content), "“The bridge will open in May,”");
//! assert_eq!(quote.source.map(|s| doc.text(s)), Some("Ana Vell"));
//! assert!(quote.direct);
//! ```
#![deny(missing_docs)]

mod anaphora;
mod cues;
mod finder;

/// The text stage this one reads (sentences, tokens, segments), re-exported so that
/// a caller that runs both, such as the evaluation, needs one dependency.
pub use crosscheck_text as text;
pub use cues::cue_count;
pub use finder::QuoteFinder;

use serde::{Deserialize, Serialize};

/// Settings for [`QuoteFinder`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct QuotesConfig {
    /// Also find reported speech (`Vell said the bridge would open`), not only text
    /// in quotation marks.
    pub indirect: bool,
    /// Weakest cue word accepted, in tenths of the share of its uses that report
    /// speech (`said` is 9, `thinks` 4). Lower finds more and errs more.
    pub min_cue_strength: u8,
    /// Keep a quotation with no cue anywhere near it when it is at least this many
    /// words long (0 never keeps one). Shorter ones are usually scare quotes or titles.
    pub min_uncued_words: usize,
    /// Replace a source that points back to someone named earlier (`he added`,
    /// `the first wrote`, `said the president`) by that name, when the text makes
    /// it clear, so that the speaker can be resolved to an entity. Off when
    /// sources are scored as written (the PolNeAR benchmark).
    pub resolve_sources: bool,
}

impl Default for QuotesConfig {
    fn default() -> Self {
        QuotesConfig {
            indirect: true,
            min_cue_strength: 4,
            min_uncued_words: 6,
            resolve_sources: true,
        }
    }
}
