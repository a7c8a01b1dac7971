//! Readers for every input format a user has: plain text, HTML, JSON Lines,
//! RSS/Atom/JSON Feed, WARC, gzip of any of them, and directories of them.
//!
//! Reading is split in two so the expensive half can run in parallel:
//! [`InputReader`] streams [`Record`]s in a deterministic order doing only cheap
//! work (I/O, decompression, framing, feed and JSON parsing) in bounded memory,
//! and [`Record::into_article`] turns one record into an [`Article`]: HTML
//! extraction, metadata (title, date, outlet, authors), language, id.
//!
//! Formats are chosen by content (magic bytes, first non-blank bytes); the file
//! extension only breaks ties (a `.txt` file starting with `<` stays text).
//! Every problem is an [`IngestError`] naming the file and the record; one bad
//! record never stops the rest.
//!
//! # Formats
//! - **Plain text**: one article; UTF-8 (a BOM is dropped), or UTF-16 with a
//!   byte-order mark (any format in UTF-16 is decoded, then sniffed again).
//! - **HTML page**: one article through `crosscheck_extract`; UTF-8, else the
//!   charset its `<meta>` declares (decoded strictly, never lossily).
//! - **JSON Lines**: one object per line with `text` or `html` (text wins), and
//!   optional `url`, `source`, `title`, `published`, `authors` (a string or a
//!   list of strings), `language`; also understood: `body` (text), `link` (url),
//!   `headline` (title), `date`/`published_at`/`publishedAt`/`pubDate`,
//!   `author`/`byline`, `lang`. Blank lines are skipped; a bad line
//!   is one error naming its line number. A single pretty-printed object is one article.
//! - **RSS 0.9x/1.0/2.0, Atom, JSON Feed** (feed-rs): one article per item from
//!   its content, else its summary; link, title, authors, `published` (else
//!   `updated`), language. HTML content is turned into text here (tags
//!   stripped, blocks made paragraphs, entities decoded) rather than by the page
//!   extractor: it is already the article body, and a boilerplate remover built
//!   for whole pages may drop a short fragment. Items with only a link are errors.
//! - **WARC** (1.0/1.1): `response` records whose HTTP status is 2xx and whose
//!   type is HTML (`resource` records of type `text/html` too), URL from
//!   `WARC-Target-URI`; chunked transfer-encoding and gzip/deflate content
//!   encoding are undone; the charset comes from the HTTP header or the page.
//!   Other records are skipped unread; a wrong Content-Length costs one record.
//!   `WARC-Date` is never used as the publication date (it is the crawl time).
//! - **gzip** of any of these, single- or multi-member (`.warc.gz`); the
//!   decompressed bytes are sniffed again.
//! - **Directories**, recursively, entries in name order, hidden ones skipped;
//!   `-` reads standard input.
//!
//! Each record (a text or HTML file, a feed, one JSON line, one WARC record) may
//! be at most [`ReaderConfig::max_record_bytes`] decompressed (64 MiB): larger
//! ones are reported and skipped, so memory stays bounded and gzip bombs are
//! harmless. JSON Lines and WARC are read record by record, so a file of any
//! size streams.
//!
//! # Metadata
//! `published` comes from the input's field (RFC 3339, RFC 2822, plain dates,
//! `May 15, 2025`), else from the page (meta tags, JSON-LD, `<time>`), else from a
//! date in the URL (`/2025/05/15/`, `/2025-05-15/`, `20250515`), with
//! `published_source` saying which. `source` is the URL's domain (lowercased,
//! `www.` removed), else the record's `source` field, else the file name stem.
//! `language` is detected on the first 500 characters of the text (whatlang, a
//! dozen news languages), else taken from the input's declaration.
//!
//! ```
//! use crosscheck_extract::Extractor;
//! use crosscheck_ingest::RecordStream;
//!
//! let jsonl = "{\"url\":\"https://www.velmora-gazette.example/2025/05/15/ferry\",\"text\":\"The ferry sailed on time.\"}\n";
//! let extractor = Extractor::default();
//! let articles: Vec<_> = RecordStream::new("wire.jsonl", std::io::Cursor::new(jsonl))
//!     .map(|record| record?.into_article(&extractor))
//!     .collect::<Result<_, _>>()
//!     .unwrap();
//! assert_eq!(articles[0].source, "velmora-gazette.example");
//! assert_eq!(articles[0].published.as_ref().unwrap().to_string(), "2025-05-15");
//! ```
#![deny(missing_docs)]

mod charset;
mod error;
mod feed;
mod fragment;
mod input;
mod jsonl;
mod language;
mod lines;
mod metadata;
mod record;
mod sniff;
mod warc;

pub use crosscheck_core::Article;
pub use error::{IngestError, Result};
pub use fragment::fragment_to_text;
pub use input::{InputReader, ReaderConfig, RecordStream};
pub use language::detect_language;
pub use metadata::{date_from_url, domain_from_url, parse_published};
pub use record::{ContentKind, MAX_ARTICLE_TEXT_BYTES, Record};
