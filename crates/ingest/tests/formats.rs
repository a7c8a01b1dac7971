//! Every input format, its gzip, directories and bad input, read from fixtures.

mod common;

use std::io::{self, Read};

use common::*;
use crosscheck_core::{Origin, PublishedSource};
use crosscheck_ingest::{ContentKind, InputReader, ReaderConfig, RecordStream};

#[test]
fn plain_text_is_one_article_named_after_the_file() {
    let (records, errors) = read_fixture("plain-text.txt");
    assert!(errors.is_empty(), "{errors:?}");
    let a = articles(records);
    assert_eq!(a.len(), 1);
    assert_eq!(a[0].origin.record, None);
    assert_eq!(a[0].source, "plain-text");
    assert_eq!(a[0].language.as_deref(), Some("en"));
    assert!(a[0].text.starts_with("Ferry service between Velmora"));
    assert_eq!(a[0].html, None);
}

#[test]
fn html_page_goes_through_the_extractor_and_keeps_the_page() {
    let (records, errors) = read_fixture("page.html");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records[0].kind, ContentKind::Html);
    let a = articles(records);
    assert!(
        a[0].html
            .as_deref()
            .unwrap()
            .contains("<title>Ferries resume")
    );
    assert_eq!(a[0].source, "page");
}

#[test]
fn html_in_a_declared_single_byte_charset_is_decoded() {
    let (records, errors) = read_fixture("page-windows-1252.html");
    assert!(errors.is_empty(), "{errors:?}");
    assert!(
        records[0]
            .content
            .contains("The café on Quay Street reopened – said")
    );
}

#[test]
fn json_lines_fields_become_article_metadata() {
    let (records, errors) = read_fixture("articles.jsonl");
    assert!(errors.is_empty(), "{errors:?}");
    let a = articles(records);
    assert_eq!(a.len(), 2);
    assert_eq!(
        a[0].origin,
        Origin::record(fixture("articles.jsonl").display().to_string(), 1)
    );
    assert_eq!(a[0].source, "northbay-herald.example");
    assert_eq!(
        a[0].title.as_deref(),
        Some("Council approves bridge repairs")
    );
    assert_eq!(a[0].authors, ["Dana Okoro", "Luis Ferreira"]);
    assert_eq!(
        a[0].published.as_ref().unwrap().to_string(),
        "2025-05-14T16:05:00Z"
    );
    assert_eq!(a[0].published_source, Some(PublishedSource::Field));
    // No `published` field: the date in the URL (`ferry-20250513`) is used.
    assert_eq!(a[1].authors, ["Priya Nand"]);
    assert_eq!(a[1].published.as_ref().unwrap().to_string(), "2025-05-13");
    assert_eq!(a[1].published_source, Some(PublishedSource::Url));
}

#[test]
fn a_bad_json_line_is_one_error_and_the_good_lines_still_come() {
    let (records, errors) = read_fixture("articles-with-bad-line.jsonl");
    let lines: Vec<_> = records.iter().map(|r| r.origin.record.unwrap()).collect();
    assert_eq!(lines, [1, 4, 5], "blank line 3 is skipped");
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].record, Some(2));
    assert!(errors[0].to_string().ends_with(
        "articles-with-bad-line.jsonl record 2: not valid JSON: EOF while parsing a string at line 1 column 57"
    ));
    // An `html` field makes an HTML record; the `source` field names the outlet
    // when there is no URL, and an RFC 2822 date is read.
    assert_eq!(records[2].kind, ContentKind::Html);
    let a = articles(records);
    assert_eq!(a[2].source, "Quayside Radio");
    assert_eq!(
        a[2].published.as_ref().unwrap().to_string(),
        "2025-05-13T07:00:00Z"
    );
}

#[test]
fn a_pretty_printed_json_object_is_one_article() {
    let (records, errors) = read_fixture("article-pretty-printed.json");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].origin.record, None);
    assert_eq!(
        records[0].title.as_deref(),
        Some("Council approves bridge repairs")
    );
}

