//! Which claims state the same thing.

use std::collections::HashMap;

use crosscheck_core::Doc;
use crosscheck_core::layers::claim::{Argument, Claim, Modality};

/// A claim of one report of the story.
#[derive(Debug, Clone, Copy)]
pub struct ClaimRef<'a> {
    /// Index of the report in the story.
    pub doc: usize,
    /// The claim.
    pub claim: &'a Claim,
}

/// Words too common to say two claims are about the same thing.
const STOP_WORDS: &[&str] = &[
    "the", "a", "an", "of", "to", "in", "on", "at", "for", "and", "or", "but", "with", "by",
    "from", "as", "that", "this", "these", "those", "is", "was", "were", "are", "be", "been",
    "will", "would", "has", "have", "had", "it", "its", "he", "she", "they", "his", "her", "their",
    "said", "says", "after", "before", "about", "not", "also", "which", "who", "than", "then",
    "there", "into", "over", "more", "most",
];

/// The content words of a claim's evidence, lowercased, for a wording overlap.
pub fn content_words(doc: &Doc, claim: &Claim) -> Vec<String> {
    let mut words: Vec<String> = doc
        .text(claim.evidence)
        .split(|c: char| !c.is_alphanumeric())
        .filter(|w| w.len() > 2)
        .map(str::to_lowercase)
        .filter(|w| !STOP_WORDS.contains(&w.as_str()))
        .collect();
    words.sort_unstable();
    words.dedup();
    words
}

/// The keys of a claim's participants (subject, object and named people), the
/// slots that say *who and what* the claim is about: a story entity's id where the
/// argument names or resolves to one (so `Zelensky` and `Zelenskyy` are one key),
/// else its folded head noun; pronouns nobody resolved are left out.
pub fn argument_keys(claim: &Claim, entity_ids: &[Option<String>]) -> Vec<String> {
    let mut keys: Vec<String> = claim
        .subject
        .iter()
        .chain(claim.object.iter())
        .chain(claim.participants.iter())
        .filter_map(|a| argument_key(a, entity_ids))
        .collect();
    keys.sort_unstable();
    keys.dedup();
    keys
}

/// One argument's key (see [`argument_keys`]).
pub fn argument_key(argument: &Argument, entity_ids: &[Option<String>]) -> Option<String> {
    let entity = argument
        .entity
        .and_then(|i| entity_ids.get(i as usize))
        .and_then(Clone::clone);
    entity.or_else(|| {
        let head = fold(&argument.head);
        (!head.is_empty() && !is_pronoun(&head)).then(|| event_noun(head))
    })
}

/// Reports name one round of talks with many nouns; they are one key.
fn event_noun(head: String) -> String {
    match head.as_str() {
        "talk" | "talks" | "negotiation" | "discussion" | "conversation" => "talks".to_string(),
        _ => head,
    }
}

fn is_pronoun(word: &str) -> bool {
    matches!(
        word,
        "he" | "she" | "they" | "it" | "we" | "i" | "you" | "them" | "him" | "this" | "that"
    )
}

/// Lowercase with diacritics dropped, so `Erdoğan` and `Erdogan` compare equal.
pub fn fold(text: &str) -> String {
    text.chars()
        .flat_map(char::to_lowercase)
        .map(|c| match c {
            'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' | 'ā' | 'ă' => 'a',
            'ç' | 'ć' | 'č' => 'c',
            'è' | 'é' | 'ê' | 'ë' | 'ē' | 'ę' | 'ě' => 'e',
            'ì' | 'í' | 'î' | 'ï' | 'ı' | 'ī' => 'i',
            'ñ' | 'ń' | 'ň' => 'n',
            'ò' | 'ó' | 'ô' | 'õ' | 'ö' | 'ø' | 'ō' | 'ő' => 'o',
            'ù' | 'ú' | 'û' | 'ü' | 'ū' | 'ů' | 'ű' => 'u',
            'ý' | 'ÿ' => 'y',
            'ş' | 'ś' | 'š' | 'ș' => 's',
            'ğ' => 'g',
            'ž' | 'ź' | 'ż' => 'z',
            'ł' => 'l',
            'ř' => 'r',
            'ț' | 'ť' => 't',
            'đ' | 'ď' => 'd',
            other => other,
        })
        .collect()
}

