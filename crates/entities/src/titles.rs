//! Titles and roles from premodifiers and appositions, and definite descriptions
//! ("the minister") resolved to the one entity that holds the title.

use crosscheck_core::layers::entity::EntityKind;
use crosscheck_core::{Doc, SegmentKind, Span, TokenKind};

use crate::doc_entities::{DocEntities, ResolvedMention};
use crate::names;

/// Verbs that state a role in a relative clause ("Nowak, who leads the delegation").
const ROLE_VERBS: &[&str] = &[
    "leads",
    "heads",
    "chairs",
    "runs",
    "directs",
    "oversees",
    "represents",
    "commands",
    "manages",
    "coordinates",
    "led",
    "headed",
    "chaired",
];

/// Longest title or role kept, in tokens: longer stretches are clauses.
const MAX_ROLE_TOKENS: usize = 14;

fn in_spans(spans: &[Span], pos: u32) -> bool {
    let i = spans.partition_point(|s| s.end <= pos);
    spans.get(i).is_some_and(|s| s.start <= pos)
}

fn is_acronym(word: &str) -> bool {
    let letters = word.chars().filter(|c| c.is_alphabetic()).count();
    letters >= 2 && word.chars().all(|c| c.is_uppercase() || c == '.')
}

fn is_possessive(word: &str) -> bool {
    names::strip_possessive(word).len() != word.len()
}

struct Ctx<'a> {
    doc: &'a Doc,
    /// Name spans of person mentions, in order.
    people: Vec<Span>,
    /// All mention spans, in order.
    all: Vec<Span>,
}

impl Ctx<'_> {
    fn word(&self, i: usize) -> &str {
        self.doc.tokens.get(i).map_or("", |t| self.doc.text(t.span))
    }

    fn token_at(&self, pos: u32) -> usize {
        self.doc.tokens.partition_point(|t| t.span.start < pos)
    }

    /// A title written right before token `end` (exclusive), not before `s0`:
    /// the first and last token and whether its head is plural.
    fn title_before(&self, s0: usize, end: usize) -> Option<(usize, usize, bool)> {
        let mut k = end;
        let mut first = end;
        let mut plural = None;
        while k > s0 {
            let Some(t) = self.doc.tokens.get(k - 1) else {
                break;
            };
            let w = self.doc.text(t.span);
            if in_spans(&self.people, t.span.start) {
                break;
            }
            let mut stop_after = false;
            let take = if t.kind == TokenKind::Punct {
                matches!(w, "(" | ")")
            } else if names::title_head(w).is_some() {
                plural.get_or_insert(names::is_plural_head(w));
                true
            } else if names::is_title_word(w)
                || names::is_title_joiner(w)
                || (w == "the" && k >= 2 && k - 2 >= s0 && self.word(k - 2) == "of")
            {
                true
            } else if names::is_capitalised(w)
                && (in_spans(&self.all, t.span.start) || is_acronym(w) || is_possessive(w))
            {
                stop_after = is_possessive(w);
                true
            } else {
                false
            };
            if !take {
                break;
            }
            first = k - 1;
            k -= 1;
            if stop_after {
                break;
            }
        }
        let skip = |w: &str| names::is_title_joiner(w) || w == "the" || w == "(" || w == ")";
        while first < end && skip(self.word(first)) {
            first += 1;
        }
        let plural = plural?;
        if first >= end || names::is_title_joiner(self.word(end - 1)) {
            return None;
        }
        // Only a title if a head word survived the trimming.
        (first..end)
            .any(|i| names::title_head(self.word(i)).is_some())
            .then_some((first, end - 1, plural))
    }

    fn text(&self, first: usize, last: usize) -> &str {
        match (self.doc.tokens.get(first), self.doc.tokens.get(last)) {
            (Some(a), Some(b)) if a.span.start <= b.span.end => self
                .doc
                .text(Span::new(a.span.start as usize, b.span.end as usize)),
            _ => "",
        }
    }

    /// The title text, with a plural head made singular ("senior envoys" →
    /// "senior envoy") when it is shared out over a list of names.
    fn title_text(&self, first: usize, last: usize, plural: bool) -> String {
        let raw = self.text(first, last);
        if !plural {
            return raw.to_string();
        }
        raw.split_whitespace()
            .map(|w| {
                if names::is_plural_head(w) {
                    names::title_head(w).unwrap_or(w).to_string()
                } else {
                    w.to_string()
                }
            })
            .collect::<Vec<_>>()
            .join(" ")
    }

    /// A role written after a comma at token `start`: "the former trade minister",
    /// "who leads the delegation". Ends at a comma, stop or sentence end.
    fn role_after(&self, start: usize, s1: usize) -> Option<(String, bool)> {
        let mut end = start;
        while end < s1 && end - start < MAX_ROLE_TOKENS {
            let t = self.doc.tokens.get(end)?;
            let w = self.doc.text(t.span);
            if t.kind == TokenKind::Punct && !matches!(w, "-" | "’" | "'") {
                break;
            }
            if in_spans(&self.people, t.span.start) {
                return None;
            }
            end += 1;
        }
        if end == start || end - start >= MAX_ROLE_TOKENS {
            return None;
        }
        let first = self.word(start);
        let (from, relative) = if first.eq_ignore_ascii_case("who") {
            let verb = self.word(start + 1);
            if ROLE_VERBS.contains(&verb) {
                (start + 1, true)
            } else if matches!(verb, "is" | "was") && names::is_determiner(self.word(start + 2)) {
                (start + 3, false)
            } else {
                return None;
            }
        } else if names::is_determiner(first) {
            (start + 1, false)
        } else if is_possessive(first) || names::is_title_word(first) {
            (start, false)
        } else {
            return None;
        };
        if from >= end {
            return None;
        }
        if !relative {
            // The head must come before the first preposition: "the head of …".
            let mut plural = None;
            for i in from..end {
                let w = self.word(i);
                if names::is_title_joiner(w) || matches!(w, "in" | "at" | "who" | "and") {
                    break;
                }
                if names::title_head(w).is_some() {
                    plural = Some(names::is_plural_head(w));
                }
            }
            let plural = plural?;
            return Some((self.title_text(from, end - 1, plural), plural));
        }
        Some((self.text(from, end - 1).to_string(), false))
    }
}

