//! The web app: server-rendered pages over the same store and services as the
//! API. Article content is untrusted: every piece of it goes through
//! [`escape`]; pages carry no inline style or script (the CSP forbids them), and
//! their CSS is served from `/assets/`.

use std::collections::{BTreeSet, HashMap};
use std::fmt::Write;

use axum::extract::rejection::QueryRejection;
use axum::extract::{Multipart, Path, Query, State};
use axum::http::{HeaderMap, HeaderValue, StatusCode, header};
use axum::response::{Html, IntoResponse, Redirect, Response};
use axum::routing::get;
use axum::{Form, Router};
use crosscheck_core::{ArticleId, Doc, Published};
use crosscheck_report::{escape_html as escape, html_stylesheet, render_story_html};
use crosscheck_store::{Page, Snippet};
use serde::Deserialize;

use crate::AppState;
use crate::api::SearchParams;
use crate::auth::{COOKIE, check_write};
use crate::error::ServerError;
use crate::service::{self, ArticleView, NewArticle, StoryView, Upload, url_segment};

/// The web app's own stylesheet (the report's comes from the report crate).
const APP_CSS: &str = include_str!("assets/app.css");

/// Stories per page of the story list.
const STORIES_PER_PAGE: u32 = 50;

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(story_list))
        .route("/stories/{id}", get(story_page))
        .route("/articles/{id}", get(article_page))
        .route("/search", get(search_page))
        .route("/add", get(add_form).post(add_submit))
        .route("/login", get(login_form).post(login_submit))
        .route("/assets/app.css", get(|| async { css(APP_CSS) }))
        .route(
            "/assets/report.css",
            get(|| async { css(html_stylesheet()) }),
        )
}

fn css(text: &'static str) -> Response {
    (
        [
            (header::CONTENT_TYPE, "text/css; charset=utf-8"),
            (header::CACHE_CONTROL, "public, max-age=3600"),
        ],
        text,
    )
        .into_response()
}

/// A page's error: the error's status, shown as a page.
pub(crate) struct PageError(ServerError);

impl From<ServerError> for PageError {
    fn from(e: ServerError) -> Self {
        PageError(e)
    }
}

impl IntoResponse for PageError {
    fn into_response(self) -> Response {
        let status = self.0.status();
        let body = format!(
            "<h1>{}</h1><p class=\"error\">{}</p>",
            status.as_u16(),
            escape(&self.0.to_string())
        );
        (
            status,
            layout(status.canonical_reason().unwrap_or("Error"), &body),
        )
            .into_response()
    }
}

type PageResult = std::result::Result<Response, PageError>;

/// The frame of every page.
fn layout(title: &str, body: &str) -> Html<String> {
    Html(format!(
        "<!doctype html>\n<html lang=\"en\"><head><meta charset=\"utf-8\">\
         <meta name=\"viewport\" content=\"width=device-width,initial-scale=1\">\
         <title>{} · crosscheck</title>\
         <link rel=\"stylesheet\" href=\"/assets/report.css\"><link rel=\"stylesheet\" href=\"/assets/app.css\">\
         </head><body><nav><a class=\"brand\" href=\"/\">crosscheck</a> <a href=\"/\">Stories</a> \
         <a href=\"/search\">Search</a> <a href=\"/add\">Add articles</a> <a href=\"/login\">Token</a></nav>\
         <main>\n{body}\n</main></body></html>\n",
        escape(title)
    ))
}

#[derive(Debug, Default, Deserialize)]
struct OffsetParams {
    #[serde(default)]
    offset: u64,
}

