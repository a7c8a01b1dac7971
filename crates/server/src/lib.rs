//! crosscheck's HTTP server: a JSON API under `/api/v1` (articles, stories,
//! search, entities, described at `/openapi.json`) and a web app of
//! server-rendered pages (story list, story, article, search, add form), both
//! over one archive ([`crosscheck_store::ArticleStore`]).
//!
//! Writes need the write token; reads are open unless a read token is set.
//! Article content is untrusted: pages escape it and every response carries a
//! strict Content-Security-Policy; all assets are served by the binary.
//!
//! ```no_run
//! use crosscheck_server::{ServerConfig, serve};
//! # async fn run() -> crosscheck_server::Result<()> {
//! let config = ServerConfig { write_token: Some("s3cret".into()), ..ServerConfig::default() };
//! let store = crosscheck_store::Store::open("archive.sqlite")?;
//! let listener = tokio::net::TcpListener::bind("127.0.0.1:8080").await
//!     .map_err(|e| crosscheck_server::ServerError::Internal(e.to_string()))?;
//! serve(listener, store, config).await
//! # }
//! ```
#![deny(missing_docs)]

mod api;
mod auth;
mod error;
mod openapi;
pub mod service;
mod web;

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::http::{HeaderValue, header};
use axum::middleware::Next;
use axum::response::Response;
use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_store::ArticleStore;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::set_header::SetResponseHeaderLayer;

pub use error::{Result, ServerError};
pub use openapi::{ROUTES, openapi};

/// The Content-Security-Policy of every response: nothing but the server's own
/// styles, scripts, images and form targets, and no framing.
pub const CONTENT_SECURITY_POLICY: &str = "default-src 'none'; style-src 'self'; script-src 'self'; \
     img-src 'self' data:; form-action 'self'; frame-ancestors 'none'";

/// Settings of the server.
#[derive(Debug, Clone)]
pub struct ServerConfig {
    /// The token writes need (`Authorization: Bearer …`, or the form's token).
    /// `None` turns writes off.
    pub write_token: Option<String>,
    /// The token reads need; `None` leaves reads open. The write token reads too.
    pub read_token: Option<String>,
    /// The largest request body, in bytes.
    pub max_body_bytes: usize,
    /// The most articles (JSON objects, pasted texts and files) one request adds.
    pub max_articles: usize,
    /// Where uploads are written for ingestion (one folder per content, removed
    /// after the request). Default: `crosscheck-uploads` in the system's temporary folder.
    pub upload_dir: PathBuf,
    /// The analysis pipeline's settings.
    pub pipeline: PipelineConfig,
}

impl Default for ServerConfig {
    fn default() -> Self {
        ServerConfig {
            write_token: None,
            read_token: None,
            max_body_bytes: 16 * 1024 * 1024,
            max_articles: 500,
            upload_dir: std::env::temp_dir().join("crosscheck-uploads"),
            pipeline: PipelineConfig::default(),
        }
    }
}

/// The shared state of the handlers.
#[derive(Clone)]
pub(crate) struct AppState {
    /// The archive. Its API is synchronous, so handlers use it from
    /// `spawn_blocking`; one lock keeps SQLite's single writer happy and makes
    /// an add (articles, then stories) one step for readers.
    store: Arc<Mutex<StoreHolder>>,
    pipeline: Arc<Pipeline>,
    config: Arc<ServerConfig>,
}

/// Owns the store and drops it on a plain thread: the PostgreSQL client runs
/// its own small runtime, and dropping (closing) it inside the server's
/// runtime would panic when the last handle goes at shutdown.
struct StoreHolder(Option<Box<dyn ArticleStore>>);

impl StoreHolder {
    fn get(&mut self) -> &mut dyn ArticleStore {
        self.0
            .as_deref_mut()
            .expect("the store is only taken out when the holder is dropped")
    }
}

impl Drop for StoreHolder {
    fn drop(&mut self) {
        if let Some(store) = self.0.take() {
            let _ = std::thread::spawn(move || drop(store)).join();
        }
    }
}

