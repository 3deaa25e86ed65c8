//! Rate-limit windows: one atomic upsert per event.

use super::Store;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl crate::repo::RateLimitRepository for Store {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn hit(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        window: std::time::Duration,
    ) -> Result<(u32, DateTime<Utc>), RepoError> {
        let window_began_after =
            now - chrono::TimeDelta::from_std(window).unwrap_or(chrono::TimeDelta::MAX);
        // One statement: concurrent hits (on any node) each get their own count.
        let mut writer = self.writer().await?;
        let query = sqlx::query_as(
                    "INSERT INTO rate_limits (bucket, window_start, hits) VALUES ($1, $2, 1) \
                     ON CONFLICT (bucket) DO UPDATE SET \
                       hits = CASE WHEN rate_limits.window_start <= $3 THEN 1 ELSE rate_limits.hits + 1 END, \
                       window_start = CASE WHEN rate_limits.window_start <= $3 THEN $2 ELSE rate_limits.window_start END \
                     RETURNING CAST(hits AS BIGINT), window_start",
                )
                .bind(bucket)
                .bind(DbTime(now))
                .bind(DbTime(window_began_after));
        let (hits, start): (i64, DbTime) = super::store::written_row(writer.conn(), query)
            .await?
            .ok_or(sqlx::Error::RowNotFound)?;
        Ok((u32::try_from(hits).unwrap_or(u32::MAX), start.0))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn unhit(&self, bucket: &str, window_start: DateTime<Utc>) -> Result<(), RepoError> {
        let mut writer = self.writer().await?;
        sqlx::query(
            "UPDATE rate_limits SET hits = hits - 1 WHERE bucket = $1 AND \
                        window_start = $2 AND hits > 0",
        )
        .bind(bucket)
        .bind(DbTime(window_start))
        .execute(writer.conn())
        .await?;
        Ok(())
    }
}
