//! Entities within and across reports, on invented fixtures.
//!
//! Two kinds of test: the invented story under testdata/entities/harbour-talks run
//! through the real text analyser and tagger (as the pipeline does), and small
//! reports whose mentions are tagged by hand, so a rule is tested apart from the
//! tagger's choices.

use std::path::PathBuf;

use crosscheck_core::layers::entity::{EntityKind, EntityMention};
use crosscheck_core::{Article, Doc, Origin, SegmentKind, Span};
use crosscheck_entities::{DocEntities, EntityResolver, MergeRule, StoryEntity};
use crosscheck_ner::NerModel;
use crosscheck_text::{TextAnalyzer, TextConfig};

fn fixture(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/entities/harbour-talks")
        .join(name)
}

fn analysed(path: &str, text: &str) -> Doc {
    TextAnalyzer::new(TextConfig::default()).analyze(Article::new(Origin::file(path), text.into()))
}

/// The story as the pipeline builds it: text analysis, then the tagger.
fn story_docs() -> Vec<Doc> {
    let model = NerModel::shared().expect("embedded model loads");
    ["northwire.txt", "velmar-post.txt", "dornish-daily.txt"]
        .iter()
        .map(|name| {
            let path = fixture(name);
            let text = std::fs::read_to_string(&path).expect("fixture exists");
            let mut doc = analysed(&path.to_string_lossy(), &text);
            model.annotate(&mut doc);
            doc
        })
        .collect()
}

/// A doc whose mentions are the given names, tagged wherever they occur.
fn tagged(path: &str, text: &str, names: &[(&str, EntityKind)]) -> Doc {
    let mut doc = analysed(path, text);
    let mut mentions = Vec::new();
    for (name, kind) in names {
        let mut from = 0;
        while let Some(at) = doc.body.get(from..).and_then(|rest| rest.find(name)) {
            let start = from + at;
            let end = start + name.len();
            let before = doc.body[..start].chars().next_back();
            let after = doc.body[end..].chars().next();
            if !before.is_some_and(char::is_alphanumeric)
                && !after.is_some_and(char::is_alphanumeric)
            {
                mentions.push(EntityMention {
                    span: Span::new(start, end),
                    kind: *kind,
                });
            }
            from = end;
        }
    }
    mentions.sort_by_key(|m| m.span.start);
    // A longer name wins over a shorter one inside it ("Ilse Varga" over "Varga").
    let mut kept: Vec<EntityMention> = Vec::new();
    for m in mentions {
        match kept.last() {
            Some(last) if m.span.start < last.span.end => {
                if m.span.len() > last.span.len() {
                    kept.pop();
                    kept.push(m);
                }
            }
            _ => kept.push(m),
        }
    }
    doc.entities = kept;
    doc
}

fn by_name<'a>(story: &'a [StoryEntity], name: &str) -> &'a StoryEntity {
    story
        .iter()
        .find(|e| e.name == name)
        .unwrap_or_else(|| panic!("no entity named {name}: {story:#?}"))
}

fn named_in<'a>(story: &'a [StoryEntity], alias: &str) -> Vec<&'a StoryEntity> {
    story
        .iter()
        .filter(|e| e.aliases.iter().any(|a| a == alias))
        .collect()
}

fn has_title(e: &StoryEntity, title: &str) -> bool {
    e.titles.iter().any(|t| t.title == title)
}

use EntityKind::{Loc, Org, Per};

#[test]
fn short_and_titled_forms_refer_back_to_the_full_name() {
    let docs = story_docs();
    let local = DocEntities::build(&docs[0]);
    let varga: Vec<_> = local
        .entities
        .iter()
        .filter(|e| e.aliases.iter().any(|a| a.contains("Varga")))
        .collect();
    assert_eq!(varga.len(), 1, "{:#?}", local.entities);
    assert_eq!(varga[0].name, "Ilse Varga");
    // "Ms Varga" and "the minister" (the one minister named so far) are hers.
    assert_eq!(varga[0].body_mentions, 3);
    assert!(local.mentions.iter().any(|m| m.nominal));

    let refs: Vec<&Doc> = docs.iter().collect();
    let story = EntityResolver::new().resolve(&refs);
    let varga = by_name(&story, "Ilse Varga");
    assert_eq!(varga.kind, Per);
    assert_eq!(varga.articles.len(), 2);
    assert!(varga.aliases.iter().any(|a| a == "Varga"));
    assert!(varga.merges.iter().any(|m| m.rule == MergeRule::Surname));
}

#[test]
fn different_people_sharing_a_first_name_stay_apart() {
    let story = EntityResolver::new().resolve(&story_docs().iter().collect::<Vec<_>>());
    let kovalenko = by_name(&story, "Maria Kovalenko");
    let kovacs = by_name(&story, "Maria Kovacs");
    assert_ne!(kovalenko.id, kovacs.id);
    assert_eq!(named_in(&story, "Vladimir Orlov").len(), 1);
    assert_eq!(named_in(&story, "Vladimir Semak").len(), 1);
    assert_ne!(
        by_name(&story, "Vladimir Orlov").id,
        by_name(&story, "Vladimir Semak").id
    );
}

