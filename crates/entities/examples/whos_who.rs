//! Prints the who's-who of a set of report files resolved as one story, and the
//! time the per-report stage takes.
//!
//! `cargo run --release -p crosscheck-entities --example whos_who -- FILE...`
use std::time::Instant;

use crosscheck_core::{Article, Origin};
use crosscheck_entities::{DocEntities, EntityResolver};
use crosscheck_text::{TextAnalyzer, TextConfig};

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let model = crosscheck_ner::NerModel::shared()?;
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let mut docs = Vec::new();
    for path in std::env::args().skip(1) {
        let text = std::fs::read_to_string(&path)?;
        let mut doc = analyzer.analyze(Article::new(Origin::file(&path), text));
        model.annotate(&mut doc);
        docs.push(doc);
    }
    let refs: Vec<_> = docs.iter().collect();
    // For scale: the text analysis every article goes through first.
    let cpu = cpu_ns();
    for d in &docs {
        for _ in 0..20 {
            std::hint::black_box(analyzer.analyze(d.article.clone()));
        }
    }
    let analyze = (cpu_ns() - cpu) as f64 / 1e3 / (20 * docs.len().max(1)) as f64;
    eprintln!("text analysis (for scale): {analyze:.1} µs CPU per article");
    let rounds = std::env::var("ROUNDS")
        .ok()
        .and_then(|r| r.parse().ok())
        .unwrap_or(200);
    let cpu0 = cpu_ns();
    let start = Instant::now();
    let mut built = Vec::new();
    for _ in 0..rounds {
        built = refs.iter().map(|d| DocEntities::build(d)).collect();
    }
    let per_doc = start.elapsed().as_secs_f64() / (rounds * refs.len().max(1)) as f64;
    let per_doc_cpu = (cpu_ns() - cpu0) as f64 / 1e9 / (rounds * refs.len().max(1)) as f64;
    let bytes: usize = docs.iter().map(|d| d.body.len()).sum::<usize>() / docs.len().max(1);
    let pairs: Vec<_> = refs.iter().copied().zip(built.iter()).collect();
    let cpu1 = cpu_ns();
    let start = Instant::now();
    let mut story = Vec::new();
    let story_rounds = if std::env::var("ONLY_DOCS").is_ok() {
        1
    } else {
        rounds
    };
    for _ in 0..story_rounds {
        story = EntityResolver::new().resolve_with(&pairs);
    }
    let per_story = start.elapsed().as_secs_f64() / story_rounds as f64;
    let per_story_cpu = (cpu_ns() - cpu1) as f64 / 1e9 / story_rounds as f64;
    let short: Vec<(String, String)> = docs
        .iter()
        .map(|d| {
            (
                d.article.id.to_string(),
                d.article.source.chars().take(3).collect(),
            )
        })
        .collect();
    let name = |id: &str| {
        short
            .iter()
            .find(|(a, _)| a == id)
            .map_or(id.to_string(), |(_, s)| s.clone())
    };
    let json = std::env::var("WHOS_WHO_JSON").is_ok();
    if std::env::var("PRONOUNS").is_ok() {
        // Every "he"/"she" followed by a reporting verb, and who it resolves to.
        for (d, de) in docs.iter().zip(&built) {
            for (i, t) in d.tokens.iter().enumerate() {
                let w = d.text(t.span).to_lowercase();
                let next = d.tokens.get(i + 1).map_or("", |n| d.text(n.span));
                if (w == "he" || w == "she")
                    && matches!(next, "said" | "told" | "added" | "wrote" | "says")
                {
                    let who = de
                        .resolve_pronoun(d, t.span.start)
                        .and_then(|e| de.entities.get(e as usize))
                        .map_or("-", |e| e.name.as_str());
                    let from = t.span.start.saturating_sub(90) as usize;
                    let context = d
                        .body
                        .get(d.body.floor_char_boundary(from)..t.span.end as usize + 5)
                        .unwrap_or("");
                    println!(
                        "{} {w} {next} -> {who}   …{}",
                        name(&d.article.id.to_string()),
                        context.replace('\n', " ")
                    );
                }
            }
        }
        return Ok(());
    }
    for e in &story {
        if json {
            println!("{}", serde_json::to_string(e)?);
            continue;
        }
        let arts: Vec<String> = e.articles.iter().map(|a| name(a)).collect();
        println!(
            "{:<4} {:<28} art[{}] m={} o={}{}  aliases={:?}",
            format!("{:?}", e.kind),
            e.name,
            arts.join(","),
            e.mentions,
            e.other_mentions,
            if e.actor { "" } else { " (not actor)" },
            e.aliases
        );
        for t in &e.titles {
            let arts: Vec<String> = t.articles.iter().map(|a| name(a)).collect();
            println!("       title: {} [{}]", t.title, arts.join(","));
        }
        for m in &e.merges {
            println!(
                "       merge: {:?} {:?} [{}]",
                m.rule,
                m.aliases,
                m.articles
                    .iter()
                    .map(|a| name(a))
                    .collect::<Vec<_>>()
                    .join(",")
            );
        }
        if !e.ambiguous_with.is_empty() {
            println!("       ambiguous with {:?}", e.ambiguous_with);
        }
    }
    eprintln!(
        "per-report stage: {:.1} µs CPU ({:.1} µs wall) per article (mean body {} bytes); \
         story resolution: {:.1} µs CPU ({:.1} µs wall) for {} articles",
        per_doc_cpu * 1e6,
        per_doc * 1e6,
        bytes,
        per_story_cpu * 1e6,
        per_story * 1e6,
        docs.len()
    );
    Ok(())
}

/// CPU time this thread has run, in ns (Linux schedstat), so a loaded machine
/// does not inflate the figure; 0 where unavailable.
fn cpu_ns() -> u64 {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()
        .and_then(|s| s.split_whitespace().next()?.parse().ok())
        .unwrap_or(0)
}
