//! The trained model: hashed weight tables (one per pass), the feature set they were
//! trained with, and the lexicon; its binary format; and greedy decoding.
//!
//! File format (all integers little-endian):
//! ```text
//! magic  b"CCNERMDL"            8 bytes
//! version u32 (= FORMAT_VERSION)
//! body_len u64, crc32 u32       of the compressed body
//! body   zlib-compressed:
//!   table_bits u32, feature_set u32, passes u32
//!   per pass: rows u32, then per non-zero row: varint row delta, u16 class mask,
//!             one i16 per set class bit
//!   clusters u32, then per entry: varint len, UTF-8 bytes, 3 × u16
//!   gazetteer u32, then per entry: varint len, UTF-8 bytes, u8 type mask
//! ```

use std::io::{Read, Write};
use std::path::Path;

use crate::error::{Error, Result};
use crate::features::{
    DocInfo, FeatureSet, START, Sink, dynamic_features, second_pass_features, static_features,
    table_rows,
};
use crate::lexicon::Lexicon;
use crate::tag::{EntitySpan, EntityTag, spans_from_tags};
use crate::viterbi::{Lattice, Weights};

const MAGIC: &[u8; 8] = b"CCNERMDL";
/// Version of the binary model format this build reads and writes.
pub const FORMAT_VERSION: u32 = 1;
const CLASSES: usize = EntityTag::COUNT;
/// Largest table the loader accepts (2^22 buckets: about 95 MB of weights), so a damaged
/// header cannot ask for an absurd allocation.
pub(crate) const MAX_TABLE_BITS: u32 = 22;

static EMBEDDED: &[u8] = include_bytes!("../../../models/ner/model.ccner");

/// One pass's quantised weights: `1 << bits` buckets × 9 classes.
#[derive(Clone, Debug, PartialEq)]
pub(crate) struct Table {
    pub(crate) weights: Vec<i16>,
}

impl Table {
    pub(crate) fn zeros(bits: u32) -> Self {
        // Written, not calloc'ed: the pages are faulted in at load time rather than during
        // the first documents tagged.
        #[allow(clippy::slow_vector_initialization)]
        let weights = {
            let mut w = Vec::with_capacity(table_rows(bits) * CLASSES);
            w.resize(table_rows(bits) * CLASSES, 0);
            w
        };
        Table { weights }
    }

    /// Quantises averaged weights to i16; weights whose magnitude rounds to `prune` or
    /// less are dropped (they are most of them, and change almost no decision).
    pub(crate) fn quantise(weights: &[f32], prune: i16) -> Self {
        let max = weights.iter().fold(0f32, |m, w| m.max(w.abs()));
        let scale = if max > 0.0 { 32767.0 / max } else { 1.0 };
        let weights = weights
            .iter()
            .map(|w| {
                let q = (w * scale).round().clamp(-32767.0, 32767.0) as i16;
                if q.abs() <= prune { 0 } else { q }
            })
            .collect();
        Table { weights }
    }

    #[inline]
    fn score(&self, buckets: &[u32], scores: &mut [i32; CLASSES]) {
        for &b in buckets {
            let row = b as usize * CLASSES;
            if let Some(w) = self.weights.get(row..row + CLASSES) {
                for (s, &w) in scores.iter_mut().zip(w) {
                    *s += i32::from(w);
                }
            }
        }
    }
}

/// A trained named-entity recogniser.
#[derive(Clone, Debug)]
pub struct NerModel {
    pub(crate) bits: u32,
    pub(crate) set: FeatureSet,
    pub(crate) passes: Vec<Table>,
    pub(crate) lexicon: Lexicon,
}

/// Reusable buffers for tagging: keep one per thread to avoid reallocating per document.
#[derive(Debug, Default)]
pub struct TagBuffers {
    pub(crate) doc: DocInfo,
    decoder: Decoder,
    pub(crate) tags: Vec<u8>,
}

impl NerModel {
    /// The model shipped inside the crate (models/ner/model.ccner).
    pub fn embedded() -> Result<Self> {
        Self::from_bytes(EMBEDDED, "embedded")
    }

