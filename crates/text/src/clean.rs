//! Cleaning: from the article's text as read to the body, with a map back.
//!
//! Three passes, each a linear scan that copies unchanged stretches in runs:
//! 1. markup ([`crate::markup`]): tags, entities, invisible and odd characters;
//! 2. layout: spaces collapsed, lines trimmed, blank-line runs made one paragraph
//!    break, spacing broken by translation or OCR repaired (`face -to -face`);
//! 3. Unicode NFC, skipped when the text is already NFC (nearly always).
//!
//! The passes' offset maps are composed into one [`OffsetMap`].

use crosscheck_core::OffsetMap;
use unicode_normalization::{IsNormalized, UnicodeNormalization, is_nfc_quick};

use crate::markup;
use crate::runmap::MappedText;

/// The cleaned text and what cleaning did.
#[derive(Debug, Clone, PartialEq)]
pub struct Cleaned {
    /// The cleaned text.
    pub body: String,
    /// Maps `body` offsets to offsets in the text that was cleaned.
    pub map: OffsetMap,
    /// Tags, entities and markup fragments removed or decoded.
    pub markup_removed: u32,
    /// Places where broken spacing around hyphens was repaired.
    pub spacing_repairs: u32,
}

/// Turns an article's text into a clean body. Holds no state between articles.
#[derive(Debug, Clone)]
pub struct Cleaner {
    repair_spacing: bool,
}

impl Default for Cleaner {
    fn default() -> Self {
        Cleaner::new(true)
    }
}

/// Second parts that make `word - part` a compound rather than a dash between
/// clauses (`large - scale`, `cross - border`).
/// Participles (`led`, `backed`) are left out: `the protests - led by students -`
/// is a dash between clauses.
const COMPOUND_TAILS: &[&str] = &[
    "awaited", "border", "fire", "free", "friendly", "level", "minded", "old", "oriented",
    "profile", "proof", "range", "ranking", "scale", "sized", "standing", "style", "term", "wide",
];

/// Words after `x- ` that mean a suspended hyphen (`pre- and post-war`), not a break.
const SUSPENDED_NEXT: &[&str] = &["and", "or", "nor", "to", "und"];

impl Cleaner {
    /// A cleaner; `repair_spacing` turns the hyphen-spacing repair on.
    pub fn new(repair_spacing: bool) -> Self {
        Cleaner { repair_spacing }
    }

    /// Cleans `text`.
    pub fn clean(&self, text: &str) -> Cleaned {
        let stripped = markup::strip(text);
        let mid = stripped.out;
        let (laid, spacing_repairs) = layout(&mid.text, self.repair_spacing);
        let mut map = laid.map.compose(&mid.map, mid.text.len());
        let mut body = laid.text;
        if let Some(nfc) = compose_nfc(&body) {
            map = nfc.map.compose(&map, body.len());
            body = nfc.text;
        }
        Cleaned {
            body,
            map: map.into_offset_map(),
            markup_removed: stripped.markup,
            spacing_repairs,
        }
    }
}

/// Lowercase ASCII letters just before `end`.
fn word_before(bytes: &[u8], end: usize) -> &[u8] {
    let mut start = end;
    while start > 0 && bytes.get(start - 1).is_some_and(u8::is_ascii_lowercase) {
        start -= 1;
    }
    // Part of a longer word (`Monday`): not a lowercase word.
    if start > 0
        && bytes
            .get(start - 1)
            .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
    {
        return &[];
    }
    bytes.get(start..end).unwrap_or(&[])
}

/// Lowercase ASCII letters from `start`, if they form a whole word.
fn word_at(bytes: &[u8], start: usize) -> &[u8] {
    let mut end = start;
    while bytes.get(end).is_some_and(u8::is_ascii_lowercase) {
        end += 1;
    }
    if bytes
        .get(end)
        .is_some_and(|b| b.is_ascii_alphanumeric() || *b >= 0x80)
    {
        return &[];
    }
    bytes.get(start..end).unwrap_or(&[])
}

fn is_lower_at(text: &str, i: usize) -> bool {
    text.get(i..)
        .and_then(|s| s.chars().next())
        .is_some_and(char::is_lowercase)
}

fn is_lower_before(text: &str, i: usize) -> bool {
    text.get(..i)
        .and_then(|s| s.chars().next_back())
        .is_some_and(|c| c.is_lowercase() || c.is_ascii_digit())
}

/// What to do with a run of spaces at `[start, end)` inside a line.
enum SpaceFix {
    /// Keep one space.
    Collapse,
    /// Drop the spaces (`face -to` → `face-to`, `high- level` → `high-level`).
    Drop,
    /// `word - part` → `word-part`: drop these spaces and those after the hyphen.
    JoinDash { next_word: usize },
}

