//! PostgreSQL's signals (ADR 0027): one `LISTEN todo_api_sync` connection per node, outside
//! the pool, reconnecting with back-off; migration 17's triggers notify `l:<list>` and
//! `u:<account>` at commit.
//!
//! Two things make a notification not quite "pull now and you will see it":
//! - Notifications sent while the connection was down are lost. After every (re)connect
//!   every stream pulls from its cursor (`SyncSignal::All`), so nothing is missed.
//! - The feed only returns changes below the oldest write transaction still running
//!   (ADR 0026). A transaction that commits while an older one is still open notifies, but
//!   its change is not in the feed yet; the older one may never notify the same scope. So
//!   each batch is delivered at once *and*, if any transaction was running, again once the
//!   oldest running transaction is past every one that had finished when the batch arrived
//!   (`pg_snapshot_xmin >= ` the `pg_snapshot_xmax` read after the batch). One small query
//!   per node per batch, and every [`SETTLE_POLL`] while something waits; never per stream.

use std::collections::HashSet;
use std::time::Duration;

use sqlx::postgres::{PgConnectOptions, PgListener, PgPool, PgPoolOptions};
use tokio::sync::mpsc;

use super::signals::{ChangeWatch, Settle, SharedSink, SyncSignal};

/// The channel migration 17's `sync_notify` sends on.
pub const CHANNEL: &str = "todo_api_sync";
/// How often the watermark is read while signals wait for it.
const SETTLE_POLL: Duration = Duration::from_millis(20);
const FIRST_BACKOFF: Duration = Duration::from_millis(100);
const MAX_BACKOFF: Duration = Duration::from_secs(10);

/// Signals handed to the gate: delivered at once if `now`, and again once settled.
struct Batch {
    signals: Vec<SyncSignal>,
    now: bool,
}

/// Starts the listener (its own connection from `options`) and the gate (queries on `pool`).
pub(super) fn spawn(options: PgConnectOptions, pool: PgPool, sink: SharedSink) -> ChangeWatch {
    let (to_gate, batches) = mpsc::unbounded_channel();
    let (to_settle, settles) = mpsc::unbounded_channel();
    let task = tokio::spawn(async move {
        tokio::join!(listen(options, to_gate), gate(pool, sink, batches, settles));
    });
    ChangeWatch {
        task,
        settle: Some(Settle(to_settle)),
    }
}

async fn connect(options: &PgConnectOptions) -> Result<PgListener, sqlx::Error> {
    // A pool of one, only for PgListener's reconnects: the application pool's budget is not
    // touched, and whatever the number of streams there is one such connection per node.
    let pool = PgPoolOptions::new()
        .max_connections(1)
        .max_lifetime(None)
        .idle_timeout(None)
        .acquire_timeout(Duration::from_secs(10))
        .connect_with(options.clone())
        .await?;
    let mut listener = PgListener::connect_with(&pool).await?;
    listener.ignore_pool_close_event(true);
    listener.listen(CHANNEL).await?;
    Ok(listener)
}

async fn listen(options: PgConnectOptions, gate: mpsc::UnboundedSender<Batch>) {
    let mut backoff = FIRST_BACKOFF;
    loop {
        match connect(&options).await {
            Ok(mut listener) => {
                backoff = FIRST_BACKOFF;
                tracing::info!(channel = CHANNEL, "listening for changes");
                metrics::counter!("todo_api_sync_listener_connects_total").increment(1);
                // Whatever was notified while nobody listened is lost: everyone pulls.
                let _ = gate.send(Batch {
                    signals: vec![SyncSignal::All],
                    now: true,
                });
                loop {
                    match listener.try_recv().await {
                        Ok(Some(first)) => {
                            let mut signals: Vec<SyncSignal> =
                                SyncSignal::parse(first.payload()).into_iter().collect();
                            while let Some(more) = listener.next_buffered() {
                                signals.extend(SyncSignal::parse(more.payload()));
                            }
                            let _ = gate.send(Batch { signals, now: true });
                        }
                        // The connection dropped and sqlx opened and subscribed a new one.
                        Ok(None) => {
                            tracing::warn!("change listener reconnected");
                            let _ = gate.send(Batch {
                                signals: vec![SyncSignal::All],
                                now: true,
                            });
                        }
                        Err(error) => {
                            tracing::warn!(%error, "change listener lost its connection");
                            break;
                        }
                    }
                }
            }
            Err(error) => {
                tracing::warn!(%error, retry_in = ?backoff, "change listener cannot connect");
            }
        }
        tokio::time::sleep(backoff).await;
        backoff = (backoff * 2).min(MAX_BACKOFF);
    }
}

