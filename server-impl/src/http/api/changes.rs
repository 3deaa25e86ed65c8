//! The generated `Changes` trait: the change feed (`GET /sync`) and the event stream
//! (`GET /events`, ADR 0027).

use async_trait::async_trait;
use http::Extensions;
use todo_api_gen::apis::changes::{Changes, GetSyncResponse, StreamEventsResponse};
use todo_api_gen::models;

use axum::response::sse::Event;
use futures_util::StreamExt;

use super::ApiImpl;
use crate::auth::AuthContext;
use crate::error::AppError;
use crate::http::convert_sync::sync_page_to_model;
use crate::service::events::{Start, StreamItem};
use crate::service::sync::DEFAULT_FEED_LIMIT;

const FEED_OFF: &str =
    "The change feed is switched off for now (feature flag `sync`); retry later.";
const EVENTS_OFF: &str = "The event stream is switched off for now (feature flag `live_events`); poll GET /sync meanwhile.";

#[async_trait]
impl Changes<AppError> for ApiImpl {
    type Claims = AuthContext;

    async fn get_sync(
        &self,
        _extensions: &Extensions,
        claims: &AuthContext,
        query: &models::GetSyncQueryParams,
    ) -> Result<GetSyncResponse, AppError> {
        self.flags.require("sync", FEED_OFF).await?;
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
        claims: &AuthContext,
        headers: &models::StreamEventsHeaderParams,
        query: &models::StreamEventsQueryParams,
    ) -> Result<StreamEventsResponse, AppError> {
        self.flags.require("sync", FEED_OFF).await?;
        self.flags.require("live_events", EVENTS_OFF).await?;
        let start = match headers.last_event_id.as_deref().or(query.cursor.as_deref()) {
            Some(cursor) => Start::After(cursor),
            None => Start::Now,
        };
        let stream = self.events.open(claims, start).await?;
        Ok(StreamEventsResponse::Status200_TheEventStream(Box::pin(
            stream.map(|item| Ok(sse_event(item))),
        )))
    }
}

/// `event: change`, `id: <cursor>`, `data: {"kind","op","id","list_id","cursor"}`, or the
/// `: keep-alive` comment.
fn sse_event(item: StreamItem) -> Event {
    match item {
        StreamItem::Change(notice) => {
            let data = serde_json::to_string(&notice).expect("a notice serialises");
            Event::default()
                .event("change")
                .id(notice.cursor)
                .data(data)
        }
        StreamItem::KeepAlive => Event::default().comment("keep-alive"),
    }
}
