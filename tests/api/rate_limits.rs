//! Abuse resistance: per-IP and per-account limits, shared by every node on a database.

use reqwest::StatusCode;
use reqwest::header::RETRY_AFTER;
use serde_json::Value;

use crate::dual_test;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    brute_force_on_one_account_is_stopped,
    per_ip_limits_and_headers,
    counters_are_shared_by_nodes,
    forwarded_for_only_when_trusted
);

fn header(headers: &reqwest::header::HeaderMap, name: &str) -> String {
    headers
        .get(name)
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default()
}

async fn brute_force_on_one_account_is_stopped(app: &TestApp) {
    let node = app
        .another_node(|c| c.rate_limit_login_failures_per_account = "3/600".parse().unwrap())
        .await;
    let api = &node.api;
    let victim = api.new_user("victim").await;
    let bystander = api.new_user("bystander").await;
    for attempt in 1..=3 {
        let res = api
            .token_request(&[
                ("grant_type", "password"),
                ("username", &victim.email),
                ("password", "guess guess"),
            ])
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "attempt {attempt}");
        assert!(header(res.headers(), "ratelimit-policy").contains("\"login-account\";q=3;w=600"));
        let state = header(res.headers(), "ratelimit");
        assert!(
            state.contains(&format!("\"login-account\";r={}", 3 - attempt)),
            "{state}"
        );
        assert_eq!(
            state.matches("login-account").count(),
            1,
            "one entry per policy: {state}"
        );
        let policy = header(res.headers(), "ratelimit-policy");
        assert_eq!(policy.matches("login-account").count(), 1, "{policy}");
    }
    // Locked: even the right password (in any case of the email) waits, with Retry-After.
    for email in [victim.email.clone(), victim.email.to_uppercase()] {
        let res = api
            .token_request(&[
                ("grant_type", "password"),
                ("username", &email),
                ("password", &victim.password),
            ])
            .await;
        let retry_after: u64 = header(res.headers(), RETRY_AFTER.as_str()).parse().unwrap();
        assert!((1..=600).contains(&retry_after));
        assert!(header(res.headers(), "ratelimit").contains("\"login-account\";r=0"));
        let body = res
            .problem(StatusCode::TOO_MANY_REQUESTS, "/problems/rate-limited")
            .await;
        assert!(body["detail"].as_str().unwrap().contains("failed logins"));
    }
    // Other accounts are not affected, and successes do not count.
    for _ in 0..5 {
        api.login(&bystander.email, &bystander.password).await;
    }
    node.stop().await;
}

async fn per_ip_limits_and_headers(app: &TestApp) {
    let node = app
        .another_node(|c| {
            c.rate_limit_token_per_ip = "4/60".parse().unwrap();
            c.rate_limit_register_per_ip = "2/3600".parse().unwrap();
        })
        .await;
    let api = &node.api;
    let first = api
        .register("ip1@example.com", "first passphrase", "One")
        .await;
    assert_eq!(first.status, StatusCode::CREATED);
    assert_eq!(
        header(&first.headers, "ratelimit-policy"),
        "\"register-ip\";q=2;w=3600"
    );
    assert!(header(&first.headers, "ratelimit").starts_with("\"register-ip\";r=1;t="));
    assert_eq!(
        api.register("ip2@example.com", "second passphrase", "Two")
            .await
            .status,
        StatusCode::CREATED
    );
    let res = api
        .register("ip3@example.com", "third passphrase", "Three")
        .await;
    assert!(
        header(&res.headers, RETRY_AFTER.as_str())
            .parse::<u64>()
            .unwrap()
            <= 3600
    );
    res.problem(StatusCode::TOO_MANY_REQUESTS, "/problems/rate-limited")
        .await;
    // Nothing was registered by the refused request.
    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", "ip3@example.com"),
            ("password", "third passphrase"),
        ])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);

    // Token endpoint: 4 per minute from this IP, counted whatever the outcome (1 used above).
    for _ in 0..3 {
        let res = api
            .token_request(&[("grant_type", "client_credentials")])
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        assert!(header(res.headers(), "ratelimit-policy").contains("\"token-ip\";q=4;w=60"));
    }
    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", "ip1@example.com"),
            ("password", "first passphrase"),
        ])
        .await;
    res.problem(StatusCode::TOO_MANY_REQUESTS, "/problems/rate-limited")
        .await;
    // Other endpoints are not limited.
    let res = api.http.get(api.url("/health/live")).send().await.unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    assert!(res.headers().get("ratelimit").is_none());
    node.stop().await;
}

async fn counters_are_shared_by_nodes(app: &TestApp) {
    let tight = |c: &mut todo_api::config::ServerConfig| {
        c.rate_limit_token_per_ip = "4/60".parse().unwrap()
    };
    let a = app.another_node(tight).await;
    let b = app.another_node(tight).await;
    for (i, node) in [&a, &b, &a, &b].into_iter().enumerate() {
        let res = node
            .api
            .token_request(&[("grant_type", "client_credentials")])
            .await;
        assert_eq!(res.status(), StatusCode::BAD_REQUEST, "request {i}");
    }
    for node in [&a, &b] {
        let res = node
            .api
            .token_request(&[("grant_type", "client_credentials")])
            .await;
        assert_eq!(res.status(), StatusCode::TOO_MANY_REQUESTS);
    }
    a.stop().await;
    b.stop().await;
}

async fn forwarded_for_only_when_trusted(app: &TestApp) {
    let send = |api: &crate::support::Api, forwarded: &'static str| {
        api.http
            .post(api.url("/auth/token"))
            .header("x-forwarded-for", forwarded)
            .form(&[("grant_type", "client_credentials")])
            .send()
    };
    let trusting = app
        .another_node(|c| {
            c.rate_limit_token_per_ip = "2/60".parse().unwrap();
            c.trust_proxy_headers = true;
        })
        .await;
    for _ in 0..2 {
        assert_eq!(
            send(&trusting.api, "198.51.100.1, 203.0.113.1")
                .await
                .unwrap()
                .status(),
            StatusCode::BAD_REQUEST
        );
    }
    assert_eq!(
        send(&trusting.api, "203.0.113.1").await.unwrap().status(),
        StatusCode::TOO_MANY_REQUESTS
    );
    assert_eq!(
        send(&trusting.api, "203.0.113.2").await.unwrap().status(),
        StatusCode::BAD_REQUEST
    );
    trusting.stop().await;

    // Not trusted: the header is ignored and the socket address (127.0.0.1) is limited.
    let plain = app
        .another_node(|c| c.rate_limit_token_per_ip = "2/60".parse().unwrap())
        .await;
    let mut statuses = Vec::new();
    for forwarded in ["203.0.113.7", "203.0.113.8", "203.0.113.9"] {
        statuses.push(send(&plain.api, forwarded).await.unwrap().status());
    }
    assert_eq!(
        statuses,
        [
            StatusCode::BAD_REQUEST,
            StatusCode::BAD_REQUEST,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    let body: Value = send(&plain.api, "x").await.unwrap().json().await.unwrap();
    assert_eq!(body["status"], 429);
    plain.stop().await;
}
