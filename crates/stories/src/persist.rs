//! Saving and loading a [`StoryIndex`], so an archive that grows run by run (`crosscheck
//! add`) keeps its stories, their ids and its copy groups without re-reading every
//! article.
//!
//! The blob is `MAGIC`, one format-version byte, then deflated JSON. JSON because it
//! is already in the workspace and its failures are readable; deflate because the
//! numbers in it repeat heavily (about 5× smaller). Floats are stored as their bit
//! patterns: a loaded index must score exactly as the saved one would have, or
//! assignments after a reload could differ from a run that never stopped.

use std::borrow::Cow;
use std::collections::VecDeque;
use std::io::{Read, Write};

use crosscheck_core::ArticleId;
use serde::{Deserialize, Serialize};

use crate::config::StoriesConfig;
use crate::copies::SIGNATURE_LEN;
use crate::hash::IdMap;
use crate::index::{BACKGROUND_DOCS, CHANNELS, Story, StoryEvent, StoryIndex};
use crate::{Error, Result};

/// Marks a saved story index.
const MAGIC: &[u8; 4] = b"CCSI";
/// Bumped whenever what is saved, or what it means, changes.
pub(crate) const FORMAT_VERSION: u8 = 2;

#[derive(Serialize, Deserialize)]
struct SavedStory {
    /// `(term, weight bits)`, term-sorted.
    centroid: Vec<(u32, u32)>,
    norm: [u32; CHANNELS],
    norm_at: u32,
    members: Vec<u32>,
    first_day: i32,
    last_day: i32,
    last_seq: u32,
    frozen: bool,
    years: Vec<(i32, u32)>,
    /// Like `centroid`, one per member while kept.
    sketches: Vec<Vec<(u32, u32)>>,
}

#[derive(Serialize, Deserialize)]
struct SavedCopies<'a> {
    /// `(band key, latest article)`, key-sorted.
    bands: Vec<(u64, u32)>,
    compact: Cow<'a, [u16]>,
    group: Cow<'a, [u32]>,
    day: Cow<'a, [i32]>,
    origin: Vec<(u32, u32)>,
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Saved<'a> {
    docs: u32,
    /// `(term, document frequency)`, term-sorted.
    df: Vec<(u32, u32)>,
    stories: Vec<SavedStory>,
    parent: Cow<'a, [u32]>,
    /// `(term, stories oldest first)`, term-sorted.
    postings: Vec<(u32, Vec<u32>)>,
    story_of: Cow<'a, [u32]>,
    articles: Cow<'a, [ArticleId]>,
    events: Cow<'a, [StoryEvent]>,
    copies: SavedCopies<'a>,
}

fn sorted<K: Ord + Copy + std::hash::Hash, V: Clone>(map: &IdMap<K, V>) -> Vec<(K, V)> {
    let mut out: Vec<(K, V)> = map.iter().map(|(k, v)| (*k, v.clone())).collect();
    // Sorted so that equal indexes give equal blobs.
    out.sort_unstable_by_key(|e| e.0);
    out
}

impl StoryIndex {
    /// The index as bytes, for [`from_bytes`](Self::from_bytes) to load in a later
    /// run. The settings are not included: the caller passes them when loading.
    pub fn to_bytes(&self) -> Vec<u8> {
        let saved = Saved {
            docs: self.docs,
            df: sorted(&self.df)
                .into_iter()
                .map(|(t, (n, _))| (t, n))
                .collect(),
            stories: self
                .stories
                .iter()
                .map(|s| SavedStory {
                    centroid: s.centroid.iter().map(|&(t, w)| (t, w.to_bits())).collect(),
                    norm: s.norm.map(f32::to_bits),
                    norm_at: s.norm_at,
                    members: s.members.clone(),
                    first_day: s.first_day,
                    last_day: s.last_day,
                    last_seq: s.last_seq,
                    frozen: s.frozen,
                    years: s.years.clone(),
                    sketches: s
                        .sketches
                        .iter()
                        .map(|v| v.iter().map(|&(t, w)| (t, w.to_bits())).collect())
                        .collect(),
                })
                .collect(),
            parent: Cow::Borrowed(&self.parent),
            postings: sorted(&self.postings)
                .into_iter()
                .map(|(t, list)| (t, list.into_iter().collect()))
                .collect(),
            story_of: Cow::Borrowed(&self.story_of),
            articles: Cow::Borrowed(&self.articles),
            events: Cow::Borrowed(&self.events),
            copies: SavedCopies {
                bands: sorted(&self.copies.bands),
                compact: Cow::Borrowed(&self.copies.compact),
                group: Cow::Borrowed(&self.copies.group),
                day: Cow::Borrowed(&self.copies.day),
                origin: sorted(&self.copies.origin),
            },
        };
        let mut out = Vec::with_capacity(1024);
        out.extend_from_slice(MAGIC);
        out.push(FORMAT_VERSION);
        let mut encoder = flate2::write::DeflateEncoder::new(out, flate2::Compression::fast());
        // Writing into a Vec cannot fail, and every field serialises (no maps with
        // non-string keys, no floats that JSON cannot hold): an error here is a bug,
        // and an empty blob is then refused on load rather than half-read.
        if serde_json::to_writer(&mut encoder, &saved).is_err() || encoder.flush().is_err() {
            return Vec::new();
        }
        encoder.finish().unwrap_or_default()
    }

