//! Slow and idle clients cannot hold the server (issue 9, finding 6): half-sent heads,
//! stalled bodies, idle keep-alive connections and too many connections are cut off after
//! their (configurable) timeouts; a slow handler answers 503. Raw TCP on loopback; the
//! connection handling does not depend on the database, so SQLite only.

use std::str::FromStr;
use std::time::{Duration, Instant};

use serde_json::Value;
use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{Connection, Executor, SqliteConnection};
use todo_api::config::ServerConfig;
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

use crate::support::{Backend, Node, TestDb, run_db, server_config};

/// Starts a node on `db` with `tweak` applied and runs `scenario` against its address.
async fn with_node(
    tweak: impl FnOnce(&mut ServerConfig),
    scenario: impl AsyncFnOnce(&str, &Node, &TestDb),
) {
    run_db(Backend::Sqlite, async |db: &TestDb| {
        let mut config = server_config(db);
        tweak(&mut config);
        let node = Node::start(&config).await;
        let addr = node.api.origin().trim_start_matches("http://").to_owned();
        scenario(&addr, &node, db).await;
        node.stop().await;
    })
    .await;
}

const LIVE: &str = "/api/v1/health/live";

fn get(path: &str) -> String {
    format!("GET {path} HTTP/1.1\r\nHost: test\r\n\r\n")
}

/// A response read off a raw connection.
struct RawResponse {
    status: u16,
    head: String,
    body: Vec<u8>,
}

impl RawResponse {
    fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().skip(1).find_map(|line| {
            let (n, v) = line.split_once(':')?;
            n.trim().eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    fn problem(&self) -> Value {
        assert_eq!(
            self.header("content-type"),
            Some("application/problem+json"),
            "{}",
            self.head
        );
        serde_json::from_slice(&self.body).expect("a JSON body")
    }
}

/// Reads one response with a `Content-Length` (all this server sends here).
async fn read_response(stream: &mut TcpStream) -> RawResponse {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 4096];
    let head_end = loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            break end;
        }
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(
            n > 0,
            "closed before a complete response: {:?}",
            String::from_utf8_lossy(&buf)
        );
        buf.extend_from_slice(&chunk[..n]);
    };
    let head = String::from_utf8(buf[..head_end].to_vec()).unwrap();
    let mut body = buf[head_end + 4..].to_vec();
    let status = head
        .split(' ')
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or_else(|| panic!("a status line: {head}"));
    let response = RawResponse {
        status,
        head,
        body: Vec::new(),
    };
    let length: usize = response
        .header("content-length")
        .and_then(|v| v.parse().ok())
        .unwrap_or_else(|| panic!("a Content-Length: {}", response.head));
    while body.len() < length {
        let n = stream.read(&mut chunk).await.expect("read");
        assert!(n > 0, "closed in the middle of the body");
        body.extend_from_slice(&chunk[..n]);
    }
    RawResponse { body, ..response }
}

async fn request(stream: &mut TcpStream, path: &str) -> RawResponse {
    stream.write_all(get(path).as_bytes()).await.unwrap();
    tokio::time::timeout(Duration::from_secs(10), read_response(stream))
        .await
        .expect("a response within 10 s")
}

/// Whether the server closes the connection within `within` (a reset counts as closed);
/// anything it sends first is returned.
async fn closed_within(stream: &mut TcpStream, within: Duration) -> Option<Vec<u8>> {
    let mut rest = Vec::new();
    match tokio::time::timeout(within, stream.read_to_end(&mut rest)).await {
        Ok(_) => Some(rest),
        Err(_) => None,
    }
}

