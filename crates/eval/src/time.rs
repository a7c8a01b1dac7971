//! Time expressions, scored like TempEval-3 task A.
//!
//! Input: TimeML `.tml` files (in `DIR` or its subfolders, e.g. `TimeBank/` and
//! `AQUAINT/`). The document date is the value of the `TIMEX3` inside `DCT`; the
//! tagger runs on the text of the `TEXT` element with every tag removed and XML
//! entities decoded, and gold expressions are the `TIMEX3` elements inside `TEXT`.
//!
//! The metric follows the official TempEval-3 scorer: a system expression that
//! overlaps a gold one is aligned with it (one to one, in text order); relaxed
//! precision and recall count aligned expressions, strict ones count aligned
//! expressions with exactly the same extent. Type and value are compared on the
//! relaxed matches: accuracy = correct / relaxed matches, and the attribute F1
//! the scorer prints is that accuracy times the relaxed extent F1.

use std::collections::BTreeMap;
use std::fmt;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::time::Instant;

use crosscheck_core::layers::time::TimexKind;
use crosscheck_core::{Article, Doc, Origin};
use crosscheck_time::{Date, FoundTime, Scratch, TimeTagger};
use serde::Serialize;

/// Why the evaluation could not run.
#[derive(Debug, thiserror::Error)]
pub enum TimeEvalError {
    /// A directory or file could not be read or written.
    #[error("{path}: {source}")]
    Io {
        /// The file or directory.
        path: PathBuf,
        /// The underlying error.
        source: std::io::Error,
    },
    /// A predictions line could not be serialised.
    #[error("{path}: cannot write predictions: {source}")]
    Predictions {
        /// The file.
        path: PathBuf,
        /// The serialisation error.
        source: serde_json::Error,
    },
}

/// `Result` with [`TimeEvalError`].
pub type Result<T> = std::result::Result<T, TimeEvalError>;

/// A time expression by Unicode character offsets into the tag-free text.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Timex {
    /// First character.
    pub start: usize,
    /// One past the last character.
    pub end: usize,
    /// TIMEX3 type (`DATE`, `TIME`, `DURATION`, `SET`).
    pub kind: String,
    /// TIMEX3 value.
    pub value: String,
}

/// One TimeML document.
#[derive(Debug, Clone)]
pub struct TimeMlDoc {
    /// The text of `TEXT` with tags removed and entities decoded.
    pub text: String,
    /// The document creation date, when the file has one.
    pub dct: Option<Date>,
    /// The gold expressions inside `TEXT`; `None` when there are none (plain input).
    pub gold: Option<Vec<Timex>>,
}

/// Reads a TimeML document from its source text.
pub fn parse_tml(source: &str) -> TimeMlDoc {
    let dct = source.find("<DCT>").and_then(|at| {
        let rest = &source[at..];
        let stop = rest.find("</DCT>").unwrap_or(rest.len());
        attribute(&rest[..stop], "value").and_then(|v| v.get(..10)?.parse().ok())
    });
    let body = match (source.find("<TEXT>"), source.rfind("</TEXT>")) {
        (Some(a), Some(b)) if a + 6 <= b => &source[a + 6..b],
        _ => "",
    };
    let mut text = String::with_capacity(body.len());
    let mut chars = 0usize;
    let mut gold = Vec::new();
    let mut open: Vec<(usize, String, String)> = Vec::new();
    let mut rest = body;
    while !rest.is_empty() {
        if let Some(tag_rest) = rest.strip_prefix('<') {
            let stop = tag_rest.find('>').unwrap_or(tag_rest.len());
            let tag = &tag_rest[..stop];
            if tag.starts_with("TIMEX3") {
                open.push((
                    chars,
                    attribute(tag, "type").unwrap_or_default(),
                    attribute(tag, "value").unwrap_or_default(),
                ));
            } else if tag.starts_with("/TIMEX3")
                && let Some((start, kind, value)) = open.pop()
            {
                gold.push(Timex {
                    start,
                    end: chars,
                    kind,
                    value,
                });
            }
            rest = tag_rest.get(stop + 1..).unwrap_or("");
            continue;
        }
        if let Some(entity_rest) = rest.strip_prefix('&')
            && let Some(stop) = entity_rest.find(';').filter(|s| *s <= 8)
        {
            let decoded = match &entity_rest[..stop] {
                "amp" => Some('&'),
                "lt" => Some('<'),
                "gt" => Some('>'),
                "quot" => Some('"'),
                "apos" => Some('\''),
                code => code
                    .strip_prefix('#')
                    .and_then(|n| n.parse::<u32>().ok())
                    .and_then(char::from_u32),
            };
            if let Some(c) = decoded {
                text.push(c);
                chars += 1;
                rest = &entity_rest[stop + 1..];
                continue;
            }
        }
        let Some(c) = rest.chars().next() else {
            break;
        };
        text.push(c);
        chars += 1;
        rest = &rest[c.len_utf8()..];
    }
    gold.sort_by_key(|t| (t.start, t.end));
    TimeMlDoc {
        text,
        dct,
        gold: if gold.is_empty() { None } else { Some(gold) },
    }
}

