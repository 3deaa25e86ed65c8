//! `todo-api healthcheck`: asks a running server's readiness probe and exits 0 on 200, 1
//! otherwise, with one line on stderr saying why. For container `HEALTHCHECK`s: small
//! images have no curl. Plain HTTP/1.1 with hyper's client connection (no pool, no TLS: the
//! probe talks to the node itself, not through the proxy that terminates TLS).

use std::net::{Ipv4Addr, Ipv6Addr, SocketAddr};
use std::time::Duration;

use http_body_util::Empty;
use hyper::body::Bytes;
use hyper_util::rt::TokioIo;
use tokio::net::TcpStream;

/// The readiness probe's path under the listen address.
pub const READY_PATH: &str = "/api/v1/health/ready";

#[derive(Debug, Clone, clap::Args)]
pub struct HealthcheckArgs {
    /// The server's listen address (as for `serve`); 0.0.0.0 and [::] are asked on loopback.
    #[arg(long, env = "LISTEN_ADDR", default_value = "127.0.0.1:8080")]
    pub listen_addr: SocketAddr,
    /// Ask this URL instead (http:// only), e.g. `http://127.0.0.1:8080/api/v1/health/live`.
    #[arg(long)]
    pub url: Option<http::Uri>,
    /// Seconds the whole exchange may take (connect, request, status line).
    #[arg(long, default_value_t = 3, value_parser = clap::value_parser!(u64).range(1..=600))]
    pub timeout_seconds: u64,
}

impl HealthcheckArgs {
    /// The URL asked: `--url`, or the readiness probe at the listen address.
    pub fn target(&self) -> http::Uri {
        match &self.url {
            Some(url) => url.clone(),
            None => {
                let mut addr = self.listen_addr;
                if addr.ip().is_unspecified() {
                    addr.set_ip(if addr.is_ipv4() {
                        Ipv4Addr::LOCALHOST.into()
                    } else {
                        Ipv6Addr::LOCALHOST.into()
                    });
                }
                format!("http://{addr}{READY_PATH}")
                    .parse()
                    .expect("a socket address makes a valid URL")
            }
        }
    }
}

/// `Ok` when the server answered 200; otherwise why not, in one line.
pub async fn healthcheck(args: &HealthcheckArgs) -> Result<(), String> {
    let url = args.target();
    let timeout = Duration::from_secs(args.timeout_seconds);
    match tokio::time::timeout(timeout, ask(&url)).await {
        Ok(Ok(status)) if status == http::StatusCode::OK => Ok(()),
        Ok(Ok(status)) => Err(format!("{url} answered {status}")),
        Ok(Err(why)) => Err(format!("{url}: {why}")),
        Err(_) => Err(format!("{url}: no answer within {}s", args.timeout_seconds)),
    }
}

async fn ask(url: &http::Uri) -> Result<http::StatusCode, String> {
    if url.scheme_str() != Some("http") {
        return Err("only http:// URLs can be asked".to_owned());
    }
    let authority = url.authority().ok_or("the URL has no host")?.clone();
    let host = authority
        .host()
        .trim_start_matches('[')
        .trim_end_matches(']');
    let port = authority.port_u16().unwrap_or(80);
    let stream = TcpStream::connect((host, port))
        .await
        .map_err(|e| format!("cannot connect: {e}"))?;
    let (mut sender, connection) = hyper::client::conn::http1::handshake(TokioIo::new(stream))
        .await
        .map_err(|e| format!("HTTP handshake failed: {e}"))?;
    tokio::spawn(connection);
    let request = http::Request::get(url.path_and_query().map_or("/", |p| p.as_str()))
        .header(http::header::HOST, authority.as_str())
        .header(http::header::USER_AGENT, "todo-api-healthcheck")
        .body(Empty::<Bytes>::new())
        .map_err(|e| format!("invalid request: {e}"))?;
    let response = sender
        .send_request(request)
        .await
        .map_err(|e| format!("no HTTP answer: {e}"))?;
    Ok(response.status())
}

#[cfg(test)]
mod tests {
    use super::*;

    fn args(listen: &str, url: Option<&str>) -> HealthcheckArgs {
        HealthcheckArgs {
            listen_addr: listen.parse().unwrap(),
            url: url.map(|u| u.parse().unwrap()),
            timeout_seconds: 3,
        }
    }

    #[test]
    fn unspecified_listen_addresses_are_asked_on_loopback() {
        assert_eq!(
            args("0.0.0.0:8080", None).target().to_string(),
            "http://127.0.0.1:8080/api/v1/health/ready"
        );
        assert_eq!(
            args("[::]:9000", None).target().to_string(),
            "http://[::1]:9000/api/v1/health/ready"
        );
        assert_eq!(
            args("10.0.0.5:80", None).target().to_string(),
            "http://10.0.0.5:80/api/v1/health/ready"
        );
        assert_eq!(
            args("0.0.0.0:8080", Some("http://example.test:81/x"))
                .target()
                .to_string(),
            "http://example.test:81/x"
        );
    }
}
