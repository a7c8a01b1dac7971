//! The text stage over invented messy reports in testdata/text/.

use crosscheck_core::{Article, Doc, FlagKind, Origin, SegmentKind, Span, TokenKind};
use crosscheck_text::{Cleaner, TextAnalyzer, TextConfig};

use SegmentKind::*;

fn fixture(name: &str) -> String {
    let path = format!("{}/../../testdata/text/{name}", env!("CARGO_MANIFEST_DIR"));
    std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"))
}

fn analyze(name: &str) -> Doc {
    TextAnalyzer::new(TextConfig::default())
        .analyze(Article::new(Origin::file(name), fixture(name)))
}

fn kinds(doc: &Doc) -> Vec<SegmentKind> {
    doc.segments.iter().map(|s| s.kind).collect()
}

fn sentences(doc: &Doc) -> Vec<&str> {
    doc.sentences.iter().map(|s| doc.text(s.span)).collect()
}

fn flag(doc: &Doc, kind: FlagKind) -> u32 {
    doc.flags
        .iter()
        .find(|f| f.kind == kind)
        .map_or(0, |f| f.count)
}

/// Every token maps back to original characters that clean to the same token, and
/// no report segment keeps markup.
fn assert_maps_back(doc: &Doc) {
    let cleaner = Cleaner::default();
    let original = &doc.article.text;
    for token in &doc.tokens {
        let text = doc.text(token.span);
        let span = doc.body_map.span_to_original(token.span);
        let source = original.get(span.range()).unwrap_or_else(|| {
            panic!("token {text:?} maps to {span:?}, not inside the text on boundaries")
        });
        assert_eq!(
            cleaner.clean(source).body,
            text,
            "token {text:?} from {source:?}"
        );
    }
    for segment in doc.segments.iter().filter(|s| s.kind.is_report()) {
        let text = doc.text(segment.span);
        for residue in ["<a", "</", "href=", "&amp;", "&#", "&nbsp;", "target="] {
            assert!(!text.contains(residue), "{residue} left in {text:?}");
        }
    }
}

#[test]
fn scraped_text_with_links_and_entities() {
    let doc = analyze("scraped_links_entities.txt");
    assert_eq!(kinds(&doc), [Body, Body]);
    assert!(doc.body.starts_with("Dock workers in Port Avel and Ostra walked off the job on Tuesday, the union’s leaders said."));
    assert!(doc.body.contains("Norland Dockers Union"));
    assert!(doc.body.contains("Bluefin & Co. said"));
    assert!(doc.body.contains("Tuesday. Talks with"));
    assert_eq!(
        sentences(&doc),
        [
            "Dock workers in Port Avel and Ostra walked off the job on Tuesday, the union’s leaders said.",
            "Mr. Ivo Strand, who heads the Norland Dockers Union, said the strike would last “as long as it takes”.",
            "The U.S. shipping line Bluefin & Co. said 1,200 containers were stuck.",
            "“We are ready to talk.",
            "We are not ready to give in,” Mr. Strand told reporters at 9 a.m. Tuesday.",
            "Talks with Gov. Hana Lind are set for Thursday at 3.5 hours past noon, officials said.",
            "Port authority spokesman Dr. Emil Roos said ships were waiting offshore...",
            "He did not say how many.",
        ]
    );
    // 6 tags of three links, the empty <b> pair, a tag fragment, a closing tag,
    // and 6 entities.
    assert_eq!(flag(&doc, FlagKind::MarkupResidue), 15);
    assert_eq!(flag(&doc, FlagKind::CaptionsInText), 0);
    assert_maps_back(&doc);
    let link = doc.body.find("Port Avel").unwrap();
    let span = doc.body_map.span_to_original(Span::new(link, link + 9));
    assert_eq!(span.slice(&doc.article.text), "Port Avel");
    assert!(doc.article.text[..span.start as usize].ends_with("\">"));
}