async fn story_list(
    State(state): State<AppState>,
    params: Result<Query<OffsetParams>, QueryRejection>,
) -> PageResult {
    let offset = params.map(|Query(p)| p.offset).unwrap_or(0);
    let listing = state
        .with_store(move |store, _, _| {
            Ok(store.list_stories(Page {
                offset,
                limit: STORIES_PER_PAGE,
            })?)
        })
        .await?;
    let (rows, total) = (listing.items, listing.total);
    let mut body = String::from("<h1>Stories</h1>");
    if rows.is_empty() && offset == 0 {
        body.push_str("<p>The archive has no stories yet. <a href=\"/add\">Add articles</a>.</p>");
    }
    body.push_str(
        "<table class=\"stories\"><thead><tr><th>Story</th><th>Articles</th><th>Independent sources</th>\
         <th>Open conflicts</th><th>Latest report</th><th>Updated</th></tr></thead><tbody>",
    );
    for row in &rows {
        // `2026-03-04T07:15:00.123Z` reads as `2026-03-04 07:15`.
        let updated = row
            .updated_at
            .get(..16)
            .unwrap_or(&row.updated_at)
            .replace('T', " ");
        let _ = write!(
            body,
            "<tr class=\"story-row\"><td><a href=\"/stories/{}\">{}</a></td><td class=\"articles\">{}</td>\
             <td class=\"origins\">{}</td><td class=\"conflicts\">{}</td><td>{}</td><td>{}</td></tr>",
            url_segment(&row.id),
            escape(&row.title),
            row.articles,
            row.origins,
            row.open_conflicts,
            escape(row.latest.as_deref().unwrap_or("")),
            escape(&updated)
        );
    }
    body.push_str("</tbody></table>");
    pager(&mut body, "/?", offset, STORIES_PER_PAGE, total);
    Ok(layout("Stories", &body).into_response())
}

/// Previous/next links for a listing.
fn pager(out: &mut String, base: &str, offset: u64, limit: u32, total: u64) {
    let limit = u64::from(limit);
    out.push_str("<p class=\"pager\">");
    if offset > 0 {
        let _ = write!(
            out,
            "<a href=\"{}offset={}\">previous</a> ",
            escape(base),
            offset.saturating_sub(limit)
        );
    }
    if offset + limit < total {
        let _ = write!(
            out,
            "<a href=\"{}offset={}\">next</a>",
            escape(base),
            offset + limit
        );
    }
    out.push_str("</p>");
}

async fn story_page(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let view = state
        .with_store(move |store, _, _| StoryView::load(store, &id))
        .await?;
    let sources: HashMap<&str, &str> = view
        .docs
        .iter()
        .map(|(id, doc)| (id.as_str(), doc.article.source.as_str()))
        .collect();
    let mut body = format!(
        "<p class=\"crumbs\"><a href=\"/\">Stories</a> · <a href=\"/api/v1/stories/{}\">JSON</a></p>",
        url_segment(&view.record.id)
    );
    body.push_str(&render_story_html(&view.story, &sources, &|e| {
        view.evidence_href(e)
    }));
    body.push_str("<h2>Articles</h2><ul class=\"articles\">");
    for id in &view.story.articles {
        match view.docs.get(id) {
            Some(doc) => {
                body.push_str("<li>");
                article_line(&mut body, doc);
                body.push_str("</li>");
            }
            None => {
                let _ = write!(body, "<li>{} (not in the archive)</li>", escape(id));
            }
        }
    }
    body.push_str("</ul>");
    Ok(layout(&view.story.title, &body).into_response())
}

/// A link to an article with its outlet and date.
fn article_line(out: &mut String, doc: &Doc) {
    let article = &doc.article;
    article_link(
        out,
        &article.id,
        article.title.as_deref(),
        &article.source,
        article.published.as_ref(),
    );
}

/// `<a>title</a> outlet date`, every part escaped.
fn article_link(
    out: &mut String,
    id: &ArticleId,
    title: Option<&str>,
    source: &str,
    published: Option<&Published>,
) {
    let published = published.map(|p| p.to_string()).unwrap_or_default();
    let _ = write!(
        out,
        "<a href=\"/articles/{}\">{}</a> <span class=\"meta\">{} {}</span>",
        url_segment(&id.0),
        escape(title.unwrap_or("(untitled)")),
        escape(source),
        escape(&published)
    );
}

