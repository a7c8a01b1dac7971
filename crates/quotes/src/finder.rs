//! The quote finder: pairs quotation marks into quotations, attaches each to a cue
//! and a source, then reads reported speech from the sentences left over.

use crosscheck_core::layers::quote::Quote;
use crosscheck_core::{Doc, Span, Token, TokenKind};

use crate::QuotesConfig;
use crate::anaphora;
use crate::cues::{self, CueKind};

/// Fills [`Doc::quotes`]. Built from a [`QuotesConfig`]; cheap to clone and share.
#[derive(Debug, Clone, Default)]
pub struct QuoteFinder {
    config: QuotesConfig,
}

/// Most words looked at on either side of a quotation for its cue.
const CUE_WINDOW: usize = 8;
/// After a quotation the source may come first with a long title
/// (`Doug Andres, a spokesman for House Speaker Paul Ryan, told`).
const CUE_WINDOW_AFTER: usize = 14;
/// The same with a name and its appositive first (`Scott Pruitt, the attorney
/// general of Oklahoma, one of the states suing, said`).
const CUE_WINDOW_AFTER_APPOSITIVE: usize = 30;
/// Longest source phrase, in tokens.
const MAX_SOURCE: usize = 12;
/// Longest source phrase with an appositive (`Clinton, speaking to reporters on
/// her plane, said`).
const MAX_SOURCE_APPOSITIVE: usize = 24;

/// A cue found after a quotation: its first and last token, the source, and the
/// last token the attribution uses.
type CueAfter = (usize, usize, Option<(usize, usize)>, usize);

/// What a quotation mark can do.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Mark {
    Open,
    Close,
    /// A straight `"`: opens or closes depending on state and spacing.
    Either,
}

/// A quotation: token indices of its first and last token (the marks when present).
#[derive(Debug, Clone, Copy)]
struct Quotation {
    first: usize,
    last: usize,
}

/// An attribution under construction, in token indices (inclusive ranges).
#[derive(Debug, Clone, Copy)]
struct Attribution {
    content: (usize, usize),
    cue: Option<(usize, usize)>,
    source: Option<(usize, usize)>,
    /// Last token used by any part, so that later quotations can tell whether
    /// anything stands between them and this one.
    extent_end: usize,
    /// Built from a quotation (not from reported speech).
    quoted: bool,
    /// Signed off (`” — Ana Vell`): later quotations do not run on from it.
    closed: bool,
}

/// Auxiliaries and adverbs that may stand between a source and its cue.
const BETWEEN_SOURCE_AND_CUE: &[&str] = &[
    "again",
    "already",
    "also",
    "are",
    "bluntly",
    "did",
    "does",
    "earlier",
    "even",
    "first",
    "flatly",
    "further",
    "had",
    "has",
    "have",
    "is",
    "just",
    "last",
    "later",
    "never",
    "not",
    "often",
    "once",
    "only",
    "previously",
    "privately",
    "publicly",
    "quickly",
    "recently",
    "repeatedly",
    "reportedly",
    "simply",
    "still",
    "then",
    "was",
    "were",
    "will",
    "would",
];

/// Words that end a source phrase when walking away from its cue.
const CLAUSE_WORDS: &[&str] = &[
    "after", "although", "and", "as", "because", "before", "but", "if", "since", "so", "than",
    "that", "though", "when", "where", "whether", "which", "while", "who", "whom",
];

/// Words that end a source phrase written after its cue (`said Vell in a statement`).
const AFTER_SOURCE_STOP: &[&str] = &[
    "about", "after", "as", "at", "before", "by", "during", "in", "on", "since", "to", "when",
    "while", "who", "whose", "with",
];

/// Words that open an introductory phrase before a sentence's subject.
const INTRODUCTORY: &[&str] = &[
    "after",
    "alongside",
    "although",
    "as",
    "at",
    "before",
    "despite",
    "during",
    "earlier",
    "for",
    "from",
    "in",
    "last",
    "later",
    "meanwhile",
    "on",
    "since",
    "though",
    "when",
    "while",
    "with",
    "without",
    "yesterday",
];

/// Objects of `told`/`asked` that stand between the cue and its content.
const ADDRESSEES: &[&str] = &[
    "audiences",
    "crowds",
    "her",
    "him",
    "journalists",
    "me",
    "members",
    "people",
    "reporters",
    "supporters",
    "them",
    "us",
    "viewers",
    "voters",
];

/// Capitalised words after a cue that are no source (`said Tuesday, “…”`).
const WEEKDAYS: &[&str] = &[
    "Monday",
    "Tuesday",
    "Wednesday",
    "Thursday",
    "Friday",
    "Saturday",
    "Sunday",
    "Today",
    "Yesterday",
];

fn is_in(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| w.eq_ignore_ascii_case(word))
}

fn mark_of(text: &str) -> Option<Mark> {
    match text {
        "“" | "„" | "«" | "‟" => Some(Mark::Open),
        "”" | "»" => Some(Mark::Close),
        "\"" => Some(Mark::Either),
        _ => None,
    }
}

/// A read-only view of what the finder needs from a doc.
struct View<'d> {
    body: &'d str,
    tokens: &'d [Token],
}

