//! The store suite: every test runs against SQLite, and against PostgreSQL when
//! `CROSSCHECK_TEST_POSTGRES` names a database (CI sets it).

mod common;

use crosscheck_core::layers::entity::{EntityKind, EntityMention};
use crosscheck_core::{Article, ArticleId, Doc, Origin, Published, Span};
use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_store::{
    AddOptions, ArticleStore, Page, SearchQuery, SqliteStore, StoreError, StoryRecord, add,
    add_with, search,
};

/// Runs each named suite function against both backends.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod sqlite {
            $(
                #[test]
                fn $name() {
                    let dir = tempfile::tempdir().unwrap();
                    let mut store = crosscheck_store::SqliteStore::open(&dir.path().join("archive.sqlite")).unwrap();
                    super::$name(&mut store);
                    assert_eq!(crosscheck_store::ArticleStore::check(&mut store).unwrap(), Vec::<String>::new());
                }
            )*
        }
        mod postgres {
            $(
                #[test]
                fn $name() {
                    if let Some((_guard, mut store)) = crate::common::postgres_store(stringify!($name)) {
                        super::$name(&mut store);
                        assert_eq!(crosscheck_store::ArticleStore::check(&mut store).unwrap(), Vec::<String>::new());
                    }
                }
            )*
        }
    };
}

on_both_backends!(
    docs_round_trip_and_list_in_pages,
    add_twice_stores_nothing_new_and_reports_bad_records,
    search_words_prefixes_phrases_and_exclusions,
    search_filters_and_pages,
    search_input_never_breaks_the_query,
    stories_and_index_state,
    migrations_are_recorded,
    entities_are_counted_by_article,
    search_ignores_accents,
    add_groups_new_articles_into_stories,
    add_finishes_story_work_a_killed_run_left,
    stored_stories_read_as_analyze_reads_them,
);

fn entities_are_counted_by_article(store: &mut dyn ArticleStore) {
    store.put_docs(&archive()).unwrap();
    let page = store.list_entities(Page::first(2)).unwrap();
    assert_eq!(page.total, 4);
    let top: Vec<(&str, &str, u64)> = page
        .items
        .iter()
        .map(|e| (e.name.as_str(), e.kind.as_str(), e.articles))
        .collect();
    assert_eq!(
        top,
        vec![("Odile Varga", "PER", 2), ("Port Elsen", "LOC", 2)]
    );
}

/// An invented, hand-analysed report: the entities are found by name in the text.
fn doc(
    outlet: &str,
    title: &str,
    text: &str,
    language: &str,
    day: &str,
    entities: &[(&str, EntityKind)],
) -> Doc {
    let mut article = Article::new(Origin::file(format!("{outlet}.txt")), text.to_string());
    article.source = outlet.to_string();
    article.url = Some(format!(
        "https://{outlet}.example/{}",
        title.replace(' ', "-")
    ));
    article.title = Some(title.to_string());
    article.language = Some(language.to_string());
    article.published = Some(Published::Date(day.parse().unwrap()));
    article.assign_id();
    let mut doc = Doc::unanalysed(article);
    for (name, kind) in entities {
        let start = text.find(name).expect("entity in text");
        doc.entities.push(EntityMention {
            span: Span::new(start, start + name.len()),
            kind: *kind,
        });
    }
    doc
}

