//! Training: an averaged perceptron over the hashed features, greedy decoding with the
//! model's own previous decisions (so training sees what tagging will see), and for the
//! second pass a two-fold first pass, so the second pass never learns from first-pass tags
//! of sentences the first pass was trained on.

use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crate::conll::read_conll;
use crate::error::{Error, Result};
use crate::features::{
    DocInfo, FeatureSet, START, Sink, Tok, dynamic_features, static_features, transition_features,
};
use crate::lexicon::{Lexicon, read_clusters, read_gazetteer};
use crate::model::{Decoder, NerModel, Table, TagBuffers, best_valid, decode};
use crate::tag::{EntityTag, EntityType, spans_from_tags, to_iob2};
use crate::viterbi::{Lattice, Weights};

const CLASSES: usize = EntityTag::COUNT;

/// Settings for [`train`].
#[derive(Clone, Debug)]
pub struct TrainConfig {
    /// Folder with `train.txt` (CoNLL-2003); `valid.txt` there, if present, is scored.
    pub data: PathBuf,
    /// Where the model is written.
    pub out: PathBuf,
    /// Word-cluster table (tools/ner/clusters.py); needed when `features.clusters`.
    pub clusters: PathBuf,
    /// Gazetteer (tools/ner/gazetteer.py); needed when `features.gazetteer`.
    pub gazetteer: PathBuf,
    /// Passes over the training data.
    pub epochs: usize,
    /// Seed for the document order and the fold split.
    pub seed: u64,
    /// log2 of the number of weight-table buckets.
    pub table_bits: u32,
    /// Quantised weights of this magnitude or less are dropped from the model.
    pub prune: i16,
    /// Feature families.
    pub features: FeatureSet,
}

impl Default for TrainConfig {
    fn default() -> Self {
        TrainConfig {
            data: PathBuf::from("../shared/bench/ner/conll2003"),
            out: PathBuf::from("models/ner/model.ccner"),
            clusters: PathBuf::from("models/ner/clusters.tsv"),
            gazetteer: PathBuf::from("models/ner/gazetteer.tsv"),
            epochs: 12,
            seed: 7,
            table_bits: 20,
            prune: 0,
            features: FeatureSet::default(),
        }
    }
}

/// Entity-level exact-match scores.
#[derive(Clone, Copy, Debug, Default, PartialEq)]
pub struct SpanScore {
    /// Gold entities.
    pub gold: usize,
    /// Predicted entities.
    pub predicted: usize,
    /// Predicted entities that match a gold one exactly (bounds and type).
    pub correct: usize,
}

impl SpanScore {
    /// Precision in percent.
    pub fn precision(&self) -> f64 {
        pct(self.correct, self.predicted)
    }
    /// Recall in percent.
    pub fn recall(&self) -> f64 {
        pct(self.correct, self.gold)
    }
    /// F1 in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r > 0.0 {
            2.0 * p * r / (p + r)
        } else {
            0.0
        }
    }
}

fn pct(a: usize, b: usize) -> f64 {
    if b == 0 {
        0.0
    } else {
        100.0 * a as f64 / b as f64
    }
}

/// What [`train`] did.
#[derive(Clone, Debug)]
pub struct TrainReport {
    /// Training documents, sentences and tokens.
    pub documents: usize,
    /// Training sentences.
    pub sentences: usize,
    /// Training tokens.
    pub tokens: usize,
    /// Epochs run.
    pub epochs: usize,
    /// Wall-clock training time in seconds (including the fold models).
    pub seconds: f64,
    /// Where the model was written, and its size in bytes.
    pub out: PathBuf,
    /// Size of the written model file.
    pub model_bytes: usize,
    /// Scores on `valid.txt`, overall and per type, when that file exists.
    pub dev: Option<(SpanScore, [SpanScore; 4])>,
}

impl fmt::Display for TrainReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "trained on {} documents, {} sentences, {} tokens; {} epochs in {:.1} s",
            self.documents, self.sentences, self.tokens, self.epochs, self.seconds
        )?;
        writeln!(
            f,
            "model: {} ({:.2} MB)",
            self.out.display(),
            self.model_bytes as f64 / 1e6
        )?;
        if let Some((all, per)) = &self.dev {
            writeln!(
                f,
                "dev: P {:.2} R {:.2} F1 {:.2}",
                all.precision(),
                all.recall(),
                all.f1()
            )?;
            for (t, s) in EntityType::ALL.iter().zip(per) {
                writeln!(f, "  {:<4} F1 {:.2} ({} gold)", t.as_str(), s.f1(), s.gold)?;
            }
        }
        Ok(())
    }
}

