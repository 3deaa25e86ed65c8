//! Todos in lists: the default Inbox, creating in and filtering by a list, moving between
//! lists with subtasks, subtasks (one level, counts, filters, cascade), and who may read and
//! write a list's todos (404 for a non-member, 403 for a viewer's writes).
//!
//! Until the lists and sharing endpoints exist on this branch, lists and memberships are
//! made with SQL straight in the test's database ([`new_list`], [`add_member`]); the full
//! matrix through the API is `authorization.rs`.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::TestApp;
use crate::support::client::{Api, error_fields};

dual_test!(
    todos_go_to_the_inbox_or_the_list_named,
    moving_to_another_list_takes_the_subtasks,
    subtasks_have_one_level_counts_and_filters,
    a_parent_takes_at_most_100_subtasks,
    viewers_read_and_non_members_see_nothing,
    tags_and_statistics_cover_shared_lists,
    cursors_are_bound_to_the_list_and_parent
);

/// A list owned by `owner` (a user id), made with SQL; its id.
pub async fn new_list(app: &TestApp, owner: &str, name: &str) -> String {
    let id = uuid::Uuid::now_v7().to_string();
    let now = "2026-11-30T12:00:00.000000Z";
    app.db
        .sql(&format!(
            "INSERT INTO lists (id, name, color, is_default, version, created_at, updated_at) \
             VALUES ({}, '{name}', NULL, FALSE, 1, '{now}', '{now}')",
            app.db.uuid_literal(&id)
        ))
        .await;
    add_member(app, &id, owner, "owner").await;
    id
}

/// Makes `user` a member of `list` with `role`, with SQL.
pub async fn add_member(app: &TestApp, list: &str, user: &str, role: &str) {
    let now = "2026-11-30T12:00:00.000000Z";
    app.db
        .sql(&format!(
            "INSERT INTO list_members (list_id, user_id, role, position, created_at) \
             VALUES ({}, {}, '{role}', 'b0', '{now}')",
            app.db.uuid_literal(list),
            app.db.uuid_literal(user)
        ))
        .await;
    let check = app
        .db
        .sql(&format!(
            "SELECT role FROM list_members WHERE list_id = {} AND user_id = {}",
            app.db.uuid_literal(list),
            app.db.uuid_literal(user)
        ))
        .await;
    assert_eq!(check.as_deref(), Some(role), "membership stored");
}

pub fn id(todo: &Value) -> &str {
    todo["id"].as_str().unwrap()
}

/// Every todo of a query, walking all pages.
pub async fn all(api: &Api, token: &str, query: &str) -> Vec<Value> {
    let mut items = Vec::new();
    let mut cursor: Option<String> = None;
    loop {
        let mut q = format!("limit=100&{query}");
        if let Some(c) = &cursor {
            q.push_str(&format!("&cursor={c}"));
        }
        let page = api.list_todos(token, &q).await.expect(StatusCode::OK);
        items.extend(page["items"].as_array().unwrap().iter().cloned());
        match page["next_cursor"].as_str() {
            Some(c) => cursor = Some(c.to_owned()),
            None => return items,
        }
    }
}

pub fn titles(items: &[Value]) -> Vec<&str> {
    items.iter().map(|t| t["title"].as_str().unwrap()).collect()
}

