//! The accept loop (instead of `axum::serve`, which bounds neither how long a client may
//! take nor how many connections it may hold; issue 9):
//!
//! - at most `max_connections` connections are served; one more is answered a raw 503
//!   problem+json with `Retry-After: 1` and closed;
//! - a connection's first request head must be complete within the header-read timeout
//!   of the accept; between keep-alive requests a connection may sit idle (not a byte
//!   read or written) for the idle timeout, and once the next head starts arriving it
//!   must be complete within the header-read timeout. A per-connection watchdog closes
//!   it otherwise. (hyper's own `header_read_timeout` starts as soon as the connection
//!   waits for a head, so it would also be the idle timeout: one value for both.)
//! - while a request is being handled the watchdog does not count; the body-read and
//!   request timeouts (`timeouts.rs`) bound that part;
//! - on shutdown: the listener is closed, idle connections are closed, in-flight requests
//!   finish and their connections close (the caller bounds how long that may take).

use std::future::Future;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::{Arc, Mutex};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::Router;
use axum::body::Body;
use axum::extract::ConnectInfo;
use hyper::body::Incoming;
use hyper_util::rt::TokioIo;
use tokio::io::{AsyncRead, AsyncReadExt, AsyncWrite, AsyncWriteExt, ReadBuf};
use tokio::net::{TcpListener, TcpStream};
use tokio::sync::{OwnedSemaphorePermit, Semaphore, watch};
use tokio::time::Instant;
use tower::ServiceExt;

use super::problem::{PROBLEM_JSON, ProblemKind, problem_body};

#[derive(Debug, Clone, Copy)]
pub struct ConnectionLimits {
    pub header_read_timeout: Duration,
    pub keepalive_idle_timeout: Duration,
    pub max_connections: usize,
}

/// Serves `router` on `listener` until `shutdown` completes and every connection closed.
pub async fn serve(
    listener: TcpListener,
    router: Router,
    limits: ConnectionLimits,
    shutdown: impl Future<Output = ()>,
) {
    let permits = Arc::new(Semaphore::new(limits.max_connections.max(1)));
    let (stop_tx, stop_rx) = watch::channel(false);
    // Each connection task holds a receiver; `closed()` completes when all are gone.
    let (open_tx, open_rx) = watch::channel(());
    let mut refused_since_warning = 0u64;
    let mut last_warning: Option<Instant> = None;
    tokio::pin!(shutdown);
    loop {
        let (stream, peer) = tokio::select! {
            accepted = listener.accept() => match accepted {
                Ok(accepted) => accepted,
                Err(error) => {
                    // Out of file descriptors, or a connection reset before it was accepted:
                    // wait a little instead of spinning.
                    tracing::warn!(%error, "accept failed");
                    tokio::time::sleep(Duration::from_millis(100)).await;
                    continue;
                }
            },
            () = &mut shutdown => break,
        };
        match permits.clone().try_acquire_owned() {
            Ok(permit) => {
                tokio::spawn(serve_connection(
                    stream,
                    peer,
                    router.clone(),
                    limits,
                    permit,
                    stop_rx.clone(),
                    open_rx.clone(),
                ));
            }
            Err(_) => {
                refused_since_warning += 1;
                if last_warning.is_none_or(|at| at.elapsed() >= Duration::from_secs(10)) {
                    tracing::warn!(
                        max_connections = limits.max_connections,
                        refused = refused_since_warning,
                        "connection limit reached; refusing new connections with 503"
                    );
                    refused_since_warning = 0;
                    last_warning = Some(Instant::now());
                }
                tokio::spawn(refuse(stream));
            }
        }
    }
    drop(listener);
    let _ = stop_tx.send(true);
    drop(open_rx);
    open_tx.closed().await;
}