fn archive() -> Vec<Doc> {
    vec![
        doc(
            "valmora-gazette",
            "Minister meets dockworkers",
            "Transport Minister Odile Varga met dockworkers at Port Elsen on Thursday. The peace talks lasted four hours.",
            "en",
            "2031-03-06",
            &[
                ("Odile Varga", EntityKind::Per),
                ("Port Elsen", EntityKind::Loc),
            ],
        ),
        doc(
            "northshore-daily",
            "Strike ends at Port Elsen",
            "The strike at Port Elsen ended on Friday. Union spokesman Tarek Holm thanked the ministry for its talks about peace on the docks.",
            "en",
            "2031-03-07",
            &[
                ("Tarek Holm", EntityKind::Per),
                ("Port Elsen", EntityKind::Loc),
            ],
        ),
        doc(
            "el-faro-inventado",
            "Termina la huelga",
            "La huelga en el puerto de Elsen terminó el viernes. La ministra Odile Varga celebró el acuerdo.",
            "es",
            "2031-03-07",
            &[("Odile Varga", EntityKind::Per)],
        ),
        doc(
            "valmora-gazette",
            "Ferry timetable changes",
            "Ferries to the Brisk Islands will leave an hour earlier from April. Ministerial approval is still pending.",
            "en",
            "2031-02-20",
            &[("Brisk Islands", EntityKind::Loc)],
        ),
    ]
}

fn docs_round_trip_and_list_in_pages(store: &mut dyn ArticleStore) {
    let docs = archive();
    assert_eq!(store.put_docs(&docs).unwrap(), vec![true; 4]);
    // The same docs again: nothing new, nothing changed.
    assert_eq!(store.put_docs(&docs).unwrap(), vec![false; 4]);
    assert_eq!(store.count().unwrap(), 4);
    for doc in &docs {
        assert!(store.exists(&doc.article.id).unwrap());
        assert_eq!(store.get(&doc.article.id).unwrap().as_ref(), Some(doc));
    }
    let missing = ArticleId("0000000000000000".into());
    assert!(!store.exists(&missing).unwrap());
    assert_eq!(store.get(&missing).unwrap(), None);

    let page = store
        .list(Page {
            offset: 1,
            limit: 2,
        })
        .unwrap();
    assert_eq!(page.total, 4);
    let ids: Vec<&ArticleId> = page.items.iter().map(|a| &a.id).collect();
    assert_eq!(ids, vec![&docs[1].article.id, &docs[2].article.id]);
    let first = &page.items[0];
    assert_eq!(first.source, "northshore-daily");
    assert_eq!(first.title.as_deref(), Some("Strike ends at Port Elsen"));
    assert_eq!(first.published, docs[1].article.published);
    assert_eq!(
        store
            .list(Page {
                offset: 4,
                limit: 10
            })
            .unwrap()
            .items,
        vec![]
    );
}

fn add_twice_stores_nothing_new_and_reports_bad_records(store: &mut dyn ArticleStore) {
    let pipeline = Pipeline::new(PipelineConfig {
        threads: Some(2),
        ..PipelineConfig::default()
    })
    .unwrap();
    let paths = vec![common::testdata().join("harbour-strike")];

    let first = add(store, &pipeline, &paths).unwrap();
    // 7 JSON Lines records + 1 text file.
    assert_eq!(first.read, 8);
    // The second copy of the Valmora Gazette report is the same article.
    assert_eq!(first.new, 4);
    assert_eq!(first.already_stored, 1);
    assert_eq!(first.failed, 3);
    let records: Vec<Option<u64>> = first.problems.iter().map(|p| p.record).collect();
    assert_eq!(records, vec![Some(5), Some(6), Some(7)]);
    assert!(
        first
            .problems
            .iter()
            .all(|p| p.file.ends_with("reports.jsonl"))
    );
    assert!(first.problems.iter().all(|p| !p.reason.is_empty()));
    assert_eq!(store.count().unwrap(), 4);

    let second = add(store, &pipeline, &paths).unwrap();
    assert_eq!(second.read, 8);
    assert_eq!(second.new, 0);
    assert_eq!(second.already_stored, 5);
    assert_eq!(second.failed, 3);
    assert_eq!(store.count().unwrap(), 4);

    // The log holds both runs, newest first, with the same counts and problems.
    let runs = store.runs(10).unwrap();
    assert_eq!(runs.len(), 2);
    assert_eq!(runs[0].id, second.run);
    assert_eq!(runs[1].id, first.run);
    assert!(
        runs.iter()
            .all(|r| r.status == crosscheck_store::RunStatus::Finished)
    );
    assert_eq!(
        (
            runs[1].read,
            runs[1].new,
            runs[1].already_stored,
            runs[1].failed
        ),
        (8, 4, 1, 3)
    );
    assert_eq!(
        (
            runs[0].read,
            runs[0].new,
            runs[0].already_stored,
            runs[0].failed
        ),
        (8, 0, 5, 3)
    );
    assert_eq!(store.run_problems(first.run).unwrap(), first.problems);

    // What add stored is searchable.
    let hits = search(store, &SearchQuery::text("dockworkers")).unwrap();
    assert_eq!(hits.total, 2);
    let spanish = search(store, &SearchQuery::text("estibadores")).unwrap();
    assert_eq!(spanish.total, 1);
    assert_eq!(spanish.hits[0].article.language.as_deref(), Some("es"));
}

