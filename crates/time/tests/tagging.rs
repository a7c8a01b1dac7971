//! Behaviour of the tagger on invented sentences with a fixed report date.

use crosscheck_core::layers::time::TimexKind;
use crosscheck_core::{Article, Doc, Origin, Published, PublishedSource};
use crosscheck_time::{
    Date, TimeConfig, TimeTagger, infer_from_siblings, infer_published, infer_published_story,
};

/// Tuesday 4 March 2025.
fn tuesday() -> Date {
    jiff::civil::date(2025, 3, 4)
}

/// The (text, value, kind) of every expression found.
fn tag(text: &str, reference: Date) -> Vec<(String, String, TimexKind)> {
    TimeTagger::default()
        .tag_text(text, reference)
        .into_iter()
        .map(|f| (f.span.slice(text).to_string(), f.value, f.kind))
        .collect()
}

/// The single expression found in `text`.
fn one(text: &str, reference: Date) -> (String, String, TimexKind) {
    let found = tag(text, reference);
    assert_eq!(found.len(), 1, "{text}: {found:?}");
    found.into_iter().next().unwrap_or_default_triple()
}

trait OrDefault {
    fn unwrap_or_default_triple(self) -> (String, String, TimexKind);
}

impl OrDefault for Option<(String, String, TimexKind)> {
    fn unwrap_or_default_triple(self) -> (String, String, TimexKind) {
        self.unwrap_or((String::new(), String::new(), TimexKind::Date))
    }
}

#[test]
fn future_tense_points_to_the_coming_weekday() {
    let (text, value, kind) = one("The ministers will meet on Thursday in Veltara.", tuesday());
    assert_eq!(
        (text.as_str(), value.as_str(), kind),
        ("Thursday", "2025-03-06", TimexKind::Date)
    );
}

#[test]
fn reporting_verb_points_to_the_last_weekday() {
    let (_, value, _) = one(
        "The port authority said on Thursday that dredging was over.",
        tuesday(),
    );
    assert_eq!(value, "2025-02-27");
}

#[test]
fn parts_of_days_and_clock_times() {
    let thursday = jiff::civil::date(2025, 3, 6);
    assert_eq!(
        one("Shelling resumed late Wednesday, residents said.", thursday).1,
        "2025-03-05TNI"
    );
    assert_eq!(
        one("The ferry sank early Sunday.", tuesday()).1,
        "2025-03-02TMO"
    );
    let (text, value, kind) = one("The vote closed at 0930 GMT.", tuesday());
    assert_eq!(
        (text.as_str(), value.as_str(), kind),
        ("0930 GMT", "2025-03-04T09:30", TimexKind::Time)
    );
    assert_eq!(
        one("He landed at 10:30 a.m. and left.", tuesday()).1,
        "2025-03-04T10:30"
    );
}

#[test]
fn calendar_dates_months_years_and_decades() {
    assert_eq!(
        one("The strike began in March 2022.", tuesday()).1,
        "2022-03"
    );
    assert_eq!(
        one("The images were made on May 12, 2025.", tuesday()).1,
        "2025-05-12"
    );
    assert_eq!(one("The bridge opened in 2019.", tuesday()).1, "2019");
    let (text, value, _) = one("Trade boomed in the 1990s.", tuesday());
    assert_eq!((text.as_str(), value.as_str()), ("the 1990s", "199"));
}

#[test]
fn relative_periods() {
    assert_eq!(
        one("Fighting flared last weekend.", tuesday()).1,
        "2025-W09-WE"
    );
    assert_eq!(one("Prices rose earlier this year.", tuesday()).1, "2025");
    let (text, value, _) = one("The war entered the fourth year.", tuesday());
    assert_eq!((text.as_str(), value.as_str()), ("the fourth year", "2025"));
    assert_eq!(
        one("The plant closed three years ago.", tuesday()).1,
        "2022"
    );
}

#[test]
fn durations_sets_and_references() {
    let (_, value, kind) = one("The siege lasted three years.", tuesday());
    assert_eq!((value.as_str(), kind), ("P3Y", TimexKind::Duration));
    assert_eq!(one("The talks ran for two hours.", tuesday()).1, "PT2H");
    let (_, value, kind) = one("Dividends are paid quarterly.", tuesday());
    assert_eq!((value.as_str(), kind), ("P3M", TimexKind::Set));
    assert_eq!(one("The council meets every week.", tuesday()).1, "P1W");
    assert_eq!(
        one("The mayor is now in Veltara.", tuesday()).1,
        "PRESENT_REF"
    );
    assert_eq!(one("The mayor recently moved.", tuesday()).1, "PAST_REF");
    assert_eq!(
        one("Talks may resume in the future.", tuesday()).1,
        "FUTURE_REF"
    );
}

