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
    /// Time expressions: TempEval-3 task A (strict and relaxed extent F1, type
    /// accuracy, value F1) on a folder of TimeML .tml files.
    Time {
        /// A folder of .tml files (searched recursively).
        dir: PathBuf,
        /// Also write one JSON line per expression found.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Attribution (who said what) on the PolNeAR layout: content-span P/R/F1 and
    /// source accuracy, for all attributions and for direct quotes alone.
    Quotes {
        /// A folder with text/ and (optionally) attributions/.
        dir: PathBuf,
        /// Also write one JSON line per attribution found.
        #[arg(long)]
        predictions: Option<PathBuf>,
    },
    /// Story clustering on the ECB+ layout: B-cubed and pairwise P/R/F1 against
    /// events, clustering every report of every topic together, incrementally.
    Stories {
        /// A folder of topic folders of ECB+ XML reports.
        dir: PathBuf,
        /// Also write `file name<TAB>cluster id` per report.
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
        EvalCommand::Time { dir, predictions } => {
            let report = crosscheck_eval::time::run(&dir, predictions.as_deref())?;
            println!("{report}");
        }
        EvalCommand::Quotes { dir, predictions } => {
            let report = crosscheck_eval::quotes::run(&dir, predictions.as_deref())?;
            println!("{report}");
        }
        EvalCommand::Stories { dir, predictions } => {
            let report = crosscheck_eval::stories::run(&dir, predictions.as_deref())?;
            println!("{report}");
        }
    }
    Ok(ExitCode::SUCCESS)
}
