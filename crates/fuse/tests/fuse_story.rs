//! Fusion over a small invented story: reprints count once, a disputed day and
//! place become conflicts, a plan that happened otherwise becomes an update.

use crosscheck_claims::{ClaimExtractor, ClaimsConfig};
use crosscheck_core::{Article, Doc, Origin, Published};
use crosscheck_fuse::{FuseConfig, FusedStory, Fuser, StoryDoc};
use crosscheck_ner::NerModel;
use crosscheck_quotes::{QuoteFinder, QuotesConfig};
use crosscheck_text::{TextAnalyzer, TextConfig};
use crosscheck_time::TimeConfig;

fn report(name: &str, published: (i16, i8, i8), text: &str) -> Doc {
    let mut article = Article::new(Origin::file(format!("{name}.txt")), text.to_string());
    article.published = Some(Published::Date(jiff::civil::date(
        published.0,
        published.1,
        published.2,
    )));
    let mut doc = TextAnalyzer::new(TextConfig::default()).analyze(article);
    NerModel::shared()
        .expect("the embedded model loads")
        .annotate(&mut doc);
    TimeConfig::default()
        .build()
        .expect("the time tagger builds")
        .tag_doc(&mut doc);
    ClaimExtractor::new(ClaimsConfig::default()).annotate(&mut doc);
    doc
}

/// A report with its quotes found too.
fn quoted_report(name: &str, text: &str) -> Doc {
    let mut doc = report(name, (2026, 5, 4), text);
    QuoteFinder::new(QuotesConfig::default()).annotate(&mut doc);
    doc
}

/// Fuses with no entity resolution: claims align on their head words.
fn fuse(docs: &[(Doc, u32)]) -> FusedStory {
    fuse_keyed(docs, &vec![Vec::new(); docs.len()])
}

/// Fuses with each report's name mentions keyed by `ids`.
fn fuse_keyed(docs: &[(Doc, u32)], ids: &[Vec<Option<String>>]) -> FusedStory {
    let story: Vec<StoryDoc<'_>> = docs
        .iter()
        .zip(ids)
        .map(|((doc, origin), ids)| StoryDoc {
            doc,
            origin: *origin,
            speakers: &[],
            entity_ids: ids,
        })
        .collect();
    Fuser::new(FuseConfig::default()).fuse(&story)
}

fn lake_orin() -> Vec<(Doc, u32)> {
    let wire = "Veloria and Kestrand signed the Lake Orin accord in Brenmoor on Tuesday, officials said.\n\
                Under the accord, each country may draw no more than 40 percent of the lake's inflow.\n";
    vec![
        (
            report(
                "gazette-preview",
                (2026, 3, 1),
                "Veloria and Kestrand are expected to sign the Lake Orin accord in Brenmoor on Monday.\n",
            ),
            0,
        ),
        (report("northwire", (2026, 3, 3), wire), 1),
        // A reprint of the wire: the same origin, so it adds no independent source.
        (report("harbour-post", (2026, 3, 3), wire), 1),
        (
            report(
                "meridian",
                (2026, 3, 4),
                "Veloria and Kestrand signed the Lake Orin accord in Brenmoor on Wednesday.\n",
            ),
            2,
        ),
        (
            report(
                "gazette",
                (2026, 3, 3),
                "Veloria and Kestrand signed the Lake Orin accord in Calder on Tuesday.\n",
            ),
            3,
        ),
    ]
}

#[test]
fn aligned_claim_counts_origins_not_articles() {
    let docs = lake_orin();
    let fused = fuse(&docs);
    let signing = fused
        .claims
        .iter()
        .find(|c| c.predicate == "sign")
        .unwrap_or_else(|| panic!("no signing claim in {:#?}", fused.claims));
    // Five reports state it (one as a plan), from four origins.
    assert_eq!(signing.evidence.len(), 5, "{signing:#?}");
    assert_eq!(signing.origins, 4);
    assert_eq!(
        fused.claims[0].id, signing.id,
        "the best-supported claim comes first"
    );
}

#[test]
fn a_disputed_day_and_place_are_conflicts_with_their_sources() {
    let fused = fuse(&lake_orin());
    let date = fused
        .conflicts
        .iter()
        .find(|c| c.kind == "date")
        .expect("a date conflict");
    assert_eq!(date.values[0].value, "2026-03-03");
    assert_eq!(
        date.values[0].origins, 2,
        "northwire (with its reprint) and the gazette"
    );
    assert_eq!(date.values[1].value, "2026-03-04");
    assert_eq!(date.values[1].evidence[0].source, "meridian");
    assert!(
        date.explanation.contains("meridian"),
        "{}",
        date.explanation
    );

    let place = fused
        .conflicts
        .iter()
        .find(|c| c.kind == "place")
        .expect("a place conflict");
    let values: Vec<&str> = place.values.iter().map(|v| v.value.as_str()).collect();
    assert_eq!(values, ["brenmoor", "calder"]);
    assert_eq!(place.values[1].evidence[0].source, "gazette");
}

#[test]
fn a_plan_that_happened_on_another_day_is_an_update_not_a_conflict() {
    let fused = fuse(&lake_orin());
    let update = fused
        .updates
        .iter()
        .find(|u| u.kind == "date")
        .expect("a date update");
    assert_eq!(update.planned.value, "2026-03-02");
    assert_eq!(update.planned.evidence[0].source, "gazette-preview");
    assert_eq!(update.actual.value, "2026-03-03");
    // The planned Monday is not one of the conflicting values.
    for conflict in &fused.conflicts {
        assert!(
            conflict.values.iter().all(|v| v.value != "2026-03-02"),
            "{conflict:#?}"
        );
    }
    let entry = fused
        .timeline
        .iter()
        .find(|t| t.claim == update.claim)
        .expect("on the timeline");
    assert_eq!(entry.status, "updated");
    assert_eq!(entry.date, "2026-03-03");
}