impl<'d> View<'d> {
    fn text(&self, i: usize) -> &'d str {
        self.tokens
            .get(i)
            .map(|t| t.span.slice(self.body))
            .unwrap_or("")
    }

    fn is_word(&self, i: usize) -> bool {
        self.tokens
            .get(i)
            .is_some_and(|t| t.kind != TokenKind::Punct)
    }

    fn mark(&self, i: usize) -> Option<Mark> {
        if self.text(i) == "'" {
            // Two apostrophes stand for a double quotation mark in some house styles.
            return (self.adjacent_apostrophe(i, i + 1)
                || i.checked_sub(1)
                    .is_some_and(|k| self.adjacent_apostrophe(k, i)))
            .then_some(Mark::Either);
        }
        mark_of(self.text(i))
    }

    /// True when tokens `a` and `b` are apostrophes with nothing between them.
    fn adjacent_apostrophe(&self, a: usize, b: usize) -> bool {
        match (self.tokens.get(a), self.tokens.get(b)) {
            (Some(x), Some(y)) => {
                x.span.end == y.span.start && self.text(a) == "'" && self.text(b) == "'"
            }
            _ => false,
        }
    }

    /// Tokens a quotation mark at `i` takes: two for a doubled apostrophe.
    fn mark_width(&self, i: usize) -> usize {
        if self.adjacent_apostrophe(i, i + 1) {
            // `''` closing a nested `'…'` reads as three apostrophes (`old-school,'''`):
            // all three end the quotation, or the third would open a new one.
            if self.adjacent_apostrophe(i + 1, i + 2) {
                3
            } else {
                2
            }
        } else {
            1
        }
    }

    fn is_sentence_end(&self, i: usize) -> bool {
        match self.text(i) {
            // `N.Y.)`, `fivethirtyeight.com`: a period glued to what follows.
            "." => self
                .char_after(i)
                .is_none_or(|c| !c.is_alphanumeric() && c != ')' && c != ','),
            t => matches!(t, "!" | "?" | "..." | "…" | ";"),
        }
    }

    /// The character right before / after token `i`, for spacing decisions.
    fn char_before(&self, i: usize) -> Option<char> {
        let start = self.tokens.get(i)?.span.start as usize;
        self.body.get(..start)?.chars().next_back()
    }

    fn char_after(&self, i: usize) -> Option<char> {
        let end = self.tokens.get(i)?.span.end as usize;
        self.body.get(end..)?.chars().next()
    }

    fn is_capitalised(&self, i: usize) -> bool {
        self.is_word(i) && self.text(i).chars().next().is_some_and(char::is_uppercase)
    }

    fn span(&self, first: usize, last: usize) -> Option<Span> {
        let a = self.tokens.get(first)?;
        let b = self.tokens.get(last)?;
        (a.span.start <= b.span.end).then_some(Span {
            start: a.span.start,
            end: b.span.end,
        })
    }
}

impl QuoteFinder {
    /// A finder with these settings.
    pub fn new(config: QuotesConfig) -> Self {
        QuoteFinder { config }
    }

    /// Finds the attributions of `doc` and stores them in `doc.quotes`.
    pub fn annotate(&self, doc: &mut Doc) {
        doc.quotes = self.find(doc);
    }

    /// The attributions of `doc`, in order of their content.
    pub fn find(&self, doc: &Doc) -> Vec<Quote> {
        let view = View {
            body: &doc.body,
            tokens: &doc.tokens,
        };
        // Report paragraphs as token ranges; captions, credits and the like are skipped.
        let paragraphs: Vec<(usize, usize)> = doc
            .body_segments()
            .filter_map(|s| {
                let first = doc.tokens.partition_point(|t| t.span.start < s.span.start);
                let end = doc.tokens.partition_point(|t| t.span.end <= s.span.end);
                (end > first).then_some((first, end))
            })
            .collect();
        // The first token of every sentence, to bound what introduces a quotation.
        let sentence_starts = sentence_starts(doc);
        let quotations = pair_marks(&view, &paragraphs);
        let mut found =
            self.attribute_quotations(&view, &paragraphs, &sentence_starts, &quotations);
        if self.config.indirect {
            self.reported_speech(&view, doc, &quotations, &mut found);
        }
        let mut quotes: Vec<Quote> = found
            .iter()
            .filter_map(|a| {
                let content = view.span(a.content.0, a.content.1)?;
                // A quotation whose marks translation left unbalanced is still one.
                let direct = a.quoted;
                Some(Quote {
                    content,
                    cue: a.cue.and_then(|(x, y)| view.span(x, y)),
                    source: a.source.and_then(|(x, y)| view.span(x, y)),
                    direct,
                })
            })
            .collect();
        quotes.sort_by_key(|q| (q.content.start, q.content.end));
        if self.config.resolve_sources {
            anaphora::resolve(doc, &mut quotes);
        }
        quotes
    }

    fn strong_cue(&self, view: &View, i: usize) -> Option<(usize, usize, CueKind)> {
        let word = view.text(i);
        if word.eq_ignore_ascii_case("according") && view.text(i + 1).eq_ignore_ascii_case("to") {
            return Some((i, i + 1, CueKind::Verb));
        }
        let (strength, kind) = cues::lookup(word)?;
        (strength >= self.config.min_cue_strength).then_some((i, i, kind))
    }

