//! Prometheus metrics (ADR 0018): the process-wide recorder of the `metrics` facade,
//! rendered by `metrics-exporter-prometheus` (without its own listener: `http::metrics`
//! serves the text on METRICS_ADDR), the metrics' descriptions, the build info and the
//! pool gauges sampled at scrape time. The list for operators is `docs/metrics.md`.
//!
//! Code that knows about an event records it with the facade's macros (`metrics::counter!`
//! and the like, literal names); until [`install`] runs they go to the facade's no-op
//! recorder, so a server without METRICS_ADDR pays nothing but a few atomic loads.

use std::sync::Mutex;

use anyhow::Context;
use metrics::{describe_counter, describe_gauge, describe_histogram};
use metrics_exporter_prometheus::{Matcher, PrometheusBuilder, PrometheusHandle};

use crate::repo::PoolStats;

/// Request latency buckets (seconds): from a cached read to the request timeout.
const HTTP_BUCKETS: &[f64] = &[
    0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0, 10.0, 30.0,
];
/// Password-hash buckets (seconds): one argon2id computation takes tens of milliseconds
/// on a free core.
const HASH_BUCKETS: &[f64] = &[0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1.0, 2.5, 5.0];

/// The version and commit the binary was built from.
pub const VERSION: &str = env!("CARGO_PKG_VERSION");
pub const COMMIT: &str = env!("TODO_API_COMMIT");
/// What `todo-api --version` prints after the name: a release names its commit (ADR 0023).
pub const VERSION_AND_COMMIT: &str = const_format::concatcp!(VERSION, " (commit ", COMMIT, ")");

/// The installed recorder's handle; the lock makes a second, concurrent `install` wait.
static HANDLE: Mutex<Option<PrometheusHandle>> = Mutex::new(None);

/// Installs the Prometheus recorder for the whole process (once; later calls return the
/// same handle) and registers every metric family that has no label to wait for.
pub fn install() -> anyhow::Result<PrometheusHandle> {
    let mut installed = HANDLE.lock().unwrap_or_else(|p| p.into_inner());
    if let Some(handle) = installed.as_ref() {
        return Ok(handle.clone());
    }
    let recorder = PrometheusBuilder::new()
        .set_buckets_for_metric(
            Matcher::Full("http_request_duration_seconds".into()),
            HTTP_BUCKETS,
        )?
        .set_buckets_for_metric(
            Matcher::Full("todo_api_password_hash_duration_seconds".into()),
            HASH_BUCKETS,
        )?
        .build_recorder();
    let handle = recorder.handle();
    metrics::set_global_recorder(recorder)
        .context("another metrics recorder is already installed")?;
    describe();
    initial_values();
    *installed = Some(handle.clone());
    Ok(handle)
}

