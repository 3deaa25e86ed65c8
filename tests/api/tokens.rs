//! The OAuth2 token endpoint and everything a bearer token can get wrong.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use jsonwebtoken::{Algorithm, EncodingKey, Header};
use reqwest::header::{CACHE_CONTROL, WWW_AUTHENTICATE};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::{AUDIENCE, ISSUER, JWT_SECRET, ProblemExt, TestApp};

dual_test!(token_endpoint, bearer_token_rejections);

async fn oauth_error(res: reqwest::Response, code: &str) {
    assert_eq!(res.status(), StatusCode::BAD_REQUEST);
    assert_eq!(res.headers()[CACHE_CONTROL], "no-store");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["error"], code, "{body}");
    assert!(body["error_description"].is_string());
}

async fn token_endpoint(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("oauth").await;

    let res = api
        .token_request(&[
            ("grant_type", "password"),
            ("username", &user.email),
            ("password", &user.password),
            ("scope", "todos"),
        ])
        .await;
    assert_eq!(res.status(), StatusCode::OK);
    assert_eq!(res.headers()[CACHE_CONTROL], "no-store");
    assert_eq!(res.headers()["pragma"], "no-cache");
    let body: Value = res.json().await.unwrap();
    assert_eq!(body["token_type"], "Bearer");
    assert_eq!(body["expires_in"], 900);
    let token = body["access_token"].as_str().unwrap();
    let me = api.get_current_user(token).await.expect(StatusCode::OK);
    assert_eq!(me["id"], user.id.as_str());

    let email = user.email.as_str();
    oauth_error(
        api.token_request(&[
            ("grant_type", "password"),
            ("username", email),
            ("password", "wrong password"),
        ])
        .await,
        "invalid_grant",
    )
    .await;
    oauth_error(
        api.token_request(&[
            ("grant_type", "password"),
            ("username", "nobody@example.com"),
            ("password", &user.password),
        ])
        .await,
        "invalid_grant",
    )
    .await;
    oauth_error(
        api.token_request(&[("grant_type", "password"), ("username", email)])
            .await,
        "invalid_request",
    )
    .await;
    oauth_error(
        api.token_request(&[("grant_type", "password"), ("password", &user.password)])
            .await,
        "invalid_request",
    )
    .await;
    oauth_error(
        api.token_request(&[("username", email), ("password", &user.password)])
            .await,
        "invalid_request",
    )
    .await;
    oauth_error(
        api.token_request(&[("grant_type", "client_credentials")])
            .await,
        "unsupported_grant_type",
    )
    .await;
    oauth_error(
        api.token_request(&[("grant_type", "authorization_code"), ("code", "x")])
            .await,
        "unsupported_grant_type",
    )
    .await;
    // A JSON body is not a token request.
    let res = api
        .http
        .post(api.url("/auth/token"))
        .json(&json!({"grant_type": "password", "username": email, "password": user.password}))
        .send()
        .await
        .unwrap();
    oauth_error(res, "invalid_request").await;
}

fn forge(claims: Value, alg: Algorithm, secret: &[u8]) -> String {
    todo_api::auth::jwt_crypto::install();
    jsonwebtoken::encode(
        &Header::new(alg),
        &claims,
        &EncodingKey::from_secret(secret).unwrap(),
    )
    .unwrap()
}

