//! The corpus stage: copies and stories over all analysed articles, then fusion
//! inside each story.

use std::collections::BTreeMap;

use crosscheck_core::Doc;
use crosscheck_core::dossier::{Dossier, DossierStory, StoryClaim};
use crosscheck_entities::{DocEntities, EntityResolver};
use crosscheck_fuse::{FuseConfig, Fuser, StoryDoc};
use crosscheck_stories::{StoriesConfig, StoryIndex};

/// Where each article went in the corpus stage.
#[derive(Debug, Clone, Default)]
pub struct CorpusView {
    /// For each doc (input order): the doc it reprints, when it is a copy.
    pub duplicate_of: Vec<Option<usize>>,
    /// For each doc: its origin (the first doc of its copy group).
    pub origin: Vec<usize>,
    /// Stories, each a list of docs in publication order; in order of their
    /// first article's input position.
    pub stories: Vec<Vec<usize>>,
}

/// Finds copies and stories among `docs`. Articles go into the story index in
/// publication order (undated ones last, in input order), as they would arrive.
pub fn group(
    docs: &[Doc],
    config: &StoriesConfig,
) -> Result<CorpusView, crosscheck_stories::Error> {
    let mut index: StoryIndex = config.clone().build()?;
    let mut order: Vec<usize> = (0..docs.len()).collect();
    order.sort_by_key(|&i| {
        (
            docs[i]
                .article
                .published
                .as_ref()
                .map(|p| p.date())
                .is_none(),
            published_key(&docs[i]),
            i,
        )
    });

    let by_id: BTreeMap<&str, usize> = docs
        .iter()
        .enumerate()
        .map(|(i, d)| (d.article.id.0.as_str(), i))
        .collect();
    let mut seq_to_doc = Vec::with_capacity(docs.len());
    let mut duplicate_of = vec![None; docs.len()];
    for &i in &order {
        let assignment = index.add(&docs[i]);
        seq_to_doc.push(i);
        duplicate_of[i] = assignment
            .duplicate_of
            .as_ref()
            .and_then(|id| by_id.get(id.0.as_str()).copied())
            .filter(|&original| original != i);
    }
    let origin: Vec<usize> = (0..docs.len())
        .map(|i| {
            // Follow the copy chain to its start; chains are short and acyclic
            // (a copy always points at an earlier article), but stay bounded.
            let mut at = i;
            for _ in 0..docs.len() {
                match duplicate_of[at] {
                    Some(next) if next != at => at = next,
                    _ => break,
                }
            }
            at
        })
        .collect();

    let mut stories: BTreeMap<u32, Vec<usize>> = BTreeMap::new();
    for (seq, &doc) in seq_to_doc.iter().enumerate() {
        if let Some(story) = index.story_of(seq as u32) {
            stories.entry(index.resolve(story).0).or_default().push(doc);
        }
    }
    let mut stories: Vec<Vec<usize>> = stories.into_values().collect();
    stories.sort_by_key(|members| members.iter().min().copied());
    Ok(CorpusView {
        duplicate_of,
        origin,
        stories,
    })
}

fn published_key(doc: &Doc) -> String {
    doc.article
        .published
        .as_ref()
        .map(|p| p.to_string())
        .unwrap_or_default()
}

/// The dossier of analysed docs: articles with their copies marked, and stories
/// with their fused claims, conflicts, updates, quotes and timeline.
pub fn dossier(docs: &[Doc], view: &CorpusView, fuse: &FuseConfig) -> Dossier {
    let mut dossier = Dossier::from_docs(docs);
    for (article, original) in dossier.articles.iter_mut().zip(&view.duplicate_of) {
        article.duplicate_of = original.map(|o| docs[o].article.id.to_string());
    }
    let fuser = Fuser::new(fuse.clone());
    let resolver = EntityResolver::new();
    dossier.stories = view
        .stories
        .iter()
        .enumerate()
        .map(|(n, members)| {
            let local: Vec<DocEntities> = members
                .iter()
                .map(|&i| DocEntities::build(&docs[i]))
                .collect();
            let speakers: Vec<Vec<Option<String>>> = members
                .iter()
                .zip(&local)
                .map(|(&i, entities)| quote_speakers(&docs[i], entities))
                .collect();
            let story: Vec<StoryDoc<'_>> = members
                .iter()
                .zip(&speakers)
                .map(|(&i, speakers)| StoryDoc {
                    doc: &docs[i],
                    origin: view.origin[i] as u32,
                    speakers,
                })
                .collect();
            let pairs: Vec<(&Doc, &DocEntities)> =
                members.iter().map(|&i| &docs[i]).zip(&local).collect();
            let entities = resolver.resolve_with(&pairs);
            let fused = fuser.fuse(&story);
            DossierStory {
                id: format!("s{}", n + 1),
                title: story_title(docs, members, &fused.claims),
                articles: members
                    .iter()
                    .map(|&i| docs[i].article.id.to_string())
                    .collect(),
                origins: members
                    .iter()
                    .map(|&i| view.origin[i])
                    .collect::<std::collections::BTreeSet<_>>()
                    .len(),
                entities,
                timeline: fused.timeline,
                quotes: fused.quotes,
                claims: fused.claims,
                conflicts: fused.conflicts,
                updates: fused.updates,
            }
        })
        .collect();
    dossier
}

/// Each quote's speaker as an entity name: the entity its source names, or for a
/// pronoun the person it refers to when that is clear.
fn quote_speakers(doc: &Doc, entities: &DocEntities) -> Vec<Option<String>> {
    doc.quotes
        .iter()
        .map(|quote| {
            let source = quote.source?;
            let entity = entities
                .entity_at(source)
                .or_else(|| entities.resolve_pronoun(doc, source.start))?;
            entities
                .entities
                .get(entity as usize)
                .map(|e| e.name.clone())
        })
        .collect()
}

/// The headline of the report most central to the story (the one stating most
/// of the claims that several sources corroborate; the earliest among equals),
/// else the start of its first report's first sentence.
fn story_title(docs: &[Doc], members: &[usize], claims: &[StoryClaim]) -> String {
    let central = |doc: &Doc| {
        claims
            .iter()
            .filter(|c| c.origins >= 2 && c.evidence.iter().any(|e| e.article == doc.article.id.0))
            .count()
    };
    members
        .iter()
        .filter(|&&i| docs[i].article.title.is_some())
        .max_by(|&&a, &&b| central(&docs[a]).cmp(&central(&docs[b])).then(b.cmp(&a)))
        .and_then(|&i| docs[i].article.title.clone())
        .or_else(|| {
            members.first().and_then(|&i| {
                let doc = &docs[i];
                doc.sentences
                    .iter()
                    .find(|s| {
                        doc.segments
                            .get(s.segment as usize)
                            .is_some_and(|seg| seg.kind.is_report())
                    })
                    .map(|s| doc.text(s.span).chars().take(100).collect())
            })
        })
        .unwrap_or_else(|| "(untitled story)".to_string())
}
