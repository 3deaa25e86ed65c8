//! PostgreSQL stopped under load and started again, on a private cluster.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use crate::support::cluster::PrivateCluster;
use crate::support::{Backend, Node, TestDb, server_config};
use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use super::*;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_outage_answers_503_and_recovers() {
    let Some(cluster) = PrivateCluster::create() else {
        return;
    };
    let db = TestDb::external(
        Backend::Postgres,
        cluster.url(),
        tempfile::tempdir().unwrap(),
    );
    let mut config = server_config(&db);
    // Every request reads its session: the session check meets the outage too.
    config.session_check_ttl_millis = 0;
    config.database.database_acquire_timeout_seconds = 1;
    let node = Node::start(&config).await;
    let api = node.api.clone();
    let user = api.new_user("outage").await;
    let (_, refresh) = api.login_tokens(&user.email, &user.password).await;
    let token = user.token.clone();
    let todo = api.created_todo(&token, json!({ "title": "before" })).await;
    let todo_id = todo["id"].as_str().unwrap().to_owned();

    // Load: reads and writes in a loop, every answer kept.
    let stop = Arc::new(AtomicBool::new(false));
    let statuses = Arc::new(std::sync::Mutex::new(Vec::<(StatusCode, bool)>::new()));
    let mut load = tokio::task::JoinSet::new();
    for w in 0..3 {
        let (api, token, stop, statuses) =
            (api.clone(), token.clone(), stop.clone(), statuses.clone());
        let todo_id = todo_id.clone();
        load.spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                i += 1;
                let request = match (w + i) % 3 {
                    0 => api.request(Method::GET, "/todos", Some(&token)),
                    1 => api
                        .request(Method::POST, "/todos", Some(&token))
                        .json(&json!({ "title": format!("load-{w}-{i}") })),
                    _ => api
                        .request(Method::PATCH, &format!("/todos/{todo_id}"), Some(&token))
                        .json(&json!({ "notes": format!("n{i}") })),
                };
                let res = request.send().await.expect("the server keeps answering");
                let status = res.status();
                let well_formed = if status == StatusCode::SERVICE_UNAVAILABLE {
                    res.headers().contains_key(RETRY_AFTER)
                        && res.headers()[CONTENT_TYPE] == "application/problem+json"
                        && res.json::<Value>().await.is_ok_and(|b| b["status"] == 503)
                } else {
                    true
                };
                statuses.lock().unwrap().push((status, well_formed));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    cluster.stop();
    let started = Instant::now();
    let res = api
        .request(Method::GET, "/health/ready", None)
        .send()
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "readiness took {:?}",
        started.elapsed()
    );
    assert_unavailable(res, false).await;
    // A valid token during the outage: 503, never 401 (the client would drop its tokens).
    assert_unavailable(api.get("/users/me", &token).await, false).await;
    assert_unavailable(api.get(&format!("/todos/{todo_id}"), &token).await, false).await;
    // The OAuth2 endpoints answer 503 in their own format.
    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", &user.email),
            ("password", &user.password),
        ])
        .await;
    assert_unavailable(res, true).await;
    assert_unavailable(api.refresh_response(&refresh).await, true).await;
    assert_unavailable(api.revoke(&[("token", &refresh)]).await, true).await;
    tokio::time::sleep(Duration::from_millis(1000)).await;

    cluster.start();
    let back = Instant::now();
    loop {
        let res = api.get(&format!("/todos/{todo_id}"), &token).await;
        if res.status() == StatusCode::OK {
            break;
        }
        assert_unavailable(res, false).await;
        assert!(
            back.elapsed() < Duration::from_secs(5),
            "not serving 5 s after the database returned"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::SeqCst);
    while let Some(result) = load.join_next().await {
        result.unwrap();
    }
    let res = api
        .request(Method::GET, "/health/ready", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let created = api.created_todo(&token, json!({ "title": "after" })).await;
    assert_eq!(created["title"], "after");
    // The refresh token survived the outage: nothing revoked it.
    assert_eq!(api.refresh(&refresh).await.status, StatusCode::OK);

    let statuses = std::mem::take(&mut *statuses.lock().unwrap());
    let unavailable = statuses
        .iter()
        .filter(|(s, _)| *s == StatusCode::SERVICE_UNAVAILABLE)
        .count();
    assert!(unavailable > 0, "the load met the outage");
    assert!(
        statuses.iter().any(|(s, _)| s.is_success()),
        "the load was served"
    );
    for (status, well_formed) in statuses.iter() {
        assert!(
            status.is_success() || *status == StatusCode::SERVICE_UNAVAILABLE,
            "{status} under outage"
        );
        assert!(well_formed, "503 without problem+json or Retry-After");
    }
    node.stop().await;
}

// ---------------------------------------------------------------------------------------
// SQLite on a full disk
// ---------------------------------------------------------------------------------------
