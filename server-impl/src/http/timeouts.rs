//! Time limits inside a request (issue 9): the body must arrive within the body-read
//! timeout, and the work after it must finish within the request timeout. The limits on
//! the connection itself (headers, idle keep-alive, how many) are in `server.rs`.

use std::time::Duration;

use axum::Extension;
use axum::body::{Body, to_bytes};
use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::header::{CONNECTION, RETRY_AFTER};
use http::{HeaderValue, StatusCode};

use super::edge::Next;
use super::problem::{ProblemKind, problem_response};
use super::rejections::UnreadableBody;

/// Reads the whole request body (at most `max_body_bytes`) within `timeout` before any
/// other work: 408 problem+json if it stalls (on every endpoint: it is the transport that
/// failed), 413 if it is too large, 400 if the client breaks it off. Each of those
/// answers closes the connection, as the rest of the body is not read.
pub async fn read_body_within(
    timeout: Duration,
    max_body_bytes: usize,
    request: Request,
    next: impl Next,
) -> Response {
    // Nothing to read (a GET): no timer, no buffering, the body as it is.
    if axum::body::HttpBody::is_end_stream(request.body()) {
        return next(request).await;
    }
    let (parts, body) = request.into_parts();
    let problem = match tokio::time::timeout(timeout, to_bytes(body, max_body_bytes)).await {
        Ok(Ok(bytes)) => {
            return next(Request::from_parts(parts, Body::from(bytes))).await;
        }
        Err(_elapsed) => problem_response(
            ProblemKind::BodyTimeout,
            format!(
                "The request body did not arrive within {} seconds.",
                timeout.as_secs_f64()
            ),
            None,
        ),
        // Plain answers like axum's own rejections: `errors_as_problems` shapes them as the
        // endpoint's errors look (problem+json, or RFC 6749 JSON on the token endpoint).
        Ok(Err(error)) if is_length_limit(&error) => {
            (StatusCode::PAYLOAD_TOO_LARGE, "length limit exceeded").into_response()
        }
        Ok(Err(_)) => (
            StatusCode::BAD_REQUEST,
            Extension(UnreadableBody),
            "Failed to buffer the request body",
        )
            .into_response(),
    };
    with_connection_close(problem)
}

fn is_length_limit(error: &axum::Error) -> bool {
    let mut source: Option<&(dyn std::error::Error + 'static)> = Some(error);
    while let Some(e) = source {
        if e.is::<http_body_util::LengthLimitError>() {
            return true;
        }
        source = e.source();
    }
    false
}

fn with_connection_close(mut response: Response) -> Response {
    response
        .headers_mut()
        .insert(CONNECTION, HeaderValue::from_static("close"));
    response
}

/// Answers 503 problem+json with `Retry-After` when the layers below take longer than
/// `timeout` (their future is dropped: database transactions roll back).
pub async fn answer_within(timeout: Duration, request: Request, next: impl Next) -> Response {
    // Also in the request's span, but that is off below `info`, and this is a warning.
    let method = request.method().clone();
    let path = request.uri().path().to_owned();
    match tokio::time::timeout(timeout, next(request)).await {
        Ok(response) => response,
        Err(_elapsed) => {
            tracing::warn!(%method, %path, ?timeout, "request timed out");
            let mut response = problem_response(
                ProblemKind::RequestTimeout,
                format!(
                    "The request took longer than {} seconds; retry later.",
                    timeout.as_secs_f64()
                ),
                None,
            );
            response
                .headers_mut()
                .insert(RETRY_AFTER, HeaderValue::from_static("1"));
            response
        }
    }
}

#[cfg(test)]
mod tests {
    use std::time::Instant;

    use axum::Router;
    use axum::middleware::{self, Next};
    use axum::routing::{get, post};
    use http::header::CONTENT_TYPE;
    use serde_json::Value;
    use tower::ServiceExt;

    use super::*;

    async fn slow() -> &'static str {
        tokio::time::sleep(Duration::from_secs(30)).await;
        "finally"
    }

    async fn fast() -> &'static str {
        "quick"
    }

    fn app(request_timeout: Duration) -> Router {
        Router::new()
            .route("/slow", get(slow))
            .route("/fast", get(fast))
            .route("/echo", post(|body: String| async move { body }))
            .layer(middleware::from_fn(move |request, next: Next| {
                read_body_within(Duration::from_secs(5), 16, request, move |request| {
                    answer_within(request_timeout, request, |request| next.run(request))
                })
            }))
    }

    async fn json(response: Response) -> Value {
        let bytes = to_bytes(response.into_body(), 64 * 1024).await.unwrap();
        serde_json::from_slice(&bytes).unwrap()
    }

    fn get_request(path: &str) -> Request {
        Request::get(path).body(Body::empty()).unwrap()
    }

    #[tokio::test]
    async fn a_handler_past_the_request_timeout_answers_503_problem_with_retry_after() {
        let started = Instant::now();
        let response = app(Duration::from_millis(200))
            .oneshot(get_request("/slow"))
            .await
            .unwrap();
        assert!(started.elapsed() < Duration::from_secs(10));
        assert_eq!(response.status(), StatusCode::SERVICE_UNAVAILABLE);
        assert_eq!(response.headers()[CONTENT_TYPE], "application/problem+json");
        assert_eq!(response.headers()[RETRY_AFTER], "1");
        let body = json(response).await;
        assert_eq!(body["type"], "/problems/request-timeout");
        assert_eq!(body["status"], 503);
    }

    #[tokio::test]
    async fn a_handler_within_the_request_timeout_is_untouched() {
        let response = app(Duration::from_secs(5))
            .oneshot(get_request("/fast"))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        assert!(!response.headers().contains_key(RETRY_AFTER));
    }

    #[tokio::test]
    async fn the_buffered_body_reaches_the_handler_and_an_oversized_one_answers_413() {
        let echo = |body: &'static str| Request::post("/echo").body(Body::from(body)).unwrap();
        let app = app(Duration::from_secs(5));
        let response = app.clone().oneshot(echo("small body")).await.unwrap();
        assert_eq!(response.status(), StatusCode::OK);
        let bytes = to_bytes(response.into_body(), 1024).await.unwrap();
        assert_eq!(&bytes[..], b"small body");

        let response = app
            .oneshot(echo("a body longer than sixteen bytes"))
            .await
            .unwrap();
        assert_eq!(response.status(), StatusCode::PAYLOAD_TOO_LARGE);
        assert_eq!(response.headers()[CONNECTION], "close");
    }
}
