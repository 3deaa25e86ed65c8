use async_trait::async_trait;
use axum::extract::*;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::{models, types::*};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum GetSyncResponse {
    /// Changes since the cursor
    Status200_ChangesSinceTheCursor(models::SyncPage),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// The cursor is older than the kept history; start again from a snapshot
    Status410_TheCursorIsOlderThanTheKeptHistory(models::Problem),
    /// Server error
    Status500_ServerError(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
}

#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum StreamEventsResponse {
    /// The event stream
    Status200_TheEventStream(models::SSE),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Not authenticated
    Status401_NotAuthenticated {
        body: models::Problem,
        www_authenticate: String,
    },
    /// The cursor is older than the kept history; start again from a snapshot
    Status410_TheCursorIsOlderThanTheKeptHistory(models::Problem),
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
}

/// Changes
#[async_trait]
#[allow(clippy::ptr_arg)]
pub trait Changes<E: std::fmt::Debug + Send + Sync + 'static = ()>: super::ErrorHandler<E> {
    type Claims;

    /// What changed since a cursor.
    ///
    /// GetSync - GET /api/v1/sync
    async fn get_sync(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        query_params: &models::GetSyncQueryParams,
    ) -> Result<GetSyncResponse, E>;

    /// A live stream of change notices.
    ///
    /// StreamEvents - GET /api/v1/events
    async fn stream_events(
        &self,

        extensions: &http::Extensions,
        claims: &Self::Claims,
        header_params: &models::StreamEventsHeaderParams,
        query_params: &models::StreamEventsQueryParams,
    ) -> Result<StreamEventsResponse, E>;
}
