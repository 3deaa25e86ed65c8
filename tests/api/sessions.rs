//! Sessions and refresh tokens: rotation, reuse detection, revocation, listing, expiry.

use std::time::Duration;

use reqwest::StatusCode;
use reqwest::header::{CACHE_CONTROL, USER_AGENT};
use serde_json::Value;

use crate::dual_test;
use crate::support::client::{Answer, Tokens, error_fields};
use crate::support::{ProblemExt, TestApp};

dual_test!(
    refresh_rotates_and_reuse_revokes_the_session,
    revocation_endpoint,
    sessions_are_listed_and_revoked,
    tokens_cannot_stand_in_for_each_other,
    concurrent_refreshes_have_one_winner,
    sessions_expire,
    retried_refresh_within_the_reuse_interval
);

async fn invalid_grant(res: Answer<Tokens>) {
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.headers[CACHE_CONTROL], "no-store");
    assert_eq!(res.body["error"], "invalid_grant", "{}", res.body);
}

async fn refresh_rotates_and_reuse_revokes_the_session(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("rotate").await;
    let (access1, refresh1) = api.login_tokens(&user.email, &user.password).await;
    let (access2, refresh2) = api.refreshed(&refresh1).await;
    assert_ne!(refresh1, refresh2);
    assert_eq!(refresh2.len(), 43, "256-bit token, base64url");
    assert_eq!(api.me_status(&access2).await, StatusCode::OK);
    assert_eq!(
        api.me_status(&access1).await,
        StatusCode::OK,
        "older access tokens of a live session still work"
    );
    let (access3, refresh3) = api.refreshed(&refresh2).await;

    // Presenting refresh1 again is theft: the whole session goes.
    invalid_grant(api.refresh(&refresh1).await).await;
    invalid_grant(api.refresh(&refresh3).await).await;
    for token in [&access1, &access2, &access3] {
        assert_eq!(api.me_status(token).await, StatusCode::UNAUTHORIZED);
    }
    // Other sessions of the same user are not affected.
    let (other, other_refresh) = api.login_tokens(&user.email, &user.password).await;
    assert_eq!(api.me_status(&other).await, StatusCode::OK);
    api.refreshed(&other_refresh).await;

    // Garbage and missing refresh tokens.
    invalid_grant(api.refresh("not-a-refresh-token").await).await;
    let res = api.issue_token(&[("grant_type", "refresh_token")]).await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.body["error"], "invalid_request");
}

async fn revocation_endpoint(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("revoke").await;

    // By refresh token: the session's access token dies too.
    let (access, refresh) = api.login_tokens(&user.email, &user.password).await;
    let res = api
        .revoke_token(&[("token", &refresh), ("token_type_hint", "refresh_token")])
        .await;
    assert_eq!(res.status, StatusCode::OK);
    assert_eq!(api.me_status(&access).await, StatusCode::UNAUTHORIZED);
    invalid_grant(api.refresh(&refresh).await).await;

    // By access token, with and without (or with a wrong) hint.
    for hint in [
        Some("access_token"),
        None,
        Some("refresh_token"),
        Some("something_else"),
    ] {
        let (access, refresh) = api.login_tokens(&user.email, &user.password).await;
        let mut form = vec![("token", access.as_str())];
        if let Some(h) = hint {
            form.push(("token_type_hint", h));
        }
        assert_eq!(api.revoke_token(&form).await.status, StatusCode::OK);
        assert_eq!(
            api.me_status(&access).await,
            StatusCode::UNAUTHORIZED,
            "{hint:?}"
        );
        invalid_grant(api.refresh(&refresh).await).await;
    }

    // Unknown and already revoked tokens answer 200 too (RFC 7009 §2.2).
    assert_eq!(
        api.revoke_token(&[("token", "unknown-token")]).await.status,
        StatusCode::OK
    );
    assert_eq!(
        api.revoke_token(&[("token", &refresh)]).await.status,
        StatusCode::OK
    );
    // A missing token is a malformed request, in RFC 6749 format.
    let res = api
        .revoke_token(&[("token_type_hint", "access_token")])
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.body["error"], "invalid_request");
}

