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
    // On a shared machine wall time depends on the load; CPU time of this thread does not.
    let docs = crosscheck_ner::conll::read_conll(&file)?;
    let words: Vec<Vec<Vec<&str>>> = docs.iter().map(|d| d.words()).collect();
    let mut buf = crosscheck_ner::TagBuffers::default();
    let before = cpu_ns();
    for doc in &words {
        std::hint::black_box(model.tag_document_with(doc, &mut buf));
    }
    let cpu = (cpu_ns().saturating_sub(before)) as f64 / 1e9;
    println!(
        "cpu      {:.0} tokens/s of CPU time ({:.3} s)",
        report.tokens as f64 / cpu.max(1e-9),
        cpu
    );
    Ok(())
}

/// This thread's CPU time in ns (Linux), 0 elsewhere.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
