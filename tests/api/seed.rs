//! `todo-api seed` bulk-loads with the todos' secondary indexes and insert triggers off
//! (ADR 0028). What it leaves must be a migrated database: the same schema (indexes, triggers
//! and their state, constraints, columns) as one that only ran `todo-api migrate`, and the
//! same rows as inserting the seeded users, todos and tags one by one with every trigger on
//! would give (change numbers, data versions, signals, full-text rows, tag counts, the todos'
//! tag keys).

use sqlx::{AssertSqlSafe, Connection, Executor};
use tokio::process::Command;

use crate::dual_test;
use crate::support::{Backend, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_todo-api");

async fn todo_api(db: &TestDb, args: &[&str]) {
    todo_api_at(&db.url, db, args).await;
}

/// Runs `todo-api` with `args` on the database at `url` (`db`'s, perhaps with options), in
/// `db`'s folder; asserts it succeeds and returns what it printed.
pub(crate) async fn todo_api_at(url: &str, db: &TestDb, args: &[&str]) -> String {
    let out = Command::new(BIN)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", url)
        .env("RUST_LOG", "warn")
        .current_dir(db.dir.path())
        .args(args)
        .output()
        .await
        .unwrap();
    assert!(
        out.status.success(),
        "todo-api {args:?}: {}",
        String::from_utf8_lossy(&out.stderr)
    );
    String::from_utf8(out.stdout).unwrap()
}

/// The schema as text, one object per line, in name order.
async fn schema(db: &TestDb) -> String {
    let statement = match db.backend {
        Backend::Sqlite => {
            "SELECT group_concat(line, char(10)) FROM (SELECT type || ' ' || name || ' ON ' \
             || tbl_name || ': ' || coalesce(sql, '') AS line FROM sqlite_master \
             ORDER BY type, name)"
        }
        Backend::Postgres => {
            "SELECT string_agg(line, E'\\n' ORDER BY line) FROM ( \
               SELECT 'index ' || indexname || ': ' || indexdef AS line FROM pg_indexes \
                 WHERE schemaname = current_schema() \
               UNION ALL SELECT 'trigger ' || t.tgname || ' ' || t.tgenabled::text || ': ' \
                 || pg_get_triggerdef(t.oid) FROM pg_trigger AS t \
                 JOIN pg_class AS c ON c.oid = t.tgrelid \
                 WHERE NOT t.tgisinternal AND c.relnamespace = current_schema()::regnamespace \
               UNION ALL SELECT 'constraint ' || conrelid::regclass || ' ' || conname || ': ' \
                 || pg_get_constraintdef(oid) FROM pg_constraint \
                 WHERE connamespace = current_schema()::regnamespace \
               UNION ALL SELECT 'column ' || table_name || '.' || column_name || ' ' \
                 || data_type || ' ' || is_nullable || ' ' || coalesce(column_default, '') \
                 || ' ' || coalesce(collation_name, '') FROM information_schema.columns \
                 WHERE table_schema = current_schema()) AS s"
        }
    };
    db.sql(statement).await.expect("schema")
}

dual_test!(a_seeded_database_is_a_migrated_one_with_the_rows_triggers_would_write);

async fn a_seeded_database_is_a_migrated_one_with_the_rows_triggers_would_write(db: &TestDb) {
    let Some(reference) = TestDb::create(db.backend).await else {
        return;
    };
    todo_api(&reference, &["migrate"]).await;
    todo_api(
        db,
        &[
            "seed",
            "--users",
            "6",
            "--todos",
            "2500",
            "--heavy-todos",
            "800",
        ],
    )
    .await;

    assert_eq!(schema(db).await, schema(&reference).await);
    let todos = db.sql("SELECT CAST(count(*) AS TEXT) FROM todos").await;
    assert_eq!(todos.as_deref(), Some("2500"));
    let tags = db.sql("SELECT CAST(count(*) AS TEXT) FROM todo_tags").await;
    assert!(tags.unwrap().parse::<u32>().unwrap() > 1000);
    // Every tag is counted in its list (ADR 0010): the counts add up to the tags.
    let counted = db
        .sql("SELECT CAST(SUM(n) AS TEXT) FROM list_tag_counts")
        .await;
    assert_eq!(
        counted,
        db.sql("SELECT CAST(count(*) AS TEXT) FROM todo_tags").await
    );
    // Every tagged todo carries its keys (migration 26; compared with the one-by-one rows
    // below, column by column), and no other todo does.
    let carrying = db
        .sql("SELECT CAST(count(*) AS TEXT) FROM todos WHERE tag_keys IS NOT NULL")
        .await;
    assert_eq!(
        carrying,
        db.sql("SELECT CAST(count(DISTINCT todo_id) AS TEXT) FROM todo_tags")
            .await
    );

    if db.backend == Backend::Postgres {
        // The planner has statistics for every table the seed filled, before anyone
        // measures: a benchmark run right after a seed found tag pages at 1.5 s while
        // autovacuum had not yet analyzed `lists` and `list_members`.
        let analyzed = db
            .sql(
                "SELECT string_agg(relname, ', ' ORDER BY relname) FROM pg_stat_user_tables \
                 WHERE relname IN ('users', 'lists', 'list_members', 'todos', 'todo_tags', \
                 'list_tag_counts', 'list_todo_counts', 'list_completions') \
                 AND last_analyze IS NOT NULL",
            )
            .await;
        assert_eq!(
            analyzed.as_deref(),
            Some(
                "list_completions, list_members, list_tag_counts, list_todo_counts, lists, \
                 todo_tags, todos, users"
            ),
            "the tables the seed filled, with statistics"
        );
    }
    match db.backend {
        Backend::Sqlite => same_rows_as_one_by_one_sqlite(db, &reference).await,
        Backend::Postgres => same_rows_as_one_by_one_postgres(db, &reference).await,
    }
    reference.drop_database().await;
}

/// Inserts the seeded users, todos and tags into `reference` in their order, one row at a
/// time with every trigger, and compares every table the triggers write.
async fn same_rows_as_one_by_one_sqlite(db: &TestDb, reference: &TestDb) {
    let seeded = db.url.trim_start_matches("sqlite://").to_owned();
    let mut conn = sqlx::SqliteConnection::connect(&reference.url)
        .await
        .unwrap();
    conn.execute(AssertSqlSafe(format!("ATTACH DATABASE '{seeded}' AS s")))
        .await
        .unwrap();
    sqlx::raw_sql(
        "BEGIN IMMEDIATE;
         INSERT INTO users (id, email, email_normalized, display_name, password_hash, role,
             disabled, created_at, updated_at)
         SELECT id, email, email_normalized, display_name, password_hash, role, disabled,
             created_at, updated_at FROM s.users ORDER BY rowid;
         INSERT INTO todos (id, user_id, title, notes, completed, completed_at, due_at, priority,
             created_at, updated_at, list_id, created_by, position)
         SELECT id, user_id, title, notes, completed, completed_at, due_at, priority,
             created_at, updated_at, list_id, created_by, position FROM s.todos ORDER BY rowid;
         INSERT INTO todo_tags SELECT * FROM s.todo_tags ORDER BY rowid;
         COMMIT;",
    )
    .execute(&mut conn)
    .await
    .unwrap();
    // Every table is compared below, or is one no seed writes (a new table must join one
    // of the lists: counters a trigger keeps belong in the comparison).
    let compared = [
        ("users", "rowid, "),
        ("lists", "rowid, "),
        ("list_members", "rowid, "),
        ("todos", "rowid, "),
        ("todo_tags", "rowid, "),
        ("sync_state", "rowid, "),
        ("sync_signals", "rowid, "),
        ("sync_tombstones", "rowid, "),
        // WITHOUT ROWID: the key is the row's identity.
        ("list_tag_counts", ""),
        ("list_todo_counts", ""),
        ("list_completions", ""),
    ];
    let not_written = [
        "_sqlx_migrations",
        "sessions",
        "refresh_tokens",
        "rate_limits",
        "password_resets",
        "idempotency_keys",
        "feature_flags",
        "audit_events",
        "list_invitations",
    ];
    let tables: Vec<(String,)> = sqlx::query_as(
        "SELECT name FROM s.sqlite_master WHERE type = 'table' \
         AND name NOT LIKE 'todos_fts%' AND name NOT LIKE 'sqlite_%' ORDER BY name",
    )
    .fetch_all(&mut conn)
    .await
    .unwrap();
    for (table,) in &tables {
        assert!(
            compared.iter().any(|(t, _)| t == table) || not_written.contains(&table.as_str()),
            "table {table} is neither compared nor known to stay empty in a seed"
        );
    }
    for table in ["list_tag_counts", "list_todo_counts", "list_completions"] {
        let (n,): (i64,) = sqlx::query_as(AssertSqlSafe(format!("SELECT count(*) FROM s.{table}")))
            .fetch_one(&mut conn)
            .await
            .unwrap();
        assert!(n > 0, "{table} is empty");
    }
    for (table, rowid) in compared {
        let (differ,): (i64,) = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT count(*) FROM (SELECT {rowid}* FROM main.{table} EXCEPT \
             SELECT {rowid}* FROM s.{table}) AS a"
        )))
        .fetch_one(&mut conn)
        .await
        .unwrap();
        let (extra,): (i64,) = sqlx::query_as(AssertSqlSafe(format!(
            "SELECT count(*) FROM (SELECT {rowid}* FROM s.{table} EXCEPT \
             SELECT {rowid}* FROM main.{table}) AS a"
        )))
        .fetch_one(&mut conn)
        .await
        .unwrap();
        assert_eq!((differ, extra), (0, 0), "{table} differs");
    }
    // The full-text index holds every todo (FTS5 checks itself against its content table).
    sqlx::query("INSERT INTO s.todos_fts (todos_fts) VALUES ('integrity-check')")
        .execute(&mut conn)
        .await
        .unwrap();
    for term in ["dentist", "remember the", "voi"] {
        let (a, b): (i64, i64) = sqlx::query_as(
            "SELECT (SELECT count(*) FROM main.todos_fts WHERE todos_fts MATCH $1), \
                    (SELECT count(*) FROM s.todos_fts WHERE todos_fts MATCH $1)",
        )
        .bind(format!("\"{term}\""))
        .fetch_one(&mut conn)
        .await
        .unwrap();
        assert!(a > 0, "{term}");
        assert_eq!(a, b, "{term}");
    }
    conn.close().await.unwrap();
}

