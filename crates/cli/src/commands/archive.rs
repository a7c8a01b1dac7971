//! `crosscheck add` and `crosscheck search`: the archive that grows with each run.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_store::{SearchQuery, Store, add, default_store_path, search};

#[derive(Debug, Args)]
pub struct StoreArg {
    /// The archive: a SQLite file (created if missing) or `postgres://…`.
    /// Default: `archive.sqlite` in the user's data directory.
    #[arg(long)]
    store: Option<String>,
}

impl StoreArg {
    fn spec(&self) -> anyhow::Result<String> {
        match &self.store {
            Some(spec) => Ok(spec.clone()),
            None => Ok(default_store_path()?.display().to_string()),
        }
    }
}

#[derive(Debug, Args)]
pub struct AddArgs {
    /// Files and directories to add (directories recursively).
    #[arg(required = true)]
    paths: Vec<PathBuf>,
    #[command(flatten)]
    store: StoreArg,
    /// Worker threads (default: every core).
    #[arg(long)]
    threads: Option<usize>,
    /// Print what the run did (counts, problems, stories changed) as JSON on stdout.
    #[arg(long)]
    json: bool,
}

pub fn run_add(args: AddArgs) -> anyhow::Result<ExitCode> {
    let spec = args.store.spec()?;
    let shown = super::shown_store(&spec);
    let mut store = Store::open(&spec).with_context(|| format!("cannot open the store {shown}"))?;
    let pipeline = Pipeline::new(PipelineConfig {
        threads: args.threads,
        ..PipelineConfig::default()
    })?;
    let report = add(store.as_mut(), &pipeline, &args.paths)?;
    for problem in &report.problems {
        eprintln!("skipped: {problem}");
    }
    // The stories that grew, biggest first; a long import lists only the top.
    // Every line on stderr starts with `skipped:` or `crosscheck:` so scripts
    // can tell problems from progress.
    const LISTED: usize = 20;
    let mut changed: Vec<_> = report.stories.changed.iter().collect();
    changed.sort_by(|a, b| b.joined.cmp(&a.joined).then(b.articles.cmp(&a.articles)));
    for story in changed.iter().take(LISTED) {
        eprintln!(
            "crosscheck: story {}: +{} → {} {}: {}",
            story.id,
            story.joined,
            story.articles,
            if story.articles == 1 {
                "article"
            } else {
                "articles"
            },
            story.title
        );
    }
    if changed.len() > LISTED {
        eprintln!("crosscheck: … and {} more stories", changed.len() - LISTED);
    }
    eprintln!(
        "crosscheck: {} read, {} new, {} already stored, {} failed; {} stories updated, {} merged away (run {} in {shown})",
        report.read,
        report.new,
        report.already_stored,
        report.failed,
        report.stories.changed.len(),
        report.stories.removed,
        report.run
    );
    if args.json {
        println!("{}", serde_json::to_string_pretty(&report)?);
    }
    Ok(if report.failed > 0 {
        ExitCode::from(1)
    } else {
        ExitCode::SUCCESS
    })
}

#[derive(Debug, Args)]
pub struct SearchArgs {
    /// Words to find: `word`, `prefix*`, `"a phrase"`.
    query: String,
    #[command(flatten)]
    store: StoreArg,
    /// Only articles mentioning this entity.
    #[arg(long)]
    entity: Option<String>,
    /// Only articles from this outlet.
    #[arg(long)]
    source: Option<String>,
    /// Only articles in this language (ISO 639-1).
    #[arg(long)]
    language: Option<String>,
    /// Only articles published on or after this day (YYYY-MM-DD).
    #[arg(long)]
    from: Option<jiff::civil::Date>,
    /// Only articles published on or before this day (YYYY-MM-DD).
    #[arg(long)]
    to: Option<jiff::civil::Date>,
    /// Results per page.
    #[arg(long, default_value_t = 20)]
    limit: u32,
    /// Results to skip.
    #[arg(long, default_value_t = 0)]
    offset: u64,
    /// Print the results as JSON.
    #[arg(long)]
    json: bool,
}

pub fn run_search(args: SearchArgs) -> anyhow::Result<ExitCode> {
    let spec = args.store.spec()?;
    let shown = super::shown_store(&spec);
    let mut store = Store::open(&spec).with_context(|| format!("cannot open the store {shown}"))?;
    let results = search(
        store.as_mut(),
        &SearchQuery {
            text: args.query,
            entity: args.entity,
            source: args.source,
            language: args.language,
            from: args.from,
            to: args.to,
            offset: args.offset,
            limit: args.limit,
        },
    )?;
    if args.json {
        println!("{}", serde_json::to_string_pretty(&results)?);
        return Ok(ExitCode::SUCCESS);
    }
    if results.total_is_lower_bound {
        // A broad query in a big archive is ranked over its newest matches.
        println!(
            "at least {} articles match (the newest of them ranked)",
            results.total
        );
    } else {
        println!("{} articles match", results.total);
    }
    for hit in &results.hits {
        let article = &hit.article;
        let published = article
            .published
            .as_ref()
            .map(|p| p.to_string())
            .unwrap_or_default();
        println!(
            "{}  {}  {}  {}",
            article.id,
            published,
            article.source,
            article.title.as_deref().unwrap_or("(untitled)")
        );
        println!("    {}", hit.snippet.text.replace('\n', " "));
    }
    Ok(ExitCode::SUCCESS)
}
