use async_trait::async_trait;
use axum::extract::*;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::{models, types::*};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum ConfirmPasswordResetResponse {
    /// Password set
    Status204_PasswordSet,
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
    /// Body too large
    Status413_BodyTooLarge(models::Problem),
    /// Wrong content type
    Status415_WrongContentType(models::Problem),
    /// Invalid body
    Status422_InvalidBody(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum IssueTokenResponse {
    /// Issued
    Status200_Issued {
        body: models::TokenResponse,
        cache_control: String,
        pragma: String,
        rate_limit_policy: Option<String>,
        rate_limit: Option<String>,
    },
    /// Rejected
    Status400_Rejected {
        body: models::TokenError,
        cache_control: String,
    },
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
    /// Too large
    Status413_TooLarge(models::TokenError),
    /// Rate limited
    Status429_RateLimited {
        body: models::Problem,
        retry_after: i32,
        rate_limit_policy: Option<String>,
        rate_limit: Option<String>,
    },
    /// Server error
    Status500_ServerError(models::TokenError),
    /// Database unavailable
    Status503_DatabaseUnavailable {
        body: models::TokenError,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::TokenError),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum ListSessionsResponse {
    /// A page of sessions
    Status200_APageOfSessions {
        body: models::SessionPage,
        link: Option<String>,
    },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum RegisterResponse {
    /// Created
    Status201_Created {
        body: models::User,
        location: String,
        rate_limit_policy: Option<String>,
        rate_limit: Option<String>,
    },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
    /// Registration closed
    Status403_RegistrationClosed(models::Problem),
    /// Conflict
    Status409_Conflict(models::Problem),
    /// Body too large
    Status413_BodyTooLarge(models::Problem),
    /// Wrong content type
    Status415_WrongContentType(models::Problem),
    /// Invalid body
    Status422_InvalidBody(models::Problem),
    /// Rate limited
    Status429_RateLimited {
        body: models::Problem,
        retry_after: i32,
        rate_limit_policy: Option<String>,
        rate_limit: Option<String>,
    },
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum RequestPasswordResetResponse {
    /// Accepted
    Status202_Accepted {
        rate_limit_policy: Option<String>,
        rate_limit: Option<String>,
    },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
    /// Body too large
    Status413_BodyTooLarge(models::Problem),
    /// Wrong content type
    Status415_WrongContentType(models::Problem),
    /// Invalid body
    Status422_InvalidBody(models::Problem),
    /// Rate limited
    Status429_RateLimited {
        body: models::Problem,
        retry_after: i32,
        rate_limit_policy: Option<String>,
        rate_limit: Option<String>,
    },
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum RevokeSessionResponse {
    /// Revoked
    Status204_Revoked,
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not found
    Status404_NotFound(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum RevokeTokenResponse {
    /// Revoked
    Status200_Revoked,
    /// Rejected
    Status400_Rejected(models::TokenError),
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
    /// Too large
    Status413_TooLarge(models::TokenError),
    /// Server error
    Status500_ServerError(models::TokenError),
    /// Database unavailable
    Status503_DatabaseUnavailable {
        body: models::TokenError,
        retry_after: Option<i32>,
    },
    /// Insufficient storage
    Status507_InsufficientStorage(models::TokenError),
}

/// Auth
#[async_trait]
#[allow(clippy::ptr_arg)]
pub trait Auth<E: std::fmt::Debug + Send + Sync + 'static = ()>: super::ErrorHandler<E> {
    type Claims;

    /// Set a new password with a reset token.
    ///
    /// ConfirmPasswordReset - POST /api/v1/auth/password-reset/confirm
    async fn confirm_password_reset(
        &self,

        extensions: &http::Extensions,
        body: &models::PasswordResetConfirmation,
    ) -> Result<ConfirmPasswordResetResponse, E>;

    /// Issue an access token.
    ///
    /// IssueToken - POST /api/v1/auth/token
    async fn issue_token(
        &self,

        extensions: &http::Extensions,
        body: &models::TokenRequest,
    ) -> Result<IssueTokenResponse, E>;

    /// List the caller's sessions.
    ///
    /// ListSessions - GET /api/v1/auth/sessions
    async fn list_sessions(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        query_params: &models::ListSessionsQueryParams,
    ) -> Result<ListSessionsResponse, E>;

    /// Create an account.
    ///
    /// Register - POST /api/v1/auth/register
    async fn register(
        &self,

        extensions: &http::Extensions,
        body: &models::Registration,
    ) -> Result<RegisterResponse, E>;

    /// Request a password reset.
    ///
    /// RequestPasswordReset - POST /api/v1/auth/password-reset
    async fn request_password_reset(
        &self,

        extensions: &http::Extensions,
        body: &models::PasswordResetRequest,
    ) -> Result<RequestPasswordResetResponse, E>;

    /// Revoke one of the caller's sessions.
    ///
    /// RevokeSession - DELETE /api/v1/auth/sessions/{sessionId}
    async fn revoke_session(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::RevokeSessionPathParams,
    ) -> Result<RevokeSessionResponse, E>;

    /// Revoke a token.
    ///
    /// RevokeToken - POST /api/v1/auth/revoke
    async fn revoke_token(
        &self,

        extensions: &http::Extensions,
        body: &models::RevokeRequest,
    ) -> Result<RevokeTokenResponse, E>;
}
