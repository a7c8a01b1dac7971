//! Word clusters and gazetteers: the tables the features look words up in. They are built
//! at training time from committed TSV files and stored inside the model.

use std::path::Path;

use crate::error::{Error, Result};
use crate::hash::{Fnv, KeyMap, lower_key};
use crate::tag::EntityType;

/// Cluster ids at the three granularities (k = 64, 256, 1024).
pub(crate) type ClusterIds = [u16; 3];

/// Cluster table and gazetteer.
#[derive(Clone, Debug, Default)]
pub(crate) struct Lexicon {
    /// `(piece, ids)`, as stored in the model file.
    pub(crate) cluster_entries: Vec<(String, ClusterIds)>,
    /// `(lowercased phrase with tokens joined by one space, type mask)`.
    pub(crate) gazetteer_entries: Vec<(String, u8)>,
    clusters: KeyMap<ClusterIds>,
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
        for (piece, ids) in &self.cluster_entries {
            self.clusters.insert(lower_key(piece), *ids);
            self.cluster_max_chars = self.cluster_max_chars.max(piece.chars().count());
        }
        self.gazetteer = KeyMap::default();
        self.gazetteer.reserve(self.gazetteer_entries.len());
        for (phrase, mask) in &self.gazetteer_entries {
            *self.gazetteer.entry(lower_key(phrase)).or_insert(0) |= *mask;
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
            if let Some(ids) = self.clusters.get(&h.finish()) {
                best = Some((*ids, n + 1 == total));
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

/// Reads `phrase<TAB>TYPE` lines (tools/ner/gazetteer.py); phrases are lowercased,
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
        let ty = EntityType::parse(ty.trim()).ok_or_else(|| Error::Data {
            path: path.to_path_buf(),
            line: n + 1,
            problem: format!("unknown entity type {ty:?}"),
        })?;
        out.push((phrase.to_string(), 1u8 << ty.index()));
    }
    Ok(out)
}
