//! SQLite's writers take turns in the server (issue 12 goal 5, ADR 0030). With SQLite's write
//! lock held by another process's connection, one of the server's writes waits for it in
//! SQLite's busy handler and the others wait in the server, first come first served, holding
//! no connection (`todo_api_db_write_queue_depth`); all of them go through once the lock is
//! free.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::json;
use sqlx::{Connection, SqliteConnection};

use crate::metrics::{samples, scrape, start, value};
use crate::support::{Backend, TestDb, run_db};

const WRITERS: usize = 4;

#[tokio::test]
async fn sqlite_writes_queue_in_the_server_while_another_process_holds_the_lock() {
    run_db(Backend::Sqlite, async |db: &TestDb| {
        let (server, metrics) = start(db, &[]).await;
        let api = &server.api;
        api.register("turns@example.com", "turns password 1", "T")
            .await
            .expect(StatusCode::CREATED);
        let token = api.login("turns@example.com", "turns password 1").await;
        let depth = async || {
            value(
                &samples(&scrape(&metrics).await),
                "todo_api_db_write_queue_depth",
                &[],
            )
        };
        assert_eq!(depth().await, Some(0.0));

        // Another process's writer (as a backup or the command line could be).
        let mut other = SqliteConnection::connect(&db.url).await.unwrap();
        sqlx::query("BEGIN IMMEDIATE")
            .execute(&mut other)
            .await
            .unwrap();
        let writes = futures_util::future::join_all((0..WRITERS).map(|i| {
            let api = api.clone();
            let token = token.clone();
            async move {
                api.create_todo(&token, &json!({ "title": format!("queued {i}") }))
                    .await
            }
        }));
        let release = async {
            // One write is in SQLite's busy handler; the others queue in the server. Released
            // well within SQLite's busy timeout (5 s), so that the first one goes through.
            let deadline = Instant::now() + Duration::from_secs(4);
            loop {
                let now = depth().await;
                if now == Some((WRITERS - 1) as f64) {
                    break;
                }
                assert!(
                    Instant::now() < deadline,
                    "writes never queued in the server: depth {now:?}"
                );
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
            sqlx::query("ROLLBACK").execute(&mut other).await.unwrap();
        };
        let (answers, ()) = tokio::join!(writes, release);
        for answer in answers {
            assert_eq!(answer.status, StatusCode::CREATED, "{}", answer.body);
        }
        assert_eq!(depth().await, Some(0.0));
        let page = api.list_todos(&token, "").await.expect(StatusCode::OK);
        assert_eq!(page["items"].as_array().unwrap().len(), WRITERS, "{page}");
    })
    .await;
}
