//! Migration 20261130000014 (lists, subtasks, manual order, sharing; issue 13, ADR 0024) on
//! a database filled at the previous schema, as the previous release left it: every user gets
//! an Inbox, every todo lands in it in creation order, the previous release's statements keep
//! working (the triggers fill in list and position), and the statistics' data version follows
//! a shared list's members.

use std::borrow::Cow;
use std::str::FromStr;

use sqlx::migrate::Migrator;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, PgConnection, Row, SqliteConnection};
use todo_api::domain::position::is_valid_key;
use uuid::Uuid;

use crate::dual_test;
use crate::support::{Backend, TestDb, repo_file};

dual_test!(previous_schema_data_moves_into_inboxes);

/// The migration under test: everything before it is the previous release's schema.
const LISTS_MIGRATION: i64 = 20261130000014;

/// One connection to either back end; every column a test reads is selected as text.
enum Conn {
    Sqlite(SqliteConnection),
    Postgres(PgConnection),
}

impl Conn {
    async fn open(db: &TestDb) -> Conn {
        match db.backend {
            Backend::Sqlite => {
                std::fs::create_dir_all(db.dir.path().join("db")).unwrap();
                let options = SqliteConnectOptions::from_str(&db.url)
                    .unwrap()
                    .create_if_missing(true)
                    .foreign_keys(true);
                Conn::Sqlite(options.connect().await.unwrap())
            }
            Backend::Postgres => Conn::Postgres(PgConnection::connect(&db.url).await.unwrap()),
        }
    }

    /// Applies the shipped migrations with a version below `below` (all with `None`).
    async fn migrate(&mut self, backend: Backend, below: Option<i64>) {
        let dir = match backend {
            Backend::Sqlite => "migrations/sqlite",
            Backend::Postgres => "migrations/postgres",
        };
        let mut migrator = Migrator::new(repo_file(dir)).await.unwrap();
        if let Some(below) = below {
            let previous: Vec<_> = migrator
                .migrations
                .iter()
                .filter(|m| m.version < below)
                .cloned()
                .collect();
            assert!(previous.len() < migrator.migrations.len());
            migrator.migrations = Cow::Owned(previous);
        }
        match self {
            Conn::Sqlite(c) => migrator.run(c).await.unwrap(),
            Conn::Postgres(c) => migrator.run(c).await.unwrap(),
        }
    }

    async fn exec(&mut self, sql: &str) {
        let sql = AssertSqlSafe(sql.to_owned());
        match self {
            Conn::Sqlite(c) => sqlx::raw_sql(sql).execute(c).await.map(|_| ()),
            Conn::Postgres(c) => sqlx::raw_sql(sql).execute(c).await.map(|_| ()),
        }
        .unwrap_or_else(|e| panic!("{e}"));
    }

    /// Every row of a query whose columns are all text (or NULL).
    async fn rows(&mut self, sql: &str) -> Vec<Vec<Option<String>>> {
        let text = || AssertSqlSafe(sql.to_owned());
        match self {
            Conn::Sqlite(c) => sqlx::query(text())
                .fetch_all(c)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
                .iter()
                .map(|r| (0..r.len()).map(|i| r.get(i)).collect())
                .collect(),
            Conn::Postgres(c) => sqlx::query(text())
                .fetch_all(c)
                .await
                .unwrap_or_else(|e| panic!("{sql}: {e}"))
                .iter()
                .map(|r| (0..r.len()).map(|i| r.get(i)).collect())
                .collect(),
        }
    }

    /// The first column of the only row.
    async fn one(&mut self, sql: &str) -> Option<String> {
        let rows = self.rows(sql).await;
        assert_eq!(rows.len(), 1, "{sql}");
        rows[0][0].clone()
    }

    async fn close(self) {
        match self {
            Conn::Sqlite(c) => c.close().await.unwrap(),
            Conn::Postgres(c) => c.close().await.unwrap(),
        }
    }
}

/// An id column as 32 hex digits (SQLite stores uuids as blobs, PostgreSQL as uuid).
fn hex(backend: Backend, column: &str) -> String {
    match backend {
        Backend::Sqlite => format!("lower(hex({column}))"),
        Backend::Postgres => format!("replace(CAST({column} AS text), '-', '')"),
    }
}

fn at(day: u32) -> String {
    format!("'2026-01-{day:02}T08:00:00.000000Z'")
}

