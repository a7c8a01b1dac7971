//! Compiles crates/eval/src/ner.rs here too, so its conlleval unit tests run with this
//! crate's tests until the eval crate declares the module itself.

#[path = "../../eval/src/ner.rs"]
#[allow(dead_code)]
mod ner;

use std::path::PathBuf;

fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata/ner")
        .join(name)
}

#[test]
fn eval_scores_invented_news_and_writes_predictions() {
    let out = std::env::temp_dir().join(format!("ccner-pred-{}.conll", std::process::id()));
    let report = ner::run(&testdata("invented_news.conll"), Some(&out)).unwrap();
    assert_eq!(report.documents, 2);
    assert_eq!(report.tokens, 48);
    assert_eq!(report.overall.gold, 9);
    assert!(report.overall.f1() >= 60.0, "{report}");
    let text = std::fs::read_to_string(&out).unwrap();
    let token_lines: Vec<&str> = text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with("-DOCSTART-"))
        .collect();
    assert_eq!(token_lines.len(), 48);
    // Five columns: the input's four plus the prediction.
    assert!(token_lines.iter().all(|l| l.split(' ').count() == 5));
    assert!(text.contains("Ilse NNP I-NP B-PER B-PER"));
    let _ = std::fs::remove_file(out);
}

#[test]
fn unlabelled_input_still_gets_predictions() {
    let out = std::env::temp_dir().join(format!("ccner-unl-{}.conll", std::process::id()));
    let report = ner::run(&testdata("invented_news_unlabelled.conll"), Some(&out)).unwrap();
    assert_eq!(report.overall.gold, 0);
    assert_eq!(report.overall.f1(), 0.0);
    let text = std::fs::read_to_string(&out).unwrap();
    assert!(text.contains("Varga NNP I-NP O I-PER"), "{text}");
    let _ = std::fs::remove_file(out);
}
