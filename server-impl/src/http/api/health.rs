//! The generated `Health` trait: liveness and readiness probes.

use std::time::Duration;

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::health::{GetLivenessResponse, GetReadinessResponse, Health};
use todo_api_gen::models;

use super::ApiImpl;
use crate::error::AppError;

/// Below the contract's two seconds, so that the 503 itself leaves within them.
const READINESS_TIMEOUT: Duration = Duration::from_millis(1500);

const OK: models::HealthStatus = models::HealthStatus {
    status: models::HealthState::Ok,
};

#[async_trait]
impl Health<AppError> for ApiImpl {
    async fn get_liveness(
        &self,
        _extensions: &Extensions,
    ) -> Result<GetLivenessResponse, AppError> {
        Ok(GetLivenessResponse::Status200_Alive(OK))
    }

    async fn get_readiness(
        &self,
        _extensions: &Extensions,
    ) -> Result<GetReadinessResponse, AppError> {
        match tokio::time::timeout(READINESS_TIMEOUT, self.store.ping()).await {
            Ok(Ok(())) => Ok(GetReadinessResponse::Status200_Ready(OK)),
            Ok(Err(error)) => Err(AppError::Unavailable {
                what: "database",
                cause: Some(error.into()),
            }),
            Err(_) => Err(AppError::Unavailable {
                what: "database",
                cause: Some(format!("no answer to readiness within {READINESS_TIMEOUT:?}").into()),
            }),
        }
    }
}
