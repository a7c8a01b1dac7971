//! Turns a parsed [`Node`] into a TIMEX3 type and value against the reference
//! date, using tense cues around the expression to choose past or future.

use std::fmt::Write;

use crosscheck_core::layers::time::TimexKind;
use jiff::ToSpan;
use jiff::civil::{Date, Weekday};

use crate::grammar::{Amount, Day, Node};
use crate::lexicon::{Holiday, Lex, Rel, Tok, Unit};

/// What the resolver knows beyond the expression itself.
pub(crate) struct Context<'a> {
    pub(crate) reference: Date,
    pub(crate) toks: &'a [Tok],
    pub(crate) text: &'a str,
    /// The last quarter the text named, for `the year-ago quarter`.
    pub(crate) last_quarter: Option<(i16, u8)>,
    /// The last year the text named, for `the following year`.
    pub(crate) last_year: Option<i16>,
    /// The last day the text named (`early Friday`), for a bare clock time
    /// that follows (`talks began at 0930 GMT`).
    pub(crate) last_day: Option<Date>,
    /// The reference is a lower bound (inferred from dates the text names or
    /// borrowed from the story's other reports), not the report's own date.
    pub(crate) uncertain: bool,
}

impl Context<'_> {
    /// +1 when the sentence around tokens `first..end` speaks of the future,
    /// -1 for the past, 0 when it gives no sign. The nearest cue wins; cues before
    /// the expression (its governing verb, usually) win ties.
    pub(crate) fn tense(&self, first: usize, end: usize) -> i8 {
        let toks = self.toks;
        let is_boundary = |t: &Tok| matches!(t.lex, Lex::Punct('.' | '!' | '?' | '\n' | ';'));
        // A participle after a modal (`will be held`, `would be signed`) is future.
        let cue = |k: usize| -> i8 {
            let Some(t) = toks.get(k) else {
                return 0;
            };
            if t.tense == 3 {
                let to = toks.get(k + 1).and_then(|n| self.text.get(n.start..n.end));
                return if to == Some("to") { 1 } else { 0 };
            }
            let past = t.tense < 0 || (t.tense == 0 && t.past_form);
            if past && t.tense == 0 && k > 0 {
                // `is heard`, `are expected`: a present passive says nothing of the past.
                let prev = toks.get(k - 1).and_then(|p| self.text.get(p.start..p.end));
                if matches!(prev, Some("is" | "are" | "be")) {
                    return i8::from(prev == Some("be"));
                }
            }
            if past {
                let lo = k.saturating_sub(3);
                if toks[lo..k].iter().any(|p| p.tense > 0) {
                    return 1;
                }
                return -1;
            }
            t.tense
        };
        // Reporting verbs date the report, not the event, unless they govern the
        // expression directly (`said on Thursday`, `said Thursday`).
        let reporting = |k: usize| toks.get(k).is_some_and(|t| t.tense == -2);
        // `ahead of the weekend`, `ahead of Thursday's talks`: still to come.
        if first >= 2 && self.is_word_at(first - 2, "ahead") && self.is_word_at(first - 1, "of") {
            return 1;
        }
        let mut k = first;
        let mut steps = 0;
        while k > 0 && steps < 2 {
            k -= 1;
            steps += 1;
            if reporting(k) {
                return -1;
            }
            if !matches!(toks[k].lex, Lex::On | Lex::Word(false)) {
                break;
            }
            if self.is_word_at(k, "until") || self.is_word_at(k, "till") {
                return 1;
            }
            // `as early as Tuesday`, `as soon as Friday`: a date still to come.
            if (self.is_word_at(k, "as") || self.is_word_at(k, "by"))
                && k > 1
                && self.is_word_at(k - 2, "as")
                && ["early", "soon"].iter().any(|w| self.is_word_at(k - 1, w))
            {
                return 1;
            }
        }
        let mut weak = 0;
        // The governing verb usually comes before the expression.
        let mut k = first;
        while k > 0 && first - k < 12 {
            k -= 1;
            if is_boundary(&toks[k]) {
                break;
            }
            if reporting(k) {
                weak = -1;
                continue;
            }
            let c = cue(k);
            if c != 0 {
                return c;
            }
        }
        for (k, tok) in toks.iter().enumerate().skip(end).take(6) {
            if is_boundary(tok) {
                break;
            }
            if reporting(k) {
                // `On Tuesday, he said he would…`: a reporting verb right after the
                // expression is what it dates, whatever the reported clause says.
                if k - end <= 3 && !toks[end..k].iter().any(|t| t.tense != 0) {
                    return -1;
                }
                weak = -1;
                continue;
            }
            let c = cue(k);
            if c != 0 {
                return c;
            }
        }
        weak
    }

    fn is_word_at(&self, k: usize, word: &str) -> bool {
        self.toks
            .get(k)
            .and_then(|t| self.text.get(t.start..t.end))
            .is_some_and(|w| w == word)
    }

    /// True when the sentence around the expression talks about quarters, so that
    /// `a year earlier` means the same quarter a year before.
    fn quarter_sentence(&self, first: usize, end: usize) -> bool {
        let is_boundary = |t: &Tok| matches!(t.lex, Lex::Punct('.' | '!' | '?' | '\n'));
        let mut k = first;
        while k > 0 && !self.toks.get(k - 1).is_some_and(is_boundary) && first - k < 40 {
            k -= 1;
        }
        let mut e = end;
        while e < self.toks.len() && !is_boundary(&self.toks[e]) && e - end < 40 {
            e += 1;
        }
        self.toks[k..e.min(self.toks.len())]
            .iter()
            .any(|t| matches!(t.lex, Lex::Unit(Unit::Quarter, _)))
    }
}

