//! Statistics: correct aggregates, ETag/304, and a cache that is never stale.

use std::time::Duration;

use reqwest::header::{ETAG, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::error_fields;
use crate::support::{ProblemExt, TestApp};

dual_test!(statistics_add_up, statistics_cache_is_never_stale);

async fn statistics_add_up(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("counter").await;
    let empty: Value = api
        .get("/users/me/stats", &user.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(
        (
            empty["total"].as_i64(),
            empty["completion_rate"].as_f64(),
            empty["days"].as_i64()
        ),
        (Some(0), Some(0.0), Some(30))
    );
    assert_eq!(empty["completions_per_day"].as_array().unwrap().len(), 30);

    let specs = [
        json!({"title": "a", "priority": "high", "tags": ["home", "x"]}),
        json!({"title": "b", "priority": "high", "tags": ["home"], "due_at": "2020-01-01T00:00:00Z"}),
        json!({"title": "c", "priority": "low", "tags": ["work"], "due_at": "2020-01-01T00:00:00Z"}),
        json!({"title": "d", "tags": ["home", "work"]}),
        json!({"title": "e"}),
    ];
    let mut ids = Vec::new();
    for spec in specs {
        ids.push(
            api.created_todo(&user.token, spec).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    // Complete two (one of them overdue, which then no longer counts as overdue).
    api.post(
        "/todos/batch",
        &user.token,
        &json!({"action": "complete", "ids": [ids[0], ids[2]]}),
    )
    .await;
    let res = api.get("/users/me/stats?days=7", &user.token).await;
    assert!(res.headers()[ETAG].to_str().unwrap().starts_with("\"s-"));
    let s: Value = res.json().await.unwrap();
    assert_eq!(
        (
            s["total"].as_i64(),
            s["open"].as_i64(),
            s["completed"].as_i64(),
            s["overdue"].as_i64()
        ),
        (Some(5), Some(3), Some(2), Some(1))
    );
    assert_eq!(s["completion_rate"].as_f64(), Some(0.4));
    assert_eq!(s["by_priority"], json!({"low": 1, "normal": 2, "high": 2}));
    let days = s["completions_per_day"].as_array().unwrap();
    assert_eq!(days.len(), 7);
    let today = chrono::Utc::now().date_naive().to_string();
    assert_eq!(days[6], json!({"date": today, "count": 2}));
    assert!(days[..6].iter().all(|d| d["count"] == 0));
    let tags: Vec<(String, i64)> = s["top_tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| {
            (
                t["tag"].as_str().unwrap().to_owned(),
                t["count"].as_i64().unwrap(),
            )
        })
        .collect();
    assert_eq!(
        tags,
        [
            ("home".to_owned(), 3),
            ("work".to_owned(), 2),
            ("x".to_owned(), 1)
        ]
    );

    for days in ["0", "366", "x"] {
        let problem = api
            .get(&format!("/users/me/stats?days={days}"), &user.token)
            .await
            .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
            .await;
        assert_eq!(error_fields(&problem), ["days"], "{days}");
    }
}

async fn statistics_cache_is_never_stale(app: &TestApp) {
    let api = &app.api;
    let other_node = app.another_node(|_| {}).await;
    let ann = api.new_user("ann").await;
    let bob = api.new_user("bob").await;
    api.created_todo(&ann.token, json!({"title": "ann's"}))
        .await;
    let get = |api: &crate::support::Api, token: &str, tag: Option<&str>| {
        let mut rb = api.request(Method::GET, "/users/me/stats", Some(token));
        if let Some(t) = tag {
            rb = rb.header(IF_NONE_MATCH, t.to_owned());
        }
        rb.send()
    };
    let res = get(api, &ann.token, None).await.unwrap();
    let tag = res.headers()[ETAG].to_str().unwrap().to_owned();
    let first: Value = res.json().await.unwrap();
    assert_eq!(first["total"], 1);
    // Unchanged: 304 (served from the cache).
    let res = get(api, &ann.token, Some(&tag)).await.unwrap();
    assert_eq!(res.status(), StatusCode::NOT_MODIFIED);
    // Another user's statistics are their own.
    let bobs: Value = get(api, &bob.token, None)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(bobs["total"], 0);
    // A write through another node is seen at once by this node's cache.
    other_node.api.created_todo(&ann.token, json!({"title": "via node 2", "due_at": (chrono::Utc::now() + chrono::TimeDelta::seconds(2)).to_rfc3339()})).await;
    let res = get(api, &ann.token, Some(&tag)).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let tag2 = res.headers()[ETAG].to_str().unwrap().to_owned();
    assert_ne!(tag2, tag);
    let second: Value = res.json().await.unwrap();
    assert_eq!(
        (second["total"].as_i64(), second["overdue"].as_i64()),
        (Some(2), Some(0))
    );
    // Time alone makes a todo overdue: the cached entry expires with it.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let res = get(api, &ann.token, Some(&tag2)).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let third: Value = res.json().await.unwrap();
    assert_eq!(third["overdue"], 1);
    // Deleting is a change too.
    let page: Value = api.get("/todos", &ann.token).await.json().await.unwrap();
    api.delete(
        &format!("/todos/{}", page["items"][0]["id"].as_str().unwrap()),
        &ann.token,
    )
    .await;
    let fourth: Value = get(&other_node.api, &ann.token, None)
        .await
        .unwrap()
        .json()
        .await
        .unwrap();
    assert_eq!(fourth["total"], 1);
    other_node.stop().await;
}
