//! Sentence splitting that knows news abbreviations.
//!
//! General-purpose splitters break after `Mr.` and `U.S.`; this one looks at the word
//! before a full stop and the word after it. Titles (`Mr.`, `Gen.`) never end a
//! sentence; acronyms (`U.S.`), initials and abbreviations that can end one (`Inc.`,
//! `a.m.`) end it only when a word that usually opens a sentence follows.

use std::sync::LazyLock;

use crosscheck_core::{Sentence, Span};

use crate::wordset::WordSet;

/// Splits segments of the body into sentences.
#[derive(Debug, Clone, Default)]
pub struct SentenceSplitter {}

/// Abbreviations that are never the last word of a sentence in news text.
const TITLES: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mme", "mlle", "dr", "prof", "gen", "lt", "col", "maj", "capt",
    "cpt", "sgt", "cpl", "pvt", "adm", "cmdr", "brig", "gov", "sen", "rep", "reps", "pres", "amb",
    "rev", "hon", "fr", "st", "ste", "mt", "ft", "supt", "insp", "det", "atty", "gen", "lieut",
    "cmdt", "vs", "v", "cf", "approx", "dept", "est", "fig", "figs", "no", "nos", "art", "vol",
    "pp", "ch", "sec", "ed", "eds", "e.g", "i.e", "viz", "ca", "al",
];

/// Abbreviations that end sentences as often as not (`Inc.`, months, states).
const WEAK: &[&str] = &[
    "inc", "corp", "co", "ltd", "llc", "plc", "bros", "jr", "sr", "etc", "jan", "feb", "mar",
    "apr", "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "ave", "blvd", "rd", "ala",
    "ariz", "ark", "calif", "colo", "conn", "del", "fla", "ga", "ill", "ind", "kan", "ky", "la",
    "md", "mass", "mich", "minn", "miss", "mo", "mont", "neb", "nev", "okla", "ore", "pa", "tenn",
    "tex", "va", "vt", "wash", "wis", "wyo", "univ", "assn",
];

/// Abbreviations that precede numbers (`No. 5`, `Jan. 12`).
const BEFORE_NUMBERS: &[&str] = &[
    "no", "nos", "art", "vol", "pp", "p", "ch", "sec", "fig", "figs", "jan", "feb", "mar", "apr",
    "jun", "jul", "aug", "sep", "sept", "oct", "nov", "dec", "st", "rev", "op", "para",
];

/// Words that commonly open a sentence: after an ambiguous abbreviation, one of
/// these means the abbreviation ended the sentence.
const STARTERS: &[&str] = &[
    "the",
    "a",
    "an",
    "he",
    "she",
    "it",
    "they",
    "we",
    "i",
    "you",
    "but",
    "and",
    "or",
    "so",
    "yet",
    "in",
    "on",
    "at",
    "as",
    "after",
    "before",
    "when",
    "while",
    "if",
    "this",
    "that",
    "these",
    "those",
    "there",
    "their",
    "his",
    "her",
    "its",
    "our",
    "my",
    "your",
    "some",
    "many",
    "most",
    "all",
    "no",
    "not",
    "one",
    "both",
    "each",
    "meanwhile",
    "however",
    "still",
    "also",
    "earlier",
    "later",
    "what",
    "why",
    "how",
    "who",
    "where",
    "since",
    "for",
    "to",
    "by",
    "with",
    "from",
    "then",
    "now",
    "today",
    "yesterday",
    "mr",
    "mrs",
    "ms",
    "dr",
    "according",
    "asked",
    "during",
    "despite",
    "although",
    "though",
    "until",
    "among",
    "under",
    "over",
    "about",
    "more",
    "several",
    "other",
    "others",
    "another",
    "neither",
    "nor",
    "instead",
    "such",
    "last",
    "next",
    "first",
    "following",
    "speaking",
    "separately",
    "elsewhere",
    "here",
    "nothing",
];

/// Words after `a.m.`/`p.m.` that continue the time phrase.
const TIME_FOLLOWERS: &[&str] = &[
    "gmt",
    "utc",
    "et",
    "est",
    "edt",
    "pt",
    "pst",
    "pdt",
    "ct",
    "cst",
    "bst",
    "cet",
    "cest",
    "msk",
    "local",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "eastern",
    "pacific",
    "central",
    "moscow",
    "kyiv",
    "istanbul",
    "london",
];

