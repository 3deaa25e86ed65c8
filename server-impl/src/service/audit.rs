//! The audit log as admins read it.

use std::sync::Arc;

use super::pagination::{CursorCodec, Page};
use crate::auth::AuthContext;
use crate::domain::{AuditEvent, AuditFilter, PageKey};
use crate::error::AppError;
use crate::repo::AuditRepository;

const LIST: &str = "admin-audit-events";

#[derive(Clone)]
pub struct AuditService {
    events: Arc<dyn AuditRepository>,
    cursors: CursorCodec,
}

impl AuditService {
    pub fn new(events: Arc<dyn AuditRepository>, cursors: CursorCodec) -> Self {
        AuditService { events, cursors }
    }

    /// A page of events matching `filter`, newest first. The cursor is bound to the admin
    /// who listed (like the account list's); the filters are not part of it.
    #[tracing::instrument(skip_all, fields(admin_id = %caller.user_id, limit = ?limit))]
    pub async fn list(
        &self,
        caller: &AuthContext,
        filter: AuditFilter,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<AuditEvent>, AppError> {
        super::admin::require_admin(caller)?;
        let request = self.cursors.request(LIST, caller.user_id, limit, cursor)?;
        let rows = self
            .events
            .list_audit_events(&filter, request.after, request.fetch())
            .await?;
        Ok(self
            .cursors
            .page(LIST, caller.user_id, &request, rows, |e| PageKey {
                created_at: e.at,
                id: e.id,
            }))
    }
}
