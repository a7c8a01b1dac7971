//! Time expressions (filled by the `time` stage).

use serde::{Deserialize, Serialize};

use crate::Span;

/// TIMEX3 types.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(rename_all = "UPPERCASE")]
pub enum TimexKind {
    /// A calendar date or period (`Thursday`, `March 2022`, `last weekend`).
    Date,
    /// A time of day (`0930 GMT`, `late Wednesday`).
    Time,
    /// A length of time (`three years`).
    Duration,
    /// A recurring time (`every Monday`).
    Set,
}

/// A time expression and its normalised value.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct TimeExpression {
    /// Where the expression is in the body.
    pub span: Span,
    /// Its TIMEX3 type.
    pub kind: TimexKind,
    /// Its TIMEX3 value (`2025-03-06`, `2025-03-05TNI`, `P3Y`, `PAST_REF`).
    pub value: String,
}
