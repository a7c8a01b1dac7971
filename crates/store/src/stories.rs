//! Keeping the stored stories up to date as articles arrive.
//!
//! The story index (crosscheck-stories) is saved in the store between runs. Each
//! step loads the articles the index does not hold yet, adds them in time order,
//! rebuilds the dossier of every story they touched, and writes index state,
//! stories and "these articles are indexed" in one transaction
//! ([`ArticleStore::commit_stories`]). A run killed anywhere leaves the stories as
//! the last committed step left them, with the rest of the articles still pending
//! for the next run.

use std::collections::{BTreeMap, BTreeSet, HashMap};

use crosscheck_core::{ArticleId, Doc};
use crosscheck_pipeline::{Analysis, CorpusView, Pipeline};
use crosscheck_stories::{StoriesConfig, StoryId, StoryIndex};
use serde::{Deserialize, Serialize};

use crate::model::{PendingArticle, StoryCommit, StoryRecord};
use crate::{ArticleStore, Result};

/// The key the story index is saved under ([`ArticleStore::put_state`]).
pub const STORY_INDEX_KEY: &str = "stories/index";

/// What a call of [`update_stories`] did.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoriesReport {
    /// Articles added to the story index.
    pub indexed: u64,
    /// Stories created or changed (stored again with a new dossier).
    pub updated: u64,
    /// Stories removed because they were merged into another.
    pub removed: u64,
    /// The stories created or changed, in order of id, each once.
    pub changed: Vec<StoryChange>,
}

/// A story [`update_stories`] created or changed.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct StoryChange {
    /// Its id (unchanged as it grows).
    pub id: String,
    /// Its title now.
    pub title: String,
    /// Its articles now.
    pub articles: u64,
    /// Articles that joined it in this update.
    pub joined: u64,
}

/// Adds every pending article (stored, not yet in the story index) to the saved
/// story index, oldest first, `step` articles per transaction, and stores the
/// stories they touch with fresh dossiers. Stories merged away are removed.
///
/// Each story keeps the id the index gave it (`s<number>`) for as long as it
/// lives, however many articles join it later.
pub fn update_stories(
    store: &mut dyn ArticleStore,
    pipeline: &Pipeline,
    config: &StoriesConfig,
    step: usize,
) -> Result<StoriesReport> {
    let mut report = StoriesReport::default();
    let mut pending = store.stories_pending()?;
    if pending.is_empty() {
        return Ok(report);
    }
    // Articles arrive in publication order, undated ones last (as the corpus stage
    // orders them); the stored order breaks ties.
    pending.sort_by_cached_key(|p: &PendingArticle| {
        (
            p.published.is_none(),
            p.published.as_ref().map(|d| d.to_string()),
        )
    });
    let mut changed: BTreeMap<StoryId, StoryChange> = BTreeMap::new();
    let mut index = match store.get_state(STORY_INDEX_KEY)? {
        Some(bytes) => StoryIndex::from_bytes(&bytes, config.clone())?,
        None => config.clone().build()?,
    };
    for chunk in pending.chunks(step.max(1)) {
        let mut loaded: HashMap<ArticleId, Doc> = HashMap::with_capacity(chunk.len());
        let mut touched: BTreeSet<StoryId> = BTreeSet::new();
        let mut merged: BTreeSet<StoryId> = BTreeSet::new();
        let mut joined: Vec<StoryId> = Vec::with_capacity(chunk.len());
        let mut indexed = Vec::with_capacity(chunk.len());
        for item in chunk {
            // Gone since it was listed (deleted by hand): nothing to index.
            let Some(doc) = store.get(&item.id)? else {
                continue;
            };
            let assignment = index.add(&doc);
            touched.insert(assignment.story);
            joined.push(assignment.story);
            merged.extend(assignment.merged);
            indexed.push(item.id.clone());
            loaded.insert(item.id.clone(), doc);
        }
        // A story touched early in the step may have been merged later in it.
        let live: BTreeSet<StoryId> = touched.iter().map(|&s| index.resolve(s)).collect();
        let delete: Vec<String> = merged
            .iter()
            .filter(|s| !live.contains(s))
            .map(ToString::to_string)
            .collect();
        let mut put = Vec::with_capacity(live.len());
        for &story in &live {
            put.push(story_record(store, pipeline, &index, story, &mut loaded)?);
        }
        // What the caller hears: merged-away stories fold into the one they joined.
        for old in merged.iter().filter(|s| !live.contains(s)) {
            if let Some(gone) = changed.remove(old) {
                let into = index.resolve(*old);
                let entry = changed.entry(into).or_insert_with(|| StoryChange {
                    id: into.to_string(),
                    title: String::new(),
                    articles: 0,
                    joined: 0,
                });
                entry.joined += gone.joined;
            }
        }
        for story in joined {
            let story = index.resolve(story);
            changed
                .entry(story)
                .or_insert_with(|| StoryChange {
                    id: story.to_string(),
                    title: String::new(),
                    articles: 0,
                    joined: 0,
                })
                .joined += 1;
        }
        for (&story, record) in live.iter().zip(&put) {
            if let Some(entry) = changed.get_mut(&story) {
                entry.title = record.title.clone();
                entry.articles = record.article_ids.len() as u64;
            }
        }
        let state = index.to_bytes();
        store.commit_stories(&StoryCommit {
            state_key: STORY_INDEX_KEY,
            state: &state,
            put: &put,
            delete: &delete,
            indexed: &indexed,
        })?;
        report.indexed += indexed.len() as u64;
        report.updated += put.len() as u64;
        report.removed += delete.len() as u64;
    }
    report.changed = changed.into_values().collect();
    Ok(report)
}

