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

/// A story: the facts its reports share.
#[derive(Debug, Clone)]
struct Story {
    event: (&'static str, &'static str, &'static str),
    city: &'static str,
    country: &'static str,
    day: Date,
    count: usize,
    actors: Vec<(String, &'static str, &'static str)>,
    reports: usize,
    first_report: usize,
}

/// An iterator over generated articles.
#[derive(Debug)]
pub struct Corpus {
    config: CorpusConfig,
    random: Random,
    story: Option<Story>,
    stories: usize,
    next: usize,
}

impl Corpus {
    /// A corpus with these settings.
    pub fn new(config: CorpusConfig) -> Self {
        Corpus {
            random: Random::new(config.seed),
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
        let actors = (0..r.between(2, 4))
            .map(|_| {
                let name = format!("{} {}", r.pick(FIRST_NAMES), r.pick(SURNAMES));
                (name, *r.pick(TITLES), *r.pick(COUNTRIES))
            })
            .collect();
        let (low, high) = self.config.reports_per_story;
        Story {
            event: *r.pick(EVENTS),
            city: CITIES[r.below(CITIES.len())],
            country: COUNTRIES[r.below(COUNTRIES.len())],
            day,
            count: r.between(12, 4000),
            actors,
            reports: r.between(low.max(1), high.max(low.max(1))),
            first_report: self.next,
        }
    }

    fn report(&mut self, story: &Story, story_index: usize) -> SyntheticArticle {
        let index = self.next;
        let r = &mut self.random;
        let (outlet, domain) = *r.pick(OUTLETS);
        let published = story
            .day
            .checked_add(jiff::Span::new().days(r.below(3) as i64))
            .unwrap_or(story.day);
        let reprint_of = (index > story.first_report && r.chance(self.config.reprint_share))
            .then_some(story.first_report);
        // A reprint starts from the same random stream as the wire copy, so its
        // wording matches; light edits follow below.
        let mut words = if reprint_of.is_some() {
            Random::new(
                self.config.seed ^ (story.first_report as u64).wrapping_mul(0x2545_F491_4F6C_DD1D),
            )
        } else {
            Random::new(self.config.seed ^ (index as u64).wrapping_mul(0x2545_F491_4F6C_DD1D))
        };
        let (event, verb, counted) = story.event;
        let weekday = WEEKDAYS[story.day.weekday().to_monday_zero_offset() as usize];
        let lead = &story.actors[0];
        let second = &story.actors[story.actors.len() - 1];
        let title = format!(
            "{} {} in {} as {} {} arrives",
            capitalise(event),
            verb,
            story.city,
            lead.1,
            surname(&lead.0)
        );
        let mut paragraphs = Vec::new();
        paragraphs.push(format!(
            "{}, {} {} ({}) - The {} {} in {} on {}, with about {} {}, officials said.",
            story.city.to_uppercase(),
            month_name(story.day.month()),
            story.day.day(),
            WIRES[words.below(WIRES.len())],
            event,
            verb,
            story.city,
            weekday,
            story.count,
            counted
        ));
        paragraphs.push(format!(
            "{} {} of {} said: \u{201c}{}.\u{201d}",
            lead.1,
            lead.0,
            lead.2,
            words.pick(QUOTES)
        ));
        for _ in 0..words.between(
            self.config.filler_paragraphs.0,
            self.config.filler_paragraphs.1,
        ) {
            let first = words.below(FILLER.len());
            // Two different sentences, so no paragraph repeats itself.
            let second = (first + 1 + words.below(FILLER.len() - 1)) % FILLER.len();
            let (a, b) = (FILLER[first], FILLER[second]);
            paragraphs.push(format!("{a} {b}"));
        }
        paragraphs.push(format!(
            "\u{201c}{},\u{201d} {} told reporters in {}. Mr. {} added that talks would continue on {}.",
            words.pick(QUOTES),
            surname(&second.0),
            story.city,
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
                "{} {} {} {} in {}, {} on {} {}, {}.",
                lead.1,
                lead.0,
                r.pick(CAPTION_VERBS),
                "the venue",
                story.city,
                story.country,
                month_name(story.day.month()),
                story.day.day(),
                story.day.year()
            );
            let credit = format!(
                "{} {}/{} via Lantern Images",
                r.pick(FIRST_NAMES).to_uppercase(),
                r.pick(SURNAMES).to_uppercase(),
                r.pick(AGENCIES)
            );
            paragraphs.insert(at, credit);
            paragraphs.insert(at, caption);
        }
        let author = format!("{} {}", r.pick(FIRST_NAMES), r.pick(SURNAMES));
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
            outlet: outlet.to_string(),
            domain: domain.to_string(),
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
}
