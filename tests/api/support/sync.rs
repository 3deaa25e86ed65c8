//! The change feed (`getSync`), a replica that replays it, and the state the replay must
//! equal: `GET /todos` (all lists), `GET /lists` and each list's members.

use std::collections::{BTreeMap, BTreeSet};

use reqwest::{Method, StatusCode};
use serde_json::Value;

use super::client::Answer;
use super::{Backend, Node, TestApp};

/// PostgreSQL: waits until the feed's watermark has passed every transaction that started
/// before the call (other tests' transactions in the cluster hold it back for a moment),
/// so that a pull after a write sees it. SQLite's watermark is always current.
pub async fn settle(app: &TestApp) {
    if app.db.backend != Backend::Postgres {
        return;
    }
    // Tolerates a moment without the database (another test may restart it).
    let mut next = None;
    for _ in 0..3000 {
        if next.is_none() {
            next = app
                .db
                .sql("SELECT pg_snapshot_xmax(pg_current_snapshot())::text")
                .await
                .and_then(|x| x.parse::<i64>().ok());
        }
        if let Some(next) = next
            && app.store.feed_watermark().await.is_ok_and(|w| w >= next)
        {
            return;
        }
        tokio::time::sleep(std::time::Duration::from_millis(10)).await;
    }
    panic!("the feed's watermark stayed below {next:?}");
}

#[allow(dead_code)]
impl Node {
    /// `getSync`
    pub async fn sync(&self, token: &str, cursor: Option<&str>, limit: Option<u32>) -> Answer {
        let mut query = Vec::new();
        if let Some(c) = cursor {
            query.push(format!("cursor={c}"));
        }
        if let Some(l) = limit {
            query.push(format!("limit={l}"));
        }
        let path = if query.is_empty() {
            "/sync".to_owned()
        } else {
            format!("/sync?{}", query.join("&"))
        };
        Answer::read(
            self.api
                .request(Method::GET, &path, Some(token))
                .send()
                .await
                .unwrap(),
        )
        .await
    }

    /// Every page of a paginated `GET` (`items`, `next_cursor`).
    async fn all_items(&self, token: &str, path: &str) -> Vec<Value> {
        let mut items = Vec::new();
        let mut cursor: Option<String> = None;
        loop {
            let sep = if path.contains('?') { '&' } else { '?' };
            let url = match &cursor {
                Some(c) => format!("{path}{sep}limit=100&cursor={c}"),
                None => format!("{path}{sep}limit=100"),
            };
            let page = Answer::<Value>::read(
                self.api
                    .request(Method::GET, &url, Some(token))
                    .send()
                    .await
                    .unwrap(),
            )
            .await
            .expect(StatusCode::OK);
            items.extend(page["items"].as_array().unwrap().iter().cloned());
            match page["next_cursor"].as_str() {
                Some(c) => cursor = Some(c.to_owned()),
                None => return items,
            }
        }
    }

    /// What the caller sees now, through the ordinary reads.
    pub async fn visible_state(&self, token: &str) -> Replica {
        let mut state = Replica::default();
        for todo in self.all_items(token, "/todos").await {
            state.todos.insert(id(&todo["id"]), todo);
        }
        for list in self.all_items(token, "/lists").await {
            let list_id = id(&list["id"]);
            for member in self
                .all_items(token, &format!("/lists/{list_id}/members"))
                .await
            {
                state
                    .members
                    .insert((list_id.clone(), id(&member["user_id"])), member);
            }
            state.lists.insert(list_id, list);
        }
        state
    }
}

fn id(v: &Value) -> String {
    v.as_str().unwrap().to_owned()
}

/// A client's copy, built from the feed only.
#[derive(Debug, Default, Clone, PartialEq)]
pub struct Replica {
    pub todos: BTreeMap<String, Value>,
    pub lists: BTreeMap<String, Value>,
    pub members: BTreeMap<(String, String), Value>,
    pub cursor: Option<String>,
}

/// What a run of pulls saw.
#[derive(Debug, Default)]
pub struct Pulled {
    pub pages: usize,
    pub changes: Vec<Value>,
}

