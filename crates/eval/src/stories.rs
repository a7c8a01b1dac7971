//! Story clustering on ECB+: every report of every topic goes through one
//! incremental [`StoryIndex`], blind to folders, file names and annotations, and
//! the clusters are scored against events (topic × `ecb`/`ecbplus`, read from the
//! file name only) with B-cubed and pairwise precision, recall and F1.
//!
//! ```no_run
//! use std::path::Path;
//!
//! let report = crosscheck_eval::stories::run(Path::new("../shared/bench/stories/ecbplus"), None)?;
//! println!("{report}");
//! # Ok::<(), crosscheck_eval::extraction::EvalError>(())
//! ```

use std::collections::HashMap;
use std::fmt;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crosscheck_core::{
    Article, Doc, OffsetMap, Origin, Segment, SegmentKind, Sentence, Span, Token, TokenKind,
};
use crosscheck_stories::{StoriesConfig, StoryIndex};

use crate::extraction::{EvalError, Result};

/// Precision, recall and F1 of a clustering.
#[derive(Debug, Clone, Copy, PartialEq, Default)]
pub struct ClusterScore {
    /// Precision.
    pub precision: f64,
    /// Recall.
    pub recall: f64,
    /// F1: the harmonic mean of the two.
    pub f1: f64,
}

impl ClusterScore {
    fn new(precision: f64, recall: f64) -> Self {
        let f1 = if precision + recall > 0.0 {
            2.0 * precision * recall / (precision + recall)
        } else {
            0.0
        };
        ClusterScore {
            precision,
            recall,
            f1,
        }
    }
}

impl fmt::Display for ClusterScore {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "P {:.4}  R {:.4}  F1 {:.4}",
            self.precision, self.recall, self.f1
        )
    }
}

/// B-cubed scores: per item, the share of its predicted cluster that shares its
/// gold class (precision) and the share of its gold class that shares its predicted
/// cluster (recall), averaged over items. `items` are `(gold, predicted)` labels.
pub fn b_cubed<G: Eq + std::hash::Hash, P: Eq + std::hash::Hash>(items: &[(G, P)]) -> ClusterScore {
    if items.is_empty() {
        return ClusterScore::new(0.0, 0.0);
    }
    let mut both: HashMap<(&G, &P), usize> = HashMap::new();
    let mut gold: HashMap<&G, usize> = HashMap::new();
    let mut pred: HashMap<&P, usize> = HashMap::new();
    for (g, p) in items {
        *both.entry((g, p)).or_default() += 1;
        *gold.entry(g).or_default() += 1;
        *pred.entry(p).or_default() += 1;
    }
    let (mut precision, mut recall) = (0.0, 0.0);
    for (g, p) in items {
        let shared = both.get(&(g, p)).copied().unwrap_or(0) as f64;
        precision += shared / pred.get(p).copied().unwrap_or(1) as f64;
        recall += shared / gold.get(g).copied().unwrap_or(1) as f64;
    }
    let n = items.len() as f64;
    ClusterScore::new(precision / n, recall / n)
}

/// Pairwise scores: over all pairs of items, precision is the share of pairs put
/// together that belong together, recall the share of pairs that belong together
/// that were put together. With no predicted (or gold) pairs the figure is 1.
pub fn pairwise<G: Eq + std::hash::Hash, P: Eq + std::hash::Hash>(
    items: &[(G, P)],
) -> ClusterScore {
    if items.is_empty() {
        return ClusterScore::new(0.0, 0.0);
    }
    let pairs = |n: usize| (n * n.saturating_sub(1) / 2) as f64;
    let mut both: HashMap<(&G, &P), usize> = HashMap::new();
    let mut gold: HashMap<&G, usize> = HashMap::new();
    let mut pred: HashMap<&P, usize> = HashMap::new();
    for (g, p) in items {
        *both.entry((g, p)).or_default() += 1;
        *gold.entry(g).or_default() += 1;
        *pred.entry(p).or_default() += 1;
    }
    let tp: f64 = both.values().map(|&n| pairs(n)).sum();
    let predicted: f64 = pred.values().map(|&n| pairs(n)).sum();
    let actual: f64 = gold.values().map(|&n| pairs(n)).sum();
    let precision = if predicted > 0.0 { tp / predicted } else { 1.0 };
    let recall = if actual > 0.0 { tp / actual } else { 1.0 };
    ClusterScore::new(precision, recall)
}

