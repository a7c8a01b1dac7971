use jiff::civil::Date;

use crate::random::Random;
use crate::words::*;

/// What to generate.
#[derive(Debug, Clone)]
pub struct CorpusConfig {
    /// Seed: the same seed and settings always give the same corpus.
    pub seed: u64,
    /// Number of articles.
    pub articles: usize,
    /// Fewest and most reports per story.
    pub reports_per_story: (usize, usize),
    /// Share of reports that reprint the story's wire copy with light edits.
    pub reprint_share: f64,
    /// Share of reports that carry a photo caption and credit inside the text.
    pub caption_share: f64,
    /// Paragraphs of filler per report, fewest and most.
    pub filler_paragraphs: (usize, usize),
}

impl Default for CorpusConfig {
    fn default() -> Self {
        CorpusConfig {
            seed: 1,
            articles: 100,
            reports_per_story: (3, 8),
            reprint_share: 0.2,
            caption_share: 0.3,
            filler_paragraphs: (2, 6),
        }
    }
}

/// One generated report.
#[derive(Debug, Clone, PartialEq)]
pub struct SyntheticArticle {
    /// 0-based index in the corpus.
    pub index: usize,
    /// 0-based index of the story it reports.
    pub story: usize,
    /// The outlet's name.
    pub outlet: String,
    /// The outlet's domain.
    pub domain: String,
    /// The article's URL (with its date in the path).
    pub url: String,
    /// The headline.
    pub title: String,
    /// The byline's author.
    pub author: String,
    /// Publication day.
    pub published: Date,
    /// Index of the article this one reprints, if it is a reprint.
    pub reprint_of: Option<usize>,
    /// The paragraphs of the report, captions and credits included where the
    /// outlet mixes them into the text.
    pub paragraphs: Vec<String>,
}

impl SyntheticArticle {
    /// The report as plain text: headline, blank line, paragraphs one per line.
    pub fn text(&self) -> String {
        let mut text =
            String::with_capacity(self.paragraphs.iter().map(|p| p.len() + 1).sum::<usize>() + 80);
        text.push_str(&self.title);
        text.push_str("\n\n");
        for paragraph in &self.paragraphs {
            text.push_str(paragraph);
            text.push('\n');
        }
        text
    }
}

/// A story: the facts its reports share. Every name, place and number is drawn
/// for the story alone, so two stories of the same kind (two floods) still differ
/// in who, where, when and how many, as real events do.
#[derive(Debug, Clone)]
struct Story {
    event: String,
    verb: &'static str,
    counted: &'static str,
    kind_words: &'static [&'static str],
    city: String,
    country: String,
    org: String,
    venue: String,
    day: Date,
    count: usize,
    number: usize,
    small: usize,
    actors: Vec<(String, &'static str, String)>,
    topics: Vec<&'static str>,
    adjectives: Vec<&'static str>,
    wire: (&'static str, &'static str),
    reports: usize,
    first_report: usize,
}

/// Kinds of venue, after a place-like name.
const VENUES: &[&str] = &[
    "Hall",
    "Stadium",
    "Convention Centre",
    "Palace",
    "Square",
    "Arena",
    "Courthouse",
    "Barracks",
    "Terminal",
    "Exhibition Grounds",
];

/// An iterator over generated articles.
#[derive(Debug)]
pub struct Corpus {
    config: CorpusConfig,
    random: Random,
    outlets: Vec<(String, String)>,
    story: Option<Story>,
    stories: usize,
    next: usize,
}

impl Corpus {
    /// A corpus with these settings.
    pub fn new(config: CorpusConfig) -> Self {
        let mut random = Random::new(config.seed);
        // A fixed press of 120 outlets per corpus: outlets recur across stories
        // (as they do), the events they report do not.
        let mut outlets: Vec<(String, String)> = Vec::with_capacity(120);
        while outlets.len() < 120 {
            let o = outlet(&mut random);
            if !outlets.iter().any(|(name, _)| *name == o.0) {
                outlets.push(o);
            }
            // There are 400 combinations; stop looking long before exhausting them.
            if random.chance(0.001) {
                break;
            }
        }
        Corpus {
            random,
            outlets,
            config,
            story: None,
            stories: 0,
            next: 0,
        }
    }

