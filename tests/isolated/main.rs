//! Tests that must not share the process or the CPU with the other tests, so they live in
//! their own binary (cargo runs test binaries one after another) and run sequentially:
//! - a page of todos with their tags costs a fixed number of queries, whatever its size
//!   (no N+1), counted from sqlx's own per-statement events (`sqlx::query`), which SQLite's
//!   driver emits on its worker threads, so only a process-wide counter sees them;
//! - logging in with an unknown email costs the same time as with a wrong password.

#[path = "../api/support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

use support::{Backend, Node, TestApp, TestDb, run_app, server_config};

/// The tests of this binary run one at a time (the statement counter is process-wide).
static ALONE: tokio::sync::Mutex<()> = tokio::sync::Mutex::const_new(());

struct CountStatements(Arc<AtomicUsize>);

impl<S: tracing::Subscriber> Layer<S> for CountStatements {
    fn on_event(&self, event: &tracing::Event<'_>, _ctx: Context<'_, S>) {
        // Settings are not the request's reads: a connection's session settings (the pool
        // opens connections whenever it likes). Nor are the node's background reads of the
        // change signals (ADR 0027: SQLite's `sync_signals` watcher, PostgreSQL's listener
        // watermark), which run whenever writes commit.
        let mut settings = SessionSetting(false);
        event.record(&mut settings);
        if !settings.0 {
            self.0.fetch_add(1, Ordering::SeqCst);
            let mut text = Statement(String::new());
            event.record(&mut text);
            COUNTED.lock().unwrap().push(text.0);
        }
    }
}

/// The statements counted since the counter was last reset, to name them when a count is off.
static COUNTED: std::sync::Mutex<Vec<String>> = std::sync::Mutex::new(Vec::new());

/// The statement an event of `sqlx::query` logs, shortened.
struct Statement(String);

impl tracing::field::Visit for Statement {
    fn record_debug(&mut self, field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        if field.name() == "db.statement" || (field.name() == "summary" && self.0.is_empty()) {
            self.0 = format!("{value:?}").chars().take(160).collect();
        }
    }
}

/// Whether an event of `sqlx::query` logs a `SET …` statement or a background read of the
/// change signals.
struct SessionSetting(bool);

impl SessionSetting {
    fn see(&mut self, text: &str) {
        let upper = text.trim_start().to_ascii_uppercase();
        self.0 |= upper.starts_with("SET ")
            || text.contains("sync_signals")
            // A quiet pool's cache given back (ADR 0004), whenever the pool was idle.
            || upper.starts_with("PRAGMA SHRINK_MEMORY")
            || text.contains("pg_snapshot_xmax");
    }
}

impl tracing::field::Visit for SessionSetting {
    fn record_str(&mut self, _field: &tracing::field::Field, value: &str) {
        self.see(value);
    }
    fn record_debug(&mut self, _field: &tracing::field::Field, value: &dyn std::fmt::Debug) {
        let text = format!("{value:?}");
        self.see(text.trim_start_matches('"'));
    }
}

