//! Hostile input at scale, end to end: a folder of inputs built to break a
//! reader (a 10 MB single-line page, 100k nested tags, invalid UTF-8, a gzip
//! bomb alone and as a member after good data, WARC records with lying
//! lengths, a billion-laughs feed, empty and binary files, a 50 MB JSON line)
//! beside a few good articles goes through `crosscheck analyze` and
//! `crosscheck add` as subprocesses. Each run must stay under a memory bound
//! (the child's VmHWM, read from /proc while it runs) and a time bound (a
//! watchdog kills it), exit with the documented status (1: some inputs
//! skipped), print one `skipped:` line naming each bad input, and still
//! analyse and store every good article without losing what the store held.
//!
//! The inputs are generated here, into a temporary folder: the big ones would
//! bloat the repository, and generating them is cheaper than reading them.

use std::collections::BTreeMap;
use std::io::Write;
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use serde_json::Value;

/// The most a run may hold in memory. Records are capped at 64 MiB each and
/// two are in flight per worker at most; the bound is far above what a good
/// run needs and far below what an unbounded reader of these inputs would take
/// (a gigabyte for the bomb alone).
const MAX_PEAK_MIB: u64 = 1024;

/// A run longer than this is a hang: the watchdog kills it and the test fails.
/// Generous, since CI runs debug builds on a shared machine.
const WATCHDOG: Duration = Duration::from_secs(600);

/// A word every good article has, so the store can be counted by searching it.
const MARKER: &str = "Velmora";

/// What a run of the binary did.
struct Run {
    code: Option<i32>,
    stdout: String,
    stderr: String,
    peak_mib: u64,
    elapsed: Duration,
}

/// Runs the crosscheck binary, watching its peak memory and killing it if it
/// outlives the watchdog. Output goes to files, not pipes, so a child that
/// writes a lot cannot block on a full pipe while we poll.
fn crosscheck(dir: &Path, args: &[&str]) -> Run {
    let out_path = dir.join(format!("stdout-{}", args[0]));
    let err_path = dir.join(format!("stderr-{}", args[0]));
    let start = Instant::now();
    let mut child = Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&out_path).unwrap())
        .stderr(std::fs::File::create(&err_path).unwrap())
        .spawn()
        .expect("the crosscheck binary runs");
    let status_file = format!("/proc/{}/status", child.id());
    let mut peak_kib = 0;
    let status = loop {
        // VmHWM is the high-water mark: the last reading holds every earlier peak.
        if let Some(kib) = std::fs::read_to_string(&status_file)
            .ok()
            .and_then(|s| vm_hwm_kib(&s))
        {
            peak_kib = peak_kib.max(kib);
        }
        if let Some(status) = child.try_wait().unwrap() {
            break status;
        }
        if start.elapsed() > WATCHDOG {
            let _ = child.kill();
            let _ = child.wait();
            panic!("crosscheck {args:?} still running after {WATCHDOG:?}: killed");
        }
        std::thread::sleep(Duration::from_millis(5));
    };
    Run {
        code: status.code(),
        stdout: std::fs::read_to_string(&out_path).unwrap(),
        stderr: std::fs::read_to_string(&err_path).unwrap(),
        peak_mib: peak_kib / 1024,
        elapsed: start.elapsed(),
    }
}

fn vm_hwm_kib(status: &str) -> Option<u64> {
    let line = status.lines().find(|l| l.starts_with("VmHWM:"))?;
    line.split_whitespace().nth(1)?.parse().ok()
}

// ---- Good articles (invented outlets, people and events). ----

fn article_text(place: &str, event: &str) -> String {
    format!(
        "The {event} in {place} went ahead on Tuesday morning, officials in {MARKER} province said. \
         Mayor Idris Kavanagh told reporters that the council had prepared for weeks. \
         \"We expect calm and we have planned for crowds,\" Kavanagh said. \
         Residents of {place} lined the harbour road to watch, and traffic was diverted until noon. \
         A second update is due from the {MARKER} regional office on Wednesday."
    )
}

fn html_page(title: &str, body: &str, head_extra: &str) -> String {
    format!(
        "<!DOCTYPE html><html><head><title>{title}</title>{head_extra}</head><body>\
         <nav><a href=\"/\">Home</a> <a href=\"/world\">World</a></nav>\
         <article><h1>{title}</h1><p>{body}</p><p>{body}</p></article>\
         <footer>Copyright The Harbour Post</footer></body></html>"
    )
}

