//! Within one report: the tagger's mentions grouped into entities.

use std::collections::HashMap;
use std::rc::Rc;

use crosscheck_core::layers::entity::EntityKind;
use crosscheck_core::{Doc, SegmentKind, Span};
use serde::{Deserialize, Serialize};

use crate::MergeRule;
use crate::names::{self, Gender};
use crate::titles;

/// A tagger mention after clean-up, and the local entity it names.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct ResolvedMention {
    /// The mention as tagged (for a nominal such as "the minister", the phrase).
    pub span: Span,
    /// The name inside it: honorific, leading title words and possessive removed.
    pub name: Span,
    /// The type after document-level corrections.
    pub kind: EntityKind,
    /// The kind of segment the mention stands in.
    pub segment: SegmentKind,
    /// Index into [`DocEntities::entities`]; `None` for names in photo credits and
    /// bylines, which are never story actors.
    pub entity: Option<u32>,
    /// True for a definite description ("the minister") resolved to a named entity.
    pub nominal: bool,
}

/// One referent within a report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalEntity {
    /// The fullest name the report uses.
    pub name: String,
    /// The type (majority over its mentions after corrections).
    pub kind: EntityKind,
    /// Every name form seen, in order of first use.
    pub aliases: Vec<String>,
    /// Titles and roles the report gives it, in order of first use.
    pub titles: Vec<String>,
    /// Mentions in the report's body.
    pub body_mentions: u32,
    /// Mentions in captions and headings.
    pub other_mentions: u32,
    /// How short forms were joined to the full name.
    pub merges: Vec<LocalMerge>,
    /// True for a bare name that fits two or more named people, left unmerged.
    pub ambiguous: bool,
    #[serde(skip)]
    pub(crate) gender: Option<Gender>,
    #[serde(skip)]
    pub(crate) first: u32,
}

/// A short form joined to a full name inside one report.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct LocalMerge {
    /// The rule that joined them.
    pub rule: MergeRule,
    /// The form that was joined.
    pub alias: String,
    /// The name it was joined to.
    pub into: String,
}

/// The entity layer of one report: entities and the mentions that name them.
///
/// Build it once per article ([`DocEntities::build`]); it runs in parallel with
/// other per-article stages and needs only the body, segments, sentences, tokens
/// and the tagger's mentions.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct DocEntities {
    /// The report's entities.
    pub entities: Vec<LocalEntity>,
    /// The mentions in body order, each with its entity.
    pub mentions: Vec<ResolvedMention>,
    /// Stretches inside quotation marks, where a name is the speaker's words.
    #[serde(skip)]
    quoted: Vec<Span>,
}

/// A mention cleaned up, before grouping.
struct Prep {
    span: Span,
    name: Span,
    kind: EntityKind,
    segment: SegmentKind,
    /// Number of name words.
    n_words: usize,
    /// The last name word.
    last: Span,
    /// True when the last word is an initial ("Alexander F").
    cut: bool,
    /// Shared between the mentions of one text, so repeats cost no allocation.
    folded: Rc<str>,
    gender: Option<Gender>,
}

