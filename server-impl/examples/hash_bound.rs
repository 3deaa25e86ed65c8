//! The hash-bound login limit: argon2id with the server's parameters on every core at once,
//! each thread reusing its memory (the best a login can do). Prints one line:
//! `hash_bound cores=N single_hash_ms=X logins_per_s=Y`.
//! Usage: `cargo run --release --example hash_bound [seconds]` (default 5).

use std::time::{Duration, Instant};

use argon2::{Algorithm, Argon2, Block, Params, Version};
use todo_api::auth::password::{ITERATIONS, MEMORY_KIB, PARALLELISM};

fn main() {
    let seconds: u64 = std::env::args()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(5);
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let params = Params::new(MEMORY_KIB, ITERATIONS, PARALLELISM, None).expect("parameters");
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let threads: Vec<_> = (0..cores)
        .map(|_| {
            let params = params.clone();
            std::thread::spawn(move || {
                let argon = Argon2::new(Algorithm::Argon2id, Version::V0x13, params.clone());
                let mut blocks = vec![Block::new(); params.block_count()];
                let mut out = [0u8; 32];
                let (mut count, mut busy) = (0u32, Duration::ZERO);
                while Instant::now() < deadline {
                    let started = Instant::now();
                    argon
                        .hash_password_into_with_memory(
                            b"password",
                            b"saltsaltsalt",
                            &mut out,
                            &mut blocks,
                        )
                        .expect("argon2");
                    busy += started.elapsed();
                    count += 1;
                }
                (count, busy)
            })
        })
        .collect();
    let (count, busy) = threads
        .into_iter()
        .map(|t| t.join().expect("hashing thread"))
        .fold((0u32, Duration::ZERO), |(c, b), (n, d)| (c + n, b + d));
    let single = busy.as_secs_f64() / f64::from(count.max(1));
    println!(
        "hash_bound cores={cores} single_hash_ms={:.1} logins_per_s={:.1}",
        single * 1000.0,
        cores as f64 / single
    );
}
