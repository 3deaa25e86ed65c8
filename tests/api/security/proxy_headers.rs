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

async fn statuses(api: &Api, chains: &[String]) -> Vec<StatusCode> {
    let mut statuses = Vec::new();
    for chain in chains {
        statuses.push(token_request_from(api, chain).await);
    }
    statuses
}

async fn clients_cannot_pick_their_address(app: &TestApp) {
    let node = app
        .another_node(|c| {
            c.rate_limit_token_per_ip = "2/60".parse().unwrap();
            c.trusted_proxy_hops = 2;
        })
        .await;
    let api = &node.api;
    let limited_on_the_third = [
        StatusCode::BAD_REQUEST,
        StatusCode::BAD_REQUEST,
        StatusCode::TOO_MANY_REQUESTS,
    ];
    // The client forges a new left-most entry each time; the CDN appended its real address
    // with a port, the load balancer appended the CDN's.
    let forged =
        ["1.1.1.1", "2.2.2.2", "3.3.3.3"].map(|f| format!("{f}, 203.0.113.50:4711, 10.0.0.2"));
    assert_eq!(statuses(api, &forged).await, limited_on_the_third);
    // Addresses of one IPv6 /64 share a limit; another /64 has its own.
    let one_64 = ["a", "b", "c"].map(|h| format!("[2001:db8:1:2::{h}]:443, 10.0.0.2"));
    assert_eq!(statuses(api, &one_64).await, limited_on_the_third);
    assert_eq!(
        token_request_from(api, "[2001:db8:1:3::a]:443, 10.0.0.2").await,
        StatusCode::BAD_REQUEST
    );
    node.stop().await;
}
