//! Composable patterns over lexicon tokens. Each pattern reads tokens from a
//! position and returns where it stopped and what it understood (a [`Node`]);
//! the parser tries them all at a position and keeps the longest.

use crate::lexicon::{DayPart, Deictic, Edge, Holiday, Lex, Rel, Tok, Unit};

fn plural_unit(lex: Option<Lex>) -> bool {
    matches!(lex, Some(Lex::Unit(_, true)))
}

/// A count: a number, or unspecified (`several years`, `years`).
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Amount {
    N(f32),
    X,
}

/// A day the expression names, before resolution.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Day {
    /// The reference date itself (`this morning`, a bare clock time).
    Anchor,
    /// `Friday`, `last Friday`, `next Friday`.
    Weekday(u8, Option<Rel>),
    /// `yesterday` (-1), `today` (0), `tomorrow` (+1).
    Offset(i32),
    /// `May 12`, `May 12, 2025`.
    Date(Option<i32>, u8, u8),
}

/// What an expression means, before it is resolved against the reference date.
#[derive(Debug, Clone, Copy, PartialEq)]
pub(crate) enum Node {
    /// A day.
    Day(Day),
    /// A time of day or part of a day on a day.
    Time {
        day: Day,
        clock: Option<(u8, u8)>,
        part: Option<DayPart>,
    },
    /// A month of a known or implied year (`March 2022`, `November`).
    Month { year: Option<i32>, month: u8 },
    /// A month relative to the reference (`last November` = -1).
    MonthRel { month: u8, shift: i32 },
    /// A year (`1990`, `fiscal 1989`).
    Year(i32),
    /// A decade by its first year (`the 1990s`).
    Decade(i32),
    /// A century by its number (`the 20th century` = 20).
    Century(u32),
    /// The unit containing the reference, shifted (`last week` = week, -1).
    UnitRel { unit: Unit, shift: i32 },
    /// A year relative to the last year the text named (`the following year` = +1,
    /// `that year` = 0).
    AnchoredYear(i32),
    /// A season relative to the reference year (`this summer`, `last fall`).
    Season { season: u8, shift: i32 },
    /// A quarter: its number when said, how many years back, its year when
    /// said (`the 1988 third quarter`), and whether it is the current one.
    Quarter {
        n: Option<u8>,
        years_back: i32,
        year: Option<i32>,
        current: bool,
    },
    /// A month in a year relative to the reference (`February this year`).
    MonthOfYear { month: u8, shift: i32 },
    /// The same period a year before the one being discussed (`a year earlier`).
    YearBefore,
    /// A length of time.
    Duration { amount: Amount, unit: Unit },
    /// A point so far from the reference (`three years ago` = -3 years).
    Shifted {
        amount: Amount,
        unit: Unit,
        dir: i32,
    },
    /// `PRESENT_REF`, `PAST_REF`, `FUTURE_REF`.
    Ref(&'static str),
    /// A recurring time with this unit and count (`every week`, `quarterly`).
    Set { amount: f32, unit: Unit },
    /// Every such weekday (`every Thursday`).
    SetWeekday(u8),
    /// A holiday of the reference year (or the nearest one).
    Holiday(Holiday),
    /// The last day of the reference year shifted by this many years
    /// (`by year-end` = 0, `since year-end` = -1).
    YearEnd(i32),
}

/// A parsed expression: token range and meaning.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Parsed {
    pub(crate) first: usize,
    pub(crate) end: usize,
    pub(crate) node: Node,
}

/// Reads the tokens of one text.
pub(crate) struct Parser<'a> {
    pub(crate) toks: &'a [Tok],
    pub(crate) text: &'a str,
}

impl<'a> Parser<'a> {
    fn lex(&self, i: usize) -> Option<Lex> {
        self.toks.get(i).map(|t| t.lex)
    }

