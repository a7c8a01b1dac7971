//! Quote shapes on invented fixtures (testdata/quotes): each shape the finder
//! reads, with its cue and its source as written.

use crosscheck_core::layers::quote::Quote;
use crosscheck_core::{Article, Doc, Origin};
use crosscheck_quotes::text::{TextAnalyzer, TextConfig};
use crosscheck_quotes::{QuoteFinder, QuotesConfig};

fn analyse(text: &str) -> Doc {
    let mut doc = TextAnalyzer::new(TextConfig::default())
        .analyze(Article::new(Origin::file("t.txt"), text.into()));
    QuoteFinder::new(QuotesConfig::default()).annotate(&mut doc);
    doc
}

fn fixture(name: &str) -> Doc {
    let path = format!(
        "{}/../../testdata/quotes/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap_or_else(|e| panic!("{path}: {e}"));
    analyse_as_written(&text)
}

/// The quote whose content contains `needle`.
fn quote<'d>(doc: &'d Doc, needle: &str) -> &'d Quote {
    doc.quotes
        .iter()
        .find(|q| doc.text(q.content).contains(needle))
        .unwrap_or_else(|| panic!("no quote with {needle:?} in {:#?}", texts(doc)))
}

fn texts(doc: &Doc) -> Vec<(String, Option<String>)> {
    doc.quotes
        .iter()
        .map(|q| {
            (
                doc.text(q.content).to_string(),
                q.source.map(|s| doc.text(s).to_string()),
            )
        })
        .collect()
}

fn source<'d>(doc: &'d Doc, q: &Quote) -> Option<&'d str> {
    q.source.map(|s| doc.text(s))
}

fn cue<'d>(doc: &'d Doc, q: &Quote) -> Option<&'d str> {
    q.cue.map(|s| doc.text(s))
}

#[test]
fn source_after_the_quote() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "cranes are safe");
    assert_eq!(
        doc.text(q.content),
        "“We will not go back until the cranes are safe,”"
    );
    assert_eq!(source(&doc, q), Some("Tomas Brandvik"));
    assert_eq!(cue(&doc, q), Some("said"));
    assert!(q.direct);
}

#[test]
fn cue_before_the_source_after_the_quote() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "ignored every warning");
    assert_eq!(source(&doc, q), Some("Ilse Marren"));
}

#[test]
fn source_before_the_quote() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "Talks can resume");
    assert_eq!(
        doc.text(q.content),
        "“Talks can resume tomorrow if the pickets are lifted.”"
    );
    assert_eq!(source(&doc, q), Some("Port director Oskar Heln"));
}

#[test]
fn reported_speech_with_a_title_as_source() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "passed inspection");
    assert_eq!(
        doc.text(q.content),
        "the cranes had passed inspection in March"
    );
    assert_eq!(source(&doc, q), Some("The authority's spokeswoman"));
    assert!(!q.direct);
}

#[test]
fn according_to() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "eleven ships");
    assert_eq!(doc.text(q.content), "eleven ships are waiting offshore");
    assert_eq!(cue(&doc, q), Some("According to"));
    assert_eq!(source(&doc, q), Some("the harbour master's office"));
}

#[test]
fn told_reporters_that() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "strike fund");
    assert_eq!(
        doc.text(q.content),
        "that the strike fund would last another month"
    );
    assert_eq!(source(&doc, q), Some("Brandvik"));
}

#[test]
fn partial_quotes_stay_inside_the_reported_clause() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "unlawful blockade");
    assert!(
        doc.text(q.content)
            .starts_with("the pickets as “an unlawful blockade")
    );
    assert_eq!(source(&doc, q), Some("Heln"));
    assert!(!q.direct);
}

#[test]
fn quote_broken_over_two_sentences_is_one_attribution() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "Every day costs");
    assert!(
        doc.text(q.content)
            .ends_with("“We need the cranes working.”")
    );
    assert_eq!(cue(&doc, q), Some("added"));
}

#[test]
fn speaker_named_in_the_sentence_before() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "Nobody here wants");
    assert_eq!(source(&doc, q), Some("Marren"));
}

#[test]
fn quote_spanning_two_paragraphs_with_a_pronoun_source() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "written before the storm");
    let text = doc.text(q.content);
    assert!(text.starts_with("“The inspection report"));
    assert!(text.ends_with("three times,”"), "{text}");
    assert_eq!(source(&doc, q), Some("she"));
}

#[test]
fn unbalanced_translated_quote() {
    let doc = fixture("shapes.txt");
    let q = quote(&doc, "Workers will stay");
    assert_eq!(
        doc.text(q.content),
        "Workers will stay on the quay until the ministry sends its own engineers.”"
    );
    assert_eq!(source(&doc, q), Some("He"));
    assert!(q.direct);
}

#[test]
fn narrative_sentences_yield_nothing() {
    let doc = fixture("shapes.txt");
    assert!(
        doc.quotes
            .iter()
            .all(|q| !doc.text(q.content).contains("Dockers"))
    );
    assert!(
        doc.quotes
            .iter()
            .all(|q| !doc.text(q.content).contains("Harbour strike"))
    );
}

#[test]
fn captions_yield_nothing() {
    let doc = fixture("caption.txt");
    assert!(doc.quotes.is_empty(), "{:?}", texts(&doc));
}

