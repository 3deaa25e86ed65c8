//! Faults the service must survive without losing data or misleading clients (issue 9,
//! user story 3), one file each: the process killed with SIGKILL under write load
//! (`sigkill`), PostgreSQL stopping under load and coming back (`postgres_outage`), SQLite on
//! a full disk (`full_disk`).

mod full_disk;
mod postgres_outage;
mod sigkill;

use reqwest::header::{CONTENT_TYPE, RETRY_AFTER};
use reqwest::{Response, StatusCode};
use serde_json::Value;
use std::collections::HashMap;

use crate::support::Api;

pub(super) const BIN: &str = env!("CARGO_BIN_EXE_todo-api");
pub(super) use crate::support::in_ci;

/// Asserts a 503 problem+json with `Retry-After` (or RFC 6749 JSON on the OAuth2 endpoints).
pub(super) async fn assert_unavailable(res: Response, oauth: bool) {
    assert_eq!(
        res.status(),
        StatusCode::SERVICE_UNAVAILABLE,
        "{}",
        res.url()
    );
    let retry: u64 = res.headers()[RETRY_AFTER]
        .to_str()
        .unwrap()
        .parse()
        .unwrap();
    assert!((1..=60).contains(&retry));
    let content_type = res.headers()[CONTENT_TYPE].to_str().unwrap().to_owned();
    let body: Value = res.json().await.unwrap();
    if oauth {
        assert_eq!(content_type, "application/json");
        assert_eq!(body["error"], "server_error", "{body}");
    } else {
        assert_eq!(content_type, "application/problem+json");
        assert_eq!(body["status"], 503, "{body}");
        assert_eq!(body["type"], "/problems/not-ready", "{body}");
    }
}

// ---------------------------------------------------------------------------------------
// SIGKILL under write load
// ---------------------------------------------------------------------------------------

pub(super) async fn all_todos(api: &Api, token: &str) -> HashMap<String, Value> {
    let mut todos = HashMap::new();
    let mut path = "/todos?limit=100".to_owned();
    loop {
        let res = api.get(&path, token).await;
        assert_eq!(res.status(), StatusCode::OK);
        let page: Value = res.json().await.unwrap();
        for todo in page["items"].as_array().unwrap() {
            todos.insert(todo["id"].as_str().unwrap().to_owned(), todo.clone());
        }
        match page["next_cursor"].as_str() {
            Some(cursor) => path = format!("/todos?limit=100&cursor={cursor}"),
            None => return todos,
        }
    }
}

pub(super) fn tags_of(todo: &Value) -> Vec<String> {
    let mut tags: Vec<String> = todo["tags"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t.as_str().unwrap().to_owned())
        .collect();
    tags.sort();
    tags
}
