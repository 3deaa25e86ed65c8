//! Connections kept between one-statement reads (issue 12, ADR 0031).
//!
//! sqlx gives a connection back to its pool through a task it spawns on every release,
//! and that task pings the connection first: on SQLite a round trip to the connection's
//! worker thread, on PostgreSQL one to the server. For the hot one-statement reads (a
//! todo, a page of todos) that is as much work again as the statement itself. A read
//! that finished its statement puts its connection here instead, and the next read takes
//! it back at once: no spawned task, no ping.
//!
//! What sqlx's ping is for still holds: a read that did not finish (an error, a cancelled
//! request) drops its connection the usual way, through sqlx's release and its ping. A
//! connection kept here longer than [`FRESH_FOR`] is not used again, but given back to the
//! pool, which pings it before use (PostgreSQL) — so a database restart costs no request
//! more than it did. At most `capacity` are kept (a quarter of the pool, at least one), so
//! that writers always find the pool's other connections; they count as idle in the pool's
//! statistics, and [`Readers::give_back`] hands them all to the pool (the quiet pool's
//! close, shutdown).
//!
//! On SQLite reads are served in the order they came (T039). A read that finds no kept
//! connection while the pool is full waits in a queue here and in the pool's at once, and
//! takes what comes first (while the pool can still grow it waits for the pool alone: an
//! acquire given up halfway would abandon the connection it is opening). A finished read
//! hands its connection straight to the oldest waiting read, and a read that arrives while
//! others wait queues behind them instead of taking a kept connection. Without that, a late
//! read took the connection a finished one had just kept while earlier reads waited in the
//! pool's queue, which sees no release while the stack has room: a queue-jumping tail. Every
//! `pool_size`-th connection in a row goes back to the pool instead, so that what waits only
//! there (writers, other statements) is served too. On PostgreSQL reads wait in the pool's
//! queue as before (see [`Readers::in_arrival_order`]).
//!
//! SQLite's writes keep their one connection the same way (`Readers::one`, ADR 0030).

use std::collections::VecDeque;
use std::sync::Mutex;
use std::sync::atomic::{AtomicBool, Ordering};
use std::time::{Duration, Instant};

use sqlx::pool::PoolConnection;
use sqlx::{Database, Pool};
use tokio::sync::oneshot;

/// How long a kept connection may wait for its next read.
pub const FRESH_FOR: Duration = Duration::from_secs(1);

/// The connections kept for reads, and the reads waiting for one.
pub struct Readers<DB: Database> {
    state: Mutex<State<DB>>,
    capacity: usize,
    /// At most this many finished connections in a row go straight to waiting reads; the
    /// next goes back to the pool, whose own queue (writers, other statements) must move too.
    handoffs: usize,
    fresh_for: Duration,
    /// Set by [`Readers::close`]: nothing is kept any more.
    closed: AtomicBool,
}

struct State<DB: Database> {
    kept: Vec<(PoolConnection<DB>, Instant)>,
    /// Reads waiting for a connection, oldest first. Each also waits in the pool's queue
    /// and takes what comes first; a read served by the pool leaves its sender closed.
    waiting: VecDeque<oneshot::Sender<PoolConnection<DB>>>,
    /// Finished connections handed to waiting reads since one last went to the pool.
    in_a_row: usize,
}

/// Where a read gets its connection.
enum Turn<DB: Database> {
    /// A fresh kept one.
    Kept(PoolConnection<DB>),
    /// The pool's, waiting in its queue alone.
    Pool,
    /// The first of one handed over by a finished read and the pool's.
    Queued(oneshot::Receiver<PoolConnection<DB>>),
}

/// A connection lent to one read. Call [`Reader::finished`] after its statement returned;
/// dropped without that, it goes back through the pool's release.
pub struct Reader<'a, DB: Database> {
    conn: Option<PoolConnection<DB>>,
    home: &'a Readers<DB>,
    finished: bool,
}

impl<DB: Database> Readers<DB> {
    /// Keeps at most a quarter of `pool_size` connections (at least one); a read that finds
    /// none waits in the pool's queue (PostgreSQL, see [`Readers::in_arrival_order`]).
    pub fn new(pool_size: u32) -> Self {
        Self::with_limits((pool_size as usize / 4).max(1), FRESH_FOR)
    }

    /// As [`Readers::new`], and reads are served in arrival order: a finished read hands its
    /// connection to the oldest waiting one, at most `pool_size` in a row (SQLite, T039).
    /// Not on PostgreSQL: there an acquire may be pinging an idle connection (the pool's
    /// `before_acquire`), and one given up then closes that connection.
    /// A full bench run with the queue on PostgreSQL had list-page p99s of 1–3 s.
    pub fn in_arrival_order(pool_size: u32) -> Self {
        Readers {
            handoffs: pool_size as usize,
            ..Self::new(pool_size)
        }
    }

