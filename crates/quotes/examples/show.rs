//! Prints the attributions the finder reads in a text file:
//! `cargo run -p crosscheck-quotes --example show -- FILE`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    use crosscheck_core::{Article, Origin};
    use crosscheck_quotes::text::{TextAnalyzer, TextConfig};
    use crosscheck_quotes::{QuoteFinder, QuotesConfig};

    let path = std::env::args().nth(1).ok_or("usage: show FILE")?;
    let text = std::fs::read_to_string(&path)?;
    let mut doc =
        TextAnalyzer::new(TextConfig::default()).analyze(Article::new(Origin::file(path), text));
    QuoteFinder::new(QuotesConfig::default()).annotate(&mut doc);
    for q in &doc.quotes {
        println!(
            "{} | cue: {:?} | source: {:?}\n    {}",
            if q.direct { "direct  " } else { "reported" },
            q.cue.map(|s| doc.text(s)),
            q.source.map(|s| doc.text(s)),
            doc.text(q.content).replace('\n', " ¶ ")
        );
    }
    Ok(())
}
