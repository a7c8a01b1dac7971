//! End to end: `crosscheck add` grows an archive's stories run by run, and
//! `crosscheck search` finds what was added.

use std::path::{Path, PathBuf};
use std::process::{Command, Output};

use serde_json::Value;

fn workspace() -> PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../..")
}

fn crosscheck(args: &[&str]) -> Output {
    Command::new(env!("CARGO_BIN_EXE_crosscheck"))
        .args(args)
        .current_dir(workspace())
        .output()
        .expect("the crosscheck binary runs")
}

/// Runs `add --json` and returns its report.
fn add(path: &str, store: &str) -> Value {
    let output = crosscheck(&["add", path, "--store", store, "--json", "--threads", "2"]);
    assert!(
        output.status.success(),
        "add {path} failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    serde_json::from_slice(&output.stdout).expect("add --json prints its report")
}

/// The changed story with the most articles: `(id, articles)`.
fn biggest(report: &Value) -> (String, u64) {
    report["stories"]["changed"]
        .as_array()
        .expect("a list of changed stories")
        .iter()
        .map(|s| {
            (
                s["id"].as_str().unwrap().to_string(),
                s["articles"].as_u64().unwrap(),
            )
        })
        .max_by_key(|s| s.1)
        .expect("a story changed")
}

#[test]
fn a_late_report_grows_its_story_and_adding_again_changes_nothing() {
    let dir = tempfile::tempdir().unwrap();
    let store = dir.path().join("archive.sqlite");
    let store = store.to_str().unwrap();

    // The demo: eight reports, most of them of the Lake Orin accord.
    let first = add("demo/lake-orin", store);
    assert_eq!(first["new"], 8);
    assert_eq!(first["stories"]["indexed"], 8);
    let (accord, before) = biggest(&first);
    assert!(
        before >= 5,
        "the accord's reports make one story: {first:#}"
    );

    // One more invented report of the accord, a day later: it joins that story,
    // which keeps its id, and no other story changes.
    let late = add("testdata/store/lake-orin-late", store);
    assert_eq!(late["new"], 1);
    assert_eq!(late["stories"]["indexed"], 1);
    let changed = late["stories"]["changed"].as_array().unwrap();
    assert_eq!(changed.len(), 1, "{late:#}");
    assert_eq!(changed[0]["id"], accord.as_str());
    assert_eq!(changed[0]["articles"], before + 1);
    assert_eq!(changed[0]["joined"], 1);
    assert_eq!(late["stories"]["removed"], 0);

    // The same inputs again: nothing new, no story work.
    for path in ["demo/lake-orin", "testdata/store/lake-orin-late"] {
        let again = add(path, store);
        assert_eq!(again["new"], 0, "{path}");
        assert_eq!(again["stories"]["indexed"], 0, "{path}");
        assert_eq!(
            again["stories"]["changed"],
            Value::Array(Vec::new()),
            "{path}"
        );
    }

    // The late report is searchable with the others (case ignored).
    let found = crosscheck(&["search", "SOWING barley", "--store", store, "--json"]);
    let results: Value = serde_json::from_slice(&found.stdout).expect("search prints JSON");
    assert_eq!(results["total"], 1);
    assert_eq!(
        results["hits"][0]["article"]["source"],
        "tidewatercourier.example"
    );
}