/// One waiter counted in a queue-depth gauge (password hashes waiting for a core, writes
/// waiting for their turn) until dropped, also when the waiting request is cancelled.
pub struct Queued(&'static str);

impl Queued {
    pub fn enter(gauge: &'static str) -> Queued {
        metrics::gauge!(gauge).increment(1.0);
        Queued(gauge)
    }
}

impl Drop for Queued {
    fn drop(&mut self) {
        metrics::gauge!(self.0).decrement(1.0);
    }
}

/// Sets the pool gauges from a snapshot taken now (at each scrape).
pub fn sample_pool(stats: PoolStats) {
    metrics::gauge!("todo_api_db_pool_connections").set(stats.size);
    metrics::gauge!("todo_api_db_pool_idle_connections").set(stats.idle);
    metrics::gauge!("todo_api_db_pool_max_connections").set(stats.max);
}

fn describe() {
    describe_counter!(
        "http_requests_total",
        "HTTP requests answered, by method, route template and status."
    );
    describe_histogram!(
        "http_request_duration_seconds",
        metrics::Unit::Seconds,
        "Time from a request's arrival to its response head, by method, route template and status."
    );
    describe_gauge!(
        "http_requests_in_flight",
        "HTTP requests being handled now."
    );
    describe_gauge!(
        "todo_api_db_pool_connections",
        "Database connections open now (in use or idle)."
    );
    describe_gauge!(
        "todo_api_db_pool_idle_connections",
        "Open database connections not in use."
    );
    describe_gauge!(
        "todo_api_db_pool_max_connections",
        "Most database connections the pool opens (DATABASE_MAX_CONNECTIONS)."
    );
    describe_counter!(
        "todo_api_db_pool_acquire_timeouts_total",
        "Requests that found no free database connection within DATABASE_ACQUIRE_TIMEOUT_SECONDS."
    );
    describe_gauge!(
        "todo_api_db_write_queue_depth",
        "Writes waiting for this node's turn to write (SQLite: one writer at a time; always 0 on PostgreSQL)."
    );
    describe_gauge!(
        "todo_api_password_hash_queue_depth",
        "Password hash computations waiting for a free core."
    );
    describe_histogram!(
        "todo_api_password_hash_duration_seconds",
        metrics::Unit::Seconds,
        "Time one argon2id hash or verification takes once it has a core."
    );
    describe_counter!(
        "todo_api_rate_limit_rejections_total",
        "Requests refused (or reset mails not sent) by a rate-limit policy, by policy."
    );
    describe_counter!(
        "todo_api_logins_total",
        "Password logins by result: success, failure (wrong credentials), refused (over the \
         per-account limit, not checked), error."
    );
    describe_counter!(
        "todo_api_mail_deliveries_total",
        "Password-reset mails by result: sent, failed (SMTP error), not_sent (no SMTP_URL)."
    );
    describe_counter!(
        "todo_api_session_cache_lookups_total",
        "Per-request session checks answered from this node's cache (hit) or the database (miss)."
    );
    describe_counter!(
        "todo_api_stats_cache_lookups_total",
        "Statistics requests answered from this node's cache (hit) or computed (miss)."
    );
    describe_gauge!(
        "todo_api_event_streams",
        "Event streams (GET /events) open on this node."
    );
    describe_counter!(
        "todo_api_sync_listener_connects_total",
        "Times this node's change listener (PostgreSQL LISTEN) connected; more than one is a reconnect."
    );
    describe_gauge!(
        "todo_api_build_info",
        "Always 1; the labels say which version and commit the server was built from."
    );
}

/// Families that exist from the start, at zero, so that a dashboard or an alert rule finds
/// them before the first event (Prometheus' advice for known label values).
fn initial_values() {
    metrics::gauge!("todo_api_build_info", "version" => VERSION, "commit" => COMMIT).set(1.0);
    metrics::gauge!("http_requests_in_flight").set(0.0);
    metrics::gauge!("todo_api_event_streams").set(0.0);
    metrics::counter!("todo_api_sync_listener_connects_total").increment(0);
    metrics::gauge!("todo_api_password_hash_queue_depth").set(0.0);
    metrics::gauge!("todo_api_db_write_queue_depth").set(0.0);
    metrics::counter!("todo_api_db_pool_acquire_timeouts_total").increment(0);
    for result in ["hit", "miss"] {
        metrics::counter!("todo_api_session_cache_lookups_total", "result" => result).increment(0);
        metrics::counter!("todo_api_stats_cache_lookups_total", "result" => result).increment(0);
    }
    for result in crate::service::PasswordLogin::RESULTS {
        metrics::counter!("todo_api_logins_total", "result" => result).increment(0);
    }
    for result in crate::mail::DELIVERY_RESULTS {
        metrics::counter!("todo_api_mail_deliveries_total", "result" => result).increment(0);
    }
    for policy in crate::service::rate_limit::POLICIES {
        metrics::counter!("todo_api_rate_limit_rejections_total", "policy" => policy).increment(0);
    }
}
