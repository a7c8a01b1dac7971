//! Labelling the body's lines: report text, headings, captions, credits, bylines,
//! datelines and boilerplate.
//!
//! Each line is first judged on its own (its shape and lead words), then captions
//! and headings are decided with their neighbours: a caption is most often given
//! away by the credit line under it, a heading by the body line after it.

use std::sync::LazyLock;

use crosscheck_core::{Segment, SegmentKind, Span};

use crate::wordset::WordSet;

/// The lists below, sorted for look-up once per process.
struct Sets {
    months: WordSet,
    weekdays: WordSet,
    agencies: WordSet,
    credit_marks: Vec<&'static str>,
    credit_leads: WordSet,
    caption_leads: WordSet,
    caption_verbs: WordSet,
    boilerplate_leads: WordSet,
    boilerplate_lines: WordSet,
    byline_leads: WordSet,
    function_words: WordSet,
    stamp_labels: WordSet,
}

static SETS: LazyLock<Sets> = LazyLock::new(|| Sets {
    months: WordSet::new(MONTHS),
    weekdays: WordSet::new(WEEKDAYS),
    agencies: WordSet::new(AGENCIES),
    credit_marks: CREDIT_MARKS.to_vec(),
    credit_leads: WordSet::new(CREDIT_LEADS),
    caption_leads: WordSet::new(CAPTION_LEADS),
    caption_verbs: WordSet::new(CAPTION_VERBS),
    boilerplate_leads: WordSet::new(BOILERPLATE_LEADS),
    boilerplate_lines: WordSet::new(BOILERPLATE_LINES),
    byline_leads: WordSet::new(BYLINE_LEADS),
    function_words: WordSet::new(FUNCTION_WORDS),
    stamp_labels: WordSet::new(STAMP_LABELS),
});

/// Labels the non-blank lines of a body.
#[derive(Debug, Clone, Default)]
pub struct SegmentLabeler {}

/// What is known about one line before its neighbours are considered.
#[derive(Debug, Clone, Copy)]
struct Line<'t> {
    span: Span,
    text: &'t str,
    words: usize,
    blank_before: bool,
    /// What the line is on its own; `None` when context must decide.
    kind: Option<SegmentKind>,
    /// The strong signs that it is a caption ([`caption_strong`]).
    shape: i32,
    /// Whether it reads as a title ([`heading_shape`]).
    heading: Option<bool>,
}

/// Caption verbs count among a line's first this many words.
const CAPTION_VERB_WINDOW: usize = 14;

const MONTHS: &[&str] = &[
    "january",
    "february",
    "march",
    "april",
    "may",
    "june",
    "july",
    "august",
    "september",
    "october",
    "november",
    "december",
    "jan",
    "feb",
    "mar",
    "apr",
    "jun",
    "jul",
    "aug",
    "sep",
    "sept",
    "oct",
    "nov",
    "dec",
];

const WEEKDAYS: &[&str] = &[
    "monday",
    "tuesday",
    "wednesday",
    "thursday",
    "friday",
    "saturday",
    "sunday",
    "mon",
    "tue",
    "tues",
    "wed",
    "thu",
    "thur",
    "thurs",
    "fri",
    "sat",
    "sun",
];

/// Agencies and picture services whose name alone on a line is a credit.
const AGENCIES: &[&str] = &[
    "ap",
    "afp",
    "reuters",
    "epa",
    "epa-efe",
    "efe",
    "getty",
    "getty images",
    "xinhua",
    "anadolu",
    "anadolu agency",
    "tass",
    "sputnik",
    "ria novosti",
    "bloomberg",
    "shutterstock",
    "alamy",
    "pa",
    "pa images",
    "pa wire",
    "pa media",
    "associated press",
    "the associated press",
    "agence france-presse",
    "agence france presse",
    "dpa",
    "ansa",
    "kyodo",
    "yonhap",
    "ap photo",
    "upi",
    "zuma",
    "zuma press",
    "sipa",
    "wireimage",
    "handout",
    "pool",
    "reuters/pool",
    "afp/getty images",
    "ap/pool",
    "imago",
    "nurphoto",
    "sopa images",
    "abaca",
    "ukrinform",
    "unian",
    "the canadian press",
    "aap",
    "ians",
    "pti",
    "ani",
    "belga",
    "anp",
    "tt",
    "ntb",
];

/// Fragments that make a short line a credit wherever they stand.
const CREDIT_MARKS: &[&str] = &[
    "getty images",
    "via getty",
    "through getty",
    "shutterstock",
    "alamy",
    "/ap",
    "/afp",
    "/reuters",
    "/epa",
    "/pool",
    "/anadolu",
    "/sputnik",
    "/tass",
    "/xinhua",
    "/bloomberg",
    "/getty",
    "ap photo",
    "afp photo",
    "reuters photo",
    "/handout",
    "/dpa",
    "/zuma",
    "/sipa",
    "/imago",
    "/nurphoto",
    "/sopa",
];

