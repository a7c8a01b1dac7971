//! What an article says, reduced to weighted terms: words, names, numbers and dates,
//! each a compact `u32` id (a hash, so there is no vocabulary to keep in memory).

use crosscheck_core::{Doc, SegmentKind, Token, TokenKind};

use crate::hash::{IdMap, hash_bytes};

/// The kind of a term, kept in the top two bits of its id so the index can weigh
/// kinds differently without a side table.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum TermKind {
    /// A content word, lower-cased, plural `s` removed.
    Word = 0,
    /// A name (an entity mention, else a run of capitalised words) or one of its words.
    Name = 1,
    /// A number as written, separators removed.
    Number = 2,
    /// A normalised calendar date from the time layer.
    Date = 3,
}

impl TermKind {
    /// The kind of a term id.
    pub fn of(term: u32) -> TermKind {
        match term >> 30 {
            0 => TermKind::Word,
            1 => TermKind::Name,
            2 => TermKind::Number,
            _ => TermKind::Date,
        }
    }
}

/// The id of a term of this kind and text.
pub fn term_id(kind: TermKind, text: &str) -> u32 {
    let h = hash_bytes(kind as u64, text.as_bytes()) as u32;
    ((kind as u32) << 30) | (h & 0x3fff_ffff)
}

/// Words too common to say what a report is about.
const STOPWORDS: &[&str] = &[
    "a",
    "about",
    "above",
    "after",
    "again",
    "against",
    "all",
    "also",
    "am",
    "an",
    "and",
    "any",
    "are",
    "as",
    "at",
    "be",
    "because",
    "been",
    "before",
    "being",
    "below",
    "between",
    "both",
    "but",
    "by",
    "can",
    "could",
    "did",
    "do",
    "does",
    "doing",
    "down",
    "during",
    "each",
    "even",
    "few",
    "for",
    "from",
    "further",
    "had",
    "has",
    "have",
    "having",
    "he",
    "her",
    "here",
    "hers",
    "herself",
    "him",
    "himself",
    "his",
    "how",
    "however",
    "i",
    "if",
    "in",
    "into",
    "is",
    "it",
    "its",
    "itself",
    "just",
    "last",
    "like",
    "made",
    "many",
    "may",
    "me",
    "might",
    "more",
    "most",
    "much",
    "must",
    "my",
    "myself",
    "new",
    "no",
    "nor",
    "not",
    "now",
    "of",
    "off",
    "on",
    "once",
    "one",
    "only",
    "or",
    "other",
    "our",
    "ours",
    "out",
    "over",
    "own",
    "said",
    "same",
    "say",
    "says",
    "she",
    "should",
    "since",
    "so",
    "some",
    "still",
    "such",
    "than",
    "that",
    "the",
    "their",
    "theirs",
    "them",
    "then",
    "there",
    "these",
    "they",
    "this",
    "those",
    "through",
    "to",
    "told",
    "too",
    "two",
    "under",
    "until",
    "up",
    "upon",
    "us",
    "very",
    "was",
    "we",
    "were",
    "what",
    "when",
    "where",
    "which",
    "while",
    "who",
    "whom",
    "why",
    "will",
    "with",
    "would",
    "year",
    "years",
    "yet",
    "you",
    "your",
    "according",
    "according",
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "today",
    "yesterday",
    "tomorrow",
    "week",
    "time",
    "first",
    "three",
    "get",
    "got",
    "go",
    "going",
    "mr",
    "mrs",
    "ms",
    "news",
    "report",
    "reported",
    "reports",
    "people",
    "around",
    "back",
    "well",
    "way",
    "another",
    "according",
    "including",
    "without",
    "within",
    "will",
    "though",
    "although",
    "s",
    "t",
];

fn is_stopword(word: &str) -> bool {
    // A set, not a scan of the list: this runs for every word of every article.
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| STOPWORDS.iter().copied().collect())
        .contains(word)
}

