//! Attributions: who said what (filled by the `quotes` stage).

use serde::{Deserialize, Serialize};

use crate::Span;

/// One attribution: what was said, the cue that reports it, and who said it.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Quote {
    /// What was said (for a direct quote, including its quotation marks).
    pub content: Span,
    /// The reporting cue (`said`, `told`, `according to`), when there is one.
    pub cue: Option<Span>,
    /// The source as written (a name, a title, or a pronoun), when there is one.
    pub source: Option<Span>,
    /// True for a quote in quotation marks, false for reported speech.
    pub direct: bool,
}
