//! Hostile text (SQL, markup, bidi, NUL-free Unicode) in every string field is stored and
//! returned verbatim, and changes nothing else.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::{ProblemExt, TestApp};

dual_test!(hostile_text_everywhere);

async fn hostile_text_everywhere(app: &TestApp) {
    let api = &app.api;
    let nasty = [
        "Robert'); DROP TABLE users;--",
        "\" OR \"1\"=\"1",
        "%_\\' UNION SELECT password_hash FROM users --",
        "<img src=x onerror=alert(1)>",
        "Zoë Ñandú 日本語 🦀 עברית \u{202e}txet",
    ];
    for (i, text) in nasty.iter().enumerate() {
        let email = format!("o'brien+{i}%_@exämple.com");
        let password = format!("{text} {i} pass");
        let res = api.register(&email, &password, text).await;
        assert_eq!(res.status, StatusCode::CREATED, "{text}");
        let user = res.body;
        assert_eq!(
            (user["email"].as_str(), user["display_name"].as_str()),
            (Some(email.as_str()), Some(text.trim()))
        );
        let token = api.login(&email, &password).await;
        let me: Value = api.get("/users/me", &token).await.json().await.unwrap();
        assert_eq!(me, user);
        let renamed: Value = api
            .patch(
                "/users/me",
                &token,
                &json!({"display_name": format!("{text}!")}),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(renamed["display_name"], format!("{text}!"));
        let todo = api
            .created_todo(&token, json!({"title": text, "notes": text}))
            .await;
        let patched: Value = api
            .patch(
                &format!("/todos/{}", todo["id"].as_str().unwrap()),
                &token,
                &json!({"notes": format!("{text}{text}")}),
            )
            .await
            .json()
            .await
            .unwrap();
        assert_eq!(
            (patched["title"].as_str(), patched["notes"].as_str()),
            (Some(*text), Some(format!("{text}{text}").as_str()))
        );
    }
    // Every account is still there, and nothing else.
    let count = app.db.sql("SELECT CAST(COUNT(*) AS TEXT) FROM users").await;
    assert_eq!(count.as_deref(), Some("5"));
    // Hostile text in query parameters is data too.
    let user = api.new_user("querier").await;
    for cursor in ["' OR 1=1 --", "%27%3B%20DROP%20TABLE%20todos%3B"] {
        api.get(&format!("/todos?cursor={cursor}"), &user.token)
            .await
            .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
            .await;
    }
}
