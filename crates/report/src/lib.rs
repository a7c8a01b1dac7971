//! Writes a dossier for people and programs: JSON (the stable interface),
//! Markdown (for reading in a terminal or a pull request) and one self-contained
//! HTML page (no external assets; every piece of article content escaped).
//!
//! ```
//! use crosscheck_core::dossier::Dossier;
//! use crosscheck_report::{Format, render};
//!
//! let dossier = Dossier::from_docs([]);
//! let mut out = Vec::new();
//! render(&dossier, Format::Json, &mut out).unwrap();
//! assert!(String::from_utf8(out).unwrap().contains("crosscheck.dossier/1"));
//! ```
#![deny(missing_docs)]

mod html;
mod markdown;
mod whos_who;

use std::io::Write;

pub use html::{
    escape as escape_html, render_story as render_story_html, stylesheet as html_stylesheet,
};

use crosscheck_core::dossier::Dossier;
use serde::{Deserialize, Serialize};

/// Why a dossier could not be written.
#[derive(Debug, thiserror::Error)]
pub enum ReportError {
    /// The output could not be written.
    #[error("could not write the dossier: {0}")]
    Io(#[from] std::io::Error),
    /// The dossier could not be serialised.
    #[error("could not serialise the dossier: {0}")]
    Json(#[from] serde_json::Error),
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, ReportError>;

/// An output format.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Format {
    /// `crosscheck.dossier/1` JSON, pretty-printed.
    Json,
    /// A Markdown report.
    Markdown,
    /// One self-contained HTML page.
    Html,
}

/// `1 source`, `2 sources`: a count with its noun in the right number.
pub(crate) fn counted(n: usize, one: &str, many: &str) -> String {
    format!("{n} {}", if n == 1 { one } else { many })
}

/// Writes `dossier` to `out` in `format`.
pub fn render(dossier: &Dossier, format: Format, out: &mut dyn Write) -> Result<()> {
    match format {
        Format::Json => {
            serde_json::to_writer_pretty(&mut *out, dossier)?;
            writeln!(out)?;
        }
        Format::Markdown => out.write_all(markdown::render(dossier).as_bytes())?,
        Format::Html => out.write_all(html::render(dossier).as_bytes())?,
    }
    out.flush()?;
    Ok(())
}
