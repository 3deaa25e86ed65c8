//! Findings 3 and 4: password guessing is limited per account, and the limit holds under
//! parallel guesses. An attempt is counted atomically before its password is hashed, so
//! with a limit of L, N parallel wrong guesses verify at most L passwords, on one node or
//! on two nodes sharing the database (before the fix, 40 parallel guesses against 3 were
//! all verified). Password changes and account deletions check the current password
//! under the same per-account counter, so a stolen access token buys no extra guesses.

use futures_util::future::join_all;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::{Api, ProblemExt, TestApp};

dual_test!(
    parallel_guesses_verify_at_most_the_limit,
    current_password_checks_are_limited
);

/// Sends `n` wrong-password logins for `email` at once, spread over `apis`; counts the
/// answers that verified a password (`invalid_grant`) and those refused by the limit (429).
async fn parallel_guesses(apis: &[&Api], email: &str, n: usize) -> (usize, usize) {
    let answers = join_all((0..n).map(|i| async move {
        let res = apis[i % apis.len()]
            .token_request(&[
                ("grant_type", "password"),
                ("username", email),
                ("password", &format!("guess number {i}")),
            ])
            .await;
        let status = res.status();
        let body: Value = res.json().await.unwrap();
        (status, body)
    }))
    .await;
    let mut verified = 0;
    let mut limited = 0;
    for (status, body) in answers {
        match status {
            StatusCode::BAD_REQUEST => {
                assert_eq!(body["error"], "invalid_grant", "{body}");
                verified += 1;
            }
            StatusCode::TOO_MANY_REQUESTS => limited += 1,
            other => panic!("unexpected {other}: {body}"),
        }
    }
    (verified, limited)
}

async fn parallel_guesses_verify_at_most_the_limit(app: &TestApp) {
    let tighten = |c: &mut todo_api::config::ServerConfig| {
        c.rate_limit_login_failures_per_account = "3/900".parse().unwrap();
    };
    let one = app.another_node(tighten).await;
    let two = app.another_node(tighten).await;
    let victim = one.api.new_user("target").await;
    let (verified, limited) = parallel_guesses(&[&one.api], &victim.email, 40).await;
    assert_eq!((verified, limited), (3, 37));

    let other = one.api.new_user("second-target").await;
    let (verified, limited) = parallel_guesses(&[&one.api, &two.api], &other.email, 40).await;
    assert_eq!((verified, limited), (3, 37), "two nodes share one limit");
    // The right password waits too, once the limit is reached.
    let res = two
        .api
        .token_request(&[
            ("grant_type", "password"),
            ("username", &other.email),
            ("password", &other.password),
        ])
        .await;
    res.problem(StatusCode::TOO_MANY_REQUESTS, "/problems/rate-limited")
        .await;
    one.stop().await;
    two.stop().await;
}

async fn current_password_checks_are_limited(app: &TestApp) {
    let node = app
        .another_node(|c| {
            c.rate_limit_login_failures_per_account = "3/900".parse().unwrap();
        })
        .await;
    let api = &node.api;
    let victim = api.new_user("stolen-token").await;
    // Parallel wrong current passwords on both operations: at most 3 are checked.
    let answers = join_all((0..20).map(|i| {
        let (method, path, body) = if i % 2 == 0 {
            (
                Method::PUT,
                "/users/me/password",
                json!({"current_password": format!("guess {i} guess"), "new_password": "a brand new passphrase"}),
            )
        } else {
            (Method::DELETE, "/users/me", json!({"password": format!("guess {i} guess")}))
        };
        let request = api.request(method, path, Some(&victim.token)).json(&body);
        async move { request.send().await.unwrap().status() }
    }))
    .await;
    let checked = answers
        .iter()
        .filter(|s| **s == StatusCode::UNPROCESSABLE_ENTITY)
        .count();
    let limited = answers
        .iter()
        .filter(|s| **s == StatusCode::TOO_MANY_REQUESTS)
        .count();
    assert_eq!((checked, limited), (3, 17), "{answers:?}");
    // The counter is the account's: logins wait too, even with the right password.
    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", &victim.email),
            ("password", &victim.password),
        ])
        .await;
    res.problem(StatusCode::TOO_MANY_REQUESTS, "/problems/rate-limited")
        .await;
    // And the account still exists with its password: nothing was changed or deleted.
    assert_eq!(api.me_status(&victim.token).await, StatusCode::OK);
    node.stop().await;
}
