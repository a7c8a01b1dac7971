//! The JSON API through `tower::ServiceExt::oneshot`, against SQLite (a temporary
//! file) and PostgreSQL when `CROSSCHECK_TEST_POSTGRES` names a database (CI;
//! `CROSSCHECK_REQUIRE_POSTGRES` makes a missing one a failure).

use std::path::PathBuf;
use std::sync::atomic::{AtomicU32, Ordering};

use axum::Router;
use axum::body::Body;
use axum::http::{Request, StatusCode, header};
use crosscheck_pipeline::{Pipeline, PipelineConfig};
use crosscheck_server::{CONTENT_SECURITY_POLICY, ROUTES, ServerConfig, app};
use crosscheck_store::{ArticleStore, StoryRecord};
use http_body_util::BodyExt;
use serde_json::{Value, json};
use tower::ServiceExt;

const WRITE: &str = "test-write-token";

fn testdata(name: &str) -> PathBuf {
    PathBuf::from(env!("CARGO_MANIFEST_DIR"))
        .join("../../testdata")
        .join(name)
}

/// A store of one backend, with whatever keeps it alive (temp dir, schema guard).
struct Backend {
    store: Box<dyn ArticleStore>,
    _keep: Box<dyn std::any::Any>,
}

fn sqlite() -> Backend {
    let dir = tempfile::tempdir().unwrap();
    let store = crosscheck_store::SqliteStore::open(&dir.path().join("archive.sqlite")).unwrap();
    Backend {
        store: Box::new(store),
        _keep: Box::new(dir),
    }
}

/// Drops the test's schema when the test is over.
struct SchemaGuard {
    url: String,
    schema: String,
}

impl Drop for SchemaGuard {
    fn drop(&mut self) {
        // On its own thread: the synchronous client may not run inside the
        // test's runtime.
        let (url, schema) = (self.url.clone(), self.schema.clone());
        let _ = std::thread::spawn(move || {
            if let Ok(mut client) = postgres::Client::connect(&url, postgres::NoTls) {
                let _ =
                    client.batch_execute(&format!("DROP SCHEMA IF EXISTS \"{schema}\" CASCADE"));
            }
        })
        .join();
    }
}

fn postgres(test: &str) -> Option<Backend> {
    let url = match std::env::var("CROSSCHECK_TEST_POSTGRES") {
        Ok(url) if !url.is_empty() => url,
        _ => {
            assert!(
                std::env::var_os("CROSSCHECK_REQUIRE_POSTGRES").is_none(),
                "CROSSCHECK_REQUIRE_POSTGRES is set but CROSSCHECK_TEST_POSTGRES is not"
            );
            eprintln!("skipped {test} on PostgreSQL: CROSSCHECK_TEST_POSTGRES is not set");
            return None;
        }
    };
    static NEXT: AtomicU32 = AtomicU32::new(0);
    let schema = format!(
        "srv_{test}_{}_{}",
        std::process::id(),
        NEXT.fetch_add(1, Ordering::Relaxed)
    );
    let store = crosscheck_store::PostgresStore::open_in_schema(&url, Some(&schema)).unwrap();
    Some(Backend {
        store: Box::new(store),
        _keep: Box::new(SchemaGuard { url, schema }),
    })
}

/// Runs each test against both backends.
macro_rules! on_both_backends {
    ($($name:ident),* $(,)?) => {
        mod on_sqlite {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    super::$name(super::sqlite()).await;
                }
            )*
        }
        mod on_postgres {
            $(
                #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
                async fn $name() {
                    // The synchronous PostgreSQL client may not block a
                    // runtime thread.
                    let backend = tokio::task::block_in_place(|| super::postgres(stringify!($name)));
                    if let Some(backend) = backend {
                        super::$name(backend).await;
                    }
                }
            )*
        }
    };
}

fn config() -> ServerConfig {
    let upload = tempfile::tempdir().unwrap().keep();
    ServerConfig {
        write_token: Some(WRITE.into()),
        upload_dir: upload,
        pipeline: PipelineConfig {
            threads: Some(1),
            ..PipelineConfig::default()
        },
        ..ServerConfig::default()
    }
}

fn router(backend: Backend, config: ServerConfig) -> (Router, Box<dyn std::any::Any>) {
    (app(backend.store, config).unwrap(), backend._keep)
}

