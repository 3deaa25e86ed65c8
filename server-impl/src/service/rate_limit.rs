//! Counting events against rate-limit policies, in the database so that every node
//! sharing it shares the counters.

use std::sync::Arc;

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
}

#[derive(Clone)]
pub struct RateLimiter {
    counters: Arc<dyn RateLimitRepository>,
    pub limits: RateLimits,
}

impl RateLimiter {
    pub fn new(counters: Arc<dyn RateLimitRepository>, limits: RateLimits) -> Self {
        RateLimiter { counters, limits }
    }

    /// Counts one event for `key` under the policy named `name`.
    pub async fn hit(
        &self,
        name: &str,
        policy: RatePolicy,
        key: &str,
    ) -> Result<RateState, RepoError> {
        let now = domain::now();
        let (hits, start) = self
            .counters
            .hit(&bucket(name, key), now, policy.window)
            .await?;
        Ok(state(policy, hits, start, now))
    }

    /// Where `key` stands, without counting.
    pub async fn peek(
        &self,
        name: &str,
        policy: RatePolicy,
        key: &str,
    ) -> Result<RateState, RepoError> {
        let now = domain::now();
        Ok(
            match self
                .counters
                .peek(&bucket(name, key), now, policy.window)
                .await?
            {
                Some((hits, start)) => state(policy, hits, start, now),
                None => RateState {
                    policy,
                    hits: 0,
                    reset_in: policy.window.as_secs(),
                },
            },
        )
    }
}

fn bucket(name: &str, key: &str) -> String {
    format!("{name}:{key}")
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
            .withf(|bucket, _, window| bucket == "login:ann@example.com" && window.as_secs() == 60)
            .returning(move |_, _, _| Ok((3, start)));
        repo.expect_peek().returning(|_, _, _| Ok(None));
        let policy: RatePolicy = "2/60".parse().unwrap();
        let limiter = RateLimiter::new(
            Arc::new(repo),
            RateLimits {
                token_per_ip: policy,
                login_failures_per_account: policy,
                register_per_ip: policy,
                reset_per_ip: policy,
                reset_per_account: policy,
            },
        );
        let s = limiter
            .hit("login", policy, "ann@example.com")
            .await
            .unwrap();
        assert!(s.exceeded());
        assert!((39..=40).contains(&s.reset_in), "{}", s.reset_in);
        let fresh = limiter
            .peek("login", policy, "bob@example.com")
            .await
            .unwrap();
        assert_eq!((fresh.hits, fresh.remaining()), (0, 2));
    }
}