async fn todos_go_to_the_inbox_or_the_list_named(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("alice").await;
    let first = api
        .created_todo(&alice.token, json!({"title": "inbox 1"}))
        .await;
    assert_eq!(
        first["list_id"],
        alice.id.as_str(),
        "the Inbox has the user's id"
    );
    assert_eq!(first["parent_id"], Value::Null);
    assert_eq!(first["position"], "a0");
    assert_eq!(first["created_by"], alice.id.as_str());
    assert_eq!(
        first["updated_by"],
        alice.id.as_str(),
        "as updated_at: the creation"
    );
    assert_eq!(first["subtask_count"], 0);
    let second = api
        .created_todo(&alice.token, json!({"title": "inbox 2"}))
        .await;
    assert!(
        second["position"].as_str() > first["position"].as_str(),
        "new todos go last"
    );

    let work = new_list(app, &alice.id, "Work").await;
    for title in ["w1", "w2", "w3"] {
        let t = api
            .created_todo(&alice.token, json!({"title": title, "list_id": work}))
            .await;
        assert_eq!(t["list_id"], work.as_str());
    }
    // With list_id, the manual order is the default.
    let listed = all(api, &alice.token, &format!("list_id={work}")).await;
    assert_eq!(titles(&listed), ["w1", "w2", "w3"]);
    let inbox = all(api, &alice.token, &format!("list_id={}", alice.id)).await;
    assert_eq!(titles(&inbox), ["inbox 1", "inbox 2"]);
    // Without it, every list of the caller, newest first as before.
    let everything = all(api, &alice.token, "").await;
    assert_eq!(
        titles(&everything),
        ["w3", "w2", "w1", "inbox 2", "inbox 1"]
    );
    let by_position = all(api, &alice.token, &format!("list_id={work}&sort=-position")).await;
    assert_eq!(titles(&by_position), ["w3", "w2", "w1"]);

    // Someone else's list: 404, to read or to write.
    let bob = api.new_user("bob").await;
    let res = api.list_todos(&bob.token, &format!("list_id={work}")).await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    let res = api
        .create_todo(&bob.token, &json!({"title": "intruder", "list_id": work}))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    assert_eq!(all(api, &bob.token, "").await.len(), 0);
}