/// Sends a request; returns the status, headers and body as JSON (or a string).
async fn send(app: &Router, request: Request<Body>) -> (StatusCode, axum::http::HeaderMap, Value) {
    let response = app.clone().oneshot(request).await.unwrap();
    let status = response.status();
    let headers = response.headers().clone();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    let body = serde_json::from_slice(&bytes)
        .unwrap_or_else(|_| Value::String(String::from_utf8_lossy(&bytes).into_owned()));
    (status, headers, body)
}

fn get(uri: &str) -> Request<Body> {
    Request::get(uri).body(Body::empty()).unwrap()
}

fn post_json(uri: &str, token: Option<&str>, body: &Value) -> Request<Body> {
    let mut request = Request::post(uri).header(header::CONTENT_TYPE, "application/json");
    if let Some(token) = token {
        request = request.header(header::AUTHORIZATION, format!("Bearer {token}"));
    }
    request.body(Body::from(body.to_string())).unwrap()
}

fn two_articles() -> Value {
    json!({"articles": [
        {"source": "Quillby Post", "title": "Orchard fire at Hesk", "published": "2025-06-02",
         "text": "A fire destroyed an apple orchard at Hesk on Monday, the Hesk fire service said. Chief officer Rolan Teague said nobody was hurt."},
        {"source": "Vantry Herald", "title": "Hesk orchard burns", "published": "2025-06-02",
         "text": "An orchard near Hesk burned down on Monday. Rolan Teague, the chief fire officer, said no one was injured and the cause was unknown."}
    ]})
}

/// Asserts the JSON error shape.
fn assert_error(body: &Value, code: &str) {
    assert_eq!(body["error"]["code"], code, "body: {body}");
    assert!(
        body["error"]["message"]
            .as_str()
            .is_some_and(|m| !m.is_empty()),
        "body: {body}"
    );
}

