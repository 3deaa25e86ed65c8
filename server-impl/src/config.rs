//! Configuration: command-line flags, each backed by an environment variable
//! (a `.env` file is read first if present). `todo-api <command> --help` lists them.

use std::net::SocketAddr;
use std::path::PathBuf;
use std::time::Duration;

use crate::domain::RatePolicy;
use crate::repo::PoolSettings;
use crate::service::RateLimits;

/// A setting that makes no sense (or is missing where it is required): the process exits
/// with status 2, as for a command-line usage error.
#[derive(Debug, thiserror::Error)]
#[error("{0}")]
pub struct ConfigError(pub String);

#[derive(Debug, Clone, clap::Args)]
pub struct DatabaseConfig {
    /// `sqlite://path/to/file.db` (created with its folder if missing) or `postgres://user:pass@host/db`.
    /// Never shown in `--help` nor logged (it may hold a password).
    #[arg(
        long,
        env = "DATABASE_URL",
        default_value = "sqlite://data/todo.db",
        hide_env_values = true
    )]
    pub database_url: String,

    /// Most connections the pool opens. Default: 4 per core on SQLite, from 4 to 32 (each
    /// connection is a thread of this process, and its reads are CPU work: more than that only
    /// adds thread switching), 16 on PostgreSQL.
    #[arg(long, env = "DATABASE_MAX_CONNECTIONS")]
    pub database_max_connections: Option<u32>,

    /// Seconds a request waits for a free connection before failing.
    #[arg(long, env = "DATABASE_ACQUIRE_TIMEOUT_SECONDS", default_value_t = 5)]
    pub database_acquire_timeout_seconds: u64,

    /// Seconds the pool must go unused before the connections a burst opened are closed
    /// (one stays open). Default: 10 on SQLite (a connection holds its page cache and a
    /// thread in this process), 600 on PostgreSQL (reopening one costs a handshake under
    /// load, and the memory it holds is the database server's).
    #[arg(long, env = "DATABASE_IDLE_TIMEOUT_SECONDS")]
    pub database_idle_timeout_seconds: Option<u64>,

    /// A search whose term the text index proposes for fewer rows than this (over all
    /// accounts; SQLite counts them, PostgreSQL asks its planner's estimate) reads those rows;
    /// a more common one walks the page in its order, checking each row (ADR 0010). The
    /// answers are the same either way; only the time differs.
    #[arg(long, env = "SEARCH_CANDIDATE_CAP", default_value_t = 2000)]
    pub search_candidate_cap: u32,
}

impl DatabaseConfig {
    /// How long the pool must go unused before it closes down to one connection
    /// (`DATABASE_IDLE_TIMEOUT_SECONDS`, or the default of `backend`, the opened store's
    /// `Store::backend`).
    pub fn pool_idle_timeout(&self, backend: &str) -> Duration {
        let default = if backend == "postgres" { 600 } else { 10 };
        Duration::from_secs(self.database_idle_timeout_seconds.unwrap_or(default).max(1))
    }

    pub fn pool_settings(&self) -> PoolSettings {
        PoolSettings {
            max_connections: self.database_max_connections.map(|n| n.max(1)),
            acquire_timeout: Duration::from_secs(self.database_acquire_timeout_seconds),
            search_candidate_cap: self.search_candidate_cap,
        }
    }
}

#[derive(Debug, Clone, clap::Args)]
pub struct ServerConfig {
    #[command(flatten)]
    pub database: DatabaseConfig,

    /// Do not migrate at start-up (MIGRATE_ON_START=false does the same; its default, true,
    /// applies pending migrations first): only check that the schema is current, and refuse
    /// to start if it is behind. `todo-api migrate`, run once directly against the database
    /// (not through a pooler), is then the deploy step.
    #[arg(long = "no-migrate", env = "MIGRATE_ON_START", action = clap::ArgAction::SetFalse)]
    pub migrate_on_start: bool,

    /// Address and port to listen on.
    #[arg(long, env = "LISTEN_ADDR", default_value = "127.0.0.1:8080")]
    pub listen_addr: SocketAddr,