#[test]
fn titles_from_premodifiers_appositions_and_shared_plurals() {
    let story = EntityResolver::new().resolve(&story_docs().iter().collect::<Vec<_>>());
    let varga = by_name(&story, "Ilse Varga");
    assert!(has_title(varga, "Foreign Minister"), "{varga:#?}");
    assert!(has_title(varga, "leads the delegation"), "{varga:#?}");
    // "Senior envoys Tomas Rell and Edda Kvist": the plural covers both names.
    assert!(has_title(by_name(&story, "Tomas Rell"), "Senior envoy"));
    assert!(has_title(by_name(&story, "Edda Kvist"), "Senior envoy"));
    assert!(has_title(
        by_name(&story, "Maria Kovalenko"),
        "former trade minister"
    ));
    assert!(has_title(
        by_name(&story, "Maria Kovacs"),
        "shipping analyst"
    ));
    // Two outlets' titles for one man are both kept, each with its article.
    let brovko = by_name(&story, "Oleksiy Brovko");
    assert!(has_title(brovko, "Dornish Deputy Trade Minister"));
    assert!(has_title(brovko, "Dornish negotiator"));
    let norek = by_name(&story, "Jan Norek");
    let defence = norek
        .titles
        .iter()
        .find(|t| t.title == "Defence Minister")
        .expect("Defence Minister");
    assert_eq!(defence.articles.len(), 2);
}

#[test]
fn photo_credits_are_not_entities_and_captions_are_marked() {
    let docs = story_docs();
    assert!(
        docs[0]
            .segments
            .iter()
            .any(|s| s.kind == SegmentKind::Credit),
        "fixture has a credit line"
    );
    let story = EntityResolver::new().resolve(&docs.iter().collect::<Vec<_>>());
    assert!(
        story
            .iter()
            .all(|e| !e.aliases.iter().any(|a| a.contains("Brisk"))),
        "{story:#?}"
    );
    let lind = by_name(&story, "Oskar Lind");
    assert!(!lind.actor);
    assert_eq!(lind.mentions, 0);
    assert_eq!(lind.other_mentions, 1);
}

#[test]
fn spelling_transliteration_renamed_places_and_case_merge() {
    let story = EntityResolver::new().resolve(&story_docs().iter().collect::<Vec<_>>());
    let brovko = by_name(&story, "Oleksiy Brovko");
    for alias in ["Oleksii Brovko", "Oleksiy Brovko", "Brovko"] {
        assert_eq!(named_in(&story, alias).len(), 1, "{alias}");
        assert!(brovko.aliases.iter().any(|a| a == alias), "{alias}");
    }
    assert!(
        brovko
            .merges
            .iter()
            .any(|m| m.rule == MergeRule::Transliteration)
    );
    let kyiv = by_name(&story, "Kyiv");
    assert!(kyiv.aliases.iter().any(|a| a == "Kiev"));
    assert!(
        kyiv.merges
            .iter()
            .any(|m| m.rule == MergeRule::RenamedPlace)
    );
    let nato = named_in(&story, "NATO");
    assert_eq!(nato.len(), 1);
    assert!(nato[0].aliases.iter().any(|a| a == "Nato"));
}

#[test]
fn a_name_cut_to_an_initial_joins_the_one_full_name_that_fits() {
    let story = EntityResolver::new().resolve(&story_docs().iter().collect::<Vec<_>>());
    let fedorin = by_name(&story, "Alexander Fedorin");
    assert!(fedorin.aliases.iter().any(|a| a == "Alexander F"));
    let merge = fedorin
        .merges
        .iter()
        .find(|m| m.rule == MergeRule::TruncatedName)
        .expect("merge evidence");
    assert_eq!(merge.articles.len(), 2);
}

#[test]
fn a_cut_name_that_fits_two_people_is_left_alone() {
    let a = tagged(
        "a.txt",
        "Alexander Fedorin and Alexander Falk spoke on Monday.",
        &[("Alexander Fedorin", Per), ("Alexander Falk", Per)],
    );
    let b = tagged(
        "b.txt",
        "Deputy Minister Alexander F said the talks would go on.",
        &[("Alexander F", Per)],
    );
    let story = EntityResolver::new().resolve(&[&a, &b]);
    assert_eq!(named_in(&story, "Alexander F").len(), 1);
    assert_eq!(by_name(&story, "Alexander F").articles.len(), 1);
}

#[test]
fn a_bare_surname_of_two_people_is_ambiguous_not_merged() {
    let a = tagged(
        "a.txt",
        "Petro Dunai and Ivan Dunai run the pilots' union.",
        &[("Petro Dunai", Per), ("Ivan Dunai", Per)],
    );
    let b = tagged(
        "b.txt",
        "Dunai said the strike would end on Friday.",
        &[("Dunai", Per)],
    );
    let story = EntityResolver::new().resolve(&[&a, &b]);
    let bare = by_name(&story, "Dunai");
    assert_eq!(bare.articles.len(), 1);
    assert_eq!(bare.ambiguous_with.len(), 2);
    assert_eq!(by_name(&story, "Petro Dunai").articles.len(), 1);
}

