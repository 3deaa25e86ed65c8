//! argon2id password hashing, off the async runtime and bounded to the number of cores.

use std::sync::Arc;
use std::time::Instant;

use anyhow::Context;
use argon2::password_hash::phc::PasswordHash;
use argon2::password_hash::{PasswordHasher as _, PasswordVerifier as _};
use argon2::{Algorithm, Argon2, Params, Version};
use tokio::sync::Semaphore;

/// OWASP's minimum for argon2id: 19 MiB, 2 passes, 1 lane.
pub const MEMORY_KIB: u32 = 19 * 1024;
pub const ITERATIONS: u32 = 2;
pub const PARALLELISM: u32 = 1;

#[derive(Clone)]
pub struct PasswordHasher {
    argon: Arc<Argon2<'static>>,
    /// One permit per core: a burst of logins queues here instead of starving the runtime
    /// or the blocking pool.
    permits: Arc<Semaphore>,
    /// Verified against when the account does not exist, so both cases cost the same.
    dummy_hash: Arc<str>,
}

impl PasswordHasher {
    pub fn new() -> anyhow::Result<PasswordHasher> {
        let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None)
            .map_err(|e| anyhow::anyhow!("argon2 parameters: {e}"))?;
        let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params);
        let dummy_hash = argon
            .hash_password(b"dummy password for unknown accounts")
            .map_err(|e| anyhow::anyhow!("argon2: {e}"))
            .context("cannot compute the dummy hash")?
            .to_string();
        let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
        Ok(PasswordHasher {
            argon: Arc::new(argon),
            permits: Arc::new(Semaphore::new(cores)),
            dummy_hash: dummy_hash.into(),
        })
    }

    /// A PHC string (`$argon2id$v=19$m=19456,t=2,p=1$…`).
    pub async fn hash(&self, password: &str) -> anyhow::Result<String> {
        let password = password.to_owned();
        let argon = self.argon.clone();
        self.run(move || {
            argon
                .hash_password(password.as_bytes())
                .map(|h| h.to_string())
                .map_err(|e| anyhow::anyhow!("argon2: {e}"))
        })
        .await?
    }

    /// Checks `password` against `stored`; with `None` (no such account) it checks against
    /// a dummy hash and answers `false`, taking the same time as a wrong password.
    pub async fn verify(&self, password: &str, stored: Option<&str>) -> anyhow::Result<bool> {
        let known = stored.is_some();
        let hash = stored.map_or_else(|| self.dummy_hash.to_string(), str::to_owned);
        let password = password.to_owned();
        let argon = self.argon.clone();
        let matches = self
            .run(move || {
                let parsed =
                    PasswordHash::new(&hash).map_err(|e| anyhow::anyhow!("stored hash: {e}"))?;
                Ok::<_, anyhow::Error>(argon.verify_password(password.as_bytes(), &parsed).is_ok())
            })
            .await??;
        Ok(known && matches)
    }

    /// Whether a stored hash was made with weaker settings than today's (another algorithm,
    /// less memory or fewer passes) and should be replaced at the next successful login.
    pub fn needs_rehash(&self, stored: &str) -> bool {
        let Ok(parsed) = PasswordHash::new(stored) else {
            return false;
        };
        if parsed.algorithm.as_str() != "argon2id" {
            return true;
        }
        Params::try_from(&parsed).is_ok_and(|p| p.m_cost() < MEMORY_KIB || p.t_cost() < ITERATIONS)
    }

    /// Runs one hash computation once a core is free. The metrics show how many wait for
    /// one (`todo_api_password_hash_queue_depth`) and how long each computation takes.
    async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce() -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let waiting = Waiting::start();
        let _permit = self.permits.acquire().await.context("hasher closed")?;
        drop(waiting);
        let started = Instant::now();
        let result = tokio::task::spawn_blocking(work)
            .await
            .context("hashing task failed");
        metrics::histogram!("todo_api_password_hash_duration_seconds")
            .record(started.elapsed().as_secs_f64());
        result
    }
}

/// One hash computation waiting for a core, counted in the queue-depth gauge until dropped
/// (also when the request is cancelled while it waits).
struct Waiting;

impl Waiting {
    fn start() -> Waiting {
        metrics::gauge!("todo_api_password_hash_queue_depth").increment(1.0);
        Waiting
    }
}

impl Drop for Waiting {
    fn drop(&mut self) {
        metrics::gauge!("todo_api_password_hash_queue_depth").decrement(1.0);
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn hashes_with_argon2id_at_owasp_minimum_and_verifies() {
        let hasher = PasswordHasher::new().unwrap();
        let hash = hasher.hash("correct horse").await.unwrap();
        assert!(
            hash.starts_with("$argon2id$v=19$m=19456,t=2,p=1$"),
            "{hash}"
        );
        assert!(hasher.verify("correct horse", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("wrong horse", Some(&hash)).await.unwrap());
        assert!(!hasher.verify("correct horse", None).await.unwrap());
        assert_ne!(
            hash,
            hasher.hash("correct horse").await.unwrap(),
            "salt must differ"
        );
    }
}