/// Lower-cased, possessive and plural endings removed: `quakes` and `quake's` meet `quake`.
fn normalise_word(word: &str) -> String {
    let mut w = word.to_lowercase();
    for suffix in ["'s", "’s"] {
        if let Some(stripped) = w.strip_suffix(suffix) {
            w = stripped.to_string();
        }
    }
    if w.len() > 4 && w.ends_with("ies") {
        w.truncate(w.len() - 3);
        w.push('y');
    } else if w.len() > 3 && w.ends_with('s') && !w.ends_with("ss") && !w.ends_with("us") {
        w.pop();
    }
    w
}

fn is_capitalised(word: &str) -> bool {
    word.chars().next().is_some_and(char::is_uppercase)
}

/// One word of running text, as the extractor sees it.
#[derive(Debug, Clone, Copy)]
struct Word<'t> {
    text: &'t str,
    number: bool,
    /// First word of its sentence: capitals there say nothing about names.
    initial: bool,
}

/// Splits text that has no token layer (the title, or an unanalysed doc) into words.
fn crude_words<'t>(text: &'t str, start_sentence: bool, out: &mut Vec<Word<'t>>) {
    let mut initial = start_sentence;
    let keep = |c: char| c.is_alphanumeric() || matches!(c, '\'' | '’' | '-' | '.' | ',');
    for raw in text.split(|c: char| !keep(c)) {
        let piece = raw.trim_matches(|c: char| !c.is_alphanumeric());
        let ends_sentence = raw.ends_with(['.', '!', '?']) || (piece.is_empty() && initial);
        if piece.is_empty() {
            continue;
        }
        let number = piece.chars().next().is_some_and(|c| c.is_ascii_digit());
        out.push(Word {
            text: piece,
            number,
            initial,
        });
        initial = ends_sentence;
    }
}

/// The report's words: the title, then body-kind segments only (captions, credits and
/// boilerplate say little about the event and much about the outlet).
fn words<'d>(doc: &'d Doc) -> (Vec<Word<'d>>, usize) {
    let mut out = Vec::new();
    let title = doc.article.title.as_deref().or_else(|| {
        doc.segments
            .iter()
            .find(|s| s.kind == SegmentKind::Heading)
            .map(|s| doc.text(s.span))
    });
    if let Some(title) = title {
        crude_words(title, true, &mut out);
    }
    let title_words = out.len();
    let in_body = |seg: u32| {
        doc.segments.is_empty()
            || doc
                .segments
                .get(seg as usize)
                .is_some_and(|s| s.kind.is_report())
    };
    if !doc.sentences.is_empty() {
        for sentence in &doc.sentences {
            if in_body(sentence.segment) {
                push_tokens(doc, doc.sentence_tokens(sentence), &mut out);
            }
        }
    } else if !doc.tokens.is_empty() {
        let tokens: Vec<Token> = doc
            .tokens
            .iter()
            .filter(|t| {
                doc.segments.is_empty() || doc.body_segments().any(|s| s.span.contains(t.span))
            })
            .copied()
            .collect();
        push_tokens(doc, &tokens, &mut out);
    } else if doc.segments.is_empty() {
        crude_words(&doc.body, true, &mut out);
    } else {
        for segment in doc.body_segments() {
            crude_words(doc.text(segment.span), true, &mut out);
        }
    }
    (out, title_words)
}

fn push_tokens<'d>(doc: &'d Doc, tokens: &[Token], out: &mut Vec<Word<'d>>) {
    let mut initial = true;
    for token in tokens {
        let text = doc.body.get(token.span.range()).unwrap_or("");
        match token.kind {
            TokenKind::Punct => {
                if matches!(text, "." | "!" | "?" | ":") {
                    initial = true;
                }
            }
            TokenKind::Word | TokenKind::Number => {
                out.push(Word {
                    text,
                    number: token.kind == TokenKind::Number,
                    initial,
                });
                initial = false;
            }
        }
    }
}

