//! `GET /events` (ADR 0027): change notices pushed as Server-Sent Events, across nodes,
//! resumed with `Last-Event-ID`, ended by token expiry, session revocation and shutdown,
//! bounded per account.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::cluster::PrivateCluster;
use crate::support::events::EventReader;
use crate::support::{Backend, Node, TestApp, TestDb, server_config};

/// A generous bound for anything to arrive (never a latency assertion).
const WITHIN: Duration = Duration::from_secs(5);

/// Skips change notices until the one about `id`; returns its event id and data.
async fn notice_about(stream: &mut EventReader, id: &str) -> (String, Value) {
    loop {
        let (event_id, data) = stream
            .next_change(WITHIN)
            .await
            .unwrap_or_else(|| panic!("the stream ended before a notice about {id}"));
        assert_eq!(
            data["cursor"],
            event_id.as_str(),
            "the data names its cursor"
        );
        if data["id"] == id {
            return (event_id, data);
        }
    }
}

fn id_of(item: &Value) -> String {
    item["id"].as_str().unwrap().to_owned()
}

/// Creates a todo through `node` and returns the time until the stream announced it.
async fn create_and_time(
    node: &Node,
    token: &str,
    stream: &mut EventReader,
    title: &str,
) -> Duration {
    let started = Instant::now();
    let todo = node
        .api
        .created_todo(token, json!({ "title": title }))
        .await;
    let (_, data) = notice_about(stream, &id_of(&todo)).await;
    let took = started.elapsed();
    assert_eq!(data["kind"], "todo");
    assert_eq!(data["op"], "upsert");
    assert_eq!(data["list_id"], todo["list_id"]);
    took
}

/// Two nodes on one PostgreSQL database: a cluster of the test's own, so that the measured
/// latency is not the other suites' open transactions holding the feed's watermark back
/// (it is cluster-wide, ADR 0026).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_change_through_node_a_reaches_a_stream_on_node_b() {
    let Some(cluster) = PrivateCluster::create() else {
        return;
    };
    let db = TestDb::external(
        Backend::Postgres,
        cluster.url(),
        tempfile::tempdir().unwrap(),
    );
    let a = Node::start(&server_config(&db)).await;
    let b = Node::start(&server_config(&db)).await;
    let user = a.api.new_user("cross").await;
    let mut stream = b.stream_events(&user.token, None, "").await.stream();
    let mut latencies = Vec::new();
    for i in 0..20 {
        latencies.push(create_and_time(&a, &user.token, &mut stream, &format!("t{i}")).await);
    }
    latencies.sort();
    eprintln!(
        "cross-node event latency (create sent to A -> event read from B), 20 writes: min {:?}, median {:?}, max {:?}",
        latencies[0], latencies[10], latencies[19]
    );
    drop(stream);
    b.stop().await;
    a.stop().await;
}

async fn a_change_reaches_a_stream_on_the_same_node(app: &TestApp) {
    let user = app.api.new_user("same").await;
    let mut stream = app.stream_events(&user.token, None, "").await.stream();
    let took = create_and_time(app, &user.token, &mut stream, "one").await;
    eprintln!("same-node event latency: {took:?}");
    // A burst: every change is announced, in order.
    let mut ids = Vec::new();
    for i in 0..5 {
        ids.push(id_of(
            &app.api
                .created_todo(&user.token, json!({ "title": format!("b{i}") }))
                .await,
        ));
    }
    for id in &ids {
        notice_about(&mut stream, id).await;
    }
    // A deletion reads as a delete notice.
    let answer = app.api.delete_todo(&user.token, &ids[0]).await;
    assert_eq!(answer.status, StatusCode::NO_CONTENT);
    let (_, data) = notice_about(&mut stream, &ids[0]).await;
    assert_eq!(data["op"], "delete");
}

