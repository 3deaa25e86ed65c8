//! The implementation of the generated API traits: thin translations between the
//! contract's models and the services.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use headers::Host as HostHeader;
use http::{HeaderMap, Method, StatusCode};
use todo_api_gen::apis::admin::{
    Admin, DeleteUserResponse, GetUserResponse, ListUsersResponse, UpdateUserResponse,
};
use todo_api_gen::apis::auth::{
    Auth, ConfirmPasswordResetResponse, IssueTokenResponse, ListSessionsResponse, RegisterResponse,
    RequestPasswordResetResponse, RevokeSessionResponse, RevokeTokenResponse,
};
use todo_api_gen::apis::health::{GetLivenessResponse, GetReadinessResponse, Health};
use todo_api_gen::apis::todos::{
    BatchTodosResponse, CreateTodoResponse, DeleteTodoResponse, GetTodoResponse, ListTagsResponse,
    ListTodosResponse, Todos, UpdateTodoResponse,
};
use todo_api_gen::apis::users::{
    ChangePasswordResponse, DeleteCurrentUserResponse, GetCurrentUserResponse,
    GetStatisticsResponse, UpdateCurrentUserResponse, Users,
};
use todo_api_gen::apis::{ApiAuthBasic, BasicAuthKind, ErrorHandler};
use todo_api_gen::models;
use todo_api_gen::types::Nullable;

use super::context::current_client;
use super::convert::{
    admin_user_to_model, draft_from_model, filter_from_model, patch_from_model, role_from_model,
    session_to_model, sort_from_model, stats_to_model, todo_to_model, user_to_model,
};
use super::etag::{content_etag, if_match, none_match_hits, page_etag, todo_etag};
use super::rate_limit::note;
use super::session_check::note_unavailable;
use crate::auth::AuthContext;
use sha2::{Digest, Sha256};

use crate::domain::user::login_input_fits;
use crate::domain::{
    AccountChange, BatchAction, Email, IdempotencyKey, Role, Todo, UserFilter, ValidationErrors,
};
use crate::error::AppError;
use crate::repo::Store;
use crate::service::accounts::LoginError;
use crate::service::rate_limit::Attempted;
use crate::service::{
    AccountService, AdminService, IssuedTokens, Registration, SessionService, TodoService,
};
use crate::service::{Created, PasswordResetService, RateLimiter, StatsService};

const BASE: &str = todo_api_gen::BASE_PATH;
/// The per-account failed-password counter (logins and current-password checks share it).
const LOGIN_POLICY: &str = crate::service::accounts::PASSWORD_FAILURES;
/// Below the contract's two seconds, so that the 503 itself leaves within them.
const READINESS_TIMEOUT: Duration = Duration::from_millis(1500);

pub struct Api {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) accounts: AccountService,
    pub(crate) todos: TodoService,
    pub(crate) sessions: SessionService,
    pub(crate) admin: AdminService,
    pub(crate) limiter: RateLimiter,
    pub(crate) resets: PasswordResetService,
    pub(crate) stats: StatsService,
}

