//! SIGKILL under concurrent writes: every acknowledged write survives, nothing half-done.

use std::collections::{HashMap, HashSet};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::dual_test;
use crate::support::{Api, Backend, TestDb};

use super::*;

/// The real binary serving `db` on a random port.
struct Process {
    child: Child,
    api: Api,
}

impl Process {
    async fn start(db: &TestDb) -> Process {
        let mut child = Command::new(BIN)
            .env_clear()
            .env("PATH", std::env::var_os("PATH").unwrap_or_default())
            .env("DATABASE_URL", &db.url)
            .env("DATA_DIR", db.dir.path())
            // Required on PostgreSQL; the same key across the restart after the kill.
            .env("JWT_SECRET", crate::support::JWT_SECRET)
            .env("LISTEN_ADDR", "127.0.0.1:0")
            .env("LOG_FORMAT", "json")
            .env("RUST_LOG", "info")
            .env("RATE_LIMIT_TOKEN_PER_IP", "1000/60")
            .current_dir(db.dir.path())
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::piped())
            .kill_on_drop(true)
            .spawn()
            .unwrap();
        let mut lines = BufReader::new(child.stderr.take().unwrap()).lines();
        let (tx, rx) = tokio::sync::oneshot::channel();
        let logs = Arc::new(std::sync::Mutex::new(Vec::new()));
        let sink = logs.clone();
        tokio::spawn(async move {
            let mut tx = Some(tx);
            while let Ok(Some(line)) = lines.next_line().await {
                let address = serde_json::from_str::<Value>(&line)
                    .ok()
                    .and_then(|e| e["address"].as_str().map(str::to_owned));
                if let Some(address) = address
                    && let Some(tx) = tx.take()
                {
                    tx.send(address).ok();
                }
                sink.lock().unwrap().push(line);
            }
        });
        let addr = match tokio::time::timeout(Duration::from_secs(30), rx).await {
            Ok(Ok(addr)) => addr,
            _ => panic!("server did not start: {:?}", logs.lock().unwrap()),
        };
        Process {
            child,
            api: Api::new(format!("http://{addr}/api/v1")),
        }
    }

    async fn kill9(mut self) {
        let pid = self.child.id().unwrap().to_string();
        let status = std::process::Command::new("kill")
            .args(["-KILL", &pid])
            .status()
            .unwrap();
        assert!(status.success());
        self.child.wait().await.unwrap();
    }
}

/// What the writers were told was done (2xx) and what they were still waiting for.
#[derive(Default)]
struct Acknowledged {
    /// Plain creates: id -> (title, tags).
    created: HashMap<String, (String, Vec<String>)>,
    /// Idempotency keys whose create was acknowledged, and every key ever sent.
    keyed_acked: HashSet<String>,
    keyed_sent: HashSet<String>,
    /// Patched todo -> (last acknowledged version number, version in flight if any).
    patched: HashMap<String, (u64, Option<u64>)>,
    /// Batch group -> (last acknowledged "completed" state, state in flight if any).
    batches: Vec<(Vec<String>, Option<bool>, Option<bool>)>,
    /// Answers other than success before the kill (there must be none).
    refused: Vec<StatusCode>,
}

fn refused(acked: &std::sync::Mutex<Acknowledged>, killed: &AtomicBool, status: StatusCode) {
    if !killed.load(Ordering::SeqCst) {
        acked.lock().unwrap().refused.push(status);
    }
}

dual_test!(sigkill_under_write_load_loses_no_acknowledged_write);

