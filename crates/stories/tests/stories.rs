//! Behaviour of the story index on invented reports (testdata/stories).

use crosscheck_core::{Article, Doc, Origin, Published};
use crosscheck_stories::{StoriesConfig, StoryEvent, StoryIndex};

#[derive(serde::Deserialize)]
struct Report {
    id: String,
    published: String,
    title: String,
    text: String,
}

fn reports(name: &str) -> Vec<Doc> {
    let path = format!(
        "{}/../../testdata/stories/{name}",
        env!("CARGO_MANIFEST_DIR")
    );
    let text = std::fs::read_to_string(&path).unwrap();
    text.lines()
        .filter(|l| !l.trim().is_empty())
        .map(|l| {
            let r: Report = serde_json::from_str(l).unwrap();
            let mut article = Article::new(Origin::file(r.id), r.text);
            article.title = Some(r.title);
            article.published = Some(Published::Date(r.published.parse().unwrap()));
            Doc::unanalysed(article)
        })
        .collect()
}

fn index() -> StoryIndex {
    StoriesConfig::default().build().unwrap()
}

#[test]
fn reprints_with_light_edits_point_at_the_wire_copy() {
    let docs = reports("reprints.jsonl");
    let mut index = index();
    let out: Vec<_> = docs.iter().map(|d| index.add(d)).collect();
    assert_eq!(out[0].duplicate_of, None);
    assert_eq!(out[1].duplicate_of.as_ref(), Some(&docs[0].article.id));
    assert_eq!(out[2].duplicate_of.as_ref(), Some(&docs[0].article.id));
    // The outlet's own report is no copy, but it is the same story.
    assert_eq!(out[3].duplicate_of, None);
    assert!(out.iter().all(|a| a.story == out[0].story));
    // Four articles, two origins: what corroboration counts.
    assert_eq!(index.origins(out[0].story), vec![0, 3]);
    assert_eq!(out[1].signature.0.len(), crosscheck_stories::SIGNATURE_LEN);
}

#[test]
fn two_earthquakes_in_different_cities_stay_apart() {
    let docs = reports("two_quakes.jsonl");
    let mut index = index();
    let out: Vec<_> = docs.iter().map(|d| index.add(d)).collect();
    // Reports 0 and 2 are about the Velmora quake, 1 and 3 about the Tarsk quake.
    assert_eq!(index.story_of(0), index.story_of(2));
    assert_eq!(index.story_of(1), index.story_of(3));
    assert_ne!(index.story_of(0), index.story_of(1));
    assert!(out[0].new_story && out[1].new_story);
}

#[test]
fn one_event_in_different_words_is_one_story() {
    let docs = reports("one_event_reworded.jsonl");
    let mut index = index();
    let out: Vec<_> = docs.iter().map(|d| index.add(d)).collect();
    assert!(out.iter().all(|a| a.story == out[0].story), "{out:#?}");
    assert!(out.iter().all(|a| a.duplicate_of.is_none()));
}

#[test]
fn story_ids_stay_stable_as_articles_arrive() {
    let docs = reports("two_quakes.jsonl");
    let mut index = index();
    let first = index.add(&docs[0]).story;
    let second = index.add(&docs[1]).story;
    for doc in &docs[2..] {
        index.add(doc);
        assert_eq!(index.story_of(0), Some(first));
        assert_eq!(index.story_of(1), Some(second));
    }
}

#[test]
fn a_bridging_report_merges_two_stories_and_the_merge_is_logged() {
    // Two reports of one ferry strike that share few words start two stories; a
    // later report carrying both sets of details joins them.
    let docs = reports("merge.jsonl");
    let config = StoriesConfig {
        merge_threshold: 0.3,
        ..StoriesConfig::default()
    };
    let mut index = config.build().unwrap();
    let a = index.add(&docs[0]);
    let b = index.add(&docs[1]);
    assert_ne!(a.story, b.story, "the fixture must start two stories");
    let c = index.add(&docs[2]);
    assert_eq!(c.merged, vec![b.story]);
    assert_eq!(index.story_of(1), Some(a.story));
    assert_eq!(index.resolve(b.story), a.story);
    assert!(index.events().contains(&StoryEvent::Merged {
        kept: a.story,
        absorbed: b.story,
        seq: 2
    }));
    assert_eq!(index.members(a.story).len(), 3);
    assert_eq!(index.stories().count(), 1);
}

