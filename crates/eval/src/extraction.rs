//! Main-text extraction, scored like the Zyte article-extraction benchmark.
//!
//! The metric: tokens are `\w+` runs; each text becomes a multiset of 4-token
//! shingles (a text under 4 tokens is one shorter shingle). Per page, tp is the
//! shared shingles (by the smaller count), fp the extra predicted ones, fn the
//! missed gold ones, all three divided by their sum so that long pages weigh
//! no more than short ones. Corpus precision is the mean page precision over
//! pages with tp + fp > 0, corpus recall the mean page recall over pages with
//! tp + fn > 0, and F1 their harmonic mean.

use std::collections::{BTreeMap, HashMap};
use std::fmt;
use std::io::Read;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crosscheck_extract::{ExtractConfig, Extractor};
use serde::Deserialize;

/// Shingle length of the benchmark.
const SHINGLE: usize = 4;

/// How many of the weakest pages the report lists.
const WORST_SHOWN: usize = 8;

/// Why an evaluation could not run at all (a single bad page is not one of
/// these: it is listed in [`ExtractionReport::failed`]).
#[derive(Debug, thiserror::Error)]
pub enum EvalError {
    /// A directory or file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// `ground-truth.json` is not the benchmark's `{id: {articleBody, url}}`.
    #[error("{path}: not a ground-truth file: {source}")]
    GroundTruth {
        /// The file.
        path: PathBuf,
        /// The parse error.
        source: serde_json::Error,
    },
    /// The predictions could not be serialised.
    #[error("{path}: cannot write predictions: {source}")]
    Predictions {
        /// The file.
        path: PathBuf,
        /// The serialisation error.
        source: serde_json::Error,
    },
}

/// `Result` with [`EvalError`].
pub type Result<T> = std::result::Result<T, EvalError>;

/// Shared, extra and missed shingles of one page, normalised by their sum.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ShingleCounts {
    /// Shingles in both texts (smaller count of each).
    pub tp: f64,
    /// Predicted shingles beyond the gold count.
    pub fp: f64,
    /// Gold shingles beyond the predicted count.
    pub fn_: f64,
}

impl ShingleCounts {
    /// Compares a predicted text with the gold text.
    pub fn compare(gold: &str, predicted: &str) -> Self {
        let gold = shingles(gold);
        let predicted = shingles(predicted);
        let (mut tp, mut fp, mut fn_) = (0usize, 0usize, 0usize);
        for (key, &g) in &gold {
            let p = predicted.get(key).copied().unwrap_or(0);
            tp += g.min(p);
            fn_ += g.saturating_sub(p);
        }
        for (key, &p) in &predicted {
            let g = gold.get(key).copied().unwrap_or(0);
            fp += p.saturating_sub(g);
        }
        let sum = (tp + fp + fn_) as f64;
        if sum == 0.0 {
            return ShingleCounts::default();
        }
        ShingleCounts {
            tp: tp as f64 / sum,
            fp: fp as f64 / sum,
            fn_: fn_ as f64 / sum,
        }
    }

    /// Page precision: 1 when nothing is extra or missed, 0 when nothing was
    /// predicted or matched.
    pub fn precision(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fp == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fp)
        }
    }

    /// Page recall: 1 when nothing is extra or missed, 0 when nothing of the
    /// gold was found.
    pub fn recall(&self) -> f64 {
        if self.fp == 0.0 && self.fn_ == 0.0 {
            1.0
        } else if self.tp == 0.0 && self.fn_ == 0.0 {
            0.0
        } else {
            self.tp / (self.tp + self.fn_)
        }
    }
}

/// Corpus precision, recall and F1 from page counts.
#[derive(Debug, Clone, Copy, PartialEq)]
pub struct Score {
    /// Mean page precision over pages with tp + fp > 0.
    pub precision: f64,
    /// Mean page recall over pages with tp + fn > 0.
    pub recall: f64,
    /// Harmonic mean of the two.
    pub f1: f64,
}

