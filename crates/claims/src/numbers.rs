//! Numbers stated in a clause, with their unit or what they count
//! (`30-day ceasefire`, `40 percent`, `three years`, `12 engineers`, `1.2 million`).

use crosscheck_core::layers::claim::Quantity;
use crosscheck_core::{Span, TokenKind};

use crate::extract::Reader;
use crate::lexicon::{class, noun_singular};

/// Parses `1,200` / `3.5` / `30` as a number.
fn parse_number(text: &str) -> Option<f64> {
    let mut buf = [0u8; 32];
    let mut n = 0;
    for b in text.bytes() {
        if b == b',' {
            continue;
        }
        if !(b.is_ascii_digit() || b == b'.') {
            return None;
        }
        *buf.get_mut(n)? = b;
        n += 1;
    }
    std::str::from_utf8(buf.get(..n)?).ok()?.parse().ok()
}

/// Appends the numbers in tokens `[s, e)` of the reader's sentence.
pub(crate) fn find(
    reader: &Reader<'_>,
    s: usize,
    e: usize,
    hole: Option<(usize, usize)>,
    out: &mut Vec<Quantity>,
) {
    let toks = reader.toks();
    let text = |i: usize| toks.get(i).map_or("", |t| reader.body_text(t.span));
    // Numbers inside a date or time are the date's, not quantities.
    let in_date = |span: Span| {
        reader
            .dates()
            .iter()
            .any(|d| d.is_date && d.span.contains(span))
    };
    let mut i = s;
    while i < e {
        if Reader::hole_contains(hole, i) {
            i += 1;
            continue;
        }
        let Some(t) = toks.get(i) else { break };
        let word = text(i);
        // The number itself: digits, a number word, or `30-day` written as one word.
        let mut unit_in_word: Option<&str> = None;
        let value = match t.kind {
            TokenKind::Number => parse_number(word),
            TokenKind::Word if t.entry.class & class::NUMWORD != 0 => {
                Some(f64::from(t.entry.number))
            }
            TokenKind::Word => word
                .split_once(['-', '\u{2010}', '\u{2011}'])
                .and_then(|(n, u)| {
                    let v = parse_number(n).or_else(|| {
                        let e = reader_lookup_number(n)?;
                        Some(f64::from(e))
                    })?;
                    unit_in_word = Some(u);
                    Some(v)
                }),
            TokenKind::Punct => None,
        };
        let Some(mut value) = value else {
            i += 1;
            continue;
        };
        if in_date(t.span) {
            i += 1;
            continue;
        }
        let start = t.span;
        let mut end = i;
        // `1.2 million`, `three hundred`.
        while let Some(m) = toks
            .get(end + 1)
            .filter(|m| m.entry.class & class::MULT != 0 && end + 1 < e)
        {
            value *= f64::from(m.entry.number);
            end += 1;
        }
        let mut unit = None;
        let mut of = None;
        if let Some(u) = unit_in_word {
            unit = Some(noun_singular(u));
            if let Some(n) = toks.get(end + 1).filter(|n| {
                n.kind == TokenKind::Word
                    && n.entry.class & (class::PREP | class::CONJ | class::DET | class::VERB) == 0
            }) {
                of = Some(noun_singular(reader.body_text(n.span)));
                let _ = n;
            }
        } else if let Some(n) = toks.get(end + 1).filter(|_| end + 1 < e) {
            let nt = text(end + 1);
            if nt == "%" {
                unit = Some("percent".to_owned());
                end += 1;
            } else if nt.eq_ignore_ascii_case("per") && text(end + 2).eq_ignore_ascii_case("cent") {
                unit = Some("percent".to_owned());
                end += 2;
            } else if n.kind == TokenKind::Word
                && n.entry.class
                    & (class::PREP
                        | class::CONJ
                        | class::DET
                        | class::REL
                        | class::BE
                        | class::HAVE
                        | class::MODAL_PLAN
                        | class::MODAL_HEDGE)
                    == 0
            {
                unit = Some(noun_singular(nt));
                end += 1;
                // `12 more engineers`, `three new ships`: skip one modifier.
                if matches!(
                    unit.as_deref(),
                    Some("more" | "new" | "other" | "additional" | "further")
                ) && let Some(n2) = toks
                    .get(end + 1)
                    .filter(|n2| n2.kind == TokenKind::Word && end + 1 < e)
                {
                    unit = Some(noun_singular(reader.body_text(n2.span)));
                    end += 1;
                }
            } else if text(end) == "-" {
                // `30 - day` spacing left by translation.
            }
        }
        // A four-digit year is not a quantity, nor is one before a singular noun
        // (`the 2021 border pact`); `2000 troops` is.
        let year_like =
            t.kind == TokenKind::Number && word.len() == 4 && (1900.0..=2100.0).contains(&value);
        if year_like
            && unit.as_deref().is_some_and(|u| {
                toks.get(i + 1)
                    .is_some_and(|n| reader.body_text(n.span).eq_ignore_ascii_case(u))
            })
        {
            i = end + 1;
            continue;
        }
        // `the two countries`, `both sides`: a count of participants already named.
        if i > 0
            && (text(i - 1).eq_ignore_ascii_case("the")
                || text(i - 1).eq_ignore_ascii_case("its")
                || text(i - 1).eq_ignore_ascii_case("their"))
            && t.kind == TokenKind::Word
        {
            i = end + 1;
            continue;
        }
        // `the one who`, `one of them`: a pronoun, not a count.
        if t.kind == TokenKind::Word && value == 1.0 && unit.is_none() {
            i = end + 1;
            continue;
        }
        // A bare four-digit year is not a quantity.
        if unit.is_none()
            && t.kind == TokenKind::Number
            && word.len() == 4
            && (1900.0..=2100.0).contains(&value)
        {
            i = end + 1;
            continue;
        }
        // `$3 billion`, `€40 million loan`: a currency sign before the number is
        // its unit, and a noun after it says what the money is for.
        let mut start = start;
        if let Some(currency) = i
            .checked_sub(1)
            .filter(|&p| p >= s)
            .and_then(|p| toks.get(p))
            .filter(|p| p.kind == TokenKind::Punct)
            .and_then(|p| currency_of(reader.body_text(p.span)).map(|c| (p.span, c)))
        {
            if of.is_none() && unit_in_word.is_none() {
                of = unit.take();
            }
            unit = Some(currency.1.to_owned());
            start = currency.0;
        }
        let end_span = toks.get(end).map_or(start, |t| t.span);
        out.push(Quantity {
            span: Span {
                start: start.start,
                end: end_span.end,
            },
            value,
            unit,
            of,
        });
        i = end + 1;
    }
}

/// The unit a currency sign stands for.
fn currency_of(sign: &str) -> Option<&'static str> {
    match sign {
        "$" => Some("dollar"),
        "\u{20ac}" => Some("euro"),
        "\u{a3}" => Some("pound"),
        "\u{a5}" => Some("yen"),
        _ => None,
    }
}

fn reader_lookup_number(word: &str) -> Option<u32> {
    let e = crate::lexicon::Lexicon::get().lookup(word);
    (e.class & class::NUMWORD != 0).then_some(e.number)
}
