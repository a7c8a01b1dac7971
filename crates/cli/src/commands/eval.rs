use std::path::PathBuf;
use std::process::ExitCode;

use clap::Subcommand;

#[derive(Debug, Subcommand)]
pub enum EvalCommand {
    /// Main-text extraction from HTML: the article-extraction benchmark's shingle
    /// F1, precision and recall, and throughput in MB/s on one core.
    Extraction {
        /// A folder with html/*.html.gz and (optionally) ground-truth.json.
        dir: PathBuf,
        /// Also write the predictions here as {id: {"articleBody": text}}.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Named entities: conlleval's entity-level precision, recall and F1, overall and
    /// per type, and tokens/s, on a CoNLL-2003 file.
    Ner {
        /// A CoNLL-2003 file (`word POS chunk tag` lines).
        file: PathBuf,
        /// Also write the input lines with the predicted IOB2 tag appended.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
}

pub fn run(command: EvalCommand) -> anyhow::Result<ExitCode> {
    match command {
        EvalCommand::Extraction { dir, predictions } => {
            let report = crosscheck_eval::extraction::run(&dir, predictions.as_deref())?;
            println!("{report}");
        }
        EvalCommand::Ner { file, predictions } => {
            let report = crosscheck_eval::ner::run(&file, predictions.as_deref())?;
            println!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
