//! Statistics: the per-user data version and the aggregates over the todos of a user's
//! lists (every list they are a member of).

use super::{D, Store};
use crate::repo::dialect::Dialect;
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[async_trait::async_trait]
impl crate::repo::StatsRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner))]
    async fn data_version(&self, owner: Uuid) -> Result<i64, RepoError> {
        let row: Option<(i64,)> =
            sqlx::query_as("SELECT CAST(data_version AS BIGINT) FROM users WHERE id = $1")
                .bind(owner)
                .fetch_optional(&self.pool)
                .await?;
        Ok(row.map_or(0, |(v,)| v))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner))]
    async fn aggregate_todos(
        &self,
        owner: Uuid,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> Result<crate::domain::stats::Aggregates, RepoError> {
        // Three aggregate queries, whatever the number of todos: totals (one pass over
        // the user's rows), completions per day (completed_at index) and top tags.
        let (total, completed, overdue, low, normal, high, next_due): (i64, i64, i64, i64, i64, i64, Option<DbTime>) =
                    sqlx::query_as(
                        "SELECT CAST(COUNT(*) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN completed THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN NOT completed AND due_at < $2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN priority = 0 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN priority = 1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                CAST(COALESCE(SUM(CASE WHEN priority = 2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
                                MIN(CASE WHEN NOT completed AND due_at >= $2 THEN due_at END) \
                         FROM todos WHERE list_id IN (SELECT m.list_id FROM list_members m WHERE m.user_id = $1)",
                    )
                    .bind(owner)
                    .bind(DbTime(now))
                    .fetch_one(&self.pool)
                    .await?;
        let day = D::COMPLETED_DAY;
        let per_day: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
                    "SELECT {day}, CAST(COUNT(*) AS BIGINT) FROM todos \
                     WHERE list_id IN (SELECT m.list_id FROM list_members m WHERE m.user_id = $1) AND completed_at IS NOT NULL AND completed_at >= $2 GROUP BY {day}"
                )))
                .bind(owner)
                .bind(DbTime(since))
                .fetch_all(&self.pool)
                .await?;
        // Top tags: the per-list tag counts kept by triggers (ADR 0010), a few rows per list.
        let top_tags: Vec<(String, i64)> = sqlx::query_as(
            "SELECT MIN(c.tag), CAST(SUM(c.n) AS BIGINT) FROM list_tag_counts c \
                     WHERE c.list_id IN (SELECT m.list_id FROM list_members m WHERE m.user_id = $1) \
                     GROUP BY c.tag_key ORDER BY SUM(c.n) DESC, c.tag_key LIMIT 10",
        )
        .bind(owner)
        .fetch_all(&self.pool)
        .await?;
        let completions = per_day
            .into_iter()
            .filter_map(|(day, n)| {
                chrono::NaiveDate::parse_from_str(&day, "%Y-%m-%d")
                    .ok()
                    .map(|d| (d, n))
            })
            .collect();
        Ok(crate::domain::stats::Aggregates {
            total,
            completed,
            overdue,
            by_priority: [low, normal, high],
            completions,
            top_tags,
            next_due: next_due.map(|t| t.0),
        })
    }
}
