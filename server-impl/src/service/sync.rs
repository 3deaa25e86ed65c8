//! The change feed (`GET /sync`, ADR 0026): pages of changes after a signed cursor, and the
//! cursor at "now" an event stream starts from.

use std::sync::Arc;

use uuid::Uuid;

use super::pagination::CursorCodec;
use crate::domain::{FeedPosition, FeedRead, SyncItem, SyncKind, SyncOp, ValidationErrors};
use crate::error::AppError;
use crate::repo::SyncRepository;

/// What the cursors of the feed are signed for (with the caller's id).
const FEED: &str = "sync";
pub const DEFAULT_FEED_LIMIT: u32 = 100;
pub const MAX_FEED_LIMIT: u32 = 500;

/// One change as the API shows it; `position` is where the feed stands just after it
/// (signed by [`SyncService::cursor`] only where a cursor per change is shown, an event's
/// id: a page of `GET /sync` shows none, and would otherwise sign one per change for
/// nothing).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct FeedChange {
    pub kind: SyncKind,
    pub op: SyncOp,
    pub id: Uuid,
    pub list_id: Uuid,
    pub item: Option<SyncItem>,
    pub position: FeedPosition,
}

/// One answer of the feed: `next_cursor` is never empty (where to continue); `has_more`
/// says whether to call again at once.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SyncFeedPage {
    pub changes: Vec<FeedChange>,
    pub next_cursor: String,
    pub has_more: bool,
}

#[derive(Clone)]
pub struct SyncService {
    feed: Arc<dyn SyncRepository>,
    cursors: CursorCodec,
}

impl SyncService {
    pub fn new(feed: Arc<dyn SyncRepository>, cursors: CursorCodec) -> Self {
        SyncService { feed, cursors }
    }

    fn decode(&self, user_id: Uuid, cursor: &str) -> Result<FeedPosition, AppError> {
        self.cursors
            .decode(FEED, user_id, cursor)
            .map_err(|e| AppError::BadParameter(ValidationErrors::single("cursor", e.to_string())))
    }

    /// The signed cursor of `position` for `user_id`.
    pub fn cursor(&self, user_id: Uuid, position: &FeedPosition) -> String {
        self.cursors.encode(FEED, user_id, position)
    }

    /// Up to `limit` (1–500) changes after `cursor` (a snapshot without one). 400 for a
    /// cursor of another user or altered, 410 for one older than the kept tombstones.
    #[tracing::instrument(skip_all, fields(user_id = %user_id, limit))]
    pub async fn page(
        &self,
        user_id: Uuid,
        cursor: Option<&str>,
        limit: u32,
    ) -> Result<SyncFeedPage, AppError> {
        if !(1..=MAX_FEED_LIMIT).contains(&limit) {
            return Err(AppError::BadParameter(ValidationErrors::single(
                "limit",
                format!("must be between 1 and {MAX_FEED_LIMIT}"),
            )));
        }
        let after = cursor.map(|c| self.decode(user_id, c)).transpose()?;
        let (mut entries, watermark) = match self.feed.feed_page(user_id, after, limit).await? {
            FeedRead::Entries { entries, watermark } => (entries, watermark),
            FeedRead::Expired => return Err(AppError::SyncCursorExpired),
        };
        let has_more = entries.len() > limit as usize;
        entries.truncate(limit as usize);
        let floor = after.map_or(watermark, |a| a.floor);
        let next = match entries.last() {
            Some(last) if has_more => last.position,
            // Caught up: everything below the watermark was delivered.
            _ => {
                let caught_up = FeedPosition::caught_up(watermark, floor);
                match after {
                    Some(a) if a.key() > caught_up.key() => a,
                    _ => caught_up,
                }
            }
        };
        let changes = entries
            .into_iter()
            .map(|e| FeedChange {
                kind: e.kind,
                op: e.op,
                id: e.id,
                list_id: e.list_id,
                item: e.item,
                position: e.position,
            })
            .collect();
        Ok(SyncFeedPage {
            changes,
            next_cursor: self.cursor(user_id, &next),
            has_more,
        })
    }

    /// A cursor at "now": the feed from it holds only changes committed from here on.
    #[tracing::instrument(skip_all, fields(user_id = %user_id))]
    pub async fn head_cursor(&self, user_id: Uuid) -> Result<String, AppError> {
        let w = self.feed.feed_watermark().await?;
        Ok(self.cursor(user_id, &FeedPosition::caught_up(w, 0)))
    }
}