/// Fills `titles` of the person entities of `out` from the text around their
/// mentions in the body and captions.
pub(crate) fn collect(doc: &Doc, out: &mut DocEntities) {
    let ctx = Ctx {
        doc,
        people: out
            .mentions
            .iter()
            .filter(|m| m.kind == EntityKind::Per)
            .map(|m| m.name)
            .collect(),
        all: out.mentions.iter().map(|m| m.span).collect(),
    };
    let mut found: Vec<(u32, String)> = Vec::new();
    let starts: Vec<u32> = out.mentions.iter().map(|m| m.name.start).collect();
    // The person mention whose name starts at token `i`, if any.
    let person_at = |i: usize| -> Option<&ResolvedMention> {
        let pos = doc.tokens.get(i)?.span.start;
        let m = out.mentions.get(starts.partition_point(|&s| s < pos))?;
        (m.name.start == pos && m.kind == EntityKind::Per).then_some(m)
    };
    for m in &out.mentions {
        let Some(entity) = m.entity else { continue };
        if m.kind != EntityKind::Per
            || !matches!(m.segment, SegmentKind::Body | SegmentKind::Caption)
        {
            continue;
        }
        let si = doc
            .sentences
            .partition_point(|s| s.span.end <= m.name.start);
        let Some(sentence) = doc.sentences.get(si) else {
            continue;
        };
        let s0 = ctx.token_at(sentence.span.start);
        let s1 = ctx.token_at(sentence.span.end);
        let i0 = ctx.token_at(m.name.start);
        let i1 = ctx.token_at(m.name.end);
        // The list this name opens: "Steve Witkoff and Keith Kellogg".
        let mut list = vec![entity];
        let mut after = i1;
        while matches!(ctx.word(after), "," | "and")
            && let Some(next) = person_at(after + 1)
            && let Some(e) = next.entity
        {
            list.push(e);
            after = ctx.token_at(next.name.end);
        }
        if let Some((a, b, plural)) = ctx.title_before(s0, i0) {
            let title = ctx.title_text(a, b, plural);
            share(&mut found, &list, entity, plural, &title);
            // "his aide and former culture minister Vladimir Medinsky": two titles.
            if a > s0 + 1
                && ctx.word(a - 1) == "and"
                && let Some((c, d, plural)) = ctx.title_before(s0, a - 1)
            {
                let title = ctx.title_text(c, d, plural);
                share(&mut found, &list, entity, plural, &title);
            }
        } else if i0 > s0
            && ctx.word(i0 - 1) == ","
            && ctx.word(after) == ","
            && let Some((a, b, plural)) = ctx.title_before(s0, i0 - 1)
        {
            // "The Kremlin assistant, Vladimir Medinsky, …"
            let title = ctx.title_text(a, b, plural);
            share(&mut found, &list, entity, plural, &title);
        }
        if ctx.word(after) == ","
            && let Some((role, plural)) = ctx.role_after(after + 1, s1)
        {
            // A singular role after a list belongs to its last name only.
            let last = list.last().copied().unwrap_or(entity);
            if plural || list.len() == 1 {
                share(&mut found, &list, entity, plural, &role);
            } else {
                found.push((last, role));
            }
        }
    }
    for (entity, title) in found {
        if let Some(e) = out.entities.get_mut(entity as usize) {
            let key = names::fold(&title);
            if !e.titles.iter().any(|t| names::fold(t) == key) {
                if let Some(g) = title.split_whitespace().find_map(names::title_gender) {
                    e.gender.get_or_insert(g);
                }
                e.titles.push(title);
            }
        }
    }
}

