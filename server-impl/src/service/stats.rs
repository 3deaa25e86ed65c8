//! Statistics, cached per user and day window. An entry is used only while the user's
//! data version (bumped by every write to their todos, on any node) is unchanged, the UTC
//! date is the same, and no open todo has become overdue since it was computed.
//!
//! A miss is computed once per key and data version, however many requests ask for it at
//! that moment: the others wait for that computation (a cold start under load costs one
//! aggregation per user, not one per request).

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

use tokio::sync::OnceCell;

use chrono::{DateTime, Utc};
use uuid::Uuid;

use crate::domain::stats::{DEFAULT_DAYS, MAX_DAYS, Statistics};
use crate::domain::{self, ValidationErrors};
use crate::error::AppError;
use crate::repo::StatsRepository;

const MAX_ENTRIES: usize = 10_000;

#[derive(Clone)]
struct Entry {
    data_version: i64,
    valid_until: DateTime<Utc>,
    stats: Arc<Statistics>,
}

/// A user, a window, and the data version a computation is for.
type FlightKey = (Uuid, u32, i64);
type Flights = Mutex<HashMap<FlightKey, Arc<OnceCell<Arc<Statistics>>>>>;

#[derive(Clone)]
pub struct StatsService {
    todos: Arc<dyn StatsRepository>,
    cache: Arc<Mutex<HashMap<(Uuid, u32), Entry>>>,
    flights: Arc<Flights>,
    /// `todo_api_stats_cache_lookups_total`, resolved once rather than looked up by name
    /// and labels on every request.
    hits: metrics::Counter,
    misses: metrics::Counter,
}

/// A computation in flight: its place in the map is freed when the request that holds it
/// ends, done or abandoned (a waiter still holding the cell finishes it).
struct Flight<'a> {
    flights: &'a Flights,
    key: FlightKey,
    cell: Arc<OnceCell<Arc<Statistics>>>,
}

impl Drop for Flight<'_> {
    fn drop(&mut self) {
        let mut flights = self.flights.lock().expect("stats flights");
        if flights
            .get(&self.key)
            .is_some_and(|cell| Arc::ptr_eq(cell, &self.cell))
        {
            flights.remove(&self.key);
        }
    }
}

/// Statistics as computed (or taken from the cache).
pub struct Computed {
    pub stats: Arc<Statistics>,
}

impl StatsService {
    pub fn new(todos: Arc<dyn StatsRepository>) -> Self {
        StatsService {
            todos,
            cache: Arc::new(Mutex::new(HashMap::new())),
            flights: Arc::new(Mutex::new(HashMap::new())),
            hits: metrics::counter!("todo_api_stats_cache_lookups_total", "result" => "hit"),
            misses: metrics::counter!("todo_api_stats_cache_lookups_total", "result" => "miss"),
        }
    }

    #[tracing::instrument(skip_all, fields(user_id = %owner, days = ?days))]
    pub async fn statistics(&self, owner: Uuid, days: Option<u32>) -> Result<Computed, AppError> {
        let days = days.unwrap_or(DEFAULT_DAYS);
        if !(1..=MAX_DAYS).contains(&days) {
            return Err(AppError::BadParameter(ValidationErrors::single(
                "days",
                format!("must be between 1 and {MAX_DAYS}"),
            )));
        }
        let now = domain::now();
        let data_version = self.todos.data_version(owner).await?;
        let cached = self
            .cache
            .lock()
            .expect("stats cache")
            .get(&(owner, days))
            .cloned();
        if let Some(entry) = cached
            && entry.data_version == data_version
            && now < entry.valid_until
        {
            self.hits.increment(1);
            return Ok(Computed { stats: entry.stats });
        }
        self.misses.increment(1);
        let key = (owner, days, data_version);
        let cell = self
            .flights
            .lock()
            .expect("stats flights")
            .entry(key)
            .or_default()
            .clone();
        let flight = Flight {
            flights: &self.flights,
            key,
            cell,
        };
        let stats = flight
            .cell
            .get_or_try_init(|| self.compute(owner, days, data_version))
            .await?
            .clone();
        Ok(Computed { stats })
    }

