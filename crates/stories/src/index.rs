//! The incremental story index: one pass, each article joins the most similar live
//! story or starts one; stories that come to describe one event are merged.

use std::collections::VecDeque;

use crosscheck_core::{ArticleId, Doc, PublishedSource};
use serde::{Deserialize, Serialize};

use crate::config::StoriesConfig;
use crate::copies::{CopyIndex, Signature};
use crate::features::{FeatureSettings, Features, TermKind};
use crate::hash::IdMap;

/// Pseudo-articles assumed before the first real one. Without them, a small
/// collection (five reports of one event) gives the words its reports share an idf
/// near zero, and reports of one event look unrelated; over thousands of articles
/// the background hardly moves any weight.
pub(crate) const BACKGROUND_DOCS: f32 = 50.0;

/// A story's id. Ids are handed out in order and never reused; when two stories
/// merge, the older id survives and the other redirects to it
/// ([`StoryIndex::resolve`]).
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize)]
#[serde(transparent)]
pub struct StoryId(pub u32);

impl std::fmt::Display for StoryId {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "s{}", self.0)
    }
}

/// Where one article went.
#[derive(Debug, Clone, PartialEq)]
pub struct StoryAssignment {
    /// The article.
    pub article: ArticleId,
    /// Its sequence number in the index (0 for the first article added).
    pub seq: u32,
    /// Its story, after any merge this article caused.
    pub story: StoryId,
    /// True when the article started the story.
    pub new_story: bool,
    /// Cosine similarity with the story it joined (0 for a new story).
    pub similarity: f32,
    /// The origin of the copy group when the article is a copy or reprint.
    pub duplicate_of: Option<ArticleId>,
    /// The MinHash signature of its body, for a store to keep.
    pub signature: Signature,
    /// Stories merged into `story` because of this article.
    pub merged: Vec<StoryId>,
    /// A story split off the article's story because of this article.
    pub split_off: Option<StoryId>,
}

/// A change to the set of stories, in the order it happened.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "event", rename_all = "snake_case")]
pub enum StoryEvent {
    /// A story was started by an article.
    Created {
        /// The new story.
        story: StoryId,
        /// The article that started it (sequence number).
        seq: u32,
    },
    /// `absorbed` turned out to report the same event as `kept`: its articles now
    /// belong to `kept`, and `absorbed` redirects there.
    Merged {
        /// The surviving (older) story.
        kept: StoryId,
        /// The story merged into it.
        absorbed: StoryId,
        /// The article whose arrival showed it (sequence number).
        seq: u32,
    },
    /// `story`'s articles turned out to report two events: those of the other one
    /// moved to the new story `split_off`. `story` keeps its id and its oldest
    /// article.
    Split {
        /// The story split, which keeps its id.
        story: StoryId,
        /// The new story its other event's articles moved to.
        split_off: StoryId,
        /// Articles moved.
        moved: u32,
        /// The article whose arrival showed it (sequence number).
        seq: u32,
    },
    /// A story that had received nothing for a long time stopped taking articles
    /// and released its term vector.
    Frozen {
        /// The story.
        story: StoryId,
    },
}

#[derive(Debug, Clone)]
pub(crate) struct Story {
    /// `(term, Σ raw weight / doc channel norm)`, sorted by term: the sum of the
    /// members' unit vectors without their idf, which is applied when comparing,
    /// so old articles count with today's document frequencies.
    pub(crate) centroid: Vec<(u32, f32)>,
    /// Channel norms of `centroid · idf`, and the article count they were
    /// computed at (recomputed once the collection has grown by 5%).
    pub(crate) norm: [f32; CHANNELS],
    pub(crate) norm_at: u32,
    pub(crate) members: Vec<u32>,
    pub(crate) first_day: i32,
    pub(crate) last_day: i32,
    pub(crate) last_seq: u32,
    pub(crate) frozen: bool,
    /// Years its articles are about, with counts (a handful at most).
    pub(crate) years: Vec<(i32, u32)>,
    /// Each member's heaviest terms, aligned with `members`, kept while the story
    /// is small enough to be split ([`SKETCH_LIMIT`]); empty after.
    pub(crate) sketches: Vec<Vec<(u32, f32)>>,
}

impl Story {
    fn count_year(&mut self, year: Option<i32>, n: u32) {
        let Some(year) = year else { return };
        match self.years.iter_mut().find(|y| y.0 == year) {
            Some(y) => y.1 += n,
            None => self.years.push((year, n)),
        }
    }
}