/// A labelled training document.
struct TrainDoc {
    words: Vec<Vec<String>>,
    gold: Vec<u8>,
}

fn load_docs(path: &Path) -> Result<Vec<TrainDoc>> {
    let docs = read_conll(path)?;
    Ok(docs
        .into_iter()
        .filter(|d| !d.sentences.is_empty())
        .map(|d| {
            let mut gold = Vec::new();
            let words = d
                .sentences
                .iter()
                .map(|s| {
                    let mut tags: Vec<EntityTag> = s
                        .tokens
                        .iter()
                        .map(|t| EntityTag::parse(&t.tag).unwrap_or(EntityTag::O))
                        .collect();
                    to_iob2(&mut tags);
                    gold.extend(tags.iter().map(|t| t.index() as u8));
                    s.tokens.iter().map(|t| t.word.clone()).collect()
                })
                .collect();
            TrainDoc { words, gold }
        })
        .collect())
}

/// Trains a model as `config` says, writes it to `config.out`, and scores it on the dev
/// file if there is one. Deterministic given the seed.
pub fn train(config: &TrainConfig) -> Result<TrainReport> {
    let started = Instant::now();
    if !(10..=24).contains(&config.table_bits) {
        return Err(Error::Training(format!(
            "table_bits {} outside 10..=24",
            config.table_bits
        )));
    }
    let docs = load_docs(&config.data.join("train.txt"))?;
    if docs.is_empty() {
        return Err(Error::Training(format!(
            "no sentences in {}",
            config.data.join("train.txt").display()
        )));
    }
    let set = config.features;
    let clusters = if set.clusters {
        read_clusters(&config.clusters)?
    } else {
        Vec::new()
    };
    let gazetteer = if set.gazetteer {
        read_gazetteer(&config.gazetteer)?
    } else {
        Vec::new()
    };
    let lexicon = Lexicon::new(clusters, gazetteer);
    let trainer = Trainer {
        bits: config.table_bits,
        set,
        lexicon: &lexicon,
        epochs: config.epochs,
        prune: config.prune,
    };

    let all: Vec<&TrainDoc> = docs.iter().collect();
    let first = trainer.train_pass(&all, None, config.seed)?;
    let mut passes = vec![first];
    if set.second_pass {
        // Two folds: each half is tagged by a first pass trained on the other half.
        let mut order: Vec<usize> = (0..docs.len()).collect();
        shuffle(&mut order, config.seed ^ 0xf01d);
        let (a, b): (Vec<usize>, Vec<usize>) = order.iter().partition(|&&i| i % 2 == 0);
        let mut firsts: Vec<Vec<u8>> = vec![Vec::new(); docs.len()];
        for (train_on, tag) in [(&a, &b), (&b, &a)] {
            let part: Vec<&TrainDoc> = train_on.iter().filter_map(|&i| docs.get(i)).collect();
            let table = trainer.train_pass(&part, None, config.seed.wrapping_add(1))?;
            let mut info = DocInfo::default();
            let mut dec = Decoder::default();
            for &i in tag.iter() {
                let Some(doc) = docs.get(i) else { continue };
                info.prepare(&doc.words, &lexicon, set);
                let mut tags = Vec::new();
                decode(&table, trainer.bits, set, false, &info, &mut dec, &mut tags);
                if let Some(slot) = firsts.get_mut(i) {
                    *slot = tags;
                }
            }
        }
        passes.push(trainer.train_pass(&all, Some(&firsts), config.seed.wrapping_add(2))?);
    }
    let model = NerModel {
        bits: config.table_bits,
        set,
        passes,
        lexicon,
    };
    model.save(&config.out)?;
    let model_bytes = std::fs::metadata(&config.out)
        .map(|m| m.len() as usize)
        .unwrap_or(0);
    let seconds = started.elapsed().as_secs_f64();
    let dev_path = config.data.join("valid.txt");
    let dev = if dev_path.exists() {
        Some(score_file(&model, &dev_path)?)
    } else {
        None
    };
    Ok(TrainReport {
        documents: docs.len(),
        sentences: docs.iter().map(|d| d.words.len()).sum(),
        tokens: docs.iter().map(|d| d.gold.len()).sum(),
        epochs: config.epochs,
        seconds,
        out: config.out.clone(),
        model_bytes,
        dev,
    })
}

