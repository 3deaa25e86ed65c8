//! Statistics of a user's todos.

use chrono::{DateTime, NaiveDate, Utc};

pub const DEFAULT_DAYS: u32 = 30;
pub const MAX_DAYS: u32 = 365;

#[derive(Debug, Clone, PartialEq)]
pub struct Statistics {
    pub total: i64,
    pub open: i64,
    pub completed: i64,
    pub overdue: i64,
    pub completion_rate: f64,
    pub days: u32,
    /// One entry per UTC day of the window, oldest first.
    pub completions_per_day: Vec<(NaiveDate, i64)>,
    /// Low, normal, high.
    pub by_priority: [i64; 3],
    pub top_tags: Vec<(String, i64)>,
}

/// What the database aggregates, before the window is filled in.
#[derive(Debug, Clone, PartialEq, Default)]
pub struct Aggregates {
    pub total: i64,
    pub completed: i64,
    pub overdue: i64,
    pub by_priority: [i64; 3],
    /// Completions per day that had any, within the window.
    pub completions: Vec<(NaiveDate, i64)>,
    pub top_tags: Vec<(String, i64)>,
    /// The earliest due time of an open todo still in the future: when `overdue` changes next.
    pub next_due: Option<DateTime<Utc>>,
}

impl Statistics {
    pub fn from_aggregates(a: Aggregates, days: u32, today: NaiveDate) -> Statistics {
        let first = today - chrono::Days::new(u64::from(days.saturating_sub(1)));
        let completions_per_day = first
            .iter_days()
            .take(days as usize)
            .map(|day| {
                (
                    day,
                    a.completions
                        .iter()
                        .find(|(d, _)| *d == day)
                        .map_or(0, |(_, n)| *n),
                )
            })
            .collect();
        Statistics {
            total: a.total,
            open: a.total - a.completed,
            completed: a.completed,
            overdue: a.overdue,
            completion_rate: if a.total == 0 {
                0.0
            } else {
                a.completed as f64 / a.total as f64
            },
            days,
            completions_per_day,
            by_priority: a.by_priority,
            top_tags: a.top_tags,
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn window_has_every_day_oldest_first() {
        let today = NaiveDate::from_ymd_opt(2026, 3, 2).unwrap();
        let a = Aggregates {
            total: 4,
            completed: 1,
            completions: vec![(NaiveDate::from_ymd_opt(2026, 2, 28).unwrap(), 1)],
            ..Aggregates::default()
        };
        let s = Statistics::from_aggregates(a, 3, today);
        let days: Vec<_> = s
            .completions_per_day
            .iter()
            .map(|(d, n)| (d.to_string(), *n))
            .collect();
        assert_eq!(
            days,
            [
                ("2026-02-28".to_owned(), 1),
                ("2026-03-01".to_owned(), 0),
                ("2026-03-02".to_owned(), 0)
            ]
        );
        assert_eq!((s.open, s.completion_rate), (3, 0.25));
        assert_eq!(
            Statistics::from_aggregates(Aggregates::default(), 1, today).completion_rate,
            0.0
        );
    }
}
