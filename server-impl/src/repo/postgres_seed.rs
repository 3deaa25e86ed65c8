//! `todo-api seed`'s bulk load on PostgreSQL (ADR 0028): one transaction on a connection of
//! its own; todos and tags arrive by `COPY`. The first todo goes in with every trigger and
//! index in place, and what its insert did (its change number, the owner's data version) is
//! measured; then the secondary indexes and foreign keys of todos and todo_tags are dropped and
//! the insert triggers of both disabled, the rest load with the same effects applied set-wise,
//! and the indexes and foreign keys are re-created from their own definitions
//! (`pg_get_indexdef`, `pg_get_constraintdef`; a foreign key added to a full table is checked
//! by one join instead of a lookup per row) and the triggers enabled before the commit. Everything, the schema changes included, is in the transaction.
//! Statement-level insert triggers (the statistics counters) stay enabled: they are set-wise
//! already.

use std::collections::HashMap;
use std::fmt::Write as _;

use async_trait::async_trait;
use sqlx::postgres::PgConnection;
use sqlx::{AssertSqlSafe, ConnectOptions, Connection, Executor};
use uuid::Uuid;

use super::PostgresStore;
use crate::domain::{NewUser, Todo};
use crate::repo::{RepoError, SeedLoad};

/// The triggers that fire on `INSERT INTO todos` or `todo_tags`, as (table, name), and how the
/// load stands in for each: a schema with another one is refused (the load would not know what
/// it must do).
const KNOWN_INSERT_TRIGGERS: [(&str, &str); 6] = [
    // Fills in a missing list or position: every loaded row has both.
    ("todos", "todos_default_list_position"),
    // change_id = the transaction's id: given in the COPY.
    ("todos", "todos_sync_stamp"),
    // data_version + 1 per todo for its owner (the Inbox's only member): set-wise.
    ("todos", "todos_bump_user_data_version"),
    // pg_notify('l:<list>') (delivered once per list at commit): set-wise.
    ("todos", "todos_sync_after"),
    // list_tag_counts + 1 per tag in its todo's list, key and spelling: set-wise.
    ("todo_tags", "todo_tags_count_insert"),
    // The todo row's tag keys (migration 26): given in the COPY of todos (the trigger leaves
    // a row that has them already as it is).
    ("todo_tags", "todo_tags_keys_insert"),
];

/// Insert triggers that stay enabled during the load: they act once per statement, on the
/// statement's rows as a set (a COPY of 10,000 todos is one upsert per list).
const SET_WISE_INSERT_TRIGGERS: [(&str, &str); 1] = [
    // Statistics counters per list (ADR 0029).
    ("todos", "todos_counters_insert"),
];

pub(super) struct PostgresSeedLoad {
    conn: PgConnection,
    /// What was dropped, as (name, CREATE INDEX statement), to be re-created before the commit.
    indexes: Vec<(String, String)>,
    /// Foreign keys dropped, as (table, name, definition).
    foreign_keys: Vec<(String, String, String)>,
    /// Insert triggers disabled, as (table, name).
    triggers: Vec<(String, String)>,
    /// The transaction's change number (what the stamp trigger gives every row).
    change_id: i64,
    /// What one todo's insert added to its owner's data version, measured on the first;
    /// `None` before it.
    version_step: Option<i64>,
    per_owner: HashMap<Uuid, i64>,
    lists: Vec<Uuid>,
    tag_counts: SeedTagCounts,
    todo_rows: String,
    tag_rows: String,
}