impl DocEntities {
    /// Groups the tagger's mentions of `doc` into entities, fixes tagger slips with
    /// the report's own evidence, and collects titles and roles.
    pub fn build(doc: &Doc) -> Self {
        // Names repeat ("Putin" ten times): prepare each text once.
        let mut seen: HashMap<(&str, EntityKind), Option<usize>, names::WordHash> =
            HashMap::default();
        let mut preps: Vec<Prep> = Vec::with_capacity(doc.entities.len());
        for m in &doc.entities {
            let text = doc.text(m.span);
            match seen.get(&(text, m.kind)) {
                Some(None) => {}
                Some(Some(first)) => {
                    if let Some(p) = preps.get(*first).map(|p| p.moved_to(doc, m.span)) {
                        preps.push(p);
                    }
                }
                None => {
                    let p = prepare(doc, m.span, m.kind);
                    seen.insert((text, m.kind), p.as_ref().map(|_| preps.len()));
                    preps.extend(p);
                }
            }
        }
        vote_kinds(doc, &mut preps);
        let mut out = DocEntities {
            quoted: quoted_spans(&doc.body),
            ..DocEntities::default()
        };
        let mut grouper = Grouper::default();
        let mut assigned: Vec<Option<u32>> = vec![None; preps.len()];
        // The same name, type and gender always lands in the same entity.
        let mut placed: HashMap<(&str, EntityKind, Option<Gender>), u32, names::WordHash> =
            HashMap::default();
        // Full names first, so short forms anywhere in the report find them.
        for pass in 0..4 {
            for (i, p) in preps.iter().enumerate() {
                if matches!(p.segment, SegmentKind::Credit | SegmentKind::Byline) {
                    continue;
                }
                let person = p.kind == EntityKind::Per;
                let truncated = person && p.n_words >= 2 && p.cut;
                let this_pass = match () {
                    _ if !person => 3,
                    _ if truncated => 1,
                    _ if p.n_words >= 2 => 0,
                    _ => 2,
                };
                if this_pass != pass {
                    continue;
                }
                let text = doc.text(p.name);
                let key = (text, p.kind, p.gender);
                if let Some(&e) = placed.get(&key) {
                    if let Some(g) = grouper.groups.get_mut(e as usize) {
                        g.add_form(text, 1);
                    }
                    assigned[i] = Some(e);
                    continue;
                }
                let e = grouper.place(&mut out.entities, p, text);
                placed.insert(key, e);
                assigned[i] = Some(e);
            }
        }
        for (p, entity) in preps.iter().zip(&assigned) {
            if let Some(e) = entity.and_then(|e| out.entities.get_mut(e as usize)) {
                if p.segment == SegmentKind::Body {
                    e.body_mentions += 1;
                } else {
                    e.other_mentions += 1;
                }
                e.first = e.first.min(p.span.start);
                if e.gender.is_none() || e.gender == Some(Gender::Unknown) {
                    e.gender = p.gender.or(e.gender);
                }
            }
            out.mentions.push(ResolvedMention {
                span: p.span,
                name: p.name,
                kind: p.kind,
                segment: p.segment,
                entity: *entity,
                nominal: false,
            });
        }
        for (e, group) in out.entities.iter_mut().zip(&grouper.groups) {
            e.name = group.best_name();
        }
        titles::collect(doc, &mut out);
        titles::resolve_nominals(doc, &mut out);
        out
    }

    /// The entity a pronoun at byte `position` of the body refers to, when the
    /// speaker is clear: `he`/`she` (any case) resolved to the one person of
    /// matching gender in the nearest sentence (this one first, back up to three)
    /// that names people outside quotation marks; when that sentence names several,
    /// the one before a reporting verb, else the sentence's subject. `None` when
    /// the word is not such a pronoun or no one person stands out.
    ///
    /// The quotes stage calls it with the start of a pronoun source
    /// (`Quote::source`) and then reads [`DocEntities::entities`] for the name.
    pub fn resolve_pronoun(&self, doc: &Doc, position: u32) -> Option<u32> {
        crate::pronoun::resolve(self, doc, position)
    }

    /// The entity named by the mention that overlaps `span` (a quote's source as
    /// written, say), if any.
    pub fn entity_at(&self, span: Span) -> Option<u32> {
        let i = self.mentions.partition_point(|m| m.span.end <= span.start);
        self.mentions
            .get(i)
            .filter(|m| m.span.start < span.end.max(span.start + 1))
            .and_then(|m| m.entity)
    }

    /// True when `position` lies inside quotation marks.
    pub(crate) fn is_quoted(&self, position: u32) -> bool {
        let i = self.quoted.partition_point(|q| q.end <= position);
        self.quoted.get(i).is_some_and(|q| q.start <= position)
    }
}

/// The index of the segment holding byte `pos`.
pub(crate) fn segment_kind(doc: &Doc, pos: u32) -> SegmentKind {
    let i = doc.segments.partition_point(|s| s.span.end <= pos);
    doc.segments
        .get(i)
        .filter(|s| s.span.start <= pos)
        .map_or(SegmentKind::Body, |s| s.kind)
}

