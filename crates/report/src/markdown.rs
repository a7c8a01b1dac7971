use std::fmt::Write;

use crosscheck_core::SegmentKind;
use crosscheck_core::dossier::{Dossier, DossierArticle};

/// The dossier as a Markdown report: stories first, then each article with its
/// metadata and the lines that are not report text.
pub fn render(dossier: &Dossier) -> String {
    let mut out = String::new();
    let _ = writeln!(out, "# crosscheck dossier\n");
    let _ = writeln!(
        out,
        "{} articles, {} stories.\n",
        dossier.articles.len(),
        dossier.stories.len()
    );
    for story in &dossier.stories {
        let _ = writeln!(out, "## Story: {}\n", inline(&story.title));
        let _ = writeln!(out, "{} articles.\n", story.articles.len());
    }
    let _ = writeln!(out, "## Articles\n");
    for article in &dossier.articles {
        write_article(&mut out, article);
    }
    out
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