async fn statements_per_page(backend: Backend, counter: Arc<AtomicUsize>) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };

    let mut config = server_config(&db);
    // Long enough that no request of this test, however slow the machine, checks its session
    // in the database (which would count as one more statement).
    config.session_check_ttl_millis = 60_000;
    // Likewise the node's flags, read again by the first request after their cache (2 s)
    // expired: on a busy machine one of the counted requests did.
    config.flags_cache_ttl_millis = 60_000;
    let node = Node::start(&config).await;
    let api = &node.api;
    let user = api.new_user("counted").await;
    for i in 0..40 {
        api.created_todo(
            &user.token,
            json!({"title": format!("t{i}"), "tags": [format!("a{i}"), "shared"]}),
        )
        .await;
    }
    let token = user.token.as_str();
    let count = |path: String| {
        let counter = counter.clone();
        async move {
            // A request first (not counted) makes the session check a cache hit, however
            // long the set-up before took (the cache keeps a check at most 5 s).
            api.get(&path, token).await;
            // The fewer of two: a cached read that expired meanwhile (the session check is
            // trusted at most 5 s, however long the TTL asked) or a background read adds a
            // statement to one request on a busy machine; a page's own reads are in both.
            let mut fewest = None;
            for _ in 0..2 {
                COUNTED.lock().unwrap().clear();
                counter.store(0, Ordering::SeqCst);
                let res = api.get(&path, token).await;
                assert_eq!(res.status(), StatusCode::OK, "{path}");
                let body: Value = res.json().await.unwrap();
                let n = counter.load(Ordering::SeqCst);
                if n > 1 {
                    eprintln!("{path}: {n} statements: {:?}", COUNTED.lock().unwrap());
                }
                if fewest.as_ref().is_none_or(|(m, _)| n < *m) {
                    fewest = Some((n, body));
                }
            }
            fewest.expect("two requests counted")
        }
    };
    let (small, page) = count("/todos?limit=2".into()).await;
    assert_eq!(page["items"][0]["tags"].as_array().unwrap().len(), 2);
    let (large, page) = count("/todos?limit=40".into()).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 40);
    assert!(
        page["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["tags"].as_array().unwrap().len() == 2)
    );
    let (filtered, _) = count("/todos?limit=40&tag=shared&sort=title".into()).await;

    // A list shared with the counted user (made with SQL: a list and two memberships),
    // with 40 todos of its owner, each with 3 subtasks, one of them completed: its page
    // costs what a page of the Inbox does (membership, subtask counts and tags included).
    let owner = api.new_user("sharer").await;
    let list = uuid::Uuid::now_v7().to_string();
    let at = "2026-11-30T12:00:00.000000Z";
    db.sql(&format!(
        "INSERT INTO lists (id, name, color, is_default, version, created_at, updated_at) \
         VALUES ({}, 'Shared', NULL, FALSE, 1, '{at}', '{at}')",
        db.uuid_literal(&list)
    ))
    .await;
    for (member, role) in [(&owner.id, "owner"), (&user.id, "viewer")] {
        db.sql(&format!(
            "INSERT INTO list_members (list_id, user_id, role, position, created_at) \
             VALUES ({}, {}, '{role}', 'b0', '{at}')",
            db.uuid_literal(&list),
            db.uuid_literal(member)
        ))
        .await;
    }
    for i in 0..40 {
        let parent = api
            .created_todo(
                &owner.token,
                json!({"title": format!("s{i}"), "list_id": list, "tags": ["shared"]}),
            )
            .await;
        for j in 0..3 {
            let sub = api
                .created_todo(
                    &owner.token,
                    json!({"title": format!("s{i}.{j}"), "parent_id": parent["id"]}),
                )
                .await;
            if j == 0 {
                let res = api
                    .patch(
                        &format!("/todos/{}", sub["id"].as_str().unwrap()),
                        &owner.token,
                        &json!({"completed": true}),
                    )
                    .await;
                assert_eq!(res.status(), StatusCode::OK);
            }
        }
    }
    let (shared, page) = count(format!("/todos?limit=40&list_id={list}&top_level=true")).await;
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 40);
    assert!(items.iter().all(|t| t["subtask_count"] == 3
        && t["completed_subtask_count"] == 1
        && t["tags"].as_array().unwrap().len() == 1));
    let (everywhere, page) = count("/todos?limit=100".into()).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 100);
    eprintln!(
        "{backend:?}: statements for 2 todos {small}, 40 todos {large}, 40 filtered {filtered}, \
         40 of a shared list {shared}, 100 of every list {everywhere}"
    );
    assert_eq!(small, 1, "the page with its tags: one statement");
    assert_eq!(large, small, "independent of the page size");
    assert_eq!(filtered, small);
    assert_eq!(
        shared, small,
        "a shared list's page costs what the Inbox's does"
    );
    assert_eq!(everywhere, small);

    // The change feed: one statement per page, snapshot or incremental, whatever its size
    // (ADR 0026), tombstones and the shared list's members included.
    let (feed_small, page) = count("/sync?limit=2".into()).await;
    assert_eq!(page["changes"].as_array().unwrap().len(), 2);
    let (feed_large, page) = count("/sync?limit=500".into()).await;
    assert_eq!(page["has_more"], false, "{page}");
    let cursor = page["next_cursor"].as_str().unwrap().to_string();
    let doomed = api
        .created_todo(&user.token, json!({"title": "doomed", "tags": ["x"]}))
        .await;
    let res = api
        .delete(&format!("/todos/{}", doomed["id"].as_str().unwrap()), token)
        .await;
    assert!(res.status().is_success(), "{}", res.status());
    // The tombstone may wait for the watermark on PostgreSQL (ADR 0026): poll, bounded.
    let mut incremental = None;
    for _ in 0..100 {
        let (n, page) = count(format!("/sync?limit=100&cursor={cursor}")).await;
        if page["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["op"] == "delete")
        {
            incremental = Some((n, page));
            break;
        }
        tokio::time::sleep(std::time::Duration::from_millis(50)).await;
    }
    let (feed_incremental, page) = incremental.expect("the deletion reaches the feed");
    eprintln!(
        "{backend:?}: feed statements: snapshot page of 2 {feed_small}, of everything \
         {feed_large}, incremental with a tombstone {feed_incremental} ({} changes)",
        page["changes"].as_array().unwrap().len()
    );
    assert_eq!(feed_small, 1, "a feed page is one statement");
    assert_eq!(feed_large, 1);
    assert_eq!(feed_incremental, 1);
    node.stop().await;
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_costs_the_same_queries_whatever_its_size() {
    let _alone = ALONE.lock().await;
    let counter = Arc::new(AtomicUsize::new(0));
    let subscriber = tracing_subscriber::registry().with(
        CountStatements(counter.clone()).with_filter(filter_fn(|m| m.target() == "sqlx::query")),
    );
    tracing::subscriber::set_global_default(subscriber)
        .expect("the only subscriber of this binary");
    for backend in [Backend::Sqlite, Backend::Postgres] {
        statements_per_page(backend, counter.clone()).await;
    }
}

/// The lower quartile: the cost of a request with little of the noise the machine adds
/// (which only ever makes requests slower).
fn lower_quartile(mut samples: Vec<Duration>) -> Duration {
    samples.sort();
    samples[samples.len() / 4]
}

async fn unknown_email_costs_the_same_as_a_wrong_password(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("timed").await;
    let attempt = |email: String| async move {
        let started = Instant::now();
        let res = api
            .token_request(&[
                ("grant_type", "password"),
                ("username", &email),
                ("password", "not the password"),
            ])
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        started.elapsed()
    };
    // Warm up both paths, then interleave so that machine noise hits both alike.
    attempt(user.email.clone()).await;
    attempt("nobody@example.com".to_owned()).await;
    let (mut known, mut unknown) = (Vec::new(), Vec::new());
    for _ in 0..31 {
        known.push(attempt(user.email.clone()).await);
        unknown.push(attempt("nobody@example.com".to_owned()).await);
    }
    let (known, unknown) = (lower_quartile(known), lower_quartile(unknown));
    let ratio = unknown.as_secs_f64() / known.as_secs_f64();
    eprintln!(
        "login timing: wrong password {known:?}, unknown email {unknown:?}, ratio {ratio:.3}"
    );
    assert!(
        (0.8..=1.2).contains(&ratio),
        "unknown email {unknown:?} vs wrong password {known:?}"
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn unknown_email_costs_the_same_as_a_wrong_password_on_both_databases() {
    let _alone = ALONE.lock().await;
    for backend in [Backend::Sqlite, Backend::Postgres] {
        run_app(backend, unknown_email_costs_the_same_as_a_wrong_password).await;
    }
}