async fn serve_connection(
    stream: TcpStream,
    peer: SocketAddr,
    router: Router,
    limits: ConnectionLimits,
    _permit: OwnedSemaphorePermit,
    mut stop: watch::Receiver<bool>,
    _open: watch::Receiver<()>,
) {
    let activity = Arc::new(Activity::new());
    let io = TokioIo::new(Tracked {
        inner: stream,
        activity: activity.clone(),
    });
    let service = hyper::service::service_fn({
        let activity = activity.clone();
        move |mut request: http::Request<Incoming>| {
            let handling = activity.request_started();
            request.extensions_mut().insert(ConnectInfo(peer));
            let router = router.clone();
            async move {
                let response = router.oneshot(request.map(Body::new)).await;
                // An event stream is being handled for as long as it runs: the watchdog must
                // not take its quiet moments between events for an idle connection.
                match response {
                    Ok(response) if is_event_stream(&response) => Ok(response.map(|body| {
                        Body::new(Handled {
                            body,
                            _handling: handling,
                        })
                    })),
                    response => {
                        drop(handling);
                        response
                    }
                }
            }
        }
    });
    let mut http1 = hyper::server::conn::http1::Builder::new();
    // The watchdog below does this (see the module comment).
    http1.header_read_timeout(None);
    let connection = http1.serve_connection(io, service);
    tokio::pin!(connection);
    // The watchdog, in the connection's own task: everything that moves a deadline (a read,
    // a write, the end of a request's handling) happens inside the connection's poll, so the
    // deadline is looked at after each poll. Its timer is moved only when the deadline comes
    // earlier; a later one is found when the timer fires (a busy connection re-arms it once
    // per header-read timeout). A `Notify` per event woke the task twice per request, and
    // each wake armed a new timer.
    let stopping = stop.wait_for(|stopped| *stopped);
    tokio::pin!(stopping);
    let mut stopped = false;
    let watchdog = tokio::time::sleep_until(Instant::now());
    tokio::pin!(watchdog);
    let mut armed: Option<Instant> = None;
    std::future::poll_fn(|cx| {
        if !stopped && stopping.as_mut().poll(cx).is_ready() {
            stopped = true;
            connection.as_mut().graceful_shutdown();
        }
        if let Poll::Ready(result) = connection.as_mut().poll(cx) {
            if let Err(error) = result {
                tracing::debug!(%error, %peer, "connection ended with an error");
            }
            return Poll::Ready(());
        }
        loop {
            let Some(deadline) = activity.deadline(limits) else {
                return Poll::Pending; // a request is being handled
            };
            if deadline <= Instant::now() {
                tracing::debug!(%peer, "closing a connection that sent no complete request in time");
                return Poll::Ready(()); // dropping the connection closes the socket
            }
            if armed.is_none_or(|at| deadline < at) {
                watchdog.as_mut().reset(deadline);
                armed = Some(deadline);
            }
            match watchdog.as_mut().poll(cx) {
                Poll::Pending => return Poll::Pending,
                // Fired: the deadline may have moved later since it was armed.
                Poll::Ready(()) => armed = None,
            }
        }
    })
    .await;
}

fn is_event_stream(response: &http::Response<Body>) -> bool {
    response
        .headers()
        .get(http::header::CONTENT_TYPE)
        .is_some_and(|v| v.as_bytes().starts_with(b"text/event-stream"))
}

/// A response body that holds its request's `Handling` until it is dropped.
struct Handled {
    body: Body,
    _handling: Handling,
}

impl hyper::body::Body for Handled {
    type Data = axum::body::Bytes;
    type Error = axum::Error;

    fn poll_frame(
        self: Pin<&mut Self>,
        cx: &mut Context<'_>,
    ) -> Poll<Option<Result<hyper::body::Frame<Self::Data>, Self::Error>>> {
        Pin::new(&mut self.get_mut().body).poll_frame(cx)
    }

    fn is_end_stream(&self) -> bool {
        self.body.is_end_stream()
    }

    fn size_hint(&self) -> hyper::body::SizeHint {
        self.body.size_hint()
    }
}

/// Answers a connection over the limit and closes it. The request is not read; what the
/// client sent is drained for a moment after the answer so that closing does not reset
/// the connection before the client has read the answer.
async fn refuse(mut stream: TcpStream) {
    let (status, body) = problem_body(
        ProblemKind::TooManyConnections,
        "The server has too many open connections; retry shortly.",
        None,
    );
    let mut response = format!(
        "HTTP/1.1 {status}\r\nContent-Type: {PROBLEM_JSON}\r\nContent-Length: {}\r\nRetry-After: 1\r\nConnection: close\r\n\r\n",
        body.len()
    )
    .into_bytes();
    response.extend_from_slice(&body);
    let _ = tokio::time::timeout(Duration::from_secs(1), async {
        stream.write_all(&response).await?;
        stream.shutdown().await?;
        let mut sink = [0u8; 4096];
        let mut drained = 0;
        while drained < 64 * 1024 {
            match stream.read(&mut sink).await? {
                0 => break,
                n => drained += n,
            }
        }
        io::Result::Ok(())
    })
    .await;
}

/// What the watchdog knows about one connection.
struct Activity {
    state: Mutex<ActivityState>,
}