/// Scores a corpus from its pages' counts.
pub fn corpus_score(pages: &[ShingleCounts]) -> Score {
    let mean = |values: Vec<f64>| {
        if values.is_empty() {
            0.0
        } else {
            values.iter().sum::<f64>() / values.len() as f64
        }
    };
    let precision = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fp > 0.0)
            .map(ShingleCounts::precision)
            .collect(),
    );
    let recall = mean(
        pages
            .iter()
            .filter(|c| c.tp + c.fn_ > 0.0)
            .map(ShingleCounts::recall)
            .collect(),
    );
    let f1 = if precision + recall > 0.0 {
        2.0 * precision * recall / (precision + recall)
    } else {
        0.0
    };
    Score {
        precision,
        recall,
        f1,
    }
}

/// The `\w+` tokens of `text`. Python's `\w` (the benchmark's) is letters,
/// digits and `_`; Rust's alphanumeric is the closest match.
pub fn tokens(text: &str) -> Vec<&str> {
    let mut out = Vec::new();
    let mut start = None;
    for (i, c) in text.char_indices() {
        let word = c.is_alphanumeric() || c == '_';
        match (word, start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push(&text[s..i]);
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push(&text[s..]);
    }
    out
}

/// The multiset of 4-token shingles of `text` (one shorter shingle when the
/// text has fewer than 4 tokens, none when it has none).
pub fn shingles(text: &str) -> HashMap<String, usize> {
    let tokens = tokens(text);
    let mut counts = HashMap::new();
    if tokens.is_empty() {
        return counts;
    }
    let windows = tokens.len().saturating_sub(SHINGLE) + 1;
    for i in 0..windows {
        let end = (i + SHINGLE).min(tokens.len());
        let key = tokens.get(i..end).unwrap_or_default().join(" ");
        *counts.entry(key).or_insert(0) += 1;
    }
    counts
}

/// One page's scores, for listing the weakest pages.
#[derive(Debug, Clone, PartialEq)]
pub struct PageScore {
    /// The page id (file name without `.html.gz`).
    pub id: String,
    /// Page precision.
    pub precision: f64,
    /// Page recall.
    pub recall: f64,
}

/// What an extraction run measured.
#[derive(Debug, Clone, PartialEq)]
pub struct ExtractionReport {
    /// Pages extracted.
    pub pages: usize,
    /// Pages that could not be read: (file, reason). Scored as empty
    /// predictions when they have ground truth, as the benchmark does.
    pub failed: Vec<(String, String)>,
    /// Bytes of (decompressed) HTML extracted.
    pub bytes: u64,
    /// Seconds spent in extraction alone (not reading or decompressing), one thread.
    pub seconds: f64,
    /// Corpus score, when `ground-truth.json` was there.
    pub score: Option<Score>,
    /// Pages scored against the ground truth.
    pub scored_pages: usize,
    /// The weakest pages by min(precision, recall), weakest first.
    pub worst: Vec<PageScore>,
}

impl ExtractionReport {
    /// Throughput in MB (10^6 bytes) of HTML per second.
    pub fn mb_per_s(&self) -> f64 {
        if self.seconds > 0.0 {
            self.bytes as f64 / 1e6 / self.seconds
        } else {
            0.0
        }
    }

    /// F1, when there was ground truth.
    pub fn f1(&self) -> Option<f64> {
        self.score.map(|s| s.f1)
    }

    /// Precision, when there was ground truth.
    pub fn precision(&self) -> Option<f64> {
        self.score.map(|s| s.precision)
    }

    /// Recall, when there was ground truth.
    pub fn recall(&self) -> Option<f64> {
        self.score.map(|s| s.recall)
    }
}

impl fmt::Display for ExtractionReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "extraction: {} pages, {:.1} MB of HTML in {:.3} s on one thread = {:.1} MB/s",
            self.pages,
            self.bytes as f64 / 1e6,
            self.seconds,
            self.mb_per_s()
        )?;
        match self.score {
            Some(s) => writeln!(
                f,
                "shingle F1 {:.4}  precision {:.4}  recall {:.4}  ({} pages scored)",
                s.f1, s.precision, s.recall, self.scored_pages
            )?,
            None => writeln!(f, "no ground-truth.json: not scored")?,
        }
        if !self.worst.is_empty() {
            let list: Vec<String> = self
                .worst
                .iter()
                .map(|p| {
                    let short = p.id.get(..12).unwrap_or(&p.id);
                    format!("{short} P {:.2} R {:.2}", p.precision, p.recall)
                })
                .collect();
            writeln!(f, "weakest: {}", list.join("; "))?;
        }
        for (file, reason) in &self.failed {
            writeln!(f, "unreadable: {file}: {reason}")?;
        }
        Ok(())
    }
}

