//! Sensitivity of story clustering to its thresholds on an ECB+-layout folder:
//! `cargo run --release -p crosscheck-stories --example ecb_sweep -- DIR [JOIN,...] [MERGE,...]`
//!
//! Reads and analyses the reports once (as `crosscheck eval stories` does), then
//! clusters them incrementally once per pair of thresholds and prints B-cubed and
//! pairwise F1 for each. Other settings come from the JSON in `STORIES_CONFIG`
//! (a partial `StoriesConfig`), else the defaults; `PREDICTIONS=FILE` writes the
//! last run's `file name<TAB>cluster` lines.

use std::path::Path;

use crosscheck_stories::StoriesConfig;

fn list(arg: Option<String>, default: f32) -> Result<Vec<f32>, std::num::ParseFloatError> {
    match arg {
        Some(a) => a.split(',').map(str::parse).collect(),
        None => Ok(vec![default]),
    }
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let dir = args
        .next()
        .ok_or("usage: ecb_sweep DIR [JOIN,...] [MERGE,...]")?;
    // One config, or a JSON array of them (each line of output names its own).
    let bases: Vec<StoriesConfig> = match std::env::var("STORIES_CONFIG") {
        Ok(json) if json.trim_start().starts_with('[') => serde_json::from_str(&json)?,
        Ok(json) => vec![serde_json::from_str(&json)?],
        Err(_) => vec![StoriesConfig::default()],
    };
    let join_arg = args.next();
    let merge_arg = args.next();
    let reports = crosscheck_eval::stories::read_reports(Path::new(&dir))?;
    for (i, base) in bases.iter().enumerate() {
        let joins = list(join_arg.clone(), base.join_threshold)?;
        let merges = list(merge_arg.clone(), base.merge_threshold)?;
        println!("config {i}\njoin   merge  B3-P    B3-R    B3-F1   pair-F1 stories");
        for &join in &joins {
            for &merge in &merges {
                let config = StoriesConfig {
                    join_threshold: join,
                    merge_threshold: merge,
                    ..base.clone()
                };
                let out = std::env::var("PREDICTIONS").ok();
                let r = crosscheck_eval::stories::cluster(
                    &reports,
                    out.as_deref().map(Path::new),
                    config.build()?,
                )?;
                println!(
                    "{join:<6} {merge:<6} {:.4}  {:.4}  {:.4}  {:.4}  {}",
                    r.b_cubed.precision, r.b_cubed.recall, r.b_cubed.f1, r.pairwise.f1, r.stories
                );
            }
        }
    }
    Ok(())
}
