//! Claims: what each report states, broken into comparable slots (filled by the
//! `claims` stage).
//!
//! A claim is one clause of report text with its predicate and arguments. The
//! slots that reports can disagree on (date, place, numbers, participants,
//! polarity) are kept out of [`Claim::key`], so that the fusion stage can group
//! claims by key and then compare those slots: same key, different date is a
//! conflict; same key, planned earlier and asserted later is an update.

use serde::{Deserialize, Serialize};

use crate::Span;
use crate::layers::entity::EntityKind;

/// How sure the clause is that what it says happened or holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, Default)]
#[serde(rename_all = "snake_case")]
pub enum Modality {
    /// Stated as fact (`signed the accord on Tuesday`).
    #[default]
    Asserted,
    /// Planned or expected (`will`, `is expected to`, `plans to`, `is due to`, `scheduled`).
    Planned,
    /// Hedged (`may`, `might`, `could`, `reportedly`, `possibly`, `allegedly`).
    Hedged,
}

impl Modality {
    /// The modality's name as written in the dossier.
    pub fn as_str(self) -> &'static str {
        match self {
            Modality::Asserted => "asserted",
            Modality::Planned => "planned",
            Modality::Hedged => "hedged",
        }
    }
}

/// A participant of a claim: a subject, an object or a place.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Argument {
    /// Where it is written in the body (a name, a noun phrase or a pronoun).
    pub span: Span,
    /// Its canonical head for alignment: lowercase, the surname of a person, the
    /// singular head noun of a noun phrase (`putin`, `accord`, `delegation`).
    pub head: String,
    /// Index in `Doc::entities` of the mention it is or resolves to (a pronoun
    /// resolves to the person last named before it).
    pub entity: Option<u32>,
    /// The kind of that entity.
    pub kind: Option<EntityKind>,
}

/// The date or time a claim is about.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct ClaimDate {
    /// The time expression as written.
    pub span: Span,
    /// Its TIMEX3 value when known (`2025-05-15`, `2025-05-15TEV`, `2022-03`).
    pub value: Option<String>,
}

/// A number stated by a claim, with what it counts.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Quantity {
    /// The number and its unit as written (`30-day`, `40 percent`, `three years`).
    pub span: Span,
    /// The value (`1.2 million` is 1200000).
    pub value: f64,
    /// The singular unit or counted noun (`day`, `percent`, `year`, `engineer`).
    pub unit: Option<String>,
    /// For a number used as a modifier, the noun it describes (`ceasefire` in
    /// `30-day ceasefire`).
    pub of: Option<String>,
}

/// Who a claim is attributed to, when it is not the outlet's own statement.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Attribution {
    /// The source as written (a name, a title or a pronoun), when named.
    pub source: Option<Span>,
    /// The reporting cue (`said`, `told`, `according to`), when there is one.
    pub cue: Option<Span>,
    /// Index in `Doc::quotes` of the attribution it comes from, when that layer has it.
    pub quote: Option<u32>,
    /// True inside a direct quote (quotation marks), false for reported speech.
    pub direct: bool,
}

/// One thing a report states.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Claim {
    /// The clause (or sentence) the claim rests on.
    pub evidence: Span,
    /// Index in `Doc::sentences` of the sentence holding it.
    pub sentence: u32,
    /// Who or what the claim is about.
    pub subject: Option<Argument>,
    /// The main verb as written (the last word of the verb group).
    pub verb: Span,
    /// Lemma of the main verb with its particle (`sign`, `meet`, `travel to`, `lead`).
    pub predicate: String,
    /// True for a passive clause (`was signed`), whose subject is the thing acted on.
    pub passive: bool,
    /// What the verb acts on (for a passive, the `by` agent).
    pub object: Option<Argument>,
    /// Named people and organisations in the clause, subject and object included.
    pub participants: Vec<Argument>,
    /// When it happened or is to happen.
    pub date: Option<ClaimDate>,
    /// Where it happened or is to happen.
    pub place: Option<Argument>,
    /// Numbers stated in the clause (dates and times excluded).
    pub numbers: Vec<Quantity>,
    /// True when the clause is negated (`not`, `never`, `denied`, `refused to`).
    pub negated: bool,
    /// Asserted, planned or hedged.
    pub modality: Modality,
    /// The source, when the claim is quoted or reported speech rather than the
    /// outlet's own statement.
    pub attribution: Option<Attribution>,
    /// Alignment key: the predicate and the sorted heads of subject and object,
    /// joined by `|` (`sign|accord|varga`). Date, place, numbers, polarity and
    /// modality are left out on purpose: they are what aligned claims are compared on.
    pub key: String,
}

impl Claim {
    /// True when the claim comes from a direct quote.
    pub fn from_quote(&self) -> bool {
        self.attribution.is_some_and(|a| a.direct)
    }

    /// True when the claim is the outlet's own statement, not attributed to a source.
    pub fn is_outlet_claim(&self) -> bool {
        self.attribution.is_none()
    }
}
