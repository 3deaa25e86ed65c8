//! Wiring: from configuration to a listening server, and its graceful shutdown.

use std::future::Future;
use std::net::SocketAddr;
use std::sync::Arc;
use std::time::Duration;

use anyhow::Context;
use tokio::net::TcpListener;

use crate::auth::{PasswordHasher, SessionGuard, TokenService};
use crate::config::{DatabaseConfig, ServerConfig};
use crate::http::{
    ApiImpl, ClientIpSource, ConnectionLimits, RequestMetrics, RouterSettings, build_router,
    raise_open_files_limit, scrape_router,
};
use crate::mail::{LogMailer, Mailer, SmtpMailer};
use crate::monitoring;
use crate::repo::{self, Store};
use crate::secrets;
use crate::service::StatsService;
use crate::service::{
    AccountService, AdminService, AuditService, CursorCodec, EventHub, FlagService, ListService,
    LoginService, PasswordResetService, RateLimiter, SessionService, SharingService, SyncService,
    TodoService,
};

/// Connects to the database and applies pending migrations.
pub async fn open_store(config: &DatabaseConfig) -> anyhow::Result<Arc<dyn Store>> {
    let store = repo::connect(&config.database_url, &config.pool_settings()).await?;
    store.migrate().await?;
    Ok(store)
}

/// Connects to the database and checks that its schema is current, without migrating
/// (`MIGRATE_ON_START=false`: migrations are a separate deploy step).
pub async fn open_migrated_store(config: &DatabaseConfig) -> anyhow::Result<Arc<dyn Store>> {
    let store = repo::connect(&config.database_url, &config.pool_settings()).await?;
    store.check_schema().await?;
    Ok(store)
}

/// Connects for the command-line tooling (seed, explain) and applies pending migrations.
pub async fn open_tooling(config: &DatabaseConfig) -> anyhow::Result<Arc<dyn repo::Tooling>> {
    let store = repo::connect_for_tooling(&config.database_url, &config.pool_settings()).await?;
    store.migrate().await?;
    Ok(store)
}

pub struct Application {
    listener: TcpListener,
    router: axum::Router,
    store: Arc<dyn Store>,
    shutdown_timeout: Duration,
    /// How long the pool must be quiet before the connections a burst opened are closed.
    pool_idle_timeout: Duration,
    limits: ConnectionLimits,
    metrics: Option<MetricsEndpoint>,
    audit_retention: chrono::TimeDelta,
    tombstone_retention: chrono::TimeDelta,
    events: EventHub,
}

/// The metrics listener (METRICS_ADDR) and what it serves.
struct MetricsEndpoint {
    listener: TcpListener,
    router: axum::Router,
    handle: metrics_exporter_prometheus::PrometheusHandle,
}

/// Scrapes at most this many at once; they are small and quick.
const METRICS_CONNECTIONS: usize = 16;
/// How often recorded histogram samples are folded into their buckets between scrapes.
const METRICS_UPKEEP: Duration = Duration::from_secs(5);