    /// Attaches each quotation to a cue and source before it, after it, or to the
    /// attribution it continues.
    fn attribute_quotations(
        &self,
        view: &View,
        paragraphs: &[(usize, usize)],
        sentence_starts: &[usize],
        quotations: &[Quotation],
    ) -> Vec<Attribution> {
        let mut out: Vec<Attribution> = Vec::new();
        let mut previous_close: Option<usize> = None;
        for q in quotations {
            let paragraph = paragraph_of(paragraphs, q.first);
            let para_start = paragraph.map_or(q.first, |p| p.0);
            let sentence_start = sentence_start_of(sentence_starts, q.first).unwrap_or(para_start);
            let floor = sentence_start
                .max(para_start)
                .max(previous_close.map_or(0, |c| c + 1));
            // The splitter may keep `… button. "Trump …` together; a sentence end
            // before the quotation still bounds what introduces it.
            let prefix_start = (floor..q.first)
                .rev()
                .find(|&k| view.is_sentence_end(k))
                .map_or(floor, |k| k + 1);
            previous_close = Some(q.last);
            let prefix_words: Vec<usize> = (prefix_start..q.first)
                .filter(|&i| view.is_word(i))
                .collect();
            let para_end = paragraphs
                .iter()
                .find(|p| p.0 <= q.last && q.last < p.1)
                .map_or(q.last + 1, |p| p.1);
            let words_inside = (q.first..=q.last).filter(|&i| view.is_word(i)).count();
            if words_inside == 0 {
                continue;
            }

            // `“A,” said Vell, the mayor, “B.”`: the second part lies inside the
            // sentence of the first part's attribution.
            if let Some(last) = out.last_mut()
                && last.quoted
                && last.extent_end >= q.first
            {
                // `“A,” Vell said, adding, “B.”` / `“A,” she said of the vote, in
                // which … “B.”`: a second cue, or a long stretch between, makes the
                // second part an attribution of its own, by the same speaker.
                let gap = (last.content.1 + 1..q.first).filter(|&k| {
                    view.is_word(k)
                        && !last.cue.is_some_and(|c| c.0 <= k && k <= c.1)
                        && !last.source.is_some_and(|s| s.0 <= k && k <= s.1)
                });
                let second_cue = (last.content.1 + 1..q.first)
                    .filter(|&k| !last.cue.is_some_and(|c| c.0 <= k && k <= c.1))
                    .find_map(|k| self.strong_cue(view, k));
                // The second cue introduces the part (`adding, “B”`, `asking
                // her, “B”`); a cue further back is an aside (`referring to …, “B”`).
                let second_cue = second_cue.filter(|c| {
                    (c.1 + 1..q.first).filter(|&k| view.is_word(k)).count() <= 1
                        && q.first
                            .checked_sub(1)
                            .is_some_and(|k| matches!(view.text(k), "," | ":"))
                });
                if second_cue.is_some() && gap.count() > 0 {
                    let next = Attribution {
                        content: (q.first, q.last),
                        cue: second_cue.map(|c| (c.0, c.1)).or(last.cue),
                        source: last.source,
                        extent_end: last.extent_end.max(q.last),
                        quoted: true,
                        closed: false,
                    };
                    out.push(next);
                } else {
                    last.content.1 = q.last;
                    last.extent_end = last.extent_end.max(q.last);
                }
                continue;
            }

            // A cue before the quotation: `Vell said, “…”` / `According to Vell, “…”`.
            if !prefix_words.is_empty() {
                if let Some((cue_first, cue_last, cue_kind)) =
                    self.cue_before(view, prefix_start, q.first)
                {
                    // `“A,” Vell said, “B.”`: the second part continues the first.
                    if let Some(last) = out.last_mut()
                        && last.cue.is_some_and(|c| c.0 == cue_first)
                    {
                        last.content.1 = q.last;
                        last.extent_end = last.extent_end.max(q.last);
                        continue;
                    }
                    let source = if view.text(cue_first).eq_ignore_ascii_case("according") {
                        source_after(view, cue_last + 1, q.first)
                    } else if cue_kind == CueKind::Participle {
                        // `…, adding: “…”`: the speaker is the sentence's subject.
                        self.clause_subject(view, prefix_start, cue_first)
                    } else if inverted(view, prefix_start, cue_first, cue_last) {
                        // `Trump, said Rubio, “…”` / `Said Ellis: “…”`: the source
                        // follows its cue, and what precedes is not the speaker.
                        source_after(view, cue_last + 1, q.first)
                    } else {
                        source_before(view, prefix_start, cue_first)
                            .or_else(|| self.clause_subject(view, prefix_start, cue_first))
                    };
                    out.push(Attribution {
                        content: (q.first, q.last),
                        cue: Some((cue_first, cue_last)),
                        source,
                        extent_end: q.last,
                        quoted: true,
                        closed: false,
                    });
                    continue;
                }
                // Words before the quotation but no cue: a partial quote inside a
                // sentence, read later as reported speech. After a colon the
                // quotation stands on its own, and its cue may follow it.
                let after_colon = q.first.checked_sub(1).is_some_and(|k| view.text(k) == ":");
                if prefix_words.len() > 2 && !after_colon {
                    continue;
                }
            }

            // A cue after the quotation: `“…,” Vell said` / `“…,” said Vell`. After a
            // quotation that ends its sentence (`… work.”`), a capitalised word
            // starts the next sentence rather than an attribution.
            let ends_sentence = q.last.checked_sub(1).is_some_and(|k| {
                view.text(k) == "."
                    || (view.text(k) == "'" && view.text(k.saturating_sub(1)) == ".")
            });
            let next_is_capitalised = view.is_capitalised(q.last + 1);
            let suffix = if ends_sentence && next_is_capitalised {
                None
            } else {
                self.cue_after(view, q.last + 1, para_end)
            };
            if let Some(found) = suffix {
                out.push(Attribution {
                    content: (q.first, q.last),
                    cue: Some((found.0, found.1)),
                    source: found.2,
                    extent_end: found.3,
                    quoted: true,
                    closed: false,
                });
                continue;
            }

            // No cue of its own: it continues the previous quotation when nothing but
            // punctuation or a paragraph break stands between them.
            // A quotation with no cue of its own runs on from the previous one when
            // only punctuation or a paragraph break stands between them.
            if let Some(last) = out.last_mut()
                && last.quoted
                && !last.closed
                && ((last.extent_end + 1)..q.first).all(|i| !view.is_word(i))
            {
                last.content.1 = q.last;
                last.extent_end = q.last;
                continue;
            }
            // `“…” — Ana Vell`: a name after a dash that ends the paragraph.
            if let Some(source) = dash_signature(view, q.last + 1, para_end) {
                out.push(Attribution {
                    content: (q.first, q.last),
                    cue: None,
                    source: Some(source),
                    extent_end: source.1,
                    quoted: true,
                    closed: true,
                });
                continue;
            }

            // `Vell said in a statement:` / `Vell said on Monday.` standing right before.
            if prefix_words.is_empty()
                && let Some(a) = self.introduction(view, q.first, &out)
            {
                out.push(Attribution {
                    content: (q.first, q.last),
                    ..a
                });
                continue;
            }
            if self.config.min_uncued_words > 0
                && words_inside >= self.config.min_uncued_words
                && prefix_words.is_empty()
            {
                // The speaker of the quotation just before, when it is near: news
                // writing runs a speaker's quotations on without repeating the name.
                // When the paragraph opens with a sentence about someone
                // (`Marren spoke again. “…”`), that someone is the speaker.
                let source = if q.first > para_start
                    && out.last().is_none_or(|a| a.extent_end < para_start)
                {
                    self.clause_subject(view, para_start, q.first)
                } else {
                    out.last()
                        .filter(|a| a.quoted)
                        .filter(|a| {
                            paragraphs
                                .iter()
                                .filter(|p| p.0 > a.extent_end && p.0 <= q.first)
                                .count()
                                <= 1
                        })
                        .and_then(|a| a.source)
                };
                out.push(Attribution {
                    content: (q.first, q.last),
                    cue: None,
                    source,
                    extent_end: q.last,
                    quoted: true,
                    closed: false,
                });
            }
        }
        out
    }

