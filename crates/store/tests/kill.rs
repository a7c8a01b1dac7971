//! Kill safety, for real: a child process runs `add` on a generated corpus and is
//! SIGKILLed at random moments, many times. After every kill the store must be
//! consistent and hold, complete and unchanged, every article the child reported
//! stored, and its stories must agree with its saved story index (articles the
//! index does not hold yet are pending, in no story); a last clean run must finish
//! the work with every article stored once and in exactly one story.
//!
//! The child is this test binary itself, started on `add_child_process` with the
//! store and inputs in environment variables (no extra binary to build).

mod common;

use std::collections::{BTreeMap, BTreeSet, HashMap};
use std::io::{BufRead, BufReader, Write};
use std::path::{Path, PathBuf};
use std::process::{Command, Stdio};
use std::time::{Duration, Instant};

use crosscheck_core::Doc;
use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_store::{
    AddOptions, ArticleStore, Page, RunStatus, STORY_INDEX_KEY, Store, add_with,
};
use crosscheck_stories::{StoriesConfig, StoryIndex};
use crosscheck_synth::{Corpus, CorpusConfig, CorpusWriter, OutputForm};

const CHILD_STORE: &str = "CROSSCHECK_STORE_KILL_CHILD_STORE";
const CHILD_PATHS: &str = "CROSSCHECK_STORE_KILL_CHILD_PATHS";

/// The child's side: does nothing in a normal test run.
#[test]
fn add_child_process() {
    let (Ok(spec), Ok(paths)) = (std::env::var(CHILD_STORE), std::env::var(CHILD_PATHS)) else {
        return;
    };
    let paths: Vec<PathBuf> = paths.split('\n').map(PathBuf::from).collect();
    let mut store = Store::open(&spec).unwrap();
    let pipeline = Pipeline::new(PipelineConfig {
        threads: Some(2),
        ..PipelineConfig::default()
    })
    .unwrap();
    // Written straight to stdout (not through the test harness's capture), and
    // flushed, so the parent sees each id as soon as its batch is committed.
    let mut out = std::io::stdout();
    add_with(
        store.as_mut(),
        &pipeline,
        &paths,
        &AddOptions {
            batch_size: 8,
            // Several story steps per run, so kills land between them too.
            story_step: 32,
            ..AddOptions::default()
        },
        &mut |batch| {
            for id in batch.new.iter().chain(batch.already) {
                let _ = writeln!(out, "STORED {id}");
            }
            let _ = out.flush();
        },
    )
    .unwrap();
    let _ = writeln!(out, "DONE");
    let _ = out.flush();
}

/// A small xorshift generator: the test needs varied delays, not a crate.
struct Delays(u64);

impl Delays {
    fn below(&mut self, n: u64) -> u64 {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        self.0 % n.max(1)
    }
}

fn write_corpus(dir: &Path) -> Vec<PathBuf> {
    let jsonl = dir.join("wire.jsonl");
    let texts = dir.join("texts");
    let bad = dir.join("bad.jsonl");
    CorpusWriter::new(OutputForm::JsonLines)
        .write(
            Corpus::new(CorpusConfig {
                seed: 11,
                articles: 240,
                ..CorpusConfig::default()
            }),
            &jsonl,
        )
        .unwrap();
    CorpusWriter::new(OutputForm::Text)
        .write(
            Corpus::new(CorpusConfig {
                seed: 12,
                articles: 60,
                ..CorpusConfig::default()
            }),
            &texts,
        )
        .unwrap();
    std::fs::write(
        &bad,
        "{\"url\":\"https://cut.example/a\",\"text\":\"cut off\n",
    )
    .unwrap();
    vec![jsonl, texts, bad]
}

struct ChildRun {
    reported: Vec<String>,
    finished: bool,
}

/// When to kill the child.
#[derive(Clone, Copy)]
enum Kill {
    /// After this long (start-up, migrations, opening, the first batches).
    After(Duration),
    /// Once it has reported this many ids, plus a little (in analysis or a commit;
    /// once every input is reported, in the story work).
    AfterReports(usize, Duration),
    /// Never: a clean run.
    Never,
}

