//! Finding 5: a password change (or reset) ends everything made from the old credentials,
//! whatever the interleaving. Every account has a credentials version that a change bumps;
//! a session carries the version its login verified, and the session check and the refresh
//! grant accept it only while it is current. So a login that verified the old password but
//! committed its session just after the change is dead on arrival, the argon2 re-hash on
//! login only replaces the hash it verified, and a reset token issued before the change no
//! longer works. The interleavings are produced directly on the repository (deterministic),
//! then checked over HTTP. Before the fix, the late session refreshed for 30 days.

use chrono::TimeDelta;
use reqwest::{Method, StatusCode};
use serde_json::json;
use todo_api::auth::TokenService;
use todo_api::auth::opaque_token::hash_token;
use todo_api::domain::{AuditEvent, NewSession, Origin, Role, audit};
use uuid::Uuid;

use crate::dual_test;
use crate::support::{AUDIENCE, ISSUER, JWT_SECRET, ProblemExt, TestApp};

dual_test!(old_credentials_die_with_the_change);

async fn old_credentials_die_with_the_change(app: &TestApp) {
    let api = &app.api;
    let store = &app.store;
    let user = api.new_user("changer").await;
    let user_id: Uuid = user.id.parse().unwrap();
    let email = user.email.to_lowercase();
    // What a login that is still hashing has read, and a reset link mailed before.
    let before = store
        .find_credentials_by_email(&email)
        .await
        .unwrap()
        .unwrap();
    let now = chrono::Utc::now();
    store
        .create_reset(
            &hash_token("old-reset-token"),
            user_id,
            now,
            now + TimeDelta::minutes(30),
        )
        .await
        .unwrap();

    let res = api
        .request(Method::PUT, "/users/me/password", Some(&user.token))
        .json(&json!({"current_password": user.password, "new_password": "a brand new passphrase"}))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);

    // The login commits its session only now, with what it verified before the change.
    let late_session = |version| NewSession {
        id: Uuid::now_v7(),
        user_id,
        created_at: now,
        expires_at: now + TimeDelta::days(30),
        absolute_expires_at: now + TimeDelta::days(90),
        user_agent: None,
        ip: None,
        refresh_hash: hash_token(&format!("late-refresh-{version}")),
        credentials_version: version,
    };
    let tokens = TokenService::new(
        &todo_api::auth::KeyRing::single(JWT_SECRET.as_bytes()),
        ISSUER,
        AUDIENCE,
        std::time::Duration::from_secs(900),
    );
    let sign_in = || AuditEvent::new(audit::SIGN_IN, &Origin::default()).actor(Some(user_id));
    let stale = late_session(before.credentials_version);
    store.create_session(&stale, &sign_in()).await.unwrap();
    let stale_access = tokens.issue(user_id, Role::User, stale.id).unwrap().token;
    assert_eq!(api.me_status(&stale_access).await, StatusCode::UNAUTHORIZED);
    let res = api
        .refresh(&format!("late-refresh-{}", before.credentials_version))
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    assert_eq!(res.body["error"], "invalid_grant");

    // Control: the same late session made under the current version works, and so does
    // the session that changed the password.
    let after = store
        .find_credentials_by_email(&email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(after.credentials_version, before.credentials_version + 1);
    let current = late_session(after.credentials_version);
    store.create_session(&current, &sign_in()).await.unwrap();
    let current_access = tokens.issue(user_id, Role::User, current.id).unwrap().token;
    assert_eq!(api.me_status(&current_access).await, StatusCode::OK);
    assert_eq!(api.me_status(&user.token).await, StatusCode::OK);

    // The late login's re-hash of the old password does not overwrite the new one.
    store
        .upgrade_password_hash(
            user_id,
            &before.password_hash,
            &before.password_hash.replace("m=", "m=1"),
        )
        .await
        .unwrap();
    let stored = store
        .find_credentials_by_email(&email)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(stored.password_hash, after.password_hash);
    api.login(&user.email, "a brand new passphrase").await;

    // The reset link mailed before the change is dead.
    let res = api
        .request(Method::POST, "/auth/password-reset/confirm", None)
        .json(&json!({"token": "old-reset-token", "new_password": "an attacker's passphrase"}))
        .send()
        .await
        .unwrap();
    res.problem(
        StatusCode::UNPROCESSABLE_ENTITY,
        "/problems/validation-error",
    )
    .await;
    api.login(&user.email, "a brand new passphrase").await;
}
