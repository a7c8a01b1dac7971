//! Runs the extraction benchmark: `cargo run --release -p crosscheck-eval
//! --example extraction -- DIR [PREDICTIONS.json]`.

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args_os().skip(1);
    let dir = PathBuf::from(
        args.next()
            .ok_or("usage: extraction DIR [PREDICTIONS.json]")?,
    );
    let predictions = args.next().map(PathBuf::from);
    let report = crosscheck_eval::extraction::run(&dir, predictions.as_deref())?;
    print!("{report}");
    Ok(())
}
