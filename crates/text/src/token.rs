//! Word, number and punctuation tokens.
//!
//! Words keep inner apostrophes, hyphens and the periods of acronyms and known
//! abbreviations (`don't`, `face-to-face`, `U.S.`, `Mr.`); numbers keep their
//! separators (`1,200`, `3.5`, `12:30`); every other mark is a token of its own,
//! except that `...` stays one token.

use std::sync::LazyLock;

use crosscheck_core::{Span, Token, TokenKind};

use crate::wordset::WordSet;

/// Cuts text into tokens.
#[derive(Debug, Clone, Default)]
pub struct Tokenizer {}

/// Abbreviations whose period belongs to the word.
const ABBREVIATIONS: &[&str] = &[
    "mr", "mrs", "ms", "messrs", "mme", "dr", "prof", "gen", "lt", "col", "maj", "capt", "sgt",
    "cpl", "adm", "cmdr", "brig", "gov", "sen", "rep", "pres", "amb", "rev", "hon", "fr", "st",
    "mt", "ft", "supt", "det", "atty", "vs", "approx", "dept", "no", "nos", "vol", "inc", "corp",
    "co", "ltd", "jr", "sr", "etc", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
    "oct", "nov", "dec", "fig", "al",
];

static ABBREVIATION_SET: LazyLock<WordSet> = LazyLock::new(|| WordSet::new(ABBREVIATIONS));

#[inline]
fn char_at(text: &str, i: usize) -> Option<char> {
    text.get(i..).and_then(|s| s.chars().next())
}

fn is_word_char(c: char) -> bool {
    c.is_alphanumeric() || is_mark(c)
}

/// Combining marks (left after NFC when no precomposed character exists).
fn is_mark(c: char) -> bool {
    matches!(c, '\u{300}'..='\u{36f}' | '\u{1ab0}'..='\u{1aff}' | '\u{1dc0}'..='\u{1dff}' | '\u{20d0}'..='\u{20ff}' | '\u{fe20}'..='\u{fe2f}')
}

fn is_apostrophe(c: char) -> bool {
    matches!(c, '\'' | '’')
}

fn is_hyphen(c: char) -> bool {
    matches!(c, '-' | '‐' | '‑')
}

impl Tokenizer {
    /// A tokenizer.
    pub fn new() -> Self {
        Tokenizer {}
    }

    /// Appends the tokens of `span` of `body`.
    pub fn tokenize(&self, body: &str, span: Span, out: &mut Vec<Token>) {
        let base = span.start as usize;
        let text = span.slice(body);
        let mut i = 0;
        let bytes = text.as_bytes();
        while let Some(&b) = bytes.get(i) {
            if b == b' ' {
                i += 1;
                continue;
            }
            let c = if b.is_ascii() {
                char::from(b)
            } else {
                char_at(text, i).unwrap_or(' ')
            };
            if c.is_whitespace() {
                i += c.len_utf8();
                continue;
            }
            let (end, kind) = if c.is_ascii_digit() {
                self.number(text, i)
            } else if c.is_alphanumeric() {
                (self.word(text, i), TokenKind::Word)
            } else if c == '.' && text.get(i..i + 3) == Some("...") {
                let dots = text
                    .get(i..)
                    .map_or(3, |s| s.len() - s.trim_start_matches('.').len());
                (i + dots, TokenKind::Punct)
            } else {
                (i + c.len_utf8(), TokenKind::Punct)
            };
            out.push(Token {
                span: Span::new(base + i, base + end),
                kind,
            });
            i = end.max(i + c.len_utf8());
        }
    }

    /// A number from `start`: digits with inner `,` `.` `:` before more digits.
    /// Letters right after make it a word (`17th`, `30-day`, `G7`).
    fn number(&self, text: &str, start: usize) -> (usize, TokenKind) {
        let bytes = text.as_bytes();
        let mut i = start;
        loop {
            while bytes.get(i).is_some_and(u8::is_ascii_digit) {
                i += 1;
            }
            let sep = bytes.get(i).copied();
            let digit_after = bytes.get(i + 1).is_some_and(u8::is_ascii_digit);
            if matches!(sep, Some(b',' | b'.' | b':')) && digit_after {
                i += 1;
                continue;
            }
            break;
        }
        match char_at(text, i) {
            Some(c) if is_word_char(c) => (self.word_from(text, start, i), TokenKind::Word),
            Some(c)
                if is_hyphen(c)
                    && char_at(text, i + c.len_utf8()).is_some_and(char::is_alphabetic) =>
            {
                (self.word_from(text, start, i), TokenKind::Word)
            }
            _ => (i, TokenKind::Number),
        }
    }