impl Application {
    /// Opens and migrates (or checks) the database, loads the secret and binds the listener.
    pub async fn build(config: &ServerConfig) -> anyhow::Result<Application> {
        let keys = secrets::signing_keys(
            config.jwt_secret.as_deref(),
            &config.jwt_previous_secrets,
            &config.data_dir,
            &config.database.database_url,
        )?;
        // Configuration errors first, before the database is touched.
        let cors_allowed_origins = crate::http::allowed_origins(&config.cors_allowed_origins)?;
        // Before anything records: the recorder is process-wide.
        let metrics_handle = match config.metrics_addr {
            Some(_) => Some(monitoring::install()?),
            None => None,
        };
        let store = if config.migrate_on_start {
            open_store(&config.database).await?
        } else {
            open_migrated_store(&config.database).await?
        };
        let tokens = Arc::new(TokenService::new(
            &keys,
            &config.jwt_issuer,
            &config.jwt_audience,
            config.access_token_ttl(),
        ));
        let cursors = CursorCodec::with_keys(&keys);
        let guard = SessionGuard::new(store.clone(), config.session_check_ttl());
        let limiter = RateLimiter::new(store.clone(), config.rate_limits());
        let mailer: Arc<dyn Mailer> = match &config.smtp_url {
            Some(url) => Arc::new(SmtpMailer::new(url, &config.smtp_from)?),
            None => Arc::new(LogMailer {
                log_secrets: config.log_secrets_for_development,
            }),
        };
        let hasher = PasswordHasher::new()?;
        let accounts = AccountService::new(store.clone(), hasher.clone(), Some(guard.clone()))
            .limit_password_checks(limiter.clone());
        let sessions = SessionService::new(
            store.clone(),
            tokens,
            guard.clone(),
            cursors.clone(),
            config.session_settings(),
            // Only the current key: a retried refresh must find the successor it was given.
            keys.current().secret(),
        );
        let flags = FlagService::new(store.clone(), config.flags_cache_ttl());
        let sync = SyncService::new(store.clone(), cursors.clone());
        let events = EventHub::new(
            config.event_settings(),
            Arc::new(sync.clone()),
            store.clone(),
            guard.clone(),
        );
        let sessions_for_router = sessions.clone();
        let api = Arc::new(ApiImpl {
            store: store.clone(),
            login: LoginService::new(accounts.clone(), sessions.clone(), limiter.clone())
                .record_failures(store.clone(), store.clone()),
            flags: flags.clone(),
            audit: AuditService::new(store.clone(), cursors.clone()),
            accounts,
            sessions,
            lists: ListService::new(store.clone(), cursors.clone()),
            sharing: SharingService::new(
                store.clone(),
                flags.clone(),
                limiter.clone(),
                mailer.clone(),
                cursors.clone(),
            ),
            resets: PasswordResetService::new(
                store.clone(),
                store.clone(),
                hasher,
                mailer,
                limiter.clone(),
                guard.clone(),
                config.reset_settings(),
            ),
            admin: AdminService::new(store.clone(), guard, cursors.clone()),
            sync,
            todos: TodoService::new(store.clone(), store.clone(), store.clone(), cursors),
            stats: StatsService::new(store.clone()),
            events: events.clone(),
        });
        let router = build_router(
            api,
            &RouterSettings {
                max_body_bytes: config.max_body_bytes,
                client_ip_source: ClientIpSource::from_config(
                    config.trust_proxy_headers,
                    config.trusted_proxy_hops,
                ),
                limiter,
                body_read_timeout: config.body_read_timeout(),
                request_timeout: config.request_timeout(),
                cors_allowed_origins,
                hsts: crate::http::hsts_value(config.hsts_max_age_seconds),
                metrics: metrics_handle
                    .as_ref()
                    .map(|_| Arc::new(RequestMetrics::new())),
                flags,
                sessions: sessions_for_router,
                maintenance_retry_after: config.maintenance_retry_after_seconds,
            },
        );
        let limits = config.connection_limits();
        // Besides connections: the database pool, the listener, logs, files; a margin.
        let reserved = store.pool_stats().max as usize + 64;
        raise_open_files_limit(limits.max_connections, reserved);
        let listener = TcpListener::bind(config.listen_addr)
            .await
            .with_context(|| format!("cannot listen on {}", config.listen_addr))?;
        let metrics = match (config.metrics_addr, metrics_handle) {
            (Some(addr), Some(handle)) => Some(MetricsEndpoint {
                listener: TcpListener::bind(addr)
                    .await
                    .with_context(|| format!("cannot listen on METRICS_ADDR {addr}"))?,
                router: scrape_router(handle.clone(), store.clone()),
                handle,
            }),
            _ => None,
        };
        Ok(Application {
            listener,
            router,
            pool_idle_timeout: config.database.pool_idle_timeout(store.backend()),
            store,
            shutdown_timeout: config.shutdown_timeout(),
            limits,
            metrics,
            audit_retention: config.audit_retention(),
            tombstone_retention: config.sync_tombstone_retention(),
            events,
        })
    }

    pub fn local_addr(&self) -> SocketAddr {
        self.listener
            .local_addr()
            .expect("a bound listener has an address")
    }

    /// Where `GET /metrics` is served, if METRICS_ADDR is set.
    pub fn metrics_addr(&self) -> Option<SocketAddr> {
        self.metrics.as_ref().map(|m| {
            m.listener
                .local_addr()
                .expect("a bound listener has an address")
        })
    }

    pub fn store(&self) -> Arc<dyn Store> {
        self.store.clone()
    }

