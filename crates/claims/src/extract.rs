//! The clause reader: verb group, subject, object and slots of each clause.

use crosscheck_core::layers::claim::{Argument, Attribution, Claim, ClaimDate, Modality};
use crosscheck_core::layers::entity::{EntityKind, EntityMention};
use crosscheck_core::layers::time::TimexKind;
use crosscheck_core::{Doc, Span, Token, TokenKind};

use crate::ClaimsConfig;
use crate::lexicon::{
    EMPTY, Entry, Lexicon, VerbForm, class, lower_bytes, noun_singular, verb_lemma,
};

/// A token with what the lexicon says about it, computed once per sentence.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Tok {
    pub span: Span,
    pub kind: TokenKind,
    pub entry: Entry,
    /// Starts with an uppercase letter.
    pub cap: bool,
    /// Written with `n't` (`didn't`, `won't`): `entry` is the word before it.
    pub neg: bool,
    /// A regular past form the lexicon does not know (`bombarded`).
    pub unknown_ed: bool,
    /// A quotation mark.
    pub quote_mark: bool,
    /// A comma.
    pub comma: bool,
}

impl Tok {
    fn is(&self, bits: u32) -> bool {
        self.entry.class & bits != 0
    }
    fn word(&self) -> bool {
        self.kind == TokenKind::Word
    }
}

/// A date found in a sentence, from the time layer or the fallback recogniser.
#[derive(Debug, Clone)]
pub(crate) struct DateMention {
    pub span: Span,
    pub value: Option<String>,
    /// A date or time (a duration or set is not a claim's date).
    pub is_date: bool,
}

/// A stretch of a sentence read as one clause.
#[derive(Debug, Clone)]
struct Clause {
    start: usize,
    end: usize,
    /// Tokens inside that belong to another clause (a `, who …,` relative).
    hole: Option<(usize, usize)>,
    /// Subject given from outside (the antecedent of a relative, the shared
    /// subject of a coordinated verb).
    subject: Option<Argument>,
    attribution: Option<Attribution>,
    /// Reported by a verb that denies it (`X denied that …`).
    denied: bool,
}

/// The verb group of a clause.
#[derive(Debug, Clone, Copy)]
struct VerbGroup {
    first: usize,
    verb: usize,
    after: usize,
    particle: Option<usize>,
    modality: Modality,
    negated: bool,
    passive: bool,
    copula: bool,
}

pub(crate) struct Reader<'d> {
    pub doc: &'d Doc,
    pub config: &'d ClaimsConfig,
    pub lex: &'static Lexicon,
    pub toks: Vec<Tok>,
    pub dates: Vec<DateMention>,
    /// Entities of the current sentence: index range into `doc.entities`.
    pub ents: (usize, usize),
    /// Index of the last person named before the current sentence.
    pub last_person: Option<u32>,
    /// A direct quote left open by the previous sentence of the same segment.
    pub open_quote: Option<Option<Span>>,
    pub sentence: u32,
    /// Reporting cues of the current sentence: a clause resting on one of them
    /// with nothing reported after it is a frame (`officials said on Sunday`),
    /// not a claim.
    cues: Vec<Span>,
}

/// Adverbs that sit between a subject and its verb (`Trump again raised`).
fn is_adverb(w: &str) -> bool {
    const ADVERBS: &[&str] = &[
        "again",
        "even",
        "also",
        "still",
        "already",
        "then",
        "now",
        "just",
        "once",
        "later",
        "first",
        "however",
        "meanwhile",
        "moreover",
        "obviously",
        "instead",
        "earlier",
        "nevertheless",
        "separately",
        "previously",
        "additionally",
        "furthermore",
        "yet",
        "currently",
        "initially",
        "ultimately",
        "eventually",
        "finally",
        "indeed",
        "sometime",
        "soon",
    ];
    let lower_start = w.chars().next().is_some_and(char::is_lowercase);
    (lower_start && w.len() > 4 && w.ends_with("ly") && !w.ends_with("ply"))
        || ADVERBS.iter().any(|a| w.eq_ignore_ascii_case(a))
}

/// Word classes that never continue or head a noun phrase.
const NOT_NOUN: u32 = class::PREP
    | class::CONJ
    | class::REL
    | class::VERB
    | class::BE
    | class::HAVE
    | class::MODAL_PLAN
    | class::MODAL_HEDGE
    | class::NEG
    | class::HEDGE_ADV
    | class::DO;

/// Words that open a subordinate clause before its subject.
const SUBORDINATORS: &[&str] = &[
    "as", "when", "while", "after", "before", "because", "since", "although", "though", "once",
    "until", "whereas",
];

/// True when `w` is one of `list`, ignoring ASCII case (no lowercase copy).
fn one_of(w: &str, list: &[&str]) -> bool {
    list.iter().any(|x| w.eq_ignore_ascii_case(x))
}

fn is_quote_char(s: &str) -> bool {
    matches!(
        s,
        "\"" | "\u{201c}" | "\u{201d}" | "\u{ab}" | "\u{bb}" | "\u{201e}"
    )
}

impl<'d> Reader<'d> {
    pub fn new(doc: &'d Doc, config: &'d ClaimsConfig) -> Self {
        Reader {
            doc,
            config,
            lex: Lexicon::get(),
            toks: Vec::with_capacity(64),
            dates: Vec::with_capacity(8),
            ents: (0, 0),
            last_person: None,
            open_quote: None,
            sentence: 0,
            cues: Vec::with_capacity(4),
        }
    }

