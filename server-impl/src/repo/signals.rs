//! Signals for the event streams (ADR 0027): which scopes changed, as the database tells
//! it. PostgreSQL's triggers `pg_notify` at commit (`listener.rs`); SQLite's leave a row in
//! `sync_signals` that a watcher reads after each commit (`sqlite_signals.rs`). A signal
//! says only where to look; the streams read what changed from the feed.

use std::sync::Arc;

use tokio::sync::mpsc;
use tokio::task::JoinHandle;
use uuid::Uuid;

/// A scope whose streams should pull the feed.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum SyncSignal {
    /// Something in the list changed: its members' streams pull.
    List(Uuid),
    /// The account's memberships (or something only it sees) changed: its streams re-read
    /// their lists and pull.
    User(Uuid),
    /// Signals may have been lost (the listener reconnected): every stream pulls.
    All,
}

impl SyncSignal {
    /// A notification's payload, `l:<uuid>` or `u:<uuid>`.
    pub fn parse(payload: &str) -> Option<SyncSignal> {
        let (kind, id) = payload.split_once(':')?;
        let id = Uuid::parse_str(id).ok()?;
        match kind {
            "l" => Some(SyncSignal::List(id)),
            "u" => Some(SyncSignal::User(id)),
            _ => None,
        }
    }
}

/// Where signals go: the event hub.
pub trait SignalSink: Send + Sync + 'static {
    fn deliver(&self, signals: &[SyncSignal]);
}

/// The running watcher of a store.
pub struct ChangeWatch {
    /// Runs until aborted.
    pub task: JoinHandle<()>,
    /// Asks for `signals` to be delivered again once every write transaction running now
    /// has ended (PostgreSQL: the feed only shows changes below the oldest running one, so a
    /// stream that started, or pulled, meanwhile may not have seen a change it was told
    /// about). `None` where the feed is never behind a commit (SQLite).
    pub settle: Option<Settle>,
}

/// See [`ChangeWatch::settle`].
#[derive(Clone)]
pub struct Settle(pub(super) mpsc::UnboundedSender<Vec<SyncSignal>>);

impl Settle {
    pub fn request(&self, signals: Vec<SyncSignal>) {
        let _ = self.0.send(signals);
    }
}

/// A sink that drops everything (tooling, tests).
pub struct NoSink;

impl SignalSink for NoSink {
    fn deliver(&self, _signals: &[SyncSignal]) {}
}

pub type SharedSink = Arc<dyn SignalSink>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn payloads_parse_to_scopes_and_garbage_to_none() {
        let id = Uuid::now_v7();
        assert_eq!(
            SyncSignal::parse(&format!("l:{id}")),
            Some(SyncSignal::List(id))
        );
        assert_eq!(
            SyncSignal::parse(&format!("u:{id}")),
            Some(SyncSignal::User(id))
        );
        assert_eq!(SyncSignal::parse("x:1"), None);
        assert_eq!(SyncSignal::parse("l:nope"), None);
        assert_eq!(SyncSignal::parse(""), None);
    }
}