fn jsonl_line(url: &str, title: &str, text: &str) -> String {
    serde_json::json!({"url": url, "title": title, "text": text}).to_string() + "\n"
}

fn warc_record(kind: &str, length: &str, block: &[u8], uri: &str) -> Vec<u8> {
    let mut out = format!(
        "WARC/1.1\r\nWARC-Type: {kind}\r\nWARC-Target-URI: {uri}\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {length}\r\n\r\n"
    )
    .into_bytes();
    out.extend_from_slice(block);
    out.extend_from_slice(b"\r\n\r\n");
    out
}

fn http_response(html: &str) -> Vec<u8> {
    format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n{html}",
        html.len()
    )
    .into_bytes()
}

// ---- gzip by hand: the test crate has no compressor, and a bomb wants one
// deflate block more skewed than any compressor writes. ----

/// Writes bits least-significant first, as deflate packs them.
#[derive(Default)]
struct Bits {
    out: Vec<u8>,
    acc: u64,
    n: u32,
}

impl Bits {
    fn put(&mut self, value: u64, count: u32) {
        self.acc |= value << self.n;
        self.n += count;
        while self.n >= 8 {
            self.out.push(self.acc as u8);
            self.acc >>= 8;
            self.n -= 8;
        }
    }

    /// A Huffman code: deflate stores these most-significant bit first.
    fn code(&mut self, code: u64, len: u32) {
        let mut reversed = 0;
        for i in 0..len {
            reversed |= ((code >> i) & 1) << (len - 1 - i);
        }
        self.put(reversed, len);
    }

    fn finish(mut self) -> Vec<u8> {
        if self.n > 0 {
            self.out.push(self.acc as u8);
        }
        self.out
    }
}

/// One deflate block inflating to `1 + 258 * matches` bytes of `a`: a dynamic
/// Huffman code where "copy 258 bytes from distance 1" costs 2 bits, so a
/// gigabyte takes about a megabyte.
fn deflate_bomb(matches: u64) -> Vec<u8> {
    let mut b = Bits::default();
    b.put(1, 1); // final block
    b.put(2, 2); // dynamic Huffman
    b.put(286 - 257, 5); // literal/length codes: up to 285 (length 258)
    b.put(2 - 1, 5); // distance codes: 0 and 1
    b.put(18 - 4, 4); // code-length codes given, in the order below
    // Code-length code: symbols 1, 2, 3 and 18 (a run of zeros), 2 bits each.
    for sym in [16, 17, 18, 0, 8, 7, 9, 6, 10, 5, 11, 4, 12, 3, 13, 2, 14, 1] {
        b.put(if matches!(sym, 1 | 2 | 3 | 18) { 2 } else { 0 }, 3);
    }
    // Canonical codes of that code: 1 → 00, 2 → 01, 3 → 10, 18 → 11.
    let zeros = |b: &mut Bits, n: u64| {
        b.code(0b11, 2);
        b.put(n - 11, 7);
    };
    zeros(&mut b, 97); // literals 0..=96 unused
    b.code(0b10, 2); // 'a' (97): length 3
    b.code(0b10, 2); // 'b' (98): length 3, completing the code
    zeros(&mut b, 138); // 99..=236
    zeros(&mut b, 19); // 237..=255
    b.code(0b01, 2); // end of block (256): length 2
    zeros(&mut b, 28); // lengths 257..=284 unused
    b.code(0b00, 2); // length 258 (285): length 1
    b.code(0b00, 2); // distance code 0 (distance 1): length 1
    b.code(0b00, 2); // distance code 1: length 1
    // Literal/length codes: 285 → 0, 256 → 10, 'a' → 110, 'b' → 111.
    b.code(0b110, 3);
    for _ in 0..matches {
        b.code(0, 1); // length 258
        b.code(0, 1); // distance 1
    }
    b.code(0b10, 2);
    b.finish()
}

fn crc32(data: &[u8]) -> u32 {
    let mut crc = !0u32;
    for &byte in data {
        crc ^= u32::from(byte);
        for _ in 0..8 {
            crc = if crc & 1 == 1 {
                (crc >> 1) ^ 0xEDB8_8320
            } else {
                crc >> 1
            };
        }
    }
    !crc
}

const GZIP_HEADER: [u8; 10] = [0x1f, 0x8b, 8, 0, 0, 0, 0, 0, 0, 0xff];

