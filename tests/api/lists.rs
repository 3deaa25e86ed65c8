//! Lists: CRUD with ETags and If-Match, the Inbox's rules, the per-account bound, and each
//! member's own order (moves, concurrent moves, respacing past long keys).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::error_fields;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    lists_are_created_read_renamed_and_deleted_with_etags,
    the_inbox_is_private_and_stays,
    an_account_has_at_most_200_lists,
    each_member_orders_their_lists,
    concurrent_moves_leave_every_list_once,
    long_keys_are_respaced
);

/// The ids of the caller's lists, in their order, over every page (`limit` per page).
pub(crate) async fn list_ids(app: &TestApp, token: &str, limit: u32) -> Vec<String> {
    let mut ids = Vec::new();
    let mut query = format!("limit={limit}");
    loop {
        let page = app.list_lists(token, &query).await.expect(StatusCode::OK);
        for item in page["items"].as_array().unwrap() {
            ids.push(item["id"].as_str().unwrap().to_owned());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("limit={limit}&cursor={cursor}"),
            None => return ids,
        }
    }
}

/// Puts a todo into a list (the todo's list is the todos' own business; here only the
/// row matters).
pub(crate) async fn todo_in_list(app: &TestApp, token: &str, list_id: &str) -> String {
    let todo = app
        .api
        .created_todo(token, json!({"title": "in a list", "tags": ["listed"]}))
        .await;
    let id = todo["id"].as_str().unwrap().to_owned();
    app.db
        .sql(&format!(
            "UPDATE todos SET list_id = {} WHERE id = {}",
            app.db.uuid_literal(list_id),
            app.db.uuid_literal(&id)
        ))
        .await;
    id
}