#[derive(Deserialize)]
struct GoldPage {
    #[serde(rename = "articleBody", default)]
    article_body: String,
}

/// Extracts every `DIR/html/*.html.gz` page on one thread, scores it against
/// `DIR/ground-truth.json` when present, and writes the predictions as
/// `{id: {"articleBody": text}}` to `predictions` when given.
pub fn run(dir: &Path, predictions: Option<&Path>) -> Result<ExtractionReport> {
    let html_dir = dir.join("html");
    let io_err = |path: &Path| {
        let path = path.to_path_buf();
        move |source| EvalError::Io { path, source }
    };
    let mut files: Vec<PathBuf> = std::fs::read_dir(&html_dir)
        .map_err(io_err(&html_dir))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|p| p.to_string_lossy().ends_with(".html.gz"))
        .collect();
    files.sort();

    let extractor = Extractor::new(ExtractConfig::default());
    let mut predicted: BTreeMap<String, String> = BTreeMap::new();
    let mut report = ExtractionReport {
        pages: 0,
        failed: Vec::new(),
        bytes: 0,
        seconds: 0.0,
        score: None,
        scored_pages: 0,
        worst: Vec::new(),
    };
    for file in &files {
        let name = file
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let id = name.trim_end_matches(".html.gz").to_string();
        let html = match read_gz(file) {
            Ok(html) => html,
            Err(e) => {
                report.failed.push((name, e.to_string()));
                continue;
            }
        };
        let started = Instant::now();
        let page = extractor.extract(&html, None);
        report.seconds += started.elapsed().as_secs_f64();
        report.bytes += html.len() as u64;
        report.pages += 1;
        predicted.insert(id, page.text);
    }

    let truth_path = dir.join("ground-truth.json");
    if truth_path.exists() {
        let raw = std::fs::read_to_string(&truth_path).map_err(io_err(&truth_path))?;
        let gold: BTreeMap<String, GoldPage> =
            serde_json::from_str(&raw).map_err(|source| EvalError::GroundTruth {
                path: truth_path.clone(),
                source,
            })?;
        let mut counts = Vec::with_capacity(gold.len());
        let mut pages = Vec::with_capacity(gold.len());
        for (id, page) in &gold {
            let text = predicted.get(id).map_or("", String::as_str);
            let c = ShingleCounts::compare(&page.article_body, text);
            counts.push(c);
            pages.push(PageScore {
                id: id.clone(),
                precision: c.precision(),
                recall: c.recall(),
            });
        }
        pages.sort_by(|a, b| {
            a.precision
                .min(a.recall)
                .total_cmp(&b.precision.min(b.recall))
        });
        pages.truncate(WORST_SHOWN);
        report.score = Some(corpus_score(&counts));
        report.scored_pages = counts.len();
        report.worst = pages;
    }

    if let Some(path) = predictions {
        let json: serde_json::Map<String, serde_json::Value> = predicted
            .into_iter()
            .map(|(id, text)| (id, serde_json::json!({ "articleBody": text })))
            .collect();
        let body = serde_json::to_string(&json).map_err(|source| EvalError::Predictions {
            path: path.to_path_buf(),
            source,
        })?;
        std::fs::write(path, body).map_err(io_err(path))?;
    }
    Ok(report)
}

