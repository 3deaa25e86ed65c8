//! Feature flags and kill switches.

use super::{D, Store};
use crate::domain::{AuditEvent, Flags};
use crate::repo::dialect::Dialect;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};

#[async_trait::async_trait]
impl crate::repo::FlagRepository for Store {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn load_flags(&self) -> Result<Flags, RepoError> {
        let rows: Vec<(String, bool)> = sqlx::query_as("SELECT name, enabled FROM feature_flags")
            .fetch_all(&self.pool)
            .await?;
        Ok(Flags::from_rows(rows))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn update_flags(
        &self,
        changes: &[(String, bool)],
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<Flags, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        // Locks the rows, so that concurrent changes record what they really changed.
        let rows: Vec<(String, bool)> = sqlx::query_as(const_format::concatcp!(
            "SELECT name, enabled FROM feature_flags ORDER BY name",
            D::FOR_UPDATE
        ))
        .fetch_all(&mut *tx)
        .await?;
        let before = Flags::from_rows(rows);
        let mut after = before;
        let mut changed = serde_json::Map::new();
        for (name, value) in changes {
            if after.set(name, *value) && before.get(name) != Some(*value) {
                changed.insert(
                    name.clone(),
                    serde_json::json!({"from": before.get(name), "to": value}),
                );
                sqlx::query(
                    "INSERT INTO feature_flags (name, enabled, updated_at) VALUES ($1, $2, $3) \
                     ON CONFLICT (name) DO UPDATE SET enabled = excluded.enabled, \
                     updated_at = excluded.updated_at",
                )
                .bind(name.as_str())
                .bind(*value)
                .bind(DbTime(now))
                .execute(&mut *tx)
                .await?;
            }
        }
        if !changed.is_empty() {
            let event = event
                .clone()
                .target("flags", "flags")
                .details(serde_json::json!({ "changes": changed }));
            super::audit::record(&mut tx, &event).await?;
        }
        tx.commit().await?;
        Ok(after)
    }
}
