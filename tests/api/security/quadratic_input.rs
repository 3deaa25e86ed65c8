//! Finding 1: lists in requests cost linear work. A list over its limit is refused before
//! any element is looked at (one error naming the list), duplicates are found with a hash
//! set, and an answer lists at most 100 field errors. Before the fix, 32,000 tags were
//! compared pairwise (28 s of a worker thread) and each bad element got an error of its own.

use reqwest::{Method, StatusCode};
use serde_json::json;

use crate::dual_test;
use crate::support::client::error_fields;
use crate::support::{ProblemExt, TestApp};

dual_test!(huge_lists_are_refused_whole);

async fn huge_lists_are_refused_whole(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("lister").await;
    // 32,000 tags (about 350 KB), half of them blank, on create and on patch.
    let tags: Vec<String> = (0..32_000)
        .map(|i| {
            if i % 2 == 0 {
                format!("tag{i}")
            } else {
                " ".to_owned()
            }
        })
        .collect();
    let res = api
        .post("/todos", &user.token, &json!({"title": "t", "tags": tags}))
        .await;
    let body = res
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&body), ["tags"], "{body}");
    let todo = api.created_todo(&user.token, json!({"title": "t"})).await;
    let path = format!("/todos/{}", todo["id"].as_str().unwrap());
    let body = api
        .patch(&path, &user.token, &json!({"tags": tags}))
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&body), ["tags"], "{body}");

    // 20,000 copies of one id in a batch.
    let id = todo["id"].as_str().unwrap();
    let ids = vec![id; 20_000];
    let body = api
        .post(
            "/todos/batch",
            &user.token,
            &json!({"action": "complete", "ids": ids}),
        )
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&body), ["ids"], "{body}");

    // 5,000 repeated `tag` query parameters.
    let query: String = (0..5_000).map(|i| format!("tag=t{i}&")).collect();
    let body = api
        .get(&format!("/todos?{query}limit=5"), &user.token)
        .await
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    assert!(error_fields(&body).len() <= 100, "{body}");

    // 5,000 bad query parameters: an answer lists at most 100 errors.
    let query: String = (0..5_000).map(|_| "limit=x&".to_owned()).collect();
    let res = api
        .request(Method::GET, &format!("/todos?{query}"), Some(&user.token))
        .send()
        .await
        .unwrap();
    let body = res
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    assert!(error_fields(&body).len() <= 100, "{body}");

    // The todo is untouched by the refused patch and batch.
    let now: serde_json::Value = api.get(&path, &user.token).await.json().await.unwrap();
    assert_eq!(
        (now["tags"].clone(), now["completed"].clone()),
        (json!([]), json!(false))
    );
}
