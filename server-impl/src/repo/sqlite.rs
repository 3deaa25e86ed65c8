//! SQLite back end: the embedded default.

use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::Connection;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};

use super::PoolSettings;

pub struct SqliteStore {
    pool: SqlitePool,
}

impl SqliteStore {
    /// Opens (and creates, with its folder) the database file. WAL lets readers run beside
    /// the writer; `synchronous = FULL` makes every acknowledged commit survive a power cut.
    pub async fn connect(url: &str, settings: &PoolSettings) -> anyhow::Result<SqliteStore> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("invalid SQLite URL {url:?}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5));
        let file = options.get_filename().to_path_buf();
        if let Some(dir) = file.parent().filter(|d| !d.as_os_str().is_empty()) {
            std::fs::create_dir_all(dir)
                .with_context(|| format!("cannot create the database folder {}", dir.display()))?;
        }
        // No liveness check on acquire: a SQLite connection is a handle on a local file and
        // cannot drop like a network one, and the check is a round trip to the connection's
        // worker thread on every acquire.
        //
        // A connection still inside a transaction when it comes back is closed instead of
        // reused. SQLite rolls a transaction back by itself on some errors (`SQLITE_FULL`:
        // disk full); sqlx's rollback of the dropped transaction then fails ("no transaction
        // is active") and leaves its transaction depth at 1, and every later `BEGIN
        // IMMEDIATE` on that connection failed ("begin_with at non-zero transaction depth"),
        // so writes kept failing after the disk had room again. The ping only runs in that
        // case: it waits for the queued rollback before looking again.
        let pool = SqlitePoolOptions::new()
            .after_release(|conn, _| {
                Box::pin(async move {
                    if !conn.is_in_transaction() {
                        return Ok(true);
                    }
                    conn.ping().await?;
                    Ok(!conn.is_in_transaction())
                })
            })
            .test_before_acquire(false)
            .max_connections(settings.max_connections)
            .acquire_timeout(settings.acquire_timeout)
            .connect_with(options)
            .await
            .with_context(|| format!("cannot open the SQLite database {}", file.display()))?;
        Ok(SqliteStore { pool })
    }
}

// The repositories, compiled for this back end: `repo/sql/` is an ordinary module tree written
// against `Db`, `Store` and `D`, which resolve to this back end's (ADR 0002).
type D = super::dialect::Sqlite;
type Db = <D as super::dialect::Dialect>::Db;
type Store = SqliteStore;
static MIGRATOR: std::sync::LazyLock<sqlx::migrate::Migrator> =
    std::sync::LazyLock::new(|| super::tolerant(sqlx::migrate!("../migrations/sqlite")));

#[allow(clippy::duplicate_mod)] // compiled once per back end, on purpose
#[path = "sql/mod.rs"]
mod sql;