/// Groups articles into stories, incrementally. See the crate docs for an example.
#[derive(Debug, Clone)]
pub struct StoryIndex {
    pub(crate) config: StoriesConfig,
    pub(crate) copies: CopyIndex,
    /// Document frequency of every term seen.
    /// `(count, ln(count + 0.5))`: the logarithm kept so that the idf costs a
    /// subtraction.
    pub(crate) df: IdMap<u32, (u32, f32)>,
    /// `ln(docs + 1)`.
    pub(crate) ln_docs: f32,
    pub(crate) docs: u32,
    pub(crate) stories: Vec<Story>,
    /// Union-find parent of each story id (itself unless merged away).
    pub(crate) parent: Vec<u32>,
    /// `term → stories` that hold it among their weightiest terms, newest last,
    /// at most `posting_cap` long.
    pub(crate) postings: IdMap<u32, VecDeque<u32>>,
    /// Story of each article (before redirects).
    pub(crate) story_of: Vec<u32>,
    pub(crate) articles: Vec<ArticleId>,
    pub(crate) events: Vec<StoryEvent>,
}

const NO_DAY: i32 = i32::MAX;

/// Days since 1970-01-01 of a civil date (Howard Hinnant's algorithm).
fn days_from_civil(y: i32, m: i32, d: i32) -> i32 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = if y >= 0 { y } else { y - 399 } / 400;
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}

/// The day the article was published, when the input said so. A date a later stage
/// inferred from the text is a guess (on ECB+, guesses put reports of one event
/// months or years apart, and gating on them cost 0.03 B-cubed F1): it never
/// keeps an article out of a story.
fn published_day(doc: &Doc) -> Option<i32> {
    if doc.article.published_source == Some(PublishedSource::Inferred) {
        return None;
    }
    let date = doc.article.published.as_ref()?.date();
    Some(days_from_civil(
        i32::from(date.year()),
        i32::from(date.month()),
        i32::from(date.day()),
    ))
}

impl StoryIndex {
    pub(crate) fn from_config(config: StoriesConfig) -> Self {
        StoryIndex {
            copies: CopyIndex::new(config.copies.clone()),
            config,
            df: IdMap::default(),
            ln_docs: (1.0 + BACKGROUND_DOCS).ln(),
            docs: 0,
            stories: Vec::new(),
            parent: Vec::new(),
            postings: IdMap::default(),
            story_of: Vec::new(),
            articles: Vec::new(),
            events: Vec::new(),
        }
    }

    /// The settings.
    pub fn config(&self) -> &StoriesConfig {
        &self.config
    }

    /// Inverse document frequency against the articles seen so far plus a
    /// background of [`BACKGROUND_DOCS`] articles that share none of the terms.
    fn idf(&self, term: u32) -> f32 {
        // ln((docs + 1) / (df + 0.5)); ln 0.5 for unseen terms.
        let ln_df = self.df.get(&term).map_or(-std::f32::consts::LN_2, |d| d.1);
        (self.ln_docs - ln_df).max(0.0)
    }

    fn boost(&self, term: u32) -> f32 {
        match TermKind::of(term) {
            TermKind::Word => 1.0,
            // Names are the best keys to look stories up by.
            TermKind::Name => 2.0,
            TermKind::Number => 1.0,
            TermKind::Date => self.config.date_weight,
        }
    }

    /// The story id `id` now goes by (itself unless it was merged away).
    pub fn resolve(&self, id: StoryId) -> StoryId {
        let mut x = id.0;
        // Paths are short: merges always point at an older id.
        while let Some(&p) = self.parent.get(x as usize) {
            if p == x {
                break;
            }
            x = p;
        }
        StoryId(x)
    }

    fn resolve_mut(&mut self, id: u32) -> u32 {
        let root = self.resolve(StoryId(id)).0;
        let mut x = id;
        while let Some(p) = self.parent.get_mut(x as usize) {
            if *p == root || *p == x {
                *p = root;
                break;
            }
            let next = *p;
            *p = root;
            x = next;
        }
        root
    }

