use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::{Args, ValueEnum};
use crosscheck_synth::{Corpus, CorpusConfig, CorpusWriter, OutputForm};

#[derive(Debug, Args)]
pub struct GenArgs {
    /// Where to write: a directory for text and html, a file for jsonl and warc.
    #[arg(long, short)]
    out: PathBuf,
    /// Number of articles.
    #[arg(long, default_value_t = 1000)]
    articles: usize,
    /// Seed: the same seed always gives the same corpus.
    #[arg(long, default_value_t = 1)]
    seed: u64,
    /// Form of the output.
    #[arg(long, value_enum, default_value_t = FormArg::Warc)]
    form: FormArg,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
pub enum FormArg {
    Text,
    Html,
    Jsonl,
    Warc,
}

impl From<FormArg> for OutputForm {
    fn from(form: FormArg) -> Self {
        match form {
            FormArg::Text => OutputForm::Text,
            FormArg::Html => OutputForm::Html,
            FormArg::Jsonl => OutputForm::JsonLines,
            FormArg::Warc => OutputForm::Warc,
        }
    }
}

pub fn run(args: GenArgs) -> anyhow::Result<ExitCode> {
    let corpus = Corpus::new(CorpusConfig {
        seed: args.seed,
        articles: args.articles,
        ..CorpusConfig::default()
    });
    let bytes = CorpusWriter::new(args.form.into())
        .write(corpus, &args.out)
        .with_context(|| format!("cannot write {}", args.out.display()))?;
    eprintln!(
        "wrote {} articles ({}) to {}",
        args.articles,
        indicatif::HumanBytes(bytes),
        args.out.display()
    );
    Ok(ExitCode::SUCCESS)
}