fn weekday_number(date: Date) -> u8 {
    date.weekday().to_monday_one_offset() as u8
}

fn add_days(date: Date, days: i64) -> Date {
    date.checked_add(days.days()).unwrap_or(date)
}

fn add_months(date: Date, months: i64) -> Date {
    date.checked_add(months.months()).unwrap_or(date)
}

fn day_value(date: Date, out: &mut String) {
    let _ = write!(
        out,
        "{:04}-{:02}-{:02}",
        date.year(),
        date.month(),
        date.day()
    );
}

fn week_value(date: Date, out: &mut String) {
    let iso = date.iso_week_date();
    let _ = write!(out, "{:04}-W{:02}", iso.year(), iso.week());
}

/// How many days after an uncertain reference the report itself may be dated.
const UNCERTAIN_DAYS: i64 = 3;

/// Resolves a day reference to a calendar date; with an `uncertain` reference
/// (a lower bound), a past weekday may lie a few days after it.
fn resolve_day(day: Day, reference: Date, tense: i8, uncertain: bool) -> Option<Date> {
    match day {
        Day::Anchor => Some(reference),
        Day::Offset(n) => Some(add_days(reference, n as i64)),
        Day::Weekday(wd, rel) => {
            let today = weekday_number(reference) as i64;
            let wd = wd as i64;
            let back = (today - wd).rem_euclid(7);
            let ahead = (wd - today).rem_euclid(7);
            let offset = match rel {
                Some(Rel::Last | Rel::Past | Rel::Previous) => {
                    if back == 0 {
                        -7
                    } else {
                        -back
                    }
                }
                Some(Rel::Next | Rel::Coming | Rel::Following) => {
                    if ahead == 0 {
                        7
                    } else {
                        ahead
                    }
                }
                Some(Rel::This) => wd - today,
                _ => {
                    if back == 0 {
                        0
                    } else if tense > 0 {
                        ahead
                    } else if uncertain && ahead <= UNCERTAIN_DAYS {
                        // The report may be a few days younger than its inferred
                        // date: "arrived on Friday" in a report dated from a
                        // Tuesday caption is most likely the coming Friday.
                        ahead
                    } else {
                        -back
                    }
                }
            };
            Some(add_days(reference, offset))
        }
        Day::Date(Some(year), month, d) => Date::new(year as i16, month as i8, d as i8).ok(),
        Day::Date(None, month, d) => {
            let year = reference.year();
            let candidates = [year - 1, year, year + 1]
                .into_iter()
                .filter_map(|y| Date::new(y, month as i8, d as i8).ok());
            // The nearest such date on the side the tense points to; the nearest
            // of all when the sentence gives no sign.
            let mut best: Option<(i64, Date)> = None;
            for candidate in candidates {
                let diff = (candidate - reference).get_days() as i64;
                let wrong_side = (tense < 0 && diff > 60) || (tense > 0 && diff < -60);
                // Without a cue, news more often looks back: of two dates about
                // as far, the past one wins.
                let lean = if tense == 0 && diff > 0 { 10 } else { 0 };
                let cost = diff.abs() + if wrong_side { 400 } else { 0 } + lean;
                if best.is_none_or(|(c, _)| cost < c) {
                    best = Some((cost, candidate));
                }
            }
            best.map(|(_, d)| d)
        }
    }
}