/// How alike two claims are, from 0 to 1: the same predicate is required; then
/// shared participants weigh most and shared wording the rest.
pub fn similarity(
    heads_a: &[String],
    words_a: &[String],
    heads_b: &[String],
    words_b: &[String],
) -> f32 {
    let shared_heads = count_shared(heads_a, heads_b);
    let head_score = match heads_a.len().min(heads_b.len()) {
        0 => 0.0,
        fewest => shared_heads as f32 / fewest as f32,
    };
    0.6 * head_score + 0.4 * word_overlap(words_a, words_b)
}

/// True for a story entity's id (`per:vladimir-putin`) rather than a head noun.
fn is_entity_key(key: &str) -> bool {
    key.contains(':')
}

/// The Jaccard overlap of two sorted word lists.
fn word_overlap(a: &[String], b: &[String]) -> f32 {
    let shared = count_shared(a, b);
    let union = a.len() + b.len() - shared;
    if union == 0 {
        0.0
    } else {
        shared as f32 / union as f32
    }
}

/// Shared items of two sorted, deduplicated lists.
fn count_shared(a: &[String], b: &[String]) -> usize {
    let (mut i, mut j, mut shared) = (0, 0, 0);
    while i < a.len() && j < b.len() {
        match a[i].cmp(&b[j]) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                shared += 1;
                i += 1;
                j += 1;
            }
        }
    }
    shared
}

/// Who acts: the subject of an active clause (a passive one's agent is not a
/// slot of its own, so it is unknown here).
pub fn agent(claim: &Claim, entity_ids: &[Option<String>]) -> Option<String> {
    if claim.passive {
        return None;
    }
    claim
        .subject
        .as_ref()
        .and_then(|a| argument_key(a, entity_ids))
}

/// What the claim's verb acts on: the object of an active clause, the subject of
/// a passive one (`signed the accord` and `the accord was signed` share it).
pub fn patient(claim: &Claim, entity_ids: &[Option<String>]) -> Option<String> {
    let argument = if claim.passive {
        claim.subject.as_ref()
    } else {
        claim.object.as_ref()
    };
    argument.and_then(|a| argument_key(a, entity_ids))
}

/// What alignment knows of one claim.
struct Profile {
    doc: usize,
    agent: Option<String>,
    patient: Option<String>,
    keys: Vec<String>,
    words: Vec<String>,
    /// The normalised date value the claim states, if any.
    date: Option<String>,
    /// Where, as written (folded), if stated.
    place: Option<String>,
    /// The claim denies the act.
    negated: bool,
    /// Planned or expected rather than stated as done.
    planned: bool,
    /// The day its report was published (`YYYY-MM-DD`), if known.
    published: Option<String>,
}

impl Profile {
    /// Two claims can state the same thing only when they come from different
    /// reports (a report repeating itself is not corroboration) and nothing they
    /// both name differs: not who acted, not what was acted on. A copula (`X is
    /// ready`) says nothing about a shared event, so it needs the same subject.
    fn compatible(&self, other: &Profile, copula: bool) -> bool {
        let differ =
            |a: &Option<String>, b: &Option<String>| matches!((a, b), (Some(x), Some(y)) if x != y);
        // Two named things differ for sure; two head nouns (`talks`,
        // `conversations`) may be one thing in other words.
        let named_differ = differ(&self.patient, &other.patient)
            && self.patient.as_deref().is_some_and(is_entity_key)
            && other.patient.as_deref().is_some_and(is_entity_key);
        // Different actors, unless one report names the other's actor among its
        // participants (`the representatives of Veloria and Kestrand signed`,
        // `Veloria and Kestrand signed`).
        let mentions = |p: &Profile, key: &Option<String>| {
            key.as_ref()
                .is_some_and(|k| p.keys.binary_search(k).is_ok() || p.names_noun(k))
        };
        let agents_differ = differ(&self.agent, &other.agent)
            && !mentions(self, &other.agent)
            && !mentions(other, &self.agent);
        if self.doc == other.doc || agents_differ || named_differ {
            return false;
        }
        // A plan comes true after it was reported: an act stated as done on a
        // day before the planning report (`last took place in March 2022`) is
        // an earlier event, not the plan's outcome.
        if self.done_before_plan(other) || other.done_before_plan(self) {
            return false;
        }
        !copula || (self.agent.is_some() && self.agent == other.agent)
    }