fn ids(results: &crosscheck_store::SearchResults) -> Vec<String> {
    let mut ids: Vec<String> = results
        .hits
        .iter()
        .map(|h| h.article.id.0.clone())
        .collect();
    ids.sort();
    ids
}

fn sorted(docs: &[&Doc]) -> Vec<String> {
    let mut ids: Vec<String> = docs.iter().map(|d| d.article.id.0.clone()).collect();
    ids.sort();
    ids
}

fn search_words_prefixes_phrases_and_exclusions(store: &mut dyn ArticleStore) {
    let docs = archive();
    store.put_docs(&docs).unwrap();
    let q =
        |store: &mut dyn ArticleStore, text: &str| search(store, &SearchQuery::text(text)).unwrap();

    // A prefix finds minister, ministry, ministra and ministerial…
    let r = q(store, "minist*");
    assert_eq!(ids(&r), sorted(&[&docs[0], &docs[1], &docs[2], &docs[3]]));
    // … and a longer one only ministry and ministra.
    assert_eq!(ids(&q(store, "ministr*")), sorted(&[&docs[1], &docs[2]]));
    // Every snippet marks a word that starts with the prefix.
    for hit in &r.hits {
        assert!(!hit.snippet.highlights.is_empty(), "{hit:?}");
        for &(start, end) in &hit.snippet.highlights {
            let word = hit.snippet.text.get(start..end).unwrap().to_lowercase();
            assert!(word.starts_with("minist"), "{word:?} in {hit:?}");
        }
    }
    // A phrase needs its words in a row: "talks about peace" is not "peace talks".
    assert_eq!(ids(&q(store, "\"peace talks\"")), sorted(&[&docs[0]]));
    assert_eq!(ids(&q(store, "peace talks")), sorted(&[&docs[0], &docs[1]]));
    // Case and accents do not matter (SQLite folds accents; the word here has none).
    assert_eq!(ids(&q(store, "PORT elsen")), sorted(&[&docs[0], &docs[1]]));
    // Exclusion and alternatives.
    assert_eq!(
        ids(&q(store, "elsen -strike")),
        sorted(&[&docs[0], &docs[2]])
    );
    assert_eq!(
        ids(&q(store, "ferries OR huelga")),
        sorted(&[&docs[2], &docs[3]])
    );
    // The title counts: "timetable" is only in a headline.
    assert_eq!(ids(&q(store, "timetable")), sorted(&[&docs[3]]));
    assert_eq!(q(store, "volcano").total, 0);
    // The best match comes first: the headline and body both say "strike".
    let r = q(store, "strike");
    assert_eq!(r.hits[0].article.id, docs[1].article.id);
}

