//! Live updates (`GET /events`, ADR 0027): the node's hub of event streams.
//!
//! A stream registers its account; the hub keeps, per account with open streams, the
//! lists it is a member of, and per list the accounts following it, so a signal for a list
//! wakes only its members' streams and a signal for an account only that account's. A woken
//! stream pulls the feed from its cursor and emits one notice per change; wakes that arrive
//! before it pulls are one pull (a `Notify` permit). A signal for an account also makes its
//! streams re-read their lists (the membership changed). Signals come from the store
//! (`Store::watch_changes`: PostgreSQL `LISTEN`, SQLite's `sync_signals`).
//!
//! A stream ends when its access token expires, when its session stops being active (checked
//! through the session guard every `session_check`), on shutdown, on a feed error other than
//! "database unavailable" (the client reconnects and gets the error as an answer), or when
//! the client goes away (dropping the stream drops its registration).

use std::collections::{HashMap, HashSet, VecDeque};
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU64, Ordering};
use std::sync::{Arc, Mutex};
use std::time::Duration;

use async_trait::async_trait;
use futures_util::Stream;
use tokio::sync::{Notify, watch};
use tokio::time::{Instant, Interval, MissedTickBehavior, Sleep};
use uuid::Uuid;

use crate::auth::{AuthContext, SessionGuard};
use crate::domain::SyncOp;
use crate::error::AppError;
use crate::repo::{EventRepository, Settle, SignalSink, SyncSignal};

/// Changes pulled per feed request.
const PAGE: u32 = 100;
/// How long a stream waits before pulling again after the database did not answer.
const RETRY: Duration = Duration::from_secs(1);

/// One change, as an event carries it.
#[derive(Debug, Clone, PartialEq, Eq, serde::Serialize)]
pub struct Notice {
    pub kind: &'static str,
    pub op: &'static str,
    pub id: Uuid,
    pub list_id: Uuid,
    /// The feed cursor just after this change (the event's id).
    pub cursor: String,
}

/// A page of the feed, reduced to notices.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct NoticePage {
    pub notices: Vec<Notice>,
    pub next_cursor: String,
    pub has_more: bool,
}

/// What the streams read: the change feed (`SyncService`).
#[async_trait]
pub trait ChangeFeed: Send + Sync {
    /// The changes after `cursor` (400 for a bad or foreign cursor, 410 for an old one).
    async fn notices(&self, user: Uuid, cursor: &str, limit: u32) -> Result<NoticePage, AppError>;
    /// A cursor at "now".
    async fn head(&self, user: Uuid) -> Result<String, AppError>;
}

/// What a stream yields; the HTTP layer writes it as an SSE event or comment.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum StreamItem {
    Change(Notice),
    KeepAlive,
}

/// The stream of one connection: `Send + Sync` (the generated response type wants both).
pub type EventStream = Pin<Box<dyn Stream<Item = StreamItem> + Send + Sync>>;

#[derive(Debug, Clone, Copy)]
pub struct EventSettings {
    pub heartbeat: Duration,
    pub max_per_user: usize,
    pub max_total: usize,
    /// How often a stream asks the session guard whether its session is still active.
    pub session_check: Duration,
}

impl EventSettings {
    /// The session check interval that keeps a revoked session's stream within `bound`
    /// (the guard may answer from a cache up to `guard_ttl` old), at least every second.
    pub fn session_check_for(guard_ttl: Duration, bound: Duration) -> Duration {
        bound.saturating_sub(guard_ttl).max(Duration::from_secs(1))
    }
}

/// The node's hub; clones share it.
#[derive(Clone)]
pub struct EventHub(Arc<Hub>);

struct Hub {
    settings: EventSettings,
    feed: Arc<dyn ChangeFeed>,
    members: Arc<dyn EventRepository>,
    guard: SessionGuard,
    state: Mutex<State>,
    settle: Mutex<Option<Settle>>,
    stop: watch::Sender<bool>,
    next_id: AtomicU64,
}

#[derive(Default)]
struct State {
    accounts: HashMap<Uuid, Account>,
    /// The accounts with open streams that are members of each list.
    followers: HashMap<Uuid, HashSet<Uuid>>,
    total: usize,
}

/// An account with open streams.
#[derive(Default)]
struct Account {
    lists: Vec<Uuid>,
    streams: Vec<(u64, Arc<Wake>)>,
}

