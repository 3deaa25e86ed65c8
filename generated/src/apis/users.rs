use async_trait::async_trait;
use axum::extract::*;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::{models, types::*};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum ChangePasswordResponse {
    /// Changed
    Status204_Changed,
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
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
pub enum DeleteCurrentUserResponse {
    /// Deleted
    Status204_Deleted,
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// The request body did not arrive within the server's body-read timeout
    Status408_TheRequestBodyDidNotArriveWithinTheServer {
        body: models::Problem,
        connection: Option<String>,
    },
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
pub enum GetCurrentUserResponse {
    /// The account
    Status200_TheAccount(models::User),
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
pub enum GetStatisticsResponse {
    /// The statistics
    Status200_TheStatistics {
        body: models::Statistics,
        e_tag: String,
    },
    /// Statistics not modified
    Status304_StatisticsNotModified { e_tag: String },
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
pub enum UpdateCurrentUserResponse {
    /// Updated
    Status200_Updated(models::User),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
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

/// Users
#[async_trait]
#[allow(clippy::ptr_arg)]
pub trait Users<E: std::fmt::Debug + Send + Sync + 'static = ()>: super::ErrorHandler<E> {
    type Claims;

    /// Change the caller's password.
    ///
    /// ChangePassword - PUT /api/v1/users/me/password
    async fn change_password(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        body: &models::PasswordChange,
    ) -> Result<ChangePasswordResponse, E>;

    /// Delete the caller's account.
    ///
    /// DeleteCurrentUser - DELETE /api/v1/users/me
    async fn delete_current_user(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        body: &models::AccountDeletion,
    ) -> Result<DeleteCurrentUserResponse, E>;

    /// Get the caller's account.
    ///
    /// GetCurrentUser - GET /api/v1/users/me
    async fn get_current_user(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
    ) -> Result<GetCurrentUserResponse, E>;

    /// Statistics of the caller's todos.
    ///
    /// GetStatistics - GET /api/v1/users/me/stats
    async fn get_statistics(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::GetStatisticsHeaderParams,
        query_params: &models::GetStatisticsQueryParams,
    ) -> Result<GetStatisticsResponse, E>;

    /// Update the caller's account.
    ///
    /// UpdateCurrentUser - PATCH /api/v1/users/me
    async fn update_current_user(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        body: &models::UserUpdate,
    ) -> Result<UpdateCurrentUserResponse, E>;
}
