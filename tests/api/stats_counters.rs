//! Statistics counters per list (migration 23, ADR 0029). After every step of a sequence of
//! writes — through the API (create, complete and reopen, priority, due dates in the past and
//! future, moves between lists with subtasks, batches, deletes, a shared list with two
//! members, deleting a list with its todos, deleting an account) and behind its back (an older
//! binary's insert without a list, a list deleted by SQL) — the counter tables equal a full
//! recount of `todos`, and every user's aggregates and statistics equal what the statistics'
//! previous SQL (a pass over every todo of the user's lists) computes.

use chrono::{DateTime, Duration, Utc};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sqlx::{AssertSqlSafe, Connection};
use uuid::Uuid;

use todo_api::domain::stats::Aggregates;
use todo_api::repo::DbTime;

use crate::dual_test;
use crate::support::client::User;
use crate::support::id;
use crate::support::{Backend, TestApp};

dual_test!(counters_equal_a_full_recount_after_every_write);

/// The statistics' totals before the counters (server-impl/src/repo/sql/stats.rs, migration 21).
const OLD_TOTALS: &str = "SELECT CAST(COUNT(*) AS BIGINT), \
    CAST(COALESCE(SUM(CASE WHEN completed THEN 1 ELSE 0 END), 0) AS BIGINT), \
    CAST(COALESCE(SUM(CASE WHEN NOT completed AND due_at < $2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
    CAST(COALESCE(SUM(CASE WHEN priority = 0 THEN 1 ELSE 0 END), 0) AS BIGINT), \
    CAST(COALESCE(SUM(CASE WHEN priority = 1 THEN 1 ELSE 0 END), 0) AS BIGINT), \
    CAST(COALESCE(SUM(CASE WHEN priority = 2 THEN 1 ELSE 0 END), 0) AS BIGINT), \
    MIN(CASE WHEN NOT completed AND due_at >= $2 THEN due_at END) \
    FROM todos WHERE list_id IN (SELECT m.list_id FROM list_members m WHERE m.user_id = $1)";

/// The previous completions per day, with the back end's day of `completed_at`.
fn old_per_day(day: &str) -> String {
    format!(
        "SELECT {day}, CAST(COUNT(*) AS BIGINT) FROM todos \
         WHERE list_id IN (SELECT m.list_id FROM list_members m WHERE m.user_id = $1) \
         AND completed_at IS NOT NULL AND completed_at >= $2 GROUP BY {day}"
    )
}

const TOP_TAGS: &str = "SELECT MIN(tt.tag), CAST(COUNT(*) AS BIGINT) FROM todo_tags tt \
    JOIN todos t ON t.id = tt.todo_id \
    WHERE t.list_id IN (SELECT m.list_id FROM list_members m WHERE m.user_id = $1) \
    GROUP BY tt.tag_key ORDER BY COUNT(*) DESC, tt.tag_key LIMIT 10";

/// The previous `COMPLETED_DAY` of each back end (repo/dialect.rs before migration 23).
fn old_day(backend: Backend) -> &'static str {
    match backend {
        Backend::Sqlite => "substr(completed_at, 1, 10)",
        Backend::Postgres => "to_char(completed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD')",
    }
}

macro_rules! old_aggregates {
    ($conn:expr, $day:expr, $owner:expr, $now:expr, $since:expr) => {{
        let (total, completed, overdue, low, normal, high, next_due): (
            i64,
            i64,
            i64,
            i64,
            i64,
            i64,
            Option<DbTime>,
        ) = sqlx::query_as(OLD_TOTALS)
            .bind($owner)
            .bind(DbTime($now))
            .fetch_one(&mut $conn)
            .await
            .unwrap();
        let per_day: Vec<(String, i64)> = sqlx::query_as(AssertSqlSafe(old_per_day($day)))
            .bind($owner)
            .bind(DbTime($since))
            .fetch_all(&mut $conn)
            .await
            .unwrap();
        let top_tags: Vec<(String, i64)> = sqlx::query_as(TOP_TAGS)
            .bind($owner)
            .fetch_all(&mut $conn)
            .await
            .unwrap();
        Aggregates {
            total,
            completed,
            overdue,
            by_priority: [low, normal, high],
            completions: per_day
                .into_iter()
                .map(|(d, n)| (d.parse().unwrap(), n))
                .collect(),
            top_tags,
            next_due: next_due.map(|t| t.0),
        }
    }};
}

