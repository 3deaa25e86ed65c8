//! What browsers and proxies see on every answer (issue 10, item 4): CORS from
//! `CORS_ALLOWED_ORIGINS`, gzip and br compression by `Accept-Encoding`, and the security
//! headers. These layers touch no database, so SQLite alone is enough.

use std::io::Read;

use reqwest::header::{
    ACCEPT_ENCODING, CACHE_CONTROL, CONTENT_ENCODING, CONTENT_TYPE, ETAG, IF_NONE_MATCH,
    STRICT_TRANSPORT_SECURITY, VARY, X_CONTENT_TYPE_OPTIONS,
};
use reqwest::{Method, Response, StatusCode};
use serde_json::json;

use crate::support::{Backend, Node, TestApp, run_app};

const ALLOWED: &str = "https://app.example.com";

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn cors_from_configuration() {
    run_app(Backend::Sqlite, cors).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn compression_by_accept_encoding() {
    run_app(Backend::Sqlite, compression).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn security_headers_on_every_answer() {
    run_app(Backend::Sqlite, security_headers).await
}

fn access_control_headers(res: &Response) -> Vec<String> {
    res.headers()
        .keys()
        .map(|k| k.as_str().to_owned())
        .filter(|k| k.starts_with("access-control-"))
        .collect()
}

fn header_list(res: &Response, name: &str) -> Vec<String> {
    res.headers()
        .get_all(name)
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|s| s.trim().to_ascii_lowercase())
        .collect()
}

async fn preflight(node: &Node, origin: &str) -> Response {
    node.api
        .request(
            Method::OPTIONS,
            "/todos/0190a000-0000-7000-8000-000000000000",
            None,
        )
        .header("origin", origin)
        .header("access-control-request-method", "PATCH")
        .header(
            "access-control-request-headers",
            "authorization,content-type,if-match,idempotency-key",
        )
        .send()
        .await
        .unwrap()
}

async fn cors(app: &TestApp) {
    // Not configured (the default): no CORS header for anyone, and OPTIONS is not answered
    // as a preflight.
    let res = preflight(app, ALLOWED).await;
    assert!(access_control_headers(&res).is_empty(), "{res:?}");
    assert_ne!(res.status(), StatusCode::OK);

    let node = app
        .another_node(|c| {
            c.cors_allowed_origins = vec![ALLOWED.into(), "http://localhost:3000".into()]
        })
        .await;
    let user = node.api.new_user("cors").await;

    // Preflight from an allowed origin: that origin, the methods and the request headers.
    let res = preflight(&node, ALLOWED).await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()["access-control-allow-origin"], ALLOWED);
    let methods = header_list(&res, "access-control-allow-methods");
    for method in ["get", "post", "put", "patch", "delete"] {
        assert!(methods.iter().any(|m| m == method), "{methods:?}");
    }
    let allowed = header_list(&res, "access-control-allow-headers");
    for name in [
        "authorization",
        "content-type",
        "if-match",
        "idempotency-key",
    ] {
        assert!(allowed.iter().any(|h| h == name), "{name}: {allowed:?}");
    }
    assert!(
        !res.headers()
            .contains_key("access-control-allow-credentials")
    );
    assert!(header_list(&res, "vary").iter().any(|v| v == "origin"));

    // Preflight from another origin, or from a look-alike: nothing at all.
    for origin in [
        "https://evil.example.com",
        "https://app.example.com.evil.test",
        "http://app.example.com",
    ] {
        let res = preflight(&node, origin).await;
        assert!(access_control_headers(&res).is_empty(), "{origin}: {res:?}");
    }

    // An actual request from an allowed origin: the origin and the readable headers.
    let res = node
        .api
        .request(Method::GET, "/todos", Some(&user.token))
        .header("origin", "http://localhost:3000")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(
        res.headers()["access-control-allow-origin"],
        "http://localhost:3000"
    );
    let exposed = header_list(&res, "access-control-expose-headers");
    for name in [
        "etag",
        "link",
        "location",
        "ratelimit",
        "ratelimit-policy",
        "retry-after",
        "x-request-id",
    ] {
        assert!(exposed.iter().any(|h| h == name), "{name}: {exposed:?}");
    }
    assert!(
        !res.headers()
            .contains_key("access-control-allow-credentials")
    );
    assert!(header_list(&res, "vary").iter().any(|v| v == "origin"));

    // Errors carry them too (a script must be able to read a 401's problem).
    let res = node
        .api
        .request(Method::GET, "/todos", None)
        .header("origin", ALLOWED)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::UNAUTHORIZED);
    assert_eq!(res.headers()["access-control-allow-origin"], ALLOWED);

    // The same request from another origin: no CORS header, but `Vary: Origin`.
    let res = node
        .api
        .request(Method::GET, "/todos", Some(&user.token))
        .header("origin", "https://evil.example.com")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(access_control_headers(&res).is_empty(), "{res:?}");
    assert!(header_list(&res, "vary").iter().any(|v| v == "origin"));
    node.stop().await;
}