#[test]
fn words_that_only_look_like_times_are_left_alone() {
    assert!(tag("The 6-year-old boy and 2000 people may march.", tuesday()).is_empty());
    assert!(tag("Some 1500 soldiers crossed.", tuesday()).is_empty());
    assert!(
        tag(
            "Tickets cost $5 a week and the daily tally rose.",
            tuesday()
        )
        .is_empty()
    );
}

fn doc(text: &str, url: Option<&str>) -> Doc {
    let mut article = Article::new(Origin::file("invented.txt"), text.to_string());
    article.url = url.map(str::to_string);
    Doc::unanalysed(article)
}

#[test]
fn undated_doc_gets_its_date_from_a_caption() {
    let text = "Talks resumed on Thursday.\n\nThis combination of images created on May 12, 2025 shows the two delegations.";
    let mut d = doc(text, None);
    let inferred = infer_published(&d).map(|i| (i.date, i.evidence));
    assert_eq!(
        inferred,
        Some((
            jiff::civil::date(2025, 5, 12),
            "date in the text: \"May 12, 2025\"".to_string()
        ))
    );
    TimeTagger::default().tag_doc(&mut d);
    assert_eq!(d.article.published_source, Some(PublishedSource::Inferred));
    // The caption's Monday 12 May 2025 is only a lower bound of the report's
    // date, so "Thursday" in a past sentence three days on is 15 May.
    assert_eq!(
        d.times.first().map(|t| t.value.as_str()),
        Some("2025-05-15")
    );
}

#[test]
fn undated_doc_gets_its_date_from_a_link() {
    let d = doc(
        "Talks resumed on Thursday.",
        Some("https://invented-wire.example/world/2025/05/14/talks-resume"),
    );
    assert_eq!(
        infer_published(&d).map(|i| i.date),
        Some(jiff::civil::date(2025, 5, 14))
    );
}

#[test]
fn undated_doc_takes_the_date_of_its_siblings() {
    let dated = {
        let mut d = doc("Envoys met in Veltara.", None);
        d.article.published = Some(Published::Date(jiff::civil::date(2025, 5, 15)));
        d
    };
    let undated = doc("Envoys met on Thursday.", None);
    let story = infer_published_story(&[&dated, &undated]);
    assert_eq!(story[0], None);
    let inferred = story[1]
        .as_ref()
        .map(|i| (i.date, i.evidence.contains(&dated.article.id.0)));
    assert_eq!(inferred, Some((jiff::civil::date(2025, 5, 15), true)));
    assert_eq!(infer_from_siblings(&[]), None);
}

#[test]
fn unanchored_doc_masks_relative_values() {
    let mut d = doc("Envoys will meet on Thursday for two hours.", None);
    TimeConfig {
        infer_published: false,
        ..TimeConfig::default()
    }
    .build()
    .map(|t| t.tag_doc(&mut d))
    .ok();
    let values: Vec<&str> = d.times.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["XXXX-XX-XX", "PT2H"]);
}

