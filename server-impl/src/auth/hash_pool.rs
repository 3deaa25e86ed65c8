//! A fixed set of named password-hashing threads, one per core, each owning the argon2
//! memory it hashes in (ADR 0004).
//!
//! argon2id fills 19 MiB per computation. Allocated afresh on whichever blocking thread ran
//! it, that memory stayed with the allocator's per-thread arenas: a 64-connection login storm
//! left the process at 400 MiB. Here a worker allocates its blocks once, reuses them for every
//! hash, and hands the pages back to the kernel after [`LINGER`] without work, so memory is
//! bounded by `workers × 19 MiB` during a storm and returns to the idle level after it.
//!
//! A caller waits for a permit (one per worker, counted in the queue-depth gauge while it
//! waits), takes an idle worker, sends it the job over that worker's one-slot channel and
//! awaits the answer on a oneshot. The job carries the permit: it is given back only when the
//! worker is idle again, also when the caller stopped waiting.

use std::panic::{AssertUnwindSafe, catch_unwind};
use std::sync::mpsc::{self, RecvTimeoutError, SyncSender};
use std::sync::{Arc, Mutex, PoisonError};
use std::thread::JoinHandle;
use std::time::{Duration, Instant};

use anyhow::Context;
use argon2::Block;
use tokio::sync::{OwnedSemaphorePermit, Semaphore, oneshot};

/// How long a worker keeps its memory resident after its last job.
pub const LINGER: Duration = Duration::from_secs(2);

/// A worker's argon2 memory: allocated at its first job, grown only for a stored hash made
/// with more memory than any before, never shrunk; its pages are released when idle.
#[derive(Default)]
pub struct Memory {
    blocks: Vec<Block>,
}

impl Memory {
    /// The first `count` blocks (argon2 overwrites them all; their content does not matter).
    pub fn blocks(&mut self, count: usize) -> &mut [Block] {
        if self.blocks.len() < count {
            self.blocks = Vec::new(); // free the smaller buffer before allocating the larger
            self.blocks.resize(count, Block::new());
        }
        &mut self.blocks[..count]
    }

    /// Gives the pages back to the kernel and keeps the allocation: whatever the allocator
    /// would do with a freed 19 MiB buffer (glibc keeps it in the thread's arena), the
    /// process shrinks, and the next job faults in zeroed pages.
    fn release(&mut self) {
        #[cfg(target_os = "linux")]
        {
            // A multiple of every page size Linux uses (4 KiB, 16 KiB, 64 KiB).
            const ALIGN: usize = 64 * 1024;
            let start = self.blocks.as_mut_ptr() as usize;
            let end = start + std::mem::size_of_val(self.blocks.as_slice());
            let first = start.next_multiple_of(ALIGN);
            let last = end - end % ALIGN;
            if last > first {
                // SAFETY: [first, last) lies inside the buffer this Vec owns, nothing borrows
                // it (`&mut self`), and it is private anonymous memory (heap or an anonymous
                // mapping), which MADV_DONTNEED turns into zero-filled pages on next access:
                // all-zero bytes are a valid `Block` (`[u64; 128]`). The allocator's own
                // bookkeeping lies outside the buffer. A failure leaves the pages as they are.
                unsafe {
                    libc::madvise(
                        first as *mut libc::c_void,
                        last - first,
                        libc::MADV_DONTNEED,
                    );
                }
            }
        }
        #[cfg(not(target_os = "linux"))]
        {
            self.blocks = Vec::new();
        }
    }
}

type Job = Box<dyn FnOnce(&mut Memory) + Send>;

struct Task {
    job: Job,
    /// Given back once the worker is on the idle list again.
    permit: OwnedSemaphorePermit,
}

/// The workers; they stop (after the job at hand) when the pool is dropped.
pub struct HashPool {
    permits: Arc<Semaphore>,
    /// Workers without a job, most recently used last (so a light load keeps one warm).
    idle: Arc<Mutex<Vec<usize>>>,
    senders: Vec<SyncSender<Task>>,
    threads: Vec<JoinHandle<()>>,
}

impl HashPool {
    /// `workers` threads named `hash-worker-N`.
    pub fn new(workers: usize) -> anyhow::Result<HashPool> {
        let workers = workers.max(1);
        let idle = Arc::new(Mutex::new((0..workers).rev().collect::<Vec<_>>()));
        let mut senders = Vec::with_capacity(workers);
        let mut threads = Vec::with_capacity(workers);
        for index in 0..workers {
            let (sender, receiver) = mpsc::sync_channel::<Task>(1);
            let idle = idle.clone();
            let thread = std::thread::Builder::new()
                .name(format!("hash-worker-{index}"))
                .spawn(move || work(index, &receiver, &idle))
                .context("cannot start a password-hashing thread")?;
            senders.push(sender);
            threads.push(thread);
        }
        Ok(HashPool {
            permits: Arc::new(Semaphore::new(workers)),
            idle,
            senders,
            threads,
        })
    }

    pub fn workers(&self) -> usize {
        self.senders.len()
    }

