use std::fs::File;
use std::io::{BufWriter, IsTerminal, Write};
use std::path::PathBuf;
use std::process::ExitCode;
use std::time::Duration;

use anyhow::Context;
use clap::{Args, ValueEnum};
use crosscheck_pipeline::{Pipeline, PipelineConfig, Progress};
use crosscheck_report::Format;
use indicatif::{ProgressBar, ProgressStyle};

#[derive(Debug, Args)]
pub struct AnalyzeArgs {
    /// Files and directories to read (directories recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    /// Write the dossier here instead of standard output.
    #[arg(long, short)]
    out: Option<PathBuf>,
    /// Output format. Default: json when the output is a file or a pipe (or the
    /// --out extension says .md/.html), markdown on a terminal.
    #[arg(long, short, value_enum)]
    format: Option<FormatArg>,
    /// Worker threads (default: every core).
    #[arg(long)]
    threads: Option<usize>,
}

#[derive(Debug, Clone, Copy, ValueEnum)]
enum FormatArg {
    Json,
    Markdown,
    Html,
}

impl From<FormatArg> for Format {
    fn from(format: FormatArg) -> Self {
        match format {
            FormatArg::Json => Format::Json,
            FormatArg::Markdown => Format::Markdown,
            FormatArg::Html => Format::Html,
        }
    }
}

pub fn run(args: AnalyzeArgs) -> anyhow::Result<ExitCode> {
    let format = args
        .format
        .map(Format::from)
        .unwrap_or_else(|| default_format(args.out.as_ref()));
    let pipeline = Pipeline::new(PipelineConfig {
        threads: args.threads,
        ..PipelineConfig::default()
    })?;

    let bar = progress_bar();
    let on_progress = |progress: Progress| {
        if let Some(bar) = &bar {
            bar.set_position(progress.records);
            bar.set_message(format!(
                "{} failed, {} read",
                progress.failed,
                indicatif::HumanBytes(progress.bytes)
            ));
        }
    };
    let analysis = pipeline.analyze_paths(args.paths, &on_progress);
    if let Some(bar) = bar {
        bar.finish_and_clear();
    }

    for problem in &analysis.problems {
        eprintln!("skipped: {problem}");
    }
    // On the pipeline's threads (`--threads`), like the per-article stages.
    let dossier = pipeline.install(|| analysis.dossier());
    match &args.out {
        Some(path) => {
            let file =
                File::create(path).with_context(|| format!("cannot create {}", path.display()))?;
            let mut out = BufWriter::new(file);
            crosscheck_report::render(&dossier, format, &mut out)?;
            out.flush()?;
        }
        None => {
            let stdout = std::io::stdout();
            let mut out = BufWriter::new(stdout.lock());
            crosscheck_report::render(&dossier, format, &mut out)?;
        }
    }
    if !analysis.problems.is_empty() {
        eprintln!(
            "crosscheck: {} articles analysed, {} inputs skipped",
            analysis.docs.len(),
            analysis.problems.len()
        );
        return Ok(ExitCode::from(1));
    }
    Ok(ExitCode::SUCCESS)
}

fn default_format(out: Option<&PathBuf>) -> Format {
    match out.and_then(|p| p.extension()).and_then(|e| e.to_str()) {
        Some("html" | "htm") => Format::Html,
        Some("md" | "markdown") => Format::Markdown,
        Some(_) => Format::Json,
        None if out.is_none() && std::io::stdout().is_terminal() => Format::Markdown,
        None => Format::Json,
    }
}

/// A progress bar on a terminal; nothing when stderr is redirected, so logs and
/// CI output stay clean.
fn progress_bar() -> Option<ProgressBar> {
    if !std::io::stderr().is_terminal() {
        return None;
    }
    let bar = ProgressBar::new_spinner();
    bar.set_style(
        ProgressStyle::with_template("{spinner} {pos} articles {msg} [{elapsed}]")
            .unwrap_or_else(|_| ProgressStyle::default_spinner()),
    );
    bar.enable_steady_tick(Duration::from_millis(120));
    Some(bar)
}
