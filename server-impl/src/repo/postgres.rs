//! PostgreSQL back end: production and scale-out (many stateless API nodes, one database).

use std::str::FromStr;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};

use super::PoolSettings;

pub struct PostgresStore {
    pool: PgPool,
}

impl PostgresStore {
    pub async fn connect(url: &str, settings: &PoolSettings) -> anyhow::Result<PostgresStore> {
        // Custom plans for every execution: the list queries' selectivity varies with the
        // filters and the user (one user may own 100,000 todos), and a cached generic plan
        // chose a 150x slower join for a two-tag filter. Planning costs well under 1 ms.
        let options = PgConnectOptions::from_str(url)
            .context("invalid PostgreSQL URL")?
            .options([("plan_cache_mode", "force_custom_plan")]);
        // After an outage the pool recovers by itself: every idle connection is pinged
        // before use (`test_before_acquire`, sqlx's default, kept explicit) and dropped if the
        // server restarted under it; new connections are retried with a backoff capped at a
        // fifth of the acquire timeout. Until then requests fail after the acquire timeout
        // with `PoolTimedOut`, which answers 503.
        let pool = PgPoolOptions::new()
            .test_before_acquire(true)
            .max_connections(settings.max_connections)
            .acquire_timeout(settings.acquire_timeout)
            .connect_with(options)
            .await
            .context("cannot connect to PostgreSQL")?;
        Ok(PostgresStore { pool })
    }
}

// The repositories, compiled for this back end: `repo/sql/` is an ordinary module tree written
// against `Db`, `Store` and `D`, which resolve to this back end's (ADR 0002).
type D = super::dialect::Postgres;
type Db = <D as super::dialect::Dialect>::Db;
type Store = PostgresStore;
static MIGRATOR: std::sync::LazyLock<sqlx::migrate::Migrator> =
    std::sync::LazyLock::new(|| super::tolerant(sqlx::migrate!("../migrations/postgres")));

#[allow(clippy::duplicate_mod)] // compiled once per back end, on purpose
#[path = "sql/mod.rs"]
mod sql;
