//! Test harness: a fresh database per test (a SQLite file, or a PostgreSQL database
//! created on the server named by TEST_POSTGRES_URL), the real router served on a random
//! loopback port, and a real HTTP client.

pub mod client;
pub mod cluster;
pub mod db;
pub mod events;
pub mod lists;
pub mod offline;
pub mod smtp;
pub mod sync;

use std::sync::Arc;
use std::time::Duration;

use todo_api::config::{DatabaseConfig, ServerConfig};
use todo_api::repo::Store;
use todo_api::startup::Application;
use tokio::sync::oneshot;
use tokio::task::JoinHandle;

pub use client::{Api, ProblemExt};
pub use db::{Backend, TestDb};

/// The `id` of a resource the API answered with (a todo, a list, …).
pub fn id(resource: &serde_json::Value) -> String {
    resource["id"].as_str().unwrap().to_owned()
}

/// Whether the tests run in CI, where a missing tool or service fails a test instead of
/// skipping it.
pub fn in_ci() -> bool {
    std::env::var_os("CI").is_some()
}

/// The path of the program `name` on `PATH`. `None` (the caller skips, with a message) only
/// outside CI: in CI a missing program fails the test (`scripts/ci-prepare` installs it).
pub fn installed(name: &str) -> Option<std::path::PathBuf> {
    let found = std::env::var_os("PATH").and_then(|path| {
        std::env::split_paths(&path)
            .map(|dir| dir.join(name))
            .find(|p| p.is_file())
    });
    if found.is_none() {
        assert!(
            !in_ci(),
            "{name} is not installed (scripts/ci-prepare installs it)"
        );
        eprintln!("skipped: {name} is not installed (scripts/ci-prepare installs it)");
    }
    found
}

/// A file of the repository, by its path from the repository's root.
pub fn repo_file(path: &str) -> std::path::PathBuf {
    std::path::Path::new(env!("CARGO_MANIFEST_DIR"))
        .join("..")
        .join(path)
}

/// The JWT secret every test server signs with, so tests can forge tokens on purpose.
pub const JWT_SECRET: &str = "test-secret-that-is-long-enough-for-hs256-0123456789";
pub const ISSUER: &str = "todo-api";
pub const AUDIENCE: &str = "todo-api";

/// The real application on a random loopback port, on a fresh database.
pub struct TestApp {
    pub db: TestDb,
    pub node: Node,
}

pub fn server_config(db: &TestDb) -> ServerConfig {
    ServerConfig {
        database: DatabaseConfig {
            database_url: db.url.clone(),
            database_max_connections: Some(8),
            database_acquire_timeout_seconds: 2,
            database_idle_timeout_seconds: Some(10),
            search_candidate_cap: 2000,
        },
        migrate_on_start: true,
        listen_addr: "127.0.0.1:0".parse().unwrap(),
        metrics_addr: None,
        data_dir: db.dir.path().to_path_buf(),
        jwt_secret: Some(JWT_SECRET.to_owned()),
        jwt_previous_secrets: Vec::new(),
        jwt_issuer: ISSUER.to_owned(),
        jwt_audience: AUDIENCE.to_owned(),
        access_token_ttl_seconds: 900,
        refresh_token_ttl_seconds: 30 * 24 * 3600,
        session_max_lifetime_seconds: 90 * 24 * 3600,
        session_check_ttl_millis: 2000,
        flags_cache_ttl_millis: 2000,
        maintenance_retry_after_seconds: 60,
        audit_retention_days: 365,
        sync_tombstone_retention_days: 30,
        trust_proxy_headers: false,
        trusted_proxy_hops: 0,
        refresh_token_reuse_interval_seconds: 0,
        log_secrets_for_development: false,
        smtp_url: None,
        smtp_from: "Todo API <no-reply@localhost>".to_owned(),
        password_reset_url: "http://todo.test/reset-password".to_owned(),
        password_reset_ttl_seconds: 1800,
        // Generous limits, so that only the rate-limit tests (which tighten them) meet them.
        rate_limit_token_per_ip: "1000/60".parse().unwrap(),
        rate_limit_login_failures_per_account: "1000/900".parse().unwrap(),
        rate_limit_register_per_ip: "1000/3600".parse().unwrap(),
        rate_limit_password_reset_per_ip: "1000/3600".parse().unwrap(),
        rate_limit_password_reset_per_account: "1000/3600".parse().unwrap(),
        rate_limit_invitations_per_account: "1000/3600".parse().unwrap(),
        max_body_bytes: 1024 * 1024,
        shutdown_timeout_seconds: 5,
        header_read_timeout_seconds: 10,
        keepalive_idle_timeout_seconds: 60,
        body_read_timeout_seconds: 30,
        request_timeout_seconds: 30,
        max_connections: 4096,
        sse_heartbeat_seconds: 20,
        sse_max_connections_per_user: 5,
        sse_max_connections: 10_000,
        cors_allowed_origins: Vec::new(),
        hsts_max_age_seconds: None,
    }
}

