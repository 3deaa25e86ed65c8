//! The whole HTTP application: generated routes, the contract documents, their
//! interactive reference (`/docs`), and the layers every request passes through.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::middleware::{self, Next};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::StatusCode;
use http::header::CONTENT_TYPE;
use tower::ServiceBuilder;
use tower_http::catch_panic::CatchPanicLayer;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;

use super::api::ApiImpl;
use super::context::{ClientIpSource, with_context};
use super::contract_checks::{ContractRules, contract_checks};
use super::cors::{cors_layer, with_cors};
use super::docs;
use super::maintenance::{Maintenance, refuse_writes_in_maintenance};
use super::metrics::{RequestMetrics, track_requests};
use super::problem::{ErrorReport, ProblemKind, problem_response};
use super::rate_limit::limit_by_ip;
use super::rejections::errors_as_problems;
use super::security_headers::security_headers;
use super::timeouts::{answer_within, read_body_within};
use super::trace_context;
use crate::auth::AuthContext;
use crate::error::AppError;
use crate::service::{FlagService, RateLimiter, SessionService};

const OPENAPI_YAML: &str = include_str!("../../../openapi.yaml");

static OPENAPI: LazyLock<serde_json::Value> =
    LazyLock::new(|| serde_norway::from_str(OPENAPI_YAML).expect("openapi.yaml is valid YAML"));

static OPENAPI_JSON: LazyLock<String> = LazyLock::new(|| {
    serde_json::to_string_pretty(&*OPENAPI).expect("JSON serialization cannot fail")
});

static CONTRACT_RULES: LazyLock<ContractRules> =
    LazyLock::new(|| ContractRules::from_spec(&OPENAPI, todo_api_gen::BASE_PATH));

#[derive(Clone)]
pub struct RouterSettings {
    /// Request bodies larger than this answer 413.
    pub max_body_bytes: usize,
    /// Where client IPs (recorded on sessions, used by rate limits) come from.
    pub client_ip_source: ClientIpSource,
    pub limiter: RateLimiter,
    /// The whole body must arrive within this (else 408), before any other work.
    pub body_read_timeout: Duration,
    /// Everything after the body must finish within this (else 503).
    pub request_timeout: Duration,
    /// Origins allowed to call cross-origin (CORS); empty: no CORS headers.
    pub cors_allowed_origins: Vec<http::HeaderValue>,
    /// The `Strict-Transport-Security` value, when configured.
    pub hsts: Option<http::HeaderValue>,
    /// Request metrics to record (METRICS_ADDR set); `None`: no metrics layer at all.
    pub metrics: Option<Arc<RequestMetrics>>,
    /// The node's flags (maintenance mode refuses writes).
    pub flags: FlagService,
    /// Checks the token of a write refused in maintenance (without one it answers 401).
    pub sessions: SessionService,
    /// `Retry-After` of writes refused in maintenance mode, in seconds.
    pub maintenance_retry_after: u64,
}

pub fn build_router(api: Arc<ApiImpl>, settings: &RouterSettings) -> Router {
    let cors = (!settings.cors_allowed_origins.is_empty()).then(|| {
        let origins: Arc<[http::HeaderValue]> = settings.cors_allowed_origins.clone().into();
        let layer = cors_layer(settings.cors_allowed_origins.clone());
        middleware::from_fn(move |request, next| {
            with_cors(layer.clone(), origins.clone(), request, next)
        })
    });
    // Shared, not copied per request (it holds the flag and session services).
    let maintenance = Arc::new(Maintenance {
        rules: &CONTRACT_RULES,
        flags: settings.flags.clone(),
        sessions: settings.sessions.clone(),
        retry_after: settings.maintenance_retry_after,
    });
    let generated = todo_api_gen::server::new::<Arc<ApiImpl>, ApiImpl, AppError, AuthContext>(api);
    let contract = Router::new()
        .route(
            const_format::concatcp!(todo_api_gen::BASE_PATH, "/openapi.yaml"),
            get(|| async { ([(CONTENT_TYPE, "application/yaml")], OPENAPI_YAML) }),
        )
        .route(
            const_format::concatcp!(todo_api_gen::BASE_PATH, "/openapi.json"),
            get(|| async { ([(CONTENT_TYPE, "application/json")], OPENAPI_JSON.as_str()) }),
        );

    // Every layer in ONE stack, applied once: each `Router::layer` wraps every route in
    // another boxed service, and a middleware made by `from_fn` clones the service inside it
    // on every request, so seventeen of them layered one by one made about 150 boxed clones
    // per request (a fifth of a `GET /todos/{id}`'s CPU on SQLite). Listed outermost first.
    let layers = ServiceBuilder::new()
        .layer(SetRequestIdLayer::x_request_id(MakeRequestUuid))
        .layer(
            TraceLayer::new_for_http()
                .make_span_with(request_span)
                .on_request(())
                .on_response(
                    |response: &http::Response<_>, latency: Duration, _span: &Span| {
                        tracing::info!(
                            status = response.status().as_u16(),
                            latency_ms = latency.as_secs_f64() * 1000.0,
                            "request finished"
                        );
                    },
                )
                .on_failure(()),
        )
        .layer(PropagateRequestIdLayer::x_request_id())
        // gzip or br by Accept-Encoding, for bodies over 32 bytes that are not images (the
        // docs' PNG icons) or event streams; ETags name the todo's version or the page's
        // content, whatever the coding (docs/http.md). Level 4, not the codecs' defaults:
        // brotli's default is its slowest (11), milliseconds of CPU for every page of todos.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        .layer(middleware::from_fn({
            let hsts = settings.hsts.clone();
            move |request, next| security_headers(hsts.clone(), request, next)
        }))
        .option_layer(cors)
        .layer(middleware::from_fn(log_failures))
        .layer(middleware::from_fn(errors_as_problems))
        .layer(CatchPanicLayer::custom(on_panic))
        .layer(middleware::from_fn({
            let source = settings.client_ip_source;
            move |request, next| with_context(source, request, next)
        }))
        .layer(middleware::from_fn({
            let (timeout, max_body_bytes) = (settings.body_read_timeout, settings.max_body_bytes);
            move |request, next| read_body_within(timeout, max_body_bytes, request, next)
        }))
        .layer(middleware::from_fn({
            let timeout = settings.request_timeout;
            move |request, next| answer_within(timeout, request, next)
        }))
        // Before the rate limits, which write their counters.
        .layer(middleware::from_fn(move |request, next| {
            refuse_writes_in_maintenance(maintenance.clone(), request, next)
        }))
        .layer(middleware::from_fn({
            let limiter = settings.limiter.clone();
            move |request, next| limit_by_ip(limiter.clone(), request, next)
        }))
        .layer(DefaultBodyLimit::max(settings.max_body_bytes))
        .layer(middleware::from_fn({
            let max_body_bytes = settings.max_body_bytes;
            move |request, next| contract_checks(&CONTRACT_RULES, max_body_bytes, request, next)
        }));
    let router = generated
        .merge(contract)
        .merge(docs::routes())
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(layers);
    match &settings.metrics {
        // Outermost: every answer is counted, whichever layer gave it.
        Some(metrics) => router.layer(middleware::from_fn({
            let metrics = metrics.clone();
            move |request, next| track_requests(metrics.clone(), request, next)
        })),
        None => router,
    }
}

