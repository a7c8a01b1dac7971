//! The same quote carried by several outlets, merged under one speaker.

use crosscheck_core::dossier::{QuoteVariant, StoryQuote};

use crate::align::fold;
use crate::fuser::{StoryDoc, evidence, origins};

struct Found {
    doc: usize,
    quote: usize,
    words: Vec<String>,
    /// Word stems (the first letters of longer content words), so a
    /// translation's `confirmed officially` meets `official confirmation`.
    stems: Vec<String>,
    speaker: Option<String>,
}

/// Function words long enough to look like content; they say nothing of what a
/// quote is about.
const FUNCTION_WORDS: &[&str] = &[
    "that", "this", "these", "those", "with", "from", "have", "will", "would", "there", "they",
    "their", "them", "what", "about", "been", "were", "which", "when", "just", "into", "also",
    "then", "than", "some", "could", "should", "because", "very", "more", "only", "over", "your",
    "ours", "here", "where", "while", "being", "does", "dont", "such", "must", "shall",
];

/// The stem of a content word: its first five letters (`theatrical` and
/// `theater` share `theat`); short and function words have none.
fn stem(word: &str) -> Option<String> {
    (word.chars().count() >= 4 && !FUNCTION_WORDS.contains(&word))
        .then(|| word.chars().take(5).collect())
}

