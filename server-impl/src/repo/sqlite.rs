//! SQLite back end: the embedded default.

use std::path::{Path, PathBuf};
use std::str::FromStr;
use std::time::Duration;

use anyhow::Context;
use sqlx::sqlite::{
    SqliteConnectOptions, SqliteJournalMode, SqlitePool, SqlitePoolOptions, SqliteSynchronous,
};
use sqlx::{ConnectOptions, Connection, SqliteConnection};

use super::PoolSettings;
use super::readers::Readers;
use super::signals::{ChangeWatch, SharedSink};
use super::sqlite_signals::{self, CommitHints};
use super::write_turn::WriteGate;
use std::sync::Arc;

pub struct SqliteStore {
    pool: SqlitePool,
    /// For the change watcher's own connection.
    options: SqliteConnectOptions,
    hints: Arc<CommitHints>,
    /// One writer at a time, in arrival order (ADR 0030).
    writes: WriteGate,
    /// Connections kept between one-statement reads (ADR 0031).
    readers: Readers<sqlx::Sqlite>,
    /// The connection writes are made on: one kept between them (ADR 0030).
    writer_conn: Readers<sqlx::Sqlite>,
    /// `SEARCH_CANDIDATE_CAP`: below it, a search reads its text-index candidates.
    pub(super) search_candidate_cap: u32,
    /// The statistics PostgreSQL's search estimate is computed from (`repo::text_estimate`;
    /// unused on SQLite, which counts its text index's candidates).
    pub(super) text_stats: super::text_estimate::TextStatsCache,
}

/// The pool's size unless `DATABASE_MAX_CONNECTIONS` says: 4 connections per core, from 4
/// to 32. Each connection is a thread of this process and its reads are CPU work: more than
/// that only adds thread switching (T033, ADR 0031).
fn default_max_connections() -> u32 {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    u32::try_from(cores * 4).unwrap_or(u32::MAX).clamp(4, 32)
}

impl SqliteStore {
    /// Opens (and creates, with its folder) the database file. WAL lets readers run beside
    /// the writer; `synchronous = FULL` makes every acknowledged commit survive a power cut.
    pub async fn connect(url: &str, settings: &PoolSettings) -> anyhow::Result<SqliteStore> {
        let max_connections = settings
            .max_connections
            .unwrap_or_else(default_max_connections);
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("invalid SQLite URL {url:?}"))?
            .create_if_missing(true)
            .journal_mode(SqliteJournalMode::Wal)
            .synchronous(SqliteSynchronous::Full)
            .foreign_keys(true)
            .busy_timeout(Duration::from_secs(5))
            // Search checks each row with `REGEXP` (ADR 0010).
            .with_regexp();
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
        // Hooks that tell the change watcher when a commit noted a signal (ADR 0027).
        let hints = Arc::new(CommitHints::default());
        let pool = SqlitePoolOptions::new()
            .after_connect({
                let hints = hints.clone();
                move |conn, _| {
                    let hints = hints.clone();
                    Box::pin(async move { sqlite_signals::install_hooks(conn, hints).await })
                }
            })
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
            .max_connections(max_connections)
            .acquire_timeout(settings.acquire_timeout)
            .connect_with(options.clone())
            .await
            .with_context(|| format!("cannot open the SQLite database {}", file.display()))?;
        Ok(SqliteStore {
            pool,
            options,
            hints,
            writes: WriteGate::one_at_a_time(),
            readers: Readers::in_arrival_order(max_connections),
            writer_conn: Readers::one(),
            search_candidate_cap: settings.search_candidate_cap,
            text_stats: Default::default(),
        })
    }

    /// Starts the watcher that turns committed changes into signals for the event streams.
    pub(super) fn watch_changes(&self, sink: SharedSink) -> ChangeWatch {
        sqlite_signals::spawn(self.options.clone(), self.hints.clone(), sink)
    }
}

/// A live SQLite database being copied by `todo-api backup` (ADR 0019): one connection of
/// its own beside the server's, which neither migrates nor changes the journal mode.
pub struct SqliteBackupSource {
    conn: SqliteConnection,
    file: PathBuf,
}

impl SqliteBackupSource {
    /// Opens an existing database file (never creates one).
    pub async fn open(url: &str) -> anyhow::Result<SqliteBackupSource> {
        let options = SqliteConnectOptions::from_str(url)
            .with_context(|| format!("invalid SQLite URL {url:?}"))?
            .create_if_missing(false)
            .busy_timeout(Duration::from_secs(5));
        let file = options.get_filename().to_path_buf();
        let conn = options
            .connect()
            .await
            .with_context(|| format!("cannot open the SQLite database {}", file.display()))?;
        Ok(SqliteBackupSource { conn, file })
    }

    /// The database file.
    pub fn file(&self) -> &Path {
        &self.file
    }

    /// Bytes of the pages in use (free pages are not copied): about the size of the copy.
    pub async fn used_bytes(&mut self) -> anyhow::Result<u64> {
        let (pages, free, page_size): (i64, i64, i64) = sqlx::query_as(
            "SELECT (SELECT page_count FROM pragma_page_count()), \
                    (SELECT freelist_count FROM pragma_freelist_count()), \
                    (SELECT page_size FROM pragma_page_size())",
        )
        .fetch_one(&mut self.conn)
        .await?;
        Ok(u64::try_from((pages - free).max(0) * page_size).unwrap_or(0))
    }

    /// Writes a consistent copy to `dest` (which must not exist, or be empty) with
    /// `VACUUM INTO`: one read transaction, so the copy is the database as of its start,
    /// and in WAL mode the server's writers carry on meanwhile.
    pub async fn vacuum_into(&mut self, dest: &Path) -> anyhow::Result<()> {
        let dest_str = dest
            .to_str()
            .with_context(|| format!("the backup path {} is not UTF-8", dest.display()))?;
        sqlx::query("VACUUM INTO ?")
            .bind(dest_str)
            .execute(&mut self.conn)
            .await
            .with_context(|| format!("cannot copy the database to {}", dest.display()))?;
        Ok(())
    }

    pub async fn close(self) {
        let _ = self.conn.close().await;
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

#[path = "sqlite_seed.rs"]
mod seed;

#[cfg(test)]
mod tests {
    use sqlx::{Connection, SqliteConnection};

    /// The SQLite linked into this build takes no process-wide lock per allocation or page
    /// (T034, ADR 0032): the workspace's `.cargo/config.toml` sets `LIBSQLITE3_FLAGS`.
    #[tokio::test]
    async fn sqlite_is_built_without_its_process_wide_mutexes() {
        let mut conn = SqliteConnection::connect("sqlite::memory:").await.unwrap();
        let options: Vec<String> = sqlx::query_scalar("PRAGMA compile_options")
            .fetch_all(&mut conn)
            .await
            .unwrap();
        assert!(
            options.iter().any(|o| o == "DEFAULT_MEMSTATUS=0"),
            "memory statistics (a global mutex per allocation) are on: {options:?}"
        );
        assert!(
            !options.iter().any(|o| o == "ENABLE_MEMORY_MANAGEMENT"),
            "all connections share one page cache behind one mutex: {options:?}"
        );
    }
}
