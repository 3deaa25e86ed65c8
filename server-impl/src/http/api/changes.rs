//! The generated `Changes` trait: the change feed (`GET /sync`) and the event stream
//! (`GET /events`). Placeholder until the feed and the stream land (issue 14, T004/T006).

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::changes::{Changes, GetSyncResponse, StreamEventsResponse};
use todo_api_gen::models;

use super::ApiImpl;
use crate::auth::AuthContext;
use crate::error::AppError;

#[async_trait]
impl Changes<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn get_sync(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _query: &models::GetSyncQueryParams,
    ) -> Result<GetSyncResponse, AppError> {
        Err(AppError::NotFound("change feed"))
    }

    async fn stream_events(
        &self,
        _extensions: &Extensions,
        _claims: &AuthContext,
        _headers: &models::StreamEventsHeaderParams,
        _query: &models::StreamEventsQueryParams,
    ) -> Result<StreamEventsResponse, AppError> {
        Err(AppError::NotFound("event stream"))
    }
}
