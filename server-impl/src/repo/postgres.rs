//! PostgreSQL back end: production and scale-out (many stateless API nodes, one database).

use std::str::FromStr;

use anyhow::Context;
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions, PgSslMode};

use super::PoolSettings;
use super::readers::Readers;
use super::signals::{ChangeWatch, SharedSink};
use super::write_turn::WriteGate;

pub struct PostgresStore {
    pool: PgPool,
    /// For the change listener's own connection.
    options: PgConnectOptions,
    /// Always open: PostgreSQL has row locks and many writers at once (ADR 0030).
    writes: WriteGate,
    /// Connections kept between one-statement reads (ADR 0031).
    readers: Readers<sqlx::Postgres>,
    /// Keeps no connection for writes: writers run at once, each on a pooled connection
    /// (ADR 0030).
    writer_conn: Readers<sqlx::Postgres>,
    /// `SEARCH_CANDIDATE_CAP`: a search whose term the planner expects in fewer rows, over
    /// all accounts, is read through the trigram indexes alone (migration 27).
    pub(super) search_candidate_cap: u32,
    /// The statistics PostgreSQL's search estimate is computed from (`repo::text_estimate`;
    /// unused on SQLite, which counts its text index's candidates).
    pub(super) text_stats: super::text_estimate::TextStatsCache,
}

/// How long a pooled connection may have been idle and still be used without a ping.
const PING_IDLE_AFTER: std::time::Duration = std::time::Duration::from_secs(1);

impl PostgresStore {
    pub async fn connect(url: &str, settings: &PoolSettings) -> anyhow::Result<PostgresStore> {
        // Unless `DATABASE_MAX_CONNECTIONS` says: the database server, not this process, does
        // the work, and its `max_connections` is shared by every node.
        let max_connections = settings.max_connections.unwrap_or(16);
        let options = connect_options(url)?;
        // After an outage the pool recovers by itself: a connection idle for a second or more
        // is pinged before use and dropped if the server restarted under it; new connections
        // are retried with a backoff capped at a fifth of the acquire timeout. Until then
        // requests fail after the acquire timeout with `PoolTimedOut`, which answers 503.
        // One idle for less was answered by the server within that second (sqlx pings every
        // connection it takes back), so it is used without a ping: sqlx's default pings on
        // every acquire, a round trip more on every request under load (issue 12).
        let pool = PgPoolOptions::new()
            .test_before_acquire(false)
            .before_acquire(|conn, meta| {
                Box::pin(async move {
                    if meta.idle_for >= PING_IDLE_AFTER {
                        sqlx::Connection::ping(conn).await?;
                    }
                    Ok(true)
                })
            })
            .max_connections(max_connections)
            .acquire_timeout(settings.acquire_timeout)
            .connect_with(options.clone())
            .await
            .map_err(|e| in_words(e, &options))
            .with_context(|| connect_failure(&options))?;
        Ok(PostgresStore {
            pool,
            options,
            writes: WriteGate::open(),
            readers: Readers::new(max_connections),
            writer_conn: Readers::none(),
            search_candidate_cap: settings.search_candidate_cap,
            text_stats: Default::default(),
        })
    }

    /// Starts the listener that turns notifications into signals for the event streams.
    pub(super) fn watch_changes(&self, sink: SharedSink) -> ChangeWatch {
        super::listener::spawn(self.options.clone(), self.pool.clone(), sink)
    }
}

