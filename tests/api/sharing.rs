//! Sharing: invitations by mail (to addresses with or without an account), accept, decline,
//! revoke, expiry and the janitor; roles and the last-owner rules; leaving; removal that
//! takes effect at once on another node; the bounds; the per-inviter rate limit; the
//! `sharing` kill switch; account deletion with shared lists.

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::admin::new_admin;
use crate::dual_test;
use crate::lists::{list_ids, todo_in_list};
use crate::support::client::User;
use crate::support::id;
use crate::support::smtp::SmtpSink;
use crate::support::{ProblemExt, TestApp};

dual_test!(
    an_invitation_is_mailed_and_accepted_after_registering,
    invitations_are_declined_revoked_and_expire,
    roles_and_the_last_owner,
    lists_and_invitations_are_bounded,
    invitations_are_rate_limited_per_inviter,
    the_sharing_flag_switches_invitations_off,
    deleting_an_account_keeps_lists_with_another_owner_self,
    deleting_an_account_keeps_lists_with_another_owner_by_an_admin
);

/// A raw message's text with quoted-printable soft breaks and `=3D` undone.
fn unfolded(message: &str) -> String {
    message
        .replace("=\r\n", "")
        .replace("=\n", "")
        .replace("=3D", "=")
}

async fn an_invitation_is_mailed_and_accepted_after_registering(app: &TestApp) {
    let Some(smtp) = SmtpSink::start().await else {
        return;
    };
    let node = app.another_node(|c| c.smtp_url = Some(smtp.url())).await;
    let ann = node.api.new_user("ann").await;
    let list = node.created_list(&ann.token, "Groceries").await;
    let list_id = id(&list);
    let bob_email = format!("Bob-{}@Example.com", uuid::Uuid::new_v4().simple());

    // Bob has no account yet.
    let res = node
        .create_invitation(&ann.token, &list_id, &json!({"email": bob_email}))
        .await;
    assert_eq!(res.status, StatusCode::CREATED, "{}", res.body);
    let invitation = res.body.clone();
    assert_eq!(
        res.header("location"),
        Some(format!("/api/v1/lists/{list_id}/invitations/{}", id(&invitation)).as_str())
    );
    assert!(res.header("ratelimit-policy").is_some());
    assert_eq!(invitation["role"], "editor", "editor by default");
    assert_eq!(invitation["list_name"], "Groceries");
    assert_eq!(invitation["invited_by"], ann.id.as_str());
    assert_eq!(invitation["invited_by_name"], "ann");
    let created: chrono::DateTime<chrono::Utc> =
        invitation["created_at"].as_str().unwrap().parse().unwrap();
    let expires: chrono::DateTime<chrono::Utc> =
        invitation["expires_at"].as_str().unwrap().parse().unwrap();
    assert_eq!(expires - created, chrono::TimeDelta::days(7));

    let mail = unfolded(&smtp.wait_for(1).await.remove(0));
    assert!(mail.contains(&format!("To: {bob_email}")), "{mail}");
    assert!(mail.contains("\"Groceries\""), "{mail}");
    assert!(mail.contains("ann invited you"), "{mail}");
    assert!(mail.contains(&id(&invitation)), "{mail}");

    // The owner sees it pending.
    let pending = node
        .list_list_invitations(&ann.token, &list_id, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(pending["items"][0]["id"], invitation["id"]);

    // Bob registers afterwards (another spelling of the address) and finds it.
    let password = "bob's password 123";
    node.api
        .register(&bob_email.to_lowercase(), password, "Bob")
        .await
        .expect(StatusCode::CREATED);
    let bob_token = node.api.login(&bob_email, password).await;
    let mine = node
        .list_invitations(&bob_token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(mine["items"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["items"][0]["id"], invitation["id"]);

    // Ann cannot accept Bob's invitation.
    node.accept_invitation(&ann.token, &id(&invitation))
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    let joined = node
        .accept_invitation(&bob_token, &id(&invitation))
        .await
        .expect(StatusCode::OK);
    assert_eq!(joined["id"], list_id.as_str());
    assert_eq!(joined["role"], "editor");
    assert_eq!(joined["member_count"], 2);
    assert_eq!(joined["default"], false);

    // Both see the list and each other; the invitation is gone.
    let bob_me = node
        .api
        .get_current_user(&bob_token)
        .await
        .expect(StatusCode::OK);
    let bob_id = bob_me["id"].as_str().unwrap();
    assert_eq!(
        list_ids(app, &bob_token, 10).await,
        [bob_id, list_id.as_str()]
    );
    let members = node
        .list_members(&ann.token, &list_id, "limit=1")
        .await
        .expect(StatusCode::OK);
    assert_eq!(members["items"][0]["user_id"], ann.id.as_str());
    assert_eq!(members["items"][0]["role"], "owner");
    let cursor = members["next_cursor"].as_str().unwrap();
    let rest = node
        .list_members(&ann.token, &list_id, &format!("limit=1&cursor={cursor}"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(rest["items"][0]["user_id"], bob_id);
    assert_eq!(rest["items"][0]["display_name"], "Bob");
    assert_eq!(rest["items"][0]["role"], "editor");
    assert_eq!(rest["next_cursor"], Value::Null);
    let mine = node
        .list_invitations(&bob_token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(mine["items"], json!([]));
    node.accept_invitation(&bob_token, &id(&invitation))
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    // Ann's list shows two members now.
    let seen = node
        .get_list(&ann.token, &list_id, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(seen["member_count"], 2);
    // The membership is in the audit log.
    let admin = new_admin(app, "auditor").await;
    let events = app
        .api
        .list_audit_events(&admin.token, "kind=member_joined")
        .await
        .expect(StatusCode::OK);
    assert_eq!(events["items"][0]["actor_id"], bob_id);
    assert_eq!(events["items"][0]["target_id"], list_id.as_str());
    node.stop().await;
}

async fn invitations_are_declined_revoked_and_expire(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let carol = app.api.new_user("carol").await;
    let dave = app.api.new_user("dave").await;
    let list_id = id(&app.created_list(&ann.token, "Trip").await);
    let invite = async |role: &str| {
        app.create_invitation(
            &ann.token,
            &list_id,
            &json!({"email": carol.email.to_uppercase(), "role": role}),
        )
        .await
        .expect(StatusCode::CREATED)
    };

    // Declined: gone for both.
    let first = invite("viewer").await;
    assert_eq!(first["role"], "viewer");
    app.decline_invitation(&dave.token, &id(&first))
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    assert_eq!(
        app.decline_invitation(&carol.token, &id(&first))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    let pending = app
        .list_list_invitations(&ann.token, &list_id, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(pending["items"], json!([]));
    app.accept_invitation(&carol.token, &id(&first))
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // Re-inviting replaces the pending invitation.
    let second = invite("viewer").await;
    let third = invite("owner").await;
    assert_ne!(second["id"], third["id"]);
    let mine = app
        .list_invitations(&carol.token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(mine["items"].as_array().unwrap().len(), 1, "{mine}");
    assert_eq!(mine["items"][0]["id"], third["id"]);
    assert_eq!(mine["items"][0]["role"], "owner");

    // Revoked: gone; accepting it answers 404.
    assert_eq!(
        app.revoke_invitation(&ann.token, &list_id, &id(&third))
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    app.revoke_invitation(&ann.token, &list_id, &id(&third))
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    app.accept_invitation(&carol.token, &id(&third))
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // Expired (made so in the database, rather than by waiting a week): not listed, not
    // acceptable, and purged by the janitor.
    let fourth = invite("editor").await;
    app.db
        .sql(&format!(
            "UPDATE list_invitations SET expires_at = created_at WHERE id = {}",
            app.db.uuid_literal(&id(&fourth))
        ))
        .await;
    let mine = app
        .list_invitations(&carol.token, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(mine["items"], json!([]));
    let pending = app
        .list_list_invitations(&ann.token, &list_id, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(pending["items"], json!([]));
    app.accept_invitation(&carol.token, &id(&fourth))
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    let count = "SELECT CAST(COUNT(*) AS TEXT) FROM list_invitations";
    assert_eq!(app.db.sql(count).await.as_deref(), Some("1"));
    // The janitor's purge (it deletes what ended before its argument).
    app.store
        .purge_expired(todo_api::domain::now())
        .await
        .unwrap();
    assert_eq!(app.db.sql(count).await.as_deref(), Some("0"));

    // Newest first, with pages.
    let fifth = invite("editor").await;
    let other = app.created_list(&ann.token, "Other").await;
    let sixth = app
        .create_invitation(&ann.token, &id(&other), &json!({"email": carol.email}))
        .await
        .expect(StatusCode::CREATED);
    let page = app
        .list_invitations(&carol.token, "limit=1")
        .await
        .expect(StatusCode::OK);
    assert_eq!(page["items"][0]["id"], sixth["id"]);
    let cursor = page["next_cursor"].as_str().unwrap();
    let page = app
        .list_invitations(&carol.token, &format!("limit=1&cursor={cursor}"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(page["items"][0]["id"], fifth["id"]);
    assert_eq!(page["next_cursor"], Value::Null);
}

async fn roles_and_the_last_owner(app: &TestApp) {
    let ann = app.api.new_user("ann").await;
    let bob = app.api.new_user("bob").await;
    let eve = app.api.new_user("eve").await;
    let list_id = id(&app.created_list(&ann.token, "Shared").await);
    app.share(&ann, &list_id, &bob, "editor").await;

    // An editor: reads, but does not manage the list (403); a non-member: 404 throughout.
    app.get_list(&bob.token, &list_id, None)
        .await
        .expect(StatusCode::OK);
    app.list_members(&bob.token, &list_id, "")
        .await
        .expect(StatusCode::OK);
    let forbidden = [
        app.update_list(&bob.token, &list_id, &json!({"name": "mine"}), None)
            .await,
        app.delete_list(&bob.token, &list_id, "", None).await,
        app.create_invitation(&bob.token, &list_id, &json!({"email": eve.email}))
            .await,
        app.list_list_invitations(&bob.token, &list_id, "").await,
        app.update_member(&bob.token, &list_id, &ann.id, &json!({"role": "viewer"}))
            .await,
        app.remove_member(&bob.token, &list_id, &ann.id).await,
    ];
    for res in forbidden {
        res.problem(StatusCode::FORBIDDEN, "/problems/forbidden")
            .await;
    }
    let hidden = [
        app.get_list(&eve.token, &list_id, None).await,
        app.update_list(&eve.token, &list_id, &json!({"name": "mine"}), None)
            .await,
        app.delete_list(&eve.token, &list_id, "", None).await,
        app.move_list(&eve.token, &list_id, &json!({"to": "first"}))
            .await,
        app.list_members(&eve.token, &list_id, "").await,
        app.create_invitation(&eve.token, &list_id, &json!({"email": eve.email}))
            .await,
        app.list_list_invitations(&eve.token, &list_id, "").await,
        app.update_member(&eve.token, &list_id, &bob.id, &json!({"role": "viewer"}))
            .await,
        app.remove_member(&eve.token, &list_id, &bob.id).await,
        app.remove_member(&eve.token, &list_id, &eve.id).await,
    ];
    for res in hidden {
        res.problem(StatusCode::NOT_FOUND, "/problems/not-found")
            .await;
    }
    // Admins have no access to content either.
    let admin = new_admin(app, "admin").await;
    app.get_list(&admin.token, &list_id, None)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // Inviting a member is a conflict.
    app.create_invitation(&ann.token, &list_id, &json!({"email": bob.email}))
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;

    // The last owner can neither step down nor leave.
    app.update_member(&ann.token, &list_id, &ann.id, &json!({"role": "editor"}))
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    app.remove_member(&ann.token, &list_id, &ann.id)
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    // Ownership is shared by making Bob owner; then Ann may step down, and leave.
    let bob_member = app
        .update_member(&ann.token, &list_id, &bob.id, &json!({"role": "owner"}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(bob_member["role"], "owner");
    assert_eq!(bob_member["email"], bob.email.as_str());
    let ann_member = app
        .update_member(&ann.token, &list_id, &ann.id, &json!({"role": "viewer"}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(ann_member["role"], "viewer");
    app.update_list(&ann.token, &list_id, &json!({"name": "still mine?"}), None)
        .await
        .problem(StatusCode::FORBIDDEN, "/problems/forbidden")
        .await;
    let viewer = app
        .get_list(&ann.token, &list_id, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(viewer["role"], "viewer");
    // A member of another list is not a member here.
    app.update_member(&bob.token, &list_id, &eve.id, &json!({"role": "viewer"}))
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    // Ann leaves (any member may); Bob, the last owner now, may not.
    assert_eq!(
        app.remove_member(&ann.token, &list_id, &ann.id)
            .await
            .status,
        StatusCode::NO_CONTENT
    );
    app.get_list(&ann.token, &list_id, None)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    app.remove_member(&bob.token, &list_id, &bob.id)
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    let after = app
        .get_list(&bob.token, &list_id, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(after["member_count"], 1);
    // Role changes and removals are audited.
    let events = app
        .api
        .list_audit_events(&admin.token, &format!("target={list_id}"))
        .await
        .expect(StatusCode::OK);
    let kinds: Vec<&str> = events["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|e| e["kind"].as_str().unwrap())
        .collect();
    assert_eq!(
        kinds,
        [
            "member_removed",
            "member_role_changed",
            "member_role_changed",
            "member_joined"
        ]
    );
}

/// `n` accounts made directly through the store (no password hashing), as members of
/// `list_id` with the viewer role.
async fn fill_members(app: &TestApp, list_id: &str, n: usize) {
    use todo_api::domain::{DisplayName, Email, NewUser, Role};
    for i in 0..n {
        let user = NewUser {
            id: uuid::Uuid::now_v7(),
            email: Email::parse(&format!(
                "filler-{i}-{}@example.com",
                uuid::Uuid::new_v4().simple()
            ))
            .unwrap(),
            display_name: DisplayName::parse("Filler").unwrap(),
            password_hash: "not a hash".to_owned(),
            role: Role::User,
            created_at: todo_api::domain::now(),
        };
        app.store.insert_user(&user).await.unwrap();
        app.db
            .sql(&format!(
                "INSERT INTO list_members (list_id, user_id, role, position, created_at) \
                 SELECT {}, id, 'viewer', 'a1', created_at FROM users WHERE id = {}",
                app.db.uuid_literal(list_id),
                app.db.uuid_literal(&user.id.to_string())
            ))
            .await;
    }
}

async fn lists_and_invitations_are_bounded(app: &TestApp) {
    let node = app
        .another_node(|c| c.rate_limit_invitations_per_account = "1000/3600".parse().unwrap())
        .await;
    let ann = app.api.new_user("ann").await;
    let bob = app.api.new_user("bob").await;
    let list_id = id(&app.created_list(&ann.token, "Popular").await);

    // 50 pending invitations; a 51st address is refused, a repeated one replaces its own.
    for i in 0..50 {
        node.create_invitation(
            &ann.token,
            &list_id,
            &json!({"email": format!("guest{i}@example.com")}),
        )
        .await
        .expect(StatusCode::CREATED);
    }
    node.create_invitation(&ann.token, &list_id, &json!({"email": bob.email}))
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    node.create_invitation(
        &ann.token,
        &list_id,
        &json!({"email": "guest7@example.com"}),
    )
    .await
    .expect(StatusCode::CREATED);
    let revoke_one = node
        .list_list_invitations(&ann.token, &list_id, "limit=1")
        .await
        .expect(StatusCode::OK);
    node.revoke_invitation(&ann.token, &list_id, &id(&revoke_one["items"][0]))
        .await
        .expect(StatusCode::NO_CONTENT);
    let to_bob = node
        .create_invitation(&ann.token, &list_id, &json!({"email": bob.email}))
        .await
        .expect(StatusCode::CREATED);

    // A list at 50 members takes nobody more: neither invitation nor acceptance.
    fill_members(app, &list_id, 49).await;
    let full = app
        .get_list(&ann.token, &list_id, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(full["member_count"], 50);
    app.accept_invitation(&bob.token, &id(&to_bob))
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    node.create_invitation(&ann.token, &list_id, &json!({"email": "late@example.com"}))
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;

    // An account at 200 lists joins no more.
    let small = id(&app.created_list(&ann.token, "Small").await);
    let to_bob = node
        .create_invitation(&ann.token, &small, &json!({"email": bob.email}))
        .await
        .expect(StatusCode::CREATED);
    for i in 1..200 {
        app.create_list(&bob.token, &json!({"name": format!("bob {i}")}))
            .await
            .expect(StatusCode::CREATED);
    }
    app.accept_invitation(&bob.token, &id(&to_bob))
        .await
        .problem(StatusCode::CONFLICT, "/problems/conflict")
        .await;
    // Still pending: it can be accepted once Bob has room.
    let bobs = app
        .list_lists(&bob.token, "limit=1")
        .await
        .expect(StatusCode::OK);
    let inbox_next = list_ids(app, &bob.token, 100).await;
    assert_eq!(bobs["items"][0]["id"], bob.id.as_str());
    app.delete_list(&bob.token, &inbox_next[1], "", None)
        .await
        .expect(StatusCode::NO_CONTENT);
    app.accept_invitation(&bob.token, &id(&to_bob))
        .await
        .expect(StatusCode::OK);
    node.stop().await;
}

async fn invitations_are_rate_limited_per_inviter(app: &TestApp) {
    let node = app
        .another_node(|c| c.rate_limit_invitations_per_account = "3/3600".parse().unwrap())
        .await;
    let ann = node.api.new_user("ann").await;
    let list_id = id(&node.created_list(&ann.token, "Party").await);
    for i in 0..3 {
        let res = node
            .create_invitation(
                &ann.token,
                &list_id,
                &json!({"email": format!("g{i}@example.com")}),
            )
            .await;
        assert_eq!(res.status, StatusCode::CREATED);
        assert_eq!(
            res.header("ratelimit-policy"),
            Some("\"invitations-account\";q=3;w=3600")
        );
        let remaining = format!("\"invitations-account\";r={};", 2 - i);
        assert!(
            res.header("ratelimit").unwrap().starts_with(&remaining),
            "{:?}",
            res.header("ratelimit")
        );
    }
    let res = node
        .create_invitation(&ann.token, &list_id, &json!({"email": "g3@example.com"}))
        .await;
    assert!(res.header("retry-after").is_some());
    assert!(
        res.header("ratelimit")
            .unwrap()
            .starts_with("\"invitations-account\";r=0;")
    );
    res.problem(StatusCode::TOO_MANY_REQUESTS, "/problems/rate-limited")
        .await;
    // Per inviter: another owner is not affected.
    let bob = node.api.new_user("bob").await;
    let bobs = id(&node.created_list(&bob.token, "Bob's").await);
    node.create_invitation(&bob.token, &bobs, &json!({"email": "g0@example.com"}))
        .await
        .expect(StatusCode::CREATED);
    node.stop().await;
}

async fn the_sharing_flag_switches_invitations_off(app: &TestApp) {
    let admin = new_admin(app, "flags").await;
    let ann = app.api.new_user("ann").await;
    let bob = app.api.new_user("bob").await;
    let list_id = id(&app.created_list(&ann.token, "Shared").await);
    let pending = app
        .create_invitation(&ann.token, &list_id, &json!({"email": bob.email}))
        .await
        .expect(StatusCode::CREATED);
    let flags = app.api.get_flags(&admin.token).await.expect(StatusCode::OK);
    assert_eq!(flags["sharing"], true, "on by default");

    app.api
        .update_flags(&admin.token, &json!({"sharing": false}))
        .await
        .expect(StatusCode::OK);
    app.create_invitation(&ann.token, &list_id, &json!({"email": "x@example.com"}))
        .await
        .problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/feature-disabled",
        )
        .await;
    app.accept_invitation(&bob.token, &id(&pending))
        .await
        .problem(
            StatusCode::SERVICE_UNAVAILABLE,
            "/problems/feature-disabled",
        )
        .await;
    // Reading, revoking and leaving keep working.
    app.list_members(&ann.token, &list_id, "")
        .await
        .expect(StatusCode::OK);
    app.list_invitations(&bob.token, "")
        .await
        .expect(StatusCode::OK);

    app.api
        .update_flags(&admin.token, &json!({"sharing": true}))
        .await
        .expect(StatusCode::OK);
    app.accept_invitation(&bob.token, &id(&pending))
        .await
        .expect(StatusCode::OK);
}

/// Ann owns `kept` together with Bob and `gone` alone (Bob edits it); each has a todo in
/// both. After Ann's account is deleted (by `delete`), `kept` stays with both todos (Ann's
/// now Bob's, its author unknown), `gone` is deleted with its todos.
async fn account_deletion_scenario(app: &TestApp, delete: impl AsyncFnOnce(&User)) {
    let ann = app.api.new_user("ann").await;
    let bob = app.api.new_user("bob").await;
    let kept = id(&app.created_list(&ann.token, "Kept").await);
    let gone = id(&app.created_list(&ann.token, "Gone").await);
    app.share(&ann, &kept, &bob, "owner").await;
    app.share(&ann, &gone, &bob, "editor").await;
    let ann_in_kept = todo_in_list(app, &ann.token, &kept).await;
    let bob_in_kept = todo_in_list(app, &bob.token, &kept).await;
    let ann_in_gone = todo_in_list(app, &ann.token, &gone).await;
    let bob_in_gone = todo_in_list(app, &bob.token, &gone).await;
    let ann_in_inbox = todo_in_list(app, &ann.token, &ann.id).await;
    app.db
        .sql(&format!(
            "UPDATE todos SET created_by = user_id WHERE id = {}",
            app.db.uuid_literal(&ann_in_kept)
        ))
        .await;

    delete(&ann).await;

    let kept_now = app
        .get_list(&bob.token, &kept, None)
        .await
        .expect(StatusCode::OK);
    assert_eq!(kept_now["member_count"], 1);
    app.get_list(&bob.token, &gone, None)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    let row = |todo: &str| {
        format!(
            "SELECT CASE WHEN user_id = {} THEN 'bob' ELSE 'other' END || ':' || \
                    CASE WHEN created_by IS NULL THEN 'null' ELSE 'set' END \
             FROM todos WHERE id = {}",
            app.db.uuid_literal(&bob.id),
            app.db.uuid_literal(todo)
        )
    };
    assert_eq!(
        app.db.sql(&row(&ann_in_kept)).await.as_deref(),
        Some("bob:null")
    );
    assert!(
        app.db
            .sql(&row(&bob_in_kept))
            .await
            .unwrap()
            .starts_with("bob:")
    );
    // Its tags follow the todo (GET /tags is served by their copy of the owner).
    let tag_owner = format!(
        "SELECT CASE WHEN user_id = {} THEN 'bob' ELSE 'other' END FROM todo_tags \
         WHERE todo_id = {}",
        app.db.uuid_literal(&bob.id),
        app.db.uuid_literal(&ann_in_kept)
    );
    assert_eq!(app.db.sql(&tag_owner).await.as_deref(), Some("bob"));
    for todo in [&ann_in_gone, &bob_in_gone, &ann_in_inbox] {
        assert_eq!(app.db.sql(&row(todo)).await, None, "todo {todo} is gone");
    }
    let lists = "SELECT CAST(COUNT(*) AS TEXT) FROM lists";
    // Bob's Inbox and `kept` (and any admin's Inbox).
    let left: usize = app.db.sql(lists).await.unwrap().parse().unwrap();
    assert!(left <= 3, "{left} lists left");
    assert_eq!(
        list_ids(app, &bob.token, 10).await,
        [bob.id.as_str(), kept.as_str()]
    );
}

async fn deleting_an_account_keeps_lists_with_another_owner_self(app: &TestApp) {
    account_deletion_scenario(app, async |ann: &User| {
        let res = app
            .api
            .delete_current_user(&ann.token, &json!({"password": ann.password}))
            .await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    })
    .await;
}

async fn deleting_an_account_keeps_lists_with_another_owner_by_an_admin(app: &TestApp) {
    let admin = new_admin(app, "admin").await;
    account_deletion_scenario(app, async |ann: &User| {
        let res = app.api.delete_user(&admin.token, &ann.id).await;
        assert_eq!(res.status, StatusCode::NO_CONTENT, "{}", res.body);
    })
    .await;
}