fn search_filters_and_pages(store: &mut dyn ArticleStore) {
    let docs = archive();
    store.put_docs(&docs).unwrap();
    let base = SearchQuery::text("elsen");

    let by_source = SearchQuery {
        source: Some("northshore-daily".into()),
        ..base.clone()
    };
    assert_eq!(
        ids(&search(store, &by_source).unwrap()),
        sorted(&[&docs[1]])
    );

    let by_language = SearchQuery {
        language: Some("es".into()),
        ..base.clone()
    };
    assert_eq!(
        ids(&search(store, &by_language).unwrap()),
        sorted(&[&docs[2]])
    );

    let by_date = SearchQuery {
        from: Some("2031-03-07".parse().unwrap()),
        to: Some("2031-03-07".parse().unwrap()),
        ..base.clone()
    };
    assert_eq!(
        ids(&search(store, &by_date).unwrap()),
        sorted(&[&docs[1], &docs[2]])
    );

    // Entity names ignore case and spacing.
    let by_entity = SearchQuery {
        entity: Some("odile  VARGA".into()),
        ..base.clone()
    };
    assert_eq!(
        ids(&search(store, &by_entity).unwrap()),
        sorted(&[&docs[0], &docs[2]])
    );

    // Filters alone list articles, newest first.
    let only_filter = SearchQuery {
        entity: Some("Port Elsen".into()),
        ..SearchQuery::default()
    };
    let r = search(store, &only_filter).unwrap();
    assert_eq!(r.total, 2);
    assert_eq!(r.hits[0].article.id, docs[1].article.id);
    assert!(
        r.hits[0]
            .snippet
            .text
            .starts_with("The strike at Port Elsen")
    );

    // Pages of one: the same total, each hit once.
    let mut seen = Vec::new();
    for offset in 0..3 {
        let page = SearchQuery {
            offset,
            limit: 1,
            ..base.clone()
        };
        let r = search(store, &page).unwrap();
        assert_eq!(r.total, 3);
        assert_eq!(r.hits.len(), 1);
        seen.push(r.hits[0].article.id.0.clone());
    }
    seen.sort();
    assert_eq!(seen, sorted(&[&docs[0], &docs[1], &docs[2]]));
    let past_end = SearchQuery {
        offset: 3,
        ..base.clone()
    };
    assert!(search(store, &past_end).unwrap().hits.is_empty());
}

fn search_input_never_breaks_the_query(store: &mut dyn ArticleStore) {
    store.put_docs(&archive()).unwrap();
    for text in [
        "\"unbalanced",
        "title:strike",
        "NEAR(port elsen)",
        "strike AND OR NOT",
        "'; DROP TABLE articles; --",
        "*",
        "port* -",
        "ö\u{0}x",
        "\\:*:* & | ! <->",
    ] {
        let r = search(store, &SearchQuery::text(text));
        assert!(r.is_ok(), "{text:?}: {r:?}");
    }
    assert_eq!(store.count().unwrap(), 4);
    assert!(matches!(
        search(store, &SearchQuery::text("-strike")),
        Err(StoreError::Query(_))
    ));
}

