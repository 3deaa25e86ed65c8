//! Tag counts per list (ADR 0010, issue 12): `GET /tags` and the statistics' top tags read
//! `list_tag_counts`, which triggers keep in the writing transaction. After every step of a
//! sequence of writes through the API (creates with tags in several spellings, tag patches that
//! remove the shown spelling, moves between lists with subtasks, deletes, batches, a shared
//! list, a list's deletion, an account's deletion), the answers equal the full recount the
//! endpoints used to run, and the table equals its recount from the tag rows. Each todo row's
//! tag keys (`todos.tag_keys`, migration 26, what tag filters check) equal its tag rows' keys
//! after every step too, and writing them changes nothing else a client can see.

use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Connection};

use crate::dual_test;
use crate::support::id;
use crate::support::{Backend, TestApp, TestDb};

dual_test!(tag_counts_equal_a_full_recount_after_every_write);
dual_test!(a_tag_written_alone_changes_only_its_todos_tag_keys);

/// The spellings the sequence draws from: several per key, so that the shown one (the lowest)
/// comes and goes.
const SPELLINGS: [&[&str]; 5] = [
    &["WORK", "Work", "work"],
    &["home", "Home"],
    &["Ärger", "ärger"],
    &["errand"],
    &["Zeta", "zeta", "ZETA"],
];

/// A small deterministic generator (the sequence is the same on every run).
struct Lcg(u64);

impl Lcg {
    fn below(&mut self, n: usize) -> usize {
        self.0 = self
            .0
            .wrapping_mul(6364136223846793005)
            .wrapping_add(1442695040888963407);
        ((self.0 >> 33) % n as u64) as usize
    }

    /// Up to three tags of distinct keys, each in one of its spellings.
    fn tags(&mut self) -> Vec<String> {
        let mut keys: Vec<usize> = (0..SPELLINGS.len()).collect();
        let mut tags = Vec::new();
        for _ in 0..self.below(4) {
            let key = keys.remove(self.below(keys.len()));
            let spellings = SPELLINGS[key];
            tags.push(spellings[self.below(spellings.len())].to_owned());
        }
        tags
    }
}

/// A todo's id (hex) and the keys its row carries (`None`: NULL).
type Carried = (String, Option<Vec<String>>);

/// One connection to the test database for all the checks (a PostgreSQL login costs more
/// than the checks).
enum Sql {
    Sqlite(sqlx::SqliteConnection),
    Postgres(sqlx::PgConnection),
}

impl Sql {
    async fn open(db: &TestDb) -> Sql {
        match db.backend {
            Backend::Sqlite => Sql::Sqlite(sqlx::SqliteConnection::connect(&db.url).await.unwrap()),
            Backend::Postgres => Sql::Postgres(sqlx::PgConnection::connect(&db.url).await.unwrap()),
        }
    }

    /// The first column of the one row `statement` gives, as text.
    async fn text(&mut self, statement: &str) -> String {
        let statement = AssertSqlSafe(statement.to_owned());
        let row: (String,) = match self {
            Sql::Sqlite(conn) => sqlx::query_as(statement).fetch_one(conn).await,
            Sql::Postgres(conn) => sqlx::query_as(statement).fetch_one(conn).await,
        }
        .unwrap();
        row.0
    }

