//! The main text: boilerplate removal, Readability's choice of the article
//! container, and a block walker that writes one block per paragraph.

use dom_query::{Document, NodeRef};

use crate::ExtractConfig;
use crate::clean::remove_boilerplate;

/// Elements that end the running block of text.
const BLOCK_TAGS: &[&str] = &[
    "p",
    "div",
    "h1",
    "h2",
    "h3",
    "h4",
    "h5",
    "h6",
    "li",
    "ul",
    "ol",
    "blockquote",
    "pre",
    "section",
    "article",
    "table",
    "tr",
    "td",
    "th",
    "dd",
    "dt",
    "dl",
    "br",
    "hr",
    "header",
    "main",
    "figure",
    "figcaption",
    "center",
    "address",
    "details",
    "summary",
];

/// Deepest element nesting the walker follows; deeper content is skipped so
/// that a hostile page cannot exhaust the stack.
const MAX_DEPTH: usize = 256;

/// Deepest element nesting handed to Readability. Its candidate search runs
/// selector queries per ancestor and grows with the square of the depth (1,000
/// nested `<div>`s took 2 s, 5,000 took 50 s); real pages stay under ~60.
const MAX_READABLE_DEPTH: usize = 128;

/// The main text of `html`, already parsed as `doc`.
pub(crate) fn main_text(doc: Document, html: &str, config: &ExtractConfig) -> String {
    remove_boilerplate(&doc);
    if deeper_than(&doc, MAX_READABLE_DEPTH) {
        // A pathological page: write out the cleaned body without Readability.
        let mut writer = BlockWriter::new(config.max_link_density);
        if let Some(body) = doc.body() {
            writer.walk(&body, false, 0);
        }
        writer.flush();
        return writer.finish();
    }
    let cleaned = readable_text(doc, config).unwrap_or_default();
    if cleaned.len() >= config.min_text_len {
        return cleaned;
    }
    // Boilerplate removal can starve Readability on short pages (it then finds
    // no candidate at all); the untouched page is the fallback.
    let raw = readable_text(Document::from(html), config).unwrap_or_default();
    if raw.len() > cleaned.len() {
        raw
    } else {
        cleaned
    }
}

/// Whether any element of `doc` is nested more than `limit` levels deep.
fn deeper_than(doc: &Document, limit: usize) -> bool {
    let mut stack: Vec<(NodeRef, usize)> = vec![(doc.root(), 0)];
    while let Some((node, depth)) = stack.pop() {
        if depth > limit {
            return true;
        }
        stack.extend(node.element_children().into_iter().map(|c| (c, depth + 1)));
    }
    false
}

/// Readability's article container, written out block by block.
fn readable_text(doc: Document, config: &ExtractConfig) -> Option<String> {
    let settings = dom_smoothie::Config {
        // Metadata comes from our own reader; JSON-LD parsing here is wasted time.
        disable_json_ld: true,
        ..dom_smoothie::Config::default()
    };
    let mut readability =
        dom_smoothie::Readability::with_document(doc, None, Some(settings)).ok()?;
    let article = readability.parse().ok()?;
    let mut writer = BlockWriter::new(config.max_link_density);
    // Readability leaves its result in its own document, under the container it
    // serialises as `article.content`: walking that node saves writing the article out
    // and parsing it again. The container sits at depth 2 of a parsed fragment (root,
    // html), so the depth limit counts the same either way.
    let container = readability.doc.select_single("#readability-page-1");
    if let Some(node) = container.nodes().first() {
        writer.walk(node, false, 2);
    } else {
        let fragment = Document::fragment(article.content);
        writer.walk(&fragment.root(), false, 0);
    }
    writer.flush();
    Some(writer.finish())
}

/// Collects the text of inline content into blocks and keeps the blocks that
/// are not mostly link text (lists of related stories, tag clouds).
struct BlockWriter {
    blocks: Vec<String>,
    current: String,
    link_chars: usize,
    max_link_density: f64,
}

impl BlockWriter {
    fn new(max_link_density: f64) -> Self {
        BlockWriter {
            blocks: Vec::new(),
            current: String::new(),
            link_chars: 0,
            max_link_density,
        }
    }

    fn flush(&mut self) {
        let mut text = String::with_capacity(self.current.len());
        for word in self.current.split_whitespace() {
            if !text.is_empty() {
                text.push(' ');
            }
            text.push_str(word);
        }
        let chars = text.chars().count();
        if chars > 0 {
            let density = self.link_chars as f64 / chars as f64;
            if density <= self.max_link_density && !is_furniture_text(&text) {
                self.blocks.push(text);
            }
        }
        self.current.clear();
        self.link_chars = 0;
    }