    /// Serves until `shutdown` completes, then stops accepting, lets in-flight requests
    /// finish (at most the configured timeout) and closes the pool.
    pub async fn run_until(
        self,
        shutdown: impl Future<Output = ()> + Send + 'static,
    ) -> anyhow::Result<()> {
        let (stop_tx, stop_rx) = tokio::sync::watch::channel(false);
        // Committed changes wake the event streams (ADR 0027).
        let watch = self.store.watch_changes(self.events.sink());
        self.events.set_settle(watch.settle);
        let events = self.events.clone();
        let signal = async move {
            shutdown.await;
            tracing::info!("shutting down: no new connections, finishing in-flight requests");
            // Event streams never finish by themselves: end them, clients reconnect elsewhere.
            events.shutdown();
            let _ = stop_tx.send(true);
        };
        let janitor = tokio::spawn(purge_expired_periodically(
            self.store.clone(),
            self.audit_retention,
            self.tombstone_retention,
            stop_rx.clone(),
        ));
        let trimmer = tokio::spawn(crate::memory::close_idle_connections_when_quiet(
            self.store.clone(),
            self.pool_idle_timeout,
        ));
        let mut deadline_rx = stop_rx.clone();
        let grace = self.shutdown_timeout;
        let serve = crate::http::serve(self.listener, self.router, self.limits, signal);
        let (serve_metrics, upkeep) = match self.metrics {
            Some(metrics) => {
                let mut stop = stop_rx.clone();
                let limits = ConnectionLimits {
                    max_connections: METRICS_CONNECTIONS,
                    ..self.limits
                };
                let stopped = async move {
                    let _ = stop.wait_for(|stopped| *stopped).await;
                };
                let serve = crate::http::serve(metrics.listener, metrics.router, limits, stopped);
                (Some(serve), Some(tokio::spawn(upkeep(metrics.handle))))
            }
            None => (None, None),
        };
        // The metrics listener stops with the API's and may be scraped until then.
        let serve = async move {
            let metrics = async move {
                if let Some(serve) = serve_metrics {
                    serve.await;
                }
            };
            tokio::join!(serve, metrics);
        };
        let deadline = async move {
            let _ = deadline_rx.wait_for(|stopped| *stopped).await;
            tokio::time::sleep(grace).await;
        };
        tokio::select! {
            () = serve => {}
            () = deadline => tracing::warn!("in-flight requests did not finish within {grace:?}; exiting anyway"),
        }
        janitor.abort();
        trimmer.abort();
        watch.task.abort();
        if let Some(upkeep) = upkeep {
            upkeep.abort();
        }
        self.store.close().await;
        tracing::info!("stopped");
        Ok(())
    }
}

/// Completes on SIGINT (Ctrl-C) or SIGTERM.
pub async fn shutdown_signal() {
    let ctrl_c = async {
        let _ = tokio::signal::ctrl_c().await;
    };
    #[cfg(unix)]
    let terminate = async {
        match tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()) {
            Ok(mut s) => {
                s.recv().await;
            }
            Err(_) => std::future::pending::<()>().await,
        }
    };
    #[cfg(not(unix))]
    let terminate = std::future::pending::<()>();
    tokio::select! {
        () = ctrl_c => {},
        () = terminate => {},
    }
}

/// Folds recorded histogram samples into their buckets, so that memory stays bounded
/// however rarely the server is scraped.
async fn upkeep(handle: metrics_exporter_prometheus::PrometheusHandle) {
    loop {
        tokio::time::sleep(METRICS_UPKEEP).await;
        handle.run_upkeep();
    }
}

/// Tombstones deleted per transaction by the janitor.
const TOMBSTONE_BATCH: u32 = 1000;

/// Every ten minutes, deletes rate-limit windows and sessions that ended over a week ago,
/// audit events older than their retention and the change feed's tombstones older than
/// theirs (in batches, each raising the feed's purge horizon with it).
async fn purge_expired_periodically(
    store: Arc<dyn Store>,
    audit_retention: chrono::TimeDelta,
    tombstone_retention: chrono::TimeDelta,
    mut stop: tokio::sync::watch::Receiver<bool>,
) {
    const EVERY: Duration = Duration::from_secs(600);
    const KEEP: chrono::TimeDelta = chrono::TimeDelta::days(7);
    loop {
        tokio::select! {
            () = tokio::time::sleep(EVERY) => {}
            _ = stop.wait_for(|stopped| *stopped) => return,
        }
        match store.purge_expired(crate::domain::now() - KEEP).await {
            Ok(0) => {}
            Ok(n) => tracing::info!(rows = n, "purged expired sessions and rate-limit windows"),
            Err(error) => tracing::warn!(%error, "purge of expired rows failed"),
        }
        match store
            .purge_audit_events(crate::domain::now() - audit_retention)
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(rows = n, "purged audit events past their retention"),
            Err(error) => tracing::warn!(%error, "purge of old audit events failed"),
        }
        match store
            .purge_tombstones(crate::domain::now() - tombstone_retention, TOMBSTONE_BATCH)
            .await
        {
            Ok(0) => {}
            Ok(n) => tracing::info!(
                rows = n,
                "purged change-feed tombstones past their retention"
            ),
            Err(error) => tracing::warn!(%error, "purge of change-feed tombstones failed"),
        }
    }
}