/// The span of a request, whose fields every log line of the request carries: the request
/// id and, when the client sent a valid W3C `traceparent`, its trace id.
fn request_span(request: &Request) -> Span {
    let request_id = request
        .headers()
        .get("x-request-id")
        .and_then(|v| v.to_str().ok())
        .unwrap_or("-");
    let span = tracing::info_span!(
        "request",
        request_id = %request_id,
        trace_id = tracing::field::Empty,
        method = %request.method(),
        path = %request.uri().path(),
    );
    if let Some(trace_id) = trace_context::trace_id(request.headers()) {
        span.record("trace_id", tracing::field::display(trace_id));
    }
    span
}

/// The one log line about a failed request, written from the `ErrorReport` its response
/// carries (inside the request span, so with the request id): server errors at ERROR
/// with their cause chain, client errors at DEBUG.
async fn log_failures(request: Request, next: Next) -> Response {
    let mut response = next.run(request).await;
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
    use std::sync::Mutex;

    use anyhow::Context as _;
    use axum::body::Body;
    use serde_json::Value;
    use tower::ServiceExt;
    use tracing_subscriber::fmt::MakeWriter;

    use super::*;

    /// Log lines written while a test runs (JSON, one per line).
    #[derive(Clone, Default)]
    struct Captured(Arc<Mutex<Vec<u8>>>);

    impl std::io::Write for Captured {
        fn write(&mut self, buf: &[u8]) -> std::io::Result<usize> {
            self.0.lock().unwrap().extend_from_slice(buf);
            Ok(buf.len())
        }
        fn flush(&mut self) -> std::io::Result<()> {
            Ok(())
        }
    }

    impl<'a> MakeWriter<'a> for Captured {
        type Writer = Captured;
        fn make_writer(&'a self) -> Captured {
            self.clone()
        }
    }

    impl Captured {
        fn lines(&self) -> Vec<Value> {
            String::from_utf8(self.0.lock().unwrap().clone())
                .unwrap()
                .lines()
                .map(|l| serde_json::from_str(l).unwrap())
                .collect()
        }
    }

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

    /// The lines logged at `level` while `path` is requested through the logging layers.
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
            .layer(CatchPanicLayer::custom(on_panic))
            .layer(middleware::from_fn(log_failures));
        let request = Request::get(path).body(Body::empty()).unwrap();
        let response = app.oneshot(request).await.unwrap();
        assert!(response.extensions().get::<ErrorReport>().is_none());
        (response.status(), captured.lines())
    }

    #[test]
    fn the_trace_id_is_a_field_of_text_log_lines() {
        let captured = Captured::default();
        let subscriber = tracing_subscriber::fmt()
            .with_ansi(false)
            .with_writer(captured.clone())
            .finish();
        let _guard = tracing::subscriber::set_default(subscriber);
        for traceparent in [
            "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01",
            "00-4bf92f3577b34da6a3ce929d0e0e4736",
        ] {
            let request = Request::get("/api/v1/todos")
                .header("x-request-id", "r1")
                .header("traceparent", traceparent)
                .body(Body::empty())
                .unwrap();
            let _entered = request_span(&request).entered();
            tracing::info!("inside the request");
        }
        let text = String::from_utf8(captured.0.lock().unwrap().clone()).unwrap();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(
            lines[0].contains("request_id=r1")
                && lines[0].contains("trace_id=4bf92f3577b34da6a3ce929d0e0e4736"),
            "{text}"
        );
        assert!(!lines[1].contains("trace_id"), "{text}");
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