#[test]
fn rss_items_use_content_else_summary() {
    let (records, errors) = read_fixture("feed-rss2.xml");
    let a = articles(records);
    assert_eq!(a.len(), 2);
    assert_eq!(
        a[0].text,
        "Ferry service between Velmora and Ostrel resumed on Tuesday.\n\nAll twelve crossings ran on schedule & on time."
    );
    assert_eq!(
        a[0].url.as_deref(),
        Some("https://www.velmora-gazette.example/news/ferries-resume")
    );
    assert_eq!(a[0].source, "velmora-gazette.example");
    assert_eq!(a[0].authors, ["Ines Tarrow"]);
    assert_eq!(
        a[0].published.as_ref().unwrap().to_string(),
        "2025-05-13T09:30:00Z"
    );
    assert_eq!(
        a[1].text,
        "The covered market hall in Velmora will close for repairs in July, the council said."
    );
    // The third item has only a link.
    assert_eq!(errors.len(), 1);
    assert_eq!(errors[0].record, Some(3));
    assert!(errors[0].reason.contains("neither content nor a summary"));
}

#[test]
fn atom_entries_with_html_content_and_titles() {
    let (records, errors) = read_fixture("feed-atom.xml");
    assert!(errors.is_empty(), "{errors:?}");
    assert_eq!(records[0].kind, ContentKind::HtmlFragment);
    let a = articles(records);
    assert_eq!(a[0].title.as_deref(), Some("Storm halts ferries"));
    assert_eq!(
        a[0].text,
        "All ferries out of Ostrel were cancelled on Monday.\n\nThe port reopened on Tuesday."
    );
    assert!(a[0].html.as_deref().unwrap().contains("<p>"));
    assert_eq!(a[0].authors, ["Priya Nand"]);
    // `published` wins over `updated`, converted to UTC.
    assert_eq!(
        a[0].published.as_ref().unwrap().to_string(),
        "2025-05-12T20:15:00Z"
    );
    // Only `updated`: it is the best date the entry gives.
    assert_eq!(
        a[1].published.as_ref().unwrap().to_string(),
        "2025-05-14T09:00:00Z"
    );
    assert_eq!(
        a[1].text,
        "The harbour's main crane was back in service on Wednesday."
    );
}

#[test]
fn json_feed_items() {
    let (records, errors) = read_fixture("feed-json.json");
    assert!(errors.is_empty(), "{errors:?}");
    let a = articles(records);
    assert_eq!(a.len(), 2);
    assert_eq!(a[0].text, "Water covered Quay Street on Tuesday morning.");
    assert_eq!(a[0].authors, ["Mara Lind"]);
    assert_eq!(a[1].text, "The water on Quay Street receded overnight.");
    assert_eq!(a[1].source, "quayside-radio.example");
}

/// The pages of the invented crawl: record numbers count every WARC record.
fn check_crawl(name: &str) {
    let (records, errors) = read_fixture(name);
    assert!(errors.is_empty(), "{errors:?}");
    let numbers: Vec<_> = records.iter().map(|r| r.origin.record.unwrap()).collect();
    // 1 warcinfo, 2 request, 4 image, 5 a 404, 6 metadata, 10 revisit are skipped.
    assert_eq!(numbers, [3, 7, 8, 9]);
    assert!(records.iter().all(|r| r.kind == ContentKind::Html));
    assert_eq!(
        records[0].url.as_deref(),
        Some("https://www.northbay-herald.example/2025/05/14/bridge-vote")
    );
    assert!(
        records[1].content.contains("The café on Quay Street"),
        "charset from the HTTP header"
    );
    assert!(
        records[2]
            .content
            .starts_with("<html><head><title>Bridge vote</title>")
            && records[2].content.ends_with("</html>"),
        "chunked transfer-encoding joined: {:?}",
        records[2].content
    );
    assert!(
        records[3].content.contains("Gzip-encoded page"),
        "content-encoding undone"
    );
    let a = articles(records);
    // The date comes from the URL, never from WARC-Date (2026-01-02, the crawl).
    assert_eq!(a[0].published.as_ref().unwrap().to_string(), "2025-05-14");
    assert_eq!(a[0].published_source, Some(PublishedSource::Url));
    assert_eq!(a[0].source, "northbay-herald.example");
    assert_eq!(a[1].published, None);
}

#[test]
fn warc_keeps_only_successful_html_responses() {
    check_crawl("crawl.warc");
}

