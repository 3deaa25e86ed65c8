//! Giving the memory a burst of requests freed back to the kernel (issue 12, ADR 0004).
//!
//! glibc's malloc keeps freed memory in its arenas (one per thread that allocated, up to
//! eight per core) for reuse; after a login storm the process held 10 MiB more than before
//! it, though almost nothing was still allocated. Two moments end a burst: the hashing
//! workers going idle (`auth::hash_pool`) and the database pool closing the connections it
//! opened for it, once quiet for `DATABASE_IDLE_TIMEOUT_SECONDS`; at each the free pages are handed back.
//! The arenas themselves stay glibc's default (eight per core): capped at one per core, the
//! runtime's threads and the SQLite connections' threads shared them and waited for each
//! other's arena locks on every row a page copied out and freed (T035); the trims leave
//! about as little behind either way.

use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::repo::Store;

/// Returns the free pages of every malloc arena to the kernel (glibc's `malloc_trim(0)`);
/// with another allocator it does nothing. It takes each arena's lock in turn, for about a
/// millisecond: call it when a burst has ended, not per request.
pub fn give_back_free_memory() {
    #[cfg(all(target_os = "linux", target_env = "gnu"))]
    {
        // SAFETY: malloc_trim only walks the allocator's own arenas, each under its lock.
        unsafe {
            libc::malloc_trim(0);
        }
    }
}

/// Closes the database connections a burst opened once the pool has been quiet (nothing
/// checked out at any look) for `idle_timeout`, down to one, has the one kept drop its
/// cache (SQLite's page cache, which a burst fills), and gives the freed memory back. Looks every `idle_timeout / 4` (at least every 5 s). sqlx's own idle
/// timeout cannot do this: its reaper re-queues every connection it looks at as just
/// released, so a connection whose timeout is its look interval is almost never found idle
/// long enough.
pub async fn close_idle_connections_when_quiet(store: Arc<dyn Store>, idle_timeout: Duration) {
    let look = (idle_timeout / 4).clamp(Duration::from_millis(50), Duration::from_secs(5));
    let mut quiet_since: Option<Instant> = None;
    loop {
        tokio::time::sleep(look).await;
        let pool = store.pool_stats();
        if pool.idle < pool.size {
            quiet_since = None;
            continue;
        }
        let since = *quiet_since.get_or_insert_with(Instant::now);
        if pool.size > 1 && since.elapsed() >= idle_timeout {
            if store.close_idle_connections(1).await > 0 {
                store.release_idle_memory().await;
                let _ = tokio::task::spawn_blocking(give_back_free_memory).await;
            }
            quiet_since = None;
        }
    }
}