async fn sessions_are_listed_and_revoked(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("lister").await;
    let mut logins = Vec::new();
    for agent in ["phone/1.0", "laptop/2.0", "tablet/3.0"] {
        let res = api
            .http
            .post(api.url("/auth/token"))
            .header(USER_AGENT, agent)
            .form(&[
                ("grant_type", "password"),
                ("username", user.email.as_str()),
                ("password", user.password.as_str()),
            ])
            .send()
            .await
            .unwrap();
        let tokens = Answer::<Tokens>::read(res).await.expect(StatusCode::OK);
        logins.push((tokens.access_token, tokens.refresh_token));
    }
    let (tablet, _) = &logins[2];
    let page = api
        .list_sessions(tablet, "limit=100")
        .await
        .expect(StatusCode::OK);
    let items = page["items"].as_array().unwrap();
    // new_user() logged in once too.
    assert_eq!(items.len(), 4);
    assert_eq!(items[0]["user_agent"], "tablet/3.0");
    assert_eq!(items[0]["current"], true);
    assert_eq!(items[0]["ip"], "127.0.0.1");
    assert_eq!(items.iter().filter(|s| s["current"] == true).count(), 1);
    assert_eq!(items[1]["user_agent"], "laptop/2.0");

    // Pages of two, following the cursor.
    let first = api
        .list_sessions(tablet, "limit=2")
        .await
        .expect(StatusCode::OK);
    let cursor = first["next_cursor"].as_str().unwrap();
    let second = api
        .list_sessions(tablet, &format!("limit=2&cursor={cursor}"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(second["items"].as_array().unwrap().len(), 2);
    assert_eq!(second["next_cursor"], Value::Null);
    // A todo-list cursor is not a session-list cursor.
    for i in 0..2 {
        api.created_todo(tablet, serde_json::json!({"title": format!("t{i}")}))
            .await;
    }
    let todos = api
        .list_todos(tablet, "limit=1")
        .await
        .expect(StatusCode::OK);
    let todo_cursor = todos["next_cursor"].as_str().unwrap();
    let problem = api
        .list_sessions(tablet, &format!("cursor={todo_cursor}"))
        .await
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    assert_eq!(error_fields(&problem), ["cursor"]);

    // Sign the laptop out from the tablet.
    let laptop_id = items[1]["id"].as_str().unwrap();
    let (laptop_access, laptop_refresh) = &logins[1];
    assert_eq!(
        api.revoke_session(tablet, laptop_id).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(api.me_status(laptop_access).await, StatusCode::UNAUTHORIZED);
    invalid_grant(api.refresh(laptop_refresh).await).await;
    let page = api.list_sessions(tablet, "").await.expect(StatusCode::OK);
    assert_eq!(page["items"].as_array().unwrap().len(), 3);
    api.revoke_session(tablet, laptop_id)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // Another user can neither see nor revoke these sessions.
    let other = api.new_user("other").await;
    let theirs = api
        .list_sessions(&other.token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(theirs["items"].as_array().unwrap().len(), 1);
    let phone_id = items[2]["id"].as_str().unwrap();
    api.revoke_session(&other.token, phone_id)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    assert_eq!(api.me_status(&logins[0].0).await, StatusCode::OK);
    let problem = api
        .revoke_session(&other.token, "not-a-uuid")
        .await
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    assert_eq!(error_fields(&problem), ["sessionId"]);

    // Signing out the current session ends this token.
    let tablet_id = items[0]["id"].as_str().unwrap();
    assert_eq!(
        api.revoke_session(tablet, tablet_id).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(api.me_status(tablet).await, StatusCode::UNAUTHORIZED);
}

async fn tokens_cannot_stand_in_for_each_other(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("swap").await;
    let (access, refresh) = api.login_tokens(&user.email, &user.password).await;
    // A refresh token is not a bearer token.
    api.get_current_user(&refresh)
        .await
        .problem(StatusCode::UNAUTHORIZED, "/problems/unauthorized")
        .await;
    // An access token is not a refresh token.
    invalid_grant(api.refresh(&access).await).await;
    // Neither attempt harmed the session.
    assert_eq!(api.me_status(&access).await, StatusCode::OK);
    api.refreshed(&refresh).await;
}

async fn sessions_expire(app: &TestApp) {
    // A node whose sessions last 2 seconds from the last refresh, and 4 at most.
    let node = app
        .another_node(|c| {
            c.refresh_token_ttl_seconds = 2;
            c.session_max_lifetime_seconds = 4;
        })
        .await;
    let api = &node.api;
    let user = api.new_user("expiry").await;
    let (_, refresh) = api.login_tokens(&user.email, &user.password).await;
    // Sliding: refreshing every second keeps it alive past the 2-second TTL...
    let mut current = refresh;
    for _ in 0..3 {
        tokio::time::sleep(Duration::from_millis(1100)).await;
        current = api.refreshed(&current).await.1;
    }
    // ...but not past the absolute lifetime.
    tokio::time::sleep(Duration::from_millis(1200)).await;
    invalid_grant(api.refresh(&current).await).await;

    // Unused for longer than the TTL: expired.
    let (_, idle) = api.login_tokens(&user.email, &user.password).await;
    tokio::time::sleep(Duration::from_millis(2200)).await;
    invalid_grant(api.refresh(&idle).await).await;
    node.stop().await;
}

/// Two refreshes with the same token at the same moment: one rotates, the other is a
/// reuse (RFC 9700), which ends the session — including the winner's new tokens.
async fn concurrent_refreshes_have_one_winner(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("twice").await;
    let (_, refresh) = api.login_tokens(&user.email, &user.password).await;
    let (a, b) = tokio::join!(api.refresh(&refresh), api.refresh(&refresh));
    let mut statuses = [a.status, b.status];
    statuses.sort();
    assert_eq!(statuses, [StatusCode::OK, StatusCode::BAD_REQUEST]);
    let winner = if a.status == StatusCode::OK { a } else { b };
    let winner = winner.expect(StatusCode::OK);
    assert_eq!(
        api.me_status(&winner.access_token).await,
        StatusCode::UNAUTHORIZED
    );
    invalid_grant(api.refresh(&winner.refresh_token).await).await;
}

/// Issue 9: with `REFRESH_TOKEN_REUSE_INTERVAL_SECONDS`, a client that lost the answer to a
/// refresh and retries it gets the same new pair instead of a revoked session; after the
/// interval, once the new token is used, or with the interval off (the default, tested by
/// `refresh_rotates_and_reuse_revokes_the_session`), reuse revokes the session.
async fn retried_refresh_within_the_reuse_interval(app: &TestApp) {
    let node = app
        .another_node(|c| c.refresh_token_reuse_interval_seconds = 2)
        .await;
    let api = &node.api;
    let user = api.new_user("flaky-network").await;
    let (_, r1) = api.login_tokens(&user.email, &user.password).await;
    let (a2, r2) = api.refreshed(&r1).await;
    // The answer was lost: the retry gets exactly the same pair, and the session lives.
    let (a2_again, r2_again) = api.refreshed(&r1).await;
    assert_eq!((&a2_again, &r2_again), (&a2, &r2));
    assert_eq!(api.me_status(&a2).await, StatusCode::OK);
    // Once the new token has been used, the old one is a reuse again: session revoked.
    let (a3, r3) = api.refreshed(&r2).await;
    assert_eq!(api.refresh(&r1).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(api.me_status(&a3).await, StatusCode::UNAUTHORIZED);
    assert_eq!(api.refresh(&r3).await.status, StatusCode::BAD_REQUEST);

    // After the interval, a retry is a reuse: session revoked.
    let (_, r1) = api.login_tokens(&user.email, &user.password).await;
    let (a2, _) = api.refreshed(&r1).await;
    tokio::time::sleep(std::time::Duration::from_millis(2500)).await;
    assert_eq!(api.refresh(&r1).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(api.me_status(&a2).await, StatusCode::UNAUTHORIZED);

    // The interval is off on the default node: the first reuse revokes.
    let (_, r1) = app.api.login_tokens(&user.email, &user.password).await;
    let (a2, _) = app.api.refreshed(&r1).await;
    assert_eq!(app.api.refresh(&r1).await.status, StatusCode::BAD_REQUEST);
    assert_eq!(app.api.me_status(&a2).await, StatusCode::UNAUTHORIZED);
    node.stop().await;
}
