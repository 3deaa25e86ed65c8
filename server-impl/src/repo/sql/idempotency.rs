//! Idempotency keys of todo creation.

use super::Store;
use crate::domain::{Claim, Conditional, NewTodo, Todo};
use crate::repo::{DbTime, RepoError};
use chrono::{DateTime, Utc};
use uuid::Uuid;

#[async_trait::async_trait]
impl crate::repo::IdempotencyRepository for Store {
    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner))]
    async fn claim_key(
        &self,
        owner: Uuid,
        key: &str,
        request_hash: &[u8],
        now: DateTime<Utc>,
        lock_timeout: std::time::Duration,
        ttl: std::time::Duration,
    ) -> Result<Claim, RepoError> {
        // The claim's statements on one turn: a delete, an insert, maybe a take-over.
        let mut writer = self.writer().await?;
        let ago = |d: std::time::Duration| {
            DbTime(now - chrono::TimeDelta::from_std(d).unwrap_or(chrono::TimeDelta::MAX))
        };
        sqlx::query(
            "DELETE FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2 \
            AND created_at <= $3",
        )
        .bind(owner)
        .bind(key)
        .bind(ago(ttl))
        .execute(writer.conn())
        .await?;
        let inserted = sqlx::query(
            "INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, \
                        created_at, locked_at) \
                     VALUES ($1, $2, $3, $4, $4) ON CONFLICT (user_id, idempotency_key) DO NOTHING",
        )
        .bind(owner)
        .bind(key)
        .bind(request_hash)
        .bind(DbTime(now))
        .execute(writer.conn())
        .await?;
        if inserted.rows_affected() == 1 {
            return Ok(Claim::Owned { locked_at: now });
        }
        let row: Option<(Vec<u8>, Option<i64>, Option<String>, Option<Uuid>, DbTime)> =
            sqlx::query_as(
                "SELECT request_hash, CAST(response_status AS BIGINT), response_body, \
                        resource_id, locked_at \
                     FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2",
            )
            .bind(owner)
            .bind(key)
            .fetch_optional(&self.pool)
            .await?;
        let Some((hash, status, body, resource_id, locked_at)) = row else {
            // Deleted between the two statements (expired); the client may retry.
            return Ok(Claim::InProgress);
        };
        if hash != request_hash {
            return Ok(Claim::Mismatch);
        }
        match (status, body, resource_id) {
            (Some(_), Some(body), Some(resource_id)) => Ok(Claim::Replay { body, resource_id }),
            _ if locked_at <= ago(lock_timeout) => {
                // Take over from a request that died, unless another retry just did.
                let taken = sqlx::query(
                            "UPDATE idempotency_keys SET locked_at = $3 \
                             WHERE user_id = $1 AND idempotency_key = $2 AND locked_at = $4 AND response_status IS NULL",
                        )
                        .bind(owner)
                        .bind(key)
                        .bind(DbTime(now))
                        .bind(locked_at)
                        .execute(writer.conn())
                        .await?;
                Ok(if taken.rows_affected() == 1 {
                    Claim::Owned { locked_at: now }
                } else {
                    Claim::InProgress
                })
            }
            _ => Ok(Claim::InProgress),
        }
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner))]
    async fn insert_todo_for_key(
        &self,
        owner: Uuid,
        todo: &NewTodo,
        key: &str,
        locked_at: DateTime<Utc>,
        render: for<'a> fn(&'a Todo) -> String,
    ) -> Result<Conditional<Todo>, RepoError> {
        let mut writer = self.writer().await?;
        let mut tx = writer.begin().await?;
        // The todo first (its list, position and authors come from the database), then
        // its response under the key; if a retry took the key over meanwhile, the
        // transaction is dropped and nothing is stored.
        let created = match super::todos::insert_todo_in(&mut tx, owner, todo).await? {
            Conditional::Done(created) => created,
            refused => {
                drop(tx);
                drop(writer);
                return super::todos::settle_client_id(&self.pool, owner, todo, refused).await;
            }
        };
        let recorded = sqlx::query(
                    "UPDATE idempotency_keys SET response_status = 201, response_body = $3, \
                        resource_id = $4 \
                     WHERE user_id = $1 AND idempotency_key = $2 AND response_status IS NULL AND locked_at = $5",
                )
                .bind(owner)
                .bind(key)
                .bind(render(&created))
                .bind(todo.id)
                .bind(DbTime(locked_at))
                .execute(&mut *tx)
                .await?;
        if recorded.rows_affected() != 1 {
            return Err(RepoError::IdempotencyLockLost);
        }
        tx.commit().await?;
        Ok(Conditional::Done(created))
    }

    #[tracing::instrument(level = "debug", skip_all, fields(user_id = %owner))]
    async fn release_key(&self, owner: Uuid, key: &str) -> Result<(), RepoError> {
        let mut writer = self.writer().await?;
        sqlx::query(
            "DELETE FROM idempotency_keys WHERE user_id = $1 AND idempotency_key = $2 \
                        AND response_status IS NULL",
        )
        .bind(owner)
        .bind(key)
        .execute(writer.conn())
        .await?;
        Ok(())
    }
}