    /// Adds the next article. Articles should arrive in publication order; each is
    /// assigned once, in time independent of how many were added before.
    pub fn add(&mut self, doc: &Doc) -> StoryAssignment {
        let seq = self.articles.len() as u32;
        let day = published_day(doc);
        let features = Features::extract(
            doc,
            FeatureSettings {
                title_weight: self.config.title_weight,
                max_terms: self.config.max_doc_terms,
                shingle: self.config.copies.shingle,
            },
        );
        let copy = self.copies.add(&features.shingles, day);
        let year = match &doc.article.published {
            Some(p) => Some(i32::from(p.date().year())),
            None => features.year,
        };
        let day = day.unwrap_or(NO_DAY);

        // The article's vector: raw weight × kind boost, and × idf for comparing.
        let mut raw: Vec<(u32, f32)> = features
            .terms
            .iter()
            .map(|&(t, w)| (t, w * self.boost(t)))
            .collect();
        let weighted: Vec<(u32, f32)> = raw.iter().map(|&(t, w)| (t, w * self.idf(t))).collect();
        // Each channel of the article is a unit vector of its own.
        let norms = channel_norms(weighted.iter().copied());
        let has_terms = norms.iter().any(|&n| n > 0.0);
        let per_channel = |(t, w): (u32, f32)| {
            let n = norms[channel(t)];
            (t, if n > 0.0 { w / n } else { 0.0 })
        };
        let weighted: Vec<(u32, f32)> = weighted.into_iter().map(per_channel).collect();
        raw = raw.into_iter().map(per_channel).collect();

        // A copy joins its origin's story: the text is the same.
        let copy_story = copy
            .duplicate_of
            .and_then(|o| self.story_of.get(o as usize).copied())
            .map(|s| self.resolve_mut(s))
            .filter(|&s| self.stories.get(s as usize).is_some_and(|s| !s.frozen));

        // Other stories the article could have joined: only an article that fits
        // two stories shows that they report one event, so only these are
        // considered for a merge (a search for merge partners after every join
        // cost more than the assignment itself).
        let mut also_fits: Vec<u32> = Vec::new();
        let (target, similarity) = match copy_story {
            Some(s) => (Some(s), copy.similarity),
            None if has_terms => {
                let query = top_terms(&weighted, self.config.query_terms);
                let candidates = self.candidates(&query, None, day, day);
                for &s in &candidates {
                    self.refresh_norm(s);
                }
                let years = year.map(|y| vec![(y, 1)]).unwrap_or_default();
                let mut best: Option<(u32, f32)> = None;
                for s in candidates {
                    let sim = self.similarity_to(&weighted, s) - self.year_mismatch(&years, 1, s);
                    if sim >= self.config.join_threshold {
                        also_fits.push(s);
                        if best.is_none_or(|(_, b)| sim > b) {
                            best = Some((s, sim));
                        }
                    }
                }
                match best {
                    Some((s, sim)) => (Some(s), sim),
                    None => (None, 0.0),
                }
            }
            None => (None, 0.0),
        };

        let (story, new_story) = match target {
            Some(s) => {
                self.join(s, &raw, seq, day, year);
                (s, false)
            }
            None => (self.create(&raw, seq, day, year), true),
        };
        // Sketches cost ~150 bytes an article: kept only when splits are on.
        if self.config.split_threshold > 0.0 {
            let sketch = sketch_of(&raw, &weighted);
            if let Some(st) = self.stories.get_mut(story as usize) {
                if st.sketches.len() + 1 == st.members.len() && st.members.len() <= SKETCH_LIMIT {
                    st.sketches.push(sketch);
                } else {
                    st.sketches = Vec::new();
                }
            }
        }
        self.story_of.push(story);
        self.articles.push(doc.article.id.clone());
        for &(t, _) in &features.terms {
            let entry = self.df.entry(t).or_insert((0, 0.0));
            entry.0 += 1;
            entry.1 = (entry.0 as f32 + 0.5).ln();
        }
        self.docs += 1;
        self.ln_docs = (self.docs as f32 + 1.0 + BACKGROUND_DOCS).ln();
        self.refresh(story);
        self.post(story, &weighted);

        let mut merged = Vec::new();
        let mut story = story;
        if !new_story {
            for other in also_fits {
                let other = self.resolve_mut(other);
                if other == story || !self.should_merge(story, other) {
                    continue;
                }
                let (kept, absorbed) = (story.min(other), story.max(other));
                self.merge(kept, absorbed, seq);
                merged.push(StoryId(absorbed));
                story = kept;
            }
        }
        let mut split_off = None;
        if !new_story && self.config.split_threshold > 0.0 {
            split_off = self.split(story, seq);
        }
        if self.config.freeze_after_articles > 0 && seq > 0 && seq.is_multiple_of(FREEZE_SWEEP) {
            self.freeze_idle(seq);
        }

        StoryAssignment {
            article: doc.article.id.clone(),
            seq,
            story: self.story_of(seq).unwrap_or(StoryId(story)),
            new_story,
            similarity,
            duplicate_of: copy
                .duplicate_of
                .and_then(|o| self.articles.get(o as usize).cloned()),
            signature: copy.signature,
            merged,
            split_off,
        }
    }