    /// True when `self` is stated as done on a day (or month, or year) before
    /// `plan`'s report was published.
    fn done_before_plan(&self, plan: &Profile) -> bool {
        if self.planned || !plan.planned {
            return false;
        }
        let (Some(done), Some(published)) =
            (self.date.as_deref().and_then(dated_part), &plan.published)
        else {
            return false;
        };
        published.get(..done.len()).is_some_and(|p| done < p)
    }

    /// True when the claim's wording has the head noun `key` (`the team of
    /// negotiators` has `negotiator`); entity ids never match words.
    fn names_noun(&self, key: &str) -> bool {
        !is_entity_key(key) && self.words.iter().any(|w| w.starts_with(key))
    }

    /// Who acts is one party in both, in other words: the same agent, or one
    /// report's actor named inside the other's (`the team of negotiators`,
    /// `negotiators`).
    fn same_actor(&self, other: &Profile) -> bool {
        match (&self.agent, &other.agent) {
            (Some(a), Some(b)) => a == b || self.names_noun(b) || other.names_noun(a),
            _ => false,
        }
    }

    /// How alike, 0–1: the same act on the same thing counts as one event
    /// however differently the reports word it (`the accord was signed in
    /// Brenmoor`, `Veloria and Kestrand signed the accord`).
    fn similarity(&self, other: &Profile) -> f32 {
        let mut alike = similarity(&self.keys, &self.words, &other.keys, &other.words);
        // The same act on the same stated day is most likely one event, even
        // when the reports name its object differently (`deal`, `accord`).
        if self.date.is_some() && self.date == other.date {
            alike += 0.35;
        }
        // The same actor doing the same act in the same place is one event,
        // whatever day each report gives it (that is what a conflict is).
        if self.place.is_some() && self.place == other.place && self.same_actor(other) {
            alike = alike.max(0.6 + 0.4 * word_overlap(&self.words, &other.words));
        }
        let alike = alike.min(1.0);
        match (&self.patient, &other.patient) {
            (Some(a), Some(b)) if a == b && is_entity_key(a) => 1.0,
            // A shared head noun (`accord`) counts for much, not all: light
            // verbs (`take place`) share theirs by idiom.
            (Some(a), Some(b)) if a == b => {
                (0.5 + 0.5 * word_overlap(&self.words, &other.words)).max(alike)
            }
            _ => alike,
        }
    }
}

/// Groups the claims that state the same thing.
///
/// Claims are taken in order; each joins the group of its predicate it is most
/// alike on average, provided it is compatible with *every* member (complete
/// linkage: a chain of loosely similar claims never becomes one group) and its
/// report has no claim there yet; else it starts a group. Claims are compared only
/// with claims of the same predicate, so the work grows with the story's size per
/// predicate, not with its square.
pub fn align<'a>(
    docs: &[&'a Doc],
    entity_ids: &[&[Option<String>]],
    claims: &[ClaimRef<'a>],
    threshold: f32,
) -> Vec<Vec<usize>> {
    let ids = |doc: usize| entity_ids.get(doc).copied().unwrap_or(&[]);
    let profiles: Vec<Profile> = claims
        .iter()
        .map(|c| Profile {
            doc: c.doc,
            agent: agent(c.claim, ids(c.doc)),
            patient: patient(c.claim, ids(c.doc)),
            keys: argument_keys(c.claim, ids(c.doc)),
            words: content_words(docs[c.doc], c.claim),
            date: c.claim.date.as_ref().and_then(|d| d.value.clone()),
            place: c
                .claim
                .place
                .as_ref()
                .map(|p| fold(docs[c.doc].text(p.span).trim())),
            negated: c.claim.negated,
            planned: c.claim.modality == Modality::Planned,
            published: docs[c.doc]
                .article
                .published
                .as_ref()
                .map(|p| p.date().to_string()),
        })
        .collect();
    let mut groups: Vec<Vec<usize>> = Vec::new();
    let mut by_predicate: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        let predicate = c.claim.predicate.as_str();
        let copula = predicate == "be";
        let candidates = by_predicate.entry(predicate).or_default();
        let best = candidates
            .iter()
            .filter(|&&g| {
                groups[g]
                    .iter()
                    .all(|&m| profiles[m].compatible(&profiles[i], copula))
            })
            .map(|&g| {
                let total: f32 = groups[g]
                    .iter()
                    .map(|&m| profiles[m].similarity(&profiles[i]))
                    .sum();
                (g, total / groups[g].len() as f32)
            })
            .filter(|&(_, score)| score >= threshold)
            .max_by(|a, b| a.1.total_cmp(&b.1));
        match best {
            Some((g, _)) => groups[g].push(i),
            None => {
                candidates.push(groups.len());
                groups.push(vec![i]);
            }
        }
    }
    merge_same_events(&profiles, groups)
}