    /// A word from `start` (which may continue a number).
    fn word(&self, text: &str, start: usize) -> usize {
        // `U.S.`, `a.m.`, `e.g.`: single letters each followed by a period.
        match acronym_end(text, start) {
            Some(end) => end,
            None => self.word_from(text, start, start),
        }
    }

    /// The end of a word that starts at `start` and is scanned on from `from`.
    fn word_from(&self, text: &str, start: usize, from: usize) -> usize {
        let bytes = text.as_bytes();
        let mut i = from;
        loop {
            while let Some(&b) = bytes.get(i) {
                if b.is_ascii_alphanumeric() {
                    i += 1;
                    continue;
                }
                match char_at(text, i) {
                    Some(c) if !b.is_ascii() && is_word_char(c) => i += c.len_utf8(),
                    _ => break,
                }
            }
            // Inner apostrophe or hyphen joining two word parts.
            match char_at(text, i) {
                Some(c) if (is_apostrophe(c) || is_hyphen(c)) && i > start => {
                    let next = i + c.len_utf8();
                    if char_at(text, next).is_some_and(is_word_char) {
                        i = next;
                        continue;
                    }
                }
                _ => {}
            }
            break;
        }
        // A known abbreviation or an initial keeps its period.
        if text.get(i..i + 1) == Some(".") {
            let word = text.get(start..i).unwrap_or("");
            let initial = word.chars().count() == 1 && word.chars().all(char::is_uppercase);
            if initial || ABBREVIATION_SET.contains(word) {
                i += 1;
            }
        }
        i
    }
}

/// End of an acronym written with periods (`U.S.`, `a.m.`), if one starts here.
fn acronym_end(text: &str, start: usize) -> Option<usize> {
    let mut i = start;
    let mut letters = 0;
    loop {
        let c = char_at(text, i).filter(|c| c.is_alphabetic())?;
        let dot = i + c.len_utf8();
        if text.get(dot..dot + 1) != Some(".") {
            break;
        }
        letters += 1;
        i = dot + 1;
        if !char_at(text, i).is_some_and(char::is_alphabetic)
            || char_at(text, i + char_at(text, i).map_or(1, char::len_utf8))
                .is_some_and(char::is_alphabetic)
        {
            break;
        }
    }
    (letters >= 2).then_some(i)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn tokens(text: &str) -> Vec<(&str, TokenKind)> {
        let mut out = Vec::new();
        Tokenizer::new().tokenize(text, Span::new(0, text.len()), &mut out);
        out.iter().map(|t| (t.span.slice(text), t.kind)).collect()
    }

    fn texts(text: &str) -> Vec<&str> {
        tokens(text).into_iter().map(|(t, _)| t).collect()
    }

    #[test]
    fn words_keep_inner_marks() {
        assert_eq!(
            texts("The U.S. envoy don't face-to-face Russia’s Mr. Doe, John F. Kennedy."),
            [
                "The",
                "U.S.",
                "envoy",
                "don't",
                "face-to-face",
                "Russia’s",
                "Mr.",
                "Doe",
                ",",
                "John",
                "F.",
                "Kennedy",
                "."
            ]
        );
    }

    #[test]
    fn numbers_keep_separators() {
        use TokenKind::*;
        assert_eq!(
            tokens("1,200 troops, 3.5% at 0930 GMT, 12:30, a 30-day truce in 2022."),
            [
                ("1,200", Number),
                ("troops", Word),
                (",", Punct),
                ("3.5", Number),
                ("%", Punct),
                ("at", Word),
                ("0930", Number),
                ("GMT", Word),
                (",", Punct),
                ("12:30", Number),
                (",", Punct),
                ("a", Word),
                ("30-day", Word),
                ("truce", Word),
                ("in", Word),
                ("2022", Number),
                (".", Punct)
            ]
        );
    }

    #[test]
    fn punctuation_is_one_token_each() {
        assert_eq!(
            texts("“Go,” he said... (AP) — 'no'"),
            [
                "“", "Go", ",", "”", "he", "said", "...", "(", "AP", ")", "—", "'", "no", "'"
            ]
        );
    }

    #[test]
    fn acronyms_at_a_sentence_end() {
        assert_eq!(texts("in the U.S. He"), ["in", "the", "U.S.", "He"]);
        assert_eq!(texts("at 9 a.m. on"), ["at", "9", "a.m.", "on"]);
    }
}