impl Prep {
    /// The same preparation for another mention with the same text.
    fn moved_to(&self, doc: &Doc, span: Span) -> Prep {
        let shift = |s: Span| Span {
            start: s.start - self.span.start + span.start,
            end: s.end - self.span.start + span.start,
        };
        Prep {
            span,
            name: shift(self.name),
            kind: self.kind,
            segment: segment_kind(doc, span.start),
            n_words: self.n_words,
            last: shift(self.last),
            cut: self.cut,
            folded: self.folded.clone(),
            gender: self.gender,
        }
    }
}

/// Splits a mention into name words, removing a possessive, honorifics and
/// leading title words, and corrects its type from what was removed.
fn prepare(doc: &Doc, span: Span, tagged: EntityKind) -> Option<Prep> {
    let text = doc.text(span);
    let base = span.start as usize;
    // Word pieces with their byte ranges in the body.
    let mut pieces: Vec<(usize, usize)> = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        if c.is_whitespace() {
            if let Some(s) = start.take() {
                pieces.push((s, i));
            }
        } else if start.is_none() {
            start = Some(i);
        }
    }
    if let Some(s) = start {
        pieces.push((s, text.len()));
    }
    if let Some(last) = pieces.last_mut() {
        let word = text.get(last.0..last.1).unwrap_or("");
        last.1 = last.0 + names::strip_possessive(word).len();
    }
    let word = |p: &(usize, usize)| text.get(p.0..p.1).unwrap_or("");
    let mut kind = tagged;
    let mut gender = None;
    let mut first = 0;
    while first + 1 < pieces.len() {
        match pieces.get(first).map(word).and_then(names::honorific) {
            Some(g) => {
                gender = Some(g);
                kind = EntityKind::Per;
                first += 1;
            }
            None => break,
        }
    }
    // Leading title words ("President Putin", a slip like "Defense Alexander F").
    let mut titled = first;
    while titled + 1 < pieces.len() && pieces.get(titled).map(word).is_some_and(is_strippable) {
        if let Some(g) = pieces.get(titled).map(word).and_then(names::title_gender) {
            gender = Some(g);
        }
        titled += 1;
    }
    let rest = pieces.get(titled..).unwrap_or(&[]);
    let last_word = rest.last().map(word).unwrap_or("");
    let org_or_place = names::is_org_head(last_word) || names::is_loc_head(last_word);
    let rest_is_name = rest.iter().all(|p| names::is_capitalised(word(p)));
    if titled > first
        && !org_or_place
        && rest_is_name
        && (kind == EntityKind::Per || rest.len() >= 2)
    {
        kind = EntityKind::Per;
        first = titled;
    }
    let kept = pieces.get(first..).unwrap_or(&[]);
    let (Some(a), Some(b)) = (kept.first(), kept.last()) else {
        return None;
    };
    if kind == EntityKind::Per {
        // The head noun outweighs the tagger: "Dolmabahce Palace" is no person.
        let last = word(b);
        if names::is_loc_head(last) {
            kind = EntityKind::Loc;
        } else if names::is_org_head(last) {
            kind = EntityKind::Org;
        }
    }
    if kept.len() == 1 && is_function_word(word(a)) {
        return None;
    }
    let name = Span::new(base + a.0, base + b.1);
    let n_words = kept.len();
    let last = Span::new(base + b.0, base + b.1);
    let cut = names::is_initial(word(b));
    let folded: Rc<str> = Rc::from(names::fold(doc.text(name)));
    if folded.is_empty() {
        return None;
    }
    Some(Prep {
        span,
        name,
        kind,
        segment: segment_kind(doc, span.start),
        n_words,
        last,
        cut,
        folded,
        gender,
    })
}

/// Pronouns and contractions the tagger sometimes takes for names ("I’ll").
fn is_function_word(word: &str) -> bool {
    let w = word.to_lowercase().replace('’', "'");
    let contraction = ["'ll", "'ve", "'re", "'d", "'m"]
        .iter()
        .any(|s| w.ends_with(s));
    contraction
        || matches!(
            w.as_str(),
            "i" | "we" | "he" | "she" | "it" | "they" | "you" | "the" | "this" | "that"
        )
}