async fn articles_are_added_listed_read_and_searched(backend: Backend) {
    let (app, _keep) = router(backend, config());
    let (status, _, body) = send(
        &app,
        post_json("/api/v1/articles", Some(WRITE), &two_articles()),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{body}");
    assert_eq!(body["new"], 2);
    assert_eq!(body["new_articles"].as_array().map(Vec::len), Some(2));

    // The same articles again: stored once.
    let (status, _, again) = send(
        &app,
        post_json("/api/v1/articles", Some(WRITE), &two_articles()),
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{again}");
    assert_eq!(again["new"], 0);
    assert_eq!(again["already_stored"], 2);

    let (status, _, list) = send(&app, get("/api/v1/articles?limit=1")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(list["total"], 2);
    assert_eq!(list["items"].as_array().map(Vec::len), Some(1));

    let id = body["new_articles"][0].as_str().unwrap().to_string();
    let (status, _, article) = send(&app, get(&format!("/api/v1/articles/{id}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(article["article"]["article"]["id"], id.as_str());
    assert!(
        article["article"]["sentences"]
            .as_array()
            .is_some_and(|s| !s.is_empty())
    );
    assert!(article["stories"].is_array());

    let (status, _, hits) =
        send(&app, get("/api/v1/search?q=orchard&source=Vantry%20Herald")).await;
    assert_eq!(status, StatusCode::OK, "{hits}");
    assert_eq!(hits["total"], 1);
    assert_eq!(hits["hits"][0]["article"]["source"], "Vantry Herald");
    let (_, _, none) = send(&app, get("/api/v1/search?q=orchard&from=2025-07-01")).await;
    assert_eq!(none["total"], 0);

    let (status, _, entities) = send(&app, get("/api/v1/entities")).await;
    assert_eq!(status, StatusCode::OK);
    assert!(entities["items"].is_array());
}

async fn files_are_uploaded_as_multipart(backend: Backend) {
    let (app, _keep) = router(backend, config());
    let file = std::fs::read(testdata("server/ferry-strike.jsonl")).unwrap();
    let boundary = "XcrosscheckX";
    let mut body = Vec::new();
    body.extend_from_slice(
        format!("--{boundary}\r\nContent-Disposition: form-data; name=\"files\"; filename=\"ferry-strike.jsonl\"\r\nContent-Type: application/x-ndjson\r\n\r\n").as_bytes(),
    );
    body.extend_from_slice(&file);
    body.extend_from_slice(format!("\r\n--{boundary}--\r\n").as_bytes());
    let request = Request::post("/api/v1/articles")
        .header(
            header::CONTENT_TYPE,
            format!("multipart/form-data; boundary={boundary}"),
        )
        .header(header::AUTHORIZATION, format!("Bearer {WRITE}"))
        .body(Body::from(body))
        .unwrap();
    let (status, _, outcome) = send(&app, request).await;
    assert_eq!(status, StatusCode::CREATED, "{outcome}");
    assert_eq!(outcome["read"], 2);
    assert_eq!(outcome["new"], 2);
    let (_, _, hits) = send(&app, get("/api/v1/search?q=ferry")).await;
    assert_eq!(hits["total"], 2);
    // The outlet comes from the records, not from the upload's file name.
    let (_, _, hits) = send(&app, get("/api/v1/search?q=ferry&source=Saltmere%20Daily")).await;
    assert_eq!(hits["total"], 1);
}

async fn writes_need_the_write_token(backend: Backend) {
    let (app, _keep) = router(backend, config());
    let (status, _, body) = send(&app, post_json("/api/v1/articles", None, &two_articles())).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_error(&body, "unauthorized");
    let (status, _, body) = send(
        &app,
        post_json("/api/v1/articles", Some("guess"), &two_articles()),
    )
    .await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    assert_error(&body, "unauthorized");
    let (_, _, list) = send(&app, get("/api/v1/articles")).await;
    assert_eq!(list["total"], 0, "nothing was stored");
}

async fn writes_are_off_without_a_configured_token(backend: Backend) {
    let config = ServerConfig {
        write_token: None,
        ..config()
    };
    let (app, _keep) = router(backend, config);
    let (status, _, body) = send(
        &app,
        post_json("/api/v1/articles", Some("anything"), &two_articles()),
    )
    .await;
    assert_eq!(status, StatusCode::FORBIDDEN);
    assert_error(&body, "forbidden");
}

async fn a_read_token_closes_reads(backend: Backend) {
    let config = ServerConfig {
        read_token: Some("reader".into()),
        ..config()
    };
    let (app, _keep) = router(backend, config);
    for uri in [
        "/api/v1/articles",
        "/api/v1/stories",
        "/api/v1/search?q=x",
        "/api/v1/entities",
        "/openapi.json",
    ] {
        let (status, _, body) = send(&app, get(uri)).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{uri}");
        assert_error(&body, "unauthorized");
    }
    let with = |uri: &str, token: &str| {
        Request::get(uri)
            .header(header::AUTHORIZATION, format!("Bearer {token}"))
            .body(Body::empty())
            .unwrap()
    };
    let (status, _, _) = send(&app, with("/api/v1/articles", "reader")).await;
    assert_eq!(status, StatusCode::OK);
    let (status, _, _) = send(&app, with("/api/v1/articles", WRITE)).await;
    assert_eq!(status, StatusCode::OK, "the write token reads too");
    let (status, _, _) = send(&app, with("/api/v1/articles", "wrong")).await;
    assert_eq!(status, StatusCode::UNAUTHORIZED);
    // The stylesheet stays public, so the token page renders.
    let (status, _, _) = send(&app, get("/assets/app.css")).await;
    assert_eq!(status, StatusCode::OK);
}

async fn limits_answer_413_as_json(backend: Backend) {
    let config = ServerConfig {
        max_body_bytes: 2_000,
        max_articles: 1,
        ..config()
    };
    let (app, _keep) = router(backend, config);
    // More articles than allowed.
    let (status, _, body) = send(
        &app,
        post_json("/api/v1/articles", Some(WRITE), &two_articles()),
    )
    .await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_error(&body, "too_large");
    // A body over the limit.
    let big = json!({"articles": [{"text": "word ".repeat(1_000)}]});
    let (status, _, body) = send(&app, post_json("/api/v1/articles", Some(WRITE), &big)).await;
    assert_eq!(status, StatusCode::PAYLOAD_TOO_LARGE, "{body}");
    assert_error(&body, "too_large");
}

async fn every_error_is_json(backend: Backend) {
    let (app, _keep) = router(backend, config());
    let cases: Vec<(Request<Body>, StatusCode, &str)> = vec![
        (
            get("/api/v1/nothing-here"),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            get("/api/v1/articles/0000"),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            get("/api/v1/stories/none"),
            StatusCode::NOT_FOUND,
            "not_found",
        ),
        (
            get("/api/v1/articles?limit=0"),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            get("/api/v1/articles?limit=many"),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            get("/api/v1/search?q=x&from=yesterday"),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Request::delete("/api/v1/articles")
                .body(Body::empty())
                .unwrap(),
            StatusCode::METHOD_NOT_ALLOWED,
            "method_not_allowed",
        ),
        (
            Request::post("/api/v1/articles")
                .header(header::CONTENT_TYPE, "application/json")
                .header(header::AUTHORIZATION, format!("Bearer {WRITE}"))
                .body(Body::from("{not json"))
                .unwrap(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            post_json(
                "/api/v1/articles",
                Some(WRITE),
                &json!({"articles": [{"title": "no text"}]}),
            ),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            post_json(
                "/api/v1/articles",
                Some(WRITE),
                &json!({"articles": [], "extra": 1}),
            ),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            post_json("/api/v1/articles", Some(WRITE), &json!({"articles": []})),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
        (
            Request::post("/api/v1/articles")
                .header(header::CONTENT_TYPE, "text/plain")
                .header(header::AUTHORIZATION, format!("Bearer {WRITE}"))
                .body(Body::from("hello"))
                .unwrap(),
            StatusCode::BAD_REQUEST,
            "bad_request",
        ),
    ];
    for (request, expected, code) in cases {
        let what = format!("{} {}", request.method(), request.uri());
        let (status, headers, body) = send(&app, request).await;
        assert_eq!(status, expected, "{what}: {body}");
        assert_error(&body, code);
        assert!(
            headers
                .get(header::CONTENT_TYPE)
                .is_some_and(|v| v.as_bytes().starts_with(b"application/json")),
            "{what}"
        );
    }
}

/// A story analysed from the demo corpus, stored with its articles.
fn store_demo_story(store: &mut dyn ArticleStore) -> (String, String, usize) {
    let pipeline = Pipeline::new(PipelineConfig {
        threads: Some(1),
        ..PipelineConfig::default()
    })
    .unwrap();
    let demo = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../../demo/lake-orin");
    let analysis = pipeline.analyze_paths(vec![demo], &|_| {});
    store.put_docs(&analysis.docs).unwrap();
    let dossier = analysis.dossier();
    let story = dossier
        .stories
        .iter()
        .max_by_key(|s| s.articles.len())
        .unwrap()
        .clone();
    store
        .put_story(&StoryRecord {
            id: story.id.clone(),
            title: story.title.clone(),
            article_ids: story
                .articles
                .iter()
                .map(|a| crosscheck_core::ArticleId(a.clone()))
                .collect(),
            dossier: serde_json::to_value(&story).unwrap(),
            updated_at: String::new(),
        })
        .unwrap();
    (story.id, story.title, story.articles.len())
}

async fn stories_are_listed_and_read_with_their_dossier(mut backend: Backend) {
    let (id, title, articles) =
        tokio::task::block_in_place(|| store_demo_story(backend.store.as_mut()));
    let (app, _keep) = router(backend, config());
    let (status, _, list) = send(&app, get("/api/v1/stories")).await;
    assert_eq!(status, StatusCode::OK, "{list}");
    assert!(
        list["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|s| s["id"] == id.as_str())
    );
    let (status, _, story) = send(&app, get(&format!("/api/v1/stories/{id}"))).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(story["title"], title.as_str());
    assert_eq!(story["articles"].as_array().map(Vec::len), Some(articles));
    assert!(story["story"]["conflicts"].is_array());
    assert!(
        story["story"]["timeline"]
            .as_array()
            .is_some_and(|t| !t.is_empty())
    );
}

async fn pages_escape_article_content_and_send_the_csp(mut backend: Backend) {
    let (story, _, _) = tokio::task::block_in_place(|| store_demo_story(backend.store.as_mut()));
    let (app, _keep) = router(backend, config());
    let text = std::fs::read_to_string(testdata("server/script-injection.txt")).unwrap();
    let (status, _, outcome) = send(
        &app,
        post_json("/api/v1/articles", Some(WRITE), &json!({"articles": [{"source": "Brenmoor Bugle", "title": "<b>bold</b> notice", "text": text}]})),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{outcome}");
    let id = outcome["new_articles"][0].as_str().unwrap().to_string();
    for uri in [
        format!("/articles/{id}"),
        "/search?q=notice".to_string(),
        "/".to_string(),
        format!("/stories/{story}"),
    ] {
        let (status, headers, body) = send(&app, get(&uri)).await;
        assert_eq!(status, StatusCode::OK, "{uri}");
        assert_eq!(
            headers.get(header::CONTENT_SECURITY_POLICY).unwrap(),
            CONTENT_SECURITY_POLICY,
            "{uri}"
        );
        let html = body.as_str().unwrap();
        assert!(!html.contains("<script"), "{uri}: a script tag got through");
        assert!(!html.contains("<style"), "{uri}: inline style");
        assert!(!html.contains("style=\""), "{uri}: inline style attribute");
        assert!(
            !html.contains("<b>bold"),
            "{uri}: markup in a title got through"
        );
    }
    let (_, _, page) = send(&app, get(&format!("/articles/{id}"))).await;
    let html = page.as_str().unwrap();
    assert!(
        html.contains("&lt;script&gt;document.title="),
        "the script shows as text: {html}"
    );
    assert!(
        html.contains("&lt;img src=x onerror="),
        "the image shows as text"
    );
}

async fn story_pages_link_evidence_to_highlightable_sentences(mut backend: Backend) {
    let (story, _, _) = tokio::task::block_in_place(|| store_demo_story(backend.store.as_mut()));
    let (app, _keep) = router(backend, config());
    let (status, _, page) = send(&app, get(&format!("/stories/{story}"))).await;
    assert_eq!(status, StatusCode::OK);
    let html = page.as_str().unwrap();
    assert!(html.contains("<h3>Timeline</h3>"));
    // Every evidence link lands on a sentence anchor that exists in that article's page.
    let links: Vec<&str> = html
        .split("href=\"/articles/")
        .skip(1)
        .filter_map(|rest| rest.split('"').next())
        .filter(|link| link.contains("#s-"))
        .collect();
    assert!(
        !links.is_empty(),
        "the story page has evidence links to sentences"
    );
    for link in links.iter().take(5) {
        let (article, sentence) = link.split_once('#').unwrap();
        let (status, _, page) = send(&app, get(&format!("/articles/{article}"))).await;
        assert_eq!(status, StatusCode::OK);
        let html = page.as_str().unwrap();
        assert!(
            html.contains(&format!("class=\"sentence evidence\" id=\"{sentence}\"")),
            "{link}: the sentence is there and marked as evidence"
        );
    }
}

async fn every_route_is_in_the_openapi_description_and_answers(backend: Backend) {
    let (app, _keep) = router(backend, config());
    let (status, _, spec) = send(&app, get("/openapi.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(spec["openapi"], "3.1.0");
    for (method, path) in ROUTES {
        assert!(spec["paths"][path][method].is_object(), "{method} {path}");
        let uri = path.replace("{id}", "x");
        let request = Request::builder()
            .method(method.to_uppercase().as_str())
            .uri(&uri)
            .header(header::CONTENT_TYPE, "application/json")
            .body(Body::from("{}"))
            .unwrap();
        let (status, _, body) = send(&app, request).await;
        // Routed: anything but the router's own 404/405 (a missing id says so).
        assert_ne!(status, StatusCode::METHOD_NOT_ALLOWED, "{method} {path}");
        if status == StatusCode::NOT_FOUND {
            assert!(
                body["error"]["message"]
                    .as_str()
                    .unwrap_or("")
                    .contains(" x"),
                "{method} {path}: {body}"
            );
        }
    }
}

on_both_backends!(
    articles_are_added_listed_read_and_searched,
    files_are_uploaded_as_multipart,
    writes_need_the_write_token,
    writes_are_off_without_a_configured_token,
    a_read_token_closes_reads,
    limits_answer_413_as_json,
    every_error_is_json,
    stories_are_listed_and_read_with_their_dossier,
    pages_escape_article_content_and_send_the_csp,
    story_pages_link_evidence_to_highlightable_sentences,
    every_route_is_in_the_openapi_description_and_answers,
);