    /// Address and port of the Prometheus metrics endpoint (`GET /metrics`), e.g.
    /// `127.0.0.1:9464`; unset: no metrics. Keep it off the public network.
    #[arg(long, env = "METRICS_ADDR")]
    pub metrics_addr: Option<SocketAddr>,

    /// Folder for generated state (the JWT secret when JWT_SECRET is unset).
    #[arg(long, env = "DATA_DIR", default_value = "data")]
    pub data_dir: PathBuf,

    /// Current signing key of access tokens and list cursors, at least 32 bytes; every node
    /// must share it. Required with PostgreSQL; with SQLite, if unset, one is generated once
    /// and kept in DATA_DIR/jwt_secret.
    #[arg(long, env = "JWT_SECRET", hide_env_values = true)]
    pub jwt_secret: Option<String>,

    /// Previous signing keys, comma-separated (each at least 32 bytes): tokens and cursors
    /// they signed are still accepted, nothing new is signed with them. For key rotation.
    #[arg(
        long,
        env = "JWT_PREVIOUS_SECRETS",
        hide_env_values = true,
        value_delimiter = ','
    )]
    pub jwt_previous_secrets: Vec<String>,

    /// `iss` claim of issued tokens, required on presented ones.
    #[arg(long, env = "JWT_ISSUER", default_value = "todo-api")]
    pub jwt_issuer: String,

    /// `aud` claim of issued tokens, required on presented ones.
    #[arg(long, env = "JWT_AUDIENCE", default_value = "todo-api")]
    pub jwt_audience: String,

    /// Lifetime of access tokens, in seconds.
    #[arg(long, env = "ACCESS_TOKEN_TTL_SECONDS", default_value_t = 900)]
    pub access_token_ttl_seconds: u64,

    /// A refresh token works this many seconds after the session's last refresh (sliding).
    #[arg(long, env = "REFRESH_TOKEN_TTL_SECONDS", default_value_t = 30 * 24 * 3600)]
    pub refresh_token_ttl_seconds: u64,

    /// No session outlives this many seconds, however often it is refreshed.
    #[arg(long, env = "SESSION_MAX_LIFETIME_SECONDS", default_value_t = 90 * 24 * 3600)]
    pub session_max_lifetime_seconds: u64,

    /// How long a node may trust a session it checked (milliseconds, at most 5000): the
    /// longest a revoked session's access token keeps working on another node.
    #[arg(long, env = "SESSION_CHECK_TTL_MILLIS", default_value_t = 2000,
          value_parser = clap::value_parser!(u64).range(0..=5000))]
    pub session_check_ttl_millis: u64,

    /// How long a node may use the feature flags it read (milliseconds, at most 10000): the
    /// longest a flag change takes to reach every node.
    #[arg(long, env = "FLAGS_CACHE_TTL_MILLIS", default_value_t = 2000,
          value_parser = clap::value_parser!(u64).range(0..=10000))]
    pub flags_cache_ttl_millis: u64,

    /// `Retry-After` (seconds) of writes refused in maintenance mode.
    #[arg(long, env = "MAINTENANCE_RETRY_AFTER_SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..=86400))]
    pub maintenance_retry_after_seconds: u64,

    /// Days audit events are kept; older ones are deleted by the janitor (at least 1).
    #[arg(long, env = "AUDIT_RETENTION_DAYS", default_value_t = 365,
          value_parser = clap::value_parser!(u64).range(1..=36500))]
    pub audit_retention_days: u64,

    /// Days the change feed keeps tombstones (deletions); the janitor purges older ones, and
    /// a feed cursor older than the purge answers 410 (at least 1).
    #[arg(long, env = "SYNC_TOMBSTONE_RETENTION_DAYS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..=36500))]
    pub sync_tombstone_retention_days: u64,

    /// Take the client IP from the right-most X-Forwarded-For entry (only behind a proxy
    /// that sets it); otherwise the TCP peer address is used. Same as TRUSTED_PROXY_HOPS=1.
    #[arg(long, env = "TRUST_PROXY_HEADERS", default_value_t = false, action = clap::ArgAction::Set)]
    pub trust_proxy_headers: bool,

    /// How many proxies in front of the server append to X-Forwarded-For: the client IP is
    /// the entry that many places from the right (0: the TCP peer, headers ignored).
    #[arg(long, env = "TRUSTED_PROXY_HOPS", default_value_t = 0,
          value_parser = clap::value_parser!(u8).range(0..=16))]
    pub trusted_proxy_hops: u8,

    /// Seconds after a refresh during which presenting the same refresh token again (a
    /// client retrying a lost answer) returns the same new token pair instead of revoking
    /// the session (at most 300; 0: off, strict reuse detection).
    #[arg(long, env = "REFRESH_TOKEN_REUSE_INTERVAL_SECONDS", default_value_t = 0,
          value_parser = clap::value_parser!(u64).range(0..=300))]
    pub refresh_token_reuse_interval_seconds: u64,

    /// Development only: write password-reset links (which take over an account) to the
    /// log when SMTP_URL is unset. Off: the log says a mail was not sent, without the link.
    #[arg(long, env = "LOG_SECRETS_FOR_DEVELOPMENT", default_value_t = false, action = clap::ArgAction::Set)]
    pub log_secrets_for_development: bool,

    /// Token-endpoint requests per client IP, as LIMIT/SECONDS.
    #[arg(long, env = "RATE_LIMIT_TOKEN_PER_IP", default_value = "60/60")]
    pub rate_limit_token_per_ip: RatePolicy,

    /// Failed password logins per account, as LIMIT/SECONDS.
    #[arg(
        long,
        env = "RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT",
        default_value = "10/900"
    )]
    pub rate_limit_login_failures_per_account: RatePolicy,

    /// Registrations per client IP, as LIMIT/SECONDS.
    #[arg(long, env = "RATE_LIMIT_REGISTER_PER_IP", default_value = "20/3600")]
    pub rate_limit_register_per_ip: RatePolicy,

    /// Password-reset requests per client IP, as LIMIT/SECONDS.
    #[arg(
        long,
        env = "RATE_LIMIT_PASSWORD_RESET_PER_IP",
        default_value = "10/3600"
    )]
    pub rate_limit_password_reset_per_ip: RatePolicy,

    /// Password-reset requests per account, as LIMIT/SECONDS.
    #[arg(
        long,
        env = "RATE_LIMIT_PASSWORD_RESET_PER_ACCOUNT",
        default_value = "3/3600"
    )]
    pub rate_limit_password_reset_per_account: RatePolicy,

    /// List invitations sent per account, as LIMIT/SECONDS.
    #[arg(
        long,
        env = "RATE_LIMIT_INVITATIONS_PER_ACCOUNT",
        default_value = "20/3600"
    )]
    pub rate_limit_invitations_per_account: RatePolicy,

    /// SMTP server for password-reset mail, e.g. `smtp://127.0.0.1:2525`,
    /// `smtp://user:pass@host:587?tls=required`, `smtps://user:pass@host:465`.
    /// Unset: mail is written to the log instead.
    #[arg(long, env = "SMTP_URL", hide_env_values = true)]
    pub smtp_url: Option<String>,

    /// Sender of outgoing mail.
    #[arg(
        long,
        env = "SMTP_FROM",
        default_value = "Todo API <no-reply@localhost>"
    )]
    pub smtp_from: String,

    /// The page password-reset links open; `?token=…` is appended.
    #[arg(
        long,
        env = "PASSWORD_RESET_URL",
        default_value = "http://127.0.0.1:8080/reset-password"
    )]
    pub password_reset_url: String,

    /// How long a password-reset token works, in seconds.
    #[arg(long, env = "PASSWORD_RESET_TTL_SECONDS", default_value_t = 1800)]
    pub password_reset_ttl_seconds: u64,

    /// Largest request body accepted, in bytes; larger ones answer 413.
    #[arg(long, env = "MAX_BODY_BYTES", default_value_t = 1024 * 1024)]
    pub max_body_bytes: usize,

    /// Seconds to let in-flight requests finish after SIGTERM/SIGINT before exiting anyway.
    #[arg(long, env = "SHUTDOWN_TIMEOUT_SECONDS", default_value_t = 30)]
    pub shutdown_timeout_seconds: u64,

    /// Seconds a client has to send a complete request line and headers (from the
    /// connection's start, or from the first byte of a later request); then it is closed.
    #[arg(long, env = "HEADER_READ_TIMEOUT_SECONDS", default_value_t = 10,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub header_read_timeout_seconds: u64,

    /// Seconds a keep-alive connection may stay idle between requests before it is closed.
    #[arg(long, env = "KEEPALIVE_IDLE_TIMEOUT_SECONDS", default_value_t = 60,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub keepalive_idle_timeout_seconds: u64,

    /// Seconds a client has to send the whole request body; then 408 and the connection closes.
    #[arg(long, env = "BODY_READ_TIMEOUT_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub body_read_timeout_seconds: u64,

    /// Seconds a request may take after its body arrived; then 503 with Retry-After.
    #[arg(long, env = "REQUEST_TIMEOUT_SECONDS", default_value_t = 30,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub request_timeout_seconds: u64,

    /// Browser origins allowed to call the API cross-origin, comma-separated, exactly as
    /// browsers send them (`https://app.example.com`, no path, no `*`). Empty: no CORS headers.
    #[arg(long, env = "CORS_ALLOWED_ORIGINS", value_delimiter = ',')]
    pub cors_allowed_origins: Vec<String>,

    /// Send `Strict-Transport-Security: max-age=N` (only when every client reaches the
    /// server over HTTPS, through a TLS-terminating proxy). Unset: no HSTS header.
    #[arg(long, env = "HSTS_MAX_AGE_SECONDS")]
    pub hsts_max_age_seconds: Option<u64>,

    /// Most connections served at once; one more gets 503 and is closed.
    #[arg(long, env = "MAX_CONNECTIONS", default_value_t = 4096,
          value_parser = clap::value_parser!(u64).range(1..))]
    pub max_connections: u64,

    /// Seconds between the keep-alive comments of an event stream (`GET /events`), 1-60.
    #[arg(long, env = "SSE_HEARTBEAT_SECONDS", default_value_t = 20,
          value_parser = clap::value_parser!(u64).range(1..=60))]
    pub sse_heartbeat_seconds: u64,

    /// Event streams one account may hold open on one server node; one more answers 429.
    #[arg(long, env = "SSE_MAX_CONNECTIONS_PER_USER", default_value_t = 5,
          value_parser = clap::value_parser!(u64).range(1..=1000))]
    pub sse_max_connections_per_user: u64,

    /// Event streams one server node holds open at most; one more answers 503. Each is also
    /// a connection, counted in MAX_CONNECTIONS.
    #[arg(long, env = "SSE_MAX_CONNECTIONS", default_value_t = 10_000,
          value_parser = clap::value_parser!(u64).range(1..=1_000_000))]
    pub sse_max_connections: u64,
}

