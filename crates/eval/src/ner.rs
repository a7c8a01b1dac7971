//! `crosscheck eval ner FILE`: entity-level precision, recall and F1 of the NER model on a
//! CoNLL-2003 file, scored exactly as conlleval scores them, and tagging speed.
//!
//! To wire it in: `pub mod ner;` in lib.rs and `crosscheck-ner.workspace = true` in
//! Cargo.toml.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

use crosscheck_ner::conll::{ConllDocument, read_conll};
use crosscheck_ner::{EntityTag, Error, NerModel, TagBuffers};

/// Counts for one entity type (or all of them).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub struct ChunkCounts {
    /// Chunks in the gold tags.
    pub gold: usize,
    /// Chunks in the predicted tags.
    pub predicted: usize,
    /// Predicted chunks matching a gold chunk exactly (start, end and type).
    pub correct: usize,
}

impl ChunkCounts {
    /// Precision in percent (0 when nothing was predicted).
    pub fn precision(&self) -> f64 {
        percent(self.correct, self.predicted)
    }

    /// Recall in percent (0 when there is nothing to find).
    pub fn recall(&self) -> f64 {
        percent(self.correct, self.gold)
    }

    /// Harmonic mean of precision and recall, in percent.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
}

fn percent(part: usize, whole: usize) -> f64 {
    if whole == 0 {
        0.0
    } else {
        100.0 * part as f64 / whole as f64
    }
}

/// conlleval's chunk counting, token by token. Tags are `O` or `X-TYPE` with X one of
/// B, I, E, S, `[`, `]` (conlleval's full scheme, so IOB1 and IOB2 both score as it does).
#[derive(Clone, Debug)]
pub struct ChunkScorer {
    overall: ChunkCounts,
    per_type: BTreeMap<String, ChunkCounts>,
    in_correct: bool,
    last_gold: (String, String),
    last_guess: (String, String),
}

impl Default for ChunkScorer {
    fn default() -> Self {
        ChunkScorer {
            overall: ChunkCounts::default(),
            per_type: BTreeMap::new(),
            in_correct: false,
            last_gold: ("O".into(), String::new()),
            last_guess: ("O".into(), String::new()),
        }
    }
}

/// Splits `B-PER` into (`B`, `PER`); a tag without a dash has an empty type (conlleval).
fn split_tag(tag: &str) -> (String, String) {
    match tag.split_once('-') {
        Some((t, ty)) => (t.to_string(), ty.to_string()),
        None => (tag.to_string(), String::new()),
    }
}

/// conlleval's endOfChunk.
fn end_of_chunk(prev: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    matches!(
        (prev, tag),
        ("B", "B") | ("B", "O") | ("I", "B") | ("I", "O") | ("E", "E") | ("E", "I") | ("E", "O")
    ) || (prev != "O" && prev != "." && prev_type != ty)
        || prev == "]"
        || prev == "["
}

/// conlleval's startOfChunk.
fn start_of_chunk(prev: &str, tag: &str, prev_type: &str, ty: &str) -> bool {
    matches!(
        (prev, tag),
        ("B", "B") | ("I", "B") | ("O", "B") | ("O", "I") | ("E", "E") | ("E", "I") | ("O", "E")
    ) || (tag != "O" && tag != "." && prev_type != ty)
        || tag == "["
        || tag == "]"
}

impl ChunkScorer {
    /// Scores one token's gold and predicted tags.
    pub fn push(&mut self, gold: &str, guess: &str) {
        let (g, gt) = split_tag(gold);
        let (p, pt) = split_tag(guess);
        let (lg, lgt) = &self.last_gold;
        let (lp, lpt) = &self.last_guess;
        if self.in_correct {
            let gold_end = end_of_chunk(lg, &g, lgt, &gt);
            let guess_end = end_of_chunk(lp, &p, lpt, &pt);
            if gold_end && guess_end && lpt == lgt {
                self.in_correct = false;
                self.overall.correct += 1;
                self.per_type.entry(lgt.clone()).or_default().correct += 1;
            } else if gold_end != guess_end || pt != gt {
                self.in_correct = false;
            }
        }
        let gold_start = start_of_chunk(lg, &g, lgt, &gt);
        let guess_start = start_of_chunk(lp, &p, lpt, &pt);
        if gold_start && guess_start && pt == gt {
            self.in_correct = true;
        }
        if gold_start {
            self.overall.gold += 1;
            self.per_type.entry(gt.clone()).or_default().gold += 1;
        }
        if guess_start {
            self.overall.predicted += 1;
            self.per_type.entry(pt.clone()).or_default().predicted += 1;
        }
        self.last_gold = (g, gt);
        self.last_guess = (p, pt);
    }

