use std::collections::{BTreeMap, BTreeSet};

use crosscheck_core::dossier::{
    Conflict, ConflictValue, Evidence, StoryClaim, StoryQuote, TimelineEntry, Update,
};
use crosscheck_core::layers::claim::Modality;
use crosscheck_core::{Doc, Span};
use serde::{Deserialize, Serialize};

use crate::align::{ClaimRef, align};
use crate::quotes::merge_quotes;
use crate::slots::{SlotKind, places_compatible, values};

/// Settings for a [`Fuser`].
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct FuseConfig {
    /// How alike two claims must be (0–1) to count as the same claim.
    pub claim_similarity: f32,
    /// How much of the shorter quote's words the longer must share (0–1) to be
    /// the same quote in another outlet's wording.
    pub quote_overlap: f32,
    /// Relative difference under which two numbers are the same (rounding).
    pub number_tolerance: f64,
}

impl Default for FuseConfig {
    fn default() -> Self {
        FuseConfig {
            claim_similarity: 0.55,
            quote_overlap: 0.6,
            number_tolerance: 0.005,
        }
    }
}

/// One report of the story and the origin it belongs to (reprints of one wire
/// story share an origin: they are one source, not several).
#[derive(Debug, Clone, Copy)]
pub struct StoryDoc<'a> {
    /// The analysed report.
    pub doc: &'a Doc,
    /// Its origin group.
    pub origin: u32,
    /// For each of `doc.quotes`, the speaker's name once resolved to an entity
    /// (a pronoun or a surname made the full name); empty when not resolved.
    pub speakers: &'a [Option<String>],
    /// For each of `doc.entities` (the tagger's mentions), the id of the story
    /// entity it names, so claims about `Zelensky` and `Zelenskyy` align; empty
    /// when unknown (claims then align on their head words).
    pub entity_ids: &'a [Option<String>],
}

/// What the reports of a story say together.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct FusedStory {
    /// Claims aligned across reports.
    pub claims: Vec<StoryClaim>,
    /// Where reports disagree.
    pub conflicts: Vec<Conflict>,
    /// Where a later report updates an earlier one.
    pub updates: Vec<Update>,
    /// Quotes merged across outlets.
    pub quotes: Vec<StoryQuote>,
    /// The story's timeline.
    pub timeline: Vec<TimelineEntry>,
}

/// Fuses the reports of a story; build once, use for every story.
#[derive(Debug, Clone, Default)]
pub struct Fuser {
    config: FuseConfig,
}

/// Predicates that say an event was called off.
const CANCELLING: &[&str] = &[
    "cancel", "call off", "postpone", "scrap", "abandon", "suspend", "delay",
];

impl Fuser {
    /// A fuser with these settings.
    pub fn new(config: FuseConfig) -> Self {
        Fuser { config }
    }