    /// Every todo's id with the keys its row carries, decoded from the back end's form
    /// (SQLite: each key between NUL bytes; PostgreSQL: an array), and with the keys of its
    /// rows in `todo_tags`, sorted. Panics on a SQLite value that is not exactly that form.
    async fn tag_keys(&mut self) -> (Vec<Carried>, Vec<(String, Vec<String>)>) {
        let (carried, rows): (Vec<Carried>, Vec<(String, String)>) = match self {
            Sql::Sqlite(conn) => {
                let carried: Vec<(String, Option<Vec<u8>>)> =
                    sqlx::query_as("SELECT hex(id), tag_keys FROM todos ORDER BY id")
                        .fetch_all(&mut *conn)
                        .await
                        .unwrap();
                let carried = carried
                    .into_iter()
                    .map(|(id, blob)| {
                        let keys = blob.map(|b| {
                            assert!(
                                b.len() >= 3 && b[0] == 0 && b[b.len() - 1] == 0,
                                "tag_keys of {id}: {b:?}"
                            );
                            b[1..b.len() - 1]
                                .split(|c| *c == 0)
                                .map(|k| String::from_utf8(k.to_vec()).unwrap())
                                .collect()
                        });
                        (id, keys)
                    })
                    .collect();
                let rows = sqlx::query_as("SELECT hex(todo_id), tag_key FROM todo_tags")
                    .fetch_all(&mut *conn)
                    .await
                    .unwrap();
                (carried, rows)
            }
            Sql::Postgres(conn) => {
                let carried = sqlx::query_as(
                    "SELECT upper(replace(id::text, '-', '')), tag_keys FROM todos ORDER BY 1",
                )
                .fetch_all(&mut *conn)
                .await
                .unwrap();
                let rows = sqlx::query_as(
                    "SELECT upper(replace(todo_id::text, '-', '')), tag_key FROM todo_tags",
                )
                .fetch_all(&mut *conn)
                .await
                .unwrap();
                (carried, rows)
            }
        };
        let mut expected: std::collections::BTreeMap<String, Vec<String>> = carried
            .iter()
            .map(|(id, _)| (id.clone(), Vec::new()))
            .collect();
        for (todo, key) in rows {
            expected.get_mut(&todo).expect("a tag row's todo").push(key);
        }
        for keys in expected.values_mut() {
            keys.sort();
        }
        let mut carried = carried;
        carried.sort();
        (carried, expected.into_iter().collect())
    }

    /// Runs `statement` (a write), in a transaction of its own.
    async fn exec(&mut self, statement: &str) {
        let statement = AssertSqlSafe(statement.to_owned());
        match self {
            Sql::Sqlite(conn) => sqlx::query(statement).execute(conn).await.map(|_| ()),
            Sql::Postgres(conn) => sqlx::query(statement).execute(conn).await.map(|_| ()),
        }
        .unwrap();
    }
}

/// Checks that every todo row carries exactly its tag rows' keys, in key order (NULL for
/// none), and returns how many carry some.
async fn check_tag_keys(sql: &mut Sql, step: &str) -> usize {
    let (carried, expected) = sql.tag_keys().await;
    assert_eq!(carried.len(), expected.len());
    for ((id, keys), (_, want)) in carried.iter().zip(&expected) {
        let want = (!want.is_empty()).then(|| want.clone());
        assert_eq!(keys, &want, "tag_keys of todo {id} after {step}");
    }
    carried.iter().filter(|(_, keys)| keys.is_some()).count()
}

/// The old statement of `GET /tags` (every tag row of the user's lists), as "tag|count" lines
/// in key order; with `top`, the old top tags (most used first, at most ten).
async fn recount(db: &TestDb, sql: &mut Sql, user: &str, top: bool) -> String {
    let (order, limit) = if top {
        ("n DESC, tag_key", 10)
    } else {
        ("tag_key", i64::MAX)
    };
    let ranked = format!(
        "SELECT tag, n, row_number() OVER (ORDER BY {order}) AS r FROM ( \
           SELECT MIN(tt.tag) AS tag, tt.tag_key AS tag_key, COUNT(*) AS n FROM todo_tags tt \
           JOIN todos t ON t.id = tt.todo_id \
           WHERE t.list_id IN (SELECT m.list_id FROM list_members m WHERE m.user_id = {}) \
           GROUP BY tt.tag_key) AS g",
        db.uuid_literal(user)
    );
    let statement = match db.backend {
        Backend::Sqlite => format!(
            "SELECT coalesce(group_concat(tag || '|' || n, char(10)), '') \
             FROM (SELECT * FROM ({ranked}) WHERE r <= {limit} ORDER BY r)"
        ),
        Backend::Postgres => format!(
            "SELECT coalesce(string_agg(tag || '|' || n, E'\\n' ORDER BY r), '') \
             FROM ({ranked}) AS o WHERE r <= {limit}"
        ),
    };
    sql.text(&statement).await
}