#[async_trait]
impl ErrorHandler<AppError> for Api {
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
impl ApiAuthBasic for Api {
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

/// A 201 for a todo (`version` as of its creation).
fn created(todo: models::Todo, version: i64, replayed: Option<String>) -> CreateTodoResponse {
    CreateTodoResponse::Status201_Created {
        location: format!("{BASE}/todos/{}", todo.id),
        e_tag: todo_etag(version),
        idempotent_replayed: replayed,
        body: todo,
    }
}

/// The `Link` to the next page of todos: the same filters and sort, the next cursor.
fn todos_next_link(query: &models::ListTodosQueryParams, limit: u32, cursor: &str) -> String {
    let mut url = form_urlencoded::Serializer::new(String::new());
    url.append_pair("limit", &limit.to_string());
    if let Some(sort) = query.sort {
        url.append_pair("sort", &sort.to_string());
    }
    if let Some(completed) = query.completed {
        url.append_pair("completed", &completed.to_string());
    }
    if let Some(priority) = query.priority {
        url.append_pair("priority", &priority.to_string());
    }
    for tag in &query.tag {
        url.append_pair("tag", tag);
    }
    for (name, time) in [
        ("due_before", query.due_before),
        ("due_after", query.due_after),
    ] {
        if let Some(t) = time {
            url.append_pair(
                name,
                &t.to_rfc3339_opts(chrono::SecondsFormat::AutoSi, true),
            );
        }
    }
    if let Some(overdue) = query.overdue {
        url.append_pair("overdue", &overdue.to_string());
    }
    if let Some(q) = &query.q {
        url.append_pair("q", q);
    }
    url.append_pair("cursor", cursor);
    format!("<{BASE}/todos?{}>; rel=\"next\"", url.finish())
}

/// An RFC 8288 `Link` to the next page of a list, if there is one.
fn next_link(list_path: &str, limit: u32, next_cursor: Option<&str>) -> Option<String> {
    next_cursor.map(|c| format!("<{BASE}/{list_path}?limit={limit}&cursor={c}>; rel=\"next\""))
}

/// The longest token the token and revocation endpoints look at (an access token, sent
/// by mistake, is a few hundred bytes and must still get `invalid_grant`).
const REVOKE_TOKEN_MAX: usize = 4096;

/// Whether `value` is at most `max` characters (bytes first: a huge value is not scanned).
fn fits(value: &str, max: usize) -> bool {
    value.len() <= max || (value.len() <= 4 * max && value.chars().count() <= max)
}

/// The token request's length limits from the contract (username and password are
/// checked with the password grant).
fn token_request_fits(body: &models::TokenRequest) -> bool {
    let within = |v: &Option<String>, max| v.as_deref().is_none_or(|v| fits(v, max));
    fits(&body.grant_type, 64)
        && within(&body.refresh_token, REVOKE_TOKEN_MAX)
        && within(&body.scope, 1000)
}

fn oauth_error(code: models::TokenErrorCode, description: &str) -> models::TokenError {
    models::TokenError {
        error: code,
        error_description: Some(description.to_owned()),
    }
}

fn rejected(code: models::TokenErrorCode, description: &str) -> IssueTokenResponse {
    IssueTokenResponse::Status400_Rejected {
        body: oauth_error(code, description),
        cache_control: "no-store".to_owned(),
    }
}

fn token_response(result: Result<IssuedTokens, LoginError>) -> IssueTokenResponse {
    use models::TokenErrorCode as Code;
    match result {
        Ok(issued) => IssueTokenResponse::Status200_Issued {
            body: models::TokenResponse {
                access_token: issued.access.token,
                token_type: models::TokenType::Bearer,
                expires_in: issued.access.expires_in,
                refresh_token: issued.refresh_token,
            },
            cache_control: "no-store".to_owned(),
            pragma: "no-cache".to_owned(),
            // Set for every answer of this endpoint by the rate-limit middleware.
            rate_limit_policy: None,
            rate_limit: None,
        },
        Err(LoginError::InvalidGrant) => rejected(
            Code::InvalidGrant,
            "The credentials or the refresh token are not valid.",
        ),
        Err(LoginError::Internal(error)) => match AppError::from_anyhow(error) {
            AppError::Unavailable(_) => IssueTokenResponse::Status503_DatabaseUnavailable {
                body: oauth_error(Code::ServerError, UNAVAILABLE),
                retry_after: Some(RETRY_AFTER),
            },
            AppError::StorageFull => IssueTokenResponse::Status507_InsufficientStorage(
                oauth_error(Code::ServerError, FULL),
            ),
            error => {
                tracing::error!(error = format!("{error:#}"), "token request failed");
                IssueTokenResponse::Status500_ServerError(oauth_error(
                    Code::ServerError,
                    "The server could not complete the request.",
                ))
            }
        },
    }
}

/// The OAuth2 endpoints' texts for database faults (they answer RFC 6749 JSON).
const UNAVAILABLE: &str = "The database is not answering; retry later.";
const FULL: &str = "The server has no room left to store this change.";
const RETRY_AFTER: i32 = super::problem::RETRY_AFTER_UNAVAILABLE as i32;

impl Api {
    /// The password grant, behind the per-account limit on failed logins: the attempt is
    /// counted before the password is hashed (so parallel guesses cannot overtake the
    /// count), and given back when the login succeeds. Once an account has had too many
    /// failures in the window, even the right password waits.
    async fn password_grant(
        &self,
        username: &str,
        password: &str,
    ) -> Result<IssueTokenResponse, AppError> {
        if !login_input_fits(username, password) {
            // No account has such an email or password: refused before any work or storage.
            return Ok(rejected(
                models::TokenErrorCode::InvalidRequest,
                "The username or password is longer than any account's.",
            ));
        }
        let policy = self.limiter.limits.login_failures_per_account;
        let account = Email::normalize(username);
        let attempt = self.limiter.limit_failures(
            LOGIN_POLICY,
            policy,
            &account,
            self.accounts.authenticate(username, password),
            |e| matches!(e, LoginError::InvalidGrant),
        );
        let user = match attempt.await {
            Attempted::Refused(state) => {
                note(LOGIN_POLICY, state);
                return Err(AppError::RateLimited {
                    what: "failed logins for this account",
                    retry_after: state.reset_in,
                });
            }
            Attempted::Ran(result, state) => {
                if let Some(state) = state {
                    note(LOGIN_POLICY, state);
                }
                result
            }
        };
        let result = match user {
            Ok(verified) => self.sessions.open(&verified, current_client()).await,
            Err(e) => Err(e),
        };
        Ok(token_response(result))
    }
}

#[async_trait]
impl Auth<AppError> for Api {
    type Claims = AuthContext;