fn run_child(spec: &str, paths: &[PathBuf], kill: Kill) -> ChildRun {
    let joined: Vec<String> = paths.iter().map(|p| p.display().to_string()).collect();
    let mut child = Command::new(std::env::current_exe().unwrap())
        .args([
            "add_child_process",
            "--exact",
            "--nocapture",
            "--test-threads=1",
        ])
        .env(CHILD_STORE, spec)
        .env(CHILD_PATHS, joined.join("\n"))
        .stdout(Stdio::piped())
        .stderr(Stdio::null())
        .spawn()
        .unwrap();
    let stdout = child.stdout.take().unwrap();
    let (lines, seen) = std::sync::mpsc::channel::<()>();
    let reader = std::thread::spawn(move || {
        let mut reported = Vec::new();
        let mut done = false;
        for line in BufReader::new(stdout).lines() {
            let Ok(line) = line else { break };
            // The harness may print `test add_child_process ... ` on the same line.
            if let Some(at) = line.find("STORED ") {
                reported.push(line[at + "STORED ".len()..].trim().to_string());
                let _ = lines.send(());
            } else if line.ends_with("DONE") {
                done = true;
            }
        }
        (reported, done)
    });
    match kill {
        Kill::After(delay) => std::thread::sleep(delay),
        Kill::AfterReports(count, extra) => {
            // Stops early when the child ends (the channel closes).
            for _ in 0..count {
                if seen.recv().is_err() {
                    break;
                }
            }
            std::thread::sleep(extra);
        }
        Kill::Never => {}
    }
    if !matches!(kill, Kill::Never) {
        // SIGKILL: no destructor, no rollback, no flush runs in the child.
        let _ = child.kill();
    }
    let status = child.wait().unwrap();
    let (reported, done) = reader.join().unwrap();
    if matches!(kill, Kill::Never) {
        assert!(status.success() && done, "the clean run failed: {status}");
    }
    ChildRun {
        reported,
        finished: done,
    }
}

fn check_store(
    store: &mut dyn ArticleStore,
    ids: &BTreeSet<String>,
    expected: &HashMap<String, Doc>,
) {
    assert_eq!(store.check().unwrap(), Vec::<String>::new());
    for id in ids {
        let want = expected
            .get(id)
            .unwrap_or_else(|| panic!("child reported unknown id {id}"));
        let got = store.get(&want.article.id).unwrap();
        assert_eq!(got.as_ref(), Some(want), "article {id} lost or incomplete");
    }
}

/// Stories and story index agree: every article the saved index holds (and no
/// other) is in exactly one stored story, the one the index puts it in; pending
/// articles are in none. Returns the number of articles in stories.
fn check_stories(store: &mut dyn ArticleStore) -> usize {
    let pending: BTreeSet<String> = store
        .stories_pending()
        .unwrap()
        .into_iter()
        .map(|p| p.id.0)
        .collect();
    let stored: BTreeSet<String> = store
        .list(Page::first(1000))
        .unwrap()
        .items
        .into_iter()
        .map(|a| a.id.0)
        .collect();
    assert!(pending.is_subset(&stored));
    let mut story_of: BTreeMap<String, String> = BTreeMap::new();
    for summary in store.list_stories(Page::first(1000)).unwrap().items {
        let story = store.get_story(&summary.id).unwrap().unwrap();
        assert!(!story.article_ids.is_empty(), "empty story {}", summary.id);
        assert_eq!(story.dossier["id"], summary.id.as_str());
        for id in story.article_ids {
            assert!(stored.contains(&id.0), "story member {id} not stored");
            assert!(!pending.contains(&id.0), "pending {id} is in a story");
            let before = story_of.insert(id.0.clone(), summary.id.clone());
            assert_eq!(before, None, "{id} in two stories");
        }
    }
    let indexed: BTreeSet<String> = stored.difference(&pending).cloned().collect();
    assert_eq!(
        story_of.keys().cloned().collect::<BTreeSet<_>>(),
        indexed,
        "every indexed article in a story"
    );
    match store.get_state(STORY_INDEX_KEY).unwrap() {
        None => assert!(indexed.is_empty(), "articles indexed but no saved index"),
        Some(bytes) => {
            let index = StoryIndex::from_bytes(&bytes, StoriesConfig::default()).unwrap();
            assert_eq!(
                index.len(),
                indexed.len(),
                "the saved index holds the indexed"
            );
            for seq in 0..index.len() as u32 {
                let id = index.article(seq).unwrap();
                let story = index.story_of(seq).unwrap().to_string();
                assert_eq!(story_of.get(&id.0), Some(&story), "{id}");
            }
        }
    }
    indexed.len()
}

