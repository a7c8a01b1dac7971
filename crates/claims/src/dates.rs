//! A light date recogniser for when the time layer is empty: weekdays
//! (`on Thursday`, `late Wednesday`), month dates (`May 12, 2025`, `12 May`,
//! `March 2022`), `today`/`yesterday`/`tomorrow`, and years after `in`/`since`.
//! Values are TIMEX3 where the text alone fixes them (`2025-05-12`, `2022-03`,
//! weekday `XXXX-WXX-4`); resolving relative dates is the time stage's job.

use crosscheck_core::{Doc, Span, TokenKind};

use crate::extract::{DateMention, Tok};
use crate::lexicon::class;

fn number(doc: &Doc, t: &Tok) -> Option<u32> {
    if t.kind != TokenKind::Number {
        return None;
    }
    t.span.slice(&doc.body).parse().ok()
}

fn year(doc: &Doc, t: Option<&Tok>) -> Option<u32> {
    number(doc, t?).filter(|y| (1900..=2100).contains(y))
}

fn day(doc: &Doc, t: Option<&Tok>) -> Option<u32> {
    let t = t?;
    if t.kind == TokenKind::Number {
        return number(doc, t).filter(|d| (1..=31).contains(d));
    }
    // `12th`, `1st`: a word token made of digits and an ordinal suffix.
    let text = t.span.slice(&doc.body);
    let digits = text.trim_end_matches(|c: char| c.is_ascii_alphabetic());
    if digits.len() < text.len() && matches!(&text[digits.len()..], "st" | "nd" | "rd" | "th") {
        return digits.parse().ok().filter(|d| (1..=31).contains(d));
    }
    None
}

/// Appends the dates found among a sentence's tokens.
pub(crate) fn recognise(doc: &Doc, toks: &[Tok], out: &mut Vec<DateMention>) {
    let text = |i: usize| toks.get(i).map_or("", |t| t.span.slice(&doc.body));
    let span = |a: usize, b: usize| -> Option<Span> {
        Some(Span {
            start: toks.get(a)?.span.start,
            end: toks.get(b)?.span.end,
        })
    };
    let mut i = 0;
    while let Some(t) = toks.get(i) {
        let c = t.entry.class;
        if t.kind == TokenKind::Word && c & class::WEEKDAY != 0 && t.cap {
            let mut start = i;
            if i > 0
                && toks
                    .get(i - 1)
                    .is_some_and(|p| p.entry.class & class::TIME_MOD != 0)
                && !text(i - 1).eq_ignore_ascii_case("on")
            {
                start = i - 1;
            }
            let mut end = i;
            let part = text(i + 1).to_ascii_lowercase();
            let part_of_day = match part.as_str() {
                "morning" => Some("MO"),
                "afternoon" => Some("AF"),
                "evening" => Some("EV"),
                "night" => Some("NI"),
                _ => None,
            };
            if part_of_day.is_some() {
                end = i + 1;
            }
            let mut value = format!("XXXX-WXX-{}", t.entry.number);
            if let Some(p) = part_of_day {
                value.push('T');
                value.push_str(p);
            }
            if let Some(s) = span(start, end) {
                out.push(DateMention {
                    span: s,
                    value: Some(value),
                    is_date: true,
                });
            }
            i = end + 1;
            continue;
        }
        if t.kind == TokenKind::Word && c & class::MONTH != 0 && t.cap {
            let month = t.entry.number;
            // `May 12, 2025` / `May 12` / `May 2025`.
            if let Some(d) = day(doc, toks.get(i + 1)) {
                let (y, end) = if text(i + 2) == "," {
                    match year(doc, toks.get(i + 3)) {
                        Some(y) => (Some(y), i + 3),
                        None => (None, i + 1),
                    }
                } else {
                    match year(doc, toks.get(i + 2)) {
                        Some(y) => (Some(y), i + 2),
                        None => (None, i + 1),
                    }
                };
                let value = match y {
                    Some(y) => format!("{y:04}-{month:02}-{d:02}"),
                    None => format!("XXXX-{month:02}-{d:02}"),
                };
                if let Some(s) = span(i, end) {
                    out.push(DateMention {
                        span: s,
                        value: Some(value),
                        is_date: true,
                    });
                }
                i = end + 1;
                continue;
            }
            if let Some(y) = year(doc, toks.get(i + 1)) {
                if let Some(s) = span(i, i + 1) {
                    out.push(DateMention {
                        span: s,
                        value: Some(format!("{y:04}-{month:02}")),
                        is_date: true,
                    });
                }
                i += 2;
                continue;
            }
            // `12 May 2025` / `12 May`.
            if let Some(d) = i.checked_sub(1).and_then(|p| day(doc, toks.get(p))) {
                let (y, end) = match year(doc, toks.get(i + 1)) {
                    Some(y) => (Some(y), i + 1),
                    None => (None, i),
                };
                let value = match y {
                    Some(y) => format!("{y:04}-{month:02}-{d:02}"),
                    None => format!("XXXX-{month:02}-{d:02}"),
                };
                if let Some(s) = span(i - 1, end) {
                    out.push(DateMention {
                        span: s,
                        value: Some(value),
                        is_date: true,
                    });
                }
                i = end + 1;
                continue;
            }
            // A bare month needs `in` before it (`may` and `march` are words too).
            if i > 0
                && text(i - 1).eq_ignore_ascii_case("in")
                && let Some(s) = span(i, i)
            {
                out.push(DateMention {
                    span: s,
                    value: Some(format!("XXXX-{month:02}")),
                    is_date: true,
                });
            }
            i += 1;
            continue;
        }
        // `last week`, `next month`, `this year`, `earlier this year`.
        if t.kind == TokenKind::Word
            && c & class::TIME_MOD != 0
            && !text(i).eq_ignore_ascii_case("on")
        {
            let unit = text(i + 1).to_ascii_lowercase();
            if matches!(
                unit.as_str(),
                "week" | "month" | "year" | "weekend" | "night"
            ) {
                let value = match text(i).to_ascii_lowercase().as_str() {
                    "last" | "earlier" => "PAST_REF",
                    "next" | "later" => "FUTURE_REF",
                    _ => "PRESENT_REF",
                };
                if let Some(s) = span(i, i + 1) {
                    out.push(DateMention {
                        span: s,
                        value: Some(value.to_owned()),
                        is_date: true,
                    });
                }
                i += 2;
                continue;
            }
        }
        if t.kind == TokenKind::Word && c & class::DAYWORD != 0 {
            if let Some(s) = span(i, i) {
                out.push(DateMention {
                    span: s,
                    value: None,
                    is_date: true,
                });
            }
            i += 1;
            continue;
        }
        if t.kind == TokenKind::Number && i > 0 {
            let prep = text(i - 1).to_ascii_lowercase();
            if matches!(
                prep.as_str(),
                "in" | "since" | "by" | "until" | "from" | "of"
            ) && let Some(y) = year(doc, Some(t))
                && let Some(s) = span(i, i)
            {
                out.push(DateMention {
                    span: s,
                    value: Some(format!("{y:04}")),
                    is_date: true,
                });
            }
        }
        i += 1;
    }
}