    fn new_story(&mut self) -> Story {
        let r = &mut self.random;
        let base = jiff::civil::date(2025, 1, 1);
        let day = base
            .checked_add(jiff::Span::new().days(r.below(700) as i64))
            .unwrap_or(base);
        let country = country_name(r);
        let city = place_name(r);
        let org = org_name(r);
        let actors = (0..r.between(2, 4))
            .map(|_| {
                let home = if r.chance(0.6) {
                    country.clone()
                } else {
                    country_name(r)
                };
                (person_name(r), *r.pick(TITLES), home)
            })
            .collect();
        let (kind, verb, counted, kind_words) = *r.pick(EVENTS);
        let event = kind
            .replace("{place}", &city)
            .replace("{country}", &country)
            .replace("{org}", &org);
        let venue = format!("{} {}", family_name(r), r.pick(VENUES));
        let mut topics: Vec<&'static str> = Vec::with_capacity(6);
        while topics.len() < 5 {
            let word = *r.pick(TOPIC_WORDS);
            if !topics.contains(&word) {
                topics.push(word);
            }
        }
        let adjectives = vec![*r.pick(TOPIC_ADJECTIVES), *r.pick(TOPIC_ADJECTIVES)];
        let (low, high) = self.config.reports_per_story;
        Story {
            event,
            verb,
            counted,
            kind_words,
            city,
            country,
            org,
            venue,
            day,
            count: r.between(12, 4000),
            number: r.between(20, 900),
            small: r.between(2, 40),
            actors,
            topics,
            adjectives,
            wire: *r.pick(WIRES),
            reports: r.between(low.max(1), high.max(low.max(1))),
            first_report: self.next,
        }
    }