async fn article_page(State(state): State<AppState>, Path(id): Path<String>) -> PageResult {
    let view = state
        .with_store(move |store, _, _| ArticleView::load(store, &id))
        .await?;
    let doc = &view.doc;
    let article = &doc.article;
    let title = article.title.as_deref().unwrap_or("(untitled)");
    let mut body = format!("<article class=\"reader\"><h1>{}</h1><dl>", escape(title));
    let mut field = |name: &str, value: &str| {
        let _ = write!(body, "<dt>{name}</dt><dd>{}</dd>", escape(value));
    };
    field("source", &article.source);
    if let Some(published) = &article.published {
        field("published", &published.to_string());
    }
    if !article.authors.is_empty() {
        field("authors", &article.authors.join(", "));
    }
    if let Some(language) = &article.language {
        field("language", language);
    }
    field("id", &article.id.0);
    if let Some(url) = &article.url {
        // Only web links are links: a `javascript:` URL stays text.
        if url.starts_with("https://") || url.starts_with("http://") {
            let _ = write!(
                body,
                "<dt>url</dt><dd><a rel=\"noopener noreferrer nofollow\" href=\"{}\">{}</a></dd>",
                escape(url),
                escape(url)
            );
        } else {
            let _ = write!(body, "<dt>url</dt><dd>{}</dd>", escape(url));
        }
    }
    body.push_str("</dl>");
    if !view.stories.is_empty() {
        body.push_str("<p class=\"in-stories\">In ");
        for (i, (id, title)) in view.stories.iter().enumerate() {
            if i > 0 {
                body.push_str(", ");
            }
            let _ = write!(
                body,
                "<a href=\"/stories/{}\">{}</a>",
                url_segment(id),
                escape(title)
            );
        }
        body.push_str("</p>");
    }
    body.push_str("<div class=\"text\">");
    write_body(&mut body, doc, &view.evidence_sentences);
    // The text as read, before cleaning took out markup and boilerplate: a
    // reader checking the source can see what was there (escaped, so a
    // `<script>` in it is text).
    if article.text != doc.body {
        let _ = write!(
            body,
            "</div><details class=\"as-read\"><summary>Text as read</summary><pre>{}</pre></details><div>",
            escape(&article.text)
        );
    }
    let _ = write!(
        body,
        "</div><p class=\"crumbs\"><a href=\"/api/v1/articles/{}\">JSON with the analysis</a></p></article>",
        url_segment(&article.id.0)
    );
    Ok(layout(title, &body).into_response())
}

/// The body, one paragraph per segment, each sentence a `<span id="s-N">` (the
/// target of evidence links; the stylesheet highlights the targeted one) and the
/// sentences the stories cite marked as evidence.
fn write_body(out: &mut String, doc: &Doc, evidence: &BTreeSet<usize>) {
    let text = doc.body.as_str();
    let len = text.len() as u32;
    let segments: Vec<(u32, u32, &str)> = if doc.segments.is_empty() {
        vec![(0, len, "body")]
    } else {
        doc.segments
            .iter()
            .map(|s| (s.span.start, s.span.end, s.kind.as_str()))
            .collect()
    };
    for (start, end, kind) in segments {
        let _ = write!(out, "<p class=\"segment {}\">", escape(kind));
        let mut at = start;
        for (n, sentence) in doc.sentences.iter().enumerate() {
            let (s, e) = (sentence.span.start, sentence.span.end);
            if s < at || e > end || s >= e {
                continue;
            }
            out.push_str(&escape(text.get(at as usize..s as usize).unwrap_or("")));
            let class = if evidence.contains(&n) {
                "sentence evidence"
            } else {
                "sentence"
            };
            let _ = write!(
                out,
                "<span class=\"{class}\" id=\"s-{n}\">{}</span>",
                escape(text.get(s as usize..e as usize).unwrap_or(""))
            );
            at = e;
        }
        out.push_str(&escape(text.get(at as usize..end as usize).unwrap_or("")));
        out.push_str("</p>\n");
    }
}