async fn bearer_token_rejections(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("bearer").await;
    let now = chrono::Utc::now().timestamp();
    // The session of the user's real token, so forged tokens differ from it only where meant.
    let real_payload: Value = serde_json::from_slice(
        &URL_SAFE_NO_PAD
            .decode(user.token.split('.').nth(1).unwrap())
            .unwrap(),
    )
    .unwrap();
    let sid = real_payload["sid"].as_str().unwrap().to_owned();
    let claims = |exp: i64, iss: &str, aud: &str| json!({"sub": user.id, "exp": exp, "iat": now, "iss": iss, "aud": aud, "jti": uuid::Uuid::new_v4(), "sid": sid, "role": "user"});
    let secret = JWT_SECRET.as_bytes();

    // A correctly forged token works, which proves the rejections below are about the one change each makes.
    let good = forge(
        claims(now + 300, ISSUER, AUDIENCE),
        Algorithm::HS256,
        secret,
    );
    assert_eq!(api.get("/users/me", &good).await.status(), StatusCode::OK);

    let (header, _) = user.token.split_once('.').unwrap();
    let parts: Vec<&str> = user.token.split('.').collect();
    let mut payload: Value =
        serde_json::from_slice(&URL_SAFE_NO_PAD.decode(parts[1]).unwrap()).unwrap();
    payload["role"] = json!("admin");
    let tampered = format!(
        "{header}.{}.{}",
        URL_SAFE_NO_PAD.encode(payload.to_string()),
        parts[2]
    );
    let alg_none = format!(
        "{}.{}.",
        URL_SAFE_NO_PAD.encode(r#"{"alg":"none","typ":"JWT"}"#),
        URL_SAFE_NO_PAD.encode(claims(now + 300, ISSUER, AUDIENCE).to_string())
    );
    let truncated_signature = format!(
        "{}.{}.{}",
        parts[0],
        parts[1],
        &parts[2][..parts[2].len() - 4]
    );

    let rejected = [
        (
            "expired",
            forge(
                claims(now - 120, ISSUER, AUDIENCE),
                Algorithm::HS256,
                secret,
            ),
        ),
        (
            "wrong issuer",
            forge(
                claims(now + 300, "someone-else", AUDIENCE),
                Algorithm::HS256,
                secret,
            ),
        ),
        (
            "wrong audience",
            forge(
                claims(now + 300, ISSUER, "another-api"),
                Algorithm::HS256,
                secret,
            ),
        ),
        (
            "other secret",
            forge(
                claims(now + 300, ISSUER, AUDIENCE),
                Algorithm::HS256,
                b"another-secret-another-secret-another",
            ),
        ),
        (
            "HS512 with the right secret",
            forge(
                claims(now + 300, ISSUER, AUDIENCE),
                Algorithm::HS512,
                secret,
            ),
        ),
        (
            "not yet valid",
            forge(
                json!({"sub": user.id, "exp": now + 600, "nbf": now + 300, "iat": now, "iss": ISSUER, "aud": AUDIENCE, "jti": uuid::Uuid::new_v4(), "sid": sid, "role": "user"}),
                Algorithm::HS256,
                secret,
            ),
        ),
        (
            "unknown session",
            forge(
                json!({"sub": user.id, "exp": now + 300, "iat": now, "iss": ISSUER, "aud": AUDIENCE, "jti": uuid::Uuid::new_v4(), "sid": uuid::Uuid::now_v7(), "role": "user"}),
                Algorithm::HS256,
                secret,
            ),
        ),
        (
            "no exp",
            forge(
                json!({"sub": user.id, "iat": now, "iss": ISSUER, "aud": AUDIENCE, "role": "user"}),
                Algorithm::HS256,
                secret,
            ),
        ),
        (
            "unknown role",
            forge(
                json!({"sub": user.id, "exp": now + 300, "iat": now, "iss": ISSUER, "aud": AUDIENCE, "jti": uuid::Uuid::new_v4(), "sid": sid, "role": "root"}),
                Algorithm::HS256,
                secret,
            ),
        ),
        ("tampered payload", tampered),
        ("alg none", alg_none),
        ("truncated signature", truncated_signature),
        ("garbage", "not.a.jwt".to_owned()),
    ];
    for (what, token) in rejected {
        let res = api.get("/users/me", &token).await;
        assert_eq!(
            res.headers().get(WWW_AUTHENTICATE).unwrap(),
            r#"Bearer error="invalid_token""#,
            "{what}"
        );
        res.problem(StatusCode::UNAUTHORIZED, "/problems/unauthorized")
            .await;
        let res = api
            .post("/todos", &token, &json!({"title": "sneaky"}))
            .await;
        assert_eq!(res.status(), StatusCode::UNAUTHORIZED, "{what}");
    }

    // No token, or another scheme.
    let res = api
        .request(Method::GET, "/todos", None)
        .send()
        .await
        .unwrap();
    assert_eq!(res.headers()[WWW_AUTHENTICATE], "Bearer");
    res.problem(StatusCode::UNAUTHORIZED, "/problems/unauthorized")
        .await;
    let res = api
        .request(Method::GET, "/todos", None)
        .basic_auth(&user.email, Some(&user.password))
        .send()
        .await
        .unwrap();
    res.problem(StatusCode::UNAUTHORIZED, "/problems/unauthorized")
        .await;
    // "bearer" in lower case is the same scheme.
    let res = api
        .request(Method::GET, "/users/me", None)
        .header("authorization", format!("bearer {}", user.token))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::OK);

    // A validly signed token naming another account than its session's.
    let ghost = forge(
        json!({"sub": uuid::Uuid::now_v7(), "exp": now + 300, "iat": now, "iss": ISSUER, "aud": AUDIENCE, "jti": uuid::Uuid::new_v4(), "sid": sid, "role": "user"}),
        Algorithm::HS256,
        secret,
    );
    api.get("/users/me", &ghost)
        .await
        .problem(StatusCode::UNAUTHORIZED, "/problems/unauthorized")
        .await;

    // Nothing was written by any rejected request.
    let page = api.list_todos(&user.token, "").await.expect(StatusCode::OK);
    assert_eq!(page["items"], json!([]));
}
