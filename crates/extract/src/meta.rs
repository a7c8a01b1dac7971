//! Page metadata: title, publication date, authors, language, canonical URL.
//!
//! Read from the untouched page, before boilerplate removal drops the bylines
//! and `<time>` elements that carry some of it.

use std::collections::HashMap;

use crosscheck_core::{Published, PublishedSource};
use dom_query::Document;
use serde_json::Value;

use crate::date::{parse_published, published_from_url};

/// Meta keys that carry the publication date, most trusted first.
const DATE_META_KEYS: &[&str] = &[
    "article:published_time",
    "og:published_time",
    "og:article:published_time",
    "datepublished",
    "article:published",
    "pubdate",
    "publishdate",
    "publish-date",
    "publish_date",
    "date",
    "dc.date",
    "dc.date.issued",
    "dc.date.created",
    "dcterms.date",
    "dcterms.issued",
    "dcterms.created",
    "parsely-pub-date",
    "sailthru.date",
    "article.published",
    "published-date",
    "release_date",
    "originalpublicationdate",
    "article_date_original",
    "cxenseparse:recs:publishtime",
    "og:pubdate",
];

/// Meta keys that carry author names.
const AUTHOR_META_KEYS: &[&str] = &[
    "author",
    "article:author",
    "parsely-author",
    "sailthru.author",
    "dc.creator",
    "dcterms.creator",
    "byl",
];

/// Title separators before a site name ("Story | Outlet").
const TITLE_SEPARATORS: &[&str] = &[
    " | ", " - ", " – ", " — ", " :: ", " « ", " » ", " · ", " • ",
];

/// Deepest JSON-LD nesting followed.
const MAX_JSON_DEPTH: usize = 16;

/// The metadata read from a page.
#[derive(Debug, Default)]
pub(crate) struct PageMeta {
    pub title: Option<String>,
    pub published: Option<(Published, PublishedSource)>,
    pub authors: Vec<String>,
    pub language: Option<String>,
    pub canonical_url: Option<String>,
}

/// Reads the metadata of `doc`; `url` resolves a relative canonical link and
/// gives a last-resort date from its path.
pub(crate) fn read_meta(doc: &Document, url: Option<&str>) -> PageMeta {
    let metas = meta_map(doc);
    let json_ld = JsonLd::read(doc);
    let site_name = metas
        .get("og:site_name")
        .cloned()
        .or(json_ld.site_name.clone());
    PageMeta {
        title: title(doc, &metas, site_name.as_deref()),
        published: published(doc, &metas, &json_ld, url),
        authors: authors(doc, &metas, &json_ld),
        language: language(doc, &metas, &json_ld),
        canonical_url: canonical(doc, &metas, url),
    }
}

/// `<meta>` values by lower-cased `property`, `name` or `itemprop`; the first
/// non-empty value of each key wins.
fn meta_map(doc: &Document) -> HashMap<String, String> {
    let mut map = HashMap::new();
    for node in doc.select("meta").nodes() {
        let Some(content) = node.attr("content") else {
            continue;
        };
        let content = content.trim();
        if content.is_empty() {
            continue;
        }
        for key_attr in ["property", "name", "itemprop", "http-equiv"] {
            if let Some(key) = node.attr(key_attr) {
                let key = key.trim().to_ascii_lowercase();
                if !key.is_empty() {
                    map.entry(key).or_insert_with(|| content.to_string());
                }
            }
        }
    }
    map
}

/// Collapses runs of whitespace and trims.
fn squash(text: &str) -> String {
    text.split_whitespace().collect::<Vec<_>>().join(" ")
}

fn title(
    doc: &Document,
    metas: &HashMap<String, String>,
    site_name: Option<&str>,
) -> Option<String> {
    let from_meta = ["og:title", "twitter:title"]
        .iter()
        .find_map(|k| metas.get(*k).map(|t| squash(t)));
    let raw = from_meta
        .filter(|t| !t.is_empty())
        .or_else(|| Some(squash(&doc.select("title").first().text())).filter(|t| !t.is_empty()))
        .or_else(|| Some(squash(&doc.select("h1").first().text())).filter(|t| !t.is_empty()))?;
    Some(strip_site_name(&raw, site_name))
}

