//! The change feed (`GET /sync`, ADR 0026): snapshots, incremental pulls, tombstones,
//! losing and gaining a list, foreign and expired cursors. The rule every scenario checks:
//! replaying the feed gives exactly what the ordinary reads give.

use std::collections::HashSet;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::TestApp;
use crate::support::client::User;
use crate::support::sync::Replica;

dual_test!(
    snapshot_pages_cover_everything_once,
    incremental_pulls_follow_every_kind_of_change,
    losing_and_joining_a_list,
    foreign_altered_and_expired_cursors,
    migration_17_on_a_filled_database_gives_a_correct_snapshot,
);

fn changes_of(pulled: &crate::support::sync::Pulled) -> Vec<(String, String, String, String)> {
    pulled
        .changes
        .iter()
        .map(|c| {
            (
                c["kind"].as_str().unwrap().to_owned(),
                c["op"].as_str().unwrap().to_owned(),
                c["list_id"].as_str().unwrap().to_owned(),
                c["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect()
}

fn has(pulled: &crate::support::sync::Pulled, kind: &str, op: &str, id: &str) -> bool {
    changes_of(pulled)
        .iter()
        .any(|(k, o, _, i)| k == kind && o == op && i == id)
}

/// Ann with two lists (one shared with Bob), todos with subtasks and tags.
async fn fill(app: &TestApp) -> (User, User, String, String) {
    let ann = app.api.new_user("ann").await;
    let bob = app.api.new_user("bob").await;
    let home = app.created_list(&ann.token, "Home").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let work = app.created_list(&ann.token, "Work").await["id"]
        .as_str()
        .unwrap()
        .to_owned();
    app.share(&ann, &work, &bob, "editor").await;
    for i in 0..9 {
        let list = [&home, &work][i % 2];
        let parent = app
            .api
            .created_todo(
                &ann.token,
                json!({"title": format!("todo {i}"), "list_id": list, "tags": ["a", format!("t{i}")]}),
            )
            .await;
        if i % 3 == 0 {
            app.api
                .created_todo(
                    &ann.token,
                    json!({"title": format!("sub {i}"), "parent_id": parent["id"]}),
                )
                .await;
        }
    }
    (ann, bob, home, work)
}

async fn snapshot_pages_cover_everything_once(app: &TestApp) {
    let (ann, bob, _, _) = fill(app).await;
    for user in [&ann, &bob] {
        let mut replica = Replica::default();
        let pulled = replica.pull(app, &user.token, 4).await;
        assert!(pulled.pages > 2, "paginated: {} pages", pulled.pages);
        let seen = changes_of(&pulled);
        let distinct: HashSet<_> = seen.iter().collect();
        assert_eq!(distinct.len(), seen.len(), "each item once: {seen:?}");
        assert!(
            seen.iter().all(|(_, op, _, _)| op == "upsert"),
            "no tombstones"
        );
        replica.assert_matches(&app.visible_state(&user.token).await);
        // Caught up: the next pull is empty and keeps its place.
        let again = app
            .sync(&user.token, replica.cursor.as_deref(), None)
            .await
            .expect(StatusCode::OK);
        assert_eq!(again["changes"], json!([]));
        assert_eq!(again["has_more"], json!(false));
        assert!(again["next_cursor"].as_str().is_some_and(|c| !c.is_empty()));
    }
    // One big page says the same.
    let page = app
        .sync(&ann.token, None, Some(500))
        .await
        .expect(StatusCode::OK);
    assert_eq!(page["has_more"], json!(false));
}

async fn incremental_pulls_follow_every_kind_of_change(app: &TestApp) {
    let (ann, bob, home, work) = fill(app).await;
    let mut replica = Replica::default();
    replica.pull(app, &ann.token, 100).await;

    // Nothing changed: nothing comes.
    assert!(replica.pull(app, &ann.token, 100).await.changes.is_empty());

    // Create, update, delete, move between lists, a subtask (its parent comes again).
    let created = app
        .api
        .created_todo(&ann.token, json!({"title": "new", "list_id": home}))
        .await;
    let id = created["id"].as_str().unwrap();
    let moved = app
        .api
        .created_todo(&ann.token, json!({"title": "moving", "list_id": home}))
        .await;
    let moved_id = moved["id"].as_str().unwrap();
    let gone = app
        .api
        .created_todo(&ann.token, json!({"title": "gone", "list_id": work}))
        .await;
    let pulled = replica.pull(app, &ann.token, 2).await;
    assert!(has(&pulled, "todo", "upsert", id));
    app.api
        .update_todo(
            &ann.token,
            id,
            &json!({"title": "renamed", "completed": true}),
        )
        .await
        .expect(StatusCode::OK);
    app.api
        .delete_todo(&ann.token, gone["id"].as_str().unwrap())
        .await
        .expect(StatusCode::NO_CONTENT);
    app.api
        .update_todo(&ann.token, moved_id, &json!({"list_id": work}))
        .await
        .expect(StatusCode::OK);
    let sub = app
        .api
        .created_todo(&ann.token, json!({"title": "sub", "parent_id": id}))
        .await;
    let pulled = replica.pull(app, &ann.token, 3).await;
    assert!(has(&pulled, "todo", "delete", gone["id"].as_str().unwrap()));
    assert!(
        has(&pulled, "todo", "upsert", moved_id),
        "a move within the caller's lists is an upsert"
    );
    assert!(!has(&pulled, "todo", "delete", moved_id));
    assert!(has(&pulled, "todo", "upsert", sub["id"].as_str().unwrap()));
    let parent = pulled
        .changes
        .iter()
        .rev()
        .find(|c| c["id"] == id)
        .expect("the parent comes again");
    assert_eq!(parent["todo"]["subtask_count"], json!(1));
    assert_eq!(parent["todo"]["title"], json!("renamed"));
    replica.assert_matches(&app.visible_state(&ann.token).await);

    // Bob saw the move into Work and the deletion there; a move out of his list is a
    // delete for him.
    let mut bobs = Replica::default();
    bobs.pull(app, &bob.token, 100).await;
    assert!(bobs.todos.contains_key(moved_id));
    app.api
        .update_todo(&ann.token, moved_id, &json!({"list_id": home}))
        .await
        .expect(StatusCode::OK);
    let pulled = bobs.pull(app, &bob.token, 100).await;
    assert!(has(&pulled, "todo", "delete", moved_id));
    bobs.assert_matches(&app.visible_state(&bob.token).await);

    // A new display name comes again as Bob's member item, to Ann.
    app.api
        .update_current_user(&bob.token, &json!({"display_name": "Robert"}))
        .await
        .expect(StatusCode::OK);
    let pulled = replica.pull(app, &ann.token, 100).await;
    let member = pulled
        .changes
        .iter()
        .find(|c| c["kind"] == "member" && c["id"] == bob.id.as_str())
        .expect("Bob's member item");
    assert_eq!(member["member"]["display_name"], json!("Robert"));
    replica.assert_matches(&app.visible_state(&ann.token).await);
    bobs.pull(app, &bob.token, 100).await;
    bobs.assert_matches(&app.visible_state(&bob.token).await);
}

async fn losing_and_joining_a_list(app: &TestApp) {
    let (ann, bob, home, work) = fill(app).await;
    let mut anns = Replica::default();
    anns.pull(app, &ann.token, 100).await;
    let mut bobs = Replica::default();
    bobs.pull(app, &bob.token, 100).await;
    assert!(bobs.lists.contains_key(&work));
    assert!(!bobs.lists.contains_key(&home));

    // Removed: Bob's list goes (with its todos); Ann sees a member delete and the list
    // with one member fewer.
    app.remove_member(&ann.token, &work, &bob.id)
        .await
        .expect(StatusCode::NO_CONTENT);
    let pulled = bobs.pull(app, &bob.token, 100).await;
    assert!(has(&pulled, "list", "delete", &work));
    bobs.assert_matches(&app.visible_state(&bob.token).await);
    assert!(bobs.todos.values().all(|t| t["list_id"] != work.as_str()));
    let pulled = anns.pull(app, &ann.token, 100).await;
    assert!(has(&pulled, "member", "delete", &bob.id));
    let list = pulled
        .changes
        .iter()
        .find(|c| c["kind"] == "list" && c["id"] == work.as_str())
        .expect("the list comes again");
    assert_eq!(list["list"]["member_count"], json!(1));
    anns.assert_matches(&app.visible_state(&ann.token).await);

    // Joining (an accepted invitation) delivers the whole list, old todos too.
    app.share(&ann, &home, &bob, "viewer").await;
    let pulled = bobs.pull(app, &bob.token, 3).await;
    assert!(has(&pulled, "list", "upsert", &home));
    let home_todos: Vec<&Value> = anns
        .todos
        .values()
        .filter(|t| t["list_id"] == home.as_str())
        .collect();
    assert!(home_todos.len() >= 5);
    for todo in home_todos {
        assert!(has(&pulled, "todo", "upsert", todo["id"].as_str().unwrap()));
    }
    assert!(has(&pulled, "member", "upsert", &ann.id));
    bobs.assert_matches(&app.visible_state(&bob.token).await);
    anns.pull(app, &ann.token, 100).await;
    anns.assert_matches(&app.visible_state(&ann.token).await);

    // A deleted list is a list delete for every member.
    app.delete_list(&ann.token, &home, "delete_todos=true", None)
        .await
        .expect(StatusCode::NO_CONTENT);
    for (replica, user) in [(&mut anns, &ann), (&mut bobs, &bob)] {
        let pulled = replica.pull(app, &user.token, 100).await;
        assert!(has(&pulled, "list", "delete", &home));
        replica.assert_matches(&app.visible_state(&user.token).await);
    }
}

async fn foreign_altered_and_expired_cursors(app: &TestApp) {
    let (ann, bob, home, _) = fill(app).await;
    let mut anns = Replica::default();
    anns.pull(app, &ann.token, 100).await;
    let cursor = anns.cursor.clone().unwrap();
    // Another user's cursor, or an altered one: 400.
    let foreign = app.sync(&bob.token, Some(&cursor), None).await;
    assert_eq!(foreign.status, StatusCode::BAD_REQUEST, "{}", foreign.body);
    let mut altered = cursor.clone().into_bytes();
    altered[3] = if altered[3] == b'A' { b'B' } else { b'A' };
    let altered = String::from_utf8(altered).unwrap();
    assert_eq!(
        app.sync(&ann.token, Some(&altered), None).await.status,
        StatusCode::BAD_REQUEST
    );
    assert_eq!(
        app.sync(&ann.token, None, Some(501)).await.status,
        StatusCode::BAD_REQUEST
    );

    // Tombstones older than the retention are purged; a cursor from before them is 410.
    for _ in 0..3 {
        let todo = app
            .api
            .created_todo(&ann.token, json!({"title": "short-lived", "list_id": home}))
            .await;
        app.api
            .delete_todo(&ann.token, todo["id"].as_str().unwrap())
            .await
            .expect(StatusCode::NO_CONTENT);
    }
    let mut fresh = anns.clone();
    let pulled = fresh.pull(app, &ann.token, 100).await;
    assert_eq!(
        pulled
            .changes
            .iter()
            .filter(|c| c["op"] == "delete")
            .count(),
        3
    );
    app.db
        .sql("UPDATE sync_tombstones SET deleted_at = '2000-01-01T00:00:00.000000Z'")
        .await;
    let purged = app
        .store
        .purge_tombstones(todo_api::domain::now() - chrono::TimeDelta::days(30), 2)
        .await
        .unwrap();
    assert_eq!(purged, 3);
    let expired = app.sync(&ann.token, Some(&cursor), None).await;
    assert_eq!(expired.status, StatusCode::GONE, "{}", expired.body);
    assert_eq!(expired.body["type"], json!("/problems/sync-cursor-expired"));
    // A cursor past the purged tombstones still works, and so does a new snapshot.
    fresh.pull(app, &ann.token, 100).await;
    fresh.assert_matches(&app.visible_state(&ann.token).await);
    let mut again = Replica::default();
    again.pull(app, &ann.token, 100).await;
    again.assert_matches(&app.visible_state(&ann.token).await);
}

/// Undoes migration 17 on a filled database (its triggers, columns and tables, and its
/// row in `_sqlx_migrations`), and the migrations after it: the database as the previous
/// release left it.
fn undo_migration_17(backend: crate::support::Backend) -> &'static str {
    match backend {
        crate::support::Backend::Postgres => {
            // Migrations 23 (statistics counters), 24, 25, 26 (the todos' tag keys, whose
            // guarded update triggers take the place of three of 17's and of the data
            // version's) and 27 (search's estimate) came after 17 and are not re-runnable:
            // their objects go first. 28 (the summary of the tag keys; 29 vacuums): dropping its column
            // drops the sort indexes that carry it, which go back as migration 14 made them.
            "ALTER TABLE todos DROP COLUMN tag_bits; DROP FUNCTION todo_tag_bits(text[]); \
             CREATE INDEX todos_list_position_idx ON todos (list_id, position, id); \
             CREATE INDEX todos_list_created_idx ON todos (list_id, created_at DESC, id DESC); \
             CREATE INDEX todos_list_updated_idx ON todos (list_id, updated_at DESC, id DESC); \
             CREATE INDEX todos_list_priority_idx ON todos (list_id, priority DESC, id DESC); \
             CREATE INDEX todos_list_title_idx ON todos (list_id, title, id); \
             CREATE INDEX todos_list_due_idx ON todos \
                 (list_id, (COALESCE(due_at, 'infinity'::timestamptz)), id); \
             DELETE FROM _sqlx_migrations WHERE version IN (20261201000028, 20261201000029); \
             DROP FUNCTION todos_text_estimate(text); \
             DELETE FROM _sqlx_migrations WHERE version = 20261201000027; \
             DROP FUNCTION todo_tags_keys_insert() CASCADE; \
             DROP FUNCTION todo_tags_keys_delete() CASCADE; \
             DROP FUNCTION todo_tags_keys_update() CASCADE; \
             DROP TRIGGER todos_sync_stamp_update ON todos; \
             DROP TRIGGER todos_sync_after_update ON todos; \
             DROP TRIGGER todos_bump_user_data_version_update ON todos; \
             DROP TRIGGER todos_bump_user_data_version ON todos; \
             CREATE TRIGGER todos_bump_user_data_version AFTER INSERT OR UPDATE OR DELETE ON todos \
                 FOR EACH ROW EXECUTE FUNCTION bump_user_data_version(); \
             ALTER TABLE todos DROP COLUMN tag_keys; \
             DELETE FROM _sqlx_migrations WHERE version = 20261201000026; \
             DROP TRIGGER todos_counters_insert ON todos; \
             DROP TRIGGER todos_counters_update ON todos; \
             DROP TRIGGER todos_counters_delete ON todos; \
             DROP FUNCTION todos_counters_insert(); DROP FUNCTION todos_counters_update(); \
             DROP FUNCTION todos_counters_delete(); \
             DROP TABLE list_todo_counts; DROP TABLE list_completions; \
             DROP INDEX todos_list_open_due_idx; \
             DELETE FROM _sqlx_migrations WHERE version = 20261201000023; \
             DROP TRIGGER lists_counters_delete ON lists; DROP FUNCTION lists_counters_delete(); \
             DELETE FROM _sqlx_migrations WHERE version IN (20261201000024, 20261201000025); \
             DROP TRIGGER todos_sync_stamp ON todos; DROP TRIGGER todos_sync_after ON todos; \
             DROP TRIGGER lists_sync_stamp ON lists; \
             DROP TRIGGER list_members_sync_stamp ON list_members; \
             DROP TRIGGER list_members_sync_after ON list_members; \
             DROP TRIGGER users_sync_after ON users; \
             DROP FUNCTION todos_sync_stamp(); DROP FUNCTION todos_sync_after(); \
             DROP FUNCTION lists_sync_stamp(); DROP FUNCTION list_members_sync_stamp(); \
             DROP FUNCTION list_members_sync_after(); DROP FUNCTION users_sync_after(); \
             DROP FUNCTION sync_change_id(); DROP FUNCTION sync_notify(text); \
             ALTER TABLE todos DROP COLUMN change_id; ALTER TABLE lists DROP COLUMN change_id; \
             ALTER TABLE list_members DROP COLUMN change_id, DROP COLUMN joined_change_id; \
             DROP TABLE sync_tombstones; DROP TABLE sync_state; \
             DROP FUNCTION todo_tags_count_insert() CASCADE; \
             DROP FUNCTION todo_tags_count_delete() CASCADE; \
             DROP FUNCTION todo_tags_count_update() CASCADE; \
             DROP FUNCTION todos_tag_counts_delete() CASCADE; \
             DROP FUNCTION todos_tag_counts_move() CASCADE; \
             DROP FUNCTION list_tag_counts_drop(uuid[], text[], text[]); \
             DROP TABLE list_tag_counts; DROP TABLE todo_tags_gone; \
             DELETE FROM _sqlx_migrations WHERE version IN (20261201000017, 20261201000018, \
             20261201000019, 20261201000020, 20261201000021, 20261201000022);"
        }
        crate::support::Backend::Sqlite => {
            // Migrations 26 (the todos' tag keys: its guarded data-version trigger and index
            // back to their earlier form; the column goes last, once no trigger names it), 25,
            // 24, 23 (statistics counters), 22 (tag counts, recounted when it runs again),
            // 19–21, 27–29 (flags, PostgreSQL-only changes: running them again changes nothing) and
            // 18 (the events' signals) go first: they came after 17.
            "DROP TRIGGER todo_tags_keys_insert; DROP TRIGGER todo_tags_keys_delete; \
             DROP TRIGGER todo_tags_keys_update; DROP TRIGGER todos_bump_version_update; \
             CREATE TRIGGER todos_bump_version_update AFTER UPDATE ON todos BEGIN \
                 UPDATE users SET data_version = data_version + 1 \
                 WHERE id IN (old.user_id, new.user_id) \
                    OR id IN (SELECT m.user_id FROM list_members AS m \
                              WHERE m.list_id IN (old.list_id, new.list_id)); \
             END; \
             DROP INDEX todos_list_created_idx; \
             CREATE INDEX todos_list_created_idx ON todos (list_id, created_at DESC, id DESC); \
             DROP TRIGGER todos_counters_insert; DROP TRIGGER todos_counters_update; \
             DROP TRIGGER todos_counters_delete; DROP TABLE list_todo_counts; \
             DROP TABLE list_completions; DROP INDEX todos_list_open_due_idx; \
             DROP TRIGGER todo_tags_count_insert; DROP TRIGGER todo_tags_count_delete; \
             DROP TRIGGER todo_tags_count_update; DROP TRIGGER todos_tag_counts_delete; \
             DROP TRIGGER todos_tag_counts_move; DROP TABLE list_tag_counts; \
             DELETE FROM _sqlx_migrations WHERE version IN (20261201000019, 20261201000020, \
             20261201000021, 20261201000022, 20261201000023, 20261201000024, \
             20261201000025, 20261201000026, 20261201000027, 20261201000028, \
             20261201000029); \
             DROP TRIGGER todos_signal_insert; DROP TRIGGER todos_signal_update; \
             DROP TRIGGER todos_signal_delete; DROP TRIGGER lists_signal_insert; \
             DROP TRIGGER lists_signal_update; DROP TRIGGER lists_signal_delete; \
             DROP TRIGGER list_members_signal_insert; DROP TRIGGER list_members_signal_update; \
             DROP TRIGGER list_members_signal_delete; DROP TABLE sync_signals; \
             DELETE FROM _sqlx_migrations WHERE version = 20261201000018; \
             DROP TRIGGER todos_sync_insert; DROP TRIGGER todos_sync_update; \
             DROP TRIGGER todos_sync_delete; DROP TRIGGER lists_sync_insert; \
             DROP TRIGGER lists_sync_update; DROP TRIGGER list_members_sync_insert; \
             DROP TRIGGER list_members_sync_update; DROP TRIGGER list_members_sync_delete; \
             DROP TRIGGER users_sync_update; \
             DROP INDEX todos_list_change_idx; DROP INDEX list_members_list_change_idx; \
             ALTER TABLE todos DROP COLUMN change_id; ALTER TABLE lists DROP COLUMN change_id; \
             ALTER TABLE list_members DROP COLUMN change_id; \
             ALTER TABLE list_members DROP COLUMN joined_change_id; \
             DROP TABLE sync_tombstones; DROP TABLE sync_state; \
             ALTER TABLE todos DROP COLUMN tag_keys; \
             DELETE FROM _sqlx_migrations WHERE version = 20261201000017;"
        }
    }
}

async fn migration_17_on_a_filled_database_gives_a_correct_snapshot(app: &TestApp) {
    use sqlx::Connection as _;
    let (ann, bob, _, work) = fill(app).await;
    // The previous release's data: back to the schema before migration 17.
    let undo = sqlx::AssertSqlSafe(undo_migration_17(app.db.backend).to_owned());
    match app.db.backend {
        crate::support::Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&app.db.url).await.unwrap();
            sqlx::raw_sql(undo).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        }
        crate::support::Backend::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(&app.db.url).await.unwrap();
            sqlx::raw_sql(undo).execute(&mut conn).await.unwrap();
            conn.close().await.unwrap();
        }
    }
    assert_eq!(
        app.db
            .sql("SELECT CAST(COUNT(*) AS TEXT) FROM _sqlx_migrations WHERE version >= 20261201000017")
            .await
            .as_deref(),
        Some("0")
    );
    // The new release starts and migrates: every old row has change number 0.
    let node = app.another_node(|_| {}).await;
    assert_eq!(
        app.db
            .sql("SELECT CAST(MAX(change_id) AS TEXT) FROM todos")
            .await
            .as_deref(),
        Some("0")
    );
    for user in [&ann, &bob] {
        let mut replica = Replica::default();
        let mut seen = crate::support::sync::Pulled::default();
        while replica.pull_page(&node, &user.token, 5, &mut seen).await {}
        let distinct: HashSet<_> = seen
            .changes
            .iter()
            .map(|c| {
                (
                    c["kind"].to_string(),
                    c["list_id"].to_string(),
                    c["id"].to_string(),
                )
            })
            .collect();
        assert_eq!(distinct.len(), seen.changes.len());
        replica.assert_matches(&node.visible_state(&user.token).await);
        // And it goes on from there.
        let todo = node
            .api
            .created_todo(&ann.token, json!({"title": "after", "list_id": work}))
            .await;
        crate::support::sync::settle(app).await;
        let mut tail = crate::support::sync::Pulled::default();
        while replica.pull_page(&node, &user.token, 5, &mut tail).await {}
        assert!(has(&tail, "todo", "upsert", todo["id"].as_str().unwrap()));
        replica.assert_matches(&node.visible_state(&user.token).await);
    }
    node.stop().await;
}