    /// A sentence boundary (conlleval reads it as an `O` token for both sides).
    pub fn boundary(&mut self) {
        self.push("O", "O");
    }

    /// Closes the last chunk and returns (overall, per type).
    pub fn finish(mut self) -> (ChunkCounts, BTreeMap<String, ChunkCounts>) {
        if self.in_correct {
            self.overall.correct += 1;
            let ty = self.last_gold.1.clone();
            self.per_type.entry(ty).or_default().correct += 1;
        }
        (self.overall, self.per_type)
    }
}

/// The result of an NER evaluation.
#[derive(Clone, Debug)]
pub struct NerReport {
    /// All entity types together.
    pub overall: ChunkCounts,
    /// Per entity type (`PER`, `ORG`, `LOC`, `MISC`, and any other type the file uses).
    pub per_type: BTreeMap<String, ChunkCounts>,
    /// Documents and tokens tagged.
    pub documents: usize,
    /// Tokens tagged.
    pub tokens: usize,
    /// Seconds spent tagging (feature extraction and decoding, not reading the file).
    pub tagging_seconds: f64,
}

impl NerReport {
    /// Tagging speed.
    pub fn tokens_per_second(&self) -> f64 {
        if self.tagging_seconds > 0.0 {
            self.tokens as f64 / self.tagging_seconds
        } else {
            0.0
        }
    }
}

impl fmt::Display for NerReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{} documents, {} tokens; {} gold entities, {} found, {} correct",
            self.documents,
            self.tokens,
            self.overall.gold,
            self.overall.predicted,
            self.overall.correct
        )?;
        writeln!(
            f,
            "overall  precision {:6.2}  recall {:6.2}  F1 {:6.2}",
            self.overall.precision(),
            self.overall.recall(),
            self.overall.f1()
        )?;
        for (ty, c) in &self.per_type {
            if ty.is_empty() {
                continue;
            }
            writeln!(
                f,
                "{ty:<8} precision {:6.2}  recall {:6.2}  F1 {:6.2}  ({} gold, {} found)",
                c.precision(),
                c.recall(),
                c.f1(),
                c.gold,
                c.predicted
            )?;
        }
        writeln!(
            f,
            "speed    {:.0} tokens/s ({:.3} s tagging)",
            self.tokens_per_second(),
            self.tagging_seconds
        )
    }
}

/// Evaluates the embedded model on `file`; with `predictions`, also writes the input
/// lines with the predicted IOB2 tag appended as a last column.
pub fn run(file: &Path, predictions: Option<&Path>) -> Result<NerReport, Error> {
    let model = NerModel::embedded()?;
    run_with(&model, file, predictions)
}

/// [`run`] with a given model.
pub fn run_with(
    model: &NerModel,
    file: &Path,
    predictions: Option<&Path>,
) -> Result<NerReport, Error> {
    let docs = read_conll(file)?;
    let mut buf = TagBuffers::default();
    let started = Instant::now();
    let tagged: Vec<Vec<Vec<EntityTag>>> = docs
        .iter()
        .map(|d| model.tag_document_with(&d.words(), &mut buf))
        .collect();
    let tagging_seconds = started.elapsed().as_secs_f64();

    let mut scorer = ChunkScorer::default();
    let mut tokens = 0;
    for (doc, tags) in docs.iter().zip(&tagged) {
        for (sentence, tags) in doc.sentences.iter().zip(tags) {
            for (token, tag) in sentence.tokens.iter().zip(tags) {
                scorer.push(&token.tag, tag.as_str());
                tokens += 1;
            }
            scorer.boundary();
        }
    }
    let (overall, per_type) = scorer.finish();
    if let Some(out) = predictions {
        write_predictions(out, &docs, &tagged)?;
    }
    Ok(NerReport {
        overall,
        per_type,
        documents: docs.len(),
        tokens,
        tagging_seconds,
    })
}