/// The year of a month named without one.
fn month_year(month: u8, reference: Date, tense: i8) -> i16 {
    let current = reference.month() as i32;
    let year = reference.year();
    let month = month as i32;
    // The nearest such month, leaning to the side the tense points to.
    let mut best = (i32::MAX, year);
    for (y, delta) in [(year - 1, -12), (year, 0), (year + 1, 12)] {
        let diff = month + delta - current;
        let wrong_side = (tense < 0 && diff > 1) || (tense > 0 && diff < -1);
        // Without a cue, news more often looks back: a later month costs a little more.
        let lean = if tense == 0 && diff > 0 { 7 } else { 0 };
        let cost = 2 * diff.abs() + if wrong_side { 30 } else { 0 } + lean;
        if cost < best.0 {
            best = (cost, y);
        }
    }
    best.1
}

fn unit_duration(amount: Amount, unit: Unit, out: &mut String) {
    let (time, letter, factor) = match unit {
        Unit::Second => (true, "S", 1.0),
        Unit::Minute => (true, "M", 1.0),
        Unit::Hour => (true, "H", 1.0),
        Unit::Day => (false, "D", 1.0),
        Unit::Week => (false, "W", 1.0),
        Unit::Weekend => (false, "WE", 1.0),
        Unit::Month => (false, "M", 1.0),
        // TimeBank writes quarters as months (`the next three quarters` = P9M).
        Unit::Quarter => (false, "M", 3.0),
        Unit::Half => (false, "M", 6.0),
        Unit::Year => (false, "Y", 1.0),
        Unit::Decade => (false, "Y", 10.0),
        Unit::Century => (false, "Y", 100.0),
    };
    out.push('P');
    if time {
        out.push('T');
    }
    match amount {
        Amount::X => {
            // An unspecified number of decades is still written in years.
            out.push('X');
            out.push_str(letter);
        }
        Amount::N(n) => {
            let n = n * factor;
            if n.fract() == 0.0 {
                let _ = write!(out, "{}{}", n as u64, letter);
            } else if unit == Unit::Year {
                let _ = write!(
                    out,
                    "{}Y{}M",
                    n.trunc() as u64,
                    (n.fract() * 12.0).round() as u64
                );
            } else if unit == Unit::Hour {
                let _ = write!(
                    out,
                    "{}H{}M",
                    n.trunc() as u64,
                    (n.fract() * 60.0).round() as u64
                );
            } else {
                let _ = write!(out, "{n}{letter}");
            }
        }
    }
}

