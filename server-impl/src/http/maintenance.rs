//! Maintenance mode: while the `maintenance` flag is on, every write answers 503
//! `/problems/maintenance` with `Retry-After`, before any other work; reads keep working.
//!
//! Writes that stay allowed (ADR 0021): signing in and refreshing (`POST /auth/token`), so
//! that people can still read; signing out (`POST /auth/revoke`, `DELETE
//! /auth/sessions/{id}`), which only ends access; and `PATCH /admin/flags`, so that an admin
//! can switch maintenance off again.
//!
//! Only operations of the contract are refused (an unknown route still answers 404, an
//! undeclared method 405), and only for callers the operation would let in: a write that
//! needs a bearer token and has no valid one still answers 401.

use axum::extract::{MatchedPath, Request};
use axum::response::Response;
use http::{HeaderMap, Method};
use todo_api_gen::apis::BasicAuthKind;

use super::api::bearer_token;
use super::contract_checks::ContractRules;
use super::edge::Next;
use super::problem::maintenance;
use crate::service::{FlagService, SessionService};

/// What the maintenance layer needs.
#[derive(Clone)]
pub struct Maintenance {
    pub rules: &'static ContractRules,
    pub flags: FlagService,
    pub sessions: SessionService,
    /// `Retry-After`, in seconds.
    pub retry_after: u64,
}

const BASE: &str = todo_api_gen::BASE_PATH;

/// Whether `method` on `path` is a write that maintenance mode refuses.
pub fn refused_in_maintenance(method: &Method, path: &str) -> bool {
    let write = matches!(
        *method,
        Method::POST | Method::PUT | Method::PATCH | Method::DELETE
    );
    if !write {
        return false;
    }
    let Some(route) = path.strip_prefix(BASE) else {
        return true;
    };
    let allowed = match *method {
        Method::POST => route == "/auth/token" || route == "/auth/revoke",
        Method::DELETE => route
            .strip_prefix("/auth/sessions/")
            .is_some_and(|id| !id.is_empty() && !id.contains('/')),
        Method::PATCH => route == "/admin/flags",
        _ => false,
    };
    !allowed
}

/// The layer: asks the node's flag cache only for writes the contract has.
pub async fn refuse_writes_in_maintenance(
    settings: &Maintenance,
    request: Request,
    next: impl Next,
) -> Response {
    // Reads (the hot path) pass before any lookup.
    if !refused_in_maintenance(request.method(), request.uri().path()) {
        return next(request).await;
    }
    let secured = request
        .extensions()
        .get::<MatchedPath>()
        .and_then(|route| settings.rules.secured(request.method(), route.as_str()));
    let Some(secured) = secured else {
        return next(request).await; // 404 or 405, as without maintenance
    };
    if !settings.flags.current().await.maintenance
        || (secured && !authenticated(&settings.sessions, request.headers()).await)
    {
        return next(request).await;
    }
    maintenance(settings.retry_after)
}

/// Whether the request carries a valid access token of an active session. A database that
/// cannot tell counts as no: the handler then answers as it would (401 or 503).
async fn authenticated(sessions: &SessionService, headers: &HeaderMap) -> bool {
    let Some(token) = bearer_token(BasicAuthKind::Bearer, headers, "authorization") else {
        return false;
    };
    matches!(sessions.authenticate(token).await, Ok(Some(_)))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn reads_sign_in_sign_out_and_flags_pass_other_writes_do_not() {
        let p = |s: &str| format!("{BASE}{s}");
        for (method, path) in [
            (Method::GET, p("/todos")),
            (Method::HEAD, p("/todos")),
            (Method::POST, p("/auth/token")),
            (Method::POST, p("/auth/revoke")),
            (
                Method::DELETE,
                p("/auth/sessions/0192f1c4-0000-7000-8000-000000000001"),
            ),
            (Method::PATCH, p("/admin/flags")),
        ] {
            assert!(!refused_in_maintenance(&method, &path), "{method} {path}");
        }
        for (method, path) in [
            (Method::POST, p("/todos")),
            (Method::POST, p("/auth/register")),
            (Method::POST, p("/auth/password-reset/confirm")),
            (Method::PUT, p("/users/me/password")),
            (Method::PATCH, p("/admin/users/x")),
            (Method::DELETE, p("/users/me")),
            (Method::DELETE, p("/auth/sessions/x/y")),
            (Method::POST, p("/admin/flags")),
            (Method::POST, "/elsewhere".to_owned()),
        ] {
            assert!(refused_in_maintenance(&method, &path), "{method} {path}");
        }
    }
}
