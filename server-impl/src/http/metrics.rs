//! Prometheus metrics over HTTP (ADR 0018): the middleware that counts and times every
//! request by method, route template and status, and the scrape endpoint served on its own
//! listener (METRICS_ADDR), never on the API's.
//!
//! The request labels are bounded whatever clients send: the route is the matched route's
//! template (`/api/v1/todos/{id}`), or `unmatched` for a path no route matches; a method
//! outside the standard ones is `other`. Each (route, method, status) series is looked up
//! once and its handles kept, so a request costs a read lock, two hash lookups and a few
//! atomic operations, without allocating.

use std::collections::HashMap;
use std::sync::{Arc, RwLock};
use std::time::Instant;

use axum::Router;
use axum::extract::{MatchedPath, Request};
use axum::middleware::Next;
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use http::Method;
use http::header::CONTENT_TYPE;
use metrics::{Counter, Gauge, Histogram};
use metrics_exporter_prometheus::PrometheusHandle;

use crate::repo::Store;

/// The route label of a request no route matched (a 404 or a hostile path).
pub const UNMATCHED: &str = "unmatched";

/// The Prometheus text format, version 0.0.4.
const TEXT_FORMAT: &str = "text/plain; version=0.0.4; charset=utf-8";

/// The handles of one (method, status) series of a route.
struct Series {
    requests: Counter,
    duration: Histogram,
}

/// Series by route template, then by (method, status).
type SeriesByRoute = HashMap<Box<str>, HashMap<(&'static str, u16), Series>>;

/// The request metrics of a router; handles into the installed recorder.
pub struct RequestMetrics {
    in_flight: Gauge,
    series: RwLock<SeriesByRoute>,
}

impl RequestMetrics {
    /// Handles into the recorder installed now (`monitoring::install` runs first).
    pub fn new() -> RequestMetrics {
        RequestMetrics {
            in_flight: metrics::gauge!("http_requests_in_flight"),
            series: RwLock::new(HashMap::new()),
        }
    }

    fn observe(&self, method: &'static str, route: &str, status: u16, seconds: f64) {
        {
            let series = self.series.read().unwrap_or_else(|p| p.into_inner());
            if let Some(s) = series.get(route).and_then(|r| r.get(&(method, status))) {
                s.requests.increment(1);
                s.duration.record(seconds);
                return;
            }
        }
        let mut series = self.series.write().unwrap_or_else(|p| p.into_inner());
        let s = series
            .entry(route.into())
            .or_default()
            .entry((method, status))
            .or_insert_with(|| new_series(method, route, status));
        s.requests.increment(1);
        s.duration.record(seconds);
    }
}

impl Default for RequestMetrics {
    fn default() -> Self {
        RequestMetrics::new()
    }
}

fn new_series(method: &'static str, route: &str, status: u16) -> Series {
    let labels = [
        ("method", method.to_owned()),
        ("route", route.to_owned()),
        ("status", status.to_string()),
    ];
    Series {
        requests: metrics::counter!("http_requests_total", &labels),
        duration: metrics::histogram!("http_request_duration_seconds", &labels),
    }
}

/// The method label: one of the standard methods, else `other`.
fn method_label(method: &Method) -> &'static str {
    match *method {
        Method::GET => "GET",
        Method::HEAD => "HEAD",
        Method::POST => "POST",
        Method::PUT => "PUT",
        Method::PATCH => "PATCH",
        Method::DELETE => "DELETE",
        Method::OPTIONS => "OPTIONS",
        Method::TRACE => "TRACE",
        Method::CONNECT => "CONNECT",
        _ => "other",
    }
}

/// Decrements the in-flight gauge when the request ends, however it ends.
struct InFlight<'a>(&'a Gauge);

impl Drop for InFlight<'_> {
    fn drop(&mut self) {
        self.0.decrement(1.0);
    }
}

/// Middleware: counts and times the request once its response head is ready.
pub async fn track_requests(
    metrics: Arc<RequestMetrics>,
    request: Request,
    next: Next,
) -> Response {
    let started = Instant::now();
    let method = method_label(request.method());
    let route = request.extensions().get::<MatchedPath>().cloned();
    metrics.in_flight.increment(1.0);
    let in_flight = InFlight(&metrics.in_flight);
    let response = next.run(request).await;
    drop(in_flight);
    let route = route.as_ref().map_or(UNMATCHED, MatchedPath::as_str);
    metrics.observe(
        method,
        route,
        response.status().as_u16(),
        started.elapsed().as_secs_f64(),
    );
    response
}

/// The router of the metrics listener: `GET /metrics`, with the pool sampled at each scrape.
pub fn scrape_router(handle: PrometheusHandle, store: Arc<dyn Store>) -> Router {
    Router::new().route(
        "/metrics",
        get(move || {
            let (handle, store) = (handle.clone(), store.clone());
            async move {
                crate::monitoring::sample_pool(store.pool_stats());
                ([(CONTENT_TYPE, TEXT_FORMAT)], handle.render()).into_response()
            }
        }),
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn methods_outside_the_standard_ones_share_one_label() {
        assert_eq!(method_label(&Method::PATCH), "PATCH");
        let custom = Method::from_bytes(b"BREW").unwrap();
        assert_eq!(method_label(&custom), "other");
    }
}
