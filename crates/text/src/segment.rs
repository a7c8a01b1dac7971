//! Labelling the body's lines: report text, headings, captions, credits, bylines,
//! datelines and boilerplate.
//!
//! Each line is first judged on its own (its shape and lead words), then captions
//! and headings are decided with their neighbours: a caption is most often given
//! away by the credit line under it, a heading by the body line after it.

use crosscheck_core::{Segment, SegmentKind, Span};

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
}

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
];

/// Lowercase words that do not end a title.
const FUNCTION_WORDS: &[&str] = &[
    "a", "an", "the", "and", "or", "but", "of", "to", "in", "on", "at", "for", "with", "by",
    "from", "as", "that", "which", "who", "is", "are", "was", "were", "be", "has", "have", "had",
    "not", "its", "his", "her", "their", "into", "about", "than", "this", "these",
];

/// True when `text` starts with `prefix`, ignoring ASCII case.
pub(crate) fn starts_with_ci(text: &str, prefix: &str) -> bool {
    text.as_bytes()
        .get(..prefix.len())
        .is_some_and(|head| head.eq_ignore_ascii_case(prefix.as_bytes()))
}

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
fn words_of(text: &str) -> impl Iterator<Item = &str> {
    text.split(|c: char| c.is_whitespace())
        .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()))
        .filter(|w| !w.is_empty())
}

fn is_capitalised(word: &str) -> bool {
    word.chars()
        .next()
        .is_some_and(|c| c.is_uppercase() || c.is_ascii_digit())
}

fn is_month(word: &str) -> bool {
    MONTHS.iter().any(|m| word.eq_ignore_ascii_case(m))
}

fn is_weekday(word: &str) -> bool {
    WEEKDAYS.iter().any(|m| word.eq_ignore_ascii_case(m))
}

fn in_list(word: &str, list: &[&str]) -> bool {
    list.iter().any(|w| word.eq_ignore_ascii_case(w))
}

fn last_char(text: &str) -> char {
    text.chars().next_back().unwrap_or(' ')
}

fn has_quote(text: &str) -> bool {
    text.contains(['"', '“', '”', '«', '»', '„'])
}

