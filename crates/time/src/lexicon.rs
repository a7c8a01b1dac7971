//! The token-level lexicon: every word the grammar cares about, with its meaning,
//! and the tokenizer that looks words up while cutting the text.
//!
//! Lookup lower-cases into a stack buffer and matches on the string, so the hot path
//! allocates nothing but the token vector (which callers reuse).

/// A calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Unit {
    Second,
    Minute,
    Hour,
    Day,
    Week,
    Weekend,
    Month,
    Quarter,
    Half,
    Year,
    Decade,
    Century,
}

/// A part of the day, as TIMEX3 writes it (`TMO`, `TAF`, `TEV`, `TNI`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum DayPart {
    Morning,
    Afternoon,
    Evening,
    Night,
    Noon,
    Midnight,
}

impl DayPart {
    /// The TIMEX3 suffix after `T`.
    pub(crate) fn code(self) -> &'static str {
        match self {
            DayPart::Morning => "MO",
            DayPart::Afternoon => "AF",
            DayPart::Evening => "EV",
            DayPart::Night => "NI",
            DayPart::Noon => "12:00",
            DayPart::Midnight => "24:00",
        }
    }
}

/// Words that point at the present, past or future without a calendar unit.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Deictic {
    Today,
    Yesterday,
    Tomorrow,
    Tonight,
    Now,
    Currently,
    Recently,
    Future,
}

/// Words that place a unit relative to the anchor (`last`, `next`, `this`, `past`…).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Rel {
    Last,
    Next,
    This,
    Past,
    Coming,
    Previous,
    Following,
    Recent,
}

/// Modifiers that select part of a period (`early`, `late`, `mid`) or lean on it
/// (`earlier this year`).
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Edge {
    Early,
    Late,
    Mid,
    Earlier,
    Later,
    End,
    Beginning,
}

/// Fixed-date and rule-based holidays.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Holiday {
    Christmas,
    NewYear,
    Thanksgiving,
    Independence,
    Election,
    Halloween,
    Valentine,
}

/// What a token means to the grammar.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) enum Lex {
    /// 1 = Monday … 7 = Sunday.
    Weekday(u8),
    /// 1 = January … 12 = December.
    Month(u8),
    /// A number written in words (`three`, `twenty`).
    NumWord(u32),
    /// `a`, `an`: one, in front of a unit.
    A,
    /// `several`, `few`, `some`, `many`, `couple`: an unspecified count.
    Vague,
    /// An ordinal in words or digits (`fourth`, `4th`).
    Ordinal(u32),
    /// A unit; `true` when plural.
    Unit(Unit, bool),
    DayPart(DayPart),
    /// 1 = spring, 2 = summer, 3 = fall, 4 = winter.
    Season(u8),
    Deictic(Deictic),
    Rel(Rel),
    Edge(Edge),
    Ago,
    /// `daily`, `weekly`…: a set with this unit.
    SetAdverb(Unit),
    Every,
    The,
    Fiscal,
    /// `about`, `nearly`, `almost`, `more than`, `at least`…: a leading qualifier.
    Approx,
    Of,
    In,
    On,
    And,
    That,
    Same,
    Before,
    After,
    /// `a.m.` (false) or `p.m.` (true).
    AmPm(bool),
    /// A time-zone abbreviation (`GMT`, `EDT`).
    Zone,
    Holiday(Holiday),
    /// `day` in holiday names (`Thanksgiving Day`) is a unit; `eve` is this.
    Eve,
    /// A digit run: its value and how many digits it has.
    Num(u32, u8),
    /// `10:35`: hours and minutes.
    Clock(u8, u8),
    /// `1990s`: the decade's first year.
    Decade(u32),
    /// `'s` after a word.
    Possessive,
    /// Punctuation (one character).
    Punct(char),
    /// Any other word; `true` when capitalised.
    Word(bool),
}

/// A token: its byte range in the text and its meaning.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub(crate) start: usize,
    pub(crate) end: usize,
    pub(crate) lex: Lex,
    /// The word ends in `ed`, a cheap sign of a past-tense verb.
    pub(crate) past_form: bool,
    /// A tense cue word: +1 future (`will`), -1 past (`said`), 0 none.
    pub(crate) tense: i8,
    /// The token starts with an upper-case letter.
    pub(crate) cap: bool,
}

