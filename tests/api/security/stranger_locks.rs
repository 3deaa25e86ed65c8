//! Threat: a stranger who knows the id of a list or a todo they cannot see (a former
//! member, or someone shown a link) sends writes at it, over and over. Each is refused, and
//! none of them may lock, or wait for a lock on, the list's row, its members' accounts or
//! its todos before the stranger's right to them is known: else such a stream of requests
//! holds those rows, and every member's writes queue behind it.
//!
//! PostgreSQL only: SQLite has no row locks (its writers take turns in any case).
//!
//! The test holds the victim's rows in a transaction of its own and sends each refused
//! write: one that answers has waited for nothing; one that shows up waiting for a lock in
//! `pg_stat_activity` would have queued behind the member's write (checked by the
//! database's state, not the clock).

use std::future::Future;

use reqwest::StatusCode;
use serde_json::json;
use sqlx::{Connection, PgConnection};

use crate::support::client::Answer;
use crate::support::id;
use crate::support::{Backend, TestApp, run_app};

/// The victim's rows a write to their list or todo could lock.
struct Held<'a> {
    members: [&'a str; 2],
    list: &'a str,
    todo: &'a str,
}

/// Sends `request` while a transaction holds every row in `held`: `Ok` with the answer if
/// it came without waiting for a lock, `Err` with the answer if it had to wait.
async fn answer_while_held(
    app: &TestApp,
    held: &Held<'_>,
    request: impl Future<Output = Answer>,
) -> Result<Answer, Answer> {
    let mut holder = PgConnection::connect(&app.db.url).await.unwrap();
    let mut hold = holder.begin().await.unwrap();
    for (statement, row) in [
        (
            "SELECT 1 FROM users WHERE id = $1::uuid FOR UPDATE",
            held.members[0],
        ),
        (
            "SELECT 1 FROM users WHERE id = $1::uuid FOR UPDATE",
            held.members[1],
        ),
        (
            "SELECT 1 FROM lists WHERE id = $1::uuid FOR UPDATE",
            held.list,
        ),
        (
            "SELECT 1 FROM list_members WHERE list_id = $1::uuid FOR UPDATE",
            held.list,
        ),
        (
            "SELECT 1 FROM todos WHERE id = $1::uuid FOR UPDATE",
            held.todo,
        ),
    ] {
        sqlx::query(statement)
            .bind(row)
            .execute(&mut *hold)
            .await
            .unwrap();
    }
    tokio::pin!(request);
    tokio::select! {
        answer = &mut request => {
            hold.rollback().await.unwrap();
            Ok(answer)
        }
        () = app.db.until_waiting(1) => {
            hold.rollback().await.unwrap();
            Err(request.await)
        }
    }
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_strangers_refused_writes_wait_for_no_members_lock() {
    run_app(Backend::Postgres, async |app: &TestApp| {
        let ann = app.api.new_user("ann").await;
        let bob = app.api.new_user("bob").await;
        let mal = app.api.new_user("mal").await;
        let list = id(&app.created_list(&ann.token, "Ann's").await);
        app.share(&ann, &list, &bob, "editor").await;
        let todo = id(&app
            .api
            .created_todo(&ann.token, json!({"title": "Ann's", "list_id": list}))
            .await);
        let own_list = id(&app.created_list(&mal.token, "Mal's").await);
        let own_todo = id(&app
            .api
            .created_todo(&mal.token, json!({"title": "Mal's", "list_id": own_list}))
            .await);
        let held = Held {
            members: [&ann.id, &bob.id],
            list: &list,
            todo: &todo,
        };
        let (api, t) = (&app.api, mal.token.as_str());

        let mut waited = Vec::new();
        let mut wrong = Vec::new();
        let mut check = |what: &str, expected: StatusCode, outcome: Result<Answer, Answer>| {
            let (Ok(answer) | Err(answer)) = &outcome;
            // Refused where the list's rows are judged (so the write reached them), as a
            // missing id would be.
            if answer.status != expected {
                wrong.push(format!("{what}: {} {}", answer.status, answer.body));
            }
            if outcome.is_err() {
                waited.push(format!("{what} ({})", answer.status));
            }
        };
        macro_rules! attempt {
            ($what:expr, $expected:expr, $request:expr) => {
                let answer = answer_while_held(app, &held, $request).await;
                check($what, $expected, answer);
            };
        }

        attempt!(
            "PATCH the todo",
            StatusCode::NOT_FOUND,
            api.update_todo(t, &todo, &json!({"title": "mine"}))
        );
        attempt!(
            "PATCH the todo into the stranger's list",
            StatusCode::NOT_FOUND,
            api.update_todo(t, &todo, &json!({"list_id": own_list}))
        );
        attempt!(
            "PATCH the stranger's todo into the list",
            StatusCode::NOT_FOUND,
            api.update_todo(t, &own_todo, &json!({"list_id": list}))
        );
        attempt!(
            "DELETE the todo",
            StatusCode::NOT_FOUND,
            api.delete_todo(t, &todo)
        );
        attempt!(
            "move the todo",
            StatusCode::NOT_FOUND,
            api.move_todo(t, &todo, &json!({"to": "first"}))
        );
        attempt!(
            "move the stranger's todo under the todo",
            StatusCode::UNPROCESSABLE_ENTITY,
            api.move_todo(t, &own_todo, &json!({"to": "first", "parent_id": todo}))
        );
        attempt!(
            "create a todo in the list",
            StatusCode::NOT_FOUND,
            api.create_todo(t, &json!({"title": "x", "list_id": list}))
        );
        attempt!(
            "create a subtask of the todo",
            StatusCode::UNPROCESSABLE_ENTITY,
            api.create_todo(t, &json!({"title": "x", "parent_id": todo}))
        );
        attempt!(
            "create a todo with the todo's id",
            StatusCode::CONFLICT,
            api.create_todo(t, &json!({"title": "x", "id": todo}))
        );
        attempt!(
            "complete the todo in a batch",
            StatusCode::UNPROCESSABLE_ENTITY,
            api.batch_todos(t, &json!({"action": "complete", "ids": [todo]}))
        );
        attempt!(
            "PATCH the list",
            StatusCode::NOT_FOUND,
            app.update_list(t, &list, &json!({"name": "mine"}), None)
        );
        attempt!(
            "DELETE the list",
            StatusCode::NOT_FOUND,
            app.delete_list(t, &list, "", None)
        );
        attempt!(
            "move the list",
            StatusCode::NOT_FOUND,
            app.move_list(t, &list, &json!({"to": "first"}))
        );
        attempt!(
            "move the stranger's list after the list",
            StatusCode::UNPROCESSABLE_ENTITY,
            app.move_list(t, &own_list, &json!({"after": list}))
        );
        attempt!(
            "change the owner's role",
            StatusCode::NOT_FOUND,
            app.update_member(t, &list, &ann.id, &json!({"role": "viewer"}))
        );
        attempt!(
            "remove the owner",
            StatusCode::NOT_FOUND,
            app.remove_member(t, &list, &ann.id)
        );
        attempt!(
            "invite to the list",
            StatusCode::NOT_FOUND,
            app.create_invitation(t, &list, &json!({"email": mal.email, "role": "owner"}))
        );

        assert!(wrong.is_empty(), "answers: {wrong:#?}");
        assert!(
            waited.is_empty(),
            "a stranger's refused writes waited for the list's locks (so each would hold \
             them up too): {waited:?}"
        );
    })
    .await;
}
