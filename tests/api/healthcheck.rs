//! `todo-api healthcheck` (the real binary): exit 0 when the readiness probe answers 200,
//! 1 with one line on stderr otherwise.

use tokio::process::Command;

use crate::support::{Backend, TestApp, TestDb};

const BIN: &str = env!("CARGO_BIN_EXE_todo-api");

/// Runs `todo-api healthcheck ARGS` with only `env` set: (exit code, stderr).
async fn healthcheck(env: &[(&str, &str)], args: &[&str]) -> (i32, String) {
    let output = Command::new(BIN)
        .env_clear()
        .envs(env.iter().copied())
        .arg("healthcheck")
        .args(args)
        .kill_on_drop(true)
        .output()
        .await
        .unwrap();
    let stderr = String::from_utf8(output.stderr).unwrap();
    (output.status.code().unwrap(), stderr)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn healthcheck_follows_readiness() {
    let app = TestApp::spawn(TestDb::create(Backend::Sqlite).await.unwrap()).await;
    let origin = app.api.origin().to_owned();
    let port = origin.rsplit(':').next().unwrap().to_owned();

    // Ready: by --url, and by LISTEN_ADDR (an unspecified address is asked on loopback).
    let url = format!("{origin}/api/v1/health/ready");
    assert_eq!(healthcheck(&[], &["--url", &url]).await, (0, String::new()));
    let listen = format!("0.0.0.0:{port}");
    assert_eq!(
        healthcheck(&[("LISTEN_ADDR", &listen)], &[]).await,
        (0, String::new())
    );

    // Not ready: the database is gone.
    app.store.close().await;
    let (code, stderr) = healthcheck(&[("LISTEN_ADDR", &listen)], &[]).await;
    assert_eq!(code, 1);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("503"), "{stderr}");
    // The liveness probe still answers.
    let live = format!("{origin}/api/v1/health/live");
    assert_eq!(healthcheck(&[], &["--url", &live]).await.0, 0);
    app.node.stop().await;
}

#[tokio::test]
async fn healthcheck_fails_on_a_dead_port_and_a_silent_server() {
    // Nobody listens on a port that was just released.
    let listener = std::net::TcpListener::bind("127.0.0.1:0").unwrap();
    let dead = listener.local_addr().unwrap().to_string();
    drop(listener);
    let (code, stderr) = healthcheck(&[("LISTEN_ADDR", &dead)], &[]).await;
    assert_eq!(code, 1);
    assert_eq!(stderr.lines().count(), 1, "{stderr}");
    assert!(stderr.contains("cannot connect"), "{stderr}");

    // A server that accepts the connection and never answers: the timeout ends the check.
    let silent = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = silent.local_addr().unwrap().to_string();
    let keep = tokio::spawn(async move {
        let mut held = Vec::new();
        while let Ok((socket, _)) = silent.accept().await {
            held.push(socket);
        }
    });
    let (code, stderr) = healthcheck(&[("LISTEN_ADDR", &addr)], &["--timeout-seconds", "1"]).await;
    assert_eq!(code, 1);
    assert!(stderr.contains("no answer within 1s"), "{stderr}");
    keep.abort();

    // Not http://.
    let (code, stderr) = healthcheck(&[], &["--url", "https://127.0.0.1:1/"]).await;
    assert_eq!(code, 1);
    assert!(stderr.contains("only http://"), "{stderr}");
}
