//! Opening a store from a `DATABASE_URL`: pool settings, the URL as it may be logged, the
//! migrators' tolerance of newer migrations, and the pool's statistics.

use std::sync::Arc;
use std::time::Duration;

use super::{PostgresStore, SqliteStore, Store, Tooling};

/// A snapshot of a store's connection pool.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct PoolStats {
    /// Connections open now, in use or idle.
    pub size: u32,
    /// Open connections not in use.
    pub idle: u32,
    /// The most connections the pool opens.
    pub max: u32,
}

/// A back end's migrations, set to tolerate migrations applied by a newer release that this
/// one does not know: rolling the binary back after an upgrade migrated the database must
/// work (expand/contract, ADR 0022). Its own migrations still run, in order, and a changed
/// one (checksum) still refuses to start.
pub(super) fn tolerant(mut migrator: sqlx::migrate::Migrator) -> sqlx::migrate::Migrator {
    migrator.set_ignore_missing(true);
    migrator
}

/// Pool settings shared by both back ends.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    /// `DATABASE_MAX_CONNECTIONS`; `None`: the back end's default (`SqliteStore::connect`,
    /// `PostgresStore::connect`).
    pub max_connections: Option<u32>,
    pub acquire_timeout: Duration,
    /// Below how many text-index candidates (SQLite: counted; PostgreSQL: its planner's
    /// estimate) a search reads them rather than walking the page (`SEARCH_CANDIDATE_CAP`).
    pub search_candidate_cap: u32,
}

/// What a `DATABASE_URL` names, safe to log: `postgres://host:port/database` (no user, no
/// password, no parameters) or the SQLite file's path.
pub fn describe_url(url: &str) -> String {
    use std::str::FromStr;
    if url.starts_with("sqlite:") {
        match sqlx::sqlite::SqliteConnectOptions::from_str(url) {
            Ok(options) => format!("sqlite:{}", options.get_filename().display()),
            Err(_) => "sqlite (unparsable URL)".to_owned(),
        }
    } else {
        match sqlx::postgres::PgConnectOptions::from_str(url) {
            Ok(options) => format!(
                "postgres://{}:{}/{}",
                options.get_host(),
                options.get_port(),
                options.get_database().unwrap_or("")
            ),
            Err(_) => "postgres (unparsable URL)".to_owned(),
        }
    }
}

/// Opens the database a `DATABASE_URL` names: `sqlite://…` or `postgres://…`.
pub async fn connect(url: &str, settings: &PoolSettings) -> anyhow::Result<Arc<dyn Store>> {
    Ok(connect_for_tooling(url, settings).await?)
}

/// Like [`connect`], with the tooling operations.
pub async fn connect_for_tooling(
    url: &str,
    settings: &PoolSettings,
) -> anyhow::Result<Arc<dyn Tooling>> {
    if url.starts_with("sqlite:") {
        Ok(Arc::new(SqliteStore::connect(url, settings).await?))
    } else if url.starts_with("postgres://") || url.starts_with("postgresql://") {
        Ok(Arc::new(PostgresStore::connect(url, settings).await?))
    } else {
        anyhow::bail!("DATABASE_URL must start with sqlite:// or postgres://")
    }
}

#[cfg(test)]
mod tests {
    #[test]
    fn described_urls_keep_host_port_and_name_only() {
        let shown = super::describe_url(
            "postgres://todo:s3cr3t-pw@db.example:6432/todo?sslmode=require&password=other",
        );
        assert_eq!(shown, "postgres://db.example:6432/todo");
        assert_eq!(
            super::describe_url("sqlite://data/todo.db"),
            "sqlite:data/todo.db"
        );
        let broken = super::describe_url("postgres://todo:s3cr3t-pw@db.example:port/todo");
        assert!(!broken.contains("s3cr3t"), "{broken}");
    }
}