fn is_strippable(word: &str) -> bool {
    names::is_title_word(word) && names::is_capitalised(word)
}

fn kind_index(kind: EntityKind) -> usize {
    match kind {
        EntityKind::Per => 0,
        EntityKind::Org => 1,
        EntityKind::Loc => 2,
        EntityKind::Misc => 3,
    }
}

const KINDS: [EntityKind; 4] = [
    EntityKind::Per,
    EntityKind::Org,
    EntityKind::Loc,
    EntityKind::Misc,
];

/// One name, one type per report: the majority of the name's tags wins, and a
/// bare word that is the surname of a person named in full counts as a person.
fn vote_kinds(doc: &Doc, preps: &mut [Prep]) {
    let mut votes: HashMap<&str, [u32; 4], names::WordHash> = HashMap::default();
    for p in preps.iter() {
        if let Some(v) = votes.get_mut(&*p.folded) {
            v[kind_index(p.kind)] += 1;
        } else {
            let mut v = [0; 4];
            v[kind_index(p.kind)] = 1;
            votes.insert(&*p.folded, v);
        }
    }
    let mut surnames: HashMap<&str, u32, names::WordHash> = HashMap::default();
    for p in preps.iter() {
        if p.kind == EntityKind::Per
            && p.n_words >= 2
            && let Some(last) = p.folded.rsplit(' ').next()
        {
            *surnames.entry(last).or_default() += 1;
        }
    }
    let decided: Vec<Option<EntityKind>> = preps
        .iter()
        .map(|p| {
            let mut v = votes.get(&*p.folded).copied().unwrap_or_default();
            if !p.folded.contains(' ') {
                v[0] += surnames.get(&*p.folded).copied().unwrap_or(0);
            }
            let own = kind_index(p.kind);
            let best = (0..4).max_by_key(|&k| (v[k], k == own))?;
            (v[best] > v[own]).then(|| KINDS[best])
        })
        .collect();
    for (p, kind) in preps.iter_mut().zip(decided) {
        if let Some(kind) = kind {
            // A head noun ("Palace", "Ministry") still outranks the vote.
            let last = doc.text(p.last);
            let headed = names::is_loc_head(last) || names::is_org_head(last);
            if !(kind == EntityKind::Per && headed) {
                p.kind = kind;
            }
        }
    }
}

/// The forms an entity is known by, for matching.
#[derive(Default)]
pub(crate) struct Group {
    /// (display form, mentions) in order of first use.
    pub(crate) forms: Vec<(String, u32)>,
    /// Skeleton words of each full (two or more words, not cut short) form.
    pub(crate) full: Vec<Vec<String>>,
    pub(crate) key: String,
    /// True when a form is a known old or second name of a place.
    pub(crate) renamed: bool,
}

impl Group {
    pub(crate) fn add_form(&mut self, text: &str, count: u32) {
        match self.forms.iter_mut().find(|(f, _)| f == text) {
            Some(f) => f.1 += count,
            None => self.forms.push((text.to_string(), count)),
        }
    }

    /// The fullest, then commonest, form that is not cut short.
    pub(crate) fn best_name(&self) -> String {
        self.forms
            .iter()
            .enumerate()
            .max_by_key(|(i, (f, n))| {
                let words = f.split_whitespace().count();
                let cut = f.split_whitespace().last().is_some_and(names::is_initial);
                (!cut, words.min(3), *n, usize::MAX - i)
            })
            .map(|(_, (f, _))| f.clone())
            .unwrap_or_default()
    }
}

/// Skeleton words of a folded name.
pub(crate) fn skeleton_words(folded: &str) -> Vec<String> {
    folded.split(' ').map(names::skeleton).collect()
}