/// Cuts `text` into tokens, appending to `out` (cleared first).
pub(crate) fn tokenize(text: &str, out: &mut Vec<Tok>) {
    out.clear();
    let bytes = text.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        let b = bytes[i];
        if b.is_ascii_whitespace() {
            // A blank line ends a sentence as surely as a full stop does.
            if b == b'\n' {
                let mut j = i + 1;
                while j < bytes.len()
                    && (bytes[j] == b' ' || bytes[j] == b'\t' || bytes[j] == b'\r')
                {
                    j += 1;
                }
                if j < bytes.len() && bytes[j] == b'\n' {
                    push(out, i, i + 1, Lex::Punct('\n'), false, 0, false);
                    i = j + 1;
                    continue;
                }
            }
            i += 1;
            continue;
        }
        if b.is_ascii_digit() {
            i = number(text, i, out);
            continue;
        }
        let Some(ch) = text[i..].chars().next() else {
            break;
        };
        if ch.is_alphabetic() {
            i = word(text, i, out);
            continue;
        }
        if ch == '\'' || ch == '\u{2019}' {
            // `'s` possessive, else plain punctuation.
            let after = i + ch.len_utf8();
            if bytes.get(after).is_some_and(|c| *c == b's' || *c == b'S')
                && !bytes
                    .get(after + 1)
                    .is_some_and(|c| c.is_ascii_alphanumeric())
                && i > 0
                && bytes[i - 1].is_ascii_alphanumeric()
            {
                push(out, i, after + 1, Lex::Possessive, false, 0, false);
                i = after + 1;
                continue;
            }
        }
        let end = i + ch.len_utf8();
        push(out, i, end, Lex::Punct(ch), false, 0, false);
        i = end;
    }
}

fn push(out: &mut Vec<Tok>, start: usize, end: usize, lex: Lex, past: bool, tense: i8, cap: bool) {
    out.push(Tok {
        start,
        end,
        lex,
        past_form: past,
        tense,
        cap,
    });
}

/// Reads a digit run with what may follow it: `10:35`, `1990s`, `4th`, `1,200`, `3.5`.
fn number(text: &str, start: usize, out: &mut Vec<Tok>) -> usize {
    let bytes = text.as_bytes();
    let mut i = start;
    while i < bytes.len() && bytes[i].is_ascii_digit() {
        i += 1;
    }
    let digits = i - start;
    let value: u32 = text[start..i].parse().unwrap_or(u32::MAX);
    let next = bytes.get(i).copied();
    let next2 = bytes.get(i + 1).copied();
    // Clock time `10:35` (hours and two-digit minutes).
    if next == Some(b':') && next2.is_some_and(|c| c.is_ascii_digit()) && digits <= 2 {
        let mut j = i + 1;
        while j < bytes.len() && bytes[j].is_ascii_digit() {
            j += 1;
        }
        let minutes: u32 = text[i + 1..j].parse().unwrap_or(99);
        // Seconds (`10:35:20`) are kept in the extent and dropped from the value.
        if bytes.get(j) == Some(&b':') && bytes.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
            j += 1;
            while j < bytes.len() && bytes[j].is_ascii_digit() {
                j += 1;
            }
        }
        if value <= 24 && minutes < 60 && j - i == 3 {
            push(
                out,
                start,
                j,
                Lex::Clock(value as u8, minutes as u8),
                false,
                0,
                false,
            );
            return j;
        }
        push(out, start, j, Lex::Word(false), false, 0, false);
        return j;
    }
    // Thousands separators and decimals make a quantity, never a date part.
    if (next == Some(b',') || next == Some(b'.')) && next2.is_some_and(|c| c.is_ascii_digit()) {
        let mut j = i + 1;
        while j < bytes.len() && (bytes[j].is_ascii_digit() || bytes[j] == b',' || bytes[j] == b'.')
        {
            if !bytes[j].is_ascii_digit() && !bytes.get(j + 1).is_some_and(|c| c.is_ascii_digit()) {
                break;
            }
            j += 1;
        }
        push(out, start, j, Lex::Word(false), false, 0, false);
        return j;
    }
    // Letters glued to the digits: `1990s`, `4th`, `21st`, or something else (`4G`).
    if next.is_some_and(|c| c.is_ascii_alphabetic()) {
        let mut j = i;
        while j < bytes.len() && bytes[j].is_ascii_alphabetic() {
            j += 1;
        }
        let suffix = &text[i..j];
        let lex = if suffix.eq_ignore_ascii_case("s") && digits == 4 && value.is_multiple_of(10) {
            Lex::Decade(value)
        } else if matches!(
            suffix.to_ascii_lowercase().as_str(),
            "st" | "nd" | "rd" | "th"
        ) {
            Lex::Ordinal(value)
        } else {
            Lex::Word(false)
        };
        push(out, start, j, lex, false, 0, false);
        return j;
    }
    push(
        out,
        start,
        i,
        Lex::Num(value, digits.min(255) as u8),
        false,
        0,
        false,
    );
    i
}

