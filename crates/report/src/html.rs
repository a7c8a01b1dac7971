use crate::counted;
use std::fmt::Write;

use crosscheck_core::SegmentKind;
use std::collections::HashMap;

use crosscheck_core::dossier::{Dossier, DossierArticle, DossierStory, Evidence, TimelineEntry};

use crate::whos_who::whos_who;

const STYLE: &str = "
body{font:16px/1.5 system-ui,sans-serif;max-width:60rem;margin:2rem auto;padding:0 1rem;color:#1b1b1b}
h1{font-size:1.6rem}h2{margin-top:2.5rem;border-bottom:1px solid #ddd}
article{border:1px solid #ddd;border-radius:6px;padding:1rem 1.25rem;margin:1.25rem 0}
dl{display:grid;grid-template-columns:max-content 1fr;gap:.15rem 1rem;font-size:.9rem}
dt{color:#666}dd{margin:0}
.segment{margin:.4rem 0;padding:.1rem .5rem;border-left:3px solid transparent}
.segment .kind{font-size:.75rem;text-transform:uppercase;color:#666;margin-right:.5rem}
.segment.caption,.segment.credit{border-color:#c98a00;background:#fff8e6}
.segment.byline,.segment.dateline,.segment.heading{border-color:#3a6ea5}
.segment.boilerplate{border-color:#999;color:#777}
section.story{border-top:3px solid #1b1b1b;margin-top:2rem}
.summary{color:#444}
.conflict,.update{border:1px solid #e3b5b5;background:#fff7f7;border-radius:6px;padding:.5rem 1rem;margin:.75rem 0}
.update{border-color:#e8d28a;background:#fffbea}
.conflict .kind{font-weight:bold;text-transform:uppercase;font-size:.8rem;color:#8a1c1c;margin-right:.4rem}
.sides{display:grid;grid-template-columns:repeat(auto-fit,minmax(14rem,1fr));gap:1rem}
.side .value{font-weight:bold;font-size:1.1rem;margin:.2rem 0}
.count{color:#666;font-size:.85rem}
ul.evidence{font-size:.85rem;margin:.2rem 0 .5rem;padding-left:1.2rem}
ol.timeline .date{font-family:monospace}
.status{font-size:.75rem;text-transform:uppercase;border-radius:3px;padding:0 .3rem;background:#e8f5e9}
.status.updated{background:#fff3cd}.status.planned{background:#e3ecf7}.status.cancelled{background:#fde8e8}
svg.chart{width:100%;max-width:720px;height:auto}
.scroll{overflow-x:auto;max-width:100%}
table.coverage{border-collapse:collapse;font-size:.85rem}
table.coverage td,table.coverage th{border:1px solid #ddd;padding:.2rem .4rem;vertical-align:top}
table.coverage td:first-child{min-width:18rem}
table.whos-who{border-collapse:collapse;font-size:.85rem}
table.whos-who td,table.whos-who th{border:1px solid #ddd;padding:.2rem .4rem;text-align:left}
td.supports{background:#e8f5e9;text-align:center}td.contradicts{background:#fde8e8;text-align:center}
blockquote{margin:.3rem 0 .2rem 1rem;font-style:italic}
mark{background:#fff3a3}
.flag{display:inline-block;font-size:.8rem;background:#fde8e8;color:#8a1c1c;border-radius:3px;padding:0 .4rem;margin-right:.3rem}
";

/// The dossier as one HTML page with no external assets. Article content is
/// untrusted: every piece of it goes through [`escape`].
pub fn render(dossier: &Dossier) -> String {
    let mut out = String::new();
    let _ = write!(
        out,
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <meta http-equiv=\"Content-Security-Policy\" content=\"default-src 'none'; style-src 'unsafe-inline'\">\
         <title>crosscheck dossier</title><style>{STYLE}</style></head><body>\n"
    );
    let _ = writeln!(
        out,
        "<h1>crosscheck dossier</h1><p>{}, {}.</p>",
        counted(dossier.articles.len(), "article", "articles"),
        counted(dossier.stories.len(), "story", "stories")
    );
    let sources: HashMap<&str, &str> = dossier
        .articles
        .iter()
        .map(|a| (a.id.as_str(), a.source.as_str()))
        .collect();
    for story in &dossier.stories {
        write_story(&mut out, story, &sources, &local_link);
    }
    // Evidence spans to highlight, per article.
    let mut marks: HashMap<&str, Vec<(u32, u32)>> = HashMap::new();
    for story in &dossier.stories {
        for evidence in story.evidence() {
            marks
                .entry(evidence.article.as_str())
                .or_default()
                .push((evidence.start, evidence.end));
        }
    }
    let _ = writeln!(out, "<h2>Articles</h2>");
    for article in &dossier.articles {
        let mut spans = marks.remove(article.id.as_str()).unwrap_or_default();
        spans.sort_unstable();
        spans.dedup();
        write_article(&mut out, article, &spans);
    }
    out.push_str("</body></html>\n");
    out
}

/// The stylesheet of the HTML report, for a server that serves it as a file
/// (a strict Content-Security-Policy forbids the inline `<style>` of [`render`]).
pub fn stylesheet() -> &'static str {
    STYLE
}

/// One story as an HTML fragment (a `<section>`: conflicts, updates, timeline,
/// coverage, who's-who, quotes, claims), with no inline style or script, for a
/// page that links [`stylesheet`]. `sources` maps article ids to outlets (for the
/// coverage matrix); `link` gives each evidence link its target, e.g. the
/// sentence in the article's own page. Article content is escaped.
pub fn render_story(
    story: &DossierStory,
    sources: &HashMap<&str, &str>,
    link: &dyn Fn(&Evidence) -> String,
) -> String {
    let mut out = String::new();
    write_story(&mut out, story, sources, link);
    out
}

fn evidence_id(evidence: &Evidence) -> String {
    format!("ev-{}-{}", evidence.article, evidence.start)
}

/// Where an evidence link points: given an evidence record, the link's target.
type EvidenceLink<'a> = &'a dyn Fn(&Evidence) -> String;

/// The page's own anchor for an evidence record (the whole-dossier report).
fn local_link(evidence: &Evidence) -> String {
    format!("#{}", evidence_id(evidence))
}

fn write_evidence_list(out: &mut String, evidence: &[Evidence], link: EvidenceLink<'_>) {
    out.push_str("<ul class=\"evidence\">");
    for e in evidence {
        // A quote's evidence carries its own quotation marks.
        let quoted = e.text.starts_with(['"', '\u{201c}', '\u{2018}', '\u{ab}']);
        let (open, close) = if quoted {
            ("", "")
        } else {
            ("\u{201c}", "\u{201d}")
        };
        let _ = write!(
            out,
            "<li><a href=\"{}\">{}</a>: {open}{}{close}</li>",
            escape(&link(e)),
            escape(&e.source),
            escape(&e.text)
        );
    }
    out.push_str("</ul>");
}

fn write_story(
    out: &mut String,
    story: &DossierStory,
    sources: &HashMap<&str, &str>,
    link: EvidenceLink<'_>,
) {
    let _ = writeln!(
        out,
        "<section class=\"story\" id=\"{}\"><h2>{}</h2><p class=\"summary\">{} from {} \
         &middot; {} &middot; {} &middot; {} &middot; {}</p>",
        escape(&story.id),
        escape(&story.title),
        counted(story.articles.len(), "report", "reports"),
        counted(story.origins, "independent source", "independent sources"),
        counted(story.conflicts.len(), "conflict", "conflicts"),
        counted(story.updates.len(), "update", "updates"),
        counted(story.claims.len(), "claim", "claims"),
        counted(story.quotes.len(), "quote", "quotes")
    );
    if !story.conflicts.is_empty() {
        out.push_str("<h3>Conflicts</h3>");
        for conflict in &story.conflicts {
            let _ = write!(
                out,
                "<div class=\"conflict\"><p><span class=\"kind\">{}</span> {}</p><div class=\"sides\">",
                escape(&conflict.kind),
                escape(&conflict.explanation)
            );
            for value in &conflict.values {
                let _ = write!(
                    out,
                    "<div class=\"side\"><p class=\"value\">{}</p><p class=\"count\">{}</p>",
                    escape(&value.value),
                    counted(value.origins, "independent source", "independent sources")
                );
                write_evidence_list(out, &value.evidence, link);
                out.push_str("</div>");
            }
            out.push_str("</div></div>\n");
        }
    }
    if !story.updates.is_empty() {
        out.push_str("<h3>Updates</h3>");
        for update in &story.updates {
            let _ = write!(
                out,
                "<div class=\"update\"><p>{}</p><div class=\"sides\"><div class=\"side\"><p class=\"value\">planned: {}</p>",
                escape(&update.explanation),
                escape(&update.planned.value)
            );
            write_evidence_list(out, &update.planned.evidence, link);
            let _ = write!(
                out,
                "</div><div class=\"side\"><p class=\"value\">reported: {}</p>",
                escape(&update.actual.value)
            );
            write_evidence_list(out, &update.actual.evidence, link);
            out.push_str("</div></div></div>\n");
        }
    }
    if !story.timeline.is_empty() {
        out.push_str("<h3>Timeline</h3>");
        write_timeline_chart(out, &story.timeline);
        out.push_str("<ol class=\"timeline\">");
        for entry in &story.timeline {
            let _ = write!(
                out,
                "<li><span class=\"date\">{}</span> <span class=\"status {}\">{}</span> {} <span class=\"count\">({})</span>",
                escape(&entry.date),
                escape(&entry.status),
                escape(&entry.status),
                escape(&entry.text),
                counted(entry.origins, "source", "sources")
            );
            write_evidence_list(out, &entry.evidence, link);
            out.push_str("</li>");
        }
        out.push_str("</ol>\n");
    }
    write_coverage(out, story, sources);
    write_whos_who(out, story);
    if !story.quotes.is_empty() {
        out.push_str("<h3>Quotes</h3>");
        for quote in &story.quotes {
            let _ = write!(
                out,
                "<div class=\"quote\"><p class=\"speaker\">{} <span class=\"count\">({})</span></p>",
                escape(quote.speaker.as_deref().unwrap_or("(unattributed)")),
                counted(quote.origins, "source", "sources")
            );
            for variant in &quote.variants {
                let _ = write!(out, "<blockquote>{}</blockquote>", escape(&variant.text));
                write_evidence_list(out, &variant.evidence, link);
            }
            out.push_str("</div>");
        }
    }
    if !story.claims.is_empty() {
        out.push_str("<h3>Claims</h3><ol class=\"claims\">");
        for claim in &story.claims {
            let flagged = if claim.only_flagged_sources {
                " <span class=\"flag\">only flagged sources</span>"
            } else {
                ""
            };
            let _ = write!(
                out,
                "<li>{} <span class=\"count\">({}, {})</span>{flagged}",
                escape(&claim.text),
                escape(&claim.modality),
                counted(claim.origins, "source", "sources")
            );
            write_evidence_list(out, &claim.evidence, link);
            out.push_str("</li>");
        }
        out.push_str("</ol>");
    }
    out.push_str("</section>\n");
}

/// Dots on a line of days, one per timeline entry, coloured by status.
fn write_timeline_chart(out: &mut String, timeline: &[TimelineEntry]) {
    let days: Vec<i64> = timeline
        .iter()
        .filter_map(|e| day_number(&e.date))
        .collect();
    let (Some(&first), Some(&last)) = (days.iter().min(), days.iter().max()) else {
        return;
    };
    let span = (last - first).max(1) as f64;
    let (width, left, right) = (720.0, 40.0, 40.0);
    let x = |day: i64| left + (day - first) as f64 / span * (width - left - right);
    let _ = write!(
        out,
        "<svg class=\"chart\" viewBox=\"0 0 {width} 70\" role=\"img\" aria-label=\"timeline\">\
         <line x1=\"{left}\" y1=\"35\" x2=\"{}\" y2=\"35\" stroke=\"#999\"/>",
        width - right
    );
    for entry in timeline {
        if let Some(day) = day_number(&entry.date) {
            let colour = match entry.status.as_str() {
                "updated" => "#c98a00",
                "planned" => "#3a6ea5",
                "cancelled" => "#8a1c1c",
                _ => "#2e7d32",
            };
            let _ = write!(
                out,
                "<circle cx=\"{:.1}\" cy=\"35\" r=\"{}\" fill=\"{colour}\"><title>{} {}: {}</title></circle>\
                 <text x=\"{:.1}\" y=\"60\" font-size=\"10\" text-anchor=\"middle\">{}</text>",
                x(day),
                4 + entry.origins.min(6),
                escape(&entry.date),
                escape(&entry.status),
                escape(&entry.text),
                x(day),
                escape(entry.date.get(5..10).unwrap_or(&entry.date))
            );
        }
    }
    out.push_str("</svg>");
}

/// The story's actors: names, kinds, titles with how many reports give them,
/// and every spelling used.
fn write_whos_who(out: &mut String, story: &DossierStory) {
    let rows = whos_who(story);
    if rows.is_empty() {
        return;
    }
    out.push_str("<h3>Who's who</h3><table class=\"whos-who\"><tr><th>name</th><th>kind</th><th>titles</th><th>also written</th><th>reports</th></tr>");
    for row in rows {
        let _ = write!(
            out,
            "<tr><td>{}</td><td>{}</td><td>{}</td><td>{}</td><td>{}</td></tr>",
            escape(row.name),
            row.kind,
            escape(&row.titles),
            escape(&row.aliases),
            row.reports
        );
    }
    out.push_str("</table>\n");
}

/// Days since 0000-03-01 of a `YYYY-MM-DD` date, for placing it on a line.
fn day_number(date: &str) -> Option<i64> {
    let year: i64 = date.get(0..4)?.parse().ok()?;
    let month: i64 = date.get(5..7)?.parse().ok()?;
    let day: i64 = date.get(8..10)?.parse().ok()?;
    let (y, m) = if month <= 2 {
        (year - 1, month + 9)
    } else {
        (year, month - 3)
    };
    Some(365 * y + y / 4 - y / 100 + y / 400 + (153 * m + 2) / 5 + day)
}

/// Sources × the story's corroborated claims: which report supports, contradicts
/// or is silent on each.
fn write_coverage(out: &mut String, story: &DossierStory, sources: &HashMap<&str, &str>) {
    let claims: Vec<_> = story
        .claims
        .iter()
        .filter(|c| c.origins >= 2)
        .take(12)
        .collect();
    if claims.is_empty() {
        return;
    }
    // One column per report; an outlet with several reports
    // numbers them in story order.
    out.push_str(
        "<h3>Coverage</h3><div class=\"scroll\"><table class=\"coverage\"><tr><th>claim</th>",
    );
    let mut seen: HashMap<&str, usize> = HashMap::new();
    for article in &story.articles {
        let source = sources.get(article.as_str()).copied().unwrap_or(article);
        let reports = story
            .articles
            .iter()
            .filter(|a| sources.get(a.as_str()).copied().unwrap_or(a) == source)
            .count();
        let n = seen.entry(source).or_default();
        *n += 1;
        let label = if reports > 1 {
            format!("{source} ({n})")
        } else {
            source.to_string()
        };
        let _ = write!(
            out,
            "<th title=\"article {}\">{}</th>",
            escape(article),
            escape(&label)
        );
    }
    out.push_str("</tr>");
    for claim in claims {
        let _ = write!(out, "<tr><td>{}</td>", escape(&claim.text));
        // A report on the losing side of one of this claim's conflicts contradicts it.
        // (article, the slot it disagrees on)
        let contradicting: Vec<(&str, &str)> = story
            .conflicts
            .iter()
            .filter(|c| c.claim == claim.id)
            .flat_map(|c| {
                c.values.iter().skip(1).flat_map(move |v| {
                    v.evidence
                        .iter()
                        .map(move |e| (e.article.as_str(), c.kind.as_str()))
                })
            })
            .collect();
        for article in &story.articles {
            let supports = claim.evidence.iter().any(|e| e.article == *article);
            let disputed: Vec<&str> = contradicting
                .iter()
                .filter(|(a, _)| *a == article.as_str())
                .map(|(_, kind)| *kind)
                .collect();
            if !disputed.is_empty() {
                let _ = write!(
                    out,
                    "<td class=\"contradicts\" title=\"contradicts on {0}\">&#x2717; {0}</td>",
                    escape(&disputed.join(", "))
                );
            } else if supports {
                out.push_str("<td class=\"supports\" title=\"supports\">&#x2713;</td>");
            } else {
                out.push_str("<td class=\"silent\" title=\"silent\"></td>");
            }
        }
        out.push_str("</tr>");
    }
    out.push_str("</table></div>\n");
}

fn write_article(out: &mut String, article: &DossierArticle, marks: &[(u32, u32)]) {
    let title = article.title.as_deref().unwrap_or("(untitled)");
    let _ = writeln!(
        out,
        "<article id=\"a-{}\"><h3>{}</h3><dl>",
        escape(&article.id),
        escape(title)
    );
    let mut field = |name: &str, value: &str| {
        let _ = writeln!(out, "<dt>{name}</dt><dd>{}</dd>", escape(value));
    };
    field("source", &article.source);
    let path = match article.path.record {
        Some(record) => format!("{} (record {record})", article.path.file),
        None => article.path.file.clone(),
    };
    field("path", &path);
    if let Some(url) = &article.url {
        field("url", url);
    }
    if let Some(published) = &article.published {
        let inferred = if article.published_inferred {
            " (inferred)"
        } else {
            ""
        };
        field("published", &format!("{published}{inferred}"));
    }
    if !article.authors.is_empty() {
        field("authors", &article.authors.join(", "));
    }
    if let Some(language) = &article.language {
        field("language", language);
    }
    field("sentences", &article.sentences.to_string());
    out.push_str("</dl>\n");
    for flag in &article.flags {
        let _ = write!(
            out,
            "<span class=\"flag\">{} ×{}</span>",
            escape(&format!("{:?}", flag.kind)),
            flag.count
        );
    }
    for segment in &article.segments {
        let kind = segment.kind.as_str();
        let label = if segment.kind == SegmentKind::Body {
            String::new()
        } else {
            format!("<span class=\"kind\">{kind}</span>")
        };
        let _ = writeln!(
            out,
            "<p class=\"segment {kind}\">{label}{}</p>",
            highlighted(&article.id, segment.start, &segment.text, marks)
        );
    }
    out.push_str("</article>\n");
}

/// A segment's text with the evidence spans inside it marked, each mark the
/// target of the links to that evidence. Overlapping spans keep the first.
fn highlighted(article: &str, segment_start: u32, text: &str, marks: &[(u32, u32)]) -> String {
    let segment_end = segment_start + text.len() as u32;
    let mut out = String::with_capacity(text.len() + 64);
    let mut at = 0usize;
    for &(start, end) in marks {
        if start < segment_start || end > segment_end {
            continue;
        }
        let (from, to) = (
            (start - segment_start) as usize,
            (end - segment_start) as usize,
        );
        if from < at || !text.is_char_boundary(from) || !text.is_char_boundary(to) {
            continue;
        }
        out.push_str(&escape(&text[at..from]));
        let _ = write!(
            out,
            "<mark id=\"{}\">{}</mark>",
            escape(&format!("ev-{article}-{start}")),
            escape(&text[from..to])
        );
        at = to;
    }
    out.push_str(&escape(&text[at..]));
    out
}

/// Escapes text for HTML element content and double-quoted attribute values.
pub fn escape(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '&' => out.push_str("&amp;"),
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn script_in_article_text_is_shown_as_text() {
        assert_eq!(
            escape("<script>alert('x')</script>"),
            "&lt;script&gt;alert(&#39;x&#39;)&lt;/script&gt;"
        );
    }
}