/// Lead words of a credit line.
const CREDIT_LEADS: &[&str] = &[
    "image source",
    "image copyright",
    "copyright photo",
    "photo:",
    "photos:",
    "photograph:",
    "photographs:",
    "photo by ",
    "photos by ",
    "photo credit",
    "image:",
    "images:",
    "image credit",
    "image by ",
    "picture:",
    "pictures:",
    "credit:",
    "credits:",
    "video:",
    "illustration:",
    "graphic:",
    "(photo",
    "(image",
    "(picture",
    "(credit",
    "(ap photo",
    "(reuters",
    "(afp",
    "courtesy of ",
    "courtesy:",
    "source:",
    "photographer:",
];

/// Lead words of a caption.
const CAPTION_LEADS: &[&str] = &[
    "image caption",
    "media caption",
    "caption,",
    "file photo",
    "file -",
    "file:",
    "file –",
    "file —",
    "in this photo",
    "in this image",
    "in this picture",
    "in this handout",
    "in this file",
    "in this undated",
    "in this video",
    "in this screen",
    "in this still",
    "in this aerial",
    "in this combination",
    "in this grab",
    "in this frame",
    "in this pool",
    "this photo",
    "this image",
    "this picture",
    "this combination",
    "this handout",
    "this video",
    "this screen",
    "this still",
    "this aerial",
    "this undated",
    "this file",
    "this grab",
    "a handout",
    "handout photo",
    "photo shows",
    "picture shows",
    "image shows",
    "a picture taken",
    "a photo taken",
    "a photograph taken",
    "an image taken",
    "a still image",
    "a still from",
    "a screen grab",
    "a screengrab",
    "a screenshot",
    "screenshot",
    "an aerial view",
    "aerial view",
    "pictured:",
    "pictured,",
    "above:",
    "top:",
    "main image:",
    "caption:",
    "(l-r)",
    "(from left)",
    "from left:",
    "left to right:",
];

/// Present-tense verbs that captions describe pictures with.
const CAPTION_VERBS: &[&str] = &[
    "shows",
    "show",
    "looks",
    "look",
    "stands",
    "stand",
    "walks",
    "walk",
    "holds",
    "hold",
    "speaks",
    "gestures",
    "gesture",
    "arrives",
    "arrive",
    "attends",
    "attend",
    "poses",
    "pose",
    "waits",
    "wait",
    "sits",
    "sit",
    "gathers",
    "gather",
    "reacts",
    "react",
    "pictured",
    "seen",
    "leaves",
    "meets",
    "shake",
    "shakes",
    "greets",
    "greet",
    "listens",
    "listen",
    "delivers",
    "flies",
    "burns",
    "lies",
    "rides",
    "ride",
    "carries",
    "carry",
    "prays",
    "pray",
    "mourns",
    "mourn",
    "watches",
    "watch",
    "protest",
    "march",
    "marches",
    "chant",
    "chants",
    "smiles",
    "inspects",
    "inspect",
    "fires",
    "shoots",
    "launches",
    "wave",
    "waves",
    "takes",
    "take",
    "rest",
    "rests",
    "clear",
    "clears",
    "work",
    "works",
    "visits",
    "visit",
    "addresses",
    "embrace",
    "embraces",
    "hug",
    "hugs",
    "patrol",
    "patrols",
    "stand",
    "queue",
    "queues",
    "rally",
    "rallies",
    "sits",
    "kneels",
    "kneel",
    "cries",
    "weeps",
    "salute",
    "salutes",
];

/// Lead words of boilerplate lines.
const BOILERPLATE_LEADS: &[&str] = &[
    "read more",
    "read also",
    "also read",
    "read next",
    "read:",
    "related:",
    "related ",
    "more:",
    "see also",
    "share this",
    "share on",
    "share:",
    "share article",
    "follow us",
    "follow @",
    "follow our",
    "sign up",
    "subscribe",
    "get our",
    "get the latest",
    "newsletter",
    "click here",
    "tap here",
    "advertisement",
    "sponsored",
    "©",
    "(c) ",
    "copyright",
    "watch:",
    "watch live",
    "listen:",
    "listen to this",
    "download the",
    "join our",
    "you might also like",
    "you may also like",
    "recommended",
    "trending",
    "most read",
    "most popular",
    "we use cookies",
    "privacy policy",
    "terms of use",
    "comments",
    "leave a comment",
    "skip to",
    "next article",
    "previous article",
    "back to top",
    "tags:",
    "topics:",
    "filed under",
    "more from",
    "story continues",
    "continue reading",
    "support our",
    "reprints",
    "please enable",
    "report an error",
    "send us your",
    "email us",
    "contact us",
    "sign in",
    "log in",
    "already a subscriber",
    "this article was",
    "this story was",
    "this story has been",
    "this article has been",
    "for the latest",
    "don't miss",
    "do not miss",
    "breaking news:",
    "live updates:",
    "keep reading",
    "more on this",
    "explore more",
    "open in app",
    "gift this article",
    "listen to article",
    "print this",
    "this article originally",
    "editor's note",
    "editor’s note",
    "this story originally",
    "originally published",
    "a version of this",
    "updated on",
    "first published",
];

