//! Runs the attribution benchmark: `cargo run --release -p crosscheck-eval
//! --example quotes -- DIR [--predictions OUT.jsonl]`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut dir = None;
    let mut predictions = None;
    let mut args = std::env::args_os().skip(1);
    while let Some(arg) = args.next() {
        if arg == "--predictions" {
            predictions = Some(PathBuf::from(
                args.next().ok_or("--predictions needs a file")?,
            ));
        } else {
            dir = Some(PathBuf::from(arg));
        }
    }
    let dir = dir.ok_or("usage: quotes DIR [--predictions OUT.jsonl]")?;
    let report = crosscheck_eval::quotes::run(&dir, predictions.as_deref())?;
    print!("{report}");
    Ok(())
}
