//! Failed requests: the one log line about each, and panics answered as 500 problem+json.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::pin::pin;
use std::task::Poll;

use axum::extract::Request;
use axum::response::{IntoResponse, Response};

use super::edge::Next;
use super::problem::{ErrorReport, ProblemKind, problem_response};

/// The one log line about a failed request, written from the `ErrorReport` its response
/// carries (inside the request span, so with the request id): server errors at ERROR
/// with their cause chain, client errors at DEBUG.
pub async fn log_failures(request: Request, next: impl Next) -> Response {
    let mut response = next(request).await;
    if let Some(report) = response.extensions_mut().remove::<ErrorReport>() {
        let status = response.status().as_u16();
        let kind = report.kind();
        match report.cause() {
            Some(cause) if response.status().is_server_error() => {
                tracing::error!(status, kind, error = format!("{cause:#}"), "request failed");
            }
            _ => tracing::debug!(status, kind, "request refused"),
        }
    }
    response
}

/// A panic below, when `next` is called or while its answer is polled, answers 500
/// problem+json carrying the panic's message in its `ErrorReport` (the steps below are
/// dropped, as any future whose poll panicked).
pub async fn catch_panics(request: Request, next: impl Next) -> Response {
    let answer = match catch_unwind(AssertUnwindSafe(|| next(request))) {
        Ok(answer) => answer,
        Err(panic) => return on_panic(panic),
    };
    let mut answer = pin!(answer);
    std::future::poll_fn(
        |cx| match catch_unwind(AssertUnwindSafe(|| answer.as_mut().poll(cx))) {
            Ok(poll) => poll,
            Err(panic) => Poll::Ready(on_panic(panic)),
        },
    )
    .await
}

fn on_panic(panic: Box<dyn std::any::Any + Send>) -> Response {
    let message = panic
        .downcast_ref::<&str>()
        .map(|m| (*m).to_owned())
        .or_else(|| panic.downcast_ref::<String>().cloned())
        .unwrap_or_default();
    let mut response = problem_response(
        ProblemKind::Internal,
        "The server could not complete the request.",
        None,
    )
    .into_response();
    response.extensions_mut().insert(ErrorReport::new(
        "panic",
        Some(anyhow::anyhow!("handler panicked: {message}")),
    ));
    response
}

#[cfg(test)]
mod tests {
    use anyhow::Context as _;
    use axum::Router;
    use axum::body::Body;
    use axum::middleware;
    use axum::routing::get;
    use http::StatusCode;
    use serde_json::Value;
    use tower::ServiceExt;

    use super::*;
    use crate::error::AppError;
    use crate::http::log_capture::Captured;

    async fn failing() -> Result<(), AppError> {
        let inner: anyhow::Result<()> = Err(anyhow::anyhow!("disk on fire"));
        Err(AppError::Internal(
            inner.context("writing the todo").unwrap_err(),
        ))
    }

    async fn missing() -> Result<(), AppError> {
        Err(AppError::NotFound("todo"))
    }

    async fn panicking() -> &'static str {
        panic!("boom")
    }

    /// The lines logged at `level` while `path` is requested through the two steps.
    async fn logged(path: &str, level: tracing::Level) -> (StatusCode, Vec<Value>) {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .json()
            .flatten_event(true)
            .with_max_level(level)
            .with_writer(captured.clone())
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        let app = Router::new()
            .route("/failing", get(failing))
            .route("/missing", get(missing))
            .route("/panicking", get(panicking))
            .layer(middleware::from_fn(|request, next: middleware::Next| {
                log_failures(request, |request| {
                    catch_panics(request, |request| next.run(request))
                })
            }));
        let request = Request::get(path).body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert!(response.extensions().get::<ErrorReport>().is_none());
        (response.status(), captured.lines())
    }

    #[tokio::test]
    async fn a_server_error_is_logged_once_with_its_cause_chain() {
        let (status, lines) = logged("/failing", tracing::Level::INFO).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0]["level"], "ERROR");
        assert_eq!(lines[0]["message"], "request failed");
        assert_eq!(lines[0]["kind"], "internal");
        assert_eq!(lines[0]["status"], 500);
        assert_eq!(lines[0]["error"], "writing the todo: disk on fire");
    }

    #[tokio::test]
    async fn a_panic_is_logged_once_with_its_message() {
        let (status, lines) = logged("/panicking", tracing::Level::INFO).await;
        assert_eq!(status, StatusCode::INTERNAL_SERVER_ERROR);
        assert_eq!(lines.len(), 1, "{lines:?}");
        assert_eq!(lines[0]["kind"], "panic");
        assert_eq!(lines[0]["error"], "handler panicked: boom");
    }

    #[tokio::test]
    async fn a_panic_calling_next_is_caught_too() {
        let response = catch_panics(Request::default(), |_| -> std::future::Ready<Response> {
            panic!("before any future")
        })
        .await;
        assert_eq!(response.status(), StatusCode::INTERNAL_SERVER_ERROR);
        let report = response.extensions().get::<ErrorReport>().unwrap();
        assert_eq!(report.kind(), "panic");
    }

    #[tokio::test]
    async fn a_client_error_is_logged_only_at_debug() {
        let (status, lines) = logged("/missing", tracing::Level::INFO).await;
        assert_eq!(status, StatusCode::NOT_FOUND);
        assert!(lines.is_empty(), "{lines:?}");
        let (_, lines) = logged("/missing", tracing::Level::DEBUG).await;
        let refused: Vec<_> = lines
            .iter()
            .filter(|l| l["message"] == "request refused")
            .collect();
        assert_eq!(refused.len(), 1, "{lines:?}");
        assert_eq!(refused[0]["level"], "DEBUG");
        assert_eq!(refused[0]["kind"], "not_found");
        assert!(refused[0].get("error").is_none());
    }
}
