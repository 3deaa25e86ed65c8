//! Roles and account administration.

use reqwest::StatusCode;
use serde_json::json;

use crate::dual_test;
use crate::support::client::{User, error_fields};
use crate::support::{ProblemExt, TestApp};

dual_test!(
    admin_routes_need_the_admin_role,
    admins_manage_accounts,
    last_active_admin_is_protected,
    concurrent_demotions_keep_an_admin
);

/// Registers an account and makes it an admin directly in the database (as the
/// `create-user --admin` bootstrap would), then logs in so the token carries the role.
pub(crate) async fn new_admin(app: &TestApp, name: &str) -> User {
    let mut user = app.api.new_user(name).await;
    let id_literal = app.db.uuid_literal(&user.id);
    app.db
        .sql(&format!(
            "UPDATE users SET role = 'admin' WHERE id = {id_literal}"
        ))
        .await;
    user.token = app.api.login(&user.email, &user.password).await;
    user
}

async fn admin_routes_need_the_admin_role(app: &TestApp) {
    let api = &app.api;
    let user = api.new_user("plain").await;
    for res in [
        api.list_users(&user.token, "").await,
        api.get_user(&user.token, &user.id).await,
        api.update_user(&user.token, &user.id, &json!({"role": "admin"}))
            .await,
        api.delete_user(&user.token, &user.id).await,
    ] {
        let body = res
            .problem(StatusCode::FORBIDDEN, "/problems/forbidden")
            .await;
        assert!(body["detail"].as_str().unwrap().contains("admin"));
    }
    let res = api
        .request(reqwest::Method::GET, "/admin/users", None)
        .send()
        .await
        .unwrap();
    res.problem(StatusCode::UNAUTHORIZED, "/problems/unauthorized")
        .await;
    // The attempt to promote itself did nothing.
    let me = api
        .get_current_user(&user.token)
        .await
        .expect(StatusCode::OK);
    assert_eq!(me["role"], "user");
}

async fn admins_manage_accounts(app: &TestApp) {
    let api = &app.api;
    let admin = new_admin(app, "boss").await;
    let alice = api.new_user("alice_%").await;
    let bob = api.new_user("bob").await;
    api.created_todo(&bob.token, json!({"title": "bob's"}))
        .await;

    // List, newest first, with filters and pages.
    let page = api
        .list_users(&admin.token, "limit=100")
        .await
        .expect(StatusCode::OK);
    let emails: Vec<&str> = page["items"]
        .as_array()
        .unwrap()
        .iter()
        .map(|u| u["email"].as_str().unwrap())
        .collect();
    assert_eq!(
        emails,
        [
            bob.email.as_str(),
            alice.email.as_str(),
            admin.email.as_str()
        ]
    );
    let page = api
        .list_users(&admin.token, "limit=1")
        .await
        .expect(StatusCode::OK);
    let cursor = page["next_cursor"].as_str().unwrap();
    let next = api
        .list_users(&admin.token, &format!("limit=1&cursor={cursor}"))
        .await
        .expect(StatusCode::OK);
    assert_eq!(next["items"][0]["email"], alice.email.as_str());
    let upper = alice.email[..7].to_uppercase();
    let found = api
        .list_users(&admin.token, &format!("email={}", urlencode(&upper)))
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        found["items"].as_array().unwrap().len(),
        1,
        "case-insensitive substring, % and _ literal"
    );
    let wildcard = api
        .list_users(&admin.token, "email=%25")
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        wildcard["items"].as_array().unwrap().len(),
        1,
        "% matches only a literal %"
    );
    let admins = api
        .list_users(&admin.token, "role=admin")
        .await
        .expect(StatusCode::OK);
    assert_eq!(admins["items"].as_array().unwrap().len(), 1);
    let problem = api
        .list_users(&admin.token, "role=root")
        .await
        .problem(StatusCode::BAD_REQUEST, "/problems/bad-request")
        .await;
    assert_eq!(error_fields(&problem), ["role"]);

    // Get one; unknown ids are 404.
    let got = api
        .get_user(&admin.token, &bob.id)
        .await
        .expect(StatusCode::OK);
    assert_eq!(
        (got["email"].as_str(), got["disabled"].as_bool()),
        (Some(bob.email.as_str()), Some(false))
    );
    api.get_user(&admin.token, &uuid::Uuid::now_v7().to_string())
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;

    // Disabling signs Bob out everywhere and stops logins; enabling lets him back in.
    let (_, bob_refresh) = api.login_tokens(&bob.email, &bob.password).await;
    let body = api
        .update_user(&admin.token, &bob.id, &json!({"disabled": true}))
        .await
        .expect(StatusCode::OK);
    assert_eq!(body["disabled"], true);
    assert_eq!(api.me_status(&bob.token).await, StatusCode::UNAUTHORIZED);
    assert_eq!(
        api.refresh(&bob_refresh).await.status,
        StatusCode::BAD_REQUEST
    );
    let disabled = api
        .list_users(&admin.token, "disabled=true")
        .await
        .expect(StatusCode::OK);
    assert_eq!(disabled["items"][0]["id"], bob.id.as_str());
    assert_eq!(
        api.password_grant(&bob.email, &bob.password).await.status,
        StatusCode::BAD_REQUEST
    );
    api.update_user(&admin.token, &bob.id, &json!({"disabled": false}))
        .await;
    let bob_token = api.login(&bob.email, &bob.password).await;

    // Promoting Alice lets her administer; bad values change nothing.
    let problem = api
        .update_user(&admin.token, &alice.id, &json!({"role": "root"}))
        .await
        .problem(
            StatusCode::UNPROCESSABLE_ENTITY,
            "/problems/validation-error",
        )
        .await;
    assert_eq!(error_fields(&problem), ["role"]);
    api.update_user(&admin.token, &alice.id, &json!({"role": "admin"}))
        .await;
    assert_eq!(
        api.list_users(&alice.token, "").await.status,
        StatusCode::OK,
        "role is read per request"
    );

    // Deleting Bob removes him and his data.
    assert_eq!(
        api.delete_user(&admin.token, &bob.id).await.status,
        StatusCode::NO_CONTENT
    );
    assert_eq!(api.me_status(&bob_token).await, StatusCode::UNAUTHORIZED);
    api.delete_user(&admin.token, &bob.id)
        .await
        .problem(StatusCode::NOT_FOUND, "/problems/not-found")
        .await;
    let orphans = app.db.sql("SELECT CAST(COUNT(*) AS TEXT) FROM todos").await;
    assert_eq!(orphans.as_deref(), Some("0"));
}

