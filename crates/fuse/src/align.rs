//! Which claims state the same thing.

use std::collections::HashMap;

use crosscheck_core::Doc;
use crosscheck_core::layers::claim::Claim;

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

/// The heads of a claim's participants (subject, object and named people),
/// the slots that say *who and what* the claim is about.
pub fn argument_heads(claim: &Claim) -> Vec<String> {
    let mut heads: Vec<String> = claim
        .subject
        .iter()
        .chain(claim.object.iter())
        .chain(claim.participants.iter())
        .map(|a| fold(&a.head))
        .filter(|h| !h.is_empty() && !is_pronoun(h))
        .collect();
    heads.sort_unstable();
    heads.dedup();
    heads
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
    let shared_words = count_shared(words_a, words_b);
    let union = words_a.len() + words_b.len() - shared_words;
    let word_score = if union == 0 {
        0.0
    } else {
        shared_words as f32 / union as f32
    };
    0.6 * head_score + 0.4 * word_score
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

/// What the claim's verb acts on: the object of an active clause, the subject of
/// a passive one (`signed the accord` and `the accord was signed` share it).
pub fn patient(claim: &Claim) -> Option<String> {
    let argument = if claim.passive {
        claim.subject.as_ref()
    } else {
        claim.object.as_ref()
    };
    argument
        .map(|a| fold(&a.head))
        .filter(|h| !h.is_empty() && !is_pronoun(h))
}

/// Groups the claims that state the same thing. Claims are compared only with
/// claims of the same predicate, so the work grows with the story's size per
/// predicate, not with its square.
pub fn align<'a>(docs: &[&'a Doc], claims: &[ClaimRef<'a>], threshold: f32) -> Vec<Vec<usize>> {
    let heads: Vec<Vec<String>> = claims.iter().map(|c| argument_heads(c.claim)).collect();
    let words: Vec<Vec<String>> = claims
        .iter()
        .map(|c| content_words(docs[c.doc], c.claim))
        .collect();
    let patients: Vec<Option<String>> = claims.iter().map(|c| patient(c.claim)).collect();
    let mut by_predicate: HashMap<&str, Vec<usize>> = HashMap::new();
    for (i, c) in claims.iter().enumerate() {
        by_predicate
            .entry(c.claim.predicate.as_str())
            .or_default()
            .push(i);
    }
    let mut groups = UnionFind::new(claims.len());
    let mut predicates: Vec<_> = by_predicate.into_iter().collect();
    predicates.sort_unstable_by(|a, b| a.0.cmp(b.0));
    for (_, members) in predicates {
        for (n, &a) in members.iter().enumerate() {
            for &b in &members[n + 1..] {
                // The same act on the same thing within one story is one event,
                // however differently the reports name who did it (`Veloria and
                // Kestrand signed the accord`, `the accord was signed by Varga`).
                let same_act = patients[a].is_some() && patients[a] == patients[b];
                if same_act || similarity(&heads[a], &words[a], &heads[b], &words[b]) >= threshold {
                    groups.union(a, b);
                }
            }
        }
    }
    groups.groups()
}

/// Disjoint sets, for grouping aligned claims.
struct UnionFind {
    parent: Vec<usize>,
}

impl UnionFind {
    fn new(n: usize) -> Self {
        UnionFind {
            parent: (0..n).collect(),
        }
    }

    fn find(&mut self, mut x: usize) -> usize {
        while self.parent[x] != x {
            self.parent[x] = self.parent[self.parent[x]];
            x = self.parent[x];
        }
        x
    }

    fn union(&mut self, a: usize, b: usize) {
        let (ra, rb) = (self.find(a), self.find(b));
        if ra != rb {
            // The smaller index stays the root, so groups come out in claim order.
            let (keep, join) = if ra < rb { (ra, rb) } else { (rb, ra) };
            self.parent[join] = keep;
        }
    }

    /// Groups in order of their first member, members in order.
    fn groups(mut self) -> Vec<Vec<usize>> {
        let mut index: HashMap<usize, usize> = HashMap::new();
        let mut groups: Vec<Vec<usize>> = Vec::new();
        for x in 0..self.parent.len() {
            let root = self.find(x);
            let at = *index.entry(root).or_insert_with(|| {
                groups.push(Vec::new());
                groups.len() - 1
            });
            groups[at].push(x);
        }
        groups
    }
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
    fn folding_drops_case_and_diacritics() {
        assert_eq!(fold("Erdoğan"), "erdogan");
        assert_eq!(fold("Türkiye"), "turkiye");
    }
}
