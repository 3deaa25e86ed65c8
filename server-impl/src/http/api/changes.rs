//! The generated `Changes` trait: the change feed (`GET /sync`) and the event stream
//! (`GET /events`; placeholder until the stream lands, issue 14 T006).

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::changes::{Changes, GetSyncResponse, StreamEventsResponse};
use todo_api_gen::models;

use super::ApiImpl;
use crate::auth::AuthContext;
use crate::error::AppError;
use crate::http::convert_sync::sync_page_to_model;
use crate::service::sync::DEFAULT_FEED_LIMIT;

#[async_trait]
impl Changes<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn get_sync(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        query: &models::GetSyncQueryParams,
    ) -> Result<GetSyncResponse, AppError> {
        let page = self
            .sync
            .page(
                claims.user_id,
                query.cursor.as_deref(),
                query.limit.unwrap_or(DEFAULT_FEED_LIMIT),
            )
            .await?;
        Ok(GetSyncResponse::Status200_ChangesSinceTheCursor(
            sync_page_to_model(page),
        ))
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
