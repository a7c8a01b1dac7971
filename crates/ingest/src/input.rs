//! Opening files and directories, sniffing formats, and streaming their records.

use std::collections::{HashSet, VecDeque};
use std::io::{self, BufRead, BufReader, Cursor, Read};
use std::path::{Path, PathBuf};

use crosscheck_core::Origin;
use flate2::read::MultiGzDecoder;

use crate::charset::{decode_html, require_utf8};
use crate::error::{IngestError, Result};
use crate::feed::feed_records;
use crate::jsonl::{JsonLinesReader, parse_article};
use crate::lines::{human_size, read_to_end_bounded};
use crate::record::{ContentKind, Record};
use crate::sniff::{Format, SNIFF_BYTES, sniff};
use crate::warc::WarcReader;

/// Settings for [`InputReader`] and [`RecordStream`].
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ReaderConfig {
    /// The most bytes one record may take once decompressed (a whole text, HTML
    /// or feed file; one JSON line; one WARC record). Larger records are reported
    /// and skipped, which also defuses gzip bombs. Default 64 MiB.
    pub max_record_bytes: u64,
}

impl Default for ReaderConfig {
    fn default() -> Self {
        ReaderConfig {
            max_record_bytes: 64 * 1024 * 1024,
        }
    }
}

/// gzip inside gzip is unwrapped this many times at most.
const MAX_GZIP_NESTING: u32 = 3;

type Records = Box<dyn Iterator<Item = Result<Record>> + Send>;
type Input = Box<dyn Read + Send>;

/// Streams the records of one input (a file's bytes, stdin, a test buffer):
/// sniffs the format, decompresses gzip, frames records. Memory stays bounded by
/// [`ReaderConfig::max_record_bytes`] whatever the input's size.
pub struct RecordStream {
    file: String,
    state: State,
    config: ReaderConfig,
}

enum State {
    Unopened(Input),
    Reading(Records),
    Done,
}

impl RecordStream {
    /// Records read from `reader`; `file` is the name errors and origins carry.
    pub fn new(file: impl Into<String>, reader: impl Read + Send + 'static) -> Self {
        Self::with_config(file, reader, ReaderConfig::default())
    }

    /// [`RecordStream::new`] with settings.
    pub fn with_config(
        file: impl Into<String>,
        reader: impl Read + Send + 'static,
        config: ReaderConfig,
    ) -> Self {
        RecordStream {
            file: file.into(),
            state: State::Unopened(Box::new(reader)),
            config,
        }
    }
}

impl Iterator for RecordStream {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            match std::mem::replace(&mut self.state, State::Done) {
                State::Done => return None,
                State::Unopened(input) => match open_format(&self.file, input, &self.config, 0) {
                    Ok(records) => self.state = State::Reading(records),
                    Err(e) => return Some(Err(e)),
                },
                State::Reading(mut records) => {
                    let item = records.next();
                    if item.is_some() {
                        self.state = State::Reading(records);
                    }
                    return item;
                }
            }
        }
    }
}

/// The extension that says what the file holds: `a.jsonl.gz` → `jsonl`.
fn inner_extension(file: &str) -> String {
    let name = file
        .rsplit(['/', '\\'])
        .next()
        .unwrap_or(file)
        .to_ascii_lowercase();
    let name = name.strip_suffix(".gz").unwrap_or(&name);
    match name.rsplit_once('.') {
        Some((_, ext)) => ext.to_string(),
        None => String::new(),
    }
}

/// The first bytes of `input`, and a reader that still yields all of it. A read
/// error while peeking is kept and raised after the bytes before it, so the
/// records ahead of a truncation in a short file still come through.
fn peek(mut input: Input) -> io::Result<(Vec<u8>, Input)> {
    let mut head = vec![0; SNIFF_BYTES];
    let mut filled = 0;
    let mut failure = None;
    while filled < head.len() {
        match input.read(head.get_mut(filled..).unwrap_or_default()) {
            Ok(0) => break,
            Ok(n) => filled += n,
            Err(e) if e.kind() == io::ErrorKind::Interrupted => {}
            Err(e) => {
                failure = Some(e);
                break;
            }
        }
    }
    head.truncate(filled);
    let rest: Input = match failure {
        // Nothing to read before the failure: the input itself is unreadable.
        Some(e) if filled == 0 => return Err(e),
        Some(e) => Box::new(FailOnce(Some(e))),
        None => input,
    };
    let whole: Input = Box::new(Cursor::new(head.clone()).chain(rest));
    Ok((head, whole))
}

/// A reader that fails with a stored error, then reports the end.
struct FailOnce(Option<io::Error>);

impl Read for FailOnce {
    fn read(&mut self, _buf: &mut [u8]) -> io::Result<usize> {
        match self.0.take() {
            Some(e) => Err(e),
            None => Ok(0),
        }
    }
}