    /// Computes the statistics at `data_version` and caches them.
    async fn compute(
        &self,
        owner: Uuid,
        days: u32,
        data_version: i64,
    ) -> Result<Arc<Statistics>, AppError> {
        let now = domain::now();
        let today = now.date_naive();
        let first_day = today - chrono::Days::new(u64::from(days - 1));
        let since = first_day
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc();
        let aggregates = self.todos.aggregate_todos(owner, now, since).await?;
        let tomorrow = (today + chrono::Days::new(1))
            .and_hms_opt(0, 0, 0)
            .expect("midnight exists")
            .and_utc();
        let valid_until = aggregates
            .next_due
            .map_or(tomorrow, |due| due.min(tomorrow));
        let stats = Arc::new(Statistics::from_aggregates(aggregates, days, today));
        let mut cache = self.cache.lock().expect("stats cache");
        if cache.len() >= MAX_ENTRIES {
            cache.retain(|_, e| now < e.valid_until);
            if cache.len() >= MAX_ENTRIES {
                cache.clear();
            }
        }
        cache.insert(
            (owner, days),
            Entry {
                data_version,
                valid_until,
                stats: stats.clone(),
            },
        );
        Ok(stats)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::stats::Aggregates;
    use crate::repo::RepoError;
    use std::sync::atomic::{AtomicUsize, Ordering};

    /// Counts aggregations; each takes a while, so that concurrent requests overlap.
    struct Slow {
        aggregations: AtomicUsize,
        version: std::sync::atomic::AtomicI64,
    }

    #[async_trait::async_trait]
    impl StatsRepository for Slow {
        async fn data_version(&self, _owner: Uuid) -> Result<i64, RepoError> {
            Ok(self.version.load(Ordering::SeqCst))
        }
        async fn aggregate_todos(
            &self,
            _owner: Uuid,
            _now: DateTime<Utc>,
            _since: DateTime<Utc>,
        ) -> Result<Aggregates, RepoError> {
            self.aggregations.fetch_add(1, Ordering::SeqCst);
            tokio::time::sleep(std::time::Duration::from_millis(100)).await;
            Ok(Aggregates {
                total: self.version.load(Ordering::SeqCst),
                completed: 0,
                overdue: 0,
                by_priority: [0; 3],
                completions: Vec::new(),
                top_tags: Vec::new(),
                next_due: None,
            })
        }
    }

    #[tokio::test]
    async fn a_cold_key_is_computed_once_for_concurrent_requests() {
        let repo = Arc::new(Slow {
            aggregations: AtomicUsize::new(0),
            version: 1.into(),
        });
        let service = StatsService::new(repo.clone());
        let user = Uuid::now_v7();
        let answers =
            futures_util::future::join_all((0..8).map(|_| service.statistics(user, None))).await;
        assert!(answers.iter().all(Result::is_ok));
        assert_eq!(repo.aggregations.load(Ordering::SeqCst), 1, "one per key");
        assert!(service.flights.lock().unwrap().is_empty(), "flights freed");
        // A write (new data version): computed again, once.
        repo.version.store(2, Ordering::SeqCst);
        let answers =
            futures_util::future::join_all((0..8).map(|_| service.statistics(user, None))).await;
        assert!(answers.iter().all(|a| a.as_ref().unwrap().stats.total == 2));
        assert_eq!(repo.aggregations.load(Ordering::SeqCst), 2);
        // An abandoned computation frees its place too.
        repo.version.store(3, Ordering::SeqCst);
        let abandoned = tokio::time::timeout(
            std::time::Duration::from_millis(10),
            service.statistics(user, None),
        )
        .await;
        assert!(abandoned.is_err());
        assert!(service.flights.lock().unwrap().is_empty());
    }
}
