//! Runs the story-clustering benchmark: `cargo run --release -p crosscheck-eval
//! --example stories -- DIR [--predictions OUT.tsv] [--config CONFIG.json]`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let usage = "usage: stories DIR [--predictions OUT.tsv] [--config CONFIG.json]";
    let mut dir = None;
    let mut predictions = None;
    let mut config = crosscheck_stories::StoriesConfig::default();
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        match arg.to_str() {
            Some("--predictions") => predictions = Some(PathBuf::from(args.next().ok_or(usage)?)),
            Some("--config") => {
                let path = PathBuf::from(args.next().ok_or(usage)?);
                config = serde_json::from_str(&std::fs::read_to_string(path)?)?;
            }
            _ => dir = Some(PathBuf::from(arg)),
        }
    }
    let dir = dir.ok_or(usage)?;
    let report = crosscheck_eval::stories::run_with(&dir, predictions.as_deref(), config.build()?)?;
    print!("{report}");
    Ok(())
}
