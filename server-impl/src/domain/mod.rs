//! The business vocabulary: users, todos and the rules that make a value valid.
//! Nothing here knows about HTTP or SQL.

pub mod audit;
pub mod batch;
pub mod creation;
pub mod flags;
pub mod idempotency;
pub mod invitation;
pub mod list;
pub mod password_policy;
pub mod position;
pub mod rate_limit;
pub mod session;
pub mod stats;
pub mod sync;
pub mod todo;
pub mod todo_query;
pub mod user;
pub mod validation;

pub use audit::{AuditEvent, AuditFilter, Origin};
pub use batch::{BatchAction, BatchOutcome};
pub use creation::Creation;
pub use flags::Flags;
pub use idempotency::{Claim, IdempotencyKey};
pub use invitation::{Invitation, NewInvitation};
pub use list::{
    ListChanges, ListConflict, ListKey, ListOutcome, Member, MemberRole, MoveTarget, NewList,
    TodoList,
};
pub use rate_limit::{RatePolicy, RateState};
pub use session::{NewSession, Rotation, Session, SessionState};
pub use sync::{FeedEntry, FeedPosition, FeedRead, SyncItem, SyncKind, SyncOp};
pub use todo::{
    Conditional, NewTodo, PageKey, Precondition, Priority, Todo, TodoChanges, TodoDraft,
    TodoMoveTarget, TodoPatch,
};
pub use todo_query::{
    SortField, SortKey, SortValue, TagCount, TodoFilter, TodoFilterDraft, TodoSort,
};
pub use user::{
    AccountChange, AdminGuarded, DisplayName, Email, NewUser, Password, Role, User,
    UserCredentials, UserFilter,
};
pub use validation::{FieldError, ValidationErrors};

use chrono::{DateTime, Utc};

/// The current time, truncated to microseconds: the precision both databases store,
/// so a value reads back exactly as it was written.
pub fn now() -> DateTime<Utc> {
    truncate_to_micros(Utc::now())
}

/// Drops the nanoseconds below a microsecond. (chrono's `duration_trunc` works on
/// nanosecond timestamps, which end in 2262: it failed for later instants, and
/// `due_at: 9999-01-01T00:00:00.000000001Z` was answered with nanoseconds the databases
/// never stored.)
pub fn truncate_to_micros(t: DateTime<Utc>) -> DateTime<Utc> {
    use chrono::Timelike;
    t.with_nanosecond(t.nanosecond() / 1_000 * 1_000)
        .expect("fewer nanoseconds are always valid")
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_outside_nanosecond_timestamps_are_truncated_too() {
        // Found by `domain::todo::tests::prop`: years after 2262 (and before 1677) kept
        // their nanoseconds.
        for sent in [
            "2262-04-11T23:47:17.000000001Z",
            "9998-01-01T00:00:00.000000001Z",
            "9999-12-31T23:59:59.999999999Z",
            "0001-01-01T00:00:00.123456789Z",
            "2026-01-01T00:00:00.123456789Z",
        ] {
            let t: DateTime<Utc> = sent.parse().unwrap();
            let micros = &sent[..sent.len() - 4];
            assert_eq!(
                truncate_to_micros(t),
                format!("{micros}Z").parse::<DateTime<Utc>>().unwrap()
            );
        }
    }
}
