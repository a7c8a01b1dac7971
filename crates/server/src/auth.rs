//! Tokens: writes need the write token; reads need the read token (or the write
//! token) when one is set. A token comes as `Authorization: Bearer …`, as the
//! cookie the login form sets, or (writes from the add form) as a form field.

use axum::extract::{Request, State};
use axum::http::{HeaderMap, Method, header};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};

use crate::error::ServerError;
use crate::{AppState, ServerConfig};

/// The cookie the login form sets.
pub(crate) const COOKIE: &str = "crosscheck_token";

/// Compares without stopping at the first difference, so the time taken says
/// nothing about how much of a guess was right.
fn same(a: &str, b: &str) -> bool {
    let (a, b) = (a.as_bytes(), b.as_bytes());
    if a.len() != b.len() {
        return false;
    }
    a.iter().zip(b).fold(0u8, |acc, (x, y)| acc | (x ^ y)) == 0
}

/// The tokens a request carries: its bearer token and its cookie.
pub(crate) fn presented(headers: &HeaderMap) -> Vec<String> {
    let mut tokens = Vec::new();
    if let Some(token) = headers
        .get(header::AUTHORIZATION)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.strip_prefix("Bearer "))
    {
        tokens.push(token.trim().to_string());
    }
    for value in headers.get_all(header::COOKIE) {
        let Ok(value) = value.to_str() else { continue };
        for pair in value.split(';') {
            if let Some((COOKIE, token)) = pair.trim().split_once('=') {
                tokens.push(token.to_string());
            }
        }
    }
    tokens
}

/// Whether a write may go ahead, given the request's tokens and an optional
/// token from a form.
pub(crate) fn check_write(
    config: &ServerConfig,
    headers: &HeaderMap,
    form_token: Option<&str>,
) -> Result<(), ServerError> {
    let Some(expected) = config.write_token.as_deref() else {
        return Err(ServerError::Forbidden(
            "writes are off: start the server with --token-file or CROSSCHECK_TOKEN".into(),
        ));
    };
    let mut tokens = presented(headers);
    tokens.extend(form_token.filter(|t| !t.is_empty()).map(str::to_string));
    if tokens.is_empty() {
        return Err(ServerError::Unauthorized(
            "this needs the write token".into(),
        ));
    }
    if tokens.iter().any(|t| same(t, expected)) {
        Ok(())
    } else {
        Err(ServerError::Unauthorized(
            "the token is not the write token".into(),
        ))
    }
}

/// Whether a request may read, when a read token is set.
pub(crate) fn may_read(config: &ServerConfig, headers: &HeaderMap) -> bool {
    let Some(read) = config.read_token.as_deref() else {
        return true;
    };
    presented(headers)
        .iter()
        .any(|t| same(t, read) || config.write_token.as_deref().is_some_and(|w| same(t, w)))
}

/// Middleware: reads (GET and HEAD) need a token when a read token is set,
/// except the assets and the login page, which a reader needs to get a token in.
pub(crate) async fn reads(State(state): State<AppState>, request: Request, next: Next) -> Response {
    let path = request.uri().path();
    let is_read = matches!(*request.method(), Method::GET | Method::HEAD);
    let public = path.starts_with("/assets/") || path == "/login";
    if !is_read || public || may_read(&state.config, request.headers()) {
        return next.run(request).await;
    }
    if path.starts_with("/api/") || path == "/openapi.json" {
        ServerError::Unauthorized("reading needs the read token".into()).into_response()
    } else {
        crate::web::login_page(Some("Reading this archive needs a token."), path).into_response()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn tokens_come_from_bearer_and_cookie() {
        let mut headers = HeaderMap::new();
        headers.insert(header::AUTHORIZATION, "Bearer abc".parse().unwrap());
        headers.insert(header::COOKIE, "x=1; crosscheck_token=def".parse().unwrap());
        assert_eq!(
            presented(&headers),
            vec!["abc".to_string(), "def".to_string()]
        );
    }

    #[test]
    fn writes_need_the_write_token() {
        let config = ServerConfig {
            write_token: Some("w".into()),
            ..ServerConfig::default()
        };
        let none = HeaderMap::new();
        assert!(matches!(
            check_write(&config, &none, None),
            Err(ServerError::Unauthorized(_))
        ));
        assert!(check_write(&config, &none, Some("w")).is_ok());
        assert!(matches!(
            check_write(&config, &none, Some("x")),
            Err(ServerError::Unauthorized(_))
        ));
        let off = ServerConfig::default();
        assert!(matches!(
            check_write(&off, &none, Some("w")),
            Err(ServerError::Forbidden(_))
        ));
    }
}
