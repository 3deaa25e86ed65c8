//! Offline-friendly writes (issue 14, T007): a create with a client-chosen id is applied at
//! most once (a replay answers 200 with the item as it is now, also when two arrive at
//! once), an id that is not the caller's to use answers 409 `/problems/id-conflict` (never
//! a resurrection of a deleted item), a replayed delete answers 204, a replayed update with
//! a stale `If-Match` 412. Todos and lists, both databases.

use reqwest::StatusCode;
use serde_json::{Value, json};
use uuid::Uuid;

use crate::dual_test;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    a_replayed_create_answers_200_with_the_item_as_it_is_now,
    idempotency_keys_and_client_ids_agree,
    concurrent_creates_with_one_id_make_one_item,
    an_id_of_something_else_is_a_conflict,
    a_deleted_id_is_never_resurrected,
    a_replayed_delete_is_a_no_op,
    a_replayed_update_with_a_stale_version_is_412
);

const ID_CONFLICT: &str = "/problems/id-conflict";

fn id() -> String {
    Uuid::now_v7().to_string()
}

/// The ids of everything `GET /todos` shows the caller (one page suffices here).
async fn todo_ids(app: &TestApp, token: &str) -> Vec<String> {
    let page = app
        .api
        .list_todos(token, "limit=100")
        .await
        .expect(StatusCode::OK);
    page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["id"].as_str().unwrap().to_owned())
        .collect()
}

