//! CORS (`CORS_ALLOWED_ORIGINS`): browsers on the listed origins may call the API; requests
//! from any other origin (or none) get no CORS header at all, so that an answer never shows
//! a disallowed origin what it may do. Credentials are off: the API authenticates with bearer
//! tokens, never cookies.

use std::convert::Infallible;

use axum::extract::Request;
use axum::response::Response;
use http::header::{
    AUTHORIZATION, CONTENT_TYPE, ETAG, IF_MATCH, IF_NONE_MATCH, LINK, LOCATION, ORIGIN,
    RETRY_AFTER, VARY,
};
use http::{HeaderName, HeaderValue, Method};
use tower::{Layer, ServiceExt};
use tower_http::cors::{AllowOrigin, CorsLayer};

use super::context::X_REQUEST_ID;
use super::edge::Next;
use crate::config::ConfigError;

/// Checks the configured origins: each must be `scheme://host[:port]`, exactly as a browser
/// sends it in `Origin` (no path, no trailing slash), and `*` is refused (list the origins).
pub fn allowed_origins(configured: &[String]) -> Result<Vec<HeaderValue>, ConfigError> {
    let mut origins = Vec::new();
    for origin in configured
        .iter()
        .map(|o| o.trim())
        .filter(|o| !o.is_empty())
    {
        if origin == "*" {
            return Err(ConfigError(
                "CORS_ALLOWED_ORIGINS: `*` is not supported; list each origin allowed to call \
                 the API (e.g. https://app.example.com)"
                    .to_owned(),
            ));
        }
        let bad = || {
            ConfigError(format!(
                "CORS_ALLOWED_ORIGINS: {origin:?} is not an origin (scheme://host[:port], \
                 nothing after the host or port)"
            ))
        };
        let uri: http::Uri = origin.parse().map_err(|_| bad())?;
        let (Some(scheme), Some(authority)) = (uri.scheme_str(), uri.authority()) else {
            return Err(bad());
        };
        let exact = format!("{scheme}://{authority}");
        if !matches!(scheme, "http" | "https")
            || exact != origin
            || authority.as_str().contains('@')
        {
            return Err(bad());
        }
        origins.push(HeaderValue::from_str(origin).map_err(|_| bad())?);
    }
    Ok(origins)
}

/// The CORS rules for `origins`: methods the API has, the request headers it reads, and the
/// response headers a script may read.
fn cors_layer(origins: Vec<HeaderValue>) -> CorsLayer {
    CorsLayer::new()
        .allow_origin(AllowOrigin::list(origins))
        .allow_methods([
            Method::GET,
            Method::HEAD,
            Method::POST,
            Method::PUT,
            Method::PATCH,
            Method::DELETE,
        ])
        .allow_headers([
            AUTHORIZATION,
            CONTENT_TYPE,
            IF_MATCH,
            IF_NONE_MATCH,
            HeaderName::from_static("idempotency-key"),
            X_REQUEST_ID,
        ])
        .expose_headers([
            ETAG,
            LINK,
            LOCATION,
            RETRY_AFTER,
            HeaderName::from_static("ratelimit"),
            HeaderName::from_static("ratelimit-policy"),
            X_REQUEST_ID,
        ])
        .max_age(std::time::Duration::from_secs(600))
        .allow_credentials(false)
}

/// The CORS rules and the origins they allow.
pub struct CorsRules {
    layer: CorsLayer,
    origins: Vec<HeaderValue>,
}

impl CorsRules {
    pub fn new(origins: Vec<HeaderValue>) -> CorsRules {
        CorsRules {
            layer: cors_layer(origins.clone()),
            origins,
        }
    }
}

/// Sends requests from an allowed origin through the CORS rules, every other request
/// straight on (with `Vary: Origin`, since the answer would differ for an allowed origin).
/// No rules: every request straight on, untouched.
pub async fn with_cors(cors: Option<&CorsRules>, request: Request, next: impl Next) -> Response {
    let Some(cors) = cors else {
        return next(request).await;
    };
    let allowed = request
        .headers()
        .get(ORIGIN)
        .is_some_and(|origin| cors.origins.contains(origin));
    if allowed {
        // tower-http's CORS wraps a service; it calls it at most once (never for a
        // preflight, which it answers itself).
        let mut next = Some(next);
        let rest = tower::service_fn(move |request| {
            let next = next.take().expect("CORS calls the service at most once");
            async move { Ok::<_, Infallible>(next(request).await) }
        });
        match cors.layer.layer(rest).oneshot(request).await {
            Ok(response) => response,
            Err(never) => match never {},
        }
    } else {
        let mut response = next(request).await;
        response
            .headers_mut()
            .append(VARY, HeaderValue::from_static("origin"));
        response
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn parse(list: &[&str]) -> Result<Vec<HeaderValue>, ConfigError> {
        allowed_origins(&list.iter().map(|s| (*s).to_owned()).collect::<Vec<_>>())
    }

    #[test]
    fn exact_origins_are_accepted() {
        let origins = parse(&["https://app.example.com", " http://localhost:3000", ""]).unwrap();
        assert_eq!(
            origins,
            ["https://app.example.com", "http://localhost:3000"]
        );
        assert!(parse(&[]).unwrap().is_empty());
    }

    #[test]
    fn wildcards_paths_and_other_shapes_are_refused() {
        for bad in [
            "*",
            "https://app.example.com/",
            "https://app.example.com/path",
            "app.example.com",
            "ftp://example.com",
            "https://user@example.com",
            "https://example.com?x=1",
        ] {
            let error = parse(&[bad]).unwrap_err();
            assert!(error.0.contains("CORS_ALLOWED_ORIGINS"), "{bad}: {error}");
        }
    }
}