impl PostgresStore {
    pub(super) async fn begin_seed_load(
        &self,
        users: &[NewUser],
    ) -> Result<PostgresSeedLoad, RepoError> {
        // Statements of a bulk load are slow by design: not logged as slow ones.
        let mut conn = self
            .options
            .clone()
            .disable_statement_logging()
            .connect()
            .await?;
        // Index builds sort in memory.
        conn.execute("SET maintenance_work_mem = '512MB'").await?;
        conn.execute("BEGIN").await?;
        if !users.is_empty() {
            insert_users(&mut conn, users).await?;
        }
        // Insert triggers (tgtype bit 2), enabled ones only (a disabled one would come back on).
        let triggers: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT tgrelid::regclass::text, tgname::text, tgenabled::text FROM pg_trigger \
             WHERE tgrelid IN ('todos'::regclass, 'todo_tags'::regclass) AND NOT tgisinternal \
               AND tgtype & 4 <> 0 \
             ORDER BY 1, 2",
        )
        .fetch_all(&mut conn)
        .await?;
        if let Some((table, name, _)) = triggers.iter().find(|(table, name, on)| {
            let key = (table.as_str(), name.as_str());
            !(KNOWN_INSERT_TRIGGERS.contains(&key) || SET_WISE_INSERT_TRIGGERS.contains(&key))
                || on != "O"
        }) {
            return Err(unsupported(format!("insert trigger {name} on {table}")));
        }
        let triggers: Vec<(String, String)> = triggers
            .into_iter()
            .map(|(table, name, _)| (table, name))
            .filter(|(table, name)| {
                !SET_WISE_INSERT_TRIGGERS.contains(&(table.as_str(), name.as_str()))
            })
            .collect();
        // Indexes a statement made (none that a constraint owns or uses).
        let indexes: Vec<(String, String)> = sqlx::query_as(
            "SELECT c.relname::text, pg_get_indexdef(i.indexrelid) \
             FROM pg_index AS i JOIN pg_class AS c ON c.oid = i.indexrelid \
             WHERE i.indrelid IN ('todos'::regclass, 'todo_tags'::regclass) \
               AND NOT EXISTS (SELECT 1 FROM pg_constraint AS k WHERE k.conindid = i.indexrelid) \
             ORDER BY c.oid",
        )
        .fetch_all(&mut conn)
        .await?;
        let foreign_keys: Vec<(String, String, String)> = sqlx::query_as(
            "SELECT conrelid::regclass::text, conname::text, pg_get_constraintdef(oid) \
             FROM pg_constraint \
             WHERE conrelid IN ('todos'::regclass, 'todo_tags'::regclass) AND contype = 'f' \
             ORDER BY oid",
        )
        .fetch_all(&mut conn)
        .await?;
        let (change_id,): (i64,) = sqlx::query_as("SELECT sync_change_id()")
            .fetch_one(&mut conn)
            .await?;
        Ok(PostgresSeedLoad {
            conn,
            indexes,
            foreign_keys,
            triggers,
            change_id,
            version_step: None,
            per_owner: HashMap::new(),
            lists: Vec::new(),
            tag_counts: SeedTagCounts::default(),
            todo_rows: String::new(),
            tag_rows: String::new(),
        })
    }
}

use crate::repo::SeedTagCounts;
use crate::repo::seed_unsupported as unsupported;

/// All users in ONE statement, from arrays. Their insert trigger (the Inbox and its
/// membership, whose triggers update `lists` and `users`) then runs under one set of plans;
/// in statements of 1,000 rows each, the triggers' statements got slower with every chunk
/// (10,000 users: 41 s instead of 4 s).
async fn insert_users(conn: &mut PgConnection, users: &[NewUser]) -> Result<(), RepoError> {
    let column = |f: fn(&NewUser) -> String| users.iter().map(f).collect::<Vec<String>>();
    let created: Vec<chrono::DateTime<chrono::Utc>> = users.iter().map(|u| u.created_at).collect();
    sqlx::query(
        "INSERT INTO users (id, email, email_normalized, display_name, password_hash, \
            role, disabled, created_at, updated_at) \
         SELECT id, email, email_normalized, display_name, password_hash, role, false, at, at \
         FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::text[], $5::text[], $6::text[], \
             $7::timestamptz[]) \
             AS u (id, email, email_normalized, display_name, password_hash, role, at)",
    )
    .bind(users.iter().map(|u| u.id).collect::<Vec<Uuid>>())
    .bind(column(|u| u.email.as_str().to_owned()))
    .bind(column(|u| u.email.normalized().to_owned()))
    .bind(column(|u| u.display_name.as_str().to_owned()))
    .bind(column(|u| u.password_hash.clone()))
    .bind(column(|u| u.role.as_str().to_owned()))
    .bind(created)
    .execute(&mut *conn)
    .await?;
    Ok(())
}

/// One field of a `COPY … FROM STDIN` row in text format, then its delimiter.
fn field(out: &mut String, value: Option<&str>, last: bool) {
    match value {
        None => out.push_str("\\N"),
        Some(text) => {
            for c in text.chars() {
                match c {
                    '\\' => out.push_str("\\\\"),
                    '\t' => out.push_str("\\t"),
                    '\n' => out.push_str("\\n"),
                    '\r' => out.push_str("\\r"),
                    c => out.push(c),
                }
            }
        }
    }
    out.push(if last { '\n' } else { '\t' });
}

