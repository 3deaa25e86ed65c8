//! The per-request session check behind every access token: a revoked session, a
//! disabled or deleted account, or a changed role takes effect on every node within the
//! cache's time-to-live (at most 5 seconds), without a database query per request.
//!
//! A session in use is read again once per half time-to-live, by one request: the first
//! to find its entry past half its time-to-live reads it while the others keep using the
//! entry, which is never trusted beyond the time-to-live. Letting it expire made every
//! request in flight for the session read it at once (a burst of statements every
//! time-to-live under load, the requests' slowest percentile). Only a session unused for
//! half its time-to-live expires, and then the requests arriving together read it together.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use metrics::Counter;
use uuid::Uuid;

use crate::domain::{self, SessionState};
use crate::repo::{RepoError, SessionRepository};

/// The longest a node may keep trusting a session it has not re-read.
pub const MAX_TTL: Duration = Duration::from_secs(5);
const MAX_ENTRIES: usize = 100_000;

/// When each session was last read, and what was read (`None`: no such session).
type Cache = HashMap<Uuid, Entry>;

struct Entry {
    read_at: Instant,
    state: Option<SessionState>,
    /// A request is reading it again; the others keep using this.
    refreshing: bool,
}

#[derive(Clone)]
pub struct SessionGuard {
    sessions: Arc<dyn SessionRepository>,
    ttl: Duration,
    cache: Arc<Mutex<Cache>>,
    /// `todo_api_session_cache_lookups_total`, resolved once: the macro looks its series
    /// up by name and labels each time, on every authenticated request.
    hits: Counter,
    misses: Counter,
}

impl SessionGuard {
    pub fn new(sessions: Arc<dyn SessionRepository>, ttl: Duration) -> SessionGuard {
        SessionGuard {
            sessions,
            ttl: ttl.min(MAX_TTL),
            cache: Arc::new(Mutex::new(HashMap::new())),
            hits: metrics::counter!("todo_api_session_cache_lookups_total", "result" => "hit"),
            misses: metrics::counter!("todo_api_session_cache_lookups_total", "result" => "miss"),
        }
    }

    /// The session's current state if it is active, from a cache entry younger than the TTL
    /// or from the database.
    pub async fn active(&self, session_id: Uuid) -> Result<Option<SessionState>, RepoError> {
        let now = Instant::now();
        let refresh = {
            let mut cache = self.cache.lock().expect("cache lock");
            match cache.get_mut(&session_id) {
                Some(entry) if now.duration_since(entry.read_at) < self.ttl => {
                    if entry.refreshing || now.duration_since(entry.read_at) < self.ttl / 2 {
                        self.hits.increment(1);
                        return Ok(entry.state.filter(|s| s.active));
                    }
                    entry.refreshing = true;
                    true
                }
                _ => false,
            }
        };
        self.misses.increment(1);
        // Dropped before the read ends (an error, a cancelled request), it lets the next
        // request read the session again.
        let mut refreshing = Refreshing {
            cache: &self.cache,
            session_id,
            armed: refresh,
        };
        let state = self
            .sessions
            .session_state(session_id, domain::now())
            .await?;
        refreshing.armed = false;
        let mut cache = self.cache.lock().expect("cache lock");
        if cache.len() >= MAX_ENTRIES {
            let ttl = self.ttl;
            cache.retain(|_, entry| now.duration_since(entry.read_at) < ttl);
        }
        cache.insert(
            session_id,
            Entry {
                read_at: now,
                state,
                refreshing: false,
            },
        );
        Ok(state.filter(|s| s.active))
    }

    /// Forgets what this node knows about a session it just changed.
    pub fn forget(&self, session_id: Uuid) {
        self.cache.lock().expect("cache lock").remove(&session_id);
    }

    /// Forgets every cached session (after a change that touches many, e.g. a disabled account).
    pub fn forget_all(&self) {
        self.cache.lock().expect("cache lock").clear();
    }
}

/// A refresh under way: if it ends without storing what it read, the next request may read
/// the session again.
struct Refreshing<'a> {
    cache: &'a Mutex<Cache>,
    session_id: Uuid,
    armed: bool,
}

