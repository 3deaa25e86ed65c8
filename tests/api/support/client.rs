//! A small HTTP client for the API, over reqwest.

use reqwest::header::CONTENT_TYPE;
use reqwest::{Client, Method, RequestBuilder, Response, StatusCode};
use serde_json::{Value, json};

#[derive(Clone)]
pub struct Api {
    pub base: String,
    pub http: Client,
}

/// An account with a fresh access token.
pub struct User {
    pub id: String,
    pub email: String,
    pub password: String,
    pub token: String,
}

impl Api {
    pub fn new(base: String) -> Api {
        Api {
            base,
            http: Client::builder().build().unwrap(),
        }
    }

    pub fn url(&self, path: &str) -> String {
        format!("{}{}", self.base, path)
    }

    /// The server's origin (`http://127.0.0.1:port`), for absolute links.
    pub fn origin(&self) -> &str {
        self.base.trim_end_matches("/api/v1")
    }

    pub fn request(&self, method: Method, path: &str, token: Option<&str>) -> RequestBuilder {
        let rb = self.http.request(method, self.url(path));
        match token {
            Some(t) => rb.bearer_auth(t),
            None => rb,
        }
    }

    pub async fn get(&self, path: &str, token: &str) -> Response {
        self.request(Method::GET, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    pub async fn post(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::POST, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn patch(&self, path: &str, token: &str, body: &Value) -> Response {
        self.request(Method::PATCH, path, Some(token))
            .json(body)
            .send()
            .await
            .unwrap()
    }

    pub async fn delete(&self, path: &str, token: &str) -> Response {
        self.request(Method::DELETE, path, Some(token))
            .send()
            .await
            .unwrap()
    }

    pub async fn register(&self, email: &str, password: &str, display_name: &str) -> Response {
        self.http
            .post(self.url("/auth/register"))
            .json(&json!({"email": email, "password": password, "display_name": display_name}))
            .send()
            .await
            .unwrap()
    }

    pub async fn token_request(&self, form: &[(&str, &str)]) -> Response {
        self.http
            .post(self.url("/auth/token"))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    pub async fn login(&self, email: &str, password: &str) -> String {
        self.login_tokens(email, password).await.0
    }

    /// Password grant: (access token, refresh token).
    pub async fn login_tokens(&self, email: &str, password: &str) -> (String, String) {
        let res = self
            .token_request(&[
                ("grant_type", "password"),
                ("username", email),
                ("password", password),
            ])
            .await;
        assert_eq!(res.status(), StatusCode::OK, "login of {email}");
        let body: Value = res.json().await.unwrap();
        (
            body["access_token"].as_str().unwrap().to_owned(),
            body["refresh_token"].as_str().unwrap().to_owned(),
        )
    }

    /// Refresh grant: the raw response.
    pub async fn refresh(&self, refresh_token: &str) -> Response {
        self.token_request(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .await
    }

    /// Refresh grant that must succeed: (access token, refresh token).
    pub async fn refreshed(&self, refresh_token: &str) -> (String, String) {
        let res = self.refresh(refresh_token).await;
        assert_eq!(res.status(), StatusCode::OK, "refresh");
        let body: Value = res.json().await.unwrap();
        (
            body["access_token"].as_str().unwrap().to_owned(),
            body["refresh_token"].as_str().unwrap().to_owned(),
        )
    }

    pub async fn revoke(&self, form: &[(&str, &str)]) -> Response {
        self.http
            .post(self.url("/auth/revoke"))
            .form(form)
            .send()
            .await
            .unwrap()
    }

    /// The status `GET /users/me` answers with this token.
    pub async fn me_status(&self, token: &str) -> StatusCode {
        self.get("/users/me", token).await.status()
    }

    /// Registers a fresh account named `name` and logs it in.
    pub async fn new_user(&self, name: &str) -> User {
        let email = format!("{name}-{}@example.com", uuid::Uuid::new_v4().simple());
        let password = format!("{name} password 123");
        let res = self.register(&email, &password, name).await;
        assert_eq!(res.status(), StatusCode::CREATED, "register {email}");
        let body: Value = res.json().await.unwrap();
        let token = self.login(&email, &password).await;
        User {
            id: body["id"].as_str().unwrap().to_owned(),
            email,
            password,
            token,
        }
    }

    pub async fn create_todo(&self, token: &str, body: Value) -> Value {
        let res = self.post("/todos", token, &body).await;
        assert_eq!(res.status(), StatusCode::CREATED, "create {body}");
        res.json().await.unwrap()
    }
}

/// Assertions on error responses.
pub trait ProblemExt {
    /// Asserts an RFC 9457 problem with this status and `type`, and returns its body.
    async fn problem(self, status: StatusCode, type_uri: &str) -> Value;
}

impl ProblemExt for Response {
    async fn problem(self, status: StatusCode, type_uri: &str) -> Value {
        assert_eq!(self.status(), status, "status of {}", self.url());
        let content_type = self
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(content_type.as_deref(), Some("application/problem+json"));
        let body: Value = self.json().await.unwrap();
        assert_eq!(body["type"], type_uri, "{body}");
        assert_eq!(body["status"], status.as_u16(), "{body}");
        assert!(
            body["title"].as_str().is_some_and(|t| !t.is_empty()),
            "{body}"
        );
        assert!(
            body["detail"].as_str().is_some_and(|d| !d.is_empty()),
            "{body}"
        );
        body
    }
}

/// The `field` of each entry of a validation problem's `errors`.
pub fn error_fields(problem: &Value) -> Vec<String> {
    problem["errors"]
        .as_array()
        .map(|errors| {
            errors
                .iter()
                .map(|e| e["field"].as_str().unwrap().to_owned())
                .collect()
        })
        .unwrap_or_default()
}
