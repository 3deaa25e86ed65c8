//! Requests the generated code rejects before our handlers run still answer problem+json.

use reqwest::header::{ALLOW, CONTENT_TYPE};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::error_fields;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    malformed_requests,
    oversized_bodies,
    unknown_routes_and_methods,
    request_ids,
    contract_is_served
);

async fn malformed_requests(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("malformed").await;
    let post = |body: &'static str, content_type: Option<&'static str>| {
        let mut rb = api
            .request(Method::POST, "/todos", Some(&user.token))
            .body(body);
        if let Some(ct) = content_type {
            rb = rb.header(CONTENT_TYPE, ct);
        }
        rb.send()
    };
    for body in ["{", "{\"title\": }", "not json", "{\"title\": \"a\",}"] {
        post(body, Some("application/json"))
            .await
            .unwrap()
            .problem(StatusCode::BAD_REQUEST, "/problems/malformed-json")
            .await;
    }
    for content_type in [
        None,
        Some("text/plain"),
        Some("application/x-www-form-urlencoded"),
    ] {
        post("{\"title\": \"x\"}", content_type)
            .await
            .unwrap()
            .problem(
                StatusCode::UNSUPPORTED_MEDIA_TYPE,
                "/problems/unsupported-media-type",
            )
            .await;
    }
    // A JSON value of the wrong shape names what is wrong.
    let problem = post("[1, 2]", Some("application/json"))
        .await
        .unwrap()
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&problem), ["body"]);
    // A path id that is not a UUID.
    let problem = api
        .get("/todos/not-a-uuid", &user.token)
        .await
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    assert_eq!(error_fields(&problem), ["todoId"]);
    // None of this created anything.
    let page = api.list_todos(&user.token, "").await.expect(StatusCode::OK);
    assert_eq!(page["items"], json!([]));
    // The details never leak internals.
    let res = post("{", Some("application/json")).await.unwrap();
    let text = res.text().await.unwrap();
    for leak in ["sqlx", "panicked", "src/", "serde_json::"] {
        assert!(!text.contains(leak), "{text}");
    }
}

// Bodies just over the limit: far larger ones can race the server closing the connection
// (it answers 413 without reading them), which a client sees as a reset instead of the 413.
async fn oversized_bodies(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("big").await;
    let big = json!({"title": "big", "notes": "n".repeat(1024 * 1024)});
    api.post("/todos", &user.token, &big)
        .await
        .problem(StatusCode::PAYLOAD_TOO_LARGE, "/problems/payload-too-large")
        .await;
    let res = api
        .http
        .post(api.url("/auth/register"))
        .json(&json!({"email": "big@example.com", "password": "p".repeat(1024 * 1024 + 100), "display_name": "Big"}))
        .send()
        .await
        .unwrap();
    res.problem(StatusCode::PAYLOAD_TOO_LARGE, "/problems/payload-too-large")
        .await;
    // The token endpoint keeps the RFC 6749 format.
    let password = "p".repeat(1024 * 1024 + 100);
    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", "big@example.com"),
            ("password", &password),
        ])
        .await;
    assert_eq!(res.status(), StatusCode::PAYLOAD_TOO_LARGE);
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], "invalid_request");
    let page = api.list_todos(&user.token, "").await.expect(StatusCode::OK);
    assert_eq!(page["items"], json!([]));
}

async fn unknown_routes_and_methods(app: &TestApp) {
    let api = &app.api;
    let res = api.http.get(api.url("/nope")).send().await.unwrap();
    res.problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    let res = api
        .http
        .get(format!("{}/todos", api.origin()))
        .send()
        .await
        .unwrap();
    res.problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    let res = api.http.put(api.url("/todos")).send().await.unwrap();
    let allow = res
        .headers()
        .get(ALLOW)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    assert!(
        allow.contains("GET") && allow.contains("POST"),
        "Allow: {allow}"
    );
    res.problem(
        StatusCode::METHOD_NOT_ALLOWED,
        "/problems/method-not-allowed",
    )
    .await;
}

async fn request_ids(app: &TestApp) {
    let api = &app.api;
    let res = api.http.get(api.url("/health/live")).send().await.unwrap();
    let generated = res.headers()["x-request-id"].to_str().unwrap().to_owned();
    assert!(uuid::Uuid::parse_str(&generated).is_ok(), "{generated}");
    let res = api
        .http
        .get(api.url("/nope"))
        .header("x-request-id", "caller-chosen-id-42")
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()["x-request-id"], "caller-chosen-id-42");
}

async fn contract_is_served(app: &TestApp) {
    let api = &app.api;
    let res = api.http.get(api.url("/openapi.json")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CONTENT_TYPE], "application/json");
    let spec: Value = res.json().await.unwrap();
    assert_eq!(spec["openapi"], "3.0.3");
    assert!(spec["paths"]["/todos/{todoId}"]["patch"]["operationId"] == "updateTodo");
    let res = api.http.get(api.url("/openapi.yaml")).send().await.unwrap();
    assert_eq!(res.headers()[CONTENT_TYPE], "application/yaml");
    let yaml = res.text().await.unwrap();
    assert_eq!(yaml, include_str!("../../openapi.yaml"));
}