fn kill_many_times(spec: &str, open: &dyn Fn() -> Box<dyn ArticleStore>, iterations: usize) {
    let dir = tempfile::tempdir().unwrap();
    let paths = write_corpus(dir.path());

    // What a complete run must store, analysed in this process.
    let pipeline = Pipeline::new(PipelineConfig {
        threads: Some(2),
        ..PipelineConfig::default()
    })
    .unwrap();
    // `add` stores each article's own analysis (the corpus stage, which can give an
    // undated report its story's date, runs over the archive, not per record).
    let started = Instant::now();
    let outcomes: Vec<_> = crosscheck_ingest::InputReader::open(paths.clone())
        .map(|record| record.and_then(|record| pipeline.analyze_record(record)))
        .collect();
    let full = started.elapsed();
    let problems = outcomes.iter().filter(|o| o.is_err()).count();
    assert_eq!(problems, 1, "one bad record in the corpus");
    let expected: HashMap<String, Doc> = outcomes
        .into_iter()
        .flatten()
        .map(|d| (d.article.id.0.clone(), d))
        .collect();

    // Kill points: every fourth child within its first moments (start-up,
    // migrations, the first batches); the others a few batches past what is stored
    // (8 inputs a batch), plus up to 40 ms, so kills land in analysis and in commits
    // while each run still gets a little further than the last.
    let seed = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_nanos() as u64)
        .unwrap_or(1)
        | 1;
    eprintln!(
        "kill test on {}: {iterations} kills, seed {seed}, {} articles (a full analysis took {} ms)",
        open().backend(),
        expected.len(),
        full.as_millis()
    );
    let mut delays = Delays(seed);
    let mut reported: BTreeSet<String> = BTreeSet::new();
    let mut finished_before_kill = 0;
    for iteration in 0..iterations {
        let stored = open().count().unwrap() as usize;
        let kill = if iteration % 4 == 0 {
            Kill::After(Duration::from_millis(delays.below(400)))
        } else if iteration % 4 == 2 && stored == expected.len() {
            // Everything is stored: the kill lands in the story work (each run
            // reports every input, new or already stored, before grouping).
            Kill::AfterReports(
                expected.len() + 1,
                Duration::from_millis(delays.below(1500)),
            )
        } else {
            Kill::AfterReports(
                stored + delays.below(25) as usize,
                Duration::from_millis(delays.below(40)),
            )
        };
        let run = run_child(spec, &paths, kill);
        finished_before_kill += usize::from(run.finished);
        reported.extend(run.reported);
        // Every id reported by this or any earlier killed run is still there, and
        // the stories agree with the saved story index.
        check_store(open().as_mut(), &reported, &expected);
        check_stories(open().as_mut());
    }
    eprintln!(
        "{} of {iterations} children finished before the kill; {} of {} articles reported stored",
        finished_before_kill,
        reported.len(),
        expected.len()
    );

    // Kills in the story work: once a child has reported every input (stored by
    // it or before), it is grouping them, a step of 32 articles per transaction.
    let mut between_steps = 0;
    for _ in 0..4 {
        let before = open().stories_pending().unwrap().len();
        if before == 0 && open().count().unwrap() as usize == expected.len() {
            break;
        }
        let run = run_child(
            spec,
            &paths,
            Kill::AfterReports(expected.len(), Duration::from_millis(delays.below(3000))),
        );
        reported.extend(run.reported);
        let after = open().stories_pending().unwrap().len();
        between_steps += usize::from(after > 0 && after < before);
        check_store(open().as_mut(), &reported, &expected);
        check_stories(open().as_mut());
    }
    eprintln!("{between_steps} kills landed between story steps");

    // A clean run finishes the work.
    let last = run_child(spec, &paths, Kill::Never);
    reported.extend(last.reported);
    let mut store = open();
    let all: BTreeSet<String> = expected.keys().cloned().collect();
    assert_eq!(reported, all);
    check_store(store.as_mut(), &all, &expected);
    // Stored exactly once: the count matches, and the runs' `new` counters (written
    // in the same transactions as the articles) add up to it.
    assert_eq!(store.count().unwrap(), expected.len() as u64);
    // The story work is finished: nothing pending, every article in a story.
    assert!(store.stories_pending().unwrap().is_empty());
    assert_eq!(check_stories(store.as_mut()), expected.len());
    let runs = store.runs(1000).unwrap();
    // A child killed before it logged its run leaves no run behind (4 story-work
    // kills at most, then the clean run).
    assert!(
        (1..=iterations + 5).contains(&runs.len()),
        "{} runs",
        runs.len()
    );
    assert_eq!(
        runs.iter().map(|r| r.new).sum::<u64>(),
        expected.len() as u64
    );
    assert_eq!(runs[0].status, RunStatus::Finished);
    assert_eq!(runs[0].failed, 1);
    assert_eq!(store.run_problems(runs[0].id).unwrap().len(), 1);
}

#[test]
fn sqlite_add_killed_at_random_moments_loses_nothing_reported_stored() {
    let dir = tempfile::tempdir().unwrap();
    let path = dir.path().join("archive.sqlite");
    let spec = path.display().to_string();
    kill_many_times(&spec, &|| Store::open(&spec).unwrap(), 20);
}

#[test]
fn postgres_add_killed_at_random_moments_loses_nothing_reported_stored() {
    let Some((guard, store)) = common::postgres_store("kill") else {
        return;
    };
    drop(store);
    // The child connects with the test schema as its search path.
    let sep = if guard.url.contains('?') { '&' } else { '?' };
    let spec = format!("{}{sep}options=-csearch_path%3D{}", guard.url, guard.schema);
    let open = || -> Box<dyn ArticleStore> {
        Box::new(
            crosscheck_store::PostgresStore::open_in_schema(&guard.url, Some(&guard.schema))
                .unwrap(),
        )
    };
    kill_many_times(&spec, &open, 12);
}
