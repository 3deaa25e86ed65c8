//! The implementation of the generated API traits, one file per generated trait (as in
//! `generated/src/apis/`): thin translations between the contract's models and the
//! services. Policy lives in the services and in named helpers (`links`, `oauth`, `etag`).

mod admin;
mod auth;
mod health;
mod todos;
mod users;

use std::sync::Arc;

use async_trait::async_trait;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use headers::Host as HostHeader;
use http::{HeaderMap, Method, StatusCode};
use todo_api_gen::apis::{ApiAuthBasic, BasicAuthKind, ErrorHandler};

use super::session_check::note_unavailable;
use crate::auth::AuthContext;
use crate::error::AppError;
use crate::repo::Store;
use crate::service::{
    AccountService, AdminService, LoginService, PasswordResetService, SessionService, StatsService,
    TodoService,
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
}

#[async_trait]
impl ErrorHandler<AppError> for ApiImpl {
    async fn handle_error(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
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
    ) -> Option<AuthContext> {
        if kind != BasicAuthKind::Bearer {
            return None;
        }
        let value = headers.get(key)?.to_str().ok()?;
        let (scheme, token) = value.split_once(' ')?;
        if !scheme.eq_ignore_ascii_case("bearer") {
            return None;
        }
        match self.sessions.authenticate(token.trim()).await {
            Ok(caller) => caller,
            Err(_) => {
                // The generated code can only answer 401 here; see `session_check`.
                note_unavailable();
                None
            }
        }
    }
}