    async fn issue_token(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        body: &models::TokenRequest,
    ) -> Result<IssueTokenResponse, AppError> {
        use models::TokenErrorCode as Code;
        if !token_request_fits(body) {
            // Nothing this long can be valid: refused before any lookup, hash or counter.
            return Ok(rejected(
                Code::InvalidRequest,
                "A field of the request is longer than the contract allows.",
            ));
        }
        match body.grant_type.as_str() {
            "password" => {
                let (Some(username), Some(password)) = (&body.username, &body.password) else {
                    return Ok(rejected(
                        Code::InvalidRequest,
                        "The password grant needs username and password.",
                    ));
                };
                self.password_grant(username, password).await
            }
            "refresh_token" => {
                let Some(refresh_token) = &body.refresh_token else {
                    return Ok(rejected(
                        Code::InvalidRequest,
                        "The refresh_token grant needs refresh_token.",
                    ));
                };
                Ok(token_response(self.sessions.refresh(refresh_token).await))
            }
            _ => Ok(rejected(
                Code::UnsupportedGrantType,
                "Supported grant types are password and refresh_token.",
            )),
        }
    }

    async fn request_password_reset(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        body: &models::PasswordResetRequest,
    ) -> Result<RequestPasswordResetResponse, AppError> {
        self.resets.request(&body.email).await?;
        Ok(RequestPasswordResetResponse::Status202_Accepted {
            rate_limit_policy: None,
            rate_limit: None,
        })
    }

    async fn confirm_password_reset(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        body: &models::PasswordResetConfirmation,
    ) -> Result<ConfirmPasswordResetResponse, AppError> {
        self.resets.confirm(&body.token, &body.new_password).await?;
        Ok(ConfirmPasswordResetResponse::Status204_PasswordSet)
    }