    /// Keeps one connection: SQLite's writes, one at a time (ADR 0030).
    pub fn one() -> Self {
        Self::with_limits(1, FRESH_FOR)
    }

    /// Keeps none: every connection goes back to the pool.
    pub fn none() -> Self {
        Self::with_limits(0, FRESH_FOR)
    }

    fn with_limits(capacity: usize, fresh_for: Duration) -> Self {
        Readers {
            state: Mutex::new(State {
                kept: Vec::new(),
                waiting: VecDeque::new(),
                in_a_row: 0,
            }),
            capacity,
            handoffs: 0,
            fresh_for,
            closed: AtomicBool::new(false),
        }
    }

    /// A connection for one read: the one kept last, if fresh and no read is waiting;
    /// else the first of a connection a finished read hands over and one from the pool.
    pub async fn get<'a>(&'a self, pool: &Pool<DB>) -> Result<Reader<'a, DB>, sqlx::Error> {
        let conn = match self.turn(pool) {
            Turn::Kept(conn) => conn,
            Turn::Pool => pool.acquire().await?,
            // Given up when a connection is handed over first: the pool is full, so its
            // acquire only waits for one given back.
            Turn::Queued(handed) => {
                tokio::select! {
                    biased;
                    Ok(conn) = handed => conn,
                    conn = pool.acquire() => conn?,
                }
            }
        };
        Ok(Reader {
            conn: Some(conn),
            home: self,
            finished: false,
        })
    }

    /// How many connections are kept now.
    pub fn kept(&self) -> usize {
        self.lock().kept.len()
    }

    /// Keeps nothing any more and gives every kept connection back (before the pool
    /// closes, which waits for every connection checked out).
    pub fn close(&self) {
        self.closed.store(true, Ordering::SeqCst);
        drop(self.give_back());
    }

    /// Gives every kept connection back to the pool; returns them, so that the caller may
    /// close them instead.
    pub fn give_back(&self) -> Vec<PoolConnection<DB>> {
        std::mem::take(&mut self.lock().kept)
            .into_iter()
            .map(|(conn, _)| conn)
            .collect()
    }

    /// A fresh kept connection when no read waits before this one; else, while the pool may
    /// still open connections, none (the read waits for the pool alone: one it opens must
    /// not be abandoned halfway); else a place in the queue of waiting reads.
    fn turn(&self, pool: &Pool<DB>) -> Turn<DB> {
        let mut state = self.lock();
        while state.waiting.front().is_some_and(|w| w.is_closed()) {
            state.waiting.pop_front();
        }
        if state.waiting.is_empty()
            && let Some((conn, since)) = state.kept.pop()
        {
            if since.elapsed() < self.fresh_for {
                return Turn::Kept(conn);
            }
            // The last one kept is the freshest: all of them are stale. Given back to the
            // pool (dropped outside the lock), which checks them before use.
            let stale: Vec<_> = std::mem::take(&mut state.kept);
            drop(state);
            drop(conn);
            drop(stale);
            state = self.lock();
        }
        if self.handoffs == 0 || pool.size() < pool.options().get_max_connections() {
            return Turn::Pool;
        }
        let (handed, wait) = oneshot::channel();
        state.waiting.push_back(handed);
        Turn::Queued(wait)
    }

    /// A finished read's connection: to the oldest waiting read, else onto the stack if
    /// there is room, else back to the pool.
    fn keep(&self, mut conn: PoolConnection<DB>) {
        let mut state = self.lock();
        if self.closed.load(Ordering::SeqCst) {
            drop(state);
            drop(conn);
            return;
        }
        if state.in_a_row < self.handoffs {
            while let Some(read) = state.waiting.pop_front() {
                match read.send(conn) {
                    Ok(()) => {
                        state.in_a_row += 1;
                        return;
                    }
                    // Served by the pool meanwhile, or gone.
                    Err(back) => conn = back,
                }
            }
        }
        state.in_a_row = 0;
        if state.waiting.is_empty() && state.kept.len() < self.capacity {
            state.kept.push((conn, Instant::now()));
        } else {
            drop(state);
            drop(conn);
        }
    }

    fn lock(&self) -> std::sync::MutexGuard<'_, State<DB>> {
        // A panic while holding this lock leaves plain collections behind: still usable.
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

impl<DB: Database> Reader<'_, DB> {
    /// Its statement returned (rows or an answer): the connection is ready for the next.
    pub fn finished(mut self) {
        self.finished = true;
    }
}