    fn raw(&self, i: usize) -> &'a str {
        self.toks
            .get(i)
            .and_then(|t| self.text.get(t.start..t.end))
            .unwrap_or("")
    }

    fn is_word(&self, i: usize, w: &str) -> bool {
        self.raw(i).eq_ignore_ascii_case(w)
    }

    fn is_hyphen(&self, i: usize) -> bool {
        matches!(self.lex(i), Some(Lex::Punct('-' | '\u{2010}' | '\u{2013}')))
            && self.toks.get(i).is_some_and(|t| {
                // A hyphen glued to both neighbours joins a compound (`two-year`).
                i > 0
                    && self.toks.get(i - 1).is_some_and(|p| p.end == t.start)
                    && self.toks.get(i + 1).is_some_and(|n| n.start == t.end)
            })
    }

    /// Whether an expression can start at token `i`: most tokens are plain words
    /// or punctuation, and skipping them keeps tagging fast.
    pub(crate) fn can_start(&self, i: usize) -> bool {
        match self.lex(i) {
            None | Some(Lex::Punct(_) | Lex::Possessive) => false,
            Some(Lex::Word(_)) => {
                let raw = self.raw(i);
                raw.len() <= 7
                    && [
                        "more", "less", "at", "up", "over", "latest", "current", "recent",
                    ]
                    .iter()
                    .any(|w| raw.eq_ignore_ascii_case(w))
            }
            Some(_) => true,
        }
    }

    /// The longest expression starting at token `i`.
    pub(crate) fn parse_at(&self, i: usize) -> Option<Parsed> {
        if !self.can_start(i) {
            return None;
        }
        let mut j = i;
        // Leading qualifiers belong to the extent of durations and shifts only.
        let mut qualified = false;
        loop {
            match self.lex(j) {
                Some(Lex::Approx) => {
                    j += 1;
                    qualified = true;
                }
                Some(Lex::Word(_))
                    if (self.is_word(j, "more") || self.is_word(j, "less"))
                        && self.is_word(j + 1, "than") =>
                {
                    j += 2;
                    qualified = true;
                }
                Some(Lex::Word(_)) if self.is_word(j, "at") && self.is_word(j + 1, "least") => {
                    j += 2;
                    qualified = true;
                }
                Some(Lex::Word(_)) if self.is_word(j, "up") && self.is_word(j + 1, "to") => {
                    j += 2;
                    qualified = true;
                }
                Some(Lex::Word(_)) if self.is_word(j, "over") && self.starts_amount(j + 1) => {
                    j += 1;
                    qualified = true;
                }
                _ => break,
            }
        }
        let mut the = false;
        if self.lex(j) == Some(Lex::The) {
            the = true;
        }
        let core_start = if the { j + 1 } else { j };
        let (end, node) = self.core(core_start, the)?;
        if qualified && !matches!(node, Node::Duration { .. } | Node::Shifted { .. }) {
            // A qualifier before something else is not ours; retry without it.
            let (end, node) = self.core(if the { j + 1 } else { j }, the)?;
            return Some(Parsed {
                first: j,
                end,
                node,
            });
        }
        // `the` is part of periods and durations (`the third quarter`, `the nine
        // months`, `the 1990s`) but not of days (`the Oct. 23 vote`).
        let keeps_the = matches!(
            node,
            Node::Duration { .. }
                | Node::Quarter { .. }
                | Node::UnitRel { .. }
                | Node::AnchoredYear(_)
                | Node::Ref(_)
                | Node::Decade(_)
                | Node::Century(_)
                | Node::YearBefore
                | Node::Shifted { .. }
                | Node::Season { .. }
                // Halves of a year (`the first half`) are periods too.
                | Node::Month { month: 101.., .. }
        );
        let first = if the && !keeps_the && !qualified {
            core_start
        } else {
            i
        };
        Some(Parsed { first, end, node })
    }

    fn starts_amount(&self, i: usize) -> bool {
        matches!(
            self.lex(i),
            Some(Lex::A | Lex::NumWord(_) | Lex::Num(..) | Lex::Vague)
        )
    }

    /// Every pattern at `i`; the longest wins, earlier patterns win ties.
    fn core(&self, i: usize, the: bool) -> Option<(usize, Node)> {
        let candidates = [
            self.relative(i, the),
            self.quantity(i, the),
            self.calendar(i),
            self.weekday_time(i),
            self.clock(i),
            self.deictic(i, the),
            self.quarter(i, the),
            self.edge(i, the),
            self.set(i),
            self.holiday(i),
            self.year_period(i, the),
        ];
        let mut best: Option<(usize, Node)> = None;
        for (end, node) in candidates.into_iter().flatten() {
            if best.is_none_or(|(e, _)| end > e) {
                best = Some((end, node));
            }
        }
        best
    }

    /// A count at `i`: `three`, `twenty-four`, `3`, `a`, `several`, `a few`, `a couple of`.
    fn amount(&self, i: usize) -> Option<(usize, Amount)> {
        match self.lex(i)? {
            Lex::Num(n, digits) if digits <= 4 && n < 10_000 => {
                // `5 1/2`.
                if matches!(self.lex(i + 1), Some(Lex::Num(1, 1)))
                    && self.lex(i + 2) == Some(Lex::Punct('/'))
                    && matches!(self.lex(i + 3), Some(Lex::Num(2, 1)))
                {
                    return Some((i + 4, Amount::N(n as f32 + 0.5)));
                }
                Some((i + 1, Amount::N(n as f32)))
            }
            Lex::NumWord(n) => {
                let mut value = n;
                let mut j = i + 1;
                // `twenty-four`, `twenty four`.
                if n >= 20 && n % 10 == 0 && n < 100 {
                    let k = if self.is_hyphen(j) { j + 1 } else { j };
                    if let Some(Lex::NumWord(u)) = self.lex(k)
                        && u < 10
                    {
                        value += u;
                        j = k + 1;
                    }
                }
                if self.lex(j) == Some(Lex::NumWord(100)) {
                    value *= 100;
                    j += 1;
                }
                Some((j, Amount::N(value as f32)))
            }
            Lex::A => match self.lex(i + 1) {
                Some(Lex::Vague) if self.is_word(i + 1, "couple") => {
                    let j = if self.lex(i + 2) == Some(Lex::Of) {
                        i + 3
                    } else {
                        i + 2
                    };
                    Some((j, Amount::N(2.0)))
                }
                Some(Lex::Vague) => Some((i + 2, Amount::X)),
                Some(Lex::NumWord(100)) => Some((i + 2, Amount::N(100.0))),
                _ => Some((i + 1, Amount::N(1.0))),
            },
            Lex::Vague if !self.is_word(i, "couple") => Some((i + 1, Amount::X)),
            _ => None,
        }
    }

    /// `three years`, `two-year`, `the past two months`, `the first nine months`,
    /// `years`, `three years ago`, `a year earlier`, `recent years`.
    fn quantity(&self, i: usize, the: bool) -> Option<(usize, Node)> {
        let mut j = i;
        let mut rel = None;
        if let Some(Lex::Rel(r)) = self.lex(j) {
            rel = Some(r);
            j += 1;
        } else if matches!(self.lex(j), Some(Lex::Ordinal(1))) && the {
            // `the first nine months`.
            j += 1;
        }
        let (after_amount, amount) = match self.amount(j) {
            Some(found) => found,
            None if rel.is_none() && !the => {
                // `for years`, `within weeks`, `for centuries`.
                let Some(Lex::Unit(unit, true)) = self.lex(j) else {
                    return None;
                };
                let before = j.checked_sub(1)?;
                if !["for", "within"].iter().any(|w| self.is_word(before, w))
                    || unit == Unit::Weekend
                {
                    return None;
                }
                return Some((
                    j + 1,
                    Node::Duration {
                        amount: Amount::X,
                        unit,
                    },
                ));
            }
            None => {
                // Bare plural units after `recent`, `coming`, `past`: `recent years`.
                if let (Some(r), Some(Lex::Unit(unit, true))) = (rel, self.lex(j)) {
                    let node = match r {
                        // `past years`: an unmeasured stretch of the past.
                        Rel::Past | Rel::Last if !the => Node::Ref("PAST_REF"),
                        Rel::Recent | Rel::Past | Rel::Last => {
                            if the || r != Rel::Recent || unit != Unit::Year {
                                Node::Duration {
                                    amount: Amount::X,
                                    unit,
                                }
                            } else {
                                Node::Ref("PAST_REF")
                            }
                        }
                        Rel::Coming | Rel::Next | Rel::Following => Node::Duration {
                            amount: Amount::X,
                            unit,
                        },
                        _ => return None,
                    };
                    return Some((j + 1, node));
                }
                return None;
            }
        };
        // `the last few months`, `the past several quarters`.
        let vague_past = amount == Amount::X && matches!(rel, Some(Rel::Past | Rel::Last));
        let mut k = after_amount;
        let hyphenated = self.is_hyphen(k);
        if hyphenated {
            k += 1;
        }
        let unit = match self.lex(k) {
            Some(Lex::Unit(u, plural)) => {
                // `three-quarters` is a fraction.
                if hyphenated && plural && u == Unit::Quarter {
                    return None;
                }
                u
            }
            _ => return None,
        };
        // `the 1988 quarter`: a year before a singular unit names a period, not a
        // count (`1000-year` is a compound); `year-earlier` after `a` is the
        // adjective, read at `year`.
        if !hyphenated && !plural_unit(self.lex(k)) && matches!(amount, Amount::N(n) if n >= 1000.0)
        {
            return None;
        }
        if self.is_hyphen(k + 1) && (self.is_word(k + 2, "earlier") || self.is_word(k + 2, "ago")) {
            return None;
        }
        // `$1.76 a year`, `four flights a week`: a rate, not a time.
        if matches!(self.lex(i), Some(Lex::A)) && rel.is_none() && !the && i > 0 {
            let prev = self.raw(i - 1);
            let counted = matches!(self.lex(i - 1), Some(Lex::Num(..) | Lex::NumWord(_)))
                || matches!(self.lex(i - 1), Some(Lex::Word(false)) if prev.ends_with('s') && prev.len() > 3 && !prev.ends_with("ss"))
                || matches!(
                    prev,
                    "million" | "billion" | "thousand" | "percent" | "cents"
                )
                || self
                    .text
                    .get(self.toks.get(i - 1).map_or(0, |t| t.start)..)
                    .is_some_and(|t| t.starts_with(|c: char| c.is_ascii_digit()));
            if counted && !matches!(self.lex(k + 1), Some(Lex::Ago | Lex::Edge(_))) {
                return None;
            }
        }
        // `a day` alone is too weak ("a day of talks"); it needs a following cue or
        // a qualifier (`about a day`) handled by the caller's extent.
        let mut end = k + 1;
        // `-long` / `-old` compounds stay durations (`decades-long`).
        if self.is_hyphen(end) && self.is_word(end + 1, "long") {
            end += 2;
        }
        // Ages (`6-year-old`) are not times; nor are fractions (`a half`).
        // Ages written apart count too (`52 years old`, `aged 55 years or older`).
        let age = |k: usize| self.is_word(k, "old") || self.is_word(k, "older");
        if (self.is_hyphen(end) && age(end + 1))
            || (plural_unit(self.lex(k)) && unit == Unit::Year && age(end))
            || unit == Unit::Half
        {
            return None;
        }
        // Shifts: `ago`, `earlier`, `later`, `before`, `from now`.
        match self.lex(end) {
            Some(Lex::Ago) if rel.is_none() => {
                return Some((end + 1, self.shift(amount, unit, -1)));
            }
            Some(Lex::Edge(Edge::Earlier)) if rel.is_none() && !self.is_word(end + 1, "than") => {
                return Some((end + 1, self.shift(amount, unit, -1)));
            }
            Some(Lex::Edge(Edge::Later)) if rel.is_none() && !self.is_word(end + 1, "than") => {
                return Some((end + 1, self.shift(amount, unit, 1)));
            }
            Some(Lex::Word(_)) if self.is_word(end, "from") && self.is_word(end + 1, "now") => {
                return Some((end + 2, self.shift(amount, unit, 1)));
            }
            _ => {}
        }
        // `a year` alone as a duration is common but so is "a year of …": keep it.
        if matches!(amount, Amount::N(n) if n == 1.0)
            && matches!(self.lex(i), Some(Lex::A))
            && !the
            && rel.is_none()
            && matches!(unit, Unit::Day | Unit::Week | Unit::Month)
            && self.lex(end) == Some(Lex::Of)
        {
            return None;
        }
        if vague_past {
            return Some((end, Node::Ref("PAST_REF")));
        }
        Some((end, Node::Duration { amount, unit }))
    }

    fn shift(&self, amount: Amount, unit: Unit, dir: i32) -> Node {
        if amount == Amount::N(1.0) && unit == Unit::Year && dir < 0 {
            return Node::YearBefore;
        }
        Node::Shifted { amount, unit, dir }
    }

    /// `last week`, `this year`, `next month`, `last Friday`, `last November`,
    /// `this summer`, `the past year`, `this morning`, `last night`, `the weekend`.
    fn relative(&self, i: usize, the: bool) -> Option<(usize, Node)> {
        let rel = match self.lex(i) {
            Some(Lex::Rel(r)) => Some(r),
            _ => None,
        };
        // `the following year`, `the previous year`, `that year`, `the same year`.
        let year_next = matches!(self.lex(i + 1), Some(Lex::Unit(Unit::Year, false)));
        if year_next {
            match self.lex(i) {
                Some(Lex::Rel(Rel::Following)) if the => {
                    return Some((i + 2, Node::AnchoredYear(1)));
                }
                Some(Lex::Rel(Rel::Previous)) if the => {
                    return Some((i + 2, Node::AnchoredYear(-1)));
                }
                Some(Lex::That) => return Some((i + 2, Node::AnchoredYear(0))),
                Some(Lex::Same) if the => return Some((i + 2, Node::AnchoredYear(0))),
                _ => {}
            }
        }
        let j = if rel.is_some() { i + 1 } else { i };
        let shift = match rel {
            Some(Rel::Last | Rel::Past | Rel::Previous) => -1,
            Some(Rel::Next | Rel::Coming | Rel::Following) => 1,
            Some(Rel::This) => 0,
            Some(Rel::Recent) => return None,
            None => {
                // `the weekend`, `the week`: only with `the`.
                if the {
                    // `the year ended Sept. 30` (a fiscal year), `for the full year.`
                    let mut k = j;
                    if self.is_word(k, "full") || self.lex(k) == Some(Lex::Fiscal) {
                        k += 1;
                    }
                    if matches!(self.lex(k), Some(Lex::Unit(Unit::Year, false))) {
                        if self.is_word(k + 1, "ended") || self.is_word(k + 1, "ending") {
                            return Some((
                                k + 1,
                                Node::Duration {
                                    amount: Amount::N(1.0),
                                    unit: Unit::Year,
                                },
                            ));
                        }
                        let after_for = j >= 2 && self.is_word(j - 2, "for");
                        if after_for && matches!(self.lex(k + 1), Some(Lex::Punct('.' | ','))) {
                            return Some((
                                k + 1,
                                Node::UnitRel {
                                    unit: Unit::Year,
                                    shift: 0,
                                },
                            ));
                        }
                        return None;
                    }
                    return match self.lex(j) {
                        Some(Lex::Unit(Unit::Weekend, false)) => Some((
                            j + 1,
                            Node::UnitRel {
                                unit: Unit::Weekend,
                                shift: 0,
                            },
                        )),
                        _ => None,
                    };
                }
                return None;
            }
        };
        match self.lex(j)? {
            Lex::Unit(unit, false) => {
                if unit == Unit::Quarter {
                    return Some((
                        j + 1,
                        Node::Quarter {
                            n: None,
                            years_back: shift.min(0),
                            year: None,
                            current: shift == 0,
                        },
                    ));
                }
                Some((j + 1, Node::UnitRel { unit, shift }))
            }
            Lex::Weekday(wd) => {
                let day = Day::Weekday(wd, rel);
                if let Some(Lex::DayPart(part)) = self.lex(j + 1) {
                    return Some((
                        j + 2,
                        Node::Time {
                            day,
                            clock: None,
                            part: Some(part),
                        },
                    ));
                }
                Some((j + 1, Node::Day(day)))
            }
            // `last Oct. 23`: the date itself is the expression.
            Lex::Month(_) if matches!(self.lex(j + 1), Some(Lex::Num(1..=31, 1..=2))) => None,
            Lex::Month(month) => Some((j + 1, Node::MonthRel { month, shift })),
            Lex::Season(season) => Some((j + 1, Node::Season { season, shift })),
            Lex::DayPart(part) if rel == Some(Rel::This) => Some((
                j + 1,
                Node::Time {
                    day: Day::Anchor,
                    clock: None,
                    part: Some(part),
                },
            )),
            Lex::DayPart(DayPart::Night) if rel == Some(Rel::Last) => Some((
                j + 1,
                Node::Time {
                    day: Day::Offset(-1),
                    clock: None,
                    part: Some(DayPart::Night),
                },
            )),
            _ => None,
        }
    }

    /// `May 12, 2025`, `May 12`, `12 May 2025`, `March 2022`, `March`, `Sept. 30`,
    /// `Friday, Oct. 23`, `2025-05-12`, `1990`, `fiscal 1989`, `the 1990s`.
    fn calendar(&self, i: usize) -> Option<(usize, Node)> {
        let mut j = i;
        // A weekday before a date is part of it (`Monday, Oct. 26`).
        if let Some(Lex::Weekday(_)) = self.lex(j) {
            let k = if self.lex(j + 1) == Some(Lex::Punct(',')) {
                j + 2
            } else {
                j + 1
            };
            if matches!(self.lex(k), Some(Lex::Month(_)))
                || (matches!(
                    self.lex(k),
                    Some(Lex::Num(1..=31, 1..=2) | Lex::Ordinal(1..=31))
                ) && matches!(self.lex(k + 1), Some(Lex::Month(_))))
            {
                j = k;
            } else {
                return None;
            }
        }
        match self.lex(j)? {
            Lex::Month(month) => {
                // `Jan` without a period or a number is a name.
                let raw = self.raw(j);
                let bare_abbrev = raw.len() <= 4
                    && !raw.ends_with('.')
                    && !matches!(raw.to_ascii_lowercase().as_str(), "may" | "june" | "july");
                if bare_abbrev && !matches!(self.lex(j + 1), Some(Lex::Num(..) | Lex::Ordinal(_))) {
                    return None;
                }
                let mut k = j + 1;
                if self.lex(k) == Some(Lex::Punct('.')) {
                    k += 1;
                }
                let day = match self.lex(k) {
                    Some(Lex::Num(d @ 1..=31, 1..=2)) | Some(Lex::Ordinal(d @ 1..=31)) => {
                        Some(d as u8)
                    }
                    _ => None,
                };
                if let Some(day) = day {
                    let (end, year) = self.year_after(k + 1, true);
                    return Some((end, Node::Day(Day::Date(year, month, day))));
                }
                let (end, year) = self.year_after(j + 1, false);
                if year.is_some() {
                    return Some((end, Node::Month { year, month }));
                }
                // `February this year`, `July last year`.
                if let (Some(Lex::Rel(rel)), Some(Lex::Unit(Unit::Year, false))) =
                    (self.lex(j + 1), self.lex(j + 2))
                {
                    let shift = match rel {
                        Rel::This => Some(0),
                        Rel::Last | Rel::Past => Some(-1),
                        Rel::Next => Some(1),
                        _ => None,
                    };
                    if let Some(shift) = shift {
                        return Some((j + 3, Node::MonthOfYear { month, shift }));
                    }
                }
                // `May` alone is too often the verb or a name: it needs a preposition.
                let prev_ok = j > 0
                    && (matches!(
                        self.lex(j - 1),
                        Some(Lex::In | Lex::Of | Lex::Edge(_) | Lex::Rel(_) | Lex::Punct('-'))
                    ) || [
                        "since", "until", "by", "from", "through", "till", "to", "during",
                        "before", "after", "and", "or", "between",
                    ]
                    .iter()
                    .any(|w| self.is_word(j - 1, w)));
                if month == 5 && !prev_ok {
                    return None;
                }
                // Month names that are also given names need the same support.
                if (month == 6 || month == 4 || month == 8)
                    && !prev_ok
                    && let Some(Lex::Word(true)) = self.lex(j + 1)
                {
                    return None;
                }
                Some((j + 1, Node::Month { year: None, month }))
            }
            Lex::Num(d @ 1..=31, 1..=2) | Lex::Ordinal(d @ 1..=31) => {
                let mut k = j + 1;
                if self.lex(k) == Some(Lex::Of) {
                    k += 1;
                }
                let Some(Lex::Month(month)) = self.lex(k) else {
                    return None;
                };
                let mut k2 = k + 1;
                if self.lex(k2) == Some(Lex::Punct('.')) {
                    k2 += 1;
                }
                let (end, year) = self.year_after(k2, false);
                Some((end, Node::Day(Day::Date(year, month, d as u8))))
            }
            Lex::Num(y, 4) => {
                // ISO `2025-05-12`.
                if self.lex(j + 1) == Some(Lex::Punct('-'))
                    && let Some(Lex::Num(m @ 1..=12, 2)) = self.lex(j + 2)
                    && self.lex(j + 3) == Some(Lex::Punct('-'))
                    && let Some(Lex::Num(d @ 1..=31, 2)) = self.lex(j + 4)
                {
                    return Some((
                        j + 5,
                        Node::Day(Day::Date(Some(y as i32), m as u8, d as u8)),
                    ));
                }
                None
            }
            _ => None,
        }
    }

    /// A year after a month or day: `, 2025`, ` 2025`; `comma` allows the comma.
    fn year_after(&self, k: usize, comma: bool) -> (usize, Option<i32>) {
        let k2 = if comma && self.lex(k) == Some(Lex::Punct(',')) {
            k + 1
        } else {
            k
        };
        match self.lex(k2) {
            Some(Lex::Num(y @ 1000..=2199, 4)) => (k2 + 1, Some(y as i32)),
            _ => (k, None),
        }
    }

    /// A year or decade on its own: `1990`, `fiscal 1989`, `the 1990s`, `mid-1996`,
    /// `the 20th century`, `this century`.
    fn year_period(&self, i: usize, the: bool) -> Option<(usize, Node)> {
        let mut j = i;
        if self.lex(j) == Some(Lex::Fiscal) {
            j += 1;
            if let Some(Lex::Num(y @ 1000..=2199, 4)) = self.lex(j) {
                return Some((j + 1, Node::Year(y as i32)));
            }
            return None;
        }
        // `by year-end`, `since year end`: the last day of the year, the coming
        // one unless looking back from `since`.
        if matches!(self.lex(j), Some(Lex::Unit(Unit::Year, false))) && j > 0 {
            let k = if self.is_hyphen(j + 1) { j + 2 } else { j + 1 };
            let before = ["by", "since", "at", "before", "until", "around"]
                .iter()
                .find(|w| self.is_word(j - 1, w));
            if self.lex(k) == Some(Lex::Edge(Edge::End))
                && let Some(before) = before
            {
                let shift = if *before == "since" { -1 } else { 0 };
                return Some((k + 1, Node::YearEnd(shift)));
            }
        }
        match self.lex(j)? {
            Lex::Decade(d) => Some((j + 1, Node::Decade(d as i32))),
            // `nineteen ninety-six`.
            Lex::NumWord(c @ 11..=20) => {
                let Some(Lex::NumWord(tens @ 20..=90)) = self.lex(j + 1) else {
                    return None;
                };
                if tens % 10 != 0 {
                    return None;
                }
                let mut end = j + 2;
                let mut year = c * 100 + tens;
                if self.is_hyphen(end)
                    && let Some(Lex::NumWord(unit @ 1..=9)) = self.lex(end + 1)
                {
                    year += unit;
                    end += 2;
                }
                Some((end, Node::Year(year as i32)))
            }
            Lex::Ordinal(c @ 1..=21)
                if matches!(self.lex(j + 1), Some(Lex::Unit(Unit::Century, false))) =>
            {
                Some((j + 2, Node::Century(c)))
            }
            Lex::Num(y @ 1000..=2199, 4) => {
                if !self.year_context(j, the) {
                    return None;
                }
                Some((j + 1, Node::Year(y as i32)))
            }
            _ => None,
        }
    }

    /// Whether a four-digit number stands as a year: a preposition or date word
    /// before, or nothing like a counted noun after.
    fn year_context(&self, j: usize, the: bool) -> bool {
        let _ = the;
        let tok = &self.toks[j.min(self.toks.len().saturating_sub(1))];
        // `$1990`, `#1990`: money and numbers.
        if tok.start > 0 {
            let before = self
                .text
                .as_bytes()
                .get(tok.start - 1)
                .copied()
                .unwrap_or(b' ');
            if matches!(before, b'$' | b'#' | b'/' | b'.' | b'-' | b'+') {
                return j > 0
                    && self.is_hyphen(j - 1)
                    && matches!(self.lex(j - 1), Some(Lex::Punct(_)))
                    && j >= 2
                    && matches!(self.lex(j - 2), Some(Lex::Edge(_)));
            }
        }
        match self.lex(j + 1) {
            // `2000 people`: a plural noun after the number counts things.
            Some(Lex::Word(false)) => {
                let next = self.raw(j + 1);
                let irregular = [
                    "people", "men", "women", "children", "police", "staff", "feet", "tons",
                ];
                let plural = next.len() > 3 && next.ends_with('s') && !next.ends_with("ss");
                !(plural || irregular.iter().any(|w| next.eq_ignore_ascii_case(w)))
            }
            Some(Lex::Unit(..)) => false,
            Some(Lex::Punct('%')) => false,
            _ => true,
        }
    }

    /// `Friday`, `Friday morning`, `Friday night`.
    fn weekday_time(&self, i: usize) -> Option<(usize, Node)> {
        let Some(Lex::Weekday(wd)) = self.lex(i) else {
            return None;
        };
        let day = Day::Weekday(wd, None);
        let mut j = i + 1;
        if self.lex(j) == Some(Lex::Possessive) {
            j += 1;
        }
        // `Friday night`: TimeBank mostly keeps the day alone as the value.
        if let Some(Lex::DayPart(part)) = self.lex(j) {
            if matches!(part, DayPart::Noon | DayPart::Midnight) {
                return Some((
                    j + 1,
                    Node::Time {
                        day,
                        clock: None,
                        part: Some(part),
                    },
                ));
            }
            // TimeBank writes `Friday evening` with its part (`TEV`); `Friday
            // night` and `Friday morning` more often as the day alone.
            if part == DayPart::Evening {
                return Some((
                    j + 1,
                    Node::Time {
                        day,
                        clock: None,
                        part: Some(part),
                    },
                ));
            }
            return Some((j + 1, Node::Day(day)));
        }
        // A capitalised weekday abbreviation alone (`Sat`) is too ambiguous.
        let raw = self.raw(i);
        if raw.len() <= 4 && !raw.ends_with('.') {
            return None;
        }
        Some((i + 1, Node::Day(day)))
    }

    /// A day after a clock time: `Tuesday`, `today`, `on Friday`.
    fn day_after(&self, j: usize) -> Option<(usize, Day)> {
        let k = if self.lex(j) == Some(Lex::On) {
            j + 1
        } else {
            j
        };
        match self.lex(k)? {
            Lex::Weekday(wd) => Some((k + 1, Day::Weekday(wd, None))),
            Lex::Deictic(Deictic::Today) => Some((k + 1, Day::Offset(0))),
            Lex::Deictic(Deictic::Yesterday) => Some((k + 1, Day::Offset(-1))),
            Lex::Deictic(Deictic::Tomorrow) => Some((k + 1, Day::Offset(1))),
            _ => match self.calendar(k) {
                Some((end, Node::Day(day))) => Some((end, day)),
                _ => None,
            },
        }
    }

    /// `10:30 a.m.`, `9 a.m. Tuesday`, `0930 GMT`, `noon Thursday`, `4 in the morning`.
    fn clock(&self, i: usize) -> Option<(usize, Node)> {
        let (mut j, mut h, m) = match self.lex(i)? {
            Lex::Clock(h, m) => (i + 1, h, m),
            Lex::Num(h @ 0..=12, 1..=2) if matches!(self.lex(i + 1), Some(Lex::AmPm(_))) => {
                (i + 1, h as u8, 0)
            }
            Lex::Num(hm, 4)
                if hm % 100 < 60 && hm / 100 <= 24 && self.lex(i + 1) == Some(Lex::Zone) =>
            {
                ((i + 1), (hm / 100) as u8, (hm % 100) as u8)
            }
            Lex::DayPart(part @ (DayPart::Noon | DayPart::Midnight)) => {
                let (end, day) = self.day_after(i + 1).unwrap_or((i + 1, Day::Anchor));
                if end == i + 1
                    && part == DayPart::Midnight
                    && !self.is_word(i.wrapping_sub(1), "at")
                {
                    return None;
                }
                return Some((
                    end,
                    Node::Time {
                        day,
                        clock: None,
                        part: Some(part),
                    },
                ));
            }
            _ => return None,
        };
        let mut explicit = matches!(self.lex(i), Some(Lex::Num(_, 4)));
        if let Some(Lex::AmPm(pm)) = self.lex(j) {
            explicit = true;
            if pm && h < 12 {
                h += 12;
            } else if !pm && h == 12 {
                h = 0;
            }
            j += 1;
        }
        if self.lex(j) == Some(Lex::Zone) {
            explicit = true;
            j += 1;
        }
        // `4 in the morning`.
        if self.lex(j) == Some(Lex::In)
            && self.lex(j + 1) == Some(Lex::The)
            && let Some(Lex::DayPart(part)) = self.lex(j + 2)
        {
            if matches!(part, DayPart::Afternoon | DayPart::Evening | DayPart::Night) && h < 12 {
                h += 12;
            }
            explicit = true;
            j += 3;
        }
        // A bare `10:35` is a clock only in a clock context (no score `3:2`).
        if !explicit && !matches!(self.lex(i), Some(Lex::Clock(..))) {
            return None;
        }
        let (end, day) = self.day_after(j).unwrap_or_else(|| {
            // `10:35 a.m. (0735 GMT) Friday`: the day a few tokens on gives the value.
            let day = (j..j + 6)
                .find_map(|k| match self.lex(k) {
                    Some(Lex::Weekday(wd)) => Some(Day::Weekday(wd, None)),
                    Some(Lex::Deictic(Deictic::Yesterday)) => Some(Day::Offset(-1)),
                    Some(Lex::Deictic(Deictic::Tomorrow)) => Some(Day::Offset(1)),
                    Some(Lex::Punct('.' | '\n')) => Some(Day::Anchor),
                    _ => None,
                })
                .unwrap_or(Day::Anchor);
            (j, day)
        });
        Some((
            end,
            Node::Time {
                day,
                clock: Some((h, m)),
                part: None,
            },
        ))
    }

    /// `today`, `yesterday afternoon`, `tonight`, `now`, `recently`, `the future`,
    /// `the past`, `soon`, `currently`.
    fn deictic(&self, i: usize, the: bool) -> Option<(usize, Node)> {
        let Some(Lex::Deictic(d)) = self.lex(i) else {
            // `the past` (not followed by a unit: that is `relative`/`quantity`).
            if the
                && self.lex(i) == Some(Lex::Rel(Rel::Past))
                && !matches!(
                    self.lex(i + 1),
                    Some(
                        Lex::Unit(..)
                            | Lex::NumWord(_)
                            | Lex::Num(..)
                            | Lex::A
                            | Lex::Vague
                            | Lex::Weekday(_)
                            | Lex::Month(_)
                            | Lex::Season(_)
                    )
                )
            {
                return Some((i + 1, Node::Ref("PAST_REF")));
            }
            return None;
        };
        let day = match d {
            Deictic::Today => Day::Offset(0),
            Deictic::Yesterday => Day::Offset(-1),
            Deictic::Tomorrow => Day::Offset(1),
            Deictic::Tonight => {
                return Some((
                    i + 1,
                    Node::Time {
                        day: Day::Offset(0),
                        clock: None,
                        part: Some(DayPart::Night),
                    },
                ));
            }
            Deictic::Now | Deictic::Currently => {
                // `the current fiscal year`, `the current month`: the running unit.
                if self.is_word(i, "current") {
                    let k = if self.lex(i + 1) == Some(Lex::Fiscal) {
                        i + 2
                    } else {
                        i + 1
                    };
                    if let Some(Lex::Unit(
                        unit @ (Unit::Year | Unit::Month | Unit::Week | Unit::Decade),
                        false,
                    )) = self.lex(k)
                    {
                        return Some((k + 1, Node::UnitRel { unit, shift: 0 }));
                    }
                }
                return Some((i + 1, Node::Ref("PRESENT_REF")));
            }
            Deictic::Recently => return Some((i + 1, Node::Ref("PAST_REF"))),
            Deictic::Future => {
                // `future` alone is mostly an adjective (`future talks`).
                let before = i.checked_sub(1);
                let ok =
                    the || before.is_some_and(|b| self.is_word(b, "in") || self.is_word(b, "near"));
                if !ok || matches!(self.lex(i + 1), Some(Lex::Word(false))) {
                    return None;
                }
                return Some((i + 1, Node::Ref("FUTURE_REF")));
            }
        };
        if let Some(Lex::DayPart(part)) = self.lex(i + 1) {
            return Some((
                i + 2,
                Node::Time {
                    day,
                    clock: None,
                    part: Some(part),
                },
            ));
        }
        Some((i + 1, Node::Day(day)))
    }

    /// `the third quarter`, `third-quarter`, `the quarter`, `the latest quarter`,
    /// `the year-ago quarter`, `the first half`, `year-earlier`.
    fn quarter(&self, i: usize, the: bool) -> Option<(usize, Node)> {
        let mut j = i;
        if self.lex(j) == Some(Lex::Fiscal) {
            j += 1;
        }
        // `year-ago`, `year-earlier`.
        if matches!(self.lex(j), Some(Lex::Unit(Unit::Year, false)))
            && self.is_hyphen(j + 1)
            && (self.is_word(j + 2, "ago") || self.is_word(j + 2, "earlier"))
        {
            let k = j + 3;
            if matches!(self.lex(k), Some(Lex::Unit(Unit::Quarter, false)))
                || self.is_word(k, "period")
            {
                return Some((k + 1, Node::YearBefore));
            }
            if !the {
                return Some((k, Node::YearBefore));
            }
            return None;
        }
        if self.is_word(j, "latest") || self.is_word(j, "current") || self.is_word(j, "recent") {
            if matches!(self.lex(j + 1), Some(Lex::Unit(Unit::Quarter, false)))
                || (the && self.is_word(j + 1, "period"))
            {
                // `latest` is the last completed quarter, `current` the running one.
                if self.is_word(j, "current") {
                    return Some((
                        j + 2,
                        Node::Quarter {
                            n: None,
                            years_back: 0,
                            year: None,
                            current: true,
                        },
                    ));
                }
                return Some((
                    j + 2,
                    Node::Quarter {
                        n: None,
                        years_back: -1,
                        year: None,
                        current: true,
                    },
                ));
            }
            return None;
        }
        // `this year's third quarter`, `last year's quarter`.
        let mut years_back = 0;
        let mut year = None;
        if let (Some(Lex::Rel(rel)), Some(Lex::Unit(Unit::Year, false)), Some(Lex::Possessive)) =
            (self.lex(j), self.lex(j + 1), self.lex(j + 2))
        {
            years_back = match rel {
                Rel::Last | Rel::Past | Rel::Previous => -1,
                Rel::Next | Rel::Coming | Rel::Following => 1,
                _ => 0,
            };
            j += 3;
        } else if let Some(Lex::Num(y @ 1000..=2199, 4)) = self.lex(j) {
            // `the 1988 third quarter`, `the 1988 period`.
            if the && self.is_word(j + 1, "period") {
                return Some((
                    j + 2,
                    Node::Quarter {
                        n: None,
                        years_back: 0,
                        year: Some(y as i32),
                        current: false,
                    },
                ));
            }
            year = Some(y as i32);
            j += 1;
        }
        // `the fourth year` (of a war), `its eighth day`: the running period.
        if let (
            Some(Lex::Ordinal(_)),
            Some(Lex::Unit(unit @ (Unit::Day | Unit::Week | Unit::Month | Unit::Year), false)),
        ) = (self.lex(j), self.lex(j + 1))
        {
            let owner = the
                || (j > 0
                    && ["its", "their", "his", "her"]
                        .iter()
                        .any(|w| self.is_word(j - 1, w)));
            if owner && !self.is_word(j + 2, "of") {
                return Some((j + 2, Node::UnitRel { unit, shift: 0 }));
            }
        }
        let n = match self.lex(j) {
            Some(Lex::Ordinal(n @ 1..=4)) => {
                j += 1;
                Some(n as u8)
            }
            // `the last half of 1989` is the second.
            Some(Lex::Rel(Rel::Last))
                if the && matches!(self.lex(j + 1), Some(Lex::Unit(Unit::Half, false))) =>
            {
                j += 1;
                Some(2)
            }
            _ => None,
        };
        if n.is_some() && self.is_hyphen(j) {
            j += 1;
        }
        match self.lex(j) {
            Some(Lex::Unit(Unit::Quarter, false)) if n.is_some() || the || years_back != 0 => {
                let mut end = j + 1;
                // `the third quarter of 1990`.
                if year.is_none()
                    && self.lex(end) == Some(Lex::Of)
                    && let Some(Lex::Num(y @ 1000..=2199, 4)) = self.lex(end + 1)
                {
                    year = Some(y as i32);
                    end += 2;
                }
                Some((
                    end,
                    Node::Quarter {
                        n,
                        years_back,
                        year,
                        current: false,
                    },
                ))
            }
            Some(Lex::Unit(Unit::Half, false)) if matches!(n, Some(1 | 2)) => {
                // `the second half of 1989`.
                let (end, of_year) = match (self.lex(j + 1), self.lex(j + 2)) {
                    (Some(Lex::Of), Some(Lex::Num(y @ 1000..=2199, 4))) => (j + 3, Some(y as i32)),
                    _ => (j + 1, None),
                };
                Some((
                    end,
                    Node::Month {
                        year: year.or(of_year),
                        month: 100 + n.unwrap_or(1),
                    },
                ))
            }
            _ => None,
        }
    }

    /// `early Sunday`, `late Wednesday`, `earlier this year`, `late November`,
    /// `early next year`, `the end of 1990`, `mid-November`, `mid-1996`.
    fn edge(&self, i: usize, the: bool) -> Option<(usize, Node)> {
        let mut j = i;
        let edge = match self.lex(j)? {
            Lex::Edge(e @ (Edge::End | Edge::Beginning)) if the => {
                if self.lex(j + 1) != Some(Lex::Of) {
                    return None;
                }
                j += 2;
                e
            }
            Lex::Edge(e @ (Edge::Early | Edge::Late | Edge::Mid | Edge::Earlier | Edge::Later)) => {
                j += 1;
                if self.is_hyphen(j) {
                    j += 1;
                }
                e
            }
            _ => return None,
        };
        let inner_the = self.lex(j) == Some(Lex::The);
        let k = if inner_the { j + 1 } else { j };
        let (end, node) = self.core(k, inner_the)?;
        let node = match (edge, node) {
            (Edge::Early, Node::Day(day @ Day::Weekday(..))) => Node::Time {
                day,
                clock: None,
                part: Some(DayPart::Morning),
            },
            (Edge::Late, Node::Day(day @ Day::Weekday(..))) => Node::Time {
                day,
                clock: None,
                part: Some(DayPart::Night),
            },
            (_, Node::Duration { .. } | Node::Shifted { .. } | Node::Set { .. } | Node::Ref(_)) => {
                return None;
            }
            (_, node) => node,
        };
        Some((end, node))
    }

    /// `daily`, `quarterly`, `every week`, `each Thursday`, `every two hours`.
    fn set(&self, i: usize) -> Option<(usize, Node)> {
        match self.lex(i)? {
            Lex::SetAdverb(unit) => {
                // Before a noun (`daily tally`, `quarterly dividend`) it is an
                // adjective, which TimeML leaves untagged.
                if self.is_word(i, "annual")
                    || matches!(self.lex(i + 1), Some(Lex::Word(false) | Lex::Unit(..)))
                {
                    return None;
                }
                // `The Daily Express`: capitalised inside a sentence, it is a name.
                let sentence_start = i == 0
                    || matches!(
                        self.lex(i - 1),
                        Some(Lex::Punct('.' | '\n' | '"' | '\u{201c}'))
                    );
                if self.toks.get(i).is_some_and(|t| t.cap) && !sentence_start {
                    return None;
                }
                Some((i + 1, Node::Set { amount: 1.0, unit }))
            }
            Lex::Every => match self.lex(i + 1)? {
                Lex::Unit(unit, false) => Some((i + 2, Node::Set { amount: 1.0, unit })),
                Lex::Weekday(wd) => Some((i + 2, Node::SetWeekday(wd))),
                _ => {
                    let (k, amount) = self.amount(i + 1)?;
                    let Some(Lex::Unit(unit, _)) = self.lex(k) else {
                        return None;
                    };
                    let n = match amount {
                        Amount::N(n) => n,
                        Amount::X => return None,
                    };
                    Some((k + 1, Node::Set { amount: n, unit }))
                }
            },
            _ => None,
        }
    }

    /// `Christmas`, `Christmas Eve`, `Thanksgiving Day`, `New Year's Day`.
    fn holiday(&self, i: usize) -> Option<(usize, Node)> {
        let tok = self.toks.get(i)?;
        if let Some((holiday, len)) = crate::lexicon::holiday_phrase(self.text.get(tok.start..)?) {
            let stop = tok.start + len;
            let mut end = i;
            while self.toks.get(end).is_some_and(|t| t.end <= stop) {
                end += 1;
            }
            return Some((end, Node::Holiday(holiday)));
        }
        let Some(Lex::Holiday(holiday)) = self.lex(i) else {
            return None;
        };
        if !tok.cap {
            return None;
        }
        let mut end = i + 1;
        if matches!(self.lex(end), Some(Lex::Unit(Unit::Day, false))) {
            end += 1;
        }
        if holiday == Holiday::Christmas && self.lex(end) == Some(Lex::Eve) {
            return Some((end + 1, Node::Holiday(Holiday::Christmas)));
        }
        if holiday == Holiday::Valentine {
            if self.lex(end) == Some(Lex::Possessive) && self.is_word(end + 1, "day") {
                return Some((end + 2, Node::Holiday(holiday)));
            }
            return None;
        }
        Some((end, Node::Holiday(holiday)))
    }
}
