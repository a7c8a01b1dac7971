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
    pub fn new(file: impl Into<String>, record: Option<u64>, reason: impl Into<String>) -> Self {
        IngestError {
            file: file.into(),
            record,
            reason: reason.into(),
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
    }
}
