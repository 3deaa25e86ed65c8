//! Persistence: repository traits the rest of the application talks to, and their
//! SQLite and PostgreSQL implementations (one SQL body for both: `repo/sql/`, one file per
//! aggregate, compiled per back end with its `Dialect`; ADR 0002).
//! Nothing here knows about HTTP.

mod db_time;
mod dialect;
mod postgres;
mod rows;
mod sqlite;

use std::sync::Arc;
use std::time::Duration;

use async_trait::async_trait;
use uuid::Uuid;

use crate::domain::Conditional;
use chrono::{DateTime, Utc};

use crate::domain::{
    AccountChange, AdminGuarded, AuditEvent, AuditFilter, DisplayName, Flags, NewSession, NewTodo,
    NewUser, PageKey, Rotation, Session, SessionState, Todo, TodoChanges, User, UserCredentials,
    UserFilter,
};

pub use db_time::DbTime;
pub use postgres::PostgresStore;
pub use sqlite::{SqliteBackupSource, SqliteStore};

#[derive(Debug, thiserror::Error)]
pub enum RepoError {
    /// A unique constraint refused the write (e.g. an email that is already registered);
    /// `constraint` names it where the database says (PostgreSQL does, SQLite does not).
    #[error("conflicts with an existing row ({constraint:?})")]
    UniqueViolation { constraint: Option<String> },
    /// The idempotency key's lock was taken over by a later request (the first one ran past
    /// the lock timeout); nothing was stored.
    #[error("idempotency key lock lost")]
    IdempotencyLockLost,
    #[error("stored data is invalid: {0}")]
    Corrupt(String),
    /// The database cannot be reached or refuses work for now: the connection broke or was
    /// refused, the pool had no connection within its acquire timeout, the server is
    /// shutting down, starting up or out of resources, or SQLite stayed locked. Nothing
    /// was written (a transaction that lost its connection is rolled back by the server);
    /// the same request may succeed later.
    #[error("database unavailable: {0}")]
    Unavailable(sqlx::Error),
    /// The database has no room for the write (SQLite `SQLITE_FULL`, PostgreSQL 53100
    /// `disk_full`); the write did not happen.
    #[error("database storage full: {0}")]
    StorageFull(sqlx::Error),
    #[error(transparent)]
    Database(sqlx::Error),
}

/// SQLite's primary result codes for "locked by another connection past the busy timeout"
/// and "disk full" (`sqlite3.h`; the extended codes keep them in their low byte).
const SQLITE_BUSY: i64 = 5;
const SQLITE_FULL: i64 = 13;

/// What kind of failure a sqlx error is, for deciding what the client is told.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Fault {
    Unavailable,
    StorageFull,
    Other,
}

fn classify(e: &sqlx::Error) -> Fault {
    match e {
        sqlx::Error::PoolTimedOut
        | sqlx::Error::PoolClosed
        | sqlx::Error::Io(_)
        | sqlx::Error::Tls(_)
        | sqlx::Error::WorkerCrashed
        // A connection that died mid-message (e.g. the server was killed) surfaces as a
        // protocol error ("unexpected end of stream" and the like).
        | sqlx::Error::Protocol(_)
        | sqlx::Error::BeginFailed => Fault::Unavailable,
        sqlx::Error::Database(db) => {
            let Some(code) = db.code() else {
                return Fault::Other;
            };
            if db.try_downcast_ref::<sqlx::sqlite::SqliteError>().is_some() {
                match code.parse::<i64>().map(|c| c & 0xff) {
                    Ok(SQLITE_FULL) => Fault::StorageFull,
                    Ok(SQLITE_BUSY) => Fault::Unavailable,
                    _ => Fault::Other,
                }
            } else {
                classify_sqlstate(&code)
            }
        }
        _ => Fault::Other,
    }
}

/// PostgreSQL SQLSTATEs (appendix A of its manual): class 08 connection exceptions,
/// 57P01..57P03 (admin/crash shutdown, cannot connect now), 3D000 (the database named by
/// `DATABASE_URL` does not exist, e.g. dropped for a restore), class 53 insufficient
/// resources, of which 53100 is `disk_full`.
fn classify_sqlstate(code: &str) -> Fault {
    match code {
        "53100" => Fault::StorageFull,
        "57P01" | "57P02" | "57P03" | "3D000" => Fault::Unavailable,
        _ if code.starts_with("08") || code.starts_with("53") => Fault::Unavailable,
        _ => Fault::Other,
    }
}

