//! Runs the TempEval-3 time-expression benchmark: `cargo run --release -p
//! crosscheck-eval --example time -- DIR [PREDICTIONS.jsonl]`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let dir = PathBuf::from(args.next().ok_or("usage: time DIR [PREDICTIONS.jsonl]")?);
    let predictions = args.next().map(PathBuf::from);
    let report = crosscheck_eval::time::run(&dir, predictions.as_deref())?;
    print!("{report}");
    Ok(())
}