/// The lists above, sorted for look-up once per process.
struct Sets {
    titles: WordSet,
    weak: WordSet,
    before_numbers: WordSet,
    starters: WordSet,
    time_followers: WordSet,
}

static SETS: LazyLock<Sets> = LazyLock::new(|| Sets {
    titles: WordSet::new(TITLES),
    weak: WordSet::new(WEAK),
    before_numbers: WordSet::new(BEFORE_NUMBERS),
    starters: WordSet::new(STARTERS),
    time_followers: WordSet::new(TIME_FOLLOWERS),
});

/// Closing quotes and brackets that stay with the sentence they close.
fn is_closer(c: char) -> bool {
    matches!(c, '"' | '”' | '’' | '\'' | ')' | ']' | '»' | '›' | '}')
}

fn is_terminator(c: char) -> bool {
    matches!(c, '.' | '!' | '?' | '…' | '‽')
}

/// Why a terminator ends, or does not end, a sentence.
fn ends_sentence(prev: &str, terms: &str, next: &str) -> bool {
    let next_first = next.chars().next().unwrap_or(' ');
    let next_word: &str = next
        .trim_start_matches(|c: char| !c.is_alphanumeric())
        .split(|c: char| !c.is_alphanumeric())
        .next()
        .unwrap_or("");
    let opens = !next_first.is_alphanumeric();
    let next_cap = next_word.chars().next().is_some_and(char::is_uppercase);
    if next_first.is_lowercase() {
        // `"Why?" he asked.`, `etc. and`.
        return false;
    }
    if terms != "." {
        // `!`, `?`, `...`, `…`: a sentence ends when a capital, digit or quote follows.
        return next_cap || opens || next_first.is_ascii_digit();
    }
    let prev_bare = prev.trim_start_matches(|c: char| !c.is_alphanumeric());
    if next_first.is_ascii_digit() {
        return !SETS.before_numbers.contains(prev_bare);
    }
    if SETS.titles.contains(prev_bare) {
        return false;
    }
    let starter = SETS.starters.contains(next_word);
    let mut letters = prev_bare.chars();
    let single = matches!((letters.next(), letters.next()), (Some(c), None) if c.is_alphabetic());
    if single {
        // `John F. Kennedy` versus `Plan B. The`.
        return starter || opens && !next_cap;
    }
    if prev_bare.contains('.') {
        // `U.S.`, `a.m.`, `D.C.`
        let time = prev_bare.eq_ignore_ascii_case("a.m") || prev_bare.eq_ignore_ascii_case("p.m");
        if time {
            return next_cap && !SETS.time_followers.contains(next_word) || opens;
        }
        return starter || opens;
    }
    if SETS.weak.contains(prev_bare) {
        return starter || opens;
    }
    true
}

impl SentenceSplitter {
    /// A splitter.
    pub fn new() -> Self {
        SentenceSplitter {}
    }

