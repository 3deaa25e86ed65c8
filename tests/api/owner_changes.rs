//! What happens to a list when its owners change (removal, demotion, account deletion):
//! each test states a rule an earlier version of the code broke.
//!
//! - An invitation is an owner's act: once its inviter is no longer an owner of the list
//!   (removed, or demoted), it no longer admits anyone (else a removed owner keeps a way
//!   back in, at any role, through an address of theirs).
//! - Deleting an account and a co-owner leaving at the same time serialise on the list:
//!   clean answers, and never a list without an owner (PostgreSQL, READ COMMITTED).

use reqwest::StatusCode;
use serde_json::json;

use crate::dual_test;
use sqlx::{Connection, PgConnection};

use crate::support::id;
use crate::support::{Backend, TestApp, run_app};

dual_test!(
    invitations_lapse_when_their_inviter_is_removed,
    invitations_lapse_when_their_inviter_is_demoted
);

/// Ann's list with Mal as a second owner, and an owner invitation Mal made to an address
/// of his (`sock`, an account): (Ann, list id, invitation id, Mal, sock).
async fn list_with_an_invitation_by_mal(
    app: &TestApp,
) -> (
    crate::support::client::User,
    String,
    String,
    crate::support::client::User,
    crate::support::client::User,
) {
    let ann = app.api.new_user("ann").await;
    let mal = app.api.new_user("mal").await;
    let sock = app.api.new_user("sock").await;
    let list = id(&app.created_list(&ann.token, "Shared").await);
    app.share(&ann, &list, &mal, "owner").await;
    let invitation = app
        .create_invitation(
            &mal.token,
            &list,
            &json!({"email": sock.email, "role": "owner"}),
        )
        .await
        .expect(StatusCode::CREATED);
    (ann, list, id(&invitation), mal, sock)
}

async fn invitations_lapse_when_their_inviter_is_removed(app: &TestApp) {
    let (ann, list, invitation, mal, sock) = list_with_an_invitation_by_mal(app).await;
    app.remove_member(&ann.token, &list, &mal.id)
        .await
        .expect(StatusCode::NO_CONTENT);

    let res = app.accept_invitation(&sock.token, &invitation).await;
    assert_eq!(
        res.status,
        StatusCode::NOT_FOUND,
        "a removed owner's invitation admitted {}: {}",
        sock.email,
        res.body
    );
    let members = app
        .list_members(&ann.token, &list, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(members["items"].as_array().unwrap().len(), 1, "{members}");
}

async fn invitations_lapse_when_their_inviter_is_demoted(app: &TestApp) {
    let (ann, list, invitation, mal, sock) = list_with_an_invitation_by_mal(app).await;
    app.update_member(&ann.token, &list, &mal.id, &json!({"role": "viewer"}))
        .await
        .expect(StatusCode::OK);

    let res = app.accept_invitation(&sock.token, &invitation).await;
    assert_eq!(
        res.status,
        StatusCode::NOT_FOUND,
        "a demoted owner's owner invitation admitted {}: {}",
        sock.email,
        res.body
    );
    // Nor does the owner still see it pending.
    let pending = app
        .list_list_invitations(&ann.token, &list, "")
        .await
        .expect(StatusCode::OK);
    assert_eq!(pending["items"].as_array().unwrap().len(), 0, "{pending}");
}

/// Ann and Bob own a list, which holds a todo of Ann's. Ann deletes her account: it keeps
/// the list (Bob owns it too). Bob leaves the list at the same time; his last-owner check
/// passes (Ann is still an owner when it runs). The account deletion takes no lock on the
/// lists it decides about, so on PostgreSQL (READ COMMITTED) the two either both commit
/// (the list left without any owner, its todos reachable by nobody) or deadlock (one of
/// them a 500). The test fixes the interleaving by holding Ann's todo (which the deletion
/// passes to Bob right after deciding to keep the list) until Bob's leave is under way:
/// both must get a clean answer, and the list must end with an owner or be gone.
#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_account_deletion_and_a_co_owner_leaving_serialise_on_the_list() {
    run_app(Backend::Postgres, async |app: &TestApp| {
        let one = app.api.new_user("one").await;
        let two = app.api.new_user("two").await;
        // The account deleted is the one with the smaller id (the trigger's lock order
        // decides which interleavings deadlock rather than commit).
        let (ann, bob) = if one.id < two.id {
            (one, two)
        } else {
            (two, one)
        };
        let list = id(&app.created_list(&ann.token, "Shared").await);
        app.share(&ann, &list, &bob, "owner").await;
        let todo = id(&app
            .api
            .created_todo(&ann.token, json!({"title": "Ann's", "list_id": list}))
            .await);

        let mut holder = PgConnection::connect(&app.db.url).await.unwrap();
        let mut hold = holder.begin().await.unwrap();
        sqlx::query("SELECT 1 FROM todos WHERE id = $1::uuid FOR UPDATE")
            .bind(&todo)
            .execute(&mut *hold)
            .await
            .unwrap();

        let password = json!({"password": ann.password});
        let ann_goes = app.api.delete_current_user(&ann.token, &password);
        let bob_leaves_then_release = async {
            app.db.until_waiting(1).await;
            let bob_leaves = app.remove_member(&bob.token, &list, &bob.id);
            tokio::pin!(bob_leaves);
            tokio::select! {
                res = &mut bob_leaves => {
                    hold.rollback().await.unwrap();
                    res
                }
                () = app.db.until_waiting(2) => {
                    hold.rollback().await.unwrap();
                    bob_leaves.await
                }
            }
        };
        let (gone, left) = tokio::join!(ann_goes, bob_leaves_then_release);
        assert_eq!(gone.status, StatusCode::NO_CONTENT, "{}", gone.body);
        assert!(
            left.status == StatusCode::NO_CONTENT || left.status == StatusCode::CONFLICT,
            "{} {}",
            left.status,
            left.body
        );

        let orphaned = app
            .db
            .sql(&format!(
                "SELECT CAST(COUNT(*) AS TEXT) FROM lists l WHERE l.id = '{list}' \
                 AND NOT EXISTS (SELECT 1 FROM list_members m WHERE m.list_id = l.id \
                                 AND m.role = 'owner')"
            ))
            .await;
        assert_eq!(
            orphaned.as_deref(),
            Some("0"),
            "the list (and Ann's todo in it) was left without any owner; Bob's leave: {} {}",
            left.status,
            left.body
        );
    })
    .await;
}