    async fn revoke_token(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        body: &models::RevokeRequest,
    ) -> Result<RevokeTokenResponse, AppError> {
        if !fits(&body.token, REVOKE_TOKEN_MAX)
            || !body.token_type_hint.as_deref().is_none_or(|h| fits(h, 64))
        {
            return Ok(RevokeTokenResponse::Status400_Rejected(oauth_error(
                models::TokenErrorCode::InvalidRequest,
                "A field of the request is longer than the contract allows.",
            )));
        }
        match self
            .sessions
            .revoke_token(&body.token, body.token_type_hint.as_deref())
            .await
        {
            Ok(()) => Ok(RevokeTokenResponse::Status200_Revoked),
            Err(AppError::Unavailable(_)) => {
                Ok(RevokeTokenResponse::Status503_DatabaseUnavailable {
                    body: oauth_error(models::TokenErrorCode::ServerError, UNAVAILABLE),
                    retry_after: Some(RETRY_AFTER),
                })
            }
            Err(AppError::StorageFull) => Ok(RevokeTokenResponse::Status507_InsufficientStorage(
                oauth_error(models::TokenErrorCode::ServerError, FULL),
            )),
            Err(error) => {
                tracing::error!(error = %error, "revocation failed");
                Ok(RevokeTokenResponse::Status500_ServerError(oauth_error(
                    models::TokenErrorCode::ServerError,
                    "The server could not complete the request.",
                )))
            }
        }
    }

    async fn list_sessions(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        query: &models::ListSessionsQueryParams,
    ) -> Result<ListSessionsResponse, AppError> {
        let page = self
            .sessions
            .list(claims, query.limit, query.cursor.as_deref())
            .await?;
        let link = next_link("auth/sessions", page.limit, page.next_cursor.as_deref());
        Ok(ListSessionsResponse::Status200_APageOfSessions {
            body: models::SessionPage {
                items: page
                    .items
                    .into_iter()
                    .map(|s| session_to_model(s, claims.session_id))
                    .collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
        })
    }

    async fn revoke_session(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        path: &models::RevokeSessionPathParams,
    ) -> Result<RevokeSessionResponse, AppError> {
        self.sessions.revoke(claims, path.session_id).await?;
        Ok(RevokeSessionResponse::Status204_Revoked)
    }

    async fn register(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        body: &models::Registration,
    ) -> Result<RegisterResponse, AppError> {
        let form = Registration {
            email: body.email.clone(),
            password: body.password.clone(),
            display_name: body.display_name.clone(),
        };
        let user = self.accounts.register(form, Role::User).await?;
        Ok(RegisterResponse::Status201_Created {
            body: user_to_model(user),
            location: format!("{BASE}/users/me"),
            rate_limit_policy: None,
            rate_limit: None,
        })
    }
}

#[async_trait]
impl Users<AppError> for Api {
    type Claims = AuthContext;

    async fn get_current_user(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
    ) -> Result<GetCurrentUserResponse, AppError> {
        let user = self.accounts.current_user(claims).await?;
        Ok(GetCurrentUserResponse::Status200_TheAccount(user_to_model(
            user,
        )))
    }

    async fn get_statistics(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        headers: &models::GetStatisticsHeaderParams,
        query: &models::GetStatisticsQueryParams,
    ) -> Result<GetStatisticsResponse, AppError> {
        let computed = self.stats.statistics(claims.user_id, query.days).await?;
        let body = stats_to_model(&computed.stats);
        let json = serde_json::to_vec(&body).map_err(anyhow::Error::from)?;
        let e_tag = content_etag("s", &json);
        if none_match_hits(headers.if_none_match.as_deref(), &e_tag) {
            return Ok(GetStatisticsResponse::Status304_StatisticsNotModified { e_tag });
        }
        Ok(GetStatisticsResponse::Status200_TheStatistics { body, e_tag })
    }

    async fn update_current_user(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        body: &models::UserUpdate,
    ) -> Result<UpdateCurrentUserResponse, AppError> {
        let user = self
            .accounts
            .update_display_name(claims, body.display_name.as_deref())
            .await?;
        Ok(UpdateCurrentUserResponse::Status200_Updated(user_to_model(
            user,
        )))
    }

    async fn change_password(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        body: &models::PasswordChange,
    ) -> Result<ChangePasswordResponse, AppError> {
        self.accounts
            .change_password(claims, &body.current_password, &body.new_password)
            .await?;
        Ok(ChangePasswordResponse::Status204_Changed)
    }

    async fn delete_current_user(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        body: &models::AccountDeletion,
    ) -> Result<DeleteCurrentUserResponse, AppError> {
        self.accounts.delete_account(claims, &body.password).await?;
        Ok(DeleteCurrentUserResponse::Status204_Deleted)
    }
}

#[async_trait]
impl Admin<AppError> for Api {
    type Claims = AuthContext;