    /// The sentence just before a quotation when it introduces it: it ends with a
    /// colon, or it is a cue with a source and nothing else (`Vell said in a
    /// statement.`). Returns the attribution without its content.
    fn introduction(&self, view: &View, open: usize, out: &[Attribution]) -> Option<Attribution> {
        // The previous sentence's last token, skipping back over a paragraph break.
        let end = open.checked_sub(1)?;
        if !matches!(view.text(end), ":" | ".") {
            return None;
        }
        let floor = out.last().map_or(0, |a| a.extent_end + 1);
        let start = (floor..end)
            .rev()
            .find(|&k| view.is_sentence_end(k) || view.mark(k).is_some())
            .map_or(floor, |k| k + 1);
        if start >= end || end - start > 30 {
            return None;
        }
        let cue = (start..end).find_map(|i| self.strong_cue(view, i));
        let colon = view.text(end) == ":";
        match cue {
            Some((cue_first, cue_last, kind)) => {
                let after = (cue_last + 1..end).filter(|&i| view.is_word(i)).count();
                // `X said in a statement.` introduces; `X said the plan failed.` does not.
                let is_statement = (cue_last + 1..end).any(|i| {
                    matches!(
                        view.text(i),
                        "statement"
                            | "interview"
                            | "email"
                            | "letter"
                            | "post"
                            | "tweet"
                            | "speech"
                            | "release"
                    )
                });
                if !colon && after > 2 && !is_statement {
                    return None;
                }
                let source = if kind == CueKind::Participle {
                    leading_subject(view, start, cue_first)
                } else if view.text(cue_first).eq_ignore_ascii_case("according") {
                    source_after(view, cue_last + 1, end)
                } else {
                    source_before(view, start, cue_first)
                        .or_else(|| source_after(view, cue_last + 1, end))
                };
                Some(Attribution {
                    content: (0, 0),
                    cue: Some((cue_first, cue_last)),
                    source,
                    extent_end: end,
                    quoted: true,
                    closed: false,
                })
            }
            None if colon => Some(Attribution {
                content: (0, 0),
                cue: None,
                source: leading_subject(view, start, end),
                extent_end: end,
                quoted: true,
                closed: false,
            }),
            None => None,
        }
    }

    /// The subject of the clause that holds a cue it cannot take a source from
    /// directly (`…, adding:` / `X called on her to resign and said,`): the source of
    /// an earlier cue in the sentence, else the sentence's subject after any
    /// introductory phrase (`On Twitter, she …`).
    fn clause_subject(&self, view: &View, start: usize, cue: usize) -> Option<(usize, usize)> {
        for i in (start..cue).rev() {
            if let Some((f, l, kind)) = self.strong_cue(view, i)
                && kind != CueKind::Participle
            {
                let found = if view.text(f).eq_ignore_ascii_case("according") {
                    source_after(view, l + 1, cue)
                } else {
                    source_before(view, start, f)
                };
                if found.is_some() {
                    return found;
                }
            }
        }
        let mut from = start;
        while from < cue && !view.is_word(from) {
            from += 1;
        }
        let opener = view.text(from);
        let introductory = is_in(opener, INTRODUCTORY) || opener.ends_with("ing");
        if introductory && let Some(comma) = (from..cue).find(|&k| view.text(k) == ",") {
            from = comma + 1;
        }
        leading_subject(view, from, cue)
    }

