//! Word clusters and gazetteers: the tables the features look words up in. They are built
//! at training time from committed TSV files and stored inside the model.

use std::path::Path;

use crate::error::{Error, Result};
use crate::hash::{Fnv, KeyMap, lower_key};
use crate::tag::EntityType;

/// Gazetteer mask bit meaning "a longer phrase starts with these tokens" (not a list).
pub(crate) const PREFIX_BIT: u8 = 0x80;

/// Cluster ids at the three granularities (k = 64, 256, 1024).
pub(crate) type ClusterIds = [u16; 3];

/// A key of the cluster table: a piece's ids if the key is a whole piece, and whether
/// a longer piece starts with it.
#[derive(Clone, Copy, Debug, Default)]
struct ClusterEntry {
    ids: Option<ClusterIds>,
    continues: bool,
}

/// Cluster table and gazetteer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// `(piece, ids)`, as stored in the model file.
    pub(crate) cluster_entries: Vec<(String, ClusterIds)>,
    /// `(lowercased phrase with tokens joined by one space, type mask)`.
    pub(crate) gazetteer_entries: Vec<(String, u8)>,
    /// Lowercased pieces and every proper prefix of one (at char boundaries), so the
    /// prefix search stops as soon as no piece continues the word.
    clusters: KeyMap<ClusterEntry>,
    gazetteer: KeyMap<u8>,
    /// Longest gazetteer phrase, in tokens.
    pub(crate) gazetteer_max_len: usize,
    /// Longest cluster piece, in chars (bounds the prefix search).
    cluster_max_chars: usize,
}

impl Lexicon {
    pub(crate) fn new(clusters: Vec<(String, ClusterIds)>, gazetteer: Vec<(String, u8)>) -> Self {
        let mut lex = Lexicon {
            cluster_entries: clusters,
            gazetteer_entries: gazetteer,
            ..Lexicon::default()
        };
        lex.index();
        lex
    }

    fn index(&mut self) {
        self.clusters = KeyMap::default();
        self.clusters.reserve(self.cluster_entries.len());
        let mut lowered = String::new();
        for (piece, ids) in &self.cluster_entries {
            self.clusters.entry(lower_key(piece)).or_default().ids = Some(*ids);
            self.cluster_max_chars = self.cluster_max_chars.max(piece.chars().count());
            // The word is hashed lowercased char by char (`Fnv::lower_char`), so its
            // running keys are those of byte prefixes of the lowercased piece that end
            // at a char boundary.
            lowered.clear();
            lowered.extend(piece.chars().flat_map(char::to_lowercase));
            let mut h = Fnv::new();
            let mut chars = lowered.chars().peekable();
            while let Some(c) = chars.next() {
                if chars.peek().is_none() {
                    break;
                }
                h.char(c);
                self.clusters.entry(h.finish()).or_default().continues = true;
            }
        }
        self.gazetteer = KeyMap::default();
        self.gazetteer.reserve(self.gazetteer_entries.len());
        for (phrase, mask) in &self.gazetteer_entries {
            *self.gazetteer.entry(lower_key(phrase)).or_insert(0) |= *mask & !PREFIX_BIT;
            // Mark every proper prefix, so matching stops as soon as no phrase continues.
            for (end, _) in phrase.match_indices(' ') {
                if let Some(prefix) = phrase.get(..end) {
                    *self.gazetteer.entry(lower_key(prefix)).or_insert(0) |= PREFIX_BIT;
                }
            }
            let len = phrase.split(' ').count();
            self.gazetteer_max_len = self.gazetteer_max_len.max(len);
        }
    }

    /// Cluster ids of the longest vocabulary piece that starts the lowercased word (the
    /// first WordPiece), and whether that piece is the whole word.
    pub(crate) fn cluster(&self, word: &str) -> Option<(ClusterIds, bool)> {
        if self.clusters.is_empty() {
            return None;
        }
        let mut h = Fnv::new();
        let mut best = None;
        let total = word.chars().count();
        for (n, c) in word.chars().enumerate() {
            if n >= self.cluster_max_chars {
                break;
            }
            h.lower_char(c);
            let Some(entry) = self.clusters.get(&h.finish()) else {
                // No piece is this prefix or starts with it: none can be longer.
                break;
            };
            if let Some(ids) = entry.ids {
                best = Some((ids, n + 1 == total));
            }
            if !entry.continues {
                break;
            }
        }
        best
    }