    /// Loads an index saved by [`to_bytes`](Self::to_bytes), with these settings
    /// (normally the ones it was built with). Refuses blobs of another format
    /// version ([`Error::Version`]) and damaged ones ([`Error::Corrupt`]).
    pub fn from_bytes(bytes: &[u8], config: StoriesConfig) -> Result<StoryIndex> {
        let mut index = config.build()?;
        let rest = bytes
            .strip_prefix(MAGIC.as_slice())
            .ok_or_else(|| Error::Corrupt("not a story index (no CCSI header)".into()))?;
        let (&version, body) = rest
            .split_first()
            .ok_or_else(|| Error::Corrupt("no format version".into()))?;
        if version != FORMAT_VERSION {
            return Err(Error::Version {
                found: version,
                expected: FORMAT_VERSION,
            });
        }
        let mut json = Vec::new();
        flate2::read::DeflateDecoder::new(body)
            .read_to_end(&mut json)
            .map_err(|e| Error::Corrupt(format!("deflate: {e}")))?;
        let saved: Saved<'static> =
            serde_json::from_slice(&json).map_err(|e| Error::Corrupt(format!("json: {e}")))?;
        check(&saved)?;

        index.docs = saved.docs;
        index.ln_docs = (saved.docs as f32 + 1.0 + BACKGROUND_DOCS).ln();
        index.df = saved
            .df
            .into_iter()
            .map(|(t, n)| (t, (n, (n as f32 + 0.5).ln())))
            .collect();
        index.stories = saved
            .stories
            .into_iter()
            .map(|s| Story {
                centroid: s
                    .centroid
                    .into_iter()
                    .map(|(t, w)| (t, f32::from_bits(w)))
                    .collect(),
                norm: s.norm.map(f32::from_bits),
                norm_at: s.norm_at,
                members: s.members,
                first_day: s.first_day,
                last_day: s.last_day,
                last_seq: s.last_seq,
                frozen: s.frozen,
                years: s.years,
                sketches: s
                    .sketches
                    .into_iter()
                    .map(|v| v.into_iter().map(|(t, w)| (t, f32::from_bits(w))).collect())
                    .collect(),
            })
            .collect();
        index.parent = saved.parent.into_owned();
        index.postings = saved
            .postings
            .into_iter()
            .map(|(t, list)| (t, VecDeque::from(list)))
            .collect();
        index.story_of = saved.story_of.into_owned();
        index.articles = saved.articles.into_owned();
        index.events = saved.events.into_owned();
        let copies = &mut index.copies;
        copies.bands = saved.copies.bands.into_iter().collect();
        copies.compact = saved.copies.compact.into_owned();
        copies.group = saved.copies.group.into_owned();
        copies.day = saved.copies.day.into_owned();
        copies.origin = saved.copies.origin.into_iter().collect();
        Ok(index)
    }
}

/// The invariants the index relies on to terminate and stay consistent: a blob that
/// breaks one is refused rather than loaded into an index that loops or misfiles.
fn check(saved: &Saved<'_>) -> Result<()> {
    let bad = |what: &str| Err(Error::Corrupt(what.to_string()));
    let articles = saved.articles.len();
    let stories = saved.stories.len();
    if saved.story_of.len() != articles
        || saved.copies.group.len() != articles
        || saved.copies.day.len() != articles
        || saved.copies.compact.len() != articles * SIGNATURE_LEN
    {
        return bad("article tables of different lengths");
    }
    if saved.docs as usize != articles {
        return bad("document count differs from the article table");
    }
    if saved.parent.len() != stories {
        return bad("story tables of different lengths");
    }
    // Merges point at older ids: resolving walks down and ends.
    if saved
        .parent
        .iter()
        .enumerate()
        .any(|(i, &p)| p as usize > i)
    {
        return bad("a merged story points at a newer one");
    }
    let in_range = |ids: &[u32], n: usize| ids.iter().all(|&x| (x as usize) < n);
    if !in_range(&saved.story_of, stories)
        || !saved
            .postings
            .iter()
            .all(|(_, list)| in_range(list, stories))
        || !saved.stories.iter().all(|s| in_range(&s.members, articles))
        || !in_range(&saved.copies.group, articles)
    {
        return bad("an id out of range");
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn other_versions_and_garbage_are_refused() {
        let index = StoriesConfig::default().build().unwrap();
        let mut bytes = index.to_bytes();
        assert!(StoryIndex::from_bytes(&bytes, StoriesConfig::default()).is_ok());
        bytes[4] = FORMAT_VERSION.wrapping_add(1);
        let err = StoryIndex::from_bytes(&bytes, StoriesConfig::default()).unwrap_err();
        assert!(matches!(err, Error::Version { .. }), "{err}");
        assert!(err.to_string().contains("format version"));
        for junk in [
            &b""[..],
            b"CCSI",
            b"hello world",
            &[b'C', b'C', b'S', b'I', 1, 0, 1],
        ] {
            assert!(StoryIndex::from_bytes(junk, StoriesConfig::default()).is_err());
        }
    }
}
