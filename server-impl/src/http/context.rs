//! The request's context: what the layers learn about a request that the generated trait
//! methods are not given as parameters (the client's IP and User-Agent), and what the
//! implementation leaves for the layers (rate-limit states for the `RateLimit` headers, the
//! cause of an error answered in the OAuth2 format). It travels in the request's extensions,
//! which the generated handlers pass on (ADR 0015).

use std::net::{IpAddr, SocketAddr};
use std::sync::{Arc, Mutex, OnceLock};

use axum::extract::{ConnectInfo, Request};
use axum::response::Response;
use http::header::USER_AGENT;
use http::{Extensions, HeaderMap, HeaderName, HeaderValue};

use super::edge::Next;
use super::problem::ErrorReport;
use crate::domain::RateState;
use crate::service::ClientInfo;

/// The request id's header: set (or kept) by the request-id layer, read by the context and
/// the request's span, allowed and exposed by CORS.
pub(super) const X_REQUEST_ID: HeaderName = HeaderName::from_static("x-request-id");

/// One request's context; clones share the handlers' notes.
#[derive(Clone, Default)]
pub struct RequestContext(Arc<Shared>);

#[derive(Default)]
struct Shared {
    client: Client,
    rate_limits: Mutex<Vec<(&'static str, RateState)>>,
    report: Mutex<Option<ErrorReport>>,
}

/// What the request says about its client, kept as it came: most requests never ask, and
/// formatting the address and copying the headers into strings on every request was a
/// tenth of the edge's work on a `GET /todos/{id}`.
#[derive(Default)]
struct Client {
    ip: Option<IpAddr>,
    user_agent: Option<HeaderValue>,
    request_id: Option<HeaderValue>,
    info: OnceLock<ClientInfo>,
}

impl RequestContext {
    fn new(client: Client) -> RequestContext {
        RequestContext(Arc::new(Shared {
            client,
            ..Shared::default()
        }))
    }

    /// The context [`with_context`] left in a request's extensions (an empty one outside a
    /// request, as in unit tests).
    pub fn of(extensions: &Extensions) -> RequestContext {
        extensions
            .get::<RequestContext>()
            .cloned()
            .unwrap_or_default()
    }

    pub fn client(&self) -> ClientInfo {
        let client = &self.0.client;
        let text = |value: &Option<HeaderValue>| {
            value
                .as_ref()
                .and_then(|v| v.to_str().ok())
                .map(str::to_owned)
        };
        client
            .info
            .get_or_init(|| ClientInfo {
                ip: client.ip.map(|ip| ip.to_string()),
                user_agent: text(&client.user_agent),
                // Visible ASCII (`to_str`), so any byte is a character boundary.
                request_id: text(&client.request_id).map(|mut id| {
                    id.truncate(128);
                    id
                }),
            })
            .clone()
    }

    /// Records a policy's state for the rate-limit headers; a later note for the same
    /// policy replaces an earlier one.
    pub fn note_rate_limit(&self, name: &'static str, state: RateState) {
        let mut notes = self.0.rate_limits.lock().expect("rate-limit notes lock");
        notes.retain(|(n, _)| *n != name);
        notes.push((name, state));
    }

    /// The policies' states noted so far, in the order they were first noted.
    pub fn rate_limits(&self) -> Vec<(&'static str, RateState)> {
        self.0
            .rate_limits
            .lock()
            .expect("rate-limit notes lock")
            .clone()
    }