#[test]
fn config_rejects_unknown_fields() {
    let parsed: Result<TimeConfig, _> = serde_json::from_str(r#"{"sets": false, "colour": 1}"#);
    assert!(parsed.is_err());
}

/// The value of the single expression `what` in `text` read against an inferred
/// (lower-bound) reference.
fn inferred_value(text: &str, what: &str, reference: Date) -> String {
    TimeTagger::default()
        .tag_text_inferred(text, reference)
        .into_iter()
        .find(|f| f.span.slice(text) == what)
        .map(|f| f.value)
        .unwrap_or_default()
}

#[test]
fn inferred_date_past_weekday_a_few_days_on_is_the_coming_one() {
    // The report's latest written date is Tuesday 4 March; it was published on
    // or after it, so "arrived on Friday" is most likely 7 March.
    let text = "The Corvane delegation arrived in Lestra on Friday for the harbour talks.";
    assert_eq!(inferred_value(text, "Friday", tuesday()), "2025-03-07");
    // With the report's own date, the same sentence looks back.
    let exact = one(text, tuesday());
    assert_eq!(exact.1, "2025-02-28");
}

#[test]
fn inferred_date_weekday_further_than_three_days_still_looks_back() {
    let text = "Mayor Tella Brune proposed the truce on Sunday, aides said.";
    assert_eq!(inferred_value(text, "Sunday", tuesday()), "2025-03-02");
    let text = "The council met late Monday to approve the budget.";
    assert_eq!(
        inferred_value(text, "late Monday", tuesday()),
        "2025-03-03TNI"
    );
}

#[test]
fn inferred_date_future_weekday_is_the_coming_one() {
    let text = "The two ministers will meet in Lestra on Thursday.";
    assert_eq!(inferred_value(text, "Thursday", tuesday()), "2025-03-06");
    // The inferred day's own weekday is that day.
    let text = "The governor spoke to reporters on Tuesday.";
    assert_eq!(inferred_value(text, "Tuesday", tuesday()), "2025-03-04");
}

#[test]
fn undated_doc_with_borrowed_date_reads_weekdays_as_inferred() {
    let mut article = Article::new(
        Origin::file("lestra.txt"),
        "Negotiators from Corvane gathered in Lestra early Friday.".to_string(),
    );
    article.published = Some(Published::Date(tuesday()));
    article.published_source = Some(PublishedSource::Inferred);
    let mut doc = Doc::unanalysed(article);
    TimeTagger::default().tag_doc(&mut doc);
    let values: Vec<&str> = doc.times.iter().map(|t| t.value.as_str()).collect();
    assert_eq!(values, ["2025-03-07TMO"]);
}

#[test]
fn weekday_before_reporting_verb_dates_the_saying() {
    let (_, value, _) = one(
        "On Tuesday, the mayor said she would open the Corvane bridge.",
        jiff::civil::date(2025, 3, 5),
    );
    assert_eq!(value, "2025-03-04");
}

#[test]
fn as_early_as_and_ahead_of_point_forward() {
    let (_, value, _) = one(
        "The envoy could arrive in Lestra as early as Friday.",
        tuesday(),
    );
    assert_eq!(value, "2025-03-07");
    let monday = jiff::civil::date(2025, 3, 3);
    let (_, value, _) = one("Traders squared positions ahead of the weekend.", monday);
    assert_eq!(value, "2025-W10-WE");
    // Looking back, the weekend just gone is ISO's previous week.
    let (_, value, _) = one("The Veltara fund lost money over the weekend.", monday);
    assert_eq!(value, "2025-W09-WE");
}

#[test]
fn current_fiscal_year_is_the_running_year() {
    let (text, value, _) = one(
        "Brune Tools expects higher sales in the current fiscal year.",
        tuesday(),
    );
    assert_eq!(
        (text.as_str(), value.as_str()),
        ("the current fiscal year", "2025")
    );
}

#[test]
fn year_before_singular_quarter_is_not_a_duration() {
    let found = tag(
        "Corvane earned $3 million in the third quarter, against $2 million in the 2024 quarter.",
        tuesday(),
    );
    let values: Vec<&str> = found.iter().map(|f| f.1.as_str()).collect();
    assert_eq!(values, ["2024-Q3", "2024-Q3"]);
}

#[test]
fn year_earlier_adjective_after_a() {
    let found = tag(
        "Lestra Mills lost $2 million in the third quarter, compared with a year-earlier loss of $3 million.",
        tuesday(),
    );
    let texts: Vec<&str> = found.iter().map(|f| f.0.as_str()).collect();
    assert_eq!(texts, ["the third quarter", "year-earlier"]);
}

#[test]
fn weekday_evening_keeps_its_part() {
    let (text, value, _) = one("The vote was held Monday evening in Lestra.", tuesday());
    assert_eq!(
        (text.as_str(), value.as_str()),
        ("Monday evening", "2025-03-03TEV")
    );
}

#[test]
fn ages_written_apart_are_not_durations() {
    assert!(
        tag(
            "Mr. Tella Brune, 52 years old, will lead the Corvane board.",
            tuesday()
        )
        .is_empty()
    );
    assert!(tag("Staff 55 years old or older may retire early.", tuesday()).is_empty());
}

#[test]
fn last_half_of_a_year_is_its_second_half() {
    let (text, value, _) = one(
        "Lestra Mills expects weaker sales in the last half of 2024 at its plants.",
        tuesday(),
    );
    assert_eq!(
        (text.as_str(), value.as_str()),
        ("the last half of 2024", "2024-H2")
    );
}

#[test]
fn capitalised_unit_abbreviations_are_names() {
    let found = tag("The filing with the SEC showed a recent stake.", tuesday());
    assert!(found.iter().all(|f| !f.1.starts_with("PT")), "{found:?}");
}

#[test]
fn year_end_after_a_preposition() {
    let (text, value, _) = one("Corvane hopes to close the sale by year-end.", tuesday());
    assert_eq!((text.as_str(), value.as_str()), ("year-end", "2025-12-31"));
    let (_, value, _) = one("The Lestra index has risen 4% since year end.", tuesday());
    assert_eq!(value, "2024-12-31");
}

#[test]
fn a_bare_clock_time_falls_on_the_day_last_named() {
    let found = tag(
        "Convoys reached the palace early Friday. Talks began around 0930 GMT.",
        tuesday(),
    );
    let clock = found
        .iter()
        .find(|(text, ..)| text.contains("0930"))
        .expect("the clock time is found");
    assert_eq!(clock.1, "2025-02-28T09:30", "the Friday before the report");
    // With no day named before it, a clock time is on the report's day.
    let (_, value, _) = one("Talks began around 0930 GMT.", tuesday());
    assert_eq!(value, "2025-03-04T09:30");
}
