//! Several API nodes behind PgBouncer (issue 10, user story 5; ADR 0016): Debian's
//! `pgbouncer` started by the test in front of a private PostgreSQL cluster, in session
//! pooling, with the schema migrated beforehand by `todo-api migrate` directly against
//! PostgreSQL and the nodes started with `MIGRATE_ON_START=false`. Transaction pooling is
//! shown not to work with sqlx's named prepared statements.

use std::path::Path;
use std::process::{Child, Command, Stdio};
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::json;
use sqlx::Connection;
use sqlx::postgres::PgConnectOptions;

use crate::support::cluster::{PrivateCluster, as_postgres, free_port};
use crate::support::in_ci;
use crate::support::{Backend, Node, TestDb, server_config};

const BIN: &str = env!("CARGO_BIN_EXE_todo-api");
const PGBOUNCER: &str = "/usr/sbin/pgbouncer";

/// A PgBouncer process of the test's own, run as `postgres` (it refuses to run as root),
/// with its configuration, log and pid file in the cluster's folder. Stopped on drop.
struct Bouncer {
    child: Child,
    port: u16,
    pidfile: std::path::PathBuf,
}

impl Bouncer {
    /// Aliases of the database `todo` on `cluster`: `todo` in session pooling (what ADR 0016
    /// prescribes), `todo_tx` and `todo_tx2` in transaction pooling with one server
    /// connection each.
    fn start(cluster: &PrivateCluster) -> Bouncer {
        let dir = cluster.dir();
        let port = free_port();
        let pidfile = dir.join("pgbouncer.pid");
        std::fs::write(dir.join("userlist.txt"), "\"app\" \"\"\n").unwrap();
        let ini = format!(
            "[databases]\n\
             todo = host=127.0.0.1 port={pg} dbname=todo pool_mode=session\n\
             todo_tx = host=127.0.0.1 port={pg} dbname=todo pool_mode=transaction pool_size=1\n\
             todo_tx2 = host=127.0.0.1 port={pg} dbname=todo pool_mode=transaction pool_size=1\n\
             [pgbouncer]\n\
             listen_addr = 127.0.0.1\n\
             listen_port = {port}\n\
             unix_socket_dir =\n\
             auth_type = trust\n\
             auth_file = {dir}/userlist.txt\n\
             pool_mode = session\n\
             default_pool_size = 20\n\
             max_client_conn = 100\n\
             logfile = {dir}/pgbouncer.log\n\
             pidfile = {pidfile}\n",
            pg = cluster.port,
            dir = dir.display(),
            pidfile = pidfile.display(),
        );
        let ini_path = dir.join("pgbouncer.ini");
        std::fs::write(&ini_path, ini).unwrap();
        let child = as_postgres(PGBOUNCER)
            .arg(&ini_path)
            .stdin(Stdio::null())
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .unwrap();
        let bouncer = Bouncer {
            child,
            port,
            pidfile,
        };
        // Up when it accepts connections (it writes its pid file first).
        for _ in 0..200 {
            if std::net::TcpStream::connect(("127.0.0.1", port)).is_ok() {
                return bouncer;
            }
            std::thread::sleep(Duration::from_millis(50));
        }
        panic!(
            "pgbouncer did not start: {}",
            std::fs::read_to_string(dir.join("pgbouncer.log")).unwrap_or_default()
        );
    }

    fn url(&self, database: &str) -> String {
        format!("postgres://app@127.0.0.1:{}/{database}", self.port)
    }
}

