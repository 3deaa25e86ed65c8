//! Fresh databases for tests.

use std::str::FromStr;

use sqlx::postgres::PgConnectOptions;
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Executor, PgConnection};
use tempfile::TempDir;

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Backend {
    Sqlite,
    Postgres,
}

/// A database that exists for one test. `dir` is the test's data folder (the SQLite file
/// lives there too).
pub struct TestDb {
    pub backend: Backend,
    pub url: String,
    pub dir: TempDir,
    pg: Option<(PgConnectOptions, String)>,
}

impl TestDb {
    /// `None` (skip) only when PostgreSQL is not configured outside CI.
    pub async fn create(backend: Backend) -> Option<TestDb> {
        let dir = tempfile::tempdir().expect("temp dir");
        match backend {
            Backend::Sqlite => Some(TestDb {
                backend,
                url: format!("sqlite://{}/db/todo.db", dir.path().display()),
                dir,
                pg: None,
            }),
            Backend::Postgres => {
                let Ok(admin_url) = std::env::var("TEST_POSTGRES_URL") else {
                    assert!(
                        std::env::var_os("CI").is_none(),
                        "TEST_POSTGRES_URL must be set in CI: PostgreSQL tests may not be skipped there"
                    );
                    eprintln!(
                        "skipped: set TEST_POSTGRES_URL=postgres://user:pass@host/postgres to run PostgreSQL tests"
                    );
                    return None;
                };
                let admin = PgConnectOptions::from_str(&admin_url)
                    .expect("TEST_POSTGRES_URL is a PostgreSQL URL");
                let name = format!("todo_test_{}", uuid::Uuid::new_v4().simple());
                let mut conn = PgConnection::connect_with(&admin)
                    .await
                    .expect("TEST_POSTGRES_URL is set but PostgreSQL is unreachable");
                conn.execute(AssertSqlSafe(format!(r#"CREATE DATABASE "{name}""#)))
                    .await
                    .expect("create test database");
                conn.close().await.ok();
                let url = admin.clone().database(&name).to_url_lossy().to_string();
                Some(TestDb {
                    backend,
                    url,
                    dir,
                    pg: Some((admin, name)),
                })
            }
        }
    }

    /// A database the test set up itself at `url` (a private PostgreSQL cluster, a SQLite
    /// file on a small file system), with `dir` as the data folder; nothing to drop.
    pub fn external(backend: Backend, url: String, dir: TempDir) -> TestDb {
        TestDb {
            backend,
            url,
            dir,
            pg: None,
        }
    }

    /// Runs one SQL statement directly against the database (for set-up the API cannot do,
    /// such as planting an old password hash), returning the first column of the first row
    /// as text, if any.
    /// The database's size in bytes: SQLite's pages (committed ones in the WAL included),
    /// or PostgreSQL's `pg_database_size` after a `CHECKPOINT`-free read.
    pub async fn size_bytes(&self) -> u64 {
        let statement = match self.backend {
            Backend::Sqlite => {
                "SELECT CAST((SELECT page_count FROM pragma_page_count()) * \
                 (SELECT page_size FROM pragma_page_size()) AS TEXT)"
            }
            Backend::Postgres => "SELECT CAST(pg_database_size(current_database()) AS TEXT)",
        };
        self.sql(statement)
            .await
            .and_then(|s| s.parse().ok())
            .expect("database size")
    }

    pub async fn sql(&self, statement: &str) -> Option<String> {
        let statement = AssertSqlSafe(statement.to_owned());
        match self.backend {
            Backend::Sqlite => {
                let mut conn = sqlx::SqliteConnection::connect(&self.url)
                    .await
                    .expect("open SQLite");
                let row = sqlx::query_as::<_, (String,)>(statement)
                    .fetch_optional(&mut conn)
                    .await;
                conn.close().await.ok();
                row.ok().flatten().map(|r| r.0)
            }
            Backend::Postgres => {
                let mut conn = PgConnection::connect(&self.url)
                    .await
                    .expect("connect PostgreSQL");
                let row = sqlx::query_as::<_, (String,)>(statement)
                    .fetch_optional(&mut conn)
                    .await;
                conn.close().await.ok();
                row.ok().flatten().map(|r| r.0)
            }
        }
    }

    /// PostgreSQL sessions of this database waiting for a lock.
    pub async fn lock_waiters(&self) -> i64 {
        self.sql(
            "SELECT CAST(COUNT(*) AS TEXT) FROM pg_stat_activity \
             WHERE datname = current_database() AND wait_event_type = 'Lock'",
        )
        .await
        .and_then(|n| n.parse().ok())
        .unwrap_or(0)
    }

    /// Waits (polling the database's state, not the clock) until `n` sessions wait for a
    /// lock.
    pub async fn until_waiting(&self, n: i64) {
        for _ in 0..6000 {
            if self.lock_waiters().await >= n {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(10)).await;
        }
        panic!("never saw {n} sessions waiting for a lock");
    }

    /// A uuid as an SQL literal of this back end (SQLite stores uuids as 16-byte blobs).
    pub fn uuid_literal(&self, id: &str) -> String {
        match self.backend {
            Backend::Sqlite => format!("X'{}'", id.replace('-', "")),
            Backend::Postgres => format!("'{id}'"),
        }
    }

    /// Drops the PostgreSQL database (forcing out any connection left); SQLite files go
    /// with the temp dir.
    pub async fn drop_database(&self) {
        let Some((admin, name)) = &self.pg else {
            return;
        };
        let Ok(mut conn) = PgConnection::connect_with(admin).await else {
            return;
        };
        // A running server's pool reconnects at once; a reconnection between the forced
        // termination and the drop makes `DROP … WITH (FORCE)` fail ("being accessed by other
        // users"), which once left a database in place under a test that had just dropped it.
        // So new connections are refused first, and the drop is checked and retried.
        for _ in 0..10 {
            let _ = conn
                .execute(AssertSqlSafe(format!(
                    r#"ALTER DATABASE "{name}" ALLOW_CONNECTIONS false"#
                )))
                .await;
            let dropped = conn
                .execute(AssertSqlSafe(format!(
                    r#"DROP DATABASE IF EXISTS "{name}" WITH (FORCE)"#
                )))
                .await;
            if dropped.is_ok() {
                return;
            }
            tokio::time::sleep(std::time::Duration::from_millis(200)).await;
        }
        panic!("could not drop the test database {name}");
    }
}
