//! One error type for the server, and how each error looks on the wire: JSON
//! `{"error": {"code", "message"}}` with the status that fits.

use axum::Json;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use serde_json::json;

/// Everything that can go wrong in a request or when starting the server.
#[derive(Debug, thiserror::Error)]
pub enum ServerError {
    /// The archive failed.
    #[error("the archive failed: {0}")]
    Store(#[from] crosscheck_store::StoreError),
    /// The analysis pipeline could not be built.
    #[error("the analysis pipeline could not be built: {0}")]
    Pipeline(#[from] crosscheck_pipeline::PipelineError),
    /// Reading or writing a file (uploads, the token file, the listening socket).
    #[error("{context}: {source}")]
    Io {
        /// What was being done.
        context: String,
        /// What the system said.
        source: std::io::Error,
    },
    /// The thing asked for does not exist.
    #[error("{0}")]
    NotFound(String),
    /// The request is malformed.
    #[error("{0}")]
    BadRequest(String),
    /// The request needs a token it does not carry (or carries a wrong one).
    #[error("{0}")]
    Unauthorized(String),
    /// The server does not allow this at all (e.g. writes with no token configured).
    #[error("{0}")]
    Forbidden(String),
    /// The request is over a configured limit.
    #[error("{0}")]
    TooLarge(String),
    /// A bug or a worker that died.
    #[error("internal error: {0}")]
    Internal(String),
}

/// Result alias for this crate.
pub type Result<T> = std::result::Result<T, ServerError>;

impl ServerError {
    /// An I/O error with what was being done.
    pub(crate) fn io(context: impl Into<String>, source: std::io::Error) -> Self {
        ServerError::Io {
            context: context.into(),
            source,
        }
    }

    /// The HTTP status of this error.
    pub fn status(&self) -> StatusCode {
        match self {
            ServerError::NotFound(_) => StatusCode::NOT_FOUND,
            ServerError::BadRequest(_) => StatusCode::BAD_REQUEST,
            ServerError::Unauthorized(_) => StatusCode::UNAUTHORIZED,
            ServerError::Forbidden(_) => StatusCode::FORBIDDEN,
            ServerError::TooLarge(_) => StatusCode::PAYLOAD_TOO_LARGE,
            ServerError::Store(crosscheck_store::StoreError::Query(_)) => StatusCode::BAD_REQUEST,
            ServerError::Store(_)
            | ServerError::Pipeline(_)
            | ServerError::Io { .. }
            | ServerError::Internal(_) => StatusCode::INTERNAL_SERVER_ERROR,
        }
    }

    /// A stable, machine-readable code for this error.
    pub fn code(&self) -> &'static str {
        code_of(self.status())
    }
}

/// The error code that goes with a status.
pub(crate) fn code_of(status: StatusCode) -> &'static str {
    match status {
        StatusCode::BAD_REQUEST => "bad_request",
        StatusCode::UNAUTHORIZED => "unauthorized",
        StatusCode::FORBIDDEN => "forbidden",
        StatusCode::NOT_FOUND => "not_found",
        StatusCode::METHOD_NOT_ALLOWED => "method_not_allowed",
        StatusCode::PAYLOAD_TOO_LARGE => "too_large",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "unsupported_media_type",
        StatusCode::UNPROCESSABLE_ENTITY => "invalid_body",
        s if s.is_server_error() => "internal",
        _ => "error",
    }
}

/// The JSON body of an error.
pub(crate) fn error_body(status: StatusCode, message: &str) -> Response {
    let body = json!({"error": {"code": code_of(status), "message": message}});
    (status, Json(body)).into_response()
}

impl IntoResponse for ServerError {
    fn into_response(self) -> Response {
        error_body(self.status(), &self.to_string())
    }
}
