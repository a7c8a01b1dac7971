//! Story assignment speed with many articles already indexed:
//! `cargo run --release -p crosscheck-stories --example throughput -- [INDEXED] [MEASURED] [POOL]`
//! (defaults 1,000,000, 20,000 and 50,000).
//!
//! Generates a synthetic corpus (`crosscheck_synth`), analyses it with
//! `crosscheck_text::TextAnalyzer`, fills the index with INDEXED articles, then
//! times `StoryIndex::add` alone (analysis excluded) over the next MEASURED
//! articles (a corpus of another seed) on one thread. To keep the set-up
//! affordable, the filling articles cycle through a pool of POOL distinct analysed
//! texts with fresh ids; repeats are caught as copies and join their origin's
//! story, so the index holds INDEXED articles but POOL texts' worth of stories.

use std::time::Instant;

use crosscheck_core::{Article, ArticleId, Doc, Origin, Published};
use crosscheck_stories::StoriesConfig;
use crosscheck_synth::{Corpus, CorpusConfig};
use crosscheck_text::{TextAnalyzer, TextConfig};

fn docs(seed: u64, n: usize, analyzer: &TextAnalyzer) -> Vec<(usize, Doc)> {
    Corpus::new(CorpusConfig {
        seed,
        articles: n,
        ..Default::default()
    })
    .map(|a| {
        let mut article = Article::new(Origin::file(a.url.clone()), a.text());
        article.title = Some(a.title.clone());
        article.published = Some(Published::Date(a.published));
        (a.story, analyzer.analyze(article))
    })
    .collect()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let indexed: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let measured: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(20_000);
    let pool_size: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(50_000);
    let analyzer = TextAnalyzer::new(TextConfig::default());

    // A pool of distinct generated articles, reused with new ids (and so new
    // copy groups and stories where their text repeats) to reach INDEXED.
    let pool = docs(1, indexed.min(pool_size).max(1), &analyzer);
    let probe = docs(2, measured, &analyzer);
    let mut index = StoriesConfig::default().build()?;
    let started = Instant::now();
    for i in 0..indexed {
        let Some((_, base)) = pool.get(i % pool.len().max(1)) else {
            break;
        };
        let mut doc = base.clone();
        doc.article.id = ArticleId(format!("{i:016x}"));
        index.add(&doc);
    }
    let fill = started.elapsed().as_secs_f64();
    let stories = index.stories().count();
    let memory = index.memory_bytes();

    let started = Instant::now();
    let mut seqs = Vec::with_capacity(probe.len());
    for (_, doc) in &probe {
        seqs.push(index.add(doc).seq);
    }
    let seconds = started.elapsed().as_secs_f64();
    // B-cubed of the measured articles against the generator's stories (a
    // generated story's reports should share one story; they may also have been
    // put with articles of the fill, which this does not see).
    let labels: Vec<(usize, u32)> = probe
        .iter()
        .zip(&seqs)
        .map(|((truth, _), &seq)| (*truth, index.story_of(seq).map_or(u32::MAX, |s| s.0)))
        .collect();
    let (mut p, mut r) = (0.0, 0.0);
    for &(g, s) in &labels {
        let both = labels.iter().filter(|l| l.0 == g && l.1 == s).count() as f64;
        p += both / labels.iter().filter(|l| l.1 == s).count() as f64;
        r += both / labels.iter().filter(|l| l.0 == g).count() as f64;
    }
    let n = labels.len().max(1) as f64;
    println!(
        "measured articles against the generated stories: B-cubed P {:.3} R {:.3}",
        p / n,
        r / n
    );
    println!(
        "filled {indexed} articles in {fill:.1} s ({:.0}/s), {stories} stories",
        indexed as f64 / fill
    );
    println!(
        "index memory {:.1} MB = {:.0} bytes per indexed article (tables' capacities)",
        memory as f64 / 1e6,
        memory as f64 / indexed.max(1) as f64
    );
    println!(
        "assigned {measured} more articles in {seconds:.2} s: {:.0} articles/s on one thread",
        measured as f64 / seconds
    );
    Ok(())
}
