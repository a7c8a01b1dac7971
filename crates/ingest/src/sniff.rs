//! Deciding a file's format from its first bytes (the extension is only a tie-breaker).

/// How many bytes the sniffer looks at.
pub(crate) const SNIFF_BYTES: usize = 16 * 1024;

/// What a stream of bytes holds.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Format {
    /// Nothing, or only whitespace.
    Empty,
    /// gzip data (one or many members); decompress and sniff again.
    Gzip,
    /// A WARC file.
    Warc,
    /// JSON Lines: one article object per line.
    JsonLines,
    /// One pretty-printed JSON article object.
    JsonDocument,
    /// RSS, Atom or JSON Feed.
    Feed,
    /// An HTML page.
    Html,
    /// Plain text.
    Text,
    /// Something we cannot read; the string says what it looks like.
    Unknown(&'static str),
}

/// The format of a stream whose first bytes are `head` and whose file name has
/// extension `ext` (lowercase, with any `.gz` removed).
pub(crate) fn sniff(head: &[u8], ext: &str) -> Format {
    if head.is_empty() {
        return Format::Empty;
    }
    for (magic, what) in MAGIC {
        if head.starts_with(magic) {
            return Format::Unknown(what);
        }
    }
    if head.starts_with(&[0x1f, 0x8b]) {
        return Format::Gzip;
    }
    if head.starts_with(&[0xff, 0xfe]) || head.starts_with(&[0xfe, 0xff]) {
        return Format::Unknown("UTF-16 text, which is not supported: convert it to UTF-8");
    }
    let head = head.strip_prefix(b"\xef\xbb\xbf").unwrap_or(head);
    let start = head.iter().position(|b| !b.is_ascii_whitespace());
    let Some(start) = start else {
        return Format::Empty;
    };
    let body = head.get(start..).unwrap_or_default();
    if body.starts_with(b"WARC/") {
        return Format::Warc;
    }
    if looks_binary(head) {
        return Format::Unknown("binary data of an unknown format");
    }
    match body.first() {
        Some(b'{') => sniff_json(body),
        Some(b'[') => Format::Unknown(
            "a JSON array, which is not supported: write one article object per line (JSON Lines)",
        ),
        Some(b'<') => sniff_markup(body, ext),
        _ if matches!(ext, "html" | "htm" | "xhtml") => Format::Html,
        _ => Format::Text,
    }
}

/// Magic numbers of formats people may hand us by mistake, with a helpful word.
const MAGIC: &[(&[u8], &str)] = &[
    (
        b"PK\x03\x04",
        "a zip archive, which is not supported: unpack it first",
    ),
    (
        b"BZh",
        "bzip2 data, which is not supported: decompress it or use gzip",
    ),
    (
        b"\xfd7zXZ\x00",
        "xz data, which is not supported: decompress it or use gzip",
    ),
    (
        b"\x28\xb5\x2f\xfd",
        "zstd data, which is not supported: decompress it or use gzip",
    ),
    (
        b"%PDF",
        "a PDF document, which is not supported: convert it to text",
    ),
    (
        b"7z\xbc\xaf\x27\x1c",
        "a 7z archive, which is not supported: unpack it first",
    ),
];

/// NUL bytes or many control characters mean binary data, not text in some
/// encoding we could decode.
fn looks_binary(head: &[u8]) -> bool {
    let controls = head
        .iter()
        .filter(|&&b| b < 0x20 && !matches!(b, b'\n' | b'\r' | b'\t' | 0x0c))
        .count();
    head.contains(&0) || controls * 20 > head.len()
}

