//! Invitations to a list, addressed to an email (which may have no account yet).

use chrono::{DateTime, TimeDelta, Utc};
use uuid::Uuid;

use super::list::MemberRole;
use super::user::Email;
use super::validation::ValidationErrors;

/// How long an invitation can be accepted.
pub const INVITATION_TTL: TimeDelta = TimeDelta::days(7);

/// A pending invitation, with what the invitee is shown.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Invitation {
    pub id: Uuid,
    pub list_id: Uuid,
    pub list_name: String,
    pub email: String,
    pub role: MemberRole,
    pub invited_by: Uuid,
    pub invited_by_name: String,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

/// A new invitation, validated.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewInvitation {
    pub id: Uuid,
    pub email: Email,
    pub role: MemberRole,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
}

impl NewInvitation {
    /// The address is normalised as account emails are; the role defaults to editor.
    pub fn parse(
        email: &str,
        role: Option<MemberRole>,
        now: DateTime<Utc>,
    ) -> Result<NewInvitation, ValidationErrors> {
        let email = Email::parse(email).map_err(|m| ValidationErrors::single("email", m))?;
        Ok(NewInvitation {
            id: Uuid::now_v7(),
            email,
            role: role.unwrap_or(MemberRole::Editor),
            created_at: now,
            expires_at: now + INVITATION_TTL,
        })
    }
}
