//! The whole user journey, and isolation between users.

use std::collections::HashSet;

use reqwest::StatusCode;
use reqwest::header::{LINK, LOCATION};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    full_journey,
    users_never_see_each_others_todos,
    text_is_stored_verbatim
);

async fn full_journey(app: &TestApp) {
    let api = &app.api;

    // Register: 201, Location, the account as stored.
    let res = api
        .register("Journey@Example.com", "journey password", "  Jo Urney ")
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert_eq!(res.headers[LOCATION], "/api/v1/users/me");
    let user = res.body;
    assert_eq!(user["email"], "Journey@Example.com");
    assert_eq!(user["display_name"], "Jo Urney");
    assert_eq!(user["role"], "user");

    // Token (email matched case-insensitively), then the account behind it.
    let token = api.login("journey@example.COM", "journey password").await;
    let me = api.get_current_user(&token).await.expect(StatusCode::OK);
    assert_eq!(me, user);

    // Create with every field.
    let res = api
        .create_todo(
            &token,
            &json!({"title": "  Buy milk ", "notes": "2 litres", "due_at": "2026-12-01T17:00:00+01:00", "priority": "high"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let location = res.header(LOCATION).unwrap().to_owned();
    let first = res.body;
    let id = first["id"].as_str().unwrap().to_owned();
    assert_eq!(location, format!("/api/v1/todos/{id}"));
    assert_eq!(first["title"], "Buy milk");
    assert_eq!(first["notes"], "2 litres");
    assert_eq!(first["due_at"], "2026-12-01T16:00:00Z");
    assert_eq!(first["priority"], "high");
    assert_eq!(first["completed"], false);
    assert_eq!(first["completed_at"], Value::Null);
    assert_eq!(first["created_at"], first["updated_at"]);

    // Defaults.
    let minimal = api.created_todo(&token, json!({"title": "minimal"})).await;
    assert_eq!(
        (&minimal["priority"], &minimal["notes"], &minimal["due_at"]),
        (&json!("normal"), &Value::Null, &Value::Null)
    );

    // 23 more, then walk every page of 10 following next_cursor and the Link header.
    let mut created = vec![id.clone(), minimal["id"].as_str().unwrap().to_owned()];
    for i in 0..23 {
        let t = api
            .created_todo(&token, json!({"title": format!("todo {i}")}))
            .await;
        created.push(t["id"].as_str().unwrap().to_owned());
    }
    let mut seen = Vec::new();
    let mut query = "limit=10".to_owned();
    let mut pages = 0;
    loop {
        let res = api.list_todos(&token, &query).await;
        assert_eq!(res.status, StatusCode::OK);
        let link = res.header(LINK).map(str::to_owned);
        let page = res.body;
        pages += 1;
        for item in page["items"].as_array().unwrap() {
            seen.push(item["id"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                let next = format!("/api/v1/todos?limit=10&cursor={cursor}");
                assert_eq!(link, Some(format!("<{next}>; rel=\"next\"")));
                query = next.trim_start_matches("/api/v1/todos?").to_owned();
            }
            None => {
                assert_eq!(link, None, "no Link on the last page");
                break;
            }
        }
    }
    assert_eq!(pages, 3);
    let expected: Vec<String> = created.iter().rev().cloned().collect();
    assert_eq!(seen, expected, "newest first, each todo exactly once");

    // Default page size is 20.
    let page = api.list_todos(&token, "").await.expect(StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len(), 20);

    // Get one.
    let got = api.get_todo(&token, &id).await.expect(StatusCode::OK);
    assert_eq!(got, first);

    // Patch: change the title and complete it; absent fields stay.
    let patched = api
        .update_todo(
            &token,
            &id,
            &json!({"title": "Buy oat milk", "completed": true}),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(patched["title"], "Buy oat milk");
    assert_eq!(patched["completed"], true);
    let completed_at = patched["completed_at"]
        .as_str()
        .expect("completed_at stamped")
        .to_owned();
    assert_eq!(patched["notes"], "2 litres");
    assert_eq!(patched["due_at"], first["due_at"]);
    assert_eq!(patched["priority"], "high");
    assert_eq!(patched["created_at"], first["created_at"]);
    assert_ne!(patched["updated_at"], first["updated_at"]);

    // Completing again keeps the original completion time.
    let again = api
        .update_todo(&token, &id, &json!({"completed": true}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(again["completed_at"], completed_at.as_str());

    // null clears nullable fields; reopening clears completed_at.
    let cleared = api
        .update_todo(
            &token,
            &id,
            &json!({"notes": null, "due_at": null, "completed": false, "priority": "low"}),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(cleared["notes"], Value::Null);
    assert_eq!(cleared["due_at"], Value::Null);
    assert_eq!(cleared["completed"], false);
    assert_eq!(cleared["completed_at"], Value::Null);
    assert_eq!(cleared["priority"], "low");
    assert_eq!(cleared["title"], "Buy oat milk");

    // The change is stored, not just echoed.
    let stored = api.get_todo(&token, &id).await.expect(StatusCode::OK);
    assert_eq!(stored, cleared);

    // An empty patch changes nothing.
    let same = api
        .update_todo(&token, &id, &json!({}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(same, cleared);

    // Delete, then it is gone.
    let res = api.delete_todo(&token, &id).await;
    assert_eq!(res.status, StatusCode::NO_CONTENT);
    assert!(res.is_empty());
    api.get_todo(&token, &id)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    // Deleting it again is a replay (issue 14): 204 while its tombstone is kept.
    assert_eq!(
        api.delete_todo(&token, &id).await.status,
        StatusCode::NO_CONTENT
    );
    let page = api
        .list_todos(&token, "limit=100")
        .await
        .expect(StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len(), 24);
}

async fn users_never_see_each_others_todos(app: &TestApp) {
    let api = &app.api;
    let ann = api.new_user("ann").await;
    let bob = api.new_user("bob").await;
    let todo = api
        .created_todo(&ann.token, json!({"title": "ann's secret"}))
        .await;
    let id = todo["id"].as_str().unwrap();
    for _ in 0..3 {
        api.created_todo(&ann.token, json!({"title": "more"})).await;
    }
    let bobs = api
        .created_todo(&bob.token, json!({"title": "bob's"}))
        .await;

    // Bob gets exactly what a missing todo gets.
    let missing = uuid::Uuid::now_v7().to_string();
    for id in [id, &missing] {
        api.get_todo(&bob.token, id)
            .await
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
        api.update_todo(&bob.token, id, &json!({"title": "mine now"}))
            .await
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
        api.delete_todo(&bob.token, id)
            .await
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
    }

    // Bob's list holds only his; Ann's todo is untouched.
    let page = api.list_todos(&bob.token, "").await.expect(StatusCode::OK);
    let ids: HashSet<_> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].clone())
        .collect();
    assert_eq!(ids, HashSet::from([bobs["id"].clone()]));
    let still = api.get_todo(&ann.token, id).await.expect(StatusCode::OK);
    assert_eq!(still, todo);

    // A cursor is bound to its user: Ann's cursor is refused to Bob.
    let page = api
        .list_todos(&ann.token, "limit=1")
        .await
        .expect(StatusCode::OK);
    let cursor = page["next_cursor"].as_str().unwrap();
    let problem = api
        .list_todos(&bob.token, &format!("limit=1&cursor={cursor}"))
        .await
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    assert_eq!(crate::support::client::error_fields(&problem), ["cursor"]);
}

async fn text_is_stored_verbatim(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("verbatim").await;
    for title in [
        "Fix <div> layout",
        "<script>alert('x')</script>",
        "O'Brien; DROP TABLE todos;--",
        "\" OR 1=1 --",
        "100% of _under_scores_ and \\backslashes\\",
        "✓ 日本語のタスク 🎉 — ünïcödé",
        "tab\tand\nnewline",
    ] {
        let notes = format!("notes for {title} & <b>bold</b>");
        let created = api
            .created_todo(&user.token, json!({"title": title, "notes": notes}))
            .await;
        assert_eq!(created["title"], title);
        let fetched = api
            .get_todo(&user.token, created["id"].as_str().unwrap())
            .await
            .expect(StatusCode::OK);
        assert_eq!(fetched["title"], title);
        assert_eq!(fetched["notes"], notes.as_str());
    }
    // Passwords and names with markup work too.
    let res = api
        .register(
            "markup@example.com",
            "p<a>ss'word\"; --",
            "<b>Bold</b> O'Neil",
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    assert_eq!(res.body["display_name"], "<b>Bold</b> O'Neil");
    api.login("markup@example.com", "p<a>ss'word\"; --").await;
}