/// As on SQLite, with the rows carried over as JSON. Change numbers are transaction ids, so
/// they differ between the databases; within each, every row the load wrote has the same one.
async fn same_rows_as_one_by_one_postgres(db: &TestDb, reference: &TestDb) {
    let rows = |table: &str| format!("SELECT json_agg(t)::text FROM {table} AS t");
    let users = db.sql(&rows("users")).await.unwrap();
    let todos = db
        .sql(&rows("(SELECT * FROM todos ORDER BY created_at, id)"))
        .await
        .unwrap();
    let tags = db.sql(&rows("todo_tags")).await.unwrap();
    let mut conn = sqlx::PgConnection::connect(&reference.url).await.unwrap();
    sqlx::raw_sql(AssertSqlSafe(format!(
        "BEGIN;
         INSERT INTO users (id, email, email_normalized, display_name, password_hash, role,
             disabled, created_at, updated_at)
         SELECT id, email, email_normalized, display_name, password_hash, role, disabled,
             created_at, updated_at FROM json_populate_recordset(NULL::users, $j${users}$j$);
         INSERT INTO todos (id, user_id, title, notes, completed, completed_at, due_at, priority,
             created_at, updated_at, list_id, created_by, position)
         SELECT id, user_id, title, notes, completed, completed_at, due_at, priority,
             created_at, updated_at, list_id, created_by, position
         FROM json_populate_recordset(NULL::todos, $j${todos}$j$);
         INSERT INTO todo_tags SELECT * FROM json_populate_recordset(NULL::todo_tags, $j${tags}$j$);
         COMMIT;"
    )))
    .execute(&mut conn)
    .await
    .unwrap();
    conn.close().await.unwrap();
    for (table, without) in [
        ("users", ""),
        ("lists", " - 'change_id'"),
        ("list_members", " - 'change_id' - 'joined_change_id'"),
        ("todos", " - 'change_id'"),
        ("todo_tags", ""),
        ("list_tag_counts", ""),
        ("sync_state", ""),
        ("sync_tombstones", ""),
        ("list_todo_counts", ""),
        ("list_completions", ""),
    ] {
        let fingerprint = format!(
            "SELECT md5(coalesce(string_agg(r::text, ',' ORDER BY r::text), '')) \
             FROM (SELECT to_jsonb(t){without} AS r FROM {table} AS t) AS x"
        );
        assert_eq!(
            db.sql(&fingerprint).await,
            reference.sql(&fingerprint).await,
            "{table} differs"
        );
    }
    for table in ["list_todo_counts", "list_completions"] {
        let n = db
            .sql(&format!("SELECT CAST(count(*) AS TEXT) FROM {table}"))
            .await;
        assert_ne!(n.as_deref(), Some("0"), "{table} is empty");
    }
    let stamps = "SELECT CAST(count(DISTINCT change_id) AS TEXT) FROM \
                  (SELECT change_id FROM todos UNION ALL SELECT change_id FROM lists) AS c";
    assert_eq!(db.sql(stamps).await.as_deref(), Some("1"));
    assert_eq!(reference.sql(stamps).await.as_deref(), Some("1"));
    let search = "SELECT CAST(count(*) AS TEXT) FROM todos WHERE title ILIKE '%dentist%'";
    assert_eq!(db.sql(search).await, reference.sql(search).await);
}
