//! Rate limits at the HTTP edge: per-client-IP limits on the endpoints that attackers
//! hammer, and the `RateLimit-Policy` / `RateLimit` headers (IETF draft
//! draft-ietf-httpapi-ratelimit-headers) on every answer of those endpoints. Handlers add
//! their own per-account states with [`RequestContext::note_rate_limit`].

use axum::extract::Request;
use axum::response::{IntoResponse, Response};
use http::{HeaderValue, Method};

use super::context::{RequestContext, rate_limit_key};
use super::edge::Next;
use crate::domain::RatePolicy;
use crate::error::AppError;
use crate::service::rate_limit::{self, RateLimiter};

/// The per-IP policy of a request, if its endpoint has one.
fn per_ip_policy(
    limiter: &RateLimiter,
    method: &Method,
    path: &str,
) -> Option<(&'static str, RatePolicy)> {
    if method != Method::POST {
        return None;
    }
    let path = path.strip_prefix(todo_api_gen::BASE_PATH)?;
    let limits = &limiter.limits;
    match path {
        "/auth/token" => Some((rate_limit::TOKEN_PER_IP, limits.token_per_ip)),
        "/auth/register" => Some((rate_limit::REGISTER_PER_IP, limits.register_per_ip)),
        "/auth/password-reset" => Some((rate_limit::RESET_PER_IP, limits.reset_per_ip)),
        _ => None,
    }
}

pub async fn limit_by_ip(limiter: &RateLimiter, request: Request, next: impl Next) -> Response {
    let context = RequestContext::of(request.extensions());
    let Some((name, policy)) = per_ip_policy(limiter, request.method(), request.uri().path())
    else {
        // Handlers with a per-account limit of their own (invitations) still get the headers.
        let response = next(request).await;
        return with_headers(&context, response);
    };
    let ip = context.client().ip.unwrap_or_else(|| "unknown".to_owned());
    let state = match limiter.hit(name, policy, &rate_limit_key(&ip)).await {
        Ok(state) => state,
        Err(error) => {
            // Failing open: a counter outage must not lock everybody out.
            tracing::error!(%error, "rate limit counter unavailable");
            return next(request).await;
        }
    };
    context.note_rate_limit(name, state);
    let response = if state.exceeded() {
        tracing::warn!(policy = name, %ip, "rate limit exceeded");
        AppError::RateLimited {
            what: "requests from this address",
            retry_after: state.reset_in,
        }
        .into_response()
    } else {
        next(request).await
    };
    with_headers(&context, response)
}

/// The `RateLimit-Policy` and `RateLimit` headers of every limit the request was counted
/// against (none: the response as it is).
fn with_headers(context: &RequestContext, mut response: Response) -> Response {
    let notes = context.rate_limits();
    if notes.is_empty() {
        return response;
    }
    let policies: Vec<String> = notes
        .iter()
        .map(|(name, s)| {
            format!(
                "\"{name}\";q={};w={}",
                s.policy.limit,
                s.policy.window.as_secs()
            )
        })
        .collect();
    let states: Vec<String> = notes
        .iter()
        .map(|(name, s)| format!("\"{name}\";r={};t={}", s.remaining(), s.reset_in))
        .collect();
    let headers = response.headers_mut();
    if let Ok(v) = HeaderValue::from_str(&policies.join(", ")) {
        headers.insert("ratelimit-policy", v);
    }
    if let Ok(v) = HeaderValue::from_str(&states.join(", ")) {
        headers.insert("ratelimit", v);
    }
    response
}
