//! Feature flags and kill switches: read by every request that needs them through a
//! per-node cache with a short lifetime, so that every node obeys a change within
//! `FLAGS_CACHE_TTL_MILLIS` without a restart; changed by admins.

use std::collections::HashMap;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::auth::AuthContext;
use crate::domain::{self, AuditEvent, Flags, Origin, ValidationErrors, audit};
use crate::error::AppError;
use crate::repo::FlagRepository;

#[derive(Clone)]
pub struct FlagService {
    flags: Arc<dyn FlagRepository>,
    ttl: Duration,
    cache: Arc<tokio::sync::Mutex<Cached>>,
}

#[derive(Default)]
struct Cached {
    /// The last values read (or written by this node).
    flags: Option<Flags>,
    /// When they were read; they are used until `ttl` after that.
    read_at: Option<Instant>,
}

impl FlagService {
    pub fn new(flags: Arc<dyn FlagRepository>, ttl: Duration) -> Self {
        FlagService {
            flags,
            ttl,
            cache: Arc::default(),
        }
    }

    /// The flags as this node knows them, read again once the cache is older than the TTL
    /// (one read at a time; concurrent callers wait for it). A failed read never changes
    /// them: the last known values are kept (and read again after another TTL). A node
    /// that has never read them (the database down since it started) uses the defaults,
    /// tries again on every call, and cannot write anything meanwhile anyway.
    /// `Ok` while the kill switch `name` is on; 503 `/problems/feature-disabled` (`detail`)
    /// when an admin has switched it off.
    pub async fn require(&self, name: &str, detail: &'static str) -> Result<(), AppError> {
        if self.current().await.get(name).unwrap_or(false) {
            Ok(())
        } else {
            Err(AppError::FeatureDisabled(detail))
        }
    }

    pub async fn current(&self) -> Flags {
        let mut cached = self.cache.lock().await;
        if let (Some(flags), Some(read_at)) = (cached.flags, cached.read_at)
            && read_at.elapsed() < self.ttl
        {
            return flags;
        }
        match self.flags.load_flags().await {
            Ok(flags) => {
                *cached = Cached {
                    flags: Some(flags),
                    read_at: Some(Instant::now()),
                };
                flags
            }
            Err(error) => {
                tracing::warn!(%error, "flags could not be read; the last known values stay");
                if cached.flags.is_some() {
                    cached.read_at = Some(Instant::now());
                }
                cached.flags.unwrap_or_default()
            }
        }
    }

    /// Every flag, read from the database (not the cache).
    #[tracing::instrument(skip_all, fields(admin_id = %caller.user_id))]
    pub async fn get(&self, caller: &AuthContext) -> Result<Flags, AppError> {
        super::admin::require_admin(caller)?;
        Ok(self.flags.load_flags().await?)
    }

    /// Sets the named flags (unknown names, or none at all, are a 422 and change nothing)
    /// and records the change in the audit log in the same transaction.
    #[tracing::instrument(skip_all, fields(admin_id = %caller.user_id))]
    pub async fn update(
        &self,
        caller: &AuthContext,
        changes: &HashMap<String, bool>,
        origin: &Origin,
    ) -> Result<Flags, AppError> {
        super::admin::require_admin(caller)?;
        let mut errors = ValidationErrors::new();
        if changes.is_empty() {
            errors.add("body", "must name at least one flag");
        }
        let mut named: Vec<(String, bool)> = Vec::new();
        for (name, value) in changes {
            if Flags::default().get(name).is_none() {
                let shown: String = name.chars().take(64).collect();
                errors.add(&shown, "is not a flag");
            } else {
                named.push((name.clone(), *value));
            }
        }
        if !errors.is_empty() {
            return Err(AppError::Validation(errors));
        }
        named.sort();
        let event = AuditEvent::new(audit::FLAGS_CHANGED, origin).actor(Some(caller.user_id));
        let flags = self
            .flags
            .update_flags(&named, domain::now(), &event)
            .await?;
        // This node obeys at once; the others within their TTL.
        *self.cache.lock().await = Cached {
            flags: Some(flags),
            read_at: Some(Instant::now()),
        };
        Ok(flags)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::repo::{MockFlagRepository, RepoError};

    fn down() -> Result<Flags, RepoError> {
        Err(RepoError::Unavailable(sqlx::Error::PoolTimedOut))
    }

    fn in_maintenance() -> Result<Flags, RepoError> {
        Ok(Flags {
            maintenance: true,
            ..Flags::default()
        })
    }

    #[tokio::test]
    async fn flags_are_read_once_per_ttl() {
        let mut repo = MockFlagRepository::new();
        repo.expect_load_flags().times(1).returning(in_maintenance);
        let flags = FlagService::new(Arc::new(repo), Duration::from_secs(3600));
        for _ in 0..3 {
            assert!(flags.current().await.maintenance);
        }
    }

    #[tokio::test]
    async fn a_failed_read_keeps_the_last_known_flags() {
        let mut repo = MockFlagRepository::new();
        let mut order = mockall::Sequence::new();
        repo.expect_load_flags()
            .times(1)
            .in_sequence(&mut order)
            .returning(in_maintenance);
        repo.expect_load_flags()
            .times(2)
            .in_sequence(&mut order)
            .returning(down);
        let flags = FlagService::new(Arc::new(repo), Duration::ZERO);
        for _ in 0..3 {
            assert!(flags.current().await.maintenance);
        }
    }

    #[tokio::test]
    async fn without_any_read_the_defaults_hold_and_every_call_tries_again() {
        let mut repo = MockFlagRepository::new();
        let mut order = mockall::Sequence::new();
        repo.expect_load_flags()
            .times(2)
            .in_sequence(&mut order)
            .returning(down);
        repo.expect_load_flags()
            .times(1)
            .in_sequence(&mut order)
            .returning(in_maintenance);
        let flags = FlagService::new(Arc::new(repo), Duration::from_secs(3600));
        assert_eq!(flags.current().await, Flags::default());
        assert_eq!(flags.current().await, Flags::default());
        assert!(flags.current().await.maintenance);
    }
}
