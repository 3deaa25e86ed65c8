//! SQLite on a full disk (a small tmpfs).

use reqwest::StatusCode;
use reqwest::header::CONTENT_TYPE;
use serde_json::{Value, json};
use tempfile::TempDir;

use crate::support::{Backend, Node, TestDb, server_config};

use super::*;

/// A 4 MiB tmpfs, unmounted on drop.
struct SmallDisk {
    dir: TempDir,
}

impl SmallDisk {
    /// `None` (skip) when mounting is impossible here, which CI does not accept: it runs as
    /// root in a sandbox where mounting a tmpfs works.
    fn mount() -> Option<SmallDisk> {
        let dir = tempfile::tempdir().unwrap();
        let out = std::process::Command::new("mount")
            .args(["-t", "tmpfs", "-o", "size=4m", "tmpfs"])
            .arg(dir.path())
            .output();
        match out {
            Ok(out) if out.status.success() => Some(SmallDisk { dir }),
            other => {
                let why = match other {
                    Ok(out) => String::from_utf8_lossy(&out.stderr).into_owned(),
                    Err(e) => e.to_string(),
                };
                assert!(
                    !in_ci(),
                    "CI must be able to mount a tmpfs (as root): {why}"
                );
                eprintln!(
                    "skipped: cannot mount a small tmpfs for the full-disk test ({why}); run as root"
                );
                None
            }
        }
    }
}

impl Drop for SmallDisk {
    fn drop(&mut self) {
        let _ = std::process::Command::new("umount")
            .arg("-l")
            .arg(self.dir.path())
            .status();
    }
}

/// Fills the file system with `path` until it has no space left.
fn fill(path: &std::path::Path) {
    use std::io::Write;
    let mut file = std::fs::File::create(path).unwrap();
    let chunk = vec![0u8; 4096];
    while file.write_all(&chunk).is_ok() {}
    let _ = file.sync_all();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sqlite_full_disk_answers_507_and_recovers() {
    let Some(disk) = SmallDisk::mount() else {
        return;
    };
    let url = format!("sqlite://{}/db/todo.db", disk.dir.path().display());
    let db = TestDb::external(Backend::Sqlite, url, tempfile::tempdir().unwrap());
    let node = Node::start(&server_config(&db)).await;
    let api = node.api.clone();
    let user = api.new_user("full").await;
    let token = user.token.clone();
    let kept = api
        .created_todo(&token, json!({ "title": "kept", "tags": ["a", "b"] }))
        .await;

    let filler = disk.dir.path().join("filler");
    fill(&filler);
    let notes = "n".repeat(8000);
    let mut full = 0;
    let mut created = Vec::new();
    for i in 0..200 {
        let body = json!({ "title": format!("t{i}"), "notes": notes, "tags": [format!("x{i}")] });
        let res = api.post("/todos", &token, &body).await;
        match res.status() {
            StatusCode::CREATED => {
                let todo: Value = res.json().await.unwrap();
                created.push(todo["id"].as_str().unwrap().to_owned());
            }
            StatusCode::INSUFFICIENT_STORAGE => {
                assert_eq!(res.headers()[CONTENT_TYPE], "application/problem+json");
                let problem: Value = res.json().await.unwrap();
                assert_eq!(
                    problem["type"], "/problems/insufficient-storage",
                    "{problem}"
                );
                assert_eq!(problem["status"], 507);
                full += 1;
                if full == 3 {
                    break;
                }
            }
            status => panic!("{status} on a full disk: {}", res.text().await.unwrap()),
        }
    }
    assert_eq!(full, 3, "writes on a full disk answered 507");
    // Each write either answers success and is stored, or answers 507 and is not: a commit
    // the disk refused is never acknowledged (one-statement writes included, whose commit
    // comes after the row they return).
    let kept_id = kept["id"].as_str().unwrap();
    let res = api
        .patch(
            &format!("/todos/{kept_id}"),
            &token,
            &json!({ "notes": notes }),
        )
        .await;
    let patched = match res.status() {
        StatusCode::OK => true,
        StatusCode::INSUFFICIENT_STORAGE => false,
        status => panic!("{status} for a patch on a full disk"),
    };
    let email = format!("late-{}@example.com", uuid::Uuid::new_v4().simple());
    let registered = match api
        .register(&email, "late password 123", &"L".repeat(100))
        .await
        .status
    {
        StatusCode::CREATED => true,
        StatusCode::INSUFFICIENT_STORAGE => false,
        status => panic!("{status} for a registration on a full disk"),
    };
    // Reads still work.
    assert_eq!(api.get("/todos", &token).await.status(), StatusCode::OK);

    std::fs::remove_file(&filler).unwrap();
    let after = api
        .created_todo(&token, json!({ "title": "after", "tags": ["c"] }))
        .await;
    assert_eq!(after["title"], "after");
    let todos = all_todos(&api, &token).await;
    let stored_notes = todos[kept_id]["notes"].as_str().unwrap_or_default();
    assert_eq!(
        stored_notes == notes,
        patched,
        "the patch answered {patched}"
    );
    for id in &created {
        assert!(todos.contains_key(id), "created todo {id} is gone");
    }
    assert_eq!(
        api.password_grant(&email, "late password 123").await.status == StatusCode::OK,
        registered,
        "the registration answered {registered}"
    );
    for todo in todos.values() {
        // Nothing half-written: every todo has the tag it was created with.
        let title = todo["title"].as_str().unwrap();
        if let Some(i) = title.strip_prefix('t') {
            assert_eq!(tags_of(todo), [format!("x{i}")], "{todo}");
        }
    }
    node.stop().await;
    assert_eq!(
        db.sql("PRAGMA integrity_check").await.as_deref(),
        Some("ok")
    );
}
