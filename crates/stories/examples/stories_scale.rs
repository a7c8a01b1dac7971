//! Story assignment speed and memory as the index grows:
//! `cargo run --release -p crosscheck-stories --example stories_scale -- [N] [WINDOW]`
//! (defaults 1,000,000 and 20,000).
//!
//! A small generator of its own (not `crosscheck-synth`) writes N reports of many
//! distinct events: each event has a kind (a quake, a trial, a strike, …), a place,
//! two people, figures and a day; its 1–12 reports word it differently, and reports
//! of events running at the same time arrive interleaved, a few thousand a day.
//! Every report is added through `StoryIndex::add` on this thread; the rate is
//! measured over the WINDOW reports that follow 100,000 and N already indexed, so
//! it is the cost of one assignment with that many articles in the index (feature
//! extraction from the text included; the reports are generated beforehand). It is given per second of this thread's CPU time (Linux
//! `/proc/thread-self/schedstat`), which a loaded machine does not distort, and
//! per wall-clock second. B-cubed F1 against the generated events is
//! printed as a sanity check that the index still does its job at scale.

use std::time::Instant;

use crosscheck_core::{Article, Doc, Origin, Published};
use crosscheck_stories::StoriesConfig;

/// xorshift64*: fixed seed, the same corpus on every run.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }

    fn below(&mut self, n: usize) -> usize {
        (self.next() % n.max(1) as u64) as usize
    }
}

const SYLLABLES: &[&str] = &[
    "ka", "ve", "lo", "mar", "tin", "sa", "dor", "ri", "bel", "na", "ost", "qua", "len", "ith",
    "pra", "gu", "zen", "hol", "mi", "ter", "vos", "ul", "ban", "che",
];

fn word(rng: &mut Rng, syllables: usize) -> String {
    (0..syllables)
        .map(|_| SYLLABLES[rng.below(SYLLABLES.len())])
        .collect()
}

fn capitalised(w: &str) -> String {
    let mut c = w.chars();
    match c.next() {
        Some(f) => f.to_uppercase().chain(c).collect(),
        None => String::new(),
    }
}

/// What one event is: the facts its reports share.
struct Event {
    kind: usize,
    place: String,
    people: [String; 2],
    figures: [u32; 2],
    day: u32,
    reports: usize,
}

/// Event kinds, each with its own words (a quake and a trial share no verb).
const KINDS: &[&[&str]] = &[
    &[
        "earthquake",
        "struck",
        "magnitude",
        "rescuers",
        "collapsed",
        "aftershock",
    ],
    &[
        "trial",
        "court",
        "jury",
        "verdict",
        "prosecutors",
        "sentenced",
    ],
    &["strike", "union", "workers", "walkout", "wages", "talks"],
    &["flood", "river", "evacuated", "rain", "levee", "submerged"],
    &[
        "election",
        "votes",
        "ballot",
        "candidate",
        "turnout",
        "polls",
    ],
    &[
        "fire",
        "blaze",
        "firefighters",
        "burned",
        "smoke",
        "hectares",
    ],
    &[
        "merger",
        "shares",
        "acquisition",
        "board",
        "deal",
        "investors",
    ],
    &[
        "crash",
        "plane",
        "runway",
        "passengers",
        "investigators",
        "wreckage",
    ],
    &[
        "protest",
        "marchers",
        "police",
        "square",
        "demonstrators",
        "tear",
    ],
    &["storm", "winds", "coast", "power", "damage", "warning"],
];

fn new_event(rng: &mut Rng, day: u32) -> Event {
    Event {
        kind: rng.below(KINDS.len()),
        place: capitalised(&word(rng, 3)),
        people: [
            format!(
                "{} {}",
                capitalised(&word(rng, 2)),
                capitalised(&word(rng, 3))
            ),
            format!(
                "{} {}",
                capitalised(&word(rng, 2)),
                capitalised(&word(rng, 3))
            ),
        ],
        figures: [rng.below(900) as u32 + 3, rng.below(90_000) as u32 + 100],
        day,
        reports: 1 + rng.below(12),
    }
}

/// One report of `event`: its facts in a varying order and wording, plus filler
/// from a large shared vocabulary.
fn report(rng: &mut Rng, event: &Event, filler: &[String]) -> (String, String) {
    let words = KINDS[event.kind];
    let pick = |rng: &mut Rng| words[rng.below(words.len())];
    let title = format!("{} {} in {}", capitalised(words[0]), pick(rng), event.place);
    let mut sentences = vec![
        format!(
            "The {} {} {} on the outskirts of {}.",
            words[0],
            pick(rng),
            filler[rng.below(filler.len())],
            event.place
        ),
        format!(
            "{} said {} {} were counted and {} more reported.",
            event.people[0],
            event.figures[0],
            pick(rng),
            event.figures[1]
        ),
        format!(
            "According to {}, the {} {} {} {}.",
            event.people[1],
            pick(rng),
            filler[rng.below(filler.len())],
            filler[rng.below(filler.len())],
            pick(rng)
        ),
        format!(
            "Officials in {} expect {} {} after the {}.",
            event.place,
            filler[rng.below(filler.len())],
            pick(rng),
            words[0]
        ),
    ];
    for _ in 0..4 + rng.below(6) {
        let n = 6 + rng.below(10);
        let mut s: Vec<&str> = (0..n)
            .map(|_| filler[rng.below(filler.len())].as_str())
            .collect();
        s.insert(rng.below(n), pick(rng));
        sentences.push(format!("{}.", capitalised(&s.join(" "))));
    }
    // Reports open differently: rotate the facts.
    let turn = rng.below(4);
    sentences[..4].rotate_left(turn);
    (title, sentences.join(" "))
}

