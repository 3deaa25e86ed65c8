//! Idempotent creation with Idempotency-Key, and conditional GETs of list pages.

use reqwest::header::{ETAG, IF_NONE_MATCH, LOCATION};
use reqwest::{Method, StatusCode};
use serde_json::json;
use sha2::{Digest, Sha256};

use crate::dual_test;
use crate::support::client::{Answer, Api, error_fields};
use crate::support::{Backend, ProblemExt, TestApp};

dual_test!(
    retries_replay_the_first_creation,
    running_and_dead_first_requests,
    a_presumed_dead_request_cannot_finish_after_a_takeover,
    concurrent_retries_on_two_nodes_create_once,
    list_pages_have_etags,
    a_replay_stored_before_lists_has_the_new_fields
);

/// `createTodo` with an `Idempotency-Key` and this exact JSON text as the body.
async fn post_with_key(api: &Api, token: &str, key: &str, body: &str) -> Answer {
    let request = api
        .request(Method::POST, "/todos", Some(token))
        .header("idempotency-key", key)
        .header("content-type", "application/json")
        .body(body.to_owned());
    Answer::read(request.send().await.unwrap()).await
}

/// `listTodos` with `If-None-Match: tag`.
async fn list_todos_if_none_match(api: &Api, token: &str, query: &str, tag: &str) -> Answer {
    let request = api
        .request(Method::GET, &format!("/todos?{query}"), Some(token))
        .header(IF_NONE_MATCH, tag);
    Answer::read(request.send().await.unwrap()).await
}

async fn todo_count(app: &TestApp) -> String {
    app.db
        .sql("SELECT CAST(COUNT(*) AS TEXT) FROM todos")
        .await
        .unwrap()
}

