//! The per-request session check behind every access token: a revoked session, a
//! disabled or deleted account, or a changed role takes effect on every node within the
//! cache's time-to-live (at most 5 seconds), without a database query per request.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};
use std::time::{Duration, Instant};

use uuid::Uuid;

use crate::domain::{self, SessionState};
use crate::repo::{RepoError, SessionRepository};

/// The longest a node may keep trusting a session it has not re-read.
pub const MAX_TTL: Duration = Duration::from_secs(5);
const MAX_ENTRIES: usize = 100_000;

/// When each session was last read, and what was read (`None`: no such session).
type Cache = HashMap<Uuid, (Instant, Option<SessionState>)>;

#[derive(Clone)]
pub struct SessionGuard {
    sessions: Arc<dyn SessionRepository>,
    ttl: Duration,
    cache: Arc<Mutex<Cache>>,
}

impl SessionGuard {
    pub fn new(sessions: Arc<dyn SessionRepository>, ttl: Duration) -> SessionGuard {
        SessionGuard {
            sessions,
            ttl: ttl.min(MAX_TTL),
            cache: Arc::new(Mutex::new(HashMap::new())),
        }
    }

    /// The session's current state if it is active, from a cache entry younger than the TTL
    /// or from the database.
    pub async fn active(&self, session_id: Uuid) -> Result<Option<SessionState>, RepoError> {
        let now = Instant::now();
        let cached = self
            .cache
            .lock()
            .expect("cache lock")
            .get(&session_id)
            .copied();
        if let Some((read_at, state)) = cached
            && now.duration_since(read_at) < self.ttl
        {
            metrics::counter!("todo_api_session_cache_lookups_total", "result" => "hit")
                .increment(1);
            return Ok(state.filter(|s| s.active));
        }
        metrics::counter!("todo_api_session_cache_lookups_total", "result" => "miss").increment(1);
        let state = self
            .sessions
            .session_state(session_id, domain::now())
            .await?;
        let mut cache = self.cache.lock().expect("cache lock");
        if cache.len() >= MAX_ENTRIES {
            let ttl = self.ttl;
            cache.retain(|_, (read_at, _)| now.duration_since(*read_at) < ttl);
        }
        cache.insert(session_id, (now, state));
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
}
