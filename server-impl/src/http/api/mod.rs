//! The implementation of the generated API traits, one file per generated trait (as in
//! `generated/src/apis/`): thin translations between the contract's models and the
//! services. Policy lives in the services and in named helpers (`links`, `oauth`, `etag`).

mod admin;
mod auth;
mod changes;
mod health;
mod lists;
mod sharing;
mod todos;
mod users;

use std::sync::Arc;

use async_trait::async_trait;
use axum::response::{IntoResponse, Response};
use http::{Extensions, HeaderMap, StatusCode};
use todo_api_gen::apis::{ApiAuthBasic, BasicAuthKind, ErrorHandler};

use super::problem::unavailable;
use crate::auth::AuthContext;
use crate::error::AppError;
use crate::repo::Store;
use crate::service::{
    AccountService, AdminService, AuditService, EventHub, FlagService, ListService, LoginService,
    PasswordResetService, SessionService, SharingService, StatsService, SyncService, TodoService,
};

const BASE: &str = todo_api_gen::BASE_PATH;

pub struct ApiImpl {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) accounts: AccountService,
    pub(crate) todos: TodoService,
    pub(crate) sessions: SessionService,
    pub(crate) admin: AdminService,
    pub(crate) login: LoginService,
    pub(crate) resets: PasswordResetService,
    pub(crate) stats: StatsService,
    pub(crate) flags: FlagService,
    pub(crate) audit: AuditService,
    pub(crate) lists: ListService,
    pub(crate) sharing: SharingService,
    pub(crate) sync: SyncService,
    pub(crate) events: EventHub,
}

#[async_trait]
impl ErrorHandler<AppError> for ApiImpl {
    async fn handle_error(
        &self,
        _extensions: &Extensions,
        error: AppError,
    ) -> Result<Response, StatusCode> {
        Ok(error.into_response())
    }
}

#[async_trait]
impl ApiAuthBasic for ApiImpl {
    type Claims = AuthContext;

    async fn extract_claims_from_auth_header(
        &self,
        kind: BasicAuthKind,
        headers: &HeaderMap,
        key: &str,
    ) -> Result<Option<AuthContext>, Response> {
        let Some(token) = bearer_token(kind, headers, key) else {
            return Ok(None);
        };
        // A 401 would make clients throw their tokens away; only the database was down.
        self.sessions.authenticate(token).await.map_err(|_| {
            unavailable("The database is not answering, so the access token could not be checked.")
        })
    }
}

/// The token of an `Authorization: Bearer <token>` header.
pub(super) fn bearer_token<'a>(
    kind: BasicAuthKind,
    headers: &'a HeaderMap,
    key: &str,
) -> Option<&'a str> {
    if kind != BasicAuthKind::Bearer {
        return None;
    }
    let value = headers.get(key)?.to_str().ok()?;
    let (scheme, token) = value.split_once(' ')?;
    scheme
        .eq_ignore_ascii_case("bearer")
        .then_some(token.trim())
}
