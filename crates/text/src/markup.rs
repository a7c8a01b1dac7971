//! The first cleaning pass: markup left in plain text, entities and odd characters.
//!
//! A hand-written byte scanner: text between edits is copied in runs, so a clean
//! article costs one scan and one copy.

use crate::entities::named_entity;
use crate::runmap::MappedText;

/// How far a tag may reach before its `>`; longer means `<` was just a character.
const MAX_TAG_LEN: usize = 4096;

/// What the first pass made of its input.
#[derive(Debug, Default)]
pub(crate) struct Stripped {
    /// The text with markup removed and characters normalised, mapped to the input.
    pub(crate) out: MappedText,
    /// Tags, entities and markup fragments removed or decoded.
    pub(crate) markup: u32,
}

/// How a tag affects the text around it.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagKind {
    /// Removed without a trace (`<a>`, `<b>`, `<span>`).
    Inline,
    /// Ends a line (`<br>`).
    LineBreak,
    /// Ends a paragraph (`<p>`, `<div>`, `<h2>`, `<li>`).
    Block,
    /// Its content is not text either (`<script>`, `<style>`).
    Hidden,
}

/// Classifies a lowercase tag name; `None` for names that are not HTML, so `a <b`
/// in prose or `<3` stays text.
fn tag_kind(name: &[u8]) -> Option<TagKind> {
    use TagKind::*;
    Some(match name {
        b"br" | b"wbr" => LineBreak,
        b"p" | b"div" | b"h1" | b"h2" | b"h3" | b"h4" | b"h5" | b"h6" | b"li" | b"ul" | b"ol"
        | b"dl" | b"dt" | b"dd" | b"table" | b"thead" | b"tbody" | b"tfoot" | b"tr" | b"td"
        | b"th" | b"blockquote" | b"figure" | b"figcaption" | b"section" | b"article"
        | b"header" | b"footer" | b"aside" | b"nav" | b"main" | b"hr" | b"pre" | b"form"
        | b"caption" | b"address" | b"details" | b"summary" | b"body" | b"html" | b"center" => {
            Block
        }
        b"script" | b"style" | b"noscript" | b"template" | b"svg" | b"head" | b"title"
        | b"iframe" | b"object" | b"select" | b"textarea" | b"math" | b"canvas" => Hidden,
        b"a" | b"b" | b"i" | b"u" | b"s" | b"q" | b"em" | b"strong" | b"span" | b"font"
        | b"small" | b"big" | b"sup" | b"sub" | b"mark" | b"abbr" | b"cite" | b"code" | b"del"
        | b"ins" | b"strike" | b"time" | b"img" | b"picture" | b"source" | b"video" | b"audio"
        | b"meta" | b"link" | b"input" | b"button" | b"label" | b"option" | b"embed" | b"param"
        | b"track" | b"kbd" | b"samp" | b"var" | b"dfn" | b"bdi" | b"bdo" | b"data" | b"nobr"
        | b"tt" | b"path" | b"g" | b"use" | b"o:p" => Inline,
        _ => return None,
    })
}

/// A parsed tag: its end, kind, and whether it closes an element.
struct Tag {
    end: usize,
    kind: TagKind,
    closing: bool,
    name_start: usize,
    name_end: usize,
}

/// Byte at `i`, or 0 past the end (0 is never meaningful to the scanners).
#[inline]
fn at(bytes: &[u8], i: usize) -> u8 {
    bytes.get(i).copied().unwrap_or(0)
}

/// Position of the `>` closing a tag whose attributes start at `i`, skipping `>`
/// inside quoted values; `None` when a newline pair or the length limit comes first.
fn tag_end(bytes: &[u8], mut i: usize) -> Option<usize> {
    let limit = bytes.len().min(i.saturating_add(MAX_TAG_LEN));
    let mut quote = 0u8;
    while i < limit {
        let b = at(bytes, i);
        if quote != 0 {
            if b == quote {
                quote = 0;
            }
        } else {
            match b {
                b'>' => return Some(i),
                b'"' | b'\'' => quote = b,
                b'<' => return None,
                _ => {}
            }
        }
        if b == b'\n' && at(bytes, i + 1) == b'\n' {
            return None;
        }
        i += 1;
    }
    None
}