/// The gold event of a report, from its file name alone: `N_Mecb.xml` →
/// `N/ecb`, `N_Mecbplus.xml` → `N/ecbplus`; `None` for other names.
pub fn gold_event(file_name: &str) -> Option<String> {
    let stem = file_name.strip_suffix(".xml")?;
    let (topic, rest) = stem.split_once('_')?;
    if topic.is_empty() || !topic.chars().all(|c| c.is_ascii_digit()) {
        return None;
    }
    let kind = rest.trim_start_matches(|c: char| c.is_ascii_digit());
    if kind.len() == rest.len() || !(kind == "ecb" || kind == "ecbplus") {
        return None;
    }
    Some(format!("{topic}/{kind}"))
}

/// The text of the `<token>` elements of an ECB+ file, one sentence a line;
/// markables and coreference annotations are never read.
pub fn ecb_doc(path: &Path, xml: &str) -> Doc {
    let mut body = String::new();
    let mut tokens = Vec::new();
    let mut sentences = Vec::new();
    let mut current: Option<String> = None;
    let mut sentence_start = 0usize;
    let mut rest = xml;
    while let Some(at) = rest.find("<token") {
        rest = &rest[at + "<token".len()..];
        let Some(open_end) = rest.find('>') else {
            break;
        };
        let attrs = &rest[..open_end];
        rest = &rest[open_end + 1..];
        let Some(close) = rest.find("</token>") else {
            break;
        };
        let text = decode_entities(rest[..close].trim());
        rest = &rest[close..];
        if text.is_empty() {
            continue;
        }
        let sentence = attribute(attrs, "sentence").map(str::to_string);
        if current.is_some() && sentence != current {
            sentences.push(Sentence {
                span: Span::new(sentence_start, body.len()),
                segment: 0,
            });
            body.push('\n');
            sentence_start = body.len();
        } else if !body.is_empty() && body.len() > sentence_start {
            body.push(' ');
        }
        current = sentence;
        let start = body.len();
        body.push_str(&text);
        let kind = if text.chars().next().is_some_and(|c| c.is_ascii_digit()) {
            TokenKind::Number
        } else if text.chars().any(char::is_alphanumeric) {
            TokenKind::Word
        } else {
            TokenKind::Punct
        };
        tokens.push(Token {
            span: Span::new(start, body.len()),
            kind,
        });
    }
    if body.len() > sentence_start {
        sentences.push(Sentence {
            span: Span::new(sentence_start, body.len()),
            segment: 0,
        });
    }
    let article = Article::new(Origin::file(path.display().to_string()), body.clone());
    let mut doc = Doc::unanalysed(article);
    doc.body = body;
    doc.body_map = OffsetMap::identity();
    doc.segments = vec![Segment {
        kind: SegmentKind::Body,
        span: Span::new(0, doc.body.len()),
    }];
    doc.sentences = sentences;
    doc.tokens = tokens;
    doc
}

fn attribute<'a>(attrs: &'a str, name: &str) -> Option<&'a str> {
    let key = format!("{name}=\"");
    let at = attrs.find(&key)? + key.len();
    let rest = attrs.get(at..)?;
    rest.get(..rest.find('"')?)
}

fn decode_entities(text: &str) -> String {
    text.replace("&lt;", "<")
        .replace("&gt;", ">")
        .replace("&quot;", "\"")
        .replace("&apos;", "'")
        .replace("&amp;", "&")
}

/// The outcome of a run.
#[derive(Debug, Clone)]
pub struct StoriesReport {
    /// Reports clustered.
    pub reports: usize,
    /// Reports whose file name gives a gold event (the scored ones).
    pub scored: usize,
    /// Gold events among the scored reports.
    pub events: usize,
    /// Stories found.
    pub stories: usize,
    /// Merges the index made along the way.
    pub merges: usize,
    /// B-cubed scores.
    pub b_cubed: ClusterScore,
    /// Pairwise scores.
    pub pairwise: ClusterScore,
    /// Seconds spent in the index (not reading files).
    pub seconds: f64,
}