fn share(found: &mut Vec<(u32, String)>, list: &[u32], entity: u32, plural: bool, title: &str) {
    if plural {
        found.extend(list.iter().map(|&e| (e, title.to_string())));
    } else {
        found.push((entity, title.to_string()));
    }
}

/// Resolves "the minister", "the secretary of state" to the one person of the
/// report already given a title that contains the phrase.
pub(crate) fn resolve_nominals(doc: &Doc, out: &mut DocEntities) {
    let mut added: Vec<(ResolvedMention, u32)> = Vec::new();
    let tokens = &doc.tokens;
    let folded_titles: Vec<Vec<String>> = out
        .entities
        .iter()
        .map(|e| {
            e.titles
                .iter()
                .map(|t| format!(" {} ", names::fold(t)))
                .collect()
        })
        .collect();
    for (k, t) in tokens.iter().enumerate() {
        if t.span.len() != 3 || !doc.text(t.span).eq_ignore_ascii_case("the") {
            continue;
        }
        if crate::doc_entities::segment_kind(doc, t.span.start) != SegmentKind::Body {
            continue;
        }
        let mut end = k + 1;
        let mut head = false;
        while let Some(n) = tokens.get(end) {
            let nw = doc.text(n.span);
            if names::is_capitalised(nw) || n.kind != TokenKind::Word {
                break;
            }
            if names::title_head(nw).is_some() {
                if names::is_plural_head(nw) {
                    head = false;
                    break;
                }
                head = true;
            } else if !(names::is_title_word(nw) || names::is_title_joiner(nw)) {
                break;
            }
            end += 1;
        }
        while end > k + 1
            && tokens
                .get(end - 1)
                .is_some_and(|n| names::is_title_joiner(doc.text(n.span)))
        {
            end -= 1;
        }
        if !head || end <= k + 1 {
            continue;
        }
        // "the head of the delegation", "the minister, Ilse Varga": not a reference back.
        let next = tokens.get(end).map_or("", |n| doc.text(n.span));
        if names::is_title_joiner(next) || names::is_capitalised(next) || next == "," {
            continue;
        }
        let (Some(a), Some(b)) = (tokens.get(k + 1), tokens.get(end - 1)) else {
            continue;
        };
        let phrase_span = Span::new(a.span.start as usize, b.span.end as usize);
        let phrase = format!(" {} ", names::fold(doc.text(phrase_span)));
        let mut hit = None;
        let mut count = 0;
        for (i, (e, titles)) in out.entities.iter().zip(&folded_titles).enumerate() {
            if e.kind == EntityKind::Per
                && e.first < t.span.start
                && titles.iter().any(|title| title.contains(&phrase))
            {
                hit = Some(i as u32);
                count += 1;
            }
        }
        if count == 1
            && let Some(entity) = hit
        {
            let span = Span::new(t.span.start as usize, b.span.end as usize);
            added.push((
                ResolvedMention {
                    span,
                    name: span,
                    kind: EntityKind::Per,
                    segment: SegmentKind::Body,
                    entity: Some(entity),
                    nominal: true,
                },
                entity,
            ));
        }
    }
    if added.is_empty() {
        return;
    }
    for (m, entity) in added {
        if let Some(e) = out.entities.get_mut(entity as usize) {
            e.body_mentions += 1;
        }
        let at = out
            .mentions
            .partition_point(|x| x.span.start < m.span.start);
        out.mentions.insert(at, m);
    }
}
