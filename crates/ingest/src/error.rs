//! The one error type of the crate.

/// One input that could not be read: the file, the record inside it, the reason.
///
/// It prints as one line, `FILE record N: REASON` (without ` record N` when the
/// problem is with the whole file), so a user can find the input and fix it.
/// A struct rather than an enum because every failure needs the same three facts
/// and callers only ever report, count and skip it.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error("{file}{}: {reason}", record.map(|r| format!(" record {r}")).unwrap_or_default())]
pub struct IngestError {
    /// The file.
    pub file: String,
    /// The record inside a many-article file, when the problem is with one record:
    /// the 1-based line for JSON Lines, the item for feeds, the record for WARC.
    pub record: Option<u64>,
    /// What went wrong.
    pub reason: String,
}

impl IngestError {
    /// An error about `file` (and record `record` inside it).
    /// The reason is made one line (third-party messages may span several) and
    /// cut to a readable length.
    pub fn new(file: impl Into<String>, record: Option<u64>, reason: impl Into<String>) -> Self {
        let reason: String = reason.into();
        let mut one_line = reason.split_whitespace().collect::<Vec<_>>().join(" ");
        if let Some((cut, _)) = one_line.char_indices().nth(MAX_REASON_CHARS) {
            one_line.truncate(cut);
            one_line.push('…');
        }
        IngestError {
            file: file.into(),
            record,
            reason: one_line,
        }
    }

    /// An I/O failure, worded for a user (a truncated stream says so).
    pub(crate) fn io(file: &str, record: Option<u64>, err: &std::io::Error) -> Self {
        let reason = match err.kind() {
            std::io::ErrorKind::UnexpectedEof => {
                format!("the data ends too early (truncated file?): {err}")
            }
            std::io::ErrorKind::NotFound => format!("cannot open: {err}"),
            std::io::ErrorKind::PermissionDenied => format!("cannot open: {err}"),
            _ => format!("cannot read: {err}"),
        };
        IngestError::new(file, record, reason)
    }
}

/// Longer reasons (a parser quoting the input) are cut here.
const MAX_REASON_CHARS: usize = 300;

/// The crate's result type.
pub type Result<T> = std::result::Result<T, IngestError>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn prints_as_one_line_naming_file_and_record() {
        let e = IngestError::new("in/a.jsonl", Some(3), "not valid JSON");
        assert_eq!(e.to_string(), "in/a.jsonl record 3: not valid JSON");
        let e = IngestError::new("in/a.txt", None, "empty file");
        assert_eq!(e.to_string(), "in/a.txt: empty file");
        let e = IngestError::new(
            "f.xml",
            None,
            format!("expected `</a>`\nfound {}", "x".repeat(400)),
        );
        assert!(e.reason.starts_with("expected `</a>` found xxx"));
        assert_eq!(e.reason.chars().count(), MAX_REASON_CHARS + 1);
    }
}