/// What the previous SQL computes for `owner`.
async fn old_aggregates(
    app: &TestApp,
    owner: Uuid,
    now: DateTime<Utc>,
    since: DateTime<Utc>,
) -> Aggregates {
    let day = old_day(app.db.backend);
    match app.db.backend {
        Backend::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(&app.db.url).await.unwrap();
            let a = old_aggregates!(conn, day, owner, now, since);
            conn.close().await.unwrap();
            a
        }
        Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&app.db.url).await.unwrap();
            let a = old_aggregates!(conn, day, owner, now, since);
            conn.close().await.unwrap();
            a
        }
    }
}

/// Rows of `a` that `b` lacks, as a count (`a` and `b` are queries with the same columns).
async fn missing(app: &TestApp, a: &str, b: &str) -> i64 {
    app.db
        .sql(&format!(
            "SELECT CAST(count(*) AS TEXT) FROM ({a} EXCEPT {b}) AS x"
        ))
        .await
        .expect("count")
        .parse()
        .unwrap()
}

/// Runs a writing statement that must succeed and change `rows` rows.
async fn exec(app: &TestApp, statement: &str, rows: u64) {
    let sql = || AssertSqlSafe(statement.to_owned());
    let done = match app.db.backend {
        Backend::Sqlite => {
            let mut conn = sqlx::SqliteConnection::connect(&app.db.url).await.unwrap();
            let r = sqlx::query(sql()).execute(&mut conn).await.unwrap();
            r.rows_affected()
        }
        Backend::Postgres => {
            let mut conn = sqlx::PgConnection::connect(&app.db.url).await.unwrap();
            let r = sqlx::query(sql()).execute(&mut conn).await.unwrap();
            r.rows_affected()
        }
    };
    assert_eq!(done, rows, "{statement}");
}

fn sorted(mut a: Aggregates) -> Aggregates {
    a.completions.sort();
    a
}

/// The counter tables equal a full recount, and each user's aggregates (repository) and
/// statistics (API) equal the previous SQL's.
async fn check(app: &TestApp, users: &[&User], step: &str) {
    let counts = "SELECT list_id, total, completed, low, normal, high FROM list_todo_counts";
    let recount = "SELECT list_id, CAST(COUNT(*) AS BIGINT), \
        CAST(SUM(CASE WHEN completed THEN 1 ELSE 0 END) AS BIGINT), \
        CAST(SUM(CASE WHEN priority = 0 THEN 1 ELSE 0 END) AS BIGINT), \
        CAST(SUM(CASE WHEN priority = 1 THEN 1 ELSE 0 END) AS BIGINT), \
        CAST(SUM(CASE WHEN priority = 2 THEN 1 ELSE 0 END) AS BIGINT) \
        FROM todos GROUP BY list_id";
    assert_eq!(
        (
            missing(app, counts, recount).await,
            missing(app, recount, counts).await
        ),
        (0, 0),
        "{step}: list_todo_counts differs from a recount"
    );
    let day = old_day(app.db.backend);
    let kept_day = match app.db.backend {
        Backend::Sqlite => "day",
        Backend::Postgres => "to_char(day, 'YYYY-MM-DD')",
    };
    let completions = format!("SELECT list_id, {kept_day}, n FROM list_completions");
    let recount = format!(
        "SELECT list_id, {day}, CAST(COUNT(*) AS BIGINT) FROM todos \
         WHERE completed_at IS NOT NULL GROUP BY list_id, {day}"
    );
    assert_eq!(
        (
            missing(app, &completions, &recount).await,
            missing(app, &recount, &completions).await
        ),
        (0, 0),
        "{step}: list_completions differs from a recount"
    );

    let now = Utc::now();
    let today = now.date_naive();
    let since = (today - chrono::Days::new(364))
        .and_hms_opt(0, 0, 0)
        .unwrap()
        .and_utc();
    for user in users {
        let owner: Uuid = user.id.parse().unwrap();
        let old = sorted(old_aggregates(app, owner, now, since).await);
        let new = sorted(app.store.aggregate_todos(owner, now, since).await.unwrap());
        assert_eq!(new, old, "{step}: aggregates of {}", user.email);
        let s = app
            .api
            .get_statistics(&user.token, "days=365")
            .await
            .expect(StatusCode::OK);
        let per_day: Vec<(String, i64)> = s["completions_per_day"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|d| d["count"] != 0)
            .map(|d| {
                (
                    d["date"].as_str().unwrap().to_owned(),
                    d["count"].as_i64().unwrap(),
                )
            })
            .collect();
        let expected: Vec<(String, i64)> = old
            .completions
            .iter()
            .map(|(d, n)| (d.to_string(), *n))
            .collect();
        assert_eq!(
            (
                s["total"].as_i64(),
                s["completed"].as_i64(),
                s["overdue"].as_i64(),
                &s["by_priority"],
                per_day,
            ),
            (
                Some(old.total),
                Some(old.completed),
                Some(old.overdue),
                &json!({"low": old.by_priority[0], "normal": old.by_priority[1], "high": old.by_priority[2]}),
                expected,
            ),
            "{step}: statistics of {}",
            user.email
        );
    }
}