    fn report(&mut self, story: &Story, story_index: usize) -> SyntheticArticle {
        let index = self.next;
        let r = &mut self.random;
        let first = index == story.first_report;
        let published = story
            .day
            .checked_add(jiff::Span::new().days(r.below(3) as i64))
            .unwrap_or(story.day);
        let reprint_of =
            (!first && r.chance(self.config.reprint_share)).then_some(story.first_report);
        // The first report of a story is the wire's; a reprint runs under another
        // outlet's name. Others come from the corpus's press.
        let (outlet, domain) = if first {
            (story.wire.0.to_string(), story.wire.1.to_string())
        } else {
            let (name, domain) = r.pick(&self.outlets).clone();
            (name, domain)
        };
        // A reprint starts from the same random stream as the wire copy, so its
        // wording matches; light edits follow below.
        let stream = if reprint_of.is_some() {
            story.first_report
        } else {
            index
        };
        let mut words =
            Random::new(self.config.seed ^ (stream as u64).wrapping_mul(0x2545_F491_4F6C_DD1D));
        let weekday = WEEKDAYS[story.day.weekday().to_monday_zero_offset() as usize];
        let lead = &story.actors[0];
        let second = &story.actors[story.actors.len() - 1];
        let headlines = [
            format!(
                "{} {} as {} {} arrives",
                capitalise(&story.event),
                story.verb,
                lead.1,
                surname(&lead.0)
            ),
            format!(
                "{}: {} {} after {} {}",
                story.city,
                capitalise(&story.event),
                story.verb,
                story.count,
                story.counted
            ),
            format!(
                "{} {} says {} will not wait",
                capitalise(lead.1),
                surname(&lead.0),
                story.org
            ),
        ];
        let title = headlines[words.below(headlines.len())].clone();
        let fill = |template: &str, words: &mut Random| -> String {
            let mut out = template
                .replace("{place}", &story.city)
                .replace("{country}", &story.country)
                .replace("{org}", &story.org)
                .replace("{venue}", &story.venue)
                .replace("{a}", &format!("{} {}", lead.1, lead.0))
                .replace("{b}", &format!("{} {}", second.1, second.0))
                .replace("{sa}", surname(&lead.0))
                .replace("{sb}", surname(&second.0))
                .replace("{n}", &story.number.to_string())
                .replace("{m}", &story.small.to_string())
                .replace("{day}", weekday)
                .replace("{month}", month_name(story.day.month()));
            for (slot, pool) in [
                ("{k}", story.kind_words),
                ("{t}", story.topics.as_slice()),
                ("{u}", story.topics.as_slice()),
                ("{adj}", story.adjectives.as_slice()),
            ] {
                while let Some(at) = out.find(slot) {
                    let word = *words.pick(pool);
                    out.replace_range(at..at + slot.len(), word);
                }
            }
            capitalise(&out)
        };
        let mut paragraphs = Vec::new();
        paragraphs.push(format!(
            "{}, {} {} ({}) - The {} {} on {}, with about {} {}, officials said.",
            story.city.to_uppercase(),
            month_name(story.day.month()),
            story.day.day(),
            story.wire.0,
            story.event,
            story.verb,
            weekday,
            story.count,
            story.counted
        ));
        let template = QUOTES[words.below(QUOTES.len())];
        let quote = fill(template, &mut words);
        paragraphs.push(format!(
            "{} {} of {} said: \u{201c}{quote}.\u{201d}",
            capitalise(lead.1),
            lead.0,
            lead.2,
        ));
        for _ in 0..words.between(
            self.config.filler_paragraphs.0,
            self.config.filler_paragraphs.1,
        ) {
            let a = words.below(SENTENCES.len());
            // Two different sentences, so no paragraph repeats itself.
            let b = (a + 1 + words.below(SENTENCES.len() - 1)) % SENTENCES.len();
            let (a, b) = (
                fill(SENTENCES[a], &mut words),
                fill(SENTENCES[b], &mut words),
            );
            paragraphs.push(format!("{a} {b}"));
        }
        let template = QUOTES[words.below(QUOTES.len())];
        let closing = fill(template, &mut words);
        paragraphs.push(format!(
            "\u{201c}{closing},\u{201d} {} told reporters in {}. {} {} added that talks would continue on {}.",
            surname(&second.0),
            story.city,
            capitalise(second.1),
            surname(&second.0),
            WEEKDAYS[(story.day.weekday().to_monday_zero_offset() as usize + 1) % 7],
        ));
        if reprint_of.is_some() {
            // Light edits: a dropped paragraph and a reworded attribution.
            if paragraphs.len() > 4 {
                let drop = r.between(2, paragraphs.len() - 2);
                paragraphs.remove(drop);
            }
            if let Some(first) = paragraphs.first_mut() {
                *first = first.replace("officials said", "according to officials");
            }
        }
        if r.chance(self.config.caption_share) {
            let at = r.between(1, paragraphs.len().saturating_sub(1).max(1));
            let caption = format!(
                "{} {} {} the {} in {}, {} on {} {}, {}.",
                capitalise(lead.1),
                lead.0,
                r.pick(CAPTION_VERBS),
                story.venue,
                story.city,
                story.country,
                month_name(story.day.month()),
                story.day.day(),
                story.day.year()
            );
            let credit = format!(
                "{} {}/{} via {}",
                given_name(r).to_uppercase(),
                family_name(r).to_uppercase(),
                r.pick(AGENCIES),
                outlet
            );
            paragraphs.insert(at, credit);
            paragraphs.insert(at, caption);
        }
        let author = person_name(r);
        let slug: String = title
            .to_lowercase()
            .chars()
            .map(|c| if c.is_ascii_alphanumeric() { c } else { '-' })
            .collect();
        let url = format!(
            "https://{domain}/{}/{:02}/{:02}/{}-{index}",
            published.year(),
            published.month(),
            published.day(),
            slug.trim_matches('-')
        );
        SyntheticArticle {
            index,
            story: story_index,
            outlet,
            domain,
            url,
            title,
            author,
            published,
            reprint_of,
            paragraphs,
        }
    }
}

