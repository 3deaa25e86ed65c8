//! SQLite's signals (ADR 0027). Triggers cannot wake anyone, so migration 18's triggers
//! note each changed scope in `sync_signals` with a growing `seq`; a watcher on its own
//! connection reads the rows past the last `seq` it saw and hands their scopes to the hub.
//!
//! When to read: every pooled connection has an update hook (did this transaction write
//! `sync_signals`?) and a commit hook, which wakes the watcher after such a commit. The
//! commit hook runs just before the commit is final, so the watcher reads again every
//! [`FAST_POLL`] until the new rows show (at most [`FAST_TRIES`] times). A read every
//! [`SLOW_POLL`] covers writers in other processes (`todo-api` tooling, the previous
//! release during a deploy) and anything the fast path gave up on.

use std::sync::Arc;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::Duration;

use sqlx::sqlite::SqliteConnectOptions;
use sqlx::{ConnectOptions, SqliteConnection};
use tokio::sync::Notify;
use uuid::Uuid;

use super::signals::{ChangeWatch, SharedSink, SyncSignal};

const FAST_POLL: Duration = Duration::from_millis(2);
const FAST_TRIES: u32 = 100;
const SLOW_POLL: Duration = Duration::from_secs(1);

/// What the commit hooks tell the watcher.
#[derive(Default)]
pub(super) struct CommitHints {
    committed: Notify,
}

/// Installs the hooks on a new pooled connection.
pub(super) async fn install_hooks(
    conn: &mut SqliteConnection,
    hints: Arc<CommitHints>,
) -> Result<(), sqlx::Error> {
    let touched = Arc::new(AtomicBool::new(false));
    let mut handle = conn.lock_handle().await?;
    handle.set_update_hook({
        let touched = touched.clone();
        move |change| {
            if change.table == "sync_signals" {
                touched.store(true, Ordering::Relaxed);
            }
        }
    });
    handle.set_commit_hook({
        let touched = touched.clone();
        move || {
            if touched.swap(false, Ordering::Relaxed) {
                hints.committed.notify_one();
            }
            true
        }
    });
    handle.set_rollback_hook(move || touched.store(false, Ordering::Relaxed));
    Ok(())
}

pub(super) fn spawn(
    options: SqliteConnectOptions,
    hints: Arc<CommitHints>,
    sink: SharedSink,
) -> ChangeWatch {
    ChangeWatch {
        task: tokio::spawn(watch(options, hints, sink)),
        settle: None,
    }
}

async fn watch(options: SqliteConnectOptions, hints: Arc<CommitHints>, sink: SharedSink) {
    let mut conn = loop {
        match options.connect().await {
            Ok(conn) => break conn,
            Err(error) => {
                tracing::warn!(%error, "change watcher cannot open the database");
                tokio::time::sleep(SLOW_POLL).await;
            }
        }
    };
    let mut last: i64 = loop {
        match sqlx::query_scalar("SELECT coalesce(max(seq), 0) FROM sync_signals")
            .fetch_one(&mut conn)
            .await
        {
            Ok(seq) => break seq,
            Err(error) => {
                tracing::warn!(%error, "change watcher cannot read sync_signals");
                tokio::time::sleep(SLOW_POLL).await;
            }
        }
    };
    loop {
        let fast = tokio::select! {
            () = hints.committed.notified() => true,
            () = tokio::time::sleep(SLOW_POLL) => false,
        };
        let tries = if fast { FAST_TRIES } else { 1 };
        for attempt in 0..tries {
            if attempt > 0 {
                tokio::time::sleep(FAST_POLL).await;
            }
            match read_since(&mut conn, last).await {
                Ok(rows) if rows.is_empty() => {}
                Ok(rows) => {
                    last = rows.iter().map(|(_, _, seq)| *seq).max().unwrap_or(last);
                    let signals: Vec<SyncSignal> = rows
                        .into_iter()
                        .map(|(kind, id, _)| match kind.as_str() {
                            "u" => SyncSignal::User(id),
                            _ => SyncSignal::List(id),
                        })
                        .collect();
                    sink.deliver(&signals);
                    break;
                }
                Err(error) => {
                    tracing::warn!(%error, "change watcher cannot read sync_signals");
                    break;
                }
            }
        }
    }
}

async fn read_since(
    conn: &mut SqliteConnection,
    last: i64,
) -> Result<Vec<(String, Uuid, i64)>, sqlx::Error> {
    sqlx::query_as("SELECT kind, id, seq FROM sync_signals WHERE seq > $1 ORDER BY seq")
        .bind(last)
        .fetch_all(conn)
        .await
}