fn stories_and_index_state(store: &mut dyn ArticleStore) {
    let docs = archive();
    store.put_docs(&docs).unwrap();
    let story = StoryRecord {
        id: "s-port-elsen-strike".into(),
        title: "Strike at Port Elsen".into(),
        article_ids: vec![docs[0].article.id.clone(), docs[1].article.id.clone()],
        dossier: serde_json::json!({
            "id": "s-port-elsen-strike", "origins": 2, "conflicts": [{"id": "c1"}]
        }),
        updated_at: String::new(),
    };
    store.put_story(&story).unwrap();
    let other = StoryRecord {
        id: "s-ferries".into(),
        title: "Ferry timetable".into(),
        article_ids: vec![docs[3].article.id.clone()],
        dossier: serde_json::json!({"id": "s-ferries"}),
        updated_at: String::new(),
    };
    store.put_story(&other).unwrap();

    let got = store.get_story("s-port-elsen-strike").unwrap().unwrap();
    assert_eq!(got.title, story.title);
    assert_eq!(got.dossier, story.dossier);
    assert!(!got.updated_at.is_empty());
    let mut want = story.article_ids.clone();
    want.sort();
    assert_eq!(got.article_ids, want);
    assert_eq!(store.get_story("nope").unwrap(), None);

    // Replacing a story replaces its article list.
    let grown = StoryRecord {
        article_ids: vec![
            docs[0].article.id.clone(),
            docs[1].article.id.clone(),
            docs[2].article.id.clone(),
        ],
        ..story.clone()
    };
    store.put_story(&grown).unwrap();
    assert_eq!(
        store
            .get_story(&story.id)
            .unwrap()
            .unwrap()
            .article_ids
            .len(),
        3
    );
    assert_eq!(
        store.stories_of(&docs[2].article.id).unwrap(),
        vec![story.id.clone()]
    );

    let list = store.list_stories(Page::first(10)).unwrap();
    assert_eq!(list.total, 2);
    // Newest (by its latest article) first; the counts come from the dossier.
    assert_eq!(list.items[0].id, story.id);
    assert_eq!(list.items[0].articles, 3);
    assert_eq!(list.items[0].origins, 2);
    assert_eq!(list.items[0].open_conflicts, 1);
    assert_eq!(list.items[0].latest.as_deref(), Some("2031-03-07"));
    assert_eq!(list.items[1].latest.as_deref(), Some("2031-02-20"));
    assert_eq!(list.items[1].origins, 0);

    assert!(store.delete_story("s-ferries").unwrap());
    assert!(!store.delete_story("s-ferries").unwrap());
    assert!(store.stories_of(&docs[3].article.id).unwrap().is_empty());

    assert_eq!(store.get_state("stories.index").unwrap(), None);
    store.put_state("stories.index", b"\x00state one").unwrap();
    store.put_state("stories.index", b"state two").unwrap();
    assert_eq!(
        store.get_state("stories.index").unwrap().as_deref(),
        Some(&b"state two"[..])
    );
}

fn migrations_are_recorded(store: &mut dyn ArticleStore) {
    assert_eq!(
        store.schema_version().unwrap(),
        crosscheck_store::SCHEMA_VERSION
    );
}

#[test]
fn sqlite_store_from_a_newer_crosscheck_is_refused() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("nested/dir/archive.sqlite");
    let store = SqliteStore::open(&path).unwrap();
    store
        .connection()
        .execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')",
            [],
        )
        .unwrap();
    drop(store);
    match SqliteStore::open(&path) {
        Err(StoreError::SchemaTooNew {
            found: 99,
            supported,
            ..
        }) => {
            assert_eq!(supported, crosscheck_store::SCHEMA_VERSION)
        }
        other => panic!("expected SchemaTooNew, got {:?}", other.err()),
    }
}

#[test]
fn postgres_store_from_a_newer_crosscheck_is_refused() {
    let Some((guard, mut store)) = common::postgres_store("newer_schema") else {
        return;
    };
    store
        .client()
        .execute(
            "INSERT INTO schema_version (version, applied_at) VALUES (99, 'later')",
            &[],
        )
        .unwrap();
    drop(store);
    match crosscheck_store::PostgresStore::open_in_schema(&guard.url, Some(&guard.schema)) {
        Err(e @ StoreError::SchemaTooNew { found: 99, .. }) => {
            // The message names the store without its password.
            assert!(!e.to_string().contains(":crosscheck@") || !guard.url.contains(":crosscheck@"));
        }
        other => panic!("expected SchemaTooNew, got {:?}", other.err()),
    }
}

#[test]
fn store_open_picks_sqlite_for_a_path() {
    let dir = tempfile::tempdir().unwrap();
    let spec = dir.path().join("a.sqlite");
    let mut store = crosscheck_store::Store::open(spec.to_str().unwrap()).unwrap();
    assert_eq!(store.backend(), "sqlite");
    assert_eq!(store.count().unwrap(), 0);
    // WAL mode: the write-ahead log sits beside the file once something is written.
    store.put_docs(&archive()).unwrap();
    assert!(dir.path().join("a.sqlite-wal").exists());
}

