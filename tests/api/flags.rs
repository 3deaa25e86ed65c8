//! Feature flags and kill switches: changed through one node, obeyed by another within the
//! flag cache's TTL; maintenance mode refuses writes and keeps reads and sign-in; closed
//! registration refuses registration.

use std::time::{Duration, Instant};

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::admin::new_admin;
use crate::dual_test;
use crate::support::client::{Answer, error_fields};
use crate::support::{ProblemExt, TestApp};

dual_test!(
    flags_changed_on_one_node_are_obeyed_by_another,
    maintenance_refuses_writes_and_keeps_reads_and_sign_in,
    flag_changes_are_validated_admin_only_and_audited,
    sync_and_live_events_are_kill_switches
);

/// Polls `attempt` until it answers `status`, for at most 10 seconds (five times the
/// flag cache's TTL): how long it takes is not asserted, only that it happens.
async fn eventually(
    what: &str,
    status: StatusCode,
    mut attempt: impl AsyncFnMut() -> Answer,
) -> Answer {
    let deadline = Instant::now() + Duration::from_secs(10);
    loop {
        let answer = attempt().await;
        if answer.status == status {
            return answer;
        }
        assert!(
            Instant::now() < deadline,
            "{what}: still {} ({}) after 10 s",
            answer.status,
            answer.body
        );
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
}

fn fresh_email(name: &str) -> String {
    format!("{name}-{}@example.com", uuid::Uuid::new_v4().simple())
}

async fn flags_changed_on_one_node_are_obeyed_by_another(app: &TestApp) {
    let b = app.another_node(|_| {}).await;
    let admin = new_admin(app, "flag-admin").await;
    let flags = app.api.get_flags(&admin.token).await.expect(StatusCode::OK);
    assert_eq!(
        flags,
        json!({"registration": true, "maintenance": false, "sharing": true,
               "sync": true, "live_events": true})
    );
    // Node B has read the flags (registration open) before the change.
    b.api
        .register(&fresh_email("before"), "a fine password 1", "Before")
        .await
        .expect(StatusCode::CREATED);

    let changed = app
        .api
        .update_flags(&admin.token, &json!({"registration": false}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(changed["registration"], false);
    assert_eq!(changed["maintenance"], false);
    // Node A obeys at once; node B within its cache's TTL, without a restart.
    app.api
        .register(&fresh_email("closed-a"), "a fine password 1", "A")
        .await
        .problem(StatusCode::FORBIDDEN, "/problems/registration-closed")
        .await;
    let refused = eventually(
        "registration closed on node B",
        StatusCode::FORBIDDEN,
        async || {
            b.api
                .register(&fresh_email("closed-b"), "a fine password 1", "B")
                .await
        },
    )
    .await;
    refused
        .problem(StatusCode::FORBIDDEN, "/problems/registration-closed")
        .await;
    // Closed registration leaves existing accounts alone.
    b.api.login(&admin.email, &admin.password).await;

    // Opened again through node B, obeyed by node A.
    b.api
        .update_flags(&admin.token, &json!({"registration": true}))
        .await
        .expect(StatusCode::OK);
    eventually(
        "registration open on node A",
        StatusCode::CREATED,
        async || {
            app.api
                .register(&fresh_email("open-a"), "a fine password 1", "A")
                .await
        },
    )
    .await;
    b.stop().await;
}

async fn maintenance_refuses_writes_and_keeps_reads_and_sign_in(app: &TestApp) {
    let b = app.another_node(|_| {}).await;
    let admin = new_admin(app, "maint-admin").await;
    let user = b.api.new_user("maint-user").await;
    let todo = b
        .api
        .created_todo(&user.token, json!({"title": "before maintenance"}))
        .await;
    let todo_id = todo["id"].as_str().unwrap().to_owned();

    app.api
        .update_flags(&admin.token, &json!({"maintenance": true}))
        .await
        .expect(StatusCode::OK);
    let refused = eventually(
        "maintenance on node B",
        StatusCode::SERVICE_UNAVAILABLE,
        async || {
            b.api
                .create_todo(&user.token, &json!({"title": "during"}))
                .await
        },
    )
    .await;
    assert_eq!(refused.header("retry-after"), Some("60"));
    refused
        .problem(StatusCode::SERVICE_UNAVAILABLE, "/problems/maintenance")
        .await;

    // Every other kind of write is refused too, with Retry-After, and changes nothing.
    let api = &b.api;
    let writes = [
        api.update_todo(&user.token, &todo_id, &json!({"title": "changed"}))
            .await,
        api.delete_todo(&user.token, &todo_id).await,
        api.change_password(
            &user.token,
            &json!({"current_password": user.password, "new_password": "another password 9"}),
        )
        .await,
        api.register(&fresh_email("maint"), "a fine password 1", "M")
            .await,
        api.update_user(&admin.token, &user.id, &json!({"disabled": true}))
            .await,
    ];
    for answer in writes {
        assert!(answer.header("retry-after").is_some(), "{}", answer.body);
        answer
            .problem(StatusCode::SERVICE_UNAVAILABLE, "/problems/maintenance")
            .await;
    }
    // Maintenance changes no other answer: without a valid token a write is still 401, an
    // unknown route 404, an undeclared method 405.
    for token in [None, Some("not-a-token")] {
        let res = api
            .request(reqwest::Method::POST, "/todos", token)
            .json(&json!({"title": "anonymous"}))
            .send()
            .await
            .unwrap();
        res.problem(StatusCode::UNAUTHORIZED, "/problems/unauthorized")
            .await;
    }
    let res = api
        .request(reqwest::Method::POST, "/no-such-route", Some(&user.token))
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::NOT_FOUND);
    let res = api
        .request(
            reqwest::Method::PUT,
            "/admin/audit-events",
            Some(&admin.token),
        )
        .send()
        .await
        .unwrap();
    assert_eq!(res.status(), StatusCode::METHOD_NOT_ALLOWED);
    // Reads keep working, and the refused writes changed nothing.
    let read = api
        .get_todo(&user.token, &todo_id)
        .await
        .expect(StatusCode::OK);
    assert_eq!(read["title"], "before maintenance");
    api.list_todos(&user.token, "").await.expect(StatusCode::OK);
    // Signing in, refreshing and signing out keep working.
    let (access, refresh) = api.login_tokens(&user.email, &user.password).await;
    assert_eq!(api.me_status(&access).await, StatusCode::OK);
    let (_, refresh) = api.refreshed(&refresh).await;
    api.revoke_token(&[("token", refresh.as_str())])
        .await
        .expect(StatusCode::OK);

    // The admin switches maintenance off again through node B (a write it allows).
    let flags = b
        .api
        .update_flags(&admin.token, &json!({"maintenance": false}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(flags["maintenance"], false);
    b.api
        .create_todo(&user.token, &json!({"title": "after on B"}))
        .await
        .expect(StatusCode::CREATED);
    eventually(
        "maintenance off on node A",
        StatusCode::CREATED,
        async || {
            app.api
                .create_todo(&user.token, &json!({"title": "after on A"}))
                .await
        },
    )
    .await;
    b.stop().await;
}

async fn flag_changes_are_validated_admin_only_and_audited(app: &TestApp) {
    let api = &app.api;
    let admin = new_admin(app, "valid-admin").await;
    let user = api.new_user("not-admin").await;
    api.get_flags(&user.token)
        .await
        .problem(StatusCode::FORBIDDEN, "/problems/forbidden")
        .await;
    api.update_flags(&user.token, &json!({"maintenance": true}))
        .await
        .problem(StatusCode::FORBIDDEN, "/problems/forbidden")
        .await;

    let unknown = api
        .update_flags(&admin.token, &json!({"maintenance": true, "nope": true}))
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&unknown), ["nope"]);
    for body in [json!({"maintenance": "yes"}), json!({}), json!([true])] {
        api.update_flags(&admin.token, &body)
            .await
            .problem(
                StatusCode::UNPROCESSABLE_ENTITY,
                "/problems/validation-error",
            )
            .await;
    }
    // Nothing was changed, and nothing recorded.
    let flags = api.get_flags(&admin.token).await.expect(StatusCode::OK);
    assert_eq!(flags["maintenance"], false);
    let events = api
        .list_audit_events(&admin.token, "kind=flags_changed")
        .await
        .expect(StatusCode::OK);
    assert_eq!(events["items"], json!([]));

    // A change is recorded with who made it and what changed; setting a flag to the value
    // it has is no change.
    api.update_flags(&admin.token, &json!({"sync": false, "sharing": true}))
        .await
        .expect(StatusCode::OK);
    let events: Value = api
        .list_audit_events(&admin.token, "kind=flags_changed")
        .await
        .expect(StatusCode::OK);
    let items = events["items"].as_array().unwrap();
    assert_eq!(items.len(), 1, "{events}");
    assert_eq!(items[0]["actor_id"], admin.id.as_str());
    assert_eq!(items[0]["target_type"], "flags");
    let details: Value = serde_json::from_str(items[0]["details"].as_str().unwrap()).unwrap();
    assert_eq!(
        details,
        json!({"changes": {"sync": {"from": true, "to": false}}})
    );
    let flags = api.get_flags(&admin.token).await.expect(StatusCode::OK);
    assert_eq!(flags["sync"], false);
}

/// `sync` off: the feed and the stream answer 503; `live_events` off: only the stream does,
/// and the feed keeps working (clients fall back to polling). Back on, both work again.
async fn sync_and_live_events_are_kill_switches(app: &TestApp) {
    let admin = new_admin(app, "sync-switch-admin").await;
    let user = app.api.new_user("sync-switch").await;
    app.sync(&user.token, None, None)
        .await
        .expect(StatusCode::OK);

    app.api
        .update_flags(&admin.token, &json!({"live_events": false}))
        .await
        .expect(StatusCode::OK);
    app.stream_events(&user.token, None, "")
        .await
        .refused()
        .problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/feature-disabled",
        )
        .await;
    app.sync(&user.token, None, None)
        .await
        .expect(StatusCode::OK);

    app.api
        .update_flags(&admin.token, &json!({"sync": false, "live_events": true}))
        .await
        .expect(StatusCode::OK);
    app.sync(&user.token, None, None)
        .await
        .problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/feature-disabled",
        )
        .await;
    app.stream_events(&user.token, None, "")
        .await
        .refused()
        .problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/feature-disabled",
        )
        .await;

    app.api
        .update_flags(&admin.token, &json!({"sync": true}))
        .await
        .expect(StatusCode::OK);
    app.sync(&user.token, None, None)
        .await
        .expect(StatusCode::OK);
}