fn lines(items: &[Value]) -> Vec<String> {
    items
        .iter()
        .map(|t| format!("{}|{}", t["tag"].as_str().unwrap(), t["count"]))
        .collect()
}

/// `GET /tags` walked in pages of two, as "tag|count" lines.
async fn tags_of(app: &TestApp, token: &str) -> String {
    let mut all = Vec::new();
    let mut query = "limit=2".to_owned();
    loop {
        let page = app
            .api
            .list_tags(token, &query)
            .await
            .expect(StatusCode::OK);
        all.extend(lines(page["items"].as_array().unwrap()));
        match page["next_cursor"].as_str() {
            Some(cursor) => query = format!("limit=2&cursor={cursor}"),
            None => break,
        }
    }
    all.join("\n")
}

async fn top_tags_of(app: &TestApp, token: &str) -> String {
    let stats = app
        .api
        .get_statistics(token, "")
        .await
        .expect(StatusCode::OK);
    lines(stats["top_tags"].as_array().unwrap()).join("\n")
}

/// Compares, for each (user id, token), the answers with the recount, and the table with its
/// recount from the tag rows.
async fn check(app: &TestApp, sql: &mut Sql, step: &str, users: &[(&str, &str)]) {
    for (user, token) in users {
        assert_eq!(
            tags_of(app, token).await,
            recount(&app.db, sql, user, false).await,
            "GET /tags after {step}"
        );
        assert_eq!(
            top_tags_of(app, token).await,
            recount(&app.db, sql, user, true).await,
            "top tags after {step}"
        );
    }
    let counted = "SELECT t.list_id, tt.tag_key, tt.tag, COUNT(*) FROM todo_tags tt \
                   JOIN todos t ON t.id = tt.todo_id GROUP BY t.list_id, tt.tag_key, tt.tag";
    let table = "SELECT list_id, tag_key, tag, n FROM list_tag_counts";
    let differ = format!(
        "SELECT CAST((SELECT count(*) FROM ({table} EXCEPT {counted}) AS a) \
                   + (SELECT count(*) FROM ({counted} EXCEPT {table}) AS b) AS TEXT)"
    );
    assert_eq!(sql.text(&differ).await, "0", "list_tag_counts after {step}");
    check_tag_keys(sql, step).await;
    if app.db.backend == Backend::Postgres {
        let waiting = "SELECT CAST(count(*) AS TEXT) FROM todo_tags_gone";
        assert_eq!(sql.text(waiting).await, "0", "{step}");
    }
}

async fn tagged(
    app: &TestApp,
    token: &str,
    list: &str,
    parent: Option<&str>,
    tags: &[String],
) -> String {
    let mut body = json!({"title": "tagged", "list_id": list, "tags": tags});
    if let Some(parent) = parent {
        body["parent_id"] = json!(parent);
    }
    id(&app.api.created_todo(token, body).await)
}

async fn patch(app: &TestApp, token: &str, todo: &str, body: Value) {
    let res = app.api.update_todo(token, todo, &body).await;
    assert_eq!(res.status, StatusCode::OK, "patch {body}: {}", res.body);
}

