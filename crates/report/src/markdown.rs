use crate::counted;
use std::fmt::Write;

use crosscheck_core::SegmentKind;
use crosscheck_core::dossier::{Dossier, DossierArticle, DossierStory, Evidence};

use crate::whos_who::whos_who;

/// The dossier as a Markdown report: stories first, then each article with its
/// metadata and the lines that are not report text.
pub fn render(dossier: &Dossier) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# crosscheck dossier\n");
    let _ = writeln!(
        out,
        "{}, {}.\n",
        counted(dossier.articles.len(), "article", "articles"),
        counted(dossier.stories.len(), "story", "stories")
    );
    for story in &dossier.stories {
        write_story(&mut out, story);
    }
    let _ = writeln!(out, "## Articles\n");
    for article in &dossier.articles {
        write_article(&mut out, article);
    }
    out
}

fn write_story(out: &mut String, story: &DossierStory) {
    let _ = writeln!(out, "## Story: {}\n", inline(&story.title));
    let _ = writeln!(
        out,
        "{} from {}; {}, {}.\n",
        counted(story.articles.len(), "article", "articles"),
        counted(story.origins, "independent source", "independent sources"),
        counted(story.conflicts.len(), "conflict", "conflicts"),
        counted(story.updates.len(), "update", "updates")
    );
    if !story.conflicts.is_empty() {
        let _ = writeln!(out, "### Conflicts\n");
        for conflict in &story.conflicts {
            let _ = writeln!(
                out,
                "- **{}**: {}",
                conflict.kind,
                inline(&conflict.explanation)
            );
            for value in &conflict.values {
                let _ = writeln!(
                    out,
                    "  - *{}* ({})",
                    inline(&value.value),
                    counted(value.origins, "source", "sources")
                );
                write_evidence(out, &value.evidence, "    ");
            }
        }
        let _ = writeln!(out);
    }
    if !story.updates.is_empty() {
        let _ = writeln!(out, "### Updates\n");
        for update in &story.updates {
            let _ = writeln!(out, "- {}", inline(&update.explanation));
        }
        let _ = writeln!(out);
    }
    if !story.timeline.is_empty() {
        let _ = writeln!(out, "### Timeline\n");
        for entry in &story.timeline {
            let _ = writeln!(
                out,
                "- {} ({}, {}): {}",
                entry.date,
                entry.status,
                counted(entry.origins, "source", "sources"),
                inline(&entry.text)
            );
        }
        let _ = writeln!(out);
    }
    if !story.claims.is_empty() {
        let _ = writeln!(out, "### Claims\n");
        for claim in &story.claims {
            let flagged = if claim.only_flagged_sources {
                " — only flagged sources"
            } else {
                ""
            };
            let _ = writeln!(
                out,
                "- {} *({}, {} sources{flagged})*",
                inline(&claim.text),
                claim.modality,
                claim.origins
            );
            write_evidence(out, &claim.evidence, "  ");
        }
        let _ = writeln!(out);
    }
    let rows = whos_who(story);
    if !rows.is_empty() {
        let _ = writeln!(out, "### Who's who\n");
        let _ = writeln!(out, "| name | kind | titles | also written | reports |");
        let _ = writeln!(out, "| --- | --- | --- | --- | --- |");
        for row in rows {
            let _ = writeln!(
                out,
                "| {} | {} | {} | {} | {} |",
                inline(row.name),
                row.kind,
                inline(&row.titles),
                inline(&row.aliases),
                row.reports
            );
        }
        let _ = writeln!(out);
    }
    if !story.quotes.is_empty() {
        let _ = writeln!(out, "### Quotes\n");
        for quote in &story.quotes {
            let speaker = quote.speaker.as_deref().unwrap_or("(unattributed)");
            let _ = writeln!(
                out,
                "- **{}** ({})",
                inline(speaker),
                counted(quote.origins, "source", "sources")
            );
            for variant in &quote.variants {
                let _ = writeln!(out, "  - \u{201c}{}\u{201d}", inline(&variant.text));
                write_evidence(out, &variant.evidence, "    ");
            }
        }
        let _ = writeln!(out);
    }
}

fn write_evidence(out: &mut String, evidence: &[Evidence], indent: &str) {
    for e in evidence {
        let _ = writeln!(
            out,
            "{indent}- {} `{}` [{}..{}]: {}",
            inline(&e.source),
            e.article,
            e.start,
            e.end,
            inline(&e.text)
        );
    }
}

fn write_article(out: &mut String, article: &DossierArticle) {
    let title = article.title.as_deref().unwrap_or("(untitled)");
    let _ = writeln!(out, "### {}\n", inline(title));
    let _ = writeln!(out, "- id: `{}`", article.id);
    let _ = writeln!(out, "- source: {}", inline(&article.source));
    match article.path.record {
        Some(record) => {
            let _ = writeln!(out, "- path: `{}` record {record}", article.path.file);
        }
        None => {
            let _ = writeln!(out, "- path: `{}`", article.path.file);
        }
    }
    if let Some(url) = &article.url {
        let _ = writeln!(out, "- url: <{url}>");
    }
    if let Some(published) = &article.published {
        let inferred = if article.published_inferred {
            " (inferred)"
        } else {
            ""
        };
        let _ = writeln!(out, "- published: {published}{inferred}");
    }
    if !article.authors.is_empty() {
        let _ = writeln!(out, "- authors: {}", inline(&article.authors.join(", ")));
    }
    if let Some(language) = &article.language {
        let _ = writeln!(out, "- language: {language}");
    }
    if let Some(original) = &article.duplicate_of {
        let _ = writeln!(out, "- copy of: `{original}`");
    }
    let _ = writeln!(out, "- sentences: {}", article.sentences);
    for flag in &article.flags {
        let _ = writeln!(out, "- flag: {:?} ×{}", flag.kind, flag.count);
    }
    let labelled: Vec<_> = article
        .segments
        .iter()
        .filter(|s| s.kind != SegmentKind::Body)
        .collect();
    if !labelled.is_empty() {
        let _ = writeln!(out, "\nNot report text:\n");
        for segment in labelled {
            let _ = writeln!(
                out,
                "- *{}*: {}",
                segment.kind.as_str(),
                inline(&segment.text)
            );
        }
    }
    let _ = writeln!(out);
}

/// Article text inside Markdown: one line, and no character that would start
/// markup of its own.
fn inline(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    for c in text.chars() {
        match c {
            '\n' | '\r' => out.push(' '),
            '\\' | '`' | '*' | '_' | '[' | ']' | '<' | '>' | '#' | '|' => {
                out.push('\\');
                out.push(c);
            }
            _ => out.push(c),
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn article_text_cannot_inject_markup() {
        assert_eq!(inline("<b>*hi*</b>\n# x"), "\\<b\\>\\*hi\\*\\</b\\> \\# x");
    }
}
