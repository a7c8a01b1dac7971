//! Dev tool: scores the tagger on a TimeML folder without building the CLI.
//! `cargo run --release -p crosscheck-time --example timeml_eval -- DIR [OUT.jsonl]`
#[allow(dead_code, missing_docs)]
#[path = "../../eval/src/time.rs"]
mod time_eval;

fn main() {
    let mut args = std::env::args().skip(1);
    let dir = args.next().unwrap_or_default();
    let out = args.next();
    match time_eval::run(
        std::path::Path::new(&dir),
        out.as_deref().map(std::path::Path::new),
    ) {
        Ok(report) => println!("{report}"),
        Err(e) => eprintln!("{e}"),
    }
}