/// The value of `name="…"` in a tag.
fn attribute(tag: &str, name: &str) -> Option<String> {
    let mut search = tag;
    while let Some(at) = search.find(name) {
        let before_ok = at == 0 || search.as_bytes()[at - 1].is_ascii_whitespace();
        let after = &search[at + name.len()..];
        if before_ok && let Some(quoted) = after.strip_prefix("=\"") {
            let stop = quoted.find('"')?;
            return Some(quoted[..stop].to_string());
        }
        search = after;
    }
    None
}

/// Counts of the TempEval-3 timex metric.
#[derive(Debug, Clone, Copy, Default, PartialEq, Eq)]
pub struct TimexCounts {
    /// Documents scored.
    pub docs: usize,
    /// Gold expressions.
    pub gold: usize,
    /// System expressions.
    pub system: usize,
    /// Aligned (overlapping) pairs.
    pub relaxed: usize,
    /// Aligned pairs with the same extent.
    pub strict: usize,
    /// Aligned pairs with the same type.
    pub type_correct: usize,
    /// Aligned pairs with the same value.
    pub value_correct: usize,
}

fn ratio(a: usize, b: usize) -> f64 {
    if b == 0 { 0.0 } else { a as f64 / b as f64 }
}

fn f1(p: f64, r: f64) -> f64 {
    if p + r == 0.0 {
        0.0
    } else {
        2.0 * p * r / (p + r)
    }
}

impl TimexCounts {
    /// Adds another set of counts.
    pub fn add(&mut self, other: &TimexCounts) {
        self.docs += other.docs;
        self.gold += other.gold;
        self.system += other.system;
        self.relaxed += other.relaxed;
        self.strict += other.strict;
        self.type_correct += other.type_correct;
        self.value_correct += other.value_correct;
    }

    /// Strict extent (precision, recall, F1).
    pub fn strict_prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.strict, self.system);
        let r = ratio(self.strict, self.gold);
        (p, r, f1(p, r))
    }

    /// Relaxed extent (precision, recall, F1).
    pub fn relaxed_prf(&self) -> (f64, f64, f64) {
        let p = ratio(self.relaxed, self.system);
        let r = ratio(self.relaxed, self.gold);
        (p, r, f1(p, r))
    }

    /// Type accuracy over relaxed matches.
    pub fn type_accuracy(&self) -> f64 {
        ratio(self.type_correct, self.relaxed)
    }

    /// Value accuracy over relaxed matches.
    pub fn value_accuracy(&self) -> f64 {
        ratio(self.value_correct, self.relaxed)
    }

    /// Value F1 as TempEval-3 reports it: value accuracy × relaxed F1.
    pub fn value_f1(&self) -> f64 {
        self.value_accuracy() * self.relaxed_prf().2
    }

    /// Type F1 as TempEval-3 reports it: type accuracy × relaxed F1.
    pub fn type_f1(&self) -> f64 {
        self.type_accuracy() * self.relaxed_prf().2
    }
}

/// Scores one document: each gold expression (in text order) is aligned with the
/// first unaligned system expression that overlaps it.
pub fn score(gold: &[Timex], system: &[Timex]) -> TimexCounts {
    let mut counts = TimexCounts {
        docs: 1,
        gold: gold.len(),
        system: system.len(),
        ..TimexCounts::default()
    };
    let mut used = vec![false; system.len()];
    for g in gold {
        let found = system
            .iter()
            .enumerate()
            .find(|(k, s)| !used[*k] && s.start < g.end && g.start < s.end);
        if let Some((k, s)) = found {
            used[k] = true;
            counts.relaxed += 1;
            if s.start == g.start && s.end == g.end {
                counts.strict += 1;
            }
            if s.kind == g.kind {
                counts.type_correct += 1;
            }
            if s.value == g.value {
                counts.value_correct += 1;
            }
        }
    }
    counts
}

/// The outcome of a run: counts per folder and over all, and speed.
#[derive(Debug, Clone, Default)]
pub struct TimeReport {
    /// Counts per subfolder (`.` for files directly in the directory).
    pub folders: BTreeMap<String, TimexCounts>,
    /// Counts over all scored documents.
    pub total: TimexCounts,
    /// Documents tagged (scored or not).
    pub tagged: usize,
    /// Characters tagged.
    pub chars: usize,
    /// Seconds spent tagging (reading and scoring excluded).
    pub seconds: f64,
}