/// Role words after a comma in a byline (`Jane Doe, Staff Reporter`).
const BYLINE_ROLES: &[&str] = &[
    "reporter",
    "correspondent",
    "editor",
    "writer",
    "staff",
    "contributor",
    "journalist",
    "columnist",
    "bureau chief",
    "analyst",
    "news",
    "producer",
    "in ",
    "agencies",
];

const BYLINE_LEADS: &[&str] = &[
    "by ",
    "reporting by",
    "writing by",
    "editing by",
    "additional reporting",
    "compiled by",
    "written by",
    "words by",
    "story by",
    "author:",
    "authors:",
    "posted by",
    "text by",
    "interview by",
    "(reporting by",
    "(additional reporting",
    "(writing by",
    "(editing by",
    "(compiled by",
];

/// Whole lines that are page furniture.
const BOILERPLATE_LINES: &[&str] = &[
    "share",
    "tweet",
    "email",
    "e-mail",
    "print",
    "comments",
    "comment",
    "advertisement",
    "subscribe",
    "menu",
    "close",
    "loading",
    "more",
    "listen",
    "save",
    "copy link",
    "copied",
    "whatsapp",
    "facebook",
    "twitter",
    "linkedin",
    "telegram",
    "reddit",
    "x",
    "sponsored",
    "ad",
    "video",
    "photos",
    "gallery",
    "top stories",
    "latest news",
    "related",
    "home",
];

/// Lowercase words that do not end a title.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "that", "which", "who", "is", "are", "was", "were", "be", "has", "have", "had",
    "not", "its", "his", "her", "their", "into", "about", "than", "this", "these",
];

/// Words a date/time stamp line may hold besides dates.
const STAMP_LABELS: &[&str] = &[
    "updated",
    "published",
    "posted",
    "last",
    "modified",
    "on",
    "at",
    "gmt",
    "utc",
    "et",
    "est",
    "edt",
    "bst",
    "cet",
    "cest",
    "msk",
    "trt",
    "eet",
    "eest",
    "am",
    "pm",
    "a.m",
    "p.m",
    "ago",
    "minutes",
    "minute",
    "hours",
    "hour",
    "days",
    "day",
    "th",
    "st",
    "nd",
    "rd",
    "of",
    "date",
    "time",
    "local",
];

/// True when `text` contains `needle`, ignoring ASCII case.
pub(crate) fn contains_ci(text: &str, needle: &str) -> bool {
    let needle = needle.as_bytes();
    let Some(&first) = needle.first() else {
        return true;
    };
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, b)| {
        b.eq_ignore_ascii_case(&first)
            && bytes
                .get(i..i + needle.len())
                .is_some_and(|w| w.eq_ignore_ascii_case(needle))
    })
}

/// The line's words: runs of letters, digits and inner punctuation.
///
/// The body's only whitespace is ASCII space and newline (cleaning mapped the rest),
/// so a byte split is enough, and ASCII edges are trimmed without decoding.
fn words_of(text: &str) -> Words<'_> {
    Words { rest: text }
}

/// Iterator over [`words_of`]: a byte scan for spaces, cheaper than `str::split`
/// on the short words of a line.
struct Words<'t> {
    rest: &'t str,
}

impl<'t> Iterator for Words<'t> {
    type Item = &'t str;

    fn next(&mut self) -> Option<&'t str> {
        loop {
            let bytes = self.rest.as_bytes();
            let start = bytes.iter().position(|&b| b != b' ')?;
            let len = bytes
                .get(start..)?
                .iter()
                .position(|&b| b == b' ')
                .unwrap_or(bytes.len() - start);
            let word = self.rest.get(start..start + len)?;
            self.rest = self.rest.get(start + len..).unwrap_or("");
            let word = trim_word(word);
            if !word.is_empty() {
                return Some(word);
            }
        }
    }
}

impl<'t> DoubleEndedIterator for Words<'t> {
    fn next_back(&mut self) -> Option<&'t str> {
        loop {
            let bytes = self.rest.as_bytes();
            let end = bytes.iter().rposition(|&b| b != b' ')? + 1;
            let start = bytes
                .get(..end)?
                .iter()
                .rposition(|&b| b == b' ')
                .map_or(0, |p| p + 1);
            let word = self.rest.get(start..end)?;
            self.rest = self.rest.get(..start).unwrap_or("");
            let word = trim_word(word);
            if !word.is_empty() {
                return Some(word);
            }
        }
    }
}

fn trim_word(word: &str) -> &str {
    let bytes = word.as_bytes();
    let mut start = 0;
    let mut end = bytes.len();
    while start < end
        && bytes
            .get(start)
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
    {
        start += 1;
    }
    while end > start
        && bytes
            .get(end - 1)
            .is_some_and(|b| b.is_ascii() && !b.is_ascii_alphanumeric())
    {
        end -= 1;
    }
    let word = word.get(start..end).unwrap_or("");
    if word.is_ascii() {
        word
    } else {
        // Curly quotes and dashes at the edges.
        word.trim_matches(|c: char| !c.is_alphanumeric())
    }
}

