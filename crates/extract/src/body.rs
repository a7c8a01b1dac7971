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

/// The main text of `html`, already parsed as `doc`.
pub(crate) fn main_text(doc: Document, html: &str, config: &ExtractConfig) -> String {
    remove_boilerplate(&doc);
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
    let fragment = Document::fragment(article.content);
    let mut writer = BlockWriter::new(config.max_link_density);
    writer.walk(&fragment.root(), false, 0);
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
            if density <= self.max_link_density {
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
