//! The audit log: each security-relevant change leaves exactly one event, written in the
//! change's transaction (a refused change leaves none), with its actor, target, request id
//! and IP, and never a secret; admins page and filter it. Over 500 lines: one scenario walks
//! every audited kind, and each needs its own setup.

use std::time::{Duration, Instant};

use chrono::TimeDelta;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};
use todo_api::auth::opaque_token::hash_token;

use crate::admin::new_admin;
use crate::dual_test;
use crate::support::client::User;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    each_change_leaves_one_event_with_actor_target_and_request_id,
    refused_changes_leave_no_event,
    events_are_paged_newest_first_and_filtered
);

/// Every event (newest first), read as `admin`.
async fn all_events(app: &TestApp, admin: &User) -> Vec<Value> {
    let page = app
        .api
        .list_audit_events(&admin.token, "limit=100")
        .await
        .expect(StatusCode::OK);
    assert_eq!(page["next_cursor"], Value::Null, "more than 100 events");
    page["items"].as_array().unwrap().clone()
}

/// The events of `kind` about `target`.
async fn events_of(app: &TestApp, admin: &User, kind: &str, target: &str) -> Vec<Value> {
    let page = app
        .api
        .list_audit_events(&admin.token, &format!("kind={kind}&target={target}"))
        .await
        .expect(StatusCode::OK);
    page["items"].as_array().unwrap().clone()
}

/// The one event of `kind` with `request_id`; checks its actor and target.
fn the_event<'a>(
    events: &'a [Value],
    kind: &str,
    request_id: &str,
    actor: Option<&str>,
    target: (&str, &str),
) -> &'a Value {
    let found: Vec<&Value> = events
        .iter()
        .filter(|e| e["kind"] == kind && e["request_id"] == request_id)
        .collect();
    assert_eq!(found.len(), 1, "{kind} {request_id}: {events:#?}");
    let event = found[0];
    assert_eq!(
        event["actor_id"],
        actor.map_or(Value::Null, Value::from),
        "{event}"
    );
    assert_eq!(event["target_type"], target.0, "{event}");
    assert_eq!(event["target_id"], target.1, "{event}");
    assert_eq!(event["ip"], "127.0.0.1", "{event}");
    event
}

fn details(event: &Value) -> Value {
    serde_json::from_str(event["details"].as_str().unwrap()).unwrap()
}

