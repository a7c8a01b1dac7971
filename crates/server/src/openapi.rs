//! The OpenAPI 3.1 description of the JSON API, written by hand next to the
//! routes. [`ROUTES`] lists every API route; the tests check that each is in the
//! description and that the router answers it.

use axum::Json;
use axum::response::IntoResponse;
use serde_json::{Value, json};

/// Every API route as `(method, path)`, paths in OpenAPI's `{param}` form.
pub const ROUTES: &[(&str, &str)] = &[
    ("get", "/api/v1/articles"),
    ("post", "/api/v1/articles"),
    ("get", "/api/v1/articles/{id}"),
    ("get", "/api/v1/stories"),
    ("get", "/api/v1/stories/{id}"),
    ("get", "/api/v1/search"),
    ("get", "/api/v1/entities"),
    ("get", "/openapi.json"),
];

pub(crate) async fn handler() -> impl IntoResponse {
    Json(openapi())
}

fn page_params() -> Value {
    json!([
        {"name": "offset", "in": "query", "schema": {"type": "integer", "minimum": 0, "default": 0}, "description": "Items to skip."},
        {"name": "limit", "in": "query", "schema": {"type": "integer", "minimum": 1, "maximum": 1000, "default": 20}, "description": "Items per page."}
    ])
}

fn id_param(what: &str) -> Value {
    json!({"name": "id", "in": "path", "required": true, "schema": {"type": "string"}, "description": format!("The {what} id.")})
}

fn ok(schema: &str, description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": format!("#/components/schemas/{schema}")}}}})
}

fn error(description: &str) -> Value {
    json!({"description": description, "content": {"application/json": {"schema": {"$ref": "#/components/schemas/Error"}}}})
}

fn paged(item: &str) -> Value {
    json!({
        "type": "object",
        "required": ["items", "total", "page"],
        "properties": {
            "items": {"type": "array", "items": {"$ref": format!("#/components/schemas/{item}")}},
            "total": {"type": "integer", "description": "Items in the whole listing."},
            "page": {"$ref": "#/components/schemas/Page"}
        }
    })
}

