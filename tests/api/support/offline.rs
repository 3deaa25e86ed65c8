//! Typed requests an offline client's queue replays: creates with a client id and an
//! optional `Idempotency-Key`, updates and deletes with the `If-Match` they had.

use reqwest::{Method, RequestBuilder};
use serde_json::Value;

use super::client::{Answer, Api};

async fn answer(request: RequestBuilder) -> Answer {
    Answer::read(request.send().await.unwrap()).await
}

#[allow(dead_code)] // the whole surface, whether or not each test uses every method
impl Api {
    /// `createTodo` with an optional `Idempotency-Key`.
    pub async fn create_todo_keyed(&self, token: &str, key: Option<&str>, body: &Value) -> Answer {
        let mut rb = self.request(Method::POST, "/todos", Some(token)).json(body);
        if let Some(key) = key {
            rb = rb.header("idempotency-key", key);
        }
        answer(rb).await
    }

    /// `updateTodo` with an optional `If-Match`.
    pub async fn update_todo_if(
        &self,
        token: &str,
        todo_id: &str,
        body: &Value,
        if_match: Option<&str>,
    ) -> Answer {
        let path = format!("/todos/{todo_id}");
        let mut rb = self.request(Method::PATCH, &path, Some(token)).json(body);
        if let Some(tag) = if_match {
            rb = rb.header("if-match", tag);
        }
        answer(rb).await
    }

    /// `deleteTodo` with an optional `If-Match`.
    pub async fn delete_todo_if(
        &self,
        token: &str,
        todo_id: &str,
        if_match: Option<&str>,
    ) -> Answer {
        let path = format!("/todos/{todo_id}");
        let mut rb = self.request(Method::DELETE, &path, Some(token));
        if let Some(tag) = if_match {
            rb = rb.header("if-match", tag);
        }
        answer(rb).await
    }
}
