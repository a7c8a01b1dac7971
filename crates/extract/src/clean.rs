//! Removes boilerplate from the parsed page before the main-text scorer sees it.
//!
//! Readability alone keeps captions, bylines, share bars, "related" lists and
//! newsletter boxes that sit inside the article container; dropping them up
//! front raised precision on the development pages from 0.927 to 0.964. Every
//! rule is a generic signal (element kind, ARIA role, class/id vocabulary),
//! never a site: see `crates/eval` for the measurement.

use dom_query::{Document, NodeData, NodeRef};

/// Elements that never carry article prose.
const ALWAYS_DROP: &str = "script, style, noscript, template, svg, iframe, button, input, select, \
     textarea, picture, video, audio, canvas, object, embed, dialog";

/// Elements that usually hold page furniture but that some sites (ASP.NET
/// `<form>` around the whole page, `<aside>` used for the story) wrap around
/// the article: they are dropped unless they hold most of the page's text.
const USUALLY_FURNITURE: &[&str] = &["form", "nav", "aside", "footer", "figure", "figcaption"];

/// ARIA roles of page furniture.
const FURNITURE_ROLES: &[&str] = &[
    "navigation",
    "complementary",
    "contentinfo",
    "dialog",
    "alertdialog",
    "alert",
    "banner",
    "menu",
    "menubar",
];

/// Fragments of class/id values that name boilerplate wherever they occur.
const BOILERPLATE_FRAGMENTS: &[&str] = &[
    "caption",
    "credit",
    "byline",
    "author",
    "dateline",
    "timestamp",
    "share",
    "social",
    "related",
    "newsletter",
    "subscri",
    "signup",
    "sign-up",
    "promo",
    "advert",
    "sponsor",
    "comment",
    "breadcrumb",
    "popup",
    "modal",
    "cookie",
    "consent",
    "recommend",
    "trending",
    "popular",
    "read-more",
    "readmore",
    "see-also",
    "more-stories",
    "outbrain",
    "taboola",
    "widget",
    "sidebar",
    "toolbar",
    "gallery",
    "slideshow",
    "disqus",
    "footer",
    "masthead",
    "banner",
    "paywall",
    "rollover",
    "tooltip",
    "hovercard",
    "popover",
];

/// Whole words of class/id values (split at non-alphanumerics) that name
/// boilerplate; too short to match as fragments ("ad" is in "head").
/// ("image", "video", "media" are left out: as modifiers such as `has-image`
/// they name story containers too, and cost recall when tried.)
const BOILERPLATE_WORDS: &[&str] = &[
    "ad", "ads", "adv", "tags", "tag", "meta", "date", "print", "email", "nav", "menu", "credits",
];

/// Fragments that mark the story container itself ("entry-content-read-more").
const CONTENT_FRAGMENTS: &[&str] = &[
    "content", "article", "body", "entry", "story", "text", "post", "main",
];

/// Deepest element examined.
const MAX_DEPTH: usize = 128;

/// Text length above which a container named like content is kept even when
/// its name also matches a boilerplate word.
const CONTENT_KEEP_LEN: usize = 1000;

fn names_boilerplate(attrs: &str) -> bool {
    BOILERPLATE_FRAGMENTS.iter().any(|p| attrs.contains(p))
        || attrs
            .split(|c: char| !c.is_ascii_alphanumeric())
            .any(|w| BOILERPLATE_WORDS.contains(&w))
}

fn names_content(attrs: &str) -> bool {
    CONTENT_FRAGMENTS.iter().any(|p| attrs.contains(p))
}

/// The class and id of `node`, lower-cased, space-separated.
fn class_and_id(node: &NodeRef) -> String {
    let mut attrs = String::new();
    if let Some(class) = node.class() {
        attrs.push_str(&class);
        attrs.push(' ');
    }
    if let Some(id) = node.id_attr() {
        attrs.push_str(&id);
    }
    attrs.make_ascii_lowercase();
    attrs
}

fn is_furniture_role(node: &NodeRef) -> bool {
    node.attr("role")
        .is_some_and(|r| FURNITURE_ROLES.contains(&r.trim().to_ascii_lowercase().as_str()))
}

/// Drops page furniture from `doc` in place.
pub(crate) fn remove_boilerplate(doc: &Document) {
    doc.select(ALWAYS_DROP).remove();
    let Some(body) = doc.body() else {
        return;
    };
    let body_len = text_len(&body);
    // Top-down, so that a removed subtree is never visited again; nodes
    // deeper than MAX_DEPTH are left alone (measuring each would make a
    // pathologically nested page quadratic).
    let mut stack: Vec<(NodeRef, usize)> = body
        .element_children()
        .into_iter()
        .map(|c| (c, 1))
        .collect();
    while let Some((node, depth)) = stack.pop() {
        if is_furniture(&node, body_len) {
            node.remove_from_parent();
        } else if depth < MAX_DEPTH {
            stack.extend(node.element_children().into_iter().map(|c| (c, depth + 1)));
        }
    }
}

/// Whether `node` is page furniture; `body_len` is the page's text length.
fn is_furniture(node: &NodeRef, body_len: usize) -> bool {
    let name = node.node_name().unwrap_or_default();
    if matches!(&*name, "article" | "main") {
        return false;
    }
    let structural =
        USUALLY_FURNITURE.contains(&&*name) || node.has_attr("hidden") || is_furniture_role(node);
    let attrs = if structural {
        String::new()
    } else {
        class_and_id(node)
    };
    if !structural && !names_boilerplate(&attrs) {
        return false;
    }
    let len = text_len(node);
    // A wrapper holding most of the page is the page, whatever its name.
    if len > 500 && len * 2 > body_len {
        return false;
    }
    !(!structural && len > CONTENT_KEEP_LEN && names_content(&attrs))
}

/// Bytes of text under `node`, without building the string.
fn text_len(node: &NodeRef) -> usize {
    node.descendants_it()
        .filter(|n| n.is_text())
        .map(|n| {
            n.query_or(0, |t| match &t.data {
                NodeData::Text { contents } => contents.len(),
                _ => 0,
            })
        })
        .sum()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn boilerplate_names() {
        assert!(names_boilerplate("article-share-bar"));
        assert!(names_boilerplate("inline-ad"));
        assert!(names_boilerplate("post-meta"));
        assert!(!names_boilerplate("head-line"));
        assert!(!names_boilerplate("story-body"));
        assert!(!names_boilerplate("mv-create-card has-image"));
    }

    #[test]
    fn a_furniture_wrapper_around_the_whole_page_is_kept() {
        let prose = "Long paragraph of the story that goes on. ".repeat(40);
        let html = format!(
            "<html><body><form id=aspnetForm><p>{prose}</p>\
             <div class=related><a href=x>Elsewhere</a></div></form></body></html>"
        );
        let doc = Document::from(html);
        remove_boilerplate(&doc);
        let text = doc.select("body").text();
        assert!(text.contains("goes on."));
        assert!(!text.contains("Elsewhere"));
    }
}