    fn text(&self, span: Span) -> &'d str {
        span.slice(&self.doc.body)
    }

    /// Loads a sentence's tokens.
    pub fn load(&mut self, tokens: &[Token]) {
        self.toks.clear();
        let body = &self.doc.body;
        for t in tokens {
            let text = t.span.slice(body);
            let mut tok = Tok {
                span: t.span,
                kind: t.kind,
                entry: EMPTY,
                cap: text.chars().next().is_some_and(char::is_uppercase),
                neg: false,
                unknown_ed: false,
                quote_mark: t.kind == TokenKind::Punct && is_quote_char(text),
                comma: t.kind == TokenKind::Punct && text == ",",
            };
            if t.kind == TokenKind::Word {
                let mut buf = [0u8; 24];
                if let Some(w) = lower_bytes(text, &mut buf) {
                    let mut entry = self.lex.lookup_lower(w);
                    if entry.class == 0 {
                        if let Some(base) = w.strip_suffix(b"n't") {
                            entry = self.lex.lookup_lower(base);
                            tok.neg = true;
                        } else if let Some(base) = w.strip_suffix(b"'s") {
                            entry = self.lex.lookup_lower(base);
                            // Only the date words keep their class through a possessive.
                            entry.class &= class::WEEKDAY | class::MONTH | class::DAYWORD;
                            entry.lemma = None;
                            entry.form = None;
                        } else if w.len() >= 6 && w.ends_with(b"ed") && !tok.cap {
                            tok.unknown_ed = true;
                        }
                    }
                    tok.entry = entry;
                }
            }
            self.toks.push(tok);
        }
    }

    /// Fills `dates` for the sentence: from the time layer when it has anything,
    /// else from the fallback recogniser.
    pub fn load_dates(&mut self, sentence: Span) {
        self.dates.clear();
        let times = &self.doc.times;
        if !times.is_empty() {
            let first = times.partition_point(|t| t.span.start < sentence.start);
            for t in times.get(first..).unwrap_or(&[]) {
                if t.span.start >= sentence.end {
                    break;
                }
                self.dates.push(DateMention {
                    span: t.span,
                    value: Some(t.value.clone()),
                    is_date: matches!(t.kind, TimexKind::Date | TimexKind::Time),
                });
            }
            return;
        }
        if self.config.fallback_dates {
            crate::dates::recognise(self.doc, &self.toks, &mut self.dates);
        }
    }

    fn entities(&self) -> &'d [EntityMention] {
        self.doc
            .entities
            .get(self.ents.0..self.ents.1)
            .unwrap_or(&[])
    }

    fn is_comma(&self, i: usize) -> bool {
        self.toks.get(i).is_some_and(|t| t.comma)
    }

    fn has(&self, i: usize, bits: u32) -> bool {
        self.toks.get(i).is_some_and(|t| t.is(bits))
    }

    fn tok_text(&self, i: usize) -> &'d str {
        self.toks.get(i).map_or("", |t| self.text(t.span))
    }

    fn in_hole(hole: Option<(usize, usize)>, i: usize) -> bool {
        hole.is_some_and(|(a, b)| a <= i && i < b)
    }

    fn span_of(&self, start: usize, end: usize) -> Option<Span> {
        let a = self.toks.get(start)?;
        let b = self.toks.get(end.checked_sub(1)?)?;
        (a.span.start <= b.span.end).then_some(Span {
            start: a.span.start,
            end: b.span.end,
        })
    }

    /// Index of the token starting at `offset`, if any.
    fn tok_at(&self, offset: u32) -> Option<usize> {
        let i = self.toks.partition_point(|t| t.span.start < offset);
        self.toks
            .get(i)
            .filter(|t| t.span.start == offset)
            .map(|_| i)
    }

    /// Reads the loaded sentence and appends its claims.
    pub fn read_sentence(&mut self, sentence: Span, out: &mut Vec<Claim>) {
        let n = self.toks.len();
        let words = self.toks.iter().filter(|t| t.word()).count();
        let question = self
            .toks
            .iter()
            .rev()
            .find(|t| !t.quote_mark)
            .is_some_and(|t| self.text(t.span) == "?");
        let ents = &self.doc.entities;
        self.ents.0 = ents.partition_point(|e| e.span.start < sentence.start);
        self.ents.1 = ents.partition_point(|e| e.span.start < sentence.end);
        let mut regions: Vec<Clause> = Vec::new();
        if words >= 3 && !question {
            if !self.doc.quotes.is_empty() {
                self.regions_from_quote_layer(sentence, &mut regions);
            } else {
                self.regions_from_quote_marks(&mut regions);
            }
        }
        self.cues.clear();
        self.cues.extend(
            regions
                .iter()
                .filter_map(|r| r.attribution.and_then(|a| a.cue)),
        );
        let quotes = &self.doc.quotes;
        let first = quotes.partition_point(|q| q.content.end <= sentence.start);
        self.cues.extend(
            quotes
                .get(first..)
                .unwrap_or(&[])
                .iter()
                .take_while(|q| q.content.start < sentence.end)
                // Only the cues of quotations: a reported-speech cue found by
                // the quotes stage may be the main verb (`announced a truce`).
                .filter(|q| q.direct)
                .filter_map(|q| q.cue)
                .filter(|c| sentence.contains(*c)),
        );
        let before = out.len();
        for region in regions {
            if out.len() - before >= self.config.max_claims_per_sentence {
                break;
            }
            self.read_region(region, out);
        }
        let _ = n;
        // The last person named, for `he`/`she` in later sentences.
        if let Some((i, _)) = self
            .entities()
            .iter()
            .enumerate()
            .rev()
            .find(|(_, e)| e.kind == EntityKind::Per)
        {
            self.last_person = Some((self.ents.0 + i) as u32);
        }
    }

    /// Regions when the quotes stage has run: each attribution's content is a
    /// region attributed to its source; the rest of the sentence is read as the
    /// outlet's own text unless it holds the attribution's cue.
    fn regions_from_quote_layer(&self, sentence: Span, out: &mut Vec<Clause>) {
        let n = self.toks.len();
        let mut covered_until = 0usize;
        let mut pieces: Vec<(usize, usize, Option<Attribution>)> = Vec::new();
        let quotes = &self.doc.quotes;
        // Attributions come in text order and do not overlap, so their ends are
        // sorted too: start at the first that ends inside this sentence.
        let first = quotes.partition_point(|q| q.content.end <= sentence.start);
        for (qi, q) in quotes.iter().enumerate().skip(first) {
            if q.content.start >= sentence.end {
                break;
            }
            if q.content.end <= sentence.start {
                continue;
            }
            let start = self
                .toks
                .partition_point(|t| t.span.start < q.content.start);
            let end = self.toks.partition_point(|t| t.span.end <= q.content.end);
            if start > covered_until {
                pieces.push((covered_until, start, None));
            }
            if end > start {
                let (s, e) = self.trim_quote_marks(start, end);
                let attribution = Attribution {
                    source: q.source,
                    cue: q.cue,
                    quote: Some(qi as u32),
                    direct: q.direct,
                };
                pieces.push((s, e, Some(attribution)));
            }
            covered_until = covered_until.max(end);
        }
        if covered_until < n {
            pieces.push((covered_until, n, None));
        }
        // Reported speech is read by this crate's own frames (`X said Y`, `Y, X
        // said`, `according to X, Y`): the quotes stage takes any cue-like verb
        // (`are expected to`) as a frame, and a content span cut at the wrong
        // place would hide the clause that carries the claim. Only quotation
        // marks are taken from the layer as they are.
        let any_direct = pieces.iter().any(|p| p.2.is_some_and(|a| a.direct));
        if !any_direct {
            let before = out.len();
            self.plain_or_reported(0, n, out);
            let own = out.get_mut(before..).unwrap_or(&mut []);
            if own.iter().any(|c| c.attribution.is_some()) {
                self.link_layer_quotes(sentence, own);
                return;
            }
            // The own frames found nothing (`X, who …, suggested that Y`): take
            // the layer's span, unless its cue is a verb of plan or stance
            // (`are expected to`, `are preparing to`), which is no speech.
            let trusted = pieces.iter().any(|p| {
                p.2.and_then(|a| a.cue).is_some_and(|cue| {
                    let at = self.toks.partition_point(|t| t.span.start < cue.start);
                    let next = self.toks.partition_point(|t| t.span.start < cue.end);
                    self.toks
                        .get(at)
                        .is_some_and(|t| t.is(class::REPORT) && t.entry.form != Some(VerbForm::Ing))
                        && !self.has(next, class::TO)
                })
            });
            if !trusted {
                return;
            }
            out.truncate(before);
        }
        for (s, e, attribution) in pieces {
            match attribution {
                Some(a) if a.direct => self.split_clauses(s, e, Some(a), out),
                // Reported speech: `that` opens the content, it is not its subject.
                Some(a) if !any_direct => {
                    let s = if self.has(s, class::THAT) { s + 1 } else { s };
                    self.split_clauses(s, e, Some(a), out);
                }
                // The frame around a quotation (`Varga, who led the talks, said`)
                // can hold a clause of its own; the cue itself is dropped by
                // `read_region`, since it restates who spoke.
                _ if e > s + 2 => {
                    let before = out.len();
                    self.plain_or_reported(s, e, out);
                    self.link_layer_quotes(sentence, out.get_mut(before..).unwrap_or(&mut []));
                }
                _ => {}
            }
        }
    }

    /// Points reported-speech clauses at the quotes-layer attribution with the
    /// same cue, so a reader can go from a claim to the attribution.
    fn link_layer_quotes(&self, sentence: Span, clauses: &mut [Clause]) {
        let quotes = &self.doc.quotes;
        let first = quotes.partition_point(|q| q.content.end <= sentence.start);
        for clause in clauses {
            let Some(a) = clause.attribution.as_mut() else {
                continue;
            };
            if a.quote.is_some() {
                continue;
            }
            let Some(cue) = a.cue else { continue };
            a.quote = quotes
                .iter()
                .enumerate()
                .skip(first)
                .take_while(|(_, q)| q.content.start < sentence.end)
                .find(|(_, q)| {
                    q.cue
                        .is_some_and(|c| c.start < cue.end && cue.start < c.end)
                })
                .map(|(i, _)| i as u32);
        }
    }

    fn plain(&self, start: usize, end: usize) -> Clause {
        Clause {
            start,
            end,
            hole: None,
            subject: None,
            attribution: None,
            denied: false,
        }
    }

    fn trim_quote_marks(&self, mut s: usize, mut e: usize) -> (usize, usize) {
        while s < e && self.toks.get(s).is_some_and(|t| t.quote_mark) {
            s += 1;
        }
        while e > s
            && self
                .toks
                .get(e - 1)
                .is_some_and(|t| t.quote_mark || t.kind == TokenKind::Punct)
        {
            e -= 1;
        }
        (s, e)
    }

    /// Regions from quotation marks when there is no quotes layer: text inside
    /// marks is a direct quote of the source named in the frame around it.
    fn regions_from_quote_marks(&mut self, out: &mut Vec<Clause>) {
        let n = self.toks.len();
        let mut inside = self.open_quote.is_some();
        let mut runs: Vec<(usize, usize, bool)> = Vec::new();
        let mut run_start = 0;
        for i in 0..n {
            if self.toks.get(i).is_some_and(|t| t.quote_mark) {
                if i > run_start {
                    runs.push((run_start, i, inside));
                }
                inside = !inside;
                run_start = i + 1;
            }
        }
        if run_start < n {
            runs.push((run_start, n, inside));
        }
        let carried = self.open_quote.flatten();
        self.open_quote = inside.then_some(None);
        if !runs.iter().any(|r| r.2) {
            self.plain_or_reported(0, n, out);
            return;
        }
        // The frame: tokens outside the marks; its source speaks the quote.
        let mut source = None;
        let mut cue = None;
        for &(s, e, quoted) in &runs {
            if !quoted && let Some((src, c)) = self.frame_source(s, e) {
                source = src;
                cue = Some(c);
            }
        }
        let source = source.or(carried);
        if inside {
            self.open_quote = Some(source);
        }
        for &(s, e, quoted) in &runs {
            if quoted {
                let (s, e) = self.trim_quote_marks(s, e);
                if e > s {
                    out.push(Clause {
                        start: s,
                        end: e,
                        hole: None,
                        subject: None,
                        attribution: Some(Attribution {
                            source,
                            cue: cue.and_then(|c| self.toks.get(c).map(|t| t.span)),
                            quote: None,
                            direct: true,
                        }),
                        denied: false,
                    });
                }
            } else if cue.is_none_or(|c| c < s || c >= e) && e - s >= 4 {
                out.push(self.plain(s, e));
            }
        }
    }

    /// The source and cue of a frame `, Varga said` / `she told reporters`.
    fn frame_source(&self, s: usize, e: usize) -> Option<(Option<Span>, usize)> {
        let cue = (s..e).find(|&i| {
            self.toks.get(i).is_some_and(|t| {
                t.is(class::REPORT) && !t.cap && t.entry.form != Some(VerbForm::Ing)
            })
        })?;
        let cue_span = self.toks.get(cue)?.span;
        let lo = self.toks.get(s)?.span.start;
        let hi = self.toks.get(e.checked_sub(1)?)?.span.end;
        // Nearest name to the cue, then a pronoun or noun phrase next to it.
        let near = self
            .entities()
            .iter()
            .filter(|m| lo <= m.span.start && m.span.end <= hi && m.kind != EntityKind::Loc)
            .min_by_key(|m| {
                if m.span.end <= cue_span.start {
                    cue_span.start - m.span.end
                } else {
                    m.span.start.saturating_sub(cue_span.end)
                }
            });
        if let Some(m) = near {
            return Some((Some(m.span), cue));
        }
        // `officials have reported`: the source stands before the auxiliaries.
        let mut b = cue;
        while b > s
            && self.has(
                b - 1,
                class::BE | class::HAVE | class::MODAL_PLAN | class::DO,
            )
        {
            b -= 1;
        }
        let before = b.checked_sub(1).filter(|&b| b >= s);
        let after = Some(cue + 1).filter(|&a| a < e);
        for i in [before, after].into_iter().flatten() {
            if let Some(t) = self.toks.get(i)
                && t.word()
                && !t.is(class::PREP | class::CONJ | class::BE | class::HAVE)
            {
                let start = (s..=i)
                    .rev()
                    .take_while(|&j| {
                        // `officials from both countries said`: the source's
                        // phrase runs back over `of`/`from`/`in`/`at`.
                        self.toks.get(j).is_some_and(|t| {
                            t.word()
                                && (!t.is(class::CONJ)
                                    || self.text(t.span).eq_ignore_ascii_case("and"))
                                && (!t.is(class::PREP)
                                    || one_of(self.text(t.span), &["of", "from", "in", "at"]))
                        })
                    })
                    .last()
                    .unwrap_or(i);
                let start = if i == before.unwrap_or(usize::MAX) {
                    start
                } else {
                    i
                };
                return Some((self.span_of(start, i + 1), cue));
            }
        }
        Some((None, cue))
    }

    /// A sentence without quotation marks: reported speech (`X said Y`,
    /// `Y, X said`, `according to X, Y`) or the outlet's own statement.
    fn plain_or_reported(&self, s: usize, e: usize, out: &mut Vec<Clause>) {
        // `…, according to X.` and `According to X, …`.
        for i in s..e {
            let is_according = self
                .toks
                .get(i)
                .is_some_and(|t| self.text(t.span).eq_ignore_ascii_case("according"))
                && self.tok_text(i + 1).eq_ignore_ascii_case("to");
            if !is_according {
                continue;
            }
            let source_end = (i + 2..e)
                .find(|&j| self.toks.get(j).is_some_and(|t| t.kind == TokenKind::Punct))
                .unwrap_or(e);
            let attribution = Some(Attribution {
                source: self.span_of(i + 2, source_end),
                cue: self.span_of(i, i + 2),
                quote: None,
                direct: false,
            });
            let (cs, ce) = if i == s {
                (source_end + 1, e)
            } else {
                (s, i.saturating_sub(1).max(s))
            };
            if ce > cs {
                self.split_clauses(cs, ce, attribution, out);
            }
            return;
        }
        // `…, X said (on Monday).`: a reporting verb in the last comma-part.
        let last_comma = (s..e).rev().find(|&i| self.is_comma(i));
        if let Some(c) = last_comma
            && e - c <= 12
            && c > s + 2
            && let Some((source, cue)) = self.frame_source(c + 1, e)
            // `Varga, who led the talks, said it would last` is no tail frame:
            // a clause follows the cue.
            && self.verb_group(cue + 1, e, None).is_none()
        {
            let attribution = Some(Attribution {
                source,
                cue: self.toks.get(cue).map(|t| t.span),
                quote: None,
                direct: false,
            });
            self.split_clauses(s, c, attribution, out);
            return;
        }
        // `X, who chaired the talks, said …`: the relative is a clause of its own
        // and is skipped when looking for the reporting verb.
        let relative = (s..e).find_map(|i| {
            let rel = self.is_comma(i)
                && self.toks.get(i + 1).is_some_and(|t| {
                    t.is(class::REL) && !self.text(t.span).eq_ignore_ascii_case("whose")
                });
            if !rel {
                return None;
            }
            let close = (i + 2..e).find(|&j| self.is_comma(j))?;
            (close > i + 3).then_some((i, close))
        });
        let hole = relative.map(|(open, close)| (open, close + 1));
        // `X said (that) …`: the first verb group is a reporting verb.
        if let Some(g) = self.verb_group(s, e, hole) {
            let verb = self.toks.get(g.verb);
            if !g.copula && verb.is_some_and(|t| t.is(class::REPORT)) {
                let mut c = g.after;
                // `told reporters on Thursday that …`: skip to `that` when close.
                if let Some(that) = (c..e.min(c + 9)).find(|&j| self.has(j, class::THAT)) {
                    c = that + 1;
                } else if self.is_comma(c) {
                    c += 1;
                }
                if e > c + 2 && self.verb_group(c, e, None).is_some() {
                    let subject = self.subject(s, g.first, hole);
                    let attribution = Some(Attribution {
                        source: subject.as_ref().map(|a| a.span),
                        cue: verb.map(|t| t.span),
                        quote: None,
                        direct: false,
                    });
                    if let Some((open, close)) = relative.filter(|r| r.1 <= g.first) {
                        out.push(Clause {
                            start: open + 2,
                            end: close,
                            hole: None,
                            subject: self.subject(s, open, None),
                            attribution: None,
                            denied: false,
                        });
                    }
                    let mut inner = Vec::new();
                    self.split_clauses(c, e, attribution, &mut inner);
                    for mut clause in inner {
                        // `denied that …` reports the opposite.
                        clause.denied = verb.is_some_and(|t| t.entry.lemma == Some("deny"));
                        out.push(clause);
                    }
                    return;
                }
            }
        }
        self.split_clauses(s, e, None, out);
    }

    /// Splits a region at `; `, at `, and`/`, but` + new clause, at ` and` +
    /// verb (shared subject), and around `, who …,` relatives.
    fn split_clauses(
        &self,
        s: usize,
        e: usize,
        attribution: Option<Attribution>,
        out: &mut Vec<Clause>,
    ) {
        if !self.config.split_clauses {
            out.push(Clause {
                start: s,
                end: e,
                hole: None,
                subject: None,
                attribution,
                denied: false,
            });
            return;
        }
        let mut start = s;
        let mut hole = None;
        let mut antecedent: Option<Argument> = None;
        let mut i = s;
        let mut pending: Vec<Clause> = Vec::new();
        while i < e {
            let t = match self.toks.get(i) {
                Some(t) => *t,
                None => break,
            };
            let text = self.text(t.span);
            // `, who …,` relative: the antecedent is the name or noun before it.
            if text == ","
                && hole.is_none()
                && let Some(next) = self.toks.get(i + 1)
            {
                let nt = self.text(next.span);
                if next.is(class::REL) && !nt.eq_ignore_ascii_case("whose") {
                    let close = (i + 2..e).find(|&j| self.is_comma(j)).unwrap_or(e);
                    if self.verb_group(i + 2, close, None).is_some() {
                        let ante = self.subject(start, i, None);
                        pending.push(Clause {
                            start: i + 2,
                            end: close,
                            hole: None,
                            subject: ante,
                            attribution,
                            denied: false,
                        });
                        hole = Some((i, (close + 1).min(e)));
                        i = close + 1;
                        continue;
                    }
                }
            }
            let coordinator =
                t.is(class::CONJ) && one_of(text, &["and", "but", "while", "whereas"]);
            let semicolon = text == ";";
            if (coordinator || semicolon) && i > start + 2 {
                let after_comma = i > 0 && self.is_comma(i - 1);
                let left_has_verb = self.verb_group(start, i, hole).is_some();
                let next = i + 1;
                let shared_verb = coordinator
                    && self.toks.get(next).is_some_and(|n| {
                        n.word()
                            && !n.cap
                            && (n.is(class::MODAL_PLAN | class::MODAL_HEDGE)
                                || matches!(
                                    n.entry.form,
                                    Some(
                                        VerbForm::Past
                                            | VerbForm::PastOrParticiple
                                            | VerbForm::ThirdPerson
                                    )
                                )
                                || n.unknown_ed)
                            && !n.is(class::NOT_VERB)
                    });
                let right_end = e;
                let right_clause = (semicolon || after_comma)
                    && self
                        .verb_group(next, right_end, None)
                        .is_some_and(|g| g.first > next);
                if left_has_verb && (shared_verb || right_clause) {
                    let left_end = if after_comma { i - 1 } else { i };
                    let subject = if shared_verb {
                        self.verb_group(start, left_end, hole)
                            .and_then(|g| self.subject(start, g.first, hole))
                            .or_else(|| antecedent.clone())
                    } else {
                        None
                    };
                    pending.push(Clause {
                        start,
                        end: left_end,
                        hole,
                        subject: antecedent.take(),
                        attribution,
                        denied: false,
                    });
                    antecedent = subject;
                    hole = None;
                    start = next;
                }
            }
            i += 1;
        }
        if e > start {
            pending.push(Clause {
                start,
                end: e,
                hole,
                subject: antecedent,
                attribution,
                denied: false,
            });
        }
        out.append(&mut pending);
    }

    /// Finds the verb group of `[s, e)`.
    fn verb_group(&self, s: usize, e: usize, hole: Option<(usize, usize)>) -> Option<VerbGroup> {
        let mut modality = Modality::Asserted;
        let mut negated = false;
        let mut chain: Option<usize> = None;
        let mut be: Option<usize> = None;
        let mut have: Option<usize> = None;
        // A modal, `do` or `plans to` was just read, so a bare verb must follow;
        // after `be`/`have` an unknown word is an adjective, not a verb.
        let mut bare_verb_next = false;
        let mut aux_do: Option<usize> = None;
        let mut i = s;
        while i < e {
            if Self::in_hole(hole, i) {
                i += 1;
                continue;
            }
            let t = *self.toks.get(i)?;
            if !t.word() {
                i += 1;
                continue;
            }
            let c = t.entry.class;
            let next_to = self.has(i + 1, class::TO);
            let prev = i
                .checked_sub(1)
                .filter(|&p| p >= s)
                .and_then(|p| self.toks.get(p));
            if t.neg {
                negated = true;
            }
            if c & class::HEDGE_ADV != 0 && !next_to {
                modality = Modality::Hedged;
                i += 1;
                continue;
            }
            // `May 12` is a date, not a modal.
            let date_word = c & class::MONTH != 0
                && self
                    .toks
                    .get(i + 1)
                    .is_some_and(|n| n.kind == TokenKind::Number);
            if c & class::MODAL_PLAN != 0 && !date_word {
                if modality != Modality::Hedged {
                    modality = Modality::Planned;
                }
                chain.get_or_insert(i);
                bare_verb_next = true;
                i += 1;
                continue;
            }
            if c & class::MODAL_HEDGE != 0 && !date_word && !t.cap {
                modality = Modality::Hedged;
                chain.get_or_insert(i);
                bare_verb_next = true;
                i += 1;
                continue;
            }
            if c & class::NEG != 0 {
                negated = true;
                i += 1;
                continue;
            }
            if c & (class::BE | class::HAVE | class::DO) != 0 && !(t.cap && i > s) {
                if c & class::BE != 0 {
                    be = Some(i);
                }
                if c & class::HAVE != 0 {
                    have = Some(i);
                }
                // After `do` a bare verb follows (`does not manipulate`); after
                // `be`/`have` an unknown word is an adjective or a noun.
                bare_verb_next = c & class::DO != 0;
                if c & class::DO != 0 {
                    aux_do = Some(i);
                }
                chain.get_or_insert(i);
                i += 1;
                continue;
            }
            let w = self.text(t.span);
            if next_to && c & class::PLAN_CAT != 0 {
                let needs_be = one_of(
                    w,
                    &[
                        "expected",
                        "due",
                        "set",
                        "scheduled",
                        "slated",
                        "poised",
                        "prepared",
                        "going",
                    ],
                );
                if !needs_be || be.is_some() {
                    if modality != Modality::Hedged {
                        modality = Modality::Planned;
                    }
                    chain.get_or_insert(i);
                    bare_verb_next = true;
                    i += 2;
                    continue;
                }
            }
            if next_to && c & class::NEG_CAT != 0 {
                negated = true;
                chain.get_or_insert(i);
                bare_verb_next = true;
                i += 2;
                continue;
            }
            if next_to && c & class::HEDGE_CAT != 0 {
                let own = one_of(w, &["appears", "appeared", "seems", "seemed"]);
                if own || be.is_some() {
                    modality = Modality::Hedged;
                    chain.get_or_insert(i);
                    bare_verb_next = true;
                    i += 2;
                    continue;
                }
            }
            let expect = chain.is_some();
            // After a modal or auxiliary, an unknown lowercase word is the verb
            // (`will bolster`); the lexicon cannot hold every verb.
            let open_class = bare_verb_next
                && !t.cap
                && !is_adverb(self.text(t.span))
                && !self.text(t.span).ends_with("thing")
                && c & (class::DET
                    | class::PREP
                    | class::CONJ
                    | class::PRON
                    | class::REL
                    | class::NUMWORD)
                    == 0;
            let is_verb =
                (c & class::VERB != 0 || t.unknown_ed || open_class) && c & class::NOT_VERB == 0;
            if is_verb && !(t.cap && i > s && !expect) {
                let form = if t.unknown_ed {
                    Some(VerbForm::PastOrParticiple)
                } else {
                    t.entry.form
                };
                let prev_blocks =
                    prev.is_some_and(|p| p.is(class::DET | class::PREP) && !p.is(class::PRON));
                let prev_subjectish = prev.is_some_and(|p| {
                    (p.cap
                        || p.is(class::PRON)
                        || (p.word() && !p.is(class::DET | class::PREP | class::CONJ)))
                        || p.kind == TokenKind::Punct
                });
                let accept = if expect {
                    true
                } else {
                    !prev_blocks
                        && match form {
                            Some(VerbForm::Past | VerbForm::PastOrParticiple) => i > s || !t.cap,
                            Some(VerbForm::ThirdPerson) => prev_subjectish && i > s,
                            Some(VerbForm::Base) => {
                                c & class::REPORT != 0
                                    && prev.is_some_and(|p| {
                                        p.is(class::PRON) || self.text(p.span).ends_with('s')
                                    })
                            }
                            _ => false,
                        }
                };
                if accept {
                    let passive = be.is_some()
                        && matches!(
                            form,
                            Some(VerbForm::PastParticiple | VerbForm::PastOrParticiple)
                        )
                        && !(have.is_some() && be.is_none());
                    let mut after = i + 1;
                    let mut particle = None;
                    if let Some(n) = self.toks.get(i + 1) {
                        let nt = self.text(n.span);
                        if (n.is(class::PARTICLE) && !n.is(class::PREP) && i + 1 < e)
                            || (c & class::MOTION != 0 && nt.eq_ignore_ascii_case("to"))
                        {
                            particle = Some(i + 1);
                            after = i + 2;
                        }
                    }
                    return Some(VerbGroup {
                        first: chain.unwrap_or(i),
                        verb: i,
                        after,
                        particle,
                        modality,
                        negated,
                        passive,
                        copula: false,
                    });
                }
            }
            if expect {
                // Adverbs inside the group: `will also sign`, `has already left`.
                let lw = w.len() > 3 && w.ends_with("ly");
                let adverb = lw
                    || one_of(
                        w,
                        &[
                            "also", "already", "still", "now", "then", "just", "again", "soon",
                            "yet", "even",
                        ],
                    );
                if adverb {
                    i += 1;
                    continue;
                }
                if let Some(b) = be.or(have).or(aux_do) {
                    return Some(VerbGroup {
                        first: chain.unwrap_or(b),
                        verb: b,
                        after: i,
                        particle: None,
                        modality,
                        negated,
                        passive: false,
                        copula: true,
                    });
                }
                chain = None;
            }
            i += 1;
        }
        let b = be?;
        Some(VerbGroup {
            first: chain.unwrap_or(b),
            verb: b,
            after: b + 1,
            particle: None,
            modality,
            negated,
            passive: false,
            copula: true,
        })
    }

    /// The canonical head of an entity mention.
    fn entity_head(&self, m: &EntityMention) -> String {
        let text = self.text(m.span);
        let text = text
            .strip_suffix("'s")
            .or_else(|| text.strip_suffix("\u{2019}s"))
            .unwrap_or(text);
        if m.kind == EntityKind::Per {
            text.rsplit(' ').next().unwrap_or(text).to_lowercase()
        } else {
            let lower = text.to_lowercase();
            lower
                .strip_prefix("the ")
                .map(str::to_owned)
                .unwrap_or(lower)
        }
    }

    fn entity_argument(&self, index: usize) -> Option<Argument> {
        let m = self.doc.entities.get(index)?;
        Some(Argument {
            span: m.span,
            head: self.entity_head(m),
            entity: Some(index as u32),
            kind: Some(m.kind),
        })
    }

    /// Entities lying in `[s, e)` tokens, outside the hole, as doc indices.
    fn entities_in(
        &self,
        s: usize,
        e: usize,
        hole: Option<(usize, usize)>,
    ) -> impl Iterator<Item = usize> + '_ {
        let lo = self.toks.get(s).map_or(u32::MAX, |t| t.span.start);
        let hi = e
            .checked_sub(1)
            .and_then(|l| self.toks.get(l))
            .map_or(0, |t| t.span.end);
        let hole_span = hole.and_then(|(a, b)| self.span_of(a, b));
        (self.ents.0..self.ents.1).filter(move |&i| {
            self.doc.entities.get(i).is_some_and(|m| {
                lo <= m.span.start
                    && m.span.end <= hi
                    && hole_span.is_none_or(|h| !h.contains(m.span))
            })
        })
    }

    /// The subject in the tokens before the verb group.
    fn subject(&self, s: usize, e: usize, hole: Option<(usize, usize)>) -> Option<Argument> {
        if e <= s {
            return None;
        }
        // The part after the last comma (`In Istanbul, Varga …`, `The envoy,
        // Ilse Varga, …`), then the last name in it not inside a prepositional
        // phrase (`Delegations from Veloria …` is about the delegations).
        let mut end = e;
        // Parts from the last; an empty one (`Trump, currently in the Gulf,
        // has hinted`) hands over to the part before it.
        loop {
            let mut part = s;
            for i in s..end {
                if self.is_comma(i)
                    && i + 1 < end
                    && !Self::in_hole(hole, i)
                    && !self.in_list(i, end)
                {
                    part = i + 1;
                }
            }
            if let Some(arg) = self.subject_in(part, end, hole) {
                return Some(arg);
            }
            if part <= s + 1 {
                return None;
            }
            end = part - 1;
        }
    }

    /// The subject inside one comma-part `[part, e)`.
    fn subject_in(&self, part: usize, e: usize, hole: Option<(usize, usize)>) -> Option<Argument> {
        let named = self
            .entities_in(part, e, hole)
            .filter(|&i| {
                let Some(m) = self.doc.entities.get(i) else {
                    return false;
                };
                let at = self.tok_at(m.span.start).unwrap_or(part);
                let end_tok = self.toks.partition_point(|t| t.span.start < m.span.end);
                !(part..at).any(|b| {
                    !Self::in_hole(hole, b)
                        && self
                            .toks
                            .get(b)
                            .is_some_and(|t| t.is(class::PREP) && !t.is(class::CONJ))
                }) && !self.modifies_noun(end_tok, e)
            })
            .last();
        if let Some(i) = named {
            return self.entity_argument(i);
        }
        // Else the noun phrase after the last comma: its head is the last word
        // before a preposition.
        let mut start = part;
        // `Currently, …` / `even as …`: leading adverbs are not the subject, and
        // `No agreement was reached` is about the agreement (the `no` negates).
        while start < e
            && self.toks.get(start).is_some_and(|t| {
                is_adverb(self.text(t.span)) || self.text(t.span).eq_ignore_ascii_case("no")
            })
        {
            start += 1;
        }
        // `As the team arrived`, `When talks resumed`: a subordinating word
        // opens the clause; the subject follows it.
        if start < e && start + 1 < e && one_of(self.tok_text(start), SUBORDINATORS) {
            start += 1;
        }
        // `At least 12 people`, `More than 40 ships`: the hedge on a number is
        // not a preposition that ends the phrase.
        let pair = |a: &str, b: &str| {
            self.tok_text(start).eq_ignore_ascii_case(a)
                && self.tok_text(start + 1).eq_ignore_ascii_case(b)
        };
        if pair("at", "least") || pair("at", "most") || pair("more", "than") || pair("up", "to") {
            start += 2;
        } else if ["about", "around", "nearly", "almost", "over", "some"]
            .iter()
            .any(|w| self.tok_text(start).eq_ignore_ascii_case(w))
            && self
                .toks
                .get(start + 1)
                .is_some_and(|t| t.kind == TokenKind::Number || t.is(class::NUMWORD))
        {
            start += 1;
        }
        let mut end = start;
        while end < e {
            let Some(t) = self.toks.get(end) else { break };
            if Self::in_hole(hole, end)
                || t.is(class::NEG | class::HEDGE_ADV)
                || (end > start && is_adverb(self.text(t.span)))
                || !(t.word() || t.kind == TokenKind::Number)
                || (t.is(class::PREP | class::REL | class::CONJ)
                    && !(end > start && self.joins_modifiers(end) && self.modifies_noun(end, e)))
            {
                break;
            }
            end += 1;
        }
        let head_tok = self.toks.get(end.checked_sub(1)?).filter(|_| end > start)?;
        let head_text = self.text(head_tok.span);
        if head_tok.is(class::PRON) {
            let lower = head_text.to_ascii_lowercase();
            if (lower == "he" || lower == "she")
                && self.config.resolve_pronouns
                && let Some(p) = self.last_person
            {
                let mut arg = self.entity_argument(p as usize)?;
                arg.span = head_tok.span;
                return Some(arg);
            }
            if lower == "they"
                && self.config.resolve_pronouns
                && let Some(things) = self.plural_antecedent(end - 1)
            {
                return Some(Argument {
                    span: head_tok.span,
                    ..things
                });
            }
            return Some(Argument {
                span: head_tok.span,
                head: lower,
                entity: None,
                kind: None,
            });
        }
        let first = (start..end)
            .find(|&i| self.toks.get(i).is_some_and(|t| !t.is(class::DET)))
            .unwrap_or(start);
        Some(Argument {
            span: self.span_of(first, end)?,
            head: noun_singular(head_text),
            entity: None,
            kind: None,
        })
    }

    /// What `they` at token `pronoun` most likely stands for: the nearest
    /// plural noun before it in the sentence that a determiner introduces (`…
    /// where the discussions will take place, while the ministry said they will
    /// begin`). Bare plurals (`officials`) are too often generic to take.
    fn plural_antecedent(&self, pronoun: usize) -> Option<Argument> {
        (1..pronoun).rev().find_map(|i| {
            let noun = self.toks.get(i)?;
            let text = self.text(noun.span);
            let plural = noun.word()
                && !noun.cap
                && text.len() > 3
                && text.ends_with('s')
                && !text.ends_with("ss")
                // After a determiner a verb form is a noun (`the talks`).
                && !noun.is(NOT_NOUN & !class::VERB);
            // `the talks`, or with one modifier between, `the ferry talks`.
            let is_det = |k: usize| self.toks.get(k).is_some_and(|d| d.is(class::DET));
            let modifier = self
                .toks
                .get(i - 1)
                .is_some_and(|m| m.word() && !m.is(NOT_NOUN | class::DET));
            let determined = is_det(i - 1) || (i >= 2 && modifier && is_det(i - 2));
            (plural && determined).then(|| Argument {
                span: noun.span,
                head: noun_singular(text),
                entity: None,
                kind: None,
            })
        })
    }

    /// Heads of the names listed before entity `index` with `and` or commas
    /// (`Zelenskyy and Putin`), not before token `s`.
    fn coordinated_with(&self, index: usize, s: usize) -> Vec<String> {
        let mut heads = Vec::new();
        let mut current = index;
        while let Some(m) = self.doc.entities.get(current) {
            let Some(at) = self.tok_at(m.span.start) else {
                break;
            };
            let Some(link) = at.checked_sub(1).filter(|&l| l > s) else {
                break;
            };
            let joined = self.is_comma(link) || self.tok_text(link).eq_ignore_ascii_case("and");
            let Some(prev) = current.checked_sub(1) else {
                break;
            };
            let Some(p) = self.doc.entities.get(prev) else {
                break;
            };
            let ends_at_link = self.toks.get(link).is_some_and(|t| {
                let before = self.toks.get(link - 1);
                before.is_some_and(|b| b.span.end == p.span.end) && t.span.start >= p.span.end
            });
            if !joined || !ends_at_link || p.kind != m.kind {
                break;
            }
            heads.push(self.entity_head(p));
            current = prev;
        }
        heads
    }

    /// True when the comma at `i` separates items of a list of names
    /// (`the US, Ukraine and Russia`) rather than closing an adverbial.
    fn in_list(&self, i: usize, e: usize) -> bool {
        let mut j = i + 1;
        while j < e {
            let Some(t) = self.toks.get(j) else {
                return false;
            };
            let w = self.text(t.span);
            if w.eq_ignore_ascii_case("and") || w.eq_ignore_ascii_case("or") {
                return j > i + 1;
            }
            if !(t.word() && (t.cap || t.is(class::DET))) && w != "," {
                return false;
            }
            j += 1;
        }
        false
    }

    /// True when the token at `next` continues a noun phrase after a name, so
    /// the name is a modifier (`Russian representatives`, `Velorian delegation`).
    fn modifies_noun(&self, next: usize, e: usize) -> bool {
        let continues = |i: usize| {
            i < e
                && self.toks.get(i).is_some_and(|t| {
                    t.word() && !t.cap && !t.is(NOT_NOUN) && !t.unknown_ed && !t.neg
                })
        };
        continues(next) || (self.joins_modifiers(next) && continues(next + 2))
    }

    /// True when the token at `i` is `and`/`or` between two capitalised
    /// modifiers (`Russian and Ukrainian negotiators`): the phrase goes on.
    fn joins_modifiers(&self, i: usize) -> bool {
        self.toks
            .get(i)
            .is_some_and(|t| t.is(class::CONJ) && one_of(self.text(t.span), &["and", "or"]))
            && self.toks.get(i + 1).is_some_and(|t| t.cap)
    }

    /// The noun phrase starting at `s` (determiners skipped), up to a boundary.
    fn noun_phrase(&self, s: usize, e: usize, hole: Option<(usize, usize)>) -> Option<Argument> {
        let mut i = s;
        // Determiners, and a date in the possessive (`Thursday's talks`), are
        // not the head's phrase.
        while i < e
            && self.toks.get(i).is_some_and(|t| {
                t.is(class::DET)
                    || (t.word()
                        && self.dates.iter().any(|d| d.span.contains(t.span))
                        && (self.text(t.span).ends_with("'s")
                            || self.text(t.span).ends_with("\u{2019}s")))
            })
        {
            i += 1;
        }
        // A name right there is the argument.
        let at = self.toks.get(i)?.span.start;
        if let Some(ei) = self
            .entities_in(s, e, hole)
            .find(|&x| self.doc.entities.get(x).is_some_and(|m| m.span.start == at))
        {
            // `Russian Foreign Minister Sergey Lavrov`: a nationality before a
            // title and name; the name that ends the capitalised run is the argument.
            let mut ei = ei;
            let end_of = |x: usize| self.doc.entities.get(x).map_or(0, |m| m.span.end);
            let mut next = self.toks.partition_point(|t| t.span.start < end_of(ei));
            while self
                .doc
                .entities
                .get(ei)
                .is_some_and(|m| m.kind == EntityKind::Misc)
            {
                let mut j = next;
                while j < e && j < next + 4 && self.toks.get(j).is_some_and(|t| t.word() && t.cap) {
                    j += 1;
                }
                match self
                    .entities_in(next, (j + 1).min(e), hole)
                    .find(|&x| x > ei)
                {
                    Some(x) => {
                        ei = x;
                        next = self.toks.partition_point(|t| t.span.start < end_of(x));
                    }
                    None => break,
                }
            }
            // `the Velorian delegation` is about the delegation, not Veloria.
            if !self.modifies_noun(next, e) {
                return self.entity_argument(ei);
            }
        }
        let date_starts = |span: Span| self.dates.iter().any(|d| d.span.contains(span));
        let mut end = i;
        while end < e && !Self::in_hole(hole, end) {
            let Some(t) = self.toks.get(end) else { break };
            let boundary = !(t.word() || t.kind == TokenKind::Number)
                || t.is(class::PREP | class::CONJ | class::REL)
                || (end > i
                    && ((t.is(class::VERB)
                        && matches!(
                            t.entry.form,
                            Some(VerbForm::Past | VerbForm::PastOrParticiple)
                        ))
                        || t.unknown_ed))
                || date_starts(t.span)
                || self.text(t.span).eq_ignore_ascii_case("that");
            if boundary {
                break;
            }
            end += 1;
        }
        if end == i {
            return None;
        }
        let head = self.toks.get(end - 1)?;
        Some(Argument {
            span: self.span_of(i, end)?,
            head: noun_singular(self.text(head.span)),
            entity: None,
            kind: None,
        })
    }

    fn read_region(&mut self, clause: Clause, out: &mut Vec<Claim>) {
        let Clause {
            start: s,
            end: e,
            hole,
            subject: given,
            attribution,
            denied,
        } = clause;
        let Some(g) = self.verb_group(s, e, hole) else {
            return;
        };
        let Some(verb) = self.toks.get(g.verb).copied() else {
            return;
        };
        let mut negated = g.negated;
        let mut subject = self.subject(s, g.first, hole).or(given);
        // `Varga said she would …`: in reported speech `he`/`she` is most often
        // the speaker, not the person named last.
        if let (Some(subj), Some(source)) = (subject.as_mut(), attribution.and_then(|a| a.source)) {
            let pronoun = self.text(subj.span);
            if pronoun.eq_ignore_ascii_case("he") || pronoun.eq_ignore_ascii_case("she") {
                let speaker = (self.ents.0..self.ents.1).find(|&i| {
                    self.doc
                        .entities
                        .get(i)
                        .is_some_and(|m| m.kind == EntityKind::Per && source.contains(m.span))
                });
                if let Some(arg) = speaker.and_then(|i| self.entity_argument(i)) {
                    *subj = Argument {
                        span: subj.span,
                        ..arg
                    };
                }
            }
        }
        // A clause split off a longer sentence can itself report speech
        // (`… and said he would not travel`): read what was said, attributed.
        if attribution.is_none_or(|a| !a.direct)
            && !g.copula
            && verb.is(class::REPORT)
            && hole.is_none()
        {
            let mut c = g.after;
            if let Some(that) = (c..e.min(c + 9)).find(|&j| self.has(j, class::THAT)) {
                c = that + 1;
            } else if self.is_comma(c) {
                c += 1;
            }
            if e > c + 2
                && self
                    .verb_group(c, e, None)
                    .is_some_and(|inner| inner.first > c)
            {
                let clause = Clause {
                    start: c,
                    end: e,
                    hole: None,
                    subject: None,
                    attribution: Some(Attribution {
                        source: subject
                            .as_ref()
                            .map(|a| a.span)
                            .or(attribution.and_then(|a| a.source)),
                        cue: Some(verb.span),
                        quote: None,
                        direct: false,
                    }),
                    denied: denied ^ (verb.entry.lemma == Some("deny")),
                };
                self.read_region(clause, out);
                return;
            }
        }
        // The frame of a quotation or of reported speech restates who spoke.
        if !g.copula && self.cues.iter().any(|c| c.contains(verb.span)) {
            return;
        }
        let verb_text = self.text(verb.span);
        // A copula fallback may rest on `be`, `have` or `do`; the lexicon knows
        // their forms (`'s` is the one it cannot tell apart).
        let lemma = match verb_lemma(verb_text) {
            l if g.copula && verb.is(class::BE) && !matches!(l.as_ref(), "be") => {
                std::borrow::Cow::Borrowed("be")
            }
            l => l,
        };
        let mut predicate = lemma.into_owned();
        if let Some(p) = g.particle {
            predicate.push(' ');
            predicate.push_str(&self.tok_text(p).to_ascii_lowercase());
        }
        // The object; `meet with X` is `meet X`; a passive's object is its `by` agent.
        let object = if g.passive {
            (g.after..e)
                .find(|&j| self.tok_text(j).eq_ignore_ascii_case("by") && !Self::in_hole(hole, j))
                .and_then(|j| self.noun_phrase(j + 1, e, hole))
        } else {
            let mut j = g.after;
            if self.tok_text(j).eq_ignore_ascii_case("with")
                && matches!(predicate.as_str(), "meet" | "talk")
            {
                j += 1;
            }
            match self.toks.get(j) {
                Some(t) if t.is(class::PREP) && !t.is(class::DET) => None,
                Some(_) if j < e => self.noun_phrase(j, e, hole),
                _ => None,
            }
        };
        // A passive with its `by` agent is read in the active voice (`the accord
        // was signed by Varga` is Varga signing the accord), so it lines up with
        // active reports of the same act; `passive` stays true only while the
        // subject is the thing acted on.
        let (subject, object, passive) = match (g.passive, object) {
            (true, Some(agent)) => (Some(agent), subject, false),
            (p, o) => (subject, o, p),
        };
        if let Some(t) = self.toks.get(g.after)
            && t.is(class::NEG)
            && !g.copula
        {
            negated = true;
        }
        for i in s..e {
            if !Self::in_hole(hole, i)
                && self
                    .toks
                    .get(i)
                    .is_some_and(|t| t.is(class::NEG) && !t.is(class::DET))
            {
                let w = self.tok_text(i);
                // `no` negates only before the verb (`No deal was reached`) or as the object's determiner.
                if !w.eq_ignore_ascii_case("no") || i < g.verb || i == g.after {
                    negated = true;
                }
            }
        }
        let evidence_span = self.evidence(s, e);
        let Some(evidence) = evidence_span else {
            return;
        };
        let hole_span = hole.and_then(|(a, b)| self.span_of(a, b));
        let outside_hole = |span: Span| hole_span.is_none_or(|h| !h.contains(span));
        let date = self
            .dates
            .iter()
            .filter(|d| d.is_date && evidence.contains(d.span) && outside_hole(d.span))
            .min_by_key(|d| {
                // The date nearest after the verb is most often the event's.
                if d.span.start >= verb.span.end {
                    d.span.start - verb.span.end
                } else {
                    (verb.span.start - d.span.end).saturating_add(1000)
                }
            })
            .map(|d| ClaimDate {
                span: d.span,
                value: d.value.clone(),
            });
        let used = |i: usize| {
            subject.as_ref().is_some_and(|a| a.entity == Some(i as u32))
                || object.as_ref().is_some_and(|a| a.entity == Some(i as u32))
        };
        let place = self.place(s, e, hole, &used);
        let mut participants: Vec<Argument> = Vec::new();
        for i in self.entities_in(s, e, hole) {
            if let Some(m) = self.doc.entities.get(i)
                && matches!(m.kind, EntityKind::Per | EntityKind::Org)
                && let Some(arg) = self.entity_argument(i)
                && !participants.iter().any(|p| p.head == arg.head)
            {
                participants.push(arg);
            }
        }
        if let Some(subj) = subject.as_ref().filter(|a| a.entity.is_some())
            && !participants.iter().any(|p| p.head == subj.head)
        {
            participants.insert(0, subj.clone());
        }
        let mut numbers = Vec::new();
        crate::numbers::find(self, s, e, hole, &mut numbers);
        let mut heads: Vec<&str> = Vec::with_capacity(2);
        for arg in [&subject, &object].into_iter().flatten() {
            if arg.kind.is_some()
                || arg.entity.is_some()
                || !matches!(
                    arg.head.as_str(),
                    "he" | "she" | "they" | "it" | "we" | "i" | "you" | "who"
                )
            {
                heads.push(&arg.head);
            }
        }
        // `Zelenskyy and Putin met`: names coordinated with the subject are part
        // of it for alignment, so `Putin and Zelenskyy met` gets the same key.
        let coordinated: Vec<String> = subject
            .as_ref()
            .and_then(|a| a.entity)
            .map(|i| self.coordinated_with(i as usize, s))
            .unwrap_or_default();
        heads.extend(coordinated.iter().map(String::as_str));
        heads.sort_unstable();
        heads.dedup();
        let mut key = String::with_capacity(predicate.len() + 24);
        key.push_str(&predicate);
        for h in heads {
            key.push('|');
            key.push_str(h);
        }
        if denied {
            negated = !negated;
        }
        out.push(Claim {
            evidence,
            sentence: self.sentence,
            subject,
            verb: verb.span,
            predicate,
            passive,
            object,
            participants,
            date,
            place,
            numbers,
            negated,
            modality: g.modality,
            attribution,
            key,
        });
    }

    /// The clause's span, without a trailing full stop or comma.
    fn evidence(&self, s: usize, mut e: usize) -> Option<Span> {
        while e > s
            && self.toks.get(e - 1).is_some_and(|t| {
                t.kind == TokenKind::Punct && !t.quote_mark && self.text(t.span) != ")"
            })
        {
            e -= 1;
        }
        self.span_of(s, e)
    }

    /// The place: a LOC name after `in`/`at`/`near`, else any LOC name not used
    /// as subject or object, else `in X` with a capitalised X.
    fn place(
        &self,
        s: usize,
        e: usize,
        hole: Option<(usize, usize)>,
        used: &dyn Fn(usize) -> bool,
    ) -> Option<Argument> {
        let mut fallback = None;
        for i in self.entities_in(s, e, hole) {
            let Some(m) = self.doc.entities.get(i) else {
                continue;
            };
            if m.kind != EntityKind::Loc || used(i) {
                continue;
            }
            let before = self.tok_at(m.span.start).and_then(|t| t.checked_sub(1));
            let prep = before.map_or("", |b| self.tok_text(b));
            if one_of(prep, &["in", "at", "near", "outside", "inside"]) {
                return self.entity_argument(i);
            }
            if fallback.is_none() && !one_of(prep, &["of", "from"]) {
                fallback = Some(i);
            }
        }
        if let Some(i) = fallback {
            return self.entity_argument(i);
        }
        // No LOC name (no tagger run, or it missed the place): `in X`, X
        // capitalised, not a date word and not a person's name.
        for i in s..e.saturating_sub(1) {
            if Self::in_hole(hole, i) || !self.tok_text(i).eq_ignore_ascii_case("in") {
                continue;
            }
            let mut j = i + 1;
            while j < e
                && self.toks.get(j).is_some_and(|t| {
                    t.word()
                        && t.cap
                        && t.entry.class & (class::MONTH | class::WEEKDAY) == 0
                        && !t.is(class::DET)
                })
            {
                j += 1;
            }
            if j > i + 1 {
                let span = self.span_of(i + 1, j)?;
                let named = self.entities_in(i + 1, j, hole).find(|&x| {
                    self.doc
                        .entities
                        .get(x)
                        .is_some_and(|m| m.span.start < span.end && span.start < m.span.end)
                });
                if let Some(x) = named {
                    // A name the tagger typed otherwise: a place only when it is
                    // no person and not already the subject or object.
                    if used(x)
                        || self
                            .doc
                            .entities
                            .get(x)
                            .is_some_and(|m| m.kind == EntityKind::Per)
                    {
                        continue;
                    }
                    return self.entity_argument(x);
                }
                return Some(Argument {
                    span,
                    head: self.text(span).to_lowercase(),
                    entity: None,
                    kind: Some(EntityKind::Loc),
                });
            }
        }
        None
    }

    pub(crate) fn toks(&self) -> &[Tok] {
        &self.toks
    }

    pub(crate) fn dates(&self) -> &[DateMention] {
        &self.dates
    }

    pub(crate) fn body_text(&self, span: Span) -> &'d str {
        self.text(span)
    }

    pub(crate) fn hole_contains(hole: Option<(usize, usize)>, i: usize) -> bool {
        Self::in_hole(hole, i)
    }
}