/// A gzip member holding `data` uncompressed (a stored deflate block).
fn gzip_stored(data: &[u8]) -> Vec<u8> {
    let len = u16::try_from(data.len()).expect("a stored block holds 64 KiB at most");
    let mut out = GZIP_HEADER.to_vec();
    out.push(1); // final block, stored, padded to the byte
    out.extend_from_slice(&len.to_le_bytes());
    out.extend_from_slice(&(!len).to_le_bytes());
    out.extend_from_slice(data);
    out.extend_from_slice(&crc32(data).to_le_bytes());
    out.extend_from_slice(&(data.len() as u32).to_le_bytes());
    out
}

/// A gzip member inflating to over 1 GB. Its checksum is not computed (a
/// reader that gets that far has already failed the test).
fn gzip_bomb() -> Vec<u8> {
    let matches = 4_200_000; // 1 + 258 × 4.2M ≈ 1.08 GB
    let mut out = GZIP_HEADER.to_vec();
    out.extend(deflate_bomb(matches));
    out.extend_from_slice(&0u32.to_le_bytes());
    out.extend_from_slice(&((1 + 258 * matches) as u32).to_le_bytes());
    out
}

/// Deterministic pseudo-random bytes (xorshift), for binary junk.
fn junk(n: usize, mut seed: u64) -> Vec<u8> {
    (0..n)
        .map(|_| {
            seed ^= seed << 13;
            seed ^= seed >> 7;
            seed ^= seed << 17;
            seed as u8
        })
        .collect()
}