/// How two full person names relate, if they name one person.
pub(crate) fn person_match(a: &[String], b: &[String]) -> Option<MergeRule> {
    if a == b {
        return Some(MergeRule::Transliteration);
    }
    if a.len() == b.len() {
        let mut near = 0;
        for (x, y) in a.iter().zip(b) {
            if x != y {
                if x.len() >= 6
                    && x.len().abs_diff(y.len()) <= 1
                    && names::edit_distance(x, y, 1) <= 1
                {
                    near += 1;
                } else {
                    return None;
                }
            }
        }
        return (near == 1).then_some(MergeRule::Spelling);
    }
    // A middle name present in one form only ("Recep Tayyip Erdogan"/"Tayyip
    // Erdogan" needs the same surname; the shorter one's words appear in order).
    let (short, long) = if a.len() < b.len() { (a, b) } else { (b, a) };
    if short.len() < 2 || short.last() != long.last() {
        return None;
    }
    let mut it = long.iter();
    short
        .iter()
        .all(|w| it.any(|l| l == w))
        .then_some(MergeRule::MiddleName)
}

/// The rule that names a difference between two spellings judged the same name.
pub(crate) fn spelling_rule(a: &str, b: &str, found: MergeRule) -> MergeRule {
    if a == b {
        MergeRule::SameName
    } else if a.to_lowercase() == b.to_lowercase() {
        MergeRule::Case
    } else if names::fold(a) == names::fold(b) {
        let plain = |s: &str| -> String {
            s.chars()
                .filter(|c| c.is_alphanumeric())
                .flat_map(char::to_lowercase)
                .collect()
        };
        if plain(a) == plain(b) {
            MergeRule::Punctuation
        } else {
            MergeRule::Diacritics
        }
    } else {
        found
    }
}

/// Places mentions into local entities.
#[derive(Default)]
struct Grouper {
    groups: Vec<Group>,
    /// Non-person groups by key.
    by_key: HashMap<String, usize, names::WordHash>,
}

impl Grouper {
    fn place(&mut self, entities: &mut Vec<LocalEntity>, p: &Prep, text: &str) -> u32 {
        let person = p.kind == EntityKind::Per;
        // Skeletons matter for people only; most mentions are places and groups.
        let skel = if person {
            skeleton_words(&p.folded)
        } else {
            Vec::new()
        };
        let mut found: Option<(usize, MergeRule)> = None;
        let mut ambiguous = false;
        if person {
            let truncated = p.cut;
            let candidates: Vec<(usize, MergeRule)> = self
                .groups
                .iter()
                .enumerate()
                .filter(|(i, _)| {
                    entities.get(*i).is_some_and(|e| {
                        e.kind == EntityKind::Per && gender_fits(e.gender, p.gender)
                    })
                })
                .filter_map(|(i, g)| {
                    let rule = if p.n_words >= 2 && !truncated {
                        g.full.iter().find_map(|f| person_match(&skel, f))
                    } else if truncated {
                        g.full
                            .iter()
                            .any(|f| truncation_fits(&skel, f))
                            .then_some(MergeRule::TruncatedName)
                    } else {
                        g.full
                            .iter()
                            .any(|f| f.last() == skel.last())
                            .then_some(MergeRule::Surname)
                    };
                    rule.map(|r| (i, r))
                })
                .collect();
            match candidates.as_slice() {
                [one] => found = Some(*one),
                [] if p.n_words == 1 => {
                    // "Marco" where the report names one Marco in full.
                    let firsts: Vec<usize> = self
                        .groups
                        .iter()
                        .enumerate()
                        .filter(|(i, g)| {
                            entities.get(*i).is_some_and(|e| {
                                e.kind == EntityKind::Per && gender_fits(e.gender, p.gender)
                            }) && g.full.iter().any(|f| f.first() == skel.first())
                        })
                        .map(|(i, _)| i)
                        .collect();
                    if let [one] = firsts.as_slice() {
                        found = Some((*one, MergeRule::FirstName));
                    }
                }
                [] => {}
                _ => ambiguous = p.n_words == 1 || truncated,
            }
            if found.is_none() && !ambiguous && (p.n_words < 2 || truncated) {
                // A bare or cut name seen before in the report.
                let key = skel.join(" ");
                found = self
                    .groups
                    .iter()
                    .position(|g| g.full.is_empty() && g.key == key)
                    .map(|i| (i, MergeRule::Transliteration));
            }
        } else {
            let key = names::renamed(&p.folded).unwrap_or(&p.folded);
            found = self
                .by_key
                .get(key)
                .and_then(|&i| self.groups.get(i).map(|g| (i, g)))
                .map(|(i, g)| {
                    if g.renamed || names::renamed(&p.folded).is_some() {
                        (i, MergeRule::RenamedPlace)
                    } else {
                        (i, MergeRule::SameName)
                    }
                });
        }
        if let Some((i, rule)) = found
            && let (Some(g), Some(e)) = (self.groups.get_mut(i), entities.get_mut(i))
        {
            if !e.aliases.iter().any(|a| a == text) {
                let into = e.aliases.first().cloned().unwrap_or_default();
                let rule = spelling_rule(text, &into, rule);
                e.merges.push(LocalMerge {
                    rule,
                    alias: text.to_string(),
                    into,
                });
                e.aliases.push(text.to_string());
            }
            if !person && names::renamed(&p.folded).is_some() {
                g.renamed = true;
            }
            g.add_form(text, 1);
            if person && p.n_words >= 2 && !p.cut && !g.full.contains(&skel) {
                g.full.push(skel);
            }
            return i as u32;
        }
        let mut g = Group {
            renamed: !person && names::renamed(&p.folded).is_some(),
            key: if person {
                skel.join(" ")
            } else {
                names::renamed(&p.folded).unwrap_or(&p.folded).to_string()
            },
            ..Group::default()
        };
        g.add_form(text, 1);
        if person && p.n_words >= 2 && !p.cut {
            g.full.push(skel);
        }
        if !person {
            self.by_key.insert(g.key.clone(), self.groups.len());
        }
        self.groups.push(g);
        entities.push(LocalEntity {
            name: String::new(),
            kind: p.kind,
            aliases: vec![text.to_string()],
            titles: Vec::new(),
            body_mentions: 0,
            other_mentions: 0,
            merges: Vec::new(),
            ambiguous,
            gender: p.gender,
            first: u32::MAX,
        });
        (entities.len() - 1) as u32
    }
}

