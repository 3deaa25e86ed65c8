//! Attacks that do not fit elsewhere: algorithm confusion and hostile text in every string
//! field (timing is measured in tests/isolated, away from the other tests' load).

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use hmac::{Hmac, Mac};
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::Sha256;

use crate::dual_test;
use crate::support::{JWT_SECRET, ProblemExt, TestApp};

dual_test!(algorithm_confusion_is_refused, hostile_text_everywhere);

fn b64(bytes: &[u8]) -> String {
    URL_SAFE_NO_PAD.encode(bytes)
}

async fn algorithm_confusion_is_refused(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("confused").await;
    let payload = user.token.split('.').nth(1).unwrap().to_owned();
    let hmac_over = |signing_input: &str| {
        let mut mac = Hmac::<Sha256>::new_from_slice(JWT_SECRET.as_bytes()).unwrap();
        mac.update(signing_input.as_bytes());
        b64(&mac.finalize().into_bytes())
    };
    let mut forged = Vec::new();
    for alg in ["RS256", "ES256", "PS256", "EdDSA", "HS384", "none", "hs256"] {
        let header = b64(format!(r#"{{"alg":"{alg}","typ":"JWT"}}"#).as_bytes());
        let signing_input = format!("{header}.{payload}");
        // Signed with the real HMAC secret but labelled with another algorithm
        // (the HS/RS confusion the other way round), and with a junk signature.
        forged.push((
            alg,
            format!("{signing_input}.{}", hmac_over(&signing_input)),
        ));
        forged.push((alg, format!("{signing_input}.{}", b64(&[7u8; 256]))));
    }
    // A header that smuggles a key, or asks for one from elsewhere.
    for extra in [
        r#","jwk":{"kty":"oct","k":"AAAA"}"#,
        r#","jku":"http://127.0.0.1:1/keys""#,
        r#","kid":"../../etc/passwd""#,
    ] {
        let header = b64(format!(r#"{{"alg":"HS256","typ":"JWT"{extra}}}"#).as_bytes());
        let signing_input = format!("{header}.{payload}");
        forged.push((
            "HS256 + header trick",
            format!("{signing_input}.{}", b64(&[1u8; 32])),
        ));
    }
    for (what, token) in forged {
        api.get("/users/me", &token)
            .await
            .problem(StatusCode::UNAUTHORIZED, "/problems/unauthorized")
            .await;
        let _ = what;
    }
    // The untouched token still works: the rejections were about the forgeries.
    assert_eq!(api.me_status(&user.token).await, StatusCode::OK);
}

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
        assert_eq!(res.status(), StatusCode::CREATED, "{text}");
        let user: Value = res.json().await.unwrap();
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
            .create_todo(&token, json!({"title": text, "notes": text}))
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
