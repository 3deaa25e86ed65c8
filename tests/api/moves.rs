//! Manual order: `POST /todos/{id}/move` with `after`, `before` and `to`, the checks of a
//! move, respacing once keys grow long, and concurrent movers in one list (serialised per
//! list: distinct positions, nothing lost), on both databases.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::TestApp;
use crate::support::client::{Api, error_fields};
use crate::todos_in_lists::{all, id, new_list, titles};

dual_test!(
    after_before_first_and_last,
    a_move_must_name_one_place_among_its_siblings,
    moves_make_and_unmake_subtasks,
    long_keys_are_respaced,
    eight_concurrent_movers_leave_distinct_positions
);

async fn titled(api: &Api, token: &str, list: &str, names: &[&str]) -> Vec<Value> {
    let mut out = Vec::new();
    for name in names {
        out.push(
            api.created_todo(token, json!({"title": name, "list_id": list}))
                .await,
        );
    }
    out
}

async fn order(api: &Api, token: &str, list: &str) -> Vec<String> {
    titles(&all(api, token, &format!("list_id={list}&top_level=true")).await)
        .into_iter()
        .map(str::to_owned)
        .collect()
}

async fn after_before_first_and_last(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("orderer").await;
    let list = alice.id.clone();
    let t = titled(api, &alice.token, &list, &["a", "b", "c", "d"]).await;
    let moved = api
        .move_todo(&alice.token, id(&t[0]), &json!({"after": id(&t[2])}))
        .await;
    assert_eq!(moved.status, StatusCode::OK, "{}", moved.body);
    assert_eq!(moved.header("etag"), Some("\"v2\""));
    assert_eq!(order(api, &alice.token, &list).await, ["b", "c", "a", "d"]);
    api.move_todo(&alice.token, id(&t[3]), &json!({"before": id(&t[1])}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(order(api, &alice.token, &list).await, ["d", "b", "c", "a"]);
    api.move_todo(&alice.token, id(&t[2]), &json!({"to": "first"}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(order(api, &alice.token, &list).await, ["c", "d", "b", "a"]);
    api.move_todo(&alice.token, id(&t[2]), &json!({"to": "last"}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(order(api, &alice.token, &list).await, ["d", "b", "a", "c"]);
    // Siblings keep their keys: only the moved todo changes.
    let b = api
        .get_todo(&alice.token, id(&t[1]))
        .await
        .expect(StatusCode::OK);
    assert_eq!(b["position"], t[1]["position"]);
    assert_eq!(b["updated_at"], t[1]["updated_at"]);

    // If-Match: a stale version is 412 and moves nothing.
    let stale = api
        .request(
            reqwest::Method::POST,
            &format!("/todos/{}/move", id(&t[3])),
            Some(&alice.token),
        )
        .header("if-match", "\"v1\"")
        .json(&json!({"to": "last"}))
        .send()
        .await
        .unwrap();
    assert_eq!(stale.status(), StatusCode::PRECONDITION_FAILED);
    let current = api
        .request(
            reqwest::Method::POST,
            &format!("/todos/{}/move", id(&t[3])),
            Some(&alice.token),
        )
        .header("if-match", "\"v2\"")
        .json(&json!({"to": "last"}))
        .send()
        .await
        .unwrap();
    assert_eq!(current.status(), StatusCode::OK);
    assert_eq!(order(api, &alice.token, &list).await, ["b", "a", "c", "d"]);
}

async fn a_move_must_name_one_place_among_its_siblings(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("checker").await;
    let work = new_list(app, &alice.id, "Work").await;
    let t = titled(api, &alice.token, &alice.id, &["a", "b"]).await;
    let elsewhere = titled(api, &alice.token, &work, &["w"]).await;
    for (body, field) in [
        (json!({}), "to"),
        (json!({"after": id(&t[1]), "to": "last"}), "to"),
        (json!({"after": id(&t[1]), "before": id(&t[1])}), "to"),
        (json!({"after": id(&t[1]), "parent_id": null}), "parent_id"),
        (json!({"after": id(&t[0])}), "after"),
        (json!({"before": id(&elsewhere[0])}), "before"),
        (json!({"after": uuid::Uuid::now_v7().to_string()}), "after"),
        (json!({"to": "first", "parent_id": id(&t[0])}), "parent_id"),
        (
            json!({"to": "first", "parent_id": id(&elsewhere[0])}),
            "parent_id",
        ),
    ] {
        let res = api.move_todo(&alice.token, id(&t[0]), &body).await;
        assert_eq!(
            res.status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{body}: {}",
            res.body
        );
        assert_eq!(error_fields(&res.body), [field], "{body}");
    }
    let res = api
        .move_todo(
            &alice.token,
            &uuid::Uuid::now_v7().to_string(),
            &json!({"to": "first"}),
        )
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND);
    assert_eq!(order(api, &alice.token, &alice.id).await, ["a", "b"]);
}

async fn moves_make_and_unmake_subtasks(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("nester").await;
    let list = alice.id.clone();
    let t = titled(api, &alice.token, &list, &["p", "x", "y"]).await;
    let sub = api
        .created_todo(&alice.token, json!({"title": "s", "parent_id": id(&t[0])}))
        .await;
    // `to` with a parent makes it a subtask there.
    let x = api
        .move_todo(
            &alice.token,
            id(&t[1]),
            &json!({"to": "first", "parent_id": id(&t[0])}),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(x["parent_id"], id(&t[0]));
    // Naming a subtask as the sibling takes its parent.
    let y = api
        .move_todo(&alice.token, id(&t[2]), &json!({"after": id(&sub)}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(y["parent_id"], id(&t[0]));
    let children = all(
        api,
        &alice.token,
        &format!("parent_id={}&sort=position", id(&t[0])),
    )
    .await;
    assert_eq!(titles(&children), ["x", "s", "y"]);
    let parent = api
        .get_todo(&alice.token, id(&t[0]))
        .await
        .expect(StatusCode::OK);
    assert_eq!(parent["subtask_count"], 3);
    // `parent_id: null` takes it back to the top level.
    let back = api
        .move_todo(
            &alice.token,
            id(&sub),
            &json!({"to": "last", "parent_id": null}),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(back["parent_id"], Value::Null);
    assert_eq!(order(api, &alice.token, &list).await, ["p", "s"]);
}

/// Sixty moves alternating between the same two neighbours halve the gap each time: the
/// key would pass 48 characters, so the siblings are respaced and the order holds.
async fn long_keys_are_respaced(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("squeezer").await;
    let list = alice.id.clone();
    let t = titled(api, &alice.token, &list, &["a", "b", "c", "d"]).await;
    let mut longest = 0;
    for i in 0..60 {
        // Alternately put c and d right after a: each lands between a and the other.
        let (mover, after) = if i % 2 == 0 {
            (&t[2], &t[0])
        } else {
            (&t[3], &t[0])
        };
        let moved = api
            .move_todo(&alice.token, id(mover), &json!({"after": id(after)}))
            .await
            .expect(StatusCode::OK);
        longest = longest.max(moved["position"].as_str().unwrap().len());
    }
    assert!(longest <= 48, "keys stay short: {longest}");
    let items = all(api, &alice.token, &format!("list_id={list}")).await;
    assert_eq!(titles(&items), ["a", "d", "c", "b"]);
    let mut keys: Vec<&str> = items
        .iter()
        .map(|t| t["position"].as_str().unwrap())
        .collect();
    assert!(keys.iter().all(|k| k.len() <= 48), "{keys:?}");
    keys.dedup();
    assert_eq!(keys.len(), 4);
    assert!(keys.windows(2).all(|w| w[0] < w[1]), "{keys:?}");
}

/// Eight clients move the todos of one list at once: afterwards every todo is still there,
/// once, and no two share a position.
async fn eight_concurrent_movers_leave_distinct_positions(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("crowd").await;
    let list = new_list(app, &alice.id, "Busy").await;
    let names: Vec<String> = (0..12).map(|i| format!("t{i:02}")).collect();
    let refs: Vec<&str> = names.iter().map(String::as_str).collect();
    let todos = titled(api, &alice.token, &list, &refs).await;
    let ids: Vec<String> = todos.iter().map(|t| id(t).to_owned()).collect();
    let mut movers = Vec::new();
    for m in 0..8usize {
        let api = api.clone();
        let token = alice.token.clone();
        let ids = ids.clone();
        movers.push(tokio::spawn(async move {
            for step in 0..8usize {
                let me = &ids[(m * 3 + step * 5) % ids.len()];
                let other = &ids[(m * 7 + step * 3 + 1) % ids.len()];
                let body = match (step + m) % 4 {
                    _ if me == other => json!({"to": "first"}),
                    0 => json!({"after": other}),
                    1 => json!({"before": other}),
                    2 => json!({"to": "first"}),
                    _ => json!({"to": "last"}),
                };
                let res = api.move_todo(&token, me, &body).await;
                assert_eq!(res.status, StatusCode::OK, "{body}: {}", res.body);
            }
        }));
    }
    for mover in movers {
        mover.await.unwrap();
    }
    let items = all(api, &alice.token, &format!("list_id={list}")).await;
    let mut seen: Vec<&str> = items.iter().map(id).collect();
    seen.sort();
    let mut expected: Vec<&str> = ids.iter().map(String::as_str).collect();
    expected.sort();
    assert_eq!(seen, expected, "every todo once");
    let mut keys: Vec<&str> = items
        .iter()
        .map(|t| t["position"].as_str().unwrap())
        .collect();
    assert!(
        keys.windows(2).all(|w| w[0] < w[1]),
        "strictly increasing: {keys:?}"
    );
    keys.dedup();
    assert_eq!(keys.len(), ids.len());
}
