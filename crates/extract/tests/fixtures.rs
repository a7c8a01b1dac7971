//! The extractor on invented pages under testdata/extract/.

use crosscheck_core::{Published, PublishedSource};
use crosscheck_extract::{ExtractConfig, Extractor, HtmlPage};

fn extract(name: &str, url: Option<&str>) -> HtmlPage {
    let path = format!(
        "{}/../../testdata/extract/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let html = std::fs::read_to_string(&path).unwrap();
    Extractor::new(ExtractConfig::default()).extract(&html, url)
}

fn instant(s: &str) -> Published {
    Published::Instant(s.parse().unwrap())
}

#[test]
fn full_page_keeps_paragraphs_and_drops_boilerplate() {
    let page = extract(
        "full_news_page.html",
        Some("https://harbor-ledger.example/x"),
    );
    let text = &page.text;
    for kept in [
        "All ferry crossings between Eastport and Lundmark Island were cancelled",
        "“We have asked for a meeting three times since January,” said",
        "Schools and clinic affected",
        "A weekly clinic run by visiting nurses was postponed",
        "which it described as fair and in line with the rest of the sector.",
        "Emergency crossings for medical cases will continue",
    ] {
        assert!(text.contains(kept), "lost {kept:?} from {text}");
    }
    for dropped in [
        "cookies",
        "Sport",
        "ADVERTISEMENT",
        "Share on Facebook",
        "Photo: Harbor Ledger archive",
        "Sign up for our free newsletter",
        "Island council approves new jetty",
        "Ferries",
        "nobody ever fixes",
        "Storm warning",
        "All rights reserved",
    ] {
        assert!(!text.contains(dropped), "kept {dropped:?} in {text}");
    }
    // One block per paragraph, separated by a blank line.
    assert!(text.contains("the mainland.\n\nThe Coastal Crews Union"));
    assert!(!text.contains("\n\n\n"));
}

#[test]
fn full_page_metadata_prefers_meta_over_json_ld_and_time() {
    let page = extract(
        "full_news_page.html",
        Some("https://harbor-ledger.example/x"),
    );
    assert_eq!(
        page.title.as_deref(),
        Some("Ferry strike halts crossings to Lundmark Island")
    );
    assert_eq!(
        page.published,
        Some((instant("2025-03-04T06:15:00Z"), PublishedSource::Meta))
    );
    assert_eq!(page.authors, vec!["Mira Castellanos", "Jonas Pellworm"]);
    assert_eq!(page.language.as_deref(), Some("en"));
    assert_eq!(
        page.canonical_url.as_deref(),
        Some("https://harbor-ledger.example/news/2025/03/04/ferry-strike-lundmark")
    );
}

#[test]
fn json_ld_graph_gives_date_author_and_site_suffix_is_removed() {
    let page = extract("jsonld_graph_date.html", None);
    assert_eq!(
        page.published,
        Some((instant("2025-06-10T17:20:00Z"), PublishedSource::JsonLd))
    );
    // The organisation (publisher, WebSite) is not an author.
    assert_eq!(page.authors, vec!["Teodora Lins"]);
    assert_eq!(
        page.title.as_deref(),
        Some("Vineyard cooperative wins export award")
    );
    assert_eq!(page.language.as_deref(), Some("pt"));
    assert_eq!(
        page.canonical_url.as_deref(),
        Some("https://valle-gazette.example/economy/vineyard-award")
    );
    assert!(page.text.contains("won the national export prize"));
    assert!(page.text.contains("a new laboratory for testing soil."));
    assert!(!page.text.contains("Subscribe now"));
    assert!(!page.text.contains("Culture"));
}

#[test]
fn time_element_is_the_date_of_last_resort_before_the_url() {
    let page = extract("time_element_only.html", None);
    assert_eq!(
        page.published,
        Some((
            Published::Date(jiff::civil::date(2025, 1, 20)),
            PublishedSource::TimeElement
        ))
    );
    assert_eq!(page.title.as_deref(), Some("Library extends opening hours"));
    assert!(page.text.contains("stay open until nine in the evening"));
    assert!(page.text.contains("about sixty members."));
}

#[test]
fn page_without_a_date_has_none_unless_the_url_has_one() {
    let page = extract("no_date.html", None);
    assert_eq!(page.published, None);
    assert!(page.authors.is_empty());
    assert_eq!(page.language, None);
    assert!(page.text.contains("thirty raised beds"));
    assert!(page.text.contains("school kitchen from September onwards."));
    assert!(!page.text.contains("Tweet"));

    let dated = extract(
        "no_date.html",
        Some("https://quarry.example/local/2025/07/09/garden"),
    );
    assert_eq!(
        dated.published,
        Some((
            Published::Date(jiff::civil::date(2025, 7, 9)),
            PublishedSource::Url
        ))
    );
}

#[test]
fn malformed_markup_still_yields_text_and_a_valid_date() {
    let page = extract("malformed_markup.html", None);
    assert!(page.text.contains("repair the old stone bridge at Fennick"));
    assert!(page.text.contains("keep the listed structure"));
    assert!(page.text.contains("a temporary footbridge will be used."));
    assert!(!page.text.contains("cheap flights"));
    // The unparseable meta value is skipped; the next key is used.
    assert_eq!(
        page.published,
        Some((
            Published::Date(jiff::civil::date(2025, 4, 2)),
            PublishedSource::Meta
        ))
    );
}

#[test]
fn empty_and_text_only_inputs() {
    let extractor = Extractor::default();
    assert_eq!(extractor.extract("", None), HtmlPage::default());
    let page = extractor.extract("just some words", None);
    assert_eq!(page.title, None);
    assert_eq!(page.published, None);
}
