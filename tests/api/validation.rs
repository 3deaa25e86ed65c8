//! Every validation rule of the contract: bad input answers 4xx problem+json and changes nothing.

use reqwest::header::IF_NONE_MATCH;
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::{Answer, Api, error_fields};
use crate::support::{ProblemExt, TestApp};

dual_test!(
    registration_rules,
    duplicate_email_is_a_conflict,
    todo_rules,
    patch_rules,
    list_parameters
);

/// `register` with any JSON body, well-formed or not.
async fn register_raw(api: &Api, body: &Value) -> Answer {
    let request = api.request(Method::POST, "/auth/register", None).json(body);
    Answer::read(request.send().await.unwrap()).await
}

async fn registration_rules(app: &TestApp) {
    let api = &app.api;
    let long_email = format!("{}@example.com", "a".repeat(250));
    let long_local = format!("{}@example.com", "a".repeat(65));
    let cases: Vec<(Value, Vec<&str>)> = vec![
        (
            json!({"email": "not-an-email", "password": "long enough", "display_name": "A"}),
            vec!["email"],
        ),
        (
            json!({"email": "@example.com", "password": "long enough", "display_name": "A"}),
            vec!["email"],
        ),
        (
            json!({"email": "a b@example.com", "password": "long enough", "display_name": "A"}),
            vec!["email"],
        ),
        (
            json!({"email": long_email, "password": "long enough", "display_name": "A"}),
            vec!["email"],
        ),
        (
            json!({"email": long_local, "password": "long enough", "display_name": "A"}),
            vec!["email"],
        ),
        (
            json!({"email": "a@example.com", "password": "7 chars", "display_name": "A"}),
            vec!["password"],
        ),
        (
            json!({"email": "a@example.com", "password": "x".repeat(129), "display_name": "A"}),
            vec!["password"],
        ),
        (
            json!({"email": "a@example.com", "password": "long enough", "display_name": ""}),
            vec!["display_name"],
        ),
        (
            json!({"email": "a@example.com", "password": "long enough", "display_name": "   "}),
            vec!["display_name"],
        ),
        (
            json!({"email": "a@example.com", "password": "long enough", "display_name": "x".repeat(101)}),
            vec!["display_name"],
        ),
        (
            json!({"email": "a@example.com", "password": "long enough", "display_name": "nul\u{0}"}),
            vec!["display_name"],
        ),
        (
            json!({"email": "x", "password": "short", "display_name": " "}),
            vec!["email", "password", "display_name"],
        ),
        (
            json!({"password": "long enough", "display_name": "A"}),
            vec!["email"],
        ),
        (
            json!({"email": 42, "password": "long enough", "display_name": "A"}),
            vec!["email"],
        ),
    ];
    for (body, fields) in cases {
        let problem = register_raw(api, &body)
            .await
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
        assert_eq!(error_fields(&problem), fields, "{body}");
    }
    // None of them created an account.
    let res = api.password_grant("a@example.com", "long enough").await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
    // The limits themselves are accepted.
    let edge = format!("{}@example.com", "a".repeat(64));
    let res = api
        .register(&edge, &"p".repeat(128), &"n".repeat(100))
        .await;
    assert_eq!(res.status, StatusCode::CREATED);
    let res = api.register("eight@example.com", "8 chars!", "N").await;
    assert_eq!(res.status, StatusCode::CREATED);
}

async fn duplicate_email_is_a_conflict(app: &TestApp) {
    let api = &app.api;
    assert_eq!(
        api.register("dup@example.com", "first password", "First")
            .await
            .status,
        StatusCode::CREATED
    );
    for email in ["dup@example.com", "DUP@Example.COM", " dup@example.com "] {
        api.register(email, "second password", "Second")
            .await
            .problem(StatusCode::CONFLICT, "/problems/email-taken")
            .await;
    }
    // The first account keeps its password.
    api.login("dup@example.com", "first password").await;
    let res = api
        .password_grant("dup@example.com", "second password")
        .await;
    assert_eq!(res.status, StatusCode::BAD_REQUEST);
}

