//! Batch actions: all of the caller's todos named, in one transaction, or none.

use reqwest::StatusCode;
use reqwest::header::ETAG;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::error_fields;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    batch_actions_apply_to_every_todo_named,
    batches_are_all_or_nothing
);

async fn batch_actions_apply_to_every_todo_named(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("batcher").await;
    let mut ids = Vec::new();
    for i in 0..5 {
        let t = api
            .created_todo(&user.token, json!({"title": format!("t{i}")}))
            .await;
        ids.push(t["id"].as_str().unwrap().to_owned());
    }
    let token = user.token.as_str();
    let batch = |action: &str, ids: Vec<&String>| {
        let body = json!({"action": action, "ids": ids});
        async move { api.batch_todos(token, &body).await }
    };

    let done = batch("complete", vec![&ids[2], &ids[0], &ids[1]])
        .await
        .expect(StatusCode::OK);
    assert_eq!(done["affected"], 3);
    let order: Vec<&str> = done["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap())
        .collect();
    assert_eq!(
        order,
        [ids[2].as_str(), ids[0].as_str(), ids[1].as_str()],
        "request order"
    );
    assert!(
        done["items"]
            .as_array()
            .unwrap()
            .iter()
            .all(|t| t["completed"] == true && t["completed_at"].is_string())
    );
    let completed_at = done["items"][1]["completed_at"].clone();

    // Already complete todos are left as they were.
    let again = batch("complete", vec![&ids[0], &ids[3]])
        .await
        .expect(StatusCode::OK);
    assert_eq!(again["affected"], 1);
    assert_eq!(again["items"][0]["completed_at"], completed_at);
    let fetched = api.get_todo(&user.token, &ids[3]).await;
    assert_eq!(fetched.status, StatusCode::OK);
    assert_eq!(
        fetched.headers[ETAG], "\"v2\"",
        "a changed todo gets a new version"
    );

    let reopened = batch("reopen", vec![&ids[0]]).await.expect(StatusCode::OK);
    assert_eq!(
        (
            reopened["affected"].as_i64(),
            &reopened["items"][0]["completed_at"]
        ),
        (Some(1), &Value::Null)
    );

    let deleted = batch("delete", vec![&ids[1], &ids[2]])
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (
            deleted["affected"].as_i64(),
            deleted["items"].as_array().unwrap().len()
        ),
        (Some(2), 0)
    );
    for id in [&ids[1], &ids[2]] {
        api.get_todo(&user.token, id)
            .await
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
    }
    let page = api.list_todos(&user.token, "").await.expect(StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
}

async fn batches_are_all_or_nothing(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("careful").await;
    let other = api.new_user("neighbour").await;
    let mine: Vec<String> = {
        let mut v = Vec::new();
        for i in 0..3 {
            v.push(
                api.created_todo(&user.token, json!({"title": format!("mine {i}")}))
                    .await["id"]
                    .as_str()
                    .unwrap()
                    .to_owned(),
            );
        }
        v
    };
    let theirs = api
        .created_todo(&other.token, json!({"title": "theirs"}))
        .await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let missing = uuid::Uuid::now_v7().to_string();
    let cases: Vec<(Value, Vec<String>)> = vec![
        (
            json!({"action": "delete", "ids": [mine[0], theirs, mine[1]]}),
            vec!["ids[1]".into()],
        ),
        (
            json!({"action": "complete", "ids": [mine[0], missing, mine[2]]}),
            vec!["ids[1]".into()],
        ),
        (
            json!({"action": "complete", "ids": [mine[0], mine[1], mine[0]]}),
            vec!["ids[2]".into()],
        ),
        (json!({"action": "complete", "ids": []}), vec!["ids".into()]),
        (
            json!({"action": "complete", "ids": (0..101).map(|_| uuid::Uuid::now_v7().to_string()).collect::<Vec<_>>()}),
            vec!["ids".into()],
        ),
        (
            json!({"action": "archive", "ids": [mine[0]]}),
            vec!["action".into()],
        ),
        (
            json!({"action": "complete", "ids": ["not-a-uuid"]}),
            vec!["ids[0]".into()],
        ),
    ];
    for (body, fields) in cases {
        let problem = api
            .batch_todos(&user.token, &body)
            .await
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
        assert_eq!(error_fields(&problem), fields, "{body}");
    }
    // Nothing changed, for either user.
    let page = api.list_todos(&user.token, "").await.expect(StatusCode::OK);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 3);
    assert!(items.iter().all(|t| t["completed"] == false));
    let res = api.get_todo(&other.token, &theirs).await;
    assert_eq!(res.status, StatusCode::OK);
}