/// `todos.tag_keys` as the tags' insert trigger leaves it (migration 26), as an array
/// literal: NULL without tags, else the keys in key order, each quoted (a key may hold any
/// character but NUL).
fn tag_keys(todo: &Todo) -> Option<String> {
    let keys = crate::domain::todo_query::sorted_tag_keys(&todo.tags);
    if keys.is_empty() {
        return None;
    }
    let mut literal = String::from("{");
    for (i, key) in keys.iter().enumerate() {
        if i > 0 {
            literal.push(',');
        }
        literal.push('"');
        for c in key.chars() {
            if c == '"' || c == '\\' {
                literal.push('\\');
            }
            literal.push(c);
        }
        literal.push('"');
    }
    literal.push('}');
    Some(literal)
}

fn time(at: chrono::DateTime<chrono::Utc>) -> String {
    at.format("%Y-%m-%d %H:%M:%S%.6f+00").to_string()
}

impl PostgresSeedLoad {
    fn push_todo(&mut self, t: &Todo) {
        let out = &mut self.todo_rows;
        field(out, Some(&t.id.to_string()), false);
        field(out, Some(&t.owner_id.to_string()), false);
        field(out, Some(&t.title), false);
        field(out, t.notes.as_deref(), false);
        field(out, Some(if t.completed { "t" } else { "f" }), false);
        field(out, t.completed_at.map(time).as_deref(), false);
        field(out, t.due_at.map(time).as_deref(), false);
        field(out, Some(&t.priority.to_db().to_string()), false);
        field(out, Some(&time(t.created_at)), false);
        field(out, Some(&time(t.updated_at)), false);
        field(out, Some(&t.list_id.to_string()), false);
        field(out, t.created_by.map(|u| u.to_string()).as_deref(), false);
        field(out, Some(&t.position), false);
        field(out, tag_keys(t).as_deref(), false);
        let _ = writeln!(out, "{}", self.change_id);
        for tag in &t.tags {
            let out = &mut self.tag_rows;
            field(out, Some(&t.id.to_string()), false);
            field(out, Some(&t.owner_id.to_string()), false);
            field(out, Some(tag), false);
            field(out, Some(&crate::domain::todo_query::tag_key(tag)), true);
        }
    }