/// A gzipped HTML file as text (invalid UTF-8 replaced, never fatal).
fn read_gz(path: &Path) -> std::io::Result<String> {
    let mut bytes = Vec::new();
    flate2::read::MultiGzDecoder::new(std::fs::File::open(path)?).read_to_end(&mut bytes)?;
    Ok(String::from_utf8_lossy(&bytes).into_owned())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn tokens_are_word_runs() {
        assert_eq!(
            tokens("It's 9:30 — naïve_x!"),
            vec!["It", "s", "9", "30", "naïve_x"]
        );
        assert!(tokens(" ,.; ").is_empty());
    }

    #[test]
    fn shingles_of_short_and_long_texts() {
        let short = shingles("Two words");
        assert_eq!(short.len(), 1);
        assert_eq!(short.get("Two words"), Some(&1));
        assert!(shingles("...").is_empty());
        // Five tokens: two 4-token shingles; a repeated shingle counts twice.
        let five = shingles("a b c d e");
        assert_eq!(five.get("a b c d"), Some(&1));
        assert_eq!(five.get("b c d e"), Some(&1));
        let repeated = shingles("a b c d a b c d");
        assert_eq!(repeated.get("a b c d"), Some(&2));
    }

    #[test]
    fn hand_computed_page() {
        // Gold "a b c d e" → {abcd, bcde}; predicted "a b c d x" → {abcd, bcdx}.
        // tp 1, fp 1, fn 1 → each 1/3; P = R = 0.5.
        let c = ShingleCounts::compare("a b c d e", "a b c d x");
        assert!(close(c.tp, 1.0 / 3.0) && close(c.fp, 1.0 / 3.0) && close(c.fn_, 1.0 / 3.0));
        assert!(close(c.precision(), 0.5));
        assert!(close(c.recall(), 0.5));
        // Predicted has everything plus two extra shingles: tp 2, fp 2, fn 0.
        let c = ShingleCounts::compare("a b c d e", "a b c d e f g");
        assert!(close(c.precision(), 0.5));
        assert!(close(c.recall(), 1.0));
    }

    #[test]
    fn edge_rules() {
        // Identical texts: fp = fn = 0 → 1 and 1.
        let same = ShingleCounts::compare("a b c d e", "a b c d e");
        assert!(close(same.precision(), 1.0) && close(same.recall(), 1.0));
        // Both empty: all zero → still 1 and 1 by the fp = fn = 0 rule, but the
        // page takes part in neither mean.
        let empty = ShingleCounts::compare("", "");
        assert!(close(empty.precision(), 1.0) && close(empty.recall(), 1.0));
        // Nothing predicted: precision 0 (tp = fp = 0), recall 0.
        let none = ShingleCounts::compare("a b c d e", "");
        assert!(close(none.precision(), 0.0) && close(none.recall(), 0.0));
        // Gold empty, something predicted: recall 0 by tp = fn = 0.
        let extra = ShingleCounts::compare("", "a b c d");
        assert!(close(extra.recall(), 0.0) && close(extra.precision(), 0.0));
    }

    #[test]
    fn corpus_means_skip_pages_outside_their_denominator() {
        let full = ShingleCounts::compare("a b c d e", "a b c d e");
        let none = ShingleCounts::compare("a b c d e", "");
        let empty = ShingleCounts::compare("", "");
        // Precision mean over pages with tp + fp > 0: only `full` → 1.
        // Recall mean over pages with tp + fn > 0: `full` and `none` → 0.5.
        let s = corpus_score(&[full, none, empty]);
        assert!(close(s.precision, 1.0));
        assert!(close(s.recall, 0.5));
        assert!(close(s.f1, 2.0 * 0.5 / 1.5));
        let zero = corpus_score(&[]);
        assert!(close(zero.f1, 0.0));
    }

    #[test]
    fn a_directory_without_html_is_an_error_and_a_bad_page_is_reported() {
        let dir = std::env::temp_dir().join(format!("crosscheck-eval-{}", std::process::id()));
        assert!(run(&dir, None).is_err());
        std::fs::create_dir_all(dir.join("html")).unwrap();
        std::fs::write(dir.join("html/broken.html.gz"), b"not gzip").unwrap();
        let report = run(&dir, None).unwrap();
        assert_eq!(report.pages, 0);
        assert_eq!(report.failed.len(), 1);
        assert!(report.score.is_none());
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
