//! Finding 7: every value the API accepts round-trips on both databases; anything else is
//! refused naming the field, never a 500. Before the fix, a `due_at` in year 10000 or
//! year -1 was stored and could then not be read back (500, rolled back). Parsers of
//! bodies, query strings, cursors and tokens are also property-tested (`proptest`, in the
//! unit tests) and Schemathesis' negative phase runs against both databases in CI.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::error_fields;
use crate::support::{ProblemExt, TestApp};

dual_test!(instants_outside_years_1_to_9999_are_refused);

async fn instants_outside_years_1_to_9999_are_refused(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("time-traveller").await;
    for bad in [
        "10000-01-01T00:00:00Z",
        "-0001-01-01T00:00:00Z",
        "0000-12-31T23:59:59Z",
    ] {
        let body = api
            .post("/todos", &user.token, &json!({"title": "t", "due_at": bad}))
            .await
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
        assert_eq!(error_fields(&body), ["due_at"], "{bad}: {body}");
        let todo = api.created_todo(&user.token, json!({"title": "t"})).await;
        let path = format!("/todos/{}", todo["id"].as_str().unwrap());
        let body = api
            .patch(&path, &user.token, &json!({"due_at": bad}))
            .await
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
        assert_eq!(error_fields(&body), ["due_at"], "{bad}: {body}");
        for param in ["due_before", "due_after"] {
            let query = format!("/todos?{param}={}", bad.replace('+', "%2B"));
            let body = api
                .get(&query, &user.token)
                .await
                .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
                .await;
            assert_eq!(error_fields(&body), [param], "{bad}: {body}");
        }
    }
    // The extremes that are accepted come back exactly, in every sort and page.
    let extremes = ["0001-01-01T00:00:00Z", "9999-12-31T23:59:59.999999Z"];
    for due in extremes {
        let todo = api
            .created_todo(&user.token, json!({"title": due, "due_at": due}))
            .await;
        assert_eq!(todo["due_at"], due);
        let path = format!("/todos/{}", todo["id"].as_str().unwrap());
        let again: Value = api.get(&path, &user.token).await.json().await.unwrap();
        assert_eq!(again["due_at"], due);
    }
    for sort in ["due_at", "-due_at"] {
        let mut seen = Vec::new();
        let mut next = format!("/todos?sort={sort}&limit=1&due_after=0001-01-01T00:00:00Z");
        loop {
            let res = api.get(&next, &user.token).await;
            assert_eq!(res.status(), StatusCode::OK, "{next}");
            let page: Value = res.json().await.unwrap();
            seen.extend(
                page["items"]
                    .as_array()
                    .unwrap()
                    .iter()
                    .map(|t| t["due_at"].clone()),
            );
            match page["next_cursor"].as_str() {
                Some(cursor) => {
                    next = format!(
                        "/todos?sort={sort}&limit=1&cursor={cursor}&due_after=0001-01-01T00:00:00Z"
                    )
                }
                None => break,
            }
        }
        // due_after is exclusive: year 1 itself is not after itself.
        assert_eq!(seen, [json!(extremes[1])], "{sort}");
    }
}