impl fmt::Display for StoriesReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "reports {}  scored {}  gold events {}  stories {}  merges {}",
            self.reports, self.scored, self.events, self.stories, self.merges
        )?;
        writeln!(f, "B-cubed   {}", self.b_cubed)?;
        writeln!(f, "pairwise  {}", self.pairwise)?;
        let rate = if self.seconds > 0.0 {
            self.reports as f64 / self.seconds
        } else {
            0.0
        };
        writeln!(f, "index time {:.3} s ({rate:.0} reports/s)", self.seconds)
    }
}

/// Clusters every `.xml` report under `dir` with the default settings; writes
/// `file name<TAB>cluster id` lines to `predictions` when given.
pub fn run(dir: &Path, predictions: Option<&Path>) -> Result<StoriesReport> {
    let index = StoriesConfig::default()
        .build()
        .map_err(|e| invalid(dir, e.to_string()))?;
    run_with(dir, predictions, index)
}

/// [`run`] with a given (empty) index, to measure other settings.
pub fn run_with(
    dir: &Path,
    predictions: Option<&Path>,
    index: StoryIndex,
) -> Result<StoriesReport> {
    let reports = read_reports(dir)?;
    cluster(&reports, predictions, index)
}

fn invalid(path: &Path, reason: String) -> EvalError {
    EvalError::Io {
        path: path.to_path_buf(),
        source: std::io::Error::new(std::io::ErrorKind::InvalidInput, reason),
    }
}

/// One report read for clustering: its file name (for scoring only) and its doc.
#[derive(Debug, Clone)]
pub struct EcbReport {
    /// The file name, never shown to the index.
    pub name: String,
    /// The analysed report.
    pub doc: Doc,
}

/// Reads every `.xml` report under `dir` (paths sorted, so runs repeat exactly) and
/// runs the per-article stages the pipeline runs before stories: named entities and
/// time expressions (with the publication date inferred from the text, as for any
/// undated input).
pub fn read_reports(dir: &Path) -> Result<Vec<EcbReport>> {
    let mut files = Vec::new();
    collect_xml(dir, &mut files)?;
    files.sort();
    let ner = crosscheck_ner::NerModel::shared().map_err(|e| invalid(dir, e.to_string()))?;
    let time = crosscheck_time::TimeConfig::default()
        .build()
        .map_err(|e| invalid(dir, e.to_string()))?;
    let mut reports = Vec::with_capacity(files.len());
    for path in &files {
        let xml = std::fs::read_to_string(path).map_err(|source| EvalError::Io {
            path: path.clone(),
            source,
        })?;
        let mut doc = ecb_doc(path, &xml);
        ner.annotate(&mut doc);
        time.tag_doc(&mut doc);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        reports.push(EcbReport { name, doc });
    }
    Ok(reports)
}

/// Puts `reports` through `index` one at a time, in the order given, and scores the
/// stories against the events named by the file names.
pub fn cluster(
    reports: &[EcbReport],
    predictions: Option<&Path>,
    mut index: StoryIndex,
) -> Result<StoriesReport> {
    let started = Instant::now();
    for report in reports {
        index.add(&report.doc);
    }
    let seconds = started.elapsed().as_secs_f64();

    let mut items = Vec::new();
    let mut lines = String::new();
    for (seq, report) in reports.iter().enumerate() {
        let story = index.story_of(seq as u32).map(|s| s.0).unwrap_or(u32::MAX);
        lines.push_str(&format!("{}\t{story}\n", report.name));
        if let Some(gold) = gold_event(&report.name) {
            items.push((gold, story));
        }
    }
    if let Some(out) = predictions {
        std::fs::write(out, lines).map_err(|source| EvalError::Io {
            path: out.to_path_buf(),
            source,
        })?;
    }
    let events = items
        .iter()
        .map(|(g, _)| g)
        .collect::<std::collections::HashSet<_>>()
        .len();
    let merges = index
        .events()
        .iter()
        .filter(|e| matches!(e, crosscheck_stories::StoryEvent::Merged { .. }))
        .count();
    Ok(StoriesReport {
        reports: reports.len(),
        scored: items.len(),
        events,
        stories: index.stories().count(),
        merges,
        b_cubed: b_cubed(&items),
        pairwise: pairwise(&items),
        seconds,
    })
}

