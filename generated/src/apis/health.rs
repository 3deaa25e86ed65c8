use async_trait::async_trait;
use axum::extract::*;
use bytes::Bytes;
use serde::{Deserialize, Serialize};

use crate::{models, types::*};

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum GetLivenessResponse {
    /// Alive
    Status200_Alive(models::HealthStatus),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
}

#[derive(Debug, PartialEq, Serialize, Deserialize)]
#[must_use]
#[allow(clippy::large_enum_variant)]
pub enum GetReadinessResponse {
    /// Ready
    Status200_Ready(models::HealthStatus),
    /// Malformed request
    Status400_MalformedRequest(models::Problem),
    /// Service unavailable
    Status503_ServiceUnavailable {
        body: models::Problem,
        retry_after: Option<i32>,
    },
}

/// Health
#[async_trait]
#[allow(clippy::ptr_arg)]
pub trait Health<E: std::fmt::Debug + Send + Sync + 'static = ()>: super::ErrorHandler<E> {
    /// Liveness probe.
    ///
    /// GetLiveness - GET /api/v1/health/live
    async fn get_liveness(&self, extensions: &http::Extensions) -> Result<GetLivenessResponse, E>;

    /// Readiness probe.
    ///
    /// GetReadiness - GET /api/v1/health/ready
    async fn get_readiness(&self, extensions: &http::Extensions)
    -> Result<GetReadinessResponse, E>;
}