fn write_predictions(
    out: &Path,
    docs: &[ConllDocument],
    tagged: &[Vec<Vec<EntityTag>>],
) -> Result<(), Error> {
    let io = |e| Error::Io {
        path: out.to_path_buf(),
        source: e,
    };
    let file = std::fs::File::create(out).map_err(io)?;
    let mut w = std::io::BufWriter::new(file);
    for (doc, tags) in docs.iter().zip(tagged) {
        if let Some(line) = &doc.docstart {
            writeln!(w, "{line} O\n").map_err(io)?;
        }
        for (sentence, tags) in doc.sentences.iter().zip(tags) {
            for (token, tag) in sentence.tokens.iter().zip(tags) {
                writeln!(w, "{} {tag}", token.line).map_err(io)?;
            }
            writeln!(w).map_err(io)?;
        }
    }
    w.flush().map_err(io)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn score(sentences: &[&[(&str, &str)]]) -> (ChunkCounts, BTreeMap<String, ChunkCounts>) {
        let mut s = ChunkScorer::default();
        for sentence in sentences {
            for (g, p) in *sentence {
                s.push(g, p);
            }
            s.boundary();
        }
        s.finish()
    }

    #[test]
    fn exact_match_counts() {
        // Gold: [Ilse Varga]PER [Veloria]LOC; guess: [Ilse Varga]PER [Veloria]ORG.
        let (all, per) = score(&[&[
            ("B-PER", "B-PER"),
            ("I-PER", "I-PER"),
            ("O", "O"),
            ("B-LOC", "B-ORG"),
        ]]);
        assert_eq!((all.gold, all.predicted, all.correct), (2, 2, 1));
        assert!((all.f1() - 50.0).abs() < 1e-9);
        assert_eq!(per["PER"].correct, 1);
        assert_eq!(per["LOC"].correct, 0);
        assert_eq!(per["ORG"].predicted, 1);
    }

    #[test]
    fn partial_span_is_wrong() {
        // Gold: [Norvane Water Commission]ORG; guess: [Norvane Water]ORG [Commission]ORG.
        let (all, _) = score(&[&[("B-ORG", "B-ORG"), ("I-ORG", "I-ORG"), ("I-ORG", "B-ORG")]]);
        assert_eq!((all.gold, all.predicted, all.correct), (1, 2, 0));
        assert_eq!(all.precision(), 0.0);
    }

    #[test]
    fn inside_after_outside_starts_a_chunk() {
        // conlleval: I- after O opens a chunk, so IOB1 "I-PER I-PER" equals "B-PER I-PER".
        let (all, _) = score(&[&[("O", "O"), ("B-PER", "I-PER"), ("I-PER", "I-PER")]]);
        assert_eq!((all.gold, all.predicted, all.correct), (1, 1, 1));
        // I- of another type also opens one.
        let (all, _) = score(&[&[("B-LOC", "B-LOC"), ("B-ORG", "I-ORG")]]);
        assert_eq!((all.gold, all.predicted, all.correct), (2, 2, 2));
    }

    #[test]
    fn chunks_end_at_sentence_boundaries() {
        // A chunk cannot run across the boundary, and a guess longer than gold fails.
        let (all, _) = score(&[
            &[("O", "O"), ("B-MISC", "B-MISC")],
            &[("I-MISC", "I-MISC"), ("O", "I-MISC")],
        ]);
        // Sentence 1: MISC correct. Sentence 2: gold [I-MISC] alone, guess two tokens.
        assert_eq!((all.gold, all.predicted, all.correct), (2, 2, 1));
        let expected_f1 = 50.0;
        assert!((all.f1() - expected_f1).abs() < 1e-9);
    }

    #[test]
    fn empty_input_scores_zero() {
        let (all, per) = ChunkScorer::default().finish();
        assert_eq!(all, ChunkCounts::default());
        assert!(per.is_empty());
        assert_eq!(all.f1(), 0.0);
    }
}
