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
            let compressed = CountingReader::new(input);
            let consumed = compressed.count.clone();
            let decoder: Input = Box::new(GzipErrors {
                inner: MultiGzDecoder::new(BufReader::new(compressed)),
                consumed,
                produced: 0,
                window_start: (0, 0),
            });
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
        // Windows editors save "Unicode" text as UTF-16: decode it strictly and
        // read the result as if it had been UTF-8 all along.
        Format::Utf16 { .. } if gzip_depth >= MAX_GZIP_NESTING => {
            Err(fail("encodings nested too deeply".into()))
        }
        Format::Utf16 { little_endian } => {
            let bytes = whole_file(input)?;
            let (encoding, name) = if little_endian {
                (encoding_rs::UTF_16LE, "UTF-16LE")
            } else {
                (encoding_rs::UTF_16BE, "UTF-16BE")
            };
            let text = encoding
                .decode_without_bom_handling_and_without_replacement(
                    bytes.get(2..).unwrap_or_default(),
                )
                .ok_or_else(|| {
                    fail(format!(
                        "not valid {name} (the file starts with a {name} byte-order mark)"
                    ))
                })?;
            let utf8: Input = Box::new(Cursor::new(text.into_owned().into_bytes()));
            open_format(file, utf8, config, gzip_depth + 1)
        }
    }
}

fn buffered(input: Input) -> Box<dyn BufRead + Send> {
    Box::new(BufReader::with_capacity(64 * 1024, input))
}

/// Says "gzip" in the errors of the decompressor, so a user knows which layer
/// broke, and stops a gzip bomb.
///
/// The record limit alone bounds memory but not time: a JSON Lines or WARC
/// stream is read on past an oversized record, so a 1 MB bomb member can
/// inflate to a gigabyte of skipped bytes (a 1 GB one to a terabyte). So the
/// output is watched in windows of [`GZIP_WINDOW`] bytes: a window that came
/// out of less than 1/[`MAX_GZIP_RATIO`] of its size in compressed bytes is a
/// bomb, and the rest of the file is refused. The compressed count moves in
/// buffer-sized steps, so [`GZIP_READ_AHEAD`] is added to it; the window is
/// large enough that this slack cannot hide a bomb. Windows rather than
/// the whole file, so a bomb member after gigabytes of real data is caught as
/// soon as one after nothing. Deflate cannot exceed about 1032:1; news text,
/// HTML and WARC compress 3–10:1, so real files never come near.
struct GzipErrors<R> {
    inner: R,
    /// Compressed bytes read from the file so far (shared with the counting reader).
    consumed: std::sync::Arc<std::sync::atomic::AtomicU64>,
    /// Decompressed bytes so far.
    produced: u64,
    /// `(consumed, produced)` when the current window began.
    window_start: (u64, u64),
}

/// Decompressed bytes per compressed byte beyond which a gzip stream is a bomb.
const MAX_GZIP_RATIO: u64 = 300;
/// Decompressed bytes per check of the ratio.
const GZIP_WINDOW: u64 = 128 * 1024 * 1024;
/// What the buffers between the file and the decoder may have read ahead.
const GZIP_READ_AHEAD: u64 = 64 * 1024;

impl<R: Read> Read for GzipErrors<R> {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf).map_err(|e| match e.kind() {
            io::ErrorKind::Interrupted => e,
            io::ErrorKind::UnexpectedEof => {
                io::Error::new(io::ErrorKind::UnexpectedEof, "the gzip data is truncated")
            }
            _ => io::Error::new(e.kind(), format!("the gzip data is corrupt ({e})")),
        })?;
        self.produced = self.produced.saturating_add(n as u64);
        let out = self.produced - self.window_start.1;
        if out > GZIP_WINDOW {
            let consumed = self.consumed.load(std::sync::atomic::Ordering::Relaxed);
            let input = consumed.saturating_sub(self.window_start.0) + GZIP_READ_AHEAD;
            if out / input > MAX_GZIP_RATIO {
                return Err(io::Error::new(
                    io::ErrorKind::InvalidData,
                    format!(
                        "the gzip data inflates more than {MAX_GZIP_RATIO}-fold ({} MiB from {} KiB: a gzip bomb?); the rest of the file is skipped",
                        out >> 20,
                        input.div_ceil(1024)
                    ),
                ));
            }
            self.window_start = (consumed, self.produced);
        }
        Ok(n)
    }
}

/// Counts the bytes read through it, for [`GzipErrors`]' ratio. The count is
/// shared because the decoder owns the reader.
struct CountingReader {
    inner: Input,
    count: std::sync::Arc<std::sync::atomic::AtomicU64>,
}

impl CountingReader {
    fn new(inner: Input) -> Self {
        CountingReader {
            inner,
            count: std::sync::Arc::default(),
        }
    }
}

impl Read for CountingReader {
    fn read(&mut self, buf: &mut [u8]) -> io::Result<usize> {
        let n = self.inner.read(buf)?;
        self.count
            .fetch_add(n as u64, std::sync::atomic::Ordering::Relaxed);
        Ok(n)
    }
}

/// Streams records from files and directories, in a deterministic order: paths as
/// given, directories recursively with entries sorted by name (hidden entries,
/// whose name starts with `.`, skipped). Cheap work only (I/O, decompression,
/// framing, feed and JSON parsing); [`Record::into_article`] does the rest.
/// A file that cannot be read is one error, and reading goes on with the next.
/// The path `-` reads standard input (named `<stdin>` in origins and errors).
pub struct InputReader {
    /// Paths still to read, each marked whether it was found by walking a directory.
    pending: VecDeque<(PathBuf, bool)>,
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
            pending: paths.into_iter().map(|p| (p, false)).collect(),
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
            self.pending.push_front((child, true));
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
            let (path, walked) = self.pending.pop_front()?;
            if !walked {
                // Loops are looked for within one walk: a directory named twice
                // by the user is read twice, as asked.
                self.visited_dirs.clear();
            }
            if path.as_os_str() == "-" && !walked {
                let stdin = io::stdin();
                self.current = Some(RecordStream::with_config(
                    "<stdin>",
                    stdin,
                    self.config.clone(),
                ));
                continue;
            }
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
            if walked && !meta.is_file() {
                // A FIFO or device met while walking would block or never end;
                // named explicitly (`<(zcat …)`), it is read as asked.
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
