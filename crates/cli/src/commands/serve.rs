//! `crosscheck serve`: the HTTP API and web app over an archive.

use std::path::PathBuf;
use std::process::ExitCode;

use anyhow::Context;
use clap::Args;
use crosscheck_server::ServerConfig;
use crosscheck_store::{Store, default_store_path};

#[derive(Debug, Args)]
pub struct ServeArgs {
    /// The archive: a SQLite file (created if missing) or `postgres://…`.
    /// Default: `archive.sqlite` in the user's data directory.
    #[arg(long)]
    store: Option<String>,
    /// Address and port to listen on.
    #[arg(long, default_value = "127.0.0.1:8080")]
    listen: String,
    /// A file holding the write token (writes are off without one). The
    /// CROSSCHECK_TOKEN environment variable is read when this is not given.
    #[arg(long)]
    token_file: Option<PathBuf>,
    /// A file holding the read token: reads need it (or the write token). The
    /// CROSSCHECK_READ_TOKEN environment variable is read when this is not given;
    /// without either, reads are open.
    #[arg(long)]
    read_token_file: Option<PathBuf>,
    /// The largest request body, in bytes.
    #[arg(long, default_value_t = 16 * 1024 * 1024)]
    max_body_bytes: usize,
    /// The most articles one request may add.
    #[arg(long, default_value_t = 500)]
    max_articles: usize,
    /// Worker threads for analysis (default: every core).
    #[arg(long)]
    threads: Option<usize>,
}

/// A token from a file (trimmed), else from an environment variable.
fn token(file: Option<&PathBuf>, var: &str) -> anyhow::Result<Option<String>> {
    let value = match file {
        Some(path) => std::fs::read_to_string(path)
            .with_context(|| format!("cannot read the token file {}", path.display()))?,
        None => std::env::var(var).unwrap_or_default(),
    };
    let value = value.trim().to_string();
    Ok((!value.is_empty()).then_some(value))
}

pub fn run(args: ServeArgs) -> anyhow::Result<ExitCode> {
    let spec = match &args.store {
        Some(spec) => spec.clone(),
        None => default_store_path()?.display().to_string(),
    };
    let shown = super::shown_store(&spec);
    let store = Store::open(&spec).with_context(|| format!("cannot open the store {shown}"))?;
    let mut config = ServerConfig {
        write_token: token(args.token_file.as_ref(), "CROSSCHECK_TOKEN")?,
        read_token: token(args.read_token_file.as_ref(), "CROSSCHECK_READ_TOKEN")?,
        max_body_bytes: args.max_body_bytes,
        max_articles: args.max_articles,
        ..ServerConfig::default()
    };
    config.pipeline.threads = args.threads;
    let writes = if config.write_token.is_some() {
        "on"
    } else {
        "off (no token)"
    };
    let reads = if config.read_token.is_some() {
        "need the read token"
    } else {
        "open"
    };
    crosscheck_server::run(&args.listen, store, config, |address| {
        eprintln!(
            "crosscheck: serving {shown} on http://{address}/ (writes {writes}, reads {reads})"
        );
    })?;
    Ok(ExitCode::SUCCESS)
}