/// Removes a site name before or after a separator ("Story | Outlet").
pub(crate) fn strip_site_name(title: &str, site_name: Option<&str>) -> String {
    let site = site_name
        .map(|s| s.trim().to_lowercase())
        .filter(|s| !s.is_empty());
    for sep in TITLE_SEPARATORS {
        // Suffix: the part after the last separator.
        if let Some(at) = title.rfind(sep) {
            let (head, tail) = (&title[..at], &title[at + sep.len()..]);
            let tail_lower = tail.trim().to_lowercase();
            let named = site
                .as_ref()
                .is_some_and(|s| tail_lower.contains(s.as_str()) || s.contains(&tail_lower));
            let short_tail = site.is_none()
                && tail.split_whitespace().count() <= 4
                && head.split_whitespace().count() >= 3;
            if !head.trim().is_empty() && (named || short_tail) {
                return strip_site_name(head.trim(), site_name);
            }
        }
        // Prefix: "Outlet | Story", only when the page names its site.
        if let (Some(at), Some(s)) = (title.find(sep), site.as_ref()) {
            let (head, tail) = (&title[..at], &title[at + sep.len()..]);
            if head.trim().to_lowercase() == *s && !tail.trim().is_empty() {
                return tail.trim().to_string();
            }
        }
    }
    title.trim().to_string()
}

fn published(
    doc: &Document,
    metas: &HashMap<String, String>,
    json_ld: &JsonLd,
    url: Option<&str>,
) -> Option<(Published, PublishedSource)> {
    if let Some(p) = DATE_META_KEYS
        .iter()
        .filter_map(|k| metas.get(*k))
        .find_map(|v| parse_published(v))
    {
        return Some((p, PublishedSource::Meta));
    }
    // `itemprop=datePublished` on an element other than <meta>.
    for node in doc.select("[itemprop=datePublished]").nodes() {
        let value = node
            .attr("datetime")
            .or_else(|| node.attr("content"))
            .map(|v| v.to_string())
            .unwrap_or_else(|| node.text().to_string());
        if let Some(p) = parse_published(&value) {
            return Some((p, PublishedSource::Meta));
        }
    }
    if let Some(p) = json_ld
        .date_published
        .iter()
        .find_map(|v| parse_published(v))
    {
        return Some((p, PublishedSource::JsonLd));
    }
    for node in doc.select("time[datetime]").nodes() {
        if let Some(p) = node.attr("datetime").and_then(|v| parse_published(&v)) {
            return Some((p, PublishedSource::TimeElement));
        }
    }
    url.and_then(published_from_url)
        .map(|p| (p, PublishedSource::Url))
}

fn authors(doc: &Document, metas: &HashMap<String, String>, json_ld: &JsonLd) -> Vec<String> {
    let mut found = Vec::new();
    for key in AUTHOR_META_KEYS {
        if let Some(value) = metas.get(*key) {
            push_names(&mut found, value);
        }
    }
    for name in &json_ld.authors {
        push_names(&mut found, name);
    }
    if found.is_empty() {
        let selectors = [
            "[itemprop=author] [itemprop=name]",
            "a[rel=author]",
            "[itemprop=author]",
            "[class*=byline] [class*=name]",
            "[class*=byline]",
            "[class*=author-name]",
        ];
        for selector in selectors {
            for node in doc.select(selector).nodes() {
                push_names(&mut found, &node.text());
            }
            if !found.is_empty() {
                break;
            }
        }
    }
    found
}

/// Adds the names in one byline ("By Ana Ruiz and Tom Bell") to `names`,
/// skipping URLs, e-mail addresses and duplicates.
fn push_names(names: &mut Vec<String>, byline: &str) {
    let byline = squash(byline);
    let lower = byline.to_lowercase();
    let body = if lower.starts_with("by ") {
        &byline[3..]
    } else {
        byline.as_str()
    };
    for part in body
        .split(" and ")
        .flat_map(|p| p.split(" & "))
        .flat_map(|p| p.split(';'))
    {
        let name = part
            .trim()
            .trim_matches(|c: char| c == ',' || c == '|')
            .trim();
        let plausible = !name.is_empty()
            && name.len() <= 80
            && !name.contains("://")
            && !name.contains('@')
            && !name.starts_with("www.")
            && name.chars().any(char::is_alphabetic);
        if plausible && !names.iter().any(|n| n.eq_ignore_ascii_case(name)) {
            names.push(name.to_string());
        }
    }
}

fn language(doc: &Document, metas: &HashMap<String, String>, json_ld: &JsonLd) -> Option<String> {
    let declared = doc.select("html").attr("lang").map(|l| l.to_string());
    [
        declared,
        metas.get("content-language").cloned(),
        metas.get("og:locale").cloned(),
        json_ld.language.clone(),
    ]
    .into_iter()
    .flatten()
    .find_map(|tag| iso_639_1(&tag))
}

