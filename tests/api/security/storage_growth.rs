//! Finding 2: no unauthenticated request grows storage without bound. A login whose
//! username or password is longer than any account's is refused before any lookup, hash
//! or counter, and every stored rate-limit key is a fixed-size hash of what the client
//! sent. Before the fix, ten 900 KB usernames grew the database by 19 MiB.

use reqwest::StatusCode;
use serde_json::Value;

use crate::dual_test;
use crate::support::{Api, TestApp};

dual_test!(hostile_failed_logins_store_almost_nothing);

const MIB: u64 = 1024 * 1024;

/// A password login with a wrong password: its 400's OAuth2 `error`.
async fn failed_login(api: &Api, username: &str) -> Value {
    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", username),
            ("password", "wrong password"),
        ])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let body: Value = res.json().await.unwrap();
    body["error"].clone()
}

async fn hostile_failed_logins_store_almost_nothing(app: &TestApp) {
    let node = app
        .another_node(|c| c.rate_limit_token_per_ip = "100000/60".parse().unwrap())
        .await;
    let api = &node.api;
    let before = app.db.size_bytes().await;
    // 1,000 failed logins with distinct 100 KB usernames (100 MB sent).
    for i in 0..1_000 {
        let username = format!("{i:04}{}@example.com", "u".repeat(100 * 1024));
        assert_eq!(failed_login(api, &username).await, "invalid_request");
    }
    // Usernames of the longest possible length are counted, under a hashed key.
    for i in 0..20 {
        let username = format!("{i:02}{}@example.com", "v".repeat(240));
        assert_eq!(failed_login(api, &username).await, "invalid_grant");
    }
    // Every other unauthenticated token field is capped too (RFC 6749 / 7009 form).
    let huge = "t".repeat(100 * 1024);
    for res in [
        api.refresh_response(&huge).await,
        api.revoke(&[("token", &huge)]).await,
        api.token_request(&[("grant_type", &huge)]).await,
    ] {
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
        let body: Value = res.json().await.unwrap();
        assert_eq!(body["error"], "invalid_request", "{body}");
    }
    let longest: i64 = app
        .db
        .sql("SELECT CAST(MAX(LENGTH(bucket)) AS TEXT) FROM rate_limits")
        .await
        .unwrap()
        .parse()
        .unwrap();
    assert!(longest <= 64, "a stored key is {longest} bytes long");
    let grown = app.db.size_bytes().await.saturating_sub(before);
    eprintln!("1,000 hostile failed logins + 20 counted ones: the database grew by {grown} bytes");
    assert!(grown < MIB, "the database grew by {grown} bytes");
    node.stop().await;
}