    fn walk(&mut self, node: &NodeRef, in_link: bool, depth: usize) {
        if depth > MAX_DEPTH {
            return;
        }
        for child in node.children_it(false) {
            if child.is_text() {
                let text = child.text();
                if in_link {
                    // Counted like `flush` counts: words plus one separator each.
                    self.link_chars += text
                        .split_whitespace()
                        .map(|w| w.chars().count() + 1)
                        .sum::<usize>();
                }
                self.current.push_str(&text);
            } else if child.is_element() {
                let name = child.node_name().unwrap_or_default();
                let is_block = BLOCK_TAGS.contains(&&*name);
                if matches!(&*name, "ul" | "ol") && is_link_list(&child) {
                    self.flush();
                    continue;
                }
                if is_block {
                    self.flush();
                }
                self.walk(&child, in_link || &*name == "a", depth + 1);
                if is_block {
                    self.flush();
                }
            }
        }
    }

    fn finish(self) -> String {
        self.blocks.join("\n\n")
    }
}

/// Words that make up a bare date or time line ("Updated Nov 19, 6:55 AM").
const DATE_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "may",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "mon",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "sat",
    "saturday",
    "sun",
    "sunday",
    "am",
    "pm",
    "a",
    "m",
    "p",
    "at",
    "on",
    "updated",
    "published",
    "posted",
    "last",
    "est",
    "edt",
    "cst",
    "cdt",
    "pst",
    "pdt",
    "gmt",
    "utc",
    "bst",
    "cet",
    "cest",
    "ago",
    "hours",
    "hour",
    "minutes",
    "day",
    "days",
    "by",
    "and",
    "th",
    "st",
    "nd",
    "rd",
];

/// Calls to action shown beside articles; matched in short blocks only.
const CALL_TO_ACTION: &[&str] = &[
    "newsletter",
    "subscribe",
    "follow us",
    "click here",
    "all rights reserved",
    "©",
    "you may also like",
    "read more",
    "advertisement",
    "sponsored",
    "share this",
];

/// Share of a list's characters inside links from which a list whose every
/// item links elsewhere is a list of links (dev pages: 0.33 best, 0.2–0.5 within 0.0002 F1).
const LINK_LIST_DENSITY: f64 = 0.33;

/// Whether a list is a list of links: three or more items, each with a link,
/// and a third or more of its text inside links ("More stories" lists whose
/// items mix a teaser with a linked headline).
fn is_link_list(list: &NodeRef) -> bool {
    let items: Vec<NodeRef> = list
        .element_children()
        .into_iter()
        .filter(|c| c.node_name().is_some_and(|n| &*n == "li"))
        .collect();
    if items.len() < 3 || !items.iter().all(|li| links_under(li).next().is_some()) {
        return false;
    }
    let chars =
        |n: &NodeRef| -> usize { n.text().split_whitespace().map(|w| w.chars().count()).sum() };
    let total = chars(list);
    let linked: usize = links_under(list).map(|a| chars(&a)).sum();
    total > 0 && linked as f64 >= LINK_LIST_DENSITY * total as f64
}

/// The `<a>` elements under `node` (the HTML parser never nests them).
fn links_under<'a>(node: &NodeRef<'a>) -> impl Iterator<Item = NodeRef<'a>> {
    node.descendants_it()
        .filter(|n| n.node_name().is_some_and(|name| &*name == "a"))
}

/// Blocks that are page furniture by their text alone: a bare date line or a
/// short call to action.
fn is_furniture_text(text: &str) -> bool {
    let words = text.split_whitespace().count();
    if words <= 10 && (is_date_line(text) || has_year_and_clock(text)) {
        return true;
    }
    if words <= 25 {
        let lower = text.to_lowercase();
        if CALL_TO_ACTION.iter().any(|p| contains_words(&lower, p)) {
            return true;
        }
    }
    false
}

/// Date words that alone mark a line as a date ("October", "Tue", "Updated").
const STRONG_DATE_WORDS: &[&str] = &[
    "jan",
    "january",
    "feb",
    "february",
    "mar",
    "march",
    "apr",
    "april",
    "jun",
    "june",
    "jul",
    "july",
    "aug",
    "august",
    "sep",
    "sept",
    "september",
    "oct",
    "october",
    "nov",
    "november",
    "dec",
    "december",
    "monday",
    "tue",
    "tues",
    "tuesday",
    "wed",
    "wednesday",
    "thu",
    "thurs",
    "thursday",
    "fri",
    "friday",
    "saturday",
    "sunday",
    "updated",
    "published",
    "posted",
    "ago",
];

/// Whether every word of `text` is a date word, a number or a separator, with
/// at least one number and one month, weekday or "updated"-like word
/// ("October 06, 2018", "Updated 1:23 p.m. EST").
fn is_date_line(text: &str) -> bool {
    let (mut numbers, mut strong) = (0, 0);
    for token in text
        .split(|c: char| !c.is_alphanumeric())
        .filter(|t| !t.is_empty())
    {
        if token.chars().all(|c| c.is_ascii_digit()) {
            numbers += 1;
            continue;
        }
        let lower = token.to_lowercase();
        if STRONG_DATE_WORDS.contains(&lower.as_str()) {
            strong += 1;
        } else if !DATE_WORDS.contains(&lower.as_str()) {
            return false;
        }
    }
    numbers > 0 && strong > 0
}