impl Replica {
    /// Applies one change of the feed.
    pub fn apply(&mut self, change: &Value) {
        let item_id = id(&change["id"]);
        let list_id = id(&change["list_id"]);
        match (
            change["kind"].as_str().unwrap(),
            change["op"].as_str().unwrap(),
        ) {
            ("todo", "upsert") => {
                let todo = change["todo"].clone();
                assert_eq!(id(&todo["id"]), item_id, "{change}");
                assert_eq!(id(&todo["list_id"]), list_id, "{change}");
                self.todos.insert(item_id, todo);
            }
            ("todo", "delete") => {
                self.todos.remove(&item_id);
            }
            ("list", "upsert") => {
                assert_eq!(item_id, list_id, "{change}");
                self.lists.insert(item_id, change["list"].clone());
            }
            ("list", "delete") => {
                self.lists.remove(&item_id);
                self.todos.retain(|_, t| t["list_id"] != item_id.as_str());
                self.members.retain(|(l, _), _| *l != item_id);
            }
            ("member", "upsert") => {
                self.members
                    .insert((list_id, item_id), change["member"].clone());
            }
            ("member", "delete") => {
                self.members.remove(&(list_id, item_id));
            }
            other => panic!("unknown change {other:?}: {change}"),
        }
    }

    /// One page after the replica's cursor, applied; whether more are waiting.
    pub async fn pull_page(
        &mut self,
        node: &Node,
        token: &str,
        limit: u32,
        seen: &mut Pulled,
    ) -> bool {
        let page = node
            .sync(token, self.cursor.as_deref(), Some(limit))
            .await
            .expect(StatusCode::OK);
        let changes = page["changes"].as_array().unwrap();
        assert!(changes.len() <= limit as usize);
        // An item appears once per page, in its last state (or as one tombstone).
        let distinct: BTreeSet<(String, String, String)> = changes
            .iter()
            .map(|c| {
                (
                    c["kind"].to_string(),
                    c["list_id"].to_string(),
                    c["id"].to_string(),
                )
            })
            .collect();
        assert_eq!(distinct.len(), changes.len(), "duplicates in {changes:?}");
        for change in changes {
            self.apply(change);
            seen.changes.push(change.clone());
        }
        seen.pages += 1;
        self.cursor = Some(page["next_cursor"].as_str().unwrap().to_owned());
        page["has_more"].as_bool().unwrap()
    }

    /// Pulls until caught up with every write committed before the call.
    pub async fn pull(&mut self, app: &TestApp, token: &str, limit: u32) -> Pulled {
        settle(app).await;
        let node: &Node = app;
        let mut seen = Pulled::default();
        while self.pull_page(node, token, limit, &mut seen).await {
            assert!(seen.pages < 10_000, "the feed never ends");
        }
        seen
    }

    /// The copy without the cursor, to compare with [`Node::visible_state`].
    pub fn state(&self) -> Replica {
        Replica {
            cursor: None,
            ..self.clone()
        }
    }

    /// Asserts it equals `expected`, naming the first differences.
    #[track_caller]
    pub fn assert_matches(&self, expected: &Replica) {
        let ours = self.state();
        if ours == *expected {
            return;
        }
        let mut report = Vec::new();
        let keys = |a: &BTreeMap<String, Value>| a.keys().cloned().collect::<BTreeSet<_>>();
        for (what, a, b) in [
            ("todo", &ours.todos, &expected.todos),
            ("list", &ours.lists, &expected.lists),
        ] {
            for k in keys(a).union(&keys(b)) {
                if a.get(k) != b.get(k) {
                    report.push(format!(
                        "{what} {k}: replayed {:?}\n   expected {:?}",
                        a.get(k).map(Value::to_string),
                        b.get(k).map(Value::to_string)
                    ));
                }
            }
        }
        let mkeys =
            |a: &BTreeMap<(String, String), Value>| a.keys().cloned().collect::<BTreeSet<_>>();
        for k in mkeys(&ours.members).union(&mkeys(&expected.members)) {
            if ours.members.get(k) != expected.members.get(k) {
                report.push(format!(
                    "member {k:?}: replayed {:?}\n   expected {:?}",
                    ours.members.get(k).map(Value::to_string),
                    expected.members.get(k).map(Value::to_string)
                ));
            }
        }
        report.truncate(10);
        panic!("the replayed feed differs:\n{}", report.join("\n"));
    }
}
