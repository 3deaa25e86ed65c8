//! Scenarios of shared lists (issue 13, spec scenario 3): two editors racing with one
//! `If-Match` (one 200, one 412); removal taking effect at once on another node; an
//! invitation to an address with no account, seen and accepted once it registers.

use reqwest::header::{ETAG, IF_MATCH};
use reqwest::{Method, StatusCode};
use serde_json::{Value, json};

use crate::authorization::{call, join};
use crate::dual_test;
use crate::support::client::{Answer, Api, User};
use crate::support::{Node, ProblemExt, TestApp, TestDb, server_config};

dual_test!(
    two_editors_with_one_version_have_one_winner,
    removal_takes_effect_at_once_on_every_node,
    invitation_waits_for_an_account_that_registers_later
);

/// A list `owner` creates; its id.
async fn new_list(api: &Api, owner: &User, name: &str) -> String {
    let list = call(
        api,
        Method::POST,
        "/lists",
        &owner.token,
        Some(&json!({ "name": name })),
    )
    .await;
    assert_eq!(
        list.status,
        StatusCode::CREATED,
        "createList: {}",
        list.body
    );
    list.body["id"].as_str().unwrap().to_owned()
}

/// `who` joins `list` as `role` (invited by `owner`, accepted through `GET /invitations`).
async fn joined(api: &Api, owner: &User, list: &str, who: &User, role: &str) {
    join(api, owner, list, who, role)
        .await
        .unwrap_or_else(|e| panic!("{} joins as {role}: {e}", who.email));
}

/// A todo `who` creates in `list`; its body.
async fn todo_in(api: &Api, who: &User, list: &str, title: &str) -> Value {
    api.created_todo(&who.token, json!({ "title": title, "list_id": list }))
        .await
}

fn etag(answer: &Answer) -> String {
    answer
        .header(ETAG)
        .unwrap_or_else(|| panic!("no ETag: {}", answer.body))
        .to_owned()
}

async fn patch_if_match(api: &Api, token: &str, todo: &str, version: &str, body: &Value) -> Answer {
    Answer::read(
        api.request(Method::PATCH, &format!("/todos/{todo}"), Some(token))
            .header(IF_MATCH, version)
            .json(body)
            .send()
            .await
            .unwrap(),
    )
    .await
}

/// Spec: "ETag/If-Match between two editors (one 412)". Two editors of a shared list send
/// a PATCH of the same todo with the same `If-Match` at the same time: one wins, the other
/// gets 412 and changes nothing; round after round, from the winner's new ETag.
async fn two_editors_with_one_version_have_one_winner(app: &TestApp) {
    let api = &app.api;
    let owner = api.new_user("owner").await;
    let ann = api.new_user("ann").await;
    let ben = api.new_user("ben").await;
    let list = new_list(api, &owner, "shared").await;
    joined(api, &owner, &list, &ann, "editor").await;
    joined(api, &owner, &list, &ben, "editor").await;
    let todo = todo_in(api, &owner, &list, "start").await;
    let todo = todo["id"].as_str().unwrap();
    let mut version = etag(&api.get_todo(&ann.token, todo).await);
    for round in 0..5 {
        let by_ann = json!({ "title": format!("ann {round}") });
        let by_ben = json!({ "title": format!("ben {round}") });
        let (a, b) = tokio::join!(
            patch_if_match(api, &ann.token, todo, &version, &by_ann),
            patch_if_match(api, &ben.token, todo, &version, &by_ben),
        );
        let statuses = [a.status, b.status];
        assert!(
            statuses == [StatusCode::OK, StatusCode::PRECONDITION_FAILED]
                || statuses == [StatusCode::PRECONDITION_FAILED, StatusCode::OK],
            "round {round}: one 200 and one 412, got {statuses:?}: {} / {}",
            a.body,
            b.body
        );
        let (winner, loser, title) = if a.status == StatusCode::OK {
            (a, b, by_ann["title"].clone())
        } else {
            (b, a, by_ben["title"].clone())
        };
        loser
            .problem(
                StatusCode::PRECONDITION_FAILED,
                "/problems/precondition-failed",
            )
            .await;
        let stored = api.get_todo(&owner.token, todo).await;
        assert_eq!(etag(&stored), etag(&winner), "round {round}");
        assert_eq!(stored.body["title"], title, "round {round}: the winner's");
        version = etag(&winner);
    }
}