/// Parses a tag at `start` (which holds `<`).
fn parse_tag(bytes: &[u8], start: usize) -> Option<Tag> {
    let mut i = start + 1;
    let closing = at(bytes, i) == b'/';
    if closing {
        i += 1;
    }
    let name_start = i;
    if !at(bytes, i).is_ascii_alphabetic() {
        return None;
    }
    while at(bytes, i).is_ascii_alphanumeric() || at(bytes, i) == b':' || at(bytes, i) == b'-' {
        i += 1;
    }
    let name_end = i;
    let mut lower = [0u8; 12];
    let name = bytes.get(name_start..name_end)?;
    if name.len() > lower.len() {
        return None;
    }
    for (dst, src) in lower.iter_mut().zip(name) {
        *dst = src.to_ascii_lowercase();
    }
    let kind = tag_kind(lower.get(..name.len())?)?;
    match at(bytes, i) {
        b'>' => Some(Tag {
            end: i + 1,
            kind,
            closing,
            name_start,
            name_end,
        }),
        b' ' | b'\t' | b'\n' | b'\r' | b'/' => {
            let end = tag_end(bytes, i)?;
            Some(Tag {
                end: end + 1,
                kind,
                closing,
                name_start,
                name_end,
            })
        }
        _ => None,
    }
}

/// End of a tag cut off by the end of its line (`<a href="https://…` with no `>`):
/// a known tag name followed by an attribute. Returns the line's end.
fn truncated_tag_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start + 1;
    if at(bytes, i) == b'/' {
        i += 1;
    }
    let name_start = i;
    while at(bytes, i).is_ascii_alphanumeric() {
        i += 1;
    }
    let name = bytes.get(name_start..i)?;
    if name.is_empty() || name.len() > 10 {
        return None;
    }
    let mut lower = [0u8; 10];
    for (dst, src) in lower.iter_mut().zip(name) {
        *dst = src.to_ascii_lowercase();
    }
    tag_kind(lower.get(..name.len())?)?;
    if at(bytes, i) != b' ' {
        return None;
    }
    let line_end = memchr_newline(bytes, i);
    let rest = bytes.get(i..line_end)?;
    // Only an attribute list reaching the line's end: `name="`, no spaces in names.
    let looks_like_attrs = rest.windows(2).any(|w| w == b"=\"" || w == b"='");
    looks_like_attrs.then_some(line_end)
}

fn memchr_newline(bytes: &[u8], from: usize) -> usize {
    bytes
        .get(from..)
        .and_then(|rest| rest.iter().position(|&b| b == b'\n'))
        .map_or(bytes.len(), |p| from + p)
}

/// End of a tag that lost its `<` at the start of a line
/// (`a href="https://…" target="_blank">Kyiv`): an optional name, at least one
/// quoted attribute, then `>`.
fn fragment_end(bytes: &[u8], start: usize) -> Option<usize> {
    let mut i = start;
    if at(bytes, i) == b'/' {
        i += 1;
    }
    let mut quoted_attrs = 0;
    loop {
        while at(bytes, i) == b' ' {
            i += 1;
        }
        match at(bytes, i) {
            b'>' if quoted_attrs > 0 => return Some(i + 1),
            b'/' if quoted_attrs > 0 && at(bytes, i + 1) == b'>' => return Some(i + 2),
            b if b.is_ascii_alphabetic() => {}
            _ => return None,
        }
        while matches!(at(bytes, i), b'a'..=b'z' | b'A'..=b'Z' | b'0'..=b'9' | b'-' | b'_' | b':') {
            i += 1;
        }
        if at(bytes, i) == b'=' {
            let q = at(bytes, i + 1);
            if q != b'"' && q != b'\'' {
                return None;
            }
            let close = bytes
                .get(i + 2..)?
                .iter()
                .take(MAX_TAG_LEN)
                .position(|&b| b == q || b == b'\n')?;
            if at(bytes, i + 2 + close) != q {
                return None;
            }
            i += 3 + close;
            quoted_attrs += 1;
        } else if at(bytes, i) != b' ' && at(bytes, i) != b'>' {
            return None;
        }
    }
}

/// End of the element a hidden tag (`<script>`) opens: past its closing tag, or
/// the next blank line when it has none.
fn hidden_end(bytes: &[u8], tag: &Tag) -> usize {
    let name = bytes.get(tag.name_start..tag.name_end).unwrap_or(b"");
    let mut i = tag.end;
    while i < bytes.len() {
        if at(bytes, i) == b'<' && at(bytes, i + 1) == b'/' {
            let candidate = bytes.get(i + 2..i + 2 + name.len()).unwrap_or(b"");
            if candidate.eq_ignore_ascii_case(name) {
                return tag_end(bytes, i + 2 + name.len()).map_or(bytes.len(), |e| e + 1);
            }
        }
        if at(bytes, i) == b'\n' && at(bytes, i + 1) == b'\n' {
            return i;
        }
        i += 1;
    }
    bytes.len()
}

