//! The JSON API under `/api/v1`: parse the request, call [`crate::service`] or
//! the store, answer JSON. Every error is `{"error": {"code", "message"}}`.

use axum::extract::{FromRequest, Multipart, Path, Query, Request, State};
use axum::http::{HeaderMap, StatusCode, header};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use crosscheck_core::ArticleId;
use crosscheck_store::{Page, SearchQuery};
use serde::{Deserialize, Serialize};
use serde_json::json;

use crate::AppState;
use crate::auth::check_write;
use crate::error::{Result, ServerError};
use crate::service::{self, NewArticle, Upload};

pub(crate) fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/v1/articles", get(list_articles).post(add_articles))
        .route("/api/v1/articles/{id}", get(get_article))
        .route("/api/v1/stories", get(list_stories))
        .route("/api/v1/stories/{id}", get(get_story))
        .route("/api/v1/search", get(search))
        .route("/api/v1/entities", get(list_entities))
}

/// The default page size of every listing.
pub(crate) const DEFAULT_LIMIT: u32 = 20;

/// `?offset=&limit=`.
#[derive(Debug, Clone, Copy, Deserialize)]
pub(crate) struct PageParams {
    #[serde(default)]
    offset: u64,
    #[serde(default = "default_limit")]
    limit: u32,
}

fn default_limit() -> u32 {
    DEFAULT_LIMIT
}

impl PageParams {
    fn page(self) -> Result<Page> {
        if self.limit == 0 || self.limit > Page::MAX_LIMIT {
            return Err(ServerError::BadRequest(format!(
                "limit must be between 1 and {}",
                Page::MAX_LIMIT
            )));
        }
        Ok(Page {
            offset: self.offset,
            limit: self.limit,
        })
    }
}

/// Parses a query string into `T`, with a JSON error when it does not fit.
fn query<T: serde::de::DeserializeOwned>(
    q: std::result::Result<Query<T>, axum::extract::rejection::QueryRejection>,
) -> Result<T> {
    q.map(|Query(t)| t)
        .map_err(|e| ServerError::BadRequest(e.body_text()))
}

