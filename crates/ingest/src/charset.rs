//! Turning bytes into text without ever guessing silently.

use encoding_rs::{Encoding, UTF_8};

/// Bytes that must be UTF-8 (plain text, JSON): the reason names the first bad byte.
pub(crate) fn require_utf8(bytes: Vec<u8>) -> Result<String, String> {
    utf8(bytes).map_err(|(_, reason)| format!("{reason}; convert the file to UTF-8"))
}

/// UTF-8 (a leading byte-order mark dropped), or the bytes back with a reason.
fn utf8(mut bytes: Vec<u8>) -> Result<String, (Vec<u8>, String)> {
    if bytes.starts_with(b"\xef\xbb\xbf") {
        bytes.drain(..3);
    }
    String::from_utf8(bytes).map_err(|e| {
        let reason = format!(
            "not valid UTF-8 (first bad byte at offset {})",
            e.utf8_error().valid_up_to()
        );
        (e.into_bytes(), reason)
    })
}

/// An HTML page's text: UTF-8 when the bytes are valid UTF-8 (a very strong sign,
/// and pages often declare a charset they do not use), else the charset the HTTP
/// header or the page's own `<meta>` declares, decoded strictly: a byte that is
/// invalid in that charset is an error, never a replacement character.
pub(crate) fn decode_html(bytes: Vec<u8>, declared: Option<&str>) -> Result<String, String> {
    let (bytes, reason) = match utf8(bytes) {
        Ok(text) => return Ok(text),
        Err(e) => e,
    };
    let label = declared
        .map(str::to_string)
        .or_else(|| meta_charset(bytes.get(..4096).unwrap_or(&bytes)));
    let Some(label) = label else {
        return Err(format!("{reason} and the page declares no charset"));
    };
    let Some(encoding) = Encoding::for_label(label.trim().as_bytes()) else {
        return Err(format!(
            "{reason} and the declared charset {label:?} is unknown"
        ));
    };
    if encoding == UTF_8 {
        return Err(format!("{reason} although the page declares UTF-8"));
    }
    encoding
        .decode_without_bom_handling_and_without_replacement(&bytes)
        .map(|text| text.into_owned())
        .ok_or_else(|| {
            format!(
                "not valid {} although the page declares it",
                encoding.name()
            )
        })
}

/// The `charset` parameter of a `Content-Type` value.
pub(crate) fn content_type_charset(content_type: &str) -> Option<String> {
    charset_after(content_type.as_bytes())
}

/// The charset a page declares in its first bytes: `<meta charset=…>` or
/// `<meta http-equiv=content-type content="…; charset=…">`.
fn meta_charset(head: &[u8]) -> Option<String> {
    let lower: Vec<u8> = head.iter().map(u8::to_ascii_lowercase).collect();
    let mut from = 0;
    while let Some(at) = crate::sniff::find(lower.get(from..)?, b"<meta") {
        let start = from + at;
        let end = lower
            .get(start..)?
            .iter()
            .position(|&b| b == b'>')
            .map_or(lower.len(), |e| start + e);
        if let Some(found) = charset_after(lower.get(start..end)?) {
            return Some(found);
        }
        from = end;
    }
    None
}

fn charset_after(text: &[u8]) -> Option<String> {
    let lower: Vec<u8> = text.iter().map(u8::to_ascii_lowercase).collect();
    let at = crate::sniff::find(&lower, b"charset")?;
    let rest = lower.get(at + "charset".len()..)?;
    let rest = rest
        .trim_ascii_start()
        .strip_prefix(b"=")?
        .trim_ascii_start();
    let rest = rest
        .strip_prefix(b"\"")
        .or_else(|| rest.strip_prefix(b"'"))
        .unwrap_or(rest);
    let label: String = rest
        .iter()
        .take_while(|b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | b':' | b'.'))
        .map(|&b| b as char)
        .collect();
    (!label.is_empty()).then_some(label)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn utf8_is_taken_as_is_and_bad_utf8_is_an_error() {
        assert_eq!(require_utf8("café".into()).unwrap(), "café");
        let err = require_utf8(b"caf\xe9".to_vec()).unwrap_err();
        assert!(err.contains("offset 3"), "{err}");
    }

    #[test]
    fn declared_charset_is_honoured_strictly() {
        let page = b"<html><head><meta charset=\"windows-1252\"></head><p>caf\xe9</p>".to_vec();
        assert!(decode_html(page, None).unwrap().contains("café"));
        let page =
            b"<meta http-equiv=Content-Type content='text/html; charset=ISO-8859-1'>\xe9".to_vec();
        assert!(decode_html(page, None).unwrap().ends_with('é'));
        assert_eq!(decode_html(b"\xe9".to_vec(), Some("latin1")).unwrap(), "é");
        assert!(decode_html(b"<p>caf\xe9</p>".to_vec(), None).is_err());
        assert!(decode_html(b"\xe9".to_vec(), Some("utf-8")).is_err());
        assert!(decode_html(b"\xe9".to_vec(), Some("klingon")).is_err());
        // Shift_JIS with a byte sequence that is invalid there.
        assert!(decode_html(b"\x81\x20\xff".to_vec(), Some("shift_jis")).is_err());
        assert_eq!(
            content_type_charset("text/html; Charset=\"UTF-8\"").as_deref(),
            Some("utf-8")
        );
    }
}
