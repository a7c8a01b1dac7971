//! WARC: a streaming reader of our own that keeps the HTML responses.
//!
//! Why not the `warc` crate (0.4): its reader grows a buffer with `read_until`
//! with no limit while looking for the header's end and the block's end (a file
//! without the expected line breaks is read whole into memory), buffers every
//! record's block even those we skip (images, `request`, `metadata`), and stops
//! with an error on a Content-Length that does not match the data. This reader
//! holds at most one HTML record (capped), skips other blocks without buffering
//! them, and after a wrong Content-Length skips ahead to the next `WARC/` line.

use std::io::{BufRead, Read};

use crosscheck_core::Origin;
use flate2::read::{DeflateDecoder, MultiGzDecoder, ZlibDecoder};

use crate::charset::{content_type_charset, decode_html};
use crate::error::{IngestError, Result};
use crate::lines::{Line, human_size, read_line_bounded, read_to_end_bounded, skip};
use crate::record::{ContentKind, Record};

/// Longest header line and largest header block accepted.
const MAX_HEADER_LINE: usize = 64 * 1024;
const MAX_HEADER_LINES: usize = 1024;

/// Streams the HTML responses of a WARC file, one record in memory at a time.
pub(crate) struct WarcReader<R> {
    file: String,
    reader: R,
    /// Records seen so far (all types): the number a user finds the record by.
    record_no: u64,
    max_record: u64,
    /// The `WARC/` line of the next record was already consumed while resyncing.
    have_version_line: bool,
    /// The last record's end is unknown (no Content-Length, already reported):
    /// skip to the next record without a second error.
    quiet_resync: bool,
    done: bool,
    line: Vec<u8>,
}

impl<R: BufRead> WarcReader<R> {
    pub(crate) fn new(file: String, reader: R, max_record: u64) -> Self {
        WarcReader {
            file,
            reader,
            record_no: 0,
            max_record,
            have_version_line: false,
            quiet_resync: false,
            done: false,
            line: Vec::new(),
        }
    }

    fn err(&self, record: u64, reason: impl Into<String>) -> IngestError {
        IngestError::new(&self.file, Some(record), reason)
    }

    /// Fatal: the rest of the stream cannot be read.
    fn fatal(&mut self, e: IngestError) -> Option<Result<Record>> {
        self.done = true;
        Some(Err(e))
    }

    /// Finds the next record's `WARC/` line. `Ok(true)` if found directly,
    /// `Ok(false)` at the end; `Err` when other bytes had to be skipped first.
    fn seek_record(&mut self) -> std::io::Result<Option<bool>> {
        let mut skipped = false;
        loop {
            match read_line_bounded(&mut self.reader, &mut self.line, MAX_HEADER_LINE)? {
                Line::Eof => return Ok(None),
                Line::TooLong => skipped = true,
                Line::Complete => {
                    if self.line.starts_with(b"WARC/") {
                        return Ok(Some(!skipped));
                    }
                    if !self.line.trim_ascii().is_empty() {
                        skipped = true;
                    }
                }
            }
        }
    }

    /// Reads header lines up to the blank line; names lowercased.
    fn read_headers(
        &mut self,
        record: u64,
    ) -> std::result::Result<Vec<(String, String)>, IngestError> {
        let mut headers: Vec<(String, String)> = Vec::new();
        loop {
            let got = read_line_bounded(&mut self.reader, &mut self.line, MAX_HEADER_LINE)
                .map_err(|e| IngestError::io(&self.file, Some(record), &e))?;
            match got {
                Line::Eof => {
                    return Err(self.err(
                        record,
                        "the file ends inside the record's header (truncated file?)",
                    ));
                }
                Line::TooLong => {
                    return Err(self.err(record, "a header line is longer than 64 KiB"));
                }
                Line::Complete => {}
            }
            let line = self.line.trim_ascii_end();
            if line.is_empty() {
                return Ok(headers);
            }
            if headers.len() >= MAX_HEADER_LINES {
                return Err(self.err(record, "the record has more than 1024 header lines"));
            }
            let line = String::from_utf8_lossy(line);
            if line.starts_with([' ', '\t']) {
                // A folded continuation of the previous header.
                if let Some(last) = headers.last_mut() {
                    last.1.push(' ');
                    last.1.push_str(line.trim());
                }
                continue;
            }
            if let Some((name, value)) = line.split_once(':') {
                headers.push((name.trim().to_ascii_lowercase(), value.trim().to_string()));
            }
        }
    }
}

fn header<'a>(headers: &'a [(String, String)], name: &str) -> Option<&'a str> {
    headers
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.as_str())
}