    fn create(&mut self, raw: &[(u32, f32)], seq: u32, day: i32, year: Option<i32>) -> u32 {
        let id = self.stories.len() as u32;
        self.stories.push(Story {
            centroid: raw.to_vec(),
            norm: [0.0; CHANNELS],
            norm_at: 0,
            members: vec![seq],
            first_day: day,
            last_day: day,
            last_seq: seq,
            frozen: false,
            years: year.map(|y| vec![(y, 1)]).unwrap_or_default(),
            sketches: Vec::new(),
        });
        self.parent.push(id);
        self.events.push(StoryEvent::Created {
            story: StoryId(id),
            seq,
        });
        id
    }

    fn join(&mut self, s: u32, raw: &[(u32, f32)], seq: u32, day: i32, year: Option<i32>) {
        let Some(story) = self.stories.get_mut(s as usize) else {
            return;
        };
        story.count_year(year, 1);
        story.centroid = add_sorted(&story.centroid, raw);
        story.members.push(seq);
        story.last_seq = seq;
        if day != NO_DAY {
            if story.first_day == NO_DAY || day < story.first_day {
                story.first_day = day;
            }
            if story.last_day == NO_DAY || day > story.last_day {
                story.last_day = day;
            }
        }
    }

    /// Caps the centroid at its weightiest terms.
    fn refresh(&mut self, s: u32) {
        let cap = self.config.max_story_terms;
        let Some(story) = self.stories.get(s as usize) else {
            return;
        };
        let mut weighted: Vec<(u32, f32, f32)> = story
            .centroid
            .iter()
            .map(|&(t, w)| (t, w, w * self.idf(t)))
            .collect();
        // Let the vector overshoot by half before cutting it back, so the sort
        // happens once every few articles rather than on each.
        if weighted.len() > cap + cap / 2 {
            weighted.sort_unstable_by(|a, b| b.2.total_cmp(&a.2).then(a.0.cmp(&b.0)));
            weighted.truncate(cap);
            weighted.sort_unstable_by_key(|t| t.0);
        }
        let norm = channel_norms(weighted.iter().map(|&(t, _, w)| (t, w)));
        let docs = self.docs;
        if let Some(story) = self.stories.get_mut(s as usize) {
            if story.centroid.len() != weighted.len() {
                story.centroid = weighted.iter().map(|&(t, w, _)| (t, w)).collect();
            }
            story.norm = norm;
            story.norm_at = docs;
        }
    }

    /// Lists the story under the query terms of the vector it just took in.
    fn post(&mut self, s: u32, weighted: &[(u32, f32)]) {
        let cap = self.config.posting_cap.max(1);
        for (t, _) in top_terms(weighted, self.config.query_terms) {
            let list = self.postings.entry(t).or_default();
            if list.back() == Some(&s) {
                continue;
            }
            if list.len() >= cap {
                list.pop_front();
            }
            list.push_back(s);
        }
    }

