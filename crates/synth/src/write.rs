use std::fs::{self, File};
use std::io::{self, BufWriter, Write};
use std::path::Path;

use flate2::Compression;
use flate2::write::GzEncoder;

use crate::corpus::SyntheticArticle;
use crate::random::Random;
use crate::words::{BOILERPLATE_LINKS, family_name, place_name};

/// Verbs of the related-links headlines.
const RELATED_VERBS: &[&str] = &[
    "wins vote",
    "resigns",
    "opens bakery",
    "warns of delays",
    "scores twice",
];

/// How generated articles are written.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum OutputForm {
    /// One `.txt` file per article in a directory.
    Text,
    /// One `.html` page per article in a directory, with boilerplate around it.
    Html,
    /// One JSON Lines file, one article per line.
    JsonLines,
    /// One `.warc.gz` file: a gzip member per HTML `response` record, as in
    /// Common Crawl's news archive.
    Warc,
}

/// Writes generated articles in one [`OutputForm`].
#[derive(Debug, Clone, Copy)]
pub struct CorpusWriter {
    form: OutputForm,
}

impl CorpusWriter {
    /// A writer for `form`.
    pub fn new(form: OutputForm) -> Self {
        CorpusWriter { form }
    }

    /// Writes every article to `path` (a directory for text and HTML, a file
    /// otherwise) and returns the number of bytes of article content written.
    pub fn write(
        &self,
        articles: impl Iterator<Item = SyntheticArticle>,
        path: &Path,
    ) -> io::Result<u64> {
        let mut bytes = 0u64;
        match self.form {
            OutputForm::Text | OutputForm::Html => {
                fs::create_dir_all(path)?;
                for article in articles {
                    let (name, content) = match self.form {
                        OutputForm::Text => (format!("{:07}.txt", article.index), article.text()),
                        _ => (format!("{:07}.html", article.index), html_page(&article)),
                    };
                    bytes += content.len() as u64;
                    fs::write(path.join(name), content)?;
                }
            }
            OutputForm::JsonLines => {
                let mut out = BufWriter::new(File::create(path)?);
                for article in articles {
                    let line = serde_json::json!({
                        "url": article.url,
                        "source": article.outlet,
                        "title": article.title,
                        "published": article.published.to_string(),
                        "authors": [article.author],
                        "text": article.paragraphs.join("\n"),
                    });
                    let line = line.to_string();
                    bytes += line.len() as u64;
                    writeln!(out, "{line}")?;
                }
                out.flush()?;
            }
            OutputForm::Warc => {
                let mut out = BufWriter::new(File::create(path)?);
                for article in articles {
                    let page = html_page(&article);
                    bytes += page.len() as u64;
                    // One gzip member per record, so a reader can seek to any record.
                    let mut member =
                        GzEncoder::new(Vec::with_capacity(page.len() / 3), Compression::fast());
                    write_warc_response(&mut member, &article, &page)?;
                    out.write_all(&member.finish()?)?;
                }
                out.flush()?;
            }
        }
        Ok(bytes)
    }
}

fn write_warc_response(
    out: &mut impl Write,
    article: &SyntheticArticle,
    page: &str,
) -> io::Result<()> {
    let http = format!(
        "HTTP/1.1 200 OK\r\nContent-Type: text/html; charset=utf-8\r\nContent-Length: {}\r\n\r\n",
        page.len()
    );
    write!(
        out,
        "WARC/1.0\r\nWARC-Type: response\r\nWARC-Target-URI: {}\r\nWARC-Date: {}T12:00:00Z\r\n\
         WARC-Record-ID: <urn:uuid:00000000-0000-4000-8000-{:012x}>\r\n\
         Content-Type: application/http; msgtype=response\r\nContent-Length: {}\r\n\r\n",
        article.url,
        article.published,
        article.index,
        http.len() + page.len()
    )?;
    out.write_all(http.as_bytes())?;
    out.write_all(page.as_bytes())?;
    out.write_all(b"\r\n\r\n")
}

/// The article as a news page: navigation, the story with its metadata, a photo,
/// related links, a newsletter box, comments and a footer, as outlets publish them.
pub fn html_page(article: &SyntheticArticle) -> String {
    let mut page = String::with_capacity(
        4096 + article
            .paragraphs
            .iter()
            .map(|p| p.len() + 8)
            .sum::<usize>(),
    );
    let title = escape(&article.title);
    page.push_str(&format!(
        "<!DOCTYPE html>\n<html lang=\"en\"><head><meta charset=\"utf-8\"><title>{title} | {outlet}</title>\
         <meta property=\"og:title\" content=\"{title}\">\
         <meta property=\"article:published_time\" content=\"{date}T08:00:00Z\">\
         <meta name=\"author\" content=\"{author}\"><link rel=\"canonical\" href=\"{url}\">\
         <script type=\"application/ld+json\">{{\"@type\":\"NewsArticle\",\"headline\":\"{title}\",\"datePublished\":\"{date}\"}}</script>\
         <style>body{{font-family:serif}}</style></head><body>\n<header><nav><ul>",
        outlet = escape(&article.outlet),
        date = article.published,
        author = escape(&article.author),
        url = escape(&article.url),
    ));
    for link in BOILERPLATE_LINKS {
        page.push_str(&format!(
            "<li><a href=\"/{}\">{link}</a></li>",
            link.to_lowercase()
        ));
    }
    page.push_str("</ul></nav><div class=\"cookie-banner\">We use cookies to improve your experience. <a href=\"/privacy\">Accept</a></div></header>\n<main><article>");
    page.push_str(&format!(
        "<h1>{title}</h1><p class=\"byline\">By <a rel=\"author\" href=\"/authors\">{}</a></p><time datetime=\"{}\">{}</time>\n",
        escape(&article.author),
        article.published,
        article.published
    ));
    for paragraph in &article.paragraphs {
        page.push_str("<p>");
        page.push_str(&escape(paragraph));
        page.push_str("</p>\n");
    }
    // Related links differ from page to page (as on real sites), so boilerplate
    // is not one fixed string a cleaner could learn.
    page.push_str("</article><aside class=\"related\"><h2>Related</h2><ul>");
    let mut related = Random::new(article.index as u64 ^ 0x005E_ED0F_11E5);
    for n in 0..3 {
        page.push_str(&format!(
            "<li><a href=\"/more/{n}\">{} {} in {}</a></li>",
            family_name(&mut related),
            RELATED_VERBS[related.below(RELATED_VERBS.len())],
            place_name(&mut related)
        ));
    }
    page.push_str(
        "</ul></aside>\
         <div class=\"newsletter\">Sign up for our morning briefing. <form><input type=\"email\"><button>Subscribe</button></form></div>\
         <section class=\"comments\"><h2>Comments</h2><div class=\"comment\">Great reporting, thanks!</div></section></main>\
         <footer><p>&copy; 2025 All rights reserved.</p><a href=\"/terms\">Terms</a></footer></body></html>\n",
    );
    page
}

fn escape(text: &str) -> String {
    text.replace('&', "&amp;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('"', "&quot;")
}