/// Approximate word count: spaces plus one, enough to rule out long lines fast.
fn approx_words(text: &str) -> usize {
    text.bytes().filter(|&b| b == b' ').count() + 1
}

fn is_capitalised(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_month(word: &str) -> bool {
    SETS.months.contains(word)
}

fn is_weekday(word: &str) -> bool {
    SETS.weekdays.contains(word)
}

fn in_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| word.eq_ignore_ascii_case(w))
}

fn last_char(text: &str) -> char {
    text.chars().next_back().unwrap_or(' ')
}

fn has_quote(text: &str) -> bool {
    // `"`, or the lead bytes of `“ ” „` (E2) and `« »` (C2), checked exactly after.
    let bytes = text.as_bytes();
    bytes.iter().enumerate().any(|(i, &b)| match b {
        b'"' => true,
        0xE2 => matches!(
            (bytes.get(i + 1), bytes.get(i + 2)),
            (Some(0x80), Some(0x9C..=0x9E))
        ),
        0xC2 => matches!(bytes.get(i + 1), Some(0xAB | 0xBB)),
        _ => false,
    })
}

/// `NAME/AGENCY via Getty Images`, `AP`, `Photo: Jane Doe/Reuters`.
fn is_credit(line: &str, lower: &str, ws: &[&str], words: usize) -> bool {
    if words > 14 || line.len() > 140 {
        return false;
    }
    let bare = line.trim_matches(|c: char| !c.is_alphanumeric());
    if SETS.agencies.contains(bare) {
        return true;
    }
    if SETS.credit_leads.prefix_of(line).is_some() {
        return true;
    }
    if has_quote(line) {
        return false;
    }
    // Every mark holds a slash or one of these names: test those first.
    let marked = (lower.contains('/')
        || ["getty", "photo", "shutterstock", "alamy"]
            .iter()
            .any(|m| lower.contains(m)))
        && SETS.credit_marks.iter().any(|m| lower.contains(m));
    if marked {
        // A sentence that mentions Getty Images is not a credit: credits are
        // mostly names.
        let (caps, total) = ws.iter().fold((0, 0), |(c, t), w| {
            (c + usize::from(is_capitalised(w) || w.contains('/')), t + 1)
        });
        return caps * 2 >= total && !matches!(last_char(line), '.' | '!' | '?');
    }
    words <= 8 && is_slash_credit(line)
}

/// `JANE DOE/POOL/AFP`: names joined by slashes, no sentence punctuation.
fn is_slash_credit(text: &str) -> bool {
    text.contains('/')
        && !text.contains("://")
        && !matches!(last_char(text), '.' | '!' | '?' | ',' | ':')
        && text.split('/').all(|part| {
            words_of(part).all(|w| is_capitalised(w) || in_list(w, &["via", "for", "through"]))
        })
}

/// `By Jane Doe and John Roe`, `Jane Doe, Staff Reporter`, a listed author.
fn is_byline(line: &str, words: usize, authors: &[String]) -> bool {
    if words > 16 || line.len() > 160 {
        return false;
    }
    if authors
        .iter()
        .any(|a| !a.trim().is_empty() && line.trim_end_matches('.').eq_ignore_ascii_case(a.trim()))
    {
        return true;
    }
    if line.contains("ontributed")
        && [
            "contributed to this report",
            "contributed reporting",
            "contributed to this story",
            "contributed to this article",
        ]
        .iter()
        .any(|m| contains_ci(line, m))
    {
        return true;
    }
    if let Some(lead) = SETS.byline_leads.prefix_of(line) {
        let rest = line.get(lead.len()..).unwrap_or("");
        if lead != "by " {
            return true;
        }
        // `By` then names: mostly capitalised words, `and`, commas, `in Place`.
        let (caps, total) = words_of(rest).fold((0, 0), |(c, t), w| {
            (
                c + usize::from(
                    is_capitalised(w)
                        || in_list(w, &["and", "in", "for", "de", "van", "von", "al", "bin"]),
                ),
                t + 1,
            )
        });
        return total > 0 && caps == total && (words <= 6 || !line.ends_with(['.', '?', '!']));
    }
    // `Jane Doe, Staff Reporter` / `Jane Doe | Outlet`.
    if words <= 9
        && !line.ends_with(['.', '?', '!'])
        && let Some((name, role)) = line.split_once([',', '|'])
    {
        let name_words: Vec<&str> = words_of(name).collect();
        let role = role.trim();
        let role_ok = BYLINE_ROLES.iter().any(|r| contains_ci(role, r))
            || SETS.agencies.contains(role.trim_end_matches('.'))
            || line.contains('|') && words_of(role).all(is_capitalised);
        return (2..=4).contains(&name_words.len())
            && name_words.iter().all(|w| is_capitalised(w))
            && role_ok;
    }
    false
}

