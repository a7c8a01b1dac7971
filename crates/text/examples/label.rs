//! Prints the segments and sentences the text stage finds in the files named on the
//! command line: `cargo run -p crosscheck-text --example label -- FILE...`.

use crosscheck_core::{Article, Origin};
use crosscheck_text::{TextAnalyzer, TextConfig};

fn main() {
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let sentences = std::env::var_os("SENTENCES").is_some();
    for path in std::env::args().skip(1) {
        let text = match std::fs::read(&path) {
            Ok(bytes) => String::from_utf8_lossy(&bytes).into_owned(),
            Err(err) => {
                eprintln!("{path}: {err}");
                continue;
            }
        };
        let doc = analyzer.analyze(Article::new(Origin::file(&path), text));
        println!("== {path} flags={:?}", doc.flags);
        for (i, segment) in doc.segments.iter().enumerate() {
            let text = doc.text(segment.span);
            let short: String = text.chars().take(110).collect();
            println!("{:<11} {short}", segment.kind.as_str());
            if sentences {
                for s in doc.sentences.iter().filter(|s| s.segment as usize == i) {
                    println!("    | {}", doc.text(s.span));
                }
            }
        }
    }
}