impl Iterator for Corpus {
    type Item = SyntheticArticle;

    fn next(&mut self) -> Option<SyntheticArticle> {
        if self.next >= self.config.articles {
            return None;
        }
        let story = match self.story.take() {
            Some(story) if self.next < story.first_report + story.reports => story,
            _ => {
                self.stories += 1;
                self.new_story()
            }
        };
        let article = self.report(&story, self.stories - 1);
        self.story = Some(story);
        self.next += 1;
        Some(article)
    }

    fn size_hint(&self) -> (usize, Option<usize>) {
        let left = self.config.articles - self.next;
        (left, Some(left))
    }
}

fn capitalise(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => first.to_uppercase().chain(chars).collect(),
        None => String::new(),
    }
}

fn surname(name: &str) -> &str {
    name.rsplit(' ').next().unwrap_or(name)
}

fn month_name(month: i8) -> &'static str {
    const MONTHS: [&str; 12] = [
        "January",
        "February",
        "March",
        "April",
        "May",
        "June",
        "July",
        "August",
        "September",
        "October",
        "November",
        "December",
    ];
    MONTHS[(month.clamp(1, 12) - 1) as usize]
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn stories_have_several_reports_and_some_reprints() {
        let articles: Vec<_> = Corpus::new(CorpusConfig {
            articles: 200,
            ..Default::default()
        })
        .collect();
        let stories = articles.iter().map(|a| a.story).max().unwrap() + 1;
        assert!(
            (200 / 8..=200 / 3 + 1).contains(&stories),
            "{stories} stories"
        );
        let reprints: Vec<_> = articles.iter().filter(|a| a.reprint_of.is_some()).collect();
        assert!(!reprints.is_empty());
        for reprint in reprints {
            let original = &articles[reprint.reprint_of.unwrap()];
            assert_eq!(original.story, reprint.story);
            // The reprint keeps the wire copy's quote paragraph word for word.
            assert!(
                reprint
                    .paragraphs
                    .iter()
                    .any(|p| original.paragraphs.contains(p))
            );
        }
    }

    #[test]
    fn same_seed_same_corpus_other_seed_other_corpus() {
        let a: Vec<_> = Corpus::new(CorpusConfig::default())
            .map(|a| a.text())
            .collect();
        let b: Vec<_> = Corpus::new(CorpusConfig::default())
            .map(|a| a.text())
            .collect();
        let c: Vec<_> = Corpus::new(CorpusConfig {
            seed: 2,
            ..Default::default()
        })
        .map(|a| a.text())
        .collect();
        assert_eq!(a, b);
        assert_ne!(a, c);
    }

    #[test]
    fn stories_do_not_share_their_people_or_wording() {
        let articles: Vec<_> = Corpus::new(CorpusConfig {
            articles: 400,
            ..Default::default()
        })
        .collect();
        // The speaker of the second paragraph ("Title Given Family of Country said:").
        let mut speaker_story = std::collections::HashMap::new();
        let mut paragraph_story = std::collections::HashMap::new();
        for article in &articles {
            let speaker = article.paragraphs[1]
                .split(" of ")
                .next()
                .unwrap()
                .to_string();
            let story = *speaker_story
                .entry(speaker.clone())
                .or_insert(article.story);
            assert_eq!(story, article.story, "{speaker} speaks in two stories");
            for paragraph in &article.paragraphs[2..] {
                let story = *paragraph_story
                    .entry(paragraph.clone())
                    .or_insert(article.story);
                assert_eq!(story, article.story, "shared paragraph: {paragraph}");
            }
        }
        let stories = articles.last().unwrap().story + 1;
        assert!(
            speaker_story.len() * 2 > stories,
            "{} speakers",
            speaker_story.len()
        );
    }

    #[test]
    fn sample_article_reads_like_news() {
        let article = Corpus::new(CorpusConfig::default()).nth(5).unwrap();
        let text = article.text();
        assert!(text.contains(" said"));
        assert!(!text.contains('{'), "unfilled slot in {text}");
    }
}