async fn search_page(
    State(state): State<AppState>,
    params: Result<Query<SearchParams>, QueryRejection>,
) -> PageResult {
    let params = params
        .map(|Query(p)| p)
        .map_err(|e| ServerError::BadRequest(e.body_text()))?;
    let asked = !params.q.trim().is_empty()
        || [
            &params.entity,
            &params.source,
            &params.language,
            &params.from,
            &params.to,
        ]
        .iter()
        .any(|v| v.as_deref().is_some_and(|s| !s.trim().is_empty()));
    let value = |v: &Option<String>| escape(v.as_deref().unwrap_or(""));
    let mut body = format!(
        "<h1>Search</h1><form class=\"search\" method=\"get\" action=\"/search\">\
         <input type=\"search\" name=\"q\" value=\"{}\" placeholder=\"words, &quot;a phrase&quot;, prefix*\" autofocus>\
         <input name=\"entity\" value=\"{}\" placeholder=\"entity\"><input name=\"source\" value=\"{}\" placeholder=\"source\">\
         <input name=\"language\" value=\"{}\" placeholder=\"language\" size=\"4\">\
         <label>from <input type=\"date\" name=\"from\" value=\"{}\"></label><label>to <input type=\"date\" name=\"to\" value=\"{}\"></label>\
         <button type=\"submit\">Search</button></form>",
        escape(&params.q),
        value(&params.entity),
        value(&params.source),
        value(&params.language),
        value(&params.from),
        value(&params.to)
    );
    if asked {
        let query = params.to_query()?;
        let (limit, offset) = (query.limit, query.offset);
        let results = state
            .with_store(move |store, _, _| Ok(crosscheck_store::search(store, &query)?))
            .await?;
        let _ = write!(
            body,
            "<p class=\"total\">{}{} {}</p><ol class=\"hits\">",
            // A broad query is ranked over its newest matches: the count is a floor.
            if results.total_is_lower_bound {
                "at least "
            } else {
                ""
            },
            results.total,
            if results.total == 1 {
                "article matches"
            } else {
                "articles match"
            }
        );
        for hit in &results.hits {
            let article = &hit.article;
            body.push_str("<li class=\"hit\">");
            article_link(
                &mut body,
                &article.id,
                article.title.as_deref(),
                &article.source,
                article.published.as_ref(),
            );
            let _ = write!(
                body,
                "<p class=\"snippet\">{}</p></li>",
                highlighted_snippet(&hit.snippet)
            );
        }
        body.push_str("</ol>");
        let base = format!(
            "/search?q={}&entity={}&source={}&language={}&from={}&to={}&",
            form_encode(&params.q),
            form_encode(params.entity.as_deref().unwrap_or("")),
            form_encode(params.source.as_deref().unwrap_or("")),
            form_encode(params.language.as_deref().unwrap_or("")),
            form_encode(params.from.as_deref().unwrap_or("")),
            form_encode(params.to.as_deref().unwrap_or(""))
        );
        pager(&mut body, &base, offset, limit, results.total);
    }
    Ok(layout("Search", &body).into_response())
}

/// Encodes a query-string value.
fn form_encode(value: &str) -> String {
    let mut out = String::with_capacity(value.len());
    for b in value.bytes() {
        match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'_' | b'.' | b'~' => {
                out.push(b as char)
            }
            b' ' => out.push('+'),
            _ => {
                let _ = write!(out, "%{b:02X}");
            }
        }
    }
    out
}

/// A snippet, escaped, with its matches in `<mark>`.
fn highlighted_snippet(snippet: &Snippet) -> String {
    let text = snippet.text.as_str();
    let mut out = String::new();
    let mut at = 0;
    for &(start, end) in &snippet.highlights {
        let (Some(before), Some(hit)) = (text.get(at..start), text.get(start..end)) else {
            continue;
        };
        out.push_str(&escape(before));
        let _ = write!(out, "<mark>{}</mark>", escape(hit));
        at = end;
    }
    out.push_str(&escape(text.get(at..).unwrap_or("")));
    out
}

