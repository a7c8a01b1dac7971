//! The slots aligned claims are compared on, normalised so that equal things
//! compare equal and compatible things (a day and its month) do not conflict.

use crosscheck_core::Doc;
use crosscheck_core::layers::claim::Claim;

use crate::align::fold;

/// A slot on which aligned claims can disagree.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum SlotKind {
    /// The calendar day.
    Date,
    /// Where it happened.
    Place,
    /// A number with what it counts.
    Number,
    /// Whether it happened at all.
    Polarity,
}

impl SlotKind {
    pub fn as_str(self) -> &'static str {
        match self {
            SlotKind::Date => "date",
            SlotKind::Place => "place",
            SlotKind::Number => "number",
            SlotKind::Polarity => "polarity",
        }
    }

    /// How the slot reads in an explanation.
    pub fn describe(self) -> &'static str {
        match self {
            SlotKind::Date => "when",
            SlotKind::Place => "where",
            SlotKind::Number => "how many",
            SlotKind::Polarity => "whether",
        }
    }
}

/// The values a claim gives for each slot (a claim may give several numbers).
pub fn values(claim: &Claim, doc: &Doc, slot: SlotKind) -> Vec<(String, String)> {
    match slot {
        SlotKind::Date => claim
            .date
            .as_ref()
            .and_then(|d| d.value.as_deref())
            .and_then(calendar_day)
            .map(|day| vec![(String::new(), day.to_string())])
            .unwrap_or_default(),
        SlotKind::Place => claim
            .place
            .as_ref()
            .map(|p| fold(doc.text(p.span).trim()))
            .filter(|p| !p.is_empty())
            .map(|p| vec![(String::new(), p)])
            .unwrap_or_default(),
        SlotKind::Number => claim
            .numbers
            .iter()
            .filter_map(|q| {
                let unit = q.unit.clone()?;
                // What the number counts is the comparison key: `40 percent` of
                // the inflow and `12 engineers` are never compared with each other.
                let key = match &q.of {
                    Some(of) => format!("{unit} {of}"),
                    None => unit.clone(),
                };
                Some((key, format!("{} {unit}", trim_number(q.value))))
            })
            .collect(),
        SlotKind::Polarity => vec![(
            String::new(),
            if claim.negated {
                "did not happen"
            } else {
                "happened"
            }
            .to_string(),
        )],
    }
}

/// The `YYYY-MM-DD` day of a TIMEX3 value, when it names one day.
pub fn calendar_day(value: &str) -> Option<&str> {
    let day = value.get(..10)?;
    let bytes = day.as_bytes();
    let shape_ok = bytes.iter().enumerate().all(|(i, b)| match i {
        4 | 7 => *b == b'-',
        _ => b.is_ascii_digit(),
    });
    shape_ok.then_some(day)
}

fn trim_number(value: f64) -> String {
    if value.fract() == 0.0 && value.abs() < 1e15 {
        format!("{}", value as i64)
    } else {
        format!("{value}")
    }
}

/// True when one place contains the other, so reports giving one or the other
/// do not disagree: the gazetteer knows the city lies in that country (`Paris`,
/// `France`), or some report names both in one sentence (`Brenmoor, in
/// Veloria`), or one name contains the other.
pub fn places_compatible(a: &str, b: &str, docs: &[&Doc]) -> bool {
    if a.contains(b) || b.contains(a) || crate::places::one_lies_in_the_other(a, b) {
        return true;
    }
    docs.iter().any(|doc| {
        doc.sentences.iter().any(|s| {
            let text = fold(doc.text(s.span));
            text.contains(a) && text.contains(b)
        })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_timex_names_a_day_only_when_it_has_one() {
        assert_eq!(calendar_day("2026-03-03"), Some("2026-03-03"));
        assert_eq!(calendar_day("2026-03-03TEV"), Some("2026-03-03"));
        assert_eq!(calendar_day("2026-03"), None);
        assert_eq!(calendar_day("PAST_REF"), None);
        assert_eq!(calendar_day("2026-W10"), None);
    }
}