    async fn list_users(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        query: &models::ListUsersQueryParams,
    ) -> Result<ListUsersResponse, AppError> {
        let filter = UserFilter {
            email_contains: query.email.clone(),
            role: query.role.map(role_from_model),
            disabled: query.disabled,
        };
        let page = self
            .admin
            .list(claims, filter, query.limit, query.cursor.as_deref())
            .await?;
        let link = next_link("admin/users", page.limit, page.next_cursor.as_deref());
        Ok(ListUsersResponse::Status200_APageOfAccounts {
            body: models::AdminUserPage {
                items: page.items.into_iter().map(admin_user_to_model).collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
        })
    }

    async fn get_user(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        path: &models::GetUserPathParams,
    ) -> Result<GetUserResponse, AppError> {
        let user = self.admin.get(claims, path.user_id).await?;
        Ok(GetUserResponse::Status200_TheAccount(admin_user_to_model(
            user,
        )))
    }

    async fn update_user(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        path: &models::UpdateUserPathParams,
        body: &models::AdminUserUpdate,
    ) -> Result<UpdateUserResponse, AppError> {
        let change = AccountChange {
            role: body.role.map(role_from_model),
            disabled: body.disabled,
        };
        let user = self.admin.update(claims, path.user_id, change).await?;
        Ok(UpdateUserResponse::Status200_Updated(admin_user_to_model(
            user,
        )))
    }

    async fn delete_user(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        path: &models::DeleteUserPathParams,
    ) -> Result<DeleteUserResponse, AppError> {
        self.admin.delete(claims, path.user_id).await?;
        Ok(DeleteUserResponse::Status204_Deleted)
    }
}

#[async_trait]
impl Todos<AppError> for Api {
    type Claims = AuthContext;

    async fn create_todo(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        headers: &models::CreateTodoHeaderParams,
        body: &models::TodoCreate,
    ) -> Result<CreateTodoResponse, AppError> {
        let draft = draft_from_model(body);
        let Some(raw_key) = headers.idempotency_key.as_deref() else {
            let todo = self.todos.create(claims.user_id, draft).await?;
            return Ok(created(todo_to_model(todo), 1, None));
        };
        let key = IdempotencyKey::parse(raw_key)
            .map_err(|m| AppError::BadParameter(ValidationErrors::single("Idempotency-Key", m)))?;
        // The request is identified by its parsed body, so spacing and field order do not matter.
        let request_hash =
            Sha256::digest(serde_json::to_vec(body).map_err(anyhow::Error::from)?).to_vec();
        let render =
            |todo: &Todo| serde_json::to_string(&todo_to_model(todo.clone())).unwrap_or_default();
        match self
            .todos
            .create_idempotent(claims.user_id, draft, &key, &request_hash, render)
            .await?
        {
            Created::New(todo) => Ok(created(todo_to_model(todo), 1, None)),
            Created::Replayed { response_body, id } => {
                let todo: models::Todo = serde_json::from_str(&response_body)
                    .map_err(|e| anyhow::anyhow!("stored response of todo {id}: {e}"))?;
                Ok(created(todo, 1, Some("true".to_owned())))
            }
        }
    }

