//! JSON Lines: one article object per line, read line by line.

use std::io::BufRead;

use crosscheck_core::Origin;
use serde_json::{Map, Value};

use crate::charset::require_utf8;
use crate::error::{IngestError, Result};
use crate::lines::{Line, human_size, read_line_bounded};
use crate::record::{ContentKind, Record};

/// Streams the records of a JSON Lines file; memory holds one line at a time.
pub(crate) struct JsonLinesReader<R> {
    file: String,
    reader: R,
    line_no: u64,
    max_line: usize,
    buf: Vec<u8>,
    done: bool,
}

impl<R: BufRead> JsonLinesReader<R> {
    pub(crate) fn new(file: String, reader: R, max_line: usize) -> Self {
        JsonLinesReader {
            file,
            reader,
            line_no: 0,
            max_line,
            buf: Vec::new(),
            done: false,
        }
    }
}

impl<R: BufRead> Iterator for JsonLinesReader<R> {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            self.line_no += 1;
            let line = self.line_no;
            match read_line_bounded(&mut self.reader, &mut self.buf, self.max_line) {
                Err(e) => {
                    // The stream cannot be resynchronised after a read error.
                    self.done = true;
                    return Some(Err(IngestError::io(&self.file, Some(line), &e)));
                }
                Ok(Line::Eof) => self.done = true,
                Ok(Line::TooLong) => {
                    return Some(Err(IngestError::new(
                        &self.file,
                        Some(line),
                        format!(
                            "line is longer than {}; skipped",
                            human_size(self.max_line as u64)
                        ),
                    )));
                }
                Ok(Line::Complete) => {
                    if self.buf.trim_ascii().is_empty() {
                        continue;
                    }
                    let bytes = std::mem::take(&mut self.buf);
                    return Some(parse_article(&self.file, Some(line), bytes));
                }
            }
        }
        None
    }
}

/// One JSON article object (a JSON Lines line, or a whole pretty-printed file).
pub(crate) fn parse_article(file: &str, record: Option<u64>, bytes: Vec<u8>) -> Result<Record> {
    let fail = |reason: String| IngestError::new(file, record, reason);
    let text = require_utf8(bytes).map_err(fail)?;
    let value: Value =
        serde_json::from_str(&text).map_err(|e| fail(format!("not valid JSON: {e}")))?;
    let Value::Object(object) = value else {
        return Err(fail(format!(
            "expected a JSON object, found {}",
            type_name(&value)
        )));
    };
    let field = |name: &str| string_field(&object, name).map_err(fail);
    let (kind, content) = match (field("text")?, field("html")?) {
        (Some(text), _) if !text.trim().is_empty() => (ContentKind::Text, text),
        (_, Some(html)) if !html.trim().is_empty() => (ContentKind::Html, html),
        (Some(_), _) => return Err(fail("the `text` field is empty".into())),
        _ => {
            return Err(fail(
                "the object has neither a `text` nor an `html` field".into(),
            ));
        }
    };
    let origin = match record {
        Some(n) => Origin::record(file, n),
        None => Origin::file(file),
    };
    let mut rec = Record::new(origin, kind, content);
    rec.url = field("url")?;
    rec.source = field("source")?;
    rec.title = field("title")?;
    rec.published = field("published")?;
    rec.language = field("language")?;
    rec.authors = match object.get("authors").or_else(|| object.get("author")) {
        None | Some(Value::Null) => Vec::new(),
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .map(|item| match item {
                Value::String(s) => Ok(s.clone()),
                other => Err(fail(format!(
                    "`authors` must be a string or a list of strings, found a list holding {}",
                    type_name(other)
                ))),
            })
            .collect::<Result<Vec<_>>>()?,
        Some(other) => {
            return Err(fail(format!(
                "`authors` must be a string or a list of strings, found {}",
                type_name(other)
            )));
        }
    };
    rec.authors.retain(|a| !a.trim().is_empty());
    Ok(rec)
}

fn string_field(
    object: &Map<String, Value>,
    name: &str,
) -> std::result::Result<Option<String>, String> {
    match object.get(name) {
        None | Some(Value::Null) => Ok(None),
        Some(Value::String(s)) => Ok(Some(s.clone())),
        Some(other) => Err(format!(
            "`{name}` must be a string, found {}",
            type_name(other)
        )),
    }
}

fn type_name(value: &Value) -> &'static str {
    match value {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "a list",
        Value::Object(_) => "an object",
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(data: &str) -> Vec<Result<Record>> {
        JsonLinesReader::new("f.jsonl".into(), data.as_bytes(), 1024).collect()
    }

    #[test]
    fn fields_are_read_and_bad_lines_named() {
        let items = read(concat!(
            r#"{"url":"https://a.example/x","title":"T","authors":["A","B"],"published":"2025-05-15","text":"Body."}"#,
            "\n\n",
            r#"{"title": 3, "text": "x"}"#,
            "\n",
            r#"{"html":"<p>Hi</p>","author":"C"}"#,
            "\n",
            r#"[1]"#,
            "\n",
            r#"{"text":"cut"#,
        ));
        assert_eq!(items.len(), 5);
        let first = items[0].as_ref().unwrap();
        assert_eq!(first.origin, Origin::record("f.jsonl", 1));
        assert_eq!(first.authors, ["A", "B"]);
        assert_eq!(first.published.as_deref(), Some("2025-05-15"));
        let e = items[1].as_ref().unwrap_err();
        assert_eq!(
            e.to_string(),
            "f.jsonl record 3: `title` must be a string, found a number"
        );
        let third = items[2].as_ref().unwrap();
        assert_eq!(
            (third.kind, third.authors.clone()),
            (ContentKind::Html, vec!["C".to_string()])
        );
        assert_eq!(items[3].as_ref().unwrap_err().record, Some(5));
        assert!(
            items[4]
                .as_ref()
                .unwrap_err()
                .reason
                .starts_with("not valid JSON")
        );
    }
}
