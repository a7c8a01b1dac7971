//! Attribution (who said what), scored on the PolNeAR layout: `text/NAME.txt` and
//! `attributions/NAME_ANNOTATOR.ann` brat files with `Source`, `Cue` and `Content`
//! spans tied together by `Attribution` events. When several annotators' files exist
//! for one article, the first by name is used.
//!
//! The metric: tokens are runs of letters and digits. A predicted content matches a
//! gold content when it overlaps at least half of the gold span's tokens; matching is
//! one to one, greedily by overlap. Precision, recall and F1 count matched contents.
//! A matched attribution's source is correct when the predicted source overlaps the
//! gold source span by at least one character, or when neither has a source.
//! Everything is computed twice: over all attributions, and over direct quotes alone
//! (a content span with a quotation mark, or a doubled apostrophe `''`, within two
//! characters of each end; the same test picks the gold and the predicted direct
//! quotes). One matching serves both groups: a gold direct quote is found when any
//! prediction matched it, and a predicted direct quote that matched a gold
//! attribution which is not direct is left out of the direct group's precision.

use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crosscheck_core::{Article, Doc, Origin, Span};
use crosscheck_quotes::text::{TextAnalyzer, TextConfig};
use crosscheck_quotes::{QuoteFinder, QuotesConfig};

/// Why an evaluation could not run at all.
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
    /// A prediction line could not be serialised.
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

/// Counts for one group of attributions.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct Scores {
    /// Gold attributions.
    pub gold: usize,
    /// Predicted attributions.
    pub predicted: usize,
    /// Matched pairs.
    pub matched: usize,
    /// Matched pairs whose source is correct.
    pub source_correct: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

impl Scores {
    /// Matched over predicted.
    pub fn precision(&self) -> f64 {
        ratio(self.matched, self.predicted)
    }
    /// Matched over gold.
    pub fn recall(&self) -> f64 {
        ratio(self.matched, self.gold)
    }
    /// Harmonic mean of precision and recall.
    pub fn f1(&self) -> f64 {
        let (p, r) = (self.precision(), self.recall());
        if p + r == 0.0 {
            0.0
        } else {
            2.0 * p * r / (p + r)
        }
    }
    /// Correct sources over matched pairs.
    pub fn source_accuracy(&self) -> f64 {
        ratio(self.source_correct, self.matched)
    }
    fn add(&mut self, other: Scores) {
        self.gold += other.gold;
        self.predicted += other.predicted;
        self.matched += other.matched;
        self.source_correct += other.source_correct;
    }
}

/// The figures of a run.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct QuotesReport {
    /// Texts read.
    pub docs: usize,
    /// Texts with a gold annotation file.
    pub scored_docs: usize,
    /// All attributions.
    pub all: Scores,
    /// Direct quotes alone.
    pub direct: Scores,
    /// Seconds spent in the text and quote stages.
    pub seconds: f64,
}

impl fmt::Display for QuotesReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "texts: {} ({} with gold attributions), {:.1} ms/text (text + quotes)",
            self.docs,
            self.scored_docs,
            1000.0 * self.seconds / self.docs.max(1) as f64
        )?;
        for (name, s) in [
            ("all attributions", self.all),
            ("direct quotes", self.direct),
        ] {
            writeln!(
                f,
                "{name:<17} gold {:>5}  predicted {:>5}  matched {:>5}  P {:.3}  R {:.3}  F1 {:.3}  source accuracy {:.3}",
                s.gold,
                s.predicted,
                s.matched,
                s.precision(),
                s.recall(),
                s.f1(),
                s.source_accuracy()
            )?;
        }
        Ok(())
    }
}

/// One attribution in character offsets of the text file; fragments for gold spans
/// that brat splits (a quote interrupted by `he said`).
#[derive(Debug, Clone, PartialEq, Eq, Default)]
pub struct CharAttribution {
    /// The content's fragments, `[start, end)` in characters.
    pub content: Vec<(usize, usize)>,
    /// The source's fragments.
    pub source: Vec<(usize, usize)>,
    /// The cue's fragments.
    pub cue: Vec<(usize, usize)>,
}