    async fn list_tags(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        query: &models::ListTagsQueryParams,
    ) -> Result<ListTagsResponse, AppError> {
        let page = self
            .todos
            .tags(claims.user_id, query.limit, query.cursor.as_deref())
            .await?;
        let link = next_link("tags", page.limit, page.next_cursor.as_deref());
        Ok(ListTagsResponse::Status200_APageOfTags {
            body: models::TagPage {
                items: page
                    .items
                    .into_iter()
                    .map(|(tag, count)| models::TagCount { tag, count })
                    .collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
        })
    }

    async fn batch_todos(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        body: &models::BatchRequest,
    ) -> Result<BatchTodosResponse, AppError> {
        let action = match body.action {
            models::BatchAction::Complete => BatchAction::Complete,
            models::BatchAction::Reopen => BatchAction::Reopen,
            models::BatchAction::Delete => BatchAction::Delete,
        };
        let (affected, items) = self.todos.batch(claims.user_id, action, &body.ids).await?;
        Ok(BatchTodosResponse::Status200_Applied(models::BatchResult {
            action: body.action,
            affected: i32::try_from(affected).unwrap_or(i32::MAX),
            items: items.into_iter().map(todo_to_model).collect(),
        }))
    }

    async fn delete_todo(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        headers: &models::DeleteTodoHeaderParams,
        path: &models::DeleteTodoPathParams,
    ) -> Result<DeleteTodoResponse, AppError> {
        let precondition = if_match(headers.if_match.as_deref());
        self.todos
            .delete(claims.user_id, path.todo_id, &precondition)
            .await?;
        Ok(DeleteTodoResponse::Status204_Deleted)
    }

    async fn get_todo(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        headers: &models::GetTodoHeaderParams,
        path: &models::GetTodoPathParams,
    ) -> Result<GetTodoResponse, AppError> {
        let todo = self.todos.get(claims.user_id, path.todo_id).await?;
        let e_tag = todo_etag(todo.version);
        if none_match_hits(headers.if_none_match.as_deref(), &e_tag) {
            return Ok(GetTodoResponse::Status304_NotModified { e_tag });
        }
        Ok(GetTodoResponse::Status200_TheTodo {
            body: todo_to_model(todo),
            e_tag,
        })
    }

    async fn list_todos(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        headers: &models::ListTodosHeaderParams,
        query: &models::ListTodosQueryParams,
    ) -> Result<ListTodosResponse, AppError> {
        let page = self
            .todos
            .list(
                claims.user_id,
                filter_from_model(query),
                sort_from_model(query.sort),
                query.limit,
                query.cursor.as_deref(),
            )
            .await?;
        let e_tag = page_etag(
            page.items.iter().map(|t| (t.id, t.version)),
            page.next_cursor.as_deref(),
        );
        if none_match_hits(headers.if_none_match.as_deref(), &e_tag) {
            return Ok(ListTodosResponse::Status304_PageNotModified { e_tag });
        }
        let link = page
            .next_cursor
            .as_deref()
            .map(|c| todos_next_link(query, page.limit, c));
        Ok(ListTodosResponse::Status200_APageOfTodos {
            body: models::TodoPage {
                items: page.items.into_iter().map(todo_to_model).collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
            e_tag,
        })
    }

    async fn update_todo(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        headers: &models::UpdateTodoHeaderParams,
        path: &models::UpdateTodoPathParams,
        body: &models::TodoUpdate,
    ) -> Result<UpdateTodoResponse, AppError> {
        let precondition = if_match(headers.if_match.as_deref());
        let todo = self
            .todos
            .update(
                claims.user_id,
                path.todo_id,
                patch_from_model(body),
                &precondition,
            )
            .await?;
        Ok(UpdateTodoResponse::Status200_Updated {
            e_tag: todo_etag(todo.version),
            body: todo_to_model(todo),
        })
    }
}

#[async_trait]
impl Health<AppError> for Api {
    async fn get_liveness(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
    ) -> Result<GetLivenessResponse, AppError> {
        Ok(GetLivenessResponse::Status200_Alive(models::HealthStatus {
            status: models::HealthState::Ok,
        }))
    }

    async fn get_readiness(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
    ) -> Result<GetReadinessResponse, AppError> {
        match tokio::time::timeout(READINESS_TIMEOUT, self.store.ping()).await {
            Ok(Ok(())) => Ok(GetReadinessResponse::Status200_Ready(
                models::HealthStatus {
                    status: models::HealthState::Ok,
                },
            )),
            Ok(Err(error)) => {
                tracing::warn!(error = %error, "readiness: database query failed");
                Err(AppError::Unavailable("database"))
            }
            Err(_) => {
                tracing::warn!("readiness: database did not answer within {READINESS_TIMEOUT:?}");
                Err(AppError::Unavailable("database"))
            }
        }
    }
}
