//! `GET /docs`: the interactive API reference and its embedded files. The page's behaviour
//! in a browser is tested by scripts/docs-test (headless Chromium); here, what the server
//! sends. The page touches no database, so SQLite alone is enough.

use reqwest::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG, IF_NONE_MATCH, LOCATION,
    X_CONTENT_TYPE_OPTIONS,
};
use reqwest::{Method, Response, StatusCode, redirect};
use serde_json::Value;

use crate::support::{Backend, ProblemExt, TestApp, run_app};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn docs_page_and_assets() {
    run_app(Backend::Sqlite, page_and_assets).await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn docs_caching_redirect_and_errors() {
    run_app(Backend::Sqlite, caching_redirect_and_errors).await
}

fn header<'a>(res: &'a Response, name: &reqwest::header::HeaderName) -> &'a str {
    res.headers()
        .get(name)
        .unwrap_or_else(|| panic!("{name} missing on {}", res.url()))
        .to_str()
        .unwrap()
}

/// Checks the headers every docs response carries and returns the body.
async fn docs_file(app: &TestApp, path: &str, content_type: &str) -> Vec<u8> {
    // No Authorization header: the reference is public.
    let res = app
        .api
        .http
        .get(format!("{}{path}", app.api.origin()))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK, "{path}");
    assert_eq!(header(&res, &CONTENT_TYPE), content_type, "{path}");
    let csp = header(&res, &CONTENT_SECURITY_POLICY);
    for directive in [
        "default-src 'self'",
        "script-src 'self';",
        "connect-src 'self'",
        "object-src 'none'",
        "base-uri 'none'",
        "frame-ancestors 'none'",
    ] {
        assert!(csp.contains(directive), "{path}: {directive} not in {csp}");
    }
    assert!(!csp.contains("unsafe-eval"), "{csp}");
    assert_eq!(header(&res, &X_CONTENT_TYPE_OPTIONS), "nosniff");
    assert!(header(&res, &ETAG).starts_with('"'));
    res.bytes().await.unwrap().to_vec()
}

/// The values of every `src="…"` and `href="…"` attribute.
fn references(html: &str) -> Vec<String> {
    let mut found = Vec::new();
    for attribute in ["src=\"", "href=\""] {
        for (i, _) in html.match_indices(attribute) {
            let rest = &html[i + attribute.len()..];
            found.push(rest[..rest.find('"').unwrap()].to_owned());
        }
    }
    found
}

async fn page_and_assets(app: &TestApp) {
    let page = docs_file(app, "/docs", "text/html; charset=utf-8").await;
    let page = String::from_utf8(page).unwrap();
    assert!(page.contains("<div id=\"swagger-ui\" data-spec=\"/api/v1/openapi.json\">"));

    // Nothing from another host, no inline script (the CSP would block it anyway).
    assert!(!page.contains("http:") && !page.contains("https:") && !page.contains("//"));
    assert_eq!(
        page.matches("<script").count(),
        page.matches("<script src=\"/docs/").count()
    );
    let references = references(&page);
    assert!(references.len() >= 6, "{references:?}");
    let mut scripts = 0;
    for reference in &references {
        assert!(reference.starts_with('/'), "{reference}");
        if reference == "/api/v1/openapi.json" {
            continue; // in the <noscript> text
        }
        let content_type = match reference.rsplit('.').next().unwrap() {
            "js" => "text/javascript; charset=utf-8",
            "css" => "text/css; charset=utf-8",
            "png" => "image/png",
            other => panic!("unexpected reference {reference} ({other})"),
        };
        let body = docs_file(app, reference, content_type).await;
        assert!(!body.is_empty(), "{reference}");
        if reference.ends_with(".js") {
            scripts += 1;
        }
    }
    assert_eq!(scripts, 2, "{references:?}");
    assert!(
        references
            .iter()
            .any(|r| r.ends_with("/swagger-ui-bundle.js"))
    );

    // Swagger UI's licence texts travel with it.
    let version = references
        .iter()
        .find_map(|r| r.strip_prefix("/docs/swagger-ui/"))
        .and_then(|r| r.split('/').next())
        .unwrap()
        .to_owned();
    assert!(version.starts_with("5."), "{version}");
    for file in ["LICENSE", "NOTICE", "swagger-ui-bundle.js.LICENSE.txt"] {
        let path = format!("/docs/swagger-ui/{version}/{file}");
        let text = docs_file(app, &path, "text/plain; charset=utf-8").await;
        assert!(!text.is_empty(), "{path}");
    }

    // The contract the page loads is there, at the path the page names.
    let spec: Value = app
        .api
        .http
        .get(app.api.url("/openapi.json"))
        .send()
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(spec["servers"][0]["url"], "/api/v1");
}

async fn caching_redirect_and_errors(app: &TestApp) {
    let origin = app.api.origin();
    let http = &app.api.http;

    let page = http.get(format!("{origin}/docs")).send().await.unwrap();
    assert_eq!(header(&page, &CACHE_CONTROL), "no-cache");
    let etag = header(&page, &ETAG).to_owned();
    let html = page.text().await.unwrap();
    let bundle_path = references(&html)
        .into_iter()
        .find(|r| r.ends_with("/swagger-ui-bundle.js"))
        .unwrap();

    // The versioned files may be kept for good; every file answers 304 to its ETag.
    let bundle = http
        .get(format!("{origin}{bundle_path}"))
        .send()
        .await
        .unwrap();
    assert_eq!(
        header(&bundle, &CACHE_CONTROL),
        "public, max-age=31536000, immutable"
    );
    let bundle_etag = header(&bundle, &ETAG).to_owned();
    for (path, etag) in [("/docs", &etag), (bundle_path.as_str(), &bundle_etag)] {
        let res = http
            .get(format!("{origin}{path}"))
            .header(IF_NONE_MATCH, etag)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "{path}");
        assert_eq!(header(&res, &ETAG), etag);
        assert!(res.bytes().await.unwrap().is_empty());
    }

    // HEAD works like GET, without the body.
    let res = http.head(format!("{origin}/docs")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(header(&res, &CONTENT_TYPE), "text/html; charset=utf-8");

    // `/docs/` redirects to the page.
    let no_redirects = reqwest::Client::builder()
        .redirect(redirect::Policy::none())
        .build()
        .unwrap();
    let res = no_redirects
        .get(format!("{origin}/docs/"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::PERMANENT_REDIRECT);
    assert_eq!(header(&res, &LOCATION), "/docs");

    // Unknown files, other versions and other methods answer like the rest of the API.
    for path in [
        "/docs/nothing.js",
        "/docs/swagger-ui/0.0.0/swagger-ui-bundle.js",
        "/docs/swagger-ui-bundle.js.map",
    ] {
        http.get(format!("{origin}{path}"))
            .send()
            .await
            .unwrap()
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
    }
    http.request(Method::POST, format!("{origin}/docs"))
        .send()
        .await
        .unwrap()
        .problem(
            StatusCode::METHOD_NOT_ALLOWED,
            "/problems/method-not-allowed",
        )
        .await;
}
