//! The connection pool gives back what a burst opened (issue 12): once nothing has used it
//! for DATABASE_IDLE_TIMEOUT_SECONDS, its connections are closed down to one. Unset, its
//! size is the back end's: 4 connections per core on SQLite (from 4 to 32), 16 on PostgreSQL.

use std::time::Duration;

use crate::dual_test;
use crate::support::{Backend, TestApp};

dual_test!(
    a_burst_s_extra_connections_are_closed_once_quiet,
    an_unset_pool_size_is_the_back_ends_default
);

async fn an_unset_pool_size_is_the_back_ends_default(app: &TestApp) {
    let node = app
        .another_node(|config| config.database.database_max_connections = None)
        .await;
    let expected = match app.db.backend {
        Backend::Sqlite => {
            let cores = std::thread::available_parallelism().unwrap().get() as u32;
            (4 * cores).clamp(4, 32)
        }
        Backend::Postgres => 16,
    };
    assert_eq!(node.store.pool_stats().max, expected);
}

async fn a_burst_s_extra_connections_are_closed_once_quiet(app: &TestApp) {
    let node = app
        .another_node(|config| config.database.database_idle_timeout_seconds = Some(1))
        .await;
    // Pings that all ask for a connection before any is given back make the pool grow.
    let mut grown = node.store.pool_stats().size;
    for _ in 0..100 {
        let pings = (0..8).map(|_| node.store.ping());
        for ping in futures_util::future::join_all(pings).await {
            ping.unwrap();
        }
        grown = grown.max(node.store.pool_stats().size);
        if grown >= 2 {
            break;
        }
    }
    assert!(grown >= 2, "the bursts opened {grown} connection(s)");
    // Waits (the deadline is the test's, not the server's) for the extra ones to close.
    let mut size = grown;
    for _ in 0..300 {
        size = node.store.pool_stats().size;
        if size == 1 {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(
        size, 1,
        "connections still open after 30 s quiet (of {grown})"
    );
    node.stop().await;
}
