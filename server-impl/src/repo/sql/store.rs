//! The store as a whole: probes, migrations, closing and the janitor's purge.

use super::{D, Db, Store};
use crate::repo::dialect::Dialect;
use crate::repo::write_turn::WriteTurn;
use crate::repo::{DbTime, RepoError};
use anyhow::Context as _;
use chrono::{DateTime, Utc};

/// "No such table": PostgreSQL's SQLSTATE 42P01, SQLite's generic error 1 (its message
/// says which; the only table read here is the migrations table).
fn is_undefined_table(code: Option<&str>) -> bool {
    matches!(code, Some("42P01" | "1"))
}

/// The row an autocommit write returns (`RETURNING`), if any, read to the statement's end.
/// SQLite commits an autocommit statement when it finishes. `fetch_one` and
/// `fetch_optional` stop at the first row and reset the statement, and sqlx drops the
/// reset's error, so a commit the disk refused (`SQLITE_FULL`) would come back as the row
/// of a write that was rolled back. Read to the end, the commit's error is the caller's.
/// (PostgreSQL's sqlx reads to the end either way; in a transaction, `COMMIT` reports.)
pub(super) async fn written_row<'q, O>(
    pool: &sqlx::Pool<Db>,
    query: sqlx::query::QueryAs<'q, Db, O, <Db as sqlx::Database>::Arguments>,
) -> Result<Option<O>, RepoError>
where
    O: Send + Unpin + for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row>,
{
    Ok(query.fetch_all(pool).await?.into_iter().next())
}

impl Store {
    /// Waits for this process's turn to write (ADR 0030). Every write of the repositories
    /// takes it first, before its connection, and keeps it until the write is done; a
    /// function that holds it never waits for it again.
    pub(super) async fn write_turn(&self) -> Result<WriteTurn, RepoError> {
        self.writes.turn().await
    }

    /// A write transaction begun on this process's write turn. Bind it as
    /// `let (_turn, mut tx)`, so that the turn ends after the transaction.
    pub(super) async fn begin_write(
        &self,
    ) -> Result<(WriteTurn, sqlx::Transaction<'static, Db>), RepoError> {
        let turn = self.write_turn().await?;
        let tx = self.pool.begin_with(D::BEGIN_WRITE).await?;
        Ok((turn, tx))
    }
}

#[async_trait::async_trait]
impl crate::repo::Store for Store {
    #[tracing::instrument(level = "debug", skip_all)]
    async fn ping(&self) -> Result<(), RepoError> {
        sqlx::query("SELECT 1").execute(&self.pool).await?;
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn migrate(&self) -> anyhow::Result<()> {
        super::MIGRATOR
            .run(&self.pool)
            .await
            .with_context(|| format!("{} migration failed", D::NAME))
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn check_schema(&self) -> anyhow::Result<()> {
        // The migrations this database recorded as applied; newer ones than this build knows
        // are fine (a rolling upgrade migrates before the old nodes stop).
        let applied: Vec<(i64,)> =
            match sqlx::query_as("SELECT version FROM _sqlx_migrations WHERE success")
                .fetch_all(&self.pool)
                .await
            {
                Ok(rows) => rows,
                Err(sqlx::Error::Database(e)) if is_undefined_table(e.code().as_deref()) => {
                    anyhow::bail!(
                        "the database has no schema yet: run `todo-api migrate` before starting \
                     with MIGRATE_ON_START=false (--no-migrate)"
                    )
                }
                Err(e) => return Err(e).context("cannot read the applied migrations"),
            };
        let pending: Vec<_> = super::MIGRATOR
            .iter()
            .filter(|m| !m.migration_type.is_down_migration())
            .filter(|m| !applied.iter().any(|(v,)| *v == m.version))
            .collect();
        if let Some(first) = pending.first() {
            anyhow::bail!(
                "the database schema is behind this build: {} migration(s) pending, from {} \
                 ({}); run `todo-api migrate` before starting with MIGRATE_ON_START=false \
                 (--no-migrate)",
                pending.len(),
                first.version,
                first.description
            );
        }
        Ok(())
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn close(&self) {
        // The kept readers first: `close` waits for every connection checked out.
        self.readers.close();
        self.pool.close().await;
    }

    #[tracing::instrument(level = "debug", skip_all)]
    async fn purge_expired(&self, before: DateTime<Utc>) -> Result<u64, RepoError> {
        let before = DbTime(before);
        let mut purged = 0;
        for sql in [
            "DELETE FROM rate_limits WHERE window_start < $1",
            "DELETE FROM sessions WHERE absolute_expires_at < $1 OR expires_at < $1 \
             OR revoked_at < $1",
            "DELETE FROM password_resets WHERE expires_at < $1",
            "DELETE FROM idempotency_keys WHERE created_at < $1",
            "DELETE FROM list_invitations WHERE expires_at < $1",
        ] {
            // Each on its own turn: the requests' writes go in between.
            let _turn = self.write_turn().await?;
            purged += sqlx::query(sql)
                .bind(before)
                .execute(&self.pool)
                .await?
                .rows_affected();
        }
        Ok(purged)
    }

    fn backend(&self) -> &'static str {
        D::NAME
    }

    fn watch_changes(&self, sink: crate::repo::SharedSink) -> crate::repo::ChangeWatch {
        Store::watch_changes(self, sink)
    }

    fn pool_stats(&self) -> crate::repo::PoolStats {
        crate::repo::PoolStats {
            size: self.pool.size(),
            // The connections kept for reads are checked out of sqlx's pool, but idle.
            idle: u32::try_from(self.pool.num_idle() + self.readers.kept()).unwrap_or(u32::MAX),
            max: self.pool.options().get_max_connections(),
        }
    }

    async fn release_idle_memory(&self) {
        let Some(release) = D::RELEASE_MEMORY else {
            return;
        };
        // All idle ones at once: one taken and given back would come again.
        let mut idle = Vec::new();
        while let Some(conn) = self.pool.try_acquire() {
            idle.push(conn);
        }
        for conn in &mut idle {
            let _ = sqlx::query(release).execute(&mut **conn).await;
        }
    }

    async fn close_idle_connections(&self, keep: u32) -> u32 {
        let mut closed = 0;
        for conn in self.readers.give_back() {
            if self.pool.size() > keep {
                let _ = conn.close().await;
                closed += 1;
            }
        }
        while self.pool.size() > keep {
            let Some(conn) = self.pool.try_acquire() else {
                break;
            };
            let _ = conn.close().await;
            closed += 1;
        }
        closed
    }
}