/// The add form: paste one article or upload files.
fn add_form_body(message: &str) -> String {
    format!(
        "<h1>Add articles</h1>{message}\
         <form class=\"add\" method=\"post\" action=\"/add\" enctype=\"multipart/form-data\">\
         <fieldset><legend>Paste an article</legend>\
         <label>Title <input name=\"title\"></label><label>Source <input name=\"source\" placeholder=\"outlet\"></label>\
         <label>URL <input name=\"url\" type=\"url\"></label><label>Published <input name=\"published\" placeholder=\"2025-05-14\"></label>\
         <label>Text <textarea name=\"text\" rows=\"12\"></textarea></label></fieldset>\
         <fieldset><legend>or upload files</legend><input type=\"file\" name=\"files\" multiple>\
         <p class=\"hint\">Text, HTML, JSON Lines, RSS/Atom, WARC, gzip — as <code>crosscheck add</code> reads them.</p></fieldset>\
         <label>Write token <input type=\"password\" name=\"token\" autocomplete=\"current-password\"></label>\
         <p class=\"hint\">Not needed after entering the token on the <a href=\"/login\">token page</a>.</p>\
         <button type=\"submit\">Add</button></form>"
    )
}

async fn add_form() -> Response {
    layout("Add articles", &add_form_body("")).into_response()
}

async fn add_submit(
    State(state): State<AppState>,
    headers: HeaderMap,
    mut multipart: Multipart,
) -> PageResult {
    let max = state.config.max_articles;
    let mut pasted = NewArticle::default();
    let mut uploads = Vec::new();
    let mut token = None;
    let bad = |e: axum::extract::multipart::MultipartError| {
        if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
            ServerError::TooLarge(e.body_text())
        } else {
            ServerError::BadRequest(e.body_text())
        }
    };
    while let Some(field) = multipart.next_field().await.map_err(bad)? {
        let name = field.name().unwrap_or("").to_string();
        if name == "files" {
            let file_name = field.file_name().unwrap_or("upload.txt").to_string();
            let bytes = field.bytes().await.map_err(bad)?;
            // A file input with nothing chosen still sends an empty part.
            if bytes.is_empty() && file_name.is_empty() {
                continue;
            }
            if uploads.len() >= max {
                return Err(
                    ServerError::TooLarge(format!("at most {max} articles per request")).into(),
                );
            }
            uploads.push(Upload {
                name: file_name,
                bytes: bytes.to_vec(),
            });
            continue;
        }
        let value = field.text().await.map_err(bad)?;
        let value = Some(value).filter(|v| !v.trim().is_empty());
        match name.as_str() {
            "token" => token = value,
            "title" => pasted.title = value,
            "source" => pasted.source = value,
            "url" => pasted.url = value,
            "published" => pasted.published = value,
            "text" => pasted.text = value,
            _ => {}
        }
    }
    if let Err(e) = check_write(&state.config, &headers, token.as_deref()) {
        let message = format!("<p class=\"error\">{}</p>", escape(&e.to_string()));
        return Ok((e.status(), layout("Add articles", &add_form_body(&message))).into_response());
    }
    let articles = if pasted.text.is_some() {
        vec![pasted]
    } else {
        Vec::new()
    };
    if articles.len() + uploads.len() > max {
        return Err(ServerError::TooLarge(format!("at most {max} articles per request")).into());
    }
    let (outcome, stories) = state
        .with_store(move |store, pipeline, config| {
            let outcome =
                service::add_articles(store, pipeline, &config.upload_dir, &articles, &uploads)?;
            let mut stories = Vec::new();
            for id in &outcome.stories {
                if let Some(record) = store.get_story(id)? {
                    stories.push((record.id, record.title, record.article_ids.len()));
                }
            }
            Ok((outcome, stories))
        })
        .await?;
    let mut body = format!(
        "<h1>Added</h1><p class=\"outcome\">{} read, <span class=\"new\">{}</span> new, {} already stored, {} failed.</p>",
        outcome.read, outcome.new, outcome.already_stored, outcome.failed
    );
    if !outcome.problems.is_empty() {
        body.push_str("<ul class=\"problems\">");
        for p in &outcome.problems {
            let _ = write!(body, "<li>{}: {}</li>", escape(&p.file), escape(&p.reason));
        }
        body.push_str("</ul>");
    }
    if !outcome.new_articles.is_empty() || !outcome.known_articles.is_empty() {
        body.push_str("<h2>Articles</h2><ul class=\"added\">");
        for id in outcome.new_articles.iter().chain(&outcome.known_articles) {
            let _ = write!(
                body,
                "<li><a href=\"/articles/{}\">{}</a></li>",
                url_segment(&id.0),
                escape(&id.0)
            );
        }
        body.push_str("</ul>");
    }
    if !stories.is_empty() {
        body.push_str("<h2>Stories</h2><ul class=\"stories\">");
        for (id, title, count) in &stories {
            let _ = write!(
                body,
                "<li><a href=\"/stories/{}\">{}</a> <span class=\"count\">{} {}</span></li>",
                url_segment(id),
                escape(title),
                count,
                if *count == 1 { "article" } else { "articles" }
            );
        }
        body.push_str("</ul>");
    }
    body.push_str("<p><a href=\"/add\">Add more</a></p>");
    Ok(layout("Added", &body).into_response())
}

