//! Claims: what each report states, clause by clause, in slots that can be
//! compared across reports.
//!
//! [`ClaimExtractor`] reads the body sentences of an analysed [`Doc`] (captions,
//! credits, headings and bylines yield no claims) and fills `doc.claims`: for each
//! clause that states something, its subject, predicate lemma, object, date,
//! place, numbers, polarity, modality (asserted, planned, hedged) and, for quoted
//! or reported speech, the attribution. It uses the entity, time and quote layers
//! when earlier stages filled them and falls back to its own light rules when
//! they are empty. Reported speech (`X said (that) Y`, `Y, X said`, `according
//! to X, Y`) yields Y as a claim attributed to X, never a `say` claim; the
//! quotes layer's quotation marks are taken as they are, its reported-speech
//! spans only where the crate's own frames find none. A passive with its `by`
//! agent is read in the active voice (agent as subject, `passive` false). No parser, no model: a lexicon of closed word classes and verb
//! forms, read left to right, so it runs in tens of microseconds per article.
//!
//! ```
//! use crosscheck_claims::{ClaimExtractor, ClaimsConfig};
//! use crosscheck_core::layers::claim::Modality;
//! use crosscheck_core::{Article, Doc, Origin, Segment, SegmentKind, Sentence, Span, Token, TokenKind};
//!
//! // A hand-made doc (the pipeline builds these with crosscheck-text).
//! let text = "The envoys are expected to sign the accord on Monday.";
//! let mut doc = Doc::unanalysed(Article::new(Origin::file("a.txt"), text.into()));
//! let whole = Span::new(0, text.len());
//! doc.segments.push(Segment { kind: SegmentKind::Body, span: whole });
//! doc.sentences.push(Sentence { span: whole, segment: 0 });
//! let mut at = 0;
//! for word in text.trim_end_matches('.').split(' ') {
//!     doc.tokens.push(Token { span: Span::new(at, at + word.len()), kind: TokenKind::Word });
//!     at += word.len() + 1;
//! }
//! doc.tokens.push(Token { span: Span::new(text.len() - 1, text.len()), kind: TokenKind::Punct });
//!
//! ClaimExtractor::new(ClaimsConfig::default()).annotate(&mut doc);
//! let claim = &doc.claims[0];
//! assert_eq!(claim.predicate, "sign");
//! assert_eq!(claim.modality, Modality::Planned);
//! assert_eq!(claim.key, "sign|accord|envoy");
//! assert_eq!(claim.date.as_ref().and_then(|d| d.value.as_deref()), Some("XXXX-WXX-1"));
//! ```
#![deny(missing_docs)]

mod dates;
mod extract;
mod lexicon;
mod numbers;

use crosscheck_core::Doc;
use crosscheck_core::layers::claim::Claim;
use serde::{Deserialize, Serialize};

pub use crosscheck_core::layers::claim::{Argument, Attribution, ClaimDate, Modality, Quantity};
pub use lexicon::{noun_singular, verb_lemma};

/// Settings of the claim stage.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct ClaimsConfig {
    /// Split coordinated main clauses and `, who …,` relatives into claims of their own.
    pub split_clauses: bool,
    /// Resolve `he`/`she` subjects to the person last named.
    pub resolve_pronouns: bool,
    /// Recognise weekday and month dates when the time layer is empty.
    pub fallback_dates: bool,
    /// At most this many claims per sentence (run-on sentences of machine
    /// translation otherwise yield noise).
    pub max_claims_per_sentence: usize,
}

impl Default for ClaimsConfig {
    fn default() -> Self {
        ClaimsConfig {
            split_clauses: true,
            resolve_pronouns: true,
            fallback_dates: true,
            max_claims_per_sentence: 4,
        }
    }
}

/// The claim stage: reads a doc's body sentences into [`Claim`]s.
#[derive(Debug, Clone, Default)]
pub struct ClaimExtractor {
    config: ClaimsConfig,
}

impl ClaimExtractor {
    /// An extractor with these settings.
    pub fn new(config: ClaimsConfig) -> Self {
        // Build the lexicon now rather than inside the first article's timing.
        let _ = lexicon::Lexicon::get();
        ClaimExtractor { config }
    }

    /// The claims of a doc, in text order. Only `body` segments are read.
    pub fn extract(&self, doc: &Doc) -> Vec<Claim> {
        let mut out = Vec::new();
        let mut reader = extract::Reader::new(doc, &self.config);
        let mut segment = u32::MAX;
        for (si, sentence) in doc.sentences.iter().enumerate() {
            if sentence.segment != segment {
                segment = sentence.segment;
                // A quote left open does not run into another paragraph.
                reader.open_quote = None;
            }
            let is_body = doc
                .segments
                .get(sentence.segment as usize)
                .is_some_and(|s| s.kind.is_report());
            if !is_body {
                continue;
            }
            reader.sentence = si as u32;
            reader.load(doc.sentence_tokens(sentence));
            reader.load_dates(sentence.span);
            reader.read_sentence(sentence.span, &mut out);
        }
        out
    }

    /// Fills `doc.claims`.
    pub fn annotate(&self, doc: &mut Doc) {
        doc.claims = self.extract(doc);
    }
}
