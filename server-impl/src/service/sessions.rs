//! Sessions: opened by a password login, kept alive by rotating refresh tokens, ended by
//! revocation; and the check that turns a bearer token into a caller.

use std::sync::Arc;

use chrono::TimeDelta;
use uuid::Uuid;

use super::accounts::{Authenticated, LoginError};
use super::pagination::{CursorCodec, Page};
use crate::auth::opaque_token::{hash_token, new_opaque_token, successor_token, token_id_for};
use crate::auth::{AccessToken, AuthContext, SessionGuard, TokenService};
use crate::domain::{self, AuditEvent, NewSession, Origin, Rotation, Session, audit};
use crate::error::AppError;
use crate::repo::{RepoError, SessionRepository};

const LIST: &str = "sessions";

#[derive(Debug, Clone, Copy)]
pub struct SessionSettings {
    /// A refresh token works this long after the session's last refresh.
    pub refresh_ttl: TimeDelta,
    /// No session outlives this, however often it is refreshed.
    pub max_lifetime: TimeDelta,
    /// A refresh token presented again this soon after its rotation (a client retrying a
    /// lost answer) gets the same new pair instead of revoking the session. Zero: off.
    pub reuse_interval: TimeDelta,
}

/// Where a request came from: recorded on the session a login opens, and on audit events.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ClientInfo {
    pub user_agent: Option<String>,
    pub ip: Option<String>,
    /// The request's `x-request-id`.
    pub request_id: Option<String>,
}

impl ClientInfo {
    /// What the audit log records of it.
    pub fn origin(&self) -> Origin {
        Origin {
            request_id: self.request_id.clone(),
            ip: self.ip.clone(),
        }
    }
}

/// What a successful grant hands out.
#[derive(Debug)]
pub struct IssuedTokens {
    pub access: AccessToken,
    pub refresh_token: String,
}

#[derive(Clone)]
pub struct SessionService {
    sessions: Arc<dyn SessionRepository>,
    tokens: Arc<TokenService>,
    guard: SessionGuard,
    cursors: CursorCodec,
    settings: SessionSettings,
    /// Derives each refresh token's successor (see `successor_token`).
    successor_key: Arc<[u8]>,
}

impl SessionService {
    pub fn new(
        sessions: Arc<dyn SessionRepository>,
        tokens: Arc<TokenService>,
        guard: SessionGuard,
        cursors: CursorCodec,
        settings: SessionSettings,
        successor_key: &[u8],
    ) -> Self {
        SessionService {
            sessions,
            tokens,
            guard,
            cursors,
            settings,
            successor_key: successor_key.into(),
        }
    }

    /// Opens a session for a user who just proved their password.
    #[tracing::instrument(skip_all, fields(user_id = %verified.user.id))]
    pub async fn open(
        &self,
        verified: &Authenticated,
        client: ClientInfo,
    ) -> Result<IssuedTokens, LoginError> {
        let user = &verified.user;
        let origin = client.origin();
        let now = domain::now();
        let (refresh_token, refresh_hash) = new_opaque_token()?;
        let absolute = now + self.settings.max_lifetime;
        let session = NewSession {
            id: Uuid::now_v7(),
            user_id: user.id,
            created_at: now,
            expires_at: domain::session::sliding_expiry(now, self.settings.refresh_ttl, absolute),
            absolute_expires_at: absolute,
            user_agent: client.user_agent.map(|ua| ua.chars().take(512).collect()),
            ip: client.ip,
            refresh_hash,
            credentials_version: verified.credentials_version,
        };
        let event = AuditEvent::new(audit::SIGN_IN, &origin)
            .actor(Some(user.id))
            .target("user", user.id)
            .details(serde_json::json!({ "session_id": session.id }));
        self.sessions
            .create_session(&session, &event)
            .await
            .map_err(anyhow::Error::from)?;
        let access = self
            .tokens
            .issue(user.id, user.role, session.id)
            .map_err(anyhow::Error::from)?;
        Ok(IssuedTokens {
            access,
            refresh_token,
        })
    }