/// How the hub wakes one stream.
#[derive(Default)]
struct Wake {
    notify: Notify,
    /// The account's memberships changed: re-read them before pulling.
    refresh: AtomicBool,
}

impl Wake {
    fn wake(&self, refresh: bool) {
        if refresh {
            self.refresh.store(true, Ordering::Release);
        }
        self.notify.notify_one();
    }
}

/// Where a new stream starts.
pub enum Start<'a> {
    /// Now (`head_cursor`).
    Now,
    /// After this cursor (`Last-Event-ID` or `?cursor=`): the changes since come first.
    After(&'a str),
}

impl EventHub {
    pub fn new(
        settings: EventSettings,
        feed: Arc<dyn ChangeFeed>,
        members: Arc<dyn EventRepository>,
        guard: SessionGuard,
    ) -> EventHub {
        EventHub(Arc::new(Hub {
            settings,
            feed,
            members,
            guard,
            state: Mutex::new(State::default()),
            settle: Mutex::new(None),
            stop: watch::channel(false).0,
            next_id: AtomicU64::new(0),
        }))
    }

    /// Where the store's watcher delivers.
    pub fn sink(&self) -> Arc<dyn SignalSink> {
        Arc::new(self.clone())
    }

    /// How new streams ask for a settled wake (PostgreSQL).
    pub fn set_settle(&self, settle: Option<Settle>) {
        *self.0.settle.lock().expect("settle lock") = settle;
    }

    /// Ends every stream and refuses new ones (graceful shutdown).
    pub fn shutdown(&self) {
        self.0.stop.send_replace(true);
    }

    /// Streams open on this node.
    pub fn open_streams(&self) -> usize {
        self.0.state().total
    }

    /// Opens a stream for the caller: 429 over the per-account limit, 503 over the node's
    /// or while shutting down; 400/410 for a bad or old start cursor (before any byte).
    pub async fn open(
        &self,
        auth: &AuthContext,
        start: Start<'_>,
    ) -> Result<EventStream, AppError> {
        let registration = self.register(auth.user_id)?;
        // Registered first: whatever commits from now on wakes this stream, so the cursor
        // read below cannot miss a change.
        let (cursor, buffer, more) = match start {
            Start::Now => (
                self.0.feed.head(auth.user_id).await?,
                VecDeque::new(),
                false,
            ),
            Start::After(cursor) => {
                let page = self.0.feed.notices(auth.user_id, cursor, PAGE).await?;
                (page.next_cursor, page.notices.into(), page.has_more)
            }
        };
        if let Some(settle) = self.0.settle.lock().expect("settle lock").as_ref() {
            settle.request(vec![SyncSignal::User(auth.user_id)]);
        }
        let settings = self.0.settings;
        let now = Instant::now();
        let mut heartbeat = tokio::time::interval_at(now + settings.heartbeat, settings.heartbeat);
        heartbeat.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let mut check =
            tokio::time::interval_at(now + settings.session_check, settings.session_check);
        check.set_missed_tick_behavior(MissedTickBehavior::Delay);
        let left = auth.expires_at - chrono::Utc::now().timestamp();
        let expires = now + Duration::from_secs(u64::try_from(left).unwrap_or(0));
        let live = Live {
            hub: self.0.clone(),
            registration,
            session_id: auth.session_id,
            cursor,
            buffer,
            more,
            heartbeat,
            check,
            expires: Box::pin(tokio::time::sleep_until(expires)),
            retry: None,
            stop: self.0.stop.subscribe(),
        };
        let stream = futures_util::stream::unfold(live, |mut live| async move {
            let item = live.next().await?;
            Some((item, live))
        });
        Ok(Box::pin(SyncStream(Mutex::new(Box::pin(stream)))))
    }

    fn register(&self, user: Uuid) -> Result<Registration, AppError> {
        let hub = &self.0;
        if *hub.stop.borrow() {
            return Err(AppError::Overloaded("The server is shutting down."));
        }
        let mut state = hub.state();
        if state.total >= hub.settings.max_total {
            return Err(AppError::Overloaded(
                "This server node holds as many event streams as it may; retry shortly.",
            ));
        }
        let account = state.accounts.entry(user).or_default();
        if account.streams.len() >= hub.settings.max_per_user {
            if account.streams.is_empty() {
                state.accounts.remove(&user);
            }
            return Err(AppError::RateLimited {
                what: "event streams for this account",
                retry_after: 30,
            });
        }
        let id = hub.next_id.fetch_add(1, Ordering::Relaxed);
        let wake = Arc::new(Wake::default());
        // At once: read the lists (which signals reach this stream) and pull.
        wake.wake(true);
        account.streams.push((id, wake.clone()));
        state.total += 1;
        metrics::gauge!("todo_api_event_streams").set(state.total as f64);
        Ok(Registration {
            hub: hub.clone(),
            user,
            id,
            wake,
        })
    }
}