/// Exact-match entity scores of `model` on a labelled CoNLL file.
pub fn score_file(model: &NerModel, path: &Path) -> Result<(SpanScore, [SpanScore; 4])> {
    let docs = load_docs(path)?;
    let mut all = SpanScore::default();
    let mut per = [SpanScore::default(); 4];
    let mut buf = TagBuffers::default();
    for doc in &docs {
        let predicted = model.tag_document_with(&doc.words, &mut buf);
        let mut offset = 0;
        for tags in predicted {
            let gold: Vec<EntityTag> = doc
                .gold
                .get(offset..offset + tags.len())
                .unwrap_or(&[])
                .iter()
                .map(|&t| EntityTag::from_index(usize::from(t)).unwrap_or(EntityTag::O))
                .collect();
            offset += tags.len();
            let g = spans_from_tags(&gold);
            let p = spans_from_tags(&tags);
            for s in &g {
                all.gold += 1;
                per[s.kind.index()].gold += 1;
            }
            for s in &p {
                all.predicted += 1;
                per[s.kind.index()].predicted += 1;
                if g.contains(s) {
                    all.correct += 1;
                    per[s.kind.index()].correct += 1;
                }
            }
        }
    }
    Ok((all, per))
}

struct Trainer<'a> {
    bits: u32,
    set: FeatureSet,
    lexicon: &'a Lexicon,
    epochs: usize,
    prune: i16,
}

/// Averaged perceptron weights with lazy averaging (each weight remembers when it last
/// changed, so an update costs O(1) instead of touching the whole table).
struct Averaged {
    w: Vec<f32>,
    total: Vec<f64>,
    stamp: Vec<u32>,
    now: u32,
}

impl Averaged {
    fn new(len: usize) -> Self {
        Averaged {
            w: vec![0.0; len],
            total: vec![0.0; len],
            stamp: vec![0; len],
            now: 0,
        }
    }

    #[inline]
    fn update(&mut self, buckets: &[u32], class: usize, delta: f32) {
        for &b in buckets {
            let i = b as usize * CLASSES + class;
            if let (Some(w), Some(t), Some(s)) = (
                self.w.get_mut(i),
                self.total.get_mut(i),
                self.stamp.get_mut(i),
            ) {
                *t += f64::from(self.now - *s) * f64::from(*w);
                *s = self.now;
                *w += delta;
            }
        }
    }

    #[inline]
    fn score(&self, buckets: &[u32], scores: &mut [f32; CLASSES]) {
        self.add(buckets, scores);
    }

    fn averaged(&self) -> Vec<f32> {
        let now = f64::from(self.now.max(1));
        self.w
            .iter()
            .zip(&self.total)
            .zip(&self.stamp)
            .map(|((&w, &t), &s)| ((t + f64::from(self.now - s) * f64::from(w)) / now) as f32)
            .collect()
    }
}

impl Weights for Averaged {
    #[inline]
    fn add(&self, buckets: &[u32], scores: &mut [f32; CLASSES]) {
        for &b in buckets {
            let row = b as usize * CLASSES;
            if let Some(w) = self.w.get(row..row + CLASSES) {
                for (s, &w) in scores.iter_mut().zip(w) {
                    *s += w;
                }
            }
        }
    }
}

impl Trainer<'_> {
    /// Trains one pass on `docs`; `firsts` (per document, first-pass tags) makes it a
    /// second pass.
    fn train_pass(
        &self,
        docs: &[&TrainDoc],
        firsts: Option<&[Vec<u8>]>,
        seed: u64,
    ) -> Result<Table> {
        // Static features never change: extract them once for all epochs.
        let shift = 64 - self.bits;
        let mut info = DocInfo::default();
        let mut cached = Vec::with_capacity(docs.len());
        for (d, doc) in docs.iter().enumerate() {
            info.prepare(&doc.words, self.lexicon, self.set);
            if let Some(f) = firsts.and_then(|f| f.get(d)) {
                info.set_first_pass(f);
            }
            let mut buckets = Vec::new();
            let mut offsets = vec![0];
            for &(s, e) in &info.sentences {
                for i in s..e {
                    let mut sink = Sink {
                        out: &mut buckets,
                        shift,
                    };
                    static_features(self.set, firsts.is_some(), &info, (s, e), i, &mut sink);
                    offsets.push(buckets.len());
                }
            }
            cached.push(Cached {
                toks: std::mem::take(&mut info.toks),
                sentences: std::mem::take(&mut info.sentences),
                offsets,
                buckets,
            });
        }
        let mut model = Averaged::new((1usize << self.bits) * CLASSES);
        let mut order: Vec<usize> = (0..docs.len()).collect();
        let mut feats = Vec::new();
        let mut vit = ViterbiScratch::default();
        for epoch in 0..self.epochs {
            shuffle(&mut order, seed.wrapping_add(epoch as u64));
            for &d in &order {
                let (Some(doc), Some(c)) = (docs.get(d), cached.get(d)) else {
                    continue;
                };
                for &(s, e) in &c.sentences {
                    if self.set.viterbi {
                        self.viterbi_step(&mut model, c_view(c), doc, (s, e), shift, &mut vit);
                        continue;
                    }
                    let (mut prev, mut prev2) = (START, START);
                    for i in s..e {
                        let (Some(&lo), Some(&hi)) = (c.offsets.get(i), c.offsets.get(i + 1))
                        else {
                            continue;
                        };
                        feats.clear();
                        feats.extend_from_slice(c.buckets.get(lo..hi).unwrap_or(&[]));
                        if let Some(tok) = c.toks.get(i) {
                            let mut sink = Sink {
                                out: &mut feats,
                                shift,
                            };
                            dynamic_features(tok, prev, prev2, &mut sink);
                        }
                        let mut scores = [0f32; CLASSES];
                        model.score(&feats, &mut scores);
                        let guess = best_valid(&scores, prev);
                        let gold = doc.gold.get(i).copied().unwrap_or(0);
                        model.now += 1;
                        if guess != gold {
                            model.update(&feats, usize::from(gold), 1.0);
                            model.update(&feats, usize::from(guess), -1.0);
                        }
                        prev2 = prev;
                        prev = guess;
                    }
                }
            }
        }
        Ok(Table::quantise(&model.averaged(), self.prune))
    }
}

