//! The store as a whole: probes, migrations, closing and the janitor's purge.

use super::{D, Store};
use crate::repo::dialect::Dialect;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl crate::repo::Store for Store {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn ping(&self) -> Result<(), RepoError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn migrate(&self) -> anyhow::Result<()> {
        use anyhow::Context as _;
        super::MIGRATOR
            .run(&self.pool)
            .await
            .with_context(|| format!("{} migration failed", D::NAME))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn close(&self) {
        self.pool.close().await;
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn purge_expired(&self, before: DateTime<Utc>) -> Result<u64, RepoError> {
        let before = DbTime(before);
        let windows = sqlx::query("DELETE FROM rate_limits WHERE window_start < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        let sessions = sqlx::query(
            "DELETE FROM sessions WHERE absolute_expires_at < $1 OR expires_at < $1 \
                        OR revoked_at < $1",
        )
        .bind(before)
        .execute(&self.pool)
        .await?;
        let resets = sqlx::query("DELETE FROM password_resets WHERE expires_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        let keys = sqlx::query("DELETE FROM idempotency_keys WHERE created_at < $1")
            .bind(before)
            .execute(&self.pool)
            .await?;
        Ok(windows.rows_affected()
            + sessions.rows_affected()
            + resets.rows_affected()
            + keys.rows_affected())
    }

    fn backend(&self) -> &'static str {
        D::NAME
    }
}
