//! Text out of an HTML fragment (a feed item's content).
//!
//! A feed item's content is already the article body: there is no navigation or
//! boilerplate to remove, and page extractors, built for whole pages, tend to
//! judge a short fragment to be boilerplate and drop it. So fragments are turned
//! into text here: tags removed, block elements made into paragraphs separated by
//! a blank line (the shape `Article::text` promises), entities decoded, scripts and
//! styles dropped.

/// Elements whose start or end closes a paragraph.
const BLOCKS: &[&str] = &[
    "p",
    "div",
    "br",
    "li",
    "ul",
    "ol",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "blockquote",
    "tr",
    "table",
    "section",
    "article",
    "figure",
    "figcaption",
    "hr",
    "pre",
    "header",
    "footer",
    "dd",
    "dt",
    "dl",
    "aside",
];

/// Elements whose content is not text.
const SKIPPED: &[&str] = &["script", "style", "noscript", "template"];

/// The text of an HTML fragment, one block per paragraph.
pub fn fragment_to_text(html: &str) -> String {
    let mut paragraphs: Vec<String> = Vec::new();
    let mut current = String::new();
    let mut rest = html;
    while !rest.is_empty() {
        let Some(lt) = rest.find('<') else {
            current.push_str(rest);
            break;
        };
        current.push_str(rest.get(..lt).unwrap_or_default());
        rest = rest.get(lt..).unwrap_or_default();
        if let Some(after) = rest.strip_prefix("<!--") {
            rest = after
                .find("-->")
                .map_or("", |e| after.get(e + 3..).unwrap_or_default());
            continue;
        }
        let name = tag_name(rest);
        if name.is_empty() {
            // A lone `<` in text (`a < b`): keep it.
            current.push('<');
            rest = rest.get(1..).unwrap_or_default();
            continue;
        }
        let end = rest.find('>').map_or(rest.len(), |e| e + 1);
        let is_end_tag = rest.starts_with("</");
        rest = rest.get(end..).unwrap_or_default();
        if !is_end_tag && SKIPPED.contains(&name.as_str()) {
            let close = format!("</{name}");
            rest = find_ascii_ci(rest, &close).map_or("", |at| {
                let after = rest.get(at..).unwrap_or_default();
                after
                    .find('>')
                    .map_or("", |e| after.get(e + 1..).unwrap_or_default())
            });
            continue;
        }
        if BLOCKS.contains(&name.as_str()) {
            flush(&mut current, &mut paragraphs);
        }
    }
    flush(&mut current, &mut paragraphs);
    paragraphs.join("\n\n")
}

/// The lowercased element name after `<` or `</`, empty when this is no tag.
fn tag_name(s: &str) -> String {
    let s = s
        .strip_prefix("</")
        .or_else(|| s.strip_prefix('<'))
        .unwrap_or(s);
    if !s.starts_with(|c: char| c.is_ascii_alphabetic()) {
        return String::new();
    }
    s.chars()
        .take_while(|c| c.is_ascii_alphanumeric())
        .map(|c| c.to_ascii_lowercase())
        .collect()
}

fn find_ascii_ci(haystack: &str, needle: &str) -> Option<usize> {
    let needle = needle.as_bytes();
    haystack
        .as_bytes()
        .windows(needle.len())
        .position(|w| w.eq_ignore_ascii_case(needle))
}

fn flush(current: &mut String, paragraphs: &mut Vec<String>) {
    let decoded = html_escape::decode_html_entities(current.as_str());
    let text = decoded
        .split(|c: char| c.is_whitespace())
        .filter(|w| !w.is_empty())
        .collect::<Vec<_>>()
        .join(" ");
    if !text.is_empty() {
        paragraphs.push(text);
    }
    current.clear();
}

/// Whether a string holds markup (a feed summary that is HTML, whatever its type says).
pub(crate) fn looks_like_markup(s: &str) -> bool {
    let mut rest = s;
    while let Some(lt) = rest.find('<') {
        rest = rest.get(lt + 1..).unwrap_or_default();
        if rest.starts_with(|c: char| c.is_ascii_alphabetic() || c == '/' || c == '!') {
            return true;
        }
    }
    s.contains("&amp;") || s.contains("&#") || s.contains("&quot;") || s.contains("&nbsp;")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn blocks_become_paragraphs_and_entities_are_decoded() {
        let html = "<p>Talks in <b>Velmora</b> resumed &amp; ended.</p>\n<script>var x = '<p>';</script>\
                    <p>Mayor Ines Tarrow said: &ldquo;Enough.&rdquo;<br>Second line</p><!-- <p>hidden</p> -->a &lt; b";
        assert_eq!(
            fragment_to_text(html),
            "Talks in Velmora resumed & ended.\n\nMayor Ines Tarrow said: \u{201c}Enough.\u{201d}\n\nSecond line\n\na < b"
        );
    }

    #[test]
    fn broken_markup_does_not_panic() {
        for s in ["<", "<p", "<!--", "<script>", "a <", "<é>", "</", "<script"] {
            let _ = fragment_to_text(s);
        }
        assert_eq!(fragment_to_text("x < y"), "x < y");
    }

    #[test]
    fn markup_is_recognised() {
        assert!(looks_like_markup("<p>hi</p>"));
        assert!(looks_like_markup("Tom &amp; Jerry"));
        assert!(!looks_like_markup("a < b and plain text"));
    }
}