/// A dateline alone on its line (`ISTANBUL, May 15 (Reuters) -`) or a date/time
/// stamp (`Updated: May 15, 2025 10:32 GMT`).
fn is_dateline(line: &str, ws: &[&str], words: usize) -> bool {
    if words > 12 || line.len() > 100 {
        return false;
    }
    let ends_dash = line.ends_with(['-', '–', '—']);
    let agency_paren = line.contains('(')
        && line.contains(')')
        && line
            .split(['(', ')'])
            .nth(1)
            .is_some_and(|inner| SETS.agencies.contains(inner.trim()));
    let first = ws.first().copied().unwrap_or("");
    let first_caps = first.chars().count() >= 3
        && first
            .chars()
            .all(|c| c.is_uppercase() || !c.is_alphabetic());
    if (ends_dash || agency_paren) && first_caps {
        return true;
    }
    // A stamp: only date words, numbers and a few labels, with a month or a
    // numeric date in it.

    let mut dated = false;
    let all = ws.iter().all(|w| {
        let numeric = w
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | ':' | '.'));
        if is_month(w)
            || w.eq_ignore_ascii_case("ago")
            || (numeric && (w.contains(['/', '-']) || w.len() == 4))
        {
            dated = true;
        }
        numeric
            || is_month(w)
            || is_weekday(w)
            || SETS.stamp_labels.contains(w)
            || w.strip_suffix(|c: char| c.is_ascii_alphabetic())
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit() || c == ':'))
    });
    let has_digit = line.bytes().any(|b| b.is_ascii_digit());
    all && dated && has_digit
}

fn is_boilerplate(line: &str, lower: &str, words: usize) -> bool {
    if words > 40 {
        return false;
    }
    if SETS.boilerplate_leads.prefix_of(line).is_some()
        || words <= 2
            && SETS
                .boilerplate_lines
                .contains(lower.trim_matches(|c: char| !c.is_alphanumeric()))
    {
        return true;
    }
    if lower.contains("all rights reserved") {
        return true;
    }
    if words <= 4 && (lower.ends_with("min read") || lower.ends_with("minute read")) {
        return true;
    }
    words <= 25
        && [
            "sign up for",
            "subscribe to",
            "our newsletter",
            "click here",
            "follow us on",
        ]
        .iter()
        .any(|m| lower.contains(m))
}

fn has_caption_lead(line: &str) -> bool {
    SETS.caption_leads.prefix_of(line).is_some()
}

/// Ends in a credit (`… (Photo: Jane Doe/Reuters)`, `… Photograph: Jane Doe/AFP`).
fn ends_with_credit(line: &str) -> bool {
    // `… on May 14, 2025. NORTHWIRE/Jon Bersk`: a slash credit after the last
    // sentence.
    if let Some(p) = line.rfind(". ") {
        let rest = line.get(p + 2..).unwrap_or("");
        if rest.len() <= 60 && words_of(rest).count() <= 6 && is_slash_credit(rest) {
            return true;
        }
    }
    const MARKS: &[&[u8]] = &[
        b"(photo",
        b"photograph:",
        b"photo:",
        b"(ap photo",
        b"(afp",
        b"(reuters",
        b"(getty",
        b"via getty images",
        b"through getty images",
        b"/getty images",
        b"(image",
        b"reuters/",
        b"/reuters",
        b"afp/",
        b"/afp",
        b"epa/",
        b"/epa",
    ];
    // Lowercase the last 80 bytes once, then look for each mark.
    let bytes = line.as_bytes();
    let tail = bytes.get(bytes.len().saturating_sub(80)..).unwrap_or(bytes);
    let mut buf = [0u8; 80];
    for (dst, src) in buf.iter_mut().zip(tail) {
        *dst = src.to_ascii_lowercase();
    }
    let tail = buf.get(..tail.len()).unwrap_or(&[]);
    // Every mark holds `(`, `:`, `/` or `getty`.
    if !tail.iter().any(|&b| matches!(b, b'(' | b':' | b'/'))
        && !tail.windows(5).any(|w| w == b"getty")
    {
        return false;
    }
    tail.iter().enumerate().any(|(i, &b)| {
        matches!(b, b'(' | b'p' | b'v' | b't' | b'/' | b'r' | b'a' | b'e')
            && MARKS.iter().any(|m| {
                m.first() == Some(&b) && tail.get(i..).is_some_and(|rest| rest.starts_with(m))
            })
    })
}

/// Ends with a full date, optionally `in Place on Month D, YYYY.`.
fn ends_with_full_date(line: &str) -> bool {
    let mut rev = words_of(line).rev();
    let (Some(c), Some(b), Some(a)) = (rev.next(), rev.next(), rev.next()) else {
        return false;
    };
    let last3 = [a, b, c];
    let year = |w: &str| w.len() == 4 && w.chars().all(|c| c.is_ascii_digit());
    let day = |w: &str| {
        let d = w.trim_end_matches(|c: char| c.is_ascii_alphabetic());
        (1..=2).contains(&d.len()) && d.chars().all(|c| c.is_ascii_digit())
    };
    match last3 {
        [m, d, y] if is_month(m) && day(d) && year(y) => true,
        [d, m, y] if day(d) && is_month(m) && year(y) => true,
        _ => false,
    }
}

