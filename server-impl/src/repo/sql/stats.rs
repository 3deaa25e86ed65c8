//! Statistics: the per-user data version and the aggregates over the todos of a user's
//! lists (every list they are a member of), read from the per-list counters the triggers keep
//! (ADR 0029).

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
        // Totals and completions per day are kept per list by triggers (ADR 0029): summed
        // over the caller's lists. Overdue and next due depend on the clock: one range of the
        // open-due index per list.
        let (total, completed, overdue, low, normal, high, next_due): (i64, i64, i64, i64, i64, i64, Option<DbTime>) =
            sqlx::query_as(
                "SELECT CAST(COALESCE(SUM(c.total), 0) AS BIGINT), \
                        CAST(COALESCE(SUM(c.completed), 0) AS BIGINT), \
                        (SELECT CAST(COUNT(*) AS BIGINT) FROM list_members mo JOIN todos t ON t.list_id = mo.list_id \
                         WHERE mo.user_id = $1 AND NOT t.completed AND t.due_at IS NOT NULL AND t.due_at < $2), \
                        CAST(COALESCE(SUM(c.low), 0) AS BIGINT), \
                        CAST(COALESCE(SUM(c.normal), 0) AS BIGINT), \
                        CAST(COALESCE(SUM(c.high), 0) AS BIGINT), \
                        (SELECT MIN((SELECT t.due_at FROM todos t WHERE t.list_id = mn.list_id \
                                     AND NOT t.completed AND t.due_at IS NOT NULL AND t.due_at >= $2 \
                                     ORDER BY t.due_at LIMIT 1)) \
                         FROM list_members mn WHERE mn.user_id = $1) \
                 FROM list_members m JOIN list_todo_counts c ON c.list_id = m.list_id \
                 WHERE m.user_id = $1",
            )
            .bind(owner)
            .bind(DbTime(now))
            .fetch_one(&self.pool)
            .await?;
        let day = D::COUNTED_DAY;
        let per_day: Vec<(String, i64)> = sqlx::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT {day}, CAST(SUM(c.n) AS BIGINT) \
             FROM list_members m JOIN list_completions c ON c.list_id = m.list_id \
             WHERE m.user_id = $1 AND c.day >= $2 GROUP BY c.day"
        )))
        .bind(owner)
        .bind(since.date_naive())
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