/// The previous release's INSERT of a user (registration, `create-user`, seed).
fn insert_user(db: &TestDb, id: Uuid, name: &str, day: u32) -> String {
    format!(
        "INSERT INTO users (id, email, email_normalized, display_name, password_hash, \
         created_at, updated_at) VALUES ({}, '{name}@example.com', '{name}@example.com', \
         '{name}', 'x', {t}, {t});",
        db.uuid_literal(&id.to_string()),
        t = at(day)
    )
}

/// The previous release's INSERT of a todo (`repo::sql::todos::insert_todo_in`).
fn insert_todo(db: &TestDb, id: Uuid, owner: Uuid, title: &str, day: u32) -> String {
    format!(
        "INSERT INTO todos (id, user_id, title, notes, completed, completed_at, due_at, \
         priority, created_at, updated_at) VALUES ({}, {}, '{title}', NULL, FALSE, NULL, NULL, \
         1, {t}, {t}) RETURNING title;",
        db.uuid_literal(&id.to_string()),
        db.uuid_literal(&owner.to_string()),
        t = at(day)
    )
}

async fn previous_schema_data_moves_into_inboxes(db: &TestDb) {
    let b = db.backend;
    let lit = |id: Uuid| db.uuid_literal(&id.to_string());
    let mut conn = Conn::open(db).await;
    conn.migrate(b, Some(LISTS_MIGRATION)).await;
    assert_eq!(
        conn.one(
            "SELECT CAST(COUNT(*) AS TEXT) FROM _sqlx_migrations WHERE version >= 20261130000014"
        )
        .await
        .as_deref(),
        Some("0")
    );

    // The previous release's data: two users, todos inserted out of creation order, two
    // created in the same microsecond (ordered by id then).
    let alice = Uuid::now_v7();
    let bob = Uuid::now_v7();
    let (tie_low, tie_high) = {
        let (x, y) = (Uuid::now_v7(), Uuid::now_v7());
        (x.min(y), x.max(y))
    };
    let todos = [
        (Uuid::now_v7(), alice, "alice-4", 9),
        (Uuid::now_v7(), alice, "alice-1", 2),
        (tie_high, alice, "alice-3", 5),
        (Uuid::now_v7(), bob, "bob-2", 7),
        (tie_low, alice, "alice-2", 5),
        (Uuid::now_v7(), bob, "bob-1", 3),
    ];
    let mut fill = insert_user(db, alice, "alice", 1) + &insert_user(db, bob, "bob", 2);
    for (id, owner, title, day) in todos {
        fill += &insert_todo(db, id, owner, title, day);
    }
    fill += &format!(
        "UPDATE todos SET completed = TRUE, completed_at = {} WHERE title = 'alice-1';",
        at(20)
    );
    conn.exec(&fill).await;

    // The new release migrates.
    conn.migrate(b, None).await;

    // Each user: exactly one list, the default one, named Inbox, with the user's id and
    // creation time, and the user as its owner.
    let mut expected = [alice, bob];
    expected.sort();
    let lists = conn
        .rows(&format!(
            "SELECT {}, l.name, CASE WHEN l.is_default THEN 'default' ELSE 'other' END, \
             CAST(l.version AS TEXT), {}, m.role, m.position, \
             CASE WHEN l.created_at = u.created_at AND l.updated_at = u.created_at \
                  AND m.created_at = u.created_at THEN 'same' ELSE 'other' END \
             FROM lists AS l JOIN list_members AS m ON m.list_id = l.id \
             JOIN users AS u ON u.id = l.id ORDER BY l.id",
            hex(b, "l.id"),
            hex(b, "m.user_id")
        ))
        .await;
    let want: Vec<Vec<Option<String>>> = expected
        .iter()
        .map(|u| {
            let u = u.simple().to_string();
            [&u, "Inbox", "default", "1", &u, "owner", "a0", "same"]
                .iter()
                .map(|s| Some(s.to_string()))
                .collect()
        })
        .collect();
    assert_eq!(lists, want);
    assert_eq!(
        conn.one("SELECT CAST(COUNT(*) AS TEXT) FROM lists")
            .await
            .as_deref(),
        Some("2")
    );

    // Every todo: in its owner's Inbox, created by the owner, top-level, in creation order
    // with distinct valid keys.
    let rows = conn
        .rows(&format!(
            "SELECT {}, {}, {}, title, position, \
             CASE WHEN parent_id IS NULL AND updated_by IS NULL AND completed_by IS NULL \
                  THEN 'unset' ELSE 'set' END \
             FROM todos ORDER BY user_id, position",
            hex(b, "user_id"),
            hex(b, "list_id"),
            hex(b, "created_by")
        ))
        .await;
    assert_eq!(rows.len(), todos.len());
    for owner in [alice, bob] {
        let owner_hex = owner.simple().to_string();
        let mine: Vec<_> = rows
            .iter()
            .filter(|r| r[0].as_deref() == Some(&owner_hex))
            .collect();
        let prefix = if owner == alice { "alice" } else { "bob" };
        for (i, row) in mine.iter().enumerate() {
            assert_eq!(row[1].as_deref(), Some(owner_hex.as_str()), "list {row:?}");
            assert_eq!(
                row[2].as_deref(),
                Some(owner_hex.as_str()),
                "author {row:?}"
            );
            assert_eq!(row[3], Some(format!("{prefix}-{}", i + 1)), "order {row:?}");
            assert_eq!(row[4], Some(format!("h{:08}", i + 1)), "position {row:?}");
            assert!(is_valid_key(row[4].as_deref().unwrap()));
            assert_eq!(row[5].as_deref(), Some("unset"));
        }
        let mut positions: Vec<_> = mine.iter().map(|r| r[4].clone()).collect();
        positions.dedup();
        assert_eq!(positions.len(), mine.len());
    }

    // The previous release's insert (no list, no position) lands last in the Inbox; so does
    // the next one; a subtask without position goes first among its (no) siblings, then after.
    let position_of = |id: Uuid| {
        format!(
            "SELECT position FROM todos WHERE id = {} AND list_id = user_id",
            lit(id)
        )
    };
    let late = Uuid::now_v7();
    conn.rows(&insert_todo(db, late, alice, "late", 25)).await;
    let late_key = conn.one(&position_of(late)).await.unwrap();
    let later = Uuid::now_v7();
    conn.rows(&insert_todo(db, later, alice, "later", 26)).await;
    let later_key = conn.one(&position_of(later)).await.unwrap();
    assert!(is_valid_key(&late_key) && is_valid_key(&later_key));
    assert!(
        "h00000004" < late_key.as_str() && late_key < later_key,
        "{late_key} {later_key}"
    );
    // The key with its last digit incremented: no growth per insert.
    assert_eq!(
        (late_key.as_str(), later_key.as_str()),
        ("h00000005", "h00000006")
    );
    let parent = todos[1].0;
    let mut subtask_keys = Vec::new();
    for _ in 0..3 {
        let sub = Uuid::now_v7();
        conn.exec(&format!(
            "INSERT INTO todos (id, user_id, list_id, parent_id, title, created_at, updated_at) \
             VALUES ({}, {}, {}, {}, 'sub', {t}, {t})",
            lit(sub),
            lit(alice),
            lit(alice),
            lit(parent),
            t = at(27)
        ))
        .await;
        subtask_keys.push(conn.one(&position_of(sub)).await.unwrap());
    }
    assert_eq!(subtask_keys, ["a0", "a1", "a2"]);
    // The next digit across the alphabet's gaps, and past a 'z' a 'V' more (still after it).
    let mut newest = later;
    for (set, next) in [
        ("h00000009", "h0000000A"),
        ("h0000000Z", "h0000000a"),
        ("h0000000z", "h0000000zV"),
        ("h0000000zy", "h0000000zz"),
    ] {
        conn.exec(&format!(
            "UPDATE todos SET position = '{set}' WHERE id = {}",
            lit(newest)
        ))
        .await;
        newest = Uuid::now_v7();
        conn.rows(&insert_todo(db, newest, alice, "newest", 28))
            .await;
        let key = conn.one(&position_of(newest)).await.unwrap();
        assert_eq!(key, next);
        assert!(is_valid_key(&key) && set < key.as_str());
    }

    // A user inserted without the application (an older binary, `create-user`, SQL) gets
    // an Inbox, and its first todo the first key.
    let carol = Uuid::now_v7();
    conn.exec(&insert_user(db, carol, "carol", 3)).await;
    let inbox = conn
        .rows(&format!(
            "SELECT l.name, CASE WHEN l.is_default THEN 'default' ELSE 'other' END, m.role, \
             m.position FROM lists AS l JOIN list_members AS m ON m.list_id = l.id \
             WHERE l.id = {c} AND m.user_id = {c}",
            c = lit(carol)
        ))
        .await;
    assert_eq!(
        inbox,
        [["Inbox", "default", "owner", "a0"].map(|s| Some(s.to_owned()))]
    );
    let first = Uuid::now_v7();
    conn.rows(&insert_todo(db, first, carol, "first", 4)).await;
    assert_eq!(conn.one(&position_of(first)).await.as_deref(), Some("a0"));

    // The statistics' data version: a write to a todo of a list bumps every member of it
    // (and the todo's user), nobody else; so do membership changes.
    let shared = Uuid::now_v7();
    conn.exec(&format!(
        "INSERT INTO lists (id, name, created_at, updated_at) VALUES ({s}, 'Shared', {t}, {t});
         INSERT INTO list_members (list_id, user_id, role, position, created_at) VALUES
             ({s}, {a}, 'owner', 'a1', {t}), ({s}, {b}, 'editor', 'a1', {t});",
        s = lit(shared),
        a = lit(alice),
        b = lit(bob),
        t = at(10)
    ))
    .await;
    let versions_sql = format!(
        "SELECT CAST(data_version AS TEXT) FROM users WHERE id IN ({}, {}, {}) ORDER BY \
         CASE id WHEN {} THEN 1 WHEN {} THEN 2 ELSE 3 END",
        lit(alice),
        lit(bob),
        lit(carol),
        lit(alice),
        lit(bob)
    );
    let versions = async |conn: &mut Conn| -> Vec<i64> {
        conn.rows(&versions_sql)
            .await
            .iter()
            .map(|r| r[0].as_deref().unwrap().parse().unwrap())
            .collect()
    };
    let changed =
        |before: &[i64], after: &[i64]| -> [bool; 3] { [0, 1, 2].map(|i| after[i] > before[i]) };

    let mut before = versions(&mut conn).await;
    let shared_todo = Uuid::now_v7();
    let steps: Vec<(&str, String, [bool; 3])> = vec![
        (
            "insert into the shared list",
            format!(
                "INSERT INTO todos (id, user_id, list_id, position, created_by, title, \
                 created_at, updated_at) VALUES ({}, {}, {}, 'a0', {}, 'together', {t}, {t})",
                lit(shared_todo),
                lit(alice),
                lit(shared),
                lit(alice),
                t = at(11)
            ),
            [true, true, false],
        ),
        (
            "update in the shared list",
            format!(
                "UPDATE todos SET title = 'edited', updated_by = {} WHERE id = {}",
                lit(bob),
                lit(shared_todo)
            ),
            [true, true, false],
        ),
        (
            "move out of the shared list into carol's Inbox",
            format!(
                "UPDATE todos SET list_id = {} WHERE id = {}",
                lit(carol),
                lit(shared_todo)
            ),
            [true, true, true],
        ),
        (
            "update in carol's Inbox (alice's todo)",
            format!(
                "UPDATE todos SET title = 'again' WHERE id = {}",
                lit(shared_todo)
            ),
            [true, false, true],
        ),
        (
            "move back",
            format!(
                "UPDATE todos SET list_id = {} WHERE id = {}",
                lit(shared),
                lit(shared_todo)
            ),
            [true, true, true],
        ),
        (
            "bob's role changes",
            format!(
                "UPDATE list_members SET role = 'viewer' WHERE list_id = {} AND user_id = {}",
                lit(shared),
                lit(bob)
            ),
            [true, true, false],
        ),
        (
            "bob leaves",
            format!(
                "DELETE FROM list_members WHERE list_id = {} AND user_id = {}",
                lit(shared),
                lit(bob)
            ),
            [true, true, false],
        ),
        (
            "update after bob left",
            format!(
                "UPDATE todos SET title = 'alone' WHERE id = {}",
                lit(shared_todo)
            ),
            [true, false, false],
        ),
        (
            "carol joins",
            format!(
                "INSERT INTO list_members (list_id, user_id, role, position, created_at) \
                 VALUES ({}, {}, 'viewer', 'a1', {})",
                lit(shared),
                lit(carol),
                at(12)
            ),
            [true, false, true],
        ),
        (
            "delete in the shared list",
            format!("DELETE FROM todos WHERE id = {}", lit(shared_todo)),
            [true, false, true],
        ),
    ];
    for (what, sql, expected) in steps {
        conn.exec(&sql).await;
        let after = versions(&mut conn).await;
        assert_eq!(
            changed(&before, &after),
            expected,
            "{what}: {before:?} -> {after:?}"
        );
        before = after;
    }

    conn.close().await;
}
