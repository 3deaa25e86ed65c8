//! `todo-api seed`: realistic data, fast, for benchmarks and query plans. Deterministic
//! (a fixed-seed generator), so two runs make the same data.

use std::sync::Arc;
use std::time::Instant;

use chrono::{DateTime, TimeDelta, Utc};
use indicatif::{ProgressBar, ProgressDrawTarget, ProgressStyle};
use uuid::{Timestamp, Uuid};

use crate::auth::PasswordHasher;
use crate::domain::{self, DisplayName, Email, NewUser, Priority, Role, Todo};
use crate::repo::Tooling;

const WORDS: [&str; 24] = [
    "buy", "call", "fix", "write", "review", "plan", "clean", "book", "pay", "send", "read",
    "prepare", "milk", "report", "dentist", "garden", "invoice", "tickets", "layout", "taxes",
    "slides", "car", "gift", "backup",
];
const TAGS: [&str; 12] = [
    "home", "work", "errand", "urgent", "later", "family", "health", "money", "travel", "study",
    "garden", "car",
];

/// The heavy user's email and the password of every seeded account.
pub const HEAVY_USER: &str = "heavy@seed.test";
pub const PASSWORD: &str = "seeded password 1";

#[derive(Debug, Clone, clap::Args)]
pub struct SeedArgs {
    /// Accounts to create (the first is heavy@seed.test).
    #[arg(long, default_value_t = 10_000)]
    pub users: u32,
    /// Todos in all.
    #[arg(long, default_value_t = 1_000_000)]
    pub todos: u32,
    /// How many of them belong to heavy@seed.test.
    #[arg(long, default_value_t = 100_000)]
    pub heavy_todos: u32,
}

/// xorshift64*: small, fast, and deterministic.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_F491_4F6C_DD1D)
    }

    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }

    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

fn todo(rng: &mut Rng, owner: Uuid, created_at: DateTime<Utc>, now: DateTime<Utc>) -> Todo {
    let micros = created_at.timestamp_micros();
    let ts = Timestamp::from_unix(
        uuid::NoContext,
        (micros / 1_000_000) as u64,
        ((micros % 1_000_000) * 1000) as u32,
    );
    let title = format!(
        "{} {} {}",
        WORDS[rng.below(WORDS.len() as u64) as usize],
        WORDS[rng.below(WORDS.len() as u64) as usize],
        rng.below(10_000)
    );
    let completed = rng.chance(40);
    let completed_at = completed
        .then(|| (created_at + TimeDelta::minutes(rng.below(60 * 24 * 30) as i64)).min(now));
    let due_at = rng.chance(50).then(|| {
        domain::truncate_to_micros(
            now + TimeDelta::minutes(rng.below(60 * 24 * 120) as i64 - 60 * 24 * 60),
        )
    });
    let mut tags: Vec<String> = (0..rng.below(4))
        .map(|_| TAGS[rng.below(TAGS.len() as u64) as usize].to_owned())
        .collect();
    tags.sort();
    tags.dedup();
    Todo {
        id: Uuid::new_v7(ts),
        owner_id: owner,
        notes: rng.chance(30).then(|| {
            format!(
                "remember the {} before {}",
                WORDS[rng.below(WORDS.len() as u64) as usize],
                rng.below(1000)
            )
        }),
        title,
        completed,
        completed_at,
        due_at,
        priority: [
            Priority::Low,
            Priority::Normal,
            Priority::Normal,
            Priority::High,
        ][rng.below(4) as usize],
        created_at,
        updated_at: completed_at.unwrap_or(created_at),
        version: 1,
        tags,
        list_id: owner,
        parent_id: None,
        // Set by `seed`: last in the owner's Inbox.
        position: String::new(),
        subtask_count: 0,
        completed_subtask_count: 0,
        created_by: Some(owner),
        updated_by: None,
        completed_by: None,
    }
}