    /// The embedded model, loaded once per process and shared (later loads are free).
    pub fn shared() -> Result<&'static NerModel> {
        static SHARED: std::sync::OnceLock<std::result::Result<NerModel, String>> =
            std::sync::OnceLock::new();
        SHARED
            .get_or_init(|| NerModel::embedded().map_err(|e| e.to_string()))
            .as_ref()
            .map_err(|problem| Error::Model {
                origin: "embedded".into(),
                problem: problem.clone(),
            })
    }

    /// Loads a model file.
    pub fn load(path: &Path) -> Result<Self> {
        let bytes = std::fs::read(path).map_err(|e| Error::io(path, e))?;
        Self::from_bytes(&bytes, &path.display().to_string())
    }

    /// Writes the model in the binary format.
    pub fn save(&self, path: &Path) -> Result<()> {
        if let Some(dir) = path.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir).map_err(|e| Error::io(dir, e))?;
        }
        std::fs::write(path, self.to_bytes()).map_err(|e| Error::io(path, e))
    }

    /// The feature families this model uses.
    pub fn feature_set(&self) -> FeatureSet {
        self.set
    }

    /// Serialises the model.
    pub fn to_bytes(&self) -> Vec<u8> {
        let mut body = Vec::new();
        put_u32(&mut body, self.bits);
        put_u32(&mut body, self.set.bits());
        put_u32(&mut body, self.passes.len() as u32);
        for table in &self.passes {
            let rows: Vec<(usize, &[i16])> = table
                .weights
                .chunks(CLASSES)
                .enumerate()
                .filter(|(_, r)| r.iter().any(|&w| w != 0))
                .collect();
            put_u32(&mut body, rows.len() as u32);
            let mut last = 0usize;
            for (i, row) in rows {
                put_varint(&mut body, (i - last) as u64);
                last = i;
                let mask = row
                    .iter()
                    .enumerate()
                    .filter(|(_, w)| **w != 0)
                    .fold(0u16, |m, (c, _)| m | 1 << c);
                body.extend_from_slice(&mask.to_le_bytes());
                for &w in row.iter().filter(|w| **w != 0) {
                    body.extend_from_slice(&w.to_le_bytes());
                }
            }
        }
        put_u32(&mut body, self.lexicon.cluster_entries.len() as u32);
        for (piece, ids) in &self.lexicon.cluster_entries {
            put_str(&mut body, piece);
            for id in ids {
                body.extend_from_slice(&id.to_le_bytes());
            }
        }
        put_u32(&mut body, self.lexicon.gazetteer_entries.len() as u32);
        for (phrase, mask) in &self.lexicon.gazetteer_entries {
            put_str(&mut body, phrase);
            body.push(*mask);
        }
        let mut z = flate2::write::ZlibEncoder::new(Vec::new(), flate2::Compression::best());
        // Writing to a Vec cannot fail.
        let _ = z.write_all(&body);
        let compressed = z.finish().unwrap_or_default();
        let mut crc = flate2::Crc::new();
        crc.update(&compressed);
        let mut out = Vec::with_capacity(compressed.len() + 24);
        out.extend_from_slice(MAGIC);
        put_u32(&mut out, FORMAT_VERSION);
        out.extend_from_slice(&(compressed.len() as u64).to_le_bytes());
        put_u32(&mut out, crc.sum());
        out.extend_from_slice(&compressed);
        out
    }

    /// Reads a model from bytes; `origin` names it in errors.
    pub fn from_bytes(bytes: &[u8], origin: &str) -> Result<Self> {
        let bad = |problem: String| Error::Model {
            origin: origin.to_string(),
            problem,
        };
        let mut head = Reader::new(bytes);
        let magic = head.take(8).map_err(&bad)?;
        if magic != MAGIC {
            return Err(bad("not a crosscheck NER model (bad magic)".into()));
        }
        let version = head.u32().map_err(&bad)?;
        if version != FORMAT_VERSION {
            return Err(bad(format!(
                "format version {version}, this build reads version {FORMAT_VERSION}"
            )));
        }
        let len = head.u64().map_err(&bad)?;
        let sum = head.u32().map_err(&bad)?;
        let len = usize::try_from(len).map_err(|_| bad("body length too large".into()))?;
        let compressed = head.take(len).map_err(&bad)?;
        let mut crc = flate2::Crc::new();
        crc.update(compressed);
        if crc.sum() != sum {
            return Err(bad("checksum mismatch: the file is damaged".into()));
        }
        let mut body = Vec::new();
        // Bounded, so a damaged or hostile body cannot inflate without limit.
        flate2::read::ZlibDecoder::new(compressed)
            .take(1 << 28)
            .read_to_end(&mut body)
            .map_err(|e| bad(format!("cannot decompress: {e}")))?;
        Self::parse_body(&body).map_err(bad)
    }

    fn parse_body(body: &[u8]) -> std::result::Result<Self, String> {
        let mut r = Reader::new(body);
        let bits = r.u32()?;
        if !(1..=MAX_TABLE_BITS).contains(&bits) {
            return Err(format!("table size 2^{bits} out of range"));
        }
        let set = FeatureSet::from_bits(r.u32()?);
        let pass_count = r.u32()?;
        if pass_count != 1 + u32::from(set.second_pass) {
            return Err(format!("{pass_count} weight tables for this feature set"));
        }
        let mut passes = Vec::new();
        for _ in 0..pass_count {
            let mut table = Table::zeros(bits);
            let rows = r.u32()?;
            let mut row = 0usize;
            for _ in 0..rows {
                row = row
                    .checked_add(usize::try_from(r.varint()?).map_err(|e| e.to_string())?)
                    .ok_or("row index overflow")?;
                let mask = u16::from_le_bytes(r.array()?);
                let lo = row.checked_mul(CLASSES).ok_or("row index overflow")?;
                let slot = table
                    .weights
                    .get_mut(lo..lo + CLASSES)
                    .ok_or("row index outside the table")?;
                for (c, w) in slot.iter_mut().enumerate() {
                    if mask & (1 << c) != 0 {
                        *w = i16::from_le_bytes(r.array()?);
                    }
                }
            }
            passes.push(table);
        }
        let n = r.u32()?;
        let mut clusters = Vec::with_capacity(n.min(1 << 20) as usize);
        for _ in 0..n {
            let piece = r.string()?;
            let ids = [
                u16::from_le_bytes(r.array()?),
                u16::from_le_bytes(r.array()?),
                u16::from_le_bytes(r.array()?),
            ];
            clusters.push((piece, ids));
        }
        let n = r.u32()?;
        let mut gazetteer = Vec::with_capacity(n.min(1 << 20) as usize);
        for _ in 0..n {
            let phrase = r.string()?;
            let [mask] = r.array()?;
            gazetteer.push((phrase, mask));
        }
        if !r.is_empty() {
            return Err("trailing bytes after the model".into());
        }
        Ok(NerModel {
            bits,
            set,
            passes,
            lexicon: Lexicon::new(clusters, gazetteer),
        })
    }

    /// Tags a document given as sentences of tokens. The whole document is needed because
    /// some features look at how the same word is used elsewhere in it.
    pub fn tag_document<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<EntityTag>> {
        self.tag_document_with(sentences, &mut TagBuffers::default())
    }

    /// [`NerModel::tag_document`] with caller-owned buffers, for tagging many documents.
    pub fn tag_document_with<S: AsRef<str>>(
        &self,
        sentences: &[Vec<S>],
        buf: &mut TagBuffers,
    ) -> Vec<Vec<EntityTag>> {
        self.tag_into(sentences, buf);
        buf.doc
            .sentences
            .iter()
            .map(|&(s, e)| {
                buf.tags
                    .get(s..e)
                    .unwrap_or(&[])
                    .iter()
                    .map(|&t| EntityTag::from_index(usize::from(t)).unwrap_or(EntityTag::O))
                    .collect()
            })
            .collect()
    }

    /// Tags a document, leaving the class index of every token in `buf.tags` and the
    /// sentence bounds in `buf.doc.sentences` (no per-sentence allocation).
    pub(crate) fn tag_into<T: AsRef<[S]>, S: AsRef<str>>(
        &self,
        sentences: &[T],
        buf: &mut TagBuffers,
    ) {
        buf.doc.prepare(sentences, &self.lexicon, self.set);
        buf.decoder.prepare(self.set, self.bits, &buf.doc);
        for (pass, table) in self.passes.iter().enumerate() {
            if pass > 0 {
                buf.doc.set_first_pass(&buf.tags);
            }
            decode(
                table,
                self.bits,
                self.set,
                pass > 0,
                &buf.doc,
                &mut buf.decoder,
                &mut buf.tags,
            );
        }
    }

    /// Entity spans (token indices) per sentence.
    pub fn entities<S: AsRef<str>>(&self, sentences: &[Vec<S>]) -> Vec<Vec<EntitySpan>> {
        self.tag_document(sentences)
            .iter()
            .map(|tags| spans_from_tags(tags))
            .collect()
    }
}