    /// The cue in the last few words before a quotation, unless `that` intervenes
    /// (then the quotation is part of reported speech).
    fn cue_before(&self, view: &View, from: usize, to: usize) -> Option<(usize, usize, CueKind)> {
        let mut words = 0;
        let mut i = to;
        // A colon announces the quotation from further away (`said about his hopes
        // for the talks: “…”`).
        let window = if to.checked_sub(1).is_some_and(|k| view.text(k) == ":") {
            CUE_WINDOW + 6
        } else {
            CUE_WINDOW
        };
        while i > from {
            i -= 1;
            if !view.is_word(i) {
                continue;
            }
            words += 1;
            if words > window || view.text(i).eq_ignore_ascii_case("that") {
                return None;
            }
            // `his hopes`, `the call`: a cue word used as a noun.
            if i > from
                && is_in(
                    view.text(i - 1),
                    &[
                        "his", "her", "their", "its", "our", "my", "your", "the", "a", "an",
                    ],
                )
            {
                continue;
            }
            if view.text(i).eq_ignore_ascii_case("to")
                && i > from
                && view.text(i - 1).eq_ignore_ascii_case("according")
            {
                return Some((i - 1, i, CueKind::Verb));
            }
            if let Some(found) = self.strong_cue(view, i) {
                // Between cue and quotation only an addressee and a comma or colon
                // may stand (`told the agency simply, “…”`); other words make the
                // quotation part of a sentence of reported speech.
                let words_between = (found.1 + 1..to).filter(|&k| view.is_word(k)).count();
                let last = to.checked_sub(1).map(|k| view.text(k));
                let introduced = matches!(last, Some("," | ":" | "—" | "–"));
                // With nothing between (`he called “an evil act.”`), only a
                // quoted sentence of its own counts: it opens with a capital and
                // has a few words. Otherwise it is a partial quote.
                let opens_sentence = (to + 1..to + 4)
                    .find(|&k| view.is_word(k))
                    .is_some_and(|k| {
                        view.is_capitalised(k)
                            && (k..k + 8).filter(|&w| view.is_word(w)).count() >= 3
                    });
                return (introduced || (words_between == 0 && opens_sentence)).then_some(found);
            }
        }
        None
    }

    /// The cue in the few words after a quotation, with its source and the last
    /// token they use.
    fn cue_after(&self, view: &View, from: usize, para_end: usize) -> Option<CueAfter> {
        let mut end = from;
        while end < para_end && end < from + 3 * CUE_WINDOW_AFTER_APPOSITIVE {
            // Titles in quotation marks may follow the cue (`said on “Meet the
            // Nation.”`), so only a sentence end bounds the attribution.
            if view.is_sentence_end(end) {
                break;
            }
            end += 1;
        }
        let mut words = 0;
        // `“…,” Leonard Burman, director of … and a professor at …, said`: a name
        // with an appositive may put the cue far from the quotation.
        let name = (from..end).find(|&k| view.is_word(k)).unwrap_or(from);
        let window = if view.is_capitalised(name)
            && (name + 1..(name + 6).min(end)).any(|k| view.text(k) == ",")
        {
            CUE_WINDOW_AFTER_APPOSITIVE
        } else {
            CUE_WINDOW_AFTER
        };
        for i in from..end {
            if view.mark(i).is_some() {
                // Another quotation before any cue: not this one's attribution.
                return None;
            }
            if !view.is_word(i) {
                continue;
            }
            words += 1;
            if words > window {
                return None;
            }
            let Some((cue_first, cue_last, _)) = self.strong_cue(view, i) else {
                continue;
            };
            let has_words_before = (from..cue_first).any(|k| view.is_word(k));
            let source =
                if has_words_before && !view.text(cue_first).eq_ignore_ascii_case("according") {
                    // `he was quoted as saying`: the source ends at its verb.
                    let cut = (from..cue_first)
                        .find(|&k| {
                            k > from
                                && view.is_word(k)
                                && (is_in(view.text(k), BETWEEN_SOURCE_AND_CUE)
                                    || is_in(view.text(k), &["quoted", "as"]))
                                // `the first wrote`: a noun after `the`.
                                && !view.text(k - 1).eq_ignore_ascii_case("the")
                        })
                        .unwrap_or(cue_first);
                    trim_phrase(view, from, cut - 1)
                } else {
                    source_after(view, cue_last + 1, end)
                };
            // The rest of the sentence (`in a statement on Monday`) belongs to the
            // attribution, so that a quotation right after it continues it.
            let extent = end.saturating_sub(1).max(cue_last);
            return Some((cue_first, cue_last, source, extent));
        }
        verb_after(view, from, end)
    }