/// Settings of the extractor that matter to the index.
#[derive(Debug, Clone, Copy)]
pub(crate) struct FeatureSettings {
    /// How much a title word counts compared with a body word.
    pub title_weight: f32,
    /// Most terms kept per article (the heaviest by term frequency).
    pub max_terms: usize,
    /// Words per shingle for copy detection.
    pub shingle: usize,
}

/// An article's terms and shingles.
#[derive(Debug, Clone, Default)]
pub struct Features {
    /// `(term id, raw weight)` sorted by term id: `1 + ln(tf)` per term.
    pub terms: Vec<(u32, f32)>,
    /// Hashes of word shingles of the body (stopwords kept: copies share them too).
    pub shingles: Vec<u64>,
    /// The year the report seems to be about: from the time layer's first dated
    /// expression, else a year in the opening words (a dateline, a headline).
    /// `None` when neither gives one.
    pub year: Option<i32>,
}

/// How many opening words count as the dateline region.
const OPENING_WORDS: usize = 50;

fn as_year(text: &str) -> Option<i32> {
    if text.len() != 4 || !text.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let year: i32 = text.parse().ok()?;
    (1900..=2099).contains(&year).then_some(year)
}

fn text_year(doc: &Doc, words: &[Word<'_>]) -> Option<i32> {
    let from_times = doc
        .times
        .iter()
        .find_map(|t| t.value.get(..4).and_then(as_year));
    if from_times.is_some() {
        return from_times;
    }
    // Later in the text, years are as often about the background (`since 1999`)
    // as about the event: only the opening says when the report stands.
    words
        .iter()
        .take(OPENING_WORDS)
        .find_map(|w| w.number.then(|| as_year(w.text)).flatten())
}

impl Features {
    /// Extracts the terms of a doc.
    pub(crate) fn extract(doc: &Doc, settings: FeatureSettings) -> Features {
        let (words, title_words) = words(doc);
        let mut counts: IdMap<u32, f32> = IdMap::default();
        let mut add = |id: u32, in_title: bool| {
            *counts.entry(id).or_insert(0.0) += if in_title { settings.title_weight } else { 1.0 };
        };

        // Capitalised words seen away from a sentence start are names wherever they
        // stand; the rest are names only when they do not open a sentence.
        let mut known_names: std::collections::HashSet<&str> = std::collections::HashSet::new();
        for w in &words {
            if !w.initial && !w.number && is_capitalised(w.text) {
                known_names.insert(w.text);
            }
        }
        let use_entities = !doc.entities.is_empty();
        let mut run: Vec<&str> = Vec::new();
        let mut run_in_title = false;
        let flush = |run: &mut Vec<&str>, in_title: bool, add: &mut dyn FnMut(u32, bool)| {
            if run.is_empty() {
                return;
            }
            for part in run.iter() {
                add(term_id(TermKind::Name, &normalise_word(part)), in_title);
            }
            if run.len() > 1 {
                let full: Vec<String> = run.iter().map(|p| normalise_word(p)).collect();
                add(term_id(TermKind::Name, &full.join(" ")), in_title);
            }
            run.clear();
        };
        for (i, w) in words.iter().enumerate() {
            let in_title = i < title_words;
            if w.initial || i == title_words {
                // A name never runs across a sentence or out of the title.
                flush(&mut run, run_in_title, &mut add);
            }
            if w.number {
                let digits: String = w.text.chars().filter(|c| *c != ',').collect();
                add(term_id(TermKind::Number, &digits), in_title);
                flush(&mut run, run_in_title, &mut add);
                continue;
            }
            let norm = normalise_word(w.text);
            let stop = is_stopword(&norm);
            if !stop && norm.chars().count() > 1 && norm.chars().any(char::is_alphabetic) {
                add(term_id(TermKind::Word, &norm), in_title);
            }
            if !use_entities || in_title {
                let name_like = is_capitalised(w.text)
                    && !(stop && w.initial)
                    && (!w.initial || known_names.contains(w.text) || !run.is_empty());
                if name_like && !stop {
                    if run.is_empty() {
                        run_in_title = in_title;
                    }
                    run.push(w.text);
                    continue;
                }
            }
            flush(&mut run, run_in_title, &mut add);
        }
        flush(&mut run, run_in_title, &mut add);

        if use_entities {
            for mention in &doc.entities {
                let text = doc.body.get(mention.span.range()).unwrap_or("");
                let mut parts = Vec::new();
                crude_words(text, false, &mut parts);
                let mut run: Vec<&str> = parts
                    .iter()
                    .filter(|p| !p.number && !is_stopword(&p.text.to_lowercase()))
                    .map(|p| p.text)
                    .collect();
                flush(&mut run, false, &mut add);
            }
        }
        for time in &doc.times {
            // Day precision, else month, else year; vague values (`PAST_REF`) say nothing.
            let value = time.value.as_str();
            let date: String = value.chars().take(10).collect();
            let well_formed = date.len() >= 4 && date.chars().take(4).all(|c| c.is_ascii_digit());
            if well_formed && !date.contains('W') {
                add(term_id(TermKind::Date, &date), false);
            }
        }

        let mut terms: Vec<(u32, f32)> = counts
            .into_iter()
            .map(|(id, tf)| (id, 1.0 + tf.max(1.0).ln()))
            .collect();
        if terms.len() > settings.max_terms {
            // Keep the heaviest; ties broken by id so the choice is deterministic.
            terms.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
            terms.truncate(settings.max_terms);
        }
        terms.sort_unstable_by_key(|t| t.0);

        let body_words: Vec<String> = words[title_words..]
            .iter()
            .map(|w| w.text.to_lowercase())
            .collect();
        let shingles = shingle_hashes(&body_words, settings.shingle);
        let year = text_year(doc, &words);
        Features {
            terms,
            shingles,
            year,
        }
    }
}

/// Hashes of the `n`-word shingles (a text shorter than `n` is one shingle).
fn shingle_hashes(words: &[String], n: usize) -> Vec<u64> {
    let n = n.max(1);
    if words.is_empty() {
        return Vec::new();
    }
    let hash_window = |window: &[String]| {
        let mut joined = String::new();
        for w in window {
            joined.push_str(w);
            joined.push(' ');
        }
        hash_bytes(0x5348_494e, joined.as_bytes())
    };
    let mut out: Vec<u64> = if words.len() < n {
        vec![hash_window(words)]
    } else {
        words.windows(n).map(hash_window).collect()
    };
    out.sort_unstable();
    out.dedup();
    out
}

#[cfg(test)]
mod tests {
    use super::*;
    use crosscheck_core::{Article, Origin};

    fn settings() -> FeatureSettings {
        FeatureSettings {
            title_weight: 2.0,
            max_terms: 200,
            shingle: 3,
        }
    }

    #[test]
    fn names_numbers_and_words_are_told_apart() {
        let doc = Doc::unanalysed(Article::new(
            Origin::file("a.txt"),
            "The quake struck Velmora Bay. Officials in Velmora Bay counted 412 homes.".into(),
        ));
        let f = Features::extract(&doc, settings());
        let has = |kind, text| f.terms.iter().any(|t| t.0 == term_id(kind, text));
        assert!(has(TermKind::Word, "quake"));
        assert!(has(TermKind::Word, "home"));
        assert!(has(TermKind::Name, "velmora bay"));
        assert!(has(TermKind::Name, "velmora"));
        assert!(has(TermKind::Number, "412"));
        // "The" opens a sentence and is a stopword: not a name.
        assert!(!has(TermKind::Name, "the"));
        assert!(!has(TermKind::Word, "the"));
        // "Officials" only ever opens a sentence: not taken for a name.
        assert!(!has(TermKind::Name, "official"));
        assert_eq!(
            TermKind::of(term_id(TermKind::Number, "412")),
            TermKind::Number
        );
    }

    #[test]
    fn empty_doc_has_no_terms() {
        let doc = Doc::unanalysed(Article::new(Origin::file("a.txt"), String::new()));
        let f = Features::extract(&doc, settings());
        assert!(f.terms.is_empty());
        assert!(f.shingles.is_empty());
    }
}