    /// Type mask of a gazetteer phrase given by its key.
    pub(crate) fn gazetteer_mask(&self, key: u64) -> u8 {
        self.gazetteer.get(&key).copied().unwrap_or(0)
    }

    pub(crate) fn has_gazetteer(&self) -> bool {
        !self.gazetteer.is_empty()
    }
}

/// Reads `piece<TAB>c64<TAB>c256<TAB>c1024` lines (tools/ner/clusters.py).
pub(crate) fn read_clusters(path: &Path) -> Result<Vec<(String, ClusterIds)>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let bad = |problem: &str| Error::Data {
            path: path.to_path_buf(),
            line: n + 1,
            problem: problem.to_string(),
        };
        let mut cols = line.split('\t');
        let piece = cols.next().ok_or_else(|| bad("empty line"))?;
        let mut ids = [0u16; 3];
        for id in ids.iter_mut() {
            *id = cols
                .next()
                .and_then(|c| c.trim().parse().ok())
                .ok_or_else(|| bad("expected three cluster ids"))?;
        }
        out.push((piece.to_string(), ids));
    }
    Ok(out)
}

/// Bit of a gazetteer list: the entity types, then first names and surnames.
fn list_bit(name: &str) -> Option<u8> {
    match name {
        "FIRST" => Some(1 << 4),
        "LAST" => Some(1 << 5),
        other => EntityType::parse(other).map(|t| 1u8 << t.index()),
    }
}

/// Reads `phrase<TAB>LIST` lines (tools/ner/gazetteer.py); phrases are lowercased,
/// tokens separated by one space.
pub(crate) fn read_gazetteer(path: &Path) -> Result<Vec<(String, u8)>> {
    let text = std::fs::read_to_string(path).map_err(|e| Error::io(path, e))?;
    let mut out = Vec::new();
    for (n, line) in text.lines().enumerate() {
        if line.is_empty() {
            continue;
        }
        let (phrase, ty) = line.split_once('\t').ok_or_else(|| Error::Data {
            path: path.to_path_buf(),
            line: n + 1,
            problem: "expected phrase<TAB>TYPE".to_string(),
        })?;
        let bit = list_bit(ty.trim()).ok_or_else(|| Error::Data {
            path: path.to_path_buf(),
            line: n + 1,
            problem: format!("unknown list {ty:?} (PER, ORG, LOC, MISC, FIRST or LAST)"),
        })?;
        out.push((phrase.to_string(), bit));
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;

    /// The prefix search that stops early finds what trying every prefix finds.
    #[test]
    fn cluster_search_stops_early_without_changing_results() {
        let pieces = [
            "bren",
            "brenmoor",
            "var",
            "vargas",
            "straße",
            "i\u{307}s",
            "a",
        ];
        let entries: Vec<(String, ClusterIds)> = pieces
            .iter()
            .enumerate()
            .map(|(i, p)| (p.to_string(), [i as u16, 2 * i as u16, 3 * i as u16]))
            .collect();
        let lex = Lexicon::new(entries.clone(), Vec::new());
        let exhaustive = |word: &str| {
            let total = word.chars().count();
            let mut best = None;
            let mut h = Fnv::new();
            for (n, c) in word.chars().enumerate() {
                h.lower_char(c);
                if let Some((_, ids)) = entries.iter().find(|(p, _)| lower_key(p) == h.finish()) {
                    best = Some((*ids, n + 1 == total));
                }
            }
            best
        };
        for word in [
            "Brenmoor",
            "Brenmoors",
            "Brenda",
            "BREN",
            "Vargas",
            "Varga",
            "Straße",
            "STRASSE",
            "İstanbul",
            "Apple",
            "a",
            "",
            "zzz",
            "Va",
        ] {
            assert_eq!(lex.cluster(word), exhaustive(word), "{word}");
        }
    }
}
