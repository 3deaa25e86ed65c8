//! A small HTTP client for the API, over reqwest: one typed method per operation of the
//! contract (zero-to-production's `TestApp` style), so it grows with the contract; over 500
//! lines because it lists every operation in one place.

use std::marker::PhantomData;

use reqwest::header::{CONTENT_TYPE, HeaderMap};
use reqwest::{Client, Method, RequestBuilder, Response, StatusCode};
use serde::Deserialize;
use serde::de::DeserializeOwned;
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
        let tokens = self.password_grant(email, password).await;
        assert_eq!(tokens.status, StatusCode::OK, "login of {email}");
        let tokens = tokens.expect(StatusCode::OK);
        (tokens.access_token, tokens.refresh_token)
    }

    /// Refresh grant: the raw response.
    pub async fn refresh_response(&self, refresh_token: &str) -> Response {
        self.token_request(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .await
    }

    /// Refresh grant that must succeed: (access token, refresh token).
    pub async fn refreshed(&self, refresh_token: &str) -> (String, String) {
        let tokens = self.refresh(refresh_token).await.expect(StatusCode::OK);
        (tokens.access_token, tokens.refresh_token)
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
        let body = self
            .register(&email, &password, name)
            .await
            .expect(StatusCode::CREATED);
        let token = self.login(&email, &password).await;
        User {
            id: body["id"].as_str().unwrap().to_owned(),
            email,
            password,
            token,
        }
    }

    /// `createTodo` that must succeed: the created todo.
    pub async fn created_todo(&self, token: &str, body: Value) -> Value {
        let res = self.create_todo(token, &body).await;
        assert_eq!(
            res.status,
            StatusCode::CREATED,
            "create {body}: {}",
            res.body
        );
        res.body
    }
}

/// An answer of the API: its status, headers and JSON body (`Null` when empty), and, for
/// a success, the body typed as `T` (`Value` unless the operation has a typed answer).
pub struct Answer<T = Value> {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    url: String,
    empty: bool,
    typed: PhantomData<T>,
}

impl<T: DeserializeOwned> Answer<T> {
    pub async fn read(res: Response) -> Answer<T> {
        let status = res.status();
        let headers = res.headers().clone();
        let url = res.url().to_string();
        let bytes = res.bytes().await.unwrap();
        let body = if bytes.is_empty() {
            Value::Null
        } else {
            serde_json::from_slice(&bytes).unwrap_or_else(|e| {
                panic!(
                    "{status} from {url}: {e}: {}",
                    String::from_utf8_lossy(&bytes)
                )
            })
        };
        Answer {
            status,
            headers,
            body,
            url,
            empty: bytes.is_empty(),
            typed: PhantomData,
        }
    }

    /// Asserts the status and returns the typed body.
    #[track_caller]
    pub fn expect(self, status: StatusCode) -> T {
        assert_eq!(self.status, status, "status of {}: {}", self.url, self.body);
        serde_json::from_value(self.body).unwrap()
    }

    /// Whether the body is empty (no content at all, not even `null`).
    pub fn is_empty(&self) -> bool {
        self.empty
    }

    /// The value of a header, which must be text.
    pub fn header(&self, name: impl reqwest::header::AsHeaderName) -> Option<&str> {
        self.headers.get(name).map(|v| v.to_str().unwrap())
    }
}

/// The answer of a successful token request (`TokenResponse`).
#[derive(Debug, Deserialize)]
#[allow(dead_code)] // read by whichever tests need them
pub struct Tokens {
    pub access_token: String,
    pub token_type: String,
    pub expires_in: i64,
    pub refresh_token: String,
}

/// One method per operation of `openapi.yaml`, named after its operationId. Each sends the
/// request and returns the [`Answer`]; `query` is a query string without `?` (or "").
/// The whole API is here, whether or not some test uses each operation yet.
#[allow(dead_code)]
impl Api {
    async fn answer<T: DeserializeOwned>(&self, request: RequestBuilder) -> Answer<T> {
        Answer::read(request.send().await.unwrap()).await
    }

    fn with_query(path: &str, query: &str) -> String {
        if query.is_empty() {
            path.to_owned()
        } else {
            format!("{path}?{query}")
        }
    }