    /// Fuses the reports of one story.
    pub fn fuse(&self, story: &[StoryDoc<'_>]) -> FusedStory {
        let docs: Vec<&Doc> = story.iter().map(|s| s.doc).collect();
        // Direct quotes are the speakers' words, merged as quotes; the claims
        // aligned here are the outlets' own and reported speech.
        let claims: Vec<ClaimRef<'_>> = story
            .iter()
            .enumerate()
            .flat_map(|(doc, s)| {
                s.doc
                    .claims
                    .iter()
                    .filter(|c| !c.from_quote())
                    .map(move |claim| ClaimRef { doc, claim })
            })
            .collect();
        let entity_ids: Vec<&[Option<String>]> = story.iter().map(|s| s.entity_ids).collect();
        let groups = align(&docs, &entity_ids, &claims, self.config.claim_similarity);

        let mut fused = FusedStory::default();
        for members in &groups {
            let members: Vec<ClaimRef<'_>> = members.iter().map(|&i| claims[i]).collect();
            // A claim only one report makes, with nothing to compare, is still a
            // claim of the story: the reader sees it rests on one source.
            let id = format!("c{}", fused.claims.len() + 1);
            let claim = self.story_claim(&id, story, &members);
            let (conflicts, updates) = self.disagreements(&id, &claim.text, story, &docs, &members);
            let timeline = timeline_entry(&id, &claim.text, story, &members, !updates.is_empty());
            for mut conflict in conflicts {
                conflict.id = format!("x{}", fused.conflicts.len() + 1);
                fused.conflicts.push(conflict);
            }
            for mut update in updates {
                update.id = format!("u{}", fused.updates.len() + 1);
                fused.updates.push(update);
            }
            fused.timeline.extend(timeline);
            fused.claims.push(claim);
        }
        // Best-supported claims first; ties keep reading order.
        let order: Vec<String> = {
            let mut claims: Vec<&StoryClaim> = fused.claims.iter().collect();
            claims.sort_by(|a, b| {
                b.origins
                    .cmp(&a.origins)
                    .then(b.evidence.len().cmp(&a.evidence.len()))
            });
            claims.iter().map(|c| c.id.clone()).collect()
        };
        fused
            .claims
            .sort_by_key(|c| order.iter().position(|id| *id == c.id));
        fused
            .timeline
            .sort_by(|a, b| a.date.cmp(&b.date).then(b.origins.cmp(&a.origins)));
        fused.quotes = merge_quotes(story, self.config.quote_overlap);
        fused
    }

    fn story_claim(
        &self,
        id: &str,
        story: &[StoryDoc<'_>],
        members: &[ClaimRef<'_>],
    ) -> StoryClaim {
        // The claim reads best in the words of a report that states it, not one
        // that only expected it.
        let first = members
            .iter()
            .find(|m| m.claim.modality != Modality::Planned)
            .copied()
            .unwrap_or(members[0]);
        let modality = majority(members.iter().map(|m| m.claim.modality.as_str()));
        StoryClaim {
            id: id.to_string(),
            text: story[first.doc].doc.text(first.claim.evidence).to_string(),
            predicate: first.claim.predicate.clone(),
            key: first.claim.key.clone(),
            modality: modality.to_string(),
            origins: origins(story, members.iter().map(|m| m.doc)),
            evidence: members
                .iter()
                .map(|m| evidence(story[m.doc].doc, m.claim.evidence))
                .collect(),
            only_flagged_sources: members.iter().all(|m| !story[m.doc].doc.flags.is_empty()),
        }
    }

    /// Conflicts and updates among aligned claims, slot by slot.
    fn disagreements(
        &self,
        claim_id: &str,
        claim_text: &str,
        story: &[StoryDoc<'_>],
        docs: &[&Doc],
        members: &[ClaimRef<'_>],
    ) -> (Vec<Conflict>, Vec<Update>) {
        let mut conflicts = Vec::new();
        let mut updates = Vec::new();
        for slot in [
            SlotKind::Date,
            SlotKind::Place,
            SlotKind::Number,
            SlotKind::Polarity,
        ] {
            // key (what a number counts) → value → the members giving it
            let mut stated: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
            let mut planned: BTreeMap<String, BTreeMap<String, Vec<usize>>> = BTreeMap::new();
            for (i, member) in members.iter().enumerate() {
                let target = if member.claim.modality == Modality::Planned {
                    &mut planned
                } else {
                    &mut stated
                };
                for (key, value) in values(member.claim, story[member.doc].doc, slot) {
                    target
                        .entry(key)
                        .or_default()
                        .entry(value)
                        .or_default()
                        .push(i);
                }
            }
            for (key, by_value) in &stated {
                let by_value = self.merge_equivalent(slot, by_value, docs);
                if by_value.len() >= 2 {
                    conflicts
                        .push(self.conflict(claim_id, claim_text, slot, &by_value, story, members));
                }
                // A plan that later reports state otherwise is an update. Only for
                // when something happens and whether it did: a plan's place or
                // numbers that differ are told apart from errors too unreliably.
                if matches!(slot, SlotKind::Date | SlotKind::Polarity)
                    && let Some(plans) = planned.get(key)
                {
                    let plans = self.merge_equivalent(slot, plans, docs);
                    if let Some(update) = self.update(
                        claim_id, claim_text, slot, &plans, &by_value, story, members,
                    ) {
                        updates.push(update);
                    }
                }
            }
        }
        (conflicts, updates)
    }

    /// Folds values that do not really differ (numbers within rounding, places of
    /// which one contains the other) into the best-supported of them.
    fn merge_equivalent(
        &self,
        slot: SlotKind,
        by_value: &BTreeMap<String, Vec<usize>>,
        docs: &[&Doc],
    ) -> Vec<(String, Vec<usize>)> {
        let mut values: Vec<(String, Vec<usize>)> = by_value
            .iter()
            .map(|(v, m)| (v.clone(), m.clone()))
            .collect();
        values.sort_by(|a, b| b.1.len().cmp(&a.1.len()).then(a.0.cmp(&b.0)));
        let mut merged: Vec<(String, Vec<usize>)> = Vec::new();
        for (value, members) in values {
            let same = merged.iter_mut().find(|(kept, _)| match slot {
                SlotKind::Place => places_compatible(kept, &value, docs),
                SlotKind::Number => numbers_equal(kept, &value, self.config.number_tolerance),
                SlotKind::Date | SlotKind::Polarity => *kept == value,
            });
            match same {
                Some((_, kept)) => kept.extend(members),
                None => merged.push((value, members)),
            }
        }
        merged
    }

    fn conflict(
        &self,
        claim_id: &str,
        claim_text: &str,
        slot: SlotKind,
        by_value: &[(String, Vec<usize>)],
        story: &[StoryDoc<'_>],
        members: &[ClaimRef<'_>],
    ) -> Conflict {
        let mut values: Vec<ConflictValue> = by_value
            .iter()
            .map(|(value, held_by)| conflict_value(value, held_by, story, members))
            .collect();
        values.sort_by(|a, b| b.origins.cmp(&a.origins).then(a.value.cmp(&b.value)));
        let sides: Vec<String> = values
            .iter()
            .map(|v| format!("{} ({})", v.value, sources(&v.evidence)))
            .collect();
        Conflict {
            id: String::new(),
            kind: slot.as_str().to_string(),
            claim: claim_id.to_string(),
            explanation: format!(
                "Reports disagree on {} for \u{201c}{}\u{201d}: {}.",
                slot.describe(),
                shorten(claim_text),
                sides.join(" vs ")
            ),
            values,
        }
    }

    #[allow(clippy::too_many_arguments)]
    fn update(
        &self,
        claim_id: &str,
        claim_text: &str,
        slot: SlotKind,
        plans: &[(String, Vec<usize>)],
        stated: &[(String, Vec<usize>)],
        story: &[StoryDoc<'_>],
        members: &[ClaimRef<'_>],
    ) -> Option<Update> {
        let (actual, actual_members) = stated.first()?;
        // The plan most reports gave that no report states as done: a plan some
        // report confirms is no update, and one that differs from what some
        // reports state is part of their conflict.
        let (plan, plan_members) = plans
            .iter()
            .find(|(value, _)| stated.iter().all(|(done, _)| done != value))?;
        // An update runs forward in time: the plan must not be reported after the outcome.
        let earliest_plan = plan_members
            .iter()
            .filter_map(|&i| published(story, members, i))
            .min();
        let latest_actual = actual_members
            .iter()
            .filter_map(|&i| published(story, members, i))
            .max();
        if let (Some(plan_day), Some(actual_day)) = (earliest_plan, latest_actual)
            && plan_day > actual_day
        {
            return None;
        }
        let planned = conflict_value(plan, plan_members, story, members);
        let actual = conflict_value(actual, actual_members, story, members);
        Some(Update {
            id: String::new(),
            kind: slot.as_str().to_string(),
            claim: claim_id.to_string(),
            explanation: format!(
                "\u{201c}{}\u{201d} was expected {} {} ({}) and later reported {} ({}).",
                shorten(claim_text),
                preposition(slot),
                planned.value,
                sources(&planned.evidence),
                actual.value,
                sources(&actual.evidence)
            ),
            planned,
            actual,
        })
    }
}

fn preposition(slot: SlotKind) -> &'static str {
    match slot {
        SlotKind::Date => "on",
        SlotKind::Place => "in",
        SlotKind::Number | SlotKind::Polarity => "as",
    }
}

fn published(
    story: &[StoryDoc<'_>],
    members: &[ClaimRef<'_>],
    i: usize,
) -> Option<jiff::civil::Date> {
    story[members[i].doc]
        .doc
        .article
        .published
        .as_ref()
        .map(|p| p.date())
}

fn numbers_equal(a: &str, b: &str, tolerance: f64) -> bool {
    let number = |s: &str| s.split(' ').next().and_then(|n| n.parse::<f64>().ok());
    match (number(a), number(b)) {
        (Some(x), Some(y)) => (x - y).abs() <= tolerance * x.abs().max(y.abs()),
        _ => a == b,
    }
}

fn timeline_entry(
    claim_id: &str,
    claim_text: &str,
    story: &[StoryDoc<'_>],
    members: &[ClaimRef<'_>],
    updated: bool,
) -> Option<TimelineEntry> {
    // The best-supported stated day, else the planned one.
    let mut days: BTreeMap<(bool, String), Vec<usize>> = BTreeMap::new();
    for (i, member) in members.iter().enumerate() {
        if let Some((_, day)) = values(member.claim, story[member.doc].doc, SlotKind::Date)
            .into_iter()
            .next()
        {
            let planned = member.claim.modality == Modality::Planned;
            days.entry((planned, day)).or_default().push(i);
        }
    }
    let ((planned, day), held_by) = days.into_iter().max_by(|a, b| {
        (!a.0.0, a.1.len())
            .cmp(&(!b.0.0, b.1.len()))
            .then(b.0.1.cmp(&a.0.1))
    })?;
    let cancelled = members
        .iter()
        .any(|m| CANCELLING.contains(&m.claim.predicate.as_str()));
    let status = if updated {
        "updated"
    } else if cancelled {
        "cancelled"
    } else if planned {
        "planned"
    } else {
        "reported"
    };
    Some(TimelineEntry {
        date: day,
        status: status.to_string(),
        text: claim_text.to_string(),
        claim: claim_id.to_string(),
        origins: origins(story, held_by.iter().map(|&i| members[i].doc)),
        evidence: held_by
            .iter()
            .map(|&i| member_evidence(story, members, i))
            .collect(),
    })
}

fn conflict_value(
    value: &str,
    held_by: &[usize],
    story: &[StoryDoc<'_>],
    members: &[ClaimRef<'_>],
) -> ConflictValue {
    ConflictValue {
        value: value.to_string(),
        origins: origins(story, held_by.iter().map(|&i| members[i].doc)),
        evidence: held_by
            .iter()
            .map(|&i| member_evidence(story, members, i))
            .collect(),
    }
}

fn member_evidence(story: &[StoryDoc<'_>], members: &[ClaimRef<'_>], i: usize) -> Evidence {
    let member = members[i];
    evidence(story[member.doc].doc, member.claim.evidence)
}

/// The evidence record for a span of a report's body.
pub fn evidence(doc: &Doc, span: Span) -> Evidence {
    Evidence {
        article: doc.article.id.to_string(),
        source: doc.article.source.clone(),
        start: span.start,
        end: span.end,
        text: doc.text(span).to_string(),
    }
}

/// Independent sources among these reports.
pub fn origins(story: &[StoryDoc<'_>], docs: impl Iterator<Item = usize>) -> usize {
    docs.map(|d| story[d].origin).collect::<BTreeSet<_>>().len()
}

fn majority<'s>(items: impl Iterator<Item = &'s str>) -> &'s str {
    let mut counts: BTreeMap<&str, usize> = BTreeMap::new();
    for item in items {
        *counts.entry(item).or_default() += 1;
    }
    // Ties go to the first in order (`asserted` before `planned`).
    counts
        .into_iter()
        .max_by(|a, b| a.1.cmp(&b.1).then(b.0.cmp(a.0)))
        .map_or("asserted", |(item, _)| item)
}

fn sources(evidence: &[Evidence]) -> String {
    let names: BTreeSet<&str> = evidence.iter().map(|e| e.source.as_str()).collect();
    names.into_iter().collect::<Vec<_>>().join(", ")
}

fn shorten(text: &str) -> String {
    const MOST: usize = 90;
    if text.chars().count() <= MOST {
        return text.trim_end_matches('.').to_string();
    }
    let cut: String = text.chars().take(MOST).collect();
    match cut.rfind(' ') {
        Some(at) => format!("{}…", &cut[..at]),
        None => format!("{cut}…"),
    }
}