impl ServerConfig {
    pub fn access_token_ttl(&self) -> Duration {
        Duration::from_secs(self.access_token_ttl_seconds)
    }

    pub fn session_settings(&self) -> crate::service::SessionSettings {
        let seconds =
            |s: u64| chrono::TimeDelta::seconds(i64::try_from(s).unwrap_or(i64::MAX / 1_000_000));
        crate::service::SessionSettings {
            refresh_ttl: seconds(self.refresh_token_ttl_seconds),
            max_lifetime: seconds(self.session_max_lifetime_seconds),
            reuse_interval: seconds(self.refresh_token_reuse_interval_seconds),
        }
    }

    pub fn rate_limits(&self) -> RateLimits {
        RateLimits {
            token_per_ip: self.rate_limit_token_per_ip,
            login_failures_per_account: self.rate_limit_login_failures_per_account,
            register_per_ip: self.rate_limit_register_per_ip,
            reset_per_ip: self.rate_limit_password_reset_per_ip,
            reset_per_account: self.rate_limit_password_reset_per_account,
            invitations_per_account: self.rate_limit_invitations_per_account,
        }
    }

    pub fn reset_settings(&self) -> crate::service::ResetSettings {
        crate::service::ResetSettings {
            token_ttl: chrono::TimeDelta::seconds(
                i64::try_from(self.password_reset_ttl_seconds).unwrap_or(1800),
            ),
            link_base: self.password_reset_url.clone(),
        }
    }