/// The hostile folder, and for each bad file a word its error must contain.
struct Corpus {
    dir: PathBuf,
    /// Good articles the folder holds (the store's count must grow by these).
    good: usize,
    /// File name → words expected in its `skipped:` line(s).
    bad: BTreeMap<&'static str, &'static [&'static str]>,
}

fn write(dir: &Path, name: &str, bytes: impl AsRef<[u8]>) {
    std::fs::write(dir.join(name), bytes).unwrap();
}

fn build_corpus(root: &Path) -> Corpus {
    let dir = root.join("inputs");
    std::fs::create_dir_all(&dir).unwrap();
    let mut bad: BTreeMap<&'static str, &'static [&'static str]> = BTreeMap::new();
    let mut good = 0;

    // Good: a text file and an HTML page.
    write(
        &dir,
        "good-ferry.txt",
        article_text("Orlan Island", "ferry service"),
    );
    write(
        &dir,
        "good-strike.html",
        html_page(
            "Dock strike ends in Port Calder",
            &article_text("Port Calder", "return to work"),
            "",
        ),
    );
    good += 2;

    // A 10 MB single-line page: a script blob before a real article.
    let blob = "QUJDRA".repeat(10 * 1024 * 1024 / 6);
    let page = html_page(
        "Lantern festival draws record crowds",
        &article_text("Saltmere", "lantern festival"),
        &format!("<script>var blob=\"{blob}\";</script>"),
    );
    assert!(page.len() > 10_000_000 && !page.contains('\n'));
    write(&dir, "huge-single-line.html", page);
    good += 1;

    // 100k nested tags, the text at the bottom and nothing ever closed.
    let mut deep = String::from("<html><body>");
    for i in 0..100_000 {
        deep.push_str(["<div>", "<span>", "<b>", "<i>"][i % 4]);
    }
    deep.push_str("Deep down a sentence hides.");
    write(&dir, "deep-nesting.html", deep);

    // Invalid UTF-8 with no charset to explain it.
    write(
        &dir,
        "invalid-utf8.txt",
        b"The tide rose \xff\xfe\xc3 over the quay.\n",
    );
    bad.insert("invalid-utf8.txt", &["UTF-8"]);

    // A gzip bomb on its own: cut at the record limit.
    write(&dir, "bomb.txt.gz", gzip_bomb());
    bad.insert("bomb.txt.gz", &["MiB"]);

    // A good member, then a bomb member: the good line is kept.
    let mut multi = gzip_stored(
        jsonl_line(
            "https://www.saltmere-courier.example/2025/06/02/market",
            "Fish market reopens",
            &article_text("Saltmere", "fish market reopening"),
        )
        .as_bytes(),
    );
    multi.extend(gzip_bomb());
    write(&dir, "bomb-member.jsonl.gz", multi);
    bad.insert("bomb-member.jsonl.gz", &["gzip bomb"]);
    good += 1;

    // WARC records with lying Content-Lengths around two good ones.
    let good_a = http_response(&html_page(
        "Bridge reopens after repairs",
        &article_text("Kestrel Bay", "bridge reopening"),
        "",
    ));
    let good_b = http_response(&html_page(
        "Council approves new harbour wall",
        &article_text("Dunmore Quay", "harbour wall vote"),
        "",
    ));
    let filler = http_response("<html><body><p>Filler page.</p></body></html>");
    let mut warc = Vec::new();
    let uri = |n: u32| format!("https://www.kestrel-times.example/2025/06/0{n}/story");
    warc.extend(warc_record(
        "response",
        &good_a.len().to_string(),
        &good_a,
        &uri(1),
    ));
    warc.extend(warc_record("response", "10", &filler, &uri(2))); // too short
    warc.extend(warc_record("response", "-40", &filler, &uri(3))); // negative
    warc.extend(warc_record(
        "response",
        "99999999999999999999999",
        &filler,
        &uri(4),
    )); // overflows
    // Too long: it swallows the start of the record after it.
    warc.extend(warc_record(
        "response",
        &(filler.len() + 60).to_string(),
        &filler,
        &uri(5),
    ));
    warc.extend(warc_record("metadata", "5", b"x: y\n", &uri(6)));
    warc.extend(warc_record(
        "response",
        &good_b.len().to_string(),
        &good_b,
        &uri(7),
    ));
    // Huge, at the end: says 16 EiB, holds a few bytes.
    warc.extend(warc_record(
        "response",
        &u64::MAX.to_string(),
        &filler,
        &uri(8),
    ));
    write(&dir, "lying-lengths.warc", warc);
    bad.insert("lying-lengths.warc", &["Content-Length"]);
    good += 2;

    // Billion laughs: internal entities that expand to 10^9 copies.
    let mut laughs =
        String::from("<?xml version=\"1.0\"?>\n<!DOCTYPE rss [\n<!ENTITY lol \"lol\">\n");
    laughs.push_str("<!ENTITY lol1 \"&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;&lol;\">\n");
    for i in 2..=9 {
        let prev = format!("&lol{};", i - 1).repeat(10);
        laughs.push_str(&format!("<!ENTITY lol{i} \"{prev}\">\n"));
    }
    laughs.push_str(
        "]>\n<rss version=\"2.0\"><channel><title>&lol9;</title><link>https://laughs.example/</link>\
         <item><title>&lol9;</title><description>&lol9;</description></item></channel></rss>\n",
    );
    write(&dir, "billion-laughs.xml", laughs);

    // Empty and binary files.
    write(&dir, "empty.txt", b"");
    bad.insert("empty.txt", &["empty"]);
    write(&dir, "empty.html", b"");
    bad.insert("empty.html", &["empty"]);
    write(&dir, "random.bin", junk(256 * 1024, 0x9e37_79b9_7f4a_7c15));
    bad.insert("random.bin", &["unknown format"]);
    let mut png = b"\x89PNG\r\n\x1a\n\x00\x00\x00\x0dIHDR".to_vec();
    png.extend(junk(64 * 1024, 42));
    write(&dir, "image.png", png);
    bad.insert("image.png", &["unknown format"]);

    // A 50 MB JSON line, then a good line.
    let mut big = std::fs::File::create(dir.join("big-line.jsonl")).unwrap();
    big.write_all(b"{\"title\":\"Filler\",\"text\":\"").unwrap();
    let words = "tide harbour ferry quay ".repeat(1024);
    for _ in 0..(50 * 1024 * 1024 / words.len() + 1) {
        big.write_all(words.as_bytes()).unwrap();
    }
    big.write_all(b"\"}\n").unwrap();
    big.write_all(
        jsonl_line(
            "https://www.orlan-herald.example/2025/06/03/lighthouse",
            "Lighthouse keeper retires",
            &article_text("Orlan Island", "lighthouse ceremony"),
        )
        .as_bytes(),
    )
    .unwrap();
    drop(big);
    bad.insert("big-line.jsonl", &["record 1"]);
    good += 1;

    Corpus { dir, good, bad }
}

/// The `skipped:` lines of a run, by the file they name.
fn skipped_lines<'a>(stderr: &'a str, dir: &Path) -> BTreeMap<String, Vec<&'a str>> {
    let prefix = format!("skipped: {}/", dir.display());
    let mut by_file: BTreeMap<String, Vec<&str>> = BTreeMap::new();
    for line in stderr.lines() {
        if let Some(rest) = line.strip_prefix(&prefix) {
            let name = rest
                .split([':', ' '])
                .next()
                .unwrap_or_default()
                .to_string();
            by_file.entry(name).or_default().push(line);
        }
    }
    by_file
}

