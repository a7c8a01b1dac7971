//! The same quote carried by several outlets, merged under one speaker.

use crosscheck_core::dossier::{QuoteVariant, StoryQuote};

use crate::align::fold;
use crate::fuser::{StoryDoc, evidence, origins};

struct Found {
    doc: usize,
    quote: usize,
    words: Vec<String>,
    speaker: Option<String>,
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
            let speaker = quote
                .source
                .map(|span| s.doc.text(span).trim().to_string())
                .filter(|name| {
                    name.chars().next().is_some_and(char::is_uppercase) && !is_pronoun(name)
                });
            found.push(Found {
                doc: d,
                quote: q,
                words,
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
                let text = doc
                    .text(content)
                    .trim_matches(is_quote_mark)
                    .trim()
                    .to_string();
                let record = evidence(doc, content);
                match variants.iter_mut().find(|v| fold(&v.text) == fold(&text)) {
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

fn same_quote(a: &Found, b: &Found, overlap: f32) -> bool {
    if a.doc == b.doc && a.quote == b.quote {
        return true;
    }
    if let (Some(x), Some(y)) = (&a.speaker, &b.speaker) {
        let names = |s: &str| s.split_whitespace().map(fold).collect::<Vec<_>>();
        let (x, y) = (names(x), names(y));
        if !x.iter().any(|w| y.contains(w)) {
            return false;
        }
    }
    let shared = a
        .words
        .iter()
        .filter(|w| b.words.binary_search(w).is_ok())
        .count();
    let fewest = a.words.len().min(b.words.len()).max(1);
    shared as f32 / fewest as f32 >= overlap
}

fn is_pronoun(name: &str) -> bool {
    matches!(
        name.to_lowercase().as_str(),
        "he" | "she" | "they" | "it" | "we" | "i" | "you"
    )
}

fn is_quote_mark(c: char) -> bool {
    matches!(
        c,
        '"' | '\u{201c}' | '\u{201d}' | '\u{2018}' | '\u{2019}' | '\'' | '«' | '»' | ',' | ' '
    )
}
