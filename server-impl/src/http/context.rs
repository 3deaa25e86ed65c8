//! Facts about the current request that the generated trait methods are not given (the
//! client's IP and User-Agent), made available to the implementation through a
//! task-local set by a middleware around each request.

use std::net::{IpAddr, SocketAddr};

use axum::extract::{ConnectInfo, Request};
use axum::middleware::Next;
use axum::response::Response;
use http::HeaderMap;
use http::header::USER_AGENT;

use crate::service::ClientInfo;

tokio::task_local! {
    static CLIENT: ClientInfo;
}

/// Where client IPs come from.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ClientIpSource {
    /// The TCP peer address.
    Socket,
    /// The right-most `X-Forwarded-For` entry (the one the trusted proxy appended),
    /// falling back to the TCP peer.
    XForwardedFor,
}

pub fn client_ip(
    source: ClientIpSource,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
) -> Option<IpAddr> {
    if source == ClientIpSource::XForwardedFor {
        let forwarded = headers
            .get_all("x-forwarded-for")
            .iter()
            .filter_map(|v| v.to_str().ok())
            .flat_map(|v| v.split(','))
            .filter_map(|ip| ip.trim().parse::<IpAddr>().ok())
            .next_back();
        if forwarded.is_some() {
            return forwarded;
        }
    }
    peer.map(|p| p.ip())
}

/// Records the client's IP and User-Agent for the handlers below.
pub async fn with_client_info(source: ClientIpSource, request: Request, next: Next) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let info = ClientInfo {
        ip: client_ip(source, request.headers(), peer).map(|ip| ip.to_string()),
        user_agent: request
            .headers()
            .get(USER_AGENT)
            .and_then(|v| v.to_str().ok())
            .map(str::to_owned),
    };
    CLIENT.scope(info, next.run(request)).await
}

/// The current request's client, or an empty one outside a request.
pub fn current_client() -> ClientInfo {
    CLIENT.try_with(Clone::clone).unwrap_or_default()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn forwarded_for_is_used_only_when_trusted() {
        let mut headers = HeaderMap::new();
        headers.insert(
            "x-forwarded-for",
            "203.0.113.9, 198.51.100.7".parse().unwrap(),
        );
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        assert_eq!(
            client_ip(ClientIpSource::Socket, &headers, Some(peer)),
            Some(peer.ip())
        );
        assert_eq!(
            client_ip(ClientIpSource::XForwardedFor, &headers, Some(peer)),
            Some("198.51.100.7".parse().unwrap())
        );
        assert_eq!(
            client_ip(ClientIpSource::XForwardedFor, &HeaderMap::new(), Some(peer)),
            Some(peer.ip())
        );
    }
}
