//! Metadata from the input's own fields and from the URL: dates and outlets.

use crosscheck_core::Published;
use jiff::civil::Date;

/// Parses a date as inputs write them: RFC 3339 (`2025-05-15T09:30:00+02:00`),
/// RFC 2822 (`Thu, 15 May 2025 09:30:00 GMT`), a plain date (`2025-05-15`),
/// a date and time without an offset (kept as the day only: the instant is
/// unknown), or a written date (`May 15, 2025`, `15 May 2025`).
pub fn parse_published(text: &str) -> Option<Published> {
    let text = text.trim();
    if text.is_empty() || text.len() > 100 {
        return None;
    }
    if let Ok(ts) = text.parse::<jiff::Timestamp>() {
        return Some(Published::Instant(ts));
    }
    if let Ok(zoned) = jiff::fmt::rfc2822::parse(text) {
        return Some(Published::Instant(zoned.timestamp()));
    }
    if let Ok(date) = text.parse::<Date>() {
        return Some(Published::Date(date));
    }
    if let Ok(dt) = text.parse::<jiff::civil::DateTime>() {
        return Some(Published::Date(dt.date()));
    }
    const WRITTEN: &[&str] = &["%B %d, %Y", "%b %d, %Y", "%d %B %Y", "%d %b %Y", "%Y/%m/%d"];
    WRITTEN
        .iter()
        .find_map(|fmt| Date::strptime(fmt, text).ok())
        .map(Published::Date)
}

/// A date written in a URL's path: `/2025/05/15/`, `/2025-05-15/`, `…-20250515-…`.
/// Years outside 1990–2100 and impossible days are ignored.
pub fn date_from_url(url: &str) -> Option<Date> {
    let path = url_path(url);
    let bytes = path.as_bytes();
    let mut i = 0;
    while i < bytes.len() {
        // Only start at the beginning of a run of digits.
        let at_run_start = bytes.get(i).is_some_and(u8::is_ascii_digit)
            && (i == 0 || !bytes.get(i - 1).is_some_and(u8::is_ascii_digit));
        if let Some(date) = at_run_start.then(|| date_at(bytes, i)).flatten() {
            return Some(date);
        }
        i += 1;
    }
    None
}

fn date_at(b: &[u8], i: usize) -> Option<Date> {
    let digits = |from: usize, n: usize| -> Option<i64> {
        let s = b.get(from..from + n)?;
        if !s.iter().all(u8::is_ascii_digit) {
            return None;
        }
        std::str::from_utf8(s).ok()?.parse().ok()
    };
    let not_digit_at = |at: usize| !b.get(at).is_some_and(u8::is_ascii_digit);
    let year = digits(i, 4)?;
    let (month, day, end) = match b.get(i + 4) {
        Some(&sep @ (b'/' | b'-')) => {
            let month = digits(i + 5, 2)?;
            if b.get(i + 7) != Some(&sep) {
                return None;
            }
            (month, digits(i + 8, 2)?, i + 10)
        }
        _ => (digits(i + 4, 2)?, digits(i + 6, 2)?, i + 8),
    };
    if !not_digit_at(end) || !(1990..=2100).contains(&year) {
        return None;
    }
    Date::new(
        i16::try_from(year).ok()?,
        i8::try_from(month).ok()?,
        i8::try_from(day).ok()?,
    )
    .ok()
}

/// The URL without scheme, host, query and fragment.
fn url_path(url: &str) -> &str {
    let after_scheme = url.split_once("://").map_or(url, |(_, rest)| rest);
    let path = after_scheme
        .find('/')
        .map_or("", |i| after_scheme.get(i..).unwrap_or(""));
    path.split(['?', '#']).next().unwrap_or(path)
}

/// The outlet a URL belongs to: its host, lowercased, without `www.` and port.
pub fn domain_from_url(url: &str) -> Option<String> {
    let (scheme, rest) = url.trim().split_once("://")?;
    if scheme.is_empty()
        || !scheme
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || "+-.".contains(c))
    {
        return None;
    }
    let authority = rest.split(['/', '?', '#']).next().unwrap_or(rest);
    let host_port = authority.rsplit('@').next().unwrap_or(authority);
    let host = if host_port.starts_with('[') {
        host_port.split_inclusive(']').next().unwrap_or(host_port)
    } else {
        host_port.split(':').next().unwrap_or(host_port)
    };
    let host = host.trim_end_matches('.').to_lowercase();
    let host = host.strip_prefix("www.").unwrap_or(&host);
    (!host.is_empty()).then(|| host.to_string())
}

#[cfg(test)]
mod tests {
    use super::*;
    use jiff::civil::date;

    #[test]
    fn input_dates_in_every_common_shape() {
        let instant = |s: &str| match parse_published(s) {
            Some(Published::Instant(ts)) => ts.to_string(),
            other => panic!("{s}: {other:?}"),
        };
        assert_eq!(instant("2025-05-15T09:30:00+02:00"), "2025-05-15T07:30:00Z");
        assert_eq!(instant("2025-05-15T09:30:00Z"), "2025-05-15T09:30:00Z");
        assert_eq!(
            instant("Thu, 15 May 2025 09:30:00 GMT"),
            "2025-05-15T09:30:00Z"
        );
        assert_eq!(
            instant("Thu, 15 May 2025 09:30:00 +0100"),
            "2025-05-15T08:30:00Z"
        );
        let day = Some(Published::Date(date(2025, 5, 15)));
        assert_eq!(parse_published("2025-05-15"), day);
        assert_eq!(parse_published("2025-05-15 09:30"), day);
        assert_eq!(parse_published("May 15, 2025"), day);
        assert_eq!(parse_published("15 May 2025"), day);
        assert_eq!(parse_published("yesterday"), None);
        assert_eq!(parse_published(""), None);
    }

    #[test]
    fn dates_in_urls() {
        let d = Some(date(2025, 5, 15));
        assert_eq!(
            date_from_url("https://a.example/news/2025/05/15/talks-resume"),
            d
        );
        assert_eq!(date_from_url("https://a.example/2025-05-15/talks"), d);
        assert_eq!(
            date_from_url("https://a.example/world/talks-20250515-story.html"),
            d
        );
        assert_eq!(date_from_url("https://a.example/2025/05/talks"), None);
        assert_eq!(date_from_url("https://a.example/story/202505151234"), None);
        assert_eq!(date_from_url("https://a.example/2025/13/45/x"), None);
        assert_eq!(date_from_url("https://20250515.example/x"), None);
        assert_eq!(date_from_url("https://a.example/x?d=20250515"), None);
    }

    #[test]
    fn outlet_is_the_lowercased_host_without_www() {
        assert_eq!(
            domain_from_url("https://WWW.Velmora-Gazette.example:8080/a?b").as_deref(),
            Some("velmora-gazette.example")
        );
        assert_eq!(
            domain_from_url("http://user@news.example/x").as_deref(),
            Some("news.example")
        );
        assert_eq!(domain_from_url("not a url"), None);
        assert_eq!(domain_from_url("https:///path"), None);
    }
}
