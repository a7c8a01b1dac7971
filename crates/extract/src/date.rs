//! Publication dates as pages write them, parsed with jiff.

use crosscheck_core::Published;
use jiff::Timestamp;
use jiff::civil::{Date, DateTime};

/// Earliest and latest years taken as a publication date: outside them a
/// value is a typo or a placeholder ("0001-01-01").
const YEARS: std::ops::RangeInclusive<i16> = 1990..=2100;

/// `strptime` patterns for dates written out in words or with slashes.
const WORDY_FORMATS: &[&str] = &[
    "%B %d, %Y",
    "%b %d, %Y",
    "%d %B %Y",
    "%d %b %Y",
    "%Y/%m/%d",
    "%A, %B %d, %Y",
];

/// Parses one date value: an instant when it has a time and an offset (turned
/// into UTC), a calendar day when it has no offset or no time.
pub(crate) fn parse_published(value: &str) -> Option<Published> {
    let value = value.trim();
    if value.is_empty() || value.len() > 64 {
        return None;
    }
    let parsed = parse_any(value)?;
    let year = parsed.date().year();
    YEARS.contains(&year).then_some(parsed)
}

fn parse_any(value: &str) -> Option<Published> {
    if let Ok(ts) = value.parse::<Timestamp>() {
        return Some(Published::Instant(ts));
    }
    if let Ok(ts) = jiff::fmt::rfc2822::DateTimeParser::new().parse_timestamp(value) {
        return Some(Published::Instant(ts));
    }
    if value.bytes().all(|b| b.is_ascii_digit()) {
        return from_digits(value);
    }
    if let Ok(dt) = value.parse::<DateTime>() {
        // No offset: the wall-clock time is in an unknown zone, the day is safe.
        return Some(Published::Date(dt.date()));
    }
    if let Ok(date) = value.parse::<Date>() {
        return Some(Published::Date(date));
    }
    // "2025-05-15 09:30:00 +0000" and other near-ISO shapes: the leading day.
    if let Some(date) = value.get(..10).and_then(|head| head.parse::<Date>().ok()) {
        return Some(Published::Date(date));
    }
    WORDY_FORMATS
        .iter()
        .find_map(|f| jiff::fmt::strtime::parse(f, value).ok()?.to_date().ok())
        .map(Published::Date)
}

/// Epoch seconds (10 digits), milliseconds (13) or a compact day (`20250515`).
fn from_digits(value: &str) -> Option<Published> {
    let number: i64 = value.parse().ok()?;
    match value.len() {
        10 => Timestamp::from_second(number).ok().map(Published::Instant),
        13 => Timestamp::from_millisecond(number)
            .ok()
            .map(Published::Instant),
        8 => {
            let year = i16::try_from(number / 10_000).ok()?;
            let month = i8::try_from(number / 100 % 100).ok()?;
            let day = i8::try_from(number % 100).ok()?;
            Date::new(year, month, day).ok().map(Published::Date)
        }
        _ => None,
    }
}

/// A day in a URL path (`/2025/05/15/`), the last resort.
pub(crate) fn published_from_url(url: &str) -> Option<Published> {
    let parts: Vec<&str> = url.split('/').collect();
    parts.windows(3).find_map(|w| {
        let (y, m, d) = (w[0], w[1], w[2]);
        let digits = |s: &str, n: usize| s.len() == n && s.bytes().all(|b| b.is_ascii_digit());
        if !(digits(y, 4) && (digits(m, 2) || digits(m, 1))) {
            return None;
        }
        let day: String = d.chars().take_while(char::is_ascii_digit).collect();
        if day.is_empty() || day.len() > 2 || d.len() != day.len() {
            return None;
        }
        let date = Date::new(y.parse().ok()?, m.parse().ok()?, day.parse().ok()?).ok()?;
        YEARS
            .contains(&date.year())
            .then_some(Published::Date(date))
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn instant(s: &str) -> Published {
        Published::Instant(s.parse().unwrap())
    }

    fn day(y: i16, m: i8, d: i8) -> Published {
        Published::Date(jiff::civil::date(y, m, d))
    }

    #[test]
    fn rfc3339_with_offset_is_an_instant_in_utc() {
        assert_eq!(
            parse_published("2025-05-15T11:30:00+02:00"),
            Some(instant("2025-05-15T09:30:00Z"))
        );
        assert_eq!(
            parse_published("2025-05-15T09:30:00.000Z"),
            Some(instant("2025-05-15T09:30:00Z"))
        );
    }

    #[test]
    fn compact_offset_and_space_separator() {
        assert_eq!(
            parse_published("2025-05-15 09:30:00+0000"),
            Some(instant("2025-05-15T09:30:00Z"))
        );
    }

    #[test]
    fn rfc2822() {
        assert_eq!(
            parse_published("Thu, 15 May 2025 09:30:00 GMT"),
            Some(instant("2025-05-15T09:30:00Z"))
        );
    }

    #[test]
    fn no_offset_gives_the_day() {
        assert_eq!(
            parse_published("2025-05-15T09:30:00"),
            Some(day(2025, 5, 15))
        );
        assert_eq!(parse_published("2025-05-15"), Some(day(2025, 5, 15)));
        assert_eq!(parse_published("20250515"), Some(day(2025, 5, 15)));
    }

    #[test]
    fn words_and_epochs() {
        assert_eq!(parse_published("May 15, 2025"), Some(day(2025, 5, 15)));
        assert_eq!(parse_published("15 May 2025"), Some(day(2025, 5, 15)));
        assert_eq!(
            parse_published("1747301400"),
            Some(instant("2025-05-15T09:30:00Z"))
        );
    }

    #[test]
    fn garbage_and_placeholders_are_refused() {
        assert_eq!(parse_published(""), None);
        assert_eq!(parse_published("yesterday"), None);
        assert_eq!(parse_published("0001-01-01T00:00:00Z"), None);
        assert_eq!(parse_published("2025-13-45"), None);
    }

    #[test]
    fn url_paths() {
        assert_eq!(
            published_from_url("https://news.example/world/2025/05/15/talks-open"),
            Some(day(2025, 5, 15))
        );
        assert_eq!(
            published_from_url("https://news.example/2025/05/talks"),
            None
        );
        assert_eq!(
            published_from_url("https://news.example/a/1234/56/78"),
            None
        );
    }
}
