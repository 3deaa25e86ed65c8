//! Single-use password-reset tokens.

use super::Store;
use crate::domain::AuditEvent;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[async_trait::async_trait]
impl crate::repo::PasswordResetRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %user_id))]
    async fn create_reset(
        &self,
        token_hash: &[u8],
        user_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), RepoError> {
        let mut writer = self.writer().await?;
        sqlx::query(
            "INSERT INTO password_resets (token_hash, user_id, created_at, \
                        expires_at, credentials_version) \
                     SELECT $1, $2, $3, $4, credentials_version FROM users WHERE id = $2",
        )
        .bind(token_hash)
        .bind(user_id)
        .bind(DbTime(now))
        .bind(DbTime(expires_at))
        .execute(writer.conn())
        .await?;
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn find_reset(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<Uuid>, RepoError> {
        let row: Option<(Uuid,)> = sqlx::query_as(
            "SELECT r.user_id FROM password_resets r JOIN users u ON u.id = r.user_id \
                     WHERE r.token_hash = $1 AND r.used_at IS NULL AND r.expires_at > $2 \
                       AND r.credentials_version = u.credentials_version",
        )
        .bind(token_hash)
        .bind(DbTime(now))
        .fetch_optional(&self.pool)
        .await?;
        Ok(row.map(|(id,)| id))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn reset_password(
        &self,
        token_hash: &[u8],
        password_hash: &str,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<Option<Uuid>, RepoError> {
        let now = DbTime(now);
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        // Using the token is one conditional UPDATE: it works exactly once.
        let used: Option<(Uuid, i64)> = sqlx::query_as(
            "UPDATE password_resets SET used_at = $2 \
                     WHERE token_hash = $1 AND used_at IS NULL AND expires_at > $2 \
                     RETURNING user_id, CAST(credentials_version AS BIGINT)",
        )
        .bind(token_hash)
        .bind(now)
        .fetch_optional(&mut *tx)
        .await?;
        let Some((user_id, version)) = used else {
            return Ok(None);
        };
        // Only while the password is the one the token was issued under (the row
        // lock makes a concurrent change wait, then this re-checks the version).
        let set = sqlx::query(
            "UPDATE users SET password_hash = $2, updated_at = $3, \
                        credentials_version = credentials_version + 1 \
                     WHERE id = $1 AND credentials_version = $4",
        )
        .bind(user_id)
        .bind(password_hash)
        .bind(now)
        .bind(version)
        .execute(&mut *tx)
        .await?;
        if set.rows_affected() == 0 {
            return Ok(None);
        }
        sqlx::query(
            "UPDATE password_resets SET used_at = $2 WHERE user_id = $1 AND used_at IS NULL",
        )
        .bind(user_id)
        .bind(now)
        .execute(&mut *tx)
        .await?;
        super::sessions::revoke_user_sessions(&mut tx, user_id, now.0, None).await?;
        let event = event.clone().actor(Some(user_id)).target("user", user_id);
        super::audit::record(&mut tx, &event).await?;
        tx.commit().await?;
        Ok(Some(user_id))
    }
}
