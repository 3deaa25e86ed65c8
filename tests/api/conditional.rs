//! ETags, conditional GETs and optimistic concurrency with If-Match.

use reqwest::header::{ETAG, IF_MATCH, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    etags_and_conditional_gets,
    if_match_guards_writes,
    concurrent_updates_with_one_version_have_one_winner
);

fn etag(res: &reqwest::Response) -> String {
    res.headers()[ETAG].to_str().unwrap().to_owned()
}

async fn etags_and_conditional_gets(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("etag").await;
    let res = api
        .post("/todos", &user.token, &json!({"title": "tagged"}))
        .await;
    assert_eq!(etag(&res), "\"v1\"");
    let todo: Value = res.json().await.unwrap();
    let path = format!("/todos/{}", todo["id"].as_str().unwrap());
    let get = |tag: Option<&'static str>| {
        let mut rb = api.request(Method::GET, &path, Some(&user.token));
        if let Some(t) = tag {
            rb = rb.header(IF_NONE_MATCH, t);
        }
        rb.send()
    };
    let res = get(None).await.unwrap();
    assert_eq!(
        (res.status(), etag(&res)),
        (StatusCode::OK, "\"v1\"".to_owned())
    );
    for tag in ["\"v1\"", "W/\"v1\"", "\"v0\", \"v1\"", "*"] {
        let res = get(Some(tag)).await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_MODIFIED, "{tag}");
        assert_eq!(etag(&res), "\"v1\"");
        assert_eq!(res.text().await.unwrap(), "");
    }
    assert_eq!(get(Some("\"v2\"")).await.unwrap().status(), StatusCode::OK);

    let res = api
        .patch(&path, &user.token, &json!({"title": "retagged"}))
        .await;
    assert_eq!(etag(&res), "\"v2\"");
    let res = get(Some("\"v1\"")).await.unwrap();
    assert_eq!(
        (res.status(), etag(&res)),
        (StatusCode::OK, "\"v2\"".to_owned())
    );
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["title"], "retagged");
}

async fn if_match_guards_writes(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("ifmatch").await;
    let todo = api.created_todo(&user.token, json!({"title": "v1"})).await;
    let path = format!("/todos/{}", todo["id"].as_str().unwrap());
    let patch = |tag: &str, body: Value| {
        api.request(Method::PATCH, &path, Some(&user.token))
            .header(IF_MATCH, tag)
            .json(&body)
            .send()
    };
    let delete = |tag: &str| {
        api.request(Method::DELETE, &path, Some(&user.token))
            .header(IF_MATCH, tag)
            .send()
    };

    assert_eq!(
        patch("\"v1\"", json!({"title": "v2"}))
            .await
            .unwrap()
            .status(),
        StatusCode::OK
    );
    // Stale, never-issued, weak or malformed tags: 412, nothing changes.
    for tag in ["\"v1\"", "\"v1\", \"v7\"", "W/\"v2\"", "\"nonsense\"", "v2"] {
        patch(tag, json!({"title": "lost update"}))
            .await
            .unwrap()
            .problem(
                StatusCode::PRECONDITION_FAILED,
                "/problems/precondition-failed",
            )
            .await;
        patch(tag, json!({}))
            .await
            .unwrap()
            .problem(
                StatusCode::PRECONDITION_FAILED,
                "/problems/precondition-failed",
            )
            .await;
        delete(tag)
            .await
            .unwrap()
            .problem(
                StatusCode::PRECONDITION_FAILED,
                "/problems/precondition-failed",
            )
            .await;
    }
    let current: Value = api.get(&path, &user.token).await.json().await.unwrap();
    assert_eq!(current["title"], "v2");
    // The current version, a list holding it, or * all match.
    let res = patch("\"v9\", \"v2\"", json!({"title": "v3"}))
        .await
        .unwrap();
    assert_eq!(
        (res.status(), etag(&res)),
        (StatusCode::OK, "\"v3\"".to_owned())
    );
    let res = patch("*", json!({"title": "v4"})).await.unwrap();
    assert_eq!(etag(&res), "\"v4\"");
    // An empty patch with the current version answers the todo unchanged.
    let res = patch("\"v4\"", json!({})).await.unwrap();
    assert_eq!(
        (res.status(), etag(&res)),
        (StatusCode::OK, "\"v4\"".to_owned())
    );

    assert_eq!(
        delete("\"v4\"").await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    // A condition on a todo that no longer exists is false (RFC 9110): 412; without one, 404.
    delete("*")
        .await
        .unwrap()
        .problem(
            StatusCode::PRECONDITION_FAILED,
            "/problems/precondition-failed",
        )
        .await;
    patch("\"v4\"", json!({"title": "ghost"}))
        .await
        .unwrap()
        .problem(
            StatusCode::PRECONDITION_FAILED,
            "/problems/precondition-failed",
        )
        .await;
    api.delete(&path, &user.token)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // Another user's todo looks exactly like a missing one, conditions included.
    let other = api.new_user("other").await;
    let theirs = api
        .created_todo(&other.token, json!({"title": "theirs"}))
        .await;
    let their_path = format!("/todos/{}", theirs["id"].as_str().unwrap());
    let res = api
        .request(Method::PATCH, &their_path, Some(&user.token))
        .header(IF_MATCH, "\"v1\"")
        .json(&json!({"title": "stolen"}))
        .send()
        .await
        .unwrap();
    res.problem(
        StatusCode::PRECONDITION_FAILED,
        "/problems/precondition-failed",
    )
    .await;
    let untouched: Value = api
        .get(&their_path, &other.token)
        .await
        .json()
        .await
        .unwrap();
    assert_eq!(untouched["title"], "theirs");
}

async fn concurrent_updates_with_one_version_have_one_winner(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("racer").await;
    for round in 0..3 {
        let todo = api
            .created_todo(&user.token, json!({"title": "start"}))
            .await;
        let path = format!("/todos/{}", todo["id"].as_str().unwrap());
        let attempts = (0..8).map(|i| {
            let rb = api
                .request(Method::PATCH, &path, Some(&user.token))
                .header(IF_MATCH, "\"v1\"")
                .json(&json!({"title": format!("writer {i}")}));
            async move { (i, rb.send().await.unwrap().status()) }
        });
        let results = futures_util::future::join_all(attempts).await;
        let winners: Vec<_> = results
            .iter()
            .filter(|(_, s)| *s == StatusCode::OK)
            .collect();
        assert_eq!(winners.len(), 1, "round {round}: {results:?}");
        assert!(
            results
                .iter()
                .all(|(_, s)| [StatusCode::OK, StatusCode::PRECONDITION_FAILED].contains(s))
        );
        let stored = api.get(&path, &user.token).await;
        assert_eq!(etag(&stored), "\"v2\"");
        let stored: Value = stored.json().await.unwrap();
        assert_eq!(stored["title"], format!("writer {}", winners[0].0));
    }
}
