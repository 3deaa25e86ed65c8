//! Prometheus metrics over HTTP (ADR 0018): the layer that counts and times every
//! request by method, route template and status, and the scrape endpoint served on its own
//! listener (METRICS_ADDR), never on the API's.
//!
//! The request labels are bounded whatever clients send: the route is the matched route's
//! template (`/api/v1/todos/{id}`), or `unmatched` for a path no route matches; a method
//! outside the standard ones is `other`. Each (route, method, status) series is looked up
//! once and its handles kept, so a request costs a read lock, two hash lookups and a few
//! atomic operations, without allocating.

use std::collections::HashMap;
use std::pin::Pin;
use std::sync::{Arc, RwLock};
use std::task::{Context, Poll, ready};
use std::time::Instant;

use axum::Router;
use axum::extract::MatchedPath;
use axum::response::IntoResponse;
use axum::routing::get;
use http::header::CONTENT_TYPE;
use http::{Method, Request, Response};
use metrics::{Counter, Gauge, Histogram};
use metrics_exporter_prometheus::PrometheusHandle;
use pin_project_lite::pin_project;
use tower::{Layer, Service};

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

/// The layer that counts and times every request once its response head is ready.
#[derive(Clone)]
pub struct TrackRequestsLayer(Arc<RequestMetrics>);

impl TrackRequestsLayer {
    pub fn new(metrics: Arc<RequestMetrics>) -> TrackRequestsLayer {
        TrackRequestsLayer(metrics)
    }
}

impl<S> Layer<S> for TrackRequestsLayer {
    type Service = TrackRequests<S>;

    fn layer(&self, inner: S) -> TrackRequests<S> {
        TrackRequests {
            metrics: self.0.clone(),
            inner,
        }
    }
}

#[derive(Clone)]
pub struct TrackRequests<S> {
    metrics: Arc<RequestMetrics>,
    inner: S,
}

impl<S, B, R> Service<Request<B>> for TrackRequests<S>
where
    S: Service<Request<B>, Response = Response<R>>,
{
    type Response = Response<R>;
    type Error = S::Error;
    type Future = Tracked<S::Future>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), S::Error>> {
        self.inner.poll_ready(cx)
    }

    fn call(&mut self, request: Request<B>) -> Self::Future {
        let started = Instant::now();
        let method = method_label(request.method());
        let route = request.extensions().get::<MatchedPath>().cloned();
        self.metrics.in_flight.increment(1.0);
        let in_flight = InFlight(self.metrics.clone());
        Tracked {
            answer: self.inner.call(request),
            in_flight: Some(in_flight),
            started,
            method,
            route,
        }
    }
}

/// Decrements the in-flight gauge when the request ends, however it ends.
struct InFlight(Arc<RequestMetrics>);

impl Drop for InFlight {
    fn drop(&mut self) {
        self.0.in_flight.decrement(1.0);
    }
}

pin_project! {
    /// The answer of a tracked request, observed when it is ready.
    pub struct Tracked<F> {
        #[pin]
        answer: F,
        in_flight: Option<InFlight>,
        started: Instant,
        method: &'static str,
        route: Option<MatchedPath>,
    }
}

impl<F, R, E> Future for Tracked<F>
where
    F: Future<Output = Result<Response<R>, E>>,
{
    type Output = F::Output;

    fn poll(self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<F::Output> {
        let this = self.project();
        let answer = ready!(this.answer.poll(cx));
        let Some(in_flight) = this.in_flight.take() else {
            return Poll::Ready(answer); // polled again after it was ready
        };
        let metrics = in_flight.0.clone();
        drop(in_flight);
        if let Ok(response) = &answer {
            let route = this.route.as_ref().map_or(UNMATCHED, MatchedPath::as_str);
            metrics.observe(
                this.method,
                route,
                response.status().as_u16(),
                this.started.elapsed().as_secs_f64(),
            );
        }
        Poll::Ready(answer)
    }
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