    /// The refresh grant: rotates the token; a token presented twice revokes its session.
    #[tracing::instrument(skip_all)]
    pub async fn refresh(
        &self,
        refresh_token: &str,
        origin: &Origin,
    ) -> Result<IssuedTokens, LoginError> {
        let new_token = successor_token(&self.successor_key, refresh_token);
        let new_hash = hash_token(&new_token);
        let rotation = self
            .sessions
            .rotate_refresh_token(
                &hash_token(refresh_token),
                &new_hash,
                domain::now(),
                self.settings.refresh_ttl,
                self.settings.reuse_interval,
                &AuditEvent::new(audit::REFRESH_TOKEN_REUSED, origin),
            )
            .await
            .map_err(anyhow::Error::from)?;
        match rotation {
            Rotation::Rotated {
                session_id,
                user_id,
                role,
                rotated_at,
            } => {
                let access = self
                    .tokens
                    .issue_at(
                        user_id,
                        role,
                        session_id,
                        rotated_at,
                        token_id_for(&new_hash),
                    )
                    .map_err(anyhow::Error::from)?;
                Ok(IssuedTokens {
                    access,
                    refresh_token: new_token,
                })
            }
            Rotation::Reused { session_id } => {
                tracing::warn!(%session_id, "refresh token reused: session revoked");
                self.guard.forget(session_id);
                Err(LoginError::InvalidGrant)
            }
            Rotation::Invalid => Err(LoginError::InvalidGrant),
        }
    }

    /// RFC 7009: revokes the session behind a refresh or access token; unknown tokens are
    /// not an error. The hint only decides which kind is tried first.
    #[tracing::instrument(skip_all)]
    pub async fn revoke_token(
        &self,
        token: &str,
        hint: Option<&str>,
        origin: &Origin,
    ) -> Result<(), AppError> {
        let by_refresh = async {
            Ok::<_, AppError>(
                self.sessions
                    .find_session_by_refresh_hash(&hash_token(token))
                    .await?,
            )
        };
        let by_access = || self.tokens.verify(token).ok().map(|c| c.session_id);
        let session_id = if hint == Some("access_token") {
            match by_access() {
                Some(id) => Some(id),
                None => by_refresh.await?,
            }
        } else {
            match by_refresh.await? {
                Some(id) => Some(id),
                None => by_access(),
            }
        };
        if let Some(session_id) = session_id {
            // Whoever holds a session's token acts as its account.
            let event = AuditEvent::new(audit::SESSION_REVOKED, origin)
                .details(serde_json::json!({ "via": "token" }));
            self.sessions
                .revoke_session(session_id, None, domain::now(), &event)
                .await?;
            self.guard.forget(session_id);
        }
        Ok(())
    }

    #[tracing::instrument(skip_all, fields(user_id = %caller.user_id, limit = ?limit))]
    pub async fn list(
        &self,
        caller: &AuthContext,
        limit: Option<u32>,
        cursor: Option<&str>,
    ) -> Result<Page<Session>, AppError> {
        let request = self.cursors.request(LIST, caller.user_id, limit, cursor)?;
        let rows = self
            .sessions
            .list_sessions(
                caller.user_id,
                domain::now(),
                request.after,
                request.fetch(),
            )
            .await?;
        Ok(self
            .cursors
            .page(LIST, caller.user_id, &request, rows, |s| domain::PageKey {
                created_at: s.created_at,
                id: s.id,
            }))
    }

    /// Revokes one of the caller's sessions; someone else's answers like a missing one.
    #[tracing::instrument(skip_all, fields(user_id = %caller.user_id, session_id = %session_id))]
    pub async fn revoke(
        &self,
        caller: &AuthContext,
        session_id: Uuid,
        origin: &Origin,
    ) -> Result<(), AppError> {
        let event = AuditEvent::new(audit::SESSION_REVOKED, origin).actor(Some(caller.user_id));
        let revoked = self
            .sessions
            .revoke_session(session_id, Some(caller.user_id), domain::now(), &event)
            .await?;
        self.guard.forget(session_id);
        if revoked {
            Ok(())
        } else {
            Err(AppError::NotFound("session"))
        }
    }

    /// A bearer token's caller: a valid access token whose session is active. An error
    /// means the session could not be read (the token may well be good).
    // DEBUG, not INFO: this runs on every authenticated request, before the handler.
    #[tracing::instrument(level = "debug", skip_all)]
    pub async fn authenticate(&self, bearer: &str) -> Result<Option<AuthContext>, RepoError> {
        let Ok(claims) = self.tokens.verify(bearer) else {
            return Ok(None);
        };
        match self.guard.active(claims.session_id).await {
            Ok(Some(state)) if state.user_id == claims.user_id => Ok(Some(AuthContext {
                user_id: state.user_id,
                role: state.role,
                session_id: claims.session_id,
                expires_at: claims.expires_at,
            })),
            Ok(_) => Ok(None),
            Err(error) => {
                tracing::error!(%error, "session check failed");
                Err(error)
            }
        }
    }
}