/// Reads the attributions of one brat `.ann` file (text-bound annotations `T…` and
/// `Attribution` events `E…`; anything else, including continuation lines of
/// multi-line span texts, is ignored).
pub fn parse_brat(ann: &str) -> Vec<CharAttribution> {
    let mut spans: std::collections::HashMap<&str, Vec<(usize, usize)>> =
        std::collections::HashMap::new();
    let mut events = Vec::new();
    for line in ann.lines() {
        let mut fields = line.split('\t');
        let (Some(id), Some(body)) = (fields.next(), fields.next()) else {
            continue;
        };
        if id.starts_with('T') {
            let Some((_, ranges)) = body.split_once(' ') else {
                continue;
            };
            let fragments: Option<Vec<(usize, usize)>> = ranges
                .split(';')
                .map(|r| {
                    let (a, b) = r.trim().split_once(' ')?;
                    Some((a.parse().ok()?, b.parse().ok()?))
                })
                .collect();
            if let Some(fragments) = fragments {
                spans.insert(id, fragments);
            }
        } else if id.starts_with('E') {
            events.push(body);
        }
    }
    let mut out = Vec::new();
    for event in events {
        let mut attribution = CharAttribution::default();
        for arg in event.split_whitespace() {
            let Some((role, id)) = arg.split_once(':') else {
                continue;
            };
            let fragments = spans.get(id).cloned().unwrap_or_default();
            match role {
                "Content" => attribution.content.extend(fragments),
                "Source" => attribution.source.extend(fragments),
                "Cue" => attribution.cue.extend(fragments),
                _ => {}
            }
        }
        if !attribution.content.is_empty() {
            out.push(attribution);
        }
    }
    out
}

/// Character ranges of the metric's tokens (runs of letters and digits).
fn word_tokens(text: &str) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut start = None;
    let mut n = 0;
    for (i, c) in text.chars().enumerate() {
        n = i + 1;
        match (c.is_alphanumeric(), start) {
            (true, None) => start = Some(i),
            (false, Some(s)) => {
                out.push((s, i));
                start = None;
            }
            _ => {}
        }
    }
    if let Some(s) = start {
        out.push((s, n));
    }
    out
}

fn overlaps(a: (usize, usize), b: (usize, usize)) -> bool {
    a.0 < b.1 && b.0 < a.1
}

/// True when a content has a quotation mark within two characters of each end.
pub fn is_direct(chars: &[char], fragments: &[(usize, usize)]) -> bool {
    let (Some(start), Some(end)) = (
        fragments.iter().map(|f| f.0).min(),
        fragments.iter().map(|f| f.1).max(),
    ) else {
        return false;
    };
    let is_mark = |c: &char| matches!(c, '"' | '“' | '”' | '„' | '«' | '»' | '‟');
    // A doubled apostrophe (`''`) is a double quotation mark in some house styles.
    let has_mark = |s: &[char]| s.iter().any(is_mark) || s == ['\'', '\''];
    let head = chars.get(start..(start + 2).min(end)).unwrap_or(&[]);
    let tail = chars
        .get(end.saturating_sub(2).max(start)..end)
        .unwrap_or(&[]);
    has_mark(head) && has_mark(tail)
}