#[test]
fn straight_quotes_and_said_before_the_name() {
    let doc = analyse(
        "\"The vote is final,\" said Mira Tolk, the council clerk. \"Nobody can change it.\"\n",
    );
    assert_eq!(doc.quotes.len(), 1, "{:?}", texts(&doc));
    let q = &doc.quotes[0];
    assert_eq!(
        doc.text(q.content),
        "\"The vote is final,\" said Mira Tolk, the council clerk. \"Nobody can change it.\""
    );
    assert_eq!(source(&doc, q), Some("Mira Tolk"));
}

#[test]
fn spans_are_in_order_and_inside_the_body() {
    let doc = fixture("shapes.txt");
    for pair in doc.quotes.windows(2) {
        assert!(pair[0].content.start <= pair[1].content.start);
    }
    for q in &doc.quotes {
        for span in [Some(q.content), q.cue, q.source].into_iter().flatten() {
            assert!(span.end as usize <= doc.body.len());
            assert!(!doc.text(span).is_empty());
        }
    }
}

#[test]
fn signature_after_a_dash_names_the_speaker() {
    // The first line is the headline, as in every article.
    let doc = analyse(
        "Ferry delays\n\n“The ferry is late again.” ― Oda Rennick\n\n“We waited two hours.” ― Pim Aalto\n",
    );
    assert_eq!(doc.quotes.len(), 2, "{:?}", texts(&doc));
    assert_eq!(source(&doc, &doc.quotes[0]), Some("Oda Rennick"));
    assert_eq!(source(&doc, &doc.quotes[1]), Some("Pim Aalto"));
}

/// Sources as written, as the benchmark scores them.
fn analyse_as_written(text: &str) -> Doc {
    let mut doc = TextAnalyzer::new(TextConfig::default())
        .analyze(Article::new(Origin::file("t.txt"), text.into()));
    QuoteFinder::new(QuotesConfig {
        resolve_sources: false,
        ..QuotesConfig::default()
    })
    .annotate(&mut doc);
    doc
}

#[test]
fn inverted_cue_between_commas_takes_the_name_after_it() {
    let doc =
        analyse("Harbour news.\n\nBrandvik, said Marren, “wants the quay closed until spring.”\n");
    let q = quote(&doc, "wants the quay");
    assert_eq!(source(&doc, q), Some("Marren"));
}

#[test]
fn cue_opening_the_sentence_takes_the_name_after_it() {
    let doc = analyse("Harbour news.\n\nSaid Marren: “The quay stays closed until spring.”\n");
    let q = quote(&doc, "quay stays closed");
    assert_eq!(source(&doc, q), Some("Marren"));
}

#[test]
fn long_appositive_between_quote_and_cue() {
    let doc = analyse(
        "Harbour news.\n\n“The cranes are older than the port,” Ilse Marren, the safety officer of the dockers' union and a former crane driver at the northern quay for two decades, said on Monday.\n",
    );
    let q = quote(&doc, "older than the port");
    assert_eq!(
        source(&doc, q).map(|s| s.starts_with("Ilse Marren")),
        Some(true)
    );
}

#[test]
fn unlisted_verb_after_a_quote() {
    let doc = analyse("Harbour news.\n\n“Nobody leaves the quay tonight,” the foreman bellowed.\n");
    let q = quote(&doc, "Nobody leaves");
    assert_eq!(source(&doc, q), Some("the foreman"));
    assert_eq!(cue(&doc, q), Some("bellowed"));
}

#[test]
fn nested_single_quotes_closed_by_three_apostrophes() {
    let doc = analyse(
        "Harbour news.\n\n''I told them, 'Not one more crane,''' said Oskar Heln, the port director.\n",
    );
    let q = quote(&doc, "Not one more crane");
    assert_eq!(source(&doc, q), Some("Oskar Heln"));
}

#[test]
fn a_second_cue_starts_a_second_attribution() {
    let doc = analyse(
        "Harbour news.\n\n“The strike is over,” Heln said on Monday, adding, “The cranes start at dawn.”\n",
    );
    let first = quote(&doc, "strike is over");
    let second = quote(&doc, "cranes start at dawn");
    assert!(!doc.text(first.content).contains("dawn"));
    assert_eq!(cue(&doc, second), Some("adding"));
    assert_eq!(source(&doc, second), Some("Heln"));
}

#[test]
fn pronoun_after_a_named_speaker_takes_the_name() {
    let text = "Harbour news.\n\n“The quay is safe,” Oskar Heln told reporters.\n\n“We will reopen it on Friday,” he said.\n";
    let doc = analyse(text);
    let q = quote(&doc, "reopen it on Friday");
    assert_eq!(source(&doc, q), Some("Oskar Heln"));
    // As written (the benchmark's view) the pronoun stays.
    let doc = analyse_as_written(text);
    let q = quote(&doc, "reopen it on Friday");
    assert_eq!(source(&doc, q), Some("he"));
}

#[test]
fn the_first_is_kept_as_a_source_as_written() {
    let doc = analyse_as_written(
        "Harbour news.\n\nThe union leader, Ilse Marren, met Oskar Heln on Tuesday. “We agreed on nothing,” the first wrote online.\n",
    );
    let q = quote(&doc, "agreed on nothing");
    assert_eq!(source(&doc, q), Some("the first"));
}

#[test]
fn pronoun_of_another_gender_is_not_resolved_to_the_last_speaker() {
    let doc = analyse(
        "Harbour news.\n\n“The quay is safe,” Ilse Marren said.\n\n“It will stay safe,” she added.\n\n“We shall see,” he said.\n",
    );
    assert_eq!(source(&doc, quote(&doc, "stay safe")), Some("Ilse Marren"));
    assert_eq!(source(&doc, quote(&doc, "We shall see")), Some("he"));
}