#[test]
fn bad_settings_are_refused() {
    let config = StoriesConfig {
        join_threshold: 1.5,
        ..StoriesConfig::default()
    };
    assert!(config.build().is_err());
    let unknown = serde_json::from_str::<StoriesConfig>(r#"{"join_treshold": 0.2}"#);
    assert!(unknown.is_err());
}

#[test]
fn empty_and_odd_articles_do_not_panic() {
    let mut index = index();
    for text in ["", " ", "...", "1 2 3", "ÉÉÉ ñ 日本語 テキスト"] {
        let doc = Doc::unanalysed(Article::new(Origin::file("x.txt"), text.into()));
        let out = index.add(&doc);
        assert!(index.story_of(out.seq).is_some());
    }
}

#[test]
fn a_saved_index_goes_on_exactly_as_one_never_saved() {
    let mut docs = reports("two_quakes.jsonl");
    docs.extend(reports("merge.jsonl"));
    docs.extend(reports("reprints.jsonl"));
    docs.extend(reports("one_event_reworded.jsonl"));
    let config = StoriesConfig {
        merge_threshold: 0.3,
        ..StoriesConfig::default()
    };
    let half = docs.len() / 2;
    let mut straight = config.clone().build().unwrap();
    let expected: Vec<_> = docs.iter().map(|d| straight.add(d)).collect();

    let mut first = config.clone().build().unwrap();
    for doc in &docs[..half] {
        first.add(doc);
    }
    let bytes = first.to_bytes();
    let mut loaded = StoryIndex::from_bytes(&bytes, config).unwrap();
    // Ids and memberships survive the round trip.
    assert_eq!(loaded.len(), half);
    for seq in 0..half as u32 {
        assert_eq!(loaded.story_of(seq), first.story_of(seq));
        assert_eq!(loaded.article(seq), first.article(seq));
    }
    assert_eq!(loaded.events(), first.events());
    assert_eq!(loaded.to_bytes(), bytes, "saving is deterministic");
    // And the articles after it land where they would have without the reload.
    let after: Vec<_> = docs[half..].iter().map(|d| loaded.add(d)).collect();
    assert_eq!(after, expected[half..]);
    for seq in 0..docs.len() as u32 {
        assert_eq!(loaded.story_of(seq), straight.story_of(seq));
        assert_eq!(loaded.duplicate_of(seq), straight.duplicate_of(seq));
    }
    assert_eq!(loaded.events(), straight.events());
}

#[test]
fn a_story_holding_two_events_is_split_and_the_split_is_logged() {
    // A join threshold of zero lets the Tarsk reports into the Velmora story; once
    // four reports are in, their words fall into two groups and the story splits.
    let docs = reports("two_quakes.jsonl");
    let config = StoriesConfig {
        join_threshold: 0.0,
        min_name_similarity: 0.0,
        query_terms: 200,
        split_threshold: 0.5,
        ..StoriesConfig::default()
    };
    let mut index = config.clone().build().unwrap();
    let out: Vec<_> = docs.iter().map(|d| index.add(d)).collect();
    assert_eq!(out[1].story, out[0].story, "the fixture must join first");
    let split_off = out[3]
        .split_off
        .expect("the fourth report shows two events");
    // The Velmora reports (0, 2) keep the first id; Tarsk's (1, 3) get the new one.
    assert_eq!(index.story_of(0), Some(out[0].story));
    assert_eq!(index.story_of(2), Some(out[0].story));
    assert_eq!(index.story_of(1), Some(split_off));
    assert_eq!(index.story_of(3), Some(split_off));
    assert_eq!(out[3].story, split_off);
    assert!(index.events().contains(&StoryEvent::Split {
        story: out[0].story,
        split_off,
        moved: 2,
        seq: 3,
    }));
    // It survives a save and load.
    let loaded = StoryIndex::from_bytes(&index.to_bytes(), config).unwrap();
    assert_eq!(loaded.story_of(1), Some(split_off));
    assert_eq!(loaded.events(), index.events());
}