/// Whether `phrase` occurs in `text` between non-alphanumeric characters
/// ("subscribe" but not "subscribers").
fn contains_words(text: &str, phrase: &str) -> bool {
    // Boundaries matter only at the phrase's letters: "©2025" holds "©".
    let open_start = !phrase.starts_with(char::is_alphanumeric);
    let open_end = !phrase.ends_with(char::is_alphanumeric);
    text.match_indices(phrase).any(|(at, _)| {
        let before = text[..at].chars().next_back();
        let after = text[at + phrase.len()..].chars().next();
        (open_start || !before.is_some_and(char::is_alphanumeric))
            && (open_end || !after.is_some_and(char::is_alphanumeric))
    })
}

/// Whether `text` holds both a clock time ("20:13") and a year ("2010"): a
/// timestamp line in any language ("sexta-feira, 22 de outubro de 2010 às 20:13").
fn has_year_and_clock(text: &str) -> bool {
    let bytes = text.as_bytes();
    let clock = bytes.windows(4).enumerate().any(|(i, w)| {
        w[0].is_ascii_digit()
            && w[1] == b':'
            && w[2].is_ascii_digit()
            && w[3].is_ascii_digit()
            && !bytes.get(i + 4).is_some_and(u8::is_ascii_digit)
    });
    let year = text
        .split(|c: char| !c.is_ascii_digit())
        .any(|t| t.len() == 4 && (t.starts_with("19") || t.starts_with("20")));
    clock && year
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn date_lines_are_furniture_but_sentences_with_dates_are_not() {
        assert!(is_furniture_text("October 06, 2018"));
        assert!(is_furniture_text("Updated at 1:23 p.m. EST"));
        assert!(is_furniture_text("PUBLISHED: 10:48, Tue, Nov 19, 2019"));
        assert!(is_furniture_text(
            "sexta-feira, 22 de outubro de 2010 às 20:13"
        ));
        assert!(!is_furniture_text("The vote on May 4, 2025 was close."));
        // Numbers alone (table cells, scores) are not dates.
        assert!(!is_furniture_text("17"));
        assert!(!is_furniture_text("3 at 4"));
    }

    #[test]
    fn calls_to_action_match_whole_words_in_short_blocks() {
        assert!(is_furniture_text("Subscribe to our newsletters."));
        assert!(is_furniture_text("© 2025 Valley Post"));
        assert!(is_furniture_text(
            "The contents of this site are ©2025 Valley Media."
        ));
        assert!(!is_furniture_text(
            "The service added a million subscribers."
        ));
        let long = "The mayor said residents who subscribe to the alert service \
                    will be told of closures, and that the council would review the \
                    scheme after one year of operation across all districts.";
        assert!(!is_furniture_text(long));
    }

    #[test]
    fn deeply_nested_pages_skip_readability_and_keep_their_text() {
        let depth = 3_000;
        let html = format!(
            "<html><body>{}<p>Deep text that is the only paragraph of this page.</p>{}</body></html>",
            "<div>".repeat(depth),
            "</div>".repeat(depth)
        );
        let doc = Document::from(html.as_str());
        assert!(deeper_than(&doc, MAX_READABLE_DEPTH));
        // Deeper than the walker follows: nothing comes out, quickly.
        let text = main_text(doc, &html, &ExtractConfig::default());
        assert_eq!(text, "");
        let shallow = "<html><body><div><div><p>Shallow text.</p></div></div></body></html>";
        assert!(!deeper_than(&Document::from(shallow), MAX_READABLE_DEPTH));
    }

    #[test]
    fn link_heavy_blocks_are_dropped() {
        let doc = Document::fragment(
            "<p>Plain prose with a <a href=x>link</a> inside.</p>\
             <ul><li><a href=a>Other story one</a></li></ul>\
             <p><a href=b>Mostly</a> <a href=c>links</a> here</p>",
        );
        let mut writer = BlockWriter::new(0.5);
        writer.walk(&doc.root(), false, 0);
        writer.flush();
        assert_eq!(writer.finish(), "Plain prose with a link inside.");
    }

    #[test]
    fn lists_whose_every_item_links_out_are_dropped() {
        let doc = Document::fragment(
            "<p>Story text.</p><ul>\
             <li>Teaser one, <a href=a>headline one</a></li>\
             <li>Teaser two, <a href=b>headline two</a></li>\
             <li>Teaser three, <a href=c>headline three</a></li></ul>\
             <ul><li>Flour</li><li>Eggs</li><li>Milk, see <a href=d>note</a></li></ul>",
        );
        let mut writer = BlockWriter::new(0.5);
        writer.walk(&doc.root(), false, 0);
        writer.flush();
        assert_eq!(
            writer.finish(),
            "Story text.\n\nFlour\n\nEggs\n\nMilk, see note"
        );
    }
}
