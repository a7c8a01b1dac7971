//! One module per subcommand: parse arguments into settings, call the library,
//! print the outcome.

pub mod analyze;
pub mod archive;
pub mod bench;
pub mod eval;
pub mod generate;
pub mod serve;
pub mod train;