/// Reads a word (letters, inner periods for `a.m.`/`U.S.`, inner apostrophes), then
/// looks it up.
fn word(text: &str, start: usize, out: &mut Vec<Tok>) -> usize {
    let bytes = text.as_bytes();
    let mut end = start;
    let mut dotted = false;
    for (off, ch) in text[start..].char_indices() {
        if ch.is_alphabetic() {
            end = start + off + ch.len_utf8();
            continue;
        }
        // `a.m` continues through an inner period followed by a letter.
        if ch == '.'
            && text[start + off + 1..]
                .chars()
                .next()
                .is_some_and(|c| c.is_alphabetic())
        {
            dotted = true;
            continue;
        }
        break;
    }
    let mut buf = [0u8; 24];
    let raw = &text[start..end];
    let lower = lower_ascii(raw, &mut buf);
    let cap = raw.chars().next().is_some_and(char::is_uppercase);
    if !is_known(lower) {
        // Most words mean nothing to the grammar; skip the lexicon's matches.
        let past = lower.len() > 4 && lower.ends_with("ed") && !cap;
        push(out, start, end, Lex::Word(cap), past, 0, cap);
        return end;
    }
    let mut lex = lookup(lower, cap);
    // Abbreviations keep their final period (`Sept.`, `a.m.`).
    if bytes.get(end) == Some(&b'.') && (dotted || is_abbreviation(lower)) {
        end += 1;
    }
    if matches!(lex, Lex::Word(_)) && dotted {
        lex = match lower {
            "a.m" | "a.m." => Lex::AmPm(false),
            "p.m" | "p.m." => Lex::AmPm(true),
            _ => lex,
        };
    }
    let tense = tense_cue(lower);
    // Capitalised words ending in `ed` are names (`United`), not verbs.
    let past = lower.len() > 4 && lower.ends_with("ed") && lex == Lex::Word(false);
    push(out, start, end, lex, past, tense, cap);
    end
}

/// Lower-cases an ASCII word into `buf`; other words come back as `""` (unknown).
fn lower_ascii<'b>(raw: &str, buf: &'b mut [u8; 24]) -> &'b str {
    if raw.len() > buf.len() || !raw.is_ascii() {
        return "";
    }
    let target = &mut buf[..raw.len()];
    target.copy_from_slice(raw.as_bytes());
    target.make_ascii_lowercase();
    std::str::from_utf8(target).unwrap_or("")
}

fn is_abbreviation(lower: &str) -> bool {
    matches!(
        lower,
        "jan"
            | "feb"
            | "mar"
            | "apr"
            | "jun"
            | "jul"
            | "aug"
            | "sep"
            | "sept"
            | "oct"
            | "nov"
            | "dec"
            | "mon"
            | "tue"
            | "tues"
            | "wed"
            | "thu"
            | "thur"
            | "thurs"
            | "fri"
            | "sat"
            | "sun"
            | "a.m"
            | "p.m"
            | "am"
            | "pm"
            | "mid"
            | "yr"
            | "yrs"
            | "hr"
            | "hrs"
            | "min"
            | "mins"
            | "sec"
            | "secs"
    )
}