    /// Live stories sharing the most query weight, best first, at most
    /// `candidates` of them, inside the date window.
    fn candidates(
        &self,
        query: &[(u32, f32)],
        exclude: Option<u32>,
        first: i32,
        last: i32,
    ) -> Vec<u32> {
        let mut score: IdMap<u32, f32> = IdMap::default();
        for &(t, w) in query {
            if let Some(list) = self.postings.get(&t) {
                for &s in list {
                    let s = self.resolve(StoryId(s)).0;
                    *score.entry(s).or_insert(0.0) += w;
                }
            }
        }
        let window = self.config.window_days as i32;
        let mut ranked: Vec<(u32, f32)> = score
            .into_iter()
            .filter(|&(s, _)| Some(s) != exclude)
            .filter(|&(s, _)| {
                self.stories.get(s as usize).is_some_and(|st| {
                    !st.frozen && within_window(st.first_day, st.last_day, first, last, window)
                })
            })
            .collect();
        ranked.sort_unstable_by(|a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        ranked.truncate(self.config.candidates);
        ranked.into_iter().map(|r| r.0).collect()
    }

    /// Similarity of a query (an article's unit vectors, or a story's centroid with
    /// idf applied) with story `s`: per channel, the cosine with the story's
    /// centroid (the sum of its members' unit vectors, idf applied now, so early
    /// articles count with today's document frequencies), mixed by the shares.
    ///
    /// Words, names, and numbers with dates are three channels, each a cosine of
    /// its own: two events of one kind share their words, and only names and
    /// figures tell them apart, however few they are. A channel empty on either
    /// side adds nothing.
    fn similarity_to(&self, query: &[(u32, f32)], s: u32) -> f32 {
        let Some(story) = self.stories.get(s as usize) else {
            return 0.0;
        };
        let qnorm = channel_norms(query.iter().copied());
        let snorm = if story.norm_at > 0 && self.docs as f32 <= story.norm_at as f32 * 1.05 {
            story.norm
        } else {
            channel_norms(story.centroid.iter().map(|&(t, w)| (t, w * self.idf(t))))
        };
        let dot = dot_channels(query, &story.centroid, |t| self.idf(t));
        let shares = [
            self.config.word_share,
            self.config.name_share,
            self.config.number_share,
        ];
        // Reports that both name people and places, and share none of them, are
        // about different events however alike their words.
        let names = qnorm[1] * snorm[1];
        if names > 0.0 && dot[1] / names < self.config.min_name_similarity {
            return 0.0;
        }
        (0..CHANNELS)
            .map(|c| {
                let n = qnorm[c] * snorm[c];
                if n > 0.0 { shares[c] * dot[c] / n } else { 0.0 }
            })
            .sum()
    }

    /// `year_penalty` × the share of article pairs (one from `years`, counted over
    /// `members` articles, one from story `s`) that are about different years.
    fn year_mismatch(&self, years: &[(i32, u32)], members: usize, s: u32) -> f32 {
        let Some(story) = self.stories.get(s as usize) else {
            return 0.0;
        };
        let pairs = (members * story.members.len()) as f32;
        if pairs <= 0.0 || self.config.year_penalty <= 0.0 {
            return 0.0;
        }
        let mut differ = 0u64;
        for &(a, na) in years {
            for &(b, nb) in &story.years {
                if a != b {
                    differ += u64::from(na) * u64::from(nb);
                }
            }
        }
        self.config.year_penalty * differ as f32 / pairs
    }

    /// True when story `s`, compared with story `other`, now reads as the same
    /// event.
    fn should_merge(&mut self, s: u32, other: u32) -> bool {
        self.refresh_norm(other);
        let Some(story) = self.stories.get(s as usize) else {
            return false;
        };
        if story.frozen {
            return false;
        }
        let weighted: Vec<(u32, f32)> = story
            .centroid
            .iter()
            .map(|&(t, w)| (t, w * self.idf(t)))
            .collect();
        if weighted.is_empty() {
            return false;
        }
        let sim = self.similarity_to(&weighted, other)
            - self.year_mismatch(&story.years, story.members.len(), other);
        sim >= self.config.merge_threshold
    }

    /// Splits story `s` in two when its members' sketches fall into two groups
    /// whose summed vectors' cosine (idf applied) is under `split_threshold`, each
    /// of at least [`SPLIT_MIN_PART`] articles. The part holding the oldest member
    /// keeps the id. Checked while the story is small (sketches kept), whenever
    /// its size is even.
    fn split(&mut self, s: u32, seq: u32) -> Option<StoryId> {
        let story = self.stories.get(s as usize)?;
        let m = story.members.len();
        if story.sketches.len() != m || m < 2 * SPLIT_MIN_PART || m % 2 != 0 {
            return None;
        }
        let vectors: Vec<Vec<(u32, f32)>> = story
            .sketches
            .iter()
            .map(|v| v.iter().map(|&(t, w)| (t, w * self.idf(t))).collect())
            .collect();
        let cos = |a: &[(u32, f32)], b: &[(u32, f32)]| {
            let na = a.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            let nb = b.iter().map(|x| x.1 * x.1).sum::<f32>().sqrt();
            let d = dot_channels(a, b, |_| 1.0).iter().sum::<f32>();
            if na > 0.0 && nb > 0.0 {
                d / (na * nb)
            } else {
                0.0
            }
        };
        // Seeds: the least similar pair; then two rounds of nearest-centroid.
        let mut seeds = (0, 1, f32::MAX);
        for i in 0..m {
            for j in i + 1..m {
                let c = cos(&vectors[i], &vectors[j]);
                if c < seeds.2 {
                    seeds = (i, j, c);
                }
            }
        }
        let mut centres = [vectors[seeds.0].clone(), vectors[seeds.1].clone()];
        let mut side = vec![false; m];
        for _ in 0..3 {
            for (i, v) in vectors.iter().enumerate() {
                side[i] = cos(v, &centres[1]) > cos(v, &centres[0]);
            }
            let sum = |want: bool| {
                vectors
                    .iter()
                    .zip(&side)
                    .filter(|(_, x)| **x == want)
                    .fold(Vec::new(), |acc, (v, _)| add_sorted(&acc, v))
            };
            centres = [sum(false), sum(true)];
        }
        let moved = side.iter().filter(|&&x| x != side[0]).count();
        if moved < SPLIT_MIN_PART || m - moved < SPLIT_MIN_PART {
            return None;
        }
        if cos(&centres[0], &centres[1]) >= self.config.split_threshold {
            return None;
        }
        // The part without the oldest member moves to a new story.
        let keep = side[0];
        let story = self.stories.get_mut(s as usize)?;
        let (mut kept_m, mut kept_s, mut new_m, mut new_s) =
            (Vec::new(), Vec::new(), Vec::new(), Vec::new());
        for ((member, sketch), &x) in story
            .members
            .drain(..)
            .zip(story.sketches.drain(..))
            .zip(&side)
        {
            if x == keep {
                kept_m.push(member);
                kept_s.push(sketch);
            } else {
                new_m.push(member);
                new_s.push(sketch);
            }
        }
        let sum = |v: &[Vec<(u32, f32)>]| v.iter().fold(Vec::new(), |acc, x| add_sorted(&acc, x));
        story.centroid = sum(&kept_s);
        story.members = kept_m;
        story.sketches = kept_s;
        story.norm_at = 0;
        let (first_day, last_day) = (story.first_day, story.last_day);
        let id = self.stories.len() as u32;
        for &member in &new_m {
            if let Some(x) = self.story_of.get_mut(member as usize) {
                *x = id;
            }
        }
        self.stories.push(Story {
            centroid: sum(&new_s),
            norm: [0.0; CHANNELS],
            norm_at: 0,
            last_seq: new_m.iter().copied().max().unwrap_or(seq),
            members: new_m,
            first_day,
            last_day,
            frozen: false,
            years: Vec::new(),
            sketches: new_s,
        });
        self.parent.push(id);
        for part in [s, id] {
            self.refresh(part);
            let weighted: Vec<(u32, f32)> = self
                .stories
                .get(part as usize)
                .map(|st| {
                    st.centroid
                        .iter()
                        .map(|&(t, w)| (t, w * self.idf(t)))
                        .collect()
                })
                .unwrap_or_default();
            self.post(part, &weighted);
        }
        self.events.push(StoryEvent::Split {
            story: StoryId(s),
            split_off: StoryId(id),
            moved: moved as u32,
            seq,
        });
        Some(StoryId(id))
    }

    /// Recomputes a story's channel norms when the collection has grown by more
    /// than 5% since they were computed: scoring a story with stale norms would
    /// recompute them on every call.
    fn refresh_norm(&mut self, s: u32) {
        let Some(story) = self.stories.get(s as usize) else {
            return;
        };
        if story.norm_at > 0 && self.docs as f32 <= story.norm_at as f32 * 1.05 {
            return;
        }
        let norm = channel_norms(story.centroid.iter().map(|&(t, w)| (t, w * self.idf(t))));
        let docs = self.docs;
        if let Some(story) = self.stories.get_mut(s as usize) {
            story.norm = norm;
            story.norm_at = docs;
        }
    }

    fn merge(&mut self, kept: u32, absorbed: u32, seq: u32) {
        let Some(gone) = self.stories.get_mut(absorbed as usize) else {
            return;
        };
        let gone = std::mem::replace(
            gone,
            Story {
                centroid: Vec::new(),
                norm: [0.0; CHANNELS],
                norm_at: 0,
                members: Vec::new(),
                first_day: NO_DAY,
                last_day: NO_DAY,
                last_seq: seq,
                frozen: true,
                years: Vec::new(),
                sketches: Vec::new(),
            },
        );
        if let Some(p) = self.parent.get_mut(absorbed as usize) {
            *p = kept;
        }
        if let Some(story) = self.stories.get_mut(kept as usize) {
            story.centroid = add_sorted(&story.centroid, &gone.centroid);
            if story.sketches.len() == story.members.len()
                && gone.sketches.len() == gone.members.len()
                && story.members.len() + gone.members.len() <= SKETCH_LIMIT
            {
                story.sketches.extend(gone.sketches);
            } else {
                story.sketches = Vec::new();
            }
            story.members.extend(gone.members);
            for (year, n) in gone.years {
                story.count_year(Some(year), n);
            }
            story.last_seq = story.last_seq.max(gone.last_seq);
            for d in [gone.first_day, gone.last_day] {
                if d != NO_DAY {
                    if story.first_day == NO_DAY || d < story.first_day {
                        story.first_day = d;
                    }
                    if story.last_day == NO_DAY || d > story.last_day {
                        story.last_day = d;
                    }
                }
            }
        }
        self.refresh(kept);
        let weighted: Vec<(u32, f32)> = self
            .stories
            .get(kept as usize)
            .map(|s| {
                s.centroid
                    .iter()
                    .map(|&(t, w)| (t, w * self.idf(t)))
                    .collect()
            })
            .unwrap_or_default();
        self.post(kept, &weighted);
        self.events.push(StoryEvent::Merged {
            kept: StoryId(kept),
            absorbed: StoryId(absorbed),
            seq,
        });
    }

    /// Freezes stories that took no article among the last `freeze_after_articles`.
    fn freeze_idle(&mut self, seq: u32) {
        let horizon = seq.saturating_sub(self.config.freeze_after_articles as u32);
        for (i, story) in self.stories.iter_mut().enumerate() {
            if !story.frozen && story.last_seq < horizon && self.parent.get(i) == Some(&(i as u32))
            {
                story.frozen = true;
                story.centroid = Vec::new();
                self.events.push(StoryEvent::Frozen {
                    story: StoryId(i as u32),
                });
            }
        }
    }

    /// Articles added.
    pub fn len(&self) -> usize {
        self.articles.len()
    }

    /// True before the first article.
    pub fn is_empty(&self) -> bool {
        self.articles.is_empty()
    }

    /// The story an article belongs to now (after merges), by sequence number.
    pub fn story_of(&self, seq: u32) -> Option<StoryId> {
        self.story_of
            .get(seq as usize)
            .map(|&s| self.resolve(StoryId(s)))
    }

    /// The article with this sequence number.
    pub fn article(&self, seq: u32) -> Option<&ArticleId> {
        self.articles.get(seq as usize)
    }

    /// The articles of a story (sequence numbers, in order of arrival within each
    /// merged part); empty for an unknown id. A merged-away id gives its new story's.
    pub fn members(&self, story: StoryId) -> &[u32] {
        let root = self.resolve(story);
        self.stories
            .get(root.0 as usize)
            .map(|s| s.members.as_slice())
            .unwrap_or(&[])
    }

    /// The copy-group origins among a story's articles: what corroboration counts.
    pub fn origins(&self, story: StoryId) -> Vec<u32> {
        let mut origins: Vec<u32> = self
            .members(story)
            .iter()
            .filter_map(|&m| self.copies.origin_of(m))
            .collect();
        origins.sort_unstable();
        origins.dedup();
        origins
    }

    /// The origin an article copies, if it is a copy.
    pub fn duplicate_of(&self, seq: u32) -> Option<u32> {
        self.copies.duplicate_of(seq)
    }

    /// Live (not merged-away) story ids, oldest first.
    pub fn stories(&self) -> impl Iterator<Item = StoryId> + '_ {
        self.parent
            .iter()
            .enumerate()
            .filter(|&(i, &p)| p == i as u32)
            .map(|(i, _)| StoryId(i as u32))
    }

