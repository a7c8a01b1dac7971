//! Settings of the story index.

use serde::{Deserialize, Serialize};

use crate::copies::CopiesConfig;
use crate::index::StoryIndex;
use crate::{Error, Result};

/// Settings of [`StoryIndex`]. The thresholds were chosen on the ECB+ development
/// topics where B-cubed F1 is flat (0.878–0.889 for `join_threshold` 0.15–0.2 with
/// `merge_threshold` 0.5–1.0), not at a single best point.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct StoriesConfig {
    /// Similarity (mixed channel cosines, see `word_share`) with a story's
    /// centroid from which an article joins it.
    pub join_threshold: f32,
    /// Similarity between two stories' centroids from which they merge.
    pub merge_threshold: f32,
    /// A small story whose articles fall into two groups less similar than this
    /// (cosine of the groups' heaviest terms) is split in two (0: never).
    pub split_threshold: f32,
    /// Articles published more than this many days outside a story's span do not
    /// join it (0: no gate). Ignored when either side has no date.
    pub window_days: u32,
    /// Subtracted from the similarity in proportion to the share of article pairs
    /// about different years (the year comes from the publication date, else the
    /// time layer, else a year in the opening words): a soft gate, because a
    /// report's opening sometimes names a year from the background.
    pub year_penalty: f32,
    /// Share of the similarity that is the cosine of words.
    pub word_share: f32,
    /// Share of the similarity that is the cosine of names (entity mentions, else
    /// runs of capitalised words).
    pub name_share: f32,
    /// Share of the similarity that is the cosine of numbers and dates.
    pub number_share: f32,
    /// When both sides name people or places, the cosine of their names must reach
    /// this, or they are different events whatever their words share.
    pub min_name_similarity: f32,
    /// Weight of normalised dates against numbers.
    pub date_weight: f32,
    /// How much a title word counts against a body word.
    pub title_weight: f32,
    /// Terms kept per article.
    pub max_doc_terms: usize,
    /// Terms kept per story centroid (bounds memory per story).
    pub max_story_terms: usize,
    /// Weightiest terms used to look up candidate stories.
    pub query_terms: usize,
    /// Stories remembered per term in the inverted index (the newest).
    pub posting_cap: usize,
    /// Candidate stories scored in full per article.
    pub candidates: usize,
    /// Stories that took no article among this many latest arrivals are frozen
    /// (0: never).
    pub freeze_after_articles: usize,
    /// Copy and reprint detection.
    pub copies: CopiesConfig,
}

impl Default for StoriesConfig {
    fn default() -> Self {
        StoriesConfig {
            join_threshold: 0.175,
            merge_threshold: 0.5,
            split_threshold: 0.0,
            window_days: 14,
            year_penalty: 0.1,
            word_share: 0.4,
            name_share: 0.3,
            number_share: 0.3,
            min_name_similarity: 0.05,
            date_weight: 1.0,
            title_weight: 2.0,
            max_doc_terms: 200,
            max_story_terms: 200,
            query_terms: 24,
            posting_cap: 64,
            candidates: 8,
            freeze_after_articles: 500_000,
            copies: CopiesConfig::default(),
        }
    }
}

impl StoriesConfig {
    /// Checks the settings and builds an empty index.
    pub fn build(self) -> Result<StoryIndex> {
        let unit = |name: &'static str, v: f32| {
            if (0.0..=1.0).contains(&v) {
                Ok(())
            } else {
                Err(Error::Config(format!("{name} must lie in 0..=1, not {v}")))
            }
        };
        unit("join_threshold", self.join_threshold)?;
        unit("merge_threshold", self.merge_threshold)?;
        unit("split_threshold", self.split_threshold)?;
        unit("year_penalty", self.year_penalty)?;
        unit("word_share", self.word_share)?;
        unit("min_name_similarity", self.min_name_similarity)?;
        unit("name_share", self.name_share)?;
        unit("number_share", self.number_share)?;
        unit("copies.threshold", self.copies.threshold)?;
        for (name, v) in [
            ("date_weight", self.date_weight),
            ("title_weight", self.title_weight),
        ] {
            if !(v.is_finite() && v >= 0.0) {
                return Err(Error::Config(format!("{name} must be ≥ 0, not {v}")));
            }
        }
        for (name, v) in [
            ("max_doc_terms", self.max_doc_terms),
            ("max_story_terms", self.max_story_terms),
            ("query_terms", self.query_terms),
            ("candidates", self.candidates),
            ("copies.shingle", self.copies.shingle),
        ] {
            if v == 0 {
                return Err(Error::Config(format!("{name} must be at least 1")));
            }
        }
        Ok(StoryIndex::from_config(self))
    }
}