impl Hub {
    fn state(&self) -> std::sync::MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Replaces the lists `user`'s streams follow.
    fn follow(&self, user: Uuid, lists: Vec<Uuid>) {
        let mut state = self.state();
        let State {
            accounts,
            followers,
            ..
        } = &mut *state;
        let Some(account) = accounts.get_mut(&user) else {
            return;
        };
        for old in &account.lists {
            if !lists.contains(old) {
                unfollow(followers, *old, user);
            }
        }
        for new in &lists {
            followers.entry(*new).or_default().insert(user);
        }
        account.lists = lists;
    }
}

fn unfollow(followers: &mut HashMap<Uuid, HashSet<Uuid>>, list: Uuid, user: Uuid) {
    if let Some(users) = followers.get_mut(&list) {
        users.remove(&user);
        if users.is_empty() {
            followers.remove(&list);
        }
    }
}

impl SignalSink for EventHub {
    fn deliver(&self, signals: &[SyncSignal]) {
        let state = self.0.state();
        for signal in signals {
            match signal {
                SyncSignal::List(list) => {
                    for user in state.followers.get(list).into_iter().flatten() {
                        for (_, wake) in state.accounts.get(user).map_or(&[][..], |a| &a.streams) {
                            wake.wake(false);
                        }
                    }
                }
                SyncSignal::User(user) => {
                    for (_, wake) in state.accounts.get(user).map_or(&[][..], |a| &a.streams) {
                        wake.wake(true);
                    }
                }
                SyncSignal::All => {
                    for (_, wake) in state.accounts.values().flat_map(|a| &a.streams) {
                        wake.wake(true);
                    }
                }
            }
        }
    }
}

/// A stream's place in the hub; dropping it (the client went away, the stream ended)
/// removes it.
struct Registration {
    hub: Arc<Hub>,
    user: Uuid,
    id: u64,
    wake: Arc<Wake>,
}

impl Drop for Registration {
    fn drop(&mut self) {
        let mut state = self.hub.state();
        let State {
            accounts,
            followers,
            total,
        } = &mut *state;
        if let Some(account) = accounts.get_mut(&self.user) {
            let before = account.streams.len();
            account.streams.retain(|(id, _)| *id != self.id);
            *total -= before - account.streams.len();
            if account.streams.is_empty() {
                for list in std::mem::take(&mut account.lists) {
                    unfollow(followers, list, self.user);
                }
                accounts.remove(&self.user);
            }
        }
        metrics::gauge!("todo_api_event_streams").set(*total as f64);
    }
}

enum Happened {
    Check,
    Retry,
    Woken,
}

/// One open stream's state.
struct Live {
    hub: Arc<Hub>,
    registration: Registration,
    session_id: Uuid,
    cursor: String,
    buffer: VecDeque<Notice>,
    /// Pull again without waiting for a wake.
    more: bool,
    heartbeat: Interval,
    check: Interval,
    expires: Pin<Box<Sleep>>,
    retry: Option<Pin<Box<Sleep>>>,
    stop: watch::Receiver<bool>,
}

impl Live {
    /// The next item, or `None` when the stream ends.
    async fn next(&mut self) -> Option<StreamItem> {
        loop {
            if let Some(notice) = self.buffer.pop_front() {
                return Some(StreamItem::Change(notice));
            }
            if self.more && self.retry.is_none() {
                self.pull().await?;
                continue;
            }
            let wake = self.registration.wake.clone();
            let retry = self.retry.is_some();
            let happened = tokio::select! {
                biased;
                _ = self.stop.wait_for(|stopped| *stopped) => return None,
                () = &mut self.expires => return None,
                _ = self.check.tick() => Happened::Check,
                _ = self.heartbeat.tick() => return Some(StreamItem::KeepAlive),
                () = async { self.retry.as_mut().expect("retry set").await }, if retry => Happened::Retry,
                () = wake.notify.notified() => Happened::Woken,
            };
            match happened {
                Happened::Check => {
                    if !self.session_active().await {
                        return None;
                    }
                }
                Happened::Retry => self.retry = None,
                Happened::Woken => self.more = true,
            }
        }
    }

