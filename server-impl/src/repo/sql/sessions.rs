//! Sessions and their rotating refresh tokens.

use super::{D, Db, Store};
use crate::domain::{AuditEvent, NewSession, PageKey, Rotation, Session, SessionState};
use crate::repo::dialect::Dialect;
use crate::repo::rows;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

/// Inside a transaction: revokes every active session of `user`, but `keep`.
pub(super) async fn revoke_user_sessions(
    tx: &mut sqlx::Transaction<'_, Db>,
    user: Uuid,
    now: DateTime<Utc>,
    keep: Option<Uuid>,
) -> Result<(), RepoError> {
    sqlx::query(
        "UPDATE sessions SET revoked_at = $2 \
                     WHERE user_id = $1 AND revoked_at IS NULL AND ($3 IS NULL OR id <> $3)",
    )
    .bind(user)
    .bind(DbTime(now))
    .bind(keep)
    .execute(&mut **tx)
    .await?;
    Ok(())
}

#[async_trait::async_trait]
impl crate::repo::SessionRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %session.user_id, session_id = %session.id))]
    async fn create_session(
        &self,
        session: &NewSession,
        event: &AuditEvent,
    ) -> Result<(), RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        sqlx::query(
            "INSERT INTO sessions (id, user_id, created_at, last_used_at, expires_at, \
                        absolute_expires_at, user_agent, ip, credentials_version) \
                     VALUES ($1, $2, $3, $3, $4, $5, $6, $7, $8)",
        )
        .bind(session.id)
        .bind(session.user_id)
        .bind(DbTime(session.created_at))
        .bind(DbTime(session.expires_at))
        .bind(DbTime(session.absolute_expires_at))
        .bind(session.user_agent.as_deref())
        .bind(session.ip.as_deref())
        .bind(session.credentials_version)
        .execute(&mut *tx)
        .await?;
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, \
                $3)",
        )
        .bind(&session.refresh_hash)
        .bind(session.id)
        .bind(DbTime(session.created_at))
        .execute(&mut *tx)
        .await?;
        super::audit::record(&mut tx, event).await?;
        tx.commit().await?;
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn rotate_refresh_token(
        &self,
        old_hash: &[u8],
        new_hash: &[u8],
        now: DateTime<Utc>,
        ttl: chrono::TimeDelta,
        reuse_interval: chrono::TimeDelta,
        reuse_event: &AuditEvent,
    ) -> Result<Rotation, RepoError> {
        let now_db = DbTime(now);
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        // Claiming the token is one conditional UPDATE: of two concurrent uses,
        // exactly one sees it unused.
        let claimed: Option<(Uuid,)> = sqlx::query_as(
            "UPDATE refresh_tokens SET used_at = $2 WHERE token_hash = $1 AND used_at \
                        IS NULL RETURNING session_id",
        )
        .bind(old_hash)
        .bind(now_db)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((session_id,)) = claimed else {
            let used: Option<(Uuid, Option<DbTime>)> = sqlx::query_as(
                "SELECT session_id, used_at FROM refresh_tokens WHERE token_hash = $1",
            )
            .bind(old_hash)
            .fetch_optional(&mut *tx)
            .await?;
            let Some((session_id, used_at)) = used else {
                return Ok(Rotation::Invalid);
            };
            // A retry within the reuse interval, while the successor is unused:
            // the same rotation again, nothing changes.
            if let Some(used_at) = used_at.filter(|u| {
                reuse_interval > chrono::TimeDelta::zero() && u.0 > now - reuse_interval
            }) {
                let successor: Option<(Option<DbTime>,)> = sqlx::query_as(
                    "SELECT used_at FROM refresh_tokens WHERE token_hash = $1 AND session_id \
                        = $2",
                )
                .bind(new_hash)
                .bind(session_id)
                .fetch_optional(&mut *tx)
                .await?;
                if let Some((None,)) = successor {
                    let state: rows::SessionStateRow = sqlx::query_as(rows::SESSION_STATE_SQL)
                        .bind(session_id)
                        .fetch_one(&mut *tx)
                        .await?;
                    if !state.is_active(now) {
                        return Ok(Rotation::Invalid);
                    }
                    return Ok(Rotation::Rotated {
                        session_id,
                        user_id: state.user_id,
                        role: state.role()?,
                        rotated_at: used_at.0,
                    });
                }
            }
            let revoked: Option<(Uuid,)> = sqlx::query_as(
                "UPDATE sessions SET revoked_at = $2 WHERE id = $1 AND revoked_at IS \
                NULL RETURNING user_id",
            )
            .bind(session_id)
            .bind(now_db)
            .fetch_optional(&mut *tx)
            .await?;
            // Recorded when the reuse ends a live session (a token of a session that had
            // already ended changes nothing).
            if let Some((user_id,)) = revoked {
                let event = reuse_event
                    .clone()
                    .target("session", session_id)
                    .details(serde_json::json!({ "user_id": user_id }));
                super::audit::record(&mut tx, &event).await?;
            }
            tx.commit().await?;
            return Ok(Rotation::Reused { session_id });
        };
        let state: rows::SessionStateRow = sqlx::query_as(rows::SESSION_STATE_SQL)
            .bind(session_id)
            .fetch_one(&mut *tx)
            .await?;
        if !state.is_active(now) {
            return Ok(Rotation::Invalid);
        }
        let role = state.role()?;
        let expires_at =
            crate::domain::session::sliding_expiry(now, ttl, state.absolute_expires_at.0);
        sqlx::query(
            "INSERT INTO refresh_tokens (token_hash, session_id, created_at) VALUES ($1, $2, \
                $3)",
        )
        .bind(new_hash)
        .bind(session_id)
        .bind(now_db)
        .execute(&mut *tx)
        .await?;
        sqlx::query("UPDATE sessions SET last_used_at = $2, expires_at = $3 WHERE id = $1")
            .bind(session_id)
            .bind(now_db)
            .bind(DbTime(expires_at))
            .execute(&mut *tx)
            .await?;
        tx.commit().await?;
        Ok(Rotation::Rotated {
            session_id,
            user_id: state.user_id,
            role,
            rotated_at: now,
        })
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn find_session_by_refresh_hash(&self, hash: &[u8]) -> Result<Option<Uuid>, RepoError> {
        let row: Option<(Uuid,)> =
            sqlx::query_as("SELECT session_id FROM refresh_tokens WHERE token_hash = $1")
                .bind(hash)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map(|(id,)| id))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(session_id = %session_id))]
    async fn session_state(
        &self,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionState>, RepoError> {
        let row: Option<rows::SessionStateRow> = sqlx::query_as(rows::SESSION_STATE_SQL)
            .bind(session_id)
            .fetch_optional(&self.pool)
            .await?;
        row.map(|r| {
            Ok(SessionState {
                user_id: r.user_id,
                role: r.role()?,
                active: r.is_active(now),
            })
        })
        .transpose()
    }

    #[tracing::instrument(level = "debug", skip_all, fields(session_id = %session_id, user_id = ?owner))]
    async fn revoke_session(
        &self,
        session_id: Uuid,
        owner: Option<Uuid>,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<bool, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        let revoked: Option<(Uuid,)> = sqlx::query_as(
            "UPDATE sessions SET revoked_at = $3 \
                     WHERE id = $1 AND ($2 IS NULL OR user_id = $2) AND revoked_at IS NULL \
                     RETURNING user_id",
        )
        .bind(session_id)
        .bind(owner)
        .bind(DbTime(now))
        .fetch_optional(&mut *tx)
        .await?;
        let Some((user_id,)) = revoked else {
            return Ok(false);
        };
        let actor = event.actor_id.or(Some(user_id));
        let event = event
            .clone()
            .actor(actor)
            .target("session", session_id)
            .details(serde_json::json!({ "user_id": user_id }));
        super::audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(true)
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner, limit))]
    async fn list_sessions(
        &self,
        owner: Uuid,
        now: DateTime<Utc>,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<Session>, RepoError> {
        // Served by sessions_user_created_idx; the activity filter drops the few ended ones.
        const SQL: &str = const_format::concatcp!(
            "SELECT ",
            rows::SESSION_COLUMNS,
            " FROM sessions WHERE user_id = $1 AND revoked_at IS NULL AND expires_at > $2 AND \
                absolute_expires_at > $2 \
                      AND ($3 IS NULL OR (created_at, id) < ($3, $4)) \
                     ORDER BY created_at DESC, id DESC LIMIT $5"
        );
        let rows: Vec<rows::SessionRow> = sqlx::query_as(SQL)
            // `$n IS NULL OR` keyset: planned for its values, so the cursor bounds the walk.
            .persistent(D::CACHE_VALUE_PLANS)
            .bind(owner)
            .bind(DbTime(now))
            .bind(after.map(|k| DbTime(k.created_at)))
            .bind(after.map(|k| k.id))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }
}