/// Signals waiting for the watermark: `None` until a watermark could be read.
type Waiting = Vec<(Option<i64>, Vec<SyncSignal>)>;

async fn gate(
    pool: PgPool,
    sink: SharedSink,
    mut batches: mpsc::UnboundedReceiver<Batch>,
    mut settles: mpsc::UnboundedReceiver<Vec<SyncSignal>>,
) {
    let mut waiting: Waiting = Vec::new();
    let mut open = (true, true);
    loop {
        if !open.0 && !open.1 && waiting.is_empty() {
            return;
        }
        let mut arrived: Vec<Batch> = Vec::new();
        tokio::select! {
            batch = batches.recv(), if open.0 => match batch {
                Some(batch) => arrived.push(batch),
                None => open.0 = false,
            },
            signals = settles.recv(), if open.1 => match signals {
                Some(signals) => arrived.push(Batch { signals, now: false }),
                None => open.1 = false,
            },
            () = tokio::time::sleep(SETTLE_POLL), if !waiting.is_empty() => {}
        }
        while let Ok(batch) = batches.try_recv() {
            arrived.push(batch);
        }
        while let Ok(signals) = settles.try_recv() {
            arrived.push(Batch {
                signals,
                now: false,
            });
        }
        let now: Vec<SyncSignal> = arrived
            .iter()
            .filter(|b| b.now)
            .flat_map(|b| b.signals.iter().copied())
            .collect();
        let snapshot = watermark(&pool).await;
        if !now.is_empty() {
            sink.deliver(&dedup(now));
        }
        let (xmin, xmax) = match snapshot {
            Ok(bounds) => bounds,
            Err(error) => {
                tracing::debug!(%error, "cannot read the watermark; signals wait");
                waiting.extend(arrived.into_iter().map(|b| (None, b.signals)));
                continue;
            }
        };
        // Nothing running: whatever had committed is in the feed already.
        if xmin < xmax {
            waiting.extend(arrived.into_iter().map(|b| (Some(xmax), b.signals)));
        } else if arrived.iter().any(|b| !b.now) {
            sink.deliver(&dedup(
                arrived
                    .into_iter()
                    .filter(|b| !b.now)
                    .flat_map(|b| b.signals)
                    .collect(),
            ));
        }
        let mut ready = Vec::new();
        waiting.retain_mut(|(threshold, signals)| {
            let threshold = *threshold.get_or_insert(xmax);
            if threshold <= xmin {
                ready.append(signals);
                false
            } else {
                true
            }
        });
        if !ready.is_empty() {
            sink.deliver(&dedup(ready));
        }
    }
}

fn dedup(signals: Vec<SyncSignal>) -> Vec<SyncSignal> {
    if signals.contains(&SyncSignal::All) {
        return vec![SyncSignal::All];
    }
    let mut seen = HashSet::with_capacity(signals.len());
    signals.into_iter().filter(|s| seen.insert(*s)).collect()
}

/// The oldest running transaction and one past the newest finished one, now.
async fn watermark(pool: &PgPool) -> Result<(i64, i64), sqlx::Error> {
    sqlx::query_as(
        "SELECT pg_snapshot_xmin(s)::text::bigint, pg_snapshot_xmax(s)::text::bigint \
         FROM pg_current_snapshot() AS s",
    )
    .fetch_one(pool)
    .await
}
