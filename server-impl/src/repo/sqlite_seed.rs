//! `todo-api seed`'s bulk load on SQLite (ADR 0028): one write transaction on a connection of
//! its own, with a large page cache. The first todo goes in with every trigger and index in
//! place, and what its insert did to the counters (the sync clock, the owner's data version,
//! the signal sequence) is measured; then the secondary indexes and insert triggers of todos
//! and todo_tags are dropped, the rest load with those steps applied set-wise (and the tag
//! counts), and the indexes and triggers are re-created from their own `sqlite_master` text
//! before the commit.

use std::collections::HashMap;

use async_trait::async_trait;
use sqlx::sqlite::{Sqlite, SqliteConnection};
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Executor, QueryBuilder};
use uuid::Uuid;

use super::SqliteStore;
use crate::domain::{NewUser, Todo};
use crate::repo::{DbTime, RepoError, SeedLoad};

/// The triggers that fire on `INSERT INTO todos` or `todo_tags`, and how the load stands in for
/// each: a schema with another one is refused (the load would not know what it must do).
const KNOWN_INSERT_TRIGGERS: [&str; 8] = [
    // FTS5 rows: inserted set-wise after the load.
    "todos_fts_insert",
    // data_version + 1 per todo for its owner (the Inbox's only member): set-wise.
    "todos_bump_version_insert",
    // change_id = the next clock value: given in the INSERT; the clock is set after.
    "todos_sync_insert",
    // One signal row per list with the sequence number of its last todo: set-wise.
    "todos_signal_insert",
    // Fills in a missing list or position: every loaded row has both.
    "todos_default_list_position",
    // list_tag_counts + 1 per tag in its todo's list, key and spelling: set-wise.
    "todo_tags_count_insert",
    // Statistics counters per list and per list and day (ADR 0029): set-wise.
    "todos_counters_insert",
    // The todo row's tag keys (migration 26): given in the todos' INSERT.
    "todo_tags_keys_insert",
];

/// Rows per INSERT statement: the same text for every full chunk, so SQLite prepares it once
/// (sqlx caches statements by text), within SQLite's 32,766 bound parameters.
const TODO_ROWS: usize = 1000; // 15 columns
const TAG_ROWS: usize = 2000; // 4 columns
const USER_ROWS: usize = 1000; // 9 columns

pub(super) struct SqliteSeedLoad {
    conn: SqliteConnection,
    /// What is dropped after the first todo, as (name, CREATE statement), to be re-created
    /// before the commit.
    indexes: Vec<(String, String)>,
    triggers: Vec<(String, String)>,
    /// What one todo's insert triggers did, measured on the first; `None` before it.
    steps: Option<Steps>,
    /// sync_state.clock and the highest signal number after the first todo.
    clock: i64,
    signal_seq: i64,
    /// The first todo's rowid (its FTS row exists: the trigger wrote it).
    rowid: i64,
    /// Todos loaded after the first.
    loaded: i64,
    per_owner: HashMap<Uuid, i64>,
    /// Each list's last todo, as its number after the first.
    last_in_list: HashMap<Uuid, i64>,
    tags: Vec<(Uuid, Uuid, String)>,
    /// What the tags' insert trigger would have counted (every tag loads without it).
    tag_counts: SeedTagCounts,
}

/// How much one todo's insert moved each counter.
#[derive(Debug, Clone, Copy)]
struct Steps {
    clock: i64,
    signal: i64,
    version: i64,
}