async fn sigkill_under_write_load_loses_no_acknowledged_write(db: &TestDb) {
    let server = Process::start(db).await;
    let api = server.api.clone();
    let user = api.new_user("crash").await;
    let token = user.token.clone();
    // Todos for the patchers (one each) and for the batchers (a group of five each).
    let mut seeded = Vec::new();
    for i in 0..14 {
        let todo = api
            .created_todo(&token, json!({ "title": format!("seed-{i}") }))
            .await;
        seeded.push(todo["id"].as_str().unwrap().to_owned());
    }
    let acked = Arc::new(std::sync::Mutex::new(Acknowledged::default()));
    let killed = Arc::new(AtomicBool::new(false));
    let mut writers = tokio::task::JoinSet::new();

    // Two plain creators and two keyed creators (each key is sent twice, as a retry would).
    for w in 0..2 {
        let (api, token, acked, killed) =
            (api.clone(), token.clone(), acked.clone(), killed.clone());
        writers.spawn(async move {
            for i in 0.. {
                if killed.load(Ordering::SeqCst) {
                    break;
                }
                let title = format!("plain-{w}-{i}");
                let tags = vec![format!("w{w}"), format!("n{i}")];
                let body = json!({ "title": title, "tags": tags, "notes": "x".repeat(200) });
                let Ok(res) = api
                    .request(Method::POST, "/todos", Some(&token))
                    .json(&body)
                    .send()
                    .await
                else {
                    break;
                };
                if res.status() != StatusCode::CREATED {
                    refused(&acked, &killed, res.status());
                    break;
                }
                let Ok(todo) = res.json::<Value>().await else {
                    break;
                };
                let id = todo["id"].as_str().unwrap().to_owned();
                acked.lock().unwrap().created.insert(id, (title, tags));
            }
        });
    }
    for w in 0..2 {
        let (api, token, acked, killed) =
            (api.clone(), token.clone(), acked.clone(), killed.clone());
        writers.spawn(async move {
            'outer: for i in 0.. {
                let key = format!("key-{w}-{i}");
                for _attempt in 0..2 {
                    if killed.load(Ordering::SeqCst) {
                        break 'outer;
                    }
                    acked.lock().unwrap().keyed_sent.insert(key.clone());
                    let body = json!({ "title": key, "tags": ["keyed"] });
                    let Ok(res) = api
                        .request(Method::POST, "/todos", Some(&token))
                        .header("Idempotency-Key", &key)
                        .json(&body)
                        .send()
                        .await
                    else {
                        break 'outer;
                    };
                    match res.status() {
                        StatusCode::CREATED => {
                            acked.lock().unwrap().keyed_acked.insert(key.clone());
                        }
                        // The first one still running: not acknowledged, try again.
                        StatusCode::CONFLICT => {}
                        status => {
                            refused(&acked, &killed, status);
                            break 'outer;
                        }
                    }
                }
            }
        });
    }
    // Four patchers, each renaming its own todo v1, v2, ...
    for id in &seeded[..4] {
        let id = id.clone();
        let (api, token, acked, killed) =
            (api.clone(), token.clone(), acked.clone(), killed.clone());
        writers.spawn(async move {
            acked.lock().unwrap().patched.insert(id.clone(), (0, None));
            for n in 1.. {
                if killed.load(Ordering::SeqCst) {
                    break;
                }
                acked.lock().unwrap().patched.get_mut(&id).unwrap().1 = Some(n);
                let body = json!({ "title": format!("v{n}") });
                let Ok(res) = api
                    .request(Method::PATCH, &format!("/todos/{id}"), Some(&token))
                    .json(&body)
                    .send()
                    .await
                else {
                    break;
                };
                if res.status() != StatusCode::OK {
                    refused(&acked, &killed, res.status());
                    break;
                }
                *acked.lock().unwrap().patched.get_mut(&id).unwrap() = (n, None);
            }
        });
    }
    // Two batchers, each completing and reopening its group of five.
    for b in 0..2 {
        let group: Vec<String> = seeded[4 + b * 5..9 + b * 5].to_vec();
        let slot = {
            let mut a = acked.lock().unwrap();
            a.batches.push((group.clone(), None, None));
            a.batches.len() - 1
        };
        let (api, token, acked, killed) =
            (api.clone(), token.clone(), acked.clone(), killed.clone());
        writers.spawn(async move {
            for n in 0.. {
                if killed.load(Ordering::SeqCst) {
                    break;
                }
                let complete = n % 2 == 0;
                acked.lock().unwrap().batches[slot].2 = Some(complete);
                let action = if complete { "complete" } else { "reopen" };
                let body = json!({ "action": action, "ids": group });
                let Ok(res) = api
                    .request(Method::POST, "/todos/batch", Some(&token))
                    .json(&body)
                    .send()
                    .await
                else {
                    break;
                };
                if res.status() != StatusCode::OK {
                    refused(&acked, &killed, res.status());
                    break;
                }
                let mut a = acked.lock().unwrap();
                a.batches[slot].1 = Some(complete);
                a.batches[slot].2 = None;
            }
        });
    }

    // At least 1.5 s of load, and enough acknowledged creates to prove something however
    // slow the machine is (a loaded CI machine may need far longer than 1.5 s for them).
    tokio::time::sleep(Duration::from_millis(1500)).await;
    let deadline = tokio::time::Instant::now() + Duration::from_secs(60);
    while tokio::time::Instant::now() < deadline {
        let enough = {
            let a = acked.lock().unwrap();
            a.created.len() + a.keyed_acked.len() > 20 || !a.refused.is_empty()
        };
        if enough {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    killed.store(true, Ordering::SeqCst);
    server.kill9().await;
    while writers.join_next().await.is_some() {}

    let server = Process::start(db).await;
    let api = server.api.clone();
    let token = api.login(&user.email, &user.password).await;
    let todos = all_todos(&api, &token).await;
    let acked = std::mem::take(&mut *acked.lock().unwrap());
    eprintln!(
        "acknowledged before SIGKILL: {} plain creates, {} keyed, patches up to {:?}, batches {:?}",
        acked.created.len(),
        acked.keyed_acked.len(),
        acked.patched.values().map(|p| p.0).collect::<Vec<_>>(),
        acked.batches.iter().map(|b| b.1).collect::<Vec<_>>(),
    );
    assert!(
        acked.refused.is_empty(),
        "writes refused under load: {:?}",
        acked.refused
    );
    assert!(
        acked.created.len() + acked.keyed_acked.len() > 10,
        "the load did some writes before the kill: {} plain, {} keyed",
        acked.created.len(),
        acked.keyed_acked.len()
    );

    // Every acknowledged create is there, whole (title and all its tags).
    for (id, (title, tags)) in &acked.created {
        let todo = todos
            .get(id)
            .unwrap_or_else(|| panic!("acknowledged todo {id} lost"));
        assert_eq!(todo["title"], title.as_str());
        let mut tags = tags.clone();
        tags.sort();
        assert_eq!(tags_of(todo), tags);
    }
    // Every todo is whole: a plain create has both its tags, a keyed one its tag.
    for todo in todos.values() {
        let title = todo["title"].as_str().unwrap();
        if let Some(rest) = title.strip_prefix("plain-") {
            let (w, i) = rest.split_once('-').unwrap();
            let mut expected = vec![format!("w{w}"), format!("n{i}")];
            expected.sort();
            assert_eq!(tags_of(todo), expected, "half-written todo {todo}");
        } else if title.starts_with("key-") {
            assert_eq!(tags_of(todo), ["keyed"], "half-written todo {todo}");
        }
    }
    // One todo per idempotency key, and one for each acknowledged key.
    let mut per_key: HashMap<&str, usize> = HashMap::new();
    for todo in todos.values() {
        let title = todo["title"].as_str().unwrap();
        if title.starts_with("key-") {
            assert!(acked.keyed_sent.contains(title), "{title} was never sent");
            *per_key.entry(title).or_default() += 1;
        }
    }
    for (key, count) in &per_key {
        assert_eq!(*count, 1, "idempotency key {key} made {count} todos");
    }
    for key in &acked.keyed_acked {
        assert_eq!(
            per_key.get(key.as_str()),
            Some(&1),
            "acknowledged {key} lost"
        );
    }
    // Patches: the last acknowledged version, or the one that was in flight.
    for (id, (done, in_flight)) in &acked.patched {
        let title = todos[id]["title"].as_str().unwrap().to_owned();
        let mut allowed = vec![if *done == 0 {
            String::new()
        } else {
            format!("v{done}")
        }];
        allowed.extend(in_flight.map(|n| format!("v{n}")));
        if *done == 0 {
            assert!(
                title.starts_with("seed-") || allowed.contains(&title),
                "{title}"
            );
        } else {
            assert!(
                allowed.contains(&title),
                "todo {id}: {title}, allowed {allowed:?}"
            );
        }
    }
    // Batches: all or nothing, at the acknowledged state or the one in flight.
    for (group, done, in_flight) in &acked.batches {
        let states: HashSet<bool> = group
            .iter()
            .map(|id| todos[id]["completed"].as_bool().unwrap())
            .collect();
        assert_eq!(states.len(), 1, "a batch was applied in part: {states:?}");
        let state = *states.iter().next().unwrap();
        let allowed: Vec<bool> = [Some(done.unwrap_or(false)), *in_flight]
            .into_iter()
            .flatten()
            .collect();
        assert!(
            allowed.contains(&state),
            "batch state {state}, allowed {allowed:?}"
        );
    }
    if db.backend == Backend::Sqlite {
        server.kill9().await;
        assert_eq!(
            db.sql("PRAGMA integrity_check").await.as_deref(),
            Some("ok")
        );
    } else {
        server.kill9().await;
    }
}

// ---------------------------------------------------------------------------------------
// PostgreSQL outage
// ---------------------------------------------------------------------------------------
