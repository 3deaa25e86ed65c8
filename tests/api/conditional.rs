//! ETags, conditional GETs and optimistic concurrency with If-Match.

use reqwest::header::{ETAG, IF_MATCH, IF_NONE_MATCH};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::{Answer, Api};
use crate::support::{ProblemExt, TestApp};

dual_test!(
    etags_and_conditional_gets,
    if_match_guards_writes,
    concurrent_updates_with_one_version_have_one_winner
);

fn etag(res: &Answer) -> String {
    res.header(ETAG).unwrap().to_owned()
}

/// `getTodo` with `If-None-Match: tag`.
async fn get_todo_if_none_match(api: &Api, token: &str, id: &str, tag: &str) -> Answer {
    let path = format!("/todos/{id}");
    let request = api
        .request(Method::GET, &path, Some(token))
        .header(IF_NONE_MATCH, tag);
    Answer::read(request.send().await.unwrap()).await
}

/// `updateTodo` with `If-Match: tag`.
async fn update_todo_if_match(api: &Api, token: &str, id: &str, tag: &str, body: &Value) -> Answer {
    let path = format!("/todos/{id}");
    let request = api
        .request(Method::PATCH, &path, Some(token))
        .header(IF_MATCH, tag)
        .json(body);
    Answer::read(request.send().await.unwrap()).await
}

/// `deleteTodo` with `If-Match: tag`.
async fn delete_todo_if_match(api: &Api, token: &str, id: &str, tag: &str) -> Answer {
    let path = format!("/todos/{id}");
    let request = api
        .request(Method::DELETE, &path, Some(token))
        .header(IF_MATCH, tag);
    Answer::read(request.send().await.unwrap()).await
}

async fn etags_and_conditional_gets(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("etag").await;
    let res = api
        .create_todo(&user.token, &json!({"title": "tagged"}))
        .await;
    assert_eq!(etag(&res), "\"v1\"");
    let todo = res.expect(StatusCode::CREATED);
    let id = todo["id"].as_str().unwrap();
    let get = |tag: &'static str| get_todo_if_none_match(api, &user.token, id, tag);
    let res = api.get_todo(&user.token, id).await;
    assert_eq!(
        (res.status, etag(&res)),
        (StatusCode::OK, "\"v1\"".to_owned())
    );
    for tag in ["\"v1\"", "W/\"v1\"", "\"v0\", \"v1\"", "*"] {
        let res = get(tag).await;
        assert_eq!(res.status, StatusCode::NOT_MODIFIED, "{tag}");
        assert_eq!(etag(&res), "\"v1\"");
        assert!(res.is_empty());
    }
    assert_eq!(get("\"v2\"").await.status, StatusCode::OK);

    let res = api
        .update_todo(&user.token, id, &json!({"title": "retagged"}))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(etag(&res), "\"v2\"");
    let res = get("\"v1\"").await;
    assert_eq!(
        (res.status, etag(&res)),
        (StatusCode::OK, "\"v2\"".to_owned())
    );
    let body = res.expect(StatusCode::OK);
    assert_eq!(body["title"], "retagged");
}

async fn if_match_guards_writes(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("ifmatch").await;
    let todo = api.created_todo(&user.token, json!({"title": "v1"})).await;
    let id = todo["id"].as_str().unwrap();
    let patch = |tag: &'static str, body: Value| {
        let token = user.token.as_str();
        async move { update_todo_if_match(api, token, id, tag, &body).await }
    };
    let delete = |tag: &'static str| delete_todo_if_match(api, &user.token, id, tag);

    assert_eq!(
        patch("\"v1\"", json!({"title": "v2"})).await.status,
        StatusCode::OK
    );
    // Stale, never-issued, weak or malformed tags: 412, nothing changes.
    for tag in ["\"v1\"", "\"v1\", \"v7\"", "W/\"v2\"", "\"nonsense\"", "v2"] {
        patch(tag, json!({"title": "lost update"}))
            .await
            .problem(
                StatusCode::PRECONDITION_FAILED,
                "/problems/precondition-failed",
            )
            .await;
        patch(tag, json!({}))
            .await
            .problem(
                StatusCode::PRECONDITION_FAILED,
                "/problems/precondition-failed",
            )
            .await;
        delete(tag)
            .await
            .problem(
                StatusCode::PRECONDITION_FAILED,
                "/problems/precondition-failed",
            )
            .await;
    }
    let current = api.get_todo(&user.token, id).await.expect(StatusCode::OK);
    assert_eq!(current["title"], "v2");
    // The current version, a list holding it, or * all match.
    let res = patch("\"v9\", \"v2\"", json!({"title": "v3"})).await;
    assert_eq!(
        (res.status, etag(&res)),
        (StatusCode::OK, "\"v3\"".to_owned())
    );
    let res = patch("*", json!({"title": "v4"})).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(etag(&res), "\"v4\"");
    // An empty patch with the current version answers the todo unchanged.
    let res = patch("\"v4\"", json!({})).await;
    assert_eq!(
        (res.status, etag(&res)),
        (StatusCode::OK, "\"v4\"".to_owned())
    );

    assert_eq!(delete("\"v4\"").await.status, StatusCode::NO_CONTENT);
    // A replayed delete of a todo the caller deleted is a no-op while its tombstone is kept
    // (issue 14, `offline.rs`), whatever it names; any other write to it fails its condition.
    assert_eq!(delete("\"v4\"").await.status, StatusCode::NO_CONTENT);
    assert_eq!(delete("*").await.status, StatusCode::NO_CONTENT);
    patch("\"v4\"", json!({"title": "ghost"}))
        .await
        .problem(
            StatusCode::PRECONDITION_FAILED,
            "/problems/precondition-failed",
        )
        .await;
    // A condition on a todo that never existed is false (RFC 9110): 412; without one, 404.
    let never = uuid::Uuid::now_v7().to_string();
    delete_todo_if_match(api, &user.token, &never, "*")
        .await
        .problem(
            StatusCode::PRECONDITION_FAILED,
            "/problems/precondition-failed",
        )
        .await;
    api.delete_todo(&user.token, &never)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // Another user's todo looks exactly like a missing one, conditions included.
    let other = api.new_user("other").await;
    let theirs = api
        .created_todo(&other.token, json!({"title": "theirs"}))
        .await;
    let their_id = theirs["id"].as_str().unwrap();
    update_todo_if_match(
        api,
        &user.token,
        their_id,
        "\"v1\"",
        &json!({"title": "stolen"}),
    )
    .await
    .problem(
        StatusCode::PRECONDITION_FAILED,
        "/problems/precondition-failed",
    )
    .await;
    let untouched = api
        .get_todo(&other.token, their_id)
        .await
        .expect(StatusCode::OK);
    assert_eq!(untouched["title"], "theirs");
}

async fn concurrent_updates_with_one_version_have_one_winner(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("racer").await;
    for round in 0..3 {
        let todo = api
            .created_todo(&user.token, json!({"title": "start"}))
            .await;
        let id = todo["id"].as_str().unwrap();
        let attempts = (0..8).map(|i| {
            let body = json!({"title": format!("writer {i}")});
            let token = user.token.as_str();
            async move {
                let res = update_todo_if_match(api, token, id, "\"v1\"", &body).await;
                (i, res.status)
            }
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
        let stored = api.get_todo(&user.token, id).await;
        assert_eq!(etag(&stored), "\"v2\"");
        let stored = stored.expect(StatusCode::OK);
        assert_eq!(stored["title"], format!("writer {}", winners[0].0));
    }
}