/// One running instance of the application.
pub struct Node {
    pub api: Api,
    pub store: Arc<dyn Store>,
    stop: Option<oneshot::Sender<()>>,
    server: Option<JoinHandle<anyhow::Result<()>>>,
}

impl Node {
    pub async fn start(config: &ServerConfig) -> Node {
        let app = Application::build(config)
            .await
            .expect("application starts");
        let base = format!("http://{}/api/v1", app.local_addr());
        let store = app.store();
        let (stop, stopped) = oneshot::channel::<()>();
        let server = tokio::spawn(app.run_until(async {
            let _ = stopped.await;
        }));
        Node {
            api: Api::new(base),
            store,
            stop: Some(stop),
            server: Some(server),
        }
    }

    pub async fn stop(mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
        if let Some(server) = self.server.take() {
            let _ = tokio::time::timeout(Duration::from_secs(10), server).await;
        }
    }
}

impl TestApp {
    pub async fn spawn(db: TestDb) -> TestApp {
        let node = Node::start(&server_config(&db)).await;
        TestApp { db, node }
    }

    /// Another instance on the same database, with `tweak` applied to its configuration.
    pub async fn another_node(&self, tweak: impl FnOnce(&mut ServerConfig)) -> Node {
        let mut config = server_config(&self.db);
        tweak(&mut config);
        Node::start(&config).await
    }

    async fn shutdown(self) {
        self.node.stop().await;
        self.db.drop_database().await;
    }
}

impl std::ops::Deref for TestApp {
    type Target = Node;

    fn deref(&self) -> &Node {
        &self.node
    }
}

/// Runs `scenario` against a fresh app on `backend`; with PostgreSQL not configured it is
/// skipped locally and fails in CI.
pub async fn run_app(backend: Backend, scenario: impl AsyncFnOnce(&TestApp)) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };
    let app = TestApp::spawn(db).await;
    scenario(&app).await;
    app.shutdown().await;
}

/// Runs `scenario` with only a fresh database (for tests that start the binary themselves).
pub async fn run_db(backend: Backend, scenario: impl AsyncFnOnce(&TestDb)) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };
    scenario(&db).await;
    db.drop_database().await;
}

/// What a scenario runs on: `async fn name(app: &TestApp)` gets a fresh app,
/// `async fn name(db: &TestDb)` only a fresh database (for tests that start the binary
/// themselves). `M` is a marker (`OnApp` or `OnDb`) that lets one `run` take either.
pub trait Scenario<M> {
    async fn run_on(self, backend: Backend);
}

/// Marker of scenarios that take a `&TestApp`.
pub struct OnApp;
/// Marker of scenarios that take a `&TestDb`.
pub struct OnDb;

impl<F: AsyncFnOnce(&TestApp)> Scenario<OnApp> for F {
    async fn run_on(self, backend: Backend) {
        run_app(backend, self).await
    }
}

impl<F: AsyncFnOnce(&TestDb)> Scenario<OnDb> for F {
    async fn run_on(self, backend: Backend) {
        run_db(backend, self).await
    }
}

/// Runs a scenario of either kind on `backend`.
pub async fn run<M>(backend: Backend, scenario: impl Scenario<M>) {
    scenario.run_on(backend).await
}

/// Declares each scenario, `async fn name(app: &TestApp)` or `async fn name(db: &TestDb)`,
/// as two tests, `name::sqlite` and `name::postgres`, from the one body.
#[macro_export]
macro_rules! dual_test {
    ($($scenario:ident),* $(,)?) => {$(
        mod $scenario {
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn sqlite() {
                $crate::support::run($crate::support::Backend::Sqlite, super::$scenario).await
            }
            #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
            async fn postgres() {
                $crate::support::run($crate::support::Backend::Postgres, super::$scenario).await
            }
        }
    )*};
}
