//! The generated `Auth` trait: tokens (OAuth2), password resets, sessions, registration.

use async_trait::async_trait;
use axum_extra::extract::CookieJar;
use headers::Host as HostHeader;
use http::Method;
use todo_api_gen::apis::auth::{
    Auth, ConfirmPasswordResetResponse, IssueTokenResponse, ListSessionsResponse, RegisterResponse,
    RequestPasswordResetResponse, RevokeSessionResponse, RevokeTokenResponse,
};
use todo_api_gen::models::{self, TokenErrorCode as Code};
use todo_api_gen::types::Nullable;

use super::{ApiImpl, BASE};
use crate::auth::AuthContext;
use crate::domain::user::login_input_fits;
use crate::domain::{Email, Role};
use crate::error::AppError;
use crate::http::context::current_client;
use crate::http::convert::{registration_from_model, session_to_model, user_to_model};
use crate::http::links::next_link;
use crate::http::oauth::{
    TOO_LONG, oauth_error, rejected, revoke_request_fits, revoke_response, token_request_fits,
    token_response,
};
use crate::http::rate_limit::note;
use crate::service::accounts::LoginError;
use crate::service::rate_limit::Attempted;

/// The per-account failed-password counter (logins and current-password checks share it).
const LOGIN_POLICY: &str = crate::service::accounts::PASSWORD_FAILURES;

impl ApiImpl {
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
                Code::InvalidRequest,
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
impl Auth<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn issue_token(
        &self,
        _method: &Method,
        _host: &HostHeader,
        _cookies: &CookieJar,
        body: &models::TokenRequest,
    ) -> Result<IssueTokenResponse, AppError> {
        if !token_request_fits(body) {
            // Nothing this long can be valid: refused before any lookup, hash or counter.
            return Ok(rejected(Code::InvalidRequest, TOO_LONG));
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
        if !revoke_request_fits(body) {
            return Ok(RevokeTokenResponse::Status400_Rejected(oauth_error(
                Code::InvalidRequest,
                TOO_LONG,
            )));
        }
        let hint = body.token_type_hint.as_deref();
        Ok(revoke_response(
            self.sessions.revoke_token(&body.token, hint).await,
        ))
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
        let form = registration_from_model(body);
        let user = self.accounts.register(form, Role::User).await?;
        Ok(RegisterResponse::Status201_Created {
            body: user_to_model(user),
            location: format!("{BASE}/users/me"),
            rate_limit_policy: None,
            rate_limit: None,
        })
    }
}
