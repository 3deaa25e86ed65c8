//! The audit log: events written inside their change's transaction, listed for admins,
//! purged after the retention.

use super::{D, Db, Store};
use crate::domain::{AuditEvent, AuditFilter, PageKey};
use crate::repo::dialect::Dialect;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

const INSERT: &str = "INSERT INTO audit_events (id, at, kind, actor_id, target_type, target_id, \
                      request_id, ip, details) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)";

/// Inside a transaction: records `event`.
pub(super) async fn record(
    tx: &mut sqlx::Transaction<'_, Db>,
    event: &AuditEvent,
) -> Result<(), RepoError> {
    bind(sqlx::query(INSERT), event).execute(&mut **tx).await?;
    Ok(())
}

fn bind<'q>(
    query: sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments>,
    event: &'q AuditEvent,
) -> sqlx::query::Query<'q, Db, <Db as sqlx::Database>::Arguments> {
    query
        .bind(event.id)
        .bind(DbTime(event.at))
        .bind(event.kind.as_str())
        .bind(event.actor_id)
        .bind(event.target_type.as_deref())
        .bind(event.target_id.as_deref())
        .bind(event.request_id.as_deref())
        .bind(event.ip.as_deref())
        .bind(event.details.to_string())
}

#[derive(sqlx::FromRow)]
struct AuditRow {
    id: Uuid,
    at: DbTime,
    kind: String,
    actor_id: Option<Uuid>,
    target_type: Option<String>,
    target_id: Option<String>,
    request_id: Option<String>,
    ip: Option<String>,
    details: String,
}

impl From<AuditRow> for AuditEvent {
    fn from(row: AuditRow) -> Self {
        AuditEvent {
            id: row.id,
            at: row.at.0,
            kind: row.kind,
            actor_id: row.actor_id,
            target_type: row.target_type,
            target_id: row.target_id,
            request_id: row.request_id,
            ip: row.ip,
            details: serde_json::from_str(&row.details)
                .unwrap_or(serde_json::Value::String(row.details)),
        }
    }
}

#[async_trait::async_trait]
impl crate::repo::AuditRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(kind = %event.kind))]
    async fn record_event(&self, event: &AuditEvent) -> Result<(), RepoError> {
        let mut writer = self.writer().await?;
        bind(sqlx::query(INSERT), event)
            .execute(writer.conn())
            .await?;
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all, fields(limit))]
    async fn list_audit_events(
        &self,
        filter: &AuditFilter,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<AuditEvent>, RepoError> {
        // Each filter has an index that starts with it and continues in list order; the
        // time filters and the cursor are ranges on that order.
        const SQL: &str = "SELECT id, at, kind, actor_id, target_type, target_id, request_id, \
                           ip, details FROM audit_events \
                           WHERE ($1 IS NULL OR actor_id = $1) AND ($2 IS NULL OR target_id = $2) \
                             AND ($3 IS NULL OR kind = $3) AND ($4 IS NULL OR at >= $4) \
                             AND ($5 IS NULL OR at < $5) \
                             AND ($6 IS NULL OR (at, id) < ($6, $7)) \
                           ORDER BY at DESC, id DESC LIMIT $8";
        let rows: Vec<AuditRow> = sqlx::query_as(SQL)
            // Optional filters and keyset as `$n IS NULL OR`: planned for their values, so each
            // filter's index and the cursor bound the walk.
            .persistent(D::CACHE_VALUE_PLANS)
            .bind(filter.actor)
            .bind(filter.target.as_deref())
            .bind(filter.kind.as_deref())
            .bind(filter.since.map(DbTime))
            .bind(filter.until.map(DbTime))
            .bind(after.map(|k| DbTime(k.created_at)))
            .bind(after.map(|k| k.id))
            .bind(i64::from(limit))
            .fetch_all(&self.pool)
            .await?;
        Ok(rows.into_iter().map(Into::into).collect())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn purge_audit_events(&self, before: DateTime<Utc>) -> Result<u64, RepoError> {
        let mut writer = self.writer().await?;
        let done = sqlx::query("DELETE FROM audit_events WHERE at < $1")
            .bind(DbTime(before))
            .execute(writer.conn())
            .await?;
        Ok(done.rows_affected())
    }
}