fn at(t: DateTime<Utc>) -> String {
    t.to_rfc3339_opts(chrono::SecondsFormat::Secs, true)
}

/// A time as an SQL literal of the back end (SQLite: the fixed-width text of `DbTime`).
fn time_literal(app: &TestApp, t: DateTime<Utc>) -> String {
    match app.db.backend {
        Backend::Sqlite => format!(
            "'{}'",
            t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true)
        ),
        Backend::Postgres => format!("'{}'::timestamptz", at(t)),
    }
}

/// A todo as an older binary inserts it: no list (a trigger puts it in the owner's Inbox)
/// unless `list`, no position, completed some days ago (its completion on an earlier day).
async fn insert_without_list(app: &TestApp, owner: &User, days_ago: i64, list: Option<&str>) {
    let time = time_literal(app, Utc::now() - Duration::days(days_ago));
    let completed = match app.db.backend {
        Backend::Sqlite => "1",
        Backend::Postgres => "true",
    };
    let list = list.map_or("NULL".to_owned(), |l| app.db.uuid_literal(l));
    let statement = format!(
        "INSERT INTO todos (id, user_id, title, completed, completed_at, priority, created_at, \
             updated_at, list_id) \
         VALUES ({}, {}, 'old binary', {completed}, {time}, 2, {time}, {time}, {list})",
        app.db.uuid_literal(&Uuid::now_v7().to_string()),
        app.db.uuid_literal(&owner.id),
    );
    exec(app, &statement, 1).await;
}