/// Tense cue words near an expression decide whether a bare weekday or month
/// points back or ahead.
fn tense_cue(lower: &str) -> i8 {
    match lower {
        "will" | "shall" | "ll" | "would" | "going" | "plans" | "planned" | "planning"
        | "scheduled" | "could" | "payable" | "effective" | "resume" | "resumes" | "might"
        | "expected" | "expects" | "expect" | "due" | "upcoming" | "tomorrow" | "soon"
        | "await" | "awaits" | "awaiting" | "intends" => 1,
        // Future only before `to` (`plan to meet`), see `resolve::Context::tense`.
        "plan" | "hope" | "hopes" | "intend" | "want" | "wants" | "aim" | "aims" => 3,
        "said" | "told" | "says" | "say" | "announced" | "reported" | "added" | "stated" => -2,
        "was" | "were" | "had" | "did" | "ago" | "earlier" | "yesterday" | "met" | "has"
        | "have" | "been" | "killed" | "died" | "came" | "went" | "took" | "made" | "left"
        | "held" | "won" | "lost" | "fell" | "rose" | "brought" | "bought" | "sought"
        | "thought" | "caught" | "gave" | "got" | "saw" | "sold" | "paid" | "spent" | "sent"
        | "led" | "began" | "became" | "knew" | "ran" | "wrote" | "spoke" | "struck" | "shot"
        | "fled" | "found" | "heard" | "kept" | "meant" | "stood" | "won't_" => -1,
        _ => 0,
    }
}

/// Every word `lookup`, `tense_cue` and `is_abbreviation` know, so the many other
/// words skip those matches. Keep in step with them (a test checks the matches
/// agree with this list on every entry).
const KNOWN_WORDS: &[&str] = &[
    "a",
    "a.m",
    "about",
    "added",
    "after",
    "afternoon",
    "ago",
    "aim",
    "aims",
    "almost",
    "am",
    "an",
    "and",
    "announced",
    "annual",
    "annually",
    "approximately",
    "apr",
    "april",
    "around",
    "aug",
    "august",
    "autumn",
    "await",
    "awaiting",
    "awaits",
    "became",
    "been",
    "before",
    "began",
    "beginning",
    "bought",
    "brought",
    "bst",
    "came",
    "caught",
    "cdt",
    "centuries",
    "century",
    "cest",
    "cet",
    "christmas",
    "coming",
    "could",
    "couple",
    "cst",
    "current",
    "currently",
    "daily",
    "day",
    "days",
    "dec",
    "decade",
    "decades",
    "december",
    "did",
    "died",
    "dozen",
    "due",
    "each",
    "earlier",
    "early",
    "edt",
    "eest",
    "eet",
    "effective",
    "eight",
    "eighteen",
    "eighth",
    "eighty",
    "eleven",
    "eleventh",
    "end",
    "est",
    "eve",
    "evening",
    "every",
    "expect",
    "expected",
    "expects",
    "fall",
    "feb",
    "february",
    "fell",
    "few",
    "fifteen",
    "fifth",
    "fifty",
    "first",
    "fiscal",
    "five",
    "fled",
    "following",
    "forty",
    "found",
    "four",
    "fourteen",
    "fourth",
    "fri",
    "friday",
    "future",
    "gave",
    "gmt",
    "going",
    "got",
    "had",
    "half",
    "halloween",
    "has",
    "have",
    "heard",
    "held",
    "hope",
    "hopes",
    "hour",
    "hourly",
    "hours",
    "hr",
    "hrs",
    "hundred",
    "in",
    "intend",
    "intends",
    "ist",
    "jan",
    "january",
    "jst",
    "jul",
    "july",
    "jun",
    "june",
    "kept",
    "killed",
    "knew",
    "last",
    "late",
    "lately",
    "later",
    "led",
    "left",
    "ll",
    "lost",
    "made",
    "many",
    "mar",
    "march",
    "may",
    "mdt",
    "meant",
    "met",
    "mid",
    "midday",
    "midnight",
    "might",
    "min",
    "mins",
    "minute",
    "minutes",
    "mon",
    "monday",
    "month",
    "monthly",
    "months",
    "morning",
    "msk",
    "mst",
    "nearly",
    "next",
    "night",
    "nine",
    "nineteen",
    "ninety",
    "ninth",
    "noon",
    "nov",
    "november",
    "now",
    "nowadays",
    "numerous",
    "oct",
    "october",
    "of",
    "on",
    "one",
    "overnight",
    "p.m",
    "paid",
    "past",
    "payable",
    "pdt",
    "per",
    "plan",
    "planned",
    "planning",
    "plans",
    "pm",
    "preceding",
    "presently",
    "previous",
    "prior",
    "pst",
    "quarter",
    "quarterly",
    "quarters",
    "ran",
    "recent",
    "recently",
    "reported",
    "resume",
    "resumes",
    "rose",
    "roughly",
    "said",
    "same",
    "sat",
    "saturday",
    "saw",
    "say",
    "says",
    "scheduled",
    "sec",
    "second",
    "seconds",
    "secs",
    "sent",
    "sep",
    "sept",
    "september",
    "seven",
    "seventeen",
    "seventh",
    "seventy",
    "several",
    "shall",
    "shot",
    "six",
    "sixteen",
    "sixth",
    "sixty",
    "sold",
    "some",
    "soon",
    "sought",
    "spent",
    "spoke",
    "spring",
    "start",
    "stated",
    "stood",
    "struck",
    "subsequent",
    "summer",
    "sun",
    "sunday",
    "ten",
    "tenth",
    "thanksgiving",
    "that",
    "the",
    "third",
    "thirteen",
    "thirty",
    "this",
    "thought",
    "three",
    "thu",
    "thur",
    "thurs",
    "thursday",
    "today",
    "told",
    "tomorrow",
    "tonight",
    "took",
    "tue",
    "tues",
    "tuesday",
    "twelfth",
    "twelve",
    "twentieth",
    "twenty",
    "two",
    "upcoming",
    "utc",
    "valentine",
    "want",
    "wants",
    "was",
    "wed",
    "wednesday",
    "week",
    "weekend",
    "weekends",
    "weekly",
    "weeks",
    "went",
    "were",
    "will",
    "winter",
    "won",
    "would",
    "wrote",
    "xmas",
    "year",
    "yearly",
    "years",
    "yesterday",
    "yr",
    "yrs",
];