#[test]
fn translated_report_with_captions_credits_and_broken_spacing() {
    let doc = analyze("translated_captions_credits.txt");
    assert_eq!(
        kinds(&doc),
        [
            Body, Body, Caption, Credit, Body, Body, Caption, Credit, Body, Caption, Credit, Body
        ]
    );
    for repaired in [
        "face-to-face",
        "long-awaited",
        "large-scale",
        "cross-border",
        "self-propelled",
    ] {
        assert!(doc.body.contains(repaired), "{repaired}");
    }
    // The clause dashes stay.
    assert!(
        doc.body
            .contains("the talks - which were called by the government - would")
    );
    assert_eq!(flag(&doc, FlagKind::BrokenSpacing), 6);
    assert_eq!(flag(&doc, FlagKind::CaptionsInText), 6);
    assert_eq!(flag(&doc, FlagKind::MarkupResidue), 0);
    // Captions keep their own sentences; body sentences never include them.
    let caption_sentences: Vec<&str> = doc
        .sentences
        .iter()
        .filter(|s| doc.segments[s.segment as usize].kind == Caption)
        .map(|s| doc.text(s.span))
        .collect();
    assert_eq!(caption_sentences.len(), 3);
    assert!(caption_sentences[1].starts_with("A local resident looks at"));
    let quotes: Vec<&str> = sentences(&doc)
        .into_iter()
        .filter(|s| s.starts_with('"') || s.starts_with("It is"))
        .collect();
    assert_eq!(
        quotes,
        [
            "\"We will have several hours for an important discussion,\" the union leader Ivo Strand wrote.",
            "\"It is essential to know who makes the decisions.\""
        ]
    );
    assert!(
        doc.tokens
            .iter()
            .any(|t| doc.text(t.span) == "face-to-face" && t.kind == TokenKind::Word)
    );
    assert!(
        doc.tokens
            .iter()
            .any(|t| doc.text(t.span) == "0930" && t.kind == TokenKind::Number)
    );
    assert_maps_back(&doc);
}

#[test]
fn clean_wire_story_with_dateline_and_byline() {
    let doc = analyze("wire_dateline_byline.txt");
    assert_eq!(kinds(&doc), [Byline, Dateline, Body, Body, Body, Byline]);
    assert!(doc.flags.is_empty(), "{:?}", doc.flags);
    assert_eq!(
        sentences(&doc)[3..],
        [
            "\"This is our best offer.",
            "There will not be another,\" Berg told reporters in Ostra.",
            "The union, which represents about 1,200 workers, said it would answer by Friday.",
            "The strike began on April 24 after the port authority announced plans to automate two container terminals by 2027.",
            "Gen. Arvo Kask, who commands the coast guard, said ships had been redirected to ports in the U.S. and Canada.",
            "Reporting by Hana Lind; Editing by Piet Ostrander",
        ]
    );
    // Nothing to clean: the body is the text, trimmed.
    assert_eq!(doc.body, doc.article.text.trim());
    assert_maps_back(&doc);
}

#[test]
fn html_extracted_text_with_headings() {
    let doc = analyze("html_extracted_heading.txt");
    assert_eq!(
        kinds(&doc),
        [
            Heading,
            Dateline,
            Body,
            Body,
            Heading,
            Body,
            Boilerplate,
            Boilerplate
        ]
    );
    assert_eq!(
        sentences(&doc)[..2],
        [
            "Dockers and Port Agree to Resume Talks in Ostra",
            "Updated: May 16, 2025 10:32 GMT"
        ]
    );
    assert!(
        sentences(&doc)
            .contains(&"The agreement came after a night of talks mediated by Sen. Mila Roos.")
    );
    assert!(
        sentences(&doc)
            .contains(&"The port authority said cargo handling would restart at 6 a.m. Saturday.")
    );
    // Paragraph breaks survive as blank lines.
    assert!(doc.body.contains("Ostra\n\nUpdated"));
    assert_maps_back(&doc);
}

#[test]
fn every_sentence_lies_in_its_segment_and_tokens_in_order() {
    for name in [
        "scraped_links_entities.txt",
        "translated_captions_credits.txt",
        "wire_dateline_byline.txt",
        "html_extracted_heading.txt",
    ] {
        let doc = analyze(name);
        for sentence in &doc.sentences {
            let segment = doc.segments[sentence.segment as usize];
            assert!(segment.span.contains(sentence.span), "{name}");
        }
        for pair in doc.tokens.windows(2) {
            assert!(pair[0].span.end <= pair[1].span.start, "{name}");
        }
    }
}