/// Writes the type and value of `node` (tokens `first..end`) into `out`.
pub(crate) fn resolve(
    node: Node,
    ctx: &mut Context<'_>,
    first: usize,
    end: usize,
    out: &mut String,
) -> Option<TimexKind> {
    out.clear();
    let reference = ctx.reference;
    let tense = ctx.tense(first, end);
    let kind = match node {
        Node::Day(day) => {
            if let Day::Date(Some(year), ..) = day {
                ctx.last_year = Some(year as i16);
            }
            let date = resolve_day(day, reference, tense, ctx.uncertain)?;
            ctx.last_day = Some(date);
            day_value(date, out);
            TimexKind::Date
        }
        Node::Time { day, clock, part } => {
            // A clock time with no day of its own is on the day the text last
            // named, if any (news tells a day's events after naming the day).
            let date = match (day, clock, ctx.last_day) {
                (Day::Anchor, Some(_), Some(last)) => last,
                _ => resolve_day(day, reference, tense, ctx.uncertain)?,
            };
            if !matches!(day, Day::Anchor) {
                ctx.last_day = Some(date);
            }
            day_value(date, out);
            match (clock, part) {
                (Some((h, m)), _) => {
                    let _ = write!(out, "T{h:02}:{m:02}");
                }
                (None, Some(part)) => {
                    out.push('T');
                    out.push_str(part.code());
                }
                (None, None) => {}
            }
            // A part of a named day (`Friday night`) is a date in TimeBank's
            // practice; clock times and parts of today are times.
            if clock.is_none() && !matches!(day, Day::Anchor) {
                TimexKind::Date
            } else {
                TimexKind::Time
            }
        }
        Node::MonthOfYear { month, shift } => {
            let _ = write!(out, "{:04}-{month:02}", reference.year() as i32 + shift);
            TimexKind::Date
        }
        Node::Month { year, month } => {
            if let Some(y) = year {
                ctx.last_year = Some(y as i16);
            }
            if month > 100 {
                // First or second half of the year.
                let _ = write!(
                    out,
                    "{:04}-H{}",
                    year.map_or(reference.year(), |y| y as i16),
                    month - 100
                );
            } else {
                let year = year.map_or_else(|| month_year(month, reference, tense), |y| y as i16);
                let _ = write!(out, "{year:04}-{month:02}");
            }
            TimexKind::Date
        }
        Node::MonthRel { month, shift } => {
            let current = reference.month() as u8;
            let year = reference.year();
            let year = match shift {
                s if s < 0 => {
                    if month < current {
                        year
                    } else {
                        year - 1
                    }
                }
                s if s > 0 => {
                    if month > current {
                        year
                    } else {
                        year + 1
                    }
                }
                _ => year,
            };
            let _ = write!(out, "{year:04}-{month:02}");
            TimexKind::Date
        }
        Node::Year(year) => {
            ctx.last_year = Some(year as i16);
            let _ = write!(out, "{year:04}");
            TimexKind::Date
        }
        Node::Decade(first_year) => {
            // TimeBank writes `the 1990s` as `199`, a bare `1990s` as `199X`.
            let the = first > 0 && matches!(ctx.toks.get(first).map(|t| t.lex), Some(Lex::The));
            let _ = write!(out, "{:03}", first_year / 10);
            if !the {
                out.push('X');
            }
            TimexKind::Date
        }
        Node::Century(n) => {
            let _ = write!(out, "{:02}", n.saturating_sub(1));
            TimexKind::Date
        }
        Node::UnitRel {
            unit: Unit::Century,
            shift: 0,
        } => {
            out.push_str("P100Y");
            TimexKind::Duration
        }
        Node::UnitRel { unit, shift } => {
            let shift = shift as i64;
            match unit {
                Unit::Day => day_value(add_days(reference, shift), out),
                Unit::Week => week_value(add_days(reference, 7 * shift), out),
                Unit::Weekend => {
                    // On a weekday, `over the weekend` in a past sentence is the
                    // one just gone, which ISO counts in the week before.
                    let weekday = weekday_number(reference);
                    let back = shift == 0 && weekday <= 5 && tense <= 0;
                    let shift = if back { -1 } else { shift };
                    week_value(add_days(reference, 7 * shift), out);
                    out.push_str("-WE");
                }
                Unit::Month => {
                    let d = add_months(reference, shift);
                    let _ = write!(out, "{:04}-{:02}", d.year(), d.month());
                }
                Unit::Quarter => {
                    let d = add_months(reference, 3 * shift);
                    let _ = write!(out, "{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1);
                }
                Unit::Half => {
                    let d = add_months(reference, 6 * shift);
                    let _ = write!(out, "{:04}-H{}", d.year(), (d.month() - 1) / 6 + 1);
                }
                Unit::Year => match ctx.last_quarter {
                    // "compared with $3 million last year" in a quarterly report
                    // means the same quarter last year.
                    Some((year, q))
                        if shift == -1
                            && ctx.quarter_sentence(first, end)
                            && matches!(
                                ctx.toks.get(end).map(|t| t.lex),
                                Some(Lex::Punct('.' | ','))
                            ) =>
                    {
                        let _ = write!(out, "{:04}-Q{q}", year - 1);
                    }
                    _ => {
                        let _ = write!(out, "{:04}", reference.year() as i64 + shift);
                    }
                },
                Unit::Decade => {
                    let _ = write!(out, "{:03}X", (reference.year() as i64 + 10 * shift) / 10);
                }
                Unit::Century => {
                    let _ = write!(out, "{:02}", (reference.year() as i64 + 100 * shift) / 100);
                }
                Unit::Hour | Unit::Minute | Unit::Second => {
                    out.push_str(if shift < 0 {
                        "PAST_REF"
                    } else if shift > 0 {
                        "FUTURE_REF"
                    } else {
                        "PRESENT_REF"
                    });
                }
            }
            TimexKind::Date
        }
        Node::YearEnd(shift) => {
            let _ = write!(out, "{:04}-12-31", reference.year() as i32 + shift);
            TimexKind::Date
        }
        Node::AnchoredYear(shift) => {
            let year = ctx.last_year.unwrap_or(reference.year()) as i32 + shift;
            let _ = write!(out, "{year:04}");
            TimexKind::Date
        }
        Node::Season { season, shift } => {
            let code = ["SP", "SU", "FA", "WI"][(season.clamp(1, 4) - 1) as usize];
            // Seasons as ordinals (year × 4 + index); January and February belong
            // to the winter that began the year before.
            let (cur_year, cur_index) = match reference.month() {
                3..=5 => (reference.year() as i32, 0),
                6..=8 => (reference.year() as i32, 1),
                9..=11 => (reference.year() as i32, 2),
                12 => (reference.year() as i32, 3),
                _ => (reference.year() as i32 - 1, 3),
            };
            let current = cur_year * 4 + cur_index;
            let index = season.clamp(1, 4) as i32 - 1;
            let same_year = cur_year * 4 + index;
            let ordinal = match shift {
                s if s < 0 => {
                    if same_year < current {
                        same_year
                    } else {
                        same_year - 4
                    }
                }
                s if s > 0 => {
                    if same_year > current {
                        same_year
                    } else {
                        same_year + 4
                    }
                }
                _ => same_year,
            };
            let year = ordinal.div_euclid(4);
            let _ = write!(out, "{year:04}-{code}");
            TimexKind::Date
        }
        Node::Quarter {
            n,
            year: Some(explicit),
            ..
        } => {
            let q = n.or(ctx.last_quarter.map(|(_, q)| q)).unwrap_or(4);
            let _ = write!(out, "{explicit:04}-Q{q}");
            TimexKind::Date
        }
        Node::Quarter {
            n,
            years_back,
            year: None,
            current,
        } => {
            let (year, q) = match n {
                Some(q) => {
                    let current = (reference.month() as u8 - 1) / 3 + 1;
                    let year = if q > current && tense <= 0 {
                        reference.year() - 1
                    } else {
                        reference.year()
                    };
                    (year, q)
                }
                None if current => (reference.year(), (reference.month() as u8 - 1) / 3 + 1),
                // `the quarter` in a results story is the last completed one.
                None if years_back == 0 => {
                    let d = add_months(reference, -3);
                    (d.year(), (d.month() as u8 - 1) / 3 + 1)
                }
                None => ctx.last_quarter.unwrap_or_else(|| {
                    let d = add_months(reference, -3);
                    (d.year(), (d.month() as u8 - 1) / 3 + 1)
                }),
            };
            // `the latest quarter` is the running one shifted back a quarter.
            let (year, q) = if current && years_back < 0 {
                if q == 1 { (year - 1, 4) } else { (year, q - 1) }
            } else {
                (year + years_back as i16, q)
            };
            // Only completed quarters become the topic that `a year ago` refers to.
            let running = (reference.year(), (reference.month() as u8 - 1) / 3 + 1);
            if (years_back == 0 || current) && (year, q) < running {
                ctx.last_quarter = Some((year, q));
            }
            let _ = write!(out, "{year:04}-Q{q}");
            TimexKind::Date
        }
        Node::YearBefore => {
            match ctx.last_quarter {
                Some((year, q)) => {
                    let _ = write!(out, "{:04}-Q{q}", year - 1);
                }
                _ => {
                    let _ = write!(out, "{:04}", reference.year() - 1);
                }
            }
            TimexKind::Date
        }
        Node::Duration { amount, unit } => {
            unit_duration(amount, unit, out);
            TimexKind::Duration
        }
        Node::Shifted { amount, unit, dir } => {
            let n = match amount {
                Amount::N(n) if n.fract() == 0.0 => n as i64 * dir as i64,
                _ => {
                    out.push_str(if dir < 0 { "PAST_REF" } else { "FUTURE_REF" });
                    return Some(TimexKind::Date);
                }
            };
            match unit {
                Unit::Day => day_value(add_days(reference, n), out),
                Unit::Week | Unit::Weekend => week_value(add_days(reference, 7 * n), out),
                Unit::Month => {
                    let d = add_months(reference, n);
                    let _ = write!(out, "{:04}-{:02}", d.year(), d.month());
                }
                Unit::Quarter => {
                    let d = add_months(reference, 3 * n);
                    let _ = write!(out, "{:04}-Q{}", d.year(), (d.month() - 1) / 3 + 1);
                }
                Unit::Half => {
                    let d = add_months(reference, 6 * n);
                    let _ = write!(out, "{:04}-{:02}", d.year(), d.month());
                }
                Unit::Year => {
                    let _ = write!(out, "{:04}", reference.year() as i64 + n);
                }
                Unit::Decade => {
                    let _ = write!(out, "{:04}", reference.year() as i64 + 10 * n);
                }
                Unit::Century => {
                    let _ = write!(out, "{:02}", (reference.year() as i64 + 100 * n) / 100);
                }
                Unit::Hour | Unit::Minute | Unit::Second => {
                    day_value(reference, out);
                }
            }
            TimexKind::Date
        }
        Node::Ref(value) => {
            out.push_str(value);
            TimexKind::Date
        }
        Node::Set { amount, unit } => {
            let amount = if unit == Unit::Quarter {
                unit_duration(Amount::N(amount * 3.0), Unit::Month, out);
                return Some(TimexKind::Set);
            } else {
                Amount::N(amount)
            };
            unit_duration(amount, unit, out);
            TimexKind::Set
        }
        Node::SetWeekday(wd) => {
            let _ = write!(out, "XXXX-WXX-{wd}");
            TimexKind::Set
        }
        Node::Holiday(holiday) => {
            let date_in = |year: i16| -> Option<Date> {
                match holiday {
                    Holiday::Christmas => Date::new(year, 12, 25).ok(),
                    Holiday::NewYear => Date::new(year, 1, 1).ok(),
                    Holiday::Independence => Date::new(year, 7, 4).ok(),
                    Holiday::Halloween => Date::new(year, 10, 31).ok(),
                    Holiday::Valentine => Date::new(year, 2, 14).ok(),
                    Holiday::Thanksgiving => Date::new(year, 11, 1)
                        .ok()?
                        .nth_weekday_of_month(4, Weekday::Thursday)
                        .ok(),
                    Holiday::Election => {
                        let monday = Date::new(year, 11, 1)
                            .ok()?
                            .nth_weekday_of_month(1, Weekday::Monday)
                            .ok()?;
                        Some(add_days(monday, 1))
                    }
                }
            };
            let mut date = date_in(reference.year())?;
            if tense < 0 && date > reference {
                date = date_in(reference.year() - 1)?;
            } else if tense > 0 && date < reference {
                date = date_in(reference.year() + 1)?;
            }
            day_value(date, out);
            TimexKind::Date
        }
    };
    Some(kind)
}