/// Decodes an entity at `start` (which holds `&`): the character and the end.
fn parse_entity(text: &str, start: usize) -> Option<(char, usize)> {
    let bytes = text.as_bytes();
    let mut i = start + 1;
    if at(bytes, i) == b'#' {
        i += 1;
        let hex = matches!(at(bytes, i), b'x' | b'X');
        if hex {
            i += 1;
        }
        let digits_start = i;
        while (hex && at(bytes, i).is_ascii_hexdigit()) || at(bytes, i).is_ascii_digit() {
            i += 1;
        }
        if i == digits_start || i - digits_start > 7 {
            return None;
        }
        let digits = text.get(digits_start..i)?;
        let value = u32::from_str_radix(digits, if hex { 16 } else { 10 }).ok()?;
        if at(bytes, i) == b';' {
            i += 1;
        }
        return Some((numeric_char(value), i));
    }
    let name_start = i;
    while at(bytes, i).is_ascii_alphanumeric() && i - name_start < 32 {
        i += 1;
    }
    let name = text.get(name_start..i)?;
    if at(bytes, i) == b';' {
        return named_entity(name).map(|c| (c, i + 1));
    }
    // Without `;` only the entities that old pages left that way, and only when no
    // letter follows (so `AT&T` and `&copy` inside words stay text).
    match name {
        "amp" | "nbsp" | "quot" | "lt" | "gt" => named_entity(name).map(|c| (c, i)),
        _ => None,
    }
}

/// A numeric reference's character: the C1 range means Windows-1252 on the web.
fn numeric_char(value: u32) -> char {
    const CP1252: [char; 32] = [
        '€', '\u{81}', '‚', 'ƒ', '„', '…', '†', '‡', 'ˆ', '‰', 'Š', '‹', 'Œ', '\u{8d}', 'Ž',
        '\u{8f}', '\u{90}', '‘', '’', '“', '”', '•', '–', '—', '˜', '™', 'š', '›', 'œ', '\u{9d}',
        'ž', 'Ÿ',
    ];
    match value {
        0x80..=0x9f => CP1252
            .get((value - 0x80) as usize)
            .copied()
            .unwrap_or('\u{fffd}'),
        _ => char::from_u32(value).unwrap_or('\u{fffd}'),
    }
}

/// What one character becomes in the body.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum CharFix {
    Keep,
    Drop,
    Space,
    Newline,
}

#[inline]
fn char_fix(c: char) -> CharFix {
    match c {
        '\n' => CharFix::Keep,
        '\t'
        | '\u{a0}'
        | '\u{1680}'
        | '\u{2000}'..='\u{200a}'
        | '\u{202f}'
        | '\u{205f}'
        | '\u{3000}' => CharFix::Space,
        '\r' | '\u{b}' | '\u{c}' | '\u{85}' | '\u{2028}' | '\u{2029}' => CharFix::Newline,
        // Zero-width characters, soft hyphens, byte-order marks and bidi controls
        // split words for no visible reason.
        '\u{ad}'
        | '\u{200b}'..='\u{200f}'
        | '\u{2060}'..='\u{2064}'
        | '\u{feff}'
        | '\u{202a}'..='\u{202e}'
        | '\u{2066}'..='\u{2069}' => CharFix::Drop,
        c if c.is_control() => CharFix::Drop,
        _ => CharFix::Keep,
    }
}

/// Bytes the first pass copies without a look: printable ASCII but `<` and `&`.
static PLAIN: [bool; 256] = {
    let mut table = [false; 256];
    let mut b = b' ';
    while b <= b'~' {
        table[b as usize] = b != b'<' && b != b'&';
        b += 1;
    }
    table
};

