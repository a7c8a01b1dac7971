//! Quality and speed measurements of crosscheck's stages against public
//! benchmarks, with the benchmarks' own metrics so figures are comparable with
//! published ones. The CLI's `crosscheck eval <task> DIR` calls into here.
//!
//! ```no_run
//! use std::path::Path;
//!
//! let report = crosscheck_eval::extraction::run(Path::new("../shared/bench/extraction"), None)?;
//! println!("{report}");
//! # Ok::<(), crosscheck_eval::extraction::EvalError>(())
//! ```
#![deny(missing_docs)]

pub mod extraction;
pub mod ner;
pub mod quotes;
pub mod stories;
pub mod time;