async fn last_event_id_replays_what_was_missed(app: &TestApp) {
    let user = app.api.new_user("resume").await;
    let mut stream = app.stream_events(&user.token, None, "").await.stream();
    let first = app
        .api
        .created_todo(&user.token, json!({ "title": "seen" }))
        .await;
    let (last_id, _) = notice_about(&mut stream, &id_of(&first)).await;
    drop(stream);
    let missed: Vec<String> = [
        app.api
            .created_todo(&user.token, json!({ "title": "missed 1" }))
            .await,
        app.api
            .created_todo(&user.token, json!({ "title": "missed 2" }))
            .await,
    ]
    .iter()
    .map(id_of)
    .collect();

    // Resumed with Last-Event-ID: the missed changes first, not the seen one.
    let mut resumed = app
        .stream_events(&user.token, Some(&last_id), "")
        .await
        .stream();
    for id in &missed {
        let (_, data) = resumed
            .next_change(WITHIN)
            .await
            .expect("a replayed change");
        assert_eq!(data["id"], id.as_str(), "replayed in order, nothing before");
    }
    // Then live ones.
    let live = app
        .api
        .created_todo(&user.token, json!({ "title": "live" }))
        .await;
    notice_about(&mut resumed, &id_of(&live)).await;
    drop(resumed);

    // `?cursor=` does the same.
    let query = format!("cursor={}", urlencode(&last_id));
    let mut by_query = app.stream_events(&user.token, None, &query).await.stream();
    let (_, data) = by_query
        .next_change(WITHIN)
        .await
        .expect("a replayed change");
    assert_eq!(data["id"], missed[0].as_str());
    drop(by_query);

    // A cursor that is not one answers 400 before any stream; another user's too.
    let refused = app
        .stream_events(&user.token, Some("not-a-cursor"), "")
        .await
        .refused();
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
    let other = app.api.new_user("other").await;
    let refused = app
        .stream_events(&other.token, Some(&last_id), "")
        .await
        .refused();
    assert_eq!(refused.status, StatusCode::BAD_REQUEST, "{}", refused.body);
}

fn urlencode(s: &str) -> String {
    form_urlencoded::byte_serialize(s.as_bytes()).collect()
}

async fn a_heartbeat_comment_comes_between_changes(app: &TestApp) {
    let node = app.another_node(|c| c.sse_heartbeat_seconds = 1).await;
    let user = node.api.new_user("beat").await;
    let mut stream = node.stream_events(&user.token, None, "").await.stream();
    // Two comments (changes may come first: the account's Inbox, if its commit was not yet
    // below the watermark when the stream started).
    let mut comments = 0;
    while comments < 2 {
        match stream.next(WITHIN).await.expect("the stream stays open") {
            crate::support::events::Sse::Comment(text) => {
                assert_eq!(text, "keep-alive");
                comments += 1;
            }
            crate::support::events::Sse::Change { .. } => {}
        }
    }
    drop(stream);
    node.stop().await;
}

async fn a_revoked_session_ends_its_stream(app: &TestApp) {
    let user = app.api.new_user("revoked").await;
    let (token, refresh) = app.api.login_tokens(&user.email, &user.password).await;
    let mut stream = app.stream_events(&token, None, "").await.stream();
    // Another session of the same account keeps its stream.
    let mut other = app.stream_events(&user.token, None, "").await.stream();
    let revoked = app.api.revoke(&[("token", refresh.as_str())]).await;
    assert!(revoked.status().is_success(), "{}", revoked.status());
    let started = Instant::now();
    // The bound is the session guard's (5 s) plus a check interval: 10 s is generous.
    stream.ended(Duration::from_secs(12)).await;
    eprintln!(
        "revoked session's stream ended after {:?}",
        started.elapsed()
    );
    let todo = app
        .api
        .created_todo(&user.token, json!({ "title": "still here" }))
        .await;
    notice_about(&mut other, &id_of(&todo)).await;
}

async fn an_expired_token_ends_its_stream(app: &TestApp) {
    let node = app.another_node(|c| c.access_token_ttl_seconds = 2).await;
    let user = node.api.new_user("expiring").await;
    let mut stream = node.stream_events(&user.token, None, "").await.stream();
    let started = Instant::now();
    stream.ended(Duration::from_secs(10)).await;
    eprintln!("stream of a 2 s token ended after {:?}", started.elapsed());
    node.stop().await;
}

