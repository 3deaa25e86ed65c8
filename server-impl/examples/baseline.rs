//! The speed bar's reference: the fastest straightforward hand-written axum + sqlx handlers
//! for `GET /api/v1/todos` (the first page of 20, newest first), `GET /api/v1/todos/{id}`,
//! `POST /api/v1/todos` and `PATCH /api/v1/todos/{id}`, answering the same JSON as the
//! project for the same request (tests/api/reference.rs compares them). Each request checks
//! the HS256 access token (signature, `iss`, `aud`, `exp`; not the session) and runs ONE
//! statement that carries the caller's list membership, the todo's tags (aggregated in SQL:
//! `array_agg` on PostgreSQL, `json_group_array` on SQLite) and its subtask counts.
//! Exceptions, all rare or absent from the benchmark: SQLite has no writable CTEs, so a
//! create or patch that sets tags is two or three statements in one transaction; a create
//! whose next position needs a carry (1 in 62 appends) reads the last position first. Not
//! handled (501): `parent_id` on create, `list_id` (moves) on patch, `If-Match`, cursors
//! in requests.
//!
//! `scripts/bench` runs it next to the real server, on the same database and key:
//! `JWT_SECRET=… cargo run --release --example baseline -- DATABASE_URL ADDR`
//! (`JWT_ISSUER` / `JWT_AUDIENCE` default to `todo-api`, as the server's).

// Handlers answer `Result<Response, Response>`, as axum handlers do.
#![allow(clippy::result_large_err)]

use std::str::FromStr;
use std::sync::Arc;

use axum::extract::{FromRequestParts, Path, State};
use axum::http::{StatusCode, request::Parts};
use axum::response::{IntoResponse, Response};
use axum::routing::get;
use axum::{Json, Router};
use chrono::{DateTime, Utc};
use jsonwebtoken::{Algorithm, DecodingKey, Validation};
use serde::{Deserialize, Deserializer, Serialize, Serializer};
use sqlx::postgres::{PgConnectOptions, PgPool, PgPoolOptions};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool, SqlitePoolOptions};
use todo_api::domain::{self, NewTodo, Priority, TodoChanges, TodoDraft, TodoPatch};
use uuid::Uuid;

/// The database and the token check every handler shares.
#[derive(Clone)]
pub struct Reference {
    db: Db,
    key: Arc<(DecodingKey, Validation)>,
}

#[derive(Clone)]
enum Db {
    Sqlite(SqlitePool),
    Postgres(PgPool),
}

impl Reference {
    /// Connects to `url` (`sqlite:` or `postgres:`); tokens are checked with `secret`.
    pub async fn connect(
        url: &str,
        secret: &[u8],
        issuer: &str,
        audience: &str,
    ) -> anyhow::Result<Reference> {
        let db = if url.starts_with("sqlite:") {
            // As the project's: WAL, and every acknowledged commit durable.
            let options = SqliteConnectOptions::from_str(url)?
                .journal_mode(sqlx::sqlite::SqliteJournalMode::Wal)
                .synchronous(sqlx::sqlite::SqliteSynchronous::Full)
                .busy_timeout(std::time::Duration::from_secs(5))
                .foreign_keys(true);
            Db::Sqlite(
                SqlitePoolOptions::new()
                    .max_connections(8)
                    .test_before_acquire(false)
                    .connect_with(options)
                    .await?,
            )
        } else {
            Db::Postgres(
                PgPoolOptions::new()
                    .max_connections(16)
                    .connect_with(PgConnectOptions::from_str(url)?)
                    .await?,
            )
        };
        todo_api::auth::jwt_crypto::install();
        let mut validation = Validation::new(Algorithm::HS256);
        validation.set_issuer(&[issuer]);
        validation.set_audience(&[audience]);
        validation.set_required_spec_claims(&["exp", "iat", "iss", "aud", "sub"]);
        validation.leeway = 5;
        let key = DecodingKey::from_secret(secret)?;
        Ok(Reference {
            db,
            key: Arc::new((key, validation)),
        })
    }