/// Whether `lower` is in [`KNOWN_WORDS`], via a hash set built once.
fn is_known(lower: &str) -> bool {
    static SET: std::sync::OnceLock<std::collections::HashSet<&'static str>> =
        std::sync::OnceLock::new();
    SET.get_or_init(|| KNOWN_WORDS.iter().copied().collect())
        .contains(lower)
}

fn lookup(w: &str, cap: bool) -> Lex {
    use Lex::*;
    match w {
        "monday" | "mon" => Weekday(1),
        "tuesday" | "tue" | "tues" => Weekday(2),
        "wednesday" | "wed" => Weekday(3),
        "thursday" | "thu" | "thur" | "thurs" => Weekday(4),
        "friday" | "fri" => Weekday(5),
        "saturday" | "sat" => Weekday(6),
        "sunday" | "sun" if w.len() > 3 || cap => Weekday(7),
        "january" | "jan" => Month(1),
        "february" | "feb" => Month(2),
        // `march` and `may` are verbs too: only capitalised forms are months.
        "march" | "mar" if cap => Month(3),
        "april" | "apr" => Month(4),
        "may" if cap => Month(5),
        "june" | "jun" => Month(6),
        "july" | "jul" => Month(7),
        "august" | "aug" => Month(8),
        "september" | "sep" | "sept" => Month(9),
        "october" | "oct" => Month(10),
        "november" | "nov" => Month(11),
        "december" | "dec" => Month(12),
        "one" => NumWord(1),
        "two" => NumWord(2),
        "three" => NumWord(3),
        "four" => NumWord(4),
        "five" => NumWord(5),
        "six" => NumWord(6),
        "seven" => NumWord(7),
        "eight" => NumWord(8),
        "nine" => NumWord(9),
        "ten" => NumWord(10),
        "eleven" => NumWord(11),
        "twelve" => NumWord(12),
        "thirteen" => NumWord(13),
        "fourteen" => NumWord(14),
        "fifteen" => NumWord(15),
        "sixteen" => NumWord(16),
        "seventeen" => NumWord(17),
        "eighteen" => NumWord(18),
        "nineteen" => NumWord(19),
        "twenty" => NumWord(20),
        "thirty" => NumWord(30),
        "forty" => NumWord(40),
        "fifty" => NumWord(50),
        "sixty" => NumWord(60),
        "seventy" => NumWord(70),
        "eighty" => NumWord(80),
        "ninety" => NumWord(90),
        "hundred" => NumWord(100),
        "dozen" => NumWord(12),
        "a" | "an" => A,
        "several" | "few" | "some" | "many" | "couple" | "numerous" => Vague,
        "first" => Ordinal(1),
        "second" => Ordinal(2),
        "third" => Ordinal(3),
        "fourth" => Ordinal(4),
        "fifth" => Ordinal(5),
        "sixth" => Ordinal(6),
        "seventh" => Ordinal(7),
        "eighth" => Ordinal(8),
        "ninth" => Ordinal(9),
        "tenth" => Ordinal(10),
        "eleventh" => Ordinal(11),
        "twelfth" => Ordinal(12),
        "twentieth" => Ordinal(20),
        // Capitalised abbreviations are names (`SEC`, `Min`).
        "secs" | "sec" | "min" | "mins" | "hr" | "hrs" | "yr" | "yrs" if cap => Word(cap),
        "seconds" | "secs" | "sec" => Unit(self::Unit::Second, true),
        "minute" | "min" => Unit(self::Unit::Minute, false),
        "minutes" | "mins" => Unit(self::Unit::Minute, true),
        "hour" | "hr" => Unit(self::Unit::Hour, false),
        "hours" | "hrs" => Unit(self::Unit::Hour, true),
        "day" => Unit(self::Unit::Day, false),
        "days" => Unit(self::Unit::Day, true),
        "week" => Unit(self::Unit::Week, false),
        "weeks" => Unit(self::Unit::Week, true),
        "weekend" => Unit(self::Unit::Weekend, false),
        "weekends" => Unit(self::Unit::Weekend, true),
        "month" => Unit(self::Unit::Month, false),
        "months" => Unit(self::Unit::Month, true),
        "quarter" => Unit(self::Unit::Quarter, false),
        "quarters" => Unit(self::Unit::Quarter, true),
        "half" => Unit(self::Unit::Half, false),
        "year" | "yr" => Unit(self::Unit::Year, false),
        "years" | "yrs" => Unit(self::Unit::Year, true),
        "decade" => Unit(self::Unit::Decade, false),
        "decades" => Unit(self::Unit::Decade, true),
        "century" => Unit(self::Unit::Century, false),
        "centuries" => Unit(self::Unit::Century, true),
        "morning" => DayPart(self::DayPart::Morning),
        "afternoon" => DayPart(self::DayPart::Afternoon),
        "evening" => DayPart(self::DayPart::Evening),
        "night" | "overnight" => DayPart(self::DayPart::Night),
        "noon" | "midday" => DayPart(self::DayPart::Noon),
        "midnight" => DayPart(self::DayPart::Midnight),
        "spring" => Season(1),
        "summer" => Season(2),
        "fall" | "autumn" => Season(3),
        "winter" => Season(4),
        "today" => Deictic(self::Deictic::Today),
        "yesterday" => Deictic(self::Deictic::Yesterday),
        "tomorrow" => Deictic(self::Deictic::Tomorrow),
        "tonight" => Deictic(self::Deictic::Tonight),
        "now" | "nowadays" => Deictic(self::Deictic::Now),
        "currently" | "current" | "presently" => Deictic(self::Deictic::Currently),
        "recently" | "lately" => Deictic(self::Deictic::Recently),
        "future" => Deictic(self::Deictic::Future),
        "last" => Rel(self::Rel::Last),
        "next" => Rel(self::Rel::Next),
        "this" => Rel(self::Rel::This),
        "past" => Rel(self::Rel::Past),
        "coming" | "upcoming" => Rel(self::Rel::Coming),
        "previous" | "prior" | "preceding" => Rel(self::Rel::Previous),
        "following" | "subsequent" => Rel(self::Rel::Following),
        "recent" => Rel(self::Rel::Recent),
        "early" => Edge(self::Edge::Early),
        "late" => Edge(self::Edge::Late),
        "mid" => Edge(self::Edge::Mid),
        "earlier" => Edge(self::Edge::Earlier),
        "later" => Edge(self::Edge::Later),
        "end" => Edge(self::Edge::End),
        "beginning" | "start" => Edge(self::Edge::Beginning),
        "ago" => Ago,
        "daily" => SetAdverb(self::Unit::Day),
        "weekly" => SetAdverb(self::Unit::Week),
        "monthly" => SetAdverb(self::Unit::Month),
        "quarterly" => SetAdverb(self::Unit::Quarter),
        "annually" | "yearly" | "annual" => SetAdverb(self::Unit::Year),
        "hourly" => SetAdverb(self::Unit::Hour),
        "every" | "each" | "per" => Every,
        "the" => The,
        "fiscal" => Fiscal,
        "about" | "nearly" | "almost" | "around" | "roughly" | "approximately" => Approx,
        "of" => Of,
        "in" => In,
        "on" => On,
        "and" => And,
        "that" => That,
        "same" => Same,
        "before" => Before,
        "after" => After,
        "am" | "a.m" => AmPm(false),
        "pm" | "p.m" => AmPm(true),
        "gmt" | "utc" | "edt" | "est" | "cdt" | "cst" | "pdt" | "pst" | "mdt" | "mst" | "bst"
        | "cet" | "cest" | "eet" | "eest" | "msk" | "ist" | "jst" => {
            if cap {
                Zone
            } else {
                Word(cap)
            }
        }
        "christmas" | "xmas" => Holiday(self::Holiday::Christmas),
        "thanksgiving" => Holiday(self::Holiday::Thanksgiving),
        "halloween" => Holiday(self::Holiday::Halloween),
        "valentine" => Holiday(self::Holiday::Valentine),
        "eve" => Eve,
        _ => Word(cap),
    }
}

