use async_trait::async_trait;
use axum::extract::*;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::{models, types::*};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum DeleteUserResponse {
    /// Deleted
    Status204_Deleted,
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
    /// Not found
    Status404_NotFound(models::Problem),
    /// Conflict
    Status409_Conflict(models::Problem),
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
pub enum GetFlagsResponse {
    /// The flags
    Status200_TheFlags(models::Flags),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
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
pub enum GetUserResponse {
    /// The account
    Status200_TheAccount(models::AdminUser),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
    /// Not found
    Status404_NotFound(models::Problem),
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
pub enum ListAuditEventsResponse {
    /// A page of audit events
    Status200_APageOfAuditEvents {
        body: models::AuditEventPage,
        link: Option<String>,
    },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
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
pub enum ListUsersResponse {
    /// A page of accounts
    Status200_APageOfAccounts {
        body: models::AdminUserPage,
        link: Option<String>,
    },
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
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
pub enum UpdateFlagsResponse {
    /// The flags after the change
    Status200_TheFlagsAfterTheChange(models::Flags),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
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
pub enum UpdateUserResponse {
    /// Updated
    Status200_Updated(models::AdminUser),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// Not allowed
    Status403_NotAllowed(models::Problem),
    /// Not found
    Status404_NotFound(models::Problem),
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

/// Admin
#[async_trait]
#[allow(clippy::ptr_arg)]
pub trait Admin<E: std::fmt::Debug + Send + Sync + 'static = ()>: super::ErrorHandler<E> {
    type Claims;

    /// Delete an account.
    ///
    /// DeleteUser - DELETE /api/v1/admin/users/{userId}
    async fn delete_user(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::DeleteUserPathParams,
    ) -> Result<DeleteUserResponse, E>;

    /// Read the feature flags and kill switches.
    ///
    /// GetFlags - GET /api/v1/admin/flags
    async fn get_flags(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
    ) -> Result<GetFlagsResponse, E>;

    /// Get an account.
    ///
    /// GetUser - GET /api/v1/admin/users/{userId}
    async fn get_user(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::GetUserPathParams,
    ) -> Result<GetUserResponse, E>;

    /// List audit events.
    ///
    /// ListAuditEvents - GET /api/v1/admin/audit-events
    async fn list_audit_events(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        query_params: &models::ListAuditEventsQueryParams,
    ) -> Result<ListAuditEventsResponse, E>;

    /// List accounts.
    ///
    /// ListUsers - GET /api/v1/admin/users
    async fn list_users(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        query_params: &models::ListUsersQueryParams,
    ) -> Result<ListUsersResponse, E>;

    /// Change feature flags and kill switches.
    ///
    /// UpdateFlags - PATCH /api/v1/admin/flags
    async fn update_flags(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        body: &models::FlagsUpdate,
    ) -> Result<UpdateFlagsResponse, E>;

    /// Change an account's role or status.
    ///
    /// UpdateUser - PATCH /api/v1/admin/users/{userId}
    async fn update_user(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        path_params: &models::UpdateUserPathParams,
        body: &models::AdminUserUpdate,
    ) -> Result<UpdateUserResponse, E>;
}