#[test]
fn multi_member_gzip_warc_is_read_to_the_end() {
    check_crawl("crawl-multi-member.warc.gz");
}

#[test]
fn a_lying_content_length_costs_one_record_not_the_file() {
    let (records, errors) = read_fixture("lying-content-length.warc");
    assert_eq!(records.len(), 1);
    assert_eq!(records[0].origin.record, Some(3));
    assert!(errors.iter().all(|e| e.record == Some(2)), "{errors:?}");
    assert!(
        errors
            .iter()
            .any(|e| e.reason.contains("wrong Content-Length")),
        "{errors:?}"
    );
}

#[test]
fn gzip_of_every_format_reads_like_the_original() {
    let dir = scratch("gzip-of-every-format");
    for name in [
        "plain-text.txt",
        "page.html",
        "page-windows-1252.html",
        "articles.jsonl",
        "articles-with-bad-line.jsonl",
        "article-pretty-printed.json",
        "feed-rss2.xml",
        "feed-atom.xml",
        "feed-json.json",
        "crawl.warc",
    ] {
        let data = std::fs::read(fixture(name)).unwrap();
        // No telling extension: the content alone must decide.
        let gz = dir.join(format!("{}.data.gz", name.replace('.', "-")));
        std::fs::write(&gz, gzip(&data)).unwrap();
        let (plain, plain_errors) = read_fixture(name);
        let (unzipped, unzipped_errors) = split(read(std::slice::from_ref(&gz)));
        let strip = |r: &crosscheck_ingest::Record| {
            (r.kind, r.content.clone(), r.url.clone(), r.origin.record)
        };
        assert_eq!(
            plain.iter().map(strip).collect::<Vec<_>>(),
            unzipped.iter().map(strip).collect::<Vec<_>>(),
            "{name}"
        );
        let reasons = |e: &[crosscheck_ingest::IngestError]| {
            e.iter()
                .map(|e| (e.record, e.reason.clone()))
                .collect::<Vec<_>>()
        };
        assert_eq!(reasons(&plain_errors), reasons(&unzipped_errors), "{name}");
        assert!(
            unzipped_errors
                .iter()
                .all(|e| e.file == gz.display().to_string())
        );
    }
}

#[test]
fn directories_are_walked_recursively_in_name_order_skipping_hidden_files() {
    let root = fixture("tree");
    let (records, errors) = split(read(std::slice::from_ref(&root)));
    assert!(errors.is_empty(), "{errors:?}");
    let got: Vec<String> = records
        .iter()
        .map(|r| {
            let file = r
                .origin
                .file
                .strip_prefix(&root.display().to_string())
                .unwrap()
                .to_string();
            match r.origin.record {
                Some(n) => format!("{file}#{n}"),
                None => file,
            }
        })
        .collect();
    assert_eq!(
        got,
        [
            "/a-feeds/nested/quayside.json.gz#1",
            "/a-feeds/nested/quayside.json.gz#2",
            "/a-feeds/ostrel.xml#1",
            "/a-feeds/ostrel.xml#2",
            "/b-wire/01-first.txt",
            "/b-wire/02-second.txt",
            "/c-page.html",
        ]
    );
    // The same order every time, and paths are read in the order given.
    let again = split(read(&[fixture("plain-text.txt"), root])).0;
    assert_eq!(again.len(), 8);
    assert!(again[0].origin.file.ends_with("plain-text.txt"));
}

#[test]
fn bad_input_of_every_kind_is_one_clear_error() {
    let cases: &[(&str, &str)] = &[
        ("empty.txt", "the file is empty"),
        ("whitespace-only.txt", "the file is empty"),
        ("unknown-binary.bin", "unknown format: binary data"),
        ("archive.zip", "unknown format: a zip archive"),
        (
            "text-invalid-utf8.txt",
            "not valid UTF-8 (first bad byte at offset 7)",
        ),
        (
            "page-invalid-utf8-no-charset.html",
            "not valid UTF-8 (first bad byte at offset 22) and the page declares no charset",
        ),
        (
            "truncated-feed-rss2.xml",
            "not a valid RSS, Atom or JSON feed",
        ),
        ("truncated-object.json", "not valid JSON"),
        ("does-not-exist.txt", "cannot open"),
    ];
    for (name, reason) in cases {
        let items = read(&[fixture(name)]);
        assert_eq!(items.len(), 1, "{name}: {items:?}");
        let e = items[0].as_ref().unwrap_err();
        assert_eq!(e.file, fixture(name).display().to_string());
        assert_eq!(e.record, None, "{name}");
        assert!(e.reason.starts_with(reason), "{name}: {e}");
        assert!(!e.to_string().contains('\n'), "one line: {e}");
    }
}