    /// Reported speech in sentences that no quotation attribution touches.
    fn reported_speech(
        &self,
        view: &View,
        doc: &Doc,
        quotations: &[Quotation],
        found: &mut Vec<Attribution>,
    ) {
        // Token ranges already used by quotation attributions, in order.
        let mut used: Vec<(usize, usize)> = found
            .iter()
            .map(|a| {
                let first = [Some(a.content.0), a.cue.map(|c| c.0), a.source.map(|s| s.0)]
                    .into_iter()
                    .flatten()
                    .min()
                    .unwrap_or(a.content.0);
                (first, a.extent_end.max(a.content.1))
            })
            .collect();
        used.sort_unstable();
        let inside_quotation = |i: usize| quotations.iter().any(|q| q.first <= i && i <= q.last);
        for sentence in &doc.sentences {
            if !doc
                .segments
                .get(sentence.segment as usize)
                .is_some_and(|s| s.kind.is_report())
            {
                continue;
            }
            let first = view
                .tokens
                .partition_point(|t| t.span.start < sentence.span.start);
            let end = view
                .tokens
                .partition_point(|t| t.span.end <= sentence.span.end);
            if end <= first + 2 || used.iter().any(|&(a, b)| a < end && first <= b) {
                continue;
            }
            // The sentence's last content token: drop the closing period.
            let mut last = end - 1;
            while last > first && view.is_sentence_end(last) {
                last -= 1;
            }
            for i in first..=last {
                if inside_quotation(i) {
                    continue;
                }
                let Some((cue_first, cue_last, kind)) = self.strong_cue(view, i) else {
                    continue;
                };
                if let Some(a) = self.reported(view, first, last, cue_first, cue_last, kind) {
                    found.push(a);
                    break;
                }
            }
        }
    }

    /// One sentence of reported speech around the cue at `cue_first..=cue_last`.
    fn reported(
        &self,
        view: &View,
        first: usize,
        last: usize,
        cue_first: usize,
        cue_last: usize,
        kind: CueKind,
    ) -> Option<Attribution> {
        let make = |content: (usize, usize), source: Option<(usize, usize)>| {
            let words = (content.0..=content.1).filter(|&i| view.is_word(i)).count();
            (content.0 <= content.1 && words >= 2).then_some(Attribution {
                content,
                cue: Some((cue_first, cue_last)),
                source,
                extent_end: content.1.max(cue_last),
                quoted: false,
                closed: false,
            })
        };
        // `According to X, …` / `…, according to X`.
        if view.text(cue_first).eq_ignore_ascii_case("according") {
            let comma_after = (cue_last + 1..=last).find(|&i| view.text(i) == ",");
            let source = source_after(view, cue_last + 1, comma_after.unwrap_or(last + 1));
            if cue_first <= first + 1 {
                return make((comma_after? + 1, last), source);
            }
            let end = trim_back(view, first, cue_first.checked_sub(1)?)?;
            return make((first, end), source);
        }
        // `…, Vell said.` / `…, said Vell.`: the cue ends the sentence.
        let before = source_before(view, first, cue_first);
        let tail_from = before.map_or(cue_first, |s| s.0);
        let comma = tail_from
            .checked_sub(1)
            .filter(|&i| i > first && view.text(i) == ",");
        let after_cue_words = (cue_last + 1..=last).filter(|&i| view.is_word(i)).count();
        if let Some(comma) = comma
            && kind != CueKind::Participle
        {
            let source = match before {
                Some(s) => Some(s),
                None => source_after(view, cue_last + 1, last + 1),
            };
            let source_end = source.map_or(cue_last, |s| s.1.max(cue_last));
            let rest = (source_end + 1..=last).filter(|&i| view.is_word(i)).count();
            if after_cue_words <= 6 || rest <= 4 {
                let end = trim_back(view, first, comma.checked_sub(1)?)?;
                return make((first, end), source);
            }
        }
        // `…, saying the plan was dead`: the subject opens the sentence.
        if kind == CueKind::Participle {
            let source = leading_subject(view, first, cue_first);
            return make((cue_last + 1, last), source);
        }
        // `Vell said (that) …`: the content follows the cue.
        let source = before?;
        let mut start = cue_last + 1;
        if kind == CueKind::Addressed {
            if let Some(that) = (start..=last.min(start + 7)).find(|&i| view.text(i) == "that") {
                start = that;
            } else {
                while start <= last
                    && (is_in(view.text(start), ADDRESSEES) || view.is_capitalised(start))
                {
                    start += 1;
                }
            }
        }
        while start <= last && matches!(view.text(start), "," | ":") {
            start += 1;
        }
        make((start, last), Some(source))
    }
}

