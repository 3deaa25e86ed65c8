//! Audit events: who did what security-relevant thing to whom, when, from where.
//! An event is written in the same transaction as the change it records.

use chrono::{DateTime, Utc};
use serde_json::Value;
use uuid::Uuid;

pub const SIGN_IN: &str = "sign_in";
pub const SIGN_IN_FAILED: &str = "sign_in_failed";
pub const REFRESH_TOKEN_REUSED: &str = "refresh_token_reused";
pub const SESSION_REVOKED: &str = "session_revoked";
pub const PASSWORD_CHANGED: &str = "password_changed";
pub const PASSWORD_RESET: &str = "password_reset";
pub const ACCOUNT_UPDATED: &str = "account_updated";
pub const ACCOUNT_DELETED: &str = "account_deleted";
pub const FLAGS_CHANGED: &str = "flags_changed";
pub const MEMBER_JOINED: &str = "member_joined";
pub const MEMBER_ROLE_CHANGED: &str = "member_role_changed";
pub const MEMBER_REMOVED: &str = "member_removed";

/// Where a request came from, as far as the audit log cares.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct Origin {
    pub request_id: Option<String>,
    pub ip: Option<String>,
}

/// One audit event. `details` is a small JSON object that never holds a secret.
#[derive(Debug, Clone, PartialEq)]
pub struct AuditEvent {
    pub id: Uuid,
    pub at: DateTime<Utc>,
    pub kind: String,
    pub actor_id: Option<Uuid>,
    pub target_type: Option<String>,
    pub target_id: Option<String>,
    pub request_id: Option<String>,
    pub ip: Option<String>,
    pub details: Value,
}

impl AuditEvent {
    /// An event of `kind` now, from `origin`, without actor, target or details yet.
    pub fn new(kind: &str, origin: &Origin) -> AuditEvent {
        AuditEvent {
            id: Uuid::now_v7(),
            at: super::now(),
            kind: kind.to_owned(),
            actor_id: None,
            target_type: None,
            target_id: None,
            request_id: origin.request_id.clone(),
            ip: origin.ip.clone(),
            details: Value::Object(Default::default()),
        }
    }

    pub fn actor(mut self, actor: Option<Uuid>) -> AuditEvent {
        self.actor_id = actor;
        self
    }

    pub fn target(mut self, kind: &str, id: impl ToString) -> AuditEvent {
        self.target_type = Some(kind.to_owned());
        self.target_id = Some(id.to_string());
        self
    }

    pub fn details(mut self, details: Value) -> AuditEvent {
        self.details = details;
        self
    }
}

/// The filters of the audit list; they combine.
#[derive(Debug, Clone, Default)]
pub struct AuditFilter {
    pub actor: Option<Uuid>,
    pub target: Option<String>,
    pub kind: Option<String>,
    /// At or after.
    pub since: Option<DateTime<Utc>>,
    /// Before.
    pub until: Option<DateTime<Utc>>,
}