#[test]
fn a_bare_surname_of_one_person_merges_across_reports() {
    let a = tagged(
        "a.txt",
        "Senior envoys Tomas Rell and Edda Kvist arrived.",
        &[("Tomas Rell", Per), ("Edda Kvist", Per)],
    );
    let b = tagged(
        "b.txt",
        "Kvist said a deal was possible.",
        &[("Kvist", Per)],
    );
    let story = EntityResolver::new().resolve(&[&a, &b]);
    let kvist = by_name(&story, "Edda Kvist");
    assert_eq!(kvist.articles.len(), 2);
    assert!(kvist.merges.iter().any(|m| m.rule == MergeRule::Surname));
}

#[test]
fn diacritics_fold_and_tagger_slips_take_the_majority_type() {
    let a = tagged(
        "a.txt",
        "President Selim Erdoğlu met envoys. Erdoğlu said talks would go on. Later Erdoğlu left.",
        &[("Selim Erdoğlu", Per), ("Erdoğlu", Per)],
    );
    let mut b = tagged(
        "b.txt",
        "Selim Erdoglu spoke in Ostrava. Erdoglu thanked Ostrava. Crowds in Ostrava cheered.",
        &[("Selim Erdoglu", Per), ("Erdoglu", Per), ("Ostrava", Loc)],
    );
    // The tagger calls the second "Ostrava" a person: the report's majority wins.
    if let Some(m) = b.entities.iter_mut().filter(|m| m.kind == Loc).nth(1) {
        m.kind = Per;
    }
    let local = DocEntities::build(&b);
    let ostrava: Vec<_> = local
        .entities
        .iter()
        .filter(|e| e.name == "Ostrava")
        .collect();
    assert_eq!(ostrava.len(), 1);
    assert_eq!(ostrava[0].kind, Loc);
    let story = EntityResolver::new().resolve(&[&a, &b]);
    let selim = by_name(&story, "Selim Erdoğlu");
    assert!(selim.aliases.iter().any(|a| a == "Selim Erdoglu"));
    assert!(selim.merges.iter().any(|m| m.rule == MergeRule::Diacritics));
    assert!(has_title(selim, "President"));
}

#[test]
fn a_place_tagged_as_a_person_in_one_report_joins_the_place() {
    let a = tagged("a.txt", "Ships left Dornland.", &[("Dornland", Org)]);
    let b = tagged("b.txt", "Dornland wants lower tolls.", &[("Dornland", Per)]);
    let c = tagged(
        "c.txt",
        "Talks with Dornland resumed.",
        &[("Dornland", Org)],
    );
    let story = EntityResolver::new().resolve(&[&a, &b, &c]);
    let dornland = named_in(&story, "Dornland");
    assert_eq!(dornland.len(), 1);
    assert_eq!(dornland[0].kind, Org);
    assert_eq!(dornland[0].articles.len(), 3);
}

#[test]
fn pronoun_subjects_resolve_to_the_clear_speaker() {
    let doc = tagged(
        "a.txt",
        "Maria Kovalenko met Tomas Rell at the pier. “We will rebuild it,” she said.\n\
         Ms Kovalenko left. “Tolls stay,” Rell told reporters about Kovalenko. “Not now,” he said.",
        &[
            ("Maria Kovalenko", Per),
            ("Ms Kovalenko", Per),
            ("Tomas Rell", Per),
            ("Rell", Per),
            ("Kovalenko", Per),
        ],
    );
    let local = DocEntities::build(&doc);
    let name_of = |e: Option<u32>| {
        e.and_then(|e| local.entities.get(e as usize))
            .map(|e| e.name.as_str())
    };
    let she = doc.body.find("she said").expect("she") as u32;
    assert_eq!(
        name_of(local.resolve_pronoun(&doc, she)),
        Some("Maria Kovalenko")
    );
    let he = doc.body.find("he said").map(|i| i as u32);
    let he = doc
        .body
        .rfind(" he said")
        .map(|i| i as u32 + 1)
        .or(he)
        .expect("he");
    assert_eq!(name_of(local.resolve_pronoun(&doc, he)), Some("Tomas Rell"));
    // Not a pronoun: nothing.
    assert_eq!(local.resolve_pronoun(&doc, 0), None);
}

#[test]
fn story_entities_serialise_for_the_dossier() {
    let story = EntityResolver::new().resolve(&story_docs().iter().collect::<Vec<_>>());
    let json = serde_json::to_value(by_name(&story, "Alexander Fedorin")).expect("serialises");
    for field in [
        "id", "name", "kind", "aliases", "titles", "articles", "mentions", "merges",
    ] {
        assert!(json.get(field).is_some(), "{field}");
    }
    assert_eq!(json["kind"], "PER");
    assert_eq!(json["merges"][0]["rule"], "truncated_name");
    let back: StoryEntity = serde_json::from_value(json).expect("round trip");
    assert_eq!(back.name, "Alexander Fedorin");
}
