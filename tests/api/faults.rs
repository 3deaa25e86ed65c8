//! Faults the service must survive without losing data or misleading clients (issue 9,
//! user story 3): the process killed with SIGKILL under write load, PostgreSQL stopping
//! under load and coming back, SQLite on a full disk.

use std::collections::{HashMap, HashSet};
use std::process::Stdio;
use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Method, Response, StatusCode};
use serde_json::{Value, json};
use tempfile::TempDir;
use tokio::io::{AsyncBufReadExt, BufReader};
use tokio::process::{Child, Command};

use crate::dual_test;
use crate::support::{Api, Backend, Node, TestDb, server_config};

const BIN: &str = env!("CARGO_BIN_EXE_todo-api");
const PG_BIN: &str = "/usr/lib/postgresql/15/bin";

fn in_ci() -> bool {
    std::env::var_os("CI").is_some()
}

fn is_root() -> bool {
    std::process::Command::new("id")
        .arg("-u")
        .output()
        .is_ok_and(|o| String::from_utf8_lossy(&o.stdout).trim() == "0")
}

/// Asserts a 503 problem+json with `Retry-After` (or RFC 6749 JSON on the OAuth2 endpoints).
async fn assert_unavailable(res: Response, oauth: bool) {
    assert_eq!(
        res.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        res.url()
    );
    let retry: u64 = res.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    let content_type = res.headers()[CONTENT_TYPE].to_str().unwrap().to_owned();
    let body: Value = res.json().await.unwrap();
    if oauth {
        assert_eq!(content_type, "application/json");
        assert_eq!(body["error"], "server_error", "{body}");
    } else {
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(body["status"], 503, "{body}");
        assert_eq!(body["type"], "/problems/not-ready", "{body}");
    }
}

// ---------------------------------------------------------------------------------------
// SIGKILL under write load
// ---------------------------------------------------------------------------------------

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

async fn all_todos(api: &Api, token: &str) -> HashMap<String, Value> {
    let mut todos = HashMap::new();
    let mut path = "/todos?limit=100".to_owned();
    loop {
        let res = api.get(&path, token).await;
        assert_eq!(res.status(), StatusCode::OK);
        let page: Value = res.json().await.unwrap();
        for todo in page["items"].as_array().unwrap() {
            todos.insert(todo["id"].as_str().unwrap().to_owned(), todo.clone());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/todos?limit=100&cursor={cursor}"),
            None => return todos,
        }
    }
}