/// Reusable decoding buffers.
#[derive(Debug, Default)]
pub(crate) struct Decoder {
    /// Static-feature buckets of every token of the document, shared by both passes.
    cache: Vec<u32>,
    offsets: Vec<usize>,
    buckets: Vec<u32>,
    emissions: Vec<[f32; CLASSES]>,
    lattice: Lattice,
}

impl Decoder {
    /// Extracts the static features of every token once per document.
    pub(crate) fn prepare(&mut self, set: FeatureSet, bits: u32, doc: &DocInfo) {
        self.cache.clear();
        self.offsets.clear();
        self.offsets.push(0);
        for &(start, end) in &doc.sentences {
            for i in start..end {
                let mut sink = Sink {
                    out: &mut self.cache,
                    shift: 64 - bits,
                };
                static_features(set, false, doc, (start, end), i, &mut sink);
                self.offsets.push(self.cache.len());
            }
        }
    }

    fn statics(&self, i: usize) -> &[u32] {
        match (self.offsets.get(i), self.offsets.get(i + 1)) {
            (Some(&lo), Some(&hi)) => self.cache.get(lo..hi).unwrap_or(&[]),
            _ => &[],
        }
    }
}

impl Weights for Table {
    /// Sums the rows in i32 and adds the sum to `scores` once. The result is the same,
    /// bit for bit, as adding each weight to the f32 scores in turn: every partial sum
    /// is an integer far below 2^24 (at most ~150 rows of |w| <= 32767 per call, on
    /// scores that are themselves such sums), and f32 holds those exactly. The integer
    /// loop over a fixed-size row vectorises; the f32 one converted weight by weight.
    #[inline]
    fn add(&self, buckets: &[u32], scores: &mut [f32; CLASSES]) {
        let mut sum = [0i32; CLASSES];
        for &b in buckets {
            let row = b as usize * CLASSES;
            if let Some(w) = self
                .weights
                .get(row..row + CLASSES)
                .and_then(|w| <&[i16; CLASSES]>::try_from(w).ok())
            {
                for c in 0..CLASSES {
                    sum[c] += i32::from(w[c]);
                }
            }
        }
        for (s, v) in scores.iter_mut().zip(sum) {
            *s += v as f32;
        }
    }
}