/// The stored form of one story of the index: its articles (in the order they
/// joined) and its dossier, built by the pipeline's corpus stage from the stored
/// analyses. Docs already in `loaded` are used from there; the others are read
/// from the store (and added to it). Reports with no date take their story's, as
/// in `analyze`, so their weekdays become calendar days in the dossier.
pub fn story_record(
    store: &mut dyn ArticleStore,
    pipeline: &Pipeline,
    index: &StoryIndex,
    story: StoryId,
    loaded: &mut HashMap<ArticleId, Doc>,
) -> Result<StoryRecord> {
    let members = index.members(story);
    let mut seqs = Vec::with_capacity(members.len());
    let mut docs = Vec::with_capacity(members.len());
    for &seq in members {
        let Some(id) = index.article(seq) else {
            continue;
        };
        let doc = match loaded.get(id) {
            Some(doc) => doc.clone(),
            None => match store.get(id)? {
                Some(doc) => {
                    loaded.insert(id.clone(), doc.clone());
                    doc
                }
                // An article removed from the store after it was indexed.
                None => continue,
            },
        };
        seqs.push(seq);
        docs.push(doc);
    }
    let position: HashMap<u32, usize> = seqs.iter().enumerate().map(|(i, &s)| (s, i)).collect();
    let duplicate_of: Vec<Option<usize>> = seqs
        .iter()
        .map(|&seq| {
            index
                .duplicate_of(seq)
                .and_then(|original| position.get(&original).copied())
        })
        .collect();
    let origin: Vec<usize> = (0..docs.len())
        .map(|i| {
            // Copies point at earlier articles, so chains end; stay bounded anyway.
            let mut at = i;
            for _ in 0..docs.len() {
                match duplicate_of.get(at).copied().flatten() {
                    Some(next) if next != at => at = next,
                    _ => break,
                }
            }
            at
        })
        .collect();
    let article_ids: Vec<ArticleId> = docs.iter().map(|d| d.article.id.clone()).collect();
    pipeline.date_story(&mut docs);
    // The corpus stage's own dossier code, on a view holding this one story.
    let mut analysis = Analysis::default();
    analysis.corpus = CorpusView {
        duplicate_of,
        origin,
        stories: vec![(0..docs.len()).collect()],
    };
    analysis.docs = docs;
    let dossier = analysis.dossier();
    let id = story.to_string();
    let (title, value) = match dossier.stories.into_iter().next() {
        Some(mut fused) => {
            fused.id = id.clone();
            (fused.title.clone(), serde_json::to_value(&fused)?)
        }
        None => ("(untitled story)".to_string(), serde_json::Value::Null),
    };
    Ok(StoryRecord {
        id,
        title,
        article_ids,
        dossier: value,
        updated_at: String::new(),
    })
}