async fn streams_per_account_are_bounded_and_freed(app: &TestApp) {
    let user = app.api.new_user("many").await;
    let mut streams = Vec::new();
    for _ in 0..5 {
        streams.push(app.stream_events(&user.token, None, "").await.stream());
    }
    let refused = app.stream_events(&user.token, None, "").await.refused();
    assert_eq!(
        refused.status,
        StatusCode::TOO_MANY_REQUESTS,
        "{}",
        refused.body
    );
    assert!(
        refused.header("retry-after").is_some(),
        "429 says when to retry"
    );
    // Another account is not affected.
    let other = app.api.new_user("other").await;
    let _other = app.stream_events(&other.token, None, "").await.stream();
    // Clients that go away free their places (the server notices the closed connection).
    streams.clear();
    let deadline = Instant::now() + Duration::from_secs(30);
    let mut reopened = Vec::new();
    while reopened.len() < 5 {
        match app.stream_events(&user.token, None, "").await {
            crate::support::events::Opened::Stream(s) => reopened.push(s),
            crate::support::events::Opened::Refused(answer) => {
                assert_eq!(answer.status, StatusCode::TOO_MANY_REQUESTS);
                assert!(Instant::now() < deadline, "closed streams were not freed");
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
        }
    }
}

async fn a_removed_member_stops_getting_the_lists_events(app: &TestApp) {
    let owner = app.api.new_user("owner").await;
    let member = app.api.new_user("member").await;
    let list = app.created_list(&owner.token, "Shared").await;
    let list_id = id_of(&list);
    app.share(&owner, &list_id, &member, "editor").await;
    let mut stream = app.stream_events(&member.token, None, "").await.stream();
    let shared = app
        .api
        .created_todo(
            &owner.token,
            json!({ "title": "for both", "list_id": list_id }),
        )
        .await;
    notice_about(&mut stream, &id_of(&shared)).await;

    let removed = app.remove_member(&owner.token, &list_id, &member.id).await;
    assert_eq!(removed.status, StatusCode::NO_CONTENT, "{}", removed.body);
    let (_, data) = notice_about(&mut stream, &list_id).await;
    assert_eq!(
        (data["kind"].as_str(), data["op"].as_str()),
        (Some("list"), Some("delete"))
    );

    // A change in the list no longer reaches the member: the next notice is the member's
    // own todo made after it.
    app.api
        .created_todo(
            &owner.token,
            json!({ "title": "owner only", "list_id": list_id }),
        )
        .await;
    let own = app
        .api
        .created_todo(&member.token, json!({ "title": "mine" }))
        .await;
    let (_, data) = stream
        .next_change(WITHIN)
        .await
        .expect("the stream stays open");
    assert_eq!(data["id"], id_of(&own).as_str(), "{data}");
}

async fn shutdown_ends_streams_without_waiting_for_them(app: &TestApp) {
    let node = app.another_node(|c| c.shutdown_timeout_seconds = 300).await;
    let user = node.api.new_user("shutdown").await;
    let mut stream = node.stream_events(&user.token, None, "").await.stream();
    let started = Instant::now();
    // Were the stream holding shutdown up, this would wait for the 300 s grace period.
    tokio::time::timeout(Duration::from_secs(30), node.stop())
        .await
        .expect("shutdown does not wait for event streams");
    stream.ended(WITHIN).await;
    eprintln!("shutdown with an open stream took {:?}", started.elapsed());
}

dual_test!(
    a_change_reaches_a_stream_on_the_same_node,
    last_event_id_replays_what_was_missed,
    a_heartbeat_comment_comes_between_changes,
    a_revoked_session_ends_its_stream,
    an_expired_token_ends_its_stream,
    streams_per_account_are_bounded_and_freed,
    a_removed_member_stops_getting_the_lists_events,
    shutdown_ends_streams_without_waiting_for_them,
);

/// PostgreSQL restarted under an open stream: the listener reconnects and the change made
/// while it was down still arrives (every stream re-pulls after a reconnect).
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_listener_survives_a_postgres_restart() {
    let Some(cluster) = PrivateCluster::create() else {
        return;
    };
    let db = TestDb::external(
        Backend::Postgres,
        cluster.url(),
        tempfile::tempdir().unwrap(),
    );
    let mut config = server_config(&db);
    config.database.database_acquire_timeout_seconds = 1;
    let writer = Node::start(&config).await;
    let reader = Node::start(&config).await;
    let user = writer.api.new_user("restart").await;
    let mut stream = reader.stream_events(&user.token, None, "").await.stream();
    let before = writer
        .api
        .created_todo(&user.token, json!({ "title": "before" }))
        .await;
    notice_about(&mut stream, &id_of(&before)).await;

    cluster.stop();
    cluster.start();
    // The first write after the restart may meet a dead pooled connection; retry it.
    let deadline = Instant::now() + Duration::from_secs(30);
    let after = loop {
        let answer = writer
            .api
            .create_todo(&user.token, &json!({ "title": "after" }))
            .await;
        if answer.status == StatusCode::CREATED {
            break answer.body;
        }
        assert!(
            Instant::now() < deadline,
            "writes did not recover: {}",
            answer.status
        );
        tokio::time::sleep(Duration::from_millis(200)).await;
    };
    // The stream may have ended if its session check met the outage; it must not have.
    let (_, data) = loop {
        let (id, data) = stream
            .next_change(Duration::from_secs(30))
            .await
            .expect("the stream survives the restart");
        if data["id"] == id_of(&after).as_str() {
            break (id, data);
        }
    };
    assert_eq!(data["op"], "upsert");
    reader.stop().await;
    writer.stop().await;
}