/// Pairs quotation marks within report paragraphs. A paragraph that ends inside a
/// quotation continues it when the next paragraph opens with a quotation mark (the
/// newspaper convention); otherwise the quotation ends with the paragraph. A closing
/// mark with no opening one (left by translation) starts its quotation at the
/// paragraph's start, or after a colon.
fn pair_marks(view: &View, paragraphs: &[(usize, usize)]) -> Vec<Quotation> {
    let mut out = Vec::new();
    let mut carried: Option<usize> = None;
    for (p, &(first, end)) in paragraphs.iter().enumerate() {
        let mut open = carried.take();
        let mut start = first;
        if open.is_some() && matches!(view.mark(first), Some(Mark::Open | Mark::Either)) {
            // The opening mark that continues the quotation from the last paragraph.
            start = first + view.mark_width(first);
        }
        let mut floor = first;
        let mut skip_to = start;
        for i in start..end {
            if i < skip_to {
                continue;
            }
            let Some(mark) = view.mark(i) else { continue };
            let width = view.mark_width(i);
            skip_to = i + width;
            let mark_last = i + width - 1;
            let mark = match mark {
                Mark::Either if open.is_some() => Mark::Close,
                Mark::Either => {
                    let before = view.char_before(i);
                    let after = view.char_after(mark_last);
                    let attached_left = before.is_some_and(|c| !c.is_whitespace() && c != '(');
                    let free_right =
                        after.is_none_or(|c| c.is_whitespace() || ",.;:!?)".contains(c));
                    if attached_left && free_right && i > first {
                        Mark::Close
                    } else {
                        Mark::Open
                    }
                }
                // A closing mark at the start of a word (`”Fortunately, …`) opens a
                // quotation when none is open: a typo or a translation's leftover.
                Mark::Close
                    if open.is_none()
                        && view
                            .char_after(mark_last)
                            .is_some_and(char::is_alphanumeric)
                        && view.char_before(i).is_none_or(char::is_whitespace) =>
                {
                    Mark::Open
                }
                m => m,
            };
            match (mark, open) {
                (Mark::Open, Some(o)) => {
                    // A second opening mark: the first quotation was never closed.
                    if let Some(last) = trim_back(view, o, i.saturating_sub(1))
                        && last > o
                    {
                        out.push(Quotation { first: o, last });
                    }
                    open = Some(i);
                }
                (Mark::Open, None) => open = Some(i),
                (_, Some(o)) => {
                    out.push(Quotation {
                        first: o,
                        last: mark_last,
                    });
                    open = None;
                    floor = mark_last + 1;
                }
                (_, None) => {
                    let colon = (floor..i).rev().find(|&k| view.text(k) == ":");
                    let from = colon.map_or(floor, |c| c + 1);
                    if from < i {
                        out.push(Quotation {
                            first: from,
                            last: mark_last,
                        });
                    }
                    floor = mark_last + 1;
                }
            }
        }
        if let Some(o) = open {
            let next_opens = paragraphs
                .get(p + 1)
                .is_some_and(|&(n, _)| matches!(view.mark(n), Some(Mark::Open | Mark::Either)));
            if next_opens {
                carried = Some(o);
            } else if end > o + 1 {
                out.push(Quotation {
                    first: o,
                    last: end - 1,
                });
            }
        }
    }
    out
}

/// True when the cue at `cue_first..=cue_last` opens its clause and a name follows
/// it (`Trump, said Rubio, “…”`, `Said Ellis: “…”`): the source is after the cue.
fn inverted(view: &View, floor: usize, cue_first: usize, cue_last: usize) -> bool {
    let opens = cue_first <= floor || matches!(view.text(cue_first - 1), "," | "—" | "–");
    let next = cue_last + 1;
    opens
        && ((view.is_capitalised(next) && !is_in(view.text(next), WEEKDAYS))
            || (is_in(view.text(next), &["the", "a", "an"]) && view.is_word(next + 1)))
}

/// A verb the lexicon lacks, read from the shape `“…,” the judge exclaimed` /
/// `“…?” she yells`: a quotation that ends with a comma, question or exclamation
/// mark, then a short subject (a pronoun or a capitalised phrase) and a verb in
/// `-ed` or `-s`. Only at the end of the sentence, so that `“…,” Vell insisted`
/// counts and `“…,” the plan wanted to…` does not.
fn verb_after(view: &View, from: usize, end: usize) -> Option<CueAfter> {
    let closes = from
        .checked_sub(2)
        .is_some_and(|k| matches!(view.text(k), "," | "?" | "!"))
        && from.checked_sub(1).is_some_and(|k| view.mark(k).is_some());
    if !closes || !view.is_word(from) {
        return None;
    }
    let pronoun = is_in(view.text(from), &["he", "she", "they", "i", "we"]);
    let determiner = is_in(view.text(from), &["the", "an", "a"]);
    if !(pronoun || determiner || view.is_capitalised(from)) {
        return None;
    }
    let limit = if pronoun {
        from + 1
    } else {
        (from + 5).min(end)
    };
    let mut verb = from + 1;
    while verb < limit && view.is_word(verb) && (determiner || view.is_capitalised(verb)) {
        if !view.is_capitalised(verb) && view.text(verb).ends_with("ed") {
            break;
        }
        verb += 1;
    }
    let word = view.text(verb);
    let is_verb = view.is_word(verb)
        && !view.is_capitalised(verb)
        && word.len() > 3
        && (word.ends_with("ed") || (word.ends_with('s') && !word.ends_with("ss")));
    // Nothing but a short adverbial may follow (`“…,” she yells while walking`).
    let rest = (verb + 1..end).filter(|&k| view.is_word(k)).count();
    if !is_verb || rest > 8 {
        return None;
    }
    let source = trim_phrase(view, from, verb - 1)?;
    Some((verb, verb, Some(source), end.saturating_sub(1).max(verb)))
}

/// The first token of each sentence, in order.
fn sentence_starts(doc: &Doc) -> Vec<usize> {
    doc.sentences
        .iter()
        .map(|s| doc.tokens.partition_point(|t| t.span.start < s.span.start))
        .collect()
}

fn sentence_start_of(starts: &[usize], token: usize) -> Option<usize> {
    let at = starts.partition_point(|&f| f <= token);
    at.checked_sub(1).and_then(|i| starts.get(i)).copied()
}

fn paragraph_of(paragraphs: &[(usize, usize)], token: usize) -> Option<(usize, usize)> {
    let at = paragraphs.partition_point(|&(f, _)| f <= token);
    at.checked_sub(1)
        .and_then(|i| paragraphs.get(i))
        .copied()
        .filter(|&(_, e)| token < e)
}