    pub fn router(self) -> Router {
        Router::new()
            .route("/api/v1/todos", get(list).post(create))
            .route("/api/v1/todos/{id}", get(read).patch(update))
            .with_state(self)
    }
}

/// The caller: the `sub` of a valid HS256 access token.
struct Caller(Uuid);

#[derive(Deserialize)]
struct Claims {
    sub: Uuid,
}

impl FromRequestParts<Reference> for Caller {
    type Rejection = StatusCode;

    async fn from_request_parts(parts: &mut Parts, app: &Reference) -> Result<Self, StatusCode> {
        let token = parts
            .headers
            .get(axum::http::header::AUTHORIZATION)
            .and_then(|v| v.to_str().ok())
            .and_then(|v| v.strip_prefix("Bearer "))
            .ok_or(StatusCode::UNAUTHORIZED)?;
        let (key, validation) = &*app.key;
        jsonwebtoken::decode::<Claims>(token, key, validation)
            .map(|data| Caller(data.claims.sub))
            .map_err(|_| StatusCode::UNAUTHORIZED)
    }
}

/// A todo as the contract shows it.
#[derive(Serialize, sqlx::FromRow)]
struct TodoJson {
    id: Uuid,
    title: String,
    notes: Option<String>,
    completed: bool,
    completed_at: Option<DateTime<Utc>>,
    due_at: Option<DateTime<Utc>>,
    #[serde(serialize_with = "priority_name")]
    priority: i16,
    tags: Tags,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    list_id: Uuid,
    parent_id: Option<Uuid>,
    position: String,
    subtask_count: i64,
    completed_subtask_count: i64,
    created_by: Option<Uuid>,
    updated_by: Option<Uuid>,
    completed_by: Option<Uuid>,
}

fn priority_name<S: Serializer>(p: &i16, s: S) -> Result<S::Ok, S::Error> {
    s.serialize_str(match p {
        0 => "low",
        2 => "high",
        _ => "normal",
    })
}

/// Tags as aggregated in SQL: a text array on PostgreSQL, a JSON array on SQLite.
#[derive(Serialize)]
#[serde(transparent)]
struct Tags(Vec<String>);