impl SqliteStore {
    pub(super) async fn begin_seed_load(
        &self,
        users: &[NewUser],
    ) -> Result<SqliteSeedLoad, RepoError> {
        // Statements of a bulk load are slow by design: not logged as slow ones.
        let mut conn = self
            .options
            .clone()
            .disable_statement_logging()
            .connect()
            .await?;
        // 1 GiB of page cache at most (negative: KiB), temporary B-trees of index builds in memory.
        conn.execute("PRAGMA cache_size = -1048576").await?;
        conn.execute("PRAGMA temp_store = MEMORY").await?;
        conn.execute("BEGIN IMMEDIATE").await?;
        for chunk in users.chunks(USER_ROWS) {
            insert_users(&mut conn, chunk).await?;
        }
        let triggers: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT tbl_name, name, sql FROM sqlite_master WHERE type = 'trigger' \
             AND ((tbl_name = 'todos' AND sql LIKE '% INSERT ON todos %') \
               OR (tbl_name = 'todo_tags' AND sql LIKE '% INSERT ON todo_tags %')) \
             ORDER BY rowid",
        )
        .fetch_all(&mut conn)
        .await?;
        if let Some((table, name, _)) = triggers
            .iter()
            .find(|(_, name, _)| !KNOWN_INSERT_TRIGGERS.contains(&name.as_str()))
        {
            return Err(unsupported(format!("insert trigger {name} on {table}")));
        }
        let triggers: Vec<(String, String)> = triggers
            .into_iter()
            .map(|(_, name, sql)| (name, sql))
            .collect();
        // Indexes a statement made (not those of PRIMARY KEY / UNIQUE constraints).
        let indexes: Vec<(String, String)> = sqlx::query_as(
            "SELECT name, sql FROM sqlite_master WHERE type = 'index' \
             AND tbl_name IN ('todos', 'todo_tags') AND sql IS NOT NULL ORDER BY rowid",
        )
        .fetch_all(&mut conn)
        .await?;
        Ok(SqliteSeedLoad {
            conn,
            indexes,
            triggers,
            steps: None,
            clock: 0,
            signal_seq: 0,
            rowid: 0,
            loaded: 0,
            per_owner: HashMap::new(),
            last_in_list: HashMap::new(),
            tags: Vec::new(),
            tag_counts: SeedTagCounts::default(),
        })
    }
}

use crate::repo::SeedTagCounts;
use crate::repo::seed_unsupported as unsupported;

/// `todos.tag_keys` as the tags' insert trigger leaves it (migration 26): NULL without tags,
/// else each key between NUL bytes, in key order.
fn tag_keys(todo: &Todo) -> Option<Vec<u8>> {
    let keys = crate::domain::todo_query::sorted_tag_keys(&todo.tags);
    if keys.is_empty() {
        return None;
    }
    let mut value = vec![0];
    for key in keys {
        value.extend_from_slice(key.as_bytes());
        value.push(0);
    }
    Some(value)
}

async fn insert_users(conn: &mut SqliteConnection, users: &[NewUser]) -> Result<(), RepoError> {
    let mut q = QueryBuilder::<Sqlite>::new(
        "INSERT INTO users (id, email, email_normalized, display_name, password_hash, \
            role, disabled, created_at, updated_at) ",
    );
    q.push_values(users, |mut row, u| {
        row.push_bind(u.id)
            .push_bind(u.email.as_str().to_owned())
            .push_bind(u.email.normalized().to_owned())
            .push_bind(u.display_name.as_str().to_owned())
            .push_bind(u.password_hash.clone())
            .push_bind(u.role.as_str())
            .push_bind(false)
            .push_bind(DbTime(u.created_at))
            .push_bind(DbTime(u.created_at));
    });
    q.build().execute(&mut *conn).await?;
    Ok(())
}

impl SqliteSeedLoad {
    async fn insert_todos(&mut self, todos: &[Todo]) -> Result<(), RepoError> {
        let step = self.steps.map_or(0, |s| s.clock);
        let first = self.clock + step * self.loaded;
        let mut q = QueryBuilder::<Sqlite>::new(
            "INSERT INTO todos (id, user_id, title, notes, completed, completed_at, \
                due_at, priority, created_at, updated_at, list_id, created_by, position, \
                change_id, tag_keys) ",
        );
        let mut n = 0;
        q.push_values(todos, |mut row, t| {
            n += 1;
            row.push_bind(t.id)
                .push_bind(t.owner_id)
                .push_bind(t.title.clone())
                .push_bind(t.notes.clone())
                .push_bind(t.completed)
                .push_bind(t.completed_at.map(DbTime))
                .push_bind(t.due_at.map(DbTime))
                .push_bind(t.priority.to_db())
                .push_bind(DbTime(t.created_at))
                .push_bind(DbTime(t.updated_at))
                .push_bind(t.list_id)
                .push_bind(t.created_by)
                .push_bind(t.position.clone())
                .push_bind(first + step * n)
                .push_bind(tag_keys(t));
        });
        q.build().execute(&mut self.conn).await?;
        Ok(())
    }