    /// `register`
    pub async fn register(&self, email: &str, password: &str, display_name: &str) -> Answer {
        let body = json!({"email": email, "password": password, "display_name": display_name});
        self.answer(
            self.request(Method::POST, "/auth/register", None)
                .json(&body),
        )
        .await
    }

    /// `issueToken` with any form.
    pub async fn issue_token(&self, form: &[(&str, &str)]) -> Answer<Tokens> {
        self.answer(self.request(Method::POST, "/auth/token", None).form(form))
            .await
    }

    /// `issueToken`, password grant.
    pub async fn password_grant(&self, email: &str, password: &str) -> Answer<Tokens> {
        self.issue_token(&[
            ("grant_type", "password"),
            ("username", email),
            ("password", password),
        ])
        .await
    }

    /// `issueToken`, refresh grant.
    pub async fn refresh(&self, refresh_token: &str) -> Answer<Tokens> {
        self.issue_token(&[
            ("grant_type", "refresh_token"),
            ("refresh_token", refresh_token),
        ])
        .await
    }

    /// `revokeToken`
    pub async fn revoke_token(&self, form: &[(&str, &str)]) -> Answer {
        self.answer(self.request(Method::POST, "/auth/revoke", None).form(form))
            .await
    }

    /// `requestPasswordReset`
    pub async fn request_password_reset(&self, email: &str) -> Answer {
        let body = json!({"email": email});
        self.answer(
            self.request(Method::POST, "/auth/password-reset", None)
                .json(&body),
        )
        .await
    }

    /// `confirmPasswordReset`
    pub async fn confirm_password_reset(&self, token: &str, new_password: &str) -> Answer {
        let body = json!({"token": token, "new_password": new_password});
        self.answer(
            self.request(Method::POST, "/auth/password-reset/confirm", None)
                .json(&body),
        )
        .await
    }

    /// `listSessions`
    pub async fn list_sessions(&self, token: &str, query: &str) -> Answer {
        let path = Self::with_query("/auth/sessions", query);
        self.answer(self.request(Method::GET, &path, Some(token)))
            .await
    }

    /// `revokeSession`
    pub async fn revoke_session(&self, token: &str, session_id: &str) -> Answer {
        let path = format!("/auth/sessions/{session_id}");
        self.answer(self.request(Method::DELETE, &path, Some(token)))
            .await
    }

    /// `getCurrentUser`
    pub async fn get_current_user(&self, token: &str) -> Answer {
        self.answer(self.request(Method::GET, "/users/me", Some(token)))
            .await
    }

    /// `updateCurrentUser`
    pub async fn update_current_user(&self, token: &str, body: &Value) -> Answer {
        self.answer(
            self.request(Method::PATCH, "/users/me", Some(token))
                .json(body),
        )
        .await
    }

    /// `deleteCurrentUser`
    pub async fn delete_current_user(&self, token: &str, body: &Value) -> Answer {
        self.answer(
            self.request(Method::DELETE, "/users/me", Some(token))
                .json(body),
        )
        .await
    }

    /// `changePassword`
    pub async fn change_password(&self, token: &str, body: &Value) -> Answer {
        self.answer(
            self.request(Method::PUT, "/users/me/password", Some(token))
                .json(body),
        )
        .await
    }

    /// `getStatistics`
    pub async fn get_statistics(&self, token: &str, query: &str) -> Answer {
        let path = Self::with_query("/users/me/stats", query);
        self.answer(self.request(Method::GET, &path, Some(token)))
            .await
    }

    /// `createTodo`
    pub async fn create_todo(&self, token: &str, body: &Value) -> Answer {
        self.answer(self.request(Method::POST, "/todos", Some(token)).json(body))
            .await
    }

    /// `listTodos`
    pub async fn list_todos(&self, token: &str, query: &str) -> Answer {
        let path = Self::with_query("/todos", query);
        self.answer(self.request(Method::GET, &path, Some(token)))
            .await
    }

    /// `getTodo`
    pub async fn get_todo(&self, token: &str, todo_id: &str) -> Answer {
        let path = format!("/todos/{todo_id}");
        self.answer(self.request(Method::GET, &path, Some(token)))
            .await
    }