fn search_ignores_accents(store: &mut dyn ArticleStore) {
    let mut docs = archive();
    docs.push(doc(
        "brisk-herald",
        "Renée Doğanay opens the Élan bridge",
        "Mayor Renée Doğanay opened the Élan bridge to the Brisk Islands on Monday.",
        "en",
        "2031-03-10",
        &[("Renée Doğanay", EntityKind::Per)],
    ));
    store.put_docs(&docs).unwrap();
    let want = docs[4].article.id.to_string();
    for query in [
        "Doganay",
        "renee doganay",
        "Doğanay",
        "\"elan bridge\"",
        "dogan*",
    ] {
        let results = search(store, &SearchQuery::text(query)).unwrap();
        assert_eq!(ids(&results), vec![want.clone()], "{query}");
        let snippet = &results.hits[0].snippet;
        let marked: Vec<&str> = snippet
            .highlights
            .iter()
            .map(|&(a, b)| &snippet.text[a..b])
            .collect();
        assert!(
            marked
                .iter()
                .any(|m| m.contains("Doğanay") || m.contains("Élan")),
            "{query}: {marked:?} in {:?}",
            snippet.text
        );
    }
}

fn pipeline() -> Pipeline {
    Pipeline::new(PipelineConfig {
        threads: Some(2),
        ..PipelineConfig::default()
    })
    .unwrap()
}

/// Every stored article is in exactly one stored story, the stories are the
/// index's, and nothing is pending.
fn assert_stories_complete(store: &mut dyn ArticleStore) -> Vec<crosscheck_store::StorySummary> {
    assert!(store.stories_pending().unwrap().is_empty());
    let stories = store.list_stories(Page::first(1000)).unwrap().items;
    let mut members = Vec::new();
    for summary in &stories {
        let story = store.get_story(&summary.id).unwrap().unwrap();
        assert_eq!(story.article_ids.len() as u64, summary.articles);
        assert_eq!(story.dossier["id"], summary.id.as_str());
        assert_eq!(
            story.dossier["articles"].as_array().map(Vec::len),
            Some(story.article_ids.len())
        );
        assert!(summary.origins >= 1 && summary.origins <= summary.articles);
        members.extend(story.article_ids);
    }
    members.sort();
    let mut stored: Vec<ArticleId> = store
        .list(Page::first(1000))
        .unwrap()
        .items
        .into_iter()
        .map(|a| a.id)
        .collect();
    stored.sort();
    assert_eq!(members, stored, "each article in exactly one story");
    stories
}

fn add_groups_new_articles_into_stories(store: &mut dyn ArticleStore) {
    let pipeline = pipeline();
    let paths = vec![common::testdata().join("harbour-strike")];
    let first = add(store, &pipeline, &paths).unwrap();
    assert_eq!(first.stories.indexed, 4);
    let stories = assert_stories_complete(store);
    // The stories are the ones the corpus stage finds over the same reports.
    assert_eq!(partition(store), corpus_partition(&pipeline, &paths));
    assert!(stories.iter().all(|s| s.origins == s.articles), "no copies");
    assert!(
        store
            .get_state(crosscheck_store::STORY_INDEX_KEY)
            .unwrap()
            .is_some()
    );

    // Nothing new: no story work, the story untouched.
    let second = add(store, &pipeline, &paths).unwrap();
    assert_eq!(second.stories, Default::default());
    assert_eq!(assert_stories_complete(store), stories);
}