/// Asserts that the connection is still open after `quiet` (nothing received) and then
/// closed within `within` of the start.
async fn closed_after(stream: &mut TcpStream, quiet: Duration, within: Duration) -> Vec<u8> {
    let started = Instant::now();
    let mut byte = [0u8; 1];
    let early = tokio::time::timeout(quiet, stream.read(&mut byte)).await;
    assert!(early.is_err(), "closed (or answered) at once: {early:?}");
    closed_within(stream, within.saturating_sub(started.elapsed()))
        .await
        .unwrap_or_else(|| panic!("still open after {within:?}"))
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_a_half_sent_head_is_closed_after_the_header_timeout() {
    with_node(
        |c| c.header_read_timeout_seconds = 1,
        async |addr, _, _| {
            // Half a request line.
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream.write_all(b"GET /api/v1/hea").await.unwrap();
            closed_after(
                &mut stream,
                Duration::from_millis(500),
                Duration::from_secs(3),
            )
            .await;

            // A complete request line, headers trickling in.
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream
                .write_all(format!("GET {LIVE} HTTP/1.1\r\nHost: te").as_bytes())
                .await
                .unwrap();
            tokio::time::sleep(Duration::from_millis(400)).await;
            stream.write_all(b"st\r\nX-Slow: 1").await.unwrap();
            let rest = closed_within(&mut stream, Duration::from_secs(3))
                .await
                .expect("closed within the header timeout and slack");
            assert!(rest.is_empty(), "{:?}", String::from_utf8_lossy(&rest));

            // A connection that never sends a byte goes the same way.
            let mut stream = TcpStream::connect(addr).await.unwrap();
            closed_after(
                &mut stream,
                Duration::from_millis(500),
                Duration::from_secs(3),
            )
            .await;

            // Complete heads are served as usual.
            let mut stream = TcpStream::connect(addr).await.unwrap();
            assert_eq!(request(&mut stream, LIVE).await.status, 200);
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_a_stalled_body_answers_408_problem_and_closes() {
    with_node(
        |c| c.body_read_timeout_seconds = 1,
        async |addr, _, _| {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream
                .write_all(
                    b"POST /api/v1/auth/register HTTP/1.1\r\nHost: test\r\n\
                      Content-Type: application/json\r\nContent-Length: 100\r\n\r\n{\"email\":",
                )
                .await
                .unwrap();
            let started = Instant::now();
            let response = tokio::time::timeout(Duration::from_secs(3), read_response(&mut stream))
                .await
                .expect("an answer within the body timeout and slack");
            assert!(
                started.elapsed() >= Duration::from_millis(500),
                "answered at once"
            );
            assert_eq!(response.status, 408, "{}", response.head);
            assert_eq!(response.header("connection"), Some("close"));
            let problem = response.problem();
            assert_eq!(problem["type"], "/problems/body-timeout");
            assert_eq!(problem["status"], 408);
            assert!(
                closed_within(&mut stream, Duration::from_secs(2))
                    .await
                    .is_some(),
                "connection closed after the 408"
            );
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_500_idle_connections_do_not_block_a_normal_request() {
    with_node(
        |_| {},
        async |addr, node, _| {
            let mut idle = Vec::new();
            for _ in 0..500 {
                idle.push(TcpStream::connect(addr).await.unwrap());
            }
            let client = reqwest::Client::builder()
                .timeout(Duration::from_secs(5))
                .build()
                .unwrap();
            let res = client.get(node.api.url("/health/live")).send().await;
            assert_eq!(res.expect("served").status(), reqwest::StatusCode::OK);
            // The idle ones are still open (the header timeout is 10 s here).
            assert!(
                closed_within(&mut idle[0], Duration::from_millis(100))
                    .await
                    .is_none()
            );
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_a_connection_over_max_connections_gets_503_problem_and_is_closed() {
    with_node(
        |c| c.max_connections = 20,
        async |addr, node, _| {
            // Twenty keep-alive connections, each certainly accepted (it was answered).
            let mut held = Vec::new();
            for _ in 0..20 {
                let mut stream = TcpStream::connect(addr).await.unwrap();
                assert_eq!(request(&mut stream, LIVE).await.status, 200);
                held.push(stream);
            }

            let mut extra = TcpStream::connect(addr).await.unwrap();
            extra.write_all(get(LIVE).as_bytes()).await.unwrap();
            let response = tokio::time::timeout(Duration::from_secs(3), read_response(&mut extra))
                .await
                .expect("an answer");
            assert_eq!(response.status, 503, "{}", response.head);
            assert_eq!(response.header("retry-after"), Some("1"));
            assert_eq!(response.header("connection"), Some("close"));
            let problem = response.problem();
            assert_eq!(problem["type"], "/problems/too-many-connections");
            assert_eq!(problem["status"], 503);
            assert!(
                closed_within(&mut extra, Duration::from_secs(3))
                    .await
                    .is_some(),
                "the refused connection is closed"
            );

            // The held ones still work; once they go, new connections are served again.
            assert_eq!(request(&mut held[0], LIVE).await.status, 200);
            drop(held);
            let client = reqwest::Client::builder()
                .pool_max_idle_per_host(0)
                .timeout(Duration::from_secs(5))
                .build()
                .unwrap();
            let mut served = false;
            for _ in 0..50 {
                let res = client.get(node.api.url("/health/live")).send().await;
                if res.is_ok_and(|r| r.status() == reqwest::StatusCode::OK) {
                    served = true;
                    break;
                }
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            assert!(served, "served again after the held connections closed");
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_an_idle_keep_alive_connection_is_closed_after_the_idle_timeout() {
    with_node(
        |c| {
            c.keepalive_idle_timeout_seconds = 1;
            c.header_read_timeout_seconds = 10;
        },
        async |addr, _, _| {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            assert_eq!(request(&mut stream, LIVE).await.status, 200);
            // Closed after the idle timeout, well before the header timeout.
            let rest = closed_after(
                &mut stream,
                Duration::from_millis(500),
                Duration::from_secs(3),
            )
            .await;
            assert!(rest.is_empty());
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_the_idle_timeout_and_the_header_timeout_are_separate() {
    with_node(
        |c| {
            c.keepalive_idle_timeout_seconds = 30;
            c.header_read_timeout_seconds = 1;
        },
        async |addr, _, _| {
            let mut stream = TcpStream::connect(addr).await.unwrap();
            assert_eq!(request(&mut stream, LIVE).await.status, 200);
            // Idle for longer than the header timeout: still open, and serves.
            tokio::time::sleep(Duration::from_millis(2500)).await;
            assert_eq!(request(&mut stream, LIVE).await.status, 200);
            // A later head that stalls gets the header timeout, not the idle one.
            stream.write_all(b"GET /api/v1/he").await.unwrap();
            closed_after(
                &mut stream,
                Duration::from_millis(500),
                Duration::from_secs(3),
            )
            .await;
        },
    )
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn slow_a_request_past_the_request_timeout_answers_503_problem() {
    with_node(
        |c| c.request_timeout_seconds = 1,
        async |addr, _, db| {
            // Another process holds SQLite's write lock: registration waits for it (up to
            // the 5 s busy timeout), longer than the request may take.
            let path = db.url.trim_start_matches("sqlite://");
            let mut lock =
                SqliteConnection::connect_with(&SqliteConnectOptions::from_str(path).unwrap())
                    .await
                    .unwrap();
            lock.execute("BEGIN IMMEDIATE").await.unwrap();

            let body = r#"{"email":"slow@example.com","password":"long enough password","display_name":"Slow"}"#;
            let mut stream = TcpStream::connect(addr).await.unwrap();
            stream
                .write_all(
                    format!(
                        "POST /api/v1/auth/register HTTP/1.1\r\nHost: test\r\n\
                         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{body}",
                        body.len()
                    )
                    .as_bytes(),
                )
                .await
                .unwrap();
            let started = Instant::now();
            let response = tokio::time::timeout(Duration::from_secs(4), read_response(&mut stream))
                .await
                .expect("an answer before the database gives up");
            assert!(started.elapsed() >= Duration::from_millis(500));
            assert_eq!(response.status, 503, "{}", response.head);
            assert_eq!(response.header("retry-after"), Some("1"));
            assert_eq!(response.problem()["type"], "/problems/request-timeout");

            // With the lock gone a registration goes through on the same connection (another
            // email: the abandoned insert may still complete once the lock is released).
            lock.execute("ROLLBACK").await.unwrap();
            lock.close().await.unwrap();
            let second = body.replace("slow@", "slow2@");
            stream
                .write_all(
                    format!(
                        "POST /api/v1/auth/register HTTP/1.1\r\nHost: test\r\n\
                         Content-Type: application/json\r\nContent-Length: {}\r\n\r\n{second}",
                        second.len()
                    )
                    .as_bytes(),
                )
                .await
                .unwrap();
            let response = tokio::time::timeout(Duration::from_secs(10), read_response(&mut stream))
                .await
                .expect("an answer");
            assert_eq!(response.status, 201, "{}", response.head);
        },
    )
    .await;
}