    /// Appends the sentences of the segment at `span` (index `segment`) of `body`.
    pub fn split(&self, body: &str, span: Span, segment: u32, out: &mut Vec<Sentence>) {
        let base = span.start as usize;
        let text = span.slice(body);
        let bytes = text.as_bytes();
        let mut start = text.len() - text.trim_start().len();
        let mut i = start;
        while i < bytes.len() {
            // Byte scan: terminators are ASCII or start with 0xE2 (`…`, `‽`), which
            // is never a continuation byte, so stepping by bytes stays correct.
            let b = bytes.get(i).copied().unwrap_or(0);
            if !matches!(b, b'.' | b'!' | b'?' | 0xE2) {
                i += 1;
                continue;
            }
            let is_term = text
                .get(i..)
                .and_then(|s| s.chars().next())
                .is_some_and(is_terminator);
            if !is_term {
                i += 1;
                continue;
            }
            let term_start = i;
            let mut j = i;
            while let Some(c) = text.get(j..).and_then(|s| s.chars().next()) {
                if !is_terminator(c) {
                    break;
                }
                j += c.len_utf8();
            }
            let term_end = j;
            while let Some(c) = text.get(j..).and_then(|s| s.chars().next()) {
                if !is_closer(c) {
                    break;
                }
                j += c.len_utf8();
            }
            let end = j;
            let after = text.get(end..).unwrap_or("");
            if !after.starts_with(char::is_whitespace) {
                // `3.5`, `U.S.A`, `example.com`, or the segment's end.
                i = term_end.max(term_start + 1);
                continue;
            }
            let next = after.trim_start();
            let next_at = text.len() - next.len();
            if next.is_empty() {
                break;
            }
            let prev_start = text
                .get(..term_start)
                .and_then(|s| s.rfind(char::is_whitespace))
                .map_or(0, |p| p + 1);
            let prev = text.get(prev_start..term_start).unwrap_or("");
            let terms = text.get(term_start..term_end).unwrap_or(".");
            let terms = if terms.chars().all(|c| c == '.') && terms.len() > 1 {
                "…"
            } else {
                terms
            };
            // Only punctuation left (`there will be. “`): it stays with the sentence.
            let words_follow = next.chars().any(char::is_alphanumeric);
            if words_follow && ends_sentence(prev, terms, next) {
                if end > start {
                    out.push(Sentence {
                        span: Span::new(base + start, base + end),
                        segment,
                    });
                }
                start = next_at;
            }
            i = next_at;
        }
        let end = text.trim_end().len();
        if end > start {
            out.push(Sentence {
                span: Span::new(base + start, base + end),
                segment,
            });
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn split(text: &str) -> Vec<&str> {
        let mut out = Vec::new();
        SentenceSplitter::new().split(text, Span::new(0, text.len()), 0, &mut out);
        out.iter().map(|s| s.span.slice(text)).collect()
    }

    #[test]
    fn titles_and_initials_do_not_end_sentences() {
        assert_eq!(
            split(
                "Mr. Doe met Gen. Roe and Dr. Poe. John F. Kennedy was not there. Sen. Ray left."
            ),
            [
                "Mr. Doe met Gen. Roe and Dr. Poe.",
                "John F. Kennedy was not there.",
                "Sen. Ray left."
            ]
        );
    }

    #[test]
    fn acronyms_end_sentences_only_before_a_starter() {
        assert_eq!(
            split(
                "The U.S. Embassy in Port Avel closed. Aid came from the U.S. The talks went on."
            ),
            [
                "The U.S. Embassy in Port Avel closed.",
                "Aid came from the U.S.",
                "The talks went on."
            ]
        );
        assert_eq!(
            split("It began at 9 a.m. Monday and ended at 5 p.m. Officials left."),
            [
                "It began at 9 a.m. Monday and ended at 5 p.m.",
                "Officials left."
            ]
        );
    }

    #[test]
    fn numbers_months_and_ellipses() {
        assert_eq!(
            split(
                "Growth was 3.5 percent on Jan. 12 in No. 5 district. It fell... Then it rose... slowly."
            ),
            [
                "Growth was 3.5 percent on Jan. 12 in No. 5 district.",
                "It fell...",
                "Then it rose... slowly."
            ]
        );
    }

    #[test]
    fn quotes_stay_with_their_sentence() {
        assert_eq!(
            split(
                "“We are ready. We will go,” he said. “Why?” she asked. He said it is over now.\" He left."
            ),
            [
                "“We are ready.",
                "We will go,” he said.",
                "“Why?” she asked.",
                "He said it is over now.\"",
                "He left."
            ]
        );
    }

    #[test]
    fn acronym_before_a_title_does_not_end_the_sentence() {
        assert_eq!(
            split("It was shown to U.S. President Ann Roe. Stray marks stay. “"),
            [
                "It was shown to U.S. President Ann Roe.",
                "Stray marks stay. “"
            ]
        );
    }

    #[test]
    fn a_line_without_a_full_stop_is_one_sentence() {
        assert_eq!(
            split("Talks Begin Under Turkish Mediation"),
            ["Talks Begin Under Turkish Mediation"]
        );
    }
}