/// Decodes one pass over a document whose static features `dec` holds
/// ([`Decoder::prepare`]); writes class indices for every token.
pub(crate) fn decode(
    table: &Table,
    bits: u32,
    set: FeatureSet,
    second: bool,
    doc: &DocInfo,
    dec: &mut Decoder,
    tags: &mut Vec<u8>,
) {
    tags.clear();
    tags.resize(doc.toks.len(), 0);
    let shift = 64 - bits;
    for &(start, end) in &doc.sentences {
        if set.viterbi {
            dec.emissions.clear();
            for i in start..end {
                let mut scores = [0f32; CLASSES];
                table.add(dec.statics(i), &mut scores);
                if second {
                    dec.buckets.clear();
                    let mut sink = Sink {
                        out: &mut dec.buckets,
                        shift,
                    };
                    second_pass_features(doc, (start, end), i, &mut sink);
                    table.add(&dec.buckets, &mut scores);
                }
                dec.emissions.push(scores);
            }
            let toks = doc.toks.get(start..end).unwrap_or(&[]);
            let out = tags.get_mut(start..end).unwrap_or(&mut []);
            dec.lattice.decode(table, shift, toks, &dec.emissions, out);
            continue;
        }
        let (mut prev, mut prev2) = (START, START);
        for i in start..end {
            dec.buckets.clear();
            if let (Some(&lo), Some(&hi)) = (dec.offsets.get(i), dec.offsets.get(i + 1)) {
                dec.buckets
                    .extend_from_slice(dec.cache.get(lo..hi).unwrap_or(&[]));
            }
            let mut sink = Sink {
                out: &mut dec.buckets,
                shift,
            };
            if second {
                second_pass_features(doc, (start, end), i, &mut sink);
            }
            if let Some(tok) = doc.toks.get(i) {
                dynamic_features(tok, prev, prev2, &mut sink);
            }
            let mut scores = [0i32; CLASSES];
            table.score(&dec.buckets, &mut scores);
            let best = best_valid(&scores, prev);
            if let Some(slot) = tags.get_mut(i) {
                *slot = best;
            }
            prev2 = prev;
            prev = best;
        }
    }
}

