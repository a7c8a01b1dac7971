use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;
use crosscheck_ner::TrainConfig;

#[derive(Debug, Subcommand)]
pub enum TrainCommand {
    /// Train the named-entity recogniser on CoNLL-2003 data (train.txt; valid.txt is
    /// scored when present) and write the model file that crosscheck embeds.
    Ner {
        /// Folder with train.txt (and optionally valid.txt) in CoNLL-2003 format.
        #[arg(long)]
        data: PathBuf,
        /// Where to write the model.
        #[arg(long, default_value = "models/ner/model.ccner")]
        out: PathBuf,
        /// Word clusters (made by tools/ner/clusters.py).
        #[arg(long, default_value = "models/ner/clusters.tsv")]
        clusters: PathBuf,
        /// Gazetteer (made by tools/ner/gazetteer.py).
        #[arg(long, default_value = "models/ner/gazetteer.tsv")]
        gazetteer: PathBuf,
        /// Seed for the document order and the fold split.
        #[arg(long, default_value_t = TrainConfig::default().seed)]
        seed: u64,
        /// Passes over the training data.
        #[arg(long, default_value_t = TrainConfig::default().epochs)]
        epochs: usize,
    },
}

pub fn run(command: TrainCommand) -> anyhow::Result<ExitCode> {
    match command {
        TrainCommand::Ner {
            data,
            out,
            clusters,
            gazetteer,
            seed,
            epochs,
        } => {
            let report = crosscheck_ner::train(&TrainConfig {
                data,
                out,
                clusters,
                gazetteer,
                seed,
                epochs,
                ..TrainConfig::default()
            })?;
            println!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