/// Scores one text's predictions against its gold attributions: all
/// attributions, then direct quotes alone.
///
/// One matching serves both groups. In the direct group a gold direct quote counts
/// as found when any prediction matched it; a predicted direct quote counts against
/// precision unless it matched a gold attribution that is not direct (then the
/// annotators only drew the span's ends differently, and the all-attributions
/// figures already credit it).
pub fn score(
    text: &str,
    gold: &[CharAttribution],
    predicted: &[CharAttribution],
) -> (Scores, Scores) {
    let chars: Vec<char> = text.chars().collect();
    let tokens = word_tokens(text);
    let covered = |fragments: &[(usize, usize)]| -> Vec<usize> {
        (0..tokens.len())
            .filter(|&t| {
                fragments
                    .iter()
                    .any(|&f| tokens.get(t).is_some_and(|&w| overlaps(w, f)))
            })
            .collect()
    };
    let gold_tokens: Vec<Vec<usize>> = gold.iter().map(|g| covered(&g.content)).collect();
    let predicted_tokens: Vec<Vec<usize>> = predicted.iter().map(|p| covered(&p.content)).collect();
    // Every pair that clears the bar, best overlap first, taken greedily.
    let mut pairs = Vec::new();
    for (g, gt) in gold_tokens.iter().enumerate() {
        if gt.is_empty() {
            continue;
        }
        for (p, pt) in predicted_tokens.iter().enumerate() {
            let shared = gt.iter().filter(|t| pt.binary_search(t).is_ok()).count();
            if 2 * shared >= gt.len() && shared > 0 {
                pairs.push((shared, g, p));
            }
        }
    }
    pairs.sort_by(|a, b| b.0.cmp(&a.0).then(a.1.cmp(&b.1)).then(a.2.cmp(&b.2)));
    let gold_direct: Vec<bool> = gold.iter().map(|g| is_direct(&chars, &g.content)).collect();
    let predicted_direct: Vec<bool> = predicted
        .iter()
        .map(|p| is_direct(&chars, &p.content))
        .collect();
    let mut gold_taken = vec![false; gold.len()];
    let mut predicted_taken: Vec<Option<usize>> = vec![None; predicted.len()];
    let mut all = Scores {
        gold: gold.len(),
        predicted: predicted.len(),
        ..Scores::default()
    };
    let mut direct = Scores {
        gold: gold_direct.iter().filter(|&&d| d).count(),
        ..Scores::default()
    };
    for (_, g, p) in pairs {
        if gold_taken[g] || predicted_taken[p].is_some() {
            continue;
        }
        gold_taken[g] = true;
        predicted_taken[p] = Some(g);
        let (gs, ps) = (&gold[g].source, &predicted[p].source);
        let correct = if gs.is_empty() {
            ps.is_empty()
        } else {
            gs.iter().any(|&a| ps.iter().any(|&b| overlaps(a, b)))
        };
        all.matched += 1;
        all.source_correct += usize::from(correct);
        if gold_direct[g] {
            direct.matched += 1;
            direct.source_correct += usize::from(correct);
        }
    }
    direct.predicted = (0..predicted.len())
        .filter(|&p| match predicted_taken[p] {
            Some(g) => gold_direct[g],
            None => predicted_direct[p],
        })
        .count();
    (all, direct)
}

/// Converts a body span of `doc` into a character range of the article's text.
fn to_chars(doc: &Doc, span: Span, char_of_byte: &[usize]) -> (usize, usize) {
    let original = doc.body_map.span_to_original(span);
    let at = |b: u32| {
        char_of_byte
            .get(b as usize)
            .or(char_of_byte.last())
            .copied()
            .unwrap_or(0)
    };
    (at(original.start), at(original.end))
}

/// The attributions the quote stage finds in `text`, in character offsets.
pub fn predict(
    analyzer: &TextAnalyzer,
    finder: &QuoteFinder,
    name: &str,
    text: &str,
) -> Vec<CharAttribution> {
    let article = Article::new(Origin::file(name), text.to_string());
    let mut doc = analyzer.analyze(article);
    finder.annotate(&mut doc);
    // Character index of every byte offset (and of the end).
    let mut char_of_byte = vec![0usize; text.len() + 1];
    let mut count = 0;
    for (c, (b, ch)) in text.char_indices().enumerate() {
        for slot in char_of_byte.iter_mut().skip(b).take(ch.len_utf8()) {
            *slot = c;
        }
        count = c + 1;
    }
    if let Some(last) = char_of_byte.last_mut() {
        *last = count;
    }
    doc.quotes
        .iter()
        .map(|q| CharAttribution {
            content: vec![to_chars(&doc, q.content, &char_of_byte)],
            source: q
                .source
                .map(|s| to_chars(&doc, s, &char_of_byte))
                .into_iter()
                .collect(),
            cue: q
                .cue
                .map(|s| to_chars(&doc, s, &char_of_byte))
                .into_iter()
                .collect(),
        })
        .collect()
}

