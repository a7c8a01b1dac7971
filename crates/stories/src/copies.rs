//! Copies and reprints: MinHash signatures over word shingles, banded
//! locality-sensitive hashing to find candidates in constant time, and origin groups.

use serde::{Deserialize, Serialize};

use crate::hash::{IdMap, mix};

/// Hashes in a signature.
pub const SIGNATURE_LEN: usize = 64;
/// LSH bands; `SIGNATURE_LEN / BANDS` rows each. 16 × 4 finds a pair with Jaccard
/// 0.5 with probability 0.64, 0.6 with 0.88, 0.7 with 0.99.
const BANDS: usize = 16;
const ROWS: usize = SIGNATURE_LEN / BANDS;

/// A MinHash signature: the minimum of each of [`SIGNATURE_LEN`] fixed hash functions
/// over a text's shingles. Deterministic (the same text gives the same signature on
/// any machine), so a store can keep it and compare it later.
#[derive(Debug, Clone, PartialEq, Eq, Hash, Serialize, Deserialize)]
#[serde(transparent)]
pub struct Signature(pub Vec<u32>);

impl Signature {
    /// The signature of a set of shingle hashes.
    pub fn from_shingles(shingles: &[u64]) -> Signature {
        let mut mins = [u32::MAX; SIGNATURE_LEN];
        for &s in shingles {
            // One strong hash per shingle, then cheap independent-looking variants:
            // `mix(h ^ k)` per function would cost 64 mixes; a multiply-xorshift per
            // function over a mixed base is as good for MinHash and 3× faster.
            let base = mix(s);
            for (i, slot) in mins.iter_mut().enumerate() {
                let k = SEEDS[i];
                let h = (base ^ k).wrapping_mul(0x9e37_79b9_7f4a_7c15 | 1);
                let v = (h >> 32) as u32;
                if v < *slot {
                    *slot = v;
                }
            }
        }
        Signature(mins.to_vec())
    }

    /// The estimated Jaccard similarity of the two shingle sets (the share of equal
    /// hashes); 0 for signatures of different lengths.
    pub fn similarity(&self, other: &Signature) -> f32 {
        if self.0.len() != other.0.len() || self.0.is_empty() {
            return 0.0;
        }
        let same = self.0.iter().zip(&other.0).filter(|(a, b)| a == b).count();
        same as f32 / self.0.len() as f32
    }
}

/// Per-function seeds, fixed forever (they are part of the stored format).
const SEEDS: [u64; SIGNATURE_LEN] = {
    let mut seeds = [0u64; SIGNATURE_LEN];
    let mut x: u64 = 0x2545_f491_4f6c_dd1d;
    let mut i = 0;
    while i < SIGNATURE_LEN {
        // SplitMix64 sequence, written out because `mix` is not const.
        x = x.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let mut z = x;
        z = (z ^ (z >> 30)).wrapping_mul(0xbf58_476d_1ce4_e5b9);
        z = (z ^ (z >> 27)).wrapping_mul(0x94d0_49bb_1331_11eb);
        seeds[i] = z ^ (z >> 31);
        i += 1;
    }
    seeds
};

/// Settings of copy detection.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(default, deny_unknown_fields)]
pub struct CopiesConfig {
    /// Estimated Jaccard similarity of word shingles from which two articles are
    /// copies of one text. Reprints with light edits score 0.6–0.95; two outlets'
    /// own reports of one event stay under 0.1.
    pub threshold: f32,
    /// Words per shingle.
    pub shingle: usize,
    /// Articles with fewer shingles than this are never called copies (a one-line
    /// brief matches too easily).
    pub min_shingles: usize,
}

impl Default for CopiesConfig {
    fn default() -> Self {
        CopiesConfig {
            threshold: 0.5,
            shingle: 3,
            min_shingles: 8,
        }
    }
}

/// What copy detection says about one article.
#[derive(Debug, Clone, PartialEq)]
pub struct CopyMatch {
    /// The article's signature (empty when the article is too short to sign).
    pub signature: Signature,
    /// The earlier article it copies (the group's origin), by sequence number.
    pub duplicate_of: Option<u32>,
    /// The estimated Jaccard similarity with the article it matched.
    pub similarity: f32,
}

/// Finds copies among the articles added so far, in constant time per article.
///
/// Memory per article: a 16-bit copy of each signature hash (128 bytes, enough to
/// estimate similarity: false agreements are 1 in 65,536), its group and date
/// (8 bytes), and up to 16 band-table entries.
#[derive(Debug, Clone)]
pub struct CopyIndex {
    pub(crate) config: CopiesConfig,
    /// `band key → latest article` with that band.
    pub(crate) bands: IdMap<u64, u32>,
    /// Low 16 bits of every article's signature, `SIGNATURE_LEN` per article.
    pub(crate) compact: Vec<u16>,
    /// Group of each article: the sequence number of the group's first article.
    pub(crate) group: Vec<u32>,
    /// Published day of each article (days since 1970-01-01), `i32::MAX` if unknown.
    pub(crate) day: Vec<i32>,
    /// Origin of every group with more than one member.
    pub(crate) origin: IdMap<u32, u32>,
}

impl CopyIndex {
    /// An empty index.
    pub fn new(config: CopiesConfig) -> Self {
        CopyIndex {
            config,
            bands: IdMap::default(),
            compact: Vec::new(),
            group: Vec::new(),
            day: Vec::new(),
            origin: IdMap::default(),
        }
    }

    /// The settings.
    pub fn config(&self) -> &CopiesConfig {
        &self.config
    }

    /// Articles added.
    pub fn len(&self) -> usize {
        self.group.len()
    }

    /// True before the first article.
    pub fn is_empty(&self) -> bool {
        self.group.is_empty()
    }

