//! Pronoun subjects resolved to the person the report just named.

use crosscheck_core::layers::entity::EntityKind;
use crosscheck_core::{Doc, SegmentKind, TokenKind};

use crate::doc_entities::{DocEntities, gender_fits, segment_kind};
use crate::names::{self, Gender};

/// Verbs of saying that mark the speaker of the sentence.
const REPORTING: &[&str] = &[
    "said",
    "says",
    "told",
    "tells",
    "added",
    "adds",
    "wrote",
    "writes",
    "stated",
    "noted",
    "posted",
    "insisted",
    "warned",
    "argued",
    "claimed",
    "explained",
    "replied",
    "continued",
    "confirmed",
    "announced",
    "declared",
    "stressed",
];

/// How many sentences back a pronoun may look for its person.
const LOOK_BACK: usize = 3;

pub(crate) fn resolve(de: &DocEntities, doc: &Doc, position: u32) -> Option<u32> {
    let ti = doc.tokens.partition_point(|t| t.span.end <= position);
    let token = doc.tokens.get(ti).filter(|t| t.span.start <= position)?;
    let gender = match doc.text(token.span).to_lowercase().as_str() {
        "he" | "him" | "his" => Gender::Male,
        "she" | "her" => Gender::Female,
        _ => return None,
    };
    let si = doc.sentences.partition_point(|s| s.span.end <= position);
    for back in 0..=LOOK_BACK {
        let Some(s) = si.checked_sub(back).and_then(|i| doc.sentences.get(i)) else {
            break;
        };
        if !matches!(
            segment_kind(doc, s.span.start),
            SegmentKind::Body | SegmentKind::Caption
        ) {
            break;
        }
        let end = if back == 0 {
            token.span.start
        } else {
            s.span.end
        };
        let lo = de.mentions.partition_point(|m| m.span.start < s.span.start);
        let candidates: Vec<(u32, u32, u32)> = de
            .mentions
            .get(lo..)
            .unwrap_or(&[])
            .iter()
            .take_while(|m| m.span.start < end)
            .filter(|m| m.kind == EntityKind::Per && !de.is_quoted(m.span.start))
            .filter_map(|m| {
                let e = m.entity?;
                let ent = de.entities.get(e as usize)?;
                gender_fits(ent.gender, Some(gender)).then_some((e, m.span.start, m.span.end))
            })
            .collect();
        let Some(&(first, first_start, _)) = candidates.first() else {
            continue;
        };
        if candidates.iter().all(|c| c.0 == first) {
            return Some(first);
        }
        let speakers: Vec<u32> = candidates
            .iter()
            .filter(|c| followed_by_reporting_verb(doc, c.2))
            .map(|c| c.0)
            .collect();
        if let Some(&one) = speakers.first()
            && speakers.iter().all(|&e| e == one)
        {
            return Some(one);
        }
        // Several people: the sentence's subject, if it opens the sentence.
        let opening = doc
            .tokens
            .iter()
            .skip_while(|t| t.span.start < s.span.start)
            .take_while(|t| t.span.start < first_start)
            .all(|t| {
                // "The Foreign Minister of Ukraine, Andrii Sybiha, met …"
                let w = doc.text(t.span);
                t.kind == TokenKind::Punct
                    || names::is_capitalised(w)
                    || names::is_title_word(w)
                    || names::is_title_joiner(w)
                    || names::is_determiner(w)
            });
        return opening.then_some(first);
    }
    None
}

fn followed_by_reporting_verb(doc: &Doc, end: u32) -> bool {
    let i = doc.tokens.partition_point(|t| t.span.start < end);
    doc.tokens
        .get(i..)
        .unwrap_or(&[])
        .iter()
        .take(2)
        .any(|t| REPORTING.contains(&doc.text(t.span)))
}
