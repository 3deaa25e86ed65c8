//! Counting events against rate-limit policies, in the database so that every node
//! sharing it shares the counters.

use std::future::Future;
use std::sync::Arc;

use sha2::{Digest, Sha256};

use crate::domain::{self, RatePolicy, RateState};
use crate::repo::{RateLimitRepository, RepoError};

/// The configured policies.
#[derive(Debug, Clone, Copy)]
pub struct RateLimits {
    /// Requests to the token endpoint per client IP.
    pub token_per_ip: RatePolicy,
    /// Failed password logins per account.
    pub login_failures_per_account: RatePolicy,
    /// Registrations per client IP.
    pub register_per_ip: RatePolicy,
    /// Password-reset requests per client IP.
    pub reset_per_ip: RatePolicy,
    /// Password-reset requests per account (email).
    pub reset_per_account: RatePolicy,
    /// List invitations sent per account.
    pub invitations_per_account: RatePolicy,
}

/// The policies' names: the `policy` label of `todo_api_rate_limit_rejections_total` and
/// the names in the `RateLimit` headers.
pub const TOKEN_PER_IP: &str = "token-ip";
pub const REGISTER_PER_IP: &str = "register-ip";
pub const RESET_PER_IP: &str = "reset-ip";
pub const RESET_PER_ACCOUNT: &str = "reset-account";
pub const INVITATIONS_PER_ACCOUNT: &str = "invitations-account";
pub const POLICIES: [&str; 6] = [
    TOKEN_PER_IP,
    REGISTER_PER_IP,
    RESET_PER_IP,
    RESET_PER_ACCOUNT,
    INVITATIONS_PER_ACCOUNT,
    super::accounts::PASSWORD_FAILURES,
];

#[derive(Clone)]
pub struct RateLimiter {
    counters: Arc<dyn RateLimitRepository>,
    pub limits: RateLimits,
}

impl RateLimiter {
    pub fn new(counters: Arc<dyn RateLimitRepository>, limits: RateLimits) -> Self {
        RateLimiter { counters, limits }
    }

    /// Counts one event for `key` under the policy named `name`. An event over the limit is
    /// counted as a rejection by the policy (the caller refuses it).
    #[tracing::instrument(skip_all, fields(policy = name))]
    pub async fn hit(
        &self,
        name: &'static str,
        policy: RatePolicy,
        key: &str,
    ) -> Result<RateState, RepoError> {
        let now = domain::now();
        let (hits, start) = self
            .counters
            .hit(&bucket(name, key), now, policy.window)
            .await?;
        let state = state(policy, hits, start, now);
        if state.exceeded() {
            count_rejection(name);
        }
        Ok(state)
    }

    /// Runs `attempt` behind a limit on failed attempts for `key` (a password check): the
    /// attempt is counted atomically *before* it runs, so that N parallel attempts against
    /// a limit of L run at most L times on any number of nodes, and the count is given back
    /// when the attempt does not fail (`is_failure` says which errors count).
    ///
    /// Counter errors fail open (logged): an outage of the counters must not lock everybody
    /// out, and the attempt still costs the attacker a password hash.
    #[tracing::instrument(skip_all, fields(policy = name))]
    pub async fn limit_failures<T, E>(
        &self,
        name: &'static str,
        policy: RatePolicy,
        key: &str,
        attempt: impl Future<Output = Result<T, E>>,
        is_failure: impl FnOnce(&E) -> bool,
    ) -> Attempted<Result<T, E>> {
        let now = domain::now();
        let bucket = bucket(name, key);
        let reserved = match self.counters.hit(&bucket, now, policy.window).await {
            Ok((hits, start)) => {
                let before = state(policy, hits, start, now);
                if before.exceeded() {
                    count_rejection(name);
                    return Attempted::Refused(before);
                }
                Some((before, start))
            }
            Err(error) => {
                tracing::error!(%error, policy = name, "rate-limit counter unavailable");
                None
            }
        };
        let result = attempt.await;
        let failed = matches!(&result, Err(e) if is_failure(e));
        let Some((mut after, start)) = reserved else {
            return Attempted::Ran(result, None);
        };
        if !failed {
            match self.counters.unhit(&bucket, start).await {
                Ok(()) => after.hits = after.hits.saturating_sub(1),
                Err(error) => {
                    tracing::error!(%error, policy = name, "rate-limit counter unavailable")
                }
            }
        }
        Attempted::Ran(result, Some(after))
    }
}

fn count_rejection(policy: &'static str) {
    metrics::counter!("todo_api_rate_limit_rejections_total", "policy" => policy).increment(1);
}

/// The outcome of [`RateLimiter::limit_failures`].
#[derive(Debug)]
pub enum Attempted<R> {
    /// Too many failures in the window: the attempt did not run.
    Refused(RateState),
    /// The attempt ran; where its key stands afterwards (`None`: counters unavailable).
    Ran(R, Option<RateState>),
}

/// The stored counter key: the policy's name and a hash of the key, so that whatever a
/// client sends as a username, a stored key is at most 50 bytes.
fn bucket(name: &str, key: &str) -> String {
    let digest = Sha256::digest(key.as_bytes());
    let hex: String = digest[..16].iter().map(|b| format!("{b:02x}")).collect();
    format!("{name}:{hex}")
}

fn state(
    policy: RatePolicy,
    hits: u32,
    start: chrono::DateTime<chrono::Utc>,
    now: chrono::DateTime<chrono::Utc>,
) -> RateState {
    let elapsed = (now - start).num_seconds().max(0).unsigned_abs();
    RateState {
        policy,
        hits,
        reset_in: policy.window.as_secs().saturating_sub(elapsed).max(1),
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::MockRateLimitRepository;

    #[tokio::test]
    async fn reports_time_left_in_the_window() {
        let mut repo = MockRateLimitRepository::new();
        let start = domain::now() - chrono::TimeDelta::seconds(20);
        repo.expect_hit()
            .withf(|b, _, window| {
                *b == bucket("login", "ann@example.com") && window.as_secs() == 60
            })
            .returning(move |_, _, _| Ok((3, start)));
        let policy: RatePolicy = "2/60".parse().unwrap();
        let limiter = RateLimiter::new(
            Arc::new(repo),
            RateLimits {
                token_per_ip: policy,
                login_failures_per_account: policy,
                register_per_ip: policy,
                reset_per_ip: policy,
                reset_per_account: policy,
                invitations_per_account: policy,
            },
        );
        let s = limiter
            .hit("login", policy, "ann@example.com")
            .await
            .unwrap();
        assert!(s.exceeded());
        assert!((39..=40).contains(&s.reset_in), "{}", s.reset_in);
    }

    #[test]
    fn stored_keys_are_short_whatever_the_key() {
        let huge = "u".repeat(900_000);
        let b = bucket("login-account", &huge);
        assert_eq!(b.len(), "login-account:".len() + 32);
        assert_ne!(b, bucket("login-account", &huge[1..]));
    }
}
