//! The benchmark's reference handlers (server-impl/examples/baseline.rs, served here on
//! loopback next to the real server, on the same database and key) answer the same JSON and
//! status codes as the project for the same requests: a page over own and shared lists,
//! one todo with tags and subtask counts, a create, a patch, and their refusals.

use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::client::{Api, User};
use crate::support::{AUDIENCE, ISSUER, JWT_SECRET, TestApp};

#[path = "../../server-impl/examples/baseline.rs"]
#[allow(dead_code)]
mod baseline;

dual_test!(reference_answers_what_the_project_answers);

/// The reference on a loopback port: its base URL (`…/api/v1`).
async fn start_reference(app: &TestApp) -> Api {
    let reference =
        baseline::Reference::connect(&app.db.url, JWT_SECRET.as_bytes(), ISSUER, AUDIENCE)
            .await
            .expect("the reference connects");
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let addr = listener.local_addr().unwrap();
    tokio::spawn(async move { axum::serve(listener, reference.router()).await });
    Api::new(format!("http://{addr}/api/v1"))
}

async fn call(
    api: &Api,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> (StatusCode, Value) {
    let mut rb = api.request(method, path, token);
    if let Some(body) = body {
        rb = rb.json(body);
    }
    let res = rb.send().await.unwrap();
    let status = res.status();
    let text = res.text().await.unwrap();
    (status, serde_json::from_str(&text).unwrap_or(Value::Null))
}

/// `todo` without the fields two creations of the same body differ in.
fn masked(todo: &Value, fields: &[&str]) -> Value {
    let mut todo = todo.clone();
    for f in fields {
        todo.as_object_mut().unwrap().remove(*f);
    }
    todo
}

async fn reference_answers_what_the_project_answers(app: &TestApp) {
    let reference = start_reference(app).await;
    let project = &app.api;
    let ann: User = project.new_user("ann").await;
    let bob: User = project.new_user("bob").await;
    let cy: User = project.new_user("cy").await;
    // Bob's list, shared with Ann (editor) and Cy (viewer).
    let shared = app.created_list(&bob.token, "Shared").await;
    let shared_id = shared["id"].as_str().unwrap().to_owned();
    app.share(&bob, &shared_id, &ann, "editor").await;
    app.share(&bob, &shared_id, &cy, "viewer").await;
    let mut ids = Vec::new();
    for i in 0..12 {
        let todo = project
            .created_todo(
                &ann.token,
                json!({"title": format!("ann {i}"), "tags": ["Work", "home", "émoji"], "notes": "n",
                       "due_at": "2030-01-02T03:04:05.123456Z", "priority": "high"}),
            )
            .await;
        ids.push(todo["id"].as_str().unwrap().to_owned());
        let todo = project
            .created_todo(
                &bob.token,
                json!({"title": format!("bob {i}"), "list_id": shared_id}),
            )
            .await;
        ids.push(todo["id"].as_str().unwrap().to_owned());
    }
    // A parent with two subtasks, one done; a completed todo.
    let parent = ids[0].clone();
    for done in [true, false] {
        let sub = project
            .created_todo(
                &ann.token,
                json!({"title": "sub", "parent_id": parent, "tags": ["x"]}),
            )
            .await;
        if done {
            let path = format!("/todos/{}", sub["id"].as_str().unwrap());
            let (status, _) = call(
                project,
                Method::PATCH,
                &path,
                Some(&ann.token),
                Some(&json!({"completed": true})),
            )
            .await;
            assert_eq!(status, StatusCode::OK);
        }
    }
    let path = format!("/todos/{}", ids[3]);
    call(
        project,
        Method::PATCH,
        &path,
        Some(&bob.token),
        Some(&json!({"completed": true})),
    )
    .await;
    let cys = project
        .created_todo(&cy.token, json!({"title": "private"}))
        .await;

    // The first page: the same 20 todos, the same JSON; a next page on both.
    let (s1, mine) = call(
        project,
        Method::GET,
        "/todos?limit=20",
        Some(&ann.token),
        None,
    )
    .await;
    let (s2, theirs) = call(&reference, Method::GET, "/todos", Some(&ann.token), None).await;
    assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK));
    assert_eq!(mine["items"].as_array().unwrap().len(), 20);
    assert_eq!(theirs["items"], mine["items"]);
    assert!(mine["next_cursor"].is_string() && theirs["next_cursor"].is_string());

    // One todo: with subtask counts, in a shared list, completed; others' and unknown ones.
    for id in [&parent, &ids[1], &ids[3], &ids[20]] {
        let path = format!("/todos/{id}");
        let (s1, mine) = call(project, Method::GET, &path, Some(&ann.token), None).await;
        let (s2, theirs) = call(&reference, Method::GET, &path, Some(&ann.token), None).await;
        assert_eq!((s1, s2), (StatusCode::OK, StatusCode::OK), "{path}");
        assert_eq!(theirs, mine, "{path}");
    }
    assert_eq!(
        mine_status(
            project,
            &reference,
            Method::GET,
            &format!("/todos/{}", cys["id"].as_str().unwrap()),
            Some(&ann.token),
            None
        )
        .await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        mine_status(
            project,
            &reference,
            Method::GET,
            &format!("/todos/{}", uuid::Uuid::new_v4()),
            Some(&ann.token),
            None
        )
        .await,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        mine_status(project, &reference, Method::GET, "/todos", None, None).await,
        StatusCode::UNAUTHORIZED
    );
    assert_eq!(
        mine_status(
            project,
            &reference,
            Method::GET,
            "/todos",
            Some("not.a.token"),
            None
        )
        .await,
        StatusCode::UNAUTHORIZED
    );

    // Create: the reference's todo is what the project reads back, placed where the project
    // would have placed it (after the last sibling), and shaped as the project's creation.
    for list in [None, Some(shared_id.as_str())] {
        let mut body = json!({"title": "  created  ", "notes": null, "tags": ["b", "A", "a "],
                              "due_at": "2031-05-06T07:08:09Z", "priority": "low"});
        if let Some(list) = list {
            body["list_id"] = json!(list);
        }
        let (s1, mine) = call(
            project,
            Method::POST,
            "/todos",
            Some(&ann.token),
            Some(&body),
        )
        .await;
        let (s2, theirs) = call(
            &reference,
            Method::POST,
            "/todos",
            Some(&ann.token),
            Some(&body),
        )
        .await;
        assert_eq!(
            (s1, s2),
            (StatusCode::CREATED, StatusCode::CREATED),
            "{theirs}"
        );
        let key = todo_api::domain::position::key_between(mine["position"].as_str(), None).unwrap();
        assert_eq!(theirs["position"], json!(key));
        let fields = ["id", "created_at", "updated_at", "position"];
        assert_eq!(masked(&theirs, &fields), masked(&mine, &fields));
        let path = format!("/todos/{}", theirs["id"].as_str().unwrap());
        let (_, stored) = call(project, Method::GET, &path, Some(&ann.token), None).await;
        assert_eq!(stored, theirs);
    }
    let blank = json!({"title": "   "});
    assert_eq!(
        mine_status(
            project,
            &reference,
            Method::POST,
            "/todos",
            Some(&ann.token),
            Some(&blank)
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
    let in_shared = json!({"title": "t", "list_id": shared_id});
    assert_eq!(
        mine_status(
            project,
            &reference,
            Method::POST,
            "/todos",
            Some(&cy.token),
            Some(&in_shared)
        )
        .await,
        StatusCode::FORBIDDEN
    );
    let elsewhere = json!({"title": "t", "list_id": cy.id});
    assert_eq!(
        mine_status(
            project,
            &reference,
            Method::POST,
            "/todos",
            Some(&ann.token),
            Some(&elsewhere)
        )
        .await,
        StatusCode::NOT_FOUND
    );

    // Patch: two todos made alike, patched alike, one by each; the reference's answer is
    // what the project reads back.
    for (body, a, b) in [
        (
            json!({"title": " patched ", "notes": null, "completed": true, "priority": "low",
                "due_at": null, "tags": ["Z", "y", "work"]}),
            &ids[4],
            &ids[6],
        ),
        (json!({"notes": "just notes"}), &ids[8], &ids[10]),
        (json!({"completed": false, "tags": []}), &ids[4], &ids[6]),
        (json!({}), &ids[8], &ids[10]),
        (
            json!({"title": "in the shared list", "completed": true}),
            &ids[5],
            &ids[7],
        ),
    ] {
        let (s1, mine) = call(
            project,
            Method::PATCH,
            &format!("/todos/{a}"),
            Some(&ann.token),
            Some(&body),
        )
        .await;
        let (s2, theirs) = call(
            &reference,
            Method::PATCH,
            &format!("/todos/{b}"),
            Some(&ann.token),
            Some(&body),
        )
        .await;
        assert_eq!(
            (s1, s2),
            (StatusCode::OK, StatusCode::OK),
            "{body}: {theirs}"
        );
        let fields = [
            "id",
            "title",
            "created_at",
            "updated_at",
            "completed_at",
            "position",
        ];
        assert_eq!(masked(&theirs, &fields), masked(&mine, &fields), "{body}");
        if body.get("title").is_some() {
            assert_eq!(theirs["title"], mine["title"]);
        }
        assert_eq!(
            theirs["completed_at"].is_null(),
            mine["completed_at"].is_null()
        );
        let (_, stored) = call(
            project,
            Method::GET,
            &format!("/todos/{b}"),
            Some(&ann.token),
            None,
        )
        .await;
        assert_eq!(stored, theirs, "{body}");
    }
    let path = format!("/todos/{}", ids[1]);
    let change = json!({"title": "no"});
    assert_eq!(
        mine_status(
            project,
            &reference,
            Method::PATCH,
            &path,
            Some(&cy.token),
            Some(&change)
        )
        .await,
        StatusCode::FORBIDDEN
    );
    let path = format!("/todos/{}", cys["id"].as_str().unwrap());
    assert_eq!(
        mine_status(
            project,
            &reference,
            Method::PATCH,
            &path,
            Some(&ann.token),
            Some(&change)
        )
        .await,
        StatusCode::NOT_FOUND
    );
    let path = format!("/todos/{}", ids[0]);
    assert_eq!(
        mine_status(
            project,
            &reference,
            Method::PATCH,
            &path,
            Some(&ann.token),
            Some(&json!({"title": ""}))
        )
        .await,
        StatusCode::UNPROCESSABLE_ENTITY
    );
}

/// The status both give for one request, which must be the same.
async fn mine_status(
    project: &Api,
    reference: &Api,
    method: Method,
    path: &str,
    token: Option<&str>,
    body: Option<&Value>,
) -> StatusCode {
    let (mine, _) = call(project, method.clone(), path, token, body).await;
    let (theirs, _) = call(reference, method, path, token, body).await;
    assert_eq!(theirs, mine, "{path}");
    mine
}