    /// Every creation, merge and freeze so far, in order.
    pub fn events(&self) -> &[StoryEvent] {
        &self.events
    }

    /// The copy detector.
    pub fn copies(&self) -> &CopyIndex {
        &self.copies
    }

    /// Bytes held, roughly: the tables' capacities (not allocator overhead).
    pub fn memory_bytes(&self) -> usize {
        let stories: usize = self
            .stories
            .iter()
            .map(|s| {
                std::mem::size_of::<Story>()
                    + s.centroid.capacity() * 8
                    + s.members.capacity() * 4
                    + s.sketches
                        .iter()
                        .map(|k| 24 + k.capacity() * 8)
                        .sum::<usize>()
            })
            .sum();
        let postings: usize = self
            .postings
            .values()
            .map(|p| p.capacity() * 4 + 4 + 32 + 1)
            .sum();
        stories
            + postings
            + self.df.capacity() * 13
            + self.parent.capacity() * 4
            + self.story_of.capacity() * 4
            + self
                .articles
                .iter()
                .map(|a| std::mem::size_of::<ArticleId>() + a.0.capacity())
                .sum::<usize>()
            + self.events.capacity() * std::mem::size_of::<StoryEvent>()
            + self.copies.memory_bytes()
    }
}

/// Members up to which a story keeps their sketches and can be split.
const SKETCH_LIMIT: usize = 64;