fn collect_xml(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    for entry in entries {
        let entry = entry.map_err(|source| EvalError::Io {
            path: dir.to_path_buf(),
            source,
        })?;
        let path = entry.path();
        // `is_dir` follows symbolic links: a tree of linked topic folders works.
        if path.is_dir() {
            collect_xml(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "xml") {
            out.push(path);
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn close(a: f64, b: f64) -> bool {
        (a - b).abs() < 1e-9
    }

    #[test]
    fn b_cubed_by_hand() {
        // Gold {a1 a2 a3} {b1 b2}; predicted {a1 a2} {a3 b1 b2}.
        let items = [("a", 1), ("a", 1), ("a", 2), ("b", 2), ("b", 2)];
        let s = b_cubed(&items);
        // Precision: a1, a2: 2/2; a3: 1/3; b1, b2: 2/3 → (1+1+1/3+2/3+2/3)/5 = 11/15.
        assert!(close(s.precision, 11.0 / 15.0));
        // Recall: a1, a2: 2/3; a3: 1/3; b1, b2: 2/2 → (2/3+2/3+1/3+1+1)/5 = 11/15.
        assert!(close(s.recall, 11.0 / 15.0));
        assert!(close(s.f1, 11.0 / 15.0));
    }

    #[test]
    fn pairwise_by_hand() {
        let items = [("a", 1), ("a", 1), ("a", 2), ("b", 2), ("b", 2)];
        let s = pairwise(&items);
        // Predicted pairs: 1 + 3 = 4, correct: (a1 a2), (b1 b2) = 2 → P 1/2.
        assert!(close(s.precision, 0.5));
        // Gold pairs: 3 + 1 = 4, found 2 → R 1/2.
        assert!(close(s.recall, 0.5));
        assert!(close(s.f1, 0.5));
    }

    #[test]
    fn singletons_and_one_cluster() {
        let singletons = [("a", 1), ("a", 2), ("b", 3)];
        let s = b_cubed(&singletons);
        assert!(close(s.precision, 1.0));
        assert!(close(s.recall, (0.5 + 0.5 + 1.0) / 3.0));
        let p = pairwise(&singletons);
        assert!(close(p.precision, 1.0));
        assert!(close(p.recall, 0.0));
    }

    #[test]
    fn gold_comes_from_the_file_name() {
        assert_eq!(gold_event("3_12ecb.xml").as_deref(), Some("3/ecb"));
        assert_eq!(gold_event("3_7ecbplus.xml").as_deref(), Some("3/ecbplus"));
        assert_eq!(gold_event("report.xml"), None);
        assert_eq!(gold_event("3_ecb.xml"), None);
    }

    #[test]
    fn tokens_become_a_doc_with_sentences() {
        let xml = "<Document doc_name=\"x\">\n\
            <token t_id=\"1\" sentence=\"0\" number=\"0\">Floods</token>\n\
            <token t_id=\"2\" sentence=\"0\" number=\"1\">hit</token>\n\
            <token t_id=\"3\" sentence=\"0\" number=\"2\">Dorrin</token>\n\
            <token t_id=\"4\" sentence=\"1\" number=\"0\">12</token>\n\
            <token t_id=\"5\" sentence=\"1\" number=\"1\">&amp;</token>\n\
            <Markables><ACTION m_id=\"1\"></ACTION></Markables></Document>";
        let doc = ecb_doc(Path::new("x.xml"), xml);
        assert_eq!(doc.body, "Floods hit Dorrin\n12 &");
        assert_eq!(doc.sentences.len(), 2);
        assert_eq!(doc.tokens.len(), 5);
        assert_eq!(doc.tokens[3].kind, TokenKind::Number);
        assert_eq!(doc.tokens[4].kind, TokenKind::Punct);
    }
}