impl Profile {
    /// Who (a named entity), where and on which day: claims of any predicate
    /// that share all three tell of one event (`met Erdogan in Ankara on
    /// Thursday`, `arrived in Ankara on Thursday to meet Erdogan`). Denials are
    /// left out, since a denial of one act says nothing against another.
    fn event(&self) -> Option<(&str, &str, &str)> {
        let agent = self.agent.as_deref().filter(|a| is_entity_key(a))?;
        let place = self.place.as_deref()?;
        let day = self.date.as_deref().and_then(crate::slots::calendar_day)?;
        (!self.negated).then_some((agent, place, day))
    }
}

/// The calendar part of a TIMEX3 value (`2022-03` of `2022-03`, `2025-05-15`
/// of `2025-05-15TMO`); none for values without a year (`PAST_REF`, `XXXX-05`).
fn dated_part(value: &str) -> Option<&str> {
    let bytes = value.as_bytes();
    let mut end = 0;
    for (i, b) in bytes.iter().enumerate().take(10) {
        let fits = match i {
            4 | 7 => *b == b'-',
            _ => b.is_ascii_digit(),
        };
        if !fits {
            break;
        }
        end = i + 1;
    }
    // A year, a month or a day, never a dangling dash.
    matches!(end, 4 | 7 | 10).then(|| &value[..end])
}

/// Joins groups of different predicates whose claims all tell of the same
/// event (see [`Profile::event`]), when no report is in both.
fn merge_same_events(profiles: &[Profile], groups: Vec<Vec<usize>>) -> Vec<Vec<usize>> {
    let event_of = |group: &[usize]| {
        let first = profiles[*group.first()?].event()?;
        group
            .iter()
            .all(|&m| profiles[m].event() == Some(first))
            .then_some(first)
    };
    let mut merged: Vec<Vec<usize>> = Vec::with_capacity(groups.len());
    let mut by_event: HashMap<(&str, &str, &str), usize> = HashMap::new();
    for group in groups {
        let home = event_of(&group).and_then(|event| match by_event.get(&event) {
            Some(&at) => Some(at),
            None => {
                by_event.insert(event, merged.len());
                None
            }
        });
        match home {
            Some(at)
                if group.iter().all(|&m| {
                    merged[at]
                        .iter()
                        .all(|&k| profiles[k].doc != profiles[m].doc)
                }) =>
            {
                merged[at].extend(group);
            }
            _ => merged.push(group),
        }
    }
    merged
}

#[cfg(test)]
mod tests {
    use super::*;

    fn strings(items: &[&str]) -> Vec<String> {
        items.iter().map(|s| s.to_string()).collect()
    }

    #[test]
    fn shared_participants_and_words_make_claims_alike() {
        let same = similarity(
            &strings(&["accord", "kestrand", "veloria"]),
            &strings(&["accord", "kestrand", "signed", "veloria"]),
            &strings(&["accord", "kestrand", "veloria"]),
            &strings(&["accord", "brenmoor", "kestrand", "signed", "veloria"]),
        );
        let different = similarity(
            &strings(&["budget"]),
            &strings(&["budget", "commission"]),
            &strings(&["accord", "veloria"]),
            &strings(&["accord", "veloria", "signed"]),
        );
        assert!(same > 0.8, "{same}");
        assert!(different < 0.2, "{different}");
    }

    #[test]
    fn the_calendar_part_of_a_value() {
        assert_eq!(dated_part("2022-03"), Some("2022-03"));
        assert_eq!(dated_part("2025-05-15TMO"), Some("2025-05-15"));
        assert_eq!(dated_part("1998"), Some("1998"));
        assert_eq!(dated_part("PAST_REF"), None);
        assert_eq!(dated_part("XXXX-05"), None);
        assert_eq!(dated_part("199"), None);
    }

    #[test]
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Türkiye"), "turkiye");
    }
}
