//! The store as a whole: probes, migrations, closing and the janitor's purge.

use super::{D, Db, Store};
use crate::repo::dialect::Dialect;
use crate::repo::readers::Reader;
use crate::repo::write_turn::WriteTurn;
use crate::repo::{DbTime, RepoError};
use anyhow::Context as _;
use chrono::{DateTime, Utc};
use sqlx::Connection as _;

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
pub(super) async fn written_row<'c, 'q, O>(
    conn: impl sqlx::Executor<'c, Database = Db>,
    query: sqlx::query::QueryAs<'q, Db, O, <Db as sqlx::Database>::Arguments>,
) -> Result<Option<O>, RepoError>
where
    O: Send + Unpin + for<'r> sqlx::FromRow<'r, <Db as sqlx::Database>::Row>,
{
    Ok(query.fetch_all(conn).await?.into_iter().next())
}

impl Store {
    /// Waits for this process's turn to write (ADR 0030), then gives it with the
    /// connection to write on: on SQLite the one kept for writes. Every write of the
    /// repositories takes it first and keeps it until the write is done; a function that
    /// holds it never waits for it again. Bind it as `let mut writer`, and begin a
    /// transaction on it (`writer.begin()`) or send one statement (`writer.conn()`).
    pub(super) async fn writer(&self) -> Result<Writer<'_>, RepoError> {
        let turn = self.writes.turn().await?;
        let conn = self.writer_conn.get(&self.pool).await?;
        Ok(Writer {
            conn: Some(conn),
            _turn: turn,
        })
    }
}

/// A write's turn and its connection. On SQLite the connection is the one kept for
/// writes: no other connection wrote since its last write, so its page cache is still
/// valid, where a pooled connection's would be emptied and its pages read again from the
/// file while the turn is held. Dropped outside a transaction, the connection is kept for
/// the next write; inside one (a failed commit, a cancelled request), it goes back through
/// the pool's release and its checks. PostgreSQL's writers use pooled connections.
pub(super) struct Writer<'s> {
    // Declared first, so dropped first: the connection is back before the next turn.
    conn: Option<Reader<'s, Db>>,
    _turn: WriteTurn,
}

impl Writer<'_> {
    /// A write transaction (`BEGIN IMMEDIATE` on SQLite) on this write's connection.
    pub(super) async fn begin(&mut self) -> Result<sqlx::Transaction<'_, Db>, RepoError> {
        Ok(self.conn().begin_with(D::BEGIN_WRITE).await?)
    }

    /// The connection, for a write of one statement.
    pub(super) fn conn(&mut self) -> &mut <Db as sqlx::Database>::Connection {
        self.conn
            .as_mut()
            .expect("a writer has its connection until dropped")
    }
}

impl Drop for Writer<'_> {
    fn drop(&mut self) {
        if let Some(conn) = self.conn.take()
            && !conn.is_in_transaction()
        {
            conn.finished();
        }
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
        self.writer_conn.close();
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
            let mut writer = self.writer().await?;
            purged += sqlx::query(sql)
                .bind(before)
                .execute(writer.conn())
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
            idle: u32::try_from(
                self.pool.num_idle() + self.readers.kept() + self.writer_conn.kept(),
            )
            .unwrap_or(u32::MAX),
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
        let kept = self.readers.give_back().into_iter();
        for conn in kept.chain(self.writer_conn.give_back()) {
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::PoolSettings;
    use std::time::Duration;

    /// Rows changed by the connection the next writer gets: `total_changes()` counts per
    /// connection, since it opened.
    async fn changes_seen_by_next_writer(store: &Store) -> i64 {
        let mut writer = store.writer().await.unwrap();
        let (n,): (i64,) = sqlx::query_as("SELECT total_changes()")
            .fetch_one(writer.conn())
            .await
            .unwrap();
        n
    }

    async fn insert(conn: &mut <Db as sqlx::Database>::Connection) {
        sqlx::query("INSERT INTO kept (x) VALUES (1)")
            .execute(conn)
            .await
            .unwrap();
    }

    /// SQLite's writes run on one connection, kept from one write to the next, unless a
    /// write ends inside a transaction. PostgreSQL keeps none (and this needs no server).
    #[tokio::test]
    async fn sqlite_writes_keep_their_connection_unless_left_inside_a_transaction() {
        if D::NAME != "sqlite" {
            return;
        }
        let dir = tempfile::tempdir().unwrap();
        let url = format!("sqlite://{}/kept.db", dir.path().display());
        let settings = PoolSettings {
            max_connections: Some(8),
            acquire_timeout: Duration::from_secs(5),
            search_candidate_cap: 0,
        };
        let store = Store::connect(&url, &settings).await.unwrap();
        {
            let mut writer = store.writer().await.unwrap();
            sqlx::query("CREATE TABLE kept (x INTEGER)")
                .execute(writer.conn())
                .await
                .unwrap();
            insert(writer.conn()).await;
        }
        {
            let mut writer = store.writer().await.unwrap();
            let mut tx = writer.begin().await.unwrap();
            insert(&mut tx).await;
            tx.commit().await.unwrap();
        }
        // Both writes were on the connection the next writer gets.
        assert_eq!(changes_seen_by_next_writer(&store).await, 2);

        // A writer dropped while its transaction is open (as after a failed commit) is not
        // kept: the next writer gets another connection, which changed nothing.
        {
            let mut writer = store.writer().await.unwrap();
            let mut tx = writer.begin().await.unwrap();
            insert(&mut tx).await;
            std::mem::forget(tx);
        }
        assert_eq!(changes_seen_by_next_writer(&store).await, 0);
        crate::repo::Store::close(&store).await;
    }
}
