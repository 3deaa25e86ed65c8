//! The edge: the steps every request passes through between the tower-http layers and the
//! routes (security headers, CORS, failure logs, problem+json, panics, the request context,
//! the time limits, maintenance, rate limits, the contract's checks), run in one future.
//!
//! Each step is an async function in the module of what it does, taking the request and
//! `next`, the steps below it; this module only chains them. As separate `from_fn`
//! middlewares they cost about a fifth of a `GET /todos/{id}`'s CPU on SQLite: each one
//! cloned the services below it and boxed them, and boxed its own future and theirs, so a
//! request made some forty allocations and moved its large futures again and again. Here
//! the steps are one state machine, allocated once per request.

use std::convert::Infallible;
use std::pin::Pin;
use std::sync::Arc;
use std::task::{Context, Poll};
use std::time::Duration;

use axum::extract::Request;
use axum::response::Response;
use http::HeaderValue;
use tower::{Layer, Service, ServiceExt};

use super::context::{ClientIpSource, with_context};
use super::contract_checks::{ContractRules, contract_checks};
use super::cors::{CorsRules, with_cors};
use super::failures::{catch_panics, log_failures};
use super::maintenance::{Maintenance, refuse_writes_in_maintenance};
use super::rate_limit::limit_by_ip;
use super::rejections::errors_as_problems;
use super::security_headers::security_headers;
use super::timeouts::{answer_within, read_body_within};
use crate::service::RateLimiter;

/// What a step calls to go on: the steps below it and the route, given the request.
pub trait Next: FnOnce(Request) -> Self::Answer {
    type Answer: Future<Output = Response>;
}

impl<F, A> Next for F
where
    F: FnOnce(Request) -> A,
    A: Future<Output = Response>,
{
    type Answer = A;
}

/// The settings of the steps.
pub struct Edge {
    /// The `Strict-Transport-Security` value, when configured.
    pub hsts: Option<HeaderValue>,
    /// `None`: no CORS headers.
    pub cors: Option<CorsRules>,
    pub client_ip_source: ClientIpSource,
    pub body_read_timeout: Duration,
    pub max_body_bytes: usize,
    pub request_timeout: Duration,
    pub maintenance: Maintenance,
    pub limiter: RateLimiter,
    pub contract: &'static ContractRules,
}

impl Edge {
    /// The answer to `request`: the steps around `routes`.
    async fn answer<S>(&self, request: Request, routes: S) -> Response
    where
        S: Service<Request, Response = Response, Error = Infallible>,
    {
        // Built from the routes outwards, so listed innermost first: each step gets the one
        // above it as `next`. A request meets them bottom to top (security headers first,
        // the contract's checks last), its response top to bottom.
        let routes = move |request| async move {
            match routes.oneshot(request).await {
                Ok(response) => response,
                Err(never) => match never {},
            }
        };
        let contract =
            move |request| contract_checks(self.contract, self.max_body_bytes, request, routes);
        let rate_limits = move |request| limit_by_ip(&self.limiter, request, contract);
        // Before the rate limits, which write their counters.
        let maintenance =
            move |request| refuse_writes_in_maintenance(&self.maintenance, request, rate_limits);
        let answer_in_time =
            move |request| answer_within(self.request_timeout, request, maintenance);
        let read_body = move |request| {
            read_body_within(
                self.body_read_timeout,
                self.max_body_bytes,
                request,
                answer_in_time,
            )
        };
        let context = move |request| with_context(self.client_ip_source, request, read_body);
        let panics = move |request| catch_panics(request, context);
        let problems = move |request| errors_as_problems(request, panics);
        let logged = move |request| log_failures(request, problems);
        let cors = move |request| with_cors(self.cors.as_ref(), request, logged);
        security_headers(self.hsts.as_ref(), request, cors).await
    }
}

/// The edge as a tower layer around the routes.
#[derive(Clone)]
pub struct EdgeLayer(Arc<Edge>);

impl EdgeLayer {
    pub fn new(edge: Edge) -> EdgeLayer {
        EdgeLayer(Arc::new(edge))
    }
}

impl<S> Layer<S> for EdgeLayer {
    type Service = EdgeService<S>;

    fn layer(&self, routes: S) -> EdgeService<S> {
        EdgeService {
            edge: self.0.clone(),
            routes,
        }
    }
}

#[derive(Clone)]
pub struct EdgeService<S> {
    edge: Arc<Edge>,
    routes: S,
}

impl<S> Service<Request> for EdgeService<S>
where
    S: Service<Request, Response = Response, Error = Infallible> + Clone + Send + 'static,
    S::Future: Send,
{
    type Response = Response;
    type Error = Infallible;
    type Future = Pin<Box<dyn Future<Output = Result<Response, Infallible>> + Send>>;

    fn poll_ready(&mut self, cx: &mut Context<'_>) -> Poll<Result<(), Infallible>> {
        self.routes.poll_ready(cx)
    }

    fn call(&mut self, request: Request) -> Self::Future {
        // The service that was polled ready goes with the request; a clone stays.
        let routes = self.routes.clone();
        let routes = std::mem::replace(&mut self.routes, routes);
        let edge = self.edge.clone();
        Box::pin(async move { Ok(edge.answer(request, routes).await) })
    }
}