/// The two-letter language of a BCP 47 tag or locale ("en-GB", "pt_BR").
pub(crate) fn iso_639_1(tag: &str) -> Option<String> {
    let primary = tag.trim().split(['-', '_']).next()?.to_ascii_lowercase();
    (primary.len() == 2 && primary.chars().all(|c| c.is_ascii_lowercase())).then_some(primary)
}

fn canonical(doc: &Document, metas: &HashMap<String, String>, url: Option<&str>) -> Option<String> {
    let href = doc
        .select("link[rel=canonical]")
        .attr("href")
        .map(|h| h.trim().to_string())
        .filter(|h| !h.is_empty())
        .or_else(|| metas.get("og:url").cloned())?;
    Some(resolve(&href, url))
}

/// Resolves a root-relative or scheme-relative `href` against the page URL.
pub(crate) fn resolve(href: &str, base: Option<&str>) -> String {
    if href.contains("://") {
        return href.to_string();
    }
    let Some(base) = base else {
        return href.to_string();
    };
    let Some(scheme_end) = base.find("://") else {
        return href.to_string();
    };
    if let Some(rest) = href.strip_prefix("//") {
        return format!("{}//{}", &base[..scheme_end + 1], rest);
    }
    let host_end = base[scheme_end + 3..]
        .find('/')
        .map_or(base.len(), |i| scheme_end + 3 + i);
    if href.starts_with('/') {
        format!("{}{}", &base[..host_end], href)
    } else {
        href.to_string()
    }
}

/// What the page's JSON-LD blocks say about it.
#[derive(Debug, Default)]
struct JsonLd {
    date_published: Vec<String>,
    authors: Vec<String>,
    site_name: Option<String>,
    language: Option<String>,
}

impl JsonLd {
    fn read(doc: &Document) -> Self {
        let mut found = JsonLd::default();
        for node in doc.select("script[type='application/ld+json']").nodes() {
            let text = node.text();
            // Some sites wrap the JSON in an HTML comment or CDATA.
            let trimmed = text
                .trim()
                .trim_start_matches("<!--")
                .trim_end_matches("-->")
                .trim()
                .trim_start_matches("//<![CDATA[")
                .trim_end_matches("//]]>")
                .trim();
            if let Ok(value) = serde_json::from_str::<Value>(trimmed) {
                found.visit(&value, 0);
            }
        }
        found
    }

    fn visit(&mut self, value: &Value, depth: usize) {
        if depth > MAX_JSON_DEPTH {
            return;
        }
        match value {
            Value::Array(items) => items.iter().for_each(|v| self.visit(v, depth + 1)),
            Value::Object(map) => {
                let kind = type_names(map.get("@type"));
                let is_site = kind.iter().any(|k| k == "WebSite" || k == "Organization");
                let is_person = kind.iter().any(|k| k == "Person");
                if !is_site && !is_person {
                    if let Some(Value::String(date)) = map.get("datePublished") {
                        self.date_published.push(date.clone());
                    }
                    if let Some(author) = map.get("author").or_else(|| map.get("creator")) {
                        self.collect_authors(author, depth + 1);
                    }
                    if let Some(Value::String(lang)) = map.get("inLanguage") {
                        self.language.get_or_insert_with(|| lang.clone());
                    }
                }
                if let (true, Some(Value::String(name))) =
                    (kind.iter().any(|k| k == "WebSite"), map.get("name"))
                {
                    self.site_name.get_or_insert_with(|| name.clone());
                }
                for key in [
                    "@graph",
                    "mainEntity",
                    "mainEntityOfPage",
                    "itemListElement",
                ] {
                    if let Some(inner) = map.get(key) {
                        self.visit(inner, depth + 1);
                    }
                }
            }
            _ => {}
        }
    }

    fn collect_authors(&mut self, value: &Value, depth: usize) {
        if depth > MAX_JSON_DEPTH {
            return;
        }
        match value {
            Value::String(name) => self.authors.push(name.clone()),
            Value::Array(items) => items
                .iter()
                .for_each(|v| self.collect_authors(v, depth + 1)),
            Value::Object(map) => {
                let is_org = type_names(map.get("@type"))
                    .iter()
                    .any(|k| k == "Organization");
                if let (false, Some(Value::String(name))) = (is_org, map.get("name")) {
                    self.authors.push(name.clone());
                }
            }
            _ => {}
        }
    }
}

/// The `@type` names of a JSON-LD node (a string or a list of strings).
fn type_names(value: Option<&Value>) -> Vec<String> {
    match value {
        Some(Value::String(s)) => vec![s.clone()],
        Some(Value::Array(items)) => items
            .iter()
            .filter_map(|v| v.as_str().map(str::to_string))
            .collect(),
        _ => Vec::new(),
    }
}