impl fmt::Display for TimeReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        writeln!(
            f,
            "{:<12} {:>5} {:>6} {:>6}  {:>21}  {:>21}  {:>7} {:>7} {:>7}",
            "folder",
            "docs",
            "gold",
            "system",
            "strict P / R / F1",
            "relaxed P / R / F1",
            "type",
            "value",
            "valueF1"
        )?;
        let row = |f: &mut fmt::Formatter<'_>, name: &str, c: &TimexCounts| {
            let (sp, sr, sf) = c.strict_prf();
            let (rp, rr, rf) = c.relaxed_prf();
            writeln!(
                f,
                "{:<12} {:>5} {:>6} {:>6}  {:>6.2} {:>6.2} {:>6.2}  {:>6.2} {:>6.2} {:>6.2}  {:>7.2} {:>7.2} {:>7.2}",
                name,
                c.docs,
                c.gold,
                c.system,
                100.0 * sp,
                100.0 * sr,
                100.0 * sf,
                100.0 * rp,
                100.0 * rr,
                100.0 * rf,
                100.0 * c.type_accuracy(),
                100.0 * c.value_accuracy(),
                100.0 * c.value_f1()
            )
        };
        for (name, counts) in &self.folders {
            row(f, name, counts)?;
        }
        row(f, "all", &self.total)?;
        writeln!(
            f,
            "type and value: accuracy over relaxed matches; valueF1 = value accuracy x relaxed F1 (TempEval-3)"
        )?;
        let ms = if self.tagged > 0 {
            1000.0 * self.seconds / self.tagged as f64
        } else {
            0.0
        };
        writeln!(
            f,
            "tagged {} documents ({} chars) in {:.3} s: {:.3} ms per document",
            self.tagged, self.chars, self.seconds, ms
        )
    }
}

/// One prediction line.
#[derive(Serialize)]
struct PredictionLine<'a> {
    doc: &'a str,
    start: usize,
    end: usize,
    #[serde(rename = "type")]
    kind: &'a str,
    value: &'a str,
}

fn kind_name(kind: TimexKind) -> &'static str {
    match kind {
        TimexKind::Date => "DATE",
        TimexKind::Time => "TIME",
        TimexKind::Duration => "DURATION",
        TimexKind::Set => "SET",
    }
}

/// Converts byte spans of `text` to character offsets (spans come in order).
fn to_chars(text: &str, found: &[FoundTime]) -> Vec<Timex> {
    let mut out = Vec::with_capacity(found.len());
    let mut byte = 0usize;
    let mut chars = 0usize;
    let mut advance = |target: usize| -> usize {
        if target < byte {
            byte = 0;
            chars = 0;
        }
        chars += text.get(byte..target).map_or(0, |s| s.chars().count());
        byte = target;
        chars
    };
    for f in found {
        let start = advance(f.span.start as usize);
        let end = advance(f.span.end as usize);
        out.push(Timex {
            start,
            end,
            kind: kind_name(f.kind).to_string(),
            value: f.value.clone(),
        });
    }
    out
}

fn tml_files(dir: &Path, out: &mut Vec<PathBuf>) -> Result<()> {
    let entries = std::fs::read_dir(dir).map_err(|source| TimeEvalError::Io {
        path: dir.to_path_buf(),
        source,
    })?;
    let mut paths: Vec<PathBuf> = entries.filter_map(|e| e.ok().map(|e| e.path())).collect();
    paths.sort();
    for path in paths {
        if path.is_dir() {
            tml_files(&path, out)?;
        } else if path.extension().is_some_and(|e| e == "tml") {
            out.push(path);
        }
    }
    Ok(())
}