impl AppState {
    /// Runs `work` on the store in the blocking pool.
    pub(crate) async fn with_store<T, F>(&self, work: F) -> Result<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut dyn ArticleStore, &Pipeline, &ServerConfig) -> Result<T> + Send + 'static,
    {
        let state = self.clone();
        tokio::task::spawn_blocking(move || {
            // A handler that panicked mid-request leaves the store as its
            // transactions left it (committed or rolled back), so the lock's
            // poison carries no information here.
            let mut store = state.store.lock().unwrap_or_else(|e| e.into_inner());
            work(store.get(), &state.pipeline, &state.config)
        })
        .await
        .map_err(|e| ServerError::Internal(format!("a worker failed: {e}")))?
    }
}

/// The whole application: API, pages and assets, with the limits and security
/// headers. Builds the analysis pipeline (loads the models).
pub fn app(store: Box<dyn ArticleStore>, config: ServerConfig) -> Result<Router> {
    let pipeline = Pipeline::new(config.pipeline.clone())?;
    let max_body = config.max_body_bytes;
    let state = AppState {
        store: Arc::new(Mutex::new(StoreHolder(Some(store)))),
        pipeline: Arc::new(pipeline),
        config: Arc::new(config),
    };
    let router = Router::new()
        .merge(api::routes())
        .merge(web::routes())
        .route("/openapi.json", axum::routing::get(openapi::handler))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            auth::reads,
        ))
        .with_state(state)
        // The limit is tower-http's (it answers 413 before reading a body whose
        // length is declared too big); axum's own default limit would otherwise
        // apply a second, smaller one to JSON and forms.
        .layer(DefaultBodyLimit::disable())
        .layer(RequestBodyLimitLayer::new(max_body))
        .layer(axum::middleware::from_fn(json_errors))
        .layer(SetResponseHeaderLayer::overriding(
            header::CONTENT_SECURITY_POLICY,
            HeaderValue::from_static(CONTENT_SECURITY_POLICY),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            header::REFERRER_POLICY,
            HeaderValue::from_static("no-referrer"),
        ));
    Ok(router)
}

/// Serves the application on `listener` until the process is stopped (Ctrl-C
/// ends it cleanly).
pub async fn serve(
    listener: tokio::net::TcpListener,
    store: Box<dyn ArticleStore>,
    config: ServerConfig,
) -> Result<()> {
    let router = app(store, config)?;
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            // If the signal cannot be listened for, serve until killed.
            if tokio::signal::ctrl_c().await.is_err() {
                std::future::pending::<()>().await;
            }
        })
        .await
        .map_err(|e| ServerError::io("the server stopped", e))
}

/// The most of a plain-text error body worth quoting in a JSON error.
const MAX_QUOTED_ERROR: usize = 4096;

/// Gives every API error the JSON shape, including the ones axum and tower-http
/// answer themselves (unknown route, wrong method, bad JSON, body too large),
/// whose bodies are plain text.
async fn json_errors(request: Request, next: Next) -> Response {
    let is_api = request.uri().path().starts_with("/api/");
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"application/json"));
    if !is_api || is_json || !(status.is_client_error() || status.is_server_error()) {
        return response;
    }
    let body = axum::body::to_bytes(response.into_body(), MAX_QUOTED_ERROR)
        .await
        .unwrap_or_default();
    let text = String::from_utf8_lossy(&body);
    let message = if text.trim().is_empty() {
        status.canonical_reason().unwrap_or("error").to_string()
    } else {
        text.trim().to_string()
    };
    error::error_body(status, &message)
}

/// Binds `listen` and serves until Ctrl-C, on a multi-threaded runtime of its
/// own: the entry point for a synchronous caller such as the command line.
/// `on_ready` hears the bound address (useful with port 0).
pub fn run(
    listen: &str,
    store: Box<dyn ArticleStore>,
    config: ServerConfig,
    on_ready: impl FnOnce(std::net::SocketAddr),
) -> Result<()> {
    let runtime = tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
        .map_err(|e| ServerError::io("cannot start the server's runtime", e))?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::bind(listen)
            .await
            .map_err(|e| ServerError::io(format!("cannot listen on {listen}"), e))?;
        let address = listener
            .local_addr()
            .map_err(|e| ServerError::io("cannot read the bound address", e))?;
        // Build the app (models load here) before announcing the address.
        let router = app(store, config)?;
        on_ready(address);
        axum::serve(listener, router)
            .with_graceful_shutdown(async {
                if tokio::signal::ctrl_c().await.is_err() {
                    std::future::pending::<()>().await;
                }
            })
            .await
            .map_err(|e| ServerError::io("the server stopped", e))
    })
}