async fn list_articles(
    State(state): State<AppState>,
    params: std::result::Result<Query<PageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response> {
    let page = query(params)?.page()?;
    let listing = state
        .with_store(move |store, _, _| Ok(store.list(page)?))
        .await?;
    Ok(Json(listing).into_response())
}

async fn get_article(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response> {
    let (doc, stories) = state
        .with_store(move |store, _, _| {
            let id = ArticleId(id);
            let doc = store
                .get(&id)?
                .ok_or_else(|| ServerError::NotFound(format!("no article {id}")))?;
            let stories = store.stories_of(&id)?;
            Ok((doc, stories))
        })
        .await?;
    Ok(Json(json!({"article": doc, "stories": stories})).into_response())
}

/// `POST /api/v1/articles`: JSON `{"articles": [...]}` or multipart files.
#[derive(Debug, Deserialize)]
#[serde(deny_unknown_fields)]
struct AddBody {
    articles: Vec<NewArticle>,
}

async fn add_articles(
    State(state): State<AppState>,
    headers: HeaderMap,
    request: Request,
) -> Result<Response> {
    check_write(&state.config, &headers, None)?;
    let max = state.config.max_articles;
    let content_type = headers
        .get(header::CONTENT_TYPE)
        .and_then(|v| v.to_str().ok())
        .unwrap_or("");
    let (articles, uploads) = if content_type.starts_with("multipart/form-data") {
        let mut multipart = Multipart::from_request(request, &state)
            .await
            .map_err(|e| ServerError::BadRequest(e.body_text()))?;
        let mut uploads = Vec::new();
        while let Some(field) = multipart.next_field().await.map_err(multipart_error)? {
            let name = field
                .file_name()
                .or(field.name())
                .unwrap_or("upload.txt")
                .to_string();
            let bytes = field.bytes().await.map_err(multipart_error)?;
            if uploads.len() >= max {
                return Err(too_many(max));
            }
            uploads.push(Upload {
                name,
                bytes: bytes.to_vec(),
            });
        }
        (Vec::new(), uploads)
    } else if content_type.starts_with("application/json") {
        let Json(body) = Json::<AddBody>::from_request(request, &state)
            .await
            .map_err(|e| match e.status() {
                StatusCode::PAYLOAD_TOO_LARGE => ServerError::TooLarge(e.body_text()),
                _ => ServerError::BadRequest(e.body_text()),
            })?;
        if body.articles.len() > max {
            return Err(too_many(max));
        }
        for (i, article) in body.articles.iter().enumerate() {
            let has = |f: &Option<String>| f.as_deref().is_some_and(|t| !t.trim().is_empty());
            if !has(&article.text) && !has(&article.html) {
                return Err(ServerError::BadRequest(format!(
                    "article {} has neither `text` nor `html`",
                    i + 1
                )));
            }
        }
        (body.articles, Vec::new())
    } else {
        return Err(ServerError::BadRequest(
            "send application/json ({\"articles\": [...]}) or multipart/form-data files".into(),
        ));
    };
    let outcome = state
        .with_store(move |store, pipeline, config| {
            service::add_articles(store, pipeline, &config.upload_dir, &articles, &uploads)
        })
        .await?;
    let status = if outcome.new > 0 {
        StatusCode::CREATED
    } else {
        StatusCode::OK
    };
    Ok((status, Json(outcome)).into_response())
}

fn too_many(max: usize) -> ServerError {
    ServerError::TooLarge(format!("at most {max} articles per request"))
}

fn multipart_error(e: axum::extract::multipart::MultipartError) -> ServerError {
    if e.status() == StatusCode::PAYLOAD_TOO_LARGE {
        ServerError::TooLarge(e.body_text())
    } else {
        ServerError::BadRequest(e.body_text())
    }
}

async fn list_stories(
    State(state): State<AppState>,
    params: std::result::Result<Query<PageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response> {
    let page = query(params)?.page()?;
    let listing = state
        .with_store(move |store, _, _| Ok(store.list_stories(page)?))
        .await?;
    Ok(Json(listing).into_response())
}

/// A story as the API gives it: the stored record's fields and the dossier story.
#[derive(Debug, Serialize)]
struct StoryBody {
    id: String,
    title: String,
    articles: Vec<ArticleId>,
    updated_at: String,
    story: crosscheck_core::dossier::DossierStory,
}

async fn get_story(State(state): State<AppState>, Path(id): Path<String>) -> Result<Response> {
    let body = state
        .with_store(move |store, _, _| {
            let record = store
                .get_story(&id)?
                .ok_or_else(|| ServerError::NotFound(format!("no story {id}")))?;
            let story = service::dossier_story(&record)?;
            Ok(StoryBody {
                id: record.id,
                title: record.title,
                articles: record.article_ids,
                updated_at: record.updated_at,
                story,
            })
        })
        .await?;
    Ok(Json(body).into_response())
}

/// `?q=&entity=&source=&language=&from=&to=&offset=&limit=`.
#[derive(Debug, Clone, Default, Deserialize)]
pub(crate) struct SearchParams {
    #[serde(default)]
    pub(crate) q: String,
    pub(crate) entity: Option<String>,
    pub(crate) source: Option<String>,
    pub(crate) language: Option<String>,
    pub(crate) from: Option<String>,
    pub(crate) to: Option<String>,
    #[serde(default)]
    pub(crate) offset: u64,
    pub(crate) limit: Option<u32>,
}

impl SearchParams {
    /// The store's query; empty filters (as an HTML form sends them) are no filters.
    pub(crate) fn to_query(&self) -> Result<SearchQuery> {
        let text = |v: &Option<String>| {
            v.as_deref()
                .map(str::trim)
                .filter(|s| !s.is_empty())
                .map(str::to_string)
        };
        let date = |name: &str, v: &Option<String>| -> Result<Option<jiff::civil::Date>> {
            text(v)
                .map(|s| {
                    s.parse::<jiff::civil::Date>().map_err(|_| {
                        ServerError::BadRequest(format!(
                            "`{name}` must be a date (YYYY-MM-DD), not {s:?}"
                        ))
                    })
                })
                .transpose()
        };
        let limit = self.limit.unwrap_or(DEFAULT_LIMIT);
        if limit == 0 || limit > Page::MAX_LIMIT {
            return Err(ServerError::BadRequest(format!(
                "limit must be between 1 and {}",
                Page::MAX_LIMIT
            )));
        }
        Ok(SearchQuery {
            text: self.q.clone(),
            entity: text(&self.entity),
            source: text(&self.source),
            language: text(&self.language),
            from: date("from", &self.from)?,
            to: date("to", &self.to)?,
            offset: self.offset,
            limit,
        })
    }
}

async fn search(
    State(state): State<AppState>,
    params: std::result::Result<Query<SearchParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response> {
    let query = query(params)?.to_query()?;
    let results = state
        .with_store(move |store, _, _| Ok(crosscheck_store::search(store, &query)?))
        .await?;
    Ok(Json(results).into_response())
}

async fn list_entities(
    State(state): State<AppState>,
    params: std::result::Result<Query<PageParams>, axum::extract::rejection::QueryRejection>,
) -> Result<Response> {
    let page = query(params)?.page()?;
    let listing = state
        .with_store(move |store, _, _| Ok(store.list_entities(page)?))
        .await?;
    Ok(Json(listing).into_response())
}