impl<R: BufRead> Iterator for WarcReader<R> {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        while !self.done {
            if !self.have_version_line {
                match self.seek_record() {
                    Err(e) => {
                        let e = IngestError::io(&self.file, Some(self.record_no + 1), &e);
                        return self.fatal(e);
                    }
                    Ok(None) => {
                        self.done = true;
                        return None;
                    }
                    Ok(Some(found_directly)) if found_directly || self.quiet_resync => {}
                    Ok(Some(_)) => {
                        // Report the lost bytes once, then read the record found.
                        self.have_version_line = true;
                        let what = if self.record_no == 0 {
                            "the file does not start with a WARC record; skipped to the first one"
                                .to_string()
                        } else {
                            "the data after this record is not a WARC record (wrong Content-Length?); skipped to the next one".to_string()
                        };
                        let record = self.record_no.max(1);
                        return Some(Err(self.err(record, what)));
                    }
                }
            }
            self.have_version_line = false;
            self.quiet_resync = false;
            self.record_no += 1;
            let n = self.record_no;
            let headers = match self.read_headers(n) {
                Ok(h) => h,
                Err(e) => return self.fatal(e),
            };
            let Some(length) =
                header(&headers, "content-length").and_then(|v| v.parse::<u64>().ok())
            else {
                // Without a length the block's end is unknown: look for the next record.
                let e = self.err(n, "the record has no valid Content-Length; skipped");
                self.quiet_resync = true;
                return Some(Err(e));
            };
            let warc_type = header(&headers, "warc-type")
                .unwrap_or("")
                .to_ascii_lowercase();
            let block_type = header(&headers, "content-type")
                .unwrap_or("")
                .to_ascii_lowercase();
            let wanted = match warc_type.as_str() {
                "response" => block_type.is_empty() || block_type.starts_with("application/http"),
                // Some tools store pages as `resource` records of the page itself.
                "resource" => media_type(&block_type) == "text/html",
                _ => false,
            };
            if !wanted || length > self.max_record {
                match skip(&mut self.reader, length) {
                    Err(e) => {
                        let e = IngestError::io(&self.file, Some(n), &e);
                        return self.fatal(e);
                    }
                    Ok(got) if got < length => {
                        let e = self.err(n, truncated(length, got));
                        return self.fatal(e);
                    }
                    Ok(_) if wanted => {
                        let e = self.err(
                            n,
                            format!(
                                "the record is {length} bytes, over the limit of {}; skipped",
                                human_size(self.max_record)
                            ),
                        );
                        return Some(Err(e));
                    }
                    Ok(_) => continue,
                }
            }
            let mut block = Vec::new();
            match (&mut self.reader).take(length).read_to_end(&mut block) {
                Err(e) => {
                    let e = IngestError::io(&self.file, Some(n), &e);
                    return self.fatal(e);
                }
                Ok(got) if (got as u64) < length => {
                    let e = self.err(n, truncated(length, got as u64));
                    return self.fatal(e);
                }
                Ok(_) => {}
            }
            let url = header(&headers, "warc-target-uri")
                .map(|u| u.trim_start_matches('<').trim_end_matches('>').to_string())
                .filter(|u| !u.is_empty());
            let page = if warc_type == "resource" {
                Ok(Some((block, content_type_charset(&block_type))))
            } else {
                http_html(block, self.max_record)
            };
            match page {
                Ok(None) => continue,
                Err(reason) => return Some(Err(self.err(n, reason))),
                Ok(Some((body, charset))) => {
                    return Some(match decode_html(body, charset.as_deref()) {
                        Err(reason) => Err(self.err(n, reason)),
                        Ok(html) => {
                            let mut rec =
                                Record::new(Origin::record(&self.file, n), ContentKind::Html, html);
                            rec.url = url;
                            Ok(rec)
                        }
                    });
                }
            }
        }
        None
    }
}

fn truncated(length: u64, got: u64) -> String {
    format!(
        "the file ends inside the record: Content-Length says {length} bytes, only {got} are left (truncated file?)"
    )
}

/// An HTML body and the charset its response declares.
type HtmlBody = (Vec<u8>, Option<String>);

/// `text/html; charset=x` → `text/html`.
fn media_type(content_type: &str) -> &str {
    content_type.split(';').next().unwrap_or("").trim()
}