/// How much a line looks like a caption, not counting its neighbours.
///
/// Split in two: the strong signs (a caption lead, a credit at the end) are cheap
/// and checked for every line; the weak ones (at most +2) only where the strong
/// signs and the neighbours could reach the threshold with them.
fn caption_strong(line: &str, words: usize) -> i32 {
    let mut score = 0;
    if has_caption_lead(line) {
        score += 3;
    }
    if ends_with_credit(line) && words > 5 {
        score += 3;
    }
    score
}

/// Most the weak signs of [`caption_weak`] add.
const CAPTION_WEAK_MAX: i32 = 2;

/// The weak signs: a picture verb, a full date at the end; minus quotes,
/// attributions and length.
fn caption_weak(line: &str, words: usize) -> i32 {
    let mut score = 0;
    if words_of(line)
        .take(CAPTION_VERB_WINDOW)
        .any(|w| SETS.caption_verbs.contains(w))
    {
        score += 1;
    }
    if ends_with_full_date(line) {
        score += 1;
    }
    if has_quote(line) {
        score -= 2;
    }
    if [" said", " says", " told", "according to"]
        .iter()
        .any(|m| line.contains(m))
    {
        score -= 2;
    }
    if words > 70 {
        score -= 3;
    }
    score
}

/// A short line without closing punctuation that reads as a title.
fn heading_shape(line: &str, ws: &[&str], words: usize) -> Option<bool> {
    if words == 0 || words > 16 || line.len() > 140 {
        return None;
    }
    let last = last_char(line);
    if matches!(
        last,
        '.' | ',' | ';' | ':' | '"' | '”' | '’' | '\'' | '-' | '–' | '—' | ')'
    ) {
        return None;
    }
    let first = line.chars().next().unwrap_or(' ');
    if !(first.is_uppercase() || first.is_ascii_digit() || matches!(first, '"' | '“' | '‘')) {
        return None;
    }
    let last_word = ws.last().copied().unwrap_or("");
    if SETS.function_words.contains(last_word) {
        return None;
    }
    let content: Vec<&&str> = ws
        .iter()
        .filter(|w| !SETS.function_words.contains(w) || is_capitalised(w))
        .collect();
    let caps = content.iter().filter(|w| is_capitalised(w)).count();
    // Title Case or ALL CAPS: a heading for sure; sentence case: only with context.
    let title = !content.is_empty() && caps * 10 >= content.len() * 7;
    Some(title)
}

impl SegmentLabeler {
    /// A labeler.
    pub fn new() -> Self {
        SegmentLabeler {}
    }

    /// What a line of at most 40 words is on its own, if it is not left to context.
    fn short_line_kind(
        &self,
        text: &str,
        lower: &str,
        ws: &[&str],
        words: usize,
        authors: &[String],
    ) -> Option<SegmentKind> {
        if is_boilerplate(text, lower, words) {
            Some(SegmentKind::Boilerplate)
        } else if is_credit(text, lower, ws, words) {
            Some(SegmentKind::Credit)
        } else if is_byline(text, words, authors) {
            Some(SegmentKind::Byline)
        } else if is_dateline(text, ws, words) {
            Some(SegmentKind::Dateline)
        } else {
            None
        }
    }