/// Terms in a member's sketch.
const SKETCH_TERMS: usize = 16;

/// Fewest articles on each side of a split.
const SPLIT_MIN_PART: usize = 2;

/// An article's [`SKETCH_TERMS`] heaviest terms (by `weighted`), with their `raw`
/// weights, term-sorted.
fn sketch_of(raw: &[(u32, f32)], weighted: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut top: Vec<u32> = top_terms(weighted, SKETCH_TERMS)
        .into_iter()
        .map(|t| t.0)
        .collect();
    top.sort_unstable();
    raw.iter()
        .filter(|t| top.binary_search(&t.0).is_ok())
        .copied()
        .collect()
}

/// How often (in articles) idle stories are looked for.
const FREEZE_SWEEP: u32 = 65_536;

fn within_window(first: i32, last: i32, from: i32, to: i32, window: i32) -> bool {
    if first == NO_DAY || from == NO_DAY || window <= 0 {
        return true;
    }
    from <= last.saturating_add(window) && to >= first.saturating_sub(window)
}

/// The `k` heaviest entries.
fn top_terms(weighted: &[(u32, f32)], k: usize) -> Vec<(u32, f32)> {
    let mut top = weighted.to_vec();
    if top.len() > k {
        top.select_nth_unstable_by(k, |a, b| b.1.total_cmp(&a.1).then(a.0.cmp(&b.0)));
        top.truncate(k);
    }
    top
}

