//! Rolling the binary back after a migration (ADR 0022). A release must serve on the schema
//! of the release after it, as long as that one only expanded it (new tables, new columns
//! with defaults, new indexes): migrations it does not know are applied and must not stop it.

use reqwest::StatusCode;
use serde_json::json;
use sqlx::{Connection, PgConnection, SqliteConnection};

use crate::dual_test;
use crate::support::{Backend, Node, TestDb, server_config};

dual_test!(serves_on_the_next_releases_expanded_schema);

/// What a next release's expanding migration may do, and its row in sqlx's bookkeeping.
fn next_release_migration(backend: Backend) -> String {
    let (flag, checksum) = match backend {
        Backend::Sqlite => ("INTEGER NOT NULL DEFAULT 0", "X'00'"),
        Backend::Postgres => ("BOOLEAN NOT NULL DEFAULT FALSE", "'\\x00'::bytea"),
    };
    format!(
        "CREATE TABLE next_release_things (id TEXT PRIMARY KEY, note TEXT);
         CREATE INDEX next_release_things_note ON next_release_things (note);
         ALTER TABLE todos ADD COLUMN next_release_flag {flag};
         ALTER TABLE users ADD COLUMN next_release_note TEXT;
         INSERT INTO _sqlx_migrations (version, description, success, checksum, execution_time)
         VALUES (29991231000000, 'next release expands', TRUE, {checksum}, 1);"
    )
}

async fn serves_on_the_next_releases_expanded_schema(db: &TestDb) {
    // This release migrates and writes, as it would before the upgrade.
    let node = Node::start(&server_config(db)).await;
    let user = node.api.new_user("rollback").await;
    let before = node
        .api
        .created_todo(&user.token, json!({"title": "before"}))
        .await;
    node.stop().await;

    // The next release expands the schema; then it is rolled back to this one.
    let sql = next_release_migration(db.backend);
    match db.backend {
        Backend::Sqlite => {
            let mut conn = SqliteConnection::connect(&db.url).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await
                .unwrap();
            conn.close().await.unwrap();
        }
        Backend::Postgres => {
            let mut conn = PgConnection::connect(&db.url).await.unwrap();
            sqlx::raw_sql(sqlx::AssertSqlSafe(sql))
                .execute(&mut conn)
                .await
                .unwrap();
            conn.close().await.unwrap();
        }
    }

    // This release starts (its migrations run and skip the unknown one) and serves every
    // operation of the journey on the expanded schema.
    let node = Node::start(&server_config(db)).await;
    let api = &node.api;
    let token = api.login(&user.email, &user.password).await;
    let todo = api
        .create_todo(&token, &json!({"title": "after", "tags": ["x"]}))
        .await
        .expect(StatusCode::CREATED);
    let id = todo["id"].as_str().unwrap();
    api.update_todo(&token, id, &json!({"completed": true}))
        .await
        .expect(StatusCode::OK);
    let page = api.list_todos(&token, "").await.expect(StatusCode::OK);
    let titles: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["title"].as_str().unwrap())
        .collect();
    assert_eq!(titles, ["after", "before"]);
    api.delete_todo(&token, before["id"].as_str().unwrap())
        .await
        .expect(StatusCode::NO_CONTENT);
    api.get_statistics(&token, "").await.expect(StatusCode::OK);
    let other = api.new_user("rollback-new").await;
    api.get_current_user(&other.token)
        .await
        .expect(StatusCode::OK);
    node.stop().await;
}
