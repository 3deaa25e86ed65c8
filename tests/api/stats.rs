//! Statistics: correct aggregates, ETag/304, and a cache that is never stale.

use std::time::Duration;

use reqwest::header::{ETAG, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::dual_test;
use crate::support::client::{Answer, Api, error_fields};
use crate::support::{ProblemExt, TestApp};

dual_test!(statistics_add_up, statistics_cache_is_never_stale);

/// `getStatistics` with `If-None-Match: tag`.
async fn statistics_if_none_match(api: &Api, token: &str, tag: &str) -> Answer {
    let request = api
        .request(Method::GET, "/users/me/stats", Some(token))
        .header(IF_NONE_MATCH, tag);
    Answer::read(request.send().await.unwrap()).await
}

async fn statistics_add_up(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("counter").await;
    let empty = api
        .get_statistics(&user.token, "")
        .await
        .expect(StatusCode::OK);
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
    api.batch_todos(
        &user.token,
        &json!({"action": "complete", "ids": [ids[0], ids[2]]}),
    )
    .await
    .expect(StatusCode::OK);
    let res = api.get_statistics(&user.token, "days=7").await;
    assert!(res.header(ETAG).unwrap().starts_with("\"s-"));
    let s = res.expect(StatusCode::OK);
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
            .get_statistics(&user.token, &format!("days={days}"))
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
    let res = api.get_statistics(&ann.token, "").await;
    let tag = res.header(ETAG).unwrap().to_owned();
    let first = res.expect(StatusCode::OK);
    assert_eq!(first["total"], 1);
    // Unchanged: 304 (served from the cache).
    let res = statistics_if_none_match(api, &ann.token, &tag).await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    // Another user's statistics are their own.
    let bobs = api
        .get_statistics(&bob.token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(bobs["total"], 0);
    // A write through another node is seen at once by this node's cache.
    other_node.api.created_todo(&ann.token, json!({"title": "via node 2", "due_at": (chrono::Utc::now() + chrono::TimeDelta::seconds(2)).to_rfc3339()})).await;
    let res = statistics_if_none_match(api, &ann.token, &tag).await;
    assert_eq!(res.status, StatusCode::OK);
    let tag2 = res.header(ETAG).unwrap().to_owned();
    assert_ne!(tag2, tag);
    let second = res.expect(StatusCode::OK);
    assert_eq!(
        (second["total"].as_i64(), second["overdue"].as_i64()),
        (Some(2), Some(0))
    );
    // Time alone makes a todo overdue: the cached entry expires with it.
    tokio::time::sleep(Duration::from_millis(2500)).await;
    let third = statistics_if_none_match(api, &ann.token, &tag2)
        .await
        .expect(StatusCode::OK);
    assert_eq!(third["overdue"], 1);
    // Deleting is a change too.
    let page = api.list_todos(&ann.token, "").await.expect(StatusCode::OK);
    api.delete_todo(&ann.token, page["items"][0]["id"].as_str().unwrap())
        .await
        .expect(StatusCode::NO_CONTENT);
    let fourth = other_node
        .api
        .get_statistics(&ann.token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(fourth["total"], 1);
    other_node.stop().await;
}