async fn tag_counts_equal_a_full_recount_after_every_write(app: &TestApp) {
    let mut sql = Sql::open(&app.db).await;
    let ann = app.api.new_user("ann").await;
    let bob = app.api.new_user("bob").await;
    let shared = id(&app.created_list(&ann.token, "Shared").await);
    app.share(&ann, &shared, &bob, "editor").await;
    let both = [
        (ann.id.as_str(), ann.token.as_str()),
        (bob.id.as_str(), bob.token.as_str()),
    ];
    let s = |v: &[&str]| v.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();

    // The lowest spelling shown, then removed while others remain.
    let t1 = tagged(app, &ann.token, &ann.id, None, &s(&["Work", "home"])).await;
    let t2 = tagged(app, &ann.token, &ann.id, None, &s(&["work"])).await;
    let t3 = tagged(app, &ann.token, &ann.id, None, &s(&["WORK", "Ärger"])).await;
    check(app, &mut sql, "creates", &both).await;
    patch(app, &ann.token, &t3, json!({"tags": ["work", "ärger"]})).await;
    check(app, &mut sql, "the shown spelling removed", &both).await;

    // A shared list: both members count its tags; a subtask's tags move with its parent.
    let s1 = tagged(app, &ann.token, &shared, None, &s(&["work", "errand"])).await;
    let s2 = tagged(app, &bob.token, &shared, None, &s(&["Work", "Errand"])).await;
    let s2a = tagged(app, &bob.token, &shared, Some(&s2), &s(&["home", "WORK"])).await;
    check(app, &mut sql, "creates in a shared list", &both).await;
    patch(app, &bob.token, &s2, json!({"list_id": bob.id})).await;
    check(app, &mut sql, "a move with a subtask", &both).await;
    patch(
        app,
        &ann.token,
        &t1,
        json!({"list_id": shared, "tags": ["zeta", "Home"]}),
    )
    .await;
    check(app, &mut sql, "a move with new tags", &both).await;

    // Deletes: one todo, one with a tagged subtask, a batch.
    app.api
        .delete_todo(&ann.token, &t2)
        .await
        .expect(StatusCode::NO_CONTENT);
    check(app, &mut sql, "a delete", &both).await;
    app.api
        .delete_todo(&bob.token, &s2)
        .await
        .expect(StatusCode::NO_CONTENT);
    assert_eq!(
        app.api.get_todo(&bob.token, &s2a).await.status,
        StatusCode::NOT_FOUND
    );
    check(app, &mut sql, "a delete with a subtask", &both).await;
    let batch = json!({"action": "complete", "ids": [t3, s1]});
    app.api
        .batch_todos(&ann.token, &batch)
        .await
        .expect(StatusCode::OK);
    let batch = json!({"action": "delete", "ids": [t3, s1]});
    app.api
        .batch_todos(&ann.token, &batch)
        .await
        .expect(StatusCode::OK);
    check(app, &mut sql, "batches", &both).await;

    // A random-ish sequence over both users and three lists. `todos`: top-level ones, with
    // their list.
    let mut rng = Lcg(12);
    let mut todos: Vec<(String, String)> = Vec::new();
    for step in 0..40 {
        let who = if rng.below(2) == 0 { &ann } else { &bob };
        match rng.below(5) {
            0 | 1 => {
                let list = if rng.below(2) == 0 { &shared } else { &who.id }.clone();
                let parent = todos
                    .iter()
                    .filter(|(_, l)| *l == list)
                    .map(|(t, _)| t.clone())
                    .nth(rng.below(4))
                    .filter(|_| rng.below(3) == 0);
                let todo = tagged(app, &who.token, &list, parent.as_deref(), &rng.tags()).await;
                if parent.is_none() {
                    todos.push((todo, list));
                }
            }
            2 if !todos.is_empty() => {
                let (todo, _) = todos[rng.below(todos.len())].clone();
                let tags = rng.tags();
                let res = app
                    .api
                    .update_todo(&who.token, &todo, &json!({"tags": tags}))
                    .await;
                assert!(
                    res.status == StatusCode::OK || res.status == StatusCode::NOT_FOUND,
                    "{}",
                    res.body
                );
            }
            3 if !todos.is_empty() => {
                // Between its owner's Inbox and the shared list (with its subtasks).
                let i = rng.below(todos.len());
                let (todo, list) = todos[i].clone();
                let to = if list == shared {
                    who.id.clone()
                } else {
                    shared.clone()
                };
                let res = app
                    .api
                    .update_todo(&who.token, &todo, &json!({"list_id": to}))
                    .await;
                if res.status == StatusCode::OK {
                    todos[i].1 = to;
                }
            }
            4 if !todos.is_empty() => {
                let (todo, _) = todos.remove(rng.below(todos.len()));
                let ann_deleted = app.api.delete_todo(&ann.token, &todo).await.status;
                let bob_deleted = app.api.delete_todo(&bob.token, &todo).await.status;
                assert!(
                    ann_deleted == StatusCode::NO_CONTENT || bob_deleted == StatusCode::NO_CONTENT
                );
            }
            _ => continue,
        }
        check(app, &mut sql, &format!("random step {step}"), &both).await;
    }

    // A list deleted with its todos.
    let deleted = app
        .delete_list(&ann.token, &shared, "delete_todos=true", None)
        .await;
    assert_eq!(deleted.status, StatusCode::NO_CONTENT, "{}", deleted.body);
    check(app, &mut sql, "a list's deletion", &both).await;

    // An account deleted: its todos in a list it co-owns pass to the other owner, its own
    // lists go.
    let team = id(&app.created_list(&bob.token, "Team").await);
    app.share(&bob, &team, &ann, "owner").await;
    tagged(app, &bob.token, &team, None, &s(&["WORK", "home"])).await;
    tagged(app, &ann.token, &team, None, &s(&["Work", "zeta"])).await;
    tagged(app, &bob.token, &bob.id, None, &s(&["errand", "Zeta"])).await;
    check(app, &mut sql, "a co-owned list", &both).await;
    app.api
        .delete_current_user(&bob.token, &json!({"password": bob.password}))
        .await
        .expect(StatusCode::NO_CONTENT);
    check(
        app,
        &mut sql,
        "an account's deletion",
        &[(ann.id.as_str(), ann.token.as_str())],
    )
    .await;
    let rows = sql
        .text("SELECT CAST(count(*) AS TEXT) FROM list_tag_counts")
        .await;
    assert_ne!(rows, "0", "ann's lists still have tags");
    match sql {
        Sql::Sqlite(conn) => conn.close().await.unwrap(),
        Sql::Postgres(conn) => conn.close().await.unwrap(),
    }
}

