//! The generated `Auth` trait: tokens (OAuth2), password resets, sessions, registration.

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::auth::{
    Auth, ConfirmPasswordResetResponse, IssueTokenResponse, ListSessionsResponse, RegisterResponse,
    RequestPasswordResetResponse, RevokeSessionResponse, RevokeTokenResponse,
};
use todo_api_gen::models::{self, TokenErrorCode as Code};
use todo_api_gen::types::Nullable;

use super::{ApiImpl, BASE};
use crate::auth::AuthContext;
use crate::domain::Role;
use crate::error::AppError;
use crate::http::context::RequestContext;
use crate::http::convert::{registration_from_model, session_to_model, user_to_model};
use crate::http::links::next_link;
use crate::http::oauth::{
    TOO_LONG, oauth_error, rejected, revoke_request_fits, revoke_response, token_request_fits,
    token_response,
};
use crate::service::PasswordLogin;

/// The per-account failed-password counter (logins and current-password checks share it).
const LOGIN_POLICY: &str = crate::service::accounts::PASSWORD_FAILURES;

/// The answer to a password login; the account's failure counter goes into the
/// rate-limit headers.
fn password_login_response(
    login: PasswordLogin,
    context: &RequestContext,
) -> Result<IssueTokenResponse, AppError> {
    match login {
        // No account has such an email or password: refused before any work or storage.
        PasswordLogin::TooLong => Ok(rejected(
            Code::InvalidRequest,
            "The username or password is longer than any account's.",
        )),
        PasswordLogin::Refused(state) => {
            context.note_rate_limit(LOGIN_POLICY, state);
            Err(AppError::RateLimited {
                what: "failed logins for this account",
                retry_after: state.reset_in,
            })
        }
        PasswordLogin::Checked(result, state) => {
            if let Some(state) = state {
                context.note_rate_limit(LOGIN_POLICY, state);
            }
            Ok(token_response(result, context))
        }
    }
}

#[async_trait]
impl Auth<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn issue_token(
        &self,
        extensions: &Extensions,
        body: &models::TokenRequest,
    ) -> Result<IssueTokenResponse, AppError> {
        let context = RequestContext::of(extensions);
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
                let login = self
                    .login
                    .password_grant(username, password, context.client());
                password_login_response(login.await, &context)
            }
            "refresh_token" => {
                let Some(refresh_token) = &body.refresh_token else {
                    return Ok(rejected(
                        Code::InvalidRequest,
                        "The refresh_token grant needs refresh_token.",
                    ));
                };
                let origin = context.client().origin();
                let refreshed = self.sessions.refresh(refresh_token, &origin).await;
                Ok(token_response(refreshed, &context))
            }
            _ => Ok(rejected(
                Code::UnsupportedGrantType,
                "Supported grant types are password and refresh_token.",
            )),
        }
    }

    async fn request_password_reset(
        &self,
        _extensions: &Extensions,
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
        extensions: &Extensions,
        body: &models::PasswordResetConfirmation,
    ) -> Result<ConfirmPasswordResetResponse, AppError> {
        let origin = RequestContext::of(extensions).client().origin();
        self.resets
            .confirm(&body.token, &body.new_password, &origin)
            .await?;
        Ok(ConfirmPasswordResetResponse::Status204_PasswordSet)
    }

    async fn revoke_token(
        &self,
        extensions: &Extensions,
        body: &models::RevokeRequest,
    ) -> Result<RevokeTokenResponse, AppError> {
        if !revoke_request_fits(body) {
            return Ok(RevokeTokenResponse::Status400_Rejected(oauth_error(
                Code::InvalidRequest,
                TOO_LONG,
            )));
        }
        let hint = body.token_type_hint.as_deref();
        let context = RequestContext::of(extensions);
        let origin = context.client().origin();
        let revoked = self.sessions.revoke_token(&body.token, hint, &origin).await;
        Ok(revoke_response(revoked, &context))
    }

    async fn list_sessions(
        &self,
        _extensions: &Extensions,
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
        extensions: &Extensions,
        claims: &AuthContext,
        path: &models::RevokeSessionPathParams,
    ) -> Result<RevokeSessionResponse, AppError> {
        let origin = RequestContext::of(extensions).client().origin();
        self.sessions
            .revoke(claims, path.session_id, &origin)
            .await?;
        Ok(RevokeSessionResponse::Status204_Revoked)
    }

    async fn register(
        &self,
        _extensions: &Extensions,
        body: &models::Registration,
    ) -> Result<RegisterResponse, AppError> {
        // Closed registration refuses before any validation or hashing; admins still
        // create accounts with `todo-api create-user`.
        if !self.flags.current().await.registration {
            return Err(AppError::RegistrationClosed);
        }
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