async fn counters_equal_a_full_recount_after_every_write(app: &TestApp) {
    let api = &app.api;
    let ann = api.new_user("ann").await;
    let bob = api.new_user("bob").await;
    let cat = api.new_user("cat").await;
    let everyone = [&ann, &bob, &cat];
    check(app, &everyone, "new accounts").await;

    let past = at(Utc::now() - Duration::days(3));
    let future = at(Utc::now() + Duration::days(3));
    let mut inbox = Vec::new();
    for (i, priority) in ["low", "normal", "high", "high", "low"].iter().enumerate() {
        let due = match i % 3 {
            0 => json!(past),
            1 => json!(future),
            _ => Value::Null,
        };
        let todo = api
            .created_todo(
                &ann.token,
                json!({"title": format!("t{i}"), "priority": priority, "due_at": due, "tags": ["x"]}),
            )
            .await;
        inbox.push(id(&todo));
    }
    api.created_todo(&cat.token, json!({"title": "cat's", "due_at": past}))
        .await;
    check(app, &everyone, "creates").await;

    // Complete, reopen, priority, due dates.
    let token = ann.token.as_str();
    let patch = |todo: &str, body: Value| {
        let todo = todo.to_owned();
        async move {
            api.update_todo(token, &todo, &body)
                .await
                .expect(StatusCode::OK);
        }
    };
    patch(&inbox[0], json!({"completed": true})).await;
    check(app, &everyone, "complete").await;
    patch(&inbox[0], json!({"completed": false})).await;
    check(app, &everyone, "reopen").await;
    patch(&inbox[1], json!({"priority": "high", "completed": true})).await;
    check(app, &everyone, "priority and complete").await;
    patch(&inbox[2], json!({"priority": "low"})).await;
    check(app, &everyone, "priority").await;
    patch(&inbox[2], json!({"due_at": past})).await;
    patch(&inbox[0], json!({"due_at": future})).await;
    check(app, &everyone, "due dates").await;
    patch(
        &inbox[1],
        json!({"due_at": Value::Null, "title": "renamed"}),
    )
    .await;
    check(app, &everyone, "clear a due date").await;

    // A shared list with two members, subtasks, moves between lists.
    let work = id(&app.created_list(&ann.token, "Work").await);
    app.share(&ann, &work, &bob, "editor").await;
    check(app, &everyone, "share").await;
    let bobs = api
        .created_todo(
            &bob.token,
            json!({"title": "bob's", "list_id": work, "priority": "low", "due_at": past}),
        )
        .await;
    let parent = api
        .created_todo(
            &ann.token,
            json!({"title": "parent", "due_at": future, "tags": ["x", "y"]}),
        )
        .await;
    let sub = api
        .created_todo(
            &ann.token,
            json!({"title": "sub", "parent_id": id(&parent), "priority": "high"}),
        )
        .await;
    patch(&id(&sub), json!({"completed": true})).await;
    check(app, &everyone, "subtask").await;
    patch(&id(&parent), json!({"list_id": work})).await;
    check(app, &everyone, "move a parent with its subtask").await;
    patch(&inbox[1], json!({"list_id": work})).await;
    check(app, &everyone, "move a completed todo").await;
    api.update_todo(&bob.token, &inbox[1], &json!({"completed": false}))
        .await
        .expect(StatusCode::OK);
    check(app, &everyone, "the other member reopens").await;

    // Batches and deletes.
    api.batch_todos(
        &ann.token,
        &json!({"action": "complete", "ids": [inbox[2], inbox[3], id(&bobs), id(&parent)]}),
    )
    .await
    .expect(StatusCode::OK);
    check(app, &everyone, "batch complete").await;
    api.batch_todos(
        &ann.token,
        &json!({"action": "reopen", "ids": [inbox[3], id(&parent)]}),
    )
    .await
    .expect(StatusCode::OK);
    check(app, &everyone, "batch reopen").await;
    api.delete_todo(&ann.token, &inbox[4])
        .await
        .expect(StatusCode::NO_CONTENT);
    check(app, &everyone, "delete").await;
    api.batch_todos(&ann.token, &json!({"action": "delete", "ids": [inbox[3]]}))
        .await
        .expect(StatusCode::OK);
    check(app, &everyone, "batch delete").await;

    // An older binary's insert, completed on earlier days; a completion moved to another day.
    insert_without_list(app, &ann, 3, None).await;
    insert_without_list(app, &ann, 3, None).await;
    insert_without_list(app, &bob, 40, None).await;
    insert_without_list(app, &ann, 5, Some(&ann.id)).await;
    check(app, &everyone, "inserts without a list or position").await;
    let earlier = format!(
        "UPDATE todos SET completed_at = {} WHERE id = {}",
        time_literal(app, Utc::now() - Duration::days(10)),
        app.db.uuid_literal(&inbox[2])
    );
    exec(app, &earlier, 1).await;
    check(app, &everyone, "a completion on another day").await;

    // Deleting a shared list with its todos; a list deleted behind the API's back (cascade).
    app.delete_list(&ann.token, &work, "delete_todos=true", None)
        .await
        .expect(StatusCode::NO_CONTENT);
    check(app, &everyone, "delete a shared list").await;
    let home = id(&app.created_list(&ann.token, "Home").await);
    app.share(&ann, &home, &bob, "editor").await;
    for title in ["a", "b"] {
        let t = api
            .created_todo(&bob.token, json!({"title": title, "list_id": home}))
            .await;
        api.update_todo(&bob.token, &id(&t), &json!({"completed": true}))
            .await
            .expect(StatusCode::OK);
    }
    api.created_todo(
        &ann.token,
        json!({"title": "c", "list_id": home, "due_at": past}),
    )
    .await;
    let gone = id(&app.created_list(&ann.token, "Gone").await);
    api.created_todo(
        &ann.token,
        json!({"title": "d", "list_id": gone, "priority": "high"}),
    )
    .await;
    check(app, &everyone, "more lists").await;
    let delete = format!(
        "DELETE FROM lists WHERE id = {}",
        app.db.uuid_literal(&gone)
    );
    exec(app, &delete, 1).await;
    check(app, &everyone, "a list deleted by SQL").await;

    // An account goes: its todos in the shared list and its own lists with it.
    api.delete_current_user(&bob.token, &json!({"password": bob.password}))
        .await
        .expect(StatusCode::NO_CONTENT);
    check(app, &[&ann, &cat], "delete an account").await;
    let lists: i64 = app
        .db
        .sql("SELECT CAST(count(*) AS TEXT) FROM list_todo_counts")
        .await
        .unwrap()
        .parse()
        .unwrap();
    assert!(lists >= 3, "ann's Inbox and Home, cat's Inbox: {lists}");
}
