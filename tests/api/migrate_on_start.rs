//! `serve --no-migrate` / `MIGRATE_ON_START=false` (issue 10, user story 5): nodes that do
//! not migrate refuse to start on a schema behind their build; `todo-api migrate` is the
//! deploy step.

use std::process::Stdio;
use std::time::Duration;

use reqwest::StatusCode;
use todo_api::startup::Application;

use crate::dual_test;
use crate::support::{Node, TestDb, server_config};

const BIN: &str = env!("CARGO_BIN_EXE_todo-api");

dual_test!(serve_without_migrating_needs_a_current_schema);

/// `todo-api` with `args` and `env` on `db`; its exit code and stderr.
async fn run(db: &TestDb, args: &[&str], env: &[(&str, &str)]) -> (Option<i32>, String) {
    let child = tokio::process::Command::new(BIN)
        .args(args)
        .env_clear()
        .env("PATH", std::env::var_os("PATH").unwrap_or_default())
        .env("DATABASE_URL", &db.url)
        .env("DATA_DIR", db.dir.path())
        .env("JWT_SECRET", crate::support::JWT_SECRET)
        .env("LISTEN_ADDR", "127.0.0.1:0")
        .envs(env.iter().copied())
        .current_dir(db.dir.path())
        .stdin(Stdio::null())
        .stdout(Stdio::null())
        .stderr(Stdio::piped())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let out = tokio::time::timeout(Duration::from_secs(30), child.wait_with_output())
        .await
        .expect("todo-api exits")
        .unwrap();
    (
        out.status.code(),
        String::from_utf8_lossy(&out.stderr).into_owned(),
    )
}

async fn serve_without_migrating_needs_a_current_schema(db: &TestDb) {
    // A fresh database: neither the flag nor the variable lets the server create the schema.
    for (args, env) in [
        (&["serve", "--no-migrate"][..], &[][..]),
        (&[][..], &[("MIGRATE_ON_START", "false")][..]),
    ] {
        let (code, stderr) = run(db, args, env).await;
        assert_eq!(code, Some(1), "{args:?} {env:?}: {stderr}");
        assert!(
            stderr.contains("the database has no schema yet: run `todo-api migrate`"),
            "{stderr}"
        );
    }

    // The deploy step, then nodes that do not migrate start and serve.
    let (code, stderr) = run(db, &["migrate"], &[]).await;
    assert_eq!(code, Some(0), "{stderr}");
    let mut config = server_config(db);
    config.migrate_on_start = false;
    let node = Node::start(&config).await;
    let ready = node
        .api
        .request(reqwest::Method::GET, "/health/ready", None)
        .send()
        .await
        .unwrap();
    assert_eq!(ready.status(), StatusCode::OK);
    node.api.new_user("unmigrated").await;
    node.stop().await;

    // A schema one migration behind this build: refused, naming the missing migration.
    let latest = db
        .sql("SELECT CAST(MAX(version) AS TEXT) FROM _sqlx_migrations")
        .await
        .unwrap();
    db.sql(&format!(
        "DELETE FROM _sqlx_migrations WHERE version = {latest}"
    ))
    .await;
    let error = Application::build(&config)
        .await
        .err()
        .expect("a schema behind the build is refused");
    assert!(
        format!("{error:#}").contains(&format!(
            "the database schema is behind this build: 1 migration(s) pending, from {latest}"
        )),
        "{error:#}"
    );
    let (code, stderr) = run(db, &["--no-migrate"], &[]).await;
    assert_eq!(code, Some(1), "{stderr}");
    assert!(stderr.contains("run `todo-api migrate`"), "{stderr}");
}