/// Runs the first pass over `text`.
pub(crate) fn strip(text: &str) -> Stripped {
    let bytes = text.as_bytes();
    let mut out = MappedText::with_capacity(text.len());
    let mut markup = 0u32;
    let mut run = 0; // start of the pending unchanged run
    let mut i = 0;
    let mut line_start = true;
    while i < bytes.len() {
        // Most bytes need nothing: skip them in a tight loop.
        if !line_start {
            while bytes.get(i).is_some_and(|&b| PLAIN[usize::from(b)]) {
                i += 1;
            }
            if i >= bytes.len() {
                break;
            }
        }
        let b = at(bytes, i);
        if line_start && b != b'\n' && b != b' ' {
            line_start = false;
            if (b.is_ascii_alphabetic() || b == b'/')
                && let Some(end) = fragment_end(bytes, i)
            {
                out.push(text.get(run..i).unwrap_or(""), run);
                markup += 1;
                i = end;
                run = i;
                continue;
            }
        }
        match b {
            b'<' => {
                let removed = if text.get(i..i + 4) == Some("<!--") {
                    let end = text
                        .get(i + 4..)
                        .and_then(|rest| rest.find("-->"))
                        .map_or_else(|| memchr_newline(bytes, i), |p| i + 4 + p + 3);
                    Some((end, None))
                } else if at(bytes, i + 1) == b'!' || at(bytes, i + 1) == b'?' {
                    // <!DOCTYPE …>, <![CDATA[, <?xml …?>
                    tag_end(bytes, i + 2).map(|e| (e + 1, None))
                } else if let Some(tag) = parse_tag(bytes, i) {
                    let end = if tag.kind == TagKind::Hidden && !tag.closing {
                        hidden_end(bytes, &tag)
                    } else {
                        tag.end
                    };
                    Some((end, Some(tag.kind)))
                } else {
                    truncated_tag_end(bytes, i).map(|e| (e, None))
                };
                if let Some((end, kind)) = removed {
                    out.push(text.get(run..i).unwrap_or(""), run);
                    markup += 1;
                    match kind {
                        Some(TagKind::LineBreak) => out.push_char('\n', i),
                        Some(TagKind::Block) => {
                            out.push_char('\n', i);
                            out.push_char('\n', i);
                        }
                        _ => {}
                    }
                    i = end.max(i + 1);
                    run = i;
                    continue;
                }
                i += 1;
            }
            b'&' => {
                if let Some((mut c, mut end)) = parse_entity(text, i) {
                    // Double-encoded `&amp;#8217;` is one entity that went through
                    // two encoders.
                    if c == '&'
                        && end < bytes.len()
                        && let Some((inner, inner_end)) = parse_entity(text, end - 1)
                    {
                        c = inner;
                        end = inner_end;
                    }
                    out.push(text.get(run..i).unwrap_or(""), run);
                    markup += 1;
                    match char_fix(c) {
                        CharFix::Keep => out.push_char_spanning(c, i, end),
                        CharFix::Space => out.push_char(' ', i),
                        CharFix::Newline => out.push_char('\n', i),
                        CharFix::Drop => {}
                    }
                    i = end;
                    run = i;
                    continue;
                }
                i += 1;
            }
            b'\n' => {
                line_start = true;
                i += 1;
            }
            b' ' | b'!'..=b'%' | b'\''..=b';' | b'='..=b'~' => i += 1,
            _ => {
                let c = text
                    .get(i..)
                    .and_then(|s| s.chars().next())
                    .unwrap_or('\u{fffd}');
                let len = c.len_utf8();
                let fix = char_fix(c);
                if fix != CharFix::Keep {
                    out.push(text.get(run..i).unwrap_or(""), run);
                    match fix {
                        CharFix::Space => out.push_char(' ', i),
                        // \r\n is one line break.
                        CharFix::Newline if !(c == '\r' && at(bytes, i + 1) == b'\n') => {
                            out.push_char('\n', i);
                            line_start = true;
                        }
                        _ => {}
                    }
                    run = i + len;
                }
                i += len;
            }
        }
    }
    out.push(text.get(run..).unwrap_or(""), run);
    Stripped { out, markup }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn clean(s: &str) -> String {
        strip(s).out.text
    }

    #[test]
    fn links_keep_their_text() {
        let s =
            r#"Officials from the <a href="https://x.test/us/" target="_blank" rel="">US</a>, and"#;
        let r = strip(s);
        assert_eq!(r.out.text, "Officials from the US, and");
        assert_eq!(r.markup, 2);
        let us = r.out.text.find("US").unwrap();
        assert_eq!(&s[r.out.map.get(us)..r.out.map.get(us) + 2], "US");
    }

    #[test]
    fn breaks_and_paragraphs_become_lines() {
        assert_eq!(clean("one<br>two<br/>three"), "one\ntwo\nthree");
        assert_eq!(clean("<p>one</p><p>two</p>"), "\n\none\n\n\n\ntwo\n\n");
    }

    #[test]
    fn script_and_style_content_is_dropped() {
        assert_eq!(
            clean("a<script type=\"x\">var x = 1 < 2;</script>b<style>p{}</style>c"),
            "abc"
        );
    }

    #[test]
    fn entities_are_decoded() {
        assert_eq!(
            clean("Rock &amp; roll&#8217;s &ldquo;best&rdquo;&nbsp;day &#x2014; AT&T &amp;#8217;"),
            "Rock & roll’s “best” day — AT&T ’"
        );
        assert_eq!(clean("&#146;"), "’");
    }

    #[test]
    fn prose_angle_brackets_stay() {
        assert_eq!(clean("if a < b and c > d, <3"), "if a < b and c > d, <3");
        assert_eq!(clean("the <unknown> tag"), "the <unknown> tag");
    }

    #[test]
    fn fragments_of_tags_are_removed() {
        assert_eq!(
            clean("said.\ntarget=\"_blank\" rel=\"\">Kyiv said"),
            "said.\nKyiv said"
        );
        assert_eq!(
            clean("text <a href=\"https://x.test/a\nnext"),
            "text \nnext"
        );
        assert_eq!(clean("a <!-- note --> b"), "a  b");
    }

    #[test]
    fn odd_characters_are_normalised() {
        assert_eq!(
            clean("a\u{a0}b\u{200b}c\u{ad}d\r\ne\tf\u{feff}"),
            "a bcd\ne f"
        );
    }
}