/// Nanoseconds this thread has run on a CPU (Linux), so the rate is one core's
/// even on a shared, loaded machine; `None` elsewhere.
fn thread_cpu_ns() -> Option<u64> {
    let stat = std::fs::read_to_string("/proc/thread-self/schedstat").ok()?;
    stat.split_whitespace().next()?.parse().ok()
}

fn main() -> Result<(), Box<dyn std::error::Error>> {
    let mut args = std::env::args().skip(1);
    let n: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(1_000_000);
    let window: usize = args
        .next()
        .map(|a| a.parse())
        .transpose()?
        .unwrap_or(20_000);
    let checkpoints: Vec<usize> = [100_000, n].into_iter().filter(|&c| c <= n).collect();

    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let filler: Vec<String> = (0..5_000)
        .map(|_| {
            let syllables = 2 + rng.below(2);
            word(&mut rng, syllables)
        })
        .collect();
    let mut index = StoriesConfig::default().build()?;
    // Events in progress; a new one starts whenever one runs out of reports.
    let per_day = 3_000;
    let mut live: Vec<(usize, Event)> = Vec::new();
    let mut next_event = 0usize;
    let mut gold: Vec<usize> = Vec::with_capacity(n + window);
    let base = jiff::civil::date(2020, 1, 1);
    let mut timed = Vec::new();
    let mut seq = 0usize;
    let mut next = |seq: usize| {
        let day = (seq / per_day) as u32;
        while live.len() < 400 {
            live.push((next_event, new_event(&mut rng, day)));
            next_event += 1;
        }
        let slot = rng.below(live.len());
        let (id, event) = &mut live[slot];
        let (title, text) = report(&mut rng, event, &filler);
        let event_id = *id;
        let published = base
            .checked_add(jiff::Span::new().days(i64::from(event.day)))
            .unwrap_or(base);
        event.reports -= 1;
        if event.reports == 0 {
            live.swap_remove(slot);
        }
        let mut article = Article::new(Origin::file(format!("gen/{seq}.txt")), text);
        article.title = Some(title);
        article.published = Some(Published::Date(published));
        (event_id, Doc::unanalysed(article))
    };
    while seq < n + window {
        if checkpoints.contains(&seq) {
            // The next WINDOW reports are written first, so only `add` is timed.
            let batch: Vec<(usize, Doc)> = (seq..seq + window).map(&mut next).collect();
            let (at, cpu) = (Instant::now(), thread_cpu_ns());
            for (_, doc) in &batch {
                index.add(doc);
            }
            let wall = window as f64 / at.elapsed().as_secs_f64();
            let cpu = cpu
                .zip(thread_cpu_ns())
                .map(|(a, b)| window as f64 / ((b - a) as f64 / 1e9));
            timed.push((seq, wall, cpu));
            gold.extend(batch.iter().map(|b| b.0));
            seq += window;
            continue;
        }
        let (event_id, doc) = next(seq);
        index.add(&doc);
        gold.push(event_id);
        seq += 1;
    }
    for (from, wall, cpu) in &timed {
        let cpu = cpu.map_or("?".to_string(), |c| format!("{c:.0}"));
        println!(
            "{from:>9} indexed: {cpu:>8} articles per CPU-second ({wall:.0}/s wall clock), \
             next {window}, one thread"
        );
    }
    let articles = index.len();
    println!(
        "memory: {} bytes for {articles} articles ({:.0} bytes/article)",
        index.memory_bytes(),
        index.memory_bytes() as f64 / articles.max(1) as f64
    );
    // B-cubed over a sample of the last events, against the generated ones.
    let mut both = std::collections::HashMap::new();
    let mut by_gold = std::collections::HashMap::new();
    let mut by_story = std::collections::HashMap::new();
    let sample = articles.saturating_sub(50_000)..articles;
    for s in sample.clone() {
        let story = index.story_of(s as u32).map(|x| x.0);
        let g = gold[s];
        *both.entry((g, story)).or_insert(0usize) += 1;
        *by_gold.entry(g).or_insert(0usize) += 1;
        *by_story.entry(story).or_insert(0usize) += 1;
    }
    let (mut p, mut r) = (0.0, 0.0);
    for s in sample.clone() {
        let story = index.story_of(s as u32).map(|x| x.0);
        let g = gold[s];
        let shared = both[&(g, story)] as f64;
        p += shared / by_story[&story] as f64;
        r += shared / by_gold[&g] as f64;
    }
    let k = sample.len().max(1) as f64;
    let (p, r) = (p / k, r / k);
    println!(
        "B-cubed over the last {} articles: P {p:.3} R {r:.3} F1 {:.3}",
        sample.len(),
        2.0 * p * r / (p + r).max(f64::MIN_POSITIVE)
    );
    Ok(())
}