/// Spec: "Removal is a committed row delete, so it takes effect on the next statement on
/// every node." Bob reads the shared list through node B; Alice removes him through node A;
/// Bob's very next requests through node B answer 404, reads and writes alike, and the list
/// is gone from his lists.
async fn removal_takes_effect_at_once_on_every_node(db: &TestDb) {
    let a = Node::start(&server_config(db)).await;
    let b = Node::start(&server_config(db)).await;
    let alice = a.api.new_user("alice").await;
    let bob = b.api.new_user("bob").await;
    let list = new_list(&a.api, &alice, "shared").await;
    joined(&a.api, &alice, &list, &bob, "editor").await;
    let todo = todo_in(&a.api, &alice, &list, "milk").await;
    let todo = todo["id"].as_str().unwrap().to_owned();

    // Bob works through node B (which warms whatever node B caches).
    let reads = [
        format!("/lists/{list}"),
        format!("/todos/{todo}"),
        format!("/todos?list_id={list}"),
        format!("/lists/{list}/members"),
    ];
    for path in &reads {
        let answer = call(&b.api, Method::GET, path, &bob.token, None).await;
        assert_eq!(
            answer.status,
            StatusCode::OK,
            "{path} before: {}",
            answer.body
        );
    }
    let renamed = call(
        &b.api,
        Method::PATCH,
        &format!("/todos/{todo}"),
        &bob.token,
        Some(&json!({"title": "oat milk"})),
    )
    .await;
    assert_eq!(renamed.status, StatusCode::OK, "{}", renamed.body);

    // Alice removes him through node A.
    let removed = call(
        &a.api,
        Method::DELETE,
        &format!("/lists/{list}/members/{}", bob.id),
        &alice.token,
        None,
    )
    .await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.body);

    // His next requests through node B: 404, like a list that never existed.
    for path in &reads {
        call(&b.api, Method::GET, path, &bob.token, None)
            .await
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
    }
    for (method, path, body) in [
        (
            Method::PATCH,
            format!("/todos/{todo}"),
            Some(json!({"title": "soy milk"})),
        ),
        (
            Method::POST,
            "/todos".to_owned(),
            Some(json!({"title": "bread", "list_id": list})),
        ),
        (Method::DELETE, format!("/todos/{todo}"), None),
    ] {
        call(&b.api, method.clone(), &path, &bob.token, body.as_ref())
            .await
            .problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
    }
    let lists = call(&b.api, Method::GET, "/lists?limit=100", &bob.token, None).await;
    assert_eq!(lists.status, StatusCode::OK);
    assert!(
        !lists.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|l| l["id"] == list.as_str()),
        "the list is gone from Bob's lists: {}",
        lists.body
    );
    // Nothing of his attempts landed.
    let stored = a.api.get_todo(&alice.token, &todo).await;
    assert_eq!(stored.status, StatusCode::OK);
    assert_eq!(stored.body["title"], "oat milk");

    a.stop().await;
    b.stop().await;
}

/// Spec: "Inviting an address with no account works: the invitation shows up once it
/// registers." Alice invites an address nobody has (in other letter case than it registers
/// with); Carol registers with it, finds the invitation in `GET /invitations` and accepts;
/// she is then a viewer of the list, and the invitation is gone from both sides.
async fn invitation_waits_for_an_account_that_registers_later(app: &TestApp) {
    let api = &app.api;
    let alice = api.new_user("alice").await;
    let list = new_list(api, &alice, "Groceries").await;
    let email = format!("carol-{}@example.com", uuid::Uuid::new_v4().simple());
    let invited = call(
        api,
        Method::POST,
        &format!("/lists/{list}/invitations"),
        &alice.token,
        Some(&json!({"email": email.to_uppercase(), "role": "viewer"})),
    )
    .await;
    assert_eq!(invited.status, StatusCode::CREATED, "{}", invited.body);
    let invitation = invited.body["id"].as_str().unwrap().to_owned();

    // Carol registers later.
    let password = "carol password 123";
    let carol = api
        .register(&email, password, "Carol")
        .await
        .expect(StatusCode::CREATED);
    let carol_id = carol["id"].as_str().unwrap().to_owned();
    let token = api.login(&email, password).await;

    let mine = call(api, Method::GET, "/invitations", &token, None).await;
    assert_eq!(mine.status, StatusCode::OK, "{}", mine.body);
    let items = mine.body["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{}", mine.body);
    let shown = &items[0];
    assert_eq!(shown["id"], invitation.as_str());
    assert_eq!(shown["list_id"], list.as_str());
    assert_eq!(shown["list_name"], "Groceries");
    assert_eq!(shown["role"], "viewer");
    assert_eq!(shown["invited_by"], alice.id.as_str());

    let accepted = call(
        api,
        Method::POST,
        &format!("/invitations/{invitation}/accept"),
        &token,
        None,
    )
    .await;
    assert_eq!(accepted.status, StatusCode::OK, "{}", accepted.body);
    assert_eq!(accepted.body["id"], list.as_str());
    assert_eq!(accepted.body["role"], "viewer");
    assert_eq!(accepted.body["member_count"], 2);

    let got = call(api, Method::GET, &format!("/lists/{list}"), &token, None).await;
    assert_eq!(got.status, StatusCode::OK, "{}", got.body);
    assert_eq!(got.body["role"], "viewer");
    let members = call(
        api,
        Method::GET,
        &format!("/lists/{list}/members"),
        &alice.token,
        None,
    )
    .await;
    assert!(
        members.body["items"]
            .as_array()
            .unwrap()
            .iter()
            .any(|m| m["user_id"] == carol_id.as_str() && m["role"] == "viewer"),
        "{}",
        members.body
    );
    // Answered: gone from her invitations and from the list's pending ones; not twice.
    let mine = call(api, Method::GET, "/invitations", &token, None).await;
    assert_eq!(mine.body["items"], json!([]), "{}", mine.body);
    let pending = call(
        api,
        Method::GET,
        &format!("/lists/{list}/invitations"),
        &alice.token,
        None,
    )
    .await;
    assert_eq!(pending.body["items"], json!([]), "{}", pending.body);
    call(
        api,
        Method::POST,
        &format!("/invitations/{invitation}/accept"),
        &token,
        None,
    )
    .await
    .problem(StatusCode::NOT_FOUND, "/problems/not-found")
    .await;
}
