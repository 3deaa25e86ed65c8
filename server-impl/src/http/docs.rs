//! `GET /docs`: the interactive API reference (Swagger UI) on the contract this server
//! serves. Everything is embedded in the binary: our page (`assets/docs/`) and Swagger UI's
//! files, vendored from the npm package swagger-ui-dist by `scripts/vendor-swagger-ui`
//! (`assets/swagger-ui/`). See ADR 0011.

use std::borrow::Cow;
use std::sync::{LazyLock, OnceLock};

use axum::Router;
use axum::body::Body;
use axum::response::{IntoResponse, Redirect, Response};
use axum::routing::get;
use http::header::{
    CACHE_CONTROL, CONTENT_SECURITY_POLICY, CONTENT_TYPE, ETAG, IF_NONE_MATCH,
    X_CONTENT_TYPE_OPTIONS,
};
use http::{HeaderMap, HeaderValue, StatusCode};

use super::etag::{content_etag, none_match_hits};

/// Only this origin's scripts, styles and connections (Try it out calls the same origin);
/// `data:` images for the icons inside swagger-ui.css; no plugins, frames or `<base>`.
const CSP: &str = "default-src 'self'; script-src 'self'; style-src 'self'; \
    img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
    form-action 'self'; frame-ancestors 'none'";

/// Our own files change with the binary: browsers revalidate them (ETag, 304).
const REVALIDATE: &str = "no-cache";
/// Swagger UI's files live under a path naming their version, so they never change.
const IMMUTABLE: &str = "public, max-age=31536000, immutable";

const HTML: &str = "text/html; charset=utf-8";
const JS: &str = "text/javascript; charset=utf-8";
const CSS: &str = "text/css; charset=utf-8";
const PNG: &str = "image/png";
const TEXT: &str = "text/plain; charset=utf-8";

const SWAGGER_UI_VERSION: &str = include_str!("../../assets/swagger-ui/VERSION");
const INDEX_HTML: &str = include_str!("../../assets/docs/index.html");

/// Swagger UI's vendored files: name, content type, bytes.
const SWAGGER_UI: [(&str, &str, &[u8]); 7] = [
    (
        "swagger-ui-bundle.js",
        JS,
        include_bytes!("../../assets/swagger-ui/swagger-ui-bundle.js"),
    ),
    (
        "swagger-ui.css",
        CSS,
        include_bytes!("../../assets/swagger-ui/swagger-ui.css"),
    ),
    (
        "favicon-16x16.png",
        PNG,
        include_bytes!("../../assets/swagger-ui/favicon-16x16.png"),
    ),
    (
        "favicon-32x32.png",
        PNG,
        include_bytes!("../../assets/swagger-ui/favicon-32x32.png"),
    ),
    (
        "LICENSE",
        TEXT,
        include_bytes!("../../assets/swagger-ui/LICENSE"),
    ),
    (
        "NOTICE",
        TEXT,
        include_bytes!("../../assets/swagger-ui/NOTICE"),
    ),
    (
        "swagger-ui-bundle.js.LICENSE.txt",
        TEXT,
        include_bytes!("../../assets/swagger-ui/swagger-ui-bundle.js.LICENSE.txt"),
    ),
];

/// One file served under `/docs`.
struct Asset {
    path: String,
    content_type: &'static str,
    cache_control: &'static str,
    body: Cow<'static, [u8]>,
    /// Hashed at the file's first request, not at start: hashing every file when the routes
    /// are built read Swagger UI's 1.9 MB into memory in every process, `/docs` used or not.
    etag: OnceLock<String>,
}

impl Asset {
    fn new(
        path: String,
        content_type: &'static str,
        cache_control: &'static str,
        body: impl Into<Cow<'static, [u8]>>,
    ) -> Asset {
        Asset {
            path,
            content_type,
            cache_control,
            body: body.into(),
            etag: OnceLock::new(),
        }
    }

    fn etag(&self) -> &str {
        self.etag.get_or_init(|| content_etag("d", &self.body))
    }
}

static ASSETS: LazyLock<Vec<Asset>> = LazyLock::new(|| {
    let swagger_ui = format!("/docs/swagger-ui/{}", SWAGGER_UI_VERSION.trim());
    let spec = const_format::concatcp!(todo_api_gen::BASE_PATH, "/openapi.json");
    let index = INDEX_HTML
        .replace("{{swagger-ui}}", &swagger_ui)
        .replace("{{spec}}", spec);
    let mut assets = vec![
        Asset::new("/docs".into(), HTML, REVALIDATE, index.into_bytes()),
        Asset::new(
            "/docs/docs-init.js".into(),
            JS,
            REVALIDATE,
            include_bytes!("../../assets/docs/docs-init.js").as_slice(),
        ),
        Asset::new(
            "/docs/docs.css".into(),
            CSS,
            REVALIDATE,
            include_bytes!("../../assets/docs/docs.css").as_slice(),
        ),
    ];
    for (name, content_type, body) in SWAGGER_UI {
        assets.push(Asset::new(
            format!("{swagger_ui}/{name}"),
            content_type,
            IMMUTABLE,
            body,
        ));
    }
    assets
});

/// The routes of `/docs` and its files; `/docs/` redirects to `/docs`.
pub fn routes() -> Router {
    let mut router = Router::new().route("/docs/", get(|| async { Redirect::permanent("/docs") }));
    for asset in ASSETS.iter() {
        router = router.route(
            &asset.path,
            get(move |headers: HeaderMap| async move { serve(asset, &headers) }),
        );
    }
    router
}

fn serve(asset: &'static Asset, request: &HeaderMap) -> Response {
    let not_modified = none_match_hits(
        request.get(IF_NONE_MATCH).and_then(|v| v.to_str().ok()),
        asset.etag(),
    );
    let mut response = if not_modified {
        StatusCode::NOT_MODIFIED.into_response()
    } else {
        let mut response = Response::new(Body::from(&asset.body[..]));
        response
            .headers_mut()
            .insert(CONTENT_TYPE, HeaderValue::from_static(asset.content_type));
        response
    };
    let headers = response.headers_mut();
    if let Ok(etag) = HeaderValue::from_str(asset.etag()) {
        headers.insert(ETAG, etag);
    }
    headers.insert(CACHE_CONTROL, HeaderValue::from_static(asset.cache_control));
    headers.insert(CONTENT_SECURITY_POLICY, HeaderValue::from_static(CSP));
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    response
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_placeholder_of_the_page_is_filled() {
        let index = std::str::from_utf8(&ASSETS[0].body).unwrap();
        assert!(!index.contains("{{"), "{index}");
        assert!(index.contains(&format!(
            "/docs/swagger-ui/{}/swagger-ui-bundle.js",
            SWAGGER_UI_VERSION.trim()
        )));
        assert!(index.contains("data-spec=\"/api/v1/openapi.json\""));
    }

    #[test]
    fn every_page_reference_is_served() {
        let index = std::str::from_utf8(&ASSETS[0].body).unwrap();
        for reference in index.split(['"']).filter(|s| s.starts_with("/docs/")) {
            assert!(
                ASSETS.iter().any(|a| a.path == reference),
                "{reference} is not served"
            );
        }
    }
}
