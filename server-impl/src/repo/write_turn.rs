//! SQLite's writers take turns in this process (ADR 0030).
//!
//! SQLite lets one connection write at a time. Met in SQLite, writers that find the lock
//! taken sleep in its busy handler, backing off from 1 ms to 100 ms between tries while
//! the lock is free again within a millisecond: in a 64-connection login storm single-row
//! rate-limit writes took 1–2 s, and the order in which writers got through was luck.
//! Here every repository write first waits for the process's one write turn (a fair,
//! first-come first-served permit, taken before a pooled connection, so waiting writers
//! hold no connection), and SQLite's lock is free when it begins. Other processes (a
//! backup, the command line) still meet the server in the busy handler.
//!
//! PostgreSQL has row locks and many writers at once: its gate is always open.

use std::sync::Arc;
use std::time::Duration;

use tokio::sync::{OwnedSemaphorePermit, Semaphore};

use super::RepoError;

/// The longest a writer waits for its turn, as long as SQLite's busy timeout
/// (`repo::sqlite`); then the write fails as "database unavailable" (503).
pub const TURN_TIMEOUT: Duration = Duration::from_secs(5);

/// Hands out the process's write turns.
pub struct WriteGate {
    /// `None`: every writer may go at once.
    turns: Option<Arc<Semaphore>>,
    timeout: Duration,
}

/// One writer's turn; the next writer's begins when it is dropped. Keep it alive until the
/// write is committed or rolled back.
#[must_use = "the turn ends when it is dropped"]
pub struct WriteTurn {
    _permit: Option<OwnedSemaphorePermit>,
}

impl WriteGate {
    /// One writer at a time (SQLite).
    pub fn one_at_a_time() -> WriteGate {
        WriteGate::with_timeout(TURN_TIMEOUT)
    }

    fn with_timeout(timeout: Duration) -> WriteGate {
        WriteGate {
            turns: Some(Arc::new(Semaphore::new(1))),
            timeout,
        }
    }

    /// No turns: writers go at once (PostgreSQL).
    pub fn open() -> WriteGate {
        WriteGate {
            turns: None,
            timeout: TURN_TIMEOUT,
        }
    }

    /// Waits for this writer's turn, in arrival order, at most [`TURN_TIMEOUT`]. Waiting
    /// writers are counted in `todo_api_db_write_queue_depth` (also when the request is
    /// cancelled while it waits).
    pub async fn turn(&self) -> Result<WriteTurn, RepoError> {
        let Some(turns) = &self.turns else {
            return Ok(WriteTurn { _permit: None });
        };
        // Uncontended: no gauge, no timer.
        if let Ok(permit) = turns.clone().try_acquire_owned() {
            return Ok(WriteTurn {
                _permit: Some(permit),
            });
        }
        let _waiting = crate::monitoring::Queued::enter("todo_api_db_write_queue_depth");
        match tokio::time::timeout(self.timeout, turns.clone().acquire_owned()).await {
            Ok(Ok(permit)) => Ok(WriteTurn {
                _permit: Some(permit),
            }),
            // Never closed; and a writer that waited this long finds the database busy.
            Ok(Err(_)) | Err(_) => Err(RepoError::Unavailable(sqlx::Error::PoolTimedOut)),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test]
    async fn writers_take_turns_in_arrival_order() {
        let gate = Arc::new(WriteGate::one_at_a_time());
        let first = gate.turn().await.unwrap();
        let order = Arc::new(std::sync::Mutex::new(Vec::new()));
        let mut waiting = Vec::new();
        for i in 0..5 {
            let (gate, order) = (gate.clone(), order.clone());
            waiting.push(tokio::spawn(async move {
                let _turn = gate.turn().await.unwrap();
                order.lock().unwrap().push(i);
                tokio::task::yield_now().await;
            }));
            // Let each one queue before the next arrives.
            tokio::task::yield_now().await;
            tokio::task::yield_now().await;
        }
        assert!(
            order.lock().unwrap().is_empty(),
            "nobody writes during a turn"
        );
        drop(first);
        for w in waiting {
            w.await.unwrap();
        }
        assert_eq!(*order.lock().unwrap(), vec![0, 1, 2, 3, 4]);
    }

    #[tokio::test]
    async fn a_cancelled_wait_gives_its_place_up_and_a_long_wait_fails() {
        let gate = WriteGate::with_timeout(Duration::from_millis(50));
        let held = gate.turn().await.unwrap();
        // A writer that stops waiting (its request was cancelled) takes no turn with it.
        let cancelled = tokio::time::timeout(Duration::from_millis(10), gate.turn()).await;
        assert!(cancelled.is_err());
        // Past the timeout the writer is told the database is unavailable.
        assert!(matches!(gate.turn().await, Err(RepoError::Unavailable(_))));
        drop(held);
        let _next = gate.turn().await.unwrap();
    }

    #[tokio::test]
    async fn an_open_gate_never_waits() {
        let gate = WriteGate::open();
        let _a = gate.turn().await.unwrap();
        let _b = gate.turn().await.unwrap();
    }
}