    /// Labels every non-blank line of `body`. `authors` are the article's bylines
    /// and `title` its headline, which mark lines that repeat them.
    pub fn label(&self, body: &str, authors: &[String], title: Option<&str>) -> Vec<Segment> {
        let title = title.map(str::trim).filter(|t| !t.is_empty());
        let mut lines: Vec<Line<'_>> = Vec::new();
        let mut start = 0;
        let mut blank_before = false;
        let mut lower = String::new();
        let mut ws: Vec<&str> = Vec::with_capacity(48);
        for raw in body.split_inclusive('\n') {
            let text = raw.trim();
            if text.is_empty() {
                blank_before = true;
                start += raw.len();
                continue;
            }
            let lead = raw.len() - raw.trim_start().len();
            let span = Span::new(start + lead, start + lead + text.len());
            let approx = approx_words(text);
            // Only short lines can be anything but body or caption.
            // The words of short lines are split once; only credits, bylines,
            // datelines and headings (at most 16 words) look at them.
            ws.clear();
            let words = if approx <= 16 {
                ws.extend(words_of(text));
                ws.len()
            } else {
                approx
            };
            let kind = if title.is_some_and(|t| t.eq_ignore_ascii_case(text)) {
                // The headline repeated at the top of the text.
                Some(SegmentKind::Heading)
            } else if words > 40 {
                None
            } else {
                lower.clear();
                lower.push_str(text);
                lower.make_ascii_lowercase();
                self.short_line_kind(text, &lower, &ws, words, authors)
            };
            let (shape, heading) = match kind {
                None => (caption_strong(text, words), heading_shape(text, &ws, words)),
                Some(_) => (0, None),
            };
            lines.push(Line {
                span,
                text,
                words,
                blank_before,
                kind,
                shape,
                heading,
            });
            blank_before = false;
            start += raw.len();
        }

        let mut kinds: Vec<SegmentKind> = Vec::with_capacity(lines.len());
        for (i, line) in lines.iter().enumerate() {
            if let Some(kind) = line.kind {
                kinds.push(kind);
                continue;
            }
            // The outlet or role on the line under a byline (`Northwire`).
            if kinds.last() == Some(&SegmentKind::Byline)
                && line.words <= 4
                && line.heading.is_some()
            {
                kinds.push(SegmentKind::Byline);
                continue;
            }
            let next = lines.get(i + 1);
            let prev = i.checked_sub(1).and_then(|p| lines.get(p));
            let next_kind = next.and_then(|l| l.kind);
            let prev_kind = prev.and_then(|l| l.kind);
            let mut score = line.shape;
            if next_kind == Some(SegmentKind::Credit) {
                score += 2;
            }
            // A credit set above its caption, or a run of captions.
            if prev_kind == Some(SegmentKind::Credit) || kinds.last() == Some(&SegmentKind::Caption)
            {
                score += 1;
            }
            if score + CAPTION_WEAK_MAX >= 3 {
                score += caption_weak(line.text, line.words);
            }
            if score >= 3 {
                kinds.push(SegmentKind::Caption);
                continue;
            }
            let heading = match line.heading {
                Some(true) => next.is_some() || i == 0,
                // Sentence case: a short line standing apart, leading into text.
                Some(false) => {
                    // The first line of an article, without a full stop, is its
                    // headline whatever its case.
                    i == 0 && next.is_some()
                        || line.words <= 12
                            && next.is_some_and(|n| n.words > line.words && n.kind.is_none())
                            && (line.blank_before || next.is_some_and(|n| n.blank_before))
                }
                None => false,
            };
            kinds.push(if heading {
                SegmentKind::Heading
            } else {
                SegmentKind::Body
            });
        }
        let mut segments = Vec::with_capacity(lines.len() + 1);
        let mut first_body = true;
        for (line, kind) in lines.iter().zip(kinds) {
            // Wire copy opens its first paragraph with the dateline
            // (`ISTANBUL, May 15 (Reuters) - Talks…`): label it apart.
            if kind == SegmentKind::Body
                && std::mem::take(&mut first_body)
                && let Some((dash_end, body_start)) = inline_dateline(line.text)
            {
                let start = line.span.start as usize;
                segments.push(Segment {
                    kind: SegmentKind::Dateline,
                    span: Span::new(start, start + dash_end),
                });
                segments.push(Segment {
                    kind,
                    span: Span::new(start + body_start, line.span.end as usize),
                });
                continue;
            }
            segments.push(Segment {
                kind,
                span: line.span,
            });
        }
        segments
    }
}