#[test]
fn every_item_points_at_its_exact_evidence() {
    let docs = lake_orin();
    let fused = fuse(&docs);
    for claim in &fused.claims {
        for evidence in &claim.evidence {
            let (doc, _) = docs
                .iter()
                .find(|(d, _)| d.article.id.0 == evidence.article)
                .unwrap();
            assert_eq!(
                &doc.body[evidence.start as usize..evidence.end as usize],
                evidence.text
            );
        }
    }
}

#[test]
fn the_same_act_by_different_actors_is_two_claims() {
    let docs = vec![
        (
            report(
                "tribune",
                (2026, 5, 4),
                "Officials from Veloria and Norvane are preparing to travel to Brenmoor for the talks.\n",
            ),
            0,
        ),
        (
            report(
                "courier",
                (2026, 5, 4),
                "Prime Minister Tomas Redl will travel to Brenmoor on Thursday.\n",
            ),
            1,
        ),
    ];
    let fused = fuse(&docs);
    let travels: Vec<_> = fused
        .claims
        .iter()
        .filter(|c| c.predicate.starts_with("travel"))
        .collect();
    assert_eq!(travels.len(), 2, "{travels:#?}");
    assert!(travels.iter().all(|c| c.origins == 1));
}

#[test]
fn a_translated_quote_is_merged_under_its_speaker() {
    let docs = vec![
        (
            quoted_report(
                "tribune",
                "\u{201c}We have not received any official confirmation of the date,\u{201d} Varga said.\n",
            ),
            0,
        ),
        (
            quoted_report(
                "courier",
                "\u{201c}Nothing has been officially confirmed about the date yet,\u{201d} Ilse Varga said.\n",
            ),
            1,
        ),
        (
            quoted_report(
                "gazette",
                "\u{201c}The date of the vote is confirmed officially for June,\u{201d} Tomas Redl said.\n",
            ),
            2,
        ),
    ];
    let fused = fuse(&docs);
    let varga: Vec<_> = fused
        .quotes
        .iter()
        .filter(|q| q.speaker.as_deref().is_some_and(|s| s.contains("Varga")))
        .collect();
    assert_eq!(varga.len(), 1, "{:#?}", fused.quotes);
    assert_eq!(varga[0].origins, 2);
    assert_eq!(varga[0].variants.len(), 2);
    // Another speaker's similar words stay apart.
    assert_eq!(fused.quotes.len(), 2, "{:#?}", fused.quotes);
}

/// Fuses with every name mention keyed by its text, as the story's entity
/// resolution would key it.
fn fuse_with_entities(docs: &[(Doc, u32)]) -> FusedStory {
    let ids: Vec<Vec<Option<String>>> = docs
        .iter()
        .map(|(doc, _)| {
            doc.entities
                .iter()
                .map(|m| Some(format!("ent:{}", doc.text(m.span).to_lowercase())))
                .collect()
        })
        .collect();
    fuse_keyed(docs, &ids)
}

#[test]
fn one_actor_in_one_place_on_one_day_is_one_event_whatever_the_verb() {
    let fused = fuse_with_entities(&[
        (
            report(
                "preview",
                (2026, 5, 4),
                "Ilse Varga will meet Tomas Redl in Brenmoor on Thursday.\n",
            ),
            0,
        ),
        (
            report(
                "later",
                (2026, 5, 7),
                "Ilse Varga arrived in Brenmoor on Thursday to meet Tomas Redl.\n",
            ),
            1,
        ),
    ]);
    let joint: Vec<_> = fused.claims.iter().filter(|c| c.origins == 2).collect();
    assert_eq!(joint.len(), 1, "{:#?}", fused.claims);
    assert_eq!(joint[0].evidence.len(), 2);
}

#[test]
fn an_act_done_before_a_plan_was_reported_is_not_its_outcome() {
    let fused = fuse_with_entities(&[
        (
            report(
                "plan",
                (2026, 5, 4),
                "The ferry talks will take place in Brenmoor on Thursday.\n",
            ),
            0,
        ),
        (
            report(
                "history",
                (2026, 5, 4),
                "The ferry talks last took place in Brenmoor in March 2022.\n",
            ),
            1,
        ),
    ]);
    assert!(
        fused.claims.iter().all(|c| c.origins == 1),
        "{:#?}",
        fused.claims
    );
    assert!(fused.updates.is_empty() && fused.conflicts.is_empty());
}

#[test]
fn talks_expected_one_day_that_began_the_next_are_an_update() {
    let fused = fuse(&[
        (
            report(
                "preview",
                (2026, 5, 4),
                "Harbour officials have not said where the ferry talks will be held, \
                 while the ministry said they will begin on Thursday.\n",
            ),
            0,
        ),
        (
            report(
                "later",
                (2026, 5, 8),
                "Convoys reached the harbour early Friday. The negotiations began around 0930 GMT.\n",
            ),
            1,
        ),
    ]);
    assert_eq!(fused.updates.len(), 1, "{:#?}", fused.claims);
    let update = &fused.updates[0];
    assert_eq!(update.planned.value, "2026-05-07");
    assert_eq!(update.actual.value, "2026-05-08");
}