    /// Pulls one page; `None` ends the stream.
    async fn pull(&mut self) -> Option<()> {
        let user = self.registration.user;
        let wake = &self.registration.wake;
        // Signals that came before this pull starts are covered by it: drop their permit.
        let _ = futures_util::FutureExt::now_or_never(wake.notify.notified());
        if wake.refresh.swap(false, Ordering::AcqRel) {
            match self.hub.members.member_list_ids(user).await {
                Ok(lists) => self.hub.follow(user, lists),
                Err(error) => {
                    tracing::warn!(%error, "event stream cannot read its lists");
                    wake.refresh.store(true, Ordering::Release);
                    self.retry = Some(Box::pin(tokio::time::sleep(RETRY)));
                    return Some(());
                }
            }
        }
        match self.hub.feed.notices(user, &self.cursor, PAGE).await {
            Ok(page) => {
                self.buffer.extend(page.notices);
                self.cursor = page.next_cursor;
                self.more = page.has_more;
                Some(())
            }
            Err(AppError::Unavailable { .. }) => {
                self.retry = Some(Box::pin(tokio::time::sleep(RETRY)));
                Some(())
            }
            Err(error) => {
                tracing::info!(%error, "event stream ends: the feed refused its cursor");
                None
            }
        }
    }

    /// Whether the session still lets its tokens in (an unanswered check keeps the stream).
    async fn session_active(&self) -> bool {
        match self.hub.guard.active(self.session_id).await {
            Ok(Some(state)) => state.user_id == self.registration.user,
            Ok(None) => false,
            Err(error) => {
                tracing::debug!(%error, "event stream cannot check its session");
                true
            }
        }
    }
}

/// A `Send` stream made `Sync`: it is only ever polled through `&mut`, so the lock is
/// never contended (`get_mut` does not even take it).
struct SyncStream(Mutex<Pin<Box<dyn Stream<Item = StreamItem> + Send>>>);

impl Stream for SyncStream {
    type Item = StreamItem;

    fn poll_next(
        self: Pin<&mut Self>,
        cx: &mut std::task::Context<'_>,
    ) -> std::task::Poll<Option<StreamItem>> {
        self.get_mut()
            .0
            .get_mut()
            .unwrap_or_else(|p| p.into_inner())
            .as_mut()
            .poll_next(cx)
    }
}

#[async_trait]
impl ChangeFeed for super::SyncService {
    async fn notices(&self, user: Uuid, cursor: &str, limit: u32) -> Result<NoticePage, AppError> {
        let page = self.page(user, Some(cursor), limit).await?;
        Ok(NoticePage {
            notices: page
                .changes
                .into_iter()
                .map(|change| Notice {
                    kind: change.kind.as_str(),
                    op: match change.op {
                        SyncOp::Upsert => "upsert",
                        SyncOp::Delete => "delete",
                    },
                    id: change.id,
                    list_id: change.list_id,
                    cursor: self.cursor(user, &change.position),
                })
                .collect(),
            next_cursor: page.next_cursor,
            has_more: page.has_more,
        })
    }

    async fn head(&self, user: Uuid) -> Result<String, AppError> {
        self.head_cursor(user).await
    }
}

#[cfg(test)]
mod tests {
    use futures_util::StreamExt;

    use super::*;
    use crate::domain::{Role, SessionState};
    use crate::repo::{MockEventRepository, MockSessionRepository};

    /// A feed that answers nothing new and counts pulls per account.
    #[derive(Default)]
    struct CountingFeed(Mutex<HashMap<Uuid, usize>>);

    #[async_trait]
    impl ChangeFeed for Arc<CountingFeed> {
        async fn notices(&self, user: Uuid, cursor: &str, _: u32) -> Result<NoticePage, AppError> {
            *self.0.lock().unwrap().entry(user).or_default() += 1;
            Ok(NoticePage {
                notices: Vec::new(),
                next_cursor: cursor.to_owned(),
                has_more: false,
            })
        }
        async fn head(&self, _: Uuid) -> Result<String, AppError> {
            Ok("head".to_owned())
        }
    }

