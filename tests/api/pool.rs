//! The connection pool gives back what a burst opened (issue 12): connections idle for
//! DATABASE_IDLE_TIMEOUT_SECONDS are closed, down to one.

use std::time::Duration;

use crate::dual_test;
use crate::support::TestApp;

dual_test!(a_burst_s_extra_connections_are_closed_once_idle);

async fn a_burst_s_extra_connections_are_closed_once_idle(app: &TestApp) {
    let node = app
        .another_node(|config| config.database.database_idle_timeout_seconds = 1)
        .await;
    // Every ping asks for a connection before any is given back: the pool grows.
    let pings = (0..6).map(|_| node.store.ping());
    for ping in futures_util::future::join_all(pings).await {
        ping.unwrap();
    }
    let grown = node.store.pool_stats().size;
    assert!(grown >= 2, "the burst opened {grown} connection(s)");
    // Waits (no deadline on the pool: only on the test) until the extra ones are closed.
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
        "idle connections still open after 30 s (of {grown})"
    );
    node.stop().await;
}
