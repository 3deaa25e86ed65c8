//! Statistics, cached per user and day window. An entry is used only while the user's
//! data version (bumped by every write to their todos, on any node) is unchanged, the UTC
//! date is the same, and no open todo has become overdue since it was computed.

use std::collections::HashMap;
use std::sync::{Arc, Mutex};

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

#[derive(Clone)]
pub struct StatsService {
    todos: Arc<dyn StatsRepository>,
    cache: Arc<Mutex<HashMap<(Uuid, u32), Entry>>>,
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
            metrics::counter!("todo_api_stats_cache_lookups_total", "result" => "hit").increment(1);
            return Ok(Computed { stats: entry.stats });
        }
        metrics::counter!("todo_api_stats_cache_lookups_total", "result" => "miss").increment(1);
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
        Ok(Computed { stats })
    }
}