    pub fn session_check_ttl(&self) -> Duration {
        Duration::from_millis(self.session_check_ttl_millis)
    }

    pub fn flags_cache_ttl(&self) -> Duration {
        Duration::from_millis(self.flags_cache_ttl_millis)
    }

    pub fn audit_retention(&self) -> chrono::TimeDelta {
        chrono::TimeDelta::days(i64::try_from(self.audit_retention_days).unwrap_or(36500))
    }

    pub fn sync_tombstone_retention(&self) -> chrono::TimeDelta {
        chrono::TimeDelta::days(i64::try_from(self.sync_tombstone_retention_days).unwrap_or(36500))
    }

    pub fn shutdown_timeout(&self) -> Duration {
        Duration::from_secs(self.shutdown_timeout_seconds)
    }

    pub fn connection_limits(&self) -> crate::http::ConnectionLimits {
        crate::http::ConnectionLimits {
            header_read_timeout: Duration::from_secs(self.header_read_timeout_seconds),
            keepalive_idle_timeout: Duration::from_secs(self.keepalive_idle_timeout_seconds),
            max_connections: usize::try_from(self.max_connections).unwrap_or(usize::MAX),
        }
    }

    pub fn event_settings(&self) -> crate::service::EventSettings {
        crate::service::EventSettings {
            heartbeat: Duration::from_secs(self.sse_heartbeat_seconds),
            max_per_user: usize::try_from(self.sse_max_connections_per_user).unwrap_or(5),
            max_total: usize::try_from(self.sse_max_connections).unwrap_or(usize::MAX),
            // The stream of a revoked session ends within the guard's bound (5 s).
            session_check: crate::service::EventSettings::session_check_for(
                self.session_check_ttl()
                    .min(crate::auth::session_guard::MAX_TTL),
                crate::auth::session_guard::MAX_TTL,
            ),
        }
    }