/// The OpenAPI description of the API.
pub fn openapi() -> Value {
    let mut search_params = vec![
        json!({"name": "q", "in": "query", "schema": {"type": "string"}, "description": "Words to find: `word`, `prefix*`, `\"a phrase\"`, `-word`, `a OR b`."}),
        json!({"name": "entity", "in": "query", "schema": {"type": "string"}, "description": "Only articles naming this entity."}),
        json!({"name": "source", "in": "query", "schema": {"type": "string"}, "description": "Only articles from this outlet."}),
        json!({"name": "language", "in": "query", "schema": {"type": "string"}, "description": "Only articles in this language (ISO 639-1)."}),
        json!({"name": "from", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Only articles published on or after this day."}),
        json!({"name": "to", "in": "query", "schema": {"type": "string", "format": "date"}, "description": "Only articles published on or before this day."}),
    ];
    if let Value::Array(page) = page_params() {
        search_params.extend(page);
    }
    let unauthorized = error("A token is needed (reads, when a read token is set).");
    json!({
        "openapi": "3.1.0",
        "info": {
            "title": "crosscheck",
            "version": env!("CARGO_PKG_VERSION"),
            "description": "Many news reports of the same events as one account: articles, stories with their dossier (conflicts, timeline, quotes, claims), full-text search and entities. Writes need the write token (`Authorization: Bearer …`); reads need the read token when one is set. Every error is `{\"error\": {\"code\", \"message\"}}`."
        },
        "components": {
            "securitySchemes": {"bearer": {"type": "http", "scheme": "bearer"}},
            "schemas": {
                "Error": {
                    "type": "object", "required": ["error"],
                    "properties": {"error": {"type": "object", "required": ["code", "message"], "properties": {
                        "code": {"type": "string", "description": "bad_request, unauthorized, forbidden, not_found, method_not_allowed, too_large, unsupported_media_type, invalid_body, internal"},
                        "message": {"type": "string"}
                    }}}
                },
                "Page": {"type": "object", "properties": {"offset": {"type": "integer"}, "limit": {"type": "integer"}}},
                "ArticleSummary": {"type": "object", "properties": {
                    "id": {"type": "string"}, "source": {"type": "string"}, "url": {"type": ["string", "null"]},
                    "title": {"type": ["string", "null"]}, "language": {"type": ["string", "null"]},
                    "published": {"description": "Date or instant, when known."}, "file": {"type": "string"},
                    "record": {"type": ["integer", "null"]}, "added_at": {"type": "string"}
                }},
                "ArticlePage": paged("ArticleSummary"),
                "Article": {"type": "object", "required": ["article", "stories"], "properties": {
                    "article": {"type": "object", "description": "The analysed article (crosscheck's Doc: article, body, segments, sentences, tokens, entities, times, quotes, claims)."},
                    "stories": {"type": "array", "items": {"type": "string"}, "description": "Ids of the stories it is in."}
                }},
                "NewArticle": {"type": "object", "additionalProperties": false, "properties": {
                    "url": {"type": "string"}, "title": {"type": "string"}, "text": {"type": "string"},
                    "html": {"type": "string"}, "published": {"type": "string", "description": "A date or RFC 3339 instant."},
                    "source": {"type": "string"}
                }, "description": "`text` or `html` is required."},
                "AddRequest": {"type": "object", "required": ["articles"], "additionalProperties": false, "properties": {
                    "articles": {"type": "array", "items": {"$ref": "#/components/schemas/NewArticle"}}
                }},
                "AddOutcome": {"type": "object", "properties": {
                    "read": {"type": "integer"}, "new": {"type": "integer"}, "already_stored": {"type": "integer"},
                    "failed": {"type": "integer"},
                    "problems": {"type": "array", "items": {"type": "object", "properties": {"file": {"type": "string"}, "record": {"type": ["integer", "null"]}, "reason": {"type": "string"}}}},
                    "new_articles": {"type": "array", "items": {"type": "string"}},
                    "known_articles": {"type": "array", "items": {"type": "string"}},
                    "stories": {"type": "array", "items": {"type": "string"}}
                }},
                "StorySummary": {"type": "object", "properties": {
                    "id": {"type": "string"}, "title": {"type": "string"}, "articles": {"type": "integer"}, "updated_at": {"type": "string"}
                }, "additionalProperties": true},
                "StoryPage": paged("StorySummary"),
                "Story": {"type": "object", "properties": {
                    "id": {"type": "string"}, "title": {"type": "string"},
                    "articles": {"type": "array", "items": {"type": "string"}}, "updated_at": {"type": "string"},
                    "story": {"type": "object", "description": "The dossier story: entities, timeline, quotes, claims, conflicts, updates (crosscheck.dossier/1)."}
                }},
                "SearchResults": {"type": "object", "properties": {
                    "total": {"type": "integer"},
                    "total_is_lower_bound": {"type": "boolean", "description": "True when a broad query was ranked over its newest matches only: there are at least `total` matches."},
                    "hits": {"type": "array", "items": {"type": "object", "properties": {
                        "article": {"$ref": "#/components/schemas/ArticleSummary"}, "score": {"type": "number"},
                        "snippet": {"type": "object", "properties": {"text": {"type": "string"}, "highlights": {"type": "array"}}}
                    }}},
                    "page": {"$ref": "#/components/schemas/Page"}
                }},
                "EntitySummary": {"type": "object", "properties": {"name": {"type": "string"}, "kind": {"type": "string"}, "articles": {"type": "integer"}}},
                "EntityPage": paged("EntitySummary")
            }
        },
        "paths": {
            "/api/v1/articles": {
                "get": {"summary": "List articles, newest first.", "parameters": page_params(),
                        "responses": {"200": ok("ArticlePage", "A page of articles."), "400": error("Bad paging."), "401": unauthorized}},
                "post": {"summary": "Add articles: analysed, stored once, and joined to their stories.",
                         "security": [{"bearer": []}],
                         "requestBody": {"required": true, "content": {
                             "application/json": {"schema": {"$ref": "#/components/schemas/AddRequest"}},
                             "multipart/form-data": {"schema": {"type": "object", "properties": {"files": {"type": "array", "items": {"type": "string", "format": "binary"}}}},
                                                     "description": "Files as `crosscheck add` reads them (text, HTML, JSON Lines, feeds, WARC, gzip)."}
                         }},
                         "responses": {"201": ok("AddOutcome", "Some articles were new."), "200": ok("AddOutcome", "Nothing new."),
                                       "400": error("Malformed request."), "401": error("No or wrong write token."),
                                       "403": error("Writes are off (no write token configured)."), "413": error("Body or article count over the limit.")}}
            },
            "/api/v1/articles/{id}": {"get": {"summary": "One article with its analysis and its stories.", "parameters": [id_param("article")],
                                             "responses": {"200": ok("Article", "The article."), "404": error("No such article."), "401": unauthorized}}},
            "/api/v1/stories": {"get": {"summary": "List stories.", "parameters": page_params(),
                                       "responses": {"200": ok("StoryPage", "A page of stories."), "400": error("Bad paging."), "401": unauthorized}}},
            "/api/v1/stories/{id}": {"get": {"summary": "One story with its dossier.", "parameters": [id_param("story")],
                                            "responses": {"200": ok("Story", "The story."), "404": error("No such story."), "401": unauthorized}}},
            "/api/v1/search": {"get": {"summary": "Full-text search over articles, with filters.", "parameters": search_params,
                                      "responses": {"200": ok("SearchResults", "Matching articles, best first."), "400": error("Bad query or filter."), "401": unauthorized}}},
            "/api/v1/entities": {"get": {"summary": "Named entities, by number of articles.", "parameters": page_params(),
                                        "responses": {"200": ok("EntityPage", "A page of entities."), "400": error("Bad paging."), "401": unauthorized}}},
            "/openapi.json": {"get": {"summary": "This description.", "responses": {"200": {"description": "OpenAPI 3.1 JSON."}}}}
        }
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_route_is_described() {
        let spec = openapi();
        for (method, path) in ROUTES {
            assert!(
                spec["paths"][path][method].is_object(),
                "{method} {path} is not in the OpenAPI description"
            );
        }
        // And nothing is described that is not routed.
        let described: usize = spec["paths"]
            .as_object()
            .map(|paths| {
                paths
                    .values()
                    .filter_map(|p| p.as_object())
                    .map(|m| m.len())
                    .sum()
            })
            .unwrap_or(0);
        assert_eq!(described, ROUTES.len());
    }

    #[test]
    fn every_reference_resolves() {
        let spec = openapi();
        let text = spec.to_string();
        for piece in text.split("\"#/components/schemas/").skip(1) {
            let name = piece.split('"').next().unwrap_or("");
            assert!(
                spec["components"]["schemas"][name].is_object(),
                "unresolved schema {name}"
            );
        }
    }
}