fn sniff_json(body: &[u8]) -> Format {
    if contains(body, b"jsonfeed.org/version") {
        return Format::Feed;
    }
    // JSON Lines if the first line is a whole JSON value; a lone `{` (or a first
    // line that does not parse) means one pretty-printed object.
    let first_line = match body.iter().position(|&b| b == b'\n') {
        Some(end) => body.get(..end).unwrap_or_default(),
        // A first line longer than the sniffed bytes: only JSON Lines has those.
        None if body.len() >= SNIFF_BYTES / 2 => return Format::JsonLines,
        None => body,
    };
    if serde_json::from_slice::<serde_json::Value>(first_line).is_ok() {
        Format::JsonLines
    } else if first_line.trim_ascii() == b"{" {
        Format::JsonDocument
    } else {
        // Let the JSON Lines reader report the broken line with its number.
        Format::JsonLines
    }
}

fn sniff_markup(body: &[u8], ext: &str) -> Format {
    let lower: Vec<u8> = body.iter().take(4096).map(u8::to_ascii_lowercase).collect();
    if contains(&lower, b"<!doctype html") {
        return Format::Html;
    }
    match first_element(&lower).as_deref() {
        Some(b"rss") | Some(b"feed") | Some(b"rdf:rdf") => Format::Feed,
        Some(b"html") | Some(b"head") | Some(b"body") => Format::Html,
        // A fragment of markup: HTML unless the user said it is text.
        _ if ext == "txt" => Format::Text,
        _ => Format::Html,
    }
}

/// The name of the first element, skipping `<?xml ?>`, comments and doctypes.
fn first_element(lower: &[u8]) -> Option<Vec<u8>> {
    let mut rest = lower;
    loop {
        let open = rest.iter().position(|&b| b == b'<')?;
        rest = rest.get(open + 1..)?;
        match rest.first() {
            Some(b) if b.is_ascii_alphabetic() => {
                let name: Vec<u8> = rest
                    .iter()
                    .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b':' | b'-' | b'_'))
                    .copied()
                    .collect();
                return Some(name);
            }
            _ => continue,
        }
    }
}

pub(crate) fn contains(haystack: &[u8], needle: &[u8]) -> bool {
    find(haystack, needle).is_some()
}

pub(crate) fn find(haystack: &[u8], needle: &[u8]) -> Option<usize> {
    if needle.is_empty() {
        return Some(0);
    }
    haystack.windows(needle.len()).position(|w| w == needle)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn formats_are_told_apart_by_content() {
        assert_eq!(sniff(b"", "txt"), Format::Empty);
        assert_eq!(sniff(b"  \n\t", "txt"), Format::Empty);
        assert_eq!(sniff(b"\x1f\x8b\x08\x00", "txt"), Format::Gzip);
        assert_eq!(sniff(b"WARC/1.0\r\n", "txt"), Format::Warc);
        assert_eq!(sniff(b"{\"url\":\"x\"}\n{", "json"), Format::JsonLines);
        assert_eq!(
            sniff(b"{\n  \"title\": \"x\"\n}", "json"),
            Format::JsonDocument
        );
        assert_eq!(
            sniff(
                b"{\"version\":\"https://jsonfeed.org/version/1.1\"}",
                "json"
            ),
            Format::Feed
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?>\n<rss version=\"2.0\">", "xml"),
            Format::Feed
        );
        assert_eq!(
            sniff(b"<?xml version=\"1.0\"?><!-- x --><feed xmlns=\"\">", ""),
            Format::Feed
        );
        assert_eq!(sniff(b"<!DOCTYPE html><html>", "txt"), Format::Html);
        assert_eq!(sniff(b"<p>Hello</p>", "html"), Format::Html);
        assert_eq!(sniff(b"<Reuters> wire copy", "txt"), Format::Text);
        assert_eq!(sniff(b"Plain words.", "html"), Format::Html);
        assert_eq!(sniff(b"Plain words.", "dat"), Format::Text);
        assert!(matches!(
            sniff(b"PK\x03\x04rest", "txt"),
            Format::Unknown(_)
        ));
        assert!(matches!(
            sniff(b"\x00\x01\x02\x03", "txt"),
            Format::Unknown(_)
        ));
        assert!(matches!(sniff(b"[{\"a\":1}]", "json"), Format::Unknown(_)));
    }
}