async fn moving_to_another_list_takes_the_subtasks(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("mover").await;
    let work = new_list(app, &alice.id, "Work").await;
    let already = api
        .created_todo(
            &alice.token,
            json!({"title": "already there", "list_id": work}),
        )
        .await;
    let parent = api
        .created_todo(&alice.token, json!({"title": "parent"}))
        .await;
    let subs: Vec<Value> = futures_sequential(api, &alice.token, id(&parent), 3).await;
    let moved = api
        .update_todo(&alice.token, id(&parent), &json!({"list_id": work}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(moved["list_id"], work.as_str());
    assert_eq!(moved["parent_id"], Value::Null);
    assert!(
        moved["position"].as_str() > already["position"].as_str(),
        "placed last"
    );
    assert_eq!(moved["subtask_count"], 3);
    assert_eq!(moved["updated_by"], alice.id.as_str());
    for sub in &subs {
        let now = api
            .get_todo(&alice.token, id(sub))
            .await
            .expect(StatusCode::OK);
        assert_eq!(
            now["list_id"],
            work.as_str(),
            "subtasks move with their parent"
        );
        assert_eq!(now["parent_id"], id(&parent));
    }
    let children = all(
        api,
        &alice.token,
        &format!("parent_id={}&sort=position", id(&parent)),
    )
    .await;
    assert_eq!(
        titles(&children),
        ["sub 0", "sub 1", "sub 2"],
        "in their order"
    );

    // A subtask moved alone becomes top-level in the other list.
    let alone = api
        .update_todo(&alice.token, id(&subs[1]), &json!({"list_id": alice.id}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(alone["list_id"], alice.id.as_str());
    assert_eq!(alone["parent_id"], Value::Null);
    let parent_now = api
        .get_todo(&alice.token, id(&parent))
        .await
        .expect(StatusCode::OK);
    assert_eq!(parent_now["subtask_count"], 2);

    // To a list the caller cannot see: 404; the todo stays.
    let bob = api.new_user("bob").await;
    let bobs = new_list(app, &bob.id, "Bobs").await;
    let res = api
        .update_todo(&alice.token, id(&parent), &json!({"list_id": bobs}))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    // A viewer of the target may not put todos there.
    add_member(app, &bobs, &alice.id, "viewer").await;
    let res = api
        .update_todo(&alice.token, id(&parent), &json!({"list_id": bobs}))
        .await;
    assert_eq!(res.status, StatusCode::FORBIDDEN, "{}", res.body);
    let still = api
        .get_todo(&alice.token, id(&parent))
        .await
        .expect(StatusCode::OK);
    assert_eq!(still["list_id"], work.as_str());
}

/// `n` subtasks of `parent`, created one after the other: "sub 0", "sub 1", ...
async fn futures_sequential(api: &Api, token: &str, parent: &str, n: usize) -> Vec<Value> {
    let mut subs = Vec::new();
    for i in 0..n {
        subs.push(
            api.created_todo(
                token,
                json!({"title": format!("sub {i}"), "parent_id": parent}),
            )
            .await,
        );
    }
    subs
}

async fn subtasks_have_one_level_counts_and_filters(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("subs").await;
    let parent = api
        .created_todo(&alice.token, json!({"title": "parent"}))
        .await;
    let other = api
        .created_todo(&alice.token, json!({"title": "other"}))
        .await;
    let subs = futures_sequential(api, &alice.token, id(&parent), 3).await;
    assert_eq!(subs[0]["parent_id"], id(&parent));
    assert_eq!(subs[0]["list_id"], alice.id.as_str(), "the parent's list");
    api.update_todo(&alice.token, id(&subs[0]), &json!({"completed": true}))
        .await
        .expect(StatusCode::OK);
    let got = api
        .get_todo(&alice.token, id(&parent))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (
            got["subtask_count"].as_i64(),
            got["completed_subtask_count"].as_i64()
        ),
        (Some(3), Some(1))
    );
    // The same counts on a page.
    let page = all(api, &alice.token, "top_level=true").await;
    assert_eq!(titles(&page), ["other", "parent"]);
    assert_eq!(page[1]["subtask_count"], 3);
    assert_eq!(page[1]["completed_subtask_count"], 1);
    assert_eq!(page[0]["subtask_count"], 0);
    let only_subs = all(api, &alice.token, "top_level=false&sort=title").await;
    assert_eq!(titles(&only_subs), ["sub 0", "sub 1", "sub 2"]);
    let children = all(
        api,
        &alice.token,
        &format!("parent_id={}&sort=position", id(&parent)),
    )
    .await;
    assert_eq!(titles(&children), ["sub 0", "sub 1", "sub 2"]);
    // Completing the parent leaves the subtasks alone.
    api.update_todo(&alice.token, id(&parent), &json!({"completed": true}))
        .await
        .expect(StatusCode::OK);
    let sub = api
        .get_todo(&alice.token, id(&subs[1]))
        .await
        .expect(StatusCode::OK);
    assert_eq!(sub["completed"], false);

    // One level: no subtask of a subtask; the parent must be in the same list.
    let res = api
        .create_todo(
            &alice.token,
            &json!({"title": "deep", "parent_id": id(&subs[0])}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert_eq!(error_fields(&res.body), ["parent_id"]);
    let work = new_list(app, &alice.id, "Work").await;
    let res = api
        .create_todo(
            &alice.token,
            &json!({"title": "elsewhere", "parent_id": id(&other), "list_id": work}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    // A todo with subtasks cannot become a subtask.
    let res = api
        .move_todo(
            &alice.token,
            id(&parent),
            &json!({"to": "first", "parent_id": id(&other)}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    // Someone else's todo as parent: refused without telling whether it exists.
    let bob = api.new_user("bob").await;
    let res = api
        .create_todo(&bob.token, &json!({"title": "x", "parent_id": id(&parent)}))
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let res = api
        .list_todos(&bob.token, &format!("parent_id={}", id(&parent)))
        .await;
    assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);

    // Deleting the parent deletes its subtasks.
    api.delete_todo(&alice.token, id(&parent))
        .await
        .expect(StatusCode::NO_CONTENT);
    for sub in &subs {
        let res = api.get_todo(&alice.token, id(sub)).await;
        assert_eq!(res.status, StatusCode::NOT_FOUND);
    }
    assert_eq!(titles(&all(api, &alice.token, "").await), ["other"]);
}

async fn a_parent_takes_at_most_100_subtasks(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("many").await;
    let parent = api
        .created_todo(&alice.token, json!({"title": "parent"}))
        .await;
    for i in 0..100 {
        api.created_todo(
            &alice.token,
            json!({"title": format!("s{i}"), "parent_id": id(&parent)}),
        )
        .await;
    }
    let res = api
        .create_todo(
            &alice.token,
            &json!({"title": "one too many", "parent_id": id(&parent)}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    assert_eq!(error_fields(&res.body), ["parent_id"]);
    // Nor by a move.
    let loose = api
        .created_todo(&alice.token, json!({"title": "loose"}))
        .await;
    let res = api
        .move_todo(
            &alice.token,
            id(&loose),
            &json!({"to": "last", "parent_id": id(&parent)}),
        )
        .await;
    assert_eq!(res.status, StatusCode::UNPROCESSABLE_ENTITY, "{}", res.body);
    let got = api
        .get_todo(&alice.token, id(&parent))
        .await
        .expect(StatusCode::OK);
    assert_eq!(got["subtask_count"], 100);
}

async fn viewers_read_and_non_members_see_nothing(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("owner").await;
    let vera = api.new_user("viewer").await;
    let eddie = api.new_user("editor").await;
    let nobody = api.new_user("stranger").await;
    let shared = new_list(app, &alice.id, "Shared").await;
    add_member(app, &shared, &vera.id, "viewer").await;
    add_member(app, &shared, &eddie.id, "editor").await;
    let a = api
        .created_todo(&alice.token, json!({"title": "a", "list_id": shared}))
        .await;
    let b = api
        .created_todo(&alice.token, json!({"title": "b", "list_id": shared}))
        .await;

    // The viewer reads, but every write is 403 and changes nothing.
    api.get_todo(&vera.token, id(&a))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        titles(&all(api, &vera.token, &format!("list_id={shared}")).await),
        ["a", "b"]
    );
    let patch = api
        .update_todo(&vera.token, id(&a), &json!({"title": "mine"}))
        .await;
    assert_eq!(patch.status, StatusCode::FORBIDDEN, "{}", patch.body);
    let delete = api.delete_todo(&vera.token, id(&a)).await;
    assert_eq!(delete.status, StatusCode::FORBIDDEN, "{}", delete.body);
    let moved = api
        .move_todo(&vera.token, id(&a), &json!({"to": "last"}))
        .await;
    assert_eq!(moved.status, StatusCode::FORBIDDEN, "{}", moved.body);
    let create = api
        .create_todo(&vera.token, &json!({"title": "c", "list_id": shared}))
        .await;
    assert_eq!(create.status, StatusCode::FORBIDDEN, "{}", create.body);
    let batch = api
        .batch_todos(
            &vera.token,
            &json!({"action": "complete", "ids": [id(&a), id(&b)]}),
        )
        .await;
    assert_eq!(
        batch.status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "{}",
        batch.body
    );
    assert_eq!(error_fields(&batch.body), ["ids[0]", "ids[1]"]);

    // A non-member: 404 for everything, as if the todo did not exist.
    for res in [
        api.get_todo(&nobody.token, id(&a)).await,
        api.update_todo(&nobody.token, id(&a), &json!({"title": "x"}))
            .await,
        api.delete_todo(&nobody.token, id(&a)).await,
        api.move_todo(&nobody.token, id(&a), &json!({"to": "first"}))
            .await,
    ] {
        assert_eq!(res.status, StatusCode::NOT_FOUND, "{}", res.body);
    }
    assert!(all(api, &nobody.token, "").await.is_empty());

    // The editor writes; authors are recorded.
    let edited = api
        .update_todo(&eddie.token, id(&a), &json!({"completed": true}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(edited["updated_by"], eddie.id.as_str());
    assert_eq!(edited["completed_by"], eddie.id.as_str());
    assert_eq!(edited["created_by"], alice.id.as_str());
    let c = api
        .created_todo(&eddie.token, json!({"title": "c", "list_id": shared}))
        .await;
    assert_eq!(c["created_by"], eddie.id.as_str());
    api.move_todo(&eddie.token, id(&c), &json!({"to": "first"}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        titles(&all(api, &alice.token, &format!("list_id={shared}")).await),
        ["c", "a", "b"]
    );
    let batch = api
        .batch_todos(
            &eddie.token,
            &json!({"action": "reopen", "ids": [id(&a), id(&b)]}),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(batch["affected"], 1);
    // A mix of writable and foreign ids names only the foreign ones.
    let own = api
        .created_todo(&nobody.token, json!({"title": "own"}))
        .await;
    let res = api
        .batch_todos(
            &nobody.token,
            &json!({"action": "delete", "ids": [id(&own), id(&b)]}),
        )
        .await;
    assert_eq!(error_fields(&res.body), ["ids[1]"]);
    api.delete_todo(&eddie.token, id(&b))
        .await
        .expect(StatusCode::NO_CONTENT);
}

async fn tags_and_statistics_cover_shared_lists(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("tagger").await;
    let bob = api.new_user("member").await;
    let shared = new_list(app, &alice.id, "Shared").await;
    api.created_todo(
        &alice.token,
        json!({"title": "t1", "list_id": shared, "tags": ["Groceries"]}),
    )
    .await;
    api.created_todo(
        &alice.token,
        json!({"title": "private", "tags": ["secret"]}),
    )
    .await;
    api.created_todo(&bob.token, json!({"title": "bob's", "tags": ["groceries"]}))
        .await;
    let stats_before = api
        .get_statistics(&bob.token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(stats_before["total"], 1);
    add_member(app, &shared, &bob.id, "viewer").await;
    let tags = api.list_tags(&bob.token, "").await.expect(StatusCode::OK);
    assert_eq!(tags["items"], json!([{"tag": "Groceries", "count": 2}]));
    let stats = api
        .get_statistics(&bob.token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        stats["total"], 2,
        "the cache is not used once a list is shared"
    );
    // A change by another member reaches the member's statistics.
    api.created_todo(&alice.token, json!({"title": "t2", "list_id": shared}))
        .await;
    let stats = api
        .get_statistics(&bob.token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(stats["total"], 3);
    let alices = api.list_tags(&alice.token, "").await.expect(StatusCode::OK);
    assert_eq!(
        alices["items"],
        json!([{"tag": "Groceries", "count": 1}, {"tag": "secret", "count": 1}])
    );
}

async fn cursors_are_bound_to_the_list_and_parent(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("cursor").await;
    let work = new_list(app, &alice.id, "Work").await;
    for i in 0..3 {
        api.created_todo(
            &alice.token,
            json!({"title": format!("w{i}"), "list_id": work}),
        )
        .await;
        api.created_todo(&alice.token, json!({"title": format!("i{i}")}))
            .await;
    }
    let page = api
        .list_todos(&alice.token, &format!("limit=1&list_id={work}"))
        .await
        .expect(StatusCode::OK);
    let cursor = page["next_cursor"].as_str().unwrap();
    let res = api
        .list_todos(
            &alice.token,
            &format!("limit=1&list_id={}&cursor={cursor}", alice.id),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    let res = api
        .list_todos(
            &alice.token,
            &format!("limit=1&sort=position&cursor={cursor}"),
        )
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST, "{}", res.body);
    let next = api
        .list_todos(
            &alice.token,
            &format!("limit=1&list_id={work}&cursor={cursor}"),
        )
        .await
        .expect(StatusCode::OK);
    assert_eq!(next["items"][0]["title"], "w1");
}
