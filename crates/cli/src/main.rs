//! The `crosscheck` command: glue between the command line and the library crates.
//! No analysis logic lives here.

mod commands;

use std::process::ExitCode;

use clap::{Parser, Subcommand};

/// crosscheck turns many news reports of the same events into one account a
/// reader can trust: who is who, what happened when, who said what, and which
/// sources agree or contradict each other.
#[derive(Debug, Parser)]
#[command(name = "crosscheck", version, about, long_about = None)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Debug, Subcommand)]
enum Command {
    /// Read articles (files, directories, feeds, JSON Lines, WARC, gzip) and write a dossier.
    Analyze(commands::analyze::AnalyzeArgs),
    /// Add articles to the archive (analysed once; the same article twice is stored once).
    Add(commands::archive::AddArgs),
    /// Full-text search over the archive, with filters.
    Search(commands::archive::SearchArgs),
    /// Serve the HTTP API and the web app over the archive.
    Serve(commands::serve::ServeArgs),
    /// Score a stage against a public benchmark with its published metric.
    #[command(subcommand)]
    Eval(commands::eval::EvalCommand),
    /// Train a model that crosscheck ships.
    #[command(subcommand)]
    Train(commands::train::TrainCommand),
    /// Measure throughput and peak memory on a generated corpus.
    Bench(commands::bench::BenchArgs),
    /// Write a synthetic news corpus (deterministic from a seed).
    Gen(commands::generate::GenArgs),
}

fn main() -> ExitCode {
    let cli = Cli::parse();
    let outcome = match cli.command {
        Command::Analyze(args) => commands::analyze::run(args),
        Command::Add(args) => commands::archive::run_add(args),
        Command::Search(args) => commands::archive::run_search(args),
        Command::Serve(args) => commands::serve::run(args),
        Command::Eval(command) => commands::eval::run(command),
        Command::Train(command) => commands::train::run(command),
        Command::Bench(args) => commands::bench::run(args),
        Command::Gen(args) => commands::generate::run(args),
    };
    match outcome {
        Ok(code) => code,
        Err(error) => {
            eprintln!("crosscheck: {error:#}");
            ExitCode::from(2)
        }
    }
}