/// `DATABASE_URL` as sqlx reads it (libpq's `sslmode`, `sslrootcert`, `PGSSLMODE`, …),
/// adjusted where sqlx departs from libpq, and without startup parameters a pooler refuses.
fn connect_options(url: &str) -> anyhow::Result<PgConnectOptions> {
    let mut options = PgConnectOptions::from_str(url).context("invalid PostgreSQL URL")?;
    let root_cert = root_cert(url);
    // libpq: "if a root CA file exists, the behavior of sslmode=require will be the same as
    // that of verify-ca"; sqlx would skip the check.
    if matches!(options.get_ssl_mode(), PgSslMode::Require) && root_cert.is_some() {
        options = options.ssl_mode(PgSslMode::VerifyCa);
    }
    // sqlx would only say "No such file or directory" at the handshake.
    if let Some(path) = root_cert
        && matches!(
            options.get_ssl_mode(),
            PgSslMode::VerifyCa | PgSslMode::VerifyFull
        )
        && !path.starts_with("-----BEGIN")
    {
        std::fs::File::open(&path).with_context(|| format!("cannot read sslrootcert {path}"))?;
    }
    // sqlx sends `extra_float_digits=2` at start-up, which PgBouncer refuses; since
    // PostgreSQL 12 the server's default already prints floats exactly, and sqlx reads
    // values in binary anyway.
    Ok(options.extra_float_digits(None))
}

/// The root certificate the URL (or libpq's `PGSSLROOTCERT`) names: a path, or the PEM
/// text itself.
fn root_cert(url: &str) -> Option<String> {
    let query = url.split_once('?').map_or("", |(_, q)| q);
    form_urlencoded::parse(query.as_bytes())
        .find(|(key, _)| matches!(&**key, "sslrootcert" | "ssl-root-cert" | "ssl-ca"))
        .map(|(_, value)| value.into_owned())
        .or_else(|| std::env::var("PGSSLROOTCERT").ok())
}

/// libpq's name of an `sslmode`.
fn ssl_mode_name(mode: PgSslMode) -> &'static str {
    match mode {
        PgSslMode::Disable => "disable",
        PgSslMode::Allow => "allow",
        PgSslMode::Prefer => "prefer",
        PgSslMode::Require => "require",
        PgSslMode::VerifyCa => "verify-ca",
        PgSslMode::VerifyFull => "verify-full",
    }
}

/// The start-up error's first line: where, how, and, for a refused certificate, why in
/// words (host, port, database and `sslmode`; never the user or password).
fn connect_failure(options: &PgConnectOptions) -> String {
    format!(
        "cannot connect to PostgreSQL at {}:{}/{} (sslmode={})",
        options.get_host(),
        options.get_port(),
        options.get_database().unwrap_or(options.get_username()),
        ssl_mode_name(options.get_ssl_mode())
    )
}

/// The error sqlx returned, in words for a TLS failure (its own text repeats itself:
/// "error communicating with database: invalid peer certificate: UnknownIssuer: invalid
/// peer certificate: UnknownIssuer").
fn in_words(error: sqlx::Error, options: &PgConnectOptions) -> anyhow::Error {
    use rustls::{CertificateError, Error as TlsError};
    let tls = match &error {
        sqlx::Error::Tls(e) if e.to_string() == "server does not support TLS" => {
            return anyhow::anyhow!(
                "the server does not accept TLS connections, which sslmode={} requires",
                ssl_mode_name(options.get_ssl_mode())
            );
        }
        sqlx::Error::Tls(e) => e.downcast_ref::<TlsError>(),
        // rustls' error travels inside an `io::Error` from the handshake.
        sqlx::Error::Io(e) => e.get_ref().and_then(|e| e.downcast_ref::<TlsError>()),
        _ => None,
    };
    let Some(tls) = tls else {
        return error.into();
    };
    let what = match tls {
        TlsError::InvalidCertificate(CertificateError::UnknownIssuer) => {
            "the server's certificate is not signed by a trusted CA (unknown issuer; is \
             sslrootcert the CA that signed it?)"
                .to_owned()
        }
        TlsError::InvalidCertificate(
            CertificateError::NotValidForName | CertificateError::NotValidForNameContext { .. },
        ) => format!(
            "the server's certificate is not valid for the host name {} (host name mismatch)",
            options.get_host()
        ),
        TlsError::InvalidCertificate(
            CertificateError::Expired | CertificateError::ExpiredContext { .. },
        ) => "the server's certificate has expired".to_owned(),
        _ => "the TLS handshake failed".to_owned(),
    };
    anyhow::anyhow!("{what}: {tls}")
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

#[path = "postgres_seed.rs"]
mod seed;