/// A signature after a quotation: a dash, then up to six words, mostly
/// capitalised, to the end of the paragraph (`” ― Ana Vell, Lisbon`).
fn dash_signature(view: &View, from: usize, para_end: usize) -> Option<(usize, usize)> {
    if !matches!(view.text(from), "―" | "—" | "–" | "-" | "--") {
        return None;
    }
    let words: Vec<usize> = (from + 1..para_end).filter(|&k| view.is_word(k)).collect();
    let capitalised = words.iter().filter(|&&k| view.is_capitalised(k)).count();
    if words.is_empty() || words.len() > 6 || 2 * capitalised < words.len() {
        return None;
    }
    trim_phrase(view, from + 1, para_end.checked_sub(1)?)
}

/// `last` moved back over trailing punctuation (not quotation marks), not past `floor`.
fn trim_back(view: &View, floor: usize, mut last: usize) -> Option<usize> {
    while last > floor && !view.is_word(last) && view.mark(last).is_none() {
        last -= 1;
    }
    (last >= floor).then_some(last)
}

/// The words of `first..=last` without surrounding punctuation.
fn trim_phrase(view: &View, mut first: usize, mut last: usize) -> Option<(usize, usize)> {
    while first <= last && !view.is_word(first) {
        first += 1;
    }
    while last > first && !view.is_word(last) {
        last -= 1;
    }
    (first <= last && view.is_word(first)).then_some((first, last))
}

/// The source phrase that ends right before a cue (`the ministry spokeswoman said`,
/// `Htay Oo, its acting chairman, told`), not reaching before `floor`.
fn source_before(view: &View, floor: usize, cue: usize) -> Option<(usize, usize)> {
    let mut i = cue;
    // Skip auxiliaries and adverbs (`has also said`, `then loudly asked`).
    while i > floor
        && (is_in(view.text(i - 1), BETWEEN_SOURCE_AND_CUE)
            || (view.text(i - 1).ends_with("ly") && !view.is_capitalised(i - 1)))
        // `the first wrote`: after `the`, `first` is the source, not an adverb.
        && !i
            .checked_sub(2)
            .is_some_and(|k| view.text(k).eq_ignore_ascii_case("the"))
    {
        i -= 1;
    }
    let last = i.checked_sub(1)?;
    // `went so far as to say`: an infinitive has no subject of its own here.
    if last < floor || view.text(last).eq_ignore_ascii_case("to") {
        return None;
    }
    let mut j = i;
    let mut commas = 0;
    let mut relative = false;
    while j > floor
        && i - j
            < if commas > 0 {
                MAX_SOURCE_APPOSITIVE
            } else {
                MAX_SOURCE
            }
    {
        let k = j - 1;
        let word = view.text(k);
        if view.is_word(k) {
            // `a White House official who spoke anonymously said`: the relative
            // clause belongs to the source; keep walking once.
            if is_in(word, &["who", "whose"]) && !relative && j < i {
                relative = true;
                j = k;
                continue;
            }
            if is_in(word, CLAUSE_WORDS) && j < i {
                break;
            }
            if is_in(word, CLAUSE_WORDS) {
                return None;
            }
            j = k;
            continue;
        }
        // An appositive set off by commas (`Vell, the mayor, said`) belongs to it.
        if word == "," && commas == 0 && k + 1 == i {
            commas += 1;
            j = k;
            continue;
        }
        if word == "," && commas == 1 {
            commas += 1;
            j = k;
            continue;
        }
        if matches!(word, "’" | "'" | "-" | "." | "&") {
            j = k;
            continue;
        }
        break;
    }
    trim_phrase(view, j, last)
}

/// The source phrase that starts right after a cue (`said Ana Vell, the mayor`),
/// ending before `end`.
fn source_after(view: &View, start: usize, end: usize) -> Option<(usize, usize)> {
    let mut i = start;
    while i < end && i < start + MAX_SOURCE {
        let word = view.text(i);
        if view.is_word(i) {
            if i > start && is_in(word, AFTER_SOURCE_STOP) {
                break;
            }
        } else if !matches!(word, "’" | "'" | "-" | "." | "&") || view.is_sentence_end(i) {
            break;
        }
        i += 1;
    }
    if i == start {
        return None;
    }
    trim_phrase(view, start, i - 1)
}

/// The subject at the start of a sentence (for `…, saying …`): its leading name or
/// pronoun, or the phrase up to its first lowercase word after a name.
fn leading_subject(view: &View, first: usize, cue: usize) -> Option<(usize, usize)> {
    let mut i = first;
    while i < cue
        && (!view.is_word(i) || is_in(view.text(i), &["and", "but", "so", "then", "still"]))
    {
        i += 1;
    }
    let start = i;
    if is_in(view.text(i), &["he", "she", "they", "it", "we", "i"]) {
        return (i < cue).then_some((i, i));
    }
    let determiner = is_in(
        view.text(i),
        &[
            "the", "a", "an", "his", "her", "their", "its", "one", "another",
        ],
    );
    if determiner {
        i += 1;
        // `The ministry spokeswoman`: words up to the verb, which we only know
        // as an auxiliary, a cue or punctuation.
        while i < cue
            && i < start + 6
            && view.is_word(i)
            && !is_in(view.text(i), BETWEEN_SOURCE_AND_CUE)
            && !is_in(view.text(i), CLAUSE_WORDS)
            && cues::lookup(view.text(i)).is_none()
        {
            i += 1;
        }
    } else {
        while i < cue && (view.is_capitalised(i) || matches!(view.text(i), "’s" | "'s" | "." | "-"))
        {
            i += 1;
        }
    }
    trim_phrase(view, start, i.checked_sub(1)?).filter(|_| i > start)
}