async fn retries_replay_the_first_creation(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("retry").await;
    let first = post_with_key(
        api,
        &user.token,
        "key-1",
        r#"{"title": "pay rent", "priority": "high"}"#,
    )
    .await;
    assert!(first.header("idempotent-replayed").is_none());
    let location = first.headers[LOCATION].clone();
    let first = first.expect(StatusCode::CREATED);
    // Same key, same body (other spacing and field order): the first response again.
    for body in [
        r#"{"title": "pay rent", "priority": "high"}"#,
        r#"{"priority":"high","title":"pay rent"}"#,
    ] {
        let again = post_with_key(api, &user.token, "key-1", body).await;
        assert_eq!(again.headers["idempotent-replayed"], "true");
        assert_eq!(again.headers[LOCATION], location);
        assert_eq!(again.headers[ETAG], "\"v1\"");
        let again = again.expect(StatusCode::CREATED);
        assert_eq!(again, first);
    }
    // The replay is the first response even after the todo changed.
    api.update_todo(
        &user.token,
        first["id"].as_str().unwrap(),
        &json!({"title": "rent paid"}),
    )
    .await
    .expect(StatusCode::OK);
    let again = post_with_key(
        api,
        &user.token,
        "key-1",
        r#"{"title": "pay rent", "priority": "high"}"#,
    )
    .await
    .expect(StatusCode::CREATED);
    assert_eq!(again["title"], "pay rent");
    // Same key, different body: 422, nothing created.
    post_with_key(api, &user.token, "key-1", r#"{"title": "something else"}"#)
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/idempotency-key-reused",
        )
        .await;
    assert_eq!(todo_count(app).await, "1");

    // Keys are per user.
    let other = api.new_user("other").await;
    let theirs = post_with_key(
        api,
        &other.token,
        "key-1",
        r#"{"title": "pay rent", "priority": "high"}"#,
    )
    .await
    .expect(StatusCode::CREATED);
    assert_ne!(theirs["id"], first["id"]);

    // Malformed keys are refused; an invalid body does not use up the key.
    for bad in ["", "has space", &"k".repeat(256)] {
        let problem = post_with_key(api, &user.token, bad, r#"{"title": "x"}"#)
            .await
            .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
            .await;
        assert_eq!(error_fields(&problem), ["Idempotency-Key"], "{bad:?}");
    }
    post_with_key(api, &user.token, "key-2", r#"{"title": "  "}"#)
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    let res = post_with_key(api, &user.token, "key-2", r#"{"title": "fixed"}"#).await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert!(res.header("idempotent-replayed").is_none());
    assert_eq!(todo_count(app).await, "3");
}

fn bytes_literal(backend: Backend, bytes: &[u8]) -> String {
    let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
    match backend {
        Backend::Sqlite => format!("X'{hex}'"),
        Backend::Postgres => format!("'\\x{hex}'::bytea"),
    }
}

/// A timestamp literal both databases read as our column format.
fn time_literal(t: chrono::DateTime<chrono::Utc>) -> String {
    format!(
        "'{}'",
        t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
    )
}

async fn running_and_dead_first_requests(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("slow").await;
    // A first request that is still running: its key is claimed but has no response yet.
    let body = r#"{"title":"slow"}"#;
    let hash = Sha256::digest(body.as_bytes());
    let now = chrono::Utc::now();
    app.db
        .sql(&format!(
            "INSERT INTO idempotency_keys (user_id, idempotency_key, request_hash, created_at, locked_at) VALUES ({}, 'busy', {}, {t}, {t})",
            app.db.uuid_literal(&user.id),
            bytes_literal(app.db.backend, &hash),
            t = time_literal(now)
        ))
        .await;
    post_with_key(api, &user.token, "busy", body)
        .await
        .problem(StatusCode::CONFLICT, "/problems/idempotency-in-progress")
        .await;
    post_with_key(api, &user.token, "busy", r#"{"title":"other"}"#)
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/idempotency-key-reused",
        )
        .await;
    assert_eq!(todo_count(app).await, "0");
    // Two minutes later nothing has answered: the first request died, a retry takes over.
    app.db
        .sql(&format!(
            "UPDATE idempotency_keys SET locked_at = {} WHERE idempotency_key = 'busy'",
            time_literal(now - chrono::TimeDelta::minutes(2))
        ))
        .await;
    let res = post_with_key(api, &user.token, "busy", body).await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert!(res.header("idempotent-replayed").is_none());
    let res = post_with_key(api, &user.token, "busy", body).await;
    assert_eq!(res.headers["idempotent-replayed"], "true");
    assert_eq!(todo_count(app).await, "1");
}

async fn concurrent_retries_on_two_nodes_create_once(app: &TestApp) {
    let second = app.another_node(|_| {}).await;
    let user = app.api.new_user("burst").await;
    for round in 0..3 {
        let key = format!("burst-{round}");
        let requests = (0..10).map(|i| {
            let api = if i % 2 == 0 { &app.api } else { &second.api };
            let res = post_with_key(api, &user.token, &key, r#"{"title":"once"}"#);
            async move {
                let res = res.await;
                (res.status, res.body)
            }
        });
        let results = futures_util::future::join_all(requests).await;
        let ids: std::collections::HashSet<_> = results
            .iter()
            .filter(|(s, _)| *s == StatusCode::CREATED)
            .map(|(_, b)| b["id"].as_str().unwrap().to_owned())
            .collect();
        assert_eq!(ids.len(), 1, "round {round}: {results:?}");
        assert!(
            results
                .iter()
                .all(|(s, _)| [StatusCode::CREATED, StatusCode::CONFLICT].contains(s)),
            "{results:?}"
        );
        assert_eq!(todo_count(app).await, (round + 1).to_string());
    }
    second.stop().await;
}

async fn list_pages_have_etags(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("pages").await;
    for i in 0..3 {
        api.created_todo(&user.token, json!({"title": format!("t{i}")}))
            .await;
    }
    let res = api.list_todos(&user.token, "limit=2").await;
    let tag = res.header(ETAG).unwrap().to_owned();
    assert!(tag.starts_with("\"p-"), "{tag}");
    let page = res.expect(StatusCode::OK);
    let res = list_todos_if_none_match(api, &user.token, "limit=2", &tag).await;
    assert_eq!(res.status, StatusCode::NOT_MODIFIED);
    assert_eq!(res.header(ETAG).unwrap(), tag);
    assert!(res.is_empty());
    assert_eq!(
        list_todos_if_none_match(api, &user.token, "limit=2", &format!("W/{tag}"))
            .await
            .status,
        StatusCode::NOT_MODIFIED
    );
    // Changing a todo on the page changes the page.
    let id = page["items"][0]["id"].as_str().unwrap();
    api.update_todo(&user.token, id, &json!({"completed": true}))
        .await
        .expect(StatusCode::OK);
    let res = list_todos_if_none_match(api, &user.token, "limit=2", &tag).await;
    assert_eq!(res.status, StatusCode::OK);
    let changed = res.header(ETAG).unwrap().to_owned();
    assert_ne!(changed, tag);
    // So does a new todo at the top.
    api.created_todo(&user.token, json!({"title": "newest"}))
        .await;
    let res = list_todos_if_none_match(api, &user.token, "limit=2", &changed).await;
    assert_eq!(res.status, StatusCode::OK);
    assert_ne!(res.header(ETAG).unwrap(), changed);
}

/// Straight at the store: a first request that outlives its lock and comes back after a
/// retry took the key over stores nothing; the retry's creation is the one recorded.
async fn a_presumed_dead_request_cannot_finish_after_a_takeover(app: &TestApp) {
    use std::time::Duration;
    use todo_api::domain::{Claim, NewTodo, TodoDraft};
    let user = app.api.new_user("zombie").await;
    let owner = uuid::Uuid::parse_str(&user.id).unwrap();
    let store = &app.store;
    let t0 = chrono::Utc::now();
    let lock = Duration::from_secs(60);
    let day = Duration::from_secs(86_400);
    let Claim::Owned { locked_at: first } = store
        .claim_key(owner, "k", b"h", t0, lock, day)
        .await
        .unwrap()
    else {
        panic!("a new key is owned")
    };
    let later = t0 + chrono::TimeDelta::seconds(61);
    let Claim::Owned { locked_at: second } = store
        .claim_key(owner, "k", b"h", later, lock, day)
        .await
        .unwrap()
    else {
        panic!("a key locked over 60 s ago is taken over")
    };
    let draft = |title: &str| TodoDraft {
        title: title.into(),
        ..TodoDraft::default()
    };
    let zombie = NewTodo::parse(draft("zombie"), t0).unwrap();
    let err = store
        .insert_todo_for_key(owner, &zombie, "k", first, |_| "{}".into())
        .await
        .unwrap_err();
    assert!(
        matches!(err, todo_api::repo::RepoError::IdempotencyLockLost),
        "{err:?}"
    );
    let retry = NewTodo::parse(draft("retry"), later).unwrap();
    store
        .insert_todo_for_key(owner, &retry, "k", second, |t| {
            format!("{{\"title\":\"{}\"}}", t.title)
        })
        .await
        .unwrap();
    assert_eq!(todo_count(app).await, "1");
    assert!(matches!(
        store
            .claim_key(owner, "k", b"h", later, lock, day)
            .await
            .unwrap(),
        Claim::Replay { .. }
    ));
}

/// A response stored by the release before lists lacks the todo's new fields: its replay
/// gets them from the todo as it is now (or, once the todo is gone, the Inbox defaults),
/// and is still a valid `Todo` with the first response's own fields.
async fn a_replay_stored_before_lists_has_the_new_fields(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("oldreplay").await;
    let body = r#"{"title":"from the old release"}"#;
    let first = post_with_key(api, &user.token, "old-1", body).await;
    assert_eq!(first.status, StatusCode::CREATED);
    let mut old = first.body.clone();
    for field in [
        "list_id",
        "parent_id",
        "position",
        "subtask_count",
        "completed_subtask_count",
        "created_by",
        "updated_by",
        "completed_by",
    ] {
        old.as_object_mut().unwrap().remove(field);
    }
    let stored = serde_json::to_string(&old).unwrap();
    app.db
        .sql(&format!(
            "UPDATE idempotency_keys SET response_body = '{stored}' WHERE idempotency_key = 'old-1'"
        ))
        .await;
    let replay = post_with_key(api, &user.token, "old-1", body).await;
    assert_eq!(replay.status, StatusCode::CREATED);
    assert_eq!(replay.header("idempotent-replayed"), Some("true"));
    assert_eq!(replay.body, first.body, "completed from the todo as it is");
    // Gone since: the defaults of the release before lists (the caller's Inbox, top level).
    api.delete_todo(&user.token, first.body["id"].as_str().unwrap())
        .await
        .expect(StatusCode::NO_CONTENT);
    let replay = post_with_key(api, &user.token, "old-1", body).await;
    assert_eq!(replay.status, StatusCode::CREATED);
    assert_eq!(replay.body["title"], "from the old release");
    assert_eq!(replay.body["list_id"], user.id.as_str());
    assert_eq!(replay.body["parent_id"], serde_json::Value::Null);
    assert_eq!(replay.body["subtask_count"], 0);
}