/// One training document's tokens and cached static-feature buckets.
struct Cached {
    toks: Vec<Tok>,
    sentences: Vec<(usize, usize)>,
    offsets: Vec<usize>,
    buckets: Vec<u32>,
}

fn c_view(c: &Cached) -> &Cached {
    c
}

#[derive(Default)]
struct ViterbiScratch {
    emissions: Vec<[f32; CLASSES]>,
    lattice: Lattice,
    guess: Vec<u8>,
    feats: Vec<u32>,
}

impl Trainer<'_> {
    /// One structured-perceptron step on sentence `s..e`: decode with Viterbi, then move
    /// weights towards the gold path wherever the paths differ.
    fn viterbi_step(
        &self,
        model: &mut Averaged,
        c: &Cached,
        doc: &TrainDoc,
        (s, e): (usize, usize),
        shift: u32,
        vit: &mut ViterbiScratch,
    ) {
        let statics = |i: usize| -> &[u32] {
            match (c.offsets.get(i), c.offsets.get(i + 1)) {
                (Some(&lo), Some(&hi)) => c.buckets.get(lo..hi).unwrap_or(&[]),
                _ => &[],
            }
        };
        vit.emissions.clear();
        for i in s..e {
            let mut scores = [0f32; CLASSES];
            model.add(statics(i), &mut scores);
            vit.emissions.push(scores);
        }
        vit.guess.clear();
        vit.guess.resize(e - s, 0);
        let toks = c.toks.get(s..e).unwrap_or(&[]);
        vit.lattice
            .decode(&*model, shift, toks, &vit.emissions, &mut vit.guess);
        model.now += 1;
        let gold = doc.gold.get(s..e).unwrap_or(&[]);
        let (mut gp, mut pp) = (START, START);
        for (k, (&g, &p)) in gold.iter().zip(&vit.guess).enumerate() {
            if g != p {
                model.update(statics(s + k), usize::from(g), 1.0);
                model.update(statics(s + k), usize::from(p), -1.0);
            }
            if g != p || gp != pp {
                if let Some(tok) = toks.get(k) {
                    vit.feats.clear();
                    transition_features(
                        tok,
                        gp,
                        &mut Sink {
                            out: &mut vit.feats,
                            shift,
                        },
                    );
                    model.update(&vit.feats, usize::from(g), 1.0);
                    vit.feats.clear();
                    transition_features(
                        tok,
                        pp,
                        &mut Sink {
                            out: &mut vit.feats,
                            shift,
                        },
                    );
                    model.update(&vit.feats, usize::from(p), -1.0);
                }
            }
            gp = g;
            pp = p;
        }
    }
}

/// Fisher–Yates with a splitmix64 stream: deterministic for a seed, no dependency.
fn shuffle(items: &mut [usize], seed: u64) {
    let mut state = seed;
    for i in (1..items.len()).rev() {
        state = state.wrapping_add(0x9e37_79b9_7f4a_7c15);
        let r = crate::hash::splitmix(state);
        let j = (r % (i as u64 + 1)) as usize;
        items.swap(i, j);
    }
}
