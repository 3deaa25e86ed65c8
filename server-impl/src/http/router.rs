//! The whole HTTP application: generated routes, the contract documents, their
//! interactive reference (`/docs`), and the layers every request passes through.

use std::sync::{Arc, LazyLock};
use std::time::Duration;

use axum::Router;
use axum::extract::{DefaultBodyLimit, Request};
use axum::routing::get;
use http::StatusCode;
use http::header::CONTENT_TYPE;
use tower::ServiceBuilder;
use tower_http::compression::{CompressionLayer, CompressionLevel};
use tower_http::request_id::{MakeRequestUuid, PropagateRequestIdLayer, SetRequestIdLayer};
use tower_http::trace::TraceLayer;
use tracing::Span;

use super::api::ApiImpl;
use super::context::{ClientIpSource, X_REQUEST_ID};
use super::contract_checks::ContractRules;
use super::cors::CorsRules;
use super::docs;
use super::edge::{Edge, EdgeLayer};
use super::maintenance::Maintenance;
use super::metrics::{RequestMetrics, TrackRequestsLayer};
use super::trace_context;
use crate::auth::AuthContext;
use crate::error::AppError;
use crate::service::{FlagService, RateLimiter, SessionService};

const OPENAPI_YAML: &str = include_str!("../../../openapi.yaml");

/// The contract as a JSON value: parsed where needed and dropped after, not kept (its tree
/// is several times the YAML's size and only two things are made from it, each once).
fn openapi() -> serde_json::Value {
    serde_norway::from_str(OPENAPI_YAML).expect("openapi.yaml is valid YAML")
}

/// `/openapi.json`, made at its first request.
static OPENAPI_JSON: LazyLock<String> = LazyLock::new(|| {
    serde_json::to_string_pretty(&openapi()).expect("JSON serialization cannot fail")
});

static CONTRACT_RULES: LazyLock<ContractRules> =
    LazyLock::new(|| ContractRules::from_spec(&openapi(), todo_api_gen::BASE_PATH));

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
    let edge = EdgeLayer::new(Edge {
        hsts: settings.hsts.clone(),
        cors: (!settings.cors_allowed_origins.is_empty())
            .then(|| CorsRules::new(settings.cors_allowed_origins.clone())),
        client_ip_source: settings.client_ip_source,
        body_read_timeout: settings.body_read_timeout,
        max_body_bytes: settings.max_body_bytes,
        request_timeout: settings.request_timeout,
        maintenance: Maintenance {
            rules: &CONTRACT_RULES,
            flags: settings.flags.clone(),
            sessions: settings.sessions.clone(),
            retry_after: settings.maintenance_retry_after,
        },
        limiter: settings.limiter.clone(),
        contract: &CONTRACT_RULES,
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
    // another boxed service. No `from_fn` middleware either: each cloned and boxed the
    // services below it and boxed its future on every request (with eleven of them, a fifth
    // of a `GET /todos/{id}`'s CPU on SQLite); our own steps run in one future, the edge
    // (`edge.rs`, which lists them in order), and the metrics layer boxes nothing.
    // Listed outermost first.
    let layers = ServiceBuilder::new()
        // Outermost: every answer is counted, whichever layer gave it.
        .option_layer(settings.metrics.clone().map(TrackRequestsLayer::new))
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
        // The compressed body type below holds every encoder's state inline (about 6 KB):
        // boxed here, once, the layers above move a pointer instead of copying it at every step.
        .map_response(|response: http::Response<_>| response.map(axum::body::Body::new))
        // gzip or br by Accept-Encoding, for bodies over 32 bytes that are not images (the
        // docs' PNG icons) or event streams; ETags name the todo's version or the page's
        // content, whatever the coding (docs/http.md). Level 4, not the codecs' defaults:
        // brotli's default is its slowest (11), milliseconds of CPU for every page of todos.
        .layer(CompressionLayer::new().quality(CompressionLevel::Precise(4)))
        // Security headers, CORS, failure logs, problem+json, panics, the request context,
        // body and request time limits, maintenance, per-IP rate limits, the contract's
        // checks.
        .layer(edge)
        // For axum's body extractors (the edge has read the body within this limit already).
        .layer(DefaultBodyLimit::max(settings.max_body_bytes));
    generated
        .merge(contract)
        .merge(docs::routes())
        .fallback(|| async { StatusCode::NOT_FOUND })
        .layer(layers)
}

/// The span of a request, whose fields every log line of the request carries: the request
/// id and, when the client sent a valid W3C `traceparent`, its trace id.
fn request_span(request: &Request) -> Span {
    let request_id = request
        .headers()
        .get(X_REQUEST_ID)
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

#[cfg(test)]
mod tests {
    use axum::body::Body;

    use super::*;
    use crate::http::log_capture::Captured;

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
        let text = captured.text();
        let lines: Vec<&str> = text.lines().collect();
        assert_eq!(lines.len(), 2, "{text}");
        assert!(
            lines[0].contains("request_id=r1")
                && lines[0].contains("trace_id=4bf92f3577b34da6a3ce929d0e0e4736"),
            "{text}"
        );
        assert!(!lines[1].contains("trace_id"), "{text}");
    }
}
