//! Writes the finder's attributions for `DIR/text/*.txt` as JSON lines in character
//! offsets (the layout `crosscheck eval quotes --predictions` writes), without the
//! rest of the workspace: `cargo run -p crosscheck-quotes --example predict_dir -- DIR`.

fn main() -> Result<(), Box<dyn std::error::Error>> {
    use crosscheck_core::{Article, Origin};
    use crosscheck_quotes::text::{TextAnalyzer, TextConfig};
    use crosscheck_quotes::{QuoteFinder, QuotesConfig};

    let dir = std::path::PathBuf::from(std::env::args().nth(1).ok_or("usage: predict_dir DIR")?);
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let finder = QuoteFinder::new(QuotesConfig {
        resolve_sources: false,
        ..QuotesConfig::default()
    });
    let mut paths: Vec<_> = std::fs::read_dir(dir.join("text"))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .collect();
    paths.sort();
    for path in paths {
        let name = path
            .file_stem()
            .and_then(|s| s.to_str())
            .unwrap_or("")
            .to_string();
        let text = std::fs::read_to_string(&path)?;
        let mut doc = analyzer.analyze(Article::new(Origin::file(&name), text.clone()));
        finder.annotate(&mut doc);
        let chars = |b: u32| text.get(..b as usize).map_or(0, |s| s.chars().count());
        for q in &doc.quotes {
            let span = |s: crosscheck_core::Span| {
                let o = doc.body_map.span_to_original(s);
                [chars(o.start), chars(o.end)]
            };
            println!(
                "{{\"doc\":\"{name}\",\"content\":{:?},\"source\":{},\"cue\":{}}}",
                span(q.content),
                q.source.map_or("null".into(), |s| format!("{:?}", span(s))),
                q.cue.map_or("null".into(), |s| format!("{:?}", span(s))),
            );
        }
    }
    Ok(())
}
