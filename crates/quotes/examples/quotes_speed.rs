//! CPU time of the quote stage per generated ~4 KB article, read from
//! `/proc/self/schedstat` so that a busy machine does not inflate it (criterion
//! measures wall time): `cargo run --release -p crosscheck-quotes --example quotes_speed`.

use crosscheck_core::{Article, Origin};
use crosscheck_quotes::text::{TextAnalyzer, TextConfig};
use crosscheck_quotes::{QuoteFinder, QuotesConfig};

const PARAGRAPHS: &[&str] = &[
    "“We will reopen the northern bridge by spring,” Mayor Ana Vell said on Tuesday.",
    "The council met for three hours in the old library, and members argued over the cost of the repairs and the timetable.",
    "Dario Mensk, the transport director, told reporters that the contractor had asked for more time.",
    "According to the city budget office, the work will cost 4.2 million crowns.",
    "\"Nobody wants another winter of detours,\" said Lena Oster, who runs a bakery near the river. \"We lost half our customers.\"",
    "The ministry spokeswoman said the plan was still under review and declined to give a date.",
    "Residents have complained about the noise for months, the local paper reported.",
    "“The engineers found cracks in two of the piers. We cannot take risks with public safety.",
    "“The inspection will be finished in March,” she added.",
    "Traffic was diverted through the eastern district while crews worked overnight to secure the site.",
];

fn article(seed: usize) -> String {
    let mut text = String::from("Bridge repairs delayed again\n\n");
    let mut i = seed;
    while text.len() < 4096 {
        text.push_str(PARAGRAPHS[i % PARAGRAPHS.len()]);
        text.push_str("\n\n");
        i = i.wrapping_mul(7).wrapping_add(3);
    }
    text
}

fn cpu_ns() -> Option<u64> {
    std::fs::read_to_string("/proc/thread-self/schedstat")
        .ok()?
        .split_whitespace()
        .next()?
        .parse()
        .ok()
}

fn main() {
    let analyzer = TextAnalyzer::new(TextConfig::default());
    let docs: Vec<_> = (0..64)
        .map(|s| {
            analyzer.analyze(Article::new(
                Origin::file(format!("gen/{s}.txt")),
                article(s),
            ))
        })
        .collect();
    let finder = QuoteFinder::new(QuotesConfig::default());
    let rounds = 200;
    let before = cpu_ns();
    let mut found = 0;
    for _ in 0..rounds {
        for doc in &docs {
            found += std::hint::black_box(finder.find(doc)).len();
        }
    }
    let (Some(before), Some(after)) = (before, cpu_ns()) else {
        eprintln!("no /proc/thread-self/schedstat here");
        return;
    };
    let per_article = (after - before) as f64 / (rounds * docs.len()) as f64 / 1000.0;
    println!("{found} attributions; {per_article:.1} µs CPU per ~4 KB article");
}
