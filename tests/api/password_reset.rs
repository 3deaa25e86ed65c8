//! Password reset by mail, against a real SMTP server (aiosmtpd) on loopback.

use std::time::Duration;

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::error_fields;
use crate::support::smtp::SmtpSink;
use crate::support::{Api, ProblemExt, TestApp};

dual_test!(
    password_is_reset_through_the_mailed_link,
    reset_requests_reveal_nothing
);

/// The token of the reset link in a raw message (undoing quoted-printable if used).
fn token_in(message: &str) -> String {
    let body = message
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=");
    let start =
        body.find("reset-password?token=").expect("a reset link") + "reset-password?token=".len();
    body[start..]
        .chars()
        .take_while(|c| c.is_ascii_alphanumeric() || *c == '-' || *c == '_')
        .collect()
}

async fn request_reset(api: &Api, email: &str) -> reqwest::Response {
    api.http
        .post(api.url("/auth/password-reset"))
        .json(&json!({"email": email}))
        .send()
        .await
        .unwrap()
}

async fn confirm(api: &Api, token: &str, password: &str) -> reqwest::Response {
    api.http
        .post(api.url("/auth/password-reset/confirm"))
        .json(&json!({"token": token, "new_password": password}))
        .send()
        .await
        .unwrap()
}

async fn invalid(res: reqwest::Response, field: &str) {
    let problem = res
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&problem), [field]);
}

async fn password_is_reset_through_the_mailed_link(app: &TestApp) {
    let Some(smtp) = SmtpSink::start().await else {
        return;
    };
    let node = app.another_node(|c| c.smtp_url = Some(smtp.url())).await;
    let api = &node.api;
    let user = api.new_user("forgetful").await;
    let (other_access, other_refresh) = api.login_tokens(&user.email, &user.password).await;

    let res = request_reset(api, &user.email.to_uppercase()).await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    assert!(res.headers().get("ratelimit-policy").is_some());
    let mail = smtp.wait_for(1).await.remove(0);
    assert!(mail.contains(&format!("To: {}", user.email)), "{mail}");
    assert!(
        mail.contains("Subject: Reset your Todo API password"),
        "{mail}"
    );
    let token = token_in(&mail);
    assert_eq!(token.len(), 43, "{mail}");
    assert!(
        mail.contains("http://todo.test/reset-password?token=")
            || mail.contains("reset-password?token=3D")
    );

    // A weak password is refused and leaves the token usable; so do unknown tokens.
    invalid(confirm(api, &token, "password123").await, "new_password").await;
    invalid(
        confirm(api, "not-a-token", "a fresh strong passphrase").await,
        "token",
    )
    .await;
    assert_eq!(api.me_status(&user.token).await, StatusCode::OK);

    let res = confirm(api, &token, "a fresh strong passphrase").await;
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // Every session is signed out; the old password is gone, the new one works.
    for access in [&user.token, &other_access] {
        assert_eq!(api.me_status(access).await, StatusCode::UNAUTHORIZED);
    }
    assert_eq!(
        api.refresh(&other_refresh).await.status,
        StatusCode::BAD_REQUEST
    );
    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", &user.email),
            ("password", &user.password),
        ])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    api.login(&user.email, "a fresh strong passphrase").await;
    // Single use.
    invalid(
        confirm(api, &token, "yet another passphrase").await,
        "token",
    )
    .await;

    // Two outstanding links: using one voids the other.
    request_reset(api, &user.email).await;
    request_reset(api, &user.email).await;
    let mails = smtp.wait_for(3).await;
    let (first, second) = (token_in(&mails[1]), token_in(&mails[2]));
    assert_ne!(first, second);
    assert_eq!(
        confirm(api, &second, "second fresh passphrase")
            .await
            .status(),
        StatusCode::NO_CONTENT
    );
    invalid(
        confirm(api, &first, "third fresh passphrase").await,
        "token",
    )
    .await;
    node.stop().await;

    // Links expire.
    let quick = app
        .another_node(|c| {
            c.smtp_url = Some(smtp.url());
            c.password_reset_ttl_seconds = 1;
        })
        .await;
    request_reset(&quick.api, &user.email).await;
    let token = token_in(&smtp.wait_for(4).await[3]);
    tokio::time::sleep(Duration::from_millis(1500)).await;
    invalid(
        confirm(&quick.api, &token, "too late passphrase").await,
        "token",
    )
    .await;
    quick
        .api
        .login(&user.email, "second fresh passphrase")
        .await;
    quick.stop().await;
}

async fn reset_requests_reveal_nothing(app: &TestApp) {
    let Some(smtp) = SmtpSink::start().await else {
        return;
    };
    let node = app
        .another_node(|c| {
            c.smtp_url = Some(smtp.url());
            c.rate_limit_password_reset_per_account = "2/3600".parse().unwrap();
        })
        .await;
    let api = &node.api;
    // Unknown email: the same 202, and no mail.
    let res = request_reset(api, "nobody@example.com").await;
    assert_eq!(res.status(), StatusCode::ACCEPTED);
    assert_eq!(res.text().await.unwrap(), "");
    // A disabled account gets no mail either.
    let disabled = api.new_user("disabled").await;
    let id_literal = app.db.uuid_literal(&disabled.id);
    app.db
        .sql(&format!(
            "UPDATE users SET disabled = TRUE WHERE id = {id_literal}"
        ))
        .await;
    assert_eq!(
        request_reset(api, &disabled.email).await.status(),
        StatusCode::ACCEPTED
    );
    // A real account gets its mail, at most twice an hour (the third answer is still 202).
    let user = api.new_user("limited").await;
    for _ in 0..3 {
        assert_eq!(
            request_reset(api, &user.email).await.status(),
            StatusCode::ACCEPTED
        );
    }
    let mails = smtp.wait_for(2).await;
    tokio::time::sleep(Duration::from_millis(500)).await;
    let mails_after = smtp.messages();
    assert_eq!(mails_after.len(), 2, "only the limited account's two mails");
    assert!(
        mails
            .iter()
            .all(|m| m.contains(&format!("To: {}", user.email)))
    );
    // A malformed email is a validation error, which says nothing about accounts.
    let problem = request_reset(api, "not an email")
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&problem), ["email"]);
    let body: Value = request_reset(api, "").await.json().await.unwrap();
    assert_eq!(body["status"], 422);
    node.stop().await;
}