fn urlencode(s: &str) -> String {
    s.bytes()
        .map(|b| match b {
            b'A'..=b'Z' | b'a'..=b'z' | b'0'..=b'9' | b'-' | b'.' | b'~' => (b as char).to_string(),
            _ => format!("%{b:02X}"),
        })
        .collect()
}

async fn last_active_admin_is_protected(app: &TestApp) {
    let api = &app.api;
    let admin = new_admin(app, "only").await;
    let me = &admin.id;
    for change in [json!({"role": "user"}), json!({"disabled": true})] {
        api.update_user(&admin.token, me, &change)
            .await
            .problem(StatusCode::CONFLICT, "/problems/last-admin")
            .await;
    }
    api.delete_user(&admin.token, me)
        .await
        .problem(StatusCode::CONFLICT, "/problems/last-admin")
        .await;
    api.delete_current_user(&admin.token, &json!({"password": admin.password}))
        .await
        .problem(StatusCode::CONFLICT, "/problems/last-admin")
        .await;
    let still = api.get_user(&admin.token, me).await.expect(StatusCode::OK);
    assert_eq!(
        (still["role"].as_str(), still["disabled"].as_bool()),
        (Some("admin"), Some(false))
    );

    // With a second admin, the first may step down.
    let second = new_admin(app, "second").await;
    let res = api
        .update_user(&second.token, me, &json!({"role": "user"}))
        .await;
    assert_eq!(res.status, StatusCode::OK);
    // Now the second is the last one.
    api.update_user(&second.token, &second.id, &json!({"disabled": true}))
        .await
        .problem(StatusCode::CONFLICT, "/problems/last-admin")
        .await;
}

async fn concurrent_demotions_keep_an_admin(app: &TestApp) {
    let api = &app.api;
    for round in 0..3 {
        let a = new_admin(app, &format!("a{round}")).await;
        let b = new_admin(app, &format!("b{round}")).await;
        // Leave exactly these two as active admins.
        let page = api
            .list_users(&a.token, "role=admin&limit=100")
            .await
            .expect(StatusCode::OK);
        for other in page["items"].as_array().unwrap() {
            let id = other["id"].as_str().unwrap();
            if id != a.id && id != b.id {
                let res = api
                    .update_user(&a.token, id, &json!({"role": "user"}))
                    .await;
                assert_eq!(res.status, StatusCode::OK);
            }
        }
        // Each demotes the other at the same moment: exactly one may win.
        let demote = json!({"role": "user"});
        let (ra, rb) = tokio::join!(
            api.update_user(&a.token, &b.id, &demote),
            api.update_user(&b.token, &a.id, &demote),
        );
        // The loser either saw the other demotion and was refused as the last admin (409),
        // or was already demoted when its request was authenticated (403).
        let mut statuses = [ra.status, rb.status];
        statuses.sort();
        assert_eq!(statuses[0], StatusCode::OK, "round {round}");
        assert!(
            [StatusCode::FORBIDDEN, StatusCode::CONFLICT].contains(&statuses[1]),
            "round {round}: {statuses:?}"
        );
        let survivor = if ra.status == StatusCode::OK { &a } else { &b };
        let admins = api
            .list_users(&survivor.token, "role=admin")
            .await
            .expect(StatusCode::OK);
        assert_eq!(
            admins["items"].as_array().unwrap().len(),
            1,
            "round {round}"
        );
    }
}
