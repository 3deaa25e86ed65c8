//! The speed bar's reference: a minimal hand-written axum + sqlx handler that runs the same
//! two queries as `GET /api/v1/todos?limit=20` (the page, newest first, and its tags) for one
//! user, with no authentication, validation, middleware or cursor. `scripts/bench` loads it
//! next to the real server (`cargo run --release --example baseline -- DATABASE_URL USER_ID ADDR`).

use std::collections::HashMap;
use std::str::FromStr;

use axum::extract::State;
use axum::{Json, Router, routing::get};
use chrono::{DateTime, Utc};
use serde::Serialize;
use sqlx::postgres::{PgConnectOptions, PgPool};
use sqlx::sqlite::{SqliteConnectOptions, SqlitePool};
use uuid::Uuid;

#[derive(Serialize, sqlx::FromRow)]
struct Row {
    id: Uuid,
    user_id: Uuid,
    title: String,
    notes: Option<String>,
    completed: bool,
    completed_at: Option<DateTime<Utc>>,
    due_at: Option<DateTime<Utc>>,
    priority: i16,
    created_at: DateTime<Utc>,
    updated_at: DateTime<Utc>,
    version: i64,
    #[sqlx(skip)]
    tags: Vec<String>,
}

/// The same columns, order and limit as the real list query.
const PAGE: &str = "SELECT id, user_id, title, notes, completed, completed_at, due_at, priority, created_at, updated_at, version \
                    FROM todos WHERE user_id = $1 ORDER BY created_at DESC, id DESC LIMIT 21";

macro_rules! handler {
    ($name:ident, $pool:ty) => {
        async fn $name(State((pool, user)): State<($pool, Uuid)>) -> Json<Vec<Row>> {
            let mut rows: Vec<Row> = sqlx::query_as(PAGE)
                .bind(user)
                .fetch_all(&pool)
                .await
                .unwrap();
            rows.truncate(20);
            let ids: Vec<String> = (0..rows.len()).map(|i| format!("${}", i + 1)).collect();
            let sql = format!(
                "SELECT todo_id, tag FROM todo_tags WHERE todo_id IN ({})",
                ids.join(", ")
            );
            let mut q = sqlx::query_as::<_, (Uuid, String)>(sqlx::AssertSqlSafe(sql));
            for r in &rows {
                q = q.bind(r.id);
            }
            let mut tags: HashMap<Uuid, Vec<String>> = HashMap::new();
            for (id, tag) in q.fetch_all(&pool).await.unwrap() {
                tags.entry(id).or_default().push(tag);
            }
            for r in &mut rows {
                r.tags = tags.remove(&r.id).unwrap_or_default();
            }
            Json(rows)
        }
    };
}

handler!(sqlite_page, SqlitePool);
handler!(postgres_page, PgPool);

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().collect();
    let (url, user, addr) = (&args[1], Uuid::parse_str(&args[2])?, &args[3]);
    let app = if url.starts_with("sqlite:") {
        let pool = SqlitePool::connect_with(SqliteConnectOptions::from_str(url)?).await?;
        Router::new()
            .route("/todos", get(sqlite_page))
            .with_state((pool, user))
    } else {
        let pool = PgPool::connect_with(PgConnectOptions::from_str(url)?).await?;
        Router::new()
            .route("/todos", get(postgres_page))
            .with_state((pool, user))
    };
    let listener = tokio::net::TcpListener::bind(addr).await?;
    axum::serve(listener, app).await?;
    Ok(())
}
