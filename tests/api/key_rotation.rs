//! Signing-key rotation on two nodes sharing one database (issue 10, item 2; ADR 0017):
//! tokens and cursors signed with the old key keep working on both nodes while it is listed
//! in JWT_PREVIOUS_SECRETS, new tokens name the new key, and removing the old key ends them.

use base64::Engine as _;
use base64::engine::general_purpose::URL_SAFE_NO_PAD;
use reqwest::StatusCode;
use serde_json::{Value, json};
use sha2::{Digest, Sha256};
use todo_api::config::ServerConfig;

use crate::dual_test;
use crate::support::{Node, TestDb, server_config};

const K1: &str = "rotation-key-one-0123456789abcdefghijklmnop";
const K2: &str = "rotation-key-two-0123456789abcdefghijklmnop";

fn config(db: &TestDb, current: &str, previous: &[&str]) -> ServerConfig {
    let mut config = server_config(db);
    config.jwt_secret = Some(current.to_owned());
    config.jwt_previous_secrets = previous.iter().map(|k| (*k).to_owned()).collect();
    config
}

/// The `kid` in a JWT's header.
fn kid_of(token: &str) -> Option<String> {
    let header = token.split('.').next().unwrap();
    let header: Value = serde_json::from_slice(&URL_SAFE_NO_PAD.decode(header).unwrap()).unwrap();
    header["kid"].as_str().map(str::to_owned)
}

/// The documented key id: base64url of the first 8 bytes of SHA-256 of the key.
fn expected_kid(key: &str) -> String {
    URL_SAFE_NO_PAD.encode(&Sha256::digest(key.as_bytes())[..8])
}

/// The status of the second page of `/todos` through `cursor`.
async fn next_page_status(node: &Node, token: &str, cursor: &str) -> StatusCode {
    node.api
        .list_todos(token, &format!("limit=1&cursor={cursor}"))
        .await
        .status
}

dual_test!(rotation_on_two_nodes);

async fn rotation_on_two_nodes(db: &TestDb) {
    // Both nodes on K1.
    let a = Node::start(&config(db, K1, &[])).await;
    let b = Node::start(&config(db, K1, &[])).await;
    let user = a.api.new_user("rotation").await;
    let old_token = user.token.clone();
    assert_eq!(kid_of(&old_token), Some(expected_kid(K1)));
    for i in 0..3 {
        a.api
            .created_todo(&old_token, json!({ "title": format!("todo {i}") }))
            .await;
    }
    let page = a.api.list_todos(&old_token, "limit=1").await.body;
    let old_cursor = page["next_cursor"].as_str().unwrap().to_owned();
    assert_eq!(
        next_page_status(&b, &old_token, &old_cursor).await,
        StatusCode::OK
    );

    // Node A restarts on K2, keeping K1 to verify: old token and cursor work on both nodes.
    a.stop().await;
    let a = Node::start(&config(db, K2, &[K1])).await;
    for node in [&a, &b] {
        assert_eq!(node.api.me_status(&old_token).await, StatusCode::OK);
        assert_eq!(
            next_page_status(node, &old_token, &old_cursor).await,
            StatusCode::OK
        );
    }
    let new_token = a.api.login(&user.email, &user.password).await;
    assert_eq!(kid_of(&new_token), Some(expected_kid(K2)));
    let new_cursor = a.api.list_todos(&new_token, "limit=1").await.body["next_cursor"]
        .as_str()
        .unwrap()
        .to_owned();
    assert_ne!(new_cursor, old_cursor, "new cursors are signed with K2");

    // Node B restarts the same way: everything works everywhere.
    b.stop().await;
    let b = Node::start(&config(db, K2, &[K1])).await;
    for node in [&a, &b] {
        for token in [&old_token, &new_token] {
            assert_eq!(node.api.me_status(token).await, StatusCode::OK);
        }
        for cursor in [&old_cursor, &new_cursor] {
            assert_eq!(
                next_page_status(node, &new_token, cursor).await,
                StatusCode::OK
            );
        }
    }

    // K1 leaves the list (one node after the other): what it signed stops working.
    a.stop().await;
    b.stop().await;
    let a = Node::start(&config(db, K2, &[])).await;
    let b = Node::start(&config(db, K2, &[])).await;
    for node in [&a, &b] {
        assert_eq!(
            node.api.me_status(&old_token).await,
            StatusCode::UNAUTHORIZED
        );
        assert_eq!(node.api.me_status(&new_token).await, StatusCode::OK);
        let answer = node
            .api
            .list_todos(&new_token, &format!("limit=1&cursor={old_cursor}"))
            .await;
        assert_eq!(answer.status, StatusCode::BAD_REQUEST, "{}", answer.body);
        assert_eq!(
            next_page_status(node, &new_token, &new_cursor).await,
            StatusCode::OK
        );
    }
    a.stop().await;
    b.stop().await;
}
