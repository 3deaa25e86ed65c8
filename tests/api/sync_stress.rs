//! The completeness proof of the change feed (ADR 0026, issue 14): two nodes on one
//! database, several writers per node (creates, patches, deletes, moves between two shared
//! lists, subtasks), an owner removing and re-inviting a member, on PostgreSQL a slow raw-SQL
//! writer whose transaction stays open while others commit (what breaks `WHERE seq >
//! cursor`), and a reader polling the feed of two members all along. After the writers stop,
//! each reader's replayed feed must equal `GET /todos` + `GET /lists` + members exactly: no
//! missing, duplicated or resurrected item.
//!
//! Bounded: about 180 writes on the shared lists plus another account's traffic (100–300
//! creates) and 12 slow updates, a few seconds. The reader takes small pages (7 changes), so
//! pages often end with more waiting. Proven able to fail on PostgreSQL: with the watermark
//! replaced by `max(change_id) + 1`, or without the `change_id < W` condition on todos, the
//! run fails (the slow writer's updates are skipped).

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, AtomicUsize, Ordering};

use reqwest::StatusCode;
use serde_json::json;
use sqlx::{Connection, PgConnection};

use crate::dual_test;
use crate::support::id;
use crate::support::sync::{Pulled, Replica, settle};
use crate::support::{Backend, Node, TestApp};

dual_test!(replayed_feed_equals_the_final_state);

/// Writer tasks per node, and the operations each makes.
const WRITERS_PER_NODE: usize = 2;
const OPS_PER_WRITER: usize = 45;
/// Times the owner removes and re-invites a member.
const MEMBERSHIP_ROUNDS: usize = 6;
/// Updates of the slow writer (PostgreSQL), each held open 50–200 ms.
const SLOW_UPDATES: usize = 12;

/// A small deterministic generator (xorshift), one per task.
struct Rng(u64);

impl Rng {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }
}

/// One writer: works on todos it created itself, in the two shared lists.
async fn writer(
    node: Arc<Node>,
    token: String,
    lists: [String; 2],
    seed: u64,
    done: Arc<AtomicUsize>,
) {
    let mut rng = Rng(seed);
    let mut mine: Vec<String> = Vec::new();
    for op in 0..OPS_PER_WRITER {
        let pick = |rng: &mut Rng, mine: &Vec<String>| mine[rng.below(mine.len())].clone();
        let choice = if mine.len() < 3 { 0 } else { rng.below(6) };
        let ok = match choice {
            0 => {
                let list = &lists[rng.below(2)];
                let res = node
                    .api
                    .create_todo(
                        &token,
                        &json!({"title": format!("w{seed} {op}"), "list_id": list}),
                    )
                    .await;
                if res.status == StatusCode::CREATED {
                    mine.push(id(&res.body));
                }
                res.status.is_success()
            }
            1 => {
                let todo = pick(&mut rng, &mine);
                let body =
                    json!({"title": format!("w{seed} patched {op}"), "completed": op % 2 == 0});
                node.api
                    .update_todo(&token, &todo, &body)
                    .await
                    .status
                    .is_success()
            }
            2 => {
                let todo = pick(&mut rng, &mine);
                let res = node.api.delete_todo(&token, &todo).await;
                mine.retain(|t| *t != todo);
                res.status.is_success()
            }
            3 => {
                let todo = pick(&mut rng, &mine);
                let list = &lists[rng.below(2)];
                node.api
                    .update_todo(&token, &todo, &json!({"list_id": list}))
                    .await
                    .status
                    .is_success()
            }
            _ => {
                let parent = pick(&mut rng, &mine);
                let res = node
                    .api
                    .create_todo(
                        &token,
                        &json!({"title": format!("w{seed} sub {op}"), "parent_id": parent}),
                    )
                    .await;
                if res.status == StatusCode::CREATED {
                    mine.push(id(&res.body));
                }
                res.status.is_success()
            }
        };
        if ok {
            done.fetch_add(1, Ordering::Relaxed);
        }
    }
}

