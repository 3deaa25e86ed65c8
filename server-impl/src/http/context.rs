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
    /// `X-Forwarded-For` behind `hops` trusted proxies: each appends the address it received
    /// the request from, so the client is the entry `hops` places from the right. Whatever
    /// lies further left was written by the client and is never used; an entry that is not
    /// an address (`unknown`, garbage), or too few entries, means the TCP peer is used.
    Forwarded { hops: u8 },
}

impl ClientIpSource {
    /// From the configuration: `TRUSTED_PROXY_HOPS`, or 1 with `TRUST_PROXY_HEADERS`.
    pub fn from_config(trust_proxy_headers: bool, trusted_proxy_hops: u8) -> ClientIpSource {
        match trusted_proxy_hops.max(u8::from(trust_proxy_headers)) {
            0 => ClientIpSource::Socket,
            hops => ClientIpSource::Forwarded { hops },
        }
    }
}

pub fn client_ip(
    source: ClientIpSource,
    headers: &HeaderMap,
    peer: Option<SocketAddr>,
) -> Option<IpAddr> {
    let peer_ip = peer.map(|p| p.ip().to_canonical());
    let ClientIpSource::Forwarded { hops } = source else {
        return peer_ip;
    };
    // Entries right to left, across repeated headers (a proxy may add a header line
    // instead of appending to the last one). At most `hops` are looked at.
    let values: Vec<&str> = headers
        .get_all("x-forwarded-for")
        .iter()
        .filter_map(|v| v.to_str().ok())
        .collect();
    let entry = values
        .iter()
        .rev()
        .flat_map(|v| v.rsplit(','))
        .nth(usize::from(hops) - 1);
    entry.and_then(parse_forwarded_entry).or(peer_ip)
}

/// One `X-Forwarded-For` entry as real proxies write it: `192.0.2.1`, `192.0.2.1:4711`,
/// `2001:db8::1`, `[2001:db8::1]` or `[2001:db8::1]:4711` (optionally quoted). IPv4-mapped
/// IPv6 addresses count as IPv4.
fn parse_forwarded_entry(entry: &str) -> Option<IpAddr> {
    let entry = entry.trim().trim_matches('"');
    let ip = if let Some(rest) = entry.strip_prefix('[') {
        let (inside, after) = rest.split_once(']')?;
        if !(after.is_empty() || after.strip_prefix(':').is_some_and(is_port)) {
            return None;
        }
        inside.parse::<std::net::Ipv6Addr>().ok().map(IpAddr::V6)?
    } else if let Ok(ip) = entry.parse::<IpAddr>() {
        ip
    } else {
        let (host, port) = entry.rsplit_once(':')?;
        if !is_port(port) {
            return None;
        }
        host.parse::<std::net::Ipv4Addr>().ok().map(IpAddr::V4)?
    };
    Some(ip.to_canonical())
}

fn is_port(s: &str) -> bool {
    !s.is_empty() && s.len() <= 5 && s.bytes().all(|b| b.is_ascii_digit())
}

/// The key per-IP rate limits count under: the address for IPv4, its /64 network for
/// IPv6 (one subscriber usually holds a whole /64, so single addresses are free to them).
pub fn rate_limit_key(ip: &str) -> String {
    match ip.parse::<IpAddr>().map(|ip| ip.to_canonical()) {
        Ok(IpAddr::V6(v6)) => {
            let s = v6.segments();
            format!("{:x}:{:x}:{:x}:{:x}::/64", s[0], s[1], s[2], s[3])
        }
        Ok(IpAddr::V4(v4)) => v4.to_string(),
        Err(_) => ip.to_owned(),
    }
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

    fn forwarded(hops: u8, values: &[&str]) -> Option<IpAddr> {
        let mut headers = HeaderMap::new();
        for v in values {
            headers.append("x-forwarded-for", v.parse().unwrap());
        }
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        client_ip(ClientIpSource::Forwarded { hops }, &headers, Some(peer))
    }

    fn ip(s: &str) -> Option<IpAddr> {
        Some(s.parse().unwrap())
    }

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
            forwarded(1, &["203.0.113.9, 198.51.100.7"]),
            ip("198.51.100.7")
        );
        assert_eq!(forwarded(1, &[]), ip("127.0.0.1"));
        assert_eq!(
            ClientIpSource::from_config(true, 0),
            ClientIpSource::Forwarded { hops: 1 }
        );
        assert_eq!(
            ClientIpSource::from_config(false, 2),
            ClientIpSource::Forwarded { hops: 2 }
        );
        assert_eq!(
            ClientIpSource::from_config(false, 0),
            ClientIpSource::Socket
        );
    }

    #[test]
    fn entries_with_ports_brackets_and_junk() {
        // What real proxies append: ports, bracketed IPv6, `unknown`. An entry that is not
        // an address never falls back to client-written entries further left.
        assert_eq!(
            forwarded(1, &["6.6.6.6, 198.51.100.7:4711"]),
            ip("198.51.100.7")
        );
        assert_eq!(
            forwarded(1, &["6.6.6.6, [2001:db8::1]:443"]),
            ip("2001:db8::1")
        );
        assert_eq!(forwarded(1, &["6.6.6.6, [2001:db8::1]"]), ip("2001:db8::1"));
        assert_eq!(forwarded(1, &["6.6.6.6, 2001:db8::2"]), ip("2001:db8::2"));
        assert_eq!(
            forwarded(1, &["6.6.6.6, \"[2001:db8::3]:1\""]),
            ip("2001:db8::3")
        );
        assert_eq!(
            forwarded(1, &["6.6.6.6, ::ffff:192.0.2.5"]),
            ip("192.0.2.5")
        );
        for junk in [
            "6.6.6.6, unknown",
            "6.6.6.6, ",
            "6.6.6.6, 1.2.3.4:x",
            "6.6.6.6, [::1]x",
        ] {
            assert_eq!(forwarded(1, &[junk]), ip("127.0.0.1"), "{junk}");
        }
    }

    #[test]
    fn the_client_is_hops_places_from_the_right() {
        // Client wrote 6.6.6.6; the CDN appended the client's real address, the load
        // balancer appended the CDN's.
        let chain = ["6.6.6.6, 203.0.113.9, 10.0.0.2"];
        assert_eq!(forwarded(1, &chain), ip("10.0.0.2"));
        assert_eq!(forwarded(2, &chain), ip("203.0.113.9"));
        // Two header lines count as one list.
        assert_eq!(
            forwarded(2, &["6.6.6.6, 203.0.113.9", "10.0.0.2"]),
            ip("203.0.113.9")
        );
        // Fewer entries than trusted hops: the peer.
        assert_eq!(forwarded(4, &chain), ip("127.0.0.1"));
    }

    #[test]
    fn ipv6_clients_are_limited_by_their_64() {
        assert_eq!(rate_limit_key("2001:db8:1:2:aaaa::1"), "2001:db8:1:2::/64");
        assert_eq!(rate_limit_key("2001:db8:1:2:bbbb::9"), "2001:db8:1:2::/64");
        assert_eq!(rate_limit_key("2001:db8:1:3::1"), "2001:db8:1:3::/64");
        assert_eq!(rate_limit_key("192.0.2.1"), "192.0.2.1");
        assert_eq!(rate_limit_key("::ffff:192.0.2.1"), "192.0.2.1");
    }
}
