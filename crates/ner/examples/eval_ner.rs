//! Runs crates/eval/src/ner.rs (the `crosscheck eval ner` code) before the eval crate
//! wires it in: `cargo run --release -p crosscheck-ner --example eval_ner -- FILE
//! [--predictions OUT] [--model PATH]`.

#[path = "../../eval/src/ner.rs"]
#[allow(dead_code)]
mod ner;

use std::path::PathBuf;

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut file = None;
    let mut predictions: Option<PathBuf> = None;
    let mut model_path: Option<PathBuf> = None;
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--predictions" => predictions = Some(args.next().ok_or("needs a path")?.into()),
            "--model" => model_path = Some(args.next().ok_or("needs a path")?.into()),
            _ => file = Some(PathBuf::from(arg)),
        }
    }
    let file = file.ok_or("usage: eval_ner FILE [--predictions OUT] [--model PATH]")?;
    let started = std::time::Instant::now();
    let model = match &model_path {
        Some(p) => crosscheck_ner::NerModel::load(p)?,
        None => crosscheck_ner::NerModel::embedded()?,
    };
    println!(
        "model loaded in {:.1} ms",
        started.elapsed().as_secs_f64() * 1e3
    );
    let report = ner::run_with(&model, &file, predictions.as_deref())?;
    print!("{report}");
    Ok(())
}