    /// Leaves an error's report for the logging layer, for answers that are typed responses
    /// of the generated code and so carry no `ErrorReport` of their own.
    pub fn leave_report(&self, report: ErrorReport) {
        *self.0.report.lock().expect("report lock") = Some(report);
    }
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
    // A line with bytes beyond ASCII still counts (read lossily): skipping it would skip
    // the entries the proxies appended to it, and the client's own lines would move into
    // the trusted places.
    let values: Vec<std::borrow::Cow<'_, str>> = headers
        .get_all("x-forwarded-for")
        .iter()
        .map(|v| String::from_utf8_lossy(v.as_bytes()))
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

/// Puts the request's context (with the client's IP and User-Agent) into its extensions for
/// the layers and handlers below, and moves a report a handler left into the response.
pub async fn with_context(
    source: ClientIpSource,
    mut request: Request,
    next: impl Next,
) -> Response {
    let peer = request
        .extensions()
        .get::<ConnectInfo<SocketAddr>>()
        .map(|c| c.0);
    let context = RequestContext::new(Client {
        ip: client_ip(source, request.headers(), peer),
        user_agent: request.headers().get(USER_AGENT).cloned(),
        // Set (or kept) by the request-id layer in front of this one.
        request_id: request.headers().get(X_REQUEST_ID).cloned(),
        info: OnceLock::new(),
    });
    request.extensions_mut().insert(context.clone());
    let mut response = next(request).await;
    if response.extensions().get::<ErrorReport>().is_none()
        && let Some(report) = context.0.report.lock().expect("report lock").take()
    {
        response.extensions_mut().insert(report);
    }
    response
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
    fn a_line_with_non_ascii_bytes_is_not_skipped() {
        // Found by `prop::client_written_entries_never_matter`: the client sends its own
        // line and starts the next with a byte beyond ASCII; the proxy appends the real
        // address to that line. The line used to be dropped, and the client's `6.6.6.6`
        // taken as the client.
        let mut headers = HeaderMap::new();
        headers.append("x-forwarded-for", "6.6.6.6".parse().unwrap());
        headers.append(
            "x-forwarded-for",
            http::HeaderValue::from_bytes(b"\x80, 203.0.113.9").unwrap(),
        );
        let peer: SocketAddr = "127.0.0.1:5000".parse().unwrap();
        let source = ClientIpSource::Forwarded { hops: 1 };
        assert_eq!(client_ip(source, &headers, Some(peer)), ip("203.0.113.9"));
        let source = ClientIpSource::Forwarded { hops: 2 };
        assert_eq!(client_ip(source, &headers, Some(peer)), ip("127.0.0.1"));
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

    mod prop {
        use super::*;
        use http::HeaderValue;
        use proptest::collection::vec;
        use proptest::prelude::*;

        /// An entry as a proxy may write it, and the address it stands for (`None`: junk).
        fn entry() -> impl Strategy<Value = (String, Option<IpAddr>)> {
            let v4 = any::<[u8; 4]>().prop_map(IpAddr::from);
            let v6 = any::<[u16; 8]>().prop_map(IpAddr::from);
            let ip = prop_oneof![v4, v6];
            let written = (ip, 0u8..5, any::<u16>()).prop_map(|(ip, form, port)| {
                let text = match (form, ip) {
                    (0, _) => ip.to_string(),
                    (1, IpAddr::V4(v4)) => format!("{v4}:{port}"),
                    (1, IpAddr::V6(v6)) => format!("[{v6}]:{port}"),
                    (2, IpAddr::V6(v6)) => format!("[{v6}]"),
                    (3, IpAddr::V4(v4)) => v4.to_ipv6_mapped().to_string(),
                    _ => format!("\"{ip}\""),
                };
                (format!(" {text} "), Some(ip.to_canonical()))
            });
            let junk = prop_oneof![
                Just("unknown".to_owned()),
                Just("".to_owned()),
                "[0-9.:\\[\\]a-fx ]{1,20}",
                "[!-~]{0,30}",
            ]
            .prop_map(|s| s.replace(',', ";"))
            .prop_filter("junk", |s| parse_forwarded_entry(s).is_none())
            .prop_map(|s| (s, None));
            prop_oneof![3 => written, 1 => junk]
        }

        fn headers_of(lines: &[String]) -> HeaderMap {
            let mut headers = HeaderMap::new();
            for line in lines {
                if let Ok(v) = HeaderValue::from_str(line) {
                    headers.append("x-forwarded-for", v);
                }
            }
            headers
        }

        fn peer() -> SocketAddr {
            "127.0.0.1:5000".parse().unwrap()
        }

        proptest! {
            #[test]
            fn the_entry_hops_from_the_right_is_used_or_the_peer(
                entries in vec(entry(), 0..8),
                hops in 1u8..6,
                split in any::<proptest::sample::Index>(),
            ) {
                // The entries over two header lines, split anywhere.
                let texts: Vec<String> = entries.iter().map(|(t, _)| t.clone()).collect();
                let at = split.index(texts.len() + 1);
                let lines: Vec<String> = [&texts[..at], &texts[at..]]
                    .iter()
                    .filter(|part| !part.is_empty())
                    .map(|part| part.join(","))
                    .collect();
                let expected = entries
                    .iter()
                    .rev()
                    .nth(usize::from(hops) - 1)
                    .and_then(|(_, ip)| *ip)
                    .unwrap_or(peer().ip());
                let source = ClientIpSource::Forwarded { hops };
                prop_assert_eq!(client_ip(source, &headers_of(&lines), Some(peer())), Some(expected));
            }

            #[test]
            fn client_written_entries_never_matter(
                entries in vec(entry(), 0..6),
                client_lines in vec("[ -~]{0,40}", 0..3),
                forged in vec(any::<u8>(), 0..60),
                hops in 1u8..4,
            ) {
                // The client sends header lines of its own and starts the last one with
                // anything (obs-text included); the trusted proxies append their entries
                // to that last line. None of it changes whom the entries name.
                prop_assume!(entries.len() >= usize::from(hops));
                let expected = entries[entries.len() - usize::from(hops)].1.unwrap_or(peer().ip());
                let trusted: Vec<String> = entries.iter().map(|(t, _)| t.clone()).collect();
                let mut last: Vec<u8> = forged
                    .into_iter()
                    .filter(|&b| b == b'\t' || (b >= 0x20 && b != 0x7f))
                    .collect();
                last.push(b',');
                last.extend_from_slice(trusted.join(",").as_bytes());
                let mut headers = headers_of(&client_lines);
                headers.append("x-forwarded-for", HeaderValue::from_bytes(&last).unwrap());
                let source = ClientIpSource::Forwarded { hops };
                prop_assert_eq!(client_ip(source, &headers, Some(peer())), Some(expected));
            }

            #[test]
            fn any_header_gives_the_peer_or_an_address_written_in_it(
                lines in vec(vec(any::<u8>(), 0..80), 0..4),
                hops in 0u8..4,
                with_peer in any::<bool>(),
            ) {
                let mut headers = HeaderMap::new();
                for bytes in &lines {
                    if let Ok(v) = HeaderValue::from_bytes(bytes) {
                        headers.append("x-forwarded-for", v);
                    }
                }
                let peer = with_peer.then(peer);
                let source = ClientIpSource::from_config(false, hops);
                let ip = client_ip(source, &headers, peer);
                if source == ClientIpSource::Socket {
                    prop_assert_eq!(ip, peer.map(|p| p.ip()));
                } else if ip != peer.map(|p| p.ip()) {
                    let ip = ip.unwrap();
                    prop_assert_eq!(ip, ip.to_canonical());
                    let written = headers
                        .get_all("x-forwarded-for")
                        .iter()
                        .map(|v| String::from_utf8_lossy(v.as_bytes()).into_owned())
                        .any(|v| v.split(',').any(|e| parse_forwarded_entry(e) == Some(ip)));
                    prop_assert!(written, "{} not in {:?}", ip, headers);
                }
            }
        }
    }
}