/// The HTML body of an HTTP response block with its declared charset;
/// `Ok(None)` for responses that are not pages (other status, other media type).
fn http_html(block: Vec<u8>, max: u64) -> std::result::Result<Option<HtmlBody>, String> {
    let (head_end, body_start) = match crate::sniff::find(&block, b"\r\n\r\n") {
        Some(i) => (i, i + 4),
        None => match crate::sniff::find(&block, b"\n\n") {
            Some(i) => (i, i + 2),
            None => return Err("the HTTP response has no end of headers".into()),
        },
    };
    let head = String::from_utf8_lossy(block.get(..head_end).unwrap_or_default()).into_owned();
    let mut lines = head.lines();
    let status_line = lines.next().unwrap_or("");
    let status: u16 = match status_line
        .split_whitespace()
        .collect::<Vec<_>>()
        .as_slice()
    {
        [version, code, ..] if version.starts_with("HTTP/") => code.parse().map_err(|_| {
            format!("the HTTP status line {status_line:?} has no valid status code")
        })?,
        _ => {
            return Err(format!(
                "the block does not start with an HTTP status line: {status_line:?}"
            ));
        }
    };
    if !(200..300).contains(&status) {
        return Ok(None);
    }
    let headers: Vec<(String, String)> = lines
        .filter_map(|l| l.split_once(':'))
        .map(|(n, v)| (n.trim().to_ascii_lowercase(), v.trim().to_string()))
        .collect();
    let content_type = header(&headers, "content-type")
        .unwrap_or("")
        .to_ascii_lowercase();
    let mut body = block.get(body_start..).unwrap_or_default().to_vec();
    drop(block);
    if header(&headers, "transfer-encoding")
        .is_some_and(|t| t.to_ascii_lowercase().contains("chunked"))
    {
        // Some crawlers store the body already de-chunked but keep the header:
        // use the body as it is when it is not valid chunked data.
        if let Some(joined) = dechunk(&body) {
            body = joined;
        }
    }
    if let Some(encoding) = header(&headers, "content-encoding") {
        body = decode_content(body, &encoding.to_ascii_lowercase(), max)?;
    }
    let html = match media_type(&content_type) {
        "text/html" | "application/xhtml+xml" => true,
        // No type: a page if it looks like one.
        "" => {
            let start: Vec<u8> = body.iter().take(1024).map(u8::to_ascii_lowercase).collect();
            crate::sniff::contains(&start, b"<html")
                || crate::sniff::contains(&start, b"<!doctype html")
        }
        _ => false,
    };
    Ok(html.then(|| (body, content_type_charset(&content_type))))
}

/// Joins chunked transfer-encoding; `None` when the data is not chunked.
fn dechunk(data: &[u8]) -> Option<Vec<u8>> {
    let mut out = Vec::with_capacity(data.len());
    let mut rest = data;
    loop {
        let eol = crate::sniff::find(rest, b"\n")?;
        let size_line = std::str::from_utf8(rest.get(..eol)?).ok()?.trim();
        let size_hex = size_line.split(';').next()?.trim();
        let size = usize::from_str_radix(size_hex, 16).ok()?;
        rest = rest.get(eol + 1..)?;
        if size == 0 {
            return Some(out);
        }
        out.extend_from_slice(rest.get(..size)?);
        rest = rest.get(size..)?;
        rest = rest
            .strip_prefix(b"\r\n")
            .or_else(|| rest.strip_prefix(b"\n"))
            .unwrap_or(rest);
    }
}

/// Undoes a `Content-Encoding`, bounded; an encoding we cannot undo is an error.
fn decode_content(body: Vec<u8>, encoding: &str, max: u64) -> std::result::Result<Vec<u8>, String> {
    let decoded = match encoding.trim() {
        "" | "identity" => return Ok(body),
        // Stored already decoded by the crawler despite the header.
        "gzip" | "x-gzip" | "deflate" if body.trim_ascii_start().starts_with(b"<") => {
            return Ok(body);
        }
        "gzip" | "x-gzip" => read_to_end_bounded(MultiGzDecoder::new(&body[..]), max),
        "deflate" => match read_to_end_bounded(ZlibDecoder::new(&body[..]), max) {
            Ok(out) => Ok(out),
            // Servers send raw deflate under this name too.
            Err(_) => read_to_end_bounded(DeflateDecoder::new(&body[..]), max),
        },
        other => {
            return Err(format!(
                "the page is compressed with {other:?}, which is not supported"
            ));
        }
    };
    match decoded {
        Ok(Some(out)) => Ok(out),
        Ok(None) => Err(format!(
            "the page decompresses to more than {}; skipped",
            human_size(max)
        )),
        Err(e) => Err(format!("the page's {encoding} compression is corrupt: {e}")),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn chunked_bodies_are_joined() {
        assert_eq!(
            dechunk(b"5\r\nHello\r\n6;x=y\r\n world\r\n0\r\n\r\n").unwrap(),
            b"Hello world"
        );
        assert_eq!(dechunk(b"<html>"), None);
        assert_eq!(dechunk(b"ff\r\nshort"), None);
    }

    #[test]
    fn only_successful_html_responses_are_pages() {
        let ok =
            b"HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\n\r\n<p>x</p>".to_vec();
        assert_eq!(
            http_html(ok, 1 << 20).unwrap(),
            Some((b"<p>x</p>".to_vec(), Some("utf-8".into())))
        );
        let img = b"HTTP/1.1 200 OK\r\nContent-Type: image/png\r\n\r\n\x89PNG".to_vec();
        assert_eq!(http_html(img, 1 << 20).unwrap(), None);
        let moved = b"HTTP/1.1 301 Moved\r\nLocation: /x\r\n\r\n".to_vec();
        assert_eq!(http_html(moved, 1 << 20).unwrap(), None);
        assert!(http_html(b"garbage\r\n\r\n".to_vec(), 1 << 20).is_err());
        assert!(http_html(b"no end of headers".to_vec(), 1 << 20).is_err());
    }
}