/// The token page, with an optional message and the page to go back to.
pub(crate) fn login_page(message: Option<&str>, next: &str) -> Response {
    let status = if message.is_some() {
        StatusCode::UNAUTHORIZED
    } else {
        StatusCode::OK
    };
    let message = message
        .map(|m| format!("<p class=\"error\">{}</p>", escape(m)))
        .unwrap_or_default();
    let body = format!(
        "<h1>Token</h1>{message}<p>The token is kept in a cookie for this site, for reading (when the archive \
         needs it) and for adding articles.</p><form class=\"login\" method=\"post\" action=\"/login\">\
         <input type=\"hidden\" name=\"next\" value=\"{}\">\
         <label>Token <input type=\"password\" name=\"token\" autocomplete=\"current-password\"></label>\
         <button type=\"submit\">Save</button></form>",
        escape(next)
    );
    (status, layout("Token", &body)).into_response()
}

#[derive(Debug, Deserialize)]
struct LoginParams {
    #[serde(default)]
    next: Option<String>,
}

async fn login_form(params: Result<Query<LoginParams>, QueryRejection>) -> Response {
    let next = params
        .ok()
        .and_then(|Query(p)| p.next)
        .unwrap_or_else(|| "/".into());
    login_page(None, &next)
}

#[derive(Debug, Deserialize)]
struct LoginForm {
    token: String,
    #[serde(default)]
    next: String,
}

async fn login_submit(State(state): State<AppState>, Form(form): Form<LoginForm>) -> Response {
    let token = form.token.trim();
    let known = [&state.config.write_token, &state.config.read_token]
        .iter()
        .any(|t| t.as_deref() == Some(token));
    // Only a local path: an open redirect would send readers anywhere.
    let next = if form.next.starts_with('/')
        && !form.next.starts_with("//")
        && !form.next.contains('\\')
    {
        form.next.as_str()
    } else {
        "/"
    };
    let cookie_safe = token
        .bytes()
        .all(|b| b.is_ascii_graphic() && b != b';' && b != b',' && b != b'"');
    if token.is_empty() || !known || !cookie_safe {
        return login_page(Some("That is not this server's token."), next);
    }
    let cookie = format!("{COOKIE}={token}; Path=/; HttpOnly; SameSite=Strict");
    let mut response = Redirect::to(next).into_response();
    if let Ok(value) = HeaderValue::from_str(&cookie) {
        response.headers_mut().insert(header::SET_COOKIE, value);
    }
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn snippets_are_escaped_and_marked() {
        let snippet = Snippet {
            text: "a <b> ferry".into(),
            highlights: vec![(6, 11), (40, 50)],
        };
        assert_eq!(
            highlighted_snippet(&snippet),
            "a &lt;b&gt; <mark>ferry</mark>"
        );
    }

    #[test]
    fn query_values_are_encoded() {
        assert_eq!(form_encode("a b&c=\"d\""), "a+b%26c%3D%22d%22");
    }
}