/// Groups the direct quotes of a story: two quotes are one when most of the
/// shorter one's words are in the longer (outlets trim, and translations differ),
/// and their speakers, when both are named, share a name.
pub fn merge_quotes(story: &[StoryDoc<'_>], overlap: f32) -> Vec<StoryQuote> {
    let mut found: Vec<Found> = Vec::new();
    for (d, s) in story.iter().enumerate() {
        for (q, quote) in s.doc.quotes.iter().enumerate() {
            if !quote.direct {
                continue;
            }
            let mut words: Vec<String> = s
                .doc
                .text(quote.content)
                .split(|c: char| !c.is_alphanumeric())
                .filter(|w| !w.is_empty())
                .map(fold)
                .collect();
            words.sort_unstable();
            words.dedup();
            if words.len() < 3 {
                continue;
            }
            let mut stems: Vec<String> = words.iter().filter_map(|w| stem(w)).collect();
            stems.sort_unstable();
            stems.dedup();
            // The speaker as resolved to an entity ("he" made the person named
            // before), else the source as written when it is a name.
            let speaker = s.speakers.get(q).cloned().flatten().or_else(|| {
                quote
                    .source
                    .map(|span| s.doc.text(span).trim().to_string())
                    .filter(|name| {
                        name.chars().next().is_some_and(char::is_uppercase) && !is_pronoun(name)
                    })
            });
            found.push(Found {
                doc: d,
                quote: q,
                words,
                stems,
                speaker,
            });
        }
    }

    let mut groups: Vec<Vec<usize>> = Vec::new();
    for i in 0..found.len() {
        let home = groups.iter().position(|group| {
            group
                .iter()
                .any(|&j| same_quote(&found[i], &found[j], overlap))
        });
        match home {
            Some(g) => groups[g].push(i),
            None => groups.push(vec![i]),
        }
    }

    groups
        .iter()
        .enumerate()
        .map(|(n, group)| {
            let mut variants: Vec<QuoteVariant> = Vec::new();
            for &i in group {
                let f = &found[i];
                let doc = story[f.doc].doc;
                let content = doc.quotes[f.quote].content;
                let text = spoken_words(doc.text(content));
                let record = evidence(doc, content);
                // Wordings that differ only in punctuation (straight or curly
                // apostrophes, a comma) are one variant.
                match variants.iter_mut().find(|v| same_words(&v.text, &text)) {
                    Some(variant) => variant.evidence.push(record),
                    None => variants.push(QuoteVariant {
                        text,
                        evidence: vec![record],
                    }),
                }
            }
            // The fullest name given for the speaker.
            let speaker = group
                .iter()
                .filter_map(|&i| found[i].speaker.clone())
                .max_by_key(|name| (name.split_whitespace().count(), name.len()));
            StoryQuote {
                id: format!("q{}", n + 1),
                speaker,
                origins: origins(story, group.iter().map(|&i| found[i].doc)),
                variants,
            }
        })
        .collect()
}

/// Two quotes are one when most of the shorter one's words are in the longer
/// (outlets trim); or, said by the same named person, when they share at least
/// three stems and a quarter of the shorter one's (translations word the same
/// sentence differently, and one speaker's other sentences share too little).
fn same_quote(a: &Found, b: &Found, overlap: f32) -> bool {
    if a.doc == b.doc && a.quote == b.quote {
        return true;
    }
    let same_speaker = match (&a.speaker, &b.speaker) {
        (Some(x), Some(y)) => {
            let names = |s: &str| s.split_whitespace().map(fold).collect::<Vec<_>>();
            let (x, y) = (names(x), names(y));
            if !x.iter().any(|w| y.contains(w)) {
                return false;
            }
            true
        }
        _ => false,
    };
    if shared_share(&a.words, &b.words).1 >= overlap {
        return true;
    }
    let (stems, share) = shared_share(&a.stems, &b.stems);
    same_speaker && a.doc != b.doc && stems >= 3 && share >= 0.25
}

/// How many items two sorted lists share, and what part of the shorter that is.
fn shared_share(a: &[String], b: &[String]) -> (usize, f32) {
    let shared = a.iter().filter(|w| b.binary_search(w).is_ok()).count();
    let fewest = a.len().min(b.len()).max(1);
    (shared, shared as f32 / fewest as f32)
}

fn same_words(a: &str, b: &str) -> bool {
    let words = |s: &str| {
        fold(s)
            .split(|c: char| !c.is_alphanumeric())
            .filter(|w| !w.is_empty())
            .map(str::to_string)
            .collect::<Vec<_>>()
    };
    words(a) == words(b)
}

fn is_pronoun(name: &str) -> bool {
    matches!(
        name.to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you"
    )
}

/// What the speaker said, without the quotation marks and without the
/// reporter's words that interrupt a quote (`“…,” said the president. “…”`):
/// the quoted parts joined by ` … ` where words were cut out, by a space where
/// the quote only ran on into a new paragraph. Text with no quoted parts
/// (reported speech) is returned trimmed.
fn spoken_words(content: &str) -> String {
    let mut parts: Vec<(String, bool)> = Vec::new(); // (words, reporter's words before it)
    let mut current = String::new();
    let mut inside = false;
    let mut gap_has_words = false;
    let mut saw_mark = false;
    let mut line_start = true;
    for c in content.chars() {
        let (opens, closes) = match c {
            '\u{201c}' | '«' | '\u{201e}' => (true, false),
            '\u{201d}' | '»' => (false, true),
            // A straight mark opening a paragraph reopens a quote that ran on;
            // elsewhere it closes an open quote or opens a new one.
            '"' => (!inside || line_start, inside && !line_start),
            _ => (false, false),
        };
        if opens {
            inside = true;
            saw_mark = true;
        } else if closes {
            if inside {
                parts.push((std::mem::take(&mut current), gap_has_words));
                gap_has_words = false;
            }
            inside = false;
            saw_mark = true;
        } else if inside {
            current.push(c);
        } else if c.is_alphanumeric() {
            gap_has_words = true;
        }
        if c == '\n' {
            line_start = true;
        } else if !c.is_whitespace() {
            line_start = false;
        }
    }
    // A quote left open by a translation runs to the end.
    if inside {
        parts.push((current, gap_has_words));
    }
    if !saw_mark {
        return content.trim_matches(is_quote_mark).trim().to_string();
    }
    let mut text = String::new();
    for (part, cut_before) in parts {
        // A quote that runs over paragraphs reads as one.
        let part = part.split_whitespace().collect::<Vec<_>>().join(" ");
        if part.is_empty() {
            continue;
        }
        if !text.is_empty() {
            if cut_before {
                let kept = text.trim_end_matches([',', ' ']).len();
                text.truncate(kept);
                text.push_str(" … ");
            } else {
                text.push(' ');
            }
        }
        text.push_str(&part);
    }
    text.trim_matches(is_quote_mark).trim().to_string()
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '\'' | '«' | '»' | ',' | ' '
    )
}

#[cfg(test)]
mod tests {
    use super::spoken_words;

    #[test]
    fn the_reporters_words_inside_a_quote_are_cut_out() {
        assert_eq!(
            spoken_words("“We are ready,” the mayor said. “The bridge opens on Friday.”"),
            "We are ready … The bridge opens on Friday."
        );
    }

    #[test]
    fn a_quote_running_into_a_new_paragraph_is_joined() {
        assert_eq!(
            spoken_words("\"The water is safe.\n\"We tested it twice.\""),
            "The water is safe. We tested it twice."
        );
    }

    #[test]
    fn an_unclosed_quote_runs_to_the_end_and_reported_speech_is_kept() {
        assert_eq!(
            spoken_words("“The talks will go on"),
            "The talks will go on"
        );
        assert_eq!(
            spoken_words("the ministry was ready to talk"),
            "the ministry was ready to talk"
        );
    }
}