/// GETs `path` with `Accept-Encoding: encoding` (and optionally a token), returning the
/// answer and its body decoded.
async fn fetch(
    app: &TestApp,
    path: &str,
    encoding: &str,
    token: Option<&str>,
) -> (StatusCode, reqwest::header::HeaderMap, Vec<u8>) {
    let mut request = app
        .api
        .http
        .get(format!("{}{path}", app.api.origin()))
        .header(ACCEPT_ENCODING, encoding);
    if let Some(token) = token {
        request = request.bearer_auth(token);
    }
    let res = request.send().await.unwrap();
    let (status, headers) = (res.status(), res.headers().clone());
    let raw = res.bytes().await.unwrap().to_vec();
    let mut body = Vec::new();
    match headers.get(CONTENT_ENCODING).map(|v| v.to_str().unwrap()) {
        None => body = raw,
        Some("gzip") => {
            flate2::read::GzDecoder::new(&raw[..])
                .read_to_end(&mut body)
                .unwrap();
        }
        Some("br") => {
            brotli_decompressor::Decompressor::new(&raw[..], 4096)
                .read_to_end(&mut body)
                .unwrap();
        }
        Some(other) => panic!("unexpected coding {other}"),
    }
    (status, headers, body)
}

async fn compression(app: &TestApp) {
    let user = app.api.new_user("zip").await;
    for i in 0..5 {
        app.api
            .created_todo(
                &user.token,
                json!({ "title": format!("compressible todo number {i}") }),
            )
            .await;
    }
    let bundle = "/docs/swagger-ui/5.35.0/swagger-ui-bundle.js";
    let cases: [(&str, Option<&str>, &str); 5] = [
        ("/api/v1/openapi.json", None, "application/json"),
        ("/api/v1/openapi.yaml", None, "application/yaml"),
        ("/api/v1/todos", Some(&user.token), "application/json"),
        // A problem: no token.
        ("/api/v1/todos", None, "application/problem+json"),
        (bundle, None, "text/javascript"),
    ];
    for (path, token, content_type) in cases {
        let (status, plain_headers, plain) = fetch(app, path, "identity", token).await;
        assert!(
            plain_headers.get(CONTENT_ENCODING).is_none(),
            "{path}: identity stays raw"
        );
        assert!(
            plain_headers[CONTENT_TYPE]
                .to_str()
                .unwrap()
                .starts_with(content_type),
            "{path}"
        );
        for coding in ["gzip", "br"] {
            let (coded_status, headers, decoded) = fetch(app, path, coding, token).await;
            assert_eq!(coded_status, status, "{path} {coding}");
            assert_eq!(headers[CONTENT_ENCODING], coding, "{path}");
            assert!(header_list_of(&headers, VARY).contains(&"accept-encoding".to_owned()));
            assert_eq!(decoded, plain, "{path} {coding}: decoded body differs");
        }
        // Without Accept-Encoding the body is raw too.
        let res = app
            .api
            .http
            .get(format!("{}{path}", app.api.origin()))
            .send()
            .await
            .unwrap();
        assert!(res.headers().get(CONTENT_ENCODING).is_none(), "{path}");
    }
    // The Swagger UI bundle (about 1.7 MB) goes out much smaller.
    let res = app
        .api
        .http
        .get(format!("{}{bundle}", app.api.origin()))
        .header(ACCEPT_ENCODING, "br")
        .send()
        .await
        .unwrap();
    let sent = res.bytes().await.unwrap().len();
    assert!(sent < 700_000, "br bundle is {sent} bytes");

    // Conditional requests still work on compressed answers: the same ETag whatever the
    // coding, and a 304 without a body.
    let todo = app
        .api
        .created_todo(&user.token, json!({ "title": "etag under gzip" }))
        .await;
    let path = format!("/api/v1/todos/{}", todo["id"].as_str().unwrap());
    let (_, plain_headers, _) = fetch(app, &path, "identity", Some(&user.token)).await;
    let (_, gzip_headers, _) = fetch(app, &path, "gzip", Some(&user.token)).await;
    assert_eq!(plain_headers[ETAG], gzip_headers[ETAG]);
    let res = app
        .api
        .http
        .get(format!("{}{path}", app.api.origin()))
        .bearer_auth(&user.token)
        .header(ACCEPT_ENCODING, "gzip, br")
        .header(IF_NONE_MATCH, gzip_headers[ETAG].clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    assert!(res.bytes().await.unwrap().is_empty());
    let (status, list_headers, _) = fetch(app, "/api/v1/todos", "br", Some(&user.token)).await;
    assert_eq!(status, StatusCode::OK);
    let res = app
        .api
        .http
        .get(format!("{}/api/v1/todos", app.api.origin()))
        .bearer_auth(&user.token)
        .header(ACCEPT_ENCODING, "br")
        .header(IF_NONE_MATCH, list_headers[ETAG].clone())
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
}

fn header_list_of(
    headers: &reqwest::header::HeaderMap,
    name: reqwest::header::HeaderName,
) -> Vec<String> {
    headers
        .get_all(name)
        .iter()
        .flat_map(|v| v.to_str().unwrap().split(','))
        .map(|s| s.trim().to_ascii_lowercase())
        .collect()
}

async fn security_headers(app: &TestApp) {
    let user = app.api.new_user("headers").await;
    let get = |path: &str, token: Option<&str>| {
        let mut request = app.api.http.get(format!("{}{path}", app.api.origin()));
        if let Some(token) = token {
            request = request.bearer_auth(token);
        }
        request.send()
    };
    // nosniff on everything: successes, errors, documents, the docs.
    for (path, token) in [
        ("/api/v1/health/live", None),
        ("/api/v1/users/me", Some(user.token.as_str())),
        ("/api/v1/users/me", None),
        ("/api/v1/nowhere", None),
        ("/api/v1/openapi.yaml", None),
        ("/docs", None),
    ] {
        let res = get(path, token).await.unwrap();
        assert_eq!(res.headers()[X_CONTENT_TYPE_OPTIONS], "nosniff", "{path}");
        assert!(res.headers().get(STRICT_TRANSPORT_SECURITY).is_none());
    }
    // no-store on what an authenticated request gets, and on tokens; not on public documents.
    for (path, token) in [
        ("/api/v1/users/me", Some(user.token.as_str())),
        ("/api/v1/todos", Some(user.token.as_str())),
        ("/api/v1/todos", Some("not-a-token")),
    ] {
        let res = get(path, token).await.unwrap();
        assert_eq!(res.headers()[CACHE_CONTROL], "no-store", "{path}");
    }
    let tokens = app
        .api
        .token_request(&[
            ("grant_type", "password"),
            ("username", &user.email),
            ("password", &user.password),
        ])
        .await;
    assert_eq!(tokens.status(), StatusCode::OK);
    assert_eq!(tokens.headers()[CACHE_CONTROL], "no-store");
    let res = get("/api/v1/openapi.yaml", None).await.unwrap();
    assert!(res.headers().get(CACHE_CONTROL).is_none());
    let docs = get("/docs", None).await.unwrap();
    assert_eq!(
        docs.headers()[CACHE_CONTROL],
        "no-cache",
        "the docs keep their own"
    );

    // HSTS only when configured.
    let node = app
        .another_node(|c| c.hsts_max_age_seconds = Some(31_536_000))
        .await;
    let res = node
        .api
        .http
        .get(node.api.url("/health/live"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[STRICT_TRANSPORT_SECURITY], "max-age=31536000");
    node.stop().await;
}
