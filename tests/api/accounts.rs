//! Account self-service and the password policy.

use argon2::password_hash::PasswordHasher as _;
use reqwest::StatusCode;
use serde_json::json;

use crate::dual_test;
use crate::support::client::error_fields;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    profile_can_be_changed,
    password_change_signs_out_other_sessions,
    password_policy_applies_everywhere,
    account_deletion_removes_everything,
    weak_hashes_are_upgraded_at_login
);

async fn profile_can_be_changed(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("profile").await;
    let me = api
        .update_current_user(&user.token, &json!({"display_name": "  New Name  "}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(me["display_name"], "New Name");
    for bad in [
        json!({"display_name": ""}),
        json!({"display_name": "  "}),
        json!({"display_name": "x".repeat(101)}),
    ] {
        let problem = api
            .patch("/users/me", &user.token, &bad)
            .await
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
        assert_eq!(error_fields(&problem), ["display_name"]);
    }
    let me = api
        .get_current_user(&user.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(me["display_name"], "New Name");
    // An empty update changes nothing.
    let same = api
        .update_current_user(&user.token, &json!({}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(same, me);
}

async fn password_change_signs_out_other_sessions(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("changer").await;
    let (other_access, other_refresh) = api.login_tokens(&user.email, &user.password).await;
    let change =
        |current: &str, new: &str| json!({"current_password": current, "new_password": new});

    let problem = api
        .request(
            reqwest::Method::PUT,
            "/users/me/password",
            Some(&user.token),
        )
        .json(&change("wrong password", "a brand new passphrase"))
        .send()
        .await
        .unwrap()
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&problem), ["current_password"]);
    for weak in ["password123", "short", user.email.as_str()] {
        let problem = api
            .request(
                reqwest::Method::PUT,
                "/users/me/password",
                Some(&user.token),
            )
            .json(&change(&user.password, weak))
            .send()
            .await
            .unwrap()
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
        assert_eq!(error_fields(&problem), ["new_password"], "{weak}");
    }
    // Nothing above changed anything.
    assert_eq!(api.me_status(&other_access).await, StatusCode::OK);

    let res = api
        .request(
            reqwest::Method::PUT,
            "/users/me/password",
            Some(&user.token),
        )
        .json(&change(&user.password, "a brand new passphrase"))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NO_CONTENT);
    // This session stays; the other one is signed out, refresh token included.
    assert_eq!(api.me_status(&user.token).await, StatusCode::OK);
    assert_eq!(api.me_status(&other_access).await, StatusCode::UNAUTHORIZED);
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
    assert_eq!(
        res.status(),
        StatusCode::BAD_REQUEST,
        "old password no longer works"
    );
    api.login(&user.email, "a brand new passphrase").await;
}

async fn password_policy_applies_everywhere(app: &TestApp) {
    let api = &app.api;
    for (email, password) in [
        ("common@example.com", "password123"),
        ("common2@example.com", "QWERTYUIOP"),
        ("self@example.com", "Self@Example.com"),
        ("short@example.com", "1234567"),
    ] {
        let problem = api
            .register(email, password, "Policy")
            .await
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
        assert_eq!(error_fields(&problem), ["password"], "{password}");
    }
    assert_eq!(
        api.register("fine@example.com", "not on any list 7", "Fine")
            .await
            .status,
        StatusCode::CREATED
    );
}

async fn account_deletion_removes_everything(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("leaver").await;
    let (other_access, _) = api.login_tokens(&user.email, &user.password).await;
    for i in 0..3 {
        api.created_todo(&user.token, json!({"title": format!("t{i}")}))
            .await;
    }
    let delete = |password: &str| {
        api.request(reqwest::Method::DELETE, "/users/me", Some(&user.token))
            .json(&json!({"password": password}))
            .send()
    };
    let problem = delete("wrong password")
        .await
        .unwrap()
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&problem), ["password"]);
    assert_eq!(api.me_status(&user.token).await, StatusCode::OK);

    assert_eq!(
        delete(&user.password).await.unwrap().status(),
        StatusCode::NO_CONTENT
    );
    assert_eq!(api.me_status(&user.token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(api.me_status(&other_access).await, StatusCode::UNAUTHORIZED);
    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", &user.email),
            ("password", &user.password),
        ])
        .await;
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    // Todos and sessions went with the account.
    let email = user.email.to_lowercase();
    for table in ["todos", "sessions"] {
        let count = app
            .db
            .sql(&format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM {table} WHERE user_id IN (SELECT id FROM users WHERE email_normalized = '{email}')"
            ))
            .await;
        assert_eq!(count.as_deref(), Some("0"), "{table}");
    }
    let orphans = app
        .db
        .sql("SELECT CAST(COUNT(*) AS TEXT) FROM todos WHERE user_id NOT IN (SELECT id FROM users)")
        .await;
    assert_eq!(orphans.as_deref(), Some("0"));
    // The email is free again.
    assert_eq!(
        api.register(&user.email, "another fine passphrase", "Back")
            .await
            .status,
        StatusCode::CREATED
    );
}

async fn weak_hashes_are_upgraded_at_login(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("legacy").await;
    let weak = argon2::Argon2::new(
        argon2::Algorithm::Argon2id,
        argon2::Version::V0x13,
        argon2::Params::new(8 * 1024, 1, 1, None).unwrap(),
    )
    .hash_password(user.password.as_bytes())
    .unwrap()
    .to_string();
    let email = user.email.to_lowercase();
    app.db
        .sql(&format!(
            "UPDATE users SET password_hash = '{weak}' WHERE email_normalized = '{email}'"
        ))
        .await;
    let query = format!("SELECT password_hash FROM users WHERE email_normalized = '{email}'");
    assert!(
        app.db
            .sql(&query)
            .await
            .unwrap()
            .starts_with("$argon2id$v=19$m=8192,t=1,p=1$")
    );
    api.login(&user.email, &user.password).await;
    let upgraded = app.db.sql(&query).await.unwrap();
    assert!(
        upgraded.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
        "{upgraded}"
    );
    // And it still verifies.
    api.login(&user.email, &user.password).await;
    assert_eq!(
        app.db.sql(&query).await.unwrap(),
        upgraded,
        "no second rehash"
    );
}