/// A dateline opening a paragraph: an ALL-CAPS place, perhaps a region, date or
/// `(Agency)`, then a dash and the report. Returns the end of the dash and the start
/// of the report.
fn inline_dateline(text: &str) -> Option<(usize, usize)> {
    let window = text.get(..text.len().min(90)).unwrap_or_else(|| {
        let mut end = text.len().min(90);
        while !text.is_char_boundary(end) {
            end -= 1;
        }
        text.get(..end).unwrap_or("")
    });
    let (dash_at, dash) = [" - ", " — ", " – ", " -- "]
        .iter()
        .filter_map(|d| window.find(d).map(|p| (p, *d)))
        .min_by_key(|&(p, _)| p)?;
    let prefix = window.get(..dash_at)?;
    let place = prefix.split([',', '(']).next().unwrap_or("").trim();
    let letters = place.chars().filter(|c| c.is_alphabetic()).count();
    let caps = place
        .chars()
        .all(|c| c.is_uppercase() || matches!(c, ' ' | '.' | '\'' | '-' | '’'));
    let clean = !prefix.contains(['!', '?', '"', '“', '”', ';']) && words_of(prefix).count() <= 8;
    let body_start = dash_at + dash.len();
    let next = text.get(body_start..)?.chars().next()?;
    let opens = next.is_uppercase() || next.is_ascii_digit() || matches!(next, '"' | '“' | '‘');
    (letters >= 3 && caps && clean && opens)
        .then_some((dash_at + dash.trim_end().len(), body_start))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<SegmentKind> {
        SegmentLabeler::new()
            .label(body, &[], None)
            .iter()
            .map(|s| s.kind)
            .collect()
    }

    use SegmentKind::*;

    #[test]
    fn caption_followed_by_credit() {
        let body = "Officials met on Monday to discuss the harbour plan, the mayor said.\n\
A fisherman looks at the flooded pier in Port Avel, Norland on March 3, 2025.\n\
JANE MOROSE/AFP via Getty Images\n\
The council will vote on Friday.";
        assert_eq!(kinds(body), [Body, Caption, Credit, Body]);
    }

    #[test]
    fn caption_leads_and_lone_agencies() {
        assert_eq!(
            kinds(
                "FILE PHOTO: A view of the Velm bridge in Ostra.\nReuters\nIn this photo taken from video released on May 2, 2025, a tug pulls a barge.\nAP"
            ),
            [Caption, Credit, Caption, Credit]
        );
    }

    #[test]
    fn credits_in_many_shapes() {
        for credit in [
            "GAVRIL ONDRAS/POOL/AFP/AFP through Getty Images",
            "PAVEL OBRADOVIC/NWA through Lantern Images",
            "(Photo: Mira Tal/Northwire)",
            "Photograph: Lena Hoyt/EPA",
            "Reuters",
            "AP Photo/Tomas Berg",
        ] {
            assert_eq!(kinds(credit), [Credit], "{credit}");
        }
    }

    #[test]
    fn bylines_and_datelines() {
        assert_eq!(
            kinds(
                "By Jane Doe and John Roe\nPORT AVEL, May 15 (Reuters) -\nThe council voted on Friday to close the harbour.\nUpdated: May 15, 2025 10:32 GMT\nJane Doe, Staff Reporter"
            ),
            [Byline, Dateline, Body, Dateline, Byline]
        );
    }

    #[test]
    fn more_bylines_stamps_and_furniture() {
        assert_eq!(
            kinds(
                "Jane Doe, Reuters\nPublished: 2 hours ago\n4 min read\nThe council voted on Friday to close the harbour.\nShare\n(Reporting by Jane Doe; Editing by John Roe)\nJohn Roe in Ostra contributed to this report.\nADVERTISEMENT"
            ),
            [
                Byline,
                Dateline,
                Boilerplate,
                Body,
                Boilerplate,
                Byline,
                Byline,
                Boilerplate
            ]
        );
    }

    #[test]
    fn headline_byline_outlet_and_caption_with_its_credit_inline() {
        assert_eq!(
            kinds(
                "Harbour strike: what we know so far\n\nBy MIRA TALVIK\nNorthwire\n\nFirefighters work at the site of a fire in Port Avel, Norland, May 14, 2025. NORTHWIRE/Jon Bersk\n\nDock workers walked out on Tuesday, the union said."
            ),
            [Heading, Byline, Byline, Caption, Body]
        );
    }

    #[test]
    fn a_dateline_opening_the_first_paragraph_is_split_off() {
        let body = "PORT AVEL, Norland, May 15 (Northwire) - The council voted on Friday.\nOSTRA - The port stayed shut.";
        let segments = SegmentLabeler::new().label(body, &[], None);
        let got: Vec<(SegmentKind, &str)> = segments
            .iter()
            .map(|s| (s.kind, s.span.slice(body)))
            .collect();
        assert_eq!(
            got,
            [
                (Dateline, "PORT AVEL, Norland, May 15 (Northwire) -"),
                (Body, "The council voted on Friday."),
                (Body, "OSTRA - The port stayed shut.")
            ]
        );
        // Prose dashes and acronyms are not datelines.
        assert_eq!(
            kinds("NATO - the alliance - met.\nEU — the bloc — met."),
            [Body, Body]
        );
    }

    #[test]
    fn a_line_repeating_the_title_is_a_heading() {
        let body = "Port strike ends after three weeks.\nThe council voted on Friday to reopen the harbour.";
        let segments =
            SegmentLabeler::new().label(body, &[], Some("Port strike ends after three weeks."));
        assert_eq!(segments[0].kind, Heading);
        assert_eq!(segments[1].kind, Body);
    }

    #[test]
    fn caption_without_credit_needs_a_strong_lead() {
        // Shape alone (a verb and a date) is not enough without a credit under it.
        assert_eq!(
            kinds(
                "Dockers stand at the gate in Port Avel, Norland on May 14, 2025.\nThe strike goes on."
            ),
            [Body, Body]
        );
        assert_eq!(
            kinds(
                "Volunteers clear debris in Ostra on Tuesday. Photograph: Mira Tal/Northwire\nThe strike goes on."
            ),
            [Caption, Body]
        );
    }

    #[test]
    fn headings_and_boilerplate() {
        assert_eq!(
            kinds(
                "Harbour Talks Resume in Port Avel\n\nThe council voted on Friday to reopen talks with the union.\nWhat Comes Next\nBoth sides meet again in June, officials said.\nRead more: Port Avel strike enters second week\n© 2025 Northwire. All rights reserved."
            ),
            [Heading, Body, Heading, Body, Boilerplate, Boilerplate]
        );
    }

    #[test]
    fn body_lines_stay_body() {
        assert_eq!(
            kinds(
                "“We will not give up,” the mayor said.\nThe union, which represents 1,200 dockers, said it would strike.\nShe looks at the numbers every week, she said."
            ),
            [Body, Body, Body]
        );
    }
}