impl sqlx::Type<sqlx::Postgres> for Tags {
    fn type_info() -> sqlx::postgres::PgTypeInfo {
        <Vec<String> as sqlx::Type<sqlx::Postgres>>::type_info()
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Postgres> for Tags {
    fn decode(value: sqlx::postgres::PgValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        Ok(Tags(<Vec<String> as sqlx::Decode<sqlx::Postgres>>::decode(
            value,
        )?))
    }
}

impl sqlx::Type<sqlx::Sqlite> for Tags {
    fn type_info() -> sqlx::sqlite::SqliteTypeInfo {
        <String as sqlx::Type<sqlx::Sqlite>>::type_info()
    }
}

impl<'r> sqlx::Decode<'r, sqlx::Sqlite> for Tags {
    fn decode(value: sqlx::sqlite::SqliteValueRef<'r>) -> Result<Self, sqlx::error::BoxDynError> {
        let text = <&str as sqlx::Decode<sqlx::Sqlite>>::decode(value)?;
        Ok(Tags(serde_json::from_str(text)?))
    }
}

/// A todo's contract fields after `FROM todos AS t` (with `{tags}` its tags' aggregate).
macro_rules! columns {
    ($tags:literal) => {
        concat!(
            "t.id, t.title, t.notes, t.completed, t.completed_at, t.due_at, t.priority, ",
            $tags,
            " AS tags, t.created_at, t.updated_at, COALESCE(t.list_id, t.user_id) AS list_id, \
             t.parent_id, COALESCE(t.position, '') AS position, \
             (SELECT COUNT(*) FROM todos AS s WHERE s.parent_id = t.id) AS subtask_count, \
             (SELECT COUNT(*) FROM todos AS s WHERE s.parent_id = t.id AND s.completed = TRUE) \
             AS completed_subtask_count, t.created_by, t.updated_by, t.completed_by"
        )
    };
}
macro_rules! pg_columns {
    () => {
        columns!("COALESCE((SELECT array_agg(g.tag ORDER BY g.tag_key) FROM todo_tags AS g WHERE g.todo_id = t.id), '{}')")
    };
}
macro_rules! sqlite_columns {
    () => {
        // The primary key (todo_id, tag_key) hands the tags out in key order.
        columns!("(SELECT json_group_array(g.tag) FROM (SELECT tag FROM todo_tags WHERE todo_id = t.id ORDER BY tag_key) AS g)")
    };
}

/// The first page over all of the caller's lists: one index walk per list (LATERAL on
/// PostgreSQL, a correlated subquery handing out rowids on SQLite), merged, 21 rows.
const PG_PAGE: &str = concat!(
    "SELECT ",
    pg_columns!(),
    " FROM (SELECT p.* FROM list_members AS m CROSS JOIN LATERAL (SELECT * FROM todos \
     WHERE todos.list_id = m.list_id ORDER BY created_at DESC, id DESC LIMIT 21) AS p \
     WHERE m.user_id = $1 ORDER BY p.created_at DESC, p.id DESC LIMIT 21) AS t \
     ORDER BY t.created_at DESC, t.id DESC"
);
const SQLITE_PAGE: &str = concat!(
    "SELECT ",
    sqlite_columns!(),
    " FROM todos AS t WHERE t.rowid IN (SELECT value FROM list_members AS m, json_each((\
     SELECT json_group_array(rowid) FROM (SELECT rowid FROM todos WHERE list_id = m.list_id \
     ORDER BY created_at DESC, id DESC LIMIT 21))) WHERE m.user_id = $1) \
     ORDER BY t.created_at DESC, t.id DESC LIMIT 21"
);

/// One todo, if the caller is a member of its list.
const PG_ONE: &str = concat!(
    "SELECT ",
    pg_columns!(),
    " FROM todos AS t WHERE t.id = $1 AND EXISTS (SELECT 1 FROM list_members AS m \
     WHERE m.list_id = t.list_id AND m.user_id = $2)"
);
const SQLITE_ONE: &str = concat!(
    "SELECT ",
    sqlite_columns!(),
    " FROM todos AS t WHERE t.id = $1 AND EXISTS (SELECT 1 FROM list_members AS m \
     WHERE m.list_id = t.list_id AND m.user_id = $2)"
);

/// The key after `$k` (the last sibling's position, NULL if none), as `key_between(k, None)`
/// makes it (domain::position), when that is the last digit of the integer part plus one:
/// NULL when it would carry (or the integer part is negative), and then the handler asks
/// the domain. Integer part: a head `a`..`z` and 1..26 digits (base 62).
macro_rules! next_key {
    ($k:literal, $code:literal, $substr:literal, $find:literal) => {
        concat!(
            "CASE WHEN ",
            $k,
            " IS NULL THEN 'a0' WHEN ",
            $code,
            "(",
            $substr,
            "(",
            $k,
            ", 1, 1)) BETWEEN 97 AND 122 AND ",
            $substr,
            "(",
            $k,
            ", ",
            $code,
            "(",
            $substr,
            "(",
            $k,
            ", 1, 1)) - 95, 1) <> 'z' THEN ",
            $substr,
            "(",
            $k,
            ", 1, ",
            $code,
            "(",
            $substr,
            "(",
            $k,
            ", 1, 1)) - 96) || ",
            $substr,
            "('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', ",
            $find,
            "('0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz', ",
            $substr,
            "(",
            $k,
            ", ",
            $code,
            "(",
            $substr,
            "(",
            $k,
            ", 1, 1)) - 95, 1)) + 1, 1) END"
        )
    };
}

/// Create: the todo last in its list (top level), if the caller may write to the list, and
/// its tags (`$9`, keys `$11`); answers the stored position. `$10` (SQLite `$9`): the
/// position when the handler computed it.
const PG_INSERT: &str = concat!(
    "WITH last AS (SELECT COALESCE($10, ",
    next_key!("MAX(position)", "ascii", "substr", "strpos"),
    ") AS key FROM todos WHERE list_id = $8 AND parent_id IS NULL), \
     ins AS (INSERT INTO todos (id, user_id, title, notes, completed, completed_at, due_at, \
     priority, created_at, updated_at, list_id, parent_id, position, created_by, updated_by) \
     SELECT $1, $2, $3, $4, FALSE, NULL, $5, $6, $7, $7, $8, NULL, last.key, $2, $2 FROM last \
     WHERE last.key IS NOT NULL AND EXISTS (SELECT 1 FROM list_members AS m WHERE m.list_id = $8 \
     AND m.user_id = $2 AND m.role IN ('owner', 'editor')) RETURNING id, position), \
     tags AS (INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) SELECT ins.id, $2, g.tag, \
     g.tag_key FROM ins, unnest($9::text[], $11::text[]) AS g(tag, tag_key)) \
     SELECT position FROM ins"
);
const SQLITE_INSERT: &str = concat!(
    "INSERT INTO todos (id, user_id, title, notes, completed, completed_at, due_at, \
     priority, created_at, updated_at, list_id, parent_id, position, created_by, updated_by) \
     SELECT $1, $2, $3, $4, FALSE, NULL, $5, $6, $7, $7, $8, NULL, last.key, $2, $2 FROM \
     (SELECT COALESCE($9, ",
    next_key!("MAX(position)", "unicode", "substr", "instr"),
    ") AS key FROM todos WHERE list_id = $8 AND parent_id IS NULL) AS last \
     WHERE last.key IS NOT NULL AND EXISTS (SELECT 1 FROM list_members AS m WHERE m.list_id = $8 \
     AND m.user_id = $2 AND m.role IN ('owner', 'editor')) RETURNING position"
);

/// Patch: every field conditionally (`$n` says whether it is set), if the caller may write.
macro_rules! update_set {
    () => {
        "UPDATE todos SET title = CASE WHEN $3 THEN $4 ELSE title END, \
         notes = CASE WHEN $5 THEN $6 ELSE notes END, \
         due_at = CASE WHEN $7 THEN $8 ELSE due_at END, \
         priority = CASE WHEN $9 THEN $10 ELSE priority END, \
         completed_at = CASE WHEN NOT $11 THEN completed_at WHEN $12 THEN COALESCE(completed_at, $13) ELSE NULL END, \
         completed_by = CASE WHEN NOT $11 THEN completed_by WHEN $12 THEN (CASE WHEN completed THEN completed_by ELSE $2 END) ELSE NULL END, \
         completed = CASE WHEN $11 THEN $12 ELSE completed END, \
         updated_at = $13, updated_by = $2, version = version + 1 \
         WHERE id = $1 AND EXISTS (SELECT 1 FROM list_members AS m WHERE m.list_id = todos.list_id \
         AND m.user_id = $2 AND m.role IN ('owner', 'editor'))"
    };
}
/// PostgreSQL: the update, its tags (those dropped deleted, the others upserted) and the
/// todo as it is now, in one statement. `$14`: whether tags are set, `$15` the tags, `$16`
/// their keys.
const PG_UPDATE: &str = concat!(
    "WITH t AS (",
    update_set!(),
    " RETURNING *), \
     gone AS (DELETE FROM todo_tags AS g USING t WHERE $14 AND g.todo_id = t.id \
     AND NOT (g.tag_key = ANY ($16::text[]))), \
     kept AS (INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) SELECT t.id, t.user_id, \
     g.tag, g.tag_key FROM t, unnest($15::text[], $16::text[]) AS g(tag, tag_key) WHERE $14 \
     ON CONFLICT (todo_id, tag_key) DO UPDATE SET tag = excluded.tag) \
     SELECT ",
    columns!(
        "CASE WHEN $14 THEN $15::text[] ELSE COALESCE((SELECT array_agg(g.tag ORDER BY g.tag_key) FROM todo_tags AS g WHERE g.todo_id = t.id), '{}') END"
    ),
    " FROM t"
);
/// SQLite: the update and the todo as it is now (the tags as they were: a patch that sets
/// them replaces them after, in the same transaction).
const SQLITE_UPDATE: &str = concat!(
    update_set!(),
    " RETURNING ",
    "id, title, notes, completed, completed_at, due_at, priority, \
     (SELECT json_group_array(g.tag) FROM (SELECT tag FROM todo_tags WHERE todo_id = todos.id ORDER BY tag_key) AS g) AS tags, \
     created_at, updated_at, COALESCE(list_id, user_id) AS list_id, parent_id, \
     COALESCE(position, '') AS position, \
     (SELECT COUNT(*) FROM todos AS s WHERE s.parent_id = todos.id) AS subtask_count, \
     (SELECT COUNT(*) FROM todos AS s WHERE s.parent_id = todos.id AND s.completed = TRUE) AS completed_subtask_count, \
     created_by, updated_by, completed_by"
);

/// Why nothing was written: no such todo or list for the caller (404), or a viewer (403).
const ROLE_OF_LIST: &str = "SELECT role FROM list_members WHERE list_id = $1 AND user_id = $2";
const ROLE_OF_TODO: &str = "SELECT m.role FROM todos AS t JOIN list_members AS m ON m.list_id = t.list_id \
     AND m.user_id = $2 WHERE t.id = $1";
const LAST_POSITION: &str =
    "SELECT MAX(position) FROM todos WHERE list_id = $1 AND parent_id IS NULL";

#[derive(Serialize)]
struct Page {
    items: Vec<TodoJson>,
    next_cursor: Option<String>,
}

type Answer = Result<Response, Response>;

fn status(code: StatusCode) -> Response {
    code.into_response()
}

fn internal(e: impl std::fmt::Display) -> Response {
    (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response()
}

async fn list(State(app): State<Reference>, Caller(me): Caller) -> Answer {
    let mut items: Vec<TodoJson> = match &app.db {
        Db::Postgres(pool) => sqlx::query_as(PG_PAGE).bind(me).fetch_all(pool).await,
        Db::Sqlite(pool) => sqlx::query_as(SQLITE_PAGE).bind(me).fetch_all(pool).await,
    }
    .map_err(internal)?;
    // The reference's own cursor: the last row's sort key.
    let next_cursor = (items.len() > 20).then(|| {
        items.truncate(20);
        let last = &items[19];
        format!("{}_{}", last.created_at.timestamp_micros(), last.id)
    });
    Ok(Json(Page { items, next_cursor }).into_response())
}

async fn find(db: &Db, me: Uuid, id: Uuid) -> Result<Option<TodoJson>, sqlx::Error> {
    match db {
        Db::Postgres(pool) => {
            sqlx::query_as(PG_ONE)
                .bind(id)
                .bind(me)
                .fetch_optional(pool)
                .await
        }
        Db::Sqlite(pool) => {
            sqlx::query_as(SQLITE_ONE)
                .bind(id)
                .bind(me)
                .fetch_optional(pool)
                .await
        }
    }
}

async fn read(State(app): State<Reference>, Caller(me): Caller, Path(id): Path<Uuid>) -> Answer {
    match find(&app.db, me, id).await.map_err(internal)? {
        Some(todo) => Ok(Json(todo).into_response()),
        None => Err(status(StatusCode::NOT_FOUND)),
    }
}

/// `Some(None)` for an explicit `null`, `None` when absent (with `#[serde(default)]`).
fn nullable<'de, D: Deserializer<'de>, T: Deserialize<'de>>(
    d: D,
) -> Result<Option<Option<T>>, D::Error> {
    Option::<T>::deserialize(d).map(Some)
}

#[derive(Deserialize)]
struct CreateBody {
    title: String,
    #[serde(default, deserialize_with = "nullable")]
    notes: Option<Option<String>>,
    #[serde(default, deserialize_with = "nullable")]
    due_at: Option<Option<DateTime<Utc>>>,
    priority: Option<PriorityName>,
    tags: Option<Vec<String>>,
    list_id: Option<Uuid>,
    parent_id: Option<Uuid>,
}

#[derive(Deserialize)]
struct PatchBody {
    title: Option<String>,
    #[serde(default, deserialize_with = "nullable")]
    notes: Option<Option<String>>,
    completed: Option<bool>,
    #[serde(default, deserialize_with = "nullable")]
    due_at: Option<Option<DateTime<Utc>>>,
    priority: Option<PriorityName>,
    tags: Option<Vec<String>>,
    list_id: Option<Uuid>,
}

#[derive(Deserialize, Clone, Copy)]
#[serde(rename_all = "lowercase")]
enum PriorityName {
    Low,
    Normal,
    High,
}

impl From<PriorityName> for Priority {
    fn from(p: PriorityName) -> Priority {
        match p {
            PriorityName::Low => Priority::Low,
            PriorityName::Normal => Priority::Normal,
            PriorityName::High => Priority::High,
        }
    }
}

fn body<T: serde::de::DeserializeOwned>(bytes: &[u8]) -> Result<T, Response> {
    serde_json::from_slice(bytes).map_err(|_| status(StatusCode::BAD_REQUEST))
}

/// The role that refused a write: 404 for none, 403 for a viewer.
fn refused(role: Option<String>) -> Response {
    match role.as_deref() {
        Some("viewer") => status(StatusCode::FORBIDDEN),
        _ => status(StatusCode::NOT_FOUND),
    }
}

async fn create(
    State(app): State<Reference>,
    Caller(me): Caller,
    raw: axum::body::Bytes,
) -> Answer {
    let b: CreateBody = body(&raw)?;
    if b.parent_id.is_some() {
        return Err(status(StatusCode::NOT_IMPLEMENTED));
    }
    let draft = TodoDraft {
        id: None,
        title: b.title,
        notes: b.notes.flatten(),
        due_at: b.due_at.flatten(),
        priority: b.priority.map(Into::into),
        tags: b.tags.unwrap_or_default(),
        list_id: b.list_id,
        parent_id: None,
    };
    let todo = NewTodo::parse(draft, domain::now())
        .map_err(|_| status(StatusCode::UNPROCESSABLE_ENTITY))?;
    let list = todo.list_id.unwrap_or(me);
    let mut key: Option<String> = None;
    let position = loop {
        let inserted: Option<String> = match &app.db {
            Db::Postgres(pool) => sqlx::query_scalar(PG_INSERT)
                .bind(todo.id)
                .bind(me)
                .bind(&todo.title)
                .bind(&todo.notes)
                .bind(todo.due_at)
                .bind(todo.priority.to_db())
                .bind(todo.created_at)
                .bind(list)
                .bind(&todo.tags)
                .bind(&key)
                .bind(keys(&todo.tags))
                .fetch_optional(pool)
                .await
                .map_err(internal)?,
            Db::Sqlite(pool) => {
                let mut tx = pool.begin().await.map_err(internal)?;
                let position: Option<String> = sqlx::query_scalar(SQLITE_INSERT)
                    .bind(todo.id)
                    .bind(me)
                    .bind(&todo.title)
                    .bind(&todo.notes)
                    .bind(sqlite_time(todo.due_at))
                    .bind(todo.priority.to_db())
                    .bind(sqlite_time(Some(todo.created_at)))
                    .bind(list)
                    .bind(&key)
                    .fetch_optional(&mut *tx)
                    .await
                    .map_err(internal)?;
                if position.is_some() && !todo.tags.is_empty() {
                    insert_sqlite_tags(&mut tx, me, todo.id, &todo.tags).await?;
                }
                tx.commit().await.map_err(internal)?;
                position
            }
        };
        if let Some(position) = inserted {
            break position;
        }
        // Not a writer of the list, or a position that carries: the domain makes the key.
        let role: Option<String> = match &app.db {
            Db::Postgres(pool) => {
                sqlx::query_scalar(ROLE_OF_LIST)
                    .bind(list)
                    .bind(me)
                    .fetch_optional(pool)
                    .await
            }
            Db::Sqlite(pool) => {
                sqlx::query_scalar(ROLE_OF_LIST)
                    .bind(list)
                    .bind(me)
                    .fetch_optional(pool)
                    .await
            }
        }
        .map_err(internal)?;
        if key.is_some() || !matches!(role.as_deref(), Some("owner" | "editor")) {
            return Err(refused(role));
        }
        let last: Option<String> = match &app.db {
            Db::Postgres(pool) => {
                sqlx::query_scalar(LAST_POSITION)
                    .bind(list)
                    .fetch_one(pool)
                    .await
            }
            Db::Sqlite(pool) => {
                sqlx::query_scalar(LAST_POSITION)
                    .bind(list)
                    .fetch_one(pool)
                    .await
            }
        }
        .map_err(internal)?;
        key = Some(domain::position::key_between(last.as_deref(), None).map_err(internal)?);
    };
    let created = TodoJson {
        id: todo.id,
        title: todo.title,
        notes: todo.notes,
        completed: false,
        completed_at: None,
        due_at: todo.due_at,
        priority: todo.priority.to_db(),
        tags: Tags(todo.tags),
        created_at: todo.created_at,
        updated_at: todo.created_at,
        list_id: list,
        parent_id: None,
        position,
        subtask_count: 0,
        completed_subtask_count: 0,
        created_by: Some(me),
        updated_by: Some(me),
        completed_by: None,
    };
    Ok((StatusCode::CREATED, Json(created)).into_response())
}

/// SQLite stores instants as fixed-width RFC 3339 text (microseconds, `Z`), as the project.
fn sqlite_time(t: Option<DateTime<Utc>>) -> Option<String> {
    t.map(|t| t.to_rfc3339_opts(chrono::SecondsFormat::Micros, true))
}

/// The tags' keys, as the domain makes them.
fn keys(tags: &[String]) -> Vec<String> {
    tags.iter()
        .map(|t| domain::todo_query::tag_key(t))
        .collect()
}

async fn insert_sqlite_tags(
    tx: &mut sqlx::SqliteConnection,
    owner: Uuid,
    todo: Uuid,
    tags: &[String],
) -> Result<(), Response> {
    sqlx::query(
        "INSERT INTO todo_tags (todo_id, user_id, tag, tag_key) \
         SELECT $1, $2, json_extract(value, '$[0]'), json_extract(value, '$[1]') FROM json_each($3)",
    )
    .bind(todo)
    .bind(owner)
    .bind(serde_json::to_string(&tags.iter().zip(keys(tags)).collect::<Vec<_>>()).map_err(internal)?)
    .execute(&mut *tx)
    .await
    .map_err(internal)?;
    Ok(())
}

async fn update(
    State(app): State<Reference>,
    Caller(me): Caller,
    Path(id): Path<Uuid>,
    raw: axum::body::Bytes,
) -> Answer {
    let b: PatchBody = body(&raw)?;
    if b.list_id.is_some() {
        return Err(status(StatusCode::NOT_IMPLEMENTED));
    }
    let patch = TodoPatch {
        title: b.title,
        notes: b.notes,
        completed: b.completed,
        due_at: b.due_at,
        priority: b.priority.map(Into::into),
        tags: b.tags,
        list_id: None,
    };
    let c = TodoChanges::parse(patch, domain::now())
        .map_err(|_| status(StatusCode::UNPROCESSABLE_ENTITY))?;
    if c.is_empty() {
        return read(State(app), Caller(me), Path(id)).await;
    }
    let due = c.due_at.flatten();
    let updated: Option<TodoJson> = match &app.db {
        Db::Postgres(pool) => sqlx::query_as(PG_UPDATE)
            .bind(id)
            .bind(me)
            .bind(c.title.is_some())
            .bind(&c.title)
            .bind(c.notes.is_some())
            .bind(c.notes.clone().flatten())
            .bind(c.due_at.is_some())
            .bind(due)
            .bind(c.priority.is_some())
            .bind(c.priority.unwrap_or_default().to_db())
            .bind(c.completed.is_some())
            .bind(c.completed.unwrap_or(false))
            .bind(c.updated_at)
            .bind(c.tags.is_some())
            .bind(c.tags.clone().unwrap_or_default())
            .bind(keys(c.tags.as_deref().unwrap_or_default()))
            .fetch_optional(pool)
            .await
            .map_err(internal)?,
        Db::Sqlite(pool) => {
            let q = sqlx::query_as(SQLITE_UPDATE)
                .bind(id)
                .bind(me)
                .bind(c.title.is_some())
                .bind(c.title.clone())
                .bind(c.notes.is_some())
                .bind(c.notes.clone().flatten())
                .bind(c.due_at.is_some())
                .bind(sqlite_time(due))
                .bind(c.priority.is_some())
                .bind(c.priority.unwrap_or_default().to_db())
                .bind(c.completed.is_some())
                .bind(c.completed.unwrap_or(false))
                .bind(sqlite_time(Some(c.updated_at)));
            match &c.tags {
                // One statement.
                None => q.fetch_optional(pool).await.map_err(internal)?,
                Some(tags) => {
                    let mut tx = pool.begin().await.map_err(internal)?;
                    let mut row: Option<TodoJson> =
                        q.fetch_optional(&mut *tx).await.map_err(internal)?;
                    if let Some(todo) = &mut row {
                        sqlx::query("DELETE FROM todo_tags WHERE todo_id = $1")
                            .bind(id)
                            .execute(&mut *tx)
                            .await
                            .map_err(internal)?;
                        let (owner,): (Uuid,) =
                            sqlx::query_as("SELECT user_id FROM todos WHERE id = $1")
                                .bind(id)
                                .fetch_one(&mut *tx)
                                .await
                                .map_err(internal)?;
                        if !tags.is_empty() {
                            insert_sqlite_tags(&mut tx, owner, id, tags).await?;
                        }
                        todo.tags = Tags(tags.clone());
                    }
                    tx.commit().await.map_err(internal)?;
                    row
                }
            }
        }
    };
    if let Some(todo) = updated {
        return Ok(Json(todo).into_response());
    }
    let role: Option<String> = match &app.db {
        Db::Postgres(pool) => {
            sqlx::query_scalar(ROLE_OF_TODO)
                .bind(id)
                .bind(me)
                .fetch_optional(pool)
                .await
        }
        Db::Sqlite(pool) => {
            sqlx::query_scalar(ROLE_OF_TODO)
                .bind(id)
                .bind(me)
                .fetch_optional(pool)
                .await
        }
    }
    .map_err(internal)?;
    Err(refused(role))
}

#[allow(dead_code)] // tests/api/reference.rs includes this file for `Reference`
#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (Some(url), Some(addr)) = (args.get(1), args.get(2)) else {
        anyhow::bail!("usage: JWT_SECRET=… baseline DATABASE_URL ADDR");
    };
    let secret = std::env::var("JWT_SECRET")?;
    let env = |name: &str| std::env::var(name).unwrap_or_else(|_| "todo-api".to_owned());
    let app = Reference::connect(
        url,
        secret.as_bytes(),
        &env("JWT_ISSUER"),
        &env("JWT_AUDIENCE"),
    )
    .await?;
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app.router()).await?;
    Ok(())
}