/// What a client could see of a write besides the todo's tags: the todo's version, change
/// number and update time, its owner's data version, the change feed's clock (SQLite) and
/// tombstones, the live-update signals (SQLite), the statistics counters.
async fn observable(db: &TestDb, sql: &mut Sql, todo: &str, user: &str) -> String {
    let (todo, user) = (db.uuid_literal(todo), db.uuid_literal(user));
    let common = format!(
        "(SELECT CAST(version AS TEXT) || '|' || CAST(change_id AS TEXT) || '|' \
            || CAST(updated_at AS TEXT) FROM todos WHERE id = {todo}) || '|' \
         || (SELECT CAST(data_version AS TEXT) FROM users WHERE id = {user}) || '|' \
         || (SELECT CAST(count(*) AS TEXT) FROM sync_tombstones) || '|' \
         || (SELECT CAST(sum(total) AS TEXT) || '/' || CAST(sum(completed) AS TEXT) \
             FROM list_todo_counts) || '|' \
         || (SELECT CAST(sum(n) AS TEXT) FROM list_tag_counts)"
    );
    let statement = match db.backend {
        Backend::Sqlite => format!(
            "SELECT {common} || '|' || (SELECT CAST(clock AS TEXT) FROM sync_state) || '|' \
             || (SELECT group_concat(kind || hex(id) || seq) FROM sync_signals)"
        ),
        Backend::Postgres => format!("SELECT {common}"),
    };
    sql.text(&statement).await
}