/// `NAME/AGENCY via Getty Images`, `AP`, `Photo: Jane Doe/Reuters`.
fn is_credit(line: &str, words: usize) -> bool {
    if words > 14 || line.len() > 140 {
        return false;
    }
    let bare = line.trim_matches(|c: char| !c.is_alphanumeric());
    if in_list(bare, AGENCIES) {
        return true;
    }
    if CREDIT_LEADS.iter().any(|p| starts_with_ci(line, p)) {
        return true;
    }
    if has_quote(line) {
        return false;
    }
    if CREDIT_MARKS.iter().any(|m| contains_ci(line, m)) {
        // A sentence that mentions Getty Images is not a credit: credits are
        // mostly names.
        let (caps, total) = words_of(line).fold((0, 0), |(c, t), w| {
            (c + usize::from(is_capitalised(w) || w.contains('/')), t + 1)
        });
        return caps * 2 >= total && !matches!(last_char(line), '.' | '!' | '?');
    }
    // `JANE DOE/POOL/AFP`: names joined by slashes, no sentence punctuation.
    let slashes = line.matches('/').count();
    slashes >= 1
        && words <= 8
        && !line.contains("://")
        && !matches!(last_char(line), '.' | '!' | '?' | ',' | ':')
        && line
            .split('/')
            .all(|part| words_of(part).all(|w| is_capitalised(w) || in_list(w, &["via", "for"])))
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
    if let Some(lead) = BYLINE_LEADS.iter().find(|p| starts_with_ci(line, p)) {
        let rest = line.get(lead.len()..).unwrap_or("");
        if *lead != "by " {
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
            || line.contains('|') && words_of(role).all(is_capitalised);
        return (2..=4).contains(&name_words.len())
            && name_words.iter().all(|w| is_capitalised(w))
            && role_ok;
    }
    false
}

/// A dateline alone on its line (`ISTANBUL, May 15 (Reuters) -`) or a date/time
/// stamp (`Updated: May 15, 2025 10:32 GMT`).
fn is_dateline(line: &str, words: usize) -> bool {
    if words > 12 || line.len() > 100 {
        return false;
    }
    let ends_dash = line.ends_with(['-', '–', '—']);
    let agency_paren = line.contains('(')
        && line.contains(')')
        && AGENCIES.iter().any(|a| {
            line.split(['(', ')'])
                .nth(1)
                .is_some_and(|inner| inner.trim().eq_ignore_ascii_case(a))
        });
    let first = words_of(line).next().unwrap_or("");
    let first_caps = first.chars().count() >= 3
        && first
            .chars()
            .all(|c| c.is_uppercase() || !c.is_alphabetic());
    if (ends_dash || agency_paren) && first_caps {
        return true;
    }
    // A stamp: only date words, numbers and a few labels, with a month or a
    // numeric date in it.
    const LABELS: &[&str] = &[
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
    let mut dated = false;
    let all = words_of(line).all(|w| {
        let numeric = w
            .chars()
            .all(|c| c.is_ascii_digit() || matches!(c, '/' | '-' | ':' | '.'));
        if is_month(w) || (numeric && (w.contains(['/', '-']) || w.len() == 4)) {
            dated = true;
        }
        numeric
            || is_month(w)
            || is_weekday(w)
            || in_list(w, LABELS)
            || w.strip_suffix(|c: char| c.is_ascii_alphabetic())
                .is_some_and(|n| n.chars().all(|c| c.is_ascii_digit() || c == ':'))
    });
    let has_digit = line.bytes().any(|b| b.is_ascii_digit());
    all && dated && has_digit
}

fn is_boilerplate(line: &str, words: usize) -> bool {
    if words > 40 {
        return false;
    }
    if BOILERPLATE_LEADS.iter().any(|p| starts_with_ci(line, p)) {
        return true;
    }
    if contains_ci(line, "all rights reserved") {
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
        .any(|m| contains_ci(line, m))
}

fn has_caption_lead(line: &str) -> bool {
    CAPTION_LEADS.iter().any(|p| starts_with_ci(line, p))
}

/// Ends in a credit (`… (Photo: Jane Doe/Reuters)`, `… Photograph: Jane Doe/AFP`).
fn ends_with_credit(line: &str) -> bool {
    let tail_start = line.len().saturating_sub(80);
    let tail = line.get(tail_start..).unwrap_or_else(|| {
        let mut start = tail_start;
        while !line.is_char_boundary(start) {
            start += 1;
        }
        line.get(start..).unwrap_or("")
    });
    [
        "(photo",
        "photograph:",
        "photo:",
        "(ap photo",
        "(afp",
        "(reuters",
        "(getty",
        "via getty images",
        "through getty images",
        "/getty images",
        "(image",
    ]
    .iter()
    .any(|m| contains_ci(tail, m))
}

/// Ends with a full date, optionally `in Place on Month D, YYYY.`.
fn ends_with_full_date(line: &str) -> bool {
    let ws: Vec<&str> = words_of(line).collect();
    let n = ws.len();
    if n < 3 {
        return false;
    }
    let last3 = &ws[n - 3..];
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
fn caption_shape(line: &str, words: usize) -> i32 {
    let mut score = 0;
    if has_caption_lead(line) {
        score += 3;
    }
    if ends_with_credit(line) && words > 5 {
        score += 3;
    }
    if words_of(line).take(14).any(|w| in_list(w, CAPTION_VERBS)) {
        score += 1;
    }
    if ends_with_full_date(line) {
        score += 1;
    }
    if has_quote(line) {
        score -= 2;
    }
    if words_of(line).any(|w| in_list(w, &["said", "says", "told", "according"])) {
        score -= 2;
    }
    if words > 70 {
        score -= 3;
    }
    score
}

/// A short line without closing punctuation that reads as a title.
fn heading_shape(line: &str, words: usize) -> Option<bool> {
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
    let ws: Vec<&str> = words_of(line).collect();
    let last_word = ws.last().copied().unwrap_or("");
    if in_list(last_word, FUNCTION_WORDS) {
        return None;
    }
    let content: Vec<&&str> = ws
        .iter()
        .filter(|w| !in_list(w, FUNCTION_WORDS) || is_capitalised(w))
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

    /// Labels every non-blank line of `body`. `authors` are the article's bylines,
    /// which mark a line that repeats them.
    pub fn label(&self, body: &str, authors: &[String]) -> Vec<Segment> {
        let mut lines: Vec<Line<'_>> = Vec::new();
        let mut start = 0;
        let mut blank_before = false;
        for raw in body.split_inclusive('\n') {
            let text = raw.trim();
            if text.is_empty() {
                blank_before = true;
                start += raw.len();
                continue;
            }
            let lead = raw.len() - raw.trim_start().len();
            let span = Span::new(start + lead, start + lead + text.len());
            let words = words_of(text).count();
            let kind = if is_boilerplate(text, words) {
                Some(SegmentKind::Boilerplate)
            } else if is_credit(text, words) {
                Some(SegmentKind::Credit)
            } else if is_byline(text, words, authors) {
                Some(SegmentKind::Byline)
            } else if is_dateline(text, words) {
                Some(SegmentKind::Dateline)
            } else {
                None
            };
            lines.push(Line {
                span,
                text,
                words,
                blank_before,
                kind,
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
            let next = lines.get(i + 1);
            let prev = i.checked_sub(1).and_then(|p| lines.get(p));
            let next_kind = next.and_then(|l| l.kind);
            let prev_kind = prev.and_then(|l| l.kind);
            let mut score = caption_shape(line.text, line.words);
            if next_kind == Some(SegmentKind::Credit) {
                score += 2;
            }
            // A credit set above its caption, or a run of captions.
            if prev_kind == Some(SegmentKind::Credit) || kinds.last() == Some(&SegmentKind::Caption)
            {
                score += 1;
            }
            if score >= 3 {
                kinds.push(SegmentKind::Caption);
                continue;
            }
            let heading = match heading_shape(line.text, line.words) {
                Some(true) => next.is_some() || i == 0,
                // Sentence case: a short line standing apart, leading into text.
                Some(false) => {
                    line.words <= 12
                        && next.is_some_and(|n| n.words > line.words && n.kind.is_none())
                        && (i == 0 || line.blank_before || next.is_some_and(|n| n.blank_before))
                }
                None => false,
            };
            kinds.push(if heading {
                SegmentKind::Heading
            } else {
                SegmentKind::Body
            });
        }
        lines
            .iter()
            .zip(kinds)
            .map(|(line, kind)| Segment {
                kind,
                span: line.span,
            })
            .collect()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn kinds(body: &str) -> Vec<SegmentKind> {
        SegmentLabeler::new()
            .label(body, &[])
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
