//! Headers every answer carries for the browser's sake: `X-Content-Type-Options: nosniff`;
//! `Cache-Control: no-store` on answers to authenticated requests (what one user sees is
//! never kept by a shared or browser cache), unless the handler chose a `Cache-Control`
//! itself (the token endpoint's own `no-store`, the docs assets); and
//! `Strict-Transport-Security` when `HSTS_MAX_AGE_SECONDS` is configured.

use axum::extract::Request;
use axum::response::Response;
use http::HeaderValue;
use http::header::{
    AUTHORIZATION, CACHE_CONTROL, STRICT_TRANSPORT_SECURITY, X_CONTENT_TYPE_OPTIONS,
};

use super::edge::Next;

/// The `Strict-Transport-Security` value for a max age, if one is configured.
pub fn hsts_value(max_age_seconds: Option<u64>) -> Option<HeaderValue> {
    max_age_seconds.map(|seconds| {
        HeaderValue::from_str(&format!("max-age={seconds}")).expect("digits are a header value")
    })
}

pub async fn security_headers(
    hsts: Option<&HeaderValue>,
    request: Request,
    next: impl Next,
) -> Response {
    let authenticated = request.headers().contains_key(AUTHORIZATION);
    let mut response = next(request).await;
    let headers = response.headers_mut();
    headers.insert(X_CONTENT_TYPE_OPTIONS, HeaderValue::from_static("nosniff"));
    if authenticated && !headers.contains_key(CACHE_CONTROL) {
        headers.insert(CACHE_CONTROL, HeaderValue::from_static("no-store"));
    }
    if let Some(hsts) = hsts {
        headers.insert(STRICT_TRANSPORT_SECURITY, hsts.clone());
    }
    response
}