/// Highest-scoring class that may follow `prev` in IOB2.
#[inline]
pub(crate) fn best_valid<T: PartialOrd + Copy>(scores: &[T; CLASSES], prev: u8) -> u8 {
    let prev_tag = EntityTag::from_index(usize::from(prev)).unwrap_or(EntityTag::O);
    let mut best = 0u8;
    let mut best_score = scores[0];
    for (c, &s) in scores.iter().enumerate().skip(1) {
        let ok = EntityTag::from_index(c).is_some_and(|t| t.may_follow(prev_tag));
        if ok && s > best_score {
            best = c as u8;
            best_score = s;
        }
    }
    best
}

fn put_u32(out: &mut Vec<u8>, v: u32) {
    out.extend_from_slice(&v.to_le_bytes());
}

fn put_varint(out: &mut Vec<u8>, mut v: u64) {
    while v >= 0x80 {
        out.push((v as u8) | 0x80);
        v >>= 7;
    }
    out.push(v as u8);
}

fn put_str(out: &mut Vec<u8>, s: &str) {
    put_varint(out, s.len() as u64);
    out.extend_from_slice(s.as_bytes());
}

/// Bounds-checked reading: every method fails instead of panicking on short input.
struct Reader<'a> {
    bytes: &'a [u8],
}

impl<'a> Reader<'a> {
    fn new(bytes: &'a [u8]) -> Self {
        Reader { bytes }
    }

    fn is_empty(&self) -> bool {
        self.bytes.is_empty()
    }

    fn take(&mut self, n: usize) -> std::result::Result<&'a [u8], String> {
        if n > self.bytes.len() {
            return Err("unexpected end of data".into());
        }
        let (head, rest) = self.bytes.split_at(n);
        self.bytes = rest;
        Ok(head)
    }

    fn array<const N: usize>(&mut self) -> std::result::Result<[u8; N], String> {
        let head = self.take(N)?;
        head.try_into()
            .map_err(|_| "unexpected end of data".to_string())
    }

    fn u32(&mut self) -> std::result::Result<u32, String> {
        Ok(u32::from_le_bytes(self.array()?))
    }

    fn u64(&mut self) -> std::result::Result<u64, String> {
        Ok(u64::from_le_bytes(self.array()?))
    }

    fn varint(&mut self) -> std::result::Result<u64, String> {
        let mut v = 0u64;
        for shift in (0..64).step_by(7) {
            let [b] = self.array()?;
            v |= u64::from(b & 0x7f) << shift;
            if b & 0x80 == 0 {
                return Ok(v);
            }
        }
        Err("varint too long".into())
    }

    fn string(&mut self) -> std::result::Result<String, String> {
        let len = usize::try_from(self.varint()?).map_err(|e| e.to_string())?;
        let bytes = self.take(len)?;
        String::from_utf8(bytes.to_vec()).map_err(|_| "string is not UTF-8".into())
    }
}