fn open_format(
    file: &str,
    input: Input,
    config: &ReaderConfig,
    gzip_depth: u32,
) -> Result<Records> {
    let (head, input) = peek(input).map_err(|e| IngestError::io(file, None, &e))?;
    let max = config.max_record_bytes;
    let whole_file = |input: Input| -> Result<Vec<u8>> {
        match read_to_end_bounded(input, max) {
            Ok(Some(bytes)) => Ok(bytes),
            Ok(None) => Err(IngestError::new(
                file,
                None,
                format!(
                    "the file is larger than {} (the limit for one article); skipped",
                    human_size(max)
                ),
            )),
            Err(e) => Err(IngestError::io(file, None, &e)),
        }
    };
    let one = |kind: ContentKind, content: String| -> Records {
        Box::new(std::iter::once(Ok(Record::new(
            Origin::file(file),
            kind,
            content,
        ))))
    };
    let fail = |reason: String| IngestError::new(file, None, reason);
    match sniff(&head, &inner_extension(file)) {
        Format::Empty => Err(fail("the file is empty".into())),
        Format::Unknown(what) => Err(fail(format!("unknown format: {what}"))),
        Format::Gzip if gzip_depth >= MAX_GZIP_NESTING => {
            Err(fail("gzip nested too deeply".into()))
        }
        Format::Gzip => {
            let decoder: Input = Box::new(GzipErrors(MultiGzDecoder::new(BufReader::new(input))));
            open_format(file, decoder, config, gzip_depth + 1)
        }
        Format::Warc => Ok(Box::new(WarcReader::new(
            file.to_string(),
            buffered(input),
            max,
        ))),
        Format::JsonLines => Ok(Box::new(JsonLinesReader::new(
            file.to_string(),
            buffered(input),
            usize::try_from(max).unwrap_or(usize::MAX),
        ))),
        Format::JsonDocument => {
            let bytes = whole_file(input)?;
            Ok(Box::new(std::iter::once(parse_article(file, None, bytes))))
        }
        Format::Feed => {
            let bytes = whole_file(input)?;
            let items = feed_records(file, &bytes)?;
            if items.is_empty() {
                return Err(fail("the feed has no items".into()));
            }
            Ok(Box::new(items.into_iter()))
        }
        Format::Html => {
            let html = decode_html(whole_file(input)?, None).map_err(fail)?;
            Ok(one(ContentKind::Html, html))
        }
        Format::Text => {
            let text = require_utf8(whole_file(input)?).map_err(fail)?;
            Ok(one(ContentKind::Text, text))
        }
    }
}

fn buffered(input: Input) -> Box<dyn BufRead + Send> {
    Box::new(BufReader::with_capacity(64 * 1024, input))
}

/// Says "gzip" in the errors of the decompressor, so a user knows which layer broke.
struct GzipErrors<R>(R);

impl<R: Read> Read for GzipErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        self.0.read(buf).map_err(|e| match e.kind() {
            io::ErrorKind::Interrupted => e,
            io::ErrorKind::UnexpectedEof => {
                io::Error::new(io::ErrorKind::UnexpectedEof, "the gzip data is truncated")
            }
            _ => io::Error::new(e.kind(), format!("the gzip data is corrupt ({e})")),
        })
    }
}

/// Streams records from files and directories, in a deterministic order: paths as
/// given, directories recursively with entries sorted by name (hidden entries,
/// whose name starts with `.`, skipped). Cheap work only (I/O, decompression,
/// framing, feed and JSON parsing); [`Record::into_article`] does the rest.
/// A file that cannot be read is one error, and reading goes on with the next.
pub struct InputReader {
    pending: VecDeque<PathBuf>,
    visited_dirs: HashSet<PathBuf>,
    current: Option<RecordStream>,
    config: ReaderConfig,
}

impl InputReader {
    /// Reads these paths in order (directories recursively).
    pub fn open(paths: Vec<PathBuf>) -> Self {
        Self::with_config(paths, ReaderConfig::default())
    }

    /// [`InputReader::open`] with settings.
    pub fn with_config(paths: Vec<PathBuf>, config: ReaderConfig) -> Self {
        InputReader {
            pending: paths.into(),
            visited_dirs: HashSet::new(),
            current: None,
            config,
        }
    }

    /// Queues a directory's entries, sorted by name, ahead of what follows it.
    fn expand_dir(&mut self, dir: &Path, file: &str) -> Result<()> {
        // A symlink loop would otherwise make the walk endless.
        let key = std::fs::canonicalize(dir).unwrap_or_else(|_| dir.to_path_buf());
        if !self.visited_dirs.insert(key) {
            return Ok(());
        }
        let entries = std::fs::read_dir(dir).map_err(|e| IngestError::io(file, None, &e))?;
        let mut children = Vec::new();
        for entry in entries {
            let entry = entry.map_err(|e| IngestError::io(file, None, &e))?;
            let name = entry.file_name();
            if name.to_string_lossy().starts_with('.') {
                continue;
            }
            children.push((name, entry.path()));
        }
        children.sort();
        for (_, child) in children.into_iter().rev() {
            self.pending.push_front(child);
        }
        Ok(())
    }
}

impl Iterator for InputReader {
    type Item = Result<Record>;

    fn next(&mut self) -> Option<Self::Item> {
        loop {
            if let Some(stream) = &mut self.current {
                if let Some(item) = stream.next() {
                    return Some(item);
                }
                self.current = None;
            }
            let path = self.pending.pop_front()?;
            let file = path.display().to_string();
            let meta = match std::fs::metadata(&path) {
                Ok(meta) => meta,
                Err(e) => return Some(Err(IngestError::io(&file, None, &e))),
            };
            if meta.is_dir() {
                if let Err(e) = self.expand_dir(&path, &file) {
                    return Some(Err(e));
                }
                continue;
            }
            match std::fs::File::open(&path) {
                Ok(f) => {
                    self.current = Some(RecordStream::with_config(file, f, self.config.clone()))
                }
                Err(e) => return Some(Err(IngestError::io(&file, None, &e))),
            }
        }
    }
}