fn space_fix(text: &str, out: &str, start: usize, end: usize) -> SpaceFix {
    let bytes = text.as_bytes();
    let after = bytes.get(end).copied().unwrap_or(0);
    let before = if start > 0 {
        bytes.get(start - 1).copied().unwrap_or(0)
    } else {
        0
    };
    // `face -to`: hyphen glued to the next lowercase word, a lowercase part before.
    if after == b'-' && is_lower_at(text, end + 1) && is_lower_before(text, start) {
        return SpaceFix::Drop;
    }
    // `high- level`: hyphen glued to the previous lowercase word.
    if before == b'-' && start >= 2 && is_lower_before(text, start - 1) && is_lower_at(text, end) {
        let next = word_at(bytes, end);
        if !next.is_empty() && !SUSPENDED_NEXT.iter().any(|w| w.as_bytes() == next) {
            return SpaceFix::Drop;
        }
    }
    // `large - scale`: only with a known compound tail, or `face - to - face`.
    if after == b'-' && bytes.get(end + 1) == Some(&b' ') {
        let mut next_start = end + 2;
        while bytes.get(next_start) == Some(&b' ') {
            next_start += 1;
        }
        let prev = word_before(bytes, start);
        let next = word_at(bytes, next_start);
        if prev.is_empty() || next.is_empty() {
            return SpaceFix::Collapse;
        }
        let tail = COMPOUND_TAILS.iter().any(|w| w.as_bytes() == next);
        // `face - to - face`: `to` joined to what came before, and the same word after.
        let chain_start = next == b"to" && {
            let rest = bytes.get(next_start + 2..).unwrap_or(&[]);
            let rest = rest.strip_prefix(b" ").unwrap_or(rest);
            let rest = rest.strip_prefix(b"-").unwrap_or(&[]);
            let rest = rest.strip_prefix(b" ").unwrap_or(rest);
            rest.starts_with(prev) && word_at(rest, 0) == prev
        };
        let chain_end = prev == b"to" && {
            // The body so far ends with `<next>-to`.
            let head = out.strip_suffix("-to").unwrap_or("");
            head.ends_with(std::str::from_utf8(next).unwrap_or("\u{0}"))
                && word_before(head.as_bytes(), head.len()) == next
        };
        if tail || chain_start || chain_end {
            return SpaceFix::JoinDash {
                next_word: next_start,
            };
        }
    }
    SpaceFix::Collapse
}

/// Pass 2: line structure, spaces and hyphen spacing.
fn layout(text: &str, repair: bool) -> (MappedText, u32) {
    let bytes = text.as_bytes();
    let mut out = MappedText::with_capacity(text.len());
    let mut repairs = 0u32;
    let mut blank_before = false;
    let mut line_start = 0usize;
    while line_start <= bytes.len() {
        let line_end = bytes
            .get(line_start..)
            .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
            .map_or(bytes.len(), |p| line_start + p);
        let mut s = line_start;
        let mut e = line_end;
        while s < e && bytes.get(s) == Some(&b' ') {
            s += 1;
        }
        while e > s && bytes.get(e - 1) == Some(&b' ') {
            e -= 1;
        }
        if s == e {
            blank_before = true;
        } else {
            if !out.text.is_empty() {
                let newline = line_start.saturating_sub(1);
                out.push_char('\n', newline);
                if blank_before {
                    out.push_char('\n', newline);
                }
            }
            blank_before = false;
            repairs += layout_line(text, s, e, repair, &mut out);
        }
        line_start = line_end + 1;
    }
    (out, repairs)
}

/// Copies one trimmed line, collapsing spaces; returns the repairs made.
fn layout_line(text: &str, s: usize, e: usize, repair: bool, out: &mut MappedText) -> u32 {
    let bytes = text.as_bytes();
    let mut repairs = 0;
    let mut run = s;
    let mut i = s;
    while i < e {
        if bytes.get(i) != Some(&b' ') {
            i += 1;
            continue;
        }
        let mut sp_end = i;
        while sp_end < e && bytes.get(sp_end) == Some(&b' ') {
            sp_end += 1;
        }
        let near_hyphen =
            bytes.get(sp_end) == Some(&b'-') || i > 0 && bytes.get(i - 1) == Some(&b'-');
        let fix = if repair && near_hyphen {
            out.push(text.get(run..i).unwrap_or(""), run);
            run = i;
            space_fix(text, &out.text, i, sp_end)
        } else {
            SpaceFix::Collapse
        };
        match fix {
            SpaceFix::Collapse => {
                if sp_end - i > 1 {
                    out.push(text.get(run..i + 1).unwrap_or(""), run);
                    run = sp_end;
                }
                i = sp_end;
            }
            SpaceFix::Drop => {
                out.push(text.get(run..i).unwrap_or(""), run);
                repairs += 1;
                run = sp_end;
                i = sp_end;
            }
            SpaceFix::JoinDash { next_word } => {
                out.push(text.get(run..i).unwrap_or(""), run);
                out.push("-", sp_end);
                repairs += 1;
                run = next_word;
                i = next_word;
            }
        }
    }
    out.push(text.get(run..e).unwrap_or(""), run);
    repairs
}

