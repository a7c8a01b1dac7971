use std::fmt::Write;

use crosscheck_core::SegmentKind;
use crosscheck_core::dossier::{Dossier, DossierArticle};

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
        "<h1>crosscheck dossier</h1><p>{} articles, {} stories.</p>",
        dossier.articles.len(),
        dossier.stories.len()
    );
    if !dossier.stories.is_empty() {
        let _ = writeln!(out, "<h2>Stories</h2><ul>");
        for story in &dossier.stories {
            let _ = writeln!(
                out,
                "<li>{} ({} articles)</li>",
                escape(&story.title),
                story.articles.len()
            );
        }
        let _ = writeln!(out, "</ul>");
    }
    let _ = writeln!(out, "<h2>Articles</h2>");
    for article in &dossier.articles {
        write_article(&mut out, article);
    }
    out.push_str("</body></html>\n");
    out
}

fn write_article(out: &mut String, article: &DossierArticle) {
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
            escape(&segment.text)
        );
    }
    out.push_str("</article>\n");
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