#[test]
fn truncated_many_record_files_keep_the_records_before_the_cut() {
    let (records, errors) = read_fixture("truncated.jsonl");
    assert_eq!(records.len(), 1);
    assert_eq!((errors.len(), errors[0].record), (1, Some(2)));

    let (records, errors) = read_fixture("truncated.warc");
    assert_eq!(
        records.iter().map(|r| r.origin.record).collect::<Vec<_>>(),
        [Some(3)]
    );
    assert_eq!(errors.len(), 1);
    assert!(errors[0].reason.contains("truncated"), "{}", errors[0]);

    let (records, errors) = read_fixture("truncated.warc.gz");
    assert_eq!(records.len(), 4);
    assert_eq!(errors.len(), 1);
    assert_eq!(
        errors[0].reason,
        "the data ends too early (truncated file?): the gzip data is truncated"
    );

    let (_, errors) = read_fixture("truncated.jsonl.gz");
    assert_eq!(errors.len(), 1);
    assert!(errors[0].reason.contains("gzip data is truncated"));
}

/// A reader that fails like a disk or network error.
struct Unreadable;

impl Read for Unreadable {
    fn read(&mut self, _: &mut [u8]) -> io::Result<usize> {
        Err(io::Error::other("input/output error"))
    }
}

#[test]
fn an_unreadable_input_is_an_error_naming_it() {
    let items: Vec<_> = RecordStream::new("disk/broken.txt", Unreadable).collect();
    assert_eq!(items.len(), 1);
    assert_eq!(
        items[0].as_ref().unwrap_err().to_string(),
        "disk/broken.txt: cannot read: input/output error"
    );
    // A directory that cannot be listed is reported the same way, and the next path still read.
    let items = read(&[fixture("no-such-dir/"), fixture("plain-text.txt")]);
    assert!(items[0].is_err());
    assert!(items[1].is_ok());
}

#[test]
fn oversized_records_are_errors_not_allocations() {
    let config = ReaderConfig {
        max_record_bytes: 1024,
    };
    // A gzip bomb: 64 MiB of zeros in ~64 KiB.
    let bomb = gzip(&vec![b'a'; 64 << 20]);
    let items: Vec<_> =
        RecordStream::with_config("bomb.txt.gz", io::Cursor::new(bomb), config.clone()).collect();
    assert_eq!(items.len(), 1);
    assert!(
        items[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("larger than 1 KiB")
    );

    // A JSON line over the limit is skipped; the next line still comes.
    let long = format!(
        "{{\"text\":\"{}\"}}\n{{\"text\":\"short\"}}\n",
        "x".repeat(4000)
    );
    let items: Vec<_> =
        RecordStream::with_config("big.jsonl", io::Cursor::new(long), config.clone()).collect();
    assert_eq!(items.len(), 2);
    assert!(
        items[0]
            .as_ref()
            .unwrap_err()
            .reason
            .contains("longer than 1 KiB")
    );
    assert_eq!(items[1].as_ref().unwrap().content, "short");

    // A WARC response over the limit is skipped without being buffered.
    let warc = std::fs::read(fixture("crawl.warc")).unwrap();
    let items: Vec<_> = RecordStream::with_config(
        "crawl.warc",
        io::Cursor::new(warc),
        ReaderConfig {
            max_record_bytes: 200,
        },
    )
    .collect();
    let (records, errors) = split(items);
    assert!(
        errors.iter().all(|e| e.reason.contains("over the limit")),
        "{errors:?}"
    );
    assert_eq!(records.len() + errors.len(), 4);
    assert!(!errors.is_empty());
}

#[test]
fn input_reader_and_records_cross_threads() {
    fn assert_send<T: Send>() {}
    assert_send::<InputReader>();
    assert_send::<crosscheck_ingest::Record>();
}