    /// Inserts the first todo with every trigger and index in place, measures what it did,
    /// then drops the todos' insert triggers and secondary indexes.
    async fn calibrate(&mut self, first: &Todo) -> Result<(), RepoError> {
        let counters = "SELECT (SELECT clock FROM sync_state WHERE id = 1), \
                (SELECT coalesce(max(seq), 0) FROM sync_signals), \
                (SELECT data_version FROM users WHERE id = $1), \
                (SELECT change_id FROM todos WHERE id = $2), \
                (SELECT seq FROM sync_signals WHERE kind = 'l' AND id = $3), \
                (SELECT rowid FROM todos WHERE id = $2)";
        type Counters = (i64, i64, i64, Option<i64>, Option<i64>, Option<i64>);
        let before: Counters = sqlx::query_as(counters)
            .bind(first.owner_id)
            .bind(first.id)
            .bind(first.list_id)
            .fetch_one(&mut self.conn)
            .await?;
        self.insert_todos(std::slice::from_ref(first)).await?;
        let after: Counters = sqlx::query_as(counters)
            .bind(first.owner_id)
            .bind(first.id)
            .bind(first.list_id)
            .fetch_one(&mut self.conn)
            .await?;
        // The load assumes a todo's change number is the clock after its insert, and its
        // list's signal the sequence after it.
        if after.3 != Some(after.0) || after.4 != Some(after.1) {
            return Err(unsupported("effects of the todos' insert triggers".into()));
        }
        self.steps = Some(Steps {
            clock: after.0 - before.0,
            signal: after.1 - before.1,
            version: after.2 - before.2,
        });
        (self.clock, self.signal_seq) = (after.0, after.1);
        self.rowid = after.5.unwrap_or_default();
        self.tags.extend(
            first
                .tags
                .iter()
                .map(|tag| (first.id, first.owner_id, tag.clone())),
        );
        self.tag_counts.add(first);
        for (name, _) in &self.triggers {
            self.conn
                .execute(AssertSqlSafe(format!(r#"DROP TRIGGER "{name}""#)))
                .await?;
        }
        for (name, _) in &self.indexes {
            self.conn
                .execute(AssertSqlSafe(format!(r#"DROP INDEX "{name}""#)))
                .await?;
        }
        Ok(())
    }

    async fn insert_tags(&mut self, count: usize) -> Result<(), RepoError> {
        let chunk: Vec<_> = self.tags.drain(..count).collect();
        let mut q =
            QueryBuilder::<Sqlite>::new("INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) ");
        q.push_values(&chunk, |mut row, (todo, owner, tag)| {
            row.push_bind(*todo)
                .push_bind(*owner)
                .push_bind(tag.clone())
                .push_bind(crate::domain::todo_query::tag_key(tag));
        });
        q.build().execute(&mut self.conn).await?;
        Ok(())
    }
}

#[async_trait]
impl SeedLoad for SqliteSeedLoad {
    async fn todos(&mut self, todos: &[Todo]) -> Result<(), RepoError> {
        crate::repo::seed_rows_supported(todos)?;
        let mut todos = todos;
        if self.steps.is_none() {
            let Some((first, rest)) = todos.split_first() else {
                return Ok(());
            };
            self.calibrate(first).await?;
            todos = rest;
        }
        for chunk in todos.chunks(TODO_ROWS) {
            self.insert_todos(chunk).await?;
            for t in chunk {
                self.loaded += 1;
                *self.per_owner.entry(t.owner_id).or_default() += 1;
                self.last_in_list.insert(t.list_id, self.loaded);
                self.tags
                    .extend(t.tags.iter().map(|tag| (t.id, t.owner_id, tag.clone())));
                self.tag_counts.add(t);
            }
            while self.tags.len() >= TAG_ROWS {
                self.insert_tags(TAG_ROWS).await?;
            }
        }
        Ok(())
    }

    async fn finish(
        mut self: Box<Self>,
        phase: &(dyn Fn(&str) + Send + Sync),
    ) -> Result<(), RepoError> {
        if !self.tags.is_empty() {
            self.insert_tags(self.tags.len()).await?;
        }
        let Some(steps) = self.steps else {
            // No todo: nothing was dropped.
            self.conn.execute("COMMIT").await?;
            return Ok(self.conn.close().await?);
        };
        let conn = &mut self.conn;
        phase("building indexes");
        for (_, sql) in &self.indexes {
            conn.execute(AssertSqlSafe(sql.clone())).await?;
        }
        phase("indexing text");
        sqlx::query(
            "INSERT INTO todos_fts (rowid, title, notes) \
             SELECT rowid, title, notes FROM todos WHERE rowid > $1",
        )
        .bind(self.rowid)
        .execute(&mut *conn)
        .await?;
        phase("change numbers and signals");
        sqlx::query("UPDATE sync_state SET clock = $1 WHERE id = 1")
            .bind(self.clock + steps.clock * self.loaded)
            .execute(&mut *conn)
            .await?;
        for (owner, n) in &self.per_owner {
            sqlx::query("UPDATE users SET data_version = data_version + $1 WHERE id = $2")
                .bind(steps.version * n)
                .bind(owner)
                .execute(&mut *conn)
                .await?;
        }
        for (list, last) in &self.last_in_list {
            sqlx::query(
                "INSERT INTO sync_signals (kind, id, seq) VALUES ('l', $1, $2) \
                 ON CONFLICT (kind, id) DO UPDATE SET seq = excluded.seq",
            )
            .bind(list)
            .bind(self.signal_seq + steps.signal * last)
            .execute(&mut *conn)
            .await?;
        }
        phase("tag counts");
        let counts = std::mem::take(&mut self.tag_counts).rows();
        for chunk in counts.chunks(TAG_ROWS) {
            let mut q = QueryBuilder::<Sqlite>::new(
                "INSERT INTO list_tag_counts (list_id, tag_key, tag, n) ",
            );
            q.push_values(chunk, |mut row, (list, key, tag, n)| {
                row.push_bind(*list)
                    .push_bind(key.clone())
                    .push_bind(tag.clone())
                    .push_bind(*n);
            });
            q.push(" ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = n + excluded.n");
            q.build().execute(&mut *conn).await?;
        }
        phase("statistics counters");
        sqlx::query(
            "INSERT INTO list_todo_counts (list_id, total, completed, low, normal, high) \
             SELECT list_id, count(*), sum(completed), sum(priority = 0), sum(priority = 1), \
                 sum(priority = 2) \
             FROM todos WHERE rowid > $1 GROUP BY list_id \
             ON CONFLICT (list_id) DO UPDATE SET total = total + excluded.total, \
                 completed = completed + excluded.completed, low = low + excluded.low, \
                 normal = normal + excluded.normal, high = high + excluded.high",
        )
        .bind(self.rowid)
        .execute(&mut *conn)
        .await?;
        sqlx::query(
            "INSERT INTO list_completions (list_id, day, n) \
             SELECT list_id, substr(completed_at, 1, 10), count(*) FROM todos \
             WHERE rowid > $1 AND completed_at IS NOT NULL GROUP BY 1, 2 \
             ON CONFLICT (list_id, day) DO UPDATE SET n = n + excluded.n",
        )
        .bind(self.rowid)
        .execute(&mut *conn)
        .await?;
        for (_, sql) in &self.triggers {
            conn.execute(AssertSqlSafe(sql.clone())).await?;
        }
        phase("committing");
        conn.execute("COMMIT").await?;
        let conn = self.conn;
        conn.close().await?;
        Ok(())
    }
}