    /// Runs `work` on a worker once one is free. The metrics show how many wait for one
    /// (`todo_api_password_hash_queue_depth`) and how long each computation takes.
    pub async fn run<T: Send + 'static>(
        &self,
        work: impl FnOnce(&mut Memory) -> T + Send + 'static,
    ) -> anyhow::Result<T> {
        let waiting = crate::monitoring::Queued::enter("todo_api_password_hash_queue_depth");
        let permit = self
            .permits
            .clone()
            .acquire_owned()
            .await
            .context("hasher closed")?;
        drop(waiting);
        let worker = lock(&self.idle)
            .pop()
            .context("no idle hashing worker despite a permit")?;
        let (answer, answered) = oneshot::channel();
        let job: Job = Box::new(move |memory| {
            let _ = answer.send(work(memory)); // the caller may have gone
        });
        self.senders[worker]
            .try_send(Task { job, permit })
            .map_err(|_| anyhow::anyhow!("hashing worker {worker} is not accepting work"))?;
        answered.await.context("hashing task failed")
    }
}

impl Drop for HashPool {
    /// Closes the channels and waits for the workers (at most one job each).
    fn drop(&mut self) {
        self.senders.clear();
        for thread in self.threads.drain(..) {
            let _ = thread.join();
        }
    }
}

fn work(index: usize, tasks: &mpsc::Receiver<Task>, idle: &Mutex<Vec<usize>>) {
    let mut memory = Memory::default();
    loop {
        let task = match tasks.recv_timeout(LINGER) {
            Ok(task) => task,
            Err(RecvTimeoutError::Timeout) => {
                memory.release();
                // What the requests around the hashes freed (buffers, rows) goes back too.
                crate::memory::give_back_free_memory();
                match tasks.recv() {
                    Ok(task) => task,
                    Err(_) => return,
                }
            }
            Err(RecvTimeoutError::Disconnected) => return,
        };
        let Task { job, permit } = task;
        let started = Instant::now();
        // A panic drops the job's answer sender: its caller gets an error, the worker stays.
        let _ = catch_unwind(AssertUnwindSafe(|| job(&mut memory)));
        metrics::histogram!("todo_api_password_hash_duration_seconds")
            .record(started.elapsed().as_secs_f64());
        lock(idle).push(index);
        drop(permit);
    }
}

fn lock(idle: &Mutex<Vec<usize>>) -> std::sync::MutexGuard<'_, Vec<usize>> {
    idle.lock().unwrap_or_else(PoisonError::into_inner)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
    async fn many_concurrent_callers_each_get_their_own_answer() {
        let pool = Arc::new(HashPool::new(2).unwrap());
        let calls = (0..64u64).map(|n| {
            let pool = pool.clone();
            tokio::spawn(async move {
                pool.run(move |memory| {
                    let blocks = memory.blocks(16);
                    blocks[0].as_mut()[0] = n;
                    (n, std::thread::current().name().map(str::to_owned))
                })
                .await
                .unwrap()
            })
        });
        for (n, call) in (0..64u64).zip(calls.collect::<Vec<_>>()) {
            let (answer, thread) = call.await.unwrap();
            assert_eq!(answer, n);
            let thread = thread.unwrap();
            assert!(thread.starts_with("hash-worker-"), "{thread}");
        }
        // A caller has its answer before its worker is back: the worker answers, records
        // the duration, goes back to the idle list, then gives up its permit. Both permits
        // back means both workers are back.
        let both = tokio::time::timeout(Duration::from_secs(10), pool.permits.acquire_many(2))
            .await
            .expect("both workers give their permits back")
            .unwrap();
        assert_eq!(lock(&pool.idle).len(), 2, "every worker is idle again");
        drop(both);
        assert_eq!(pool.permits.available_permits(), 2);
    }

    #[tokio::test]
    async fn a_panicking_job_fails_its_caller_and_keeps_the_worker() {
        let pool = HashPool::new(1).unwrap();
        let failed = pool.run(|_| -> u8 { panic!("boom") }).await;
        assert!(failed.is_err());
        assert_eq!(pool.run(|_| 7).await.unwrap(), 7);
    }

    #[tokio::test]
    async fn a_cancelled_caller_gives_its_worker_back() {
        let pool = HashPool::new(1).unwrap();
        let slow = pool.run(|_| std::thread::sleep(Duration::from_millis(50)));
        tokio::select! {
            _ = slow => unreachable!("cancelled below"),
            () = tokio::task::yield_now() => {}
        }
        // Sent or not, the cancelled job's permit and worker come back.
        assert_eq!(pool.run(|_| 1).await.unwrap(), 1);
    }

    #[test]
    fn dropping_the_pool_stops_its_threads_without_panicking() {
        let runtime = tokio::runtime::Builder::new_current_thread()
            .build()
            .unwrap();
        let pool = HashPool::new(3).unwrap();
        assert_eq!(runtime.block_on(pool.run(|_| 5)).unwrap(), 5);
        let threads: Vec<_> = pool.threads.iter().map(|t| t.thread().id()).collect();
        assert_eq!(threads.len(), 3);
        drop(pool); // joins: returns only once every worker has left its loop
    }

    #[test]
    fn released_memory_is_reused_and_reads_back_as_zeros() {
        let mut memory = Memory::default();
        memory
            .blocks(256)
            .iter_mut()
            .for_each(|b| b.as_mut().fill(u64::MAX));
        let before = memory.blocks.as_ptr();
        memory.release();
        let blocks = memory.blocks(256);
        assert_eq!(blocks.as_ptr(), before, "same allocation");
        // Pages wholly inside the buffer were dropped; the edges may keep their content.
        assert!(blocks.iter().any(|b| b.as_ref().iter().all(|&w| w == 0)));
    }
}