fn tags_of(todo: &Value) -> Vec<String> {
    let mut tags: Vec<String> = todo["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    tags.sort();
    tags
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

    tokio::time::sleep(Duration::from_millis(1500)).await;
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

/// A PostgreSQL cluster of this test's own (never the shared one), stopped and started at
/// will. Removed with its temp dir.
struct PrivateCluster {
    dir: TempDir,
    port: u16,
}

impl PrivateCluster {
    fn pg(&self, tool: &str, args: &[&str]) -> std::process::Output {
        let program = format!("{PG_BIN}/{tool}");
        let mut cmd = if is_root() {
            let mut c = std::process::Command::new("runuser");
            c.args(["-u", "postgres", "--", &program]);
            c
        } else {
            std::process::Command::new(&program)
        };
        cmd.args(args).output().unwrap()
    }

    fn data(&self) -> String {
        self.dir.path().join("data").display().to_string()
    }

    /// `None` (skip) when PostgreSQL 15's binaries are missing outside CI.
    fn create() -> Option<PrivateCluster> {
        if !std::path::Path::new(PG_BIN).join("initdb").exists() {
            assert!(!in_ci(), "{PG_BIN}/initdb is missing in CI");
            eprintln!("skipped: PostgreSQL 15 server binaries ({PG_BIN}) are not installed");
            return None;
        }
        let dir = tempfile::tempdir().unwrap();
        if is_root() {
            let status = std::process::Command::new("chown")
                .args(["postgres:postgres", &dir.path().display().to_string()])
                .status()
                .unwrap();
            assert!(status.success());
        }
        let port = {
            let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
            listener.local_addr().unwrap().port()
        };
        let cluster = PrivateCluster { dir, port };
        let out = cluster.pg(
            "initdb",
            &[
                "-D",
                &cluster.data(),
                "-U",
                "postgres",
                "--auth=trust",
                "-E",
                "UTF8",
            ],
        );
        assert!(
            out.status.success(),
            "initdb: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        cluster.start();
        Some(cluster)
    }

    fn url(&self) -> String {
        format!("postgres://postgres@127.0.0.1:{}/postgres", self.port)
    }

    fn start(&self) {
        let options = format!(
            "-p {} -c listen_addresses=127.0.0.1 -k {} -c fsync=off",
            self.port,
            self.dir.path().display()
        );
        let log = self.dir.path().join("log").display().to_string();
        let out = self.pg(
            "pg_ctl",
            &[
                "start",
                "-w",
                "-D",
                &self.data(),
                "-l",
                &log,
                "-o",
                &options,
            ],
        );
        assert!(
            out.status.success(),
            "pg_ctl start: {} {}",
            String::from_utf8_lossy(&out.stderr),
            std::fs::read_to_string(&log).unwrap_or_default()
        );
    }

    fn stop(&self) {
        let out = self.pg(
            "pg_ctl",
            &["stop", "-w", "-m", "immediate", "-D", &self.data()],
        );
        assert!(
            out.status.success(),
            "pg_ctl stop: {}",
            String::from_utf8_lossy(&out.stderr)
        );
    }
}

impl Drop for PrivateCluster {
    fn drop(&mut self) {
        let _ = self.pg("pg_ctl", &["stop", "-m", "immediate", "-D", &self.data()]);
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn postgres_outage_answers_503_and_recovers() {
    let Some(cluster) = PrivateCluster::create() else {
        return;
    };
    let db = TestDb::external(
        Backend::Postgres,
        cluster.url(),
        tempfile::tempdir().unwrap(),
    );
    let mut config = server_config(&db);
    // Every request reads its session: the session check meets the outage too.
    config.session_check_ttl_millis = 0;
    config.database.database_acquire_timeout_seconds = 1;
    let node = Node::start(&config).await;
    let api = node.api.clone();
    let user = api.new_user("outage").await;
    let (_, refresh) = api.login_tokens(&user.email, &user.password).await;
    let token = user.token.clone();
    let todo = api.created_todo(&token, json!({ "title": "before" })).await;
    let todo_id = todo["id"].as_str().unwrap().to_owned();

    // Load: reads and writes in a loop, every answer kept.
    let stop = Arc::new(AtomicBool::new(false));
    let statuses = Arc::new(std::sync::Mutex::new(Vec::<(StatusCode, bool)>::new()));
    let mut load = tokio::task::JoinSet::new();
    for w in 0..3 {
        let (api, token, stop, statuses) =
            (api.clone(), token.clone(), stop.clone(), statuses.clone());
        let todo_id = todo_id.clone();
        load.spawn(async move {
            let mut i = 0;
            while !stop.load(Ordering::SeqCst) {
                i += 1;
                let request = match (w + i) % 3 {
                    0 => api.request(Method::GET, "/todos", Some(&token)),
                    1 => api
                        .request(Method::POST, "/todos", Some(&token))
                        .json(&json!({ "title": format!("load-{w}-{i}") })),
                    _ => api
                        .request(Method::PATCH, &format!("/todos/{todo_id}"), Some(&token))
                        .json(&json!({ "notes": format!("n{i}") })),
                };
                let res = request.send().await.expect("the server keeps answering");
                let status = res.status();
                let well_formed = if status == StatusCode::SERVICE_UNAVAILABLE {
                    res.headers().contains_key(RETRY_AFTER)
                        && res.headers()[CONTENT_TYPE] == "application/problem+json"
                        && res.json::<Value>().await.is_ok_and(|b| b["status"] == 503)
                } else {
                    true
                };
                statuses.lock().unwrap().push((status, well_formed));
                tokio::time::sleep(Duration::from_millis(20)).await;
            }
        });
    }
    tokio::time::sleep(Duration::from_millis(500)).await;

    cluster.stop();
    let started = Instant::now();
    let res = api
        .request(Method::GET, "/health/ready", None)
        .send()
        .await
        .unwrap();
    assert!(
        started.elapsed() < Duration::from_secs(2),
        "readiness took {:?}",
        started.elapsed()
    );
    assert_unavailable(res, false).await;
    // A valid token during the outage: 503, never 401 (the client would drop its tokens).
    assert_unavailable(api.get("/users/me", &token).await, false).await;
    assert_unavailable(api.get(&format!("/todos/{todo_id}"), &token).await, false).await;
    // The OAuth2 endpoints answer 503 in their own format.
    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", &user.email),
            ("password", &user.password),
        ])
        .await;
    assert_unavailable(res, true).await;
    assert_unavailable(api.refresh_response(&refresh).await, true).await;
    assert_unavailable(api.revoke(&[("token", &refresh)]).await, true).await;
    tokio::time::sleep(Duration::from_millis(1000)).await;

    cluster.start();
    let back = Instant::now();
    loop {
        let res = api.get(&format!("/todos/{todo_id}"), &token).await;
        if res.status() == StatusCode::OK {
            break;
        }
        assert_unavailable(res, false).await;
        assert!(
            back.elapsed() < Duration::from_secs(5),
            "not serving 5 s after the database returned"
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    tokio::time::sleep(Duration::from_millis(300)).await;
    stop.store(true, Ordering::SeqCst);
    while let Some(result) = load.join_next().await {
        result.unwrap();
    }
    let res = api
        .request(Method::GET, "/health/ready", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let created = api.created_todo(&token, json!({ "title": "after" })).await;
    assert_eq!(created["title"], "after");
    // The refresh token survived the outage: nothing revoked it.
    assert_eq!(api.refresh(&refresh).await.status, StatusCode::OK);

    let statuses = std::mem::take(&mut *statuses.lock().unwrap());
    let unavailable = statuses
        .iter()
        .filter(|(s, _)| *s == StatusCode::SERVICE_UNAVAILABLE)
        .count();
    assert!(unavailable > 0, "the load met the outage");
    assert!(
        statuses.iter().any(|(s, _)| s.is_success()),
        "the load was served"
    );
    for (status, well_formed) in statuses.iter() {
        assert!(
            status.is_success() || *status == StatusCode::SERVICE_UNAVAILABLE,
            "{status} under outage"
        );
        assert!(well_formed, "503 without problem+json or Retry-After");
    }
    node.stop().await;
}

// ---------------------------------------------------------------------------------------
// SQLite on a full disk
// ---------------------------------------------------------------------------------------

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
    for i in 0..200 {
        let body = json!({ "title": format!("t{i}"), "notes": notes, "tags": [format!("x{i}")] });
        let res = api.post("/todos", &token, &body).await;
        match res.status() {
            StatusCode::CREATED => continue,
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
    let res = api
        .patch(
            &format!("/todos/{}", kept["id"].as_str().unwrap()),
            &token,
            &json!({ "notes": notes }),
        )
        .await;
    assert!(
        [StatusCode::OK, StatusCode::INSUFFICIENT_STORAGE].contains(&res.status()),
        "{}",
        res.status()
    );
    // Reads still work.
    assert_eq!(api.get("/todos", &token).await.status(), StatusCode::OK);

    std::fs::remove_file(&filler).unwrap();
    let after = api
        .created_todo(&token, json!({ "title": "after", "tags": ["c"] }))
        .await;
    assert_eq!(after["title"], "after");
    let todos = all_todos(&api, &token).await;
    assert!(todos.contains_key(kept["id"].as_str().unwrap()));
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