impl<DB: Database> std::ops::Deref for Reader<'_, DB> {
    type Target = DB::Connection;
    fn deref(&self) -> &DB::Connection {
        self.conn
            .as_ref()
            .expect("a reader has its connection until dropped")
    }
}

impl<DB: Database> std::ops::DerefMut for Reader<'_, DB> {
    fn deref_mut(&mut self) -> &mut DB::Connection {
        self.conn
            .as_mut()
            .expect("a reader has its connection until dropped")
    }
}

impl<DB: Database> Drop for Reader<'_, DB> {
    fn drop(&mut self) {
        // Unfinished, it is dropped here: sqlx's release, which pings it.
        if let Some(conn) = self.conn.take()
            && self.finished
        {
            self.home.keep(conn);
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use sqlx::sqlite::{SqlitePool, SqlitePoolOptions};
    use sqlx::{Executor, Sqlite};
    use std::sync::Arc;
    use std::sync::atomic::AtomicUsize;

    /// A pool that counts the connections given back through sqlx's release (its ping).
    /// Each connection of an in-memory SQLite pool is a database of its own.
    async fn pool() -> (SqlitePool, Arc<AtomicUsize>) {
        let released = Arc::new(AtomicUsize::new(0));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .after_release({
                let released = released.clone();
                move |_, _| {
                    released.fetch_add(1, Ordering::SeqCst);
                    Box::pin(async { Ok(true) })
                }
            })
            .connect("sqlite::memory:")
            .await
            .unwrap();
        (pool, released)
    }

    /// Waits for sqlx's release task (spawned when a connection is dropped).
    async fn released_after_a_while(released: &AtomicUsize) -> usize {
        for _ in 0..100 {
            if released.load(Ordering::SeqCst) > 0 {
                break;
            }
            tokio::time::sleep(Duration::from_millis(10)).await;
        }
        released.load(Ordering::SeqCst)
    }

    async fn lend_marked(readers: &Readers<Sqlite>, pool: &SqlitePool, finish: bool) {
        let mut conn = readers.get(pool).await.unwrap();
        conn.execute("CREATE TABLE marker (x)").await.unwrap();
        if finish {
            conn.finished();
        }
    }

    #[tokio::test]
    async fn a_finished_read_leaves_its_connection_for_the_next() {
        let ((pool, released), readers) = (pool().await, Readers::with_limits(2, FRESH_FOR));
        lend_marked(&readers, &pool, true).await;
        assert_eq!(readers.kept(), 1);
        let mut next = readers.get(&pool).await.unwrap();
        let marked = next
            .fetch_optional("SELECT 1 FROM sqlite_master WHERE name = 'marker'")
            .await
            .unwrap();
        assert!(marked.is_some(), "the same connection");
        assert_eq!(readers.kept(), 0, "lent out again");
        assert_eq!(released_after_a_while(&released).await, 0, "never released");
    }

    #[tokio::test]
    async fn an_unfinished_read_gives_its_connection_back_through_the_pool() {
        let ((pool, released), readers) = (pool().await, Readers::with_limits(2, FRESH_FOR));
        lend_marked(&readers, &pool, false).await;
        assert_eq!(readers.kept(), 0);
        assert_eq!(released_after_a_while(&released).await, 1);
    }

    #[tokio::test]
    async fn a_stale_connection_goes_back_through_the_pool() {
        let ((pool, released), readers) = (pool().await, Readers::with_limits(2, Duration::ZERO));
        lend_marked(&readers, &pool, true).await;
        assert_eq!(readers.kept(), 1);
        let _next = readers.get(&pool).await.unwrap();
        assert_eq!(readers.kept(), 0);
        assert_eq!(released_after_a_while(&released).await, 1);
    }

    /// A pool of 4 whose reads are served in arrival order.
    async fn full_pool() -> (SqlitePool, Arc<Readers<Sqlite>>) {
        (pool().await.0, Arc::new(Readers::in_arrival_order(4)))
    }

    /// Every connection of the pool, lent to reads.
    async fn lend_all<'a>(
        readers: &'a Readers<Sqlite>,
        pool: &SqlitePool,
    ) -> Vec<Reader<'a, Sqlite>> {
        let mut lent = Vec::new();
        for _ in 0..pool.options().get_max_connections() {
            lent.push(readers.get(pool).await.unwrap());
        }
        lent
    }

    /// A read that waits is served before one that arrives after it: the connection a read
    /// finishes goes to the oldest waiting read, not onto the stack for a later arrival.
    #[tokio::test]
    async fn a_waiting_read_is_served_before_a_later_one() {
        let (pool, readers) = full_pool().await;
        let mut lent = lend_all(&readers, &pool).await;
        let (first, served) = tokio::sync::oneshot::channel();
        let waiting = tokio::spawn({
            let (readers, pool) = (readers.clone(), pool.clone());
            async move {
                let conn = readers.get(&pool).await.unwrap();
                first.send(()).unwrap();
                tokio::time::sleep(Duration::from_millis(50)).await;
                conn.finished();
            }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        lent.pop().unwrap().finished();
        let later = tokio::time::timeout(Duration::from_secs(2), readers.get(&pool)).await;
        let served = tokio::time::timeout(Duration::from_secs(2), served).await;
        assert!(
            matches!(served, Ok(Ok(()))) && later.is_ok(),
            "the waiting read is served first, the later one after it"
        );
        waiting.await.unwrap();
        drop(lent);
    }

    /// Reads that keep the pool busy among themselves still let a connection back to the
    /// pool now and then: a writer waiting there is not starved.
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn reads_handing_connections_round_do_not_starve_the_pool_queue() {
        let (pool, readers) = full_pool().await;
        let lent = lend_all(&readers, &pool).await;
        let writer = tokio::spawn({
            let pool = pool.clone();
            async move { tokio::time::timeout(Duration::from_secs(3), pool.acquire()).await }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        let stop = Arc::new(AtomicBool::new(false));
        let rounds = Arc::new(AtomicUsize::new(0));
        let mut reads = Vec::new();
        for _ in 0..16 {
            let (readers, pool) = (readers.clone(), pool.clone());
            let (stop, rounds) = (stop.clone(), rounds.clone());
            reads.push(tokio::spawn(async move {
                while !stop.load(Ordering::SeqCst) {
                    let conn = readers.get(&pool).await.unwrap();
                    tokio::task::yield_now().await;
                    conn.finished();
                    rounds.fetch_add(1, Ordering::SeqCst);
                }
            }));
        }
        tokio::time::sleep(Duration::from_millis(50)).await;
        for conn in lent {
            conn.finished();
        }
        let written = writer.await.unwrap();
        stop.store(true, Ordering::SeqCst);
        assert!(
            written.is_ok(),
            "the writer waited through {rounds:?} reads"
        );
        drop(written);
        for read in reads {
            read.await.unwrap();
        }
    }

    /// A read never gives up a connection the pool is opening for it: while the pool may
    /// still grow, a read waits for the pool alone (a connection abandoned half-open is
    /// opened again by the next read: on PostgreSQL a server process and an authentication).
    #[tokio::test(flavor = "multi_thread", worker_threads = 2)]
    async fn a_read_does_not_abandon_a_connection_being_opened() {
        let opened = Arc::new(AtomicUsize::new(0));
        let pool = SqlitePoolOptions::new()
            .max_connections(4)
            .after_connect({
                let opened = opened.clone();
                move |_, _| {
                    let opened = opened.clone();
                    Box::pin(async move {
                        opened.fetch_add(1, Ordering::SeqCst);
                        tokio::time::sleep(Duration::from_millis(200)).await;
                        Ok(())
                    })
                }
            })
            .connect("sqlite::memory:")
            .await
            .unwrap();
        let readers = Arc::new(Readers::in_arrival_order(4));
        let first = readers.get(&pool).await.unwrap();
        let second = tokio::spawn({
            let (readers, pool) = (readers.clone(), pool.clone());
            async move { readers.get(&pool).await.unwrap().finished() }
        });
        tokio::time::sleep(Duration::from_millis(50)).await;
        first.finished();
        second.await.unwrap();
        tokio::time::sleep(Duration::from_millis(300)).await;
        assert_eq!(
            (pool.size() as usize, opened.load(Ordering::SeqCst)),
            (2, 2),
            "every connection opened is in the pool"
        );
    }

    #[tokio::test]
    async fn no_more_than_capacity_are_kept_and_none_after_close() {
        let ((pool, _), readers) = (pool().await, Readers::with_limits(2, FRESH_FOR));
        let lent = [
            readers.get(&pool).await.unwrap(),
            readers.get(&pool).await.unwrap(),
            readers.get(&pool).await.unwrap(),
        ];
        for conn in lent {
            conn.finished();
        }
        assert_eq!(readers.kept(), 2);
        assert_eq!(readers.give_back().len(), 2);
        readers.get(&pool).await.unwrap().finished();
        assert_eq!(readers.kept(), 1);
        readers.close();
        assert_eq!(readers.kept(), 0);
        readers.get(&pool).await.unwrap().finished();
        assert_eq!(readers.kept(), 0, "closed: nothing kept");
        pool.close().await;
    }
}