fn read(path: &Path) -> Result<String> {
    std::fs::read_to_string(path).map_err(|source| EvalError::Io {
        path: path.to_path_buf(),
        source,
    })
}

fn list(dir: &Path) -> Result<Vec<PathBuf>> {
    let entries = std::fs::read_dir(dir).map_err(|source| EvalError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    Ok(paths)
}

/// Runs the quote stage over `dir/text/*.txt`, scores it against
/// `dir/attributions/` when that folder exists, and writes one JSON line per
/// predicted attribution to `predictions` when given.
pub fn run(dir: &Path, predictions: Option<&Path>) -> Result<QuotesReport> {
    let analyzer = TextAnalyzer::new(TextConfig::default());
    // PolNeAR marks sources as written: a pronoun stays a pronoun.
    let finder = QuoteFinder::new(QuotesConfig {
        resolve_sources: false,
        ..QuotesConfig::default()
    });
    let annotations_dir = dir.join("attributions");
    let annotations = if annotations_dir.is_dir() {
        list(&annotations_dir)?
    } else {
        Vec::new()
    };
    let mut out = match predictions {
        Some(path) => Some((
            std::io::BufWriter::new(std::fs::File::create(path).map_err(|source| {
                EvalError::Io {
                    path: path.to_path_buf(),
                    source,
                }
            })?),
            path,
        )),
        None => None,
    };
    let mut report = QuotesReport::default();
    for path in list(&dir.join("text"))? {
        if path.extension().is_none_or(|e| e != "txt") {
            continue;
        }
        let Some(name) = path
            .file_stem()
            .and_then(|s| s.to_str())
            .map(str::to_string)
        else {
            continue;
        };
        let text = read(&path)?;
        let started = Instant::now();
        let predicted = predict(&analyzer, &finder, &name, &text);
        report.seconds += started.elapsed().as_secs_f64();
        report.docs += 1;
        if let Some((writer, out_path)) = out.as_mut() {
            for p in &predicted {
                let line = serde_json::json!({
                    "doc": name,
                    "content": [p.content[0].0, p.content[0].1],
                    "source": p.source.first().map(|s| [s.0, s.1]),
                    "cue": p.cue.first().map(|s| [s.0, s.1]),
                });
                serde_json::to_writer(&mut *writer, &line).map_err(|source| {
                    EvalError::Predictions {
                        path: out_path.to_path_buf(),
                        source,
                    }
                })?;
                writeln!(writer).map_err(|source| EvalError::Io {
                    path: out_path.to_path_buf(),
                    source,
                })?;
            }
        }
        // The first annotator's file: `NAME_ANNOTATOR.ann`, first by name.
        let gold_file = annotations.iter().find(|p| {
            p.file_stem()
                .and_then(|s| s.to_str())
                .and_then(|s| s.rsplit_once('_'))
                .is_some_and(|(base, _)| base == name)
                && p.extension().is_some_and(|e| e == "ann")
        });
        let Some(gold_file) = gold_file else { continue };
        let gold = parse_brat(&read(gold_file)?);
        report.scored_docs += 1;
        let (all, direct) = score(&text, &gold, &predicted);
        report.all.add(all);
        report.direct.add(direct);
    }
    if let Some((mut writer, path)) = out {
        writer.flush().map_err(|source| EvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    fn testdata(path: &str) -> PathBuf {
        Path::new(env!("CARGO_MANIFEST_DIR"))
            .join("../../testdata/quotes")
            .join(path)
    }

    #[test]
    fn brat_fragments_and_continuation_lines() {
        let ann = "T1\tContent 0 4;10 14\tab\ncontinued text\nT2\tSource 5 9\tx\nT3\tCue 20 24\ty\n\
                   E1\tAttribution:T9 Content:T1 Source:T2 Cue:T3\n#1\tAnnotatorNotes T1\tnote\n";
        let parsed = parse_brat(ann);
        assert_eq!(
            parsed,
            vec![CharAttribution {
                content: vec![(0, 4), (10, 14)],
                source: vec![(5, 9)],
                cue: vec![(20, 24)],
            }]
        );
    }

    #[test]
    fn half_the_gold_tokens_match_one_to_one() {
        // Tokens: aa 0-2, bb 3-5, cc 6-8, dd 9-11, ee 12-14, ff 15-17.
        let text = "aa bb cc dd ee ff";
        let gold = vec![
            CharAttribution {
                content: vec![(0, 11)],
                source: vec![(0, 2)],
                cue: vec![],
            },
            CharAttribution {
                content: vec![(12, 17)],
                ..CharAttribution::default()
            },
        ];
        // Covers cc dd ee ff: half of the first gold's four tokens, all of the second's.
        let predicted = vec![CharAttribution {
            content: vec![(6, 17)],
            source: vec![(1, 3)],
            cue: vec![],
        }];
        let (all, direct) = score(text, &gold, &predicted);
        // Both golds share two tokens with it; the tie goes to the earlier gold, whose
        // source (0-2) the predicted source (1-3) overlaps. The second gold is missed.
        assert_eq!(
            all,
            Scores {
                gold: 2,
                predicted: 1,
                matched: 1,
                source_correct: 1
            }
        );
        assert_eq!(direct, Scores::default());
        assert!((all.f1() - 2.0 / 3.0).abs() < 1e-9);
    }

    #[test]
    fn direct_quotes_need_a_mark_near_each_end() {
        let chars: Vec<char> = "“Yes,” she said. ''No'' x".chars().collect();
        assert!(is_direct(&chars, &[(0, 6)]));
        assert!(is_direct(&chars, &[(17, 23)]));
        assert!(!is_direct(&chars, &[(1, 6)]) || chars[0] == '“');
        assert!(!is_direct(&chars, &[(7, 15)]));
    }

    #[test]
    fn invented_brat_article_scores_as_computed_by_hand() {
        let out = std::env::temp_dir().join(format!("quotes-eval-{}.jsonl", std::process::id()));
        let report = run(&testdata("brat"), Some(&out)).expect("runs");
        // Gold: the quotation (found, right source), the mayor's reported speech
        // (found, right source), the captains' expectation (missed: `expect` is no cue).
        assert_eq!(report.scored_docs, 1);
        assert_eq!(
            report.all,
            Scores {
                gold: 3,
                predicted: 2,
                matched: 2,
                source_correct: 2
            }
        );
        assert_eq!(
            report.direct,
            Scores {
                gold: 1,
                predicted: 1,
                matched: 1,
                source_correct: 1
            }
        );
        let lines = std::fs::read_to_string(&out).expect("predictions written");
        let _ = std::fs::remove_file(&out);
        let first: serde_json::Value =
            serde_json::from_str(lines.lines().next().expect("a line")).expect("json");
        // “The quay is unsafe,” starts at character 13 (after "Ferry talks\n\n").
        assert_eq!(first["doc"], "vellmar");
        assert_eq!(first["content"], serde_json::json!([13, 34]));
        assert_eq!(first["source"], serde_json::json!([35, 46]));
        assert_eq!(first["cue"], serde_json::json!([47, 51]));
    }

    #[test]
    fn without_attributions_only_predictions_are_written() {
        let out = std::env::temp_dir().join(format!("quotes-plain-{}.jsonl", std::process::id()));
        let report = run(&testdata("plain"), Some(&out)).expect("runs");
        let lines = std::fs::read_to_string(&out).expect("predictions written");
        let _ = std::fs::remove_file(&out);
        assert_eq!(report.scored_docs, 0);
        assert_eq!(report.docs, 1);
        assert_eq!(lines.lines().count(), 1);
    }
}