impl Drop for Bouncer {
    fn drop(&mut self) {
        // The pid of the pgbouncer this test started (the child is `runuser` when root).
        if let Ok(pid) = std::fs::read_to_string(&self.pidfile) {
            let _ = Command::new("kill").arg(pid.trim()).status();
        }
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// A private cluster with an unprivileged role `app` owning the database `todo`, and a
/// PgBouncer in front of it. `None` (skip) outside CI when a program is missing.
fn set_up() -> Option<(PrivateCluster, Bouncer)> {
    if !Path::new(PGBOUNCER).exists() {
        assert!(
            !in_ci(),
            "{PGBOUNCER} is missing in CI (scripts/ci-prepare installs it)"
        );
        eprintln!("skipped: pgbouncer is not installed");
        return None;
    }
    let mut cluster = PrivateCluster::init()?;
    cluster.set("log_statement", "all");
    cluster.start();
    cluster.psql("CREATE ROLE app LOGIN");
    cluster.psql("CREATE DATABASE todo OWNER app");
    let bouncer = Bouncer::start(&cluster);
    Some((cluster, bouncer))
}

/// A plain sqlx connection through the pooler: without `extra_float_digits`, which sqlx sends
/// by default and PgBouncer refuses ("unsupported startup parameter: extra_float_digits").
async fn plain_connection(url: &str) -> sqlx::PgConnection {
    let options: PgConnectOptions = url.parse().unwrap();
    sqlx::PgConnection::connect_with(&options.extra_float_digits(None))
        .await
        .unwrap()
}

/// `todo-api migrate`, directly against PostgreSQL (the deploy step).
fn migrate(cluster: &PrivateCluster) {
    let data = tempfile::tempdir().unwrap();
    let out = Command::new(BIN)
        .arg("migrate")
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env(
            "DATABASE_URL",
            format!("postgres://app@127.0.0.1:{}/todo", cluster.port),
        )
        .current_dir(data.path())
        .output()
        .unwrap();
    assert!(
        out.status.success(),
        "migrate: {}",
        String::from_utf8_lossy(&out.stderr)
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn two_nodes_serve_the_journey_through_pgbouncer() {
    let Some((cluster, bouncer)) = set_up() else {
        return;
    };
    migrate(&cluster);
    let start = async |url: String| {
        let db = TestDb::external(Backend::Postgres, url, tempfile::tempdir().unwrap());
        let mut config = server_config(&db);
        config.migrate_on_start = false;
        // Every request checks its session in the database: node B sees what A wrote.
        config.session_check_ttl_millis = 0;
        (Node::start(&config).await, db)
    };
    let (a, _a_db) = start(bouncer.url("todo")).await;
    let (b, _b_db) = start(bouncer.url("todo")).await;

    // Register and log in on A; everything else alternates, with A's token on B.
    let user = a.api.new_user("pooled").await;
    let token = user.token.clone();
    let on_b = b.api.login(&user.email, &user.password).await;
    assert_eq!(a.api.me_status(&on_b).await, StatusCode::OK);
    let todo = b
        .api
        .created_todo(
            &token,
            json!({ "title": "through the pooler", "tags": ["ops"] }),
        )
        .await;
    let id = todo["id"].as_str().unwrap().to_owned();
    let list = a
        .api
        .list_todos(&token, "tag=ops")
        .await
        .expect(StatusCode::OK);
    assert_eq!(list["items"][0]["id"], id.as_str());
    let patched = a
        .api
        .update_todo(&token, &id, &json!({ "completed": true }))
        .await
        .expect(StatusCode::OK);
    assert_eq!(patched["completed"], true);
    let got = b.api.get_todo(&token, &id).await.expect(StatusCode::OK);
    assert_eq!(got["completed"], true);
    // The change feed, which keeps its generic plan with no setting (ADR 0016).
    let feed = b.sync(&token, None, None).await.expect(StatusCode::OK);
    assert!(
        feed["changes"]
            .as_array()
            .unwrap()
            .iter()
            .any(|c| c["id"] == id.as_str()),
        "the feed through the pooler has the todo: {feed}"
    );
    b.api
        .delete_todo(&token, &id)
        .await
        .expect(StatusCode::NO_CONTENT);
    assert_eq!(
        a.api.get_todo(&token, &id).await.status,
        StatusCode::NOT_FOUND
    );
    // Many requests at once on both nodes: every pooled connection is used.
    let mut writes = tokio::task::JoinSet::new();
    for i in 0..40 {
        let api = if i % 2 == 0 {
            a.api.clone()
        } else {
            b.api.clone()
        };
        let token = token.clone();
        writes.spawn(async move {
            api.create_todo(&token, &json!({ "title": format!("t{i}") }))
                .await
                .status
        });
    }
    while let Some(status) = writes.join_next().await {
        assert_eq!(status.unwrap(), StatusCode::CREATED);
    }
    let list = b
        .api
        .list_todos(&token, "limit=100")
        .await
        .expect(StatusCode::OK);
    assert_eq!(list["items"].as_array().unwrap().len(), 40);
    // The feed's values reached the server hidden from its planner, and no session setting
    // of the nodes reached the pooler's server connections ...
    let log = cluster.log_text();
    assert!(
        log.contains("WITH keys AS (SELECT") && log.contains("= (SELECT $1)"),
        "no feed statement with hidden values in the server log"
    );
    // (PgBouncer itself sends `SET` for the startup parameters it tracks, such as TimeZone.)
    let settings: Vec<_> = log
        .lines()
        .filter(|l| l.contains("statement: SET ") && !l.contains("statement: SET TimeZone="))
        .collect();
    assert!(
        settings.is_empty(),
        "a node set something on a pooled session: {settings:?}"
    );
    a.stop().await;
    b.stop().await;
    // ... so they serve the next client with the server's default.
    let mut conn = plain_connection(&bouncer.url("todo")).await;
    let mode: (String,) = sqlx::query_as("SELECT current_setting('plan_cache_mode')")
        .fetch_one(&mut conn)
        .await
        .unwrap();
    conn.close().await.unwrap();
    assert_eq!(mode.0, "auto");
}

/// Why not transaction pooling (ADR 0016): sqlx names its prepared statements per client
/// connection (`sqlx_s_1`, …), and PgBouncer 1.18 hands one server connection to
/// several clients, so the second client's first statement collides with the first's;
/// a statement cache of 0 changes nothing (the names stay, only reuse stops).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn transaction_pooling_breaks_sqlx_prepared_statements() {
    let Some((_cluster, bouncer)) = set_up() else {
        return;
    };
    for (alias, query) in [("todo_tx", ""), ("todo_tx2", "?statement-cache-capacity=0")] {
        let url = format!("{}{query}", bouncer.url(alias));
        let mut first = plain_connection(&url).await;
        let mut second = plain_connection(&url).await;
        let one: (i32,) = sqlx::query_as("SELECT $1::int4")
            .bind(1)
            .fetch_one(&mut first)
            .await
            .unwrap();
        assert_eq!(one.0, 1);
        let error = sqlx::query_as::<_, (i32,)>("SELECT $1::int4")
            .bind(2)
            .fetch_one(&mut second)
            .await
            .expect_err("the statement name collides on the shared server connection");
        let sqlx::Error::Database(error) = error else {
            panic!("{query}: {error}");
        };
        assert_eq!(error.code().as_deref(), Some("42P05"), "{query}: {error}");
        assert_eq!(
            error.message(),
            "prepared statement \"sqlx_s_1\" already exists",
            "{query}"
        );
        let _ = first.close().await;
        let _ = second.close().await;
    }
}