async fn a_replayed_create_answers_200_with_the_item_as_it_is_now(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let todo_id = id();
    let body = json!({"id": todo_id, "title": "made offline", "tags": ["queued"]});
    let first = app.api.create_todo(&ann.token, &body).await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    assert_eq!(first.body["id"], todo_id.as_str());
    assert_eq!(first.header("etag"), Some("\"v1\""));
    // Changed since (by another device), then the queue replays the create.
    app.api
        .update_todo(&ann.token, &todo_id, &json!({"title": "renamed"}))
        .await
        .expect(StatusCode::OK);
    let replay = app.api.create_todo(&ann.token, &body).await;
    assert_eq!(replay.status, StatusCode::OK, "{}", replay.body);
    assert_eq!(replay.header("etag"), Some("\"v2\""));
    assert_eq!(
        replay.header("location"),
        Some(format!("/api/v1/todos/{todo_id}").as_str())
    );
    assert_eq!(replay.header("idempotent-replayed"), None);
    let now = app
        .api
        .get_todo(&ann.token, &todo_id)
        .await
        .expect(StatusCode::OK);
    assert_eq!(replay.body, now, "the todo as it is now");
    assert_eq!(now["title"], "renamed", "the replay changed nothing");
    // Even with another body (the queue's copy may be older): nothing changes.
    let other = json!({"id": todo_id, "title": "other", "list_id": Uuid::now_v7()});
    let again = app.api.create_todo(&ann.token, &other).await;
    assert_eq!(again.status, StatusCode::OK, "{}", again.body);
    assert_eq!(again.body, now);
    assert_eq!(todo_ids(app, &ann.token).await, vec![todo_id.clone()]);

    // A member of the list who can see the todo gets it too; nothing is created for them.
    let bob = app.api.new_user("bob").await;
    let list = app.created_list(&ann.token, "Shared").await;
    let list_id = list["id"].as_str().unwrap();
    app.share(&ann, list_id, &bob, "viewer").await;
    let shared_id = id();
    app.api
        .created_todo(
            &ann.token,
            json!({"id": shared_id, "title": "shared", "list_id": list_id}),
        )
        .await;
    let seen = app
        .api
        .create_todo(&bob.token, &json!({"id": shared_id, "title": "mine?"}))
        .await;
    assert_eq!(seen.status, StatusCode::OK, "{}", seen.body);
    assert_eq!(seen.body["title"], "shared");
    assert_eq!(seen.body["list_id"], list_id);

    // Without an id the server picks one, as before.
    let plain = app
        .api
        .created_todo(&ann.token, json!({"title": "plain"}))
        .await;
    assert_ne!(plain["id"], todo_id.as_str());

    // Lists likewise.
    let list_id = id();
    let body = json!({"id": list_id, "name": "Offline list"});
    let made = app.create_list(&ann.token, &body).await;
    assert_eq!(made.status, StatusCode::CREATED, "{}", made.body);
    assert_eq!(made.body["id"], list_id.as_str());
    app.update_list(&ann.token, &list_id, &json!({"name": "Renamed"}), None)
        .await
        .expect(StatusCode::OK);
    let replay = app.create_list(&ann.token, &body).await;
    assert_eq!(replay.status, StatusCode::OK, "{}", replay.body);
    assert_eq!(replay.header("etag"), Some("\"v2\""));
    assert_eq!(
        replay.header("location"),
        Some(format!("/api/v1/lists/{list_id}").as_str())
    );
    assert_eq!(replay.body["name"], "Renamed");
    let now = app
        .get_list(&ann.token, &list_id, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(replay.body, now);
    // The caller's own Inbox has their id: a create with it is a replay of nothing new.
    let inbox = app
        .create_list(&ann.token, &json!({"id": ann.id, "name": "Inbox?"}))
        .await;
    assert_eq!(inbox.status, StatusCode::OK, "{}", inbox.body);
    assert_eq!(inbox.body["default"], true);
    let lists = app
        .list_lists(&ann.token, "limit=100")
        .await
        .expect(StatusCode::OK);
    assert_eq!(lists["items"].as_array().unwrap().len(), 3, "{lists}");
}

async fn idempotency_keys_and_client_ids_agree(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let todo_id = id();
    let body = json!({"id": todo_id, "title": "keyed"});
    let first = app
        .api
        .create_todo_keyed(&ann.token, Some("k-1"), &body)
        .await;
    assert_eq!(first.status, StatusCode::CREATED, "{}", first.body);
    // The same key: the stored first answer (as before).
    let same_key = app
        .api
        .create_todo_keyed(&ann.token, Some("k-1"), &body)
        .await;
    assert_eq!(same_key.status, StatusCode::CREATED);
    assert_eq!(same_key.header("idempotent-replayed"), Some("true"));
    assert_eq!(same_key.body, first.body);
    // Another key, the same id: a replay of the create, 200 with the todo as it is now;
    // the key is left unused (nothing was stored under it), so it answers the same again
    // and may later carry another request.
    app.api
        .update_todo(&ann.token, &todo_id, &json!({"completed": true}))
        .await
        .expect(StatusCode::OK);
    for _ in 0..2 {
        let other_key = app
            .api
            .create_todo_keyed(&ann.token, Some("k-2"), &body)
            .await;
        assert_eq!(other_key.status, StatusCode::OK, "{}", other_key.body);
        assert_eq!(other_key.header("idempotent-replayed"), None);
        assert_eq!(other_key.body["completed"], true);
    }
    let reused = app
        .api
        .create_todo_keyed(&ann.token, Some("k-2"), &json!({"title": "fresh"}))
        .await;
    assert_eq!(reused.status, StatusCode::CREATED, "{}", reused.body);
    // An id that is not the caller's: 409 with or without a key, and the key stays unused.
    let bob = app.api.new_user("bob").await;
    let bobs = app
        .api
        .created_todo(&bob.token, json!({"title": "bob's"}))
        .await;
    let taken = json!({"id": bobs["id"], "title": "mine"});
    app.api
        .create_todo_keyed(&ann.token, Some("k-3"), &taken)
        .await
        .problem(StatusCode::CONFLICT, ID_CONFLICT)
        .await;
    app.api
        .create_todo_keyed(&ann.token, Some("k-3"), &json!({"title": "k-3 reused"}))
        .await
        .expect(StatusCode::CREATED);
    assert_eq!(todo_ids(app, &ann.token).await.len(), 3);
}

async fn concurrent_creates_with_one_id_make_one_item(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let second = app.another_node(|_| {}).await;
    for round in 0..3 {
        let todo_id = id();
        let creates = (0..6).map(|i| {
            let api = if i % 2 == 0 { &app.api } else { &second.api };
            let body = json!({"id": todo_id, "title": format!("copy {i}")});
            let token = ann.token.clone();
            async move { api.create_todo(&token, &body).await }
        });
        let answers = futures_util::future::join_all(creates).await;
        let statuses: Vec<StatusCode> = answers.iter().map(|a| a.status).collect();
        let created: Vec<&Value> = answers
            .iter()
            .filter(|a| a.status == StatusCode::CREATED)
            .map(|a| &a.body)
            .collect();
        assert_eq!(created.len(), 1, "round {round}: {statuses:?}");
        assert!(
            answers
                .iter()
                .all(|a| a.status == StatusCode::CREATED || a.status == StatusCode::OK),
            "round {round}: {statuses:?}"
        );
        for a in &answers {
            assert_eq!(
                a.body["title"], created[0]["title"],
                "one todo, the winner's"
            );
        }
    }
    assert_eq!(todo_ids(app, &ann.token).await.len(), 3);

    for round in 0..3 {
        let list_id = id();
        let creates = (0..6).map(|i| {
            let node = if i % 2 == 0 { &**app } else { &second };
            let body = json!({"id": list_id, "name": format!("copy {i}")});
            let token = ann.token.clone();
            async move { node.create_list(&token, &body).await }
        });
        let answers = futures_util::future::join_all(creates).await;
        let statuses: Vec<StatusCode> = answers.iter().map(|a| a.status).collect();
        assert_eq!(
            statuses
                .iter()
                .filter(|s| **s == StatusCode::CREATED)
                .count(),
            1,
            "round {round}: {statuses:?}"
        );
        assert!(
            statuses
                .iter()
                .all(|s| *s == StatusCode::CREATED || *s == StatusCode::OK),
            "round {round}: {statuses:?}"
        );
    }
    let lists = app
        .list_lists(&ann.token, "limit=100")
        .await
        .expect(StatusCode::OK);
    assert_eq!(lists["items"].as_array().unwrap().len(), 4, "Inbox + 3");
    second.stop().await;
}

async fn an_id_of_something_else_is_a_conflict(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let bob = app.api.new_user("bob").await;
    let bobs_todo = app
        .api
        .created_todo(&bob.token, json!({"title": "bob's secret"}))
        .await;
    let bobs_list = app.created_list(&bob.token, "Bob's").await;
    let problem = app
        .api
        .create_todo(&ann.token, &json!({"id": bobs_todo["id"], "title": "mine"}))
        .await
        .problem(StatusCode::CONFLICT, ID_CONFLICT)
        .await;
    assert!(
        !problem.to_string().contains("secret"),
        "nothing of the other todo shows: {problem}"
    );
    app.create_list(&ann.token, &json!({"id": bobs_list["id"], "name": "mine"}))
        .await
        .problem(StatusCode::CONFLICT, ID_CONFLICT)
        .await;
    // Bob's Inbox has his id.
    app.create_list(&ann.token, &json!({"id": bob.id, "name": "mine"}))
        .await
        .problem(StatusCode::CONFLICT, ID_CONFLICT)
        .await;
    // A list ann left: no longer hers to see, so no longer hers to replay.
    let shared = app.created_list(&bob.token, "Shared").await;
    let shared_id = shared["id"].as_str().unwrap();
    app.share(&bob, shared_id, &ann, "editor").await;
    app.create_list(&ann.token, &json!({"id": shared_id, "name": "x"}))
        .await
        .expect(StatusCode::OK);
    app.remove_member(&ann.token, shared_id, &ann.id)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.create_list(&ann.token, &json!({"id": shared_id, "name": "x"}))
        .await
        .problem(StatusCode::CONFLICT, ID_CONFLICT)
        .await;
    // Nothing was created or changed.
    assert!(todo_ids(app, &ann.token).await.is_empty());
    let lists = app.list_lists(&ann.token, "").await.expect(StatusCode::OK);
    assert_eq!(lists["items"].as_array().unwrap().len(), 1, "{lists}");
    let still = app
        .api
        .get_todo(&bob.token, bobs_todo["id"].as_str().unwrap())
        .await
        .expect(StatusCode::OK);
    assert_eq!(still, bobs_todo);
}

async fn a_deleted_id_is_never_resurrected(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let todo_id = id();
    let body = json!({"id": todo_id, "title": "short-lived"});
    app.api.created_todo(&ann.token, body.clone()).await;
    app.api
        .delete_todo(&ann.token, &todo_id)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.api
        .create_todo(&ann.token, &body)
        .await
        .problem(StatusCode::CONFLICT, ID_CONFLICT)
        .await;
    app.api
        .create_todo_keyed(&ann.token, Some("late"), &body)
        .await
        .problem(StatusCode::CONFLICT, ID_CONFLICT)
        .await;
    app.api
        .get_todo(&ann.token, &todo_id)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    // A subtask deleted with its parent: gone too.
    let parent = app
        .api
        .created_todo(&ann.token, json!({"title": "parent"}))
        .await;
    let sub_id = id();
    app.api
        .created_todo(
            &ann.token,
            json!({"id": sub_id, "title": "sub", "parent_id": parent["id"]}),
        )
        .await;
    app.api
        .delete_todo(&ann.token, parent["id"].as_str().unwrap())
        .await
        .expect(StatusCode::NO_CONTENT);
    app.api
        .create_todo(&ann.token, &json!({"id": sub_id, "title": "sub"}))
        .await
        .problem(StatusCode::CONFLICT, ID_CONFLICT)
        .await;
    assert!(todo_ids(app, &ann.token).await.is_empty());

    // Lists.
    let list_id = id();
    let body = json!({"id": list_id, "name": "Short-lived"});
    app.create_list(&ann.token, &body)
        .await
        .expect(StatusCode::CREATED);
    app.delete_list(&ann.token, &list_id, "", None)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.create_list(&ann.token, &body)
        .await
        .problem(StatusCode::CONFLICT, ID_CONFLICT)
        .await;
    app.get_list(&ann.token, &list_id, None)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
}

async fn a_replayed_delete_is_a_no_op(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let todo = app
        .api
        .created_todo(&ann.token, json!({"title": "gone soon"}))
        .await;
    let todo_id = todo["id"].as_str().unwrap();
    for if_match in [None, None, Some("\"v1\""), Some("\"v7\""), Some("*")] {
        let res = app.api.delete_todo_if(&ann.token, todo_id, if_match).await;
        assert_eq!(
            res.status,
            StatusCode::NO_CONTENT,
            "{if_match:?}: {}",
            res.body
        );
    }
    // Never existed: 404 as before (412 with If-Match: a condition on nothing is false).
    let never = id();
    app.api
        .delete_todo(&ann.token, &never)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    app.api
        .delete_todo_if(&ann.token, &never, Some("\"v1\""))
        .await
        .problem(
            StatusCode::PRECONDITION_FAILED,
            "/problems/precondition-failed",
        )
        .await;
    // Someone else's deleted todo: not the caller's to have deleted.
    let bob = app.api.new_user("bob").await;
    let bobs = app
        .api
        .created_todo(&bob.token, json!({"title": "bob's"}))
        .await;
    let bobs_id = bobs["id"].as_str().unwrap();
    app.api
        .delete_todo(&bob.token, bobs_id)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.api
        .delete_todo(&ann.token, bobs_id)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // In a shared list: an editor's replay is 204, a viewer's 404; once removed, 404.
    let list = app.created_list(&ann.token, "Shared").await;
    let list_id = list["id"].as_str().unwrap();
    let ed = app.api.new_user("ed").await;
    let vi = app.api.new_user("vi").await;
    app.share(&ann, list_id, &ed, "editor").await;
    app.share(&ann, list_id, &vi, "viewer").await;
    let shared = app
        .api
        .created_todo(&ann.token, json!({"title": "shared", "list_id": list_id}))
        .await;
    let shared_id = shared["id"].as_str().unwrap();
    app.api
        .delete_todo(&ann.token, shared_id)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.api
        .delete_todo(&ed.token, shared_id)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.api
        .delete_todo(&vi.token, shared_id)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    app.remove_member(&ann.token, list_id, &ed.id)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.api
        .delete_todo(&ed.token, shared_id)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    // A todo moved out of the caller's Inbox (a tombstone there) into a list they later
    // lost is not deleted: 404, not 204.
    let moved = app
        .api
        .created_todo(&ed.token, json!({"title": "moved away"}))
        .await;
    let moved_id = moved["id"].as_str().unwrap();
    let vis = app.created_list(&vi.token, "Vi's").await;
    let vis_id = vis["id"].as_str().unwrap();
    app.share(&vi, vis_id, &ed, "editor").await;
    app.api
        .update_todo(&ed.token, moved_id, &json!({"list_id": vis_id}))
        .await
        .expect(StatusCode::OK);
    app.remove_member(&vi.token, vis_id, &ed.id)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.api
        .delete_todo(&ed.token, moved_id)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    app.api
        .get_todo(&vi.token, moved_id)
        .await
        .expect(StatusCode::OK);

    // Lists: the caller's own deleted list answers 204 again; one never there, or one the
    // caller left (it still exists for others), 404.
    let gone = app.created_list(&ann.token, "Gone").await;
    let gone_id = gone["id"].as_str().unwrap();
    for _ in 0..2 {
        app.delete_list(&ann.token, gone_id, "", None)
            .await
            .expect(StatusCode::NO_CONTENT);
    }
    app.delete_list(&ann.token, gone_id, "", Some("\"v1\""))
        .await
        .expect(StatusCode::NO_CONTENT);
    app.delete_list(&ann.token, &id(), "", None)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    app.delete_list(&bob.token, gone_id, "", None)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    app.delete_list(&vi.token, list_id, "", None)
        .await
        .problem(StatusCode::FORBIDDEN, "/problems/forbidden")
        .await;
    app.remove_member(&vi.token, list_id, &vi.id)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.delete_list(&vi.token, list_id, "", None)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
}

async fn a_replayed_update_with_a_stale_version_is_412(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let todo = app
        .api
        .created_todo(&ann.token, json!({"title": "v1"}))
        .await;
    let todo_id = todo["id"].as_str().unwrap();
    let patch = json!({"title": "offline edit"});
    let applied = app
        .api
        .update_todo_if(&ann.token, todo_id, &patch, Some("\"v1\""))
        .await;
    assert_eq!(applied.status, StatusCode::OK, "{}", applied.body);
    assert_eq!(applied.header("etag"), Some("\"v2\""));
    // The queue did not see the answer and replays: the todo moved on, 412, nothing changes.
    app.api
        .update_todo_if(
            &ann.token,
            todo_id,
            &json!({"title": "again"}),
            Some("\"v1\""),
        )
        .await
        .problem(
            StatusCode::PRECONDITION_FAILED,
            "/problems/precondition-failed",
        )
        .await;
    // A delete queued against the old version does not delete the newer todo either.
    app.api
        .delete_todo_if(&ann.token, todo_id, Some("\"v1\""))
        .await
        .problem(
            StatusCode::PRECONDITION_FAILED,
            "/problems/precondition-failed",
        )
        .await;
    let now = app.api.get_todo(&ann.token, todo_id).await;
    assert_eq!(now.header("etag"), Some("\"v2\""));
    assert_eq!(now.expect(StatusCode::OK)["title"], "offline edit");
}
