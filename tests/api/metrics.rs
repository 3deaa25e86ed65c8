//! Metrics on METRICS_ADDR (issue 10, user story 3), on the real binary so that its
//! process-wide recorder counts only this test's traffic: the families and labels after
//! known traffic, `promtool check metrics` on the scrape, a real Prometheus scraping the
//! server as `up`, and the `traceparent` trace id on the request's log lines. Over 500
//! lines: the scrape is parsed and checked family by family against known traffic.

use std::collections::BTreeMap;
use std::process::Stdio;
use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};
use tokio::io::AsyncWriteExt;
use tokio::process::Command;

use crate::binary::Server;
use crate::dual_test;
use crate::support::{Backend, JWT_SECRET, TestDb, installed, repo_file, run};

const TRACE_ID: &str = "4bf92f3577b34da6a3ce929d0e0e4736";
const TRACEPARENT: &str = "00-4bf92f3577b34da6a3ce929d0e0e4736-00f067aa0ba902b7-01";

/// The server binary with metrics on a random port; (server, metrics base URL).
pub(crate) async fn start(db: &TestDb, env: &[(&str, &str)]) -> (Server, String) {
    let mut all = vec![
        ("METRICS_ADDR", "127.0.0.1:0"),
        ("JWT_SECRET", JWT_SECRET),
        ("DATABASE_MAX_CONNECTIONS", "5"),
    ];
    all.extend_from_slice(env);
    let server = Server::start_with(db, &all).await;
    // Logged right after the API's address, which `start_with` waited for.
    for _ in 0..100 {
        let address = server.logs().iter().find_map(|line| {
            let event: Value = serde_json::from_str(line).ok()?;
            event["metrics_address"].as_str().map(str::to_owned)
        });
        if let Some(address) = address {
            return (server, format!("http://{address}"));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    panic!("no metrics address logged: {:?}", server.logs())
}

pub(crate) async fn scrape(metrics: &str) -> String {
    let res = reqwest::get(format!("{metrics}/metrics")).await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let content_type = res.headers()["content-type"].to_str().unwrap().to_owned();
    assert!(
        content_type.starts_with("text/plain; version=0.0.4"),
        "{content_type}"
    );
    res.text().await.unwrap()
}

/// One sample of the text format: name, labels, value.
pub(crate) type Sample = (String, BTreeMap<String, String>, f64);

/// Parses the samples of a scrape (comments skipped; label values may hold `{`, `}` and
/// `,`, as route templates do).
pub(crate) fn samples(text: &str) -> Vec<Sample> {
    let mut out = Vec::new();
    for line in text
        .lines()
        .filter(|l| !l.is_empty() && !l.starts_with('#'))
    {
        let (series, value) = line.rsplit_once(' ').expect("a sample has a value");
        let value: f64 = match value {
            "+Inf" => f64::INFINITY,
            v => v.parse().unwrap_or_else(|_| panic!("value of {line}")),
        };
        let (name, labels) = match series.split_once('{') {
            None => (series, BTreeMap::new()),
            Some((name, rest)) => (name, labels(rest.strip_suffix('}').expect(line))),
        };
        out.push((name.to_owned(), labels, value));
    }
    out
}

fn labels(text: &str) -> BTreeMap<String, String> {
    let mut labels = BTreeMap::new();
    let mut rest = text;
    while !rest.is_empty() {
        let (key, after) = rest.split_once("=\"").expect("label=\"value\"");
        let mut value = String::new();
        let mut chars = after.char_indices();
        let end = loop {
            match chars.next().expect("closing quote") {
                (i, '"') => break i,
                (_, '\\') => value.push(chars.next().expect("escaped").1),
                (_, c) => value.push(c),
            }
        };
        labels.insert(key.to_owned(), value);
        rest = after[end + 1..].trim_start_matches(',');
    }
    labels
}

/// The sum of the samples of `name` whose labels include `wanted` (`None`: no such sample).
pub(crate) fn value(samples: &[Sample], name: &str, wanted: &[(&str, &str)]) -> Option<f64> {
    let matching: Vec<f64> = samples
        .iter()
        .filter(|(n, labels, _)| {
            n == name
                && wanted
                    .iter()
                    .all(|(k, v)| labels.get(*k).is_some_and(|l| l == v))
        })
        .map(|(_, _, v)| *v)
        .collect();
    (!matching.is_empty()).then(|| matching.iter().sum())
}

dual_test!(metrics_after_traffic);

async fn metrics_after_traffic(db: &TestDb) {
    // Mail goes to a port nobody listens on: the reset mail fails.
    let smtp = format!("smtp://127.0.0.1:{}", free_port());
    let env = [
        ("RATE_LIMIT_LOGIN_FAILURES_PER_ACCOUNT", "1/900"),
        ("SMTP_URL", smtp.as_str()),
    ];
    let (server, metrics) = start(db, &env).await;
    let api = &server.api;

    // Traffic: a registration, a login, a wrong password, a login refused over the limit,
    // two reads of the same session (a cache miss, then a hit), statistics twice (computed,
    // then cached), a 422, a 404, a hostile path, /metrics on the API listener, which has
    // none, and a password reset whose mail fails.
    api.register("metrics@example.com", "metrics password 1", "M")
        .await
        .expect(StatusCode::CREATED);
    let token = api.login("metrics@example.com", "metrics password 1").await;
    let wrong = api.password_grant("metrics@example.com", "wrong").await;
    assert_eq!(wrong.status, StatusCode::BAD_REQUEST, "{}", wrong.body);
    let limited = api.password_grant("metrics@example.com", "wrong").await;
    assert_eq!(
        limited.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        limited.body
    );
    api.list_todos(&token, "").await.expect(StatusCode::OK);
    api.list_todos(&token, "").await.expect(StatusCode::OK);
    api.get_statistics(&token, "").await.expect(StatusCode::OK);
    api.get_statistics(&token, "").await.expect(StatusCode::OK);
    let invalid = api
        .http
        .post(api.url("/auth/register"))
        .json(&json!({}))
        .send();
    assert_eq!(
        invalid.await.unwrap().status(),
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let missing = api
        .get(&format!("/todos/{}", uuid::Uuid::now_v7()), &token)
        .await;
    assert_eq!(missing.status(), StatusCode::NOT_FOUND);
    for path in ["/nothing/here", "/%2e%2e/%2e%2e/etc/passwd"] {
        let res = api.http.get(api.url(path)).send().await.unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND, "{path}");
    }
    let res = api
        .http
        .get(format!("{}/metrics", api.origin()))
        .send()
        .await
        .unwrap();
    assert_eq!(
        res.status(),
        StatusCode::NOT_FOUND,
        "the API listener serves no metrics"
    );
    api.request_password_reset("metrics@example.com")
        .await
        .expect(StatusCode::ACCEPTED);

    // The reset mail is sent in the background: scrape until it has failed.
    let mut text = String::new();
    for _ in 0..100 {
        text = scrape(&metrics).await;
        let failed = [("result", "failed")];
        if value(&samples(&text), "todo_api_mail_deliveries_total", &failed) == Some(1.0) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    let s = samples(&text);
    let mails = |result| value(&s, "todo_api_mail_deliveries_total", &[("result", result)]);
    assert_eq!(mails("failed"), Some(1.0), "{text}");
    assert_eq!(mails("sent"), Some(0.0));
    let requests = |method, route, status| {
        value(
            &s,
            "http_requests_total",
            &[("method", method), ("route", route), ("status", status)],
        )
    };
    assert_eq!(
        requests("POST", "/api/v1/auth/register", "201"),
        Some(1.0),
        "{text}"
    );
    assert_eq!(requests("POST", "/api/v1/auth/register", "422"), Some(1.0));
    assert_eq!(requests("POST", "/api/v1/auth/token", "200"), Some(1.0));
    assert_eq!(requests("POST", "/api/v1/auth/token", "400"), Some(1.0));
    assert_eq!(requests("POST", "/api/v1/auth/token", "429"), Some(1.0));
    assert_eq!(requests("GET", "/api/v1/todos", "200"), Some(2.0));
    assert_eq!(
        requests("GET", "/api/v1/todos/{todo_id}", "404"),
        Some(1.0),
        "{text}"
    );
    // Unmatched paths share one label, whatever they were.
    assert_eq!(requests("GET", "unmatched", "404"), Some(3.0));
    let routes: Vec<&str> = s
        .iter()
        .filter(|(n, _, _)| n == "http_requests_total")
        .map(|(_, l, _)| l["route"].as_str())
        .collect();
    assert!(
        routes
            .iter()
            .all(|r| *r == "unmatched" || r.starts_with("/api/v1/")),
        "{routes:?}"
    );
    let total = value(&s, "http_requests_total", &[]).unwrap();
    assert_eq!(total, 14.0, "{text}");
    // One latency observation per request, in buckets that add up.
    let count = |route| {
        value(
            &s,
            "http_request_duration_seconds_count",
            &[("route", route)],
        )
    };
    assert_eq!(count("/api/v1/todos"), Some(2.0));
    assert_eq!(
        value(&s, "http_request_duration_seconds_count", &[]),
        Some(total)
    );
    let inf = [("route", "/api/v1/todos"), ("le", "+Inf")];
    assert_eq!(
        value(&s, "http_request_duration_seconds_bucket", &inf),
        Some(2.0)
    );
    let sum = value(&s, "http_request_duration_seconds_sum", &[]).unwrap();
    assert!(sum > 0.0 && sum < 60.0, "{sum}");
    assert_eq!(value(&s, "http_requests_in_flight", &[]), Some(0.0));

    // The pool, sampled at the scrape.
    let size = value(&s, "todo_api_db_pool_connections", &[]).unwrap();
    let idle = value(&s, "todo_api_db_pool_idle_connections", &[]).unwrap();
    assert!((1.0..=5.0).contains(&size), "{size}");
    assert!(idle <= size, "{idle} of {size}");
    assert_eq!(
        value(&s, "todo_api_db_pool_max_connections", &[]),
        Some(5.0)
    );
    assert_eq!(
        value(&s, "todo_api_db_pool_acquire_timeouts_total", &[]),
        Some(0.0)
    );

    // Hashes: the registration and the three logins (the refused one is not hashed).
    let hashes = value(&s, "todo_api_password_hash_duration_seconds_count", &[]);
    assert_eq!(hashes, Some(3.0), "{text}");
    assert_eq!(
        value(&s, "todo_api_password_hash_queue_depth", &[]),
        Some(0.0)
    );
    assert_eq!(value(&s, "todo_api_db_write_queue_depth", &[]), Some(0.0));

    let rejections = |policy| {
        value(
            &s,
            "todo_api_rate_limit_rejections_total",
            &[("policy", policy)],
        )
    };
    assert_eq!(rejections("login-account"), Some(1.0));
    assert_eq!(rejections("token-ip"), Some(0.0));
    assert_eq!(rejections("register-ip"), Some(0.0));

    let logins = |result| value(&s, "todo_api_logins_total", &[("result", result)]);
    assert_eq!(logins("success"), Some(1.0));
    assert_eq!(logins("failure"), Some(1.0));
    assert_eq!(logins("refused"), Some(1.0));
    assert_eq!(logins("error"), Some(0.0));

    let sessions = |result| {
        value(
            &s,
            "todo_api_session_cache_lookups_total",
            &[("result", result)],
        )
        .unwrap()
    };
    assert!(sessions("miss") >= 1.0, "{text}");
    assert!(sessions("hit") >= 1.0, "{text}");
    let stats = |result| {
        value(
            &s,
            "todo_api_stats_cache_lookups_total",
            &[("result", result)],
        )
        .unwrap()
    };
    assert_eq!((stats("miss"), stats("hit")), (1.0, 1.0));

    let build: Vec<&Sample> = s
        .iter()
        .filter(|(n, _, _)| n == "todo_api_build_info")
        .collect();
    assert_eq!(build.len(), 1, "{text}");
    assert_eq!(build[0].1["version"], env!("CARGO_PKG_VERSION"));
    assert!(!build[0].1["commit"].is_empty());
    assert_eq!(build[0].2, 1.0);

    // Every series the alerting rules (ops/alerts.yaml) watch is exported under that name
    // (`up` is Prometheus's own; `todo_api:…` are the rules' recordings).
    let rules = std::fs::read_to_string(repo_file("ops/alerts.yaml")).unwrap();
    let exported: std::collections::BTreeSet<&str> = s.iter().map(|(n, _, _)| n.as_str()).collect();
    let watched: std::collections::BTreeSet<&str> = rules
        .split(|c: char| !(c.is_ascii_alphanumeric() || c == '_' || c == ':'))
        .filter(|w| (w.starts_with("http_") || w.starts_with("todo_api_")) && !w.contains(':'))
        .collect();
    assert!(watched.len() >= 8, "{watched:?}");
    for name in watched {
        assert!(
            exported.contains(name),
            "ops/alerts.yaml watches {name}, not exported:\n{text}"
        );
    }

    // Prometheus' own linter accepts the scrape.
    if let Some(promtool) = installed("promtool") {
        let mut child = Command::new(promtool)
            .args(["check", "metrics"])
            .stdin(Stdio::piped())
            .stdout(Stdio::piped())
            .stderr(Stdio::piped())
            .spawn()
            .unwrap();
        let mut stdin = child.stdin.take().unwrap();
        stdin.write_all(text.as_bytes()).await.unwrap();
        drop(stdin);
        let out = child.wait_with_output().await.unwrap();
        assert!(
            out.status.success(),
            "promtool check metrics: {}{}\n{text}",
            String::from_utf8_lossy(&out.stdout),
            String::from_utf8_lossy(&out.stderr)
        );
    }

    server.terminate();
    assert!(server.wait().await.success());
}

/// A port nothing listens on now.
fn free_port() -> u16 {
    std::net::TcpListener::bind("127.0.0.1:0")
        .unwrap()
        .local_addr()
        .unwrap()
        .port()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_real_prometheus_scrapes_the_server() {
    run(Backend::Sqlite, prometheus_scrapes).await;
}

async fn prometheus_scrapes(db: &TestDb) {
    let Some(prometheus) = installed("prometheus") else {
        return;
    };
    let (server, metrics) = start(db, &[]).await;
    let target = metrics.trim_start_matches("http://").to_owned();
    let dir = tempfile::tempdir().unwrap();
    let config = dir.path().join("prometheus.yml");
    std::fs::write(
        &config,
        format!(
            "global:\n  scrape_interval: 1s\n  scrape_timeout: 1s\n\
             scrape_configs:\n  - job_name: todo-api\n    static_configs:\n      - targets: ['{target}']\n"
        ),
    )
    .unwrap();
    let log = dir.path().join("prometheus.log");
    let web = format!("127.0.0.1:{}", free_port());
    let mut child = Command::new(prometheus)
        .arg(format!("--config.file={}", config.display()))
        .arg(format!(
            "--storage.tsdb.path={}",
            dir.path().join("data").display()
        ))
        .arg(format!("--web.listen-address={web}"))
        .stdin(Stdio::null())
        .stdout(std::fs::File::create(&log).unwrap())
        .stderr(std::fs::File::create(&log).unwrap())
        .kill_on_drop(true)
        .spawn()
        .unwrap();
    let output = || std::fs::read_to_string(&log).unwrap_or_default();
    let http = reqwest::Client::new();
    let query = format!("http://{web}/api/v1/query?query=todo_api_build_info");
    // Bounded: Prometheus starts in a second or two and scrapes every second.
    let mut last = Value::Null;
    for _ in 0..240 {
        if let Ok(Some(status)) = child.try_wait() {
            panic!("prometheus exited ({status}):\n{}", output());
        }
        tokio::time::sleep(Duration::from_millis(250)).await;
        let Ok(res) = http
            .get(format!("http://{web}/api/v1/targets"))
            .send()
            .await
        else {
            continue; // not listening yet
        };
        last = res.json().await.unwrap_or(Value::Null);
        let up = last["data"]["activeTargets"]
            .as_array()
            .is_some_and(|t| t.len() == 1 && t[0]["health"] == "up");
        if !up {
            continue;
        }
        // Its samples are stored and queryable, with their labels.
        let found: Value = http.get(&query).send().await.unwrap().json().await.unwrap();
        let result = &found["data"]["result"];
        if result.as_array().is_some_and(|r| r.len() == 1) {
            assert_eq!(result[0]["metric"]["version"], env!("CARGO_PKG_VERSION"));
            assert_eq!(result[0]["metric"]["job"], "todo-api");
            assert_eq!(result[0]["value"][1], "1");
            child.kill().await.unwrap();
            server.terminate();
            assert!(server.wait().await.success());
            return;
        }
    }
    panic!(
        "prometheus did not report the target up within 60 s; targets: {last}\n{}",
        output()
    );
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_trace_id_of_traceparent_is_on_the_request_log_lines() {
    run(Backend::Sqlite, traceparent_in_logs).await;
}

async fn traceparent_in_logs(db: &TestDb) {
    // At DEBUG a refused request logs more than its "request finished" line.
    let server = Server::start_with(db, &[("RUST_LOG", "info,todo_api=debug")]).await;
    let api = &server.api;
    let user = api.new_user("trace").await;
    let missing = format!("/todos/{}", uuid::Uuid::now_v7());
    let send = async |request_id: &str, traceparent: &str| {
        let res = api
            .request(reqwest::Method::GET, &missing, Some(&user.token))
            .header("x-request-id", request_id)
            .header("traceparent", traceparent)
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::NOT_FOUND);
        assert_eq!(res.headers()["x-request-id"], request_id);
    };
    send("traced-request", TRACEPARENT).await;
    send("malformed-traceparent", "00-not-a-trace-01").await;

    // The lines of one request: those whose request span has its id.
    let lines_of = |request_id: &str| -> Vec<Value> {
        server
            .logs()
            .iter()
            .filter_map(|l| serde_json::from_str::<Value>(l).ok())
            .filter(|l| l["span"]["request_id"] == request_id)
            .collect()
    };
    let finished = |lines: &[Value]| lines.iter().any(|l| l["message"] == "request finished");
    for _ in 0..100 {
        if finished(&lines_of("traced-request")) && finished(&lines_of("malformed-traceparent")) {
            break;
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let traced = lines_of("traced-request");
    assert!(
        traced.len() >= 2 && finished(&traced),
        "{:?}",
        server.logs()
    );
    for line in &traced {
        assert_eq!(line["span"]["trace_id"], TRACE_ID, "{line}");
    }
    let untraced = lines_of("malformed-traceparent");
    assert!(
        untraced.len() >= 2 && finished(&untraced),
        "{:?}",
        server.logs()
    );
    for line in &untraced {
        assert!(line["span"].get("trace_id").is_none(), "{line}");
    }
    server.terminate();
    assert!(server.wait().await.success());
}
