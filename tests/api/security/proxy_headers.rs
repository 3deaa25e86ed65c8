//! Finding 8: behind trusted proxies, the client cannot choose the address its per-IP
//! limits count under. The client is the `X-Forwarded-For` entry `TRUSTED_PROXY_HOPS`
//! places from the right, in any form real proxies append (`ip:port`, `[v6]:port`); an
//! entry that is not an address means the TCP peer, never an entry the client wrote; and
//! IPv6 clients are counted by their /64. Before the fix, an `ip:port` entry made the
//! server fall back to the client-written entry left of it.

use reqwest::StatusCode;

use crate::dual_test;
use crate::support::{Api, TestApp};

dual_test!(clients_cannot_pick_their_address);

async fn token_request_from(api: &Api, forwarded: &str) -> StatusCode {
    api.http
        .post(api.url("/auth/token"))
        .header("x-forwarded-for", forwarded)
        .form(&[("grant_type", "client_credentials")])
        .send()
        .await
        .unwrap()
        .status()
}

async fn clients_cannot_pick_their_address(app: &TestApp) {
    let node = app
        .another_node(|c| {
            c.rate_limit_token_per_ip = "2/60".parse().unwrap();
            c.trusted_proxy_hops = 2;
        })
        .await;
    let api = &node.api;
    // The client forges a new left-most entry each time; the CDN appended its real address
    // with a port, the load balancer appended the CDN's.
    let mut statuses = Vec::new();
    for forged in ["1.1.1.1", "2.2.2.2", "3.3.3.3"] {
        let chain = format!("{forged}, 203.0.113.50:4711, 10.0.0.2");
        statuses.push(token_request_from(api, &chain).await);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::BAD_REQUEST,
            StatusCode::BAD_REQUEST,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    // Addresses of one IPv6 /64 share a limit; another /64 has its own.
    let mut statuses = Vec::new();
    for host in ["a", "b", "c"] {
        let chain = format!("[2001:db8:1:2::{host}]:443, 10.0.0.2");
        statuses.push(token_request_from(api, &chain).await);
    }
    assert_eq!(
        statuses,
        [
            StatusCode::BAD_REQUEST,
            StatusCode::BAD_REQUEST,
            StatusCode::TOO_MANY_REQUESTS
        ]
    );
    assert_eq!(
        token_request_from(api, "[2001:db8:1:3::a]:443, 10.0.0.2").await,
        StatusCode::BAD_REQUEST
    );
    node.stop().await;
}