    fn auth(user: Uuid) -> AuthContext {
        AuthContext {
            user_id: user,
            role: Role::User,
            session_id: Uuid::now_v7(),
            expires_at: chrono::Utc::now().timestamp() + 3600,
        }
    }

    fn hub(
        feed: Arc<CountingFeed>,
        lists: HashMap<Uuid, Vec<Uuid>>,
        max_per_user: usize,
    ) -> EventHub {
        let mut members = MockEventRepository::new();
        members
            .expect_member_list_ids()
            .returning(move |user| Ok(lists.get(&user).cloned().unwrap_or_default()));
        let mut sessions = MockSessionRepository::new();
        sessions.expect_session_state().returning(|_, _| {
            Ok(Some(SessionState {
                user_id: Uuid::nil(),
                role: Role::User,
                active: true,
            }))
        });
        let settings = EventSettings {
            heartbeat: Duration::from_secs(60),
            max_per_user,
            max_total: 3,
            session_check: Duration::from_secs(60),
        };
        EventHub::new(
            settings,
            Arc::new(feed),
            Arc::new(members),
            SessionGuard::new(Arc::new(sessions), Duration::from_secs(1)),
        )
    }

    /// Polls every stream until none has anything to do.
    async fn settle(streams: &mut [EventStream]) {
        for _ in 0..3 {
            for stream in streams.iter_mut() {
                let _ = tokio::time::timeout(Duration::from_millis(20), stream.next()).await;
            }
        }
    }

    #[tokio::test]
    async fn a_list_signal_wakes_only_its_members_and_bursts_are_one_pull() {
        let (alice, bob, list) = (Uuid::now_v7(), Uuid::now_v7(), Uuid::now_v7());
        let feed = Arc::new(CountingFeed::default());
        let hub = hub(feed.clone(), HashMap::from([(alice, vec![list])]), 5);
        let mut streams = vec![
            hub.open(&auth(alice), Start::Now).await.unwrap(),
            hub.open(&auth(bob), Start::Now).await.unwrap(),
        ];
        settle(&mut streams).await;
        let pulls = |user| feed.0.lock().unwrap().get(&user).copied().unwrap_or(0);
        let (a0, b0) = (pulls(alice), pulls(bob));
        assert_eq!(
            (a0, b0),
            (1, 1),
            "each stream reads its lists and pulls once at start"
        );

        for _ in 0..10 {
            hub.deliver(&[SyncSignal::List(list)]);
        }
        settle(&mut streams).await;
        assert_eq!(
            (pulls(alice), pulls(bob)),
            (a0 + 1, b0),
            "ten signals, one pull, only Alice"
        );

        hub.deliver(&[SyncSignal::User(bob)]);
        settle(&mut streams).await;
        assert_eq!((pulls(alice), pulls(bob)), (a0 + 1, b0 + 1));

        hub.deliver(&[SyncSignal::All]);
        settle(&mut streams).await;
        assert_eq!((pulls(alice), pulls(bob)), (a0 + 2, b0 + 2));

        drop(streams);
        assert_eq!(hub.open_streams(), 0);
        assert!(
            hub.0.state().followers.is_empty(),
            "no follower left behind"
        );
    }

    #[tokio::test]
    async fn limits_per_account_and_per_node_and_shutdown() {
        let feed = Arc::new(CountingFeed::default());
        let hub = hub(feed, HashMap::new(), 2);
        let (alice, bob) = (Uuid::now_v7(), Uuid::now_v7());
        let _a1 = hub.open(&auth(alice), Start::Now).await.unwrap();
        let _a2 = hub.open(&auth(alice), Start::Now).await.unwrap();
        assert!(matches!(
            hub.open(&auth(alice), Start::Now).await,
            Err(AppError::RateLimited { .. })
        ));
        let mut b1 = hub.open(&auth(bob), Start::Now).await.unwrap();
        assert!(matches!(
            hub.open(&auth(bob), Start::Now).await,
            Err(AppError::Overloaded(_))
        ));
        assert_eq!(hub.open_streams(), 3);
        hub.shutdown();
        // Ends (the test would hang otherwise) without anything more to say.
        while let Some(item) = b1.next().await {
            assert_ne!(item, StreamItem::KeepAlive);
        }
        assert!(matches!(
            hub.open(&auth(bob), Start::Now).await,
            Err(AppError::Overloaded(_))
        ));
    }
}