    /// `updateTodo`
    pub async fn update_todo(&self, token: &str, todo_id: &str, body: &Value) -> Answer {
        let path = format!("/todos/{todo_id}");
        self.answer(self.request(Method::PATCH, &path, Some(token)).json(body))
            .await
    }

    /// `deleteTodo`
    pub async fn delete_todo(&self, token: &str, todo_id: &str) -> Answer {
        let path = format!("/todos/{todo_id}");
        self.answer(self.request(Method::DELETE, &path, Some(token)))
            .await
    }

    /// `moveTodo`
    pub async fn move_todo(&self, token: &str, todo_id: &str, body: &Value) -> Answer {
        let path = format!("/todos/{todo_id}/move");
        self.answer(self.request(Method::POST, &path, Some(token)).json(body))
            .await
    }

    /// `batchTodos`
    pub async fn batch_todos(&self, token: &str, body: &Value) -> Answer {
        self.answer(
            self.request(Method::POST, "/todos/batch", Some(token))
                .json(body),
        )
        .await
    }

    /// `listTags`
    pub async fn list_tags(&self, token: &str, query: &str) -> Answer {
        let path = Self::with_query("/tags", query);
        self.answer(self.request(Method::GET, &path, Some(token)))
            .await
    }

    /// `listUsers`
    pub async fn list_users(&self, token: &str, query: &str) -> Answer {
        let path = Self::with_query("/admin/users", query);
        self.answer(self.request(Method::GET, &path, Some(token)))
            .await
    }

    /// `getUser`
    pub async fn get_user(&self, token: &str, user_id: &str) -> Answer {
        let path = format!("/admin/users/{user_id}");
        self.answer(self.request(Method::GET, &path, Some(token)))
            .await
    }

    /// `updateUser`
    pub async fn update_user(&self, token: &str, user_id: &str, body: &Value) -> Answer {
        let path = format!("/admin/users/{user_id}");
        self.answer(self.request(Method::PATCH, &path, Some(token)).json(body))
            .await
    }

    /// `deleteUser`
    pub async fn delete_user(&self, token: &str, user_id: &str) -> Answer {
        let path = format!("/admin/users/{user_id}");
        self.answer(self.request(Method::DELETE, &path, Some(token)))
            .await
    }

    /// `getLiveness`
    pub async fn get_liveness(&self) -> Answer {
        self.answer(self.request(Method::GET, "/health/live", None))
            .await
    }

    /// `getFlags`
    pub async fn get_flags(&self, token: &str) -> Answer {
        self.answer(self.request(Method::GET, "/admin/flags", Some(token)))
            .await
    }

    /// `updateFlags`
    pub async fn update_flags(&self, token: &str, body: &Value) -> Answer {
        self.answer(
            self.request(Method::PATCH, "/admin/flags", Some(token))
                .json(body),
        )
        .await
    }

    /// `listAuditEvents`
    pub async fn list_audit_events(&self, token: &str, query: &str) -> Answer {
        self.answer(self.request(
            Method::GET,
            &Self::with_query("/admin/audit-events", query),
            Some(token),
        ))
        .await
    }

    /// `getReadiness`
    pub async fn get_readiness(&self) -> Answer {
        self.answer(self.request(Method::GET, "/health/ready", None))
            .await
    }
}

/// Assertions on error responses.
pub trait ProblemExt {
    /// Asserts an RFC 9457 problem with this status and `type`, and returns its body.
    async fn problem(self, status: StatusCode, type_uri: &str) -> Value;
}

impl ProblemExt for Response {
    async fn problem(self, status: StatusCode, type_uri: &str) -> Value {
        Answer::<Value>::read(self)
            .await
            .problem(status, type_uri)
            .await
    }
}

impl<T> ProblemExt for Answer<T> {
    async fn problem(self, status: StatusCode, type_uri: &str) -> Value {
        assert_eq!(self.status, status, "status of {}", self.url);
        let content_type = self
            .headers
            .get(CONTENT_TYPE)
            .map(|v| v.to_str().unwrap().to_owned());
        assert_eq!(content_type.as_deref(), Some("application/problem+json"));
        let body = self.body;
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
