//! `todo-api backup` (the real binary) on a SQLite database a server keeps writing to: the
//! copy is consistent and holds every todo acknowledged before the backup began.

use std::path::Path;
use std::sync::atomic::{AtomicBool, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Instant;

use reqwest::StatusCode;
use serde_json::json;
use sqlx::{Connection, SqliteConnection};
use tokio::process::Command;

use crate::support::{Backend, Node, TestApp, TestDb, installed, server_config};

const BIN: &str = env!("CARGO_BIN_EXE_todo-api");
const WRITERS: usize = 4;
/// Todos acknowledged before the backup starts (at least).
const BEFORE: usize = 200;

fn backup_command(database_url: &str, args: &[&Path]) -> Command {
    let mut cmd = Command::new(BIN);
    cmd.env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", database_url)
        .arg("backup")
        .args(args)
        .kill_on_drop(true);
    cmd
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn a_backup_under_writes_holds_every_acknowledged_todo() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let app = TestApp::spawn(db).await;
    let mut users = Vec::new();
    for i in 0..WRITERS {
        users.push(app.api.new_user(&format!("writer{i}")).await);
    }

    // Writers create todos without pause until told to stop, noting when each was acknowledged.
    let acked: Arc<Mutex<Vec<(Instant, usize, String)>>> = Arc::default();
    let stop = Arc::new(AtomicBool::new(false));
    let mut writers = Vec::new();
    for (w, user) in users.iter().enumerate() {
        let (api, token, acked, stop) = (
            app.api.clone(),
            user.token.clone(),
            acked.clone(),
            stop.clone(),
        );
        writers.push(tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) {
                let body = json!({"title": format!("writer {w} todo {n}"), "tags": ["backup"]});
                let todo = api.created_todo(&token, body).await;
                let id = todo["id"].as_str().unwrap().to_owned();
                acked.lock().unwrap().push((Instant::now(), w, id));
                n += 1;
            }
        }));
    }
    while acked.lock().unwrap().len() < BEFORE {
        tokio::time::sleep(std::time::Duration::from_millis(20)).await;
    }

    let copy_dir = tempfile::tempdir().unwrap();
    let copy = copy_dir.path().join("copy.db");
    let backup_started = Instant::now();
    let output = backup_command(&app.db.url, &[&copy])
        .output()
        .await
        .unwrap();
    let backup_ended = Instant::now();
    stop.store(true, Ordering::Relaxed);
    for writer in writers {
        writer.await.unwrap();
    }
    assert!(
        output.status.success(),
        "backup failed: {}",
        String::from_utf8_lossy(&output.stderr)
    );
    assert!(
        String::from_utf8_lossy(&output.stdout).contains("backed up"),
        "{output:?}"
    );
    // Progress is drawn on a terminal only; stderr here is a pipe.
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(
        !stderr.contains('\u{1b}') && !stderr.contains('\r') && !stderr.contains('░'),
        "{stderr}"
    );
    let acked = acked.lock().unwrap().clone();
    let before: Vec<_> = acked
        .iter()
        .filter(|(at, _, _)| *at < backup_started)
        .collect();
    let during = acked
        .iter()
        .filter(|(at, _, _)| *at >= backup_started && *at <= backup_ended)
        .count();
    eprintln!(
        "{} todos acknowledged before the backup, {during} while it ran",
        before.len()
    );
    assert!(before.len() >= BEFORE);
    // Only the copy: no temporary file left beside it.
    let names: Vec<_> = std::fs::read_dir(copy_dir.path())
        .unwrap()
        .map(|e| e.unwrap().file_name())
        .collect();
    assert_eq!(names, ["copy.db"]);

    let copy_url = format!("sqlite://{}", copy.display());
    let mut conn = SqliteConnection::connect(&copy_url).await.unwrap();
    let (check,): (String,) = sqlx::query_as("PRAGMA integrity_check")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(check, "ok");
    conn.close().await.unwrap();

    // A server on the copy (same signing secret: the tokens work) has every todo that was
    // acknowledged before the backup began.
    let restored_dir = tempfile::tempdir().unwrap();
    let restored = TestDb::external(Backend::Sqlite, copy_url, restored_dir);
    let node = Node::start(&server_config(&restored)).await;
    for (_, w, id) in &before {
        let res = node.api.get_todo(&users[*w].token, id).await;
        assert_eq!(res.status, StatusCode::OK, "todo {id} of writer {w}");
    }
    node.stop().await;
    app.node.stop().await;
}

#[tokio::test]
async fn backup_refuses_to_overwrite_without_force_and_refuses_postgresql() {
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let app = TestApp::spawn(db).await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    std::fs::write(&copy, b"precious").unwrap();

    let output = backup_command(&app.db.url, &[&copy])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("--force"), "{stderr}");
    assert_eq!(std::fs::read(&copy).unwrap(), b"precious");

    let output = backup_command(&app.db.url, &[Path::new("--force"), &copy])
        .output()
        .await
        .unwrap();
    assert!(output.status.success(), "{output:?}");
    let mut conn = SqliteConnection::connect(&format!("sqlite://{}", copy.display()))
        .await
        .unwrap();
    let (users,): (i64,) = sqlx::query_as("SELECT count(*) FROM users")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    assert_eq!(users, 0);
    conn.close().await.unwrap();

    let output = backup_command("postgres://todo@127.0.0.1:1/todo", &[&copy])
        .output()
        .await
        .unwrap();
    assert_eq!(output.status.code(), Some(1));
    let stderr = String::from_utf8_lossy(&output.stderr);
    assert!(stderr.contains("pg_dump"), "{stderr}");
    app.node.stop().await;
}

/// On a terminal (a pseudo-terminal made by util-linux `script`) the progress bar is drawn.
#[tokio::test]
async fn backup_shows_progress_on_a_terminal() {
    if installed("script").is_none() {
        return; // util-linux's `script`, for the pseudo-terminal
    }
    let db = TestDb::create(Backend::Sqlite).await.unwrap();
    let app = TestApp::spawn(db).await;
    let dir = tempfile::tempdir().unwrap();
    let copy = dir.path().join("copy.db");
    // Paths of temporary folders have no characters the shell would interpret.
    let inner = format!("{BIN} backup --progress-after-millis 0 {}", copy.display());
    let output = Command::new("script")
        .args(["--quiet", "--return", "--command", &inner, "/dev/null"])
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", &app.db.url)
        .env("TERM", "xterm")
        .kill_on_drop(true)
        .output()
        .await
        .unwrap();
    let terminal = String::from_utf8_lossy(&output.stdout);
    assert!(output.status.success(), "{terminal}");
    assert!(terminal.contains("backed up"), "{terminal}");
    assert!(
        terminal.contains('░') || terminal.contains('█'),
        "{terminal}"
    );
    app.node.stop().await;
}
