//! Sessions: one per password login, kept alive by rotating refresh tokens.

use chrono::{DateTime, Utc};
use uuid::Uuid;

use super::Role;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Session {
    pub id: Uuid,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub last_used_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
}

/// A session about to be opened, with the hash of its first refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NewSession {
    pub id: Uuid,
    pub user_id: Uuid,
    pub created_at: DateTime<Utc>,
    pub expires_at: DateTime<Utc>,
    pub absolute_expires_at: DateTime<Utc>,
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    pub refresh_hash: Vec<u8>,
    /// The account's credentials version the login verified.
    pub credentials_version: i64,
}

/// What an access token's session says about its holder right now.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionState {
    pub user_id: Uuid,
    pub role: Role,
    /// Not revoked, not expired, made under the account's current credentials, and the
    /// account is not disabled.
    pub active: bool,
}

/// The result of presenting a refresh token.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Rotation {
    /// The token was current: it is now used, and `new_hash` is the session's token
    /// (`rotated_at`: now). Or the token was used within the reuse interval and `new_hash`
    /// is still the session's unused token: the same rotation again (`rotated_at`: when it
    /// first happened), so that a client retrying a lost answer gets the same pair.
    Rotated {
        session_id: Uuid,
        user_id: Uuid,
        role: Role,
        rotated_at: DateTime<Utc>,
    },
    /// The token had been used before: the session is now revoked.
    Reused { session_id: Uuid },
    /// Unknown token, or its session is revoked, expired or its account disabled.
    Invalid,
}

/// When a session ends if not refreshed: `ttl` from now, never past its absolute end.
pub fn sliding_expiry(
    now: DateTime<Utc>,
    ttl: chrono::TimeDelta,
    absolute: DateTime<Utc>,
) -> DateTime<Utc> {
    (now + ttl).min(absolute)
}