/// Similarity channels: words, names, numbers and dates.
pub(crate) const CHANNELS: usize = 3;

/// Channel of a term.
fn channel(term: u32) -> usize {
    match TermKind::of(term) {
        TermKind::Word => 0,
        TermKind::Name => 1,
        TermKind::Number | TermKind::Date => 2,
    }
}

/// Euclidean norms of the two channels of a vector.
fn channel_norms(terms: impl Iterator<Item = (u32, f32)>) -> [f32; CHANNELS] {
    let mut sums = [0.0f32; CHANNELS];
    for (t, w) in terms {
        sums[channel(t)] += w * w;
    }
    sums.map(f32::sqrt)
}

/// `Σ a_t · b_t · f(t)` per channel over two term-sorted vectors.
fn dot_channels(a: &[(u32, f32)], b: &[(u32, f32)], f: impl Fn(u32) -> f32) -> [f32; CHANNELS] {
    let (mut i, mut j, mut dot) = (0, 0, [0.0f32; CHANNELS]);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot[channel(x.0)] += x.1 * y.1 * f(x.0);
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// `Σ a_t · b_t · f(t)` over two term-sorted vectors.
#[cfg(test)]
fn dot_sorted(a: &[(u32, f32)], b: &[(u32, f32)], f: impl Fn(u32) -> f32) -> f32 {
    let (mut i, mut j, mut dot) = (0, 0, 0.0);
    while let (Some(x), Some(y)) = (a.get(i), b.get(j)) {
        match x.0.cmp(&y.0) {
            std::cmp::Ordering::Less => i += 1,
            std::cmp::Ordering::Greater => j += 1,
            std::cmp::Ordering::Equal => {
                dot += x.1 * y.1 * f(x.0);
                i += 1;
                j += 1;
            }
        }
    }
    dot
}

/// The sum of two term-sorted vectors, term-sorted.
fn add_sorted(a: &[(u32, f32)], b: &[(u32, f32)]) -> Vec<(u32, f32)> {
    let mut out = Vec::with_capacity(a.len() + b.len());
    let (mut i, mut j) = (0, 0);
    loop {
        match (a.get(i), b.get(j)) {
            (Some(x), Some(y)) => match x.0.cmp(&y.0) {
                std::cmp::Ordering::Less => {
                    out.push(*x);
                    i += 1;
                }
                std::cmp::Ordering::Greater => {
                    out.push(*y);
                    j += 1;
                }
                std::cmp::Ordering::Equal => {
                    out.push((x.0, x.1 + y.1));
                    i += 1;
                    j += 1;
                }
            },
            (Some(x), None) => {
                out.push(*x);
                i += 1;
            }
            (None, Some(y)) => {
                out.push(*y);
                j += 1;
            }
            (None, None) => break,
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn civil_days_match_the_calendar() {
        assert_eq!(days_from_civil(1970, 1, 1), 0);
        assert_eq!(days_from_civil(2000, 3, 1), 11_017);
        assert_eq!(
            days_from_civil(2025, 5, 15) - days_from_civil(2025, 5, 1),
            14
        );
    }

    #[test]
    fn sorted_vectors_add_and_multiply() {
        let a = [(1, 1.0), (3, 2.0)];
        let b = [(2, 5.0), (3, 1.0)];
        assert_eq!(add_sorted(&a, &b), vec![(1, 1.0), (2, 5.0), (3, 3.0)]);
        assert_eq!(dot_sorted(&a, &b, |_| 2.0), 4.0);
    }

    #[test]
    fn window_gate_needs_both_dates() {
        assert!(within_window(NO_DAY, NO_DAY, 5, 5, 7));
        assert!(within_window(10, 12, 18, 18, 7));
        assert!(!within_window(10, 12, 20, 20, 7));
    }
}