/// Pass 3: NFC. `None` when the text is already NFC.
///
/// Works in chunks that start at an ASCII character: ASCII never composes with what
/// precedes it and blocks reordering, so chunks normalise independently. A chunk
/// whose NFC form is longer in characters (rare decompositions) is left as it is, so
/// each output character maps to one input character and the map stays monotonic.
fn compose_nfc(text: &str) -> Option<MappedText> {
    if text.is_ascii() || is_nfc_quick(text.chars()) == IsNormalized::Yes {
        return None;
    }
    let mut out = MappedText::with_capacity(text.len());
    let mut normalized = String::new();
    let mut bounds: Vec<usize> = Vec::new();
    let bytes = text.as_bytes();
    let mut chunk_start = 0;
    while chunk_start < bytes.len() {
        let mut chunk_end = chunk_start + 1;
        while chunk_end < bytes.len() && bytes.get(chunk_end).is_some_and(|b| *b >= 0x80) {
            chunk_end += 1;
        }
        let chunk = text.get(chunk_start..chunk_end).unwrap_or("");
        if chunk.is_ascii() {
            out.push(chunk, chunk_start);
        } else {
            normalized.clear();
            normalized.extend(chunk.nfc());
            bounds.clear();
            bounds.extend(chunk.char_indices().map(|(k, _)| chunk_start + k));
            let out_chars = normalized.chars().count();
            let source_range = |p: usize| {
                let a = bounds.get(p).copied().unwrap_or(chunk_start);
                let b = if p + 1 == out_chars {
                    chunk_end
                } else {
                    bounds.get(p + 1).copied().unwrap_or(chunk_end)
                };
                (a, b)
            };
            // A one-byte character cannot map to both ends of a longer source
            // character (`;` for U+037E): such rare chunks stay as they are.
            let mappable = out_chars <= bounds.len()
                && normalized.chars().enumerate().all(|(p, c)| {
                    let (a, b) = source_range(p);
                    c.len_utf8() > 1 || b - a == 1
                });
            if normalized == chunk || !mappable {
                out.push(chunk, chunk_start);
            } else {
                for (p, c) in normalized.chars().enumerate() {
                    let (a, b) = source_range(p);
                    out.push_char_spanning(c, a, b);
                }
            }
        }
        chunk_start = chunk_end;
    }
    Some(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn body(s: &str) -> String {
        Cleaner::default().clean(s).body
    }

    #[test]
    fn spaces_collapse_and_lines_are_trimmed() {
        assert_eq!(
            body("  One   two  \n\n\n\n three\nfour  \n\n"),
            "One two\n\nthree\nfour"
        );
    }

    #[test]
    fn hyphen_glued_to_the_next_word_is_repaired() {
        let c = Cleaner::default().clean("a face -to -face meeting, the long -awaited large -scale and cross -border and self -propelled gun");
        assert_eq!(
            c.body,
            "a face-to-face meeting, the long-awaited large-scale and cross-border and self-propelled gun"
        );
        assert_eq!(c.spacing_repairs, 6);
    }

    #[test]
    fn spaced_compounds_join_but_clause_dashes_stay() {
        assert_eq!(body("a large - scale attack"), "a large-scale attack");
        assert_eq!(body("a face - to - face meeting"), "a face-to-face meeting");
        assert_eq!(
            body("the talks - which began on Monday - ended"),
            "the talks - which began on Monday - ended"
        );
        assert_eq!(body("Kyiv -Moscow talks"), "Kyiv -Moscow talks");
        assert_eq!(body("a high- level team"), "a high-level team");
        assert_eq!(body("pre- and post-war"), "pre- and post-war");
        assert_eq!(body("from 5 -3 to 10"), "from 5 -3 to 10");
    }

    #[test]
    fn repairs_can_be_turned_off() {
        assert_eq!(
            Cleaner::new(false).clean("face -to -face").body,
            "face -to -face"
        );
    }

    #[test]
    fn nfc_composes_and_maps_back() {
        let text = "Cafe\u{301} Erdog\u{306}an";
        let c = Cleaner::default().clean(text);
        assert_eq!(c.body, "Café Erdoğan");
        let e = c.body.find('é').unwrap();
        let span = c.map.span_to_original(crosscheck_core::Span::new(e, e + 2));
        assert_eq!(span.slice(text), "e\u{301}");
    }

    #[test]
    fn map_points_at_original_characters() {
        let text = "<p>The  <b>talks</b> &amp; face -to -face</p>\n\n\n<p>Next&nbsp;day</p>";
        let c = Cleaner::default().clean(text);
        assert_eq!(c.body, "The talks & face-to-face\n\nNext day");
        for word in ["The", "talks", "face", "to", "Next", "day"] {
            let at = c.body.find(word).unwrap();
            let o = c.map.to_original(at);
            assert_eq!(&text[o..o + word.len()], word);
        }
    }
}