async fn lists_are_created_read_renamed_and_deleted_with_etags(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let res = app
        .create_list(
            &ann.token,
            &json!({"name": "  Groceries ", "color": "#3366cc"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    assert_eq!(res.header("etag"), Some("\"v1\""));
    let list = res.body.clone();
    let id = list["id"].as_str().unwrap();
    assert_eq!(
        res.header("location"),
        Some(format!("/api/v1/lists/{id}").as_str())
    );
    assert_eq!(list["name"], "Groceries");
    assert_eq!(list["color"], "#3366cc");
    assert_eq!(list["default"], false);
    assert_eq!(list["role"], "owner");
    assert_eq!(list["member_count"], 1);

    // Validation: blank names, bad colours.
    for body in [
        json!({"name": "   "}),
        json!({"name": "x".repeat(101)}),
        json!({"name": "ok", "color": "red"}),
    ] {
        let res = app.create_list(&ann.token, &body).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            res.body
        );
    }

    // Read, conditional read.
    let got = app.get_list(&ann.token, id, None).await;
    assert_eq!(got.header("etag"), Some("\"v1\""));
    assert_eq!(got.expect(StatusCode::OK), list);
    let not_modified = app.get_list(&ann.token, id, Some("\"v1\"")).await;
    assert_eq!(not_modified.status, StatusCode::NOT_MODIFIED);

    // Rename with If-Match; the old version then fails; null clears the colour.
    let renamed = app
        .update_list(&ann.token, id, &json!({"name": " Food "}), Some("\"v1\""))
        .await;
    assert_eq!(renamed.header("etag"), Some("\"v2\""));
    let renamed = renamed.expect(StatusCode::OK);
    assert_eq!(
        (renamed["name"].as_str(), renamed["color"].as_str()),
        (Some("Food"), Some("#3366cc"))
    );
    app.update_list(&ann.token, id, &json!({"name": "Again"}), Some("\"v1\""))
        .await
        .problem(
            StatusCode::PRECONDITION_FAILED,
            "/problems/precondition-failed",
        )
        .await;
    let cleared = app
        .update_list(&ann.token, id, &json!({"color": null}), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(cleared["color"], Value::Null);
    assert_eq!(cleared["name"], "Food");
    assert_eq!(
        app.get_list(&ann.token, id, Some("\"v2\"")).await.status,
        StatusCode::OK,
        "a changed list is sent again"
    );

    // Someone else's list does not exist for them; nor does a random id.
    let bob = app.api.new_user("bob").await;
    for token in [&bob.token] {
        app.get_list(token, id, None)
            .await
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
        app.update_list(token, id, &json!({"name": "mine"}), None)
            .await
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
        app.delete_list(token, id, "", None)
            .await
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
    }
    let nowhere = uuid::Uuid::now_v7().to_string();
    app.get_list(&ann.token, &nowhere, None)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // A list with todos is kept unless its todos go too; If-Match applies.
    let todo = todo_in_list(app, &ann.token, id).await;
    app.delete_list(&ann.token, id, "", None)
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    app.delete_list(&ann.token, id, "delete_todos=true", Some("\"v1\""))
        .await
        .problem(
            StatusCode::PRECONDITION_FAILED,
            "/problems/precondition-failed",
        )
        .await;
    let deleted = app
        .delete_list(&ann.token, id, "delete_todos=true", Some("\"v3\""))
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    app.get_list(&ann.token, id, None)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    assert_eq!(
        app.api.get_todo(&ann.token, &todo).await.status,
        StatusCode::NOT_FOUND
    );

    // An empty list goes without the flag.
    let empty = app.created_list(&ann.token, "Empty").await;
    assert_eq!(
        app.delete_list(&ann.token, empty["id"].as_str().unwrap(), "", None)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
}

async fn the_inbox_is_private_and_stays(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let page = app.list_lists(&ann.token, "").await.expect(StatusCode::OK);
    let items = page["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{page}");
    let inbox = &items[0];
    assert_eq!(inbox["id"], ann.id.as_str());
    assert_eq!(inbox["name"], "Inbox");
    assert_eq!(inbox["default"], true);
    assert_eq!(inbox["role"], "owner");
    assert_eq!(inbox["member_count"], 1);
    // Renamed, yes; deleted or shared, no.
    let renamed = app
        .update_list(&ann.token, &ann.id, &json!({"name": "Eingang"}), None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(renamed["default"], true);
    app.delete_list(&ann.token, &ann.id, "delete_todos=true", None)
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    app.create_invitation(&ann.token, &ann.id, &json!({"email": "bob@example.com"}))
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    // The last owner cannot leave it either.
    app.remove_member(&ann.token, &ann.id, &ann.id)
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
}

async fn an_account_has_at_most_200_lists(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    for i in 1..200 {
        app.create_list(&ann.token, &json!({"name": format!("list {i}")}))
            .await
            .expect(StatusCode::CREATED);
    }
    let body = app
        .create_list(&ann.token, &json!({"name": "one too many"}))
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    assert!(body["detail"].as_str().unwrap().contains("200"), "{body}");
    // Every one of them is listed once, in creation order after the Inbox.
    let ids = list_ids(app, &ann.token, 100).await;
    assert_eq!(ids.len(), 200);
    assert_eq!(ids[0], ann.id);
    let page = app
        .list_lists(&ann.token, "limit=3")
        .await
        .expect(StatusCode::OK);
    let names: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|l| l["name"].as_str().unwrap())
        .collect();
    assert_eq!(names, ["Inbox", "list 1", "list 2"]);
}

async fn each_member_orders_their_lists(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let bob = app.api.new_user("bob").await;
    let a = app.created_list(&ann.token, "A").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = app.created_list(&ann.token, "B").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let c = app.created_list(&ann.token, "C").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let inbox = ann.id.clone();
    assert_eq!(
        list_ids(app, &ann.token, 2).await,
        [inbox.as_str(), a.as_str(), b.as_str(), c.as_str()]
    );

    let moved = app
        .move_list(&ann.token, &c, &json!({"to": "first"}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(moved["id"], c.as_str());
    assert_eq!(
        list_ids(app, &ann.token, 2).await,
        [c.as_str(), inbox.as_str(), a.as_str(), b.as_str()]
    );
    app.move_list(&ann.token, &a, &json!({"after": b}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        list_ids(app, &ann.token, 2).await,
        [c.as_str(), inbox.as_str(), b.as_str(), a.as_str()]
    );
    app.move_list(&ann.token, &inbox, &json!({"before": a}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        list_ids(app, &ann.token, 2).await,
        [c.as_str(), b.as_str(), inbox.as_str(), a.as_str()]
    );
    app.move_list(&ann.token, &c, &json!({"to": "last"}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        list_ids(app, &ann.token, 3).await,
        [b.as_str(), inbox.as_str(), a.as_str(), c.as_str()]
    );

    // Exactly one target, and one of the caller's other lists.
    for body in [
        json!({}),
        json!({"after": a, "to": "first"}),
        json!({"after": a, "before": b}),
        json!({"after": bob.id}),
        json!({"before": c}),
    ] {
        let res = app.move_list(&ann.token, &c, &body).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            res.body
        );
    }
    let problem = app
        .move_list(&ann.token, &c, &json!({"after": bob.id}))
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&problem), ["after"]);
    // Someone else's list cannot be moved, nor moved around.
    app.move_list(&bob.token, &a, &json!({"to": "first"}))
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // A shared list: every member has their own order; a viewer may order too.
    app.share(&ann, &b, &bob, "viewer").await;
    assert_eq!(
        list_ids(app, &bob.token, 10).await,
        [bob.id.as_str(), b.as_str()]
    );
    app.move_list(&bob.token, &b, &json!({"to": "first"}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        list_ids(app, &bob.token, 10).await,
        [b.as_str(), bob.id.as_str()]
    );
    assert_eq!(
        list_ids(app, &ann.token, 10).await,
        [b.as_str(), inbox.as_str(), a.as_str(), c.as_str()]
    );
    let shared = app
        .get_list(&bob.token, &b, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (shared["role"].as_str(), shared["member_count"].as_i64()),
        (Some("viewer"), Some(2))
    );
}

async fn concurrent_moves_leave_every_list_once(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let mut ids = vec![ann.id.clone()];
    for i in 0..8 {
        ids.push(
            app.created_list(&ann.token, &format!("L{i}")).await["id"]
                .as_str()
                .unwrap()
                .to_owned(),
        );
    }
    // Eight movers at once, each moving its own list to the front or after a neighbour.
    for round in 0..3 {
        let moves = ids[1..].iter().enumerate().map(|(i, id)| {
            let body = match (i + round) % 3 {
                0 => json!({"to": "first"}),
                1 => json!({"after": ids[0]}),
                _ => json!({"before": ids[0]}),
            };
            let token = ann.token.clone();
            let id = id.clone();
            async move { app.move_list(&token, &id, &body).await.status }
        });
        for status in futures_util::future::join_all(moves).await {
            assert_eq!(status, StatusCode::OK);
        }
        let mut listed = list_ids(app, &ann.token, 4).await;
        assert_eq!(listed.len(), ids.len());
        listed.sort();
        let mut expected = ids.clone();
        expected.sort();
        assert_eq!(listed, expected, "every list exactly once");
        let distinct = app
            .db
            .sql(&format!(
                "SELECT CAST(COUNT(DISTINCT position) AS TEXT) FROM list_members WHERE user_id = {}",
                app.db.uuid_literal(&ann.id)
            ))
            .await;
        assert_eq!(
            distinct.as_deref(),
            Some("9"),
            "no two lists share a position"
        );
    }
}

async fn long_keys_are_respaced(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let a = ann.id.clone();
    let x = app.created_list(&ann.token, "X").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let y = app.created_list(&ann.token, "Y").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let b = app.created_list(&ann.token, "B").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    // Always right after A: each new key halves the gap between A and the previous one,
    // which lengthens the keys until they are respaced.
    let longest = format!(
        "SELECT CAST(MAX(LENGTH(position)) AS TEXT) FROM list_members WHERE user_id = {}",
        app.db.uuid_literal(&ann.id)
    );
    let mut seen_longest = 0;
    for i in 0..400 {
        let moved = if i % 2 == 0 { &x } else { &y };
        app.move_list(&ann.token, moved, &json!({"after": a}))
            .await
            .expect(StatusCode::OK);
        // Without respacing the keys would only grow, so a sample suffices.
        if i % 10 == 9 {
            let len: usize = app.db.sql(&longest).await.unwrap().parse().unwrap();
            assert!(len <= 48, "a key of {len} characters stayed");
            seen_longest = seen_longest.max(len);
        }
    }
    assert!(seen_longest > 20, "the keys did grow ({seen_longest})");
    // After 400 moves (the last one moved Y), the order is A, Y, X, B.
    assert_eq!(
        list_ids(app, &ann.token, 10).await,
        [a.as_str(), y.as_str(), x.as_str(), b.as_str()]
    );
}