/// Multi-word lexicon entries looked up on the raw text at a token: `New Year`,
/// `Independence Day`, `Election Day`.
pub(crate) fn holiday_phrase(text: &str) -> Option<(Holiday, usize)> {
    const PHRASES: [(&str, Holiday); 4] = [
        ("new year's day", Holiday::NewYear),
        ("new year's", Holiday::NewYear),
        ("independence day", Holiday::Independence),
        ("election day", Holiday::Election),
    ];
    for (phrase, holiday) in PHRASES {
        if text.len() >= phrase.len()
            && text.is_char_boundary(phrase.len())
            && text[..phrase.len()].eq_ignore_ascii_case(phrase)
        {
            return Some((holiday, phrase.len()));
        }
    }
    None
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn known_words_cover_the_lexicon() {
        // Every listed word means something to one of the three matches.
        for w in KNOWN_WORDS {
            let meaningful = !matches!(lookup(w, true), Lex::Word(_))
                || !matches!(lookup(w, false), Lex::Word(_))
                || tense_cue(w) != 0
                || is_abbreviation(w);
            assert!(meaningful, "{w} is listed but unknown");
        }
        // And words the matches know are listed (spot checks over each match).
        for w in [
            "thursday",
            "sept",
            "said",
            "a.m",
            "quarterly",
            "gmt",
            "nineteen",
            "ago",
        ] {
            assert!(is_known(w), "{w} missing from KNOWN_WORDS");
        }
    }

    #[test]
    fn tokens_keep_abbreviation_periods() {
        let mut toks = Vec::new();
        tokenize("Sept. 30 at 10:35 a.m. in 1990s", &mut toks);
        let lexes: Vec<Lex> = toks.iter().map(|t| t.lex).collect();
        assert_eq!(
            lexes,
            [
                Lex::Month(9),
                Lex::Num(30, 2),
                Lex::Word(false),
                Lex::Clock(10, 35),
                Lex::AmPm(false),
                Lex::In,
                Lex::Decade(1990)
            ]
        );
        assert_eq!(toks[0].end, 5);
    }
}
