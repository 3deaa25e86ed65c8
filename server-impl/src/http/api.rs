//! The implementation of the generated API traits: thin translations between the
//! contract's models and the services.

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use axum::response::{IntoResponse, Response};
use axum_extra::extract::CookieJar;
use headers::Host as HostHeader;
use http::{HeaderMap, Method, StatusCode};
use todo_api_gen::apis::auth::{Auth, IssueTokenResponse, RegisterResponse};
use todo_api_gen::apis::health::{GetLivenessResponse, GetReadinessResponse, Health};
use todo_api_gen::apis::todos::{
    CreateTodoResponse, DeleteTodoResponse, GetTodoResponse, ListTodosResponse, Todos,
    UpdateTodoResponse,
};
use todo_api_gen::apis::users::{GetCurrentUserResponse, Users};
use todo_api_gen::apis::{ApiAuthBasic, BasicAuthKind, ErrorHandler};
use todo_api_gen::models;
use todo_api_gen::types::Nullable;

use super::convert::{draft_from_model, patch_from_model, todo_to_model, user_to_model};
use crate::auth::{AuthContext, TokenService};
use crate::domain::Role;
use crate::error::AppError;
use crate::repo::Store;
use crate::service::accounts::LoginError;
use crate::service::{AccountService, Registration, TodoService};

const BASE: &str = todo_api_gen::BASE_PATH;
const READINESS_TIMEOUT: Duration = Duration::from_secs(2);

pub struct Api {
    pub(crate) store: Arc<dyn Store>,
    pub(crate) accounts: AccountService,
    pub(crate) todos: TodoService,
    pub(crate) tokens: Arc<TokenService>,
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
        self.tokens.verify(token.trim()).ok()
    }
}

fn oauth_error(code: models::OAuthErrorCode, description: &str) -> models::OAuthError {
    models::OAuthError {
        error: code,
        error_description: Some(description.to_owned()),
    }
}

fn rejected(code: models::OAuthErrorCode, description: &str) -> IssueTokenResponse {
    IssueTokenResponse::Status400_Rejected {
        body: oauth_error(code, description),
        cache_control: "no-store".to_owned(),
    }
}

#[async_trait]
impl Auth<AppError> for Api {
    async fn issue_token(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        body: &models::TokenRequest,
    ) -> Result<IssueTokenResponse, AppError> {
        use models::OAuthErrorCode as Code;
        if body.grant_type != "password" {
            return Ok(rejected(
                Code::UnsupportedGrantType,
                "Only the password grant type is supported.",
            ));
        }
        let (Some(username), Some(password)) = (&body.username, &body.password) else {
            return Ok(rejected(
                Code::InvalidRequest,
                "The password grant needs username and password.",
            ));
        };
        let issued = self
            .accounts
            .authenticate(username, password)
            .await
            .and_then(|user| {
                self.tokens
                    .issue(user.id, user.role)
                    .map_err(|e| LoginError::Internal(e.into()))
            });
        match issued {
            Ok(token) => Ok(IssueTokenResponse::Status200_Issued {
                body: models::TokenResponse {
                    access_token: token.token,
                    token_type: models::TokenType::Bearer,
                    expires_in: token.expires_in,
                },
                cache_control: "no-store".to_owned(),
                pragma: "no-cache".to_owned(),
            }),
            Err(LoginError::InvalidGrant) => Ok(rejected(
                Code::InvalidGrant,
                "The email or password is incorrect.",
            )),
            Err(LoginError::Internal(error)) => {
                tracing::error!(error = format!("{error:#}"), "token request failed");
                Ok(IssueTokenResponse::Status500_ServerError(oauth_error(
                    Code::ServerError,
                    "The server could not complete the request.",
                )))
            }
        }
    }

    async fn register(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        body: &models::RegisterRequest,
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
        body: &models::TodoCreate,
    ) -> Result<CreateTodoResponse, AppError> {
        let todo = self
            .todos
            .create(claims.user_id, draft_from_model(body))
            .await?;
        Ok(CreateTodoResponse::Status201_Created {
            location: format!("{BASE}/todos/{}", todo.id),
            body: todo_to_model(todo),
        })
    }

    async fn delete_todo(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        path: &models::DeleteTodoPathParams,
    ) -> Result<DeleteTodoResponse, AppError> {
        self.todos.delete(claims.user_id, path.todo_id).await?;
        Ok(DeleteTodoResponse::Status204_Deleted)
    }

    async fn get_todo(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        path: &models::GetTodoPathParams,
    ) -> Result<GetTodoResponse, AppError> {
        let todo = self.todos.get(claims.user_id, path.todo_id).await?;
        Ok(GetTodoResponse::Status200_TheTodo(todo_to_model(todo)))
    }

    async fn list_todos(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        query: &models::ListTodosQueryParams,
    ) -> Result<ListTodosResponse, AppError> {
        let page = self
            .todos
            .list(claims.user_id, query.limit, query.cursor.as_deref())
            .await?;
        let link = page.next_cursor.as_ref().map(|c| {
            format!(
                "<{BASE}/todos?limit={}&cursor={c}>; rel=\"next\"",
                page.limit
            )
        });
        Ok(ListTodosResponse::Status200_APageOfTodos {
            body: models::TodoPage {
                items: page.items.into_iter().map(todo_to_model).collect(),
                next_cursor: page.next_cursor.map_or(Nullable::Null, Nullable::Present),
            },
            link,
        })
    }

    async fn update_todo(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        claims: &AuthContext,
        path: &models::UpdateTodoPathParams,
        body: &models::TodoUpdate,
    ) -> Result<UpdateTodoResponse, AppError> {
        let todo = self
            .todos
            .update(claims.user_id, path.todo_id, patch_from_model(body))
            .await?;
        Ok(UpdateTodoResponse::Status200_Updated(todo_to_model(todo)))
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
            status: "ok".into(),
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
                    status: "ok".into(),
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
