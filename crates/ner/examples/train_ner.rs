//! Trains the NER model: `cargo run --release -p crosscheck-ner --example train_ner --
//! [--data DIR] [--out FILE] [--epochs N] [--seed N] [--bits N] [--prune N]
//! [--no-window] [--no-doc] [--no-clusters] [--no-gazetteer] [--no-second-pass]`.

use crosscheck_ner::{TrainConfig, train};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut config = TrainConfig::default();
    let mut args = std::env::args().skip(1);
    while let Some(arg) = args.next() {
        match arg.as_str() {
            "--data" => config.data = args.next().ok_or("--data needs a value")?.into(),
            "--out" => config.out = args.next().ok_or("--out needs a value")?.into(),
            "--epochs" => config.epochs = args.next().ok_or("--epochs needs a value")?.parse()?,
            "--seed" => config.seed = args.next().ok_or("--seed needs a value")?.parse()?,
            "--bits" => config.table_bits = args.next().ok_or("--bits needs a value")?.parse()?,
            "--prune" => config.prune = args.next().ok_or("--prune needs a value")?.parse()?,
            "--no-window" => config.features.window = false,
            "--no-doc" => config.features.document = false,
            "--no-clusters" => config.features.clusters = false,
            "--no-gazetteer" => config.features.gazetteer = false,
            "--no-second-pass" => config.features.second_pass = false,
            "--no-extra" => config.features.extra = false,
            "--greedy" => config.features.viterbi = false,
            other => return Err(format!("unknown argument {other}").into()),
        }
    }
    print!("{}", train(&config)?);
    Ok(())
}