/// Every bad input has its line(s) with the expected words; no panic anywhere.
fn check_errors(run: &Run, corpus: &Corpus) {
    assert!(
        !run.stderr.contains("panicked"),
        "a panic was printed:\n{}",
        run.stderr
    );
    let by_file = skipped_lines(&run.stderr, &corpus.dir);
    for (file, words) in &corpus.bad {
        let lines = by_file
            .get(*file)
            .unwrap_or_else(|| panic!("no `skipped:` line for {file}:\n{}", run.stderr));
        for word in *words {
            assert!(
                lines.iter().any(|l| l.contains(word)),
                "{file}: no line says {word:?}: {lines:#?}"
            );
        }
    }
    // One line per problem: each line names a file; none is a continuation.
    for line in run.stderr.lines() {
        assert!(
            line.starts_with("skipped: ") || line.starts_with("crosscheck: "),
            "unexpected stderr line: {line:?}"
        );
    }
    eprintln!(
        "{} problems reported, peak {} MiB, {:.1} s",
        by_file.values().map(Vec::len).sum::<usize>(),
        run.peak_mib,
        run.elapsed.as_secs_f64()
    );
}

fn check_bounds(run: &Run, what: &str) {
    assert!(
        run.peak_mib < MAX_PEAK_MIB,
        "{what}: peak memory {} MiB, over {MAX_PEAK_MIB} MiB",
        run.peak_mib
    );
}

/// How many articles in the store mention the marker word.
fn stored(root: &Path, store: &str) -> u64 {
    let run = crosscheck(
        root,
        &["search", MARKER, "--store", store, "--json", "--limit", "1"],
    );
    assert_eq!(run.code, Some(0), "search failed: {}", run.stderr);
    let results: Value = serde_json::from_str(&run.stdout).expect("search prints JSON");
    results["total"].as_u64().expect("a total")
}

#[test]
fn hostile_inputs_are_skipped_with_bounded_memory_and_nothing_lost() {
    let root = std::env::temp_dir().join(format!("crosscheck-hostile-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&root);
    std::fs::create_dir_all(&root).unwrap();
    let corpus = build_corpus(&root);
    let inputs = corpus.dir.display().to_string();

    // analyze: the good articles in the dossier, one line per bad input, exit 1.
    let run = crosscheck(
        &root,
        &["analyze", &inputs, "--format", "json", "--threads", "2"],
    );
    eprintln!("analyze:");
    check_errors(&run, &corpus);
    check_bounds(&run, "analyze");
    assert_eq!(run.code, Some(1), "analyze exit status: {}", run.stderr);
    let dossier: Value = serde_json::from_str(&run.stdout).expect("the dossier is JSON");
    let articles = dossier["articles"].as_array().unwrap();
    let with_marker = articles
        .iter()
        .filter(|a| {
            a["segments"].as_array().is_some_and(|s| {
                s.iter()
                    .any(|s| s["text"].as_str().unwrap_or("").contains(MARKER))
            })
        })
        .count();
    assert_eq!(with_marker, corpus.good, "{articles:#?}");

    // add: a store holding one article already; the run keeps it, adds the
    // good ones, and says so.
    let store = root.join("archive.sqlite").display().to_string();
    let first = corpus.dir.join("good-ferry.txt").display().to_string();
    let run = crosscheck(&root, &["add", &first, "--store", &store]);
    assert_eq!(run.code, Some(0), "{}", run.stderr);
    let before = stored(&root, &store);
    assert_eq!(before, 1);

    let run = crosscheck(
        &root,
        &["add", &inputs, "--store", &store, "--threads", "2"],
    );
    eprintln!("add:");
    check_errors(&run, &corpus);
    check_bounds(&run, "add");
    assert_eq!(run.code, Some(1), "add exit status: {}", run.stderr);
    let after = stored(&root, &store);
    assert_eq!(after, before + corpus.good as u64 - 1, "{}", run.stderr);

    let _ = std::fs::remove_dir_all(&root);
}