/// Tags every `.tml` file under `dir`, scores those with gold expressions, and
/// with `predictions` writes one JSON line per predicted expression.
pub fn run(dir: &Path, predictions: Option<&Path>) -> Result<TimeReport> {
    let mut files = Vec::new();
    tml_files(dir, &mut files)?;
    let tagger = TimeTagger::default();
    let mut scratch = Scratch::default();
    let mut found = Vec::new();
    let mut report = TimeReport::default();
    let mut writer = match predictions {
        Some(path) => Some((
            path,
            std::io::BufWriter::new(std::fs::File::create(path).map_err(|source| {
                TimeEvalError::Io {
                    path: path.to_path_buf(),
                    source,
                }
            })?),
        )),
        None => None,
    };
    for path in files {
        let source = std::fs::read_to_string(&path).map_err(|source| TimeEvalError::Io {
            path: path.clone(),
            source,
        })?;
        let doc = parse_tml(&source);
        let name = path
            .file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default();
        let folder = path
            .parent()
            .filter(|p| *p != dir)
            .and_then(|p| p.file_name())
            .map_or_else(|| ".".to_string(), |n| n.to_string_lossy().into_owned());
        let reference = doc.dct.or_else(|| {
            let article = Article::new(Origin::file(name.clone()), doc.text.clone());
            crosscheck_time::infer_published(&Doc::unanalysed(article)).map(|d| d.date)
        });
        let started = Instant::now();
        found.clear();
        if let Some(reference) = reference {
            tagger.tag_into(&doc.text, reference, &mut scratch, &mut found);
        }
        report.seconds += started.elapsed().as_secs_f64();
        report.tagged += 1;
        report.chars += doc.text.chars().count();
        let system = to_chars(&doc.text, &found);
        if let Some(gold) = &doc.gold {
            let counts = score(gold, &system);
            report.folders.entry(folder).or_default().add(&counts);
            report.total.add(&counts);
        }
        if let Some((out_path, out)) = writer.as_mut() {
            for t in &system {
                let line = PredictionLine {
                    doc: &name,
                    start: t.start,
                    end: t.end,
                    kind: &t.kind,
                    value: &t.value,
                };
                serde_json::to_writer(&mut *out, &line).map_err(|source| {
                    TimeEvalError::Predictions {
                        path: out_path.to_path_buf(),
                        source,
                    }
                })?;
                out.write_all(b"\n").map_err(|source| TimeEvalError::Io {
                    path: out_path.to_path_buf(),
                    source,
                })?;
            }
        }
    }
    if let Some((path, mut out)) = writer {
        out.flush().map_err(|source| TimeEvalError::Io {
            path: path.to_path_buf(),
            source,
        })?;
    }
    Ok(report)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_tags_entities_and_dct() {
        let doc = parse_tml(
            "<DCT><TIMEX3 tid=\"t0\" type=\"DATE\" value=\"2025-03-04\">x</TIMEX3></DCT>\
             <TEXT>A &amp; B met <TIMEX3 tid=\"t1\" type=\"DATE\" value=\"2025-03-06\">Thursday</TIMEX3>.</TEXT>",
        );
        assert_eq!(doc.text, "A & B met Thursday.");
        assert_eq!(doc.dct, Date::new(2025, 3, 4).ok());
        let gold = doc.gold.unwrap_or_default();
        assert_eq!(gold.len(), 1);
        assert_eq!((gold[0].start, gold[0].end), (10, 18));
        assert_eq!(gold[0].value, "2025-03-06");
    }

    #[test]
    fn invented_report_scores_as_computed_by_hand() {
        let dir = Path::new(env!("CARGO_MANIFEST_DIR")).join("../../testdata/time");
        let out =
            std::env::temp_dir().join(format!("crosscheck-time-{}.jsonl", std::process::id()));
        let report = match run(&dir, Some(&out)) {
            Ok(r) => r,
            Err(e) => panic!("eval failed: {e}"),
        };
        let c = report.total;
        // Gold: Thursday, this month, three years, Thursday (of "Thursday morning"),
        // May, these days. The tagger finds all but "these days" and reads
        // "Thursday morning" whole: 6 gold, 5 system, 5 relaxed, 4 strict matches.
        assert_eq!((c.gold, c.system, c.relaxed, c.strict), (6, 5, 5, 4));
        assert_eq!((c.type_correct, c.value_correct), (5, 5));
        let (sp, sr, sf) = c.strict_prf();
        assert!((sp - 0.8).abs() < 1e-9 && (sr - 4.0 / 6.0).abs() < 1e-9);
        assert!((sf - 2.0 * 0.8 * (4.0 / 6.0) / (0.8 + 4.0 / 6.0)).abs() < 1e-9);
        assert!((c.relaxed_prf().2 - 10.0 / 11.0).abs() < 1e-9);
        assert!((c.value_f1() - 10.0 / 11.0).abs() < 1e-9);
        let lines = std::fs::read_to_string(&out).unwrap_or_default();
        let _ = std::fs::remove_file(&out);
        assert_eq!(lines.lines().count(), 5);
        let first: serde_json::Value =
            serde_json::from_str(lines.lines().next().unwrap_or("{}")).unwrap_or_default();
        assert_eq!(first["doc"], "invented_report.tml");
        assert_eq!(first["value"], "2025-02-27");
        assert_eq!(first["type"], "DATE");
    }

    #[test]
    fn alignment_is_one_to_one() {
        let t = |start, end, value: &str| Timex {
            start,
            end,
            kind: "DATE".into(),
            value: value.into(),
        };
        // One system span overlapping two gold spans matches only the first.
        let counts = score(&[t(0, 5, "a"), t(6, 10, "b")], &[t(0, 10, "a")]);
        assert_eq!(
            (counts.relaxed, counts.strict, counts.value_correct),
            (1, 0, 1)
        );
    }
}
