//! Review of lists and sharing (attacker's and correctness view): each test states a rule
//! the implementation broke when it was written.
//!
//! - An invitation is an owner's act: once its inviter is no longer an owner of the list
//!   (removed, or demoted), it no longer admits anyone (else a removed owner keeps a way
//!   back in, at any role, through an address of theirs).

use reqwest::StatusCode;
use serde_json::{Value, json};

use crate::dual_test;
use crate::support::TestApp;

dual_test!(
    invitations_lapse_when_their_inviter_is_removed,
    invitations_lapse_when_their_inviter_is_demoted
);

fn id(value: &Value) -> String {
    value["id"].as_str().unwrap().to_owned()
}

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