pub async fn seed(store: Arc<dyn Tooling>, args: &SeedArgs) -> anyhow::Result<()> {
    let started = Instant::now();
    let mut rng = Rng(0x9E37_79B9_7F4A_7C15);
    let now = domain::now();
    let hash = PasswordHasher::new()?.hash(PASSWORD).await?;
    let mut users = Vec::with_capacity(args.users as usize);
    for i in 0..args.users.max(1) {
        let email = if i == 0 {
            HEAVY_USER.to_owned()
        } else {
            format!("user{i}@seed.test")
        };
        users.push(NewUser {
            id: Uuid::now_v7(),
            email: Email::parse(&email).map_err(|e| anyhow::anyhow!(e))?,
            display_name: DisplayName::parse(&format!("Seed user {i}"))
                .map_err(|e| anyhow::anyhow!(e))?,
            password_hash: hash.clone(),
            role: Role::User,
            created_at: now - TimeDelta::days(400),
        });
    }
    // One transaction, indexes built after the load (ADR 0028).
    let mut load = store.begin_seed(&users).await?;
    tracing::info!(users = users.len(), elapsed = ?started.elapsed(), "seeded accounts");

    // Creation times spread over the last year, in order, so ids and created_at agree.
    let total = args.todos.max(args.heavy_todos);
    let step = TimeDelta::microseconds((365 * 24 * 3600 * 1_000_000_i64) / i64::from(total.max(1)));
    let mut created_at = now - TimeDelta::days(365);
    let mut heavy_left = args.heavy_todos;
    let mut batch = Vec::with_capacity(BATCH);
    let progress = progress_bar(u64::from(total));
    // Each owner's last key: appending keeps keys short (a0..az, b00..), where the database's
    // fallback for inserts without a position would grow them by a digit every few dozen.
    let mut last_key: std::collections::HashMap<Uuid, String> = std::collections::HashMap::new();
    for n in 0..total {
        created_at += step;
        let others_left = total - n - heavy_left;
        let heavy = heavy_left > 0
            && (others_left == 0 || rng.below(u64::from(total - n)) < u64::from(heavy_left));
        let owner = if heavy || users.len() == 1 {
            heavy_left = heavy_left.saturating_sub(1);
            users[0].id
        } else {
            users[1 + rng.below(users.len() as u64 - 1) as usize].id
        };
        let mut next = todo(&mut rng, owner, created_at, now);
        let key = domain::position::key_between(last_key.get(&owner).map(String::as_str), None)?;
        last_key.insert(owner, key.clone());
        next.position = key;
        batch.push(next);
        if batch.len() == BATCH {
            load.todos(&batch).await?;
            batch.clear();
            progress.set_position(u64::from(n) + 1);
        }
        if n > 0 && n % 100_000 == 0 {
            tracing::info!(todos = n, elapsed = ?started.elapsed(), "seeding");
        }
    }
    load.todos(&batch).await?;
    progress.set_position(u64::from(total));
    tracing::info!(todos = total, elapsed = ?started.elapsed(), "loaded todos");
    let finished = load
        .finish(&|phase| {
            tracing::info!(elapsed = ?started.elapsed(), "seeding: {phase}");
            progress.set_message(phase.to_owned());
        })
        .await;
    progress.finish_and_clear();
    finished?;
    tracing::info!(todos = total, elapsed = ?started.elapsed(), "seeded todos");
    Ok(())
}

/// Todos per call of the bulk load (one `COPY` or a few multi-row INSERTs).
const BATCH: usize = 10_000;

/// Todos loaded of all, then the phase after the load; drawn only when stderr is a terminal.
fn progress_bar(total: u64) -> ProgressBar {
    let progress = ProgressBar::with_draw_target(Some(total), ProgressDrawTarget::stderr());
    progress.set_style(
        ProgressStyle::with_template(
            "seed {wide_bar} {human_pos}/{human_len} todos {msg} ({elapsed})",
        )
        .expect("valid progress template"),
    );
    progress
}