    /// Adds the next article (its sequence number is [`len`](Self::len) before the
    /// call) from its shingle hashes and published day.
    pub fn add(&mut self, shingles: &[u64], day: Option<i32>) -> CopyMatch {
        let seq = self.group.len() as u32;
        let day = day.unwrap_or(i32::MAX);
        self.group.push(seq);
        self.day.push(day);
        if shingles.len() < self.config.min_shingles.max(1) {
            self.compact.extend([0u16; SIGNATURE_LEN]);
            return CopyMatch {
                signature: Signature(Vec::new()),
                duplicate_of: None,
                similarity: 0.0,
            };
        }
        let signature = Signature::from_shingles(shingles);
        let compact: Vec<u16> = signature.0.iter().map(|&h| h as u16).collect();

        let mut best: Option<(u32, f32)> = None;
        let mut keys = [0u64; BANDS];
        for (band, key) in keys.iter_mut().enumerate() {
            let rows = signature
                .0
                .get(band * ROWS..(band + 1) * ROWS)
                .unwrap_or(&[]);
            let mut h = band as u64;
            for &r in rows {
                h = mix(h ^ u64::from(r));
            }
            *key = h;
            if let Some(&other) = self.bands.get(&h) {
                if best.is_some_and(|(b, _)| b == other) {
                    continue;
                }
                let sim = self.compact_similarity(&compact, other);
                if sim >= self.config.threshold && best.is_none_or(|(_, s)| sim > s) {
                    best = Some((other, sim));
                }
            }
        }
        for key in keys {
            self.bands.insert(key, seq);
        }
        self.compact.extend(compact);

        let Some((other, similarity)) = best else {
            return CopyMatch {
                signature,
                duplicate_of: None,
                similarity: 0.0,
            };
        };
        let group = self.group.get(other as usize).copied().unwrap_or(other);
        if let Some(g) = self.group.get_mut(seq as usize) {
            *g = group;
        }
        let origin = self.origin.entry(group).or_insert(group);
        let origin_day = self.day.get(*origin as usize).copied().unwrap_or(i32::MAX);
        // The earliest-published article is the origin; arrival order breaks ties
        // and stands in when dates are missing.
        if day < origin_day {
            *origin = seq;
            return CopyMatch {
                signature,
                duplicate_of: None,
                similarity,
            };
        }
        CopyMatch {
            signature,
            duplicate_of: Some(*origin),
            similarity,
        }
    }

    fn compact_similarity(&self, compact: &[u16], other: u32) -> f32 {
        let start = other as usize * SIGNATURE_LEN;
        let Some(theirs) = self.compact.get(start..start + SIGNATURE_LEN) else {
            return 0.0;
        };
        let same = compact.iter().zip(theirs).filter(|(a, b)| a == b).count();
        same as f32 / SIGNATURE_LEN as f32
    }

    /// The origin of an article's copy group: the earliest-published (else first
    /// added) member; the article itself when it has no copies. `None` for an
    /// unknown sequence number.
    pub fn origin_of(&self, seq: u32) -> Option<u32> {
        let group = *self.group.get(seq as usize)?;
        Some(self.origin.get(&group).copied().unwrap_or(group))
    }

    /// The article an article copies, if it is a copy (not the origin).
    pub fn duplicate_of(&self, seq: u32) -> Option<u32> {
        self.origin_of(seq).filter(|&o| o != seq)
    }

    /// Bytes held, roughly (the tables' capacity, not the allocator's overhead).
    pub fn memory_bytes(&self) -> usize {
        self.bands.capacity() * (8 + 4 + 1)
            + self.compact.capacity() * 2
            + self.group.capacity() * 4
            + self.day.capacity() * 4
            + self.origin.capacity() * (4 + 4 + 1)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::hash::hash_bytes;

    fn shingles(text: &str) -> Vec<u64> {
        let words: Vec<&str> = text.split_whitespace().collect();
        let mut out: Vec<u64> = words
            .windows(3)
            .map(|w| hash_bytes(0, w.join(" ").as_bytes()))
            .collect();
        out.sort_unstable();
        out.dedup();
        out
    }

    const WIRE: &str = "the port authority of Calderra said on Tuesday that the new ferry line \
        to the islands of Mirrow would open in the spring after two years of delays caused by \
        a dispute over the price of fuel and the shortage of trained crews in the region";

    #[test]
    fn signature_is_deterministic_and_estimates_jaccard() {
        let a = Signature::from_shingles(&shingles(WIRE));
        assert_eq!(a, Signature::from_shingles(&shingles(WIRE)));
        assert_eq!(a.similarity(&a), 1.0);
        let other = Signature::from_shingles(&shingles(
            "storms closed every school in the northern valley for a third day running",
        ));
        assert!(a.similarity(&other) < 0.1);
    }

    #[test]
    fn lightly_edited_reprint_points_at_the_first_copy() {
        let mut index = CopyIndex::new(CopiesConfig::default());
        let first = index.add(&shingles(WIRE), Some(10));
        assert_eq!(first.duplicate_of, None);
        let edited = WIRE.replace("on Tuesday", "late on Tuesday");
        let second = index.add(&shingles(&edited), Some(10));
        assert_eq!(second.duplicate_of, Some(0));
        assert_eq!(index.origin_of(1), Some(0));
    }

    #[test]
    fn earlier_published_copy_becomes_the_origin() {
        let mut index = CopyIndex::new(CopiesConfig::default());
        index.add(&shingles(WIRE), Some(12));
        let earlier = index.add(&shingles(WIRE), Some(11));
        assert_eq!(earlier.duplicate_of, None);
        assert_eq!(index.duplicate_of(0), Some(1));
        assert_eq!(index.duplicate_of(1), None);
    }
}