impl From<sqlx::Error> for RepoError {
    fn from(e: sqlx::Error) -> Self {
        if matches!(e, sqlx::Error::PoolTimedOut) {
            metrics::counter!("todo_api_db_pool_acquire_timeouts_total").increment(1);
        }
        match &e {
            sqlx::Error::Database(db) if db.is_unique_violation() => RepoError::UniqueViolation {
                constraint: db.constraint().map(str::to_owned),
            },
            _ => match classify(&e) {
                Fault::Unavailable => RepoError::Unavailable(e),
                Fault::StorageFull => RepoError::StorageFull(e),
                Fault::Other => RepoError::Database(e),
            },
        }
    }
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait UserRepository: Send + Sync {
    /// Stores a new account; `RepoError::UniqueViolation` when the email is taken.
    async fn insert_user(&self, user: &NewUser) -> Result<User, RepoError>;
    async fn find_credentials_by_email(
        &self,
        normalized_email: &str,
    ) -> Result<Option<UserCredentials>, RepoError>;
    async fn find_user(&self, id: Uuid) -> Result<Option<User>, RepoError>;
    async fn update_display_name(
        &self,
        id: Uuid,
        name: &DisplayName,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, RepoError>;
    /// Replaces the hash without touching sessions (a rehash with stronger parameters),
    /// only while the stored hash is still `verified` (never writes back an old password).
    async fn upgrade_password_hash(
        &self,
        id: Uuid,
        verified: &str,
        hash: &str,
    ) -> Result<(), RepoError>;
    /// Sets a new password, bumps the credentials version and revokes every session of the
    /// account except `keep`, which moves to the new version (one transaction).
    async fn change_password(
        &self,
        id: Uuid,
        hash: &str,
        now: DateTime<Utc>,
        keep: Option<Uuid>,
        event: &AuditEvent,
    ) -> Result<(), RepoError>;
    /// Changes role and/or disabled (disabling revokes every session), unless that would
    /// leave no active admin. Serialised against other such changes. Records `event`
    /// (targeting the account, with the changed values in its details) with the change.
    async fn update_account(
        &self,
        id: Uuid,
        change: AccountChange,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<AdminGuarded<User>, RepoError>;
    /// Deletes the account with its todos and sessions, unless it is the last active admin;
    /// records `event` with the deletion.
    async fn delete_user(
        &self,
        id: Uuid,
        event: &AuditEvent,
    ) -> Result<AdminGuarded<()>, RepoError>;
    /// A page of accounts matching `filter`, newest first.
    async fn list_users(
        &self,
        filter: &UserFilter,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<User>, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait TodoRepository: Send + Sync {
    async fn insert_todo(&self, owner: Uuid, todo: &NewTodo) -> Result<Todo, RepoError>;
    /// `None` when the todo does not exist or belongs to someone else.
    async fn find_todo(&self, owner: Uuid, id: Uuid) -> Result<Option<Todo>, RepoError>;
    /// Up to `limit` of the owner's todos matching `filter`, in `sort` order, strictly
    /// after `after`; with their tags (one more query, whatever the page size).
    async fn list_todos(
        &self,
        owner: Uuid,
        filter: &crate::domain::TodoFilter,
        sort: crate::domain::TodoSort,
        after: Option<crate::domain::SortKey>,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<Todo>, RepoError>;
    /// Applies the changes in one statement, if the todo is at `expected_version` (any
    /// version when `None`), and bumps its version.
    async fn update_todo(
        &self,
        owner: Uuid,
        id: Uuid,
        changes: &TodoChanges,
        expected_version: Option<i64>,
    ) -> Result<Conditional<Todo>, RepoError>;
    /// Applies `action` to all of `ids` (the owner's todos) in one transaction, or to none
    /// if any is missing.
    async fn batch_todos(
        &self,
        owner: Uuid,
        action: crate::domain::BatchAction,
        ids: &[Uuid],
        now: DateTime<Utc>,
    ) -> Result<crate::domain::BatchOutcome, RepoError>;
    /// Deletes the todo if it is at `expected_version` (any version when `None`).
    async fn delete_todo(
        &self,
        owner: Uuid,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<Conditional<()>, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait TagRepository: Send + Sync {
    /// The owner's tags with their todo counts, alphabetically (by key) after `after`.
    async fn list_tags(
        &self,
        owner: Uuid,
        after: Option<String>,
        limit: u32,
    ) -> Result<Vec<crate::domain::TagCount>, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait StatsRepository: Send + Sync {
    /// The user's data version: bumped (by a trigger) on every write to their todos.
    async fn data_version(&self, owner: Uuid) -> Result<i64, RepoError>;
    /// Aggregates over the owner's todos; completions counted from `since` on.
    async fn aggregate_todos(
        &self,
        owner: Uuid,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> Result<crate::domain::stats::Aggregates, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait SessionRepository: Send + Sync {
    /// Opens a session together with its first refresh token, and records `event` (one
    /// transaction).
    async fn create_session(
        &self,
        session: &NewSession,
        event: &AuditEvent,
    ) -> Result<(), RepoError>;
    /// Uses the refresh token with hash `old_hash` and, if it was current and its session
    /// is active, stores `new_hash` as the session's token and slides its expiry (one
    /// transaction). A token used before revokes its session, unless it was used less
    /// than `reuse_interval` ago and `new_hash` is its still unused successor (a retry).
    /// A revocation for reuse records `reuse_event` (targeting the session) with it.
    async fn rotate_refresh_token(
        &self,
        old_hash: &[u8],
        new_hash: &[u8],
        now: DateTime<Utc>,
        ttl: chrono::TimeDelta,
        reuse_interval: chrono::TimeDelta,
        reuse_event: &AuditEvent,
    ) -> Result<Rotation, RepoError>;
    /// The session a refresh token (used or not) belongs to.
    async fn find_session_by_refresh_hash(&self, hash: &[u8]) -> Result<Option<Uuid>, RepoError>;
    /// Whether the session (and its account) still lets its tokens in.
    async fn session_state(
        &self,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionState>, RepoError>;
    /// Revokes a session; with `owner`, only if it is theirs. `false` if nothing was revoked.
    /// A revocation records `event` (targeting the session; without an actor, the
    /// session's own account is the actor) in its transaction.
    async fn revoke_session(
        &self,
        session_id: Uuid,
        owner: Option<Uuid>,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<bool, RepoError>;
    /// A page of the user's active sessions, newest first.
    async fn list_sessions(
        &self,
        owner: Uuid,
        now: DateTime<Utc>,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<Session>, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait RateLimitRepository: Send + Sync {
    /// Counts one event for `bucket` in its current window (starting a new window if the
    /// last one is older than `window`); returns the window's count and start. Atomic.
    async fn hit(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        window: std::time::Duration,
    ) -> Result<(u32, DateTime<Utc>), RepoError>;
    /// Takes back one event counted in the window that started at `window_start` (nothing
    /// if that window is over). Atomic.
    async fn unhit(&self, bucket: &str, window_start: DateTime<Utc>) -> Result<(), RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait PasswordResetRepository: Send + Sync {
    /// Stores a reset token under the account's current credentials version.
    async fn create_reset(
        &self,
        token_hash: &[u8],
        user_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), RepoError>;
    /// The account an unused, unexpired token was issued for, if its password has not
    /// changed since.
    async fn find_reset(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<Uuid>, RepoError>;
    /// In one transaction: uses the token (if still unused, unexpired and issued under the
    /// current credentials version), sets the password, bumps the version, voids the
    /// account's other reset tokens and revokes all its sessions.
    /// `None` if the token was not usable. A reset records `event` (with the account as
    /// actor and target) in its transaction.
    async fn reset_password(
        &self,
        token_hash: &[u8],
        password_hash: &str,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<Option<Uuid>, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait IdempotencyRepository: Send + Sync {
    /// Claims `key` for a request whose body hashes to `request_hash`: a new key (or one
    /// older than `ttl`) is owned; a finished one is replayed; a running one younger than
    /// `lock_timeout` is in progress (older: taken over). Atomic across nodes.
    async fn claim_key(
        &self,
        owner: Uuid,
        key: &str,
        request_hash: &[u8],
        now: DateTime<Utc>,
        lock_timeout: std::time::Duration,
        ttl: std::time::Duration,
    ) -> Result<crate::domain::Claim, RepoError>;
    /// In one transaction: stores the todo and records `response_body` under the key,
    /// if this request still holds the key's lock (taken at `locked_at`); otherwise
    /// nothing is stored and the answer is `RepoError::IdempotencyLockLost`.
    async fn insert_todo_for_key(
        &self,
        owner: Uuid,
        todo: &NewTodo,
        key: &str,
        locked_at: DateTime<Utc>,
        response_body: &str,
    ) -> Result<Todo, RepoError>;
    /// Forgets a claimed key whose request failed, so that it can be retried at once.
    async fn release_key(&self, owner: Uuid, key: &str) -> Result<(), RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait FlagRepository: Send + Sync {
    /// Every flag (defaults for flags without a row).
    async fn load_flags(&self) -> Result<Flags, RepoError>;
    /// Sets the named flags and, if any value changed, records `event` with the changes
    /// (`{"changes": {name: {"from": old, "to": new}}}`) in the same transaction.
    /// Returns every flag afterwards.
    async fn update_flags(
        &self,
        changes: &[(String, bool)],
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<Flags, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait AuditRepository: Send + Sync {
    /// Records an event that goes with no change (a failed sign-in), on its own.
    async fn record_event(&self, event: &AuditEvent) -> Result<(), RepoError>;
    /// A page of events matching `filter`, newest first.
    async fn list_audit_events(
        &self,
        filter: &AuditFilter,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<AuditEvent>, RepoError>;
    /// Deletes events from before `before` (the retention); returns how many.
    async fn purge_audit_events(&self, before: DateTime<Utc>) -> Result<u64, RepoError>;
}

/// What only the command-line tooling does (`todo-api seed`, `todo-api explain`): a store
/// opened for tooling has these on top of the runtime ones; the server's `dyn Store` has not.
#[async_trait]
pub trait Tooling: Store {
    /// The database's plan for a page of `list_todos` (EXPLAIN / EXPLAIN QUERY PLAN).
    async fn explain_list_todos(
        &self,
        owner: Uuid,
        filter: &crate::domain::TodoFilter,
        sort: crate::domain::TodoSort,
        after: Option<crate::domain::SortKey>,
    ) -> Result<Vec<String>, RepoError>;
    /// Bulk-loads accounts and full todo rows (with tags) in one transaction: the seeding
    /// tool's fast path, which bypasses the domain rules it was generated to satisfy.
    async fn insert_seed_batch(&self, users: &[NewUser], todos: &[Todo]) -> Result<(), RepoError>;
}

/// A whole database: every repository plus what operations need.
#[async_trait]
pub trait Store:
    UserRepository
    + TodoRepository
    + TagRepository
    + StatsRepository
    + SessionRepository
    + RateLimitRepository
    + PasswordResetRepository
    + IdempotencyRepository
    + FlagRepository
    + AuditRepository
{
    /// Deletes what nobody can use any more: rate-limit windows and sessions that ended
    /// before `before`. Returns the number of rows deleted.
    async fn purge_expired(&self, before: DateTime<Utc>) -> Result<u64, RepoError>;
    /// Runs a trivial query; used by the readiness probe.
    async fn ping(&self) -> Result<(), RepoError>;
    /// Applies pending migrations.
    async fn migrate(&self) -> anyhow::Result<()>;
    /// Fails, naming the first one, if a migration of this build is not applied.
    async fn check_schema(&self) -> anyhow::Result<()>;
    /// Waits for checked-out connections to return and closes the pool.
    async fn close(&self);
    fn backend(&self) -> &'static str;
    /// The connection pool as it is now (for the metrics endpoint).
    fn pool_stats(&self) -> PoolStats;
}

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
fn tolerant(mut migrator: sqlx::migrate::Migrator) -> sqlx::migrate::Migrator {
    migrator.set_ignore_missing(true);
    migrator
}

/// Pool settings shared by both back ends.
#[derive(Debug, Clone)]
pub struct PoolSettings {
    pub max_connections: u32,
    pub acquire_timeout: Duration,
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
mod describe_tests {
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

#[cfg(test)]
mod fault_tests {
    use super::*;

    #[test]
    fn connection_and_resource_failures_are_unavailable_disk_full_is_storage_full() {
        for code in [
            "08006", "08001", "57P01", "57P02", "57P03", "53000", "53200", "53300",
        ] {
            assert_eq!(classify_sqlstate(code), Fault::Unavailable, "{code}");
        }
        assert_eq!(classify_sqlstate("53100"), Fault::StorageFull);
        for code in ["23505", "40001", "42P01", "22007", "57014"] {
            assert_eq!(classify_sqlstate(code), Fault::Other, "{code}");
        }
        assert!(matches!(
            RepoError::from(sqlx::Error::PoolTimedOut),
            RepoError::Unavailable(_)
        ));
        let reset = std::io::Error::from(std::io::ErrorKind::ConnectionReset);
        assert!(matches!(
            RepoError::from(sqlx::Error::Io(reset)),
            RepoError::Unavailable(_)
        ));
        assert!(matches!(
            RepoError::from(sqlx::Error::RowNotFound),
            RepoError::Database(_)
        ));
    }

    #[test]
    fn pool_timeouts_are_counted() {
        let recorder = metrics_exporter_prometheus::PrometheusBuilder::new().build_recorder();
        metrics::with_local_recorder(&recorder, || {
            drop(RepoError::from(sqlx::Error::PoolTimedOut));
            drop(RepoError::from(sqlx::Error::PoolClosed));
            drop(RepoError::from(sqlx::Error::PoolTimedOut));
        });
        let text = recorder.handle().render();
        assert!(
            text.lines()
                .any(|l| l == "todo_api_db_pool_acquire_timeouts_total 2"),
            "{text}"
        );
    }
}