    pub fn body_read_timeout(&self) -> Duration {
        Duration::from_secs(self.body_read_timeout_seconds)
    }

    pub fn request_timeout(&self) -> Duration {
        Duration::from_secs(self.request_timeout_seconds)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn database(idle: Option<u64>) -> DatabaseConfig {
        DatabaseConfig {
            database_url: "sqlite://data/todo.db".into(),
            database_max_connections: None,
            database_acquire_timeout_seconds: 5,
            database_idle_timeout_seconds: idle,
            search_candidate_cap: 2000,
        }
    }

    #[test]
    fn a_quiet_pool_closes_soon_on_sqlite_and_keeps_its_connections_on_postgres() {
        let secs = |backend, idle| database(idle).pool_idle_timeout(backend).as_secs();
        assert_eq!(secs("sqlite", None), 10);
        assert_eq!(secs("postgres", None), 600);
        assert_eq!(secs("postgres", Some(30)), 30);
        assert_eq!(secs("sqlite", Some(0)), 1);
    }

    #[test]
    fn an_explicit_pool_size_is_at_least_one_and_unset_is_the_back_ends_default() {
        let mut config = database(None);
        assert_eq!(config.pool_settings().max_connections, None);
        config.database_max_connections = Some(3);
        assert_eq!(config.pool_settings().max_connections, Some(3));
        config.database_max_connections = Some(0);
        assert_eq!(config.pool_settings().max_connections, Some(1));
    }
}
