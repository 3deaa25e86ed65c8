//! A page of todos with their tags costs a fixed number of queries, whatever its size
//! (no N+1). Counted from sqlx's own per-statement events (`sqlx::query`), which SQLite's
//! driver emits on its worker threads: this binary holds this one test alone, so a global
//! counter sees this test's statements and nothing else.

#[path = "../api/support/mod.rs"]
#[allow(dead_code, unused_imports)]
mod support;

use std::sync::Arc;
use std::sync::atomic::{AtomicUsize, Ordering};

use reqwest::StatusCode;
use serde_json::{Value, json};
use tracing_subscriber::filter::filter_fn;
use tracing_subscriber::layer::{Context, Layer, SubscriberExt};

use support::{Backend, Node, TestDb, server_config};

struct CountStatements(Arc<AtomicUsize>);

impl<S: tracing::Subscriber> Layer<S> for CountStatements {
    fn on_event(&self, _event: &tracing::Event<'_>, _ctx: Context<'_, S>) {
        self.0.fetch_add(1, Ordering::SeqCst);
    }
}

async fn statements_per_page(backend: Backend, counter: Arc<AtomicUsize>) {
    let Some(db) = TestDb::create(backend).await else {
        return;
    };

    let mut config = server_config(&db);
    config.session_check_ttl_millis = 5000;
    let node = Node::start(&config).await;
    let api = &node.api;
    let user = api.new_user("counted").await;
    for i in 0..40 {
        api.create_todo(
            &user.token,
            json!({"title": format!("t{i}"), "tags": [format!("a{i}"), "shared"]}),
        )
        .await;
    }
    let token = user.token.as_str();
    let count = |path: String| {
        let counter = counter.clone();
        async move {
            counter.store(0, Ordering::SeqCst);
            let res = api.get(&path, token).await;
            assert_eq!(res.status(), StatusCode::OK, "{path}");
            let body: Value = res.json().await.unwrap();
            (counter.load(Ordering::SeqCst), body)
        }
    };
    count("/todos?limit=1".into()).await; // warms the session check
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
    eprintln!(
        "{backend:?}: statements for 2 todos {small}, 40 todos {large}, 40 filtered {filtered}"
    );
    assert_eq!(small, 2, "the page and its tags");
    assert_eq!(large, small, "independent of the page size");
    assert_eq!(filtered, small);
    node.stop().await;
    db.drop_database().await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_page_costs_the_same_queries_whatever_its_size() {
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