struct ActivityState {
    accepted: Instant,
    /// Requests being handled (from complete head to the handler's response).
    handling: u32,
    /// Whether a request has been handed to the router yet.
    served_any: bool,
    /// Since when no request is handled and nothing was written.
    idle_since: Instant,
    /// When the first byte arrived since then.
    head_started: Option<Instant>,
}

impl Activity {
    fn new() -> Activity {
        let now = Instant::now();
        Activity {
            state: Mutex::new(ActivityState {
                accepted: now,
                handling: 0,
                served_any: false,
                idle_since: now,
                head_started: None,
            }),
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, ActivityState> {
        self.state
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner())
    }

    fn request_started(self: &Arc<Self>) -> Handling {
        let mut state = self.lock();
        state.handling += 1;
        state.served_any = true;
        state.head_started = None;
        Handling(self.clone())
    }

    fn read(&self) {
        let mut state = self.lock();
        if state.handling == 0 && state.head_started.is_none() {
            state.head_started = Some(Instant::now());
        }
    }

    fn wrote(&self) {
        let mut state = self.lock();
        if state.handling == 0 {
            // The answer is being written: the connection is not idle yet.
            state.idle_since = Instant::now();
            state.head_started = None;
        }
    }

    /// When the connection is to be closed if nothing changes; `None` while a request is
    /// being handled.
    fn deadline(&self, limits: ConnectionLimits) -> Option<Instant> {
        let state = self.lock();
        if state.handling > 0 {
            None
        } else if !state.served_any {
            Some(state.accepted + limits.header_read_timeout)
        } else if let Some(started) = state.head_started {
            Some(started + limits.header_read_timeout)
        } else {
            Some(state.idle_since + limits.keepalive_idle_timeout)
        }
    }
}

/// A request being handled; the connection's idle time starts again when it is dropped.
struct Handling(Arc<Activity>);

impl Drop for Handling {
    fn drop(&mut self) {
        let mut state = self.0.lock();
        state.handling -= 1;
        state.idle_since = Instant::now();
    }
}

/// The socket, telling the watchdog when bytes move.
struct Tracked {
    inner: TcpStream,
    activity: Arc<Activity>,
}

impl AsyncRead for Tracked {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        let before = buf.filled().len();
        let result = Pin::new(&mut self.inner).poll_read(cx, buf);
        if buf.filled().len() > before {
            self.activity.read();
        }
        result
    }
}

impl AsyncWrite for Tracked {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write(cx, buf);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        result
    }

    fn poll_write_vectored(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        bufs: &[io::IoSlice<'_>],
    ) -> Poll<io::Result<usize>> {
        let result = Pin::new(&mut self.inner).poll_write_vectored(cx, bufs);
        if matches!(result, Poll::Ready(Ok(n)) if n > 0) {
            self.activity.wrote();
        }
        result
    }

    fn is_write_vectored(&self) -> bool {
        self.inner.is_write_vectored()
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

/// Raises the soft limit on open files to the hard limit (each connection holds one) and
/// warns when `max_connections` cannot be reached under it. Returns the limit in force.
pub fn raise_open_files_limit(max_connections: usize, reserved: usize) -> Option<u64> {
    let limit = raise_nofile();
    if let Some(limit) = limit {
        tracing::info!(
            open_files_limit = limit,
            max_connections,
            "connection limits"
        );
    }
    match limit {
        Some(limit) if (max_connections + reserved) as u64 > limit => tracing::warn!(
            max_connections,
            open_files_limit = limit,
            "MAX_CONNECTIONS is above what the open-files limit allows (about {reserved} files \
             are needed besides connections); new connections will fail to be accepted first"
        ),
        _ => {}
    }
    limit
}

#[cfg(unix)]
fn raise_nofile() -> Option<u64> {
    use rustix::process::{Resource, getrlimit, setrlimit};
    let current = getrlimit(Resource::Nofile);
    let (Some(soft), hard) = (current.current, current.maximum) else {
        return None; // unlimited
    };
    let Some(hard) = hard else {
        return Some(soft);
    };
    if soft >= hard {
        return Some(soft);
    }
    let raised = rustix::process::Rlimit {
        current: Some(hard),
        maximum: Some(hard),
    };
    match setrlimit(Resource::Nofile, raised) {
        Ok(()) => {
            tracing::info!(from = soft, to = hard, "raised the open-files limit");
            Some(hard)
        }
        Err(error) => {
            tracing::warn!(%error, soft, hard, "could not raise the open-files limit");
            Some(soft)
        }
    }
}

#[cfg(not(unix))]
fn raise_nofile() -> Option<u64> {
    None
}