async fn todo_rules(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("rules").await;
    let cases: Vec<(Value, &str)> = vec![
        (json!({}), "title"),
        (json!({"title": ""}), "title"),
        (json!({"title": "   \t "}), "title"),
        (json!({"title": "t".repeat(201)}), "title"),
        (json!({"title": null}), "title"),
        (json!({"title": 12}), "title"),
        (json!({"title": "nul \u{0} byte"}), "title"),
        (json!({"title": "ok", "notes": "n".repeat(10_001)}), "notes"),
        (json!({"title": "ok", "notes": "nul \u{0}"}), "notes"),
        (json!({"title": "ok", "priority": "urgent"}), "priority"),
        (json!({"title": "ok", "due_at": "tomorrow"}), "due_at"),
        (
            json!({"title": "ok", "due_at": "2026-13-01T00:00:00Z"}),
            "due_at",
        ),
        (json!({"title": "ok", "notes": ["list"]}), "notes"),
    ];
    for (body, field) in cases {
        let problem = api
            .create_todo(&user.token, &body)
            .await
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
        assert_eq!(error_fields(&problem), [field], "{body}");
    }
    let page = api.list_todos(&user.token, "").await.expect(StatusCode::OK);
    assert_eq!(page["items"], json!([]), "nothing was created");

    // Exactly at the limits is fine.
    let t = api
        .created_todo(&user.token, json!({"title": "t".repeat(200), "notes": "n".repeat(10_000), "notes_extra": "ignored"}))
        .await;
    assert_eq!(t["title"].as_str().unwrap().chars().count(), 200);
    let t = api
        .created_todo(&user.token, json!({"title": "é".repeat(200), "notes": ""}))
        .await;
    assert_eq!(t["notes"], "");
}

async fn patch_rules(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("patch").await;
    let todo = api
        .created_todo(&user.token, json!({"title": "original", "notes": "keep"}))
        .await;
    let id = todo["id"].as_str().unwrap();
    for (body, field) in [
        (json!({"title": ""}), "title"),
        (json!({"title": "  "}), "title"),
        (json!({"title": "t".repeat(201)}), "title"),
        (json!({"notes": "n".repeat(10_001)}), "notes"),
        (json!({"completed": "yes"}), "completed"),
        (json!({"priority": "urgent"}), "priority"),
        (json!({"due_at": 5}), "due_at"),
    ] {
        let problem = api
            .update_todo(&user.token, id, &body)
            .await
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
        assert_eq!(error_fields(&problem), [field], "{body}");
    }
    // A valid field next to an invalid one is not applied either.
    api.update_todo(&user.token, id, &json!({"notes": "changed", "title": ""}))
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    let stored = api.get_todo(&user.token, id).await.expect(StatusCode::OK);
    assert_eq!(stored, todo, "nothing changed");
    // null for a field that cannot be null (title, completed, priority) is refused,
    // naming each; null clears the nullable ones.
    let problem = api
        .update_todo(
            &user.token,
            id,
            &json!({"title": null, "completed": null, "priority": null, "notes": null}),
        )
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    let mut fields = error_fields(&problem);
    fields.sort();
    assert_eq!(fields, ["completed", "priority", "title"]);
    let stored = api.get_todo(&user.token, id).await.expect(StatusCode::OK);
    assert_eq!(stored, todo, "nothing changed");
}

async fn list_parameters(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("params").await;
    for query in ["limit=0", "limit=101", "limit=-1", "limit=abc", "limit=1.5"] {
        let problem = api
            .list_todos(&user.token, query)
            .await
            .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
            .await;
        assert_eq!(error_fields(&problem), ["limit"], "{query}");
    }
    // An empty value is refused, not read as absent; so are overlong conditional headers.
    for query in ["limit=", "cursor=", "q=", "due_before=", "tag=home&tag="] {
        let problem = api
            .list_todos(&user.token, query)
            .await
            .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
            .await;
        let field = query.rsplit('&').next().unwrap().trim_end_matches('=');
        assert_eq!(error_fields(&problem), [field], "{query}");
    }
    let long_etag = format!("\"{}\"", "v".repeat(1100));
    let res = api
        .request(Method::GET, "/todos", Some(&user.token))
        .header(IF_NONE_MATCH, &long_etag)
        .send()
        .await
        .unwrap();
    let problem = Answer::<Value>::read(res)
        .await
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    assert_eq!(error_fields(&problem), ["If-None-Match"]);
    for cursor in ["garbage", "AAAA", "%00", &"A".repeat(54)] {
        let problem = api
            .list_todos(&user.token, &format!("cursor={cursor}"))
            .await
            .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
            .await;
        assert_eq!(error_fields(&problem), ["cursor"], "{cursor}");
    }
    // A real cursor with one character changed is refused.
    for i in 0..3 {
        api.created_todo(&user.token, json!({"title": format!("t{i}")}))
            .await;
    }
    let page = api
        .list_todos(&user.token, "limit=1")
        .await
        .expect(StatusCode::OK);
    let cursor = page["next_cursor"].as_str().unwrap().to_owned();
    let mut tampered: Vec<char> = cursor.chars().collect();
    tampered[3] = if tampered[3] == 'A' { 'B' } else { 'A' };
    let tampered: String = tampered.into_iter().collect();
    api.list_todos(&user.token, &format!("limit=1&cursor={tampered}"))
        .await
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    let rest = api
        .list_todos(&user.token, &format!("limit=100&cursor={cursor}"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(rest["items"].as_array().unwrap().len(), 2);
}
