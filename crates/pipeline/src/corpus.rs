//! The corpus stage: copies and stories over all analysed articles, then fusion
//! inside each story.

use std::collections::BTreeMap;

use crosscheck_core::layers::entity::EntityKind;
use crosscheck_core::{Doc, SegmentKind, Span};

use crosscheck_core::dossier::{Dossier, DossierStory, Evidence, StoryEntity};
use crosscheck_entities::{DocEntities, EntityResolver};
use crosscheck_fuse::{FuseConfig, FusedStory, Fuser, StoryDoc};
use crosscheck_stories::{StoriesConfig, StoryIndex};
use rayon::prelude::*;

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
    // Stories are fused independently: in parallel on the current rayon pool
    // (the pipeline's, under `Pipeline::install`), in the input's order.
    dossier.stories = view
        .stories
        .par_iter()
        .enumerate()
        .map(|(n, members)| {
            let local: Vec<DocEntities> = members
                .iter()
                .map(|&i| DocEntities::build(&docs[i]))
                .collect();
            let pairs: Vec<(&Doc, &DocEntities)> =
                members.iter().map(|&i| &docs[i]).zip(&local).collect();
            let entities = resolver.resolve_with(&pairs);
            let speakers: Vec<Vec<Option<String>>> = pairs
                .iter()
                .map(|(doc, de)| quote_speakers(doc, de, &entities))
                .collect();
            let entity_ids: Vec<Vec<Option<String>>> = pairs
                .iter()
                .map(|(doc, de)| story_entity_ids(doc, de, &entities))
                .collect();
            let story: Vec<StoryDoc<'_>> = members
                .iter()
                .zip(speakers.iter().zip(&entity_ids))
                .map(|(&i, (speakers, entity_ids))| StoryDoc {
                    doc: &docs[i],
                    origin: view.origin[i] as u32,
                    speakers,
                    entity_ids,
                })
                .collect();
            let fused = fuser.fuse(&story);
            DossierStory {
                id: format!("s{}", n + 1),
                title: story_title(docs, members, &fused),
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

/// The person a quote's source names: in `Velorian Foreign Minister Ilse
/// Varga` the speaker is Varga, not the country her title names.
fn speaker_in(entities: &DocEntities, source: Span) -> Option<u32> {
    entities
        .mentions
        .iter()
        .skip_while(|m| m.span.end <= source.start)
        .take_while(|m| m.span.start < source.end)
        .find(|m| m.kind == EntityKind::Per)
        .and_then(|m| m.entity)
}

/// For each of the report's tagged mentions, the id of the story entity it names:
/// its entity in the report, found among the story's entities by the article and
/// a shared name form.
fn story_entity_ids(doc: &Doc, local: &DocEntities, story: &[StoryEntity]) -> Vec<Option<String>> {
    let article = doc.article.id.to_string();
    let local_ids: Vec<Option<&str>> = local
        .entities
        .iter()
        .map(|entity| {
            story
                .iter()
                .find(|s| {
                    s.articles.contains(&article)
                        && s.aliases
                            .iter()
                            .any(|a| a.eq_ignore_ascii_case(&entity.name))
                })
                .map(|s| s.id.as_str())
        })
        .collect();
    doc.entities
        .iter()
        .map(|mention| {
            local
                .entity_at(mention.span)
                .and_then(|e| local_ids.get(e as usize).copied().flatten())
                .map(str::to_string)
        })
        .collect()
}

/// Each quote's speaker as the story entity's name: the entity its source
/// names, or for a pronoun the person it refers to when that is clear. The
/// story's name is used so `Zelenskyy` in one report and `Zelensky` in another
/// are one speaker.
fn quote_speakers(doc: &Doc, local: &DocEntities, story: &[StoryEntity]) -> Vec<Option<String>> {
    let article = doc.article.id.to_string();
    doc.quotes
        .iter()
        .map(|quote| {
            let source = quote.source?;
            let entity = speaker_in(local, source)
                .or_else(|| local.entity_at(source))
                .or_else(|| local.resolve_pronoun(doc, source.start))?;
            let name = &local.entities.get(entity as usize)?.name;
            let in_story = story.iter().find(|s| {
                s.articles.contains(&article)
                    && s.aliases.iter().any(|a| a.eq_ignore_ascii_case(name))
            });
            Some(in_story.map_or_else(|| name.clone(), |s| s.name.clone()))
        })
        .collect()
}

/// The headline of the report most central to the story (the one stating most
/// of the claims that several sources corroborate, less those where it stands on
/// the minority side of a conflict, as a headline may carry its error; the
/// earliest among equals), else the start of its first report's first sentence.
fn story_title(docs: &[Doc], members: &[usize], fused: &FusedStory) -> String {
    let central = |doc: &Doc| {
        let states = |evidence: &[Evidence]| evidence.iter().any(|e| e.article == doc.article.id.0);
        let corroborated = fused
            .claims
            .iter()
            .filter(|c| c.origins >= 2 && states(&c.evidence))
            .count() as i64;
        // Values are sorted best-supported first.
        let minority = fused
            .conflicts
            .iter()
            .flat_map(|c| c.values.iter().skip(1))
            .filter(|v| states(&v.evidence))
            .count() as i64;
        corroborated - 2 * minority
    };
    members
        .iter()
        .filter_map(|&i| headline(&docs[i]).map(|title| (i, title)))
        .max_by(|(a, _), (b, _)| central(&docs[*a]).cmp(&central(&docs[*b])).then(b.cmp(a)))
        .map(|(_, title)| title)
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

/// A report's headline: its title, else a heading that opens the text (plain
/// text files carry their headline as a first line of their own).
fn headline(doc: &Doc) -> Option<String> {
    doc.article.title.clone().or_else(|| {
        doc.segments
            .first()
            .filter(|segment| segment.kind == SegmentKind::Heading)
            .map(|segment| doc.text(segment.span).trim().to_string())
            .filter(|title| !title.is_empty())
    })
}