    /// Loads the first todo with every trigger and index in place, measures what it did, then
    /// disables the todos' insert triggers and drops the secondary indexes and foreign keys.
    async fn calibrate(&mut self, first: &Todo) -> Result<(), RepoError> {
        let counters = "SELECT (SELECT data_version FROM users WHERE id = $1), \
                (SELECT change_id FROM todos WHERE id = $2)";
        let (before, _): (i64, Option<i64>) = sqlx::query_as(counters)
            .bind(first.owner_id)
            .bind(first.id)
            .fetch_one(&mut self.conn)
            .await?;
        self.load(std::slice::from_ref(first)).await?;
        let (after, stamped): (i64, Option<i64>) = sqlx::query_as(counters)
            .bind(first.owner_id)
            .bind(first.id)
            .fetch_one(&mut self.conn)
            .await?;
        // The load assumes every row's change number is the transaction's.
        if stamped != Some(self.change_id) {
            return Err(unsupported("effects of the todos' insert triggers".into()));
        }
        self.version_step = Some(after - before);
        for (table, name) in &self.triggers {
            self.conn
                .execute(AssertSqlSafe(format!(
                    r#"ALTER TABLE {table} DISABLE TRIGGER "{name}""#
                )))
                .await?;
        }
        for (name, _) in &self.indexes {
            self.conn
                .execute(AssertSqlSafe(format!(r#"DROP INDEX "{name}""#)))
                .await?;
        }
        for (table, name, _) in &self.foreign_keys {
            self.conn
                .execute(AssertSqlSafe(format!(
                    r#"ALTER TABLE {table} DROP CONSTRAINT "{name}""#
                )))
                .await?;
        }
        Ok(())
    }

    /// COPYs the todos and their tags.
    async fn load(&mut self, todos: &[Todo]) -> Result<(), RepoError> {
        for t in todos {
            self.push_todo(t);
        }
        let rows = std::mem::take(&mut self.todo_rows);
        self.copy(
            "COPY todos (id, user_id, title, notes, completed, completed_at, due_at, priority, \
                created_at, updated_at, list_id, created_by, position, tag_keys, change_id) \
                FROM STDIN",
            rows,
        )
        .await?;
        let rows = std::mem::take(&mut self.tag_rows);
        self.copy(
            "COPY todo_tags (todo_id, user_id, tag, tag_key) FROM STDIN",
            rows,
        )
        .await
    }

    async fn copy(&mut self, statement: &str, rows: String) -> Result<(), RepoError> {
        if rows.is_empty() {
            return Ok(());
        }
        let mut copy = self.conn.copy_in_raw(statement).await?;
        copy.send(rows.into_bytes()).await?;
        copy.finish().await?;
        Ok(())
    }
}

#[async_trait]
impl SeedLoad for PostgresSeedLoad {
    async fn todos(&mut self, todos: &[Todo]) -> Result<(), RepoError> {
        crate::repo::seed_rows_supported(todos)?;
        let mut todos = todos;
        if self.version_step.is_none() {
            let Some((first, rest)) = todos.split_first() else {
                return Ok(());
            };
            self.calibrate(first).await?;
            todos = rest;
        }
        for t in todos {
            let n = self.per_owner.entry(t.owner_id).or_default();
            if *n == 0 {
                self.lists.push(t.list_id);
            }
            *n += 1;
            self.tag_counts.add(t);
        }
        self.load(todos).await
    }

    async fn finish(
        mut self: Box<Self>,
        phase: &(dyn Fn(&str) + Send + Sync),
    ) -> Result<(), RepoError> {
        let Some(step) = self.version_step else {
            // No todo: nothing was dropped.
            self.conn.execute("COMMIT").await?;
            return Ok(self.conn.close().await?);
        };
        let conn = &mut self.conn;
        phase("building indexes");
        for (_, sql) in &self.indexes {
            conn.execute(AssertSqlSafe(sql.clone())).await?;
        }
        phase("checking foreign keys");
        for (table, name, definition) in &self.foreign_keys {
            conn.execute(AssertSqlSafe(format!(
                r#"ALTER TABLE {table} ADD CONSTRAINT "{name}" {definition}"#
            )))
            .await?;
        }
        phase("data versions and notifications");
        let (owners, counts): (Vec<Uuid>, Vec<i64>) =
            self.per_owner.iter().map(|(id, n)| (*id, n * step)).unzip();
        sqlx::query(
            "UPDATE users SET data_version = users.data_version + c.n \
             FROM UNNEST($1::uuid[], $2::int8[]) AS c (id, n) WHERE users.id = c.id",
        )
        .bind(owners)
        .bind(counts)
        .execute(&mut *conn)
        .await?;
        sqlx::query("SELECT sync_notify('l:' || l) FROM UNNEST($1::uuid[]) AS l")
            .bind(&self.lists)
            .execute(&mut *conn)
            .await?;
        phase("tag counts");
        let (mut lists, mut keys, mut tags, mut counts) = (vec![], vec![], vec![], vec![]);
        for (list, key, tag, n) in std::mem::take(&mut self.tag_counts).rows() {
            lists.push(list);
            keys.push(key);
            tags.push(tag);
            counts.push(n);
        }
        sqlx::query(
            "INSERT INTO list_tag_counts AS c (list_id, tag_key, tag, n) \
             SELECT * FROM UNNEST($1::uuid[], $2::text[], $3::text[], $4::int4[]) \
             ON CONFLICT (list_id, tag_key, tag) DO UPDATE SET n = c.n + EXCLUDED.n",
        )
        .bind(lists)
        .bind(keys)
        .bind(tags)
        .bind(counts)
        .execute(&mut *conn)
        .await?;
        for (table, name) in &self.triggers {
            conn.execute(AssertSqlSafe(format!(
                r#"ALTER TABLE {table} ENABLE TRIGGER "{name}""#
            )))
            .await?;
        }
        phase("committing");
        conn.execute("COMMIT").await?;
        // What autovacuum would do soon after: statistics for the planner and the visibility
        // map for index-only scans, before anyone measures.
        phase("vacuum and analyze");
        // The counters too: the statistics read joins them (ADR 0029). And the accounts, their
        // lists and memberships: every todo statement's membership check reads them, and
        // until autovacuum came by, tag pages were planned as if they were empty (1.5 s).
        conn.execute(
            "VACUUM (ANALYZE) users, lists, list_members, todos, todo_tags, list_tag_counts, \
             list_todo_counts, list_completions",
        )
        .await?;
        let conn = self.conn;
        conn.close().await?;
        Ok(())
    }
}