/// Signs in with a chosen request id; the tokens.
async fn sign_in(app: &TestApp, user: &User, request_id: &str) -> (String, String) {
    let answer = app
        .api
        .request(Method::POST, "/auth/token", None)
        .header("x-request-id", request_id)
        .form(&[
            ("grant_type", "password"),
            ("username", user.email.as_str()),
            ("password", user.password.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(answer.status(), StatusCode::OK);
    let body: Value = answer.json().await.unwrap();
    (
        body["access_token"].as_str().unwrap().to_owned(),
        body["refresh_token"].as_str().unwrap().to_owned(),
    )
}

async fn each_change_leaves_one_event_with_actor_target_and_request_id(app: &TestApp) {
    let api = &app.api;
    let admin = new_admin(app, "audit-admin").await;
    let mut user = api.new_user("audited").await;
    let uid = user.id.clone();
    let mut secrets = vec![user.password.clone(), admin.password.clone()];

    // Sign-in.
    let (access, refresh) = sign_in(app, &user, "rid-sign-in").await;
    secrets.extend([access.clone(), refresh.clone()]);
    let events = all_events(app, &admin).await;
    let event = the_event(
        &events,
        "sign_in",
        "rid-sign-in",
        Some(&uid),
        ("user", &uid),
    );
    assert!(details(event)["session_id"].is_string());

    // A failed sign-in of an existing account is recorded (off the answer's path, so
    // polled for); one of an unknown email is not.
    for (username, rid) in [
        ("nobody@example.com", "rid-unknown"),
        (user.email.as_str(), "rid-failed"),
    ] {
        let res = api
            .request(Method::POST, "/auth/token", None)
            .header("x-request-id", rid)
            .form(&[
                ("grant_type", "password"),
                ("username", username),
                ("password", "wrong password 1"),
            ])
            .send()
            .await
            .unwrap();
        assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    }
    let deadline = Instant::now() + Duration::from_secs(10);
    while events_of(app, &admin, "sign_in_failed", &uid)
        .await
        .is_empty()
    {
        assert!(Instant::now() < deadline, "no sign_in_failed event");
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
    let events = all_events(app, &admin).await;
    the_event(
        &events,
        "sign_in_failed",
        "rid-failed",
        None,
        ("user", &uid),
    );
    assert_eq!(
        events
            .iter()
            .filter(|e| e["kind"] == "sign_in_failed")
            .count(),
        1,
        "{events:#?}"
    );

    // Refresh-token reuse revokes the session: recorded against the session.
    let (_, r2) = api.refreshed(&refresh).await;
    secrets.push(r2);
    let res = api
        .request(Method::POST, "/auth/token", None)
        .header("x-request-id", "rid-reuse")
        .form(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh.as_str()),
        ])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    let events = all_events(app, &admin).await;
    let reuse: Vec<&Value> = events
        .iter()
        .filter(|e| e["kind"] == "refresh_token_reused")
        .collect();
    assert_eq!(reuse.len(), 1, "{events:#?}");
    assert_eq!(reuse[0]["request_id"], "rid-reuse");
    assert_eq!(reuse[0]["target_type"], "session");
    assert_eq!(details(reuse[0])["user_id"], uid.as_str());

    // Revocation by token (RFC 7009) and of a listed session.
    let (access2, refresh2) = sign_in(app, &user, "rid-sign-in-2").await;
    secrets.extend([access2.clone(), refresh2.clone()]);
    let res = api
        .request(Method::POST, "/auth/revoke", None)
        .header("x-request-id", "rid-revoke-token")
        .form(&[("token", refresh2.as_str())])
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let (access3, _) = sign_in(app, &user, "rid-sign-in-3").await;
    let (access4, _) = sign_in(app, &user, "rid-sign-in-4").await;
    let sessions = api.list_sessions(&access3, "").await.expect(StatusCode::OK);
    let other = sessions["items"]
        .as_array()
        .unwrap()
        .iter()
        .rev()
        .find(|s| s["current"] == false)
        .unwrap()["id"]
        .as_str()
        .unwrap()
        .to_owned();
    let res = api
        .request(
            Method::DELETE,
            &format!("/auth/sessions/{other}"),
            Some(&access3),
        )
        .header("x-request-id", "rid-revoke-session")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let events = all_events(app, &admin).await;
    let by_token = events
        .iter()
        .find(|e| e["request_id"] == "rid-revoke-token")
        .unwrap();
    assert_eq!(by_token["kind"], "session_revoked");
    assert_eq!(by_token["actor_id"], uid.as_str());
    assert_eq!(by_token["target_type"], "session");
    the_event(
        &events,
        "session_revoked",
        "rid-revoke-session",
        Some(&uid),
        ("session", &other),
    );

    // Password change.
    let new_password = "a brand new password 7".to_owned();
    let res = api
        .request(Method::PUT, "/users/me/password", Some(&access4))
        .header("x-request-id", "rid-password")
        .json(&json!({"current_password": user.password, "new_password": new_password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    secrets.push(new_password.clone());
    user.password = new_password;
    let events = all_events(app, &admin).await;
    the_event(
        &events,
        "password_changed",
        "rid-password",
        Some(&uid),
        ("user", &uid),
    );

    // Password reset (the token is stored directly: the mail is another test's subject).
    let reset_token = format!("reset-{}", uuid::Uuid::new_v4());
    let now = todo_api::domain::now();
    app.store
        .create_reset(
            &hash_token(&reset_token),
            uid.parse().unwrap(),
            now,
            now + TimeDelta::hours(1),
        )
        .await
        .unwrap();
    let reset_password = "a reset password 8".to_owned();
    let res = api
        .request(Method::POST, "/auth/password-reset/confirm", None)
        .header("x-request-id", "rid-reset")
        .json(&json!({"token": reset_token, "new_password": reset_password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    secrets.extend([reset_token, reset_password.clone()]);
    user.password = reset_password;
    let events = all_events(app, &admin).await;
    the_event(
        &events,
        "password_reset",
        "rid-reset",
        Some(&uid),
        ("user", &uid),
    );

    // An admin's change of role and status.
    let res = api
        .request(
            Method::PATCH,
            &format!("/admin/users/{uid}"),
            Some(&admin.token),
        )
        .header("x-request-id", "rid-update")
        .json(&json!({"role": "admin", "disabled": true}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);
    let events = all_events(app, &admin).await;
    let event = the_event(
        &events,
        "account_updated",
        "rid-update",
        Some(&admin.id),
        ("user", &uid),
    );
    assert_eq!(
        details(event),
        json!({"changes": {"role": {"from": "user", "to": "admin"},
                           "disabled": {"from": false, "to": true}}})
    );

    // An admin's deletion, and a user's deletion of their own account.
    let res = api
        .request(
            Method::DELETE,
            &format!("/admin/users/{uid}"),
            Some(&admin.token),
        )
        .header("x-request-id", "rid-delete")
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    let leaving = api.new_user("leaving").await;
    let res = api
        .request(Method::DELETE, "/users/me", Some(&leaving.token))
        .header("x-request-id", "rid-self-delete")
        .json(&json!({"password": leaving.password}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    secrets.extend([leaving.password.clone(), leaving.token.clone()]);
    let events = all_events(app, &admin).await;
    the_event(
        &events,
        "account_deleted",
        "rid-delete",
        Some(&admin.id),
        ("user", &uid),
    );
    the_event(
        &events,
        "account_deleted",
        "rid-self-delete",
        Some(&leaving.id),
        ("user", &leaving.id),
    );

    // No password or token appears anywhere in the log.
    let text = serde_json::to_string(&events).unwrap();
    for secret in &secrets {
        assert!(
            !text.contains(secret.as_str()),
            "a secret is in the audit log"
        );
    }
    // The deleted account's events outlive it.
    assert!(!events_of(app, &admin, "sign_in", &uid).await.is_empty());
}

async fn refused_changes_leave_no_event(app: &TestApp) {
    let api = &app.api;
    let admin = new_admin(app, "only-admin").await;
    let user = api.new_user("refused").await;
    let before = all_events(app, &admin).await.len();

    // Wrong current password: no change, no event.
    api.change_password(
        &user.token,
        &json!({"current_password": "not my password 1", "new_password": "whatever password 2"}),
    )
    .await
    .problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        "/problems/validation-error",
    )
    .await;
    // The last active admin cannot demote, disable or delete itself.
    api.update_user(&admin.token, &admin.id, &json!({"role": "user"}))
        .await
        .problem(StatusCode::CONFLICT, "/problems/last-admin")
        .await;
    api.delete_user(&admin.token, &admin.id)
        .await
        .problem(StatusCode::CONFLICT, "/problems/last-admin")
        .await;
    // Wrong password for deleting one's own account; a session that is not one's own.
    api.delete_current_user(&user.token, &json!({"password": "not my password 1"}))
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    api.revoke_session(&user.token, &uuid::Uuid::now_v7().to_string())
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    // An unknown or already used reset token.
    api.confirm_password_reset("no-such-token", "a reset password 8")
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;

    let events = all_events(app, &admin).await;
    assert_eq!(events.len(), before, "{events:#?}");
}

async fn events_are_paged_newest_first_and_filtered(app: &TestApp) {
    let api = &app.api;
    let admin = new_admin(app, "pager").await;
    let user = api.new_user("pages").await;
    for i in 0..4 {
        sign_in(app, &user, &format!("rid-page-{i}")).await;
    }
    // Walk all events two at a time: newest first, each once.
    let mut seen: Vec<Value> = Vec::new();
    let mut query = "limit=2".to_owned();
    loop {
        let page = api.list_audit_events(&admin.token, &query).await;
        let link = page.header("link").map(str::to_owned);
        let page = page.expect(StatusCode::OK);
        let items = page["items"].as_array().unwrap();
        assert!(items.len() <= 2);
        seen.extend(items.iter().cloned());
        match page["next_cursor"].as_str() {
            Some(cursor) => {
                assert!(link.unwrap().contains("rel=\"next\""));
                query = format!("limit=2&cursor={}", urlencode(cursor));
            }
            None => break,
        }
    }
    let all = all_events(app, &admin).await;
    assert_eq!(seen, all);
    assert!(all.len() >= 6, "{all:#?}"); // the admin's sign-in, the user's five
    let keys: Vec<(String, String)> = all
        .iter()
        .map(|e| {
            (
                e["at"].as_str().unwrap().to_owned(),
                e["id"].as_str().unwrap().to_owned(),
            )
        })
        .collect();
    let mut sorted = keys.clone();
    sorted.sort_by(|a, b| b.cmp(a));
    assert_eq!(keys.len(), sorted.len());

    // Filters: by actor, by target, by kind, by time; they combine.
    let by_actor = api
        .list_audit_events(&admin.token, &format!("actor={}&limit=100", user.id))
        .await
        .expect(StatusCode::OK);
    let items = by_actor["items"].as_array().unwrap();
    assert_eq!(items.len(), 5, "{by_actor}");
    assert!(items.iter().all(|e| e["actor_id"] == user.id.as_str()));
    let by_target = api
        .list_audit_events(
            &admin.token,
            &format!("target={}&kind=sign_in&limit=100", admin.id),
        )
        .await
        .expect(StatusCode::OK);
    // The admin signed in twice: once as a user, once after the promotion.
    assert_eq!(
        by_target["items"].as_array().unwrap().len(),
        2,
        "{by_target}"
    );
    let none = api
        .list_audit_events(&admin.token, "kind=no_such_kind")
        .await
        .expect(StatusCode::OK);
    assert_eq!(none["items"], json!([]));
    // `since` is inclusive, `until` exclusive: the newest event's own time splits them.
    let newest = all[0]["at"].as_str().unwrap();
    let since = api
        .list_audit_events(&admin.token, &format!("since={}", urlencode(newest)))
        .await
        .expect(StatusCode::OK);
    assert!(
        since["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == all[0]["id"])
    );
    let until = api
        .list_audit_events(
            &admin.token,
            &format!("until={}&limit=100", urlencode(newest)),
        )
        .await
        .expect(StatusCode::OK);
    assert!(
        !until["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|e| e["id"] == all[0]["id"])
    );
    assert_eq!(
        since["items"].as_array().unwrap().len() + until["items"].as_array().unwrap().len(),
        all.len()
    );

    // A tampered cursor is refused; users may not read the log.
    api.list_audit_events(&admin.token, "cursor=AAAA")
        .await
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    api.list_audit_events(&user.token, "")
        .await
        .problem(StatusCode::FORBIDDEN, "/problems/forbidden")
        .await;
}

fn urlencode(s: &str) -> String {
    s.replace('+', "%2B")
        .replace(':', "%3A")
        .replace('=', "%3D")
}