/// Tag rows written straight into `todo_tags` (as any writer might: the application writes
/// them right after the todo's own update): the todo row's keys follow, and nothing else
/// moves (no change number, version, feed entry, signal or data version; the tag counts by
/// the tags written).
async fn a_tag_written_alone_changes_only_its_todos_tag_keys(app: &TestApp) {
    let mut sql = Sql::open(&app.db).await;
    let ann = app.api.new_user("ann").await;
    let s = |v: &[&str]| v.iter().map(|t| (*t).to_owned()).collect::<Vec<_>>();
    let todo = tagged(app, &ann.token, &ann.id, None, &s(&["Work", "home"])).await;
    let other = tagged(app, &ann.token, &ann.id, None, &s(&[])).await;
    assert_eq!(check_tag_keys(&mut sql, "creates").await, 1);
    let etag = |res: &crate::support::client::Answer| res.header("etag").map(str::to_owned);
    let before_etag = etag(&app.api.get_todo(&ann.token, &todo).await);
    let before = observable(&app.db, &mut sql, &todo, &ann.id).await;
    let counts = |before: &str, delta: i64| {
        let mut parts: Vec<String> = before.split('|').map(str::to_owned).collect();
        parts[6] = (parts[6].parse::<i64>().unwrap() + delta).to_string();
        parts.join("|")
    };
    let (t, o, u) = (
        app.db.uuid_literal(&todo),
        app.db.uuid_literal(&other),
        app.db.uuid_literal(&ann.id),
    );
    // One statement adding a key to each of two todos (one had none), one deleting a key,
    // one moving only user_id (as an account's deletion does), one changing a key in place.
    sql.exec(&format!(
        "INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) \
         VALUES ({t}, {u}, 'Ärger', 'ärger'), ({o}, {u}, 'x,y \"z\"', 'x,y \"z\"')"
    ))
    .await;
    assert_eq!(check_tag_keys(&mut sql, "an insert").await, 2);
    assert_eq!(
        observable(&app.db, &mut sql, &todo, &ann.id).await,
        counts(&before, 2)
    );
    sql.exec(&format!(
        "DELETE FROM todo_tags WHERE todo_id = {t} AND tag_key = 'work'"
    ))
    .await;
    check_tag_keys(&mut sql, "a delete").await;
    sql.exec(&format!(
        "UPDATE todo_tags SET user_id = {u} WHERE todo_id = {t}"
    ))
    .await;
    check_tag_keys(&mut sql, "an update of user_id").await;
    sql.exec(&format!(
        "UPDATE todo_tags SET tag_key = 'zeta', tag = 'Zeta' WHERE todo_id = {t} AND tag_key = 'home'"
    ))
    .await;
    check_tag_keys(&mut sql, "an update of a key").await;
    assert_eq!(
        observable(&app.db, &mut sql, &todo, &ann.id).await,
        counts(&before, 1)
    );
    assert_eq!(
        etag(&app.api.get_todo(&ann.token, &todo).await),
        before_etag
    );
    // The filter reads the keys carried: the todo is found by its new keys only.
    for (query, found) in [
        ("tag=zeta&tag=%C3%84rger", true),
        ("tag=home", false),
        ("tag=work", false),
    ] {
        let page = app
            .api
            .list_todos(&ann.token, query)
            .await
            .expect(StatusCode::OK);
        let ids: Vec<String> = page["items"].as_array().unwrap().iter().map(id).collect();
        assert_eq!(ids.contains(&todo), found, "{query}: {ids:?}");
    }
    // Deleting the todo takes its tags by the cascade: nothing fails, nothing comes back.
    app.api
        .delete_todo(&ann.token, &todo)
        .await
        .expect(StatusCode::NO_CONTENT);
    assert_eq!(check_tag_keys(&mut sql, "a delete of the todo").await, 1);
    match sql {
        Sql::Sqlite(conn) => conn.close().await.unwrap(),
        Sql::Postgres(conn) => conn.close().await.unwrap(),
    }
}
