//! Persistence: repository traits the rest of the application talks to, and their
//! SQLite and PostgreSQL implementations (one SQL body for both: `repo/sql/`, one file per
//! aggregate, compiled per back end with its `Dialect`; ADR 0002).
//! Nothing here knows about HTTP.

mod connect;
mod db_tags;
mod db_time;
mod dialect;
mod error;
mod fts_folding;
mod listener;
mod postgres;
mod readers;
mod rows;
mod signals;
mod sqlite;
mod sqlite_signals;
mod text_estimate;
mod write_turn;

use async_trait::async_trait;
use uuid::Uuid;

use crate::domain::Conditional;
use chrono::{DateTime, Utc};

use crate::domain::{
    AccountChange, AdminGuarded, AuditEvent, AuditFilter, DisplayName, Flags, Invitation,
    ListChanges, ListKey, ListOutcome, Member, MemberRole, MoveTarget, NewInvitation, NewList,
    NewSession, NewTodo, NewUser, PageKey, Rotation, Session, SessionState, Todo, TodoChanges,
    TodoList, User, UserCredentials, UserFilter, ValidationErrors,
};

use connect::tolerant;
pub use connect::{PoolSettings, PoolStats, connect, connect_for_tooling, describe_url};
pub use db_tags::DbTags;
pub use db_time::DbTime;
pub use error::RepoError;
pub use postgres::PostgresStore;
pub use signals::{ChangeWatch, NoSink, Settle, SharedSink, SignalSink, SyncSignal};
pub use sqlite::{SqliteBackupSource, SqliteStore};

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait UserRepository: Send + Sync {
    /// Stores a new account; `RepoError::UniqueViolation` when the email is taken.
    async fn insert_user(&self, user: &NewUser) -> Result<User, RepoError>;
    async fn find_credentials_by_email(
        &self,
        normalized_email: &str,
    ) -> Result<Option<UserCredentials>, RepoError>;
    async fn find_user(&self, id: Uuid) -> Result<Option<User>, RepoError>;
    async fn update_display_name(
        &self,
        id: Uuid,
        name: &DisplayName,
        now: DateTime<Utc>,
    ) -> Result<Option<User>, RepoError>;
    /// Replaces the hash without touching sessions (a rehash with stronger parameters),
    /// only while the stored hash is still `verified` (never writes back an old password).
    async fn upgrade_password_hash(
        &self,
        id: Uuid,
        verified: &str,
        hash: &str,
    ) -> Result<(), RepoError>;
    /// Sets a new password, bumps the credentials version and revokes every session of the
    /// account except `keep`, which moves to the new version (one transaction).
    async fn change_password(
        &self,
        id: Uuid,
        hash: &str,
        now: DateTime<Utc>,
        keep: Option<Uuid>,
        event: &AuditEvent,
    ) -> Result<(), RepoError>;
    /// Changes role and/or disabled (disabling revokes every session), unless that would
    /// leave no active admin. Serialised against other such changes. Records `event`
    /// (targeting the account, with the changed values in its details) with the change.
    async fn update_account(
        &self,
        id: Uuid,
        change: AccountChange,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<AdminGuarded<User>, RepoError>;
    /// Deletes the account with its sessions, unless it is the last active admin; records
    /// `event` with the deletion. Lists it is the only owner of go with their todos; its
    /// todos in lists that stay pass to another owner of the list (one transaction).
    async fn delete_user(
        &self,
        id: Uuid,
        event: &AuditEvent,
    ) -> Result<AdminGuarded<()>, RepoError>;
    /// A page of accounts matching `filter`, newest first.
    async fn list_users(
        &self,
        filter: &UserFilter,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<User>, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait TodoRepository: Send + Sync {
    /// Stores a todo last among its siblings in its list (`me`'s Inbox by default), if `me`
    /// may write to that list (`NotFound` for a non-member, `Forbidden` for a viewer) and its
    /// parent fits (`Invalid`).
    async fn insert_todo(&self, me: Uuid, todo: &NewTodo) -> Result<Conditional<Todo>, RepoError>;
    /// `None` when the todo does not exist or is in a list `me` is not a member of.
    async fn find_todo(&self, me: Uuid, id: Uuid) -> Result<Option<Todo>, RepoError>;
    /// Up to `limit` todos of `me`'s lists (or the one list of `filter`) matching `filter`,
    /// in `sort` order, strictly after `after`; with their tags and subtask counts (one
    /// more query, whatever the page size).
    async fn list_todos(
        &self,
        me: Uuid,
        filter: &crate::domain::TodoFilter,
        sort: crate::domain::TodoSort,
        after: Option<crate::domain::SortKey>,
        limit: u32,
        now: DateTime<Utc>,
    ) -> Result<Vec<Todo>, RepoError>;
    /// Whether `me` is a member of `list` and can see the todo `parent` (each if given).
    async fn can_see(
        &self,
        me: Uuid,
        list: Option<Uuid>,
        parent: Option<Uuid>,
    ) -> Result<bool, RepoError>;
    /// Applies the changes in one statement, if the todo is at `expected_version` (any
    /// version when `None`) and `me` may write to its list, and bumps its version. A new
    /// list moves it (with its subtasks) last into that list.
    async fn update_todo(
        &self,
        me: Uuid,
        id: Uuid,
        changes: &TodoChanges,
        expected_version: Option<i64>,
    ) -> Result<Conditional<Todo>, RepoError>;
    /// Moves the todo in its list's manual order (serialised per list).
    async fn move_todo(
        &self,
        me: Uuid,
        id: Uuid,
        target: &crate::domain::TodoMoveTarget,
        expected_version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<Conditional<Todo>, RepoError>;
    /// Applies `action` to all of `ids` (todos `me` may write) in one transaction, or to
    /// none if any is missing or read-only.
    async fn batch_todos(
        &self,
        me: Uuid,
        action: crate::domain::BatchAction,
        ids: &[Uuid],
        now: DateTime<Utc>,
    ) -> Result<crate::domain::BatchOutcome, RepoError>;
    /// Deletes the todo (and its subtasks) if it is at `expected_version` (any version when
    /// `None`) and `me` may write to its list.
    async fn delete_todo(
        &self,
        me: Uuid,
        id: Uuid,
        expected_version: Option<i64>,
    ) -> Result<Conditional<()>, RepoError>;
}

/// Lists as their members see them. Every statement carries the caller's membership (and
/// the role it needs) in its own conditions (ADR 0025); a non-member's answer is
/// `NotFound`, a member's whose role is too low `Forbidden`.
#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait ListRepository: Send + Sync {
    /// Up to `limit` of the caller's lists in their order, after `after`, each with the
    /// caller's role and the member count (one statement).
    async fn list_lists(
        &self,
        me: Uuid,
        after: Option<ListKey>,
        limit: u32,
    ) -> Result<Vec<TodoList>, RepoError>;
    /// The list, if the caller is a member.
    async fn find_list(&self, me: Uuid, id: Uuid) -> Result<Option<TodoList>, RepoError>;
    /// Stores a list owned by the caller, last in their order, unless they already have
    /// `MAX_LISTS_PER_ACCOUNT` lists.
    async fn insert_list(
        &self,
        me: Uuid,
        list: &NewList,
    ) -> Result<ListOutcome<TodoList>, RepoError>;
    /// Renames/recolours (owner), if at `expected_version` (any when `None`).
    async fn update_list(
        &self,
        me: Uuid,
        id: Uuid,
        changes: &ListChanges,
        expected_version: Option<i64>,
        now: DateTime<Utc>,
    ) -> Result<ListOutcome<TodoList>, RepoError>;
    /// Deletes the list (owner; never the default list; with todos only if `delete_todos`).
    async fn delete_list(
        &self,
        me: Uuid,
        id: Uuid,
        delete_todos: bool,
        expected_version: Option<i64>,
    ) -> Result<ListOutcome<()>, RepoError>;
    /// Moves the list in the caller's own order (any member). `Conflict` never; a target
    /// that is not one of the caller's lists is `Err(ValidationErrors)` in the outcome's
    /// `Ok`.
    async fn move_list(
        &self,
        me: Uuid,
        id: Uuid,
        target: MoveTarget,
    ) -> Result<Result<ListOutcome<TodoList>, ValidationErrors>, RepoError>;
}

/// Members and invitations, with the caller's membership in every statement (ADR 0025).
/// Membership changes of a list are serialised by a lock on the list's row (PostgreSQL) or
/// the write lock (SQLite).
#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait SharingRepository: Send + Sync {
    /// A page of the list's members, oldest first (any member may look).
    async fn list_members(
        &self,
        me: Uuid,
        list_id: Uuid,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<ListOutcome<Vec<Member>>, RepoError>;
    /// Changes a member's role (owner); the last owner cannot step down. Records `event`.
    async fn update_member(
        &self,
        me: Uuid,
        list_id: Uuid,
        user_id: Uuid,
        role: MemberRole,
        event: &AuditEvent,
    ) -> Result<ListOutcome<Member>, RepoError>;
    /// Removes a member (an owner removes anyone, a member themselves); the last owner
    /// cannot leave. Records `event`.
    async fn remove_member(
        &self,
        me: Uuid,
        list_id: Uuid,
        user_id: Uuid,
        event: &AuditEvent,
    ) -> Result<ListOutcome<()>, RepoError>;
    /// Stores an invitation (owner), replacing a pending one to the same address.
    async fn create_invitation(
        &self,
        me: Uuid,
        list_id: Uuid,
        invitation: &NewInvitation,
    ) -> Result<ListOutcome<Invitation>, RepoError>;
    /// A page of the list's unexpired invitations, newest first (owner).
    async fn list_list_invitations(
        &self,
        me: Uuid,
        list_id: Uuid,
        now: DateTime<Utc>,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<ListOutcome<Vec<Invitation>>, RepoError>;
    /// Deletes an invitation of the list (owner).
    async fn revoke_invitation(
        &self,
        me: Uuid,
        list_id: Uuid,
        invitation_id: Uuid,
    ) -> Result<ListOutcome<()>, RepoError>;
    /// A page of the unexpired invitations to the caller's email, newest first.
    async fn list_invitations(
        &self,
        me: Uuid,
        now: DateTime<Utc>,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<Invitation>, RepoError>;
    /// Joins the list with the invitation's role (last in the caller's order) and deletes
    /// the invitation, in one transaction. Records `event`.
    async fn accept_invitation(
        &self,
        me: Uuid,
        invitation_id: Uuid,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<ListOutcome<TodoList>, RepoError>;
    /// Deletes an unexpired invitation to the caller's email; `false` if there was none.
    async fn decline_invitation(
        &self,
        me: Uuid,
        invitation_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<bool, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait TagRepository: Send + Sync {
    /// The owner's tags with their todo counts, alphabetically (by key) after `after`.
    async fn list_tags(
        &self,
        owner: Uuid,
        after: Option<String>,
        limit: u32,
    ) -> Result<Vec<crate::domain::TagCount>, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait StatsRepository: Send + Sync {
    /// The user's data version: bumped (by a trigger) on every write to their todos.
    async fn data_version(&self, owner: Uuid) -> Result<i64, RepoError>;
    /// Aggregates over the owner's todos; completions counted from `since` on.
    async fn aggregate_todos(
        &self,
        owner: Uuid,
        now: DateTime<Utc>,
        since: DateTime<Utc>,
    ) -> Result<crate::domain::stats::Aggregates, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait SessionRepository: Send + Sync {
    /// Opens a session together with its first refresh token, and records `event` (one
    /// transaction).
    async fn create_session(
        &self,
        session: &NewSession,
        event: &AuditEvent,
    ) -> Result<(), RepoError>;
    /// Uses the refresh token with hash `old_hash` and, if it was current and its session
    /// is active, stores `new_hash` as the session's token and slides its expiry (one
    /// transaction). A token used before revokes its session, unless it was used less
    /// than `reuse_interval` ago and `new_hash` is its still unused successor (a retry).
    /// A revocation for reuse records `reuse_event` (targeting the session) with it.
    async fn rotate_refresh_token(
        &self,
        old_hash: &[u8],
        new_hash: &[u8],
        now: DateTime<Utc>,
        ttl: chrono::TimeDelta,
        reuse_interval: chrono::TimeDelta,
        reuse_event: &AuditEvent,
    ) -> Result<Rotation, RepoError>;
    /// The session a refresh token (used or not) belongs to.
    async fn find_session_by_refresh_hash(&self, hash: &[u8]) -> Result<Option<Uuid>, RepoError>;
    /// Whether the session (and its account) still lets its tokens in.
    async fn session_state(
        &self,
        session_id: Uuid,
        now: DateTime<Utc>,
    ) -> Result<Option<SessionState>, RepoError>;
    /// Revokes a session; with `owner`, only if it is theirs. `false` if nothing was revoked.
    /// A revocation records `event` (targeting the session; without an actor, the
    /// session's own account is the actor) in its transaction.
    async fn revoke_session(
        &self,
        session_id: Uuid,
        owner: Option<Uuid>,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<bool, RepoError>;
    /// A page of the user's active sessions, newest first.
    async fn list_sessions(
        &self,
        owner: Uuid,
        now: DateTime<Utc>,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<Session>, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait RateLimitRepository: Send + Sync {
    /// Counts one event for `bucket` in its current window (starting a new window if the
    /// last one is older than `window`); returns the window's count and start. Atomic.
    async fn hit(
        &self,
        bucket: &str,
        now: DateTime<Utc>,
        window: std::time::Duration,
    ) -> Result<(u32, DateTime<Utc>), RepoError>;
    /// Takes back one event counted in the window that started at `window_start` (nothing
    /// if that window is over). Atomic.
    async fn unhit(&self, bucket: &str, window_start: DateTime<Utc>) -> Result<(), RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait PasswordResetRepository: Send + Sync {
    /// Stores a reset token under the account's current credentials version.
    async fn create_reset(
        &self,
        token_hash: &[u8],
        user_id: Uuid,
        now: DateTime<Utc>,
        expires_at: DateTime<Utc>,
    ) -> Result<(), RepoError>;
    /// The account an unused, unexpired token was issued for, if its password has not
    /// changed since.
    async fn find_reset(
        &self,
        token_hash: &[u8],
        now: DateTime<Utc>,
    ) -> Result<Option<Uuid>, RepoError>;
    /// In one transaction: uses the token (if still unused, unexpired and issued under the
    /// current credentials version), sets the password, bumps the version, voids the
    /// account's other reset tokens and revokes all its sessions.
    /// `None` if the token was not usable. A reset records `event` (with the account as
    /// actor and target) in its transaction.
    async fn reset_password(
        &self,
        token_hash: &[u8],
        password_hash: &str,
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<Option<Uuid>, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait IdempotencyRepository: Send + Sync {
    /// Claims `key` for a request whose body hashes to `request_hash`: a new key (or one
    /// older than `ttl`) is owned; a finished one is replayed; a running one younger than
    /// `lock_timeout` is in progress (older: taken over). Atomic across nodes.
    async fn claim_key(
        &self,
        owner: Uuid,
        key: &str,
        request_hash: &[u8],
        now: DateTime<Utc>,
        lock_timeout: std::time::Duration,
        ttl: std::time::Duration,
    ) -> Result<crate::domain::Claim, RepoError>;
    /// In one transaction: stores the todo (as `insert_todo`) and records its response
    /// body (`render` of the stored todo) under the key, if this request still holds the
    /// key's lock (taken at `locked_at`); otherwise nothing is stored and the answer is
    /// `RepoError::IdempotencyLockLost`. A refused todo records nothing.
    async fn insert_todo_for_key(
        &self,
        owner: Uuid,
        todo: &NewTodo,
        key: &str,
        locked_at: DateTime<Utc>,
        render: for<'a> fn(&'a Todo) -> String,
    ) -> Result<Conditional<Todo>, RepoError>;
    /// Forgets a claimed key whose request failed, so that it can be retried at once.
    async fn release_key(&self, owner: Uuid, key: &str) -> Result<(), RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait FlagRepository: Send + Sync {
    /// Every flag (defaults for flags without a row).
    async fn load_flags(&self) -> Result<Flags, RepoError>;
    /// Sets the named flags and, if any value changed, records `event` with the changes
    /// (`{"changes": {name: {"from": old, "to": new}}}`) in the same transaction.
    /// Returns every flag afterwards.
    async fn update_flags(
        &self,
        changes: &[(String, bool)],
        now: DateTime<Utc>,
        event: &AuditEvent,
    ) -> Result<Flags, RepoError>;
}

#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait AuditRepository: Send + Sync {
    /// Records an event that goes with no change (a failed sign-in), on its own.
    async fn record_event(&self, event: &AuditEvent) -> Result<(), RepoError>;
    /// A page of events matching `filter`, newest first.
    async fn list_audit_events(
        &self,
        filter: &AuditFilter,
        after: Option<PageKey>,
        limit: u32,
    ) -> Result<Vec<AuditEvent>, RepoError>;
    /// Deletes events from before `before` (the retention); returns how many.
    async fn purge_audit_events(&self, before: DateTime<Utc>) -> Result<u64, RepoError>;
}

/// What the event streams read besides the feed (ADR 0027).
#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait EventRepository: Send + Sync {
    /// The lists the account is a member of (which list signals wake its streams).
    async fn member_list_ids(&self, user_id: Uuid) -> Result<Vec<Uuid>, RepoError>;
}

/// The change feed (ADR 0026): what changed for one user, read below a commit watermark.
#[cfg_attr(test, mockall::automock)]
#[async_trait]
pub trait SyncRepository: Send + Sync {
    /// Up to `limit + 1` changes after `after` that `me` can see, in feed order, all read in
    /// one snapshot below its watermark (a bounded number of statements, whatever `limit`).
    /// Without `after`: the snapshot, from the origin, without tombstones.
    async fn feed_page(
        &self,
        me: Uuid,
        after: Option<crate::domain::FeedPosition>,
        limit: u32,
    ) -> Result<crate::domain::FeedRead, RepoError>;
    /// The watermark now: every change below it is committed and readable.
    async fn feed_watermark(&self) -> Result<i64, RepoError>;
    /// Deletes tombstones from before `before`, at most `batch` per transaction, raising the
    /// purge horizon to the highest change number deleted in the same transaction. Returns
    /// how many.
    async fn purge_tombstones(&self, before: DateTime<Utc>, batch: u32) -> Result<u64, RepoError>;
}

/// What only the command-line tooling does (`todo-api seed`, `todo-api explain`): a store
/// opened for tooling has these on top of the runtime ones; the server's `dyn Store` has not.
#[async_trait]
pub trait Tooling: Store {
    /// The database's plan for a page of `list_todos` (EXPLAIN / EXPLAIN QUERY PLAN).
    async fn explain_list_todos(
        &self,
        owner: Uuid,
        filter: &crate::domain::TodoFilter,
        sort: crate::domain::TodoSort,
        after: Option<crate::domain::SortKey>,
    ) -> Result<Vec<String>, RepoError>;
    /// The database's plans for the statements a write sends before its change (the locks it
    /// takes and the position it looks up), for `me` writing `todo` in `list`: each with what
    /// it is for. Only those the back end sends (SQLite's write lock replaces the row locks).
    async fn explain_write_path(
        &self,
        me: Uuid,
        list: Uuid,
        todo: Uuid,
    ) -> Result<Vec<(&'static str, Vec<String>)>, RepoError>;
    /// PostgreSQL: for each search term, the rows over all accounts the server estimates from
    /// the columns' statistics (`None` without statistics) and the planner's own estimate
    /// (migration 27), which must agree. SQLite (which counts its text index): none.
    async fn text_estimates(
        &self,
        terms: &[&str],
    ) -> Result<Vec<(String, Option<i64>, i64)>, RepoError>;
    /// Starts the seeding tool's bulk load (ADR 0028): one transaction that inserts `users`
    /// (with their Inboxes) at once and then takes todos through [`SeedLoad`]. It bypasses the
    /// domain rules the data was generated to satisfy.
    async fn begin_seed(&self, users: &[NewUser]) -> Result<Box<dyn SeedLoad>, RepoError>;
}

/// A bulk load in progress (`todo-api seed`, ADR 0028): one transaction on a connection of its
/// own. The todos' secondary indexes and insert triggers are off while it loads; `finish`
/// builds the indexes, does set-wise what the triggers would have done row by row, puts the
/// triggers back and commits, so the database is then as the triggers would have left it, with
/// the schema of a migrated one. Dropped without `finish`, it rolls back, schema included.
#[async_trait]
pub trait SeedLoad: Send {
    /// Inserts full todo rows with their tags, in order (change numbers follow it). Each must
    /// be a top-level todo in its owner's Inbox (`list_id` = `owner_id`).
    async fn todos(&mut self, todos: &[Todo]) -> Result<(), RepoError>;
    /// Builds the indexes, applies the triggers' effects, restores the triggers and commits;
    /// `phase` is told what it is doing (for the progress display).
    async fn finish(self: Box<Self>, phase: &(dyn Fn(&str) + Send + Sync))
    -> Result<(), RepoError>;
}

/// What a bulk load refuses, named (both back ends' loaders).
fn seed_unsupported(what: String) -> RepoError {
    RepoError::Database(sqlx::Error::Configuration(
        format!("the seed's bulk load does not know the {what}").into(),
    ))
}

/// What the tags' insert trigger adds to `list_tag_counts` (ADR 0010) for the tags a bulk
/// load inserts with it off: one per tag in its todo's list, by key and spelling. Applied
/// set-wise by `finish` (both back ends' loaders).
#[derive(Default)]
struct SeedTagCounts(std::collections::HashMap<(Uuid, String, String), i32>);

impl SeedTagCounts {
    fn add(&mut self, todo: &Todo) {
        for tag in &todo.tags {
            let key = crate::domain::todo_query::tag_key(tag);
            *self.0.entry((todo.list_id, key, tag.clone())).or_default() += 1;
        }
    }

    /// The counts as (list, key, spelling, count), in key order.
    fn rows(self) -> Vec<(Uuid, String, String, i32)> {
        let mut rows: Vec<_> = self
            .0
            .into_iter()
            .map(|((list, key, tag), n)| (list, key, tag, n))
            .collect();
        rows.sort();
        rows
    }
}

/// The rows [`SeedLoad::todos`] takes: top-level todos in their owner's Inbox.
fn seed_rows_supported(todos: &[crate::domain::Todo]) -> Result<(), RepoError> {
    match todos
        .iter()
        .find(|t| t.list_id != t.owner_id || t.parent_id.is_some())
    {
        Some(t) => Err(seed_unsupported(format!(
            "todo {} outside its owner's Inbox",
            t.id
        ))),
        None => Ok(()),
    }
}

/// A whole database: every repository plus what operations need.
#[async_trait]
pub trait Store:
    UserRepository
    + TodoRepository
    + TagRepository
    + StatsRepository
    + SessionRepository
    + RateLimitRepository
    + PasswordResetRepository
    + IdempotencyRepository
    + FlagRepository
    + AuditRepository
    + ListRepository
    + SharingRepository
    + SyncRepository
    + EventRepository
{
    /// Deletes what nobody can use any more: rate-limit windows, sessions, reset tokens,
    /// idempotency keys and list invitations that ended before `before`. Returns the number of rows deleted.
    async fn purge_expired(&self, before: DateTime<Utc>) -> Result<u64, RepoError>;
    /// Runs a trivial query; used by the readiness probe.
    async fn ping(&self) -> Result<(), RepoError>;
    /// Applies pending migrations.
    async fn migrate(&self) -> anyhow::Result<()>;
    /// Fails, naming the first one, if a migration of this build is not applied.
    async fn check_schema(&self) -> anyhow::Result<()>;
    /// Waits for checked-out connections to return and closes the pool.
    async fn close(&self);
    fn backend(&self) -> &'static str;
    /// The connection pool as it is now (for the metrics endpoint).
    fn pool_stats(&self) -> PoolStats;
    /// Closes idle connections until `keep` are open (or none is idle); the pool opens new
    /// ones when they are needed again. Answers how many it closed.
    async fn close_idle_connections(&self, keep: u32) -> u32;
    /// Has the idle connections give back the memory they cache (SQLite's page cache);
    /// they read it again from the file when needed. Connections in use are left alone.
    async fn release_idle_memory(&self);
    /// Starts turning committed changes into signals for `sink` (the event hub), until the
    /// returned task is aborted: PostgreSQL `LISTEN`, SQLite's `sync_signals` (ADR 0027).
    fn watch_changes(&self, sink: SharedSink) -> ChangeWatch;
}