/// True when `cut` ("alexander f") is `full` ("alexander fomin") with the last
/// word reduced to its initial.
pub(crate) fn truncation_fits(cut: &[String], full: &[String]) -> bool {
    let (Some((initial, head)), Some((last, full_head))) = (cut.split_last(), full.split_last())
    else {
        return false;
    };
    !head.is_empty()
        && head == full_head
        && initial.chars().count() == 1
        && last.chars().count() > 1
        && last.starts_with(initial.as_str())
}

/// True when two gender hints do not contradict each other.
pub(crate) fn gender_fits(a: Option<Gender>, b: Option<Gender>) -> bool {
    !matches!(
        (a, b),
        (Some(Gender::Male), Some(Gender::Female)) | (Some(Gender::Female), Some(Gender::Male))
    )
}

/// Stretches between quotation marks (curly pairs, or straight quotes toggling),
/// never running past a line end: a missing closing mark spoils one paragraph only.
fn quoted_spans(body: &str) -> Vec<Span> {
    let mut out = Vec::new();
    let mut open: Option<usize> = None;
    let bytes = body.as_bytes();
    // Bytes, not chars: every mark of interest starts with 0x22, 0x0A, 0xC2 or 0xE2.
    for (i, &b) in bytes.iter().enumerate() {
        match b {
            b'"' => match open.take() {
                Some(s) => out.push(Span::new(s, i + 1)),
                None => open = Some(i),
            },
            b'\n' => open = None,
            0xC2 | 0xE2 => {
                let c = body.get(i..).and_then(|rest| rest.chars().next());
                match c {
                    Some('“' | '«' | '„') => open = Some(i),
                    Some(c @ ('”' | '»')) => {
                        if let Some(s) = open.take() {
                            out.push(Span::new(s, i + c.len_utf8()));
                        }
                    }
                    _ => {}
                }
            }
            _ => {}
        }
    }
    out
}