impl Drop for Refreshing<'_> {
    fn drop(&mut self) {
        if self.armed
            && let Some(entry) = self
                .cache
                .lock()
                .expect("cache lock")
                .get_mut(&self.session_id)
        {
            entry.refreshing = false;
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::Role;
    use crate::repo::MockSessionRepository;

    fn state(active: bool) -> SessionState {
        SessionState {
            user_id: Uuid::now_v7(),
            role: Role::User,
            active,
        }
    }

    #[tokio::test]
    async fn reads_once_within_the_ttl_and_again_after_forget() {
        let mut repo = MockSessionRepository::new();
        let s = state(true);
        repo.expect_session_state()
            .times(2)
            .returning(move |_, _| Ok(Some(s)));
        let guard = SessionGuard::new(Arc::new(repo), Duration::from_secs(60));
        let id = Uuid::now_v7();
        assert_eq!(guard.active(id).await.unwrap(), Some(s));
        assert_eq!(guard.active(id).await.unwrap(), Some(s));
        guard.forget(id);
        assert_eq!(guard.active(id).await.unwrap(), Some(s));
    }

    #[tokio::test]
    async fn inactive_or_unknown_sessions_are_refused_and_ttl_is_capped() {
        let mut repo = MockSessionRepository::new();
        repo.expect_session_state()
            .returning(|_, _| Ok(Some(state(false))));
        let guard = SessionGuard::new(Arc::new(repo), Duration::from_secs(60));
        assert_eq!(guard.ttl, MAX_TTL);
        assert_eq!(guard.active(Uuid::now_v7()).await.unwrap(), None);
        let mut repo = MockSessionRepository::new();
        repo.expect_session_state().returning(|_, _| Ok(None));
        let guard = SessionGuard::new(Arc::new(repo), Duration::ZERO);
        assert_eq!(guard.active(Uuid::now_v7()).await.unwrap(), None);
    }

    /// A repository whose session reads take a while, like a busy database's, and are counted.
    struct Slow {
        reads: std::sync::atomic::AtomicUsize,
        state: SessionState,
    }

    #[async_trait::async_trait]
    impl SessionRepository for Slow {
        async fn create_session(
            &self,
            _: &crate::domain::NewSession,
            _: &crate::domain::AuditEvent,
        ) -> Result<(), RepoError> {
            unimplemented!()
        }
        async fn rotate_refresh_token(
            &self,
            _: &[u8],
            _: &[u8],
            _: chrono::DateTime<chrono::Utc>,
            _: chrono::TimeDelta,
            _: chrono::TimeDelta,
            _: &crate::domain::AuditEvent,
        ) -> Result<crate::domain::Rotation, RepoError> {
            unimplemented!()
        }
        async fn find_session_by_refresh_hash(&self, _: &[u8]) -> Result<Option<Uuid>, RepoError> {
            unimplemented!()
        }
        async fn session_state(
            &self,
            _: Uuid,
            _: chrono::DateTime<chrono::Utc>,
        ) -> Result<Option<SessionState>, RepoError> {
            self.reads.fetch_add(1, std::sync::atomic::Ordering::SeqCst);
            tokio::time::sleep(Duration::from_millis(30)).await;
            Ok(Some(self.state))
        }
        async fn revoke_session(
            &self,
            _: Uuid,
            _: Option<Uuid>,
            _: chrono::DateTime<chrono::Utc>,
            _: &crate::domain::AuditEvent,
        ) -> Result<bool, RepoError> {
            unimplemented!()
        }
        async fn list_sessions(
            &self,
            _: Uuid,
            _: chrono::DateTime<chrono::Utc>,
            _: Option<crate::domain::PageKey>,
            _: u32,
        ) -> Result<Vec<crate::domain::Session>, RepoError> {
            unimplemented!()
        }
    }

    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_session_in_use_is_read_again_by_one_request_not_by_all_in_flight() {
        use std::sync::atomic::Ordering::SeqCst;
        let s = state(true);
        let repo = Arc::new(Slow {
            reads: Default::default(),
            state: s,
        });
        let ttl = Duration::from_millis(300);
        let guard = SessionGuard::new(repo.clone(), ttl);
        let id = Uuid::now_v7();
        assert_eq!(guard.active(id).await.unwrap(), Some(s));
        // Eight clients check the session without pause for a second: about three
        // time-to-lives.
        let until = Instant::now() + Duration::from_secs(1);
        let clients: Vec<_> = (0..8)
            .map(|_| {
                let guard = guard.clone();
                tokio::spawn(async move {
                    while Instant::now() < until {
                        assert_eq!(guard.active(id).await.unwrap(), Some(s));
                        tokio::time::sleep(Duration::from_millis(2)).await;
                    }
                })
            })
            .collect();
        for client in clients {
            client.await.unwrap();
        }
        // The first read, then one per half time-to-live at most (about seven): letting the
        // entry expire under load had every client in flight read it, eight at each expiry
        // (about 25).
        let reads = repo.reads.load(SeqCst);
        assert!(
            (2..=10).contains(&reads),
            "{reads} reads of one session in a second"
        );
        // Unused, it expires: nothing is trusted beyond the time-to-live.
        tokio::time::sleep(ttl + Duration::from_millis(50)).await;
        let before = repo.reads.load(SeqCst);
        assert_eq!(guard.active(id).await.unwrap(), Some(s));
        assert_eq!(repo.reads.load(SeqCst), before + 1);
    }
}