fn add_finishes_story_work_a_killed_run_left(store: &mut dyn ArticleStore) {
    // As a run killed after committing its articles, before grouping them, leaves
    // the store: articles stored, no stories.
    let pipeline = pipeline();
    let docs: Vec<Doc> =
        crosscheck_ingest::InputReader::open(vec![common::testdata().join("harbour-strike")])
            .filter_map(|r| r.ok())
            .filter_map(|r| pipeline.analyze_record(r).ok())
            .collect();
    store.put_docs(&docs).unwrap();
    assert_eq!(store.stories_pending().unwrap().len(), 4);
    assert_eq!(store.list_stories(Page::first(10)).unwrap().total, 0);

    // The next run, with nothing new to read, does the story work, one article per
    // step (so the index is saved and reloaded between them).
    let empty = tempfile::tempdir().unwrap();
    let report = add_with(
        store,
        &pipeline,
        &[empty.path().to_path_buf()],
        &AddOptions {
            story_step: 1,
            ..AddOptions::default()
        },
        &mut |_| {},
    )
    .unwrap();
    assert_eq!((report.read, report.new), (0, 0));
    assert_eq!(report.stories.indexed, 4);
    assert_stories_complete(store);
    let paths = vec![common::testdata().join("harbour-strike")];
    assert_eq!(partition(store), corpus_partition(&pipeline, &paths));
}

/// The stored stories as sets of article ids.
fn partition(store: &mut dyn ArticleStore) -> Vec<Vec<String>> {
    let mut out: Vec<Vec<String>> = store
        .list_stories(Page::first(1000))
        .unwrap()
        .items
        .iter()
        .map(|s| {
            let mut ids: Vec<String> = store
                .get_story(&s.id)
                .unwrap()
                .unwrap()
                .article_ids
                .iter()
                .map(ToString::to_string)
                .collect();
            ids.sort();
            ids
        })
        .collect();
    out.sort();
    out
}

/// The stories the pipeline's corpus stage finds in one pass over `paths`.
fn corpus_partition(pipeline: &Pipeline, paths: &[std::path::PathBuf]) -> Vec<Vec<String>> {
    let analysis = pipeline.analyze_paths(paths.to_vec(), &|_| {});
    let mut out: Vec<Vec<String>> = analysis
        .corpus
        .stories
        .iter()
        .map(|members| {
            let mut ids: Vec<String> = members
                .iter()
                .map(|&i| analysis.docs[i].article.id.to_string())
                .collect();
            ids.sort();
            ids.dedup();
            ids
        })
        .collect();
    out.sort();
    out
}

/// A story built from stored reports, each analysed alone, says what `analyze`
/// says over the same reports: the same conflicts, updates and timeline, which
/// needs the undated reports to take their story's date here too.
fn stored_stories_read_as_analyze_reads_them(store: &mut dyn ArticleStore) {
    let pipeline = pipeline();
    let demo = std::path::Path::new(env!("CARGO_MANIFEST_DIR")).join("../../demo/lake-orin");
    add(store, &pipeline, std::slice::from_ref(&demo)).unwrap();
    let dossier = pipeline.analyze_paths(vec![demo], &|_| {}).dossier();
    let undated = dossier
        .articles
        .iter()
        .filter(|a| a.published_inferred)
        .count();
    assert!(undated >= 1, "the demo has a report dated from its story");
    for analysed in &dossier.stories {
        let mut ids = analysed.articles.clone();
        ids.sort();
        let stored = store
            .list_stories(Page::first(1000))
            .unwrap()
            .items
            .into_iter()
            .filter_map(|s| store.get_story(&s.id).unwrap())
            .find(|s| {
                let mut members: Vec<String> =
                    s.article_ids.iter().map(ToString::to_string).collect();
                members.sort();
                members == ids
            })
            .expect("the same story is stored");
        for part in ["conflicts", "updates", "timeline"] {
            assert_eq!(
                stored.dossier[part],
                serde_json::to_value(analysed)
                    .unwrap()
                    .get(part)
                    .cloned()
                    .unwrap(),
                "{part} of {}",
                analysed.title
            );
        }
    }
}