async fn replayed_feed_equals_the_final_state(app: &TestApp) {
    let a = Arc::new(app.another_node(|_| {}).await);
    let b = Arc::new(app.another_node(|_| {}).await);
    let ann = app.api.new_user("ann").await;
    let bob = app.api.new_user("bob").await;
    let carl = app.api.new_user("carl").await;
    let dave = app.api.new_user("dave").await;
    let one = id(&app.created_list(&ann.token, "One").await);
    let two = id(&app.created_list(&ann.token, "Two").await);
    app.share(&ann, &one, &bob, "editor").await;
    app.share(&ann, &two, &bob, "editor").await;
    app.share(&ann, &one, &carl, "viewer").await;
    // Old todos Carl gets again with every re-joining; the slow writer's own todos.
    let mut slow_todos = Vec::new();
    for i in 0..6 {
        let todo = app
            .api
            .created_todo(
                &ann.token,
                json!({"title": format!("old {i}"), "list_id": one}),
            )
            .await;
        slow_todos.push(id(&todo));
    }

    let stop = Arc::new(AtomicBool::new(false));
    let writes = Arc::new(AtomicUsize::new(0));
    let mut tasks = Vec::new();
    let mut seed = 1;
    for node in [&a, &b] {
        for token in [&ann.token, &bob.token].into_iter().take(WRITERS_PER_NODE) {
            tasks.push(tokio::spawn(writer(
                node.clone(),
                token.clone(),
                [one.clone(), two.clone()],
                seed * 7919,
                writes.clone(),
            )));
            seed += 1;
        }
    }
    // The owner removes Carl and invites him again (he accepts), through node B.
    {
        let (node, ann_token, ann_email, carl_token, carl_email, carl_id, one) = (
            b.clone(),
            ann.token.clone(),
            ann.email.clone(),
            carl.token.clone(),
            carl.email.clone(),
            carl.id.clone(),
            one.clone(),
        );
        let writes = writes.clone();
        let _ = ann_email;
        tasks.push(tokio::spawn(async move {
            for _ in 0..MEMBERSHIP_ROUNDS {
                node.remove_member(&ann_token, &one, &carl_id)
                    .await
                    .expect(StatusCode::NO_CONTENT);
                let invitation = node
                    .create_invitation(
                        &ann_token,
                        &one,
                        &json!({"email": carl_email, "role": "viewer"}),
                    )
                    .await
                    .expect(StatusCode::CREATED);
                node.accept_invitation(&carl_token, invitation["id"].as_str().unwrap())
                    .await
                    .expect(StatusCode::OK);
                writes.fetch_add(2, Ordering::Relaxed);
            }
        }));
    }
    // Another account's traffic: commits that go on while the slow writer holds its
    // transaction (it locks the shared lists' members' rows, so their writers wait).
    let noise_stop = Arc::new(AtomicBool::new(false));
    let noise = {
        let (node, token, stop) = (a.clone(), dave.token.clone(), noise_stop.clone());
        tokio::spawn(async move {
            let mut n = 0;
            while !stop.load(Ordering::Relaxed) && n < 400 {
                node.api
                    .created_todo(&token, json!({"title": format!("noise {n}")}))
                    .await;
                n += 1;
            }
            n
        })
    };
    // PostgreSQL: a writer that takes its change number early and commits late.
    let slow = if app.db.backend == Backend::Postgres {
        let url = app.db.url.clone();
        let todos = slow_todos.clone();
        Some(tokio::spawn(async move {
            let mut conn = PgConnection::connect(&url).await.unwrap();
            let mut rng = Rng(4242);
            for i in 0..SLOW_UPDATES {
                let todo = uuid::Uuid::parse_str(&todos[i % todos.len()]).unwrap();
                let mut tx = conn.begin().await.unwrap();
                sqlx::query("UPDATE todos SET title = $1, version = version + 1 WHERE id = $2")
                    .bind(format!("slow {i}"))
                    .bind(todo)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                let hold = 0.05 + 0.15 * rng.below(100) as f64 / 100.0;
                sqlx::query("SELECT pg_sleep($1)")
                    .bind(hold)
                    .execute(&mut *tx)
                    .await
                    .unwrap();
                tx.commit().await.unwrap();
            }
        }))
    } else {
        None
    };
    // The reader: Bob's and Carl's feeds, polled all along, alternating nodes.
    let reader = {
        let (a, b, stop) = (a.clone(), b.clone(), stop.clone());
        let tokens = [bob.token.clone(), carl.token.clone()];
        tokio::spawn(async move {
            let mut replicas = [Replica::default(), Replica::default()];
            let mut seen = [Pulled::default(), Pulled::default()];
            let mut round = 0;
            while !stop.load(Ordering::Relaxed) {
                for i in 0..2 {
                    let node = if round % 2 == 0 { &a } else { &b };
                    replicas[i]
                        .pull_page(node, &tokens[i], 7, &mut seen[i])
                        .await;
                }
                round += 1;
            }
            (replicas, seen)
        })
    };

    for task in tasks {
        task.await.unwrap();
    }
    if let Some(slow) = slow {
        slow.await.unwrap();
    }
    noise_stop.store(true, Ordering::Relaxed);
    let noise_writes = noise.await.unwrap();
    stop.store(true, Ordering::Relaxed);
    let (mut replicas, seen) = reader.await.unwrap();

    // Caught up: pull until nothing waits, then compare with the ordinary reads.
    settle(app).await;
    for (i, user) in [&bob, &carl].into_iter().enumerate() {
        let mut tail = Pulled::default();
        while replicas[i].pull_page(&b, &user.token, 100, &mut tail).await {}
        let expected = app.visible_state(&user.token).await;
        eprintln!(
            "{:?} {}: {} writes ({} noise), {} polls with {} changes, final {} todos, {} lists, {} members",
            app.db.backend,
            ["bob", "carl"][i],
            writes.load(Ordering::Relaxed),
            noise_writes,
            seen[i].pages,
            seen[i].changes.len(),
            expected.todos.len(),
            expected.lists.len(),
            expected.members.len(),
        );
        assert!(
            seen[i].pages > 10,
            "the reader polled while the writers wrote"
        );
        replicas[i].assert_matches(&expected);
    }
    assert!(writes.load(Ordering::Relaxed) > 100);
    for node in [a, b] {
        Arc::into_inner(node).unwrap().stop().await;
    }
}
